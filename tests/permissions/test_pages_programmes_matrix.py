"""Permissions matrix for the pages of annual programmes and projects.

Everyone reads programmes and projects. An editor adds a programme for their own organisation
and changes only their own organisation's programmes and projects; coordinators change all.

A refused form post can answer 200 (the form again, with an error) rather than 403: where that
is how a rule is kept, the row says "ok" and ``WRITES`` asserts that nothing was saved.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models import Model

from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Programme, Project
from tests.permissions.matrix import (
    COORDINATORS,
    EDITORS_OF_GOUDA,
    Row,
    check,
    everyone,
    only,
    role_params,
)

Users = dict[str, User | None]
EDITORS_AND_COORDINATORS = {"editor_a", "editor_b", *COORDINATORS}
GOUDA, UTRECHT = "GM0513", "GM0344"


class PkOf:
    """A primary key looked up when the request is sent: keys differ between databases."""

    def __init__(self, find: Callable[[], Model]) -> None:
        self.find = find

    def __str__(self) -> str:
        return str(self.find().pk)


def _programme(code: str) -> Programme:
    return Programme.objects.get(organisation__code=code, year=2026)


def _project(code: str) -> Project:
    return Project.objects.filter(programme__organisation__code=code).order_by("pk")[0]


def gouda_programme(users: Users) -> str:
    return f"/jaarprogrammas/{_programme(GOUDA).pk}"


def gouda_project(users: Users) -> str:
    return f"/projecten/{_project(GOUDA).pk}"


def utrecht_project(users: Users) -> str:
    return f"/projecten/{_project(UTRECHT).pk}"


ROWS = [
    Row("programme list", "get", "/jaarprogrammas", everyone("ok")),
    Row("Gouda programme", "get", gouda_programme, everyone("ok")),
    Row("Gouda project", "get", gouda_project, everyone("ok")),
    Row("add programme (form)", "get", "/jaarprogrammas/nieuw", only(EDITORS_AND_COORDINATORS)),
    Row(
        "add programme for Gouda (save)",
        "post",
        "/jaarprogrammas/nieuw",
        # Editor B gets the form again: Gouda is not among the organisations to choose from.
        only(EDITORS_AND_COORDINATORS),
        {
            "organisation": PkOf(lambda: Organisation.objects.get(code=GOUDA)),
            "year": 2031,
            "title": "Jaarprogramma 2031",
        },
    ),
    Row(
        "import programme (form)",
        "get",
        "/jaarprogrammas/importeren",
        only(EDITORS_AND_COORDINATORS),
    ),
    Row(
        "edit Gouda programme (form)",
        "get",
        lambda users: gouda_programme(users) + "/bewerken",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "add project to Gouda programme (form)",
        "get",
        lambda users: gouda_programme(users) + "/project-toevoegen",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "edit Gouda project (form)",
        "get",
        lambda users: gouda_project(users) + "/bewerken",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "edit Utrecht project (form)",
        "get",
        lambda users: utrecht_project(users) + "/bewerken",
        only({"editor_b", *COORDINATORS}),
    ),
]

# Row name → (did the write land?, the roles for whom it must land).
WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "add programme for Gouda (save)": (
        lambda: Programme.objects.filter(organisation__code=GOUDA, year=2031).exists(),
        EDITORS_OF_GOUDA,
    ),
}
# Row name → (roles for whom the row's expectation is a known bug, reason).
BUGS: dict[str, tuple[set[str], str]] = {}


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), role_params(ROWS, BUGS))
def test_page_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
    if row.name in WRITES:
        landed, allowed = WRITES[row.name]
        assert landed() == (role in allowed), f"{row.name} as {role}: write landed {landed()}"
