"""The platform-wide search index and the adapters that feed it.

Any app can make its content findable by declaring in its AppConfig

    search_documents = "dwarsverband.<app>.search.documents"

a function `documents(instance=None)` that yields `Document`s (all of them when `instance`
is None, otherwise those derived from that object) and whose module lists `indexed_models`,
the models whose saves and deletions change its documents (e.g. ["communities.Community"]).
An app may also declare
`search_audiences = "dwarsverband.<app>.search.audiences"`, a function `audiences(user)` that
returns the audience keys a user belongs to (e.g. {"community:5"}), so that documents restricted
to those keys become visible to that user. Apps that have no adapter yet are indexed through
`KnowledgeConfig.search_fallback_documents` (organisations, themes, programmes and projects,
learning circles and meetings, covenants, agreements and joint agendas).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.module_loading import import_string

from dwarsverband.common.loading import is_bulk_loading
from dwarsverband.knowledge.analysis import index_text
from dwarsverband.knowledge.constants import AUDIENCE_PUBLIC
from dwarsverband.knowledge.models import SearchDocument
from dwarsverband.knowledge.search_backends import FTS_TABLE, document_tags

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """What an app tells the search index about one findable thing.

    `audience` says who may see it: {"public"} for everyone, {"logged_in"} for any logged-in
    user, or keys such as "organisation:12", "user:3", "community:5" (coordinators see all).
    """

    doc_type: str
    object_id: int | str
    title: str
    body: str
    url: str
    source: str
    themes: tuple[str, ...] = ()
    organisation: str = ""
    organisation_name: str = ""
    year: int | None = None
    audience: frozenset[str] = field(default_factory=lambda: frozenset({AUDIENCE_PUBLIC}))

    @property
    def key(self) -> str:
        return f"{self.doc_type}:{self.object_id}"


DocumentSource = Callable[..., Iterable[Document]]


@dataclass(frozen=True)
class Adapter:
    label: str
    documents: DocumentSource
    indexed_models: tuple[type[models.Model], ...]


def source_key(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _adapter(label: str, dotted: str) -> Adapter:
    """The adapter whose `documents` function is at `dotted`; its module lists indexed_models."""
    function = import_string(dotted)
    module = sys.modules[function.__module__]
    model_classes = tuple(apps.get_model(name) for name in getattr(module, "indexed_models", []))
    return Adapter(label=label, documents=function, indexed_models=model_classes)


def adapters() -> list[Adapter]:
    """The adapters of all installed apps, plus fallbacks for apps that have none yet."""
    found: list[Adapter] = []
    declared: set[str] = set()
    for config in apps.get_app_configs():
        dotted = getattr(config, "search_documents", None)
        if dotted:
            found.append(_adapter(config.label, dotted))
            declared.add(config.label)
    knowledge = apps.get_app_config("knowledge")
    for label, dotted_paths in getattr(knowledge, "search_fallback_documents", {}).items():
        if label not in declared and apps.is_installed(f"dwarsverband.{label}"):
            found += [_adapter(label, dotted) for dotted in dotted_paths]
    return found


def audience_sources() -> list[Callable[[Any], Iterable[str]]]:
    sources = []
    for config in apps.get_app_configs():
        dotted = getattr(config, "search_audiences", None)
        if dotted:
            sources.append(import_string(dotted))
    return sources


def _padded(values: Iterable[str]) -> str:
    joined = " ".join(sorted(set(values)))
    return f" {joined} " if joined else ""


def _row(document: Document) -> SearchDocument:
    return SearchDocument(
        key=document.key[:120],
        source=document.source[:120],
        doc_type=document.doc_type,
        title=document.title[:500],
        body=document.body,
        url=document.url[:500],
        themes=_padded(document.themes)[:1000],
        organisation=document.organisation[:200],
        organisation_name=document.organisation_name[:200],
        year=document.year,
        audience=_padded(document.audience or {AUDIENCE_PUBLIC})[:1000],
        stemmed=index_text(f"{document.title} {document.body}"),
        stemmed_title=index_text(document.title),
    )


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _write_fulltext(ids: list[int]) -> None:
    """Bring the database's full-text structures in line with the rows `ids`."""
    if not ids:
        return
    with connection.cursor() as cursor:
        if _is_postgres():
            cursor.execute(
                "UPDATE knowledge_searchdocument SET search_vector = "
                "setweight(to_tsvector('simple', stemmed_title), 'A') || "
                "setweight(to_tsvector('simple', stemmed), 'B') WHERE id = ANY(%s)",
                [ids],
            )
        elif connection.vendor == "sqlite":
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                delete = f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})"  # noqa: S608
                cursor.execute(delete, chunk)
                cursor.execute(
                    "SELECT id, stemmed_title, stemmed, doc_type, year, organisation, "  # noqa: S608
                    f"themes, audience FROM knowledge_searchdocument WHERE id IN ({marks})",
                    chunk,
                )
                rows = [
                    (
                        pk,
                        title,
                        body,
                        document_tags(
                            doc_type=doc_type,
                            year=year,
                            organisation=organisation,
                            themes=themes.split(),
                            audience=audience.split(),
                        ),
                    )
                    for pk, title, body, doc_type, year, organisation, themes, audience in (
                        cursor.fetchall()
                    )
                ]
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body, tags) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s)",
                    rows,
                )


def _delete_fulltext(ids: list[int]) -> None:
    if not ids or connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608


def index_documents(documents: Iterable[Document], *, batch_size: int = 1000) -> int:
    """Insert or replace documents (matched on key); returns how many were written."""
    written = 0
    batch: list[Document] = []

    def flush() -> None:
        nonlocal written
        if not batch:
            return
        rows = {row.key: row for row in map(_row, batch)}
        existing = dict(SearchDocument.objects.filter(key__in=list(rows)).values_list("key", "id"))
        for key, pk in existing.items():
            rows[key].pk = pk
        to_update = [row for row in rows.values() if row.pk]
        to_create = [row for row in rows.values() if not row.pk]
        fields = [
            "source", "doc_type", "title", "body", "url", "themes", "organisation",
            "organisation_name", "year", "audience", "stemmed", "stemmed_title",
        ]  # fmt: skip
        if to_update:
            SearchDocument.objects.bulk_update(to_update, fields, batch_size=batch_size)
        if to_create:
            SearchDocument.objects.bulk_create(to_create, batch_size=batch_size)
        ids = list(SearchDocument.objects.filter(key__in=list(rows)).values_list("id", flat=True))
        _write_fulltext(ids)
        written += len(rows)
        batch.clear()

    with transaction.atomic():
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                flush()
        flush()
    return written


def remove_source(source: str, *, keep: Iterable[str] = ()) -> None:
    """Remove the documents derived from `source` except those with a key in `keep`."""
    stale = SearchDocument.objects.filter(source=source).exclude(key__in=list(keep))
    ids = list(stale.values_list("id", flat=True))
    _delete_fulltext(ids)
    SearchDocument.objects.filter(id__in=ids).delete()


def index_clear() -> None:
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        SearchDocument.objects.all().delete()


def index_rebuild(*, report: Callable[[str], None] | None = None) -> int:
    """Empty the index and fill it again from every adapter, in one transaction."""
    total = 0
    with transaction.atomic():
        index_clear()
        for adapter in adapters():
            count = index_documents(adapter.documents())
            total += count
            if report:
                report(f"{adapter.label}: {count}")
    return total


def _documents_for(instance: models.Model) -> Iterator[tuple[Adapter, list[Document]]]:
    for adapter in adapters():
        if isinstance(instance, adapter.indexed_models):
            yield adapter, list(adapter.documents(instance=instance))


def index_instance(instance: models.Model) -> None:
    """Re-index what one saved object contributes to search."""
    for _source_adapter, documents in _documents_for(instance):
        sources = {document.source for document in documents} | {source_key(instance)}
        index_documents(documents)
        keys = [document.key for document in documents]
        for source in sources:
            remove_source(source, keep=keys)


def _after_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or is_bulk_loading():
        return  # a data load rebuilds the whole index once at the end (after_load)
    model = type(instance)
    pk = instance.pk

    def run() -> None:
        fresh = model._default_manager.filter(pk=pk).first()
        if fresh is not None:
            index_instance(fresh)

    transaction.on_commit(run)


def _after_m2m(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, _WATCHED):
        _after_save(type(instance), instance)


_WATCHED: tuple[type[models.Model], ...] = ()


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if is_bulk_loading():
        return
    source = source_key(instance)
    transaction.on_commit(lambda: remove_source(source))


def connect_signals() -> None:
    """Keep the index current: re-index an object once its change is committed."""
    watched: set[type[models.Model]] = set()
    for adapter in adapters():
        watched.update(adapter.indexed_models)
    global _WATCHED
    _WATCHED = tuple(watched)
    m2m_changed.connect(_after_m2m, dispatch_uid="knowledge-search-m2m", weak=False)
    for model in watched:
        uid = f"knowledge-search-{model._meta.label_lower}"
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def index_rebuild_after_load(report: Any) -> None:
    """after_load hook (common/registry.py): one rebuild instead of one update per saved object."""
    total = index_rebuild(report=lambda line: None)
    report(f"Zoekindex opgebouwd: {total} documenten.")
