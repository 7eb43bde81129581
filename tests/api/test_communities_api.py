"""API v1 for learning circles, meetings, cases and registrations."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from dwarsverband.communities import services
from dwarsverband.communities.constants import (
    CommunityKind,
    CommunityStatus,
    MeetingKind,
    MembershipStatus,
    Pillar,
    RegistrationStatus,
)
from dwarsverband.communities.models import Case, Community, Meeting, Membership, Registration
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from dwarsverband.programmes.models import Theme
from tests.communities.factories import CommunityFactory, MeetingFactory, MembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
CIRCLE = "langer-zelfstandig-thuis"
COP = "slim-samenwerken-in-regionale-netwerken"
REGISTRATION = {
    "name": "Karin de Vries",
    "email": "karin@example.org",
    "organisationName": "Gemeente Zwolle",
    "function": "beleidsadviseur",
    "consent": True,
}


def _headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _register(meeting: Meeting, email: str, **extra: Any) -> Registration:
    return services.registration_create(
        meeting=meeting,
        name="Deelnemer",
        email=email,
        organisation_name="Gemeente Zwolle",
        consent=True,
        **extra,
    )


def _post_registration(client: Client, meeting: Meeting, **changes: Any) -> Any:
    return client.post(
        f"/api/v1/bijeenkomsten/{meeting.pk}/aanmeldingen",
        {**REGISTRATION, **changes},
        content_type="application/json",
    )


def _accepted_members(slug: str) -> int:
    return Membership.objects.filter(community__slug=slug, status=MembershipStatus.ACCEPTED).count()


def _case(community: Community, meeting: Meeting | None = None) -> Case:
    case = Case.objects.create(
        community=community, title="Vertrouwelijke casus", question="Hoe verder?"
    )
    if meeting is not None:
        meeting.agenda_items.create(
            pillar=Pillar.INTERVISION, title="Intervisie", duration_minutes=45, case=case
        )
    return case


# Communities ---------------------------------------------------------------------------------


def test_community_list_is_paginated_and_shows_organiser_and_members(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/leerkringen", {"pageSize": 1})

    body = response.json()
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert body["count"] >= 2
    assert len(body["results"]) == 1
    assert "page=2" in body["_links"]["next"]["href"]
    circle = client.get("/api/v1/leerkringen", {"naam": "zelfstandig"}).json()["results"][0]
    assert circle["slug"] == CIRCLE
    assert circle["organiser"]["slug"] == "platform31"
    assert circle["memberCount"] == _accepted_members(CIRCLE)
    assert circle["meetings"].endswith(f"/api/v1/leerkringen/{CIRCLE}/bijeenkomsten")
    assert circle["calendarFeed"].endswith(f"/leerkringen/{CIRCLE}/agenda.ics")


def test_community_list_filters_by_kind_status_and_theme(client: Client, reference: None) -> None:
    theme = Theme.objects.get(name="Wonen en zorg")

    by_kind = client.get("/api/v1/leerkringen", {"soort": CommunityKind.COMMUNITY_OF_PRACTICE})
    by_status = client.get("/api/v1/leerkringen", {"status": CommunityStatus.RUNNING})
    by_theme = client.get("/api/v1/leerkringen", {"thema": theme.slug})

    assert COP in {item["slug"] for item in by_kind.json()["results"]}
    assert CIRCLE not in {item["slug"] for item in by_kind.json()["results"]}
    assert [item["slug"] for item in by_status.json()["results"]] == [CIRCLE]
    assert [item["slug"] for item in by_theme.json()["results"]] == [CIRCLE]


def test_invalid_community_filters_are_one_problem_listing_each(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/leerkringen", {"soort": "club", "thema": "<x>", "page": "0"})

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {param["name"] for param in response.json()["invalidParams"]} >= {"soort", "thema"}


def test_community_detail_lists_partners_and_member_organisations(
    client: Client, reference: None
) -> None:
    body = client.get(f"/api/v1/leerkringen/{CIRCLE}").json()

    assert body["title"] == "Langer zelfstandig thuis"
    assert [partner["slug"] for partner in body["partners"]] == ["g40-stedennetwerk"]
    assert len(body["members"]) == _accepted_members(CIRCLE)
    assert body["createdAt"].endswith("Z")


def test_unknown_community_is_a_404_problem(client: Client, reference: None) -> None:
    for path in (
        "/api/v1/leerkringen/bestaat-niet",
        "/api/v1/leerkringen/bestaat-niet/bijeenkomsten",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM


def test_community_list_queries_do_not_grow_with_the_page(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    for _n in range(8):
        community = CommunityFactory()
        community.themes.set(Theme.objects.all()[:3])

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/leerkringen", {"pageSize": 20})

    assert len(response.json()["results"]) >= 10


# Meetings ------------------------------------------------------------------------------------


def test_meetings_have_start_end_host_status_and_ics_in_utc(
    client: Client, reference: None
) -> None:
    body = client.get(f"/api/v1/leerkringen/{CIRCLE}/bijeenkomsten").json()

    assert body["count"] == Meeting.objects.filter(community__slug=CIRCLE).count()
    first = body["results"][0]
    meeting = Meeting.objects.get(pk=first["id"])
    assert first["startsAt"] == meeting.starts_at.astimezone(datetime.UTC).isoformat().replace(
        "+00:00", "Z"
    )
    assert first["endsAt"].endswith("Z")
    assert first["host"]["name"] == meeting.host.name  # type: ignore[union-attr]
    assert first["status"] == "planned"
    assert first["ics"].endswith(f"/bijeenkomsten/{meeting.pk}/agenda.ics")
    assert client.get(first["ics"]).status_code == 200
    assert [m["startsAt"] for m in body["results"]] == sorted(
        m["startsAt"] for m in body["results"]
    )


def test_meetings_filter_by_community_period_and_registrations(
    client: Client, reference: None
) -> None:
    now = timezone.now()
    soon = MeetingFactory(starts_at=now + datetime.timedelta(days=3), takes_registrations=True)
    MeetingFactory(
        community=soon.community,
        kind=MeetingKind.SERIES,
        starts_at=now + datetime.timedelta(days=60),
        takes_registrations=False,
    )
    slug = soon.community.slug

    in_period = client.get(
        "/api/v1/bijeenkomsten",
        {
            "leerkring": slug,
            "vanaf": now.isoformat(),
            "tot": (now + datetime.timedelta(days=10)).isoformat(),
        },
    ).json()
    open_ones = client.get("/api/v1/bijeenkomsten", {"leerkring": slug, "aanmelden": "true"})
    closed_ones = client.get(f"/api/v1/leerkringen/{slug}/bijeenkomsten", {"aanmelden": "false"})

    assert [m["id"] for m in in_period["results"]] == [soon.pk]
    assert [m["id"] for m in open_ones.json()["results"]] == [soon.pk]
    assert [m["kind"] for m in closed_ones.json()["results"]] == [MeetingKind.SERIES]


def test_invalid_meeting_filters_are_a_problem(client: Client, reference: None) -> None:
    response = client.get(
        "/api/v1/bijeenkomsten", {"vanaf": "gisteren", "soort": "feest", "aanmelden": "misschien"}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert names == {"vanaf", "soort", "aanmelden"}


def test_meeting_shows_seats_left_and_whether_registration_is_open(
    client: Client, reference: None
) -> None:
    meeting = MeetingFactory(capacity=2)
    _register(meeting, "een@example.org")
    closed = MeetingFactory(registration_deadline=timezone.now() - datetime.timedelta(hours=1))

    body = client.get(f"/api/v1/bijeenkomsten/{meeting.pk}").json()
    closed_body = client.get(f"/api/v1/bijeenkomsten/{closed.pk}").json()

    assert body["seatsLeft"] == 1
    assert body["registrationOpen"] is True
    assert closed_body["registrationOpen"] is False


def test_meeting_agenda_shows_the_case_only_to_members(client: Client, reference: None) -> None:
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    _case(meeting.community, meeting)
    member = MembershipFactory(community=meeting.community).user
    outsider = UserFactory()
    path = f"/api/v1/bijeenkomsten/{meeting.pk}"

    as_anonymous = client.get(path).json()["agenda"]
    as_outsider = client.get(path, headers=_headers(outsider)).json()["agenda"]
    as_member = client.get(path, headers=_headers(member)).json()["agenda"]

    assert as_anonymous[0]["pillar"] == "intervision"
    assert as_anonymous[0]["case"] is None
    assert as_outsider[0]["case"] is None
    assert as_member[0]["case"]["title"] == "Vertrouwelijke casus"


def test_unknown_meeting_is_a_404_problem(client: Client, reference: None) -> None:
    for path in ("/api/v1/bijeenkomsten/999999", "/api/v1/bijeenkomsten/99999999999999999999"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM


def test_meeting_list_queries_do_not_grow_with_the_page(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    for _n in range(15):
        _register(MeetingFactory(), "iemand@example.org")

    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/bijeenkomsten", {"pageSize": 20})

    assert len(response.json()["results"]) == 20


# Cases ---------------------------------------------------------------------------------------


def test_cases_are_hidden_from_outsiders(client: Client, reference: None) -> None:
    community = CommunityFactory()
    case = _case(community)
    outsider = UserFactory(platform_role=PlatformRole.EDITOR)
    paths = [
        f"/api/v1/leerkringen/{community.slug}/casussen",
        f"/api/v1/leerkringen/{community.slug}/casussen/{case.pk}",
    ]

    for path in paths:
        for headers in ({}, _headers(outsider)):
            response = client.get(path, headers=headers)
            assert response.status_code == 404, path
            assert response["Content-Type"] == PROBLEM
            assert "Vertrouwelijke" not in response.content.decode()


def test_members_and_the_community_coordinator_read_cases(client: Client, reference: None) -> None:
    coordinator = UserFactory()
    community = CommunityFactory(coordinator=coordinator)
    meeting = MeetingFactory(community=community, kind=MeetingKind.SERIES)
    case = _case(community)
    case.meeting = meeting
    case.save()
    member = MembershipFactory(community=community).user

    for user in (member, coordinator):
        body = client.get(
            f"/api/v1/leerkringen/{community.slug}/casussen", headers=_headers(user)
        ).json()
        assert [item["title"] for item in body["results"]] == ["Vertrouwelijke casus"]
        assert body["results"][0]["meeting"]["id"] == meeting.pk


def test_a_case_of_another_community_is_not_found_under_this_one(
    client: Client, reference: None
) -> None:
    member = MembershipFactory().user
    community = member.community_memberships.get().community
    other_case = _case(CommunityFactory())

    response = client.get(
        f"/api/v1/leerkringen/{community.slug}/casussen/{other_case.pk}", headers=_headers(member)
    )

    assert response.status_code == 404


# Registrations -------------------------------------------------------------------------------


def test_anyone_registers_without_an_account(client: Client, reference: None) -> None:
    meeting = MeetingFactory(capacity=5)

    response = _post_registration(client, meeting)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == RegistrationStatus.CONFIRMED
    assert body["meeting"]["id"] == meeting.pk
    assert body["organisationName"] == "Gemeente Zwolle"
    assert "/aanmelding/" in body["manageUrl"]
    assert client.get(body["manageUrl"]).status_code == 200
    assert Registration.objects.get(meeting=meeting).email == "karin@example.org"


def test_registration_beyond_capacity_goes_to_the_waiting_list(
    client: Client, reference: None
) -> None:
    meeting = MeetingFactory(capacity=1)
    _register(meeting, "eerste@example.org")

    response = _post_registration(client, meeting)

    assert response.status_code == 201
    assert response.json()["status"] == RegistrationStatus.WAITING


@pytest.mark.parametrize(
    ("meeting_data", "changes", "invalid"),
    [
        ({}, {"consent": False}, {"consent"}),
        ({}, {"email": "geen-adres", "name": ""}, {"email", "name"}),
        ({"takes_registrations": False}, {}, {"body"}),
        ({"status": "cancelled"}, {}, {"body"}),
    ],
    ids=["no-consent", "bad-fields", "no-registrations", "cancelled"],
)
def test_registration_refusals_are_problems(
    client: Client,
    reference: None,
    meeting_data: dict[str, Any],
    changes: dict[str, Any],
    invalid: set[str],
) -> None:
    meeting = MeetingFactory(**meeting_data)

    response = _post_registration(client, meeting, **changes)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {param["name"] for param in response.json()["invalidParams"]} == invalid
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_registration_after_the_deadline_is_refused(client: Client, reference: None) -> None:
    meeting = MeetingFactory(registration_deadline=timezone.now() - datetime.timedelta(minutes=1))

    response = _post_registration(client, meeting)

    assert response.status_code == 400
    assert "gesloten" in response.json()["invalidParams"][0]["reason"]


def test_second_registration_with_the_same_address_is_refused(
    client: Client, reference: None
) -> None:
    meeting = MeetingFactory()
    _register(meeting, "karin@example.org")

    response = _post_registration(client, meeting, email="Karin@Example.org")

    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["email"]


@pytest.mark.usefixtures("fixed_rate_window")
def test_registering_shares_the_rate_limit_of_the_page(client: Client, reference: None) -> None:
    meeting = MeetingFactory(capacity=None)
    for n in range(5):
        assert _post_registration(client, meeting, email=f"api{n}@example.org").status_code == 201
    for n in range(5):
        client.post(
            f"/bijeenkomsten/{meeting.pk}/aanmelden",
            {
                "name": "Via de pagina",
                "email": f"pagina{n}@example.org",
                "organisation_name": "Gemeente Zwolle",
                "consent": "on",
            },
        )

    response = _post_registration(client, meeting, email="een-te-veel@example.org")

    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert response["Retry-After"] == "60"
    assert meeting.registrations.count() == 10


def test_registration_to_unknown_meeting_is_404(client: Client, reference: None) -> None:
    response = client.post(
        "/api/v1/bijeenkomsten/999999/aanmeldingen", REGISTRATION, content_type="application/json"
    )

    assert response.status_code == 404


def test_registrant_list_only_for_the_communitys_managers(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    coordinator = UserFactory()
    meeting = MeetingFactory(community=CommunityFactory(coordinator=coordinator))
    _register(meeting, "karin@example.org")
    path = f"/api/v1/bijeenkomsten/{meeting.pk}/aanmeldingen"
    member = MembershipFactory(community=meeting.community).user

    assert client.get(path).status_code == 401
    assert client.get(path, headers=_headers(member)).status_code == 403
    for manager in (coordinator, make_user(PlatformRole.COORDINATOR)):
        response = client.get(path, headers=_headers(manager))
        assert response.status_code == 200
        assert [r["email"] for r in response.json()["results"]] == ["karin@example.org"]


def test_own_registrations_are_found_by_the_accounts_email(client: Client, reference: None) -> None:
    user = UserFactory(email="Karin@Example.org")
    mine = _register(MeetingFactory(), "karin@example.org")
    _register(MeetingFactory(), "iemand-anders@example.org")

    response = client.get("/api/v1/aanmeldingen", headers=_headers(user))

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["meeting"]["title"] == mine.meeting.title


def test_own_registrations_need_a_token(client: Client, reference: None) -> None:
    response = client.get("/api/v1/aanmeldingen")

    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_account_without_email_has_no_registrations(client: Client, reference: None) -> None:
    _register(MeetingFactory(), "x@example.org")
    user = UserFactory(email="")

    assert client.get("/api/v1/aanmeldingen", headers=_headers(user)).json()["count"] == 0


def test_someone_elses_registration_is_not_found(client: Client, reference: None) -> None:
    theirs = _register(MeetingFactory(), "iemand-anders@example.org")
    user = UserFactory(email="karin@example.org")
    path = f"/api/v1/aanmeldingen/{theirs.pk}"

    assert client.get(path, headers=_headers(user)).status_code == 404
    cancel = client.patch(
        path, {"status": "cancelled"}, content_type="application/json", headers=_headers(user)
    )
    assert cancel.status_code == 404
    assert client.delete(path, headers=_headers(user)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_cancelling_own_registration_gives_the_seat_to_the_waiting_list(
    client: Client, reference: None
) -> None:
    meeting = MeetingFactory(capacity=1)
    mine = _register(meeting, "karin@example.org")
    waiting = _register(meeting, "wachtend@example.org")
    user = UserFactory(email="karin@example.org")

    response = client.patch(
        f"/api/v1/aanmeldingen/{mine.pk}",
        {"status": "cancelled"},
        content_type="application/json",
        headers=_headers(user),
    )

    assert response.status_code == 200
    assert response.json()["status"] == RegistrationStatus.CANCELLED
    assert response.json()["cancelledAt"].endswith("Z")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_only_cancelling_is_a_valid_change(client: Client, reference: None) -> None:
    mine = _register(MeetingFactory(), "karin@example.org")
    user = UserFactory(email="karin@example.org")

    response = client.patch(
        f"/api/v1/aanmeldingen/{mine.pk}",
        {"status": "confirmed"},
        content_type="application/json",
        headers=_headers(user),
    )

    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["status"]


def test_deleting_own_registration_removes_the_data(client: Client, reference: None) -> None:
    mine = _register(MeetingFactory(), "karin@example.org")
    user = UserFactory(email="karin@example.org")

    response = client.delete(f"/api/v1/aanmeldingen/{mine.pk}", headers=_headers(user))

    assert response.status_code == 204
    assert not Registration.objects.filter(pk=mine.pk).exists()
