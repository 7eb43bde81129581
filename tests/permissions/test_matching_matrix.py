"""Permissions matrix for the API of collaboration opportunities.

Either party decides on an opportunity: an editor of one of the two organisations, or a
coordinator.
"""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from tests.api.test_matching_api import gouda_and_vng_opportunity, opportunity_between
from tests.permissions.matrix import (
    EDITORS_OF_GOUDA,
    ROLES,
    Row,
    check,
    everyone,
    only,
)


def _gouda_and_vng(users: dict[str, User | None]) -> str:
    return f"/api/v1/kansen/{gouda_and_vng_opportunity().pk}"


def _gouda_and_utrecht(users: dict[str, User | None]) -> str:
    return f"/api/v1/kansen/{opportunity_between('gouda', 'utrecht').pk}"


ROWS = [
    Row("API opportunities", "get", "/api/v1/kansen", everyone("ok"), api=True),
    Row("API opportunity", "get", _gouda_and_vng, everyone("ok"), api=True),
    Row(
        "API accept Gouda–VNG opportunity",
        "post",
        lambda users: _gouda_and_vng(users) + "/oppakken",
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        api=True,
    ),
    Row(
        "API dismiss Gouda–VNG opportunity",
        "post",
        lambda users: _gouda_and_vng(users) + "/afwijzen",
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        {"reason": "We werken hier al samen."},
        api=True,
    ),
    Row(
        "API accept Gouda–Utrecht opportunity",
        "post",
        lambda users: _gouda_and_utrecht(users) + "/oppakken",
        only(EDITORS_OF_GOUDA | {"editor_b"}, anonymous="deny"),
        api=True,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
