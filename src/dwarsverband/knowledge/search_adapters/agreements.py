"""Search adapter for covenants, agreements and joint agendas, until the agreements app has
its own `search.py` (then unused).

Visibility follows `agreements.permissions`: everything is public except an internal
agreement, which only its parties (audience "organisation:<id>") and coordinators may find.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import models

from dwarsverband.agreements.models import Agreement, Covenant, JointAgenda
from dwarsverband.knowledge.constants import AUDIENCE_PUBLIC
from dwarsverband.knowledge.indexing import Document, source_key

indexed_models = ["agreements.Covenant", "agreements.Agreement", "agreements.JointAgenda"]


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
        for covenant in Covenant.objects.prefetch_related("parties", "themes").order_by("pk"):
            yield _covenant_document(covenant)
        agreements = Agreement.objects.select_related("owner_organisation").prefetch_related(
            "parties", "themes"
        )
        for agreement in agreements.order_by("pk"):
            yield _agreement_document(agreement)
        agendas = JointAgenda.objects.select_related("municipality").prefetch_related("partners")
        for agenda in agendas.order_by("pk"):
            yield _joint_agenda_document(agenda)
    elif isinstance(instance, Covenant):
        yield _covenant_document(instance)
    elif isinstance(instance, Agreement):
        yield _agreement_document(instance)
    elif isinstance(instance, JointAgenda):
        yield _joint_agenda_document(instance)
