from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dwarsverband.regiodata.constants import Aggregation
from dwarsverband.regiodata.imports import (
    IndicatorSpec,
    TableReadError,
    TableSpec,
    cbsodata_read,
    parse_number,
    parse_period,
    statline_csv_read,
)
from dwarsverband.regiodata.reference import (
    INCOME_FILE,
    INCOME_TABLE,
    POPULATION_FILE,
    POPULATION_TABLE,
)

DATA = Path(__file__).resolve().parents[2] / "src" / "dwarsverband" / "regiodata" / "data"
NAMES = {"Aa en Hunze": "GM1680", "Ameland": "GM0060", "Utrecht": "GM0344", "Vlieland": "GM0096"}
SPEC = TableSpec(
    table_id="T1",
    title="Test",
    columns={
        "Inwoners (aantal)": IndicatorSpec(
            code="inw", name="Inwoners", unit="aantal", aggregation=Aggregation.SUM
        )
    },
)


def _excerpt(filename: str, lines: int) -> bytes:
    text = (DATA / filename).read_text(encoding="utf-8-sig")
    return "\n".join(text.splitlines()[:lines]).encode()


def _all_names() -> dict[str, str]:
    with (DATA.parents[1] / "data" / "gemeenten_2025.csv").open(encoding="utf-8") as handle:
        return {row["gemeentenaam"]: row["gemeentecode"] for row in csv.DictReader(handle)}


def test_income_export_with_doubled_quotes_reads_provisional_values_and_suppressed_as_missing() -> (
    None
):
    content = _excerpt(INCOME_FILE, 16)  # header, Nederland, 14 municipalities incl. Ameland
    parsed = statline_csv_read(content, table=INCOME_TABLE, area_codes_by_name=_all_names())
    assert parsed.errors == []
    by_key = {(o.indicator_code, o.area_code): o for o in parsed.observations}
    country = by_key[("inkomen-gemiddeld-gestandaardiseerd", "NL01")]
    assert country.value == 41.9 and country.period == "2024" and country.provisional
    assert by_key[("huishoudens-inkomensstatistiek", "GM1680")].value == 11.4
    ameland = by_key[("inkomen-gemiddeld-gestandaardiseerd", "GM0060")]
    assert ameland.value is None and not ameland.provisional
    assert by_key[("inkomen-mediaan-gestandaardiseerd", "GM0060")].value == 33.6


def test_full_shipped_exports_read_without_errors() -> None:
    names = _all_names()
    income = statline_csv_read(
        (DATA / INCOME_FILE).read_bytes(), table=INCOME_TABLE, area_codes_by_name=names
    )
    population = statline_csv_read(
        (DATA / POPULATION_FILE).read_bytes(), table=POPULATION_TABLE, area_codes_by_name=names
    )
    assert income.errors == [] and population.errors == []
    assert len(income.observations) == 343 * 5
    assert len(population.observations) == 343 * 7
    assert population.skipped_rows == 386  # historic municipalities without figures
    utrecht = next(
        o
        for o in population.observations
        if o.area_code == "GM0344" and o.indicator_code == "bevolking"
    )
    assert utrecht.value == 376_757  # written "Utrecht (gemeente)" in the export


def test_csv_rejects_text_in_a_number_column_naming_row_and_column() -> None:
    content = b'"Perioden";"Regio\'s";"Inwoners (aantal)"\n"2024";"Utrecht";"veel"\n'
    parsed = statline_csv_read(content, table=SPEC, area_codes_by_name=NAMES)
    assert parsed.errors == ["Regel 2, kolom 'Inwoners (aantal)': 'veel' is geen getal."]


def test_csv_reports_unknown_municipality_and_duplicate_rows() -> None:
    content = (
        b'"Perioden";"Regio\'s";"Inwoners (aantal)"\n'
        b'"2024";"Utrecht";"10"\n"2024";"Atlantis";"5"\n"2024";"Utrecht";"11"\n'
    )
    parsed = statline_csv_read(content, table=SPEC, area_codes_by_name=NAMES)
    assert "Regel 3, kolom 'Regio's': onbekende gemeente 'Atlantis'." in parsed.errors
    assert any("Regel 4" in error and "dubbele waarneming" in error for error in parsed.errors)


def test_csv_without_period_column_is_refused_as_a_whole() -> None:
    with pytest.raises(TableReadError):
        statline_csv_read(b"a;b\n1;2\n", table=SPEC, area_codes_by_name=NAMES)


def test_missing_marks_and_decimal_comma() -> None:
    assert parse_number("8258,9") == pytest.approx(8258.9)
    assert parse_number(".") is None and parse_number("") is None and parse_number("x") is None
    assert parse_number("-") == 0.0  # CBS legend: nil
    with pytest.raises(ValueError):
        parse_number("1.234,5")


def test_cbs_periods() -> None:
    assert parse_period("2024*") == ("2024", True)
    assert parse_period("2023JJ00") == ("2023", False)
    assert parse_period("2023KW02") == ("2023KW02", False)
    assert parse_period("twee") is None


def test_recorded_cbsodata_response_reads_codes_units_and_provisional_periods() -> None:
    import json

    response = json.loads(
        (Path(__file__).parent / "recorded" / "cbsodata_inkomen_excerpt.json").read_text()
    )
    parsed = cbsodata_read(response, table_id="86161NED")
    assert parsed.errors == []
    codes = {spec.code: spec for spec in parsed.indicators}
    households = codes["86161ned-particulierehuishoudens_1"]
    assert households.unit == "x 1 000" and households.aggregation == Aggregation.NONE
    by_key = {(o.indicator_code, o.area_code, o.period): o for o in parsed.observations}
    amsterdam = by_key[("86161ned-gemiddeldgestandaardiseerdinkomen_2", "GM0363", "2024")]
    assert amsterdam.value == 43.8 and amsterdam.provisional
    assert by_key[("86161ned-gemiddeldgestandaardiseerdinkomen_2", "GM0096", "2024")].value is None
    assert parsed.skipped_rows == 0


numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3))


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(sorted(NAMES)), st.integers(2000, 2030), st.one_of(st.none(), numbers)
        ),
        max_size=12,
    )
)
def test_csv_reader_round_trips_or_reports_every_duplicate(
    rows: list[tuple[str, int, float | None]],
) -> None:
    lines = ['"Perioden";"Regio\'s";"Inwoners (aantal)"']
    for name, year, value in rows:
        text = "." if value is None else repr(value).replace(".", ",")
        lines.append(f'"{year}";"{name}";{text}')
    parsed = statline_csv_read("\n".join(lines).encode(), table=SPEC, area_codes_by_name=NAMES)
    keys = [(NAMES[name], str(year)) for name, year, _value in rows]
    duplicates = len(keys) - len(set(keys))
    assert len([e for e in parsed.errors if "dubbele waarneming" in e]) == duplicates
    assert len(parsed.observations) == len(set(keys))
    first = {}
    for name, year, value in rows:
        first.setdefault((NAMES[name], str(year)), value)
    for observation in parsed.observations:
        expected = first[(observation.area_code, observation.period)]
        assert observation.value == (None if expected is None else pytest.approx(expected))


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=400))
def test_csv_reader_never_crashes_on_arbitrary_bytes(content: bytes) -> None:
    try:
        parsed = statline_csv_read(content, table=SPEC, area_codes_by_name=NAMES)
    except TableReadError:
        return
    assert isinstance(parsed.errors, list)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=3), st.floats(allow_nan=True)),
        max_size=6,
    )
)
def test_cbsodata_reader_rejects_non_numbers_and_never_crashes(values: list[object]) -> None:
    response = {
        "DataProperties": [
            {"Key": "RegioS", "Type": "GeoDimension"},
            {"Key": "Perioden", "Type": "TimeDimension"},
            {"Key": "X_1", "Type": "Topic", "Unit": "aantal", "Title": "X"},
        ],
        "TypedDataSet": [
            {"ID": i, "RegioS": f"GM{i:04d}", "Perioden": "2024JJ00", "X_1": value}
            for i, value in enumerate(values)
        ]
        + [{"ID": 99, "RegioS": "PV26    ", "Perioden": "2024JJ00", "X_1": 1}],
    }
    parsed = cbsodata_read(response, table_id="T")
    assert parsed.skipped_rows == 1  # provinces are computed by the platform, not imported
    bad = [
        v
        for v in values
        if v is not None
        and (
            isinstance(v, str)
            or (isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))))
        )
    ]
    assert len(parsed.errors) == len(bad)
