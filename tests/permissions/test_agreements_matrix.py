"""Permissions matrix for the API of covenants, agreements, actions and progress notes.

Gouda's agreements are made by each row itself: one public, one internal to its parties
(Gouda and Platform31). Editor A works for Gouda, editor B for Utrecht; the reader is of Gouda,
so the internal agreement exists for the reader too (read, not write).
"""

from __future__ import annotations

import datetime

import pytest

from dwarsverband.agreements.demo import COVENANT_SLUG
from dwarsverband.agreements.models import Action, Agreement
from dwarsverband.organisations.models import Organisation, User
from tests.agreements.factories import ActionFactory, AgreementFactory
from tests.permissions.matrix import (
    EDITORS_OF_GOUDA,
    ROLES,
    Row,
    check,
    everyone,
    only,
)

Users = dict[str, User | None]

# Who sees an internal agreement of Gouda: its parties' people and coordinators.
INTERNAL_READ = {
    "anonymous": "hidden",
    "reader": "ok",
    "editor_a": "ok",
    "editor_b": "hidden",
    "coordinator": "ok",
    "admin": "ok",
}
# Who changes it: the reader sees it but may not write; editor B does not see it at all.
INTERNAL_WRITE = {**INTERNAL_READ, "anonymous": "deny", "reader": "deny"}
GOUDA_WRITE = only(EDITORS_OF_GOUDA, anonymous="deny")


def _agreement(*, internal: bool) -> Agreement:
    agreement = AgreementFactory(
        owner_organisation=Organisation.objects.get(code="GM0513"),
        parties=[Organisation.objects.get(slug="platform31")],
        internal=internal,
        agreed_on=datetime.date(2025, 5, 1),
    )
    ActionFactory(agreement=agreement)
    return agreement


def _action(*, internal: bool) -> Action:
    return _agreement(internal=internal).actions.get()


def public_agreement(users: Users) -> str:
    return f"/api/v1/afspraken/{_agreement(internal=False).pk}"


def internal_agreement(users: Users) -> str:
    return f"/api/v1/afspraken/{_agreement(internal=True).pk}"


def public_actions(users: Users) -> str:
    return f"{public_agreement(users)}/acties"


def internal_actions(users: Users) -> str:
    return f"{internal_agreement(users)}/acties"


def public_notes(users: Users) -> str:
    return f"{public_agreement(users)}/notities"


def internal_notes(users: Users) -> str:
    return f"{internal_agreement(users)}/notities"


def public_action(users: Users) -> str:
    return f"/api/v1/acties/{_action(internal=False).pk}"


def internal_action(users: Users) -> str:
    return f"/api/v1/acties/{_action(internal=True).pk}"


ROWS = [
    Row("API covenants", "get", "/api/v1/convenanten", everyone("ok"), api=True),
    Row("API covenant", "get", f"/api/v1/convenanten/{COVENANT_SLUG}", everyone("ok"), api=True),
    Row("API agreements", "get", "/api/v1/afspraken", everyone("ok"), api=True),
    Row("API agreement", "get", public_agreement, everyone("ok"), api=True),
    Row("API internal agreement", "get", internal_agreement, INTERNAL_READ, api=True),
    Row("API agreement actions", "get", public_actions, everyone("ok"), api=True),
    Row("API internal agreement actions", "get", internal_actions, INTERNAL_READ, api=True),
    Row("API agreement notes", "get", public_notes, everyone("ok"), api=True),
    Row("API internal agreement notes", "get", internal_notes, INTERNAL_READ, api=True),
    Row("API actions", "get", "/api/v1/acties", everyone("ok"), api=True),
    Row("API action", "get", public_action, everyone("ok"), api=True),
    Row("API internal action", "get", internal_action, INTERNAL_READ, api=True),
    Row(
        "API add agreement for Gouda",
        "post",
        "/api/v1/afspraken",
        # Editor B may add agreements, but only with Utrecht among the parties.
        {**GOUDA_WRITE, "editor_b": "status 400"},
        {"title": "Nieuwe afspraak", "ownerOrganisation": "gouda", "parties": ["gouda"]},
        api=True,
    ),
    Row(
        "API action done",
        "patch",
        public_action,
        GOUDA_WRITE,
        {"status": "done"},
        api=True,
    ),
    Row(
        "API action dropped",
        "patch",
        public_action,
        GOUDA_WRITE,
        {"status": "dropped", "droppedReason": "Niet meer nodig."},
        api=True,
    ),
    Row(
        "API internal action done",
        "patch",
        internal_action,
        INTERNAL_WRITE,
        {"status": "done"},
        api=True,
    ),
    Row(
        "API add progress note",
        "post",
        public_notes,
        GOUDA_WRITE,
        {"text": "Overleg gehouden."},
        api=True,
    ),
    Row(
        "API add progress note to internal agreement",
        "post",
        internal_notes,
        INTERNAL_WRITE,
        {"text": "Overleg gehouden."},
        api=True,
    ),
    Row(
        "API covenants are read-only",
        "post",
        "/api/v1/convenanten",
        everyone("status 405"),
        {"title": "Nieuw"},
        api=True,
    ),
    Row(
        "API agreements cannot be deleted",
        "delete",
        public_agreement,
        everyone("status 405"),
        api=True,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
