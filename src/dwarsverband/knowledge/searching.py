"""One search service for the whole platform, the same on SQLite (FTS5) and PostgreSQL.

Both backends match the index terms made by `analysis` (documents holding all query words
first; when they fill less than a page, documents holding some of them follow) and rank the
matches with the database's own relevance function (`search_backends`). Permissions, filters,
counts and facets are applied in the database; only the requested page reaches Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from math import comb, log
from typing import Any, overload

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dwarsverband.common.page_cache import content_version
from dwarsverband.knowledge import compounds, spelling
from dwarsverband.knowledge.analysis import (
    MAX_QUERY_LENGTH,
    MIN_PART_TERM,
    STOP_WORDS,
    WORD,
    QueryGroup,
    Snippet,
    Synonyms,
    query_groups,
    snippet,
    synonym_groups,
    word_terms,
    words,
)
from dwarsverband.knowledge.constants import AUDIENCE_LOGGED_IN, AUDIENCE_PUBLIC
from dwarsverband.knowledge.indexing import audience_sources
from dwarsverband.knowledge.models import SearchDocument, SynonymGroup
from dwarsverband.knowledge.search_backends import (
    FacetGroup,
    Match,
    PostgresBackend,
    Scope,
    SqliteBackend,
    backend,
)
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
    "joint_agenda": gettext_lazy("gezamenlijke agenda"),
    "opportunity": gettext_lazy("samenwerkingskans"),
}
PER_PAGE = 10
COMMON_SHARE = 0.2
RELATED_MIN_SHARED = 2
RELATED_TERMS = 12  # a text's most distinctive terms that related knowledge looks for
RELATED_TEXT_LENGTH = 2000
# Zipf 5.4 in general Dutch: words such as "mensen", "lang", "samen" and "werk" say little about
# what a text is about, however rare they are on the platform.
GENERIC_FREQUENCY = 10**-3.6
MAX_COMBINATIONS = 40  # beyond this, a "k of n words" level is skipped (the query grows)


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
    suggestion: str = ""  # the query with misspelt words corrected, if any

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


class _RankedIds:
    """The ranked ids of a search as the paginator sees them: counted once, sliced per page."""

    def __init__(self, match: Match, scope: Scope, total: int, first: list[int]) -> None:
        self._match, self._scope, self._total, self._first = match, scope, total, first

    def count(self) -> int:
        return self._total

    def __len__(self) -> int:
        return self._total

    def __iter__(self) -> Iterator[int]:
        return iter(self[0 : self._total])

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = min(index.stop if index.stop is not None else self._total, self._total)
        return backend().page(
            self._match, self._scope, offset=start, limit=stop - start, first=self._first
        )


def _in_scope(group: FacetGroup, filters: Filters, *, skip: str = "") -> bool:
    doc_type, year, organisation, themes, _count = group
    if skip != "doc_type" and filters.doc_type and doc_type != filters.doc_type:
        return False
    if skip != "theme" and filters.theme and f" {filters.theme} " not in themes:
        return False
    if skip != "organisation" and filters.organisation and organisation != filters.organisation:
        return False
    return not (skip != "year" and filters.year and year != filters.year)


def _facets(groups: list[FacetGroup], filters: Filters) -> dict[str, list[FacetValue]]:
    """Facet values with counts; each facet counts the matches under the other facets' filters."""
    from dwarsverband.organisations.models import Organisation
    from dwarsverband.programmes.models import Theme

    counters: dict[str, Counter[str]] = {
        "doc_type": Counter(),
        "theme": Counter(),
        "organisation": Counter(),
        "year": Counter(),
    }
    for group in groups:
        doc_type, year, organisation, themes, count = group
        if _in_scope(group, filters, skip="doc_type"):
            counters["doc_type"][doc_type] += count
        if _in_scope(group, filters, skip="theme"):
            for slug in themes.split():
                counters["theme"][slug] += count
        if organisation and _in_scope(group, filters, skip="organisation"):
            counters["organisation"][organisation] += count
        if year and _in_scope(group, filters, skip="year"):
            counters["year"][str(year)] += count
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


def _results(ids: list[int], stems: list[str]) -> list[Result]:
    rows = SearchDocument.objects.only(
        "id", "doc_type", "title", "body", "url", "organisation_name", "year"
    ).in_bulk(ids)
    return [
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
        for row in (rows[pk] for pk in ids if pk in rows)
    ]


def _fallback(
    engine: SqliteBackend | PostgresBackend, groups: list[list[str]], scope: Scope, per_page: int
) -> Match:
    """What to match when too few documents hold every query word.

    Words found in more than COMMON_SHARE of all documents select nothing here (like stop
    words; they did count in the all-words match). Of the other words a document must hold as
    many as still fill a page: all but one, all but two, ... down to one.
    """
    common = engine.common_groups(groups, COMMON_SHARE)
    rare = [group for index, group in enumerate(groups) if index not in common] or groups
    for minimum in range(len(rare) - 1, 1, -1):
        if comb(len(rare), minimum) > MAX_COMBINATIONS:
            continue
        match = Match.some(rare, minimum)
        if engine.count(match, scope) >= per_page:
            return match
    return Match.some(rare)


def synonyms() -> Synonyms:
    """The synonym groups' terms, kept in the cache until any content of the platform changes
    (the page cache's content version), so an edited group counts from the next search on."""
    found = cache.get_or_set(
        f"knowledge:synonyms:{content_version()}",
        lambda: synonym_groups(SynonymGroup.objects.values_list("words", flat=True)),
        timeout=24 * 3600,
    )
    return found if isinstance(found, dict) else {}


def _scope(user: Any, filters: Filters) -> Scope:
    audience = user_audience(user)
    return Scope(
        audience=frozenset(audience) if audience is not None else None,
        doc_type=filters.doc_type,
        theme=filters.theme,
        organisation=filters.organisation,
        year=filters.year,
    )


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
    suggest: bool = True,
) -> SearchResults:
    """Search everything the user may see. Raises SearchQueryError for an unusable query.

    Documents holding every query word come first; when they fill less than a page, documents
    holding most of the words follow (see `_fallback`). Counting, facets and ranking run in
    the database; only the requested page is fetched and given snippets. When some words
    match nothing, `suggest` adds a spelling suggestion (see `_suggestion`).
    """
    query = validate_query(query)
    filters = filters or Filters()
    if not words(query):
        raise SearchQueryError(_("Vul een zoekterm in met letters of cijfers."))
    groups = query_groups(query, synonyms())
    if not groups:
        raise SearchQueryError(
            _("De zoekvraag bevat alleen veelvoorkomende woorden. Voeg een inhoudelijk woord toe.")
        )
    scope = _scope(user, filters)
    engine = backend()
    match = Match.every([group.exact for group in groups])
    facet_groups: list[FacetGroup] = []

    def counted(match: Match) -> int:
        nonlocal facet_groups
        if not with_facets:
            return engine.count(match, scope)
        # The facet counts give the total too, so the matches are read once.
        facet_groups = engine.facet_groups(match, scope)
        return sum(group[4] for group in facet_groups if _in_scope(group, filters))

    total = counted(match)
    # No text holds every word as typed: perhaps one is misspelt (if one does, every word
    # occurs somewhere and there is nothing to correct).
    unmatched = total == 0
    first: list[int] = []
    any_term = False
    if total < per_page and any(group.parts for group in groups):
        # Too few texts hold the query's compounds as written: let their parts count too
        # ("huurwoningen" also finds "woningen"), after the exact matches.
        if total:
            first = engine.page(match, scope, offset=0, limit=per_page)
        match = Match.every([group.terms for group in groups])
        total = counted(match)
    if total < per_page and len(groups) > 1:
        any_term = total == 0
        if total and len(first) < per_page:
            first += [
                pk for pk in engine.page(match, scope, offset=0, limit=per_page) if pk not in first
            ][: per_page - len(first)]
        match = _fallback(engine, [list(group.terms) for group in groups], scope, per_page)
        total = counted(match)
    facets = _facets(facet_groups, filters) if with_facets else {}
    suggestion = ""
    if suggest and unmatched:
        # Spelling is checked against everything the visitor may see, not only the filtered
        # part: a word that occurs elsewhere is not misspelt.
        suggestion = _suggestion(query, groups, engine, Scope(audience=scope.audience))
    paginator: Paginator[int] = Paginator(_RankedIds(match, scope, total, first), per_page)
    page = paginator.get_page(page_number)
    stems = sorted({term for group in groups for term in group.terms})
    return SearchResults(
        query=query,
        terms=stems,
        page=page,
        results=_results(list(page.object_list), stems),
        facets=facets,
        any_term=any_term,
        suggestion=suggestion,
    )


def _suggestion(
    query: str, groups: list[QueryGroup], engine: SqliteBackend | PostgresBackend, scope: Scope
) -> str:
    """The query with each word that matches nothing the visitor may see replaced by the
    closest known Dutch word that does ("samewerking" → "samenwerking"); "" if none changed.

    A common Dutch word is taken as meant ("jonge" is not turned into "jongeren"). A word
    counts as found when its own term or a synonym occurs. Candidates are looked up
    within the visitor's scope, so a suggestion never reveals a word that only occurs in a
    text the visitor may not read; each lookup stops at the first match.
    """
    exact = {group.exact[0]: group.exact for group in groups}
    corrected = query
    missing: dict[str, str] = {}  # a missing word's term → its replacement ("" if none)
    for token in reversed(list(WORD.finditer(query))):  # from the end: spans stay valid
        word = words(token.group())[0]
        own = word_terms(word)[0]
        if own not in exact or spelling.is_known(word):  # stop word, beyond 12, or no typo
            continue
        if own not in missing:
            if engine.exists(Match.every([exact[own]]), scope):
                exact.pop(own)
                continue
            missing[own] = _closest_found(word, own, engine, scope)
        if missing[own]:
            corrected = corrected[: token.start()] + missing[own] + corrected[token.end() :]
    return corrected if any(missing.values()) else ""


def _closest_found(
    word: str, own: str, engine: SqliteBackend | PostgresBackend, scope: Scope
) -> str:
    options: dict[str, str] = {}
    for candidate in spelling.candidates(word):
        term = word_terms(words(candidate)[0])[0]
        if term != own:
            options.setdefault(term, candidate)
    for term, candidate in options.items():
        if engine.exists(Match.every([[term]]), scope):
            return candidate
    return ""


def _distinctive_terms(text: str, engine: SqliteBackend | PostgresBackend) -> list[str]:
    """The RELATED_TERMS terms that best say what a text is about, most telling first.

    As "more like this" in Lucene: each term of the text scores its count in the text times
    its inverse document frequency on the platform. Terms in more than COMMON_SHARE of all
    documents, or in none, are left out, and so are words that are common in Dutch as a whole
    (GENERIC_FREQUENCY), which a small platform would otherwise take for telling.
    """
    counts: Counter[str] = Counter()
    for word in words(text):
        if word in STOP_WORDS or compounds.frequency(word) >= GENERIC_FREQUENCY:
            continue
        term = word_terms(word)[0]
        if len(term) >= MIN_PART_TERM:
            counts[term] += 1
    if not counts:
        return []
    total, held = engine.document_frequencies(list(counts), COMMON_SHARE)
    scores = {
        term: count * log(total / held[term])
        for term, count in counts.items()
        if 0 < held.get(term, 0) <= total * COMMON_SHARE
    }
    return sorted(scores, key=lambda term: (-scores[term], term))[:RELATED_TERMS]


def related(
    *, text: str, user: Any, doc_types: tuple[str, ...] = ("passage", "signpost"), limit: int = 5
) -> list[Result]:
    """The passages and signposts most related to a text (for project or community pages).

    Related are the best-ranked documents holding at least RELATED_MIN_SHARED of the text's
    most distinctive terms (see `_distinctive_terms`), so that one word in common does not make
    a passage related.
    """
    engine = backend()
    selected = _distinctive_terms(text[:RELATED_TEXT_LENGTH], engine)
    if not selected:
        return []
    # Only documents holding at least two of the terms (one if the text has only one) are
    # matched and ranked, not every document that shares a single word.
    ids = engine.page(
        Match.some([[term] for term in selected], minimum=min(RELATED_MIN_SHARED, len(selected))),
        _scope(user, Filters()),
        offset=0,
        limit=max(50, limit * 10),
    )
    return [result for result in _results(ids, selected) if result.doc_type in doc_types][:limit]
