"""Who may read and write what: one table over pages and API endpoints × roles.

Each row names a request and, per role, the expected outcome:
- "ok": allowed (2xx, or a redirect after a successful form post),
- "login": anonymous visitor sent to the login page,
- "deny": refused (403 on pages, 401/403 on the API),
- "hidden": the object does not exist for this role (404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User

ROLES = ["anonymous", "reader", "editor_a", "editor_b", "coordinator", "admin"]


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    path: str
    expected: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    api: bool = False


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


def only(allowed: set[str], *, anonymous: str = "login", others: str = "deny") -> dict[str, str]:
    return {
        role: "ok" if role in allowed else (anonymous if role == "anonymous" else others)
        for role in ROLES
    }


EDITORS_OF_GOUDA = {"editor_a", "coordinator", "admin"}
COORDINATORS = {"coordinator", "admin"}

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


@pytest.fixture
def users(reference: None, make_user: Callable[..., User]) -> dict[str, User | None]:
    gouda = Organisation.objects.get(code="GM0513")
    utrecht = Organisation.objects.get(code="GM0344")
    admin = make_user(PlatformRole.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return {
        "anonymous": None,
        "reader": make_user(PlatformRole.READER, gouda),
        "editor_a": make_user(PlatformRole.EDITOR, gouda),
        "editor_b": make_user(PlatformRole.EDITOR, utrecht),
        "coordinator": make_user(PlatformRole.COORDINATOR),
        "admin": admin,
    }


def _outcome(row: Row, status: int, location: str) -> str:
    if status in (401, 403):
        return "deny"
    if status == 404:
        return "hidden"
    if status == 302 and ("/inloggen" in location or "/login" in location):
        return "login"
    if 200 <= status < 400:
        return "ok"
    return f"status {status}"


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: dict[str, User | None]) -> None:
    client = Client()
    user = users[role]
    headers: dict[str, str] = {}
    if user is not None:
        if row.api:
            token, _created = Token.objects.get_or_create(user=user)
            headers["Authorization"] = f"Token {token.key}"
        else:
            client.force_login(user)
    call = getattr(client, row.method)
    if row.api and row.method != "get":
        response = call(row.path, row.data, content_type="application/json", headers=headers)
    elif row.method == "get":
        response = call(row.path, headers=headers)
    else:
        response = call(row.path, row.data, headers=headers)
    outcome = _outcome(row, response.status_code, response.get("Location", ""))
    assert outcome == row.expected[role], f"{row.name} as {role}: {response.status_code}"
