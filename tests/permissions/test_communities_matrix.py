"""Permissions matrix for the communities API: circles, meetings, cases and registrations."""

from __future__ import annotations

import pytest

from dwarsverband.communities import services
from dwarsverband.communities.constants import MeetingKind
from dwarsverband.communities.models import Case, Meeting, Registration
from dwarsverband.organisations.models import User
from tests.communities.factories import CommunityFactory, MeetingFactory, MembershipFactory
from tests.permissions.matrix import COORDINATORS, ROLES, Row, check, everyone, only

Users = dict[str, User | None]
CIRCLE = "langer-zelfstandig-thuis"


def _case_of_editor_a_circle(users: Users) -> Case:
    """A circle with editor A as member and one case."""
    membership = MembershipFactory(user=users["editor_a"])
    return Case.objects.create(
        community=membership.community, title="Vertrouwelijk", question="Hoe verder?"
    )


def _case_list(users: Users) -> str:
    return f"/api/v1/leerkringen/{_case_of_editor_a_circle(users).community.slug}/casussen"


def _case_detail(users: Users) -> str:
    case = _case_of_editor_a_circle(users)
    return f"/api/v1/leerkringen/{case.community.slug}/casussen/{case.pk}"


def _meeting_coordinated_by_editor_b(users: Users) -> Meeting:
    return MeetingFactory(community=CommunityFactory(coordinator=users["editor_b"]))


def _registrants(users: Users) -> str:
    return f"/api/v1/bijeenkomsten/{_meeting_coordinated_by_editor_b(users).pk}/aanmeldingen"


def _open_meeting(users: Users) -> str:
    return f"/api/v1/bijeenkomsten/{MeetingFactory(capacity=None).pk}/aanmeldingen"


def _readers_registration(users: Users) -> str:
    reader = users["reader"]
    assert reader is not None
    registration: Registration = services.registration_create(
        meeting=MeetingFactory(),
        name="Lezer",
        email=reader.email,
        organisation_name="Gemeente Gouda",
        consent=True,
    )
    return f"/api/v1/aanmeldingen/{registration.pk}"


def _series_meeting(users: Users) -> str:
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    return f"/api/v1/bijeenkomsten/{meeting.pk}"


ONLY_THE_READER = {
    "anonymous": "deny",
    "reader": "ok",
    "editor_a": "hidden",
    "editor_b": "hidden",
    "coordinator": "hidden",
    "admin": "hidden",
}
MEMBERS_AND_MANAGERS = only({"editor_a", *COORDINATORS}, anonymous="hidden", others="hidden")

ROWS = [
    Row("API community list", "get", "/api/v1/leerkringen", everyone("ok"), api=True),
    Row("API community", "get", f"/api/v1/leerkringen/{CIRCLE}", everyone("ok"), api=True),
    Row(
        "API community meetings",
        "get",
        f"/api/v1/leerkringen/{CIRCLE}/bijeenkomsten",
        everyone("ok"),
        api=True,
    ),
    Row("API meeting list", "get", "/api/v1/bijeenkomsten", everyone("ok"), api=True),
    Row("API meeting", "get", _series_meeting, everyone("ok"), api=True),
    Row("API case list", "get", _case_list, MEMBERS_AND_MANAGERS, api=True),
    Row("API case", "get", _case_detail, MEMBERS_AND_MANAGERS, api=True),
    Row(
        "API registrant list",
        "get",
        _registrants,
        only({"editor_b", *COORDINATORS}, anonymous="deny"),
        api=True,
    ),
    Row(
        "API register for a meeting",
        "post",
        _open_meeting,
        everyone("ok"),
        {
            "name": "Karin de Vries",
            "email": "karin@example.org",
            "organisationName": "Gemeente Zwolle",
            "consent": True,
        },
        api=True,
    ),
    Row(
        "API own registrations",
        "get",
        "/api/v1/aanmeldingen",
        only(set(ROLES) - {"anonymous"}, anonymous="deny"),
        api=True,
    ),
    Row("API own registration", "get", _readers_registration, ONLY_THE_READER, api=True),
    Row(
        "API cancel own registration",
        "patch",
        _readers_registration,
        ONLY_THE_READER,
        {"status": "cancelled"},
        api=True,
    ),
    Row("API delete own registration", "delete", _readers_registration, ONLY_THE_READER, api=True),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
