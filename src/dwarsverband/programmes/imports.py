"""Reading an annual programme from CSV, XLSX or JSON, and checking every row.

Reading and checking never write: `programme_file_read` returns the clean rows or the complete
list of problems (row, column, why, in Dutch), so an import is all-or-nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from dwarsverband.organisations.models import Region
from dwarsverband.programmes.constants import ProjectKind, ProjectStatus
from dwarsverband.programmes.models import Project, Theme

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024

# Column name in the file → field name. Dutch first; the English names are accepted too.
COLUMNS = {
    "kenmerk": "reference",
    "reference": "reference",
    "titel": "title",
    "title": "title",
    "beschrijving": "description",
    "description": "description",
    "soort": "kind",
    "kind": "kind",
    "thema's": "themes",
    "themas": "themes",
    "thema": "themes",
    "themes": "themes",
    "regio's": "regions",
    "regios": "regions",
    "regio": "regions",
    "regions": "regions",
    "begindatum": "starts_on",
    "starts_on": "starts_on",
    "einddatum": "ends_on",
    "ends_on": "ends_on",
    "status": "status",
    "contactpersoon": "contact_role",
    "contactrol": "contact_role",
    "contact_role": "contact_role",
}
COLUMN_LABELS = {
    "reference": "kenmerk",
    "title": "titel",
    "description": "beschrijving",
    "kind": "soort",
    "themes": "thema's",
    "regions": "regio's",
    "starts_on": "begindatum",
    "ends_on": "einddatum",
    "status": "status",
    "contact_role": "contactpersoon",
}
KIND_WORDS = {
    "aanbod": ProjectKind.OFFER,
    "offer": ProjectKind.OFFER,
    "vraag": ProjectKind.NEED,
    "need": ProjectKind.NEED,
    "project": ProjectKind.PROJECT,
}
STATUS_WORDS = {
    "gepland": ProjectStatus.PLANNED,
    "planned": ProjectStatus.PLANNED,
    "lopend": ProjectStatus.RUNNING,
    "running": ProjectStatus.RUNNING,
    "afgerond": ProjectStatus.COMPLETED,
    "completed": ProjectStatus.COMPLETED,
    "gestopt": ProjectStatus.STOPPED,
    "stopped": ProjectStatus.STOPPED,
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, empty)."""


@dataclass
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("Het bestand is geen tekst in UTF-8 of Windows-1252.")
            ) from error


def _read_csv(content: bytes) -> list[dict[str, Any]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        return [dict(row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            _("Het CSV-bestand is beschadigd (regel %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error


def _read_xlsx(content: bytes) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(_("Het Excel-bestand kan niet worden geopend.")) from error
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not rows:
        return []
    header = ["" if cell is None else str(cell) for cell in rows[0]]
    return [
        {header[i]: value for i, value in enumerate(row) if i < len(header) and header[i]}
        for row in rows[1:]
        if any(value not in (None, "") for value in row)
    ]


def _read_json(content: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(_decode(content))
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("Het JSON-bestand is ongeldig (regel %(line)s): %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    if isinstance(data, dict):
        data = data.get("projecten", data.get("projects"))
    if not isinstance(data, list):
        raise ImportFileError(
            _('Het JSON-bestand moet een lijst van projecten zijn, of {"projecten": [...]}.')
        )
    rows = []
    for item in data:
        if not isinstance(item, dict):
            raise ImportFileError(_("Elk project in het JSON-bestand moet een object zijn."))
        rows.append(item)
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_text(item) for item in value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        parts = [_text(item) for item in value]
    else:
        text = _text(value)
        for separator in ("|", ";"):
            text = text.replace(separator, ",")
        parts = text.split(",")
    return [part.strip() for part in parts if part.strip()]


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class RowChecker:
    """Turns raw rows into clean project data, collecting every problem."""

    def __init__(self) -> None:
        self.themes = {theme.name.lower(): theme for theme in Theme.objects.all()}
        self.themes.update({theme.slug: theme for theme in self.themes.values()})
        self.regions = {region.code.lower(): region for region in Region.objects.all()}
        self.region_names: dict[str, Region] = {}
        for region in self.regions.values():
            self.region_names.setdefault(region.name.lower(), region)

    def check(self, raw_rows: list[dict[str, Any]]) -> ImportResult:
        result = ImportResult()
        if not raw_rows:
            result.errors.append(_("Het bestand bevat geen projecten."))
            return result
        if len(raw_rows) > MAX_ROWS:
            result.errors.append(
                _("Het bestand bevat %(count)s projecten; het maximum is %(max)s.")
                % {"count": len(raw_rows), "max": MAX_ROWS}
            )
            return result
        unknown = sorted(
            {str(key) for row in raw_rows for key in row if str(key).strip().lower() not in COLUMNS}
        )
        if unknown:
            result.errors.append(
                _("Onbekende kolom(men): %(columns)s. Bekende kolommen: %(known)s.")
                % {"columns": ", ".join(unknown), "known": ", ".join(COLUMN_LABELS.values())}
            )
        seen_references: dict[str, int] = {}
        seen_titles: dict[str, int] = {}
        for number, raw in enumerate(raw_rows, start=2):
            row = {
                COLUMNS[str(key).strip().lower()]: value
                for key, value in raw.items()
                if str(key).strip().lower() in COLUMNS
            }
            clean = self._row(number, row, result.errors)
            if clean is None:
                continue
            key_map, key = (
                (seen_references, clean["reference"])
                if clean["reference"]
                else (seen_titles, clean["title"].lower())
            )
            if key in key_map:
                result.errors.append(
                    _("Rij %(row)s: hetzelfde project staat al in rij %(other)s (%(what)s).")
                    % {
                        "row": number,
                        "other": key_map[key],
                        "what": _("kenmerk") if clean["reference"] else _("titel"),
                    }
                )
                continue
            key_map[key] = number
            result.rows.append(clean)
        if result.errors:
            result.rows = []
        return result

    def _row(self, number: int, row: dict[str, Any], errors: list[str]) -> dict[str, Any] | None:
        problems: list[str] = []

        def problem(column: str, message: str) -> None:
            problems.append(
                _("Rij %(row)s, kolom '%(column)s': %(message)s")
                % {"row": number, "column": COLUMN_LABELS[column], "message": message}
            )

        title = _text(row.get("title"))
        description = _text(row.get("description"))
        reference = _text(row.get("reference"))
        if not title:
            problem("title", _("de titel ontbreekt."))
        elif len(title) > Project._meta.get_field("title").max_length:  # type: ignore[operator]
            problem("title", _("de titel is langer dan 200 tekens."))
        if not description:
            problem("description", _("de beschrijving ontbreekt."))
        if len(reference) > 60:
            problem("reference", _("het kenmerk is langer dan 60 tekens."))
        kind_text = _text(row.get("kind")).lower() or "project"
        kind = KIND_WORDS.get(kind_text)
        if kind is None:
            problem(
                "kind",
                _("'%(value)s' is geen soort; kies aanbod, vraag of project.")
                % {"value": kind_text},
            )
        status_text = _text(row.get("status")).lower() or "lopend"
        status = STATUS_WORDS.get(status_text)
        if status is None:
            problem(
                "status",
                _("'%(value)s' is geen status; kies gepland, lopend, afgerond of gestopt.")
                % {"value": status_text},
            )
        themes = []
        for name in _split(row.get("themes")):
            theme = self.themes.get(name.lower())
            if theme is None:
                problem("themes", _("het thema '%(value)s' bestaat niet.") % {"value": name})
            else:
                themes.append(theme)
        regions = []
        for name in _split(row.get("regions")):
            region = self.regions.get(name.lower()) or self.region_names.get(name.lower())
            if region is None:
                problem("regions", _("de regio '%(value)s' bestaat niet.") % {"value": name})
            else:
                regions.append(region)
        dates: dict[str, datetime.date | None] = {}
        for column in ("starts_on", "ends_on"):
            try:
                dates[column] = _date(row.get(column))
            except ValueError:
                problem(
                    column,
                    _("'%(value)s' is geen datum; schrijf bijvoorbeeld 2026-03-01.")
                    % {"value": _text(row.get(column))},
                )
                dates[column] = None
        if dates["starts_on"] and dates["ends_on"] and dates["ends_on"] < dates["starts_on"]:
            problem("ends_on", _("de einddatum ligt vóór de begindatum."))
        contact_role = _text(row.get("contact_role"))
        if len(contact_role) > 200:
            problem("contact_role", _("de contactpersoon is langer dan 200 tekens."))
        if problems:
            errors.extend(problems)
            return None
        return {
            "reference": reference,
            "title": title,
            "description": description,
            "kind": kind,
            "status": status,
            "themes": list(dict.fromkeys(themes)),
            "regions": list(dict.fromkeys(regions)),
            "starts_on": dates["starts_on"],
            "ends_on": dates["ends_on"],
            "contact_role": contact_role,
        }


def programme_file_read(*, name: str, content: bytes) -> ImportResult:
    """Read and check a programme file; never writes. Raises ImportFileError if unreadable."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("Het bestand is groter dan 5 MB."))
    if not content.strip():
        raise ImportFileError(_("Het bestand is leeg."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        raw = _read_xlsx(content)
    elif lower.endswith(".json"):
        raw = _read_json(content)
    elif lower.endswith((".csv", ".txt")):
        raw = _read_csv(content)
    else:
        raise ImportFileError(_("Kies een bestand van het type CSV, XLSX of JSON."))
    return RowChecker().check(raw)
