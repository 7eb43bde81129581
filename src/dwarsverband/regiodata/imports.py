"""Reading CBS tables: StatLine CSV exports and the JSON that `cbsodata` returns.

Reading never writes. Each reader returns a `ParsedTable` with the indicators it found, the
observations and the complete list of problems (row, column, why, in Dutch), so that
`services.observations_import` can refuse the whole file when anything is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from dwarsverband.regiodata.constants import COUNTRY_CODE, Aggregation, PeriodType

MAX_BYTES = 20 * 1024 * 1024
PERIOD_PATTERN = re.compile(r"^(\d{4})(JJ00|KW0[1-4]|MM(?:0[1-9]|1[0-2]))?$")
AREA_CODE_PATTERN = re.compile(r"^(GM\d{4}|NL01)$")
# CBS legend: "." unknown, "x" secret, "?" unreliable; "-" means nil, i.e. zero.
MISSING_MARKS = {"", ".", "x", "?"}
PERIOD_COLUMNS = {"perioden", "periode", "jaar"}
MUNICIPALITY_SUFFIX = "(gemeente)"
REGION_COLUMNS = {"regio's", "regios", "regio", "gemeenten", "gemeente"}


class TableReadError(Exception):
    """The file as a whole cannot be read (encoding, empty, no period or region column)."""


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    unit: str
    aggregation: str
    weight_code: str = ""
    period_type: str = PeriodType.YEAR
    decimals: int = 1
    definition: str = ""
    is_key_figure: bool = False
    position: int = 0


@dataclass(frozen=True)
class TableSpec:
    """Which columns of a CBS table become which indicators."""

    table_id: str
    title: str
    note: str = ""
    licence: str = "CC BY 4.0"
    columns: Mapping[str, IndicatorSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedObservation:
    indicator_code: str
    area_code: str
    period: str
    value: float | None
    provisional: bool
    row: int


@dataclass
class ParsedTable:
    table: TableSpec
    indicators: list[IndicatorSpec] = field(default_factory=list)
    observations: list[ParsedObservation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped_rows: int = 0


def parse_period(text: str) -> tuple[str, bool] | None:
    """'2024*' → ('2024', True); '2023JJ00' → ('2023', False); None when not a CBS period."""
    cleaned = text.strip()
    provisional = cleaned.endswith("*")
    cleaned = cleaned.rstrip("*").strip().replace(" ", "")
    match = PERIOD_PATTERN.match(cleaned)
    if match is None:
        return None
    year, suffix = match.groups()
    if suffix in (None, "JJ00"):
        return year, provisional
    return f"{year}{suffix}", provisional


def parse_number(text: str) -> float | None:
    """A StatLine number with a decimal comma; None for CBS's marks of a missing figure.

    Raises ValueError for text that is neither.
    """
    cleaned = text.strip()
    if cleaned in MISSING_MARKS:
        return None
    if cleaned == "-":
        return 0.0
    if cleaned.count(",") > 1 or ("." in cleaned and "," in cleaned):
        raise ValueError(cleaned)
    number = float(cleaned.replace(",", "."))
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(cleaned)
    return number


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise TableReadError(
                _("Het bestand is geen tekst in UTF-8 of Windows-1252.")
            ) from error


def _normalise_quotes(text: str) -> str:
    # Some StatLine exports double every quote ("";""); collapse runs of quotes to one.
    if '"";""' in text:
        return re.sub('"+', '"', text)
    return text


def _header_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def statline_csv_read(
    content: bytes, *, table: TableSpec, area_codes_by_name: Mapping[str, str]
) -> ParsedTable:
    """Read a StatLine CSV export (`;`, decimal comma, quoted headers, `*` provisional).

    Rows of areas that are not municipalities (or the country) and hold no figure at all, such
    as historic municipalities in a current table, are skipped; a row with figures for an area
    that is not known is an error.
    """
    if len(content) > MAX_BYTES:
        raise TableReadError(_("Het bestand is groter dan 20 MB."))
    text = _normalise_quotes(_decode(content))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    except csv.Error as error:
        raise TableReadError(
            _("Het CSV-bestand is beschadigd: %(error)s") % {"error": error}
        ) from error
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise TableReadError(_("Het bestand is leeg."))
    header = [" ".join(cell.split()) for cell in rows[0]]
    keys = [_header_key(cell) for cell in header]
    period_index = next((i for i, key in enumerate(keys) if key in PERIOD_COLUMNS), None)
    region_index = next((i for i, key in enumerate(keys) if key in REGION_COLUMNS), None)
    if period_index is None or region_index is None:
        raise TableReadError(
            _("Het bestand heeft geen kolom 'Perioden' en 'Regio's'; is het een StatLine-export?")
        )
    specs = {_header_key(title): spec for title, spec in table.columns.items()}
    measure_columns = {i: specs[key] for i, key in enumerate(keys) if key in specs}
    parsed = ParsedTable(table=table, indicators=list(table.columns.values()))
    missing = [title for title in table.columns if _header_key(title) not in keys]
    for title in missing:
        parsed.errors.append(_("Kolom '%(column)s' ontbreekt in het bestand.") % {"column": title})
    unit_pattern = re.compile(r"\([^)]*\)\s*$")
    dimension_columns = [
        i
        for i, title in enumerate(header)
        if i not in measure_columns
        and i not in (period_index, region_index)
        and not unit_pattern.search(title)
    ]
    dimension_values: dict[int, str] = {}
    names = {name.casefold(): code for name, code in area_codes_by_name.items()}
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            parsed.errors.append(
                _("Regel %(line)s: %(found)s kolommen, de kop heeft er %(expected)s.")
                % {"line": line, "found": len(row), "expected": len(header)}
            )
            continue
        for index in dimension_columns:
            value = row[index].strip()
            first = dimension_values.setdefault(index, value)
            if value != first:
                parsed.errors.append(
                    _(
                        "Regel %(line)s, kolom '%(column)s': '%(value)s' wijkt af van "
                        "'%(first)s'; exporteer één keuze per kolom."
                    )
                    % {"line": line, "column": header[index], "value": value, "first": first}
                )
        values: dict[int, float | None] = {}
        row_ok = True
        for index in measure_columns:
            try:
                values[index] = parse_number(row[index])
            except ValueError:
                parsed.errors.append(
                    _("Regel %(line)s, kolom '%(column)s': '%(value)s' is geen getal.")
                    % {"line": line, "column": header[index], "value": row[index].strip()}
                )
                row_ok = False
        area_text = " ".join(row[region_index].split())
        area_code = area_text.upper() if AREA_CODE_PATTERN.match(area_text.upper()) else ""
        if not area_code:
            area_code = names.get(area_text.casefold(), "")
        if not area_code and area_text.casefold().endswith(MUNICIPALITY_SUFFIX):
            # CBS writes "Utrecht (gemeente)" where a province has the same name.
            area_code = names.get(area_text[: -len(MUNICIPALITY_SUFFIX)].strip().casefold(), "")
        if area_text.casefold() == "nederland":
            area_code = COUNTRY_CODE
        if not area_code:
            if row_ok and all(value is None for value in values.values()):
                parsed.skipped_rows += 1
                continue
            parsed.errors.append(
                _("Regel %(line)s, kolom '%(column)s': onbekende gemeente '%(value)s'.")
                % {"line": line, "column": header[region_index], "value": area_text}
            )
            continue
        period = parse_period(row[period_index])
        if period is None:
            parsed.errors.append(
                _("Regel %(line)s, kolom '%(column)s': '%(value)s' is geen CBS-periode.")
                % {"line": line, "column": header[period_index], "value": row[period_index]}
            )
            continue
        if not row_ok:
            continue
        for index, spec in measure_columns.items():
            _add(parsed, seen, spec.code, area_code, period, values[index], line)
    return parsed


def _add(
    parsed: ParsedTable,
    seen: dict[tuple[str, str, str], int],
    indicator_code: str,
    area_code: str,
    period: tuple[str, bool],
    value: float | None,
    line: int,
) -> None:
    key = (indicator_code, area_code, period[0])
    if key in seen:
        parsed.errors.append(
            _(
                "Regel %(line)s: %(area)s, periode %(period)s staat er al op regel %(first)s "
                "(dubbele waarneming)."
            )
            % {"line": line, "area": area_code, "period": period[0], "first": seen[key]}
        )
        return
    seen[key] = line
    parsed.observations.append(
        ParsedObservation(
            indicator_code=indicator_code,
            area_code=area_code,
            period=period[0],
            value=value,
            provisional=period[1] and value is not None,
            row=line,
        )
    )


def _auto_spec(table_id: str, prop: Mapping[str, Any], position: int) -> IndicatorSpec:
    unit = str(prop.get("Unit") or "").strip()
    # Only plain counts are safe to sum; anything else needs a person to set its rule.
    aggregation = Aggregation.SUM if unit.casefold() == "aantal" else Aggregation.NONE
    decimals = prop.get("Decimals")
    return IndicatorSpec(
        code=slugify(f"{table_id}-{prop['Key']}")[:80],
        name=str(prop.get("Title") or prop["Key"]).strip()[:200],
        unit=unit[:60],
        aggregation=aggregation,
        decimals=int(decimals) if isinstance(decimals, int) and 0 <= decimals <= 6 else 1,
        definition=str(prop.get("Description") or "").strip(),
        position=position,
    )


def cbsodata_read(
    response: Mapping[str, Any], *, table_id: str, table: TableSpec | None = None
) -> ParsedTable:
    """Read a table as `cbsodata.download_data(table_id, typed=True)` returns it.

    `table` chooses and names the topics to import (keyed by DataProperties `Key`); without it
    every topic becomes an indicator whose counts are summed and whose other figures are not
    aggregated until someone sets their rule.
    """
    properties = response.get("DataProperties")
    rows = response.get("TypedDataSet")
    if not isinstance(properties, list) or not isinstance(rows, list):
        raise TableReadError(_("Het antwoord heeft geen DataProperties en TypedDataSet."))
    infos = response.get("TableInfos") or [{}]
    title = (
        str(infos[0].get("Title") or table_id) if isinstance(infos, list) and infos else table_id
    )
    geo_key = time_key = ""
    dimensions: list[str] = []
    topics: dict[str, IndicatorSpec] = {}
    for position, prop in enumerate(properties):
        if not isinstance(prop, Mapping) or "Key" not in prop:
            raise TableReadError(_("Een DataProperty heeft geen Key."))
        kind = prop.get("Type")
        if kind == "GeoDimension":
            geo_key = str(prop["Key"])
        elif kind == "TimeDimension":
            time_key = str(prop["Key"])
        elif kind == "Dimension":
            dimensions.append(str(prop["Key"]))
        elif kind == "Topic":
            if table is None:
                topics[str(prop["Key"])] = _auto_spec(table_id, prop, position)
            elif str(prop["Key"]) in table.columns:
                topics[str(prop["Key"])] = table.columns[str(prop["Key"])]
    if not geo_key or not time_key:
        raise TableReadError(_("De tabel heeft geen regio- of periodedimensie."))
    spec = table or TableSpec(table_id=table_id, title=title, columns=topics)
    parsed = ParsedTable(table=spec, indicators=list(topics.values()))
    if table is not None:
        for key in table.columns:
            if key not in topics:
                parsed.errors.append(_("Onderwerp '%(key)s' ontbreekt in de tabel.") % {"key": key})
    provisional_periods = {
        str(item.get("Key")): True
        for item in response.get(time_key) or []
        if isinstance(item, Mapping)
        and (
            str(item.get("Status") or "").casefold() == "voorlopig"
            or str(item.get("Title") or "").strip().endswith("*")
        )
    }
    dimension_values: dict[str, object] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            parsed.errors.append(_("Rij %(row)s is geen object.") % {"row": number})
            continue
        for key in dimensions:
            first = dimension_values.setdefault(key, row.get(key))
            if row.get(key) != first:
                parsed.errors.append(
                    _(
                        "Rij %(row)s: dimensie '%(key)s' heeft een tweede waarde '%(value)s'; "
                        "kies één waarde."
                    )
                    % {"row": number, "key": key, "value": row.get(key)}
                )
        area_code = str(row.get(geo_key) or "").strip().upper()
        if not AREA_CODE_PATTERN.match(area_code):
            # Provinces, COROP areas, districts: the platform computes those itself.
            parsed.skipped_rows += 1
            continue
        period_key = str(row.get(time_key) or "").strip()
        period = parse_period(period_key)
        if period is None:
            parsed.errors.append(
                _("Rij %(row)s: '%(value)s' is geen CBS-periode.")
                % {"row": number, "value": period_key}
            )
            continue
        period = (period[0], period[1] or provisional_periods.get(period_key, False))
        for key, indicator in topics.items():
            raw = row.get(key)
            if raw is not None and (
                isinstance(raw, bool)
                or not isinstance(raw, int | float)
                or raw != raw
                or raw in (float("inf"), float("-inf"))
            ):
                parsed.errors.append(
                    _("Rij %(row)s, onderwerp '%(key)s': '%(value)s' is geen getal.")
                    % {"row": number, "key": key, "value": raw}
                )
                continue
            value = None if raw is None else float(raw)
            _add(parsed, seen, indicator.code, area_code, period, value, number)
    return parsed


def indicator_codes(specs: Sequence[IndicatorSpec]) -> set[str]:
    return {spec.code for spec in specs}
