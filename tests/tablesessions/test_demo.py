from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from dwarsverband.tablesessions.demo import TITLE
from dwarsverband.tablesessions.models import TableSession

pytestmark = pytest.mark.django_db


def test_demo_table_session_is_planned_and_public(client: Client, reference: None) -> None:
    session = TableSession.objects.get(title=TITLE)
    assert session.planned_at is not None
    tables = list(session.tables.prefetch_related("people", "projects"))
    assert len(tables) == session.table_count
    seated = [person.pk for table in tables for person in table.people.all()]
    assert sorted(seated) == sorted(session.specialists.values_list("pk", flat=True))
    assert all(len(table.people.all()) <= session.max_per_table for table in tables)
    assert all(table.projects.exists() for table in tables)

    page = client.get(f"/tafelsessies/{session.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    for table in tables:
        assert table.name in html
    exported = client.get(f"/tafelsessies/{session.pk}/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > len(seated)


def test_loading_the_demo_again_adds_no_second_session() -> None:
    from dwarsverband.tablesessions.demo import load

    messages: list[str] = []
    load(messages.append)
    assert TableSession.objects.filter(title=TITLE).count() == 1
    assert messages == []
