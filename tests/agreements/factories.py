from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from dwarsverband.agreements.constants import ActionStatus, CovenantStatus
from dwarsverband.agreements.models import Action, Agreement, Covenant
from tests.factories import OrganisationFactory


class CovenantFactory(DjangoModelFactory[Covenant]):
    class Meta:
        model = Covenant

    title = factory.Sequence(lambda n: f"Convenant {n}")
    slug = factory.Sequence(lambda n: f"convenant-{n}")
    status = CovenantStatus.RUNNING
    start_date = datetime.date(2015, 1, 1)
    end_date = datetime.date(2018, 12, 31)


class AgreementFactory(DjangoModelFactory[Agreement]):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Afspraak {n}")
    owner_organisation = factory.SubFactory(OrganisationFactory)
    agreed_on = datetime.date(2015, 3, 10)

    @factory.post_generation
    def parties(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        parties = list(extracted) if extracted else []  # type: ignore[call-overload]
        if self.owner_organisation not in parties:
            parties.append(self.owner_organisation)
        self.parties.set(parties)


class ActionFactory(DjangoModelFactory[Action]):
    class Meta:
        model = Action

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Actiepunt {n}")
    owner_organisation = factory.LazyAttribute(lambda action: action.agreement.owner_organisation)
    status = ActionStatus.OPEN
