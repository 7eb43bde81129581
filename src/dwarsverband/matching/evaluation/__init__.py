"""Labelled evaluation set for the matching engine and the ranking metrics used on it.

`projects_nl.jsonl` holds short Dutch project descriptions, one per line as
{"id", "theme", "text"}; two texts are relevant to each other when they share a theme.
`cross_pairs.jsonl` holds related projects from different themes as {"a", "b", "why"}.
`dwarsverband bench matching-quality` reports these metrics for the engine and a baseline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
PROJECTS_FILE = DATA_DIR / "projects_nl.jsonl"
CROSS_PAIRS_FILE = DATA_DIR / "cross_pairs.jsonl"


@dataclass(frozen=True)
class Project:
    id: str
    theme: str
    text: str


@dataclass(frozen=True)
class CrossPair:
    a: str
    b: str
    why: str


def load_projects(path: Path = PROJECTS_FILE) -> list[Project]:
    with path.open(encoding="utf-8") as stream:
        return [
            Project(id=str(r["id"]), theme=str(r["theme"]), text=str(r["text"]))
            for r in (json.loads(line) for line in stream if line.strip())
        ]


def load_cross_pairs(path: Path = CROSS_PAIRS_FILE) -> list[CrossPair]:
    with path.open(encoding="utf-8") as stream:
        return [
            CrossPair(a=str(r["a"]), b=str(r["b"]), why=str(r.get("why", "")))
            for r in (json.loads(line) for line in stream if line.strip())
        ]


def precision_at_k(relevant: Sequence[bool], k: int) -> float:
    """Share of the first k ranked items that are relevant (k counts even if fewer are ranked)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    return sum(1 for flag in relevant[:k] if flag) / k


def average_precision(relevant: Sequence[bool], total_relevant: int | None = None) -> float:
    """Mean of the precision at every relevant position; relevant items not ranked count as 0."""
    total = sum(1 for flag in relevant if flag) if total_relevant is None else total_relevant
    if total == 0:
        return 0.0
    hits = 0
    summed = 0.0
    for position, flag in enumerate(relevant, start=1):
        if flag:
            hits += 1
            summed += hits / position
    return summed / total


def rank_of(ranking: Sequence[int], target: int) -> int:
    """1-based position of target in a ranking, or len(ranking) + 1 when it is absent."""
    for position, index in enumerate(ranking, start=1):
        if index == target:
            return position
    return len(ranking) + 1


@dataclass(frozen=True)
class Scores:
    precision_at_k: float
    mean_average_precision: float
    cross_pair_mean_rank: float


def evaluate(
    rankings: Sequence[Sequence[int]],
    themes: Sequence[str],
    cross_pairs: Sequence[tuple[int, int]],
    k: int = 5,
) -> Scores:
    """P@k and MAP (relevant = same theme) over all queries, and the mean partner rank of pairs.

    `rankings[i]` lists the indices of all other texts for query i, best first.
    """
    if len(rankings) != len(themes):
        raise ValueError("one ranking per text is needed")
    precisions: list[float] = []
    averages: list[float] = []
    for query, ranking in enumerate(rankings):
        flags = [themes[other] == themes[query] for other in ranking]
        total = sum(1 for i, theme in enumerate(themes) if i != query and theme == themes[query])
        precisions.append(precision_at_k(flags, k))
        averages.append(average_precision(flags, total))
    pair_ranks = [rank_of(rankings[a], b) for a, b in cross_pairs] + [
        rank_of(rankings[b], a) for a, b in cross_pairs
    ]
    count = max(len(rankings), 1)
    return Scores(
        precision_at_k=sum(precisions) / count,
        mean_average_precision=sum(averages) / count,
        cross_pair_mean_rank=sum(pair_ranks) / len(pair_ranks) if pair_ranks else 0.0,
    )
