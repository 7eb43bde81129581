"""The harness of the permissions matrix: rows of requests × roles, and how to check one.

Each row names a request and, per role, the expected outcome:
- "ok": allowed (2xx, or a redirect after a successful form post),
- "login": anonymous visitor sent to the login page,
- "deny": refused (403 on pages, 401/403 on the API),
- "hidden": the object does not exist for this role (404).

Every domain has its own ``test_<domain>_matrix.py`` with its rows; the ``users`` fixture is in
``conftest.py``. A row's path may be a callable that receives the users and returns the path,
for objects a test creates itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.organisations.models import User

ROLES = ["anonymous", "reader", "editor_a", "editor_b", "coordinator", "admin"]
EDITORS_OF_GOUDA = {"editor_a", "coordinator", "admin"}
COORDINATORS = {"coordinator", "admin"}


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    path: str | Callable[[dict[str, User | None]], str]
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


def outcome_of(status: int, location: str) -> str:
    if status in (401, 403):
        return "deny"
    if status == 404:
        return "hidden"
    if status == 302 and ("/inloggen" in location or "/login" in location):
        return "login"
    if 200 <= status < 400:
        return "ok"
    return f"status {status}"


def check(row: Row, role: str, users: dict[str, User | None]) -> None:
    client = Client()
    user = users[role]
    headers: dict[str, str] = {}
    if user is not None:
        if row.api:
            token, _created = Token.objects.get_or_create(user=user)
            headers["Authorization"] = f"Token {token.key}"
        else:
            client.force_login(user)
    path = row.path(users) if callable(row.path) else row.path
    call = getattr(client, row.method)
    if row.api and row.method != "get":
        response = call(path, row.data, content_type="application/json", headers=headers)
    elif row.method == "get":
        response = call(path, headers=headers)
    else:
        response = call(path, row.data, headers=headers)
    outcome = outcome_of(response.status_code, response.get("Location", ""))
    assert outcome == row.expected[role], f"{row.name} as {role}: {response.status_code}"


# A public page with a part that only some roles see:
# (page, its path, a text of that part, the roles that see it).
Part = tuple[str, Callable[[dict[str, User | None]], str], str, set[str]]
Bugs = dict[str, tuple[set[str], str]]


def _known_bug(name: str, role: str, bugs: Bugs | None) -> list[Any]:
    roles, reason = (bugs or {}).get(name, (set(), ""))
    return [pytest.mark.xfail(strict=True, reason=reason)] if role in roles else []


def role_params(rows: list[Row], bugs: Bugs | None = None) -> list[Any]:
    """One test per row and role; a row named in `bugs` is expected to fail (strictly) for
    the roles given there, with the reason."""
    return [
        pytest.param(row, role, id=f"{role}-{row.name}", marks=_known_bug(row.name, role, bugs))
        for row in rows
        for role in ROLES
    ]


def part_params(parts: Sequence[Part], bugs: Bugs | None = None) -> list[Any]:
    """One test per part and role, as (page, path, text, allowed, role); a part named in
    `bugs` is expected to fail (strictly) for the roles given there, with the reason."""
    return [
        pytest.param(*part, role, id=f"{role}-{part[0]}", marks=_known_bug(part[0], role, bugs))
        for part in parts
        for role in ROLES
    ]
