"""How the search service asks each database: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL.

A query reaches a backend as a `Match`: term groups (the alternative index terms of one query
word) of which a document must hold at least `minimum`. Every backend answers three questions
in the database, so that the cost of a search does not grow with what is sent to Python:

- `count`: how many permitted documents match (with the filters);
- `facet_groups`: the permitted matches counted per (type, year, organisation, themes) with
  one GROUP BY, from which the service derives every facet and the total;
- `page`: one page of ids, ranked by the database's relevance function (FTS5 bm25 with field
  weights, PostgreSQL ts_rank with title weight A, text B, derived terms C), optionally with
  given ids first.

On SQLite the FTS5 table holds the stemmed title, the stemmed text, the derived terms
(compound parts, written-out abbreviations; ranked with less weight) and a fourth column,
`tags`, with the audience keys and filter values of each document as tokens (see
`tag_token`), so that permissions and filters are part of the MATCH expression and counting
and ranking never touch the document table. Facets join the matches with a narrow covering
index of the document table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db import connection

from dwarsverband.knowledge.constants import AUDIENCE_PUBLIC

FTS_TABLE = "knowledge_search_fts"
VOCAB_TABLE = "knowledge_search_vocab"  # fts5vocab over FTS_TABLE: documents per term
FACET_INDEX = "knowledge_search_facets"
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
# Compound parts and written-out abbreviations (`analysis.analyse`): they find a document but
# count for less than the words it uses itself (PostgreSQL: weight C, 0.2 against B's 0.4).
DERIVED_WEIGHT = 0.5
TEXT_COLUMNS = "{title body derived}"

# One row of facet_groups: doc_type, year, organisation, padded theme slugs, count.
FacetGroup = tuple[str, int | None, str, str, int]


def tag_token(kind: str, value: str) -> str:
    """One FTS5 token for a tag value: a kind letter, "x" and the value's UTF-8 in hex.

    Keys such as "organisation:12" or slugs with hyphens would be split by the tokenizer;
    hex keeps every value one token without collisions.
    """
    return f"{kind}x{value.encode().hex()}"


RESTRICTED = tag_token("r", "1")


def document_tags(
    *,
    doc_type: str,
    year: int | None,
    organisation: str,
    themes: Iterable[str],
    audience: Iterable[str],
) -> str:
    """The tags column of one document.

    Public documents carry no audience tokens: a tag held by nearly every document would make
    FTS5 walk its whole doclist for every query (and bm25 count it). Restricted documents
    carry RESTRICTED and their audience keys, and a search excludes the restricted documents
    whose keys the user does not hold.
    """
    keys = set(audience)
    tokens = [] if keys == {AUDIENCE_PUBLIC} else [RESTRICTED]  # no keys: coordinators only
    tokens += [tag_token("a", key) for key in sorted(keys) if key != AUDIENCE_PUBLIC]
    tokens.append(tag_token("t", doc_type))
    if year:
        tokens.append(tag_token("y", str(year)))
    if organisation:
        tokens.append(tag_token("o", organisation))
    tokens += [tag_token("h", slug) for slug in sorted(set(themes))]
    return " ".join(tokens)


@dataclass(frozen=True)
class Match:
    """Documents holding at least `minimum` of the term groups (each group: alternatives)."""

    groups: tuple[tuple[str, ...], ...]
    minimum: int

    @classmethod
    def every(cls, groups: Sequence[Sequence[str]]) -> Match:
        frozen = tuple(tuple(group) for group in groups)
        return cls(groups=frozen, minimum=len(frozen))

    @classmethod
    def some(cls, groups: Sequence[Sequence[str]], minimum: int = 1) -> Match:
        return cls(groups=tuple(tuple(group) for group in groups), minimum=minimum)


@dataclass(frozen=True)
class Scope:
    """Who searches (None: sees everything) and the filters chosen."""

    audience: frozenset[str] | None
    doc_type: str = ""
    theme: str = ""
    organisation: str = ""
    year: int | None = None


def _clean(term: str) -> str:
    return "".join(char for char in term if char.isalnum() or char == "_")


def _combine(parts: list[str], joiner: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"


def _boolean(match: Match, *, quote: str, conj: str, disj: str) -> str:
    groups = [
        _combine([f"{quote}{_clean(term)}{quote}" for term in group if _clean(term)], disj)
        for group in match.groups
        if any(_clean(term) for term in group)
    ]
    if not groups:
        return ""
    minimum = max(1, min(match.minimum, len(groups)))
    if minimum == len(groups):
        return _combine(groups, conj)
    if minimum == 1:
        return _combine(groups, disj)
    return _combine(
        [_combine(list(chosen), conj) for chosen in combinations(groups, minimum)], disj
    )


class SqliteBackend:
    def _expression(self, match: Match, scope: Scope, *, filters: bool = True) -> str:
        text = _boolean(match, quote='"', conj=" AND ", disj=" OR ")
        expression = f"({TEXT_COLUMNS} : {text})"
        if filters:
            for kind, value in (
                ("t", scope.doc_type),
                ("h", scope.theme),
                ("o", scope.organisation),
                ("y", str(scope.year or "")),
            ):
                if value:
                    expression = f'({expression} AND tags : "{tag_token(kind, value)}")'
        if scope.audience is not None:
            keys = [
                f'"{tag_token("a", key)}"' for key in sorted(scope.audience - {AUDIENCE_PUBLIC})
            ]
            hidden = f'tags : "{RESTRICTED}"'
            if keys:
                hidden = f"({hidden} NOT tags : {_combine(keys, ' OR ')})"
            expression = f"({expression} NOT {hidden})"
        return expression

    def count(self, match: Match, scope: Scope) -> int:
        if not _boolean(match, quote='"', conj=" AND ", disj=" OR "):
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [self._expression(match, scope)],
            )
            return int(cursor.fetchone()[0])

    def exists(self, match: Match, scope: Scope) -> bool:
        """Whether any document matches (stops at the first, unlike `count`)."""
        if not _boolean(match, quote='"', conj=" AND ", disj=" OR "):
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1",  # noqa: S608
                [self._expression(match, scope)],
            )
            return cursor.fetchone() is not None

    def common_groups(self, groups: Sequence[Sequence[str]], share: float) -> set[int]:
        """Indexes of the groups found in more than `share` of all documents."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM knowledge_searchdocument")
            limit = int(cursor.fetchone()[0] * share)
            common = set()
            for index, group in enumerate(groups):
                text = _boolean(Match.every([group]), quote='"', conj=" AND ", disj=" OR ")
                if not text:
                    continue
                cursor.execute(
                    f"SELECT COUNT(*) FROM (SELECT 1 FROM {FTS_TABLE} "  # noqa: S608
                    f"WHERE {FTS_TABLE} MATCH %s LIMIT %s)",
                    [f"{TEXT_COLUMNS} : {text}", limit + 1],
                )
                if int(cursor.fetchone()[0]) > limit:
                    common.add(index)
        return common

    def document_frequencies(
        self, terms: Sequence[str], share: float
    ) -> tuple[int, dict[str, int]]:
        """All documents, and for each term the documents holding it (FTS5's own vocabulary
        table: one lookup per term, nothing counted; exact, also beyond `share`)."""
        cleaned = sorted({_clean(term) for term in terms} - {""})
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM knowledge_searchdocument")
            total = int(cursor.fetchone()[0])
            if not cleaned:
                return total, {}
            marks = ", ".join(["%s"] * len(cleaned))
            cursor.execute(
                f"SELECT term, doc FROM {VOCAB_TABLE} WHERE term IN ({marks})",  # noqa: S608
                cleaned,
            )
            return total, {term: int(count) for term, count in cursor.fetchall()}

    def facet_groups(self, match: Match, scope: Scope) -> list[FacetGroup]:
        if not _boolean(match, quote='"', conj=" AND ", disj=" OR "):
            return []
        with connection.cursor() as cursor:
            # Only constants are formatted in; the expression is a parameter.
            cursor.execute(
                "SELECT d.doc_type, d.year, d.organisation, d.themes, COUNT(*) "  # noqa: S608
                f"FROM {FTS_TABLE} JOIN knowledge_searchdocument d INDEXED BY {FACET_INDEX} "
                f"ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s GROUP BY 1, 2, 3, 4",
                [self._expression(match, scope, filters=False)],
            )
            return [tuple(row) for row in cursor.fetchall()]

    def page(
        self, match: Match, scope: Scope, *, offset: int, limit: int, first: Sequence[int] = ()
    ) -> list[int]:
        if not _boolean(match, quote='"', conj=" AND ", disj=" OR ") or limit <= 0:
            return []
        rank = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}, {DERIVED_WEIGHT}, 0.0)"
        order = f"{rank}, rowid"
        params: list[Any] = [self._expression(match, scope)]
        if first:
            marks = ", ".join(["%s"] * len(first))
            order = f"rowid IN ({marks}) DESC, {order}"
            params += list(first)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [int(row[0]) for row in cursor.fetchall()]


class PostgresBackend:
    def _where(self, match: Match, scope: Scope, *, filters: bool = True) -> tuple[str, list[Any]]:
        clauses = ["d.search_vector @@ to_tsquery('simple', %s)"]
        params: list[Any] = [_boolean(match, quote="'", conj=" & ", disj=" | ")]
        if scope.audience is not None:
            keys = sorted(scope.audience)
            clauses.append("(" + " OR ".join(["d.audience LIKE %s"] * len(keys)) + ")")
            params += [f"% {key} %" for key in keys]
        if filters:
            if scope.doc_type:
                clauses.append("d.doc_type = %s")
                params.append(scope.doc_type)
            if scope.theme:
                clauses.append("d.themes LIKE %s")
                params.append(f"% {scope.theme} %")
            if scope.organisation:
                clauses.append("d.organisation = %s")
                params.append(scope.organisation)
            if scope.year:
                clauses.append("d.year = %s")
                params.append(scope.year)
        return " AND ".join(clauses), params

    def count(self, match: Match, scope: Scope) -> int:
        if not _boolean(match, quote="'", conj=" & ", disj=" | "):
            return 0
        where, params = self._where(match, scope)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM knowledge_searchdocument d WHERE {where}",  # noqa: S608
                params,
            )
            return int(cursor.fetchone()[0])

    def exists(self, match: Match, scope: Scope) -> bool:
        """Whether any document matches (stops at the first, unlike `count`)."""
        if not _boolean(match, quote="'", conj=" & ", disj=" | "):
            return False
        where, params = self._where(match, scope)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM knowledge_searchdocument d WHERE {where} LIMIT 1",  # noqa: S608
                params,
            )
            return cursor.fetchone() is not None

    def common_groups(self, groups: Sequence[Sequence[str]], share: float) -> set[int]:
        """Indexes of the groups found in more than `share` of all documents.

        Read from the planner's statistics of the tsvector column (its most common lexemes
        and their frequencies, kept by ANALYZE and autovacuum), which costs one small query
        instead of a scan per word; without statistics no word counts as common.
        """
        with connection.cursor() as cursor:
            frequency = self._common_lexemes(cursor)
        if not frequency:
            return set()
        return {
            index
            for index, group in enumerate(groups)
            if max(frequency.get(term, 0.0) for term in group) > share
        }

    def document_frequencies(
        self, terms: Sequence[str], share: float
    ) -> tuple[int, dict[str, int]]:
        """All documents (the planner's estimate), and for each term the documents holding it.

        A term among the column's most common lexemes (planner statistics, as in
        `common_groups`) is estimated from its frequency there; the others are rarer than every
        one of those, so counting them with the GIN index stops early. Without statistics every
        term is counted, up to just over `share` of all documents.
        """
        cleaned = sorted({_clean(term) for term in terms} - {""})
        with connection.cursor() as cursor:
            # The planner's row estimate: counting a wide table is a scan (0.1 s at 100,000).
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'knowledge_searchdocument'::regclass"
            )
            total = int(cursor.fetchone()[0])
            if total <= 0:  # never analysed
                cursor.execute("SELECT COUNT(*) FROM knowledge_searchdocument")
                total = int(cursor.fetchone()[0])
            if not cleaned:
                return total, {}
            frequency = self._common_lexemes(cursor)
            found = {
                term: max(1, round(frequency[term] * total))
                for term in cleaned
                if term in frequency
            }
            rest = [term for term in cleaned if term not in frequency]
            rarest = min(frequency.values(), default=share)
            if rest:
                cursor.execute(
                    "SELECT term, (SELECT COUNT(*) FROM (SELECT 1 FROM knowledge_searchdocument d "
                    "WHERE d.search_vector @@ to_tsquery('simple', quote_literal(term)) LIMIT %s) "
                    "AS held) FROM unnest(%s::text[]) AS term",
                    [int(total * min(share, rarest)) + 1, rest],
                )
                found.update({term: int(count) for term, count in cursor.fetchall() if count})
            return total, found

    @staticmethod
    def _common_lexemes(cursor: Any) -> dict[str, float]:
        """The search vector's most common lexemes and the share of rows holding each, as
        ANALYZE (or autovacuum) last saw them; empty without statistics."""
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'knowledge_searchdocument' "
            "AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
        if not row or not row[0]:
            return {}
        # The frequencies list ends with three summary values; zip stops at the lexemes.
        return dict(zip(row[0], row[1], strict=False))

    def facet_groups(self, match: Match, scope: Scope) -> list[FacetGroup]:
        if not _boolean(match, quote="'", conj=" & ", disj=" | "):
            return []
        where, params = self._where(match, scope, filters=False)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.doc_type, d.year, d.organisation, d.themes, COUNT(*) "  # noqa: S608
                f"FROM knowledge_searchdocument d WHERE {where} GROUP BY 1, 2, 3, 4",
                params,
            )
            return [tuple(row) for row in cursor.fetchall()]

    def page(
        self, match: Match, scope: Scope, *, offset: int, limit: int, first: Sequence[int] = ()
    ) -> list[int]:
        if not _boolean(match, quote="'", conj=" & ", disj=" | ") or limit <= 0:
            return []
        where, params = self._where(match, scope)
        order = "ts_rank(d.search_vector, to_tsquery('simple', %s)) DESC, d.id"
        order_params: list[Any] = [params[0]]
        if first:
            order = f"(d.id = ANY(%s)) DESC, {order}"
            order_params = [list(first), params[0]]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id FROM knowledge_searchdocument d WHERE {where} "  # noqa: S608
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, *order_params, limit, offset],
            )
            return [int(row[0]) for row in cursor.fetchall()]


def backend() -> SqliteBackend | PostgresBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
