"""Search adapter for organisations, until that app has its own `search.py` (then unused)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import models

from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.organisations.models import Organisation

indexed_models = ["organisations.Organisation"]


def _document(organisation: Organisation) -> Document:
    body = " ".join(
        part
        for part in (
            organisation.get_kind_display(),
            organisation.abbreviation,
            organisation.alternative_names,
            organisation.description,
        )
        if part
    )
    return Document(
        doc_type="organisation",
        object_id=organisation.pk,
        title=organisation.name,
        body=body,
        url=organisation.get_absolute_url(),
        source=source_key(organisation),
        organisation=organisation.slug,
        organisation_name=organisation.name,
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        for organisation in Organisation.objects.all().iterator(chunk_size=500):
            yield _document(organisation)
    elif isinstance(instance, Organisation):
        yield _document(instance)
