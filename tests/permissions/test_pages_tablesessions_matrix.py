"""Permissions matrix for the pages of table sessions: everyone reads, coordinators prepare.

The table plan and its CSV name the specialists at each table: they are the public contact
people of their organisations, shown on the session page to everyone as well.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dwarsverband.organisations.models import User
from dwarsverband.tablesessions.demo import TITLE
from dwarsverband.tablesessions.models import TableSession
from tests.permissions.matrix import COORDINATORS, Row, check, everyone, only, role_params

Users = dict[str, User | None]


def demo_session(users: Users) -> str:
    return f"/tafelsessies/{TableSession.objects.get(title=TITLE).pk}"


ROWS = [
    Row("table session list", "get", "/tafelsessies", everyone("ok")),
    Row("demo table session", "get", demo_session, everyone("ok")),
    Row(
        "demo table session CSV", "get", lambda users: demo_session(users) + "/csv", everyone("ok")
    ),
    Row("create table session (form)", "get", "/tafelsessies/nieuw", only(COORDINATORS)),
    Row(
        "plan the tables",
        "post",
        lambda users: demo_session(users) + "/indelen",
        only(COORDINATORS),
    ),
    Row(
        "record outcomes",
        "post",
        lambda users: demo_session(users) + "/uitkomsten",
        only(COORDINATORS),
        {"outcomes": "Afspraken van de middag."},
    ),
]

WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "record outcomes": (
        lambda: TableSession.objects.get(title=TITLE).outcomes == "Afspraken van de middag.",
        COORDINATORS,
    ),
}
BUGS: dict[str, tuple[set[str], str]] = {}


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), role_params(ROWS, BUGS))
def test_page_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
    if row.name in WRITES:
        landed, allowed = WRITES[row.name]
        assert landed() == (role in allowed), f"{row.name} as {role}: write landed {landed()}"
