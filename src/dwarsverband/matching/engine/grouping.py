"""Balanced grouping of projects into tables and seating of people, on vectors only."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

ITERATIONS = 12


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def balanced_groups(vectors: np.ndarray, groups: int) -> list[int]:
    """Assign each vector to one of `groups` groups of nearly equal size (differ by ≤ 1).

    Spherical k-means with a capacity: farthest-point start (deterministic), then repeatedly
    the most similar (vector, centre) pairs are assigned first while a group has room.
    """
    n = vectors.shape[0]
    if n == 0:
        return []
    groups = max(1, min(groups, n))
    seeds = [0]
    for _ in range(1, groups):
        closest = np.max(vectors @ vectors[seeds].T, axis=1)
        closest[seeds] = np.inf
        seeds.append(int(np.argmin(closest)))
    centres = vectors[seeds].copy()
    capacity = [n // groups + (1 if g < n % groups else 0) for g in range(groups)]
    assignment = [-1] * n
    for _ in range(ITERATIONS):
        sims = vectors @ centres.T
        order = np.dstack(
            np.unravel_index(np.argsort(-sims, axis=None, kind="stable"), sims.shape)
        )[0]
        room = list(capacity)
        new = [-1] * n
        placed = 0
        for row, group in order:
            if new[row] == -1 and room[group] > 0:
                new[row] = int(group)
                room[group] -= 1
                placed += 1
                if placed == n:
                    break
        if new == assignment:
            break
        assignment = new
        for g in range(groups):
            members = [i for i in range(n) if assignment[i] == g]
            if members:
                centres[g] = _normalise(vectors[members].mean(axis=0, keepdims=True))[0]
    return assignment


def seat_people(preferences: np.ndarray, maximum: int) -> list[int]:
    """Seat every person (row) at exactly one table (column), at most `maximum` per table.

    Strongest preferences are honoured first. Raises ValueError when there are more people
    than seats.
    """
    people, tables = preferences.shape
    if people > tables * maximum:
        raise ValueError("more people than seats")
    seats = [-1] * people
    room = [maximum] * tables
    flat = np.argsort(-preferences, axis=None, kind="stable")
    for position in flat:
        person, table = divmod(int(position), tables)
        if seats[person] == -1 and room[table] > 0:
            seats[person] = table
            room[table] -= 1
    return seats


def strongest_links(
    vectors: np.ndarray, assignment: Sequence[int], limit: int
) -> list[tuple[int, int, float]]:
    """The most similar pairs that sit at different tables: (i, j, similarity), best first."""
    n = vectors.shape[0]
    if n < 2:
        return []
    sims = vectors @ vectors.T
    labels = np.asarray(assignment)
    mask = (labels[:, None] != labels[None, :]) & np.triu(np.ones((n, n), dtype=bool), 1)
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        return []
    values = sims[rows, cols]
    best = np.argsort(-values, kind="stable")[: max(limit, 0)]
    return [(int(rows[i]), int(cols[i]), float(values[i])) for i in best]


def table_count_for(people: int, maximum: int) -> int:
    return max(1, math.ceil(people / max(maximum, 1)))
