"""Permissions matrix for the pages of learning circles, their meetings, cases and registrations.

Everyone reads circles and meetings and may register for a meeting; logged-in users apply to
join. Cases and the attendance of a circle are confidential: only its members and its managers
(the circle's own coordinator and platform coordinators) see them. Registrant lists, the
participants page and all changes are the managers' alone.

Editor A is made an accepted member of the demo circle "Langer zelfstandig thuis" (not a
manager); the reader of Gouda and editor B are outsiders. Its demo case is scheduled in the
second meeting. One row gives editor B a circle of their own to coordinate.

A refused form post can answer 200 (the form again) rather than 403: ``WRITES`` asserts for
the form posts whether anything was saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest
from django.db.models import Model
from django.test import Client

from dwarsverband.communities import services
from dwarsverband.communities.constants import CaseStatus, MeetingStatus, MembershipStatus
from dwarsverband.communities.demo import CIRCLE_SLUG, COP_SLUG
from dwarsverband.communities.models import (
    AgendaItem,
    Case,
    Community,
    Meeting,
    Membership,
    Registration,
)
from dwarsverband.organisations.models import Organisation, User
from tests.communities.factories import CommunityFactory, MeetingFactory
from tests.factories import UserFactory
from tests.permissions.matrix import COORDINATORS, ROLES, Row, check, everyone, only, role_params

Users = dict[str, User | None]
CIRCLE = f"/leerkringen/{CIRCLE_SLUG}"
CASE_TITLE = "Seniorenwoningen die niemand wil"
LOGGED_IN = set(ROLES) - {"anonymous"}
# Members (editor A) and managers see the confidential pages.
MEMBERS_AND_MANAGERS = {"editor_a", *COORDINATORS}


class PkOf:
    """A primary key looked up when the request is sent: keys differ between databases."""

    def __init__(self, find: Callable[[], Model]) -> None:
        self.find = find

    def __str__(self) -> str:
        return str(self.find().pk)


def _join(users: Users) -> None:
    """Editor A becomes an accepted member of the demo circle."""
    Membership.objects.get_or_create(
        community=Community.objects.get(slug=CIRCLE_SLUG),
        user=users["editor_a"],
        defaults={
            "organisation": Organisation.objects.get(code="GM0513"),
            "status": MembershipStatus.ACCEPTED,
        },
    )


def _meeting(number: int) -> Meeting:
    return Meeting.objects.get(
        community__slug=CIRCLE_SLUG, title__startswith=f"Bijeenkomst {number}:"
    )


def _information_meeting() -> Meeting:
    return Meeting.objects.get(community__slug=COP_SLUG)


def _case() -> Case:
    return Case.objects.get(community__slug=CIRCLE_SLUG, title=CASE_TITLE)


def _agenda_item() -> AgendaItem:
    return _meeting(1).agenda_items.order_by("position")[0]


def circle(users: Users) -> str:
    _join(users)
    return CIRCLE


def demo_case(users: Users) -> str:
    _join(users)
    return f"{CIRCLE}/casussen/{_case().pk}"


def meeting(number: int) -> Callable[[Users], str]:
    def path(users: Users) -> str:
        _join(users)
        return f"/bijeenkomsten/{_meeting(number).pk}"

    return path


def agenda_item(users: Users) -> str:
    _join(users)
    return f"/agendapunten/{_agenda_item().pk}"


def _register(meeting: Meeting, email: str = "karin@example.org") -> Registration:
    return services.registration_create(
        meeting=meeting,
        name="Karin de Vries",
        email=email,
        organisation_name="Gemeente Zwolle",
        consent=True,
    )


def information_meeting_with_registrant(users: Users) -> str:
    meeting = _information_meeting()
    _register(meeting)
    return f"/bijeenkomsten/{meeting.pk}"


def meeting_coordinated_by_editor_b(users: Users) -> str:
    meeting = cast(
        Meeting, MeetingFactory(community=CommunityFactory(coordinator=users["editor_b"]))
    )
    _register(meeting)
    return f"/bijeenkomsten/{meeting.pk}"


def personal_link(users: Users) -> str:
    registration = _register(_information_meeting())
    return f"/aanmelding/{services.registration_token(registration)}"


def application_to_decide(users: Users) -> str:
    _join(users)
    membership = services.membership_apply(
        user=UserFactory(),
        community=_meeting(1).community,
        organisation=Organisation.objects.get(code="GM0344"),
        motivation="Aanvraag om over te beslissen.",
    )
    return f"{CIRCLE}/deelnemers/{membership.pk}/besluit"


ROWS = [
    Row("community list", "get", "/leerkringen", everyone("ok")),
    Row("circle page", "get", circle, everyone("ok")),
    Row("circle calendar feed", "get", f"{CIRCLE}/agenda.ics", everyone("ok")),
    Row("start a circle (form)", "get", "/leerkringen/nieuw", only(COORDINATORS)),
    Row("edit circle (form)", "get", lambda users: circle(users) + "/bewerken", only(COORDINATORS)),
    Row(
        "apply to join (save)",
        "post",
        f"/leerkringen/{COP_SLUG}/deelnemen",
        only(LOGGED_IN),
        {
            "organisation": PkOf(lambda: Organisation.objects.get(code="GM0513")),
            "motivation": "Ik wil meedoen.",
        },
    ),
    Row(
        "participants and applications",
        "get",
        lambda users: circle(users) + "/deelnemers",
        only(COORDINATORS),
    ),
    Row(
        "decide on an application",
        "post",
        application_to_decide,
        only(COORDINATORS),
        {"decision": "accept"},
    ),
    Row(
        "add meeting (form)",
        "get",
        lambda users: circle(users) + "/bijeenkomst-toevoegen",
        only(COORDINATORS),
    ),
    Row("case list", "get", lambda users: circle(users) + "/casussen", only(MEMBERS_AND_MANAGERS)),
    Row("demo case", "get", demo_case, only(MEMBERS_AND_MANAGERS)),
    Row(
        "schedule demo case",
        "post",
        demo_case,
        # Editor A reads the case as a member, but only managers plan it in.
        only(COORDINATORS),
        {"meeting": PkOf(lambda: _meeting(3))},
    ),
    Row(
        "mark demo case discussed",
        "post",
        lambda users: demo_case(users) + "/besproken",
        only(COORDINATORS),
    ),
    Row(
        "submit a case (save)",
        "post",
        lambda users: circle(users) + "/casussen/nieuw",
        only(MEMBERS_AND_MANAGERS),
        {"title": "Nieuwe casus", "question": "Hoe nu verder?", "context": "Vertrouwelijk."},
    ),
    Row("meeting page", "get", meeting(2), everyone("ok")),
    Row(
        "meeting calendar file",
        "get",
        lambda users: meeting(2)(users) + "/agenda.ics",
        everyone("ok"),
    ),
    Row(
        "edit meeting (form)",
        "get",
        lambda users: meeting(2)(users) + "/bewerken",
        only(COORDINATORS),
    ),
    Row(
        "cancel meeting", "post", lambda users: meeting(5)(users) + "/annuleren", only(COORDINATORS)
    ),
    Row(
        "register for the information meeting",
        "post",
        lambda users: f"/bijeenkomsten/{_information_meeting().pk}/aanmelden",
        everyone("ok"),
        {
            "name": "Jan Jansen",
            "email": "jan.jansen@example.org",
            "organisation_name": "Gemeente Zwolle",
            "consent": "on",
        },
    ),
    Row("registration through its personal link", "get", personal_link, everyone("ok")),
    Row(
        "registrant list",
        "get",
        lambda users: information_meeting_with_registrant(users) + "/aanmeldingen",
        only(COORDINATORS),
    ),
    Row(
        "registrant list CSV",
        "get",
        lambda users: information_meeting_with_registrant(users) + "/aanmeldingen.csv",
        only(COORDINATORS),
    ),
    Row(
        "registrant list of a circle coordinated by editor B",
        "get",
        lambda users: meeting_coordinated_by_editor_b(users) + "/aanmeldingen",
        only({"editor_b", *COORDINATORS}),
    ),
    Row(
        "attendance list",
        "get",
        lambda users: meeting(1)(users) + "/presentielijst",
        only(COORDINATORS),
    ),
    Row(
        "add agenda item (form)",
        "get",
        lambda users: meeting(1)(users) + "/agendapunt-toevoegen",
        only(COORDINATORS),
    ),
    Row(
        "edit agenda item (form)",
        "get",
        lambda users: agenda_item(users) + "/bewerken",
        only(COORDINATORS),
    ),
    Row(
        "delete agenda item",
        "post",
        lambda users: agenda_item(users) + "/verwijderen",
        only(COORDINATORS),
    ),
    Row(
        "move agenda item",
        "post",
        lambda users: agenda_item(users) + "/verplaatsen",
        only(COORDINATORS),
        {"richting": "omlaag"},
    ),
]

WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "apply to join (save)": (
        lambda: Membership.objects.filter(
            community__slug=COP_SLUG, motivation="Ik wil meedoen."
        ).exists(),
        LOGGED_IN,
    ),
    "decide on an application": (
        lambda: (
            Membership.objects.get(motivation="Aanvraag om over te beslissen.").status
            == MembershipStatus.ACCEPTED
        ),
        COORDINATORS,
    ),
    "schedule demo case": (lambda: _case().meeting == _meeting(3), COORDINATORS),
    "mark demo case discussed": (lambda: _case().status == CaseStatus.DISCUSSED, COORDINATORS),
    "submit a case (save)": (
        lambda: Case.objects.filter(title="Nieuwe casus").exists(),
        MEMBERS_AND_MANAGERS,
    ),
    "cancel meeting": (lambda: _meeting(5).status == MeetingStatus.CANCELLED, COORDINATORS),
    "register for the information meeting": (
        lambda: Registration.objects.filter(email="jan.jansen@example.org").exists(),
        set(ROLES),
    ),
    "delete agenda item": (
        lambda: _meeting(1).agenda_items.count() == 3,
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


# Public pages with a confidential part: (page, its path, a text of that part, who sees it).
CONFIDENTIAL_PARTS: list[tuple[str, Callable[[Users], str], str, set[str]]] = [
    # The attendance table names the members.
    ("circle page", circle, "Beleidsmedewerker wonen en zorg", MEMBERS_AND_MANAGERS),
    ("meeting with the case on its agenda", meeting(2), CASE_TITLE, MEMBERS_AND_MANAGERS),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "path", "text", "allowed"),
    CONFIDENTIAL_PARTS,
    ids=[part[0] for part in CONFIDENTIAL_PARTS],
)
@pytest.mark.parametrize("role", ROLES)
def test_confidential_part(
    page: str,
    path: Callable[[Users], str],
    text: str,
    allowed: set[str],
    role: str,
    users: Users,
) -> None:
    client = Client()
    user = users[role]
    if user is not None:
        client.force_login(user)
    response = client.get(path(users))
    assert response.status_code == 200
    shown = text in response.content.decode()
    assert shown == (role in allowed), f"{page} as {role}: {text!r} shown {shown}"
