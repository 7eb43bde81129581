"""Export of agreements and actions to CSV and XLSX, and import from the same files.

One row per action; the agreement's columns repeat on each of its rows, and an agreement
without actions has one row with empty action columns. The import is all-or-nothing: the
file is read and checked completely first, and only a file without problems is written, in
one transaction. Every problem names the row, the column and why, in Dutch.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dwarsverband.agreements import services
from dwarsverband.agreements.constants import IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ActionStatus
from dwarsverband.agreements.models import Agreement, Covenant
from dwarsverband.agreements.permissions import user_can_add_agreement
from dwarsverband.agreements.selectors import allowed_owner_organisations
from dwarsverband.organisations.models import Organisation
from dwarsverband.organisations.permissions import user_is_coordinator

# (header in the file, key); the order is the order of the export.
COLUMNS: list[tuple[str, str]] = [
    ("afspraak", "title"),
    ("omschrijving", "description"),
    ("convenant", "covenant"),
    ("partijen", "parties"),
    ("eigenaar", "owner"),
    ("datum afspraak", "agreed_on"),
    ("alleen voor partijen", "internal"),
    ("actiepunt", "action"),
    ("eigenaar actiepunt", "action_owner"),
    ("einddatum", "due_date"),
    ("status", "status"),
    ("afgerond op", "completed_on"),
    ("reden vervallen", "dropped_reason"),
]
HEADERS = [header for header, _key in COLUMNS]
KEY_BY_HEADER = {header: key for header, key in COLUMNS}
HEADER_BY_KEY = {key: header for header, key in COLUMNS}
REQUIRED = ("title", "parties", "owner")
AGREEMENT_KEYS = ("description", "covenant", "parties", "owner", "agreed_on", "internal")
PARTY_SEPARATOR = ";"
STATUS_WORDS = {
    **{str(status.label): status.value for status in ActionStatus},
    **{status.value: status.value for status in ActionStatus},
    "onbekend": "",
    "": "",
}
YES = {"ja", "j", "yes", "waar", "true", "1", "x"}
NO = {"nee", "n", "no", "onwaar", "false", "0", ""}
# Spreadsheet programs run cell text starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportFailed(Exception):
    """The file was not imported; `problems` says why, per row and column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    agreements: int
    actions: int
    warnings: list[str] = field(default_factory=list)


# --- Export ---------------------------------------------------------------------------------


def _safe(value: str) -> str:
    """Cell text that a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def export_rows(agreements: Iterable[Agreement]) -> Iterator[list[str]]:
    for agreement in agreements:
        base = [
            agreement.title,
            agreement.description,
            agreement.covenant.slug if agreement.covenant else "",
            f"{PARTY_SEPARATOR} ".join(party.slug for party in agreement.parties.all()),
            agreement.owner_organisation.slug,
            _date(agreement.agreed_on),
            "ja" if agreement.internal else "nee",
        ]
        actions = list(agreement.actions.all())
        if not actions:
            yield [_safe(cell) for cell in [*base, "", "", "", "", "", ""]]
        for action in actions:
            cells = [
                *base,
                action.title,
                action.owner_organisation.slug,
                _date(action.due_date),
                str(ActionStatus(action.status).label) if action.status else "onbekend",
                _date(action.completed_on),
                action.dropped_reason,
            ]
            yield [_safe(cell) for cell in cells]


def export_queryset(agreements: Any) -> Any:
    return agreements.select_related("covenant", "owner_organisation").prefetch_related(
        "parties", "actions__owner_organisation"
    )


def export_csv(agreements: Iterable[Agreement]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerows(export_rows(agreements))
    # With a byte-order mark Excel opens the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(agreements: Iterable[Agreement]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Afspraken"))
    sheet.append(HEADERS)
    for row in export_rows(agreements):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading a file -------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def _read_csv(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailed([_("Het bestand is geen leesbare tekst (gebruik UTF-8).")])
    if "\x00" in text:
        raise ImportFailed([_("Het bestand is geen CSV-bestand: het bevat binaire gegevens.")])
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return [
            [_cell_text(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise ImportFailed(
            [_("Het CSV-bestand is niet goed opgebouwd: %(error)s") % {"error": error}]
        ) from error


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(cell) for cell in row])
            if len(rows) > IMPORT_MAX_ROWS + 1:
                break
        workbook.close()
        return rows
    except ImportFailed:
        raise
    except Exception as error:
        raise ImportFailed(
            [_("Het bestand is geen geldig Excel-bestand (.xlsx) of het is beschadigd.")]
        ) from error


def read_table(*, name: str, content: bytes) -> list[list[str]]:
    if len(content) > IMPORT_MAX_BYTES:
        raise ImportFailed(
            [_("Het bestand is groter dan %(mb)d MB.") % {"mb": IMPORT_MAX_BYTES // 1024 // 1024}]
        )
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return _read_xlsx(content)
    if lowered.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise ImportFailed([_("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).")])


# --- Checking -------------------------------------------------------------------------------


def _parse_date(text: str) -> datetime.date | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class _OrganisationLookup:
    def __init__(self) -> None:
        self.cache: dict[str, Organisation | str] = {}

    def find(self, text: str) -> Organisation | str:
        """The organisation, or a Dutch message why it was not found."""
        key = text.strip().lower()
        if key not in self.cache:
            found = list(
                Organisation.objects.filter(
                    Q(slug__iexact=key) | Q(code__iexact=key) | Q(name__iexact=key)
                )[:2]
            )
            exact = [org for org in found if org.slug == key or org.code.lower() == key]
            if exact:
                self.cache[key] = exact[0]
            elif len(found) == 1:
                self.cache[key] = found[0]
            elif found:
                self.cache[key] = _(
                    "'%(text)s' past bij meer dan één organisatie; gebruik de korte naam uit "
                    "het webadres van de organisatie."
                ) % {"text": text}
            else:
                self.cache[key] = _("onbekende organisatie '%(text)s'") % {"text": text}
        return self.cache[key]


@dataclass
class _PlannedAction:
    row: int
    data: dict[str, Any]


@dataclass
class _PlannedAgreement:
    row: int
    data: dict[str, Any]
    parties: list[Organisation]
    actions: list[_PlannedAction] = field(default_factory=list)


def _problem(row: int, key: str, why: str) -> str:
    return _("Rij %(row)d, kolom '%(column)s': %(why)s") % {
        "row": row,
        "column": HEADER_BY_KEY[key],
        "why": why,
    }


def check_table(*, user: Any, rows: list[list[str]]) -> tuple[list[_PlannedAgreement], list[str]]:
    """Turn rows into planned agreements, or report every problem. Writes nothing."""
    problems: list[str] = []
    if not rows or not any(rows[0]):
        raise ImportFailed([_("Het bestand is leeg: de eerste rij moet de kolomnamen bevatten.")])
    header = [cell.strip().lower() for cell in rows[0]]
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        key = KEY_BY_HEADER.get(name)
        if key is None:
            problems.append(
                _("Onbekende kolom '%(name)s'. Toegestane kolommen: %(allowed)s.")
                % {"name": rows[0][index], "allowed": ", ".join(HEADERS)}
            )
        elif key in positions:
            problems.append(_("De kolom '%(name)s' staat er twee keer in.") % {"name": name})
        else:
            positions[key] = index
    for key in REQUIRED:
        if key not in positions:
            problems.append(_("De kolom '%(name)s' ontbreekt.") % {"name": HEADER_BY_KEY[key]})
    if problems:
        raise ImportFailed(problems)
    body = rows[1:]
    if len(body) > IMPORT_MAX_ROWS:
        raise ImportFailed(
            [_("Het bestand heeft meer dan %(max)d rijen.") % {"max": IMPORT_MAX_ROWS}]
        )
    if not user_can_add_agreement(user):
        raise ImportFailed([_("U mag geen afspraken toevoegen.")])

    organisations = _OrganisationLookup()
    covenants: dict[str, Covenant | None] = {}
    planned: dict[tuple[str, int | None], _PlannedAgreement] = {}
    seen_rows = 0
    for offset, raw in enumerate(body):
        row_number = offset + 2
        values = {key: (raw[index] if index < len(raw) else "") for key, index in positions.items()}
        if not any(values.values()):
            continue
        seen_rows += 1
        row_problems: list[str] = []

        def problem(
            key: str, why: str, row: int = row_number, found: list[str] = row_problems
        ) -> None:
            found.append(_problem(row, key, why))

        title = values.get("title", "")
        if not title:
            problem("title", _("vul de afspraak in."))
        elif len(title) > 300:
            problem("title", _("de afspraak is langer dan 300 tekens."))

        covenant: Covenant | None = None
        covenant_text = values.get("covenant", "")
        if covenant_text:
            if covenant_text not in covenants:
                covenants[covenant_text] = Covenant.objects.filter(
                    Q(slug__iexact=covenant_text) | Q(title__iexact=covenant_text)
                ).first()
            covenant = covenants[covenant_text]
            if covenant is None:
                problem("covenant", _("onbekend convenant '%(text)s'.") % {"text": covenant_text})

        parties: list[Organisation] = []
        for part in values.get("parties", "").replace(",", PARTY_SEPARATOR).split(PARTY_SEPARATOR):
            if not part.strip():
                continue
            found = organisations.find(part)
            if isinstance(found, str):
                problem("parties", found + ".")
            elif found not in parties:
                parties.append(found)
        if not parties and "parties" in positions and values.get("parties", "") == "":
            problem("parties", _("vul ten minste één partij in."))

        owner: Organisation | None = None
        owner_text = values.get("owner", "")
        if not owner_text:
            problem("owner", _("vul de eigenaar van de afspraak in."))
        else:
            found = organisations.find(owner_text)
            if isinstance(found, str):
                problem("owner", found + ".")
            else:
                owner = found

        agreed_on = None
        try:
            agreed_on = _parse_date(values.get("agreed_on", ""))
        except ValueError:
            problem(
                "agreed_on",
                _("'%(text)s' is geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.")
                % {"text": values.get("agreed_on")},
            )
        internal_text = values.get("internal", "").lower()
        if internal_text not in YES | NO:
            problem("internal", _("vul 'ja' of 'nee' in."))

        allowed = allowed_owner_organisations(party_ids=[party.pk for party in parties])
        if owner is not None and parties and owner.pk not in allowed:
            problem("owner", _("%(org)s is geen partij bij de afspraak.") % {"org": owner})
        if (
            parties
            and not user_is_coordinator(user)
            and user.organisation_id not in {party.pk for party in parties}
        ):
            problem("parties", _("uw eigen organisatie moet een van de partijen zijn."))

        action_data: dict[str, Any] | None = None
        action_title = values.get("action", "")
        action_fields = ("action_owner", "due_date", "status", "completed_on", "dropped_reason")
        if action_title or any(values.get(key, "") for key in action_fields):
            action_data = {"title": action_title}
            if not action_title:
                problem("action", _("vul het actiepunt in, of laat de actiekolommen leeg."))
            elif len(action_title) > 300:
                problem("action", _("het actiepunt is langer dan 300 tekens."))
            action_owner_text = values.get("action_owner", "") or owner_text
            action_owner = organisations.find(action_owner_text) if action_owner_text else None
            if isinstance(action_owner, str):
                problem("action_owner", action_owner + ".")
            elif action_owner is not None:
                if parties and action_owner.pk not in allowed:
                    problem(
                        "action_owner",
                        _("%(org)s is geen partij bij de afspraak.") % {"org": action_owner},
                    )
                action_data["owner_organisation"] = action_owner
            for key in ("due_date", "completed_on"):
                try:
                    action_data[key] = _parse_date(values.get(key, ""))
                except ValueError:
                    problem(
                        key,
                        _("'%(text)s' is geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ.")
                        % {"text": values.get(key)},
                    )
            status_text = values.get("status", "").lower()
            if status_text not in STATUS_WORDS:
                problem(
                    "status",
                    _(
                        "onbekende status '%(text)s'; kies open, in uitvoering, afgerond, "
                        "vervallen of laat leeg."
                    )
                    % {"text": values.get("status")},
                )
            else:
                action_data["status"] = STATUS_WORDS[status_text]
            action_data["dropped_reason"] = values.get("dropped_reason", "")
            if (
                action_data.get("status") == ActionStatus.DROPPED
                and not action_data["dropped_reason"]
            ):
                problem("dropped_reason", _("geef aan waarom het actiepunt is vervallen."))

        if row_problems:
            problems.extend(row_problems)
            continue
        assert owner is not None
        agreement_data = {
            "title": title,
            "description": values.get("description", ""),
            "covenant": covenant,
            "owner_organisation": owner,
            "agreed_on": agreed_on,
            "internal": internal_text in YES,
        }
        group_key = (title.lower(), covenant.pk if covenant else None)
        existing = planned.get(group_key)
        if existing is None:
            if Agreement.objects.filter(title__iexact=title, covenant=covenant).exists():
                problems.append(
                    _problem(
                        row_number,
                        "title",
                        _("de afspraak '%(title)s' bestaat al; importeer alleen nieuwe afspraken.")
                        % {"title": title},
                    )
                )
                continue
            existing = _PlannedAgreement(row=row_number, data=agreement_data, parties=parties)
            planned[group_key] = existing
        elif existing.data != agreement_data or set(existing.parties) != set(parties):
            problems.append(
                _problem(
                    row_number,
                    "title",
                    _(
                        "de afspraak staat ook in rij %(first)d, maar met andere gegevens "
                        "(omschrijving, partijen, eigenaar, datum of zichtbaarheid)."
                    )
                    % {"first": existing.row},
                )
            )
            continue
        if action_data is not None:
            existing.actions.append(_PlannedAction(row=row_number, data=action_data))
    if not seen_rows and not problems:
        problems.append(_("Het bestand bevat geen afspraken: alleen kolomnamen."))
    return list(planned.values()), problems


def agreements_import(*, user: Any, name: str, content: bytes) -> ImportResult:
    """Import a CSV or XLSX file completely, or not at all (raises ImportFailed)."""
    planned, problems = check_table(user=user, rows=read_table(name=name, content=content))
    if problems:
        raise ImportFailed(problems)
    warnings: list[str] = []
    action_count = 0
    current_row = 0
    try:
        with transaction.atomic():
            for item in planned:
                current_row = item.row
                agreement = services.agreement_create(
                    user=user, data=item.data, parties=item.parties
                )
                for planned_action in item.actions:
                    current_row = planned_action.row
                    _action, action_warnings = services.action_create(
                        user=user,
                        agreement=agreement,
                        data=planned_action.data,
                        stamp_completion=False,
                    )
                    action_count += 1
                    warnings.extend(
                        _("Rij %(row)d: %(warning)s")
                        % {"row": planned_action.row, "warning": warning}
                        for warning in action_warnings
                    )
    except ValidationError as error:
        messages = [
            _("Rij %(row)d: %(message)s") % {"row": current_row, "message": message}
            for field_messages in error.message_dict.values()
            for message in field_messages
        ]
        raise ImportFailed(messages) from error
    return ImportResult(agreements=len(planned), actions=action_count, warnings=warnings)
