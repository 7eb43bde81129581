"""Exact top-k nearest neighbours over L2-normalised vectors, block by block.

A block of query rows is multiplied with all vectors at once (one BLAS call), so memory stays
at block × n floats while the work runs at matrix-product speed. Exact up to 100k vectors on a
laptop; no index needed below that.
"""

from __future__ import annotations

import numpy as np

BLOCK = 1024


def top_k(
    vectors: np.ndarray,
    k: int,
    *,
    queries: np.ndarray | None = None,
    query_rows: np.ndarray | None = None,
    groups: np.ndarray | None = None,
    block: int = BLOCK,
) -> tuple[np.ndarray, np.ndarray]:
    """The k most similar vectors for each query, best first: (indices, scores), both (q, k).

    Without `queries`, every vector is a query and is never its own neighbour. `query_rows`
    gives, for explicit queries, their row in `vectors` (-1 if none) so they skip themselves.
    With `groups` (one integer per vector, e.g. the organisation), neighbours from the query's
    own group are left out. Missing neighbours (too few candidates) get index -1, score -inf.
    """
    n = vectors.shape[0]
    if queries is None:
        queries = vectors
        query_rows = np.arange(n)
    q = queries.shape[0]
    k_eff = max(0, min(k, n))
    indices = np.full((q, k), -1, dtype=np.int64)
    scores = np.full((q, k), -np.inf, dtype=np.float32)
    if k_eff == 0 or q == 0:
        return indices, scores
    for start in range(0, q, block):
        stop = min(start + block, q)
        sims = queries[start:stop] @ vectors.T
        if query_rows is not None:
            rows = query_rows[start:stop]
            own = rows >= 0
            sims[np.nonzero(own)[0], rows[own]] = -np.inf
            if groups is not None:
                query_groups = np.where(own, groups[np.maximum(rows, 0)], -1)
                sims[query_groups[:, None] == groups[None, :]] = -np.inf
        if k_eff < n:
            part = np.argpartition(-sims, k_eff - 1, axis=1)[:, :k_eff]
        else:
            part = np.tile(np.arange(n), (stop - start, 1))
        part_scores = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-part_scores, axis=1, kind="stable")
        best = np.take_along_axis(part, order, axis=1)
        best_scores = np.take_along_axis(part_scores, order, axis=1)
        indices[start:stop, :k_eff] = best
        scores[start:stop, :k_eff] = best_scores
    indices[~np.isfinite(scores)] = -1
    return indices, scores
