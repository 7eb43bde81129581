"""Reads of regional data: areas, indicators, figures per area, trends and map shapes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min
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
from dwarsverband.regiodata.charts import Shape
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
class IndicatorSeries:
    """The figures of one indicator for one area over its periods, and per member."""

    indicator: Indicator
    periods: list[str]
    figures: dict[str, AreaFigure]
    members: dict[str, dict[str, AreaFigure]]
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

    def member_values(self, period: str) -> dict[str, float | None]:
        return {code: figure.value for code, figure in self.members.get(period, {}).items()}

    @property
    def changes(self) -> list[Change]:
        return year_on_year([(period, self.value(period)) for period in self.periods])

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


def area_series(
    *,
    area: Area,
    indicators: Sequence[Indicator],
    periods: Sequence[str] | None = None,
) -> dict[int, IndicatorSeries]:
    """Figures per period for `area` and each of its members, by each indicator's rule.

    Observations under codes of merged municipalities are recomputed onto today's
    municipalities; the country uses CBS's own figure (NL01) where it was published.
    """
    changes = merger_changes()
    members = set(area.member_codes)
    codes = set(members)
    codes.update(old for old in changes if current_code(old, changes) in members)
    if area.kind == "country":
        codes.add(COUNTRY_CODE)
    weight_ids = {i.weight_id for i in indicators if i.weight_id is not None}
    ids = {indicator.pk for indicator in indicators} | weight_ids
    rows = Observation.objects.filter(indicator_id__in=ids)
    if area.kind != "country":
        rows = rows.filter(area_code__in=codes)
    if periods:
        weight_rows = Observation.objects.filter(indicator_id__in=weight_ids)
        if area.kind != "country":
            weight_rows = weight_rows.filter(area_code__in=codes)
        rows = rows.filter(period__in=list(periods)) | weight_rows
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
        weight_available = sorted(weight_data)
        for period in wanted:
            official = by_period[period].pop(COUNTRY_CODE, None)
            weights_now: dict[str, Figure] | None = None
            if indicator.aggregation == Aggregation.WEIGHTED_MEAN:
                weight_period = _weight_period(period, weight_available)
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


def country_figures(*, indicators: Sequence[Indicator]) -> dict[int, dict[str, AreaFigure]]:
    """CBS's own figure for the Netherlands where published, otherwise computed."""
    series = area_series(area=country_area(), indicators=indicators)
    return {pk: item.figures for pk, item in series.items()}


def divergent_members(
    *, series: IndicatorSeries, reference: IndicatorSeries | None, limit: int = 5
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


def key_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(is_key_figure=True).select_related("weight"))


@dataclass(frozen=True)
class RegionFigure:
    region: Region
    figure: AreaFigure | None


def region_figures(*, indicator: Indicator, kind: str, period: str) -> list[RegionFigure]:
    """The figure of every region of one kind in one period, from one read of the country."""
    indicators = [indicator] + ([indicator.weight] if indicator.weight else [])
    series = area_series(area=country_area(), indicators=indicators, periods=[period])
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
