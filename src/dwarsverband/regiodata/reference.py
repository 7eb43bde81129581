"""Load the CBS figures shipped in `regiodata/data/` (see SOURCES.md there).

Both files are unmodified StatLine exports, read with the same importer users use, so a second
load changes nothing and edited indicator names and texts are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from dwarsverband.regiodata.constants import Aggregation, PeriodType
from dwarsverband.regiodata.imports import IndicatorSpec, TableSpec, statline_csv_read
from dwarsverband.regiodata.services import (
    ImportSummary,
    area_codes_by_name,
    observations_import,
)

INCOME_FILE = "cbs_inkomen_van_huishoudens_regio_export_2025-12-11.csv"
POPULATION_FILE = "cbs_regionale_kerncijfers_nederland_export_2025-12-11.csv"
HOUSEHOLDS_X1000 = "huishoudens-inkomensstatistiek"
POPULATION = "bevolking"
HOUSEHOLDS = "particuliere-huishoudens"

_INCOME_DEFINITION = (
    "Particuliere huishoudens met inkomen, inclusief studenten. "
    "Het gestandaardiseerd inkomen is het besteedbaar inkomen gecorrigeerd voor de grootte en "
    "samenstelling van het huishouden, zodat huishoudens te vergelijken zijn."
)

INCOME_TABLE = TableSpec(
    table_id="86161NED",
    title="Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2025)",
    note="StatLine-export van 11 december 2025; 2024 is voorlopig.",
    columns={
        "Particuliere huishoudens (x 1 000)": IndicatorSpec(
            code=HOUSEHOLDS_X1000,
            name="Particuliere huishoudens in de inkomensstatistiek",
            unit="x 1 000",
            aggregation=Aggregation.SUM,
            definition=_INCOME_DEFINITION,
            position=100,
        ),
        "Inkomen/Gemiddeld gestandaardiseerd inkomen (1 000 euro)": IndicatorSpec(
            code="inkomen-gemiddeld-gestandaardiseerd",
            name="Gemiddeld gestandaardiseerd inkomen van huishoudens",
            unit="x 1 000 euro",
            aggregation=Aggregation.WEIGHTED_MEAN,
            weight_code=HOUSEHOLDS_X1000,
            definition=_INCOME_DEFINITION,
            is_key_figure=True,
            position=110,
        ),
        "Inkomen/Mediaan gestandaardiseerd inkomen (1 000 euro)": IndicatorSpec(
            code="inkomen-mediaan-gestandaardiseerd",
            name="Mediaan gestandaardiseerd inkomen van huishoudens",
            unit="x 1 000 euro",
            aggregation=Aggregation.NONE,
            definition=_INCOME_DEFINITION,
            is_key_figure=True,
            position=120,
        ),
        "Inkomen/Gemiddeld besteedbaar inkomen (1 000 euro)": IndicatorSpec(
            code="inkomen-gemiddeld-besteedbaar",
            name="Gemiddeld besteedbaar inkomen van huishoudens",
            unit="x 1 000 euro",
            aggregation=Aggregation.WEIGHTED_MEAN,
            weight_code=HOUSEHOLDS_X1000,
            definition=_INCOME_DEFINITION,
            position=130,
        ),
        "Inkomen/Mediaan besteedbaar inkomen (1 000 euro)": IndicatorSpec(
            code="inkomen-mediaan-besteedbaar",
            name="Mediaan besteedbaar inkomen van huishoudens",
            unit="x 1 000 euro",
            aggregation=Aggregation.NONE,
            definition=_INCOME_DEFINITION,
            position=140,
        ),
    },
)

_P = "Bevolking/Bevolkingssamenstelling op 1 januari/"
_H = "Bevolking/Particuliere huishoudens/"
POPULATION_TABLE = TableSpec(
    table_id="70072ned",
    title="Regionale kerncijfers Nederland",
    note="StatLine-export van 11 december 2025; stand op 1 januari 2025.",
    columns={
        f"{_P}Totale bevolking (aantal)": IndicatorSpec(
            code=POPULATION,
            name="Inwoners",
            unit="aantal",
            aggregation=Aggregation.SUM,
            period_type=PeriodType.JANUARY_FIRST,
            decimals=0,
            definition="Alle inwoners volgens de Basisregistratie Personen op 1 januari.",
            is_key_figure=True,
            position=10,
        ),
        f"{_P}Leeftijd/Leeftijdsgroepen/65 tot 80 jaar (aantal)": IndicatorSpec(
            code="inwoners-65-tot-80",
            name="Inwoners van 65 tot 80 jaar",
            unit="aantal",
            aggregation=Aggregation.SUM,
            period_type=PeriodType.JANUARY_FIRST,
            decimals=0,
            position=20,
        ),
        f"{_P}Leeftijd/Leeftijdsgroepen/80 jaar of ouder (aantal)": IndicatorSpec(
            code="inwoners-80-plus",
            name="Inwoners van 80 jaar of ouder",
            unit="aantal",
            aggregation=Aggregation.SUM,
            period_type=PeriodType.JANUARY_FIRST,
            decimals=0,
            position=30,
        ),
        f"{_P}Leeftijd/Leeftijdsgroepen, relatief/65 tot 80 jaar (%)": IndicatorSpec(
            code="aandeel-65-tot-80",
            name="Aandeel inwoners van 65 tot 80 jaar",
            unit="%",
            aggregation=Aggregation.WEIGHTED_MEAN,
            weight_code=POPULATION,
            period_type=PeriodType.JANUARY_FIRST,
            definition="Inwoners van 65 tot 80 jaar als percentage van alle inwoners.",
            position=40,
        ),
        f"{_H}Particuliere huishoudens/Totaal particuliere huishoudens (aantal)": IndicatorSpec(
            code=HOUSEHOLDS,
            name="Particuliere huishoudens",
            unit="aantal",
            aggregation=Aggregation.SUM,
            period_type=PeriodType.JANUARY_FIRST,
            decimals=0,
            position=50,
        ),
        f"{_H}Particuliere huishoudens, relatief/Eenpersoonshuishoudens (%)": IndicatorSpec(
            code="aandeel-eenpersoonshuishoudens",
            name="Aandeel eenpersoonshuishoudens",
            unit="%",
            aggregation=Aggregation.WEIGHTED_MEAN,
            weight_code=HOUSEHOLDS,
            period_type=PeriodType.JANUARY_FIRST,
            definition="Eenpersoonshuishoudens als percentage van alle particuliere huishoudens.",
            is_key_figure=True,
            position=60,
        ),
        f"{_H}Gemiddelde huishoudensgrootte (personen per 1 huishouden)": IndicatorSpec(
            code="gemiddelde-huishoudensgrootte",
            name="Gemiddelde huishoudensgrootte",
            unit="personen per huishouden",
            aggregation=Aggregation.WEIGHTED_MEAN,
            weight_code=HOUSEHOLDS,
            period_type=PeriodType.JANUARY_FIRST,
            decimals=2,
            position=70,
        ),
    },
)


def _load_file(filename: str, table: TableSpec) -> ImportSummary:
    content = resources.files("dwarsverband.regiodata.data").joinpath(filename).read_bytes()
    parsed = statline_csv_read(content, table=table, area_codes_by_name=area_codes_by_name())
    return observations_import(parsed=parsed)


def load(report: Callable[[str], None]) -> None:
    """Reference loader of the regiodata app (see common/registry.py)."""
    for filename, table in ((POPULATION_FILE, POPULATION_TABLE), (INCOME_FILE, INCOME_TABLE)):
        summary = _load_file(filename, table)
        report(
            f"Regiodata {table.table_id}: {summary.indicators_created} indicatoren nieuw, "
            f"{summary.created} waarnemingen nieuw, {summary.updated} gewijzigd, "
            f"{summary.unchanged} ongewijzigd."
        )
