"""Search adapter for covenants, agreements and joint agendas, until the agreements app has
its own `search.py` (then unused).

Visibility follows `agreements.permissions`: everything is public except an internal
agreement, which only its parties (audience "organisation:<id>") and coordinators may find.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.models import Q

from dwarsverband.agreements.models import Agreement, Covenant, CovenantParty, JointAgenda
from dwarsverband.knowledge.constants import AUDIENCE_PUBLIC
from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme

indexed_models = ["agreements.Covenant", "agreements.Agreement", "agreements.JointAgenda"]
# A covenant's parties are usually added and removed as CovenantParty rows, not through the
# many-to-many field, so those rows are watched as well.
shown_models = ["organisations.Organisation", "programmes.Theme", "agreements.CovenantParty"]


def objects(model: type[models.Model]) -> models.QuerySet[Any]:
    if model is Covenant:
        return Covenant.objects.prefetch_related("parties", "themes")
    if model is Agreement:
        return Agreement.objects.select_related("owner_organisation").prefetch_related(
            "parties", "themes"
        )
    return JointAgenda.objects.select_related("municipality").prefetch_related("partners")


def dependents(changed: models.QuerySet[Any]) -> Iterator[models.QuerySet[Any]]:
    if changed.model is Organisation:
        yield Covenant.objects.filter(parties__in=changed)
        yield Agreement.objects.filter(Q(parties__in=changed) | Q(owner_organisation__in=changed))
        yield JointAgenda.objects.filter(Q(municipality__in=changed) | Q(partners__in=changed))
    elif changed.model is Theme:
        yield Covenant.objects.filter(themes__in=changed)
        yield Agreement.objects.filter(themes__in=changed)
    elif changed.model is CovenantParty:
        yield Covenant.objects.filter(party_links__in=changed)


def _covenant_document(covenant: Covenant) -> Document:
    parties = list(covenant.parties.all())
    themes = list(covenant.themes.all())
    parts = [covenant.summary, covenant.programme_text, covenant.period_label]
    parts += [party.name for party in parties] + [theme.name for theme in themes]
    start = covenant.start_date or covenant.signed_on
    return Document(
        doc_type="covenant",
        object_id=covenant.pk,
        title=covenant.title,
        body="\n".join(part for part in parts if part),
        url=covenant.get_absolute_url(),
        source=source_key(covenant),
        themes=tuple(theme.slug for theme in themes),
        organisation=parties[0].slug if parties else "",
        organisation_name=parties[0].name if parties else "",
        year=start.year if start else None,
    )


def _agreement_document(agreement: Agreement) -> Document:
    parties = list(agreement.parties.all())
    themes = list(agreement.themes.all())
    parts = [agreement.description, agreement.source_label]
    parts += [party.name for party in parties] + [theme.name for theme in themes]
    audience = (
        frozenset(f"organisation:{party.pk}" for party in parties)
        if agreement.internal
        else frozenset({AUDIENCE_PUBLIC})
    )
    owner = agreement.owner_organisation
    return Document(
        doc_type="agreement",
        object_id=agreement.pk,
        title=agreement.title,
        body="\n".join(part for part in parts if part),
        url=agreement.get_absolute_url(),
        source=source_key(agreement),
        themes=tuple(theme.slug for theme in themes),
        organisation=owner.slug,
        organisation_name=owner.name,
        year=agreement.agreed_on.year if agreement.agreed_on else None,
        audience=audience,
    )


def _joint_agenda_document(agenda: JointAgenda) -> Document:
    municipality = agenda.municipality
    parts = [agenda.description, municipality.name]
    parts += [partner.name for partner in agenda.partners.all()]
    return Document(
        doc_type="joint_agenda",
        object_id=agenda.pk,
        title=agenda.title,
        body="\n".join(part for part in parts if part),
        url=agenda.get_absolute_url(),
        source=source_key(agenda),
        organisation=municipality.slug,
        organisation_name=municipality.name,
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        for covenant in objects(Covenant).order_by("pk"):
            yield _covenant_document(covenant)
        for agreement in objects(Agreement).order_by("pk"):
            yield _agreement_document(agreement)
        for agenda in objects(JointAgenda).order_by("pk"):
            yield _joint_agenda_document(agenda)
    elif isinstance(instance, Covenant):
        yield _covenant_document(instance)
    elif isinstance(instance, Agreement):
        yield _agreement_document(instance)
    elif isinstance(instance, JointAgenda):
        yield _joint_agenda_document(instance)
