"""`dwarsverband bench matching-quality`: ranking quality of the engine on a labelled set.

For every text of the shipped evaluation set (src/dwarsverband/matching/evaluation) all other
texts are ranked by the engine, exactly as `dwarsverband neighbours` does it (default backend,
hybrid embedding + lexical score), by the engine's embeddings alone, and by a baseline:
scikit-learn TF-IDF over character 3-5-grams (analyzer="char_wb") with cosine similarity.
A neighbour is relevant when it has the same theme. Reports precision@5, mean average
precision, the MAP ratio engine/baseline (target at least 1.3) and, for the related
cross-theme pairs, the mean rank of the partner. Needs no database.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dwarsverband.matching.engine.backends import (
    DEFAULT_BACKEND,
    BackendUnavailable,
    backend_names,
    get_backend,
)
from dwarsverband.matching.engine.similarity import hybrid_neighbours
from dwarsverband.matching.evaluation import (
    Scores,
    evaluate,
    load_cross_pairs,
    load_projects,
)

TOP = 5
MAP_TARGET = 1.3


def baseline_rankings(texts: list[str]) -> list[list[int]]:
    """All other texts per text, best first, by character n-gram TF-IDF cosine similarity."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics.pairwise import cosine_similarity
    except ImportError as error:  # pragma: no cover - scikit-learn is a test extra
        raise CommandError(
            "scikit-learn ontbreekt; installeer de testextra's: pip install -e '.[test]'.",
            returncode=2,
        ) from error
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(texts)
    similarities = np.asarray(cosine_similarity(matrix), dtype=np.float64)
    np.fill_diagonal(similarities, -np.inf)
    order = np.argsort(-similarities, axis=1, kind="stable")
    return [[int(i) for i in row if i != query] for query, row in enumerate(order)]


def engine_rankings(
    texts: list[str], vectors: np.ndarray, *, lexical_weight: float | None = None
) -> list[list[int]]:
    """All other texts per text, best first, by the engine's neighbour search."""
    k = len(texts) - 1
    if lexical_weight is None:
        found = hybrid_neighbours(texts, vectors, k)
    else:
        found = hybrid_neighbours(texts, vectors, k, lexical_weight=lexical_weight)
    return [[n.index for n in row] for row in found]


class Command(BaseCommand):
    help = "Meet de rangschikkingskwaliteit van de matching-engine op de evaluatieset."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backend",
            default=DEFAULT_BACKEND,
            help=f"embeddingbackend: {', '.join(backend_names())} (standaard {DEFAULT_BACKEND})",
        )
        parser.add_argument(
            "--extern",
            metavar="CSV",
            help=(
                "een andere gelabelde set (CSV met kopregel) in plaats van de meegeleverde, "
                "bijv. ../shared/data/evaluation/nl_news_issue_topics_gold_v2.csv"
            ),
        )
        parser.add_argument("--tekstkolom", default="text", help="kolom met de tekst")
        parser.add_argument("--labelkolom", default="gold_topic_key", help="kolom met het label")
        parser.add_argument(
            "--zonder-label",
            action="append",
            default=[],
            help="laat teksten met dit label weg (bijv. None); mag vaker",
        )

    def _extern(self, options: dict[str, Any]) -> tuple[list[str], list[str]]:
        import csv
        from pathlib import Path

        path = Path(options["extern"])
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}.", returncode=2) from error
        text_column, label_column = options["tekstkolom"], options["labelkolom"]
        if rows and not {text_column, label_column} <= rows[0].keys():
            raise CommandError(
                f"{path.name} heeft geen kolommen '{text_column}' en '{label_column}'.",
                returncode=2,
            )
        skipped = set(options["zonder_label"])
        kept = [
            (row[text_column].strip(), row[label_column].strip())
            for row in rows
            if row[text_column].strip() and row[label_column].strip() not in skipped
        ]
        if len(kept) < 2:
            raise CommandError(f"{path.name} heeft te weinig gelabelde teksten.", returncode=2)
        return [text for text, _label in kept], [label for _text, label in kept]

    def handle(self, *args: Any, **options: Any) -> None:
        if options["extern"]:
            texts, themes = self._extern(options)
            pairs = []
            pair_indices: list[tuple[int, int]] = []
        else:
            projects = load_projects()
            pairs = load_cross_pairs()
            position = {project.id: i for i, project in enumerate(projects)}
            missing = sorted(({p.a for p in pairs} | {p.b for p in pairs}) - position.keys())
            if missing:
                raise CommandError(f"Onbekende id's in cross_pairs.jsonl: {', '.join(missing)}.")
            texts = [project.text for project in projects]
            themes = [project.theme for project in projects]
            pair_indices = [(position[p.a], position[p.b]) for p in pairs]
        try:
            backend = get_backend(options["backend"])
        except BackendUnavailable as error:
            raise CommandError(str(error), returncode=2) from error

        started = time.perf_counter()
        vectors = backend.embed(texts)
        embed_seconds = time.perf_counter() - started
        started = time.perf_counter()
        hybrid = evaluate(engine_rankings(texts, vectors), themes, pair_indices, TOP)
        hybrid_seconds = time.perf_counter() - started
        cosine = evaluate(
            engine_rankings(texts, vectors, lexical_weight=0.0), themes, pair_indices, TOP
        )
        started = time.perf_counter()
        baseline = evaluate(baseline_rankings(texts), themes, pair_indices, TOP)
        baseline_seconds = time.perf_counter() - started

        out = self.stdout.write
        out(
            f"Evaluatieset: {len(texts)} teksten, {len(set(themes))} thema's, "
            f"{len(pairs)} verwante paren over thema's heen; backend {options['backend']}."
        )
        out(
            f"Embedden {embed_seconds:.1f} s; rangschikken engine {hybrid_seconds:.2f} s, "
            f"baseline {baseline_seconds:.2f} s."
        )
        out("")
        rows: list[tuple[str, Scores]] = [
            (f"engine: {options['backend']} + lexicaal (hybride, standaard)", hybrid),
            (f"engine: alleen embeddings ({options['backend']})", cosine),
            ("baseline: TF-IDF char_wb 3-5-grammen, cosinus", baseline),
        ]
        rank_title = f"gem. rang partner (van {len(texts) - 1})"
        name_width = max(len("methode"), *(len(name) for name, _scores in rows))
        out(f"| {'methode':<{name_width}} | P@{TOP}   | MAP   | {rank_title} |")
        out(f"|{'-' * (name_width + 2)}|-------|-------|{'-' * (len(rank_title) + 2)}|")
        for name, scores in rows:
            out(
                f"| {name:<{name_width}} | {scores.precision_at_k:.3f} | "
                f"{scores.mean_average_precision:.3f} | "
                + (
                    f"{scores.cross_pair_mean_rank:>{len(rank_title)}.1f} |"
                    if pair_indices
                    else f"{'–':>{len(rank_title)}} |"
                )
            )
        out("")
        ratio = (
            hybrid.mean_average_precision / baseline.mean_average_precision
            if baseline.mean_average_precision > 0
            else float("inf")
        )
        verdict = "gehaald" if ratio >= MAP_TARGET else "NIET gehaald"
        out(f"MAP engine / baseline: {ratio:.2f} (doel >= {MAP_TARGET}: {verdict})")
