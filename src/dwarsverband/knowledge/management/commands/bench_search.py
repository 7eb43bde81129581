"""`dwarsverband bench search`: quality and speed of the platform search.

Quality: nDCG@10 and recall@10 over a Dutch query set with judgements (bench_data.py), for the
search service and, in the same run on the same documents, the two baselines the issue names,
each in two forms: `icontains` and database full-text search without stemming (FTS5 /
PostgreSQL `simple` on the raw text). The plain form matches documents holding every word of
the query, as `icontains` per word and Django's default `SearchQuery` do; the strict form also
fills a short list with documents holding some of the words, the way our search does, so that
it differs from ours only in the Dutch analysis.
Speed: index build time and size for N generated passages, then p50/p95 latency of the full
search service (matching, permissions, facets, snippets, page 1) over the queries.
Generated documents are removed again at the end; the rest of the index is left as it was.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Q

from dwarsverband.communities.models import Community
from dwarsverband.knowledge.analysis import STOP_WORDS, words
from dwarsverband.knowledge.bench_data import (
    DEMO_QUERIES,
    POOLED_JUDGEMENTS,
    TOPICS,
    as_document,
    generate,
)
from dwarsverband.knowledge.indexing import index_documents
from dwarsverband.knowledge.models import Passage, Roadmap, SearchDocument
from dwarsverband.knowledge.search_backends import FACET_INDEX, FTS_TABLE
from dwarsverband.knowledge.searching import related, search
from dwarsverband.programmes.models import Project

RAW_FTS = "knowledge_bench_raw_fts"
RAW_GIN = "knowledge_bench_raw_gin"
RAW_VECTOR = (
    "(setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B'))"
)
K = 10
DEPTH = 50  # results taken from each system, so that a condensed list still has K
Judged = tuple[str, dict[str, int], frozenset[str]]
PLAIN = "gewoon: "
STRICT = "streng: "
OURS = "Dwarsverband-zoeken (gestemd)"


def ndcg(ranked: list[str], judgements: dict[str, int], k: int = K) -> float:
    dcg = sum(
        (2 ** judgements.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k])
    )
    ideal = sorted(judgements.values(), reverse=True)[:k]
    idcg = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], judgements: dict[str, int], k: int = K) -> float:
    relevant = {key for key, grade in judgements.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def _misspelt(query: str) -> str:
    """The query with the third letter of its longest word left out."""
    longest = max(query.split(), key=len)
    return query.replace(longest, longest[:2] + longest[3:], 1)


def _raw_terms(query: str) -> list[str]:
    return [word for word in words(query) if word not in STOP_WORDS]


class Command(BaseCommand):
    help = "Meet kwaliteit (nDCG@10, recall@10) en snelheid (p95) van het zoeken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--passages",
            type=int,
            default=100_000,
            help="Aantal gegenereerde passages voor de snelheidsmeting.",
        )
        parser.add_argument(
            "--quality-passages",
            type=int,
            default=840,
            help="Gegenereerde passages voor de kwaliteitsmeting.",
        )
        parser.add_argument("--repeat", type=int, default=5, help="Herhalingen per zoekvraag.")
        parser.add_argument(
            "--details", action="store_true", help="Toon nDCG@10 per zoekvraag en systeem."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not Roadmap.objects.filter(slug="routekaart-regionale-samenwerking").exists():
            raise CommandError("Laad eerst de demogegevens: dwarsverband load-demo")
        self.stdout.write(f"Database: {connection.vendor}")
        self._cleanup()
        try:
            self._quality(options["quality_passages"], details=options["details"])
            self._cleanup()
            if options["passages"]:
                self._speed(options["passages"], options["repeat"])
        finally:
            self._cleanup()

    # -- quality -------------------------------------------------------------------------
    def _topic_judgements(self, generated: list[Any]) -> list[Judged]:
        """Each topic query, judged over the generated passages: relevant if generated from
        that topic. The demo content was never judged for these queries."""
        pool = frozenset(f"passage:{p.key.replace(':', '-')}" for p in generated)
        queries: list[Judged] = []
        for topic_id, query, _concepts, _context in TOPICS:
            judged = {
                f"passage:{p.key.replace(':', '-')}": 2
                for p in generated
                if p.topic == topic_id and p.relevant
            }
            queries.append((query, judged, pool))
        return queries

    def _demo_judgements(self, generated: Sequence[Any] = ()) -> list[Judged]:
        """Each demo query, judged over the demo content (everything but generated passages)."""
        excluded = [f"passage:{p.key.replace(':', '-')}" for p in generated]
        demo_pool = frozenset(
            SearchDocument.objects.exclude(key__in=excluded).values_list("key", flat=True)
        )
        queries: list[Judged] = []
        roadmap = Roadmap.objects.get(slug="routekaart-regionale-samenwerking")
        passages = {p.number: p.pk for p in Passage.objects.filter(publication=roadmap.publication)}
        signposts = {s.position: s.pk for s in roadmap.signposts.all()}
        for query, demo in DEMO_QUERIES:
            judged = {}
            for key, grade in {**demo, **POOLED_JUDGEMENTS.get(query, {})}.items():
                if "=" in key:
                    kind, _, title = key.partition("=")
                    titled = SearchDocument.objects.filter(doc_type=kind, title=title)
                    if not titled.exists():
                        raise CommandError(f"Beoordeeld document ontbreekt: {key}")
                    judged.update(dict.fromkeys(titled.values_list("key", flat=True), grade))
                    continue
                kind, _, ref = key.partition(":")
                if kind == "passage":
                    judged[f"passage:{passages[ref]}"] = grade
                elif kind == "signpost":
                    judged[f"signpost:{signposts[int(ref)]}"] = grade
                elif kind == "roadmap":
                    judged[f"roadmap:{roadmap.pk}"] = grade
                elif kind == "publication" and roadmap.publication_id:
                    judged[f"publication:{roadmap.publication_id}"] = grade
                else:
                    found = SearchDocument.objects.filter(
                        doc_type=kind, url__contains=ref
                    ).values_list("key", flat=True)
                    judged.update({found_key: grade for found_key in found})
            queries.append((query, judged, demo_pool))
        return queries

    def _quality(self, count: int, *, details: bool = False) -> None:
        """nDCG@10 and recall@10 of every system, measured twice.

        Each query is judged over its own part of the content. First the demo queries run on
        an index that holds only the demo content (their own part); then the generated passages
        are added and every query runs on the whole index, with the unjudged part left out of
        each ranking before scoring (a condensed list). The second way is how this benchmark
        measured before; it understates a system that widens its search when few documents
        match all words, because unjudged generated passages can fill its page, so both are
        reported: "one index" and "own part only" (topic queries from the whole index, which
        holds their own part, and demo queries from the demo-only index).
        """
        systems: dict[str, Callable[[str], list[int]]] = {
            PLAIN + "icontains, alle woorden": partial(self._icontains, fill=False),
            PLAIN + "full-text zonder stemming, alle woorden": partial(
                self._raw_fulltext, fill=False
            ),
            STRICT + "icontains, aangevuld": self._icontains,
            STRICT + "full-text zonder stemming, aangevuld": self._raw_fulltext,
            OURS: self._service,
        }
        self._analyze()
        self._build_raw_fts()
        demo_queries = self._demo_judgements()
        demo_only = self._scores(systems, demo_queries)
        generated = list(generate(count, relevant_per_topic=8))
        index_documents(as_document(p, 2020) for p in generated)
        self._analyze()
        self._build_raw_fts()
        queries = self._topic_judgements(generated) + self._demo_judgements(generated)
        mixed = self._scores(systems, queries)
        own = {name: scores[: len(TOPICS)] + demo_only[name] for name, scores in mixed.items()}
        self.stdout.write(
            f"\nKwaliteit: {len(queries)} zoekvragen, {SearchDocument.objects.count()} documenten "
            f"({count} gegenereerd)"
        )
        for title, scores in (
            ("alles in één index (eerdere meetwijze)", mixed),
            (
                f"elke zoekvraag in een index met alleen haar eigen deel ({len(demo_queries)} "
                "demovragen over alleen de demo-inhoud)",
                own,
            ),
        ):
            self.stdout.write(f"  {title}:")
            means = {
                name: (
                    statistics.mean(ndcg for ndcg, _ in values),
                    statistics.mean(r for _, r in values),
                )
                for name, values in scores.items()
            }
            for name, (mean_ndcg, mean_recall) in means.items():
                self.stdout.write(
                    f"    {name:52s} nDCG@10 {mean_ndcg:.3f}   recall@10 {mean_recall:.3f}"
                )
            ours = means[OURS][0]
            for form, label in ((PLAIN, "gewone"), (STRICT, "strenge")):
                best = max(value for name, (value, _) in means.items() if name.startswith(form))
                self.stdout.write(
                    f"    verhouding tot de beste {label} basislijn: {ours / best:.2f}x"
                )
        if details:
            self.stdout.write("  nDCG@10 per zoekvraag (één index; eigen deel), per systeem:")
            for index, (query, _judged, _pool) in enumerate(queries):
                values = "  ".join(
                    f"{mixed[name][index][0]:.2f};{own[name][index][0]:.2f}" for name in systems
                )
                self.stdout.write(f"    {query:42s} {values}")

    def _scores(
        self, systems: dict[str, Callable[[str], list[int]]], queries: list[Judged]
    ) -> dict[str, list[tuple[float, float]]]:
        """(nDCG@10, recall@10) per system and query, over the query's judged part only."""
        keys = dict(SearchDocument.objects.values_list("id", "key"))
        scores: dict[str, list[tuple[float, float]]] = {}
        for name, system in systems.items():
            scores[name] = []
            for query, judged, pool in queries:
                ranked = [keys[pk] for pk in system(query) if keys[pk] in pool][:K]
                scores[name].append((ndcg(ranked, judged), recall(ranked, judged)))
        return scores

    def _analyze(self) -> None:
        """Statistics and visibility map as autovacuum leaves them after a load (PostgreSQL)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE knowledge_searchdocument")

    def _service(self, query: str) -> list[int]:
        """The first DEPTH results, page by page as a visitor would see them."""
        found: list[int] = []
        for page in range(1, DEPTH // K + 1):
            results = search(
                query=query, user=AnonymousUser(), per_page=K, page_number=page, with_facets=False
            )
            found += [result.id for result in results.results]
            if not results.page.has_next():
                break
        return found

    def _icontains(self, query: str, depth: int = DEPTH, *, fill: bool = True) -> list[int]:
        """All words (in id order); with `fill`, then documents holding some of them."""
        terms = _raw_terms(query)
        every, anyone = Q(), Q()
        for term in terms:
            every &= Q(title__icontains=term) | Q(body__icontains=term)
            anyone |= Q(title__icontains=term) | Q(body__icontains=term)
        documents = SearchDocument.objects.order_by("id").values_list("id", flat=True)
        found = list(documents.filter(every)[:depth])
        if fill and len(found) < K:
            found += [pk for pk in documents.filter(anyone)[:depth] if pk not in found]
        return found[:depth]

    def _build_raw_fts(self) -> None:
        """The unstemmed baseline's index: FTS5 on the raw text, or a GIN expression index."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {RAW_GIN}")
                cursor.execute(
                    f"CREATE INDEX {RAW_GIN} ON knowledge_searchdocument USING gin ({RAW_VECTOR})"
                )
                return
            cursor.execute(f"DROP TABLE IF EXISTS {RAW_FTS}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {RAW_FTS} USING fts5(title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"INSERT INTO {RAW_FTS} (rowid, title, body) "  # noqa: S608
                "SELECT id, title, body FROM knowledge_searchdocument"
            )

    def _raw_fulltext(self, query: str, depth: int = DEPTH, *, fill: bool = True) -> list[int]:
        """All words, ranked, without stemming; with `fill`, then some of them (like ours)."""
        terms = _raw_terms(query)
        found: list[int] = []
        with connection.cursor() as cursor:
            for joiner in (" AND ", " OR "):
                if connection.vendor == "sqlite":
                    expression = joiner.join(f'"{term}"' for term in terms)
                    cursor.execute(
                        f"SELECT rowid FROM {RAW_FTS} WHERE {RAW_FTS} MATCH %s "  # noqa: S608
                        f"ORDER BY bm25({RAW_FTS}, 5.0, 1.0) LIMIT %s",
                        [expression, depth],
                    )
                else:
                    expression = (" & " if joiner == " AND " else " | ").join(
                        f"'{term}'" for term in terms
                    )
                    cursor.execute(
                        "SELECT id FROM knowledge_searchdocument, "  # noqa: S608
                        f"to_tsquery('simple', %s) q WHERE {RAW_VECTOR} @@ q "
                        f"ORDER BY ts_rank({RAW_VECTOR}, q) DESC, id LIMIT %s",
                        [expression, depth],
                    )
                found += [row[0] for row in cursor.fetchall() if row[0] not in found]
                if not fill or len(found) >= K:
                    break
        return found[:depth]

    # -- speed ---------------------------------------------------------------------------
    def _size(self) -> str:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT pg_total_relation_size('knowledge_searchdocument'), "
                    "pg_relation_size('knowledge_searchdocument_vector_gin')"
                )
                total, gin = cursor.fetchone()
                return (
                    f"tabel met indexen {total / 1e6:.0f} MB, waarvan GIN-index {gin / 1e6:.0f} MB"
                )
            cursor.execute("PRAGMA page_size")
            page_size = cursor.fetchone()[0]
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [f"{FTS_TABLE}%"]
                )
                fts = cursor.fetchone()[0] or 0
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'knowledge_searchdocument%%'"
                )
                table = cursor.fetchone()[0] or 0
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = %s", [FACET_INDEX])
                facets = cursor.fetchone()[0] or 0
                return (
                    f"documenttabel {table / 1e6:.0f} MB, FTS5-index {fts / 1e6:.0f} MB, "
                    f"facetindex {facets / 1e6:.0f} MB"
                )
            except Exception:  # dbstat is not compiled into every SQLite
                cursor.execute("PRAGMA page_count")
                pages = cursor.fetchone()[0]
                return f"hele database {pages * page_size / 1e6:.0f} MB (dbstat ontbreekt)"

    def _speed(self, count: int, repeat: int) -> None:
        self.stdout.write(f"\nSnelheid: {count} gegenereerde passages")
        started = time.perf_counter()
        index_documents(as_document(p, 2000 + n % 25) for n, p in enumerate(generate(count)))
        self._analyze()
        built = time.perf_counter() - started
        self.stdout.write(f"  index opbouwen: {built:.1f} s ({count / built:.0f} passages/s)")
        self.stdout.write(f"  omvang: {self._size()}")
        self._build_raw_fts()
        self._analyze()
        queries = [query for _id, query, _c, _x in TOPICS] + [q for q, _j in DEMO_QUERIES]
        hits: list[int] = []

        def service(query: str) -> None:
            hits.append(search(query=query, user=AnonymousUser()).count)

        systems: dict[str, Callable[[str], object]] = {
            "Dwarsverband-zoeken: rechten, facetten, telling, fragmenten, pagina 1": service,
            "icontains (alleen de eerste 10 id's)": lambda q: self._icontains(q, K),
            "full-text zonder stemming (alleen de eerste 10 id's)": lambda q: self._raw_fulltext(
                q, K
            ),
        }
        p95s: dict[str, float] = {}
        for name, system in systems.items():
            for query in queries:  # warm up caches once
                system(query)
            hits.clear()
            p95s[name] = self._timed(name, system, queries, repeat)
            if hits:
                self.stdout.write(f"    gemiddeld {statistics.mean(hits):.0f} treffers per vraag")
        ours, *baselines = p95s.values()
        self.stdout.write(
            "  p95 ten opzichte van de basislijnen: "
            + ", ".join(f"{ours / value:.2f}x" for value in baselines)
        )
        self._related_speed(repeat)
        self._misspelt_speed(repeat)

    def _related_speed(self, repeat: int) -> None:
        """Related knowledge as a project or community page asks for it (no page cache)."""
        texts = [f"{p.title} {p.description}" for p in Project.objects.all()] + [
            f"{c.title} {c.description}" for c in Community.objects.all()
        ]
        if not texts:
            return
        for text in texts:  # warm up caches once
            related(text=text, user=AnonymousUser())
        self._timed(
            f"relevante kennis bij {len(texts)} projecten en leerkringen",
            lambda text: related(text=text, user=AnonymousUser()),
            texts,
            repeat,
        )

    def _misspelt_speed(self, repeat: int) -> None:
        """The topic queries with one letter left out of their longest word, as a hurried
        visitor types them: the search then also looks for a spelling suggestion."""
        pairs = [(_misspelt(query), query) for _id, query, _c, _x in TOPICS]
        suggested: dict[str, str] = {}

        def service(query: str) -> None:
            suggested[query] = search(query=query, user=AnonymousUser()).suggestion

        for typed, _meant in pairs:  # warm up caches once
            service(typed)
        self._timed(
            f"zoekvragen met een tikfout ({len(pairs)}), met spelsuggestie",
            service,
            [typed for typed, _meant in pairs],
            repeat,
        )
        right = sum(suggested[typed] == meant for typed, meant in pairs)
        self.stdout.write(
            f"    suggestie gelijk aan de bedoelde zoekvraag: {right} van {len(pairs)}"
        )

    def _timed(
        self, name: str, call: Callable[[str], object], inputs: list[str], repeat: int
    ) -> float:
        """Time `call` on every input `repeat` times; print p50, p95 and max; return the p95."""
        timings = []
        for _ in range(repeat):
            for value in inputs:
                started = time.perf_counter()
                call(value)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[math.ceil(len(timings) * 0.95) - 1]
        self.stdout.write(
            f"  {name}, {len(timings)} metingen: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )
        return p95

    def _cleanup(self) -> None:
        ids = list(
            SearchDocument.objects.filter(key__startswith="passage:bench-").values_list(
                "id", flat=True
            )
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {RAW_GIN}")
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TABLE IF EXISTS {RAW_FTS}")
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ",".join(["%s"] * len(chunk))
                    delete = f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})"  # noqa: S608
                    cursor.execute(delete, chunk)
        for start in range(0, len(ids), 5000):
            SearchDocument.objects.filter(id__in=ids[start : start + 5000]).delete()
