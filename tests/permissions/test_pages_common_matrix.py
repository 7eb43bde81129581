"""Permissions matrix for the general pages: statements, sources, account and API docs."""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from tests.permissions.matrix import ROLES, Row, check, everyone

ROWS = [
    Row("privacy statement", "get", "/privacy", everyone("ok")),
    Row("accessibility statement", "get", "/toegankelijkheid", everyone("ok")),
    Row("sources", "get", "/bronnen", everyone("ok")),
    Row("log in", "get", "/account/inloggen", everyone("ok")),
    Row("forgotten password", "get", "/account/wachtwoord-vergeten", everyone("ok")),
    Row(
        "change password",
        "get",
        "/account/wachtwoord-wijzigen",
        {**everyone("ok"), "anonymous": "login"},
    ),
    Row("API documentation", "get", "/api/v1/docs", everyone("ok")),
    Row("switch language", "get", "/taal/en?next=/privacy", everyone("ok")),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
