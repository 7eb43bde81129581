"""Reads of regional data: areas, indicators, figures per area, trends and map shapes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from typing import cast
from uuid import uuid4

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _

from dwarsverband.organisations.constants import OrganisationKind
from dwarsverband.organisations.models import (
    Boundary,
    NetworkMembership,
    Organisation,
    Region,
)
from dwarsverband.regiodata.aggregation import (
    AreaFigure,
    Change,
    Divergence,
    Figure,
    aggregate,
    current_code,
    divergences,
    to_current,
    year_on_year,
)
from dwarsverband.regiodata.charts import MapOutline, Shape, map_outline
from dwarsverband.regiodata.constants import COUNTRY_CODE, Aggregation, ObservationStatus
from dwarsverband.regiodata.models import AreaCodeChange, Indicator, Observation


@dataclass(frozen=True)
class Area:
    """Something figures can be shown for: the country, a region, a network, a municipality."""

    code: str
    name: str
    kind: str  # country, region, network, municipality
    kind_label: str
    member_codes: tuple[str, ...]
    member_names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    url: str = ""

    @property
    def is_single(self) -> bool:
        return self.kind == "municipality"


def _municipality_names(codes: Iterable[str] | None = None) -> dict[str, str]:
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).exclude(
        code=""
    )
    if codes is not None:
        municipalities = municipalities.filter(code__in=list(codes))
    return dict(municipalities.values_list("code", "name"))


def country_area() -> Area:
    names = _municipality_names()
    return Area(
        code=COUNTRY_CODE,
        name=_("Nederland"),
        kind="country",
        kind_label=_("land"),
        member_codes=tuple(sorted(names)),
        member_names=names,
    )


def area_for_region(region: Region) -> Area:
    names = dict(
        region.members.filter(kind=OrganisationKind.MUNICIPALITY)
        .exclude(code="")
        .values_list("code", "name")
    )
    return Area(
        code=region.code,
        name=region.name,
        kind="region",
        kind_label=str(region.get_kind_display()),
        member_codes=tuple(sorted(names)),
        member_names=names,
        url=region.get_absolute_url(),
    )


def area_for_organisation(organisation: Organisation) -> Area | None:
    if organisation.kind == OrganisationKind.MUNICIPALITY and organisation.code:
        return Area(
            code=organisation.code,
            name=organisation.name,
            kind="municipality",
            kind_label=_("gemeente"),
            member_codes=(organisation.code,),
            member_names={organisation.code: organisation.name},
            url=organisation.get_absolute_url(),
        )
    if organisation.kind == OrganisationKind.NETWORK:
        names = dict(
            NetworkMembership.objects.filter(
                network=organisation,
                left_on__isnull=True,
                member__kind=OrganisationKind.MUNICIPALITY,
            )
            .exclude(member__code="")
            .values_list("member__code", "member__name")
        )
        return Area(
            code=organisation.code or organisation.slug,
            name=organisation.name,
            kind="network",
            kind_label=_("netwerk"),
            member_codes=tuple(sorted(names)),
            member_names=names,
            url=organisation.get_absolute_url(),
        )
    if organisation.governed_region_id is not None and organisation.governed_region:
        return area_for_region(organisation.governed_region)
    return None


def area_get(*, code: str) -> Area | None:
    """The area with this code: NL01, a region (PV27, AM18, CR23), a network or a municipality."""
    code = code.strip()
    if code.upper() == COUNTRY_CODE:
        return country_area()
    region = Region.objects.filter(code=code).first()
    if region is not None:
        return area_for_region(region)
    organisation = (
        Organisation.objects.filter(
            kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.NETWORK], code=code
        )
        .exclude(code="")
        .first()
    )
    if organisation is None:
        return None
    return area_for_organisation(organisation)


def area_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form: networks and every kind of region."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    networks = Organisation.objects.filter(kind=OrganisationKind.NETWORK).exclude(code="")
    if networks.exists():
        groups.append((_("Netwerken"), [(org.code, org.name) for org in networks]))
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for region in Region.objects.order_by("kind", "name"):
        grouped[str(region.get_kind_display())].append((region.code, region.name))
    groups.extend((label.capitalize(), items) for label, items in grouped.items())
    return groups


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: Indicator
    periods: int
    first_period: str
    last_period: str

    @property
    def is_series(self) -> bool:
        return self.periods > 1


def indicator_list() -> list[IndicatorSummary]:
    indicators = {indicator.pk: indicator for indicator in Indicator.objects.all()}
    stats = (
        Observation.objects.values("indicator_id")
        .annotate(periods=Count("period", distinct=True), first=Min("period"), last=Max("period"))
        .order_by()
    )
    by_id = {row["indicator_id"]: row for row in stats}
    return [
        IndicatorSummary(
            indicator=indicator,
            periods=by_id.get(pk, {}).get("periods", 0),
            first_period=by_id.get(pk, {}).get("first", "") or "",
            last_period=by_id.get(pk, {}).get("last", "") or "",
        )
        for pk, indicator in indicators.items()
    ]


def indicator_get(*, code: str) -> Indicator | None:
    return Indicator.objects.select_related("weight").filter(code=code).first()


def indicator_periods(*, indicator: Indicator) -> list[str]:
    return sorted(
        set(
            Observation.objects.filter(indicator=indicator)
            .values_list("period", flat=True)
            .distinct()
            .order_by()
        )
    )


def merger_changes() -> dict[str, str]:
    return dict(AreaCodeChange.objects.values_list("old_code", "new_code"))


@dataclass
class IndicatorTrend:
    """The figures of one indicator for one area over its periods."""

    indicator: Indicator
    periods: list[str]
    figures: dict[str, AreaFigure]
    weight_periods: dict[str, str] = field(default_factory=dict)
    country_official: dict[str, bool] = field(default_factory=dict)

    def value(self, period: str) -> float | None:
        figure = self.figures.get(period)
        return figure.value if figure else None

    @property
    def latest(self) -> str | None:
        return self.periods[-1] if self.periods else None

    @property
    def latest_figure(self) -> AreaFigure | None:
        return self.figures.get(self.periods[-1]) if self.periods else None

    @property
    def changes(self) -> list[Change]:
        return year_on_year([(period, self.value(period)) for period in self.periods])


@dataclass
class IndicatorSeries(IndicatorTrend):
    """The figures of one indicator for one area over its periods, and per member."""

    members: dict[str, dict[str, AreaFigure]] = field(default_factory=dict)

    def member_values(self, period: str) -> dict[str, float | None]:
        return {code: figure.value for code, figure in self.members.get(period, {}).items()}

    @property
    def recomputed(self) -> list[str]:
        return sorted(
            {
                code
                for figures in self.members.values()
                for code, figure in figures.items()
                if figure.recomputed_from
            }
        )


def _weight_period(period: str, available: Sequence[str]) -> str | None:
    if period in available:
        return period
    earlier = [candidate for candidate in available if candidate < period]
    if earlier:
        return earlier[-1]
    return available[0] if available else None


def _periods_by_indicator(
    *, ids: Iterable[int], area_codes: Iterable[str] | None, anywhere_ids: Iterable[int] = ()
) -> dict[int, list[str]]:
    """The periods each indicator of `ids` has rows for among `area_codes` (anywhere when
    None), and each of `anywhere_ids` anywhere, sorted; in one read."""
    ids, anywhere_ids = list(ids), list(anywhere_ids)
    condition = Q()
    if ids:
        condition |= Q(indicator_id__in=ids) & (
            Q(area_code__in=list(area_codes)) if area_codes is not None else Q()
        )
    if anywhere_ids:
        condition |= Q(indicator_id__in=anywhere_ids)
    if not condition:
        return {}
    found: dict[int, set[str]] = defaultdict(set)
    for indicator_id, period in (
        Observation.objects.filter(condition)
        .values_list("indicator_id", "period")
        .distinct()
        .order_by()
    ):
        found[indicator_id].add(period)
    return {indicator_id: sorted(periods) for indicator_id, periods in found.items()}


def area_series(
    *,
    area: Area,
    indicators: Sequence[Indicator],
    periods: Sequence[str] | None = None,
    changes: Mapping[str, str] | None = None,
) -> dict[int, IndicatorSeries]:
    """Figures per period for `area` and each of its members, by each indicator's rule.

    Observations under codes of merged municipalities are recomputed onto today's
    municipalities; the country uses CBS's own figure (NL01) where it was published.
    `changes` (the merger mapping) may be passed by a caller that already read it.
    """
    changes = merger_changes() if changes is None else changes
    members = set(area.member_codes)
    codes = set(members)
    codes.update(old for old in changes if current_code(old, changes) in members)
    if area.kind == "country":
        codes.add(COUNTRY_CODE)
    weight_ids = {i.weight_id for i in indicators if i.weight_id is not None}
    ids = {indicator.pk for indicator in indicators} | weight_ids
    area_codes = None if area.kind == "country" else codes
    rows = Observation.objects.filter(indicator_id__in=ids)
    if area_codes is not None:
        rows = rows.filter(area_code__in=area_codes)
    weight_available: dict[int, list[str]] | None = None
    if periods:
        # Only the periods asked for, and for each weighted indicator the period of its base
        # that goes with them (the same period, else the latest earlier one).
        weight_available = _periods_by_indicator(ids=weight_ids, area_codes=area_codes)
        needed = set(periods)
        for indicator in indicators:
            if indicator.weight_id is None or indicator.aggregation != Aggregation.WEIGHTED_MEAN:
                continue
            available = weight_available.get(indicator.weight_id, [])
            needed.update(
                found for period in periods if (found := _weight_period(period, available))
            )
        rows = rows.filter(period__in=sorted(needed))
    data: dict[int, dict[str, dict[str, Figure]]] = defaultdict(lambda: defaultdict(dict))
    for indicator_id, area_code, period, value, status in rows.values_list(
        "indicator_id", "area_code", "period", "value", "status"
    ).order_by():
        data[indicator_id][period][area_code] = Figure(
            value=value if status != ObservationStatus.MISSING else None,
            provisional=status == ObservationStatus.PROVISIONAL,
        )
    result: dict[int, IndicatorSeries] = {}
    for indicator in indicators:
        by_period = data.get(indicator.pk, {})
        wanted = sorted(by_period if not periods else set(by_period) & set(periods))
        series = IndicatorSeries(indicator=indicator, periods=[], figures={}, members={})
        weight_data = data.get(indicator.weight_id, {}) if indicator.weight_id else {}
        base_periods = (
            weight_available.get(indicator.weight_id, [])
            if weight_available is not None and indicator.weight_id
            else sorted(weight_data)
        )
        for period in wanted:
            official = by_period[period].pop(COUNTRY_CODE, None)
            weights_now: dict[str, Figure] | None = None
            if indicator.aggregation == Aggregation.WEIGHTED_MEAN:
                weight_period = _weight_period(period, base_periods)
                raw_weights = dict(weight_data.get(weight_period, {})) if weight_period else {}
                raw_weights.pop(COUNTRY_CODE, None)
                if weight_period:
                    series.weight_periods[period] = weight_period
                weights_current = to_current(
                    rule=Aggregation.SUM, values=raw_weights, changes=changes
                )
                weights_now = {
                    code: Figure(figure.value, figure.provisional)
                    for code, figure in weights_current.items()
                }
                member_figures = to_current(
                    rule=indicator.aggregation,
                    values=by_period[period],
                    changes=changes,
                    weights=raw_weights,
                )
            else:
                member_figures = to_current(
                    rule=indicator.aggregation, values=by_period[period], changes=changes
                )
            member_figures = {
                code: figure for code, figure in member_figures.items() if code in members
            }
            if not member_figures and official is None:
                continue
            series.periods.append(period)
            series.members[period] = member_figures
            if area.kind == "country" and official is not None:
                series.figures[period] = AreaFigure(
                    value=official.value,
                    members=len(members),
                    provisional=official.provisional,
                )
                series.country_official[period] = True
                continue
            if area.is_single:
                only = member_figures.get(area.member_codes[0])
                series.figures[period] = only or AreaFigure(
                    value=None, members=1, lacking=area.member_codes
                )
                continue
            values_now = {
                code: Figure(figure.value, figure.provisional)
                for code, figure in member_figures.items()
            }
            series.figures[period] = aggregate(
                rule=indicator.aggregation,
                members=sorted(members),
                values=values_now,
                weights=weights_now,
            )
        result[indicator.pk] = series
    return result


@dataclass
class LatestSeries(IndicatorSeries):
    """An `IndicatorSeries` of the latest period only, knowing which periods there are."""

    all_periods: list[str] = field(default_factory=list)


def latest_series(*, area: Area, indicator: Indicator) -> LatestSeries:
    """The figures of `area` and its members in the latest period of `indicator` only.

    A page that shows one period (a map, a table) need not compute the thirty before it.
    `all_periods` are the periods the indicator has figures for anywhere, which for the
    country are its own.
    """
    periods = indicator_periods(indicator=indicator)
    series = area_series(area=area, indicators=[indicator], periods=periods[-1:] or None)[
        indicator.pk
    ]
    if periods and not series.periods:
        # The latest period has no figures for this area: look further back.
        series = area_series(area=area, indicators=[indicator])[indicator.pk]
        periods = series.periods
        latest = set(series.periods[-1:])
        series.periods = sorted(latest)
        series.figures = {k: v for k, v in series.figures.items() if k in latest}
        series.members = {k: v for k, v in series.members.items() if k in latest}
        series.weight_periods = {k: v for k, v in series.weight_periods.items() if k in latest}
        series.country_official = {k: v for k, v in series.country_official.items() if k in latest}
    return LatestSeries(
        indicator=series.indicator,
        periods=series.periods,
        figures=series.figures,
        weight_periods=series.weight_periods,
        country_official=series.country_official,
        members=series.members,
        all_periods=periods,
    )


def _concat(expression: str) -> str:
    """The aggregate that joins the codes of a group with commas, in this database's words."""
    if connection.vendor == "postgresql":
        return f"string_agg({expression}, ',')"
    return f"group_concat({expression}, ',')"


def _grouped(
    *,
    ids: Sequence[int],
    members: Sequence[str],
    periods: Sequence[str] | None,
    base_ids: Sequence[int] = (),
) -> dict[tuple[int, str], AreaFigure]:
    """The area's figure per indicator and period, summed over the members' rows in one query
    (or, given the `base_ids` of their bases, weighted by each indicator's base).

    A row is usable when it has a value (and, when weighted, a base of the same period that is
    present and above zero); the codes of unusable rows come back so the figure can say which
    members it lacks, as `aggregate` does.
    """
    observations = connection.ops.quote_name(Observation._meta.db_table)
    member_list = ", ".join(["%s"] * len(members))
    missing, provisional = ObservationStatus.MISSING.value, ObservationStatus.PROVISIONAL.value
    join = ""
    join_params: list[int | str] = []
    if not base_ids:
        usable = "o.status <> %s AND o.value IS NOT NULL"
        select = (
            f"SUM(CASE WHEN o.status <> %s THEN o.value END), NULL,"
            f" MAX(CASE WHEN o.status = %s AND o.value IS NOT NULL THEN 1 ELSE 0 END),"
            f" {_concat(f'CASE WHEN {usable} THEN NULL ELSE o.area_code END')}"
        )
        select_params = [missing, provisional, missing]
    else:
        # The bases' rows of these members first, then joined through each indicator's base:
        # a small set the database can hash, rather than one index lookup for every row.
        indicators = connection.ops.quote_name(Indicator._meta.db_table)
        base_rows = (
            f"SELECT indicator_id, area_code, period, value, status"  # noqa: S608
            f" FROM {observations} WHERE indicator_id IN ({', '.join(['%s'] * len(base_ids))})"
            f" AND area_code IN ({member_list})"
        )
        join = (
            f" JOIN {indicators} i ON i.id = o.indicator_id"
            f" LEFT JOIN ({base_rows}) w ON w.indicator_id = i.weight_id"
            " AND w.area_code = o.area_code AND w.period = o.period"
        )
        join_params = [*base_ids, *members]
        usable = (
            "o.status <> %s AND o.value IS NOT NULL"
            " AND w.status <> %s AND w.value IS NOT NULL AND w.value > 0"
        )
        select = (
            f"SUM(CASE WHEN {usable} THEN o.value * w.value END),"
            f" SUM(CASE WHEN {usable} THEN w.value END),"
            f" MAX(CASE WHEN {usable} AND (o.status = %s OR w.status = %s) THEN 1 ELSE 0 END),"
            f" {_concat(f'CASE WHEN {usable} THEN NULL ELSE o.area_code END')}"
        )
        select_params = [missing] * 4 + [missing] * 2 + [provisional] * 2 + [missing] * 2
    where = f"o.indicator_id IN ({', '.join(['%s'] * len(ids))}) AND o.area_code IN ({member_list})"
    where_params: list[int | str] = [*ids, *members]
    if periods is not None:
        where += f" AND o.period IN ({', '.join(['%s'] * len(periods))})"
        where_params.extend(periods)
    # Table names come from the models' _meta; every value is a bound parameter.
    sql = (
        f"SELECT o.indicator_id, o.period, {select},"  # noqa: S608
        f" CASE WHEN COUNT(*) < %s THEN {_concat('o.area_code')} END"
        f" FROM {observations} o{join} WHERE {where} GROUP BY o.indicator_id, o.period"
    )
    params = [*select_params, len(members), *join_params, *where_params]
    count = len(members)
    figures: dict[tuple[int, str], AreaFigure] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for indicator_id, period, total, base, provisional_any, unusable, present in cursor:
            lacking: tuple[str, ...] = ()
            if unusable or present:
                absent = set(unusable.split(",")) if unusable else set()
                if present:
                    with_row = set(present.split(","))
                    absent.update(code for code in members if code not in with_row)
                lacking = tuple(code for code in members if code in absent)
            if base_ids:
                total = total / base if total is not None and base else None
            figures[(indicator_id, period)] = AreaFigure(
                value=total, members=count, lacking=lacking, provisional=bool(provisional_any)
            )
    return figures


def _figures_on_another_base(
    *, wanted: Sequence[tuple[Indicator, str, str]], members: Sequence[str]
) -> dict[tuple[int, str], AreaFigure]:
    """Weighted means whose base has no figures in their own period but in an earlier one."""
    ids = {indicator.pk for indicator, _period, _base in wanted}
    ids.update(indicator.weight_id for indicator, _period, _base in wanted if indicator.weight_id)
    periods = {period for _indicator, period, _base in wanted}
    periods.update(base for _indicator, _period, base in wanted)
    data: dict[tuple[int, str], dict[str, Figure]] = defaultdict(dict)
    for indicator_id, area_code, period, value, status in (
        Observation.objects.filter(
            indicator_id__in=ids, area_code__in=list(members), period__in=sorted(periods)
        )
        .values_list("indicator_id", "area_code", "period", "value", "status")
        .order_by()
    ):
        data[(indicator_id, period)][area_code] = Figure(
            value=value if status != ObservationStatus.MISSING else None,
            provisional=status == ObservationStatus.PROVISIONAL,
        )
    return {
        (indicator.pk, period): aggregate(
            rule=indicator.aggregation,
            members=members,
            values=data.get((indicator.pk, period), {}),
            weights=data.get((indicator.weight_id or 0, base), {}),
        )
        for indicator, period, base in wanted
    }


def area_figures(
    *,
    area: Area,
    indicators: Sequence[Indicator],
    periods: Sequence[str] | None = None,
    changes: Mapping[str, str] | None = None,
) -> dict[int, IndicatorTrend]:
    """The figures of `area` per period for each indicator, without those of its members.

    The same figures by the same rules as `area_series`, but summed and weighted in the
    database, in one grouped query over the members' rows for the indicators that are summed
    and one per base for the weighted means: what a region's figures and trends for many
    indicators need.
    Indicators with observations under codes of merged municipalities (or whose base has
    them) are recomputed by `area_series`, as is the figure of a single municipality.
    `changes` (the merger mapping) may be passed by a caller that already read it.
    """
    if area.is_single or not indicators:
        return dict(area_series(area=area, indicators=indicators, periods=periods, changes=changes))
    changes = merger_changes() if changes is None else changes
    members = sorted(set(area.member_codes))
    member_set = set(members)
    is_country = area.kind == "country"
    weighted = [i for i in indicators if i.aggregation == Aggregation.WEIGHTED_MEAN]
    weight_ids = {i.weight_id for i in weighted if i.weight_id is not None}
    ids = {i.pk for i in indicators} | weight_ids
    old_codes = [old for old in changes if current_code(old, changes) in member_set]
    merged: set[int] = set()
    if old_codes:
        merged = set(
            Observation.objects.filter(area_code__in=old_codes, indicator_id__in=ids)
            .values_list("indicator_id", flat=True)
            .distinct()
            .order_by()
        )
    recomputed = [
        i
        for i in indicators
        if i.pk in merged
        or i.weight_id in merged
        or (i.aggregation == Aggregation.WEIGHTED_MEAN and i.weight_id is None)
        or i.aggregation not in Aggregation.values  # area_series says it does not know it
    ]
    result: dict[int, IndicatorTrend] = dict(
        area_series(area=area, indicators=recomputed, periods=periods, changes=changes)
        if recomputed
        else {}
    )
    grouped = [i for i in indicators if i.pk not in result]
    if not grouped or not members:
        if grouped:
            result.update(
                area_series(area=area, indicators=grouped, periods=periods, changes=changes)
            )
        return {i.pk: result[i.pk] for i in indicators}

    chosen = list(periods) if periods else None
    rules = {i.pk: i.aggregation for i in grouped}
    unsummed_ids = [pk for pk, rule in rules.items() if rule == Aggregation.NONE]
    plain_ids = [pk for pk, rule in rules.items() if rule == Aggregation.SUM]
    weighted_ids = [pk for pk, rule in rules.items() if rule == Aggregation.WEIGHTED_MEAN]
    weighted_set = set(weighted_ids)
    base_ids = sorted(
        {i.weight_id for i in grouped if i.pk in weighted_set and i.weight_id is not None}
    )
    groups: dict[tuple[int, str], AreaFigure] = {}
    if plain_ids:
        groups.update(_grouped(ids=plain_ids, members=members, periods=chosen))
    if weighted_ids:
        groups.update(
            _grouped(ids=weighted_ids, members=members, periods=chosen, base_ids=base_ids)
        )
    # The periods of the medians and the like (which have no figure for an area, only
    # periods) among the members, and those of each base: among the members, or for the
    # country anywhere, as `area_series` reads them. One read unless an indicator is both.
    if is_country and set(unsummed_ids) & set(base_ids):
        periods_found = _periods_by_indicator(ids=unsummed_ids, area_codes=members)
        base_available = _periods_by_indicator(ids=base_ids, area_codes=None)
    else:
        periods_found = _periods_by_indicator(
            ids=unsummed_ids if is_country else [*unsummed_ids, *base_ids],
            area_codes=members,
            anywhere_ids=base_ids if is_country else (),
        )
        base_available = periods_found
    unsummed_periods = {
        pk: [period for period in periods_found.get(pk, ()) if chosen is None or period in chosen]
        for pk in unsummed_ids
    }
    not_aggregated = AreaFigure(value=None, members=len(members), aggregated=False)
    official: dict[tuple[int, str], Figure] = {}
    if is_country:
        rows = Observation.objects.filter(
            indicator_id__in=[i.pk for i in grouped], area_code=COUNTRY_CODE
        )
        if chosen is not None:
            rows = rows.filter(period__in=chosen)
        for indicator_id, period, value, status in rows.values_list(
            "indicator_id", "period", "value", "status"
        ).order_by():
            official[(indicator_id, period)] = Figure(
                value=value if status != ObservationStatus.MISSING else None,
                provisional=status == ObservationStatus.PROVISIONAL,
            )

    periods_of: dict[int, set[str]] = defaultdict(set)
    for indicator_id, period in [*groups, *official]:
        periods_of[indicator_id].add(period)
    for indicator_id, found in unsummed_periods.items():
        periods_of[indicator_id].update(found)
    on_another_base: list[tuple[Indicator, str, str]] = []
    for indicator in grouped:
        pk, rule = indicator.pk, indicator.aggregation
        trend = IndicatorTrend(
            indicator=indicator, periods=sorted(periods_of.get(pk, ())), figures={}
        )
        weighted_mean = rule == Aggregation.WEIGHTED_MEAN
        available = base_available.get(indicator.weight_id or 0, [])
        available_set = set(available)
        for period in trend.periods:
            if weighted_mean:
                base = period if period in available_set else _weight_period(period, available)
                if base:
                    trend.weight_periods[period] = base
                if base and base != period and (pk, period) in groups:
                    on_another_base.append((indicator, period, base))
            stated = official.get((pk, period)) if official else None
            if stated is not None:
                trend.figures[period] = AreaFigure(
                    value=stated.value, members=len(members), provisional=stated.provisional
                )
                trend.country_official[period] = True
                continue
            if rule == Aggregation.NONE:
                trend.figures[period] = not_aggregated  # immutable, so one serves every period
                continue
            trend.figures[period] = groups[(pk, period)]
        result[pk] = trend
    if on_another_base:
        for (indicator_id, period), figure in _figures_on_another_base(
            wanted=[item for item in on_another_base if (item[0].pk, item[1]) not in official],
            members=members,
        ).items():
            result[indicator_id].figures[period] = figure
    return {i.pk: result[i.pk] for i in indicators}


def country_figures(*, indicators: Sequence[Indicator]) -> dict[int, dict[str, AreaFigure]]:
    """CBS's own figure for the Netherlands where published, otherwise computed."""
    series = area_series(area=country_area(), indicators=indicators)
    return {pk: item.figures for pk, item in series.items()}


def divergent_members(
    *, series: IndicatorSeries, reference: IndicatorTrend | None, limit: int = 5
) -> tuple[str, list[Divergence]]:
    """Members furthest from the reference: in change over the series when there is more than
    one period, otherwise in level. Returns ('change' or 'level', the list)."""
    if len(series.periods) > 1 and reference is not None and len(reference.periods) > 1:
        first, last = series.periods[0], series.periods[-1]
        ref_first, ref_last = reference.value(first), reference.value(last)
        if ref_first is not None and ref_last is not None:
            firsts = series.member_values(first)
            lasts = series.member_values(last)
            member_changes: dict[str, float | None] = {}
            for code, value in lasts.items():
                start = firsts.get(code)
                member_changes[code] = None if value is None or start is None else value - start
            return "change", divergences(
                values=member_changes, reference=ref_last - ref_first, limit=limit
            )
    if not series.periods or reference is None:
        return "level", []
    period = series.periods[-1]
    return "level", divergences(
        values=series.member_values(period), reference=reference.value(period), limit=limit
    )


def municipality_shapes(*, codes: Iterable[str] | None = None) -> list[Shape]:
    """Boundaries of municipalities (WGS84 GeoJSON) as shapes for a map."""
    boundaries = Boundary.objects.select_related("organisation").order_by("organisation__name")
    if codes is not None:
        boundaries = boundaries.filter(organisation__code__in=list(codes))
    return [
        Shape(
            code=boundary.organisation.code,
            name=boundary.organisation.name,
            geometry=boundary.geometry,
        )
        for boundary in boundaries.only("geometry", "organisation__code", "organisation__name")
    ]


OUTLINE_VERSION_KEY = "dwarsverband:regiodata:outline-version"
OUTLINE_TIMEOUT_SECONDS = 24 * 60 * 60


def outline_version() -> str:
    """A token that changes whenever a boundary or a municipality's name or code changes."""
    version = cache.get(OUTLINE_VERSION_KEY)
    if version is None:
        # A fresh random token, never a counter: an emptied cache cannot bring back a version
        # whose maps were drawn from other boundaries.
        cache.add(OUTLINE_VERSION_KEY, uuid4().hex, timeout=None)
        version = cache.get(OUTLINE_VERSION_KEY)
    return str(version)


def municipality_outline(*, codes: Iterable[str] | None = None, width: int = 480) -> MapOutline:
    """The boundaries of municipalities projected for a map, drawn once per boundary version.

    Reading and projecting the GeoJSON of every municipality is most of the work of a map;
    a page only has to colour the paths in.
    """
    wanted = None if codes is None else sorted(set(codes))
    scope = "all" if wanted is None else sha256(",".join(wanted).encode()).hexdigest()[:32]
    key = f"dwarsverband:regiodata:outline:{outline_version()}:{width}:{scope}"
    outline = cache.get(key)
    if outline is None:
        outline = map_outline(municipality_shapes(codes=wanted), width=width)
        cache.set(key, outline, OUTLINE_TIMEOUT_SECONDS)
    return cast(MapOutline, outline)


def key_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(is_key_figure=True).select_related("weight"))


@dataclass(frozen=True)
class RegionFigure:
    region: Region
    figure: AreaFigure | None


def region_figures(*, indicator: Indicator, kind: str, period: str) -> list[RegionFigure]:
    """The figure of every region of one kind in one period, from one read of the country."""
    country = country_area()
    indicators = [indicator] + ([indicator.weight] if indicator.weight else [])
    series = area_series(area=country, indicators=indicators, periods=[period])
    own = series[indicator.pk]
    if period not in own.members:
        return [RegionFigure(region, None) for region in Region.objects.filter(kind=kind)]
    values = {
        code: Figure(figure.value, figure.provisional)
        for code, figure in own.members[period].items()
    }
    weights: dict[str, Figure] | None = None
    if indicator.weight is not None:
        weight_series = series[indicator.weight.pk]
        weight_period = own.weight_periods.get(period)
        if weight_period and weight_period not in weight_series.members:
            # The base has no figures in this period: the latest earlier ones count, as on
            # the page of each region.
            weight_series = area_series(
                area=country, indicators=[indicator.weight], periods=[weight_period]
            )[indicator.weight.pk]
        weights = {
            code: Figure(figure.value, figure.provisional)
            for code, figure in weight_series.members.get(weight_period or "", {}).items()
        }
    members: dict[int, list[str]] = defaultdict(list)
    for region_id, code in Region.members.through.objects.filter(
        region__kind=kind, organisation__kind=OrganisationKind.MUNICIPALITY
    ).values_list("region_id", "organisation__code"):
        members[region_id].append(code)
    return [
        RegionFigure(
            region,
            aggregate(
                rule=indicator.aggregation,
                members=sorted(members[region.pk]),
                values=values,
                weights=weights,
            ),
        )
        for region in Region.objects.filter(kind=kind).order_by("name")
    ]
