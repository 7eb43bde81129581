"""Permissions matrix for the API of table sessions: everyone reads, coordinators prepare."""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from tests.api.test_tablesessions_api import table_session
from tests.permissions.matrix import COORDINATORS, ROLES, Row, check, everyone, only


def _session(users: dict[str, User | None]) -> str:
    coordinator = users["coordinator"]
    assert coordinator is not None
    return f"/api/v1/tafelsessies/{table_session(coordinator).pk}"


ROWS = [
    Row("API table sessions", "get", "/api/v1/tafelsessies", everyone("ok"), api=True),
    Row("API table session", "get", _session, everyone("ok"), api=True),
    Row(
        "API create table session",
        "post",
        "/api/v1/tafelsessies",
        only(COORDINATORS, anonymous="deny"),
        {
            "title": "Tafelmiddag",
            "date": "2026-09-01",
            "organisationSlugs": ["vng", "platform31"],
            "tableCount": 2,
            "maxPerTable": 5,
        },
        api=True,
    ),
    Row(
        "API record outcomes",
        "patch",
        _session,
        only(COORDINATORS, anonymous="deny"),
        {"outcomes": "Afspraken van de middag."},
        api=True,
    ),
    Row(
        "API plan tables",
        "post",
        lambda users: _session(users) + "/indelen",
        only(COORDINATORS, anonymous="deny"),
        api=True,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
