"""The platform-wide search index and the adapters that feed it.

Any app can make its content findable by declaring in its AppConfig

    search_documents = "dwarsverband.<app>.search.documents"

a function `documents(instance=None)` that yields `Document`s: all of them when `instance` is
None, otherwise those of that one object. Its module lists `indexed_models`, the models whose
objects have documents (e.g. ["communities.Community"]), and may also define:

- `shown_models`: other models whose data its documents show (an organisation's name on a
  project, a theme's name on a covenant), so that their changes reach those documents too;
- `dependents(changed)`: for a queryset `changed` of one of its indexed or shown models, yields
  querysets of its own objects whose documents show those objects (the projects of a renamed
  organisation, the programme that lists a project);
- `objects(model)`: the queryset to read objects of one of its indexed models from, with the
  related rows `documents` reads selected or prefetched, so that re-indexing a few hundred
  objects costs a few queries rather than a few per object.

When an object is saved, deleted or its many-to-many links change, its own documents and those
of its dependents are re-indexed once the transaction commits, each document once however often
it changed. Dependents are also looked up before a save or deletion, so that the documents that
showed the old state (the programme a project moved away from, the communities of a deleted
partner) are refreshed as well. Data loads (`is_bulk_loading()`) skip all this and rebuild the
index once at the end.

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
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.utils.module_loading import import_string

from dwarsverband.common.loading import is_bulk_loading
from dwarsverband.common.services import data_load_record, data_load_version
from dwarsverband.knowledge.analysis import index_texts
from dwarsverband.knowledge.constants import AUDIENCE_PUBLIC
from dwarsverband.knowledge.models import SearchDocument
from dwarsverband.knowledge.search_backends import FTS_TABLE, document_tags

# What stored documents hold; raised when existing indexes must be rebuilt on the next start.
# 2: a document without audience is seen by coordinators only (it used to count as public).
INDEX_FORMAT = "2"
INDEX_LOAD_NAME = "index:knowledge-search"
REBUILD_LOCK = 5_161_120  # PostgreSQL advisory lock key for rebuilding on start

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """What an app tells the search index about one findable thing.

    `audience` says who may see it: {"public"} for everyone, {"logged_in"} for any logged-in
    user, or keys such as "organisation:12", "user:3", "community:5" (coordinators see all);
    no keys at all: coordinators only.
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
DependentSource = Callable[[models.QuerySet[Any]], Iterable[models.QuerySet[Any]]]
ObjectSource = Callable[[type[models.Model]], models.QuerySet[Any]]


@dataclass(frozen=True)
class Adapter:
    label: str
    documents: DocumentSource
    indexed_models: tuple[type[models.Model], ...]
    shown_models: tuple[type[models.Model], ...] = ()
    dependents: DependentSource | None = None
    objects: ObjectSource | None = None

    @property
    def watched_models(self) -> tuple[type[models.Model], ...]:
        return self.indexed_models + self.shown_models

    def queryset(self, model: type[models.Model]) -> models.QuerySet[Any]:
        return self.objects(model) if self.objects else model._default_manager.all()


def source_key(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _models(names: Iterable[str]) -> tuple[type[models.Model], ...]:
    return tuple(apps.get_model(name) for name in names)


def _adapter(label: str, dotted: str) -> Adapter:
    """The adapter whose `documents` function is at `dotted`; its module has the rest."""
    function = import_string(dotted)
    module = sys.modules[function.__module__]
    return Adapter(
        label=label,
        documents=function,
        indexed_models=_models(getattr(module, "indexed_models", [])),
        shown_models=_models(getattr(module, "shown_models", [])),
        dependents=getattr(module, "dependents", None),
        objects=getattr(module, "objects", None),
    )


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


def _padded(values: Iterable[str], limit: int = 1000) -> str:
    """The values between spaces, as many whole ones as fit in `limit` characters: a value
    cut short could read as another ("organisation:4" out of "organisation:45"), and a
    dropped audience key only hides the document from more people."""
    kept: list[str] = []
    length = 1
    for value in sorted(set(values)):
        length += len(value) + 1
        if length > limit:
            break
        kept.append(value)
    return f" {' '.join(kept)} " if kept else ""


def _values(document: Document) -> dict[str, Any]:
    """The row of a document as stored, without the stemmed text derived from it."""
    return {
        "key": document.key[:120],
        "source": document.source[:120],
        "doc_type": document.doc_type,
        "title": document.title[:500],
        "body": document.body,
        "url": document.url[:500],
        "themes": _padded(document.themes),
        "organisation": document.organisation[:200],
        "organisation_name": document.organisation_name[:200],
        "year": document.year,
        # No audience means nobody but coordinators, never everybody: fail closed.
        "audience": _padded(document.audience),
    }


def _row(document: Document) -> SearchDocument:
    own, derived = index_texts(f"{document.title} {document.body}")
    return SearchDocument(
        **_values(document),
        stemmed=own,
        stemmed_title=index_texts(document.title)[0],
        stemmed_derived=derived,
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
                "setweight(to_tsvector('simple', stemmed), 'B') || "
                "setweight(to_tsvector('simple', stemmed_derived), 'C') WHERE id = ANY(%s)",
                [ids],
            )
        elif connection.vendor == "sqlite":
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                delete = f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})"  # noqa: S608
                cursor.execute(delete, chunk)
                cursor.execute(
                    "SELECT id, stemmed_title, stemmed, stemmed_derived, doc_type, year, "  # noqa: S608
                    "organisation, themes, audience FROM knowledge_searchdocument "
                    f"WHERE id IN ({marks})",
                    chunk,
                )
                rows = [
                    (
                        pk,
                        title,
                        body,
                        derived,
                        document_tags(
                            doc_type=doc_type,
                            year=year,
                            organisation=organisation,
                            themes=themes.split(),
                            audience=audience.split(),
                        ),
                    )
                    for (
                        pk,
                        title,
                        body,
                        derived,
                        doc_type,
                        year,
                        organisation,
                        themes,
                        audience,
                    ) in cursor.fetchall()
                ]
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body, derived, tags) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s)",
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
            "organisation_name", "year", "audience", "stemmed", "stemmed_title", "stemmed_derived",
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
        data_load_record(name=INDEX_LOAD_NAME, version=INDEX_FORMAT)
    return total


def index_rebuild_if_outdated(report: Callable[[str], None]) -> None:
    """on_start hook (common/registry.py): rebuild an index written in an older format.

    A change in what the stored documents hold (not in how text is analysed, which a
    migration redoes) raises INDEX_FORMAT; the next start rebuilds the index once, after all
    migrations, with the code of that moment.
    """
    if data_load_version(name=INDEX_LOAD_NAME) == INDEX_FORMAT:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two app servers starting at once: the second waits here and then finds the
            # index current, instead of rebuilding it too and clashing on the keys.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REBUILD_LOCK])
        if data_load_version(name=INDEX_LOAD_NAME) == INDEX_FORMAT:
            return
        total = index_rebuild()
    report(f"Zoekindex bijgewerkt naar versie {INDEX_FORMAT}: {total} documenten.")


Pks = dict[type[models.Model], set[Any]]

_CHUNK = 500


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _dependents(changed: Pks, found_in: list[Adapter]) -> Pks:
    """The objects (by model) whose documents show any of the `changed` ones."""
    found: Pks = defaultdict(set)
    for model, pks in changed.items():
        for adapter in found_in:
            if adapter.dependents is None or not issubclass(model, adapter.watched_models):
                continue
            for chunk in _chunks(pks):
                for queryset in adapter.dependents(model._default_manager.filter(pk__in=chunk)):
                    found[queryset.model].update(queryset.values_list("pk", flat=True))
    return found


def _remove_stale(sources: Iterable[str], *, keep: set[str]) -> None:
    stale: list[int] = []
    for chunk in _chunks(sources):
        rows = SearchDocument.objects.filter(source__in=chunk).values_list("id", "key")
        stale += [pk for pk, key in rows if key not in keep]
    for chunk in _chunks(stale):
        _delete_fulltext(chunk)
        SearchDocument.objects.filter(id__in=chunk).delete()


def _differing(documents: list[Document]) -> list[Document]:
    """The documents that differ from their row in the index. Most dependents of a change
    (the passages of a publication whose theme was renamed) come out the same, and stemming
    them again is what re-indexing costs."""
    wanted = {document.key[:120]: (document, _values(document)) for document in documents}
    fields = list(next(iter(wanted.values()))[1]) if wanted else []
    same: set[str] = set()
    for chunk in _chunks(wanted):
        for row in SearchDocument.objects.filter(key__in=chunk).values(*fields):
            if row == wanted[row["key"]][1]:
                same.add(row["key"])
    return [document for key, (document, _) in wanted.items() if key not in same]


def index_objects(*, changed: Pks, refreshed: Pks | None = None) -> None:
    """Re-index the `changed` objects with every object whose documents show them, and the
    `refreshed` objects by themselves; objects that no longer exist lose their documents.

    Each object's documents are read once, in a few queries per model (see `objects`).
    """
    found_in = adapters()
    targets: Pks = defaultdict(set)
    for pks_by_model in (changed, refreshed or {}, _dependents(changed, found_in)):
        for model, pks in pks_by_model.items():
            targets[model].update(pks)
    own: list[Document] = []  # of the changed objects: a save always rewrites its rows
    others: list[Document] = []  # written only where they differ
    sources: set[str] = set()
    for model, pks in targets.items():
        sources.update(f"{model._meta.label_lower}:{pk}"[:120] for pk in pks)
        for adapter in found_in:
            if not issubclass(model, adapter.indexed_models):
                continue
            for chunk in _chunks(pks):
                for instance in adapter.queryset(model).filter(pk__in=chunk):
                    target = own if instance.pk in changed.get(model, ()) else others
                    target += adapter.documents(instance=instance)
    documents = own + others
    with transaction.atomic():
        index_documents(own + _differing(others))
        sources.update(document.source[:120] for document in documents)
        _remove_stale(sources, keep={document.key[:120] for document in documents})


def index_instance(instance: models.Model) -> None:
    """Re-index what one saved object contributes to search, and the documents that show it."""
    index_objects(changed={type(instance): {instance.pk}})


class _Pending(threading.local):
    """What changed in this thread's open transaction, to re-index once it commits."""

    def __init__(self) -> None:
        self.changed: Pks = defaultdict(set)
        self.refreshed: Pks = defaultdict(set)


_pending = _Pending()


def _flush() -> None:
    changed, refreshed = dict(_pending.changed), dict(_pending.refreshed)
    _pending.changed.clear()
    _pending.refreshed.clear()
    if changed or refreshed:
        index_objects(changed=changed, refreshed=refreshed)


def _note(model: type[models.Model], pks: Iterable[Any], *, refresh_only: bool = False) -> None:
    """Re-index these objects (with their dependents, unless `refresh_only`) at the next flush."""
    target = _pending.refreshed if refresh_only else _pending.changed
    target[model].update(pks)


def _flush_on_commit() -> None:
    """Every change registers the flush, which takes everything pending: one registered in a
    savepoint that is rolled back is dropped, but the next one still does the work. The `pre_`
    signals only note, lest outside a transaction the flush run before the change is made."""
    transaction.on_commit(_flush)


_WATCHED: tuple[type[models.Model], ...] = ()
_WITH_DEPENDENTS: tuple[type[models.Model], ...] = ()


def _note_dependents(instance: models.Model) -> None:
    """Note which documents show `instance` as the database has it before a save or deletion
    changes that: they are refreshed after the commit even if they no longer show it."""
    if instance.pk is None or not isinstance(instance, _WITH_DEPENDENTS):
        return
    for model, pks in _dependents({type(instance): {instance.pk}}, adapters()).items():
        _note(model, pks, refresh_only=True)


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or is_bulk_loading() or instance._state.adding:
        return
    _note_dependents(instance)


def _after_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or is_bulk_loading():
        return  # a data load rebuilds the whole index once at the end (after_load)
    _note(type(instance), [instance.pk])
    _flush_on_commit()


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not is_bulk_loading():
        _note_dependents(instance)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if is_bulk_loading():
        return
    _note(type(instance), [instance.pk], refresh_only=True)  # gone: its documents are removed
    _flush_on_commit()


def _after_m2m(
    sender: Any,
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """A many-to-many link belongs to the model that declares the field: a change made from
    the other side (organisation.covenants.remove(covenant)) changes the objects in `pk_set`."""
    if is_bulk_loading() or action not in ("pre_clear", "post_add", "post_remove", "post_clear"):
        return
    owner = model if reverse else type(instance)
    if not issubclass(owner, _WATCHED):
        return
    if not reverse:
        _note(owner, [instance.pk])
    elif action == "pre_clear":
        fields = [f for f in model._meta.many_to_many if f.remote_field.through is sender]
        for field in fields:
            linked = model._default_manager.filter(**{field.name: instance.pk})
            _note(model, linked.values_list("pk", flat=True))
    elif pk_set:
        _note(model, pk_set)
    if action != "pre_clear":
        _flush_on_commit()


def connect_signals() -> None:
    """Keep the index current: re-index what an object change touches once it is committed."""
    global _WATCHED, _WITH_DEPENDENTS
    watched: set[type[models.Model]] = set()
    with_dependents: set[type[models.Model]] = set()
    for adapter in adapters():
        watched.update(adapter.watched_models)
        if adapter.dependents is not None:
            with_dependents.update(adapter.watched_models)
    _WATCHED, _WITH_DEPENDENTS = tuple(watched), tuple(with_dependents)
    m2m_changed.connect(_after_m2m, dispatch_uid="knowledge-search-m2m", weak=False)
    for model in watched:
        uid = f"knowledge-search-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-presave", weak=False)
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        pre_delete.connect(
            _before_delete, sender=model, dispatch_uid=f"{uid}-predelete", weak=False
        )
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def index_rebuild_after_load(report: Any) -> None:
    """after_load hook (common/registry.py): one rebuild instead of one update per saved object."""
    total = index_rebuild(report=lambda line: None)
    report(f"Zoekindex opgebouwd: {total} documenten.")
