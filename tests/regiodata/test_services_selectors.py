from __future__ import annotations

from typing import Any

import pytest

from dwarsverband.common.loading import load_reference_data
from dwarsverband.organisations.models import Region
from dwarsverband.regiodata import selectors
from dwarsverband.regiodata.constants import Aggregation
from dwarsverband.regiodata.imports import IndicatorSpec, ParsedObservation, ParsedTable, TableSpec
from dwarsverband.regiodata.models import Indicator, Observation
from dwarsverband.regiodata.services import (
    ImportRejected,
    area_code_change_save,
    observations_import,
)

pytestmark = pytest.mark.django_db


def _table(
    specs: list[IndicatorSpec], observations: list[tuple[str, str, str, float | None]]
) -> ParsedTable:
    table = TableSpec(table_id="TEST", title="Testtabel", columns={s.code: s for s in specs})
    return ParsedTable(
        table=table,
        indicators=specs,
        observations=[
            ParsedObservation(code, area, period, value, False, row)
            for row, (code, area, period, value) in enumerate(observations, start=2)
        ],
    )


COUNT = IndicatorSpec(code="test-aantal", name="Aantal", unit="aantal", aggregation=Aggregation.SUM)
RATE = IndicatorSpec(
    code="test-percentage",
    name="Percentage",
    unit="%",
    aggregation=Aggregation.WEIGHTED_MEAN,
    weight_code="test-aantal",
)


def test_reference_figures_are_loaded_with_source_and_licence(reference: Any) -> None:
    indicator = Indicator.objects.get(code="inkomen-gemiddeld-gestandaardiseerd")
    assert indicator.source_table == "86161NED" and indicator.licence == "CC BY 4.0"
    assert (
        indicator.weight is not None and indicator.weight.code == "huishoudens-inkomensstatistiek"
    )
    amsterdam = Observation.objects.get(indicator=indicator, area_code="GM0363", period="2024")
    assert amsterdam.value == 43.8 and amsterdam.status == "provisional"
    assert Observation.objects.get(indicator=indicator, area_code="GM0096").value is None


def test_loading_the_reference_again_changes_nothing(reference: Any) -> None:
    before = list(
        Observation.objects.order_by("pk").values_list("pk", "value", "status", "updated_at")
    )
    load_reference_data()
    after = list(
        Observation.objects.order_by("pk").values_list("pk", "value", "status", "updated_at")
    )
    assert before == after


def test_import_is_all_or_nothing_on_unknown_area_code(reference: Any) -> None:
    parsed = _table(
        [COUNT], [("test-aantal", "GM0363", "2020", 1.0), ("test-aantal", "GM9999", "2020", 2.0)]
    )
    with pytest.raises(ImportRejected) as rejected:
        observations_import(parsed=parsed)
    assert rejected.value.errors == ["Regel 3: onbekende gebiedscode 'GM9999'."]
    assert not Indicator.objects.filter(code="test-aantal").exists()


def test_unit_mismatch_with_existing_indicator_is_refused(reference: Any) -> None:
    observations_import(parsed=_table([COUNT], [("test-aantal", "GM0363", "2020", 1.0)]))
    other = IndicatorSpec(
        code="test-aantal", name="Aantal", unit="x 1 000", aggregation=Aggregation.SUM
    )
    with pytest.raises(ImportRejected) as rejected:
        observations_import(parsed=_table([other], [("test-aantal", "GM0363", "2021", 1.0)]))
    assert "eenheid 'aantal'" in rejected.value.errors[0]
    assert not Observation.objects.filter(period="2021", indicator__code="test-aantal").exists()


def test_reimport_changes_nothing_and_a_revision_updates(reference: Any) -> None:
    rows = [("test-aantal", "GM0363", "2020", 1.0), ("test-aantal", "GM0344", "2020", None)]
    first = observations_import(parsed=_table([COUNT], rows))
    again = observations_import(parsed=_table([COUNT], rows))
    assert (first.created, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    revised = observations_import(parsed=_table([COUNT], [("test-aantal", "GM0363", "2020", 5.0)]))
    assert revised.updated == 1
    assert (
        Observation.objects.get(area_code="GM0344", indicator__code="test-aantal").status
        == "missing"
    )


def test_labour_market_region_income_is_household_weighted_against_the_country(
    reference: Any,
) -> None:
    indicator = Indicator.objects.get(code="inkomen-gemiddeld-gestandaardiseerd")
    region = Region.objects.get(code="AM18")
    area = selectors.area_for_region(region)
    series = selectors.area_series(area=area, indicators=[indicator])[indicator.pk]
    values = Observation.objects.filter(
        indicator=indicator, area_code__in=area.member_codes, period="2024"
    )
    weights = dict(
        Observation.objects.filter(
            indicator=indicator.weight, area_code__in=area.member_codes
        ).values_list("area_code", "value")
    )
    expected = sum(o.value * weights[o.area_code] for o in values) / sum(
        weights[o.area_code] for o in values
    )
    assert series.value("2024") == pytest.approx(expected)
    assert series.figures["2024"].complete and series.figures["2024"].provisional
    country = selectors.area_series(area=selectors.country_area(), indicators=[indicator])[
        indicator.pk
    ]
    assert country.value("2024") == 41.9 and country.country_official["2024"]


def test_computed_national_mean_is_close_to_cbs_own_figure(reference: Any) -> None:
    indicator = Indicator.objects.get(code="inkomen-gemiddeld-gestandaardiseerd")
    area = selectors.country_area()
    computed = selectors.aggregate(
        rule=indicator.aggregation,
        members=list(area.member_codes),
        values={
            o.area_code: selectors.Figure(o.value)
            for o in Observation.objects.filter(indicator=indicator)
        },
        weights={
            o.area_code: selectors.Figure(o.value)
            for o in Observation.objects.filter(indicator=indicator.weight)
        },
    )
    # Rounded inputs and 3 suppressed municipalities: close to, not equal to, CBS's 41.9.
    assert computed.value == pytest.approx(41.9, abs=0.3)
    assert computed.lacking_count == 5


def test_region_with_suppressed_member_says_how_many_it_lacks(reference: Any) -> None:
    indicator = Indicator.objects.get(code="inkomen-gemiddeld-gestandaardiseerd")
    region = Region.objects.filter(members__code="GM0096", kind="labour_market").get()
    series = selectors.area_series(area=selectors.area_for_region(region), indicators=[indicator])
    figure = series[indicator.pk].figures["2024"]
    assert "GM0096" in figure.lacking and figure.value is not None


def test_medians_have_no_region_figure_but_member_values(reference: Any) -> None:
    indicator = Indicator.objects.get(code="inkomen-mediaan-gestandaardiseerd")
    area = selectors.area_for_region(Region.objects.get(code="AM18"))
    series = selectors.area_series(area=area, indicators=[indicator])[indicator.pk]
    assert series.value("2024") is None and not series.figures["2024"].aggregated
    assert series.member_values("2024")["GM0363"] == 33.8


def test_network_area_uses_current_members(reference: Any) -> None:
    area = selectors.area_get(code="G4")
    assert area is not None and set(area.member_codes) == {"GM0363", "GM0599", "GM0518", "GM0344"}


def test_series_on_old_codes_is_recomputed_onto_todays_municipality(reference: Any) -> None:
    area_code_change_save(
        old_code="GM0001",
        old_name="Oudgemeente",
        new_code="GM0363",
        effective_year=2022,
        source="test",
    )
    observations_import(
        parsed=_table(
            [COUNT, RATE],
            [
                ("test-aantal", "GM0363", "2021", 300.0),
                ("test-aantal", "GM0001", "2021", 100.0),
                ("test-aantal", "GM0363", "2022", 410.0),
                ("test-percentage", "GM0363", "2021", 10.0),
                ("test-percentage", "GM0001", "2021", 30.0),
                ("test-percentage", "GM0363", "2022", 12.0),
            ],
        )
    )
    indicators = list(
        Indicator.objects.filter(code__in=["test-aantal", "test-percentage"]).order_by("code")
    )
    area = selectors.area_get(code="GM0363")
    assert area is not None
    series = selectors.area_series(area=area, indicators=indicators)
    count, rate = series[indicators[0].pk], series[indicators[1].pk]
    assert count.periods == ["2021", "2022"]
    assert count.value("2021") == 400.0 and count.figures["2021"].recomputed_from == (
        "GM0001",
        "GM0363",
    )
    assert rate.value("2021") == pytest.approx(15.0)
    assert [round(c.absolute or 0, 3) for c in count.changes] == [10.0]
    assert count.recomputed == ["GM0363"]
