"""Permissions matrix for organisations, people, themes, the admin site and their API."""

from __future__ import annotations

import pytest

from dwarsverband.organisations.models import User
from tests.permissions.matrix import (
    COORDINATORS,
    EDITORS_OF_GOUDA,
    ROLES,
    Row,
    check,
    everyone,
    only,
)

ROWS = [
    Row("home", "get", "/", everyone("ok")),
    Row("organisation list", "get", "/organisaties", everyone("ok")),
    Row("organisation page", "get", "/organisaties/gouda", everyone("ok")),
    Row("region page", "get", "/regios/AM20", everyone("ok")),
    Row("network page", "get", "/organisaties/g40-stedennetwerk", everyone("ok")),
    Row("themes", "get", "/themas", everyone("ok")),
    Row("edit Gouda (form)", "get", "/organisaties/gouda/bewerken", only(EDITORS_OF_GOUDA)),
    Row(
        "edit Gouda (save)",
        "post",
        "/organisaties/gouda/bewerken",
        only(EDITORS_OF_GOUDA),
        {"description": "Aangepast", "name": "Gouda", "kind": "municipality", "code": "GM0513"},
    ),
    Row(
        "add person to Gouda",
        "post",
        "/organisaties/gouda/personen/nieuw",
        only(EDITORS_OF_GOUDA),
        {"name": "Test Persoon", "role": "civil_servant"},
    ),
    Row("add organisation (form)", "get", "/organisaties/nieuw", only(COORDINATORS)),
    Row("add theme (form)", "get", "/themas/nieuw", only(COORDINATORS)),
    Row(
        "admin site",
        "get",
        "/beheer/",
        {
            **only({"admin"}),
            "anonymous": "login",
            "reader": "login",
            "editor_a": "login",
            "editor_b": "login",
            "coordinator": "login",
        },
    ),
    Row("audit log", "get", "/beheer/common/auditevent/", {**only({"admin"}, others="login")}),
    Row("API list", "get", "/api/v1/organisaties", everyone("ok"), api=True),
    Row(
        "API edit Gouda",
        "patch",
        "/api/v1/organisaties/gouda",
        only(EDITORS_OF_GOUDA, anonymous="deny"),
        {"description": "Via API"},
        api=True,
    ),
    Row(
        "API add organisation",
        "post",
        "/api/v1/organisaties",
        only(COORDINATORS, anonymous="deny"),
        {"name": "Nieuwe partner", "kind": "other"},
        api=True,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    check(row, role, users)
