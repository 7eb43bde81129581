"""Permissions matrix for the organisation pages that ``test_organisations_matrix`` leaves out:
regions, networks, the people of an organisation and editing a theme.

The people of Gouda are changed and removed by Gouda's editors and by coordinators only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dwarsverband.organisations.models import Person, User
from tests.permissions.matrix import (
    COORDINATORS,
    EDITORS_OF_GOUDA,
    ROLES,
    Row,
    check,
    everyone,
    only,
)

Users = dict[str, User | None]


def _gouda_people() -> Any:
    return Person.objects.filter(organisation__code="GM0513").order_by("pk")


def gouda_person(users: Users) -> str:
    return f"/personen/{_gouda_people()[0].pk}"


ROWS = [
    Row("region list", "get", "/regios", everyone("ok")),
    Row("network list", "get", "/netwerken", everyone("ok")),
    Row(
        "edit person of Gouda (form)",
        "get",
        lambda users: gouda_person(users) + "/bewerken",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "delete person of Gouda",
        "post",
        lambda users: gouda_person(users) + "/verwijderen",
        only(EDITORS_OF_GOUDA),
    ),
    Row("edit theme (form)", "get", "/themas/energietransitie/bewerken", only(COORDINATORS)),
]

WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "delete person of Gouda": (lambda: _gouda_people().count() == 1, EDITORS_OF_GOUDA),
}


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
    if row.name in WRITES:
        landed, allowed = WRITES[row.name]
        assert landed() == (role in allowed), f"{row.name} as {role}: write landed {landed()}"
