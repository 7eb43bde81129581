"""Suggested themes for a project without themes.

Two signals, both from the embeddings: how close the project is to each theme's own text, and
which themes its nearest tagged projects carry (weighted by similarity).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_SUGGESTIONS = 3
RELATIVE_CUTOFF = 0.6


def suggest_themes(
    vector: np.ndarray,
    theme_vectors: np.ndarray,
    neighbour_scores: Sequence[float],
    neighbour_themes: Sequence[Sequence[int]],
) -> list[int]:
    """Indices into theme_vectors of the suggested themes, best first."""
    if theme_vectors.shape[0] == 0:
        return []
    scores = (theme_vectors @ vector).astype(np.float64)
    votes = np.zeros_like(scores)
    total = 0.0
    for score, themes in zip(neighbour_scores, neighbour_themes, strict=True):
        weight = max(float(score), 0.0)
        for theme in themes:
            votes[theme] += weight
        total += weight if themes else 0.0
    if total > 0:
        scores = 0.5 * scores + 0.5 * votes / total
    order = np.argsort(-scores, kind="stable")
    best = scores[order[0]]
    if best <= 0:
        return []
    return [int(i) for i in order[:MAX_SUGGESTIONS] if scores[i] >= RELATIVE_CUTOFF * best]
