"""`dwarsverband import-cbs TABLE_ID [--bestand FILE]`: import a CBS table, all or nothing.

Without `--bestand` the table is fetched with `cbsodata` (needs access to opendata.cbs.nl);
with it, a saved response (the JSON of `cbsodata.download_data(TABLE_ID, typed=True)`) or a
StatLine CSV export is read instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dwarsverband.regiodata.imports import (
    ParsedTable,
    TableReadError,
    cbsodata_read,
    statline_csv_read,
)
from dwarsverband.regiodata.reference import INCOME_TABLE, POPULATION_TABLE
from dwarsverband.regiodata.services import (
    ImportRejected,
    area_codes_by_name,
    observations_import,
)

TABLE_ID = re.compile(r"^[0-9]{5}[A-Za-z]{3}$")
KNOWN_CSV_TABLES = {spec.table_id.casefold(): spec for spec in (INCOME_TABLE, POPULATION_TABLE)}


def _fetch(table_id: str) -> dict[str, Any]:
    import cbsodata
    import requests

    try:
        return dict(cbsodata.download_data(table_id, typed=True))
    except requests.exceptions.HTTPError as error:
        raise CommandError(
            f"Het CBS kent tabel {table_id} niet of weigert de vraag ({error.__class__.__name__}).",
            returncode=2,
        ) from error
    except (requests.exceptions.RequestException, OSError) as error:
        raise CommandError(
            "Het CBS is niet bereikbaar vanaf deze machine; niets geïmporteerd. Sla de tabel "
            "elders op met cbsodata en gebruik --bestand.",
            returncode=2,
        ) from error
    except (ValueError, KeyError) as error:
        raise CommandError(
            f"Het CBS gaf een onverwacht antwoord voor tabel {table_id}; niets geïmporteerd.",
            returncode=2,
        ) from error


class Command(BaseCommand):
    help = "Importeer een CBS-tabel (cbsodata of een opgeslagen bestand); alles of niets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("table_id", help="CBS-tabelnummer, bijvoorbeeld 86161NED")
        parser.add_argument(
            "--bestand",
            default="",
            help="opgeslagen cbsodata-antwoord (.json) of StatLine-export (.csv)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        table_id = options["table_id"].strip()
        if not TABLE_ID.match(table_id):
            raise CommandError(
                f"'{table_id}' is geen CBS-tabelnummer (vijf cijfers en drie letters, "
                "zoals 86161NED).",
                returncode=2,
            )
        path_text = options["bestand"]
        try:
            parsed = self._read(table_id, Path(path_text) if path_text else None)
            summary = observations_import(parsed=parsed)
        except TableReadError as error:
            raise CommandError(f"Er is niets geïmporteerd. {error}", returncode=2) from error
        except ImportRejected as rejected:
            for problem in rejected.errors[:50]:
                self.stderr.write(problem)
            if len(rejected.errors) > 50:
                self.stderr.write(f"… en nog {len(rejected.errors) - 50} fout(en).")
            raise CommandError(
                f"Er is niets geïmporteerd: {len(rejected.errors)} fout(en).", returncode=2
            ) from rejected
        self.stdout.write(
            f"{table_id}: {summary.indicators_created} indicatoren nieuw, {summary.created} "
            f"waarnemingen nieuw, {summary.updated} gewijzigd, {summary.unchanged} ongewijzigd, "
            f"{summary.skipped_rows} rijen overgeslagen."
        )

    def _read(self, table_id: str, path: Path | None) -> ParsedTable:
        if path is None:
            return cbsodata_read(_fetch(table_id), table_id=table_id)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}.", returncode=2) from error
        if path.suffix.casefold() == ".csv":
            spec = KNOWN_CSV_TABLES.get(table_id.casefold())
            if spec is None:
                raise CommandError(
                    f"Voor een CSV-export van {table_id} is nog geen kolomindeling vastgelegd; "
                    "gebruik een cbsodata-antwoord (.json).",
                    returncode=2,
                )
            return statline_csv_read(content, table=spec, area_codes_by_name=area_codes_by_name())
        try:
            response = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                f"{path} is geen geldig JSON-bestand; niets geïmporteerd.", returncode=2
            ) from error
        if not isinstance(response, dict):
            raise CommandError(f"{path} is geen cbsodata-antwoord.", returncode=2)
        return cbsodata_read(response, table_id=table_id)
