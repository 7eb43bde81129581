from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from dwarsverband.organisations.constants import OrganisationKind, PersonRole, PlatformRole
from dwarsverband.organisations.models import Organisation, Person, Region, User
from dwarsverband.programmes.constants import Domain
from dwarsverband.programmes.models import Theme


class RegionFactory(DjangoModelFactory[Region]):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"AM{n + 50:02d}")
    name = factory.Sequence(lambda n: f"Regio {n}")
    kind = "labour_market"


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = OrganisationKind.KNOWLEDGE_INSTITUTE


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Persoon {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = PersonRole.CIVIL_SERVANT


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    platform_role = PlatformRole.READER
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class ThemeFactory(DjangoModelFactory[Theme]):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    domain = Domain.HOUSING
