"""Permissions matrix for the pages of regional data: public figures, read-only for everyone."""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from tests.permissions.matrix import ROLES, Row, check, everyone

INDICATOR = "/regiodata/indicatoren/inkomen-gemiddeld-gestandaardiseerd"
AREA = "/regiodata/gebieden/AM20"

ROWS = [
    Row("indicator list", "get", "/regiodata", everyone("ok")),
    Row("indicator page", "get", INDICATOR, everyone("ok")),
    Row("indicator CSV", "get", f"{INDICATOR}/csv", everyone("ok")),
    Row("area page", "get", AREA, everyone("ok")),
    Row("area CSV", "get", f"{AREA}/csv", everyone("ok")),
    # The pages only read: a post is refused for everyone alike.
    Row("post to an indicator page", "post", INDICATOR, everyone("status 405")),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
