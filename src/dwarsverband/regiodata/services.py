"""Writes of regional data: importing a parsed CBS table, and the merger mapping."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django.utils.translation import gettext as _

from dwarsverband.organisations.constants import OrganisationKind
from dwarsverband.organisations.models import Organisation
from dwarsverband.regiodata.constants import COUNTRY_CODE, ObservationStatus
from dwarsverband.regiodata.imports import IndicatorSpec, ParsedTable
from dwarsverband.regiodata.models import AreaCodeChange, Indicator, Observation

BATCH_SIZE = 2000


class ImportRejected(Exception):
    """Nothing was imported; `errors` says why, one Dutch sentence per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} fout(en)")
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    indicators_created: int
    created: int
    updated: int
    unchanged: int
    skipped_rows: int


def known_area_codes() -> set[str]:
    """Codes an observation may have: today's municipalities, merged ones, and the country."""
    codes = set(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
        .exclude(code="")
        .values_list("code", flat=True)
    )
    codes.update(AreaCodeChange.objects.values_list("old_code", flat=True))
    codes.add(COUNTRY_CODE)
    return codes


def area_codes_by_name() -> dict[str, str]:
    """Names as CBS writes them (e.g. 'Bergen (NH.)') → code, for exports without codes."""
    names = {
        name: code
        for name, code in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
        .exclude(code="")
        .values_list("name", "code")
    }
    for name, code in AreaCodeChange.objects.values_list("old_name", "old_code"):
        names.setdefault(name, code)
    return names


def _indicator_from_spec(spec: IndicatorSpec, table: ParsedTable) -> Indicator:
    return Indicator(
        code=spec.code,
        name=spec.name,
        unit=spec.unit,
        definition=spec.definition,
        source_table=table.table.table_id,
        source_title=table.table.title[:300],
        source_note=table.table.note[:300],
        licence=table.table.licence,
        period_type=spec.period_type,
        aggregation=spec.aggregation,
        decimals=spec.decimals,
        position=spec.position,
        is_key_figure=spec.is_key_figure,
    )


def _check(parsed: ParsedTable, existing: dict[str, Indicator]) -> list[str]:
    errors = list(parsed.errors)
    specs = {spec.code: spec for spec in parsed.indicators}
    for spec in parsed.indicators:
        current = existing.get(spec.code)
        if current is not None and current.unit != spec.unit:
            errors.append(
                _(
                    "Indicator '%(code)s' bestaat al met eenheid '%(existing)s'; het bestand "
                    "geeft '%(unit)s'."
                )
                % {"code": spec.code, "existing": current.unit, "unit": spec.unit}
            )
        if spec.weight_code and spec.weight_code not in specs and spec.weight_code not in existing:
            errors.append(
                _("Indicator '%(code)s' weegt met '%(weight)s', maar die bestaat niet.")
                % {"code": spec.code, "weight": spec.weight_code}
            )
    known = known_area_codes()
    unknown_reported: set[str] = set()
    for observation in parsed.observations:
        if observation.area_code not in known and observation.area_code not in unknown_reported:
            unknown_reported.add(observation.area_code)
            errors.append(
                _("Regel %(row)s: onbekende gebiedscode '%(code)s'.")
                % {"row": observation.row, "code": observation.area_code}
            )
    return errors


# A load this large changes the table's statistics enough to refresh them at once.
ANALYZE_AFTER_ROWS = 100_000
# Pages of SQLite's cache while a large load runs (negative means KiB): the covering index
# takes rows in an order unlike the table's, and a small cache spills its pages over and over.
SQLITE_LOAD_CACHE_KIB = 262_144


@contextmanager
def _sqlite_load_cache(cursor: CursorWrapper) -> Iterator[None]:
    cursor.execute("PRAGMA cache_size")
    previous = int(cursor.fetchone()[0])
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {previous}")


def observations_insert(
    rows: Iterable[tuple[int, str, str, float | None, str]], *, batch_size: int = 20_000
) -> int:
    """Insert new observations (indicator id, area code, period, value, status), all or nothing.

    Bypasses model instances, which dominate the time of large loads; callers check the rows
    first (`observations_import` does). PostgreSQL receives the rows through COPY (and
    refreshes the table's statistics after a large load), SQLite in large batches with a
    larger page cache for the duration of the load. Returns the number of rows inserted.
    """
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = "indicator_id, area_code, period, value, status, created_at, updated_at"
    now = timezone.now()
    inserted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stamp = now.isoformat()
            # The table name comes from the model's _meta; the rows go through COPY's own
            # encoding, never into the statement.
            # COPY goes to psycopg directly: its errors become Django's, as for execute().
            with (
                connection.wrap_database_errors,
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row((*row, stamp, stamp))
                    inserted += 1
            if inserted >= ANALYZE_AFTER_ROWS:
                # The planner's row counts predate the load until autovacuum catches up after
                # the commit; reads in the meantime (and in this transaction) need them now.
                cursor.execute(f"ANALYZE {table}")
            return inserted
        # The table name comes from the model's _meta; every value is a bound parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)"  # noqa: S608
        # One timestamp for the whole load, adapted once the way the ORM would store it.
        stamp = str(connection.ops.adapt_datetimefield_value(now))
        with _sqlite_load_cache(cursor) if connection.vendor == "sqlite" else nullcontext():
            batch: list[tuple[int, str, str, float | None, str, str, str]] = []
            for row in rows:
                batch.append((*row, stamp, stamp))
                if len(batch) >= batch_size:
                    cursor.executemany(sql, batch)
                    inserted += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                inserted += len(batch)
    return inserted


@transaction.atomic
def observations_import(*, parsed: ParsedTable) -> ImportSummary:
    """Store a parsed table, all or nothing.

    Refuses the whole table (raising `ImportRejected` with every problem) on read errors,
    unknown area codes, a unit that differs from the existing indicator, or a weight that does
    not exist. Indicators that exist keep their edited names and texts; an observation that is
    the same as stored is left alone, so importing the same table twice changes nothing.
    """
    codes = {spec.code for spec in parsed.indicators} | {
        spec.weight_code for spec in parsed.indicators if spec.weight_code
    }
    existing = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=codes)}
    errors = _check(parsed, existing)
    if errors:
        raise ImportRejected(errors)

    created_indicators = 0
    # Weights first, so an indicator can point at the weight created in the same import.
    ordered = sorted(parsed.indicators, key=lambda spec: bool(spec.weight_code))
    for spec in ordered:
        if spec.code in existing:
            continue
        indicator = _indicator_from_spec(spec, parsed)
        if spec.weight_code:
            indicator.weight = existing[spec.weight_code]
        indicator.full_clean()
        indicator.save()
        existing[spec.code] = indicator
        created_indicators += 1

    by_code = {code: existing[code].pk for code in existing}
    indicator_ids = {by_code[spec.code] for spec in parsed.indicators}
    periods = {observation.period for observation in parsed.observations}
    stored = {
        (row.indicator_id, row.area_code, row.period): row
        for row in Observation.objects.filter(indicator_id__in=indicator_ids, period__in=periods)
    }
    to_create: list[tuple[int, str, str, float | None, str]] = []
    to_update: list[Observation] = []
    unchanged = 0
    now = timezone.now()
    for item in parsed.observations:
        status = (
            ObservationStatus.MISSING
            if item.value is None
            else ObservationStatus.PROVISIONAL
            if item.provisional
            else ObservationStatus.FINAL
        )
        key = (by_code[item.indicator_code], item.area_code, item.period)
        current = stored.get(key)
        if current is None:
            to_create.append((key[0], item.area_code, item.period, item.value, str(status)))
        elif current.value != item.value or current.status != status:
            current.value = item.value
            current.status = status
            current.updated_at = now
            to_update.append(current)
        else:
            unchanged += 1
    observations_insert(to_create)
    Observation.objects.bulk_update(
        to_update, ["value", "status", "updated_at"], batch_size=BATCH_SIZE
    )
    return ImportSummary(
        indicators_created=created_indicators,
        created=len(to_create),
        updated=len(to_update),
        unchanged=unchanged,
        skipped_rows=parsed.skipped_rows,
    )


@transaction.atomic
def area_code_change_save(
    *, old_code: str, old_name: str, new_code: str, effective_year: int, source: str
) -> AreaCodeChange:
    """Record that municipality `old_code` merged into `new_code` (idempotent by old code)."""
    change = AreaCodeChange.objects.filter(old_code=old_code).first() or AreaCodeChange(
        old_code=old_code
    )
    change.old_name = old_name
    change.new_code = new_code
    change.effective_year = effective_year
    change.source = source
    change.full_clean()
    change.save()
    return change
