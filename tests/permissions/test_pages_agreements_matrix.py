"""Permissions matrix for the pages of covenants, agreements, actions and joint agendas.

Everyone reads covenants, public agreements and joint agendas. An internal agreement exists
only for the people of its parties and for coordinators: for everyone else it is "hidden", on
its own pages and in every list, export and overview. Editors change the agreements of which
their organisation is a party; the reader of Gouda sees Gouda's internal agreement but changes
nothing. Covenants are changed by their parties' editors; the demo covenant's parties are the
G40 network and Platform31, so only coordinators here. The demo joint agenda is Utrecht's (with
Portaal and Mitros): editor B keeps it.

Gouda's agreements are made by the rows themselves, with Platform31 as the other party.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import cast

import pytest
from django.test import Client

from dwarsverband.agreements.demo import COVENANT_SLUG
from dwarsverband.agreements.models import (
    Agreement,
    Covenant,
    JointAgenda,
    JointAmbition,
    ProgressNote,
)
from dwarsverband.organisations.models import Organisation, User
from tests.agreements.factories import ActionFactory, AgreementFactory
from tests.permissions.matrix import (
    COORDINATORS,
    EDITORS_OF_GOUDA,
    Part,
    Row,
    check,
    everyone,
    only,
    part_params,
    role_params,
)

Users = dict[str, User | None]
EDITORS_AND_COORDINATORS = {"editor_a", "editor_b", *COORDINATORS}
INTERNAL_TITLE = "Interne afspraak van Gouda en Platform31"
INTERNAL_ACTION = "Intern actiepunt van Gouda"
# Who sees Gouda's internal agreement: the people of its parties, and coordinators.
GOUDA_AND_COORDINATORS = {"reader", "editor_a", *COORDINATORS}
INTERNAL_READ = only(GOUDA_AND_COORDINATORS, anonymous="hidden", others="hidden")
# Who changes it: the reader sees it but may not write; editor B does not see it at all.
INTERNAL_WRITE = {**INTERNAL_READ, "anonymous": "login", "reader": "deny"}
UTRECHT_AND_COORDINATORS = {"editor_b", *COORDINATORS}


def _agreement(*, internal: bool) -> Agreement:
    agreement = cast(
        Agreement,
        AgreementFactory(
            title=INTERNAL_TITLE if internal else "Openbare afspraak van Gouda",
            owner_organisation=Organisation.objects.get(code="GM0513"),
            parties=[Organisation.objects.get(slug="platform31")],
            internal=internal,
            agreed_on=datetime.date(2025, 5, 1),
            covenant=Covenant.objects.get(slug=COVENANT_SLUG),
        ),
    )
    ActionFactory(
        agreement=agreement,
        title=INTERNAL_ACTION if internal else "Openbaar actiepunt",
        due_date=datetime.date(2025, 6, 1),
    )
    return agreement


def public_agreement(users: Users) -> str:
    return f"/afspraken/{_agreement(internal=False).pk}"


def internal_agreement(users: Users) -> str:
    return f"/afspraken/{_agreement(internal=True).pk}"


def internal_action(users: Users) -> str:
    return f"/actiepunten/{_agreement(internal=True).actions.get().pk}"


def _joint_agenda() -> JointAgenda:
    return JointAgenda.objects.get(municipality__code="GM0344")


def joint_agenda(users: Users) -> str:
    return f"/gezamenlijke-agendas/{_joint_agenda().pk}"


def _ambition() -> JointAmbition:
    return _joint_agenda().ambitions.order_by("pk")[0]


def ambition(users: Users) -> str:
    return f"{joint_agenda(users)}/ambities/{_ambition().pk}"


def performance_agreement(users: Users) -> str:
    record = _joint_agenda().performance_agreements.order_by("pk")[0]
    return f"{joint_agenda(users)}/prestatieafspraken/{record.pk}"


ROWS = [
    Row("covenant list", "get", "/convenanten", everyone("ok")),
    Row("demo covenant", "get", f"/convenanten/{COVENANT_SLUG}", everyone("ok")),
    Row("add covenant (form)", "get", "/convenanten/nieuw", only(COORDINATORS)),
    Row(
        "edit demo covenant (form)",
        "get",
        f"/convenanten/{COVENANT_SLUG}/bewerken",
        only(COORDINATORS),
    ),
    Row("agreement list", "get", "/afspraken", everyone("ok")),
    Row("public agreement of Gouda", "get", public_agreement, everyone("ok")),
    Row("internal agreement of Gouda", "get", internal_agreement, INTERNAL_READ),
    Row("add agreement (form)", "get", "/afspraken/nieuw", only(EDITORS_AND_COORDINATORS)),
    Row("import agreements (form)", "get", "/afspraken/importeren", only(EDITORS_AND_COORDINATORS)),
    Row("export agreements CSV", "get", "/afspraken/export.csv", everyone("ok")),
    Row("export agreements Excel", "get", "/afspraken/export.xlsx", everyone("ok")),
    Row(
        "edit public agreement of Gouda (form)",
        "get",
        lambda users: public_agreement(users) + "/bewerken",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "edit internal agreement of Gouda (form)",
        "get",
        lambda users: internal_agreement(users) + "/bewerken",
        INTERNAL_WRITE,
    ),
    Row(
        "add action to internal agreement (form)",
        "get",
        lambda users: internal_agreement(users) + "/actiepunten/nieuw",
        INTERNAL_WRITE,
    ),
    Row(
        "add progress note to internal agreement",
        "post",
        lambda users: internal_agreement(users) + "/notities/nieuw",
        INTERNAL_WRITE,
        {"written_on": "2025-06-02", "text": "Overleg gehouden."},
    ),
    Row(
        "edit action of internal agreement (form)",
        "get",
        lambda users: internal_action(users) + "/bewerken",
        INTERNAL_WRITE,
    ),
    Row("follow-up dashboard", "get", "/wordt-vervolgd", everyone("ok")),
    Row("joint agenda list", "get", "/gezamenlijke-agendas", everyone("ok")),
    Row("Utrecht joint agenda", "get", joint_agenda, everyone("ok")),
    Row(
        "start joint agenda (form)",
        "get",
        "/gezamenlijke-agendas/nieuw",
        only(EDITORS_AND_COORDINATORS),
    ),
    Row(
        "edit Utrecht joint agenda (form)",
        "get",
        lambda users: joint_agenda(users) + "/bewerken",
        only(UTRECHT_AND_COORDINATORS),
    ),
    Row(
        "add ambition (form)",
        "get",
        lambda users: joint_agenda(users) + "/ambities/nieuw",
        only(UTRECHT_AND_COORDINATORS),
    ),
    Row(
        "edit ambition (form)",
        "get",
        lambda users: ambition(users) + "/bewerken",
        only(UTRECHT_AND_COORDINATORS),
    ),
    Row(
        "delete ambition",
        "post",
        lambda users: ambition(users) + "/verwijderen",
        only(UTRECHT_AND_COORDINATORS),
    ),
    Row(
        "add performance agreements (form)",
        "get",
        lambda users: joint_agenda(users) + "/prestatieafspraken/nieuw",
        only(UTRECHT_AND_COORDINATORS),
    ),
    Row(
        "edit performance agreements (form)",
        "get",
        lambda users: performance_agreement(users) + "/bewerken",
        only(UTRECHT_AND_COORDINATORS),
    ),
]

WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "add progress note to internal agreement": (
        lambda: ProgressNote.objects.filter(agreement__title=INTERNAL_TITLE).exists(),
        EDITORS_OF_GOUDA,
    ),
    "delete ambition": (lambda: _joint_agenda().ambitions.count() == 1, UTRECHT_AND_COORDINATORS),
}
BUGS: dict[str, tuple[set[str], str]] = {}


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), role_params(ROWS, BUGS))
def test_page_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
    if row.name in WRITES:
        landed, allowed = WRITES[row.name]
        assert landed() == (role in allowed), f"{row.name} as {role}: write landed {landed()}"


def _with_internal(path: str) -> Callable[[Users], str]:
    def make(users: Users) -> str:
        _agreement(internal=True)
        return path

    return make


def _agenda_with_internal(users: Users) -> str:
    """An internal agreement on Utrecht's joint agenda, of Utrecht and Portaal."""
    agreement = AgreementFactory(
        title=INTERNAL_TITLE,
        owner_organisation=Organisation.objects.get(code="GM0344"),
        parties=[Organisation.objects.get(slug="portaal")],
        internal=True,
        agreed_on=datetime.date.today(),
        joint_agenda=_joint_agenda(),
    )
    ActionFactory(agreement=agreement, title=INTERNAL_ACTION)
    return joint_agenda(users)


# Lists and overviews that everyone reads, with an internal agreement in them:
# (page, path, text of the internal agreement, who sees it).
INTERNAL_PARTS: list[Part] = [
    ("agreement list", _with_internal("/afspraken"), INTERNAL_TITLE, GOUDA_AND_COORDINATORS),
    (
        "covenant page",
        _with_internal(f"/convenanten/{COVENANT_SLUG}"),
        INTERNAL_TITLE,
        GOUDA_AND_COORDINATORS,
    ),
    (
        "export CSV",
        _with_internal("/afspraken/export.csv"),
        INTERNAL_TITLE,
        GOUDA_AND_COORDINATORS,
    ),
    (
        "follow-up dashboard for Gouda",
        _with_internal("/wordt-vervolgd?organisatie=gouda"),
        INTERNAL_ACTION,
        GOUDA_AND_COORDINATORS,
    ),
    (
        "joint agenda page",
        _agenda_with_internal,
        INTERNAL_TITLE,
        UTRECHT_AND_COORDINATORS,
    ),
]
PART_BUGS: dict[str, tuple[set[str], str]] = {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "path", "text", "allowed", "role"), part_params(INTERNAL_PARTS, PART_BUGS)
)
def test_internal_part(
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
