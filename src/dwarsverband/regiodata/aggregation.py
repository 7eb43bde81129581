"""The rules that turn municipal figures into figures for a region, without the ORM.

- counts are summed;
- averages and rates are weighted by their base (households, population);
- medians and other non-additive figures are not aggregated at all;
- a missing or suppressed figure is missing, never zero, and a figure over incomplete data
  says how many members it lacks.

Municipalities merge every year. Observations keep the code of their own year; `to_current`
recomputes a period's figures onto today's municipalities with the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from dwarsverband.regiodata.constants import Aggregation


@dataclass(frozen=True, slots=True)
class Figure:
    """A value as stored for one area: `None` means missing or suppressed."""

    value: float | None
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class AreaFigure:
    """A value for an area computed from its members, and how complete it is."""

    value: float | None
    members: int
    lacking: tuple[str, ...] = ()
    provisional: bool = False
    aggregated: bool = True
    recomputed_from: tuple[str, ...] = field(default=())

    @property
    def lacking_count(self) -> int:
        return len(self.lacking)

    @property
    def complete(self) -> bool:
        return not self.lacking


def aggregate(
    *,
    rule: str,
    members: Sequence[str],
    values: Mapping[str, Figure],
    weights: Mapping[str, Figure] | None = None,
) -> AreaFigure:
    """Combine the values of `members` by `rule` (an `Aggregation`).

    A member without a value, or (for a weighted mean) without a weight, is listed in `lacking`;
    the result is `None` when no member has what the rule needs.
    """
    if rule == Aggregation.NONE:
        return AreaFigure(value=None, members=len(members), aggregated=False)
    lacking: list[str] = []
    provisional = False
    if rule == Aggregation.SUM:
        total = 0.0
        present = 0
        for code in members:
            figure = values.get(code)
            if figure is None or figure.value is None:
                lacking.append(code)
                continue
            total += figure.value
            present += 1
            provisional = provisional or figure.provisional
        return AreaFigure(
            value=total if present else None,
            members=len(members),
            lacking=tuple(lacking),
            provisional=provisional,
        )
    if rule == Aggregation.WEIGHTED_MEAN:
        if weights is None:
            raise ValueError("A weighted mean needs weights.")
        weighted_sum = 0.0
        weight_sum = 0.0
        for code in members:
            figure = values.get(code)
            weight = weights.get(code)
            if (
                figure is None
                or figure.value is None
                or weight is None
                or weight.value is None
                or weight.value <= 0
            ):
                lacking.append(code)
                continue
            weighted_sum += figure.value * weight.value
            weight_sum += weight.value
            provisional = provisional or figure.provisional or weight.provisional
        return AreaFigure(
            value=weighted_sum / weight_sum if weight_sum > 0 else None,
            members=len(members),
            lacking=tuple(lacking),
            provisional=provisional,
        )
    raise ValueError(f"Unknown aggregation rule {rule!r}")


def current_code(code: str, changes: Mapping[str, str]) -> str:
    """The code of today's municipality that `code` is part of (following merger chains)."""
    seen = {code}
    while code in changes:
        code = changes[code]
        if code in seen:  # a cycle in the mapping table: stop rather than loop
            break
        seen.add(code)
    return code


def constituents(codes: Iterable[str], changes: Mapping[str, str]) -> dict[str, list[str]]:
    """Group the codes of one period under today's municipality they belong to."""
    grouped: dict[str, list[str]] = {}
    for code in sorted(codes):
        grouped.setdefault(current_code(code, changes), []).append(code)
    return grouped


def to_current(
    *,
    rule: str,
    values: Mapping[str, Figure],
    changes: Mapping[str, str],
    weights: Mapping[str, Figure] | None = None,
) -> dict[str, AreaFigure]:
    """Recompute one period's figures (under the codes of their year) onto today's codes.

    A municipality that is the same as then keeps its figure; one formed by a merger gets the
    aggregate of its predecessors, noted in `recomputed_from`. A figure that cannot be
    aggregated (a median) is missing for a merged municipality, never guessed.
    """
    if not changes or changes.keys().isdisjoint(values.keys()):
        # Nothing merged since this period: every figure stays under its own code.
        return {
            code: AreaFigure(
                value=figure.value,
                members=1,
                lacking=() if figure.value is not None else (code,),
                provisional=figure.provisional,
            )
            for code, figure in values.items()
        }
    result: dict[str, AreaFigure] = {}
    for today, codes in constituents(values.keys(), changes).items():
        if codes == [today]:
            figure = values[today]
            result[today] = AreaFigure(
                value=figure.value,
                members=1,
                lacking=() if figure.value is not None else (today,),
                provisional=figure.provisional,
            )
            continue
        if rule == Aggregation.NONE:
            result[today] = AreaFigure(
                value=None,
                members=len(codes),
                lacking=tuple(codes),
                aggregated=False,
                recomputed_from=tuple(codes),
            )
            continue
        combined = aggregate(rule=rule, members=codes, values=values, weights=weights)
        result[today] = AreaFigure(
            value=combined.value,
            members=combined.members,
            lacking=combined.lacking,
            provisional=combined.provisional,
            recomputed_from=tuple(codes),
        )
    return result


@dataclass(frozen=True, slots=True)
class Change:
    period: str
    previous_period: str
    absolute: float | None
    relative: float | None


def year_on_year(series: Sequence[tuple[str, float | None]]) -> list[Change]:
    """Change between each period and the one before it; missing stays missing."""
    changes: list[Change] = []
    for (previous_period, previous), (period, value) in pairwise(series):
        if previous is None or value is None:
            changes.append(Change(period, previous_period, None, None))
            continue
        relative = (value - previous) / abs(previous) * 100 if previous else None
        changes.append(Change(period, previous_period, value - previous, relative))
    return changes


@dataclass(frozen=True, slots=True)
class Divergence:
    code: str
    value: float
    reference: float
    difference: float
    relative: float | None


def divergences(
    *, values: Mapping[str, float | None], reference: float | None, limit: int = 5
) -> list[Divergence]:
    """The members whose value lies furthest from the reference value (largest first)."""
    if reference is None:
        return []
    found = [
        Divergence(
            code=code,
            value=value,
            reference=reference,
            difference=value - reference,
            relative=(value - reference) / abs(reference) * 100 if reference else None,
        )
        for code, value in values.items()
        if value is not None
    ]
    found.sort(key=lambda item: (-abs(item.difference), item.code))
    return found[:limit]
