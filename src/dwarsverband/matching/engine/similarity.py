"""Ranking texts by similarity: embeddings first, then a hybrid re-rank with Dutch key terms.

The hybrid score is `(1 - LEXICAL_WEIGHT) * cosine + LEXICAL_WEIGHT * lexical`, computed for
the best `CANDIDATES_FACTOR × k` embedding candidates of every text. The benchmark
`dwarsverband bench matching-quality` reports both, so the weight is a measured choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dwarsverband.matching.engine import lexical
from dwarsverband.matching.engine.neighbours import top_k

LEXICAL_WEIGHT = 0.3
CANDIDATES_FACTOR = 4
MIN_CANDIDATES = 20


@dataclass(frozen=True)
class Neighbour:
    index: int
    score: float


def hybrid_neighbours(
    texts: Sequence[str],
    vectors: np.ndarray,
    k: int,
    *,
    groups: np.ndarray | None = None,
    lexical_weight: float = LEXICAL_WEIGHT,
    term_list: Sequence[lexical.Terms] | None = None,
    weights: lexical.TermWeights | None = None,
) -> list[list[Neighbour]]:
    """For every text its k best neighbours (never itself, nor from its own group), best first."""
    if len(texts) != vectors.shape[0]:
        raise ValueError("texts and vectors differ in length")
    candidates = max(k * CANDIDATES_FACTOR, MIN_CANDIDATES) if lexical_weight > 0 else k
    indices, scores = top_k(vectors, candidates, groups=groups)
    if lexical_weight <= 0:
        return [
            [Neighbour(int(i), float(s)) for i, s in zip(row, row_scores, strict=True) if i >= 0]
            for row, row_scores in zip(indices, scores, strict=True)
        ]
    term_list = term_list if term_list is not None else [lexical.terms(t) for t in texts]
    weights = weights if weights is not None else lexical.TermWeights(term_list)
    result: list[list[Neighbour]] = []
    for row, (found, found_scores) in enumerate(zip(indices, scores, strict=True)):
        ranked = [
            Neighbour(
                int(other),
                float(
                    (1 - lexical_weight) * cosine
                    + lexical_weight
                    * lexical.lexical_similarity(term_list[row], term_list[other], weights)
                ),
            )
            for other, cosine in zip(found, found_scores, strict=True)
            if other >= 0
        ]
        ranked.sort(key=lambda n: (-n.score, n.index))
        result.append(ranked[:k])
    return result
