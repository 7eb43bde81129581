"""Exact top-k nearest neighbours over L2-normalised vectors, block by block.

A block of query rows is multiplied with all vectors at once (one BLAS call), so memory stays
at block × n floats while the work runs at matrix-product speed. Exact up to 100k vectors on a
laptop; no index needed below that.
"""

from __future__ import annotations

import numpy as np

BLOCK = 1024
CHUNK = 64


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
    # Few queries (one changed project): a plain comparison per row is cheaper than indexing
    # all groups first.
    few = q <= 16
    members = (
        _group_members(groups)
        if groups is not None and query_rows is not None and not few
        else None
    )
    for start in range(0, q, block):
        stop = min(start + block, q)
        sims = queries[start:stop] @ vectors.T
        if query_rows is not None:
            rows = query_rows[start:stop]
            own = rows >= 0
            sims[np.nonzero(own)[0], rows[own]] = -np.inf
            if groups is not None and few:
                for row in np.nonzero(own)[0]:
                    sims[row, groups == groups[rows[row]]] = -np.inf
            elif groups is not None and members is not None:
                # Mask each query's own group: one small slice per group present in the block
                # instead of a block × n comparison matrix.
                query_groups = groups[rows[own]]
                own_rows = np.nonzero(own)[0]
                for group in np.unique(query_groups):
                    block_rows = own_rows[query_groups == group]
                    sims[np.ix_(block_rows, members[int(group)])] = -np.inf
        part = _largest(sims, k_eff)
        part_scores = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-part_scores, axis=1, kind="stable")
        best = np.take_along_axis(part, order, axis=1)
        best_scores = np.take_along_axis(part_scores, order, axis=1)
        indices[start:stop, :k_eff] = best
        scores[start:stop, :k_eff] = best_scores
    indices[~np.isfinite(scores)] = -1
    return indices, scores


def _group_members(groups: np.ndarray) -> dict[int, np.ndarray]:
    """For each group, the indices of its vectors."""
    order = np.argsort(groups, kind="stable")
    values, starts = np.unique(groups[order], return_index=True)
    bounds = [*starts.tolist(), len(order)]
    return {int(v): order[bounds[i] : bounds[i + 1]] for i, v in enumerate(values)}


def _largest(sims: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the k largest values in each row, unordered; exact.

    Selecting over every column of a wide block costs more than the matrix product itself.
    Instead the columns are cut into chunks of CHUNK: the k largest values of a row lie in the
    k chunks with the largest maxima (any other chunk's maximum is at most the k-th largest
    value), so only those k × CHUNK candidates (plus the columns of a partial last chunk) are
    searched.
    """
    rows, n = sims.shape
    chunks = n // CHUNK
    if chunks <= k:
        return np.argpartition(sims, n - k, axis=1)[:, n - k :]
    maxima = sims[:, : chunks * CHUNK].reshape(rows, chunks, CHUNK).max(axis=2)
    best_chunks = np.argpartition(maxima, chunks - k, axis=1)[:, chunks - k :]
    candidates = (best_chunks[:, :, None] * CHUNK + np.arange(CHUNK)).reshape(rows, k * CHUNK)
    tail = np.arange(chunks * CHUNK, n)
    if len(tail):
        candidates = np.concatenate([candidates, np.broadcast_to(tail, (rows, len(tail)))], axis=1)
    values = np.take_along_axis(sims, candidates, axis=1)
    width = candidates.shape[1]
    chosen = np.argpartition(values, width - k, axis=1)[:, width - k :]
    return np.take_along_axis(candidates, chosen, axis=1)
