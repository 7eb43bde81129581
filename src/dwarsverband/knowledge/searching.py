"""One search service for the whole platform, the same on SQLite (FTS5) and PostgreSQL.

Both backends match the stems made by `analysis.terms` (documents holding all terms first;
when they fill less than a page, documents holding some of the terms follow) and rank the
matches with the database's own
relevance function (FTS5 bm25, PostgreSQL ts_rank with title weight A). Permissions are
applied in the database query; facets and filters over the permitted hits in Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dwarsverband.knowledge.analysis import (
    MAX_QUERY_LENGTH,
    Snippet,
    query_terms,
    snippet,
    words,
)
from dwarsverband.knowledge.constants import AUDIENCE_LOGGED_IN, AUDIENCE_PUBLIC
from dwarsverband.knowledge.indexing import FTS_TABLE, audience_sources
from dwarsverband.knowledge.models import SearchDocument
from dwarsverband.organisations.permissions import user_is_coordinator

DOC_TYPE_LABELS: dict[str, Any] = {
    "publication": gettext_lazy("publicatie"),
    "passage": gettext_lazy("passage"),
    "roadmap": gettext_lazy("routekaart"),
    "signpost": gettext_lazy("wegwijzer"),
    "organisation": gettext_lazy("organisatie"),
    "theme": gettext_lazy("thema"),
    "programme": gettext_lazy("jaarprogramma"),
    "project": gettext_lazy("project"),
    "community": gettext_lazy("leerkring"),
    "meeting": gettext_lazy("bijeenkomst"),
    "case": gettext_lazy("casus"),
    "covenant": gettext_lazy("convenant"),
    "agreement": gettext_lazy("afspraak"),
    "opportunity": gettext_lazy("samenwerkingskans"),
}
TITLE_WEIGHT = 5.0
PER_PAGE = 10


class SearchQueryError(ValueError):
    """A query the service refuses, with a message for the user."""


def doc_type_label(doc_type: str) -> str:
    return str(DOC_TYPE_LABELS.get(doc_type, doc_type.replace("_", " ")))


def user_audience(user: Any) -> set[str] | None:
    """The audience keys a user belongs to; None means the user may see everything."""
    if user_is_coordinator(user):
        return None
    keys = {AUDIENCE_PUBLIC}
    if getattr(user, "is_authenticated", False) and user.is_active:
        keys.add(AUDIENCE_LOGGED_IN)
        keys.add(f"user:{user.pk}")
        if user.organisation_id:
            keys.add(f"organisation:{user.organisation_id}")
        for source in audience_sources():
            keys.update(str(key) for key in source(user))
    return keys


@dataclass(frozen=True)
class Filters:
    doc_type: str = ""
    theme: str = ""
    organisation: str = ""
    year: int | None = None


@dataclass
class Hit:
    id: int
    doc_type: str
    themes: list[str]
    organisation: str
    year: int | None
    rank: float


@dataclass
class Result:
    id: int
    doc_type: str
    type_label: str
    title: str
    url: str
    snippet: Snippet
    organisation_name: str
    year: int | None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    page: Page
    results: list[Result]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    any_term: bool = False

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def _audience_sql(audience: set[str] | None, alias: str) -> tuple[str, list[Any]]:
    if audience is None:
        return "1=1", []
    clauses = [f"{alias}.audience LIKE %s" for _key in sorted(audience)]
    return "(" + " OR ".join(clauses) + ")", [f"% {key} %" for key in sorted(audience)]


def _fts5_expression(stems: list[str], *, any_term: bool) -> str:
    quoted = ['"' + term.replace('"', "") + '"' for term in stems]
    return (" OR " if any_term else " AND ").join(quoted)


def _tsquery(stems: list[str], *, any_term: bool) -> str:
    quoted = ["'" + term.replace("'", "").replace("\\", "") + "'" for term in stems]
    return (" | " if any_term else " & ").join(quoted)


def fetch_hits(stems: list[str], audience: set[str] | None, *, any_term: bool) -> list[Hit]:
    """All permitted documents matching the stems, best first."""
    if connection.vendor == "postgresql":
        where, params = _audience_sql(audience, "d")
        # Only constants are formatted in; every value is a parameter.
        sql = (
            "SELECT d.id, d.doc_type, d.themes, d.organisation, d.year, "  # noqa: S608
            "ts_rank(d.search_vector, q) AS rank "
            "FROM knowledge_searchdocument d, to_tsquery('simple', %s) q "
            f"WHERE d.search_vector @@ q AND {where} ORDER BY rank DESC, d.id"
        )
        args = [_tsquery(stems, any_term=any_term), *params]
    else:
        where, params = _audience_sql(audience, "d")
        # Only constants are formatted in; every value is a parameter.
        sql = (
            "SELECT d.id, d.doc_type, d.themes, d.organisation, d.year, "  # noqa: S608
            f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) AS rank "
            f"FROM {FTS_TABLE} JOIN knowledge_searchdocument d ON d.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND {where} ORDER BY rank, d.id"
        )
        args = [_fts5_expression(stems, any_term=any_term), *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    return [
        Hit(
            id=row[0],
            doc_type=row[1],
            themes=row[2].split(),
            organisation=row[3],
            year=row[4],
            rank=float(row[5]),
        )
        for row in rows
    ]


def _matches(hit: Hit, filters: Filters, *, skip: str = "") -> bool:
    if skip != "doc_type" and filters.doc_type and hit.doc_type != filters.doc_type:
        return False
    if skip != "theme" and filters.theme and filters.theme not in hit.themes:
        return False
    if skip != "organisation" and filters.organisation and hit.organisation != filters.organisation:
        return False
    return not (skip != "year" and filters.year and hit.year != filters.year)


def _facets(hits: list[Hit], filters: Filters) -> dict[str, list[FacetValue]]:
    from dwarsverband.organisations.models import Organisation
    from dwarsverband.programmes.models import Theme

    counters: dict[str, Counter[str]] = {
        "doc_type": Counter(),
        "theme": Counter(),
        "organisation": Counter(),
        "year": Counter(),
    }
    for hit in hits:
        if _matches(hit, filters, skip="doc_type"):
            counters["doc_type"][hit.doc_type] += 1
        if _matches(hit, filters, skip="theme"):
            counters["theme"].update(hit.themes)
        if hit.organisation and _matches(hit, filters, skip="organisation"):
            counters["organisation"][hit.organisation] += 1
        if hit.year and _matches(hit, filters, skip="year"):
            counters["year"][str(hit.year)] += 1
    theme_names = dict(
        Theme.objects.filter(slug__in=list(counters["theme"])).values_list("slug", "name")
    )
    top_organisations = [slug for slug, _count in counters["organisation"].most_common(15)]
    organisation_names = dict(
        Organisation.objects.filter(slug__in=top_organisations).values_list("slug", "name")
    )
    selected = {
        "doc_type": filters.doc_type,
        "theme": filters.theme,
        "organisation": filters.organisation,
        "year": str(filters.year or ""),
    }
    labels: dict[str, Callable[[str], str]] = {
        "doc_type": doc_type_label,
        "theme": lambda slug: theme_names.get(slug, slug),
        "organisation": lambda slug: organisation_names.get(slug, slug),
        "year": str,
    }
    facets: dict[str, list[FacetValue]] = {}
    for name, counter in counters.items():
        items = counter.most_common(15) if name != "year" else sorted(counter.items(), reverse=True)
        facets[name] = [
            FacetValue(
                value=value,
                label=labels[name](value),
                count=count,
                selected=selected[name] == value,
            )
            for value, count in items
        ]
    return facets


def validate_query(query: str) -> str:
    query = " ".join(query.split())
    if not query:
        raise SearchQueryError(_("Vul een zoekterm in, bijvoorbeeld ‘samenwerking’."))
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryError(
            _(
                "De zoekvraag is te lang (%(length)s tekens). Gebruik hooguit %(max)s tekens, "
                "bijvoorbeeld een paar kernwoorden."
            )
            % {"length": len(query), "max": MAX_QUERY_LENGTH}
        )
    return query


def search(
    *,
    query: str,
    user: Any,
    filters: Filters | None = None,
    page_number: int | str | None = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> SearchResults:
    """Search everything the user may see. Raises SearchQueryError for an unusable query."""
    query = validate_query(query)
    filters = filters or Filters()
    stems = query_terms(query)
    if not words(query):
        raise SearchQueryError(_("Vul een zoekterm in met letters of cijfers."))
    if not stems:
        raise SearchQueryError(
            _("De zoekvraag bevat alleen veelvoorkomende woorden. Voeg een inhoudelijk woord toe.")
        )
    audience = user_audience(user)
    any_term = False
    hits = fetch_hits(stems, audience, any_term=False)
    if len(hits) < per_page and len(stems) > 1:
        # Too few documents hold every term: add those holding some, ranked after them.
        seen = {hit.id for hit in hits}
        extra = [h for h in fetch_hits(stems, audience, any_term=True) if h.id not in seen]
        any_term = bool(extra) and not hits
        hits += extra
    selected = [hit for hit in hits if _matches(hit, filters)]
    page = Paginator(selected, per_page).get_page(page_number)
    ids = [hit.id for hit in page.object_list]
    rows = SearchDocument.objects.in_bulk(ids)
    results = []
    for hit_id in ids:
        row = rows[hit_id]
        results.append(
            Result(
                id=row.pk,
                doc_type=row.doc_type,
                type_label=doc_type_label(row.doc_type),
                title=row.title,
                url=row.url,
                snippet=snippet(row.body or row.title, stems),
                organisation_name=row.organisation_name,
                year=row.year,
            )
        )
    facets = _facets(hits, filters) if with_facets else {}
    return SearchResults(
        query=query, terms=stems, page=page, results=results, facets=facets, any_term=any_term
    )


def related(
    *, text: str, user: Any, doc_types: tuple[str, ...] = ("passage", "signpost"), limit: int = 5
) -> list[Result]:
    """The passages and signposts most related to a text (for project or community pages)."""
    stems = query_terms(text[:MAX_QUERY_LENGTH])
    if not stems:
        return []
    hits = [
        hit
        for hit in fetch_hits(stems, user_audience(user), any_term=True)
        if hit.doc_type in doc_types
    ][:limit]
    rows = SearchDocument.objects.in_bulk([hit.id for hit in hits])
    return [
        Result(
            id=row.pk,
            doc_type=row.doc_type,
            type_label=doc_type_label(row.doc_type),
            title=row.title,
            url=row.url,
            snippet=snippet(row.body, stems),
            organisation_name=row.organisation_name,
            year=row.year,
        )
        for row in (rows[hit.id] for hit in hits)
    ]
