"""Permissions matrix for the API of themes, annual programmes and projects."""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from dwarsverband.programmes.models import Programme, Project
from tests.permissions.matrix import (
    COORDINATORS,
    EDITORS_OF_GOUDA,
    ROLES,
    Row,
    check,
    everyone,
    only,
)


def _gouda_programme(users: dict[str, User | None]) -> str:
    programme = Programme.objects.get(organisation__code="GM0513", year=2026)
    return f"/api/v1/jaarprogrammas/{programme.pk}"


def _gouda_project(users: dict[str, User | None]) -> str:
    project = Project.objects.filter(programme__organisation__code="GM0513").order_by("pk")[0]
    return f"/api/v1/projecten/{project.pk}"


ROWS = [
    Row("API themes", "get", "/api/v1/themas", everyone("ok"), api=True),
    Row("API theme", "get", "/api/v1/themas/energietransitie", everyone("ok"), api=True),
    Row(
        "API add theme",
        "post",
        "/api/v1/themas",
        only(COORDINATORS, anonymous="deny"),
        {"name": "Digitale inclusie", "domain": "social"},
        api=True,
    ),
    Row(
        "API edit theme",
        "patch",
        "/api/v1/themas/energietransitie",
        only(COORDINATORS, anonymous="deny"),
        {"description": "Via de API"},
        api=True,
    ),
    Row("API programmes", "get", "/api/v1/jaarprogrammas", everyone("ok"), api=True),
    Row("API Gouda programme", "get", _gouda_programme, everyone("ok"), api=True),
    Row(
        "API add programme for Gouda",
        "post",
        "/api/v1/jaarprogrammas",
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        {"organisationSlug": "gouda", "year": 2030, "title": "Jaarprogramma 2030"},
        api=True,
    ),
    Row(
        "API edit Gouda programme",
        "patch",
        _gouda_programme,
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        {"description": "Via de API"},
        api=True,
    ),
    Row("API projects", "get", "/api/v1/projecten", everyone("ok"), api=True),
    Row(
        "API Gouda programme projects",
        "get",
        lambda users: _gouda_programme(users) + "/projecten",
        everyone("ok"),
        api=True,
    ),
    Row("API Gouda project", "get", _gouda_project, everyone("ok"), api=True),
    Row(
        "API add project to Gouda programme",
        "post",
        lambda users: _gouda_programme(users) + "/projecten",
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        {"title": "Nieuw project", "description": "Via de API toegevoegd."},
        api=True,
    ),
    Row(
        "API edit Gouda project",
        "patch",
        _gouda_project,
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        {"status": "completed"},
        api=True,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
