"""`dwarsverband bench matching --projects N`: speed and memory of the matching engine.

Reports embedding throughput (real USE embeddings of a sample of generated texts), the full
recomputation of every project's neighbours from cached vectors (exact blocked top-k, other
organisations only), matching one changed project against all (p95), peak memory, and a
scikit-learn brute-force nearest-neighbour baseline on the same vectors in the same run.
Needs no database.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import psutil
from django.core.management.base import BaseCommand, CommandParser

from dwarsverband.matching.engine.backends import get_backend, normalise
from dwarsverband.matching.engine.neighbours import top_k

SUBJECTS = [
    "ouderen die langer thuis wonen",
    "huurwoningen isoleren",
    "de regionale arbeidsmarkt",
    "leegstand in de binnenstad",
    "schulden bij jonge huishoudens",
    "wijkvernieuwing in Zuid",
    "data voor beleid",
    "samenwerking in de regio",
    "betaalbare huur",
    "aardgasvrije wijken",
    "jongeren zonder startkwalificatie",
    "bedrijventerreinen herstructureren",
]
ACTIONS = [
    "Een leergang over",
    "Onderzoek naar",
    "Een pilot met",
    "Een leerkring over",
    "Een aanpak voor",
    "Kennisdeling over",
    "Een experiment rond",
    "Een regionale agenda voor",
]
PARTNERS = [
    "met corporaties",
    "met het UWV",
    "met zorgaanbieders",
    "met ondernemers",
    "met bewoners",
    "met de provincie",
    "met onderwijsinstellingen",
    "met wijkteams",
]


def generate_texts(count: int, seed: int = 31) -> list[str]:
    rng = np.random.default_rng(seed)
    return [
        f"{ACTIONS[rng.integers(len(ACTIONS))]} {SUBJECTS[rng.integers(len(SUBJECTS))]} "
        f"{PARTNERS[rng.integers(len(PARTNERS))]}, project {i}."
        for i in range(count)
    ]


class Command(BaseCommand):
    help = "Meet snelheid en geheugen van de matching (zonder database)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--projects", type=int, default=50_000)
        parser.add_argument("--embed-sample", type=int, default=1000)
        parser.add_argument("--top", type=int, default=6)
        parser.add_argument("--organisations", type=int, default=400)
        parser.add_argument("--single-runs", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        n, k = options["projects"], options["top"]
        process = psutil.Process()
        peak = process.memory_info().rss
        texts = generate_texts(n)
        backend = get_backend("use")
        sample = texts[: min(options["embed_sample"], n)]
        started = time.perf_counter()
        sampled = backend.embed(sample)
        embed_seconds = time.perf_counter() - started
        self.stdout.write(
            f"embedding ({backend.name}): {len(sample)} teksten in {embed_seconds:.1f} s = "
            f"{len(sample) / embed_seconds:.0f} teksten/s"
        )
        # Cached vectors for all N projects: the real sample embeddings, each reused with a
        # small perturbation so that no two vectors are identical (embedding 50k texts would
        # measure the embedder again, not the matching).
        rng = np.random.default_rng(7)
        vectors = normalise(
            sampled[np.arange(n) % len(sample)]
            + rng.normal(scale=0.02, size=(n, sampled.shape[1])).astype(np.float32)
        )
        groups = rng.integers(options["organisations"], size=n)
        peak = max(peak, process.memory_info().rss)

        started = time.perf_counter()
        top_k(vectors, k, groups=groups)
        full_seconds = time.perf_counter() - started
        peak = max(peak, process.memory_info().rss)
        self.stdout.write(
            f"volledige herberekening, {n} projecten, top-{k} (andere organisaties): "
            f"{full_seconds:.2f} s"
        )

        timings = []
        for row in rng.integers(n, size=options["single_runs"]):
            started = time.perf_counter()
            top_k(
                vectors,
                k,
                queries=vectors[row : row + 1],
                query_rows=np.array([row]),
                groups=groups,
            )
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"één project tegen alle: p50 {np.percentile(timings, 50):.1f} ms, "
            f"p95 {np.percentile(timings, 95):.1f} ms"
        )

        from sklearn.neighbors import NearestNeighbors

        started = time.perf_counter()
        model = NearestNeighbors(n_neighbors=k + 1, algorithm="brute", metric="cosine").fit(vectors)
        model.kneighbors(vectors)
        sk_seconds = time.perf_counter() - started
        peak = max(peak, process.memory_info().rss)
        self.stdout.write(
            f"scikit-learn brute force (top-{k + 1}, zonder organisatiefilter): {sk_seconds:.2f} s"
        )
        self.stdout.write(f"piekgeheugen (RSS): {peak / 1024**2:.0f} MB")
