"""Permissions matrix for the knowledge API: publications, passages, roadmaps and search."""

from __future__ import annotations

import pytest

from dwarsverband.knowledge.constants import PublicationKind, Visibility
from dwarsverband.knowledge.models import Passage, Publication
from dwarsverband.organisations.models import Organisation, User
from tests.permissions.matrix import ROLES, Row, check, everyone

Users = dict[str, User | None]
PUBLICATION = "voorbeeld-samen-werken-aan-werk"
ROADMAP = "routekaart-regionale-samenwerking"


def _gouda_only(users: Users) -> Publication:
    publication = Publication.objects.create(
        title="Interne notitie Gouda",
        slug="interne-notitie-gouda",
        kind=PublicationKind.ARTICLE,
        visibility=Visibility.ORGANISATIONS,
    )
    publication.organisations.set([Organisation.objects.get(code="GM0513")])
    Passage.objects.create(
        publication=publication, position=1, number="1", anchor="passage-1", text="Intern."
    )
    return publication


def _restricted(users: Users) -> str:
    return f"/api/v1/publicaties/{_gouda_only(users).slug}"


def _restricted_passages(users: Users) -> str:
    return f"/api/v1/publicaties/{_gouda_only(users).slug}/passages"


def _restricted_passage(users: Users) -> str:
    return f"/api/v1/publicaties/{_gouda_only(users).slug}/passages/passage-1"


GOUDA_AND_COORDINATORS = {
    "anonymous": "hidden",
    "reader": "ok",
    "editor_a": "ok",
    "editor_b": "hidden",
    "coordinator": "ok",
    "admin": "ok",
}

ROWS = [
    Row("API publication list", "get", "/api/v1/publicaties", everyone("ok"), api=True),
    Row(
        "API public publication",
        "get",
        f"/api/v1/publicaties/{PUBLICATION}",
        everyone("ok"),
        api=True,
    ),
    Row(
        "API public passages",
        "get",
        f"/api/v1/publicaties/{PUBLICATION}/passages",
        everyone("ok"),
        api=True,
    ),
    Row("API Gouda-only publication", "get", _restricted, GOUDA_AND_COORDINATORS, api=True),
    Row(
        "API Gouda-only passages",
        "get",
        _restricted_passages,
        GOUDA_AND_COORDINATORS,
        api=True,
    ),
    Row("API Gouda-only passage", "get", _restricted_passage, GOUDA_AND_COORDINATORS, api=True),
    Row("API roadmap list", "get", "/api/v1/routekaarten", everyone("ok"), api=True),
    Row("API roadmap", "get", f"/api/v1/routekaarten/{ROADMAP}", everyone("ok"), api=True),
    Row(
        "API signposts for a role",
        "get",
        f"/api/v1/routekaarten/{ROADMAP}/wegwijzers?rol=civil_servant",
        everyone("ok"),
        api=True,
    ),
    Row(
        "API signpost",
        "get",
        f"/api/v1/routekaarten/{ROADMAP}/wegwijzers/1",
        everyone("ok"),
        api=True,
    ),
    Row("API search", "get", "/api/v1/zoeken?q=samenwerking", everyone("ok"), api=True),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
