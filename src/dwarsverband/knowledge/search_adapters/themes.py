"""Search adapter for themes, until the programmes app has its own `search.py` for them."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import models

from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.programmes.models import Theme

indexed_models = ["programmes.Theme"]


def _document(theme: Theme) -> Document:
    return Document(
        doc_type="theme",
        object_id=theme.pk,
        title=theme.name,
        body=f"{theme.get_domain_display()} {theme.description}",
        url=theme.get_absolute_url(),
        source=source_key(theme),
        themes=(theme.slug,),
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        for theme in Theme.objects.all():
            yield _document(theme)
    elif isinstance(instance, Theme):
        yield _document(instance)
