"""Region figures summed in the database (`area_figures`) against the member-by-member
computation (`area_series`), the bulk load, and the map drawn once per boundary version."""

from __future__ import annotations

import math
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import number_format

from dwarsverband.organisations.models import Boundary, Region
from dwarsverband.regiodata import charts, selectors
from dwarsverband.regiodata.aggregation import AreaFigure
from dwarsverband.regiodata.constants import Aggregation
from dwarsverband.regiodata.imports import IndicatorSpec, ParsedObservation, ParsedTable, TableSpec
from dwarsverband.regiodata.models import Indicator, Observation
from dwarsverband.regiodata.presentation import formatter
from dwarsverband.regiodata.services import (
    area_code_change_save,
    observations_import,
    observations_insert,
)

pytestmark = pytest.mark.django_db

COUNT = IndicatorSpec(code="test-aantal", name="Aantal", unit="aantal", aggregation=Aggregation.SUM)
RATE = IndicatorSpec(
    code="test-percentage",
    name="Percentage",
    unit="%",
    aggregation=Aggregation.WEIGHTED_MEAN,
    weight_code="test-aantal",
)
MEDIAN = IndicatorSpec(
    code="test-mediaan", name="Mediaan", unit="euro", aggregation=Aggregation.NONE
)


def _import(rows: list[tuple[str, str, str, float | None]], provisional: bool = False) -> None:
    specs = [COUNT, RATE, MEDIAN]
    table = TableSpec(table_id="TEST", title="Testtabel", columns={s.code: s for s in specs})
    observations_import(
        parsed=ParsedTable(
            table=table,
            indicators=specs,
            observations=[
                ParsedObservation(code, area, period, value, provisional, row)
                for row, (code, area, period, value) in enumerate(rows, start=2)
            ],
        )
    )


def _indicators() -> list[Indicator]:
    return list(
        Indicator.objects.filter(code__in=[COUNT.code, RATE.code, MEDIAN.code])
        .select_related("weight")
        .order_by("code")
    )


def _same(one: AreaFigure, other: AreaFigure) -> bool:
    if one.value is None or other.value is None:
        agree = one.value is None and other.value is None
    else:
        agree = math.isclose(one.value, other.value, rel_tol=1e-9)
    return agree and (
        one.members,
        one.lacking,
        one.provisional,
        one.aggregated,
        one.recomputed_from,
    ) == (other.members, other.lacking, other.provisional, other.aggregated, other.recomputed_from)


def assert_same_as_member_by_member(
    area: selectors.Area, indicators: list[Indicator], periods: list[str] | None = None
) -> dict[int, selectors.IndicatorTrend]:
    grouped = selectors.area_figures(area=area, indicators=indicators, periods=periods)
    by_member = selectors.area_series(area=area, indicators=indicators, periods=periods)
    assert list(grouped) == [indicator.pk for indicator in indicators]
    for indicator in indicators:
        one, other = grouped[indicator.pk], by_member[indicator.pk]
        assert one.periods == other.periods, indicator.code
        assert one.weight_periods == other.weight_periods, indicator.code
        assert one.country_official == other.country_official, indicator.code
        for period in one.periods:
            assert _same(one.figures[period], other.figures[period]), (indicator.code, period)
    return grouped


def _am18() -> selectors.Area:
    return selectors.area_for_region(Region.objects.get(code="AM18"))


@pytest.mark.parametrize("code", ["AM18", "PV27", "G4", "NL01", "GM0363"])
def test_reference_figures_summed_in_the_database_equal_the_member_by_member_ones(
    reference: Any, code: str
) -> None:
    area = selectors.area_get(code=code)
    assert area is not None
    indicators = list(Indicator.objects.select_related("weight"))
    assert_same_as_member_by_member(area, indicators)
    assert_same_as_member_by_member(area, indicators, periods=["2024"])


def test_country_figure_is_cbs_own_where_published(reference: Any) -> None:
    indicator = Indicator.objects.get(code="inkomen-gemiddeld-gestandaardiseerd")
    country = selectors.area_figures(area=selectors.country_area(), indicators=[indicator])
    assert country[indicator.pk].value("2024") == 41.9
    assert country[indicator.pk].country_official["2024"]


def test_member_without_any_row_is_lacking_and_the_sum_is_not_zero_filled(
    reference: Any,
) -> None:
    area = _am18()
    _import([("test-aantal", "GM0363", "2020", 10.0), ("test-aantal", "GM0362", "2020", 5.0)])
    figures = assert_same_as_member_by_member(area, _indicators())
    figure = figures[Indicator.objects.get(code="test-aantal").pk].figures["2020"]
    assert figure.value == 15.0
    assert figure.members == len(area.member_codes)
    assert set(figure.lacking) == set(area.member_codes) - {"GM0363", "GM0362"}


def test_missing_value_and_missing_or_zero_base_leave_a_member_out_of_the_weighted_mean(
    reference: Any,
) -> None:
    area = _am18()
    rows: list[tuple[str, str, str, float | None]] = []
    for number, code in enumerate(area.member_codes, start=1):
        rows.append(("test-aantal", code, "2021", float(number * 100)))
        rows.append(("test-percentage", code, "2021", float(number)))
        rows.append(("test-mediaan", code, "2021", float(number)))
    first, second, third = area.member_codes[:3]
    rows = [row for row in rows if not (row[0] == "test-percentage" and row[1] == first)]
    rows.append(("test-percentage", first, "2021", None))
    rows = [row for row in rows if not (row[0] == "test-aantal" and row[1] in (second, third))]
    rows += [("test-aantal", second, "2021", None), ("test-aantal", third, "2021", 0.0)]
    _import(rows)
    figures = assert_same_as_member_by_member(area, _indicators())
    rate = figures[Indicator.objects.get(code="test-percentage").pk].figures["2021"]
    assert rate.lacking == tuple(sorted((first, second, third)))
    used = [(n, n * 100.0) for n, c in enumerate(area.member_codes, 1) if c not in rate.lacking]
    assert rate.value == pytest.approx(sum(v * w for v, w in used) / sum(w for _v, w in used))
    median = figures[Indicator.objects.get(code="test-mediaan").pk].figures["2021"]
    assert median.value is None and not median.aggregated


def test_weighted_mean_uses_the_latest_earlier_base_when_its_own_period_has_none(
    reference: Any,
) -> None:
    area = _am18()
    rows: list[tuple[str, str, str, float | None]] = []
    for number, code in enumerate(area.member_codes, start=1):
        rows.append(("test-aantal", code, "2019", float(number)))
        rows.append(("test-percentage", code, "2022", float(number * 10)))
    _import(rows)
    figures = assert_same_as_member_by_member(area, _indicators())
    rate = figures[Indicator.objects.get(code="test-percentage").pk]
    assert rate.weight_periods == {"2022": "2019"}
    assert rate.value("2022") is not None and rate.figures["2022"].complete


def test_region_table_uses_the_earlier_base_as_the_region_page_does(reference: Any) -> None:
    rows: list[tuple[str, str, str, float | None]] = []
    for number, code in enumerate(selectors.country_area().member_codes, start=1):
        rows.append(("test-aantal", code, "2019", float(number % 7 + 1)))
        rows.append(("test-percentage", code, "2022", float(number % 11)))
    _import(rows)
    rate = Indicator.objects.select_related("weight").get(code="test-percentage")
    table = {
        item.region.code: item.figure
        for item in selectors.region_figures(indicator=rate, kind="labour_market", period="2022")
    }
    page = selectors.area_figures(area=_am18(), indicators=[rate])[rate.pk].figures["2022"]
    assert table["AM18"] is not None and table["AM18"].value is not None
    assert _same(table["AM18"], page)


def test_provisional_members_make_the_region_figure_provisional(reference: Any) -> None:
    area = _am18()
    _import([("test-aantal", code, "2023", 1.0) for code in area.member_codes], provisional=True)
    figures = assert_same_as_member_by_member(area, _indicators())
    assert figures[Indicator.objects.get(code="test-aantal").pk].figures["2023"].provisional


def test_figures_under_codes_of_merged_municipalities_are_recomputed_onto_today(
    reference: Any,
) -> None:
    area_code_change_save(
        old_code="GM0001",
        old_name="Oudgemeente",
        new_code="GM0363",
        effective_year=2022,
        source="test",
    )
    _import(
        [
            ("test-aantal", "GM0363", "2021", 300.0),
            ("test-aantal", "GM0001", "2021", 100.0),
            ("test-percentage", "GM0363", "2021", 10.0),
            ("test-percentage", "GM0001", "2021", 30.0),
        ]
    )
    figures = assert_same_as_member_by_member(_am18(), _indicators())
    assert figures[Indicator.objects.get(code="test-aantal").pk].value("2021") == 400.0


def test_observations_insert_stores_rows_readable_by_the_orm(reference: Any) -> None:
    _import([("test-aantal", "GM0363", "2020", 1.0)])
    indicator = Indicator.objects.get(code="test-aantal")
    inserted = observations_insert(
        [
            (indicator.pk, "GM0344", "2020", 2.5, "final"),
            (indicator.pk, "GM0599", "2020", None, "missing"),
        ]
    )
    assert inserted == 2
    stored = Observation.objects.get(indicator=indicator, area_code="GM0344", period="2020")
    assert stored.value == 2.5 and stored.created_at is not None
    assert stored.created_at == stored.updated_at
    assert Observation.objects.get(indicator=indicator, area_code="GM0599").value is None


def test_observations_insert_is_all_or_nothing(reference: Any) -> None:
    _import([("test-aantal", "GM0363", "2020", 1.0)])
    indicator = Indicator.objects.get(code="test-aantal")
    rows = [
        (indicator.pk, "GM0344", "2020", 2.0, "final"),
        (indicator.pk, "GM0363", "2020", 3.0, "final"),
    ]
    with pytest.raises(IntegrityError):
        observations_insert(rows)
    assert not Observation.objects.filter(indicator=indicator, area_code="GM0344").exists()


def test_formatter_writes_numbers_as_number_format_does() -> None:
    indicator = Indicator(code="x", decimals=1)
    with translation.override("nl"):
        fmt = formatter(indicator)
        for value in [0.0, -0.04, 1.25, 1234.55, -98765.4321, 1e9, 3.0]:
            assert fmt(value) == number_format(value, 1, use_l10n=True, force_grouping=True)
        assert fmt(None) == "geen cijfer"


def test_map_colours_outline_drawn_before_as_the_direct_map_would(reference: Any) -> None:
    shapes = selectors.municipality_shapes(codes=["GM0363", "GM0344", "GM0599"])
    values = {"GM0363": 1.0, "GM0344": None, "GM0599": 3.0}
    fmt = formatter(Indicator(code="x", decimals=1))
    direct = charts.choropleth(
        prefix="kaart", shapes=shapes, values=values, title="t", desc="d", fmt=fmt
    )
    coloured = charts.coloured_map(
        prefix="kaart",
        outline=selectors.municipality_outline(codes=["GM0599", "GM0363", "GM0344"]),
        values=values,
        title="t",
        desc="d",
        fmt=fmt,
    )
    assert coloured == direct


def test_map_outline_is_drawn_once_and_again_after_a_boundary_changes(reference: Any) -> None:
    first = selectors.municipality_outline()
    with CaptureQueriesContext(connection) as queries:
        again = selectors.municipality_outline()
    assert again == first
    assert not any("boundary" in query["sql"] for query in queries.captured_queries)

    boundary = Boundary.objects.select_related("organisation").get(organisation__code="GM0363")
    boundary.geometry = {
        "type": "Polygon",
        "coordinates": [[[4.8, 52.3], [4.9, 52.3], [4.9, 52.4], [4.8, 52.3]]],
    }
    boundary.save()
    changed = selectors.municipality_outline()
    amsterdam = next(path for path in changed.paths if path.code == "GM0363")
    before = next(path for path in first.paths if path.code == "GM0363")
    assert amsterdam.d != before.d


def test_latest_series_has_the_latest_figures_of_the_full_series(reference: Any) -> None:
    indicator = Indicator.objects.get(code="bevolking")
    country = selectors.country_area()
    latest = selectors.latest_series(area=country, indicator=indicator)
    full = selectors.area_series(area=country, indicators=[indicator])[indicator.pk]
    assert latest.all_periods == full.periods and latest.periods == full.periods[-1:]
    period = full.periods[-1]
    assert latest.members[period] == full.members[period]
    assert latest.figures[period] == full.figures[period]


def test_bench_command_checks_its_figures_and_leaves_nothing_behind(reference: Any) -> None:
    out = StringIO()
    before = Observation.objects.count()
    call_command("bench_regiodata", indicators=4, years=3, repeat=1, naive_repeat=1, stdout=out)
    text = out.getvalue()
    assert "Controle: regiocijfers gelijk" in text and "× naïeve lus" in text
    assert Observation.objects.count() == before
    assert not Indicator.objects.filter(code__startswith="bench-").exists()
