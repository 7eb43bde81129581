"""Any programme file either imports completely or is refused with a message: never a
traceback, never half an import (hypothesis)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dwarsverband.programmes.models import Programme, Project

pytestmark = pytest.mark.django_db

HEADERS = ["kenmerk", "titel", "beschrijving", "soort", "thema's", "regio's", "begindatum",
           "einddatum", "status"]  # fmt: skip
CELL = st.text(max_size=30)
VALID_ROW = st.tuples(
    st.sampled_from(["", "FZ-1", "FZ-2"]),
    st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=25).filter(str.strip),
    st.sampled_from(["", "Samen met de regio werken aan werk en inkomen."]),
    st.sampled_from(["", "project", "aanbod", "vraag", "onzin"]),
    st.sampled_from(["", "Wijkvernieuwing", "Betaalbaarheid|Wijkvernieuwing", "Geen thema"]),
    st.sampled_from(["", "PV27", "AM20", "XX99"]),
    st.sampled_from(["", "2026-01-01", "31-12-2026", "2026-13-01"]),
    st.sampled_from(["", "2026-12-31", "2025-01-01"]),
    st.sampled_from(["", "lopend", "gepland", "klaar?"]),
).map(list)


GOOD_ROW = st.tuples(
    st.just(""),
    st.text(alphabet="abcdefghij klmnop", min_size=3, max_size=25).filter(str.strip),
    st.just("Samen met de regio werken aan werk en inkomen."),
    st.sampled_from(["project", "aanbod", "vraag"]),
    st.sampled_from(["", "Wijkvernieuwing"]),
    st.sampled_from(["", "PV27"]),
    st.just("2026-01-01"),
    st.just("2026-12-31"),
    st.just("lopend"),
).map(list)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _json(rows: list[list[str]]) -> bytes:
    return json.dumps([dict(zip(HEADERS, row, strict=False)) for row in rows]).encode()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.one_of(GOOD_ROW, VALID_ROW, st.lists(CELL, min_size=9, max_size=9)),
        min_size=0,
        max_size=4,
    ),
    kind=st.sampled_from(["csv", "json", "raw"]),
    raw=st.binary(max_size=200),
)
def test_any_programme_file_imports_completely_or_fails_with_a_message(
    reference: None, tmp_path: Path, rows: list[list[str]], kind: str, raw: bytes
) -> None:
    content = {"csv": _csv, "json": _json}.get(kind, lambda _rows: raw)(rows)
    path = tmp_path / f"programma.{'json' if kind == 'json' else 'csv'}"
    path.write_bytes(content)
    before = Project.objects.count()
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_programme", str(path), organisation="GM0513", year=2031, stdout=out, stderr=err
        )
    except CommandError as error:
        event("geweigerd")
        assert str(error).startswith("Er is niets geïmporteerd")
        assert Project.objects.count() == before
        assert not Programme.objects.filter(organisation__code="GM0513", year=2031).exists()
    else:
        event("geïmporteerd")
        programme = Programme.objects.get(organisation__code="GM0513", year=2031)
        assert programme.projects.count() >= 1
        assert Project.objects.count() == before + programme.projects.count()
        assert "projecten toegevoegd" in out.getvalue()
    finally:
        Programme.objects.filter(organisation__code="GM0513", year=2031).delete()
