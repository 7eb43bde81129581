"""Permissions matrix for the API of regional data: public figures, read-only for everyone."""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from tests.permissions.matrix import ROLES, Row, check, everyone

MEAN = "/api/v1/indicatoren/inkomen-gemiddeld-gestandaardiseerd"

ROWS = [
    Row("API indicators", "get", "/api/v1/indicatoren", everyone("ok"), api=True),
    Row("API indicator", "get", MEAN, everyone("ok"), api=True),
    Row("API observations", "get", f"{MEAN}/waarnemingen?gebied=AM20", everyone("ok"), api=True),
    Row(
        "API region figures", "get", f"{MEAN}/regiocijfers?soort=province", everyone("ok"), api=True
    ),
    Row("API area figures", "get", f"{MEAN}/regiocijfers/AM20", everyone("ok"), api=True),
    Row(
        "API indicators are read-only",
        "post",
        "/api/v1/indicatoren",
        everyone("status 405"),
        {"code": "nieuw", "name": "Nieuw"},
        api=True,
    ),
    Row(
        "API observations are read-only",
        "post",
        f"{MEAN}/waarnemingen",
        everyone("status 405"),
        {"areaCode": "GM0513", "period": "2024", "value": 1},
        api=True,
    ),
    Row(
        "API indicator cannot be changed",
        "patch",
        MEAN,
        everyone("status 405"),
        {"name": "Anders"},
        api=True,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
