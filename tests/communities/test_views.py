from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from dwarsverband.communities import services
from dwarsverband.communities.constants import MeetingKind, Pillar, RegistrationStatus
from dwarsverband.communities.models import Community, Meeting, Registration
from dwarsverband.organisations.constants import PlatformRole
from tests.communities.factories import (
    CityFactory,
    CommunityFactory,
    MeetingFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Karin de Vries",
    "email": "karin@example.org",
    "organisation_name": "Gemeente Zwolle",
    "function": "beleidsadviseur",
    "consent": "on",
}


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_visitor_registers_and_lands_on_own_registration_page(client: Client) -> None:
    meeting = MeetingFactory(capacity=1)
    response = client.post(reverse("communities:registration-create", args=[meeting.pk]), FORM)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Karin de Vries" in page.content.decode()
    assert "U bent aangemeld" in page.content.decode()
    registration = Registration.objects.get(meeting=meeting)
    assert registration.status == RegistrationStatus.CONFIRMED


def test_full_meeting_puts_visitor_on_waiting_list(client: Client) -> None:
    meeting = MeetingFactory(capacity=1)
    client.post(reverse("communities:registration-create", args=[meeting.pk]), FORM)
    response = client.post(
        reverse("communities:registration-create", args=[meeting.pk]),
        {**FORM, "email": "tweede@example.org"},
        follow=True,
    )
    assert "wachtlijst" in response.content.decode()
    assert meeting.registrations.filter(status=RegistrationStatus.WAITING).count() == 1


def test_duplicate_registration_shows_dutch_message_and_changes_nothing(client: Client) -> None:
    meeting = MeetingFactory()
    url = reverse("communities:registration-create", args=[meeting.pk])
    client.post(url, FORM)
    response = client.post(url, {**FORM, "email": "KARIN@example.org"})
    assert response.status_code == 400
    assert "al iemand aangemeld" in response.content.decode()
    assert meeting.registrations.count() == 1


def test_closed_registration_is_refused(client: Client) -> None:
    meeting = MeetingFactory(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = client.post(reverse("communities:registration-create", args=[meeting.pk]), FORM)
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
    assert not meeting.registrations.exists()


def test_missing_fields_and_consent_give_field_errors(client: Client) -> None:
    meeting = MeetingFactory()
    response = client.post(
        reverse("communities:registration-create", args=[meeting.pk]),
        {"name": "", "email": "geen-adres", "organisation_name": "X"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ga akkoord met de privacyverklaring" in body
    assert "Het formulier is niet opgeslagen" in body
    assert not meeting.registrations.exists()


@pytest.mark.parametrize("token", ["onzin", "eyJyIjoxfQ:1abc:vervalst"])
def test_forged_cancel_link_gives_clear_message(client: Client, token: str) -> None:
    response = client.get(reverse("communities:registration-manage", args=[token]))
    assert response.status_code == 400
    assert "Deze link is ongeldig" in response.content.decode()
    response = client.post(
        reverse("communities:registration-manage", args=[token]), {"action": "cancel"}
    )
    assert response.status_code == 400


def test_registrant_deletes_own_data_through_link(client: Client) -> None:
    meeting = MeetingFactory()
    registration = services.registration_create(
        meeting=meeting, name="A", email="a@example.org", organisation_name="B", consent=True
    )
    url = reverse(
        "communities:registration-manage", args=[services.registration_token(registration)]
    )
    response = client.post(url, {"action": "delete"})
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert client.get(url).status_code == 404


def test_only_coordinators_see_and_export_registrations(client: Client, make_user: Any) -> None:
    meeting = MeetingFactory()
    services.registration_create(
        meeting=meeting,
        name="=HYPERLINK(1)",
        email="a@example.org",
        organisation_name="B",
        consent=True,
    )
    list_url = reverse("communities:registration-list", args=[meeting.pk])
    export_url = reverse("communities:registration-export", args=[meeting.pk])
    assert client.get(list_url).status_code == 302  # to login
    reader = logged_in(make_user(PlatformRole.READER))
    assert reader.get(list_url).status_code == 403
    assert reader.get(export_url).status_code == 403
    coordinator = logged_in(make_user(PlatformRole.COORDINATOR))
    assert "a@example.org" in coordinator.get(list_url).content.decode()
    export = coordinator.get(export_url).content.decode("utf-8-sig")
    assert export.splitlines()[0].startswith("Naam;E-mailadres")
    assert "'=HYPERLINK(1);a@example.org" in export


def test_meeting_ics_and_community_feed_download(client: Client) -> None:
    meeting = MeetingFactory()
    response = client.get(reverse("communities:meeting-ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["URL"]) == f"http://testserver/bijeenkomsten/{meeting.pk}"
    feed = client.get(reverse("communities:community-feed", args=[meeting.community.slug]))
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 1


def test_cases_are_confidential_within_the_circle(make_user: Any) -> None:
    community = CommunityFactory()
    membership = MembershipFactory(community=community)
    case = services.case_submit(
        user=membership.user, community=community, data={"title": "Geheim", "question": "V?"}
    )
    outsider = logged_in(make_user(PlatformRole.READER))
    assert outsider.get(case.get_absolute_url()).status_code == 403
    assert outsider.get(reverse("communities:case-list", args=[community.slug])).status_code == 403
    member = logged_in(membership.user)
    assert "Geheim" in member.get(case.get_absolute_url()).content.decode()


def test_host_outside_circle_is_refused_in_form(make_user: Any) -> None:
    community = CommunityFactory()
    MembershipFactory(community=community)
    outsider = CityFactory(name="Gemeente Elders")
    client = logged_in(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        reverse("communities:meeting-create", args=[community.slug]),
        {
            "kind": MeetingKind.SERIES,
            "title": "Eerste",
            "starts_at": "2030-03-04T13:00",
            "ends_at": "2030-03-04T17:00",
            "host": outsider.pk,
        },
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not community.meetings.exists()


def test_agenda_item_longer_than_meeting_is_refused_in_form(make_user: Any) -> None:
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    client = logged_in(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        reverse("communities:agenda-item-add", args=[meeting.pk]),
        {"pillar": Pillar.DEEPENING, "title": "Lange lezing", "duration_minutes": 240},
    )
    assert "langer dan de bijeenkomst" in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_attendance_list_records_who_came(make_user: Any) -> None:
    community = CommunityFactory()
    present, absent = MembershipFactory(community=community), MembershipFactory(community=community)
    meeting = MeetingFactory(
        community=community, kind=MeetingKind.SERIES, takes_registrations=False
    )
    client = logged_in(make_user(PlatformRole.COORDINATOR))
    url = reverse("communities:attendance-list", args=[meeting.pk])
    assert client.post(url, {"present": [str(present.pk)]}).status_code == 302
    bad = client.post(url, {"present": ["x"]}, follow=True)
    assert "ongeldige keuze" in bad.content.decode()
    page = client.get(community.get_absolute_url()).content.decode()
    assert "Aanwezigheid over de reeks" in page
    assert meeting.attendances.get(membership=absent).present is False


@pytest.mark.parametrize("value", ["¹", "٣"])
def test_attendance_with_a_digit_that_is_not_ascii_is_an_invalid_choice(
    make_user: Any, value: str
) -> None:
    """str.isdigit() holds for '¹', which int() refuses: that was a server error."""
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    client = logged_in(make_user(PlatformRole.COORDINATOR))
    url = reverse("communities:attendance-list", args=[meeting.pk])
    response = client.post(url, {"present": [value]}, follow=True)
    assert response.status_code == 200
    assert "ongeldige keuze" in response.content.decode()


def test_apply_for_membership_and_coordinator_accepts(make_user: Any) -> None:
    community = CommunityFactory()
    city = CityFactory()
    professional = make_user(PlatformRole.READER, city)
    client = logged_in(professional)
    response = client.post(
        reverse("communities:membership-apply", args=[community.slug]),
        {"organisation": city.pk, "motivation": "Graag"},
    )
    assert response.status_code == 302
    membership = community.memberships.get()
    coordinator = logged_in(make_user(PlatformRole.COORDINATOR))
    coordinator.post(
        reverse("communities:membership-decide", args=[community.slug, membership.pk]),
        {"decision": "accept"},
    )
    membership.refresh_from_db()
    assert membership.status == "accepted"


@pytest.mark.usefixtures("reference")
def test_demo_holds_open_information_meeting_and_five_hosted_meetings(client: Client) -> None:
    cop = Community.objects.get(slug="slim-samenwerken-in-regionale-netwerken")
    assert {p.slug for p in cop.partners.all()} == {
        "g40-stedennetwerk",
        "platform-middelgrote-gemeenten",
        "vng-netwerk-regionaal-organiseren",
        "erasmus-universiteit-rotterdam",
    }
    info = cop.meetings.get(kind=MeetingKind.INFORMATION)
    assert services.registration_closed_reason(info) == ""
    circle = Community.objects.get(slug="langer-zelfstandig-thuis")
    series = list(circle.meetings.filter(kind=MeetingKind.SERIES))
    assert len(series) == 5
    assert len({m.host_id for m in series}) == 5
    for meeting in series:
        assert {item.pillar for item in meeting.agenda_items.all()} == set(Pillar)
    for url in (
        reverse("communities:community-list"),
        cop.get_absolute_url(),
        circle.get_absolute_url(),
        info.get_absolute_url(),
        series[0].get_absolute_url(),
    ):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/leerkringen/bestaat-niet", "/bijeenkomsten/999999", "/bijeenkomsten/999999/agenda.ics"],
)
def test_unknown_pages_are_404(client: Client, url: str) -> None:
    assert client.get(url).status_code == 404


def test_meeting_page_counts_free_seats(client: Client) -> None:
    meeting: Meeting = MeetingFactory(capacity=3)
    services.registration_create(
        meeting=meeting, name="A", email="a@example.org", organisation_name="B", consent=True
    )
    assert "Er zijn nog 2 plaatsen vrij." in client.get(meeting.get_absolute_url()).content.decode()


def _series_with_agenda(coordinator: Any) -> tuple[Meeting, list[Any]]:
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    items = [
        services.agenda_item_add(
            user=coordinator,
            meeting=meeting,
            data={"pillar": pillar, "title": title, "duration_minutes": 30},
        )
        for pillar, title in (
            (Pillar.NEWS, "Actualiteiten"),
            (Pillar.INTERVISION, "Intervisie"),
            (Pillar.DEEPENING, "Verdieping"),
        )
    ]
    return meeting, items


def test_coordinator_edits_reorders_and_deletes_agenda_items(make_user: Any) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    meeting, (news, intervision, deepening) = _series_with_agenda(coordinator)
    client = logged_in(coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("communities:agenda-item-update", args=[news.pk]) in page

    response = client.post(
        reverse("communities:agenda-item-update", args=[news.pk]),
        {"pillar": Pillar.NEWS, "title": "Nieuws uit de steden", "duration_minutes": 20},
    )
    assert response.status_code == 302
    news.refresh_from_db()
    assert (news.title, news.duration_minutes) == ("Nieuws uit de steden", 20)

    client.post(
        reverse("communities:agenda-item-move", args=[deepening.pk]), {"richting": "omhoog"}
    )
    order = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert order == ["Nieuws uit de steden", "Verdieping", "Intervisie"]

    confirm = client.get(reverse("communities:agenda-item-delete", args=[intervision.pk]))
    assert "Intervisie" in confirm.content.decode()
    assert meeting.agenda_items.count() == 3  # asking is not deleting
    client.post(reverse("communities:agenda-item-delete", args=[intervision.pk]))
    assert list(meeting.agenda_items.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
    ]


def test_agenda_edit_that_overruns_the_meeting_is_refused(make_user: Any) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    _meeting, (news, *_rest) = _series_with_agenda(coordinator)  # three hours, 90 min planned
    response = logged_in(coordinator).post(
        reverse("communities:agenda-item-update", args=[news.pk]),
        {"pillar": Pillar.NEWS, "title": "Actualiteiten", "duration_minutes": 200},
    )
    assert response.status_code == 400
    assert "langer dan de bijeenkomst" in response.content.decode()
    news.refresh_from_db()
    assert news.duration_minutes == 30


def test_only_the_coordinator_changes_the_agenda(make_user: Any) -> None:
    meeting, (news, *_rest) = _series_with_agenda(make_user(PlatformRole.COORDINATOR))
    member = MembershipFactory(community=meeting.community)
    client = logged_in(member.user)
    assert "agendapunten/" not in client.get(meeting.get_absolute_url()).content.decode()
    for name in ("agenda-item-update", "agenda-item-delete", "agenda-item-move"):
        assert client.post(reverse(f"communities:{name}", args=[news.pk])).status_code == 403
    assert (
        Client().get(reverse("communities:agenda-item-update", args=[news.pk])).status_code == 302
    )
    assert meeting.agenda_items.count() == 3


def test_deleting_the_slot_of_a_scheduled_case_returns_it_to_submitted(make_user: Any) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    member = MembershipFactory(community=meeting.community)
    case = services.case_submit(
        user=member.user, community=meeting.community, data={"title": "Wachtlijst", "question": "?"}
    )
    services.case_schedule(user=coordinator, case=case, meeting=meeting)
    slot = meeting.agenda_items.get(case=case)
    logged_in(coordinator).post(reverse("communities:agenda-item-delete", args=[slot.pk]))
    case.refresh_from_db()
    assert (case.status, case.meeting) == ("submitted", None)


def test_case_is_marked_discussed_only_after_its_meeting(make_user: Any) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    meeting = MeetingFactory(kind=MeetingKind.SERIES, takes_registrations=False)
    member = MembershipFactory(community=meeting.community)
    case = services.case_submit(
        user=member.user, community=meeting.community, data={"title": "Schulden", "question": "?"}
    )
    services.case_schedule(user=coordinator, case=case, meeting=meeting)
    client = logged_in(coordinator)
    url = reverse("communities:case-discussed", args=[meeting.community.slug, case.pk])
    assert url in client.get(case.get_absolute_url()).content.decode()

    response = client.post(url, follow=True)
    assert "is nog niet geweest" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "scheduled"

    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(days=1) + datetime.timedelta(hours=3),
    )
    assert logged_in(member.user).post(url).status_code == 403
    client.post(url)
    case.refresh_from_db()
    assert case.status == "discussed"
