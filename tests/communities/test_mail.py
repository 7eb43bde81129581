from __future__ import annotations

import datetime
import logging
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from dwarsverband.communities import services
from dwarsverband.communities.constants import MeetingKind, MembershipStatus, RegistrationStatus
from dwarsverband.communities.models import Registration
from tests.communities.factories import MeetingFactory, MembershipFactory
from tests.communities.smtp import Inbox, ics_attachment, text_part

pytestmark = pytest.mark.django_db(transaction=True)


def register(meeting_id: int, n: int) -> Registration:
    meeting = MeetingFactory._meta.model.objects.get(pk=meeting_id)
    return services.registration_create(
        meeting=meeting,
        name=f"Anna Jansen {n}",
        email=f"anna{n}@example.org",
        organisation_name="Gemeente Deventer",
        function="beleidsadviseur",
        consent=True,
        base_url="http://testserver",
    )


def test_confirmation_mail_has_text_html_ics_and_cancel_link(
    smtp_inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    meeting = MeetingFactory(title="Informatiebijeenkomst slim samenwerken", capacity=1)
    with caplog.at_level(logging.DEBUG):
        registration = register(meeting.pk, 1)
    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == "anna1@example.org"
    assert message["Subject"] == "Aanmelding ontvangen: Informatiebijeenkomst slim samenwerken"
    text = text_part(message)
    assert "Beste Anna Jansen 1" in text
    assert "U bent aangemeld voor" in text
    assert "Stadhuisplein 1, Utrecht" in text
    html = text_part(message, "html")
    assert '<a href="http://testserver/aanmelding/' in html
    link = re.search(r"http://testserver/aanmelding/\S+", text)
    assert link is not None
    token = link.group(0).rsplit("/", 1)[1]
    assert services.registration_from_token(token) == registration
    ics = ics_attachment(message)
    assert ics is not None
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.ical_uid
    assert event.decoded("DTSTART") == meeting.starts_at
    # Personal data never reaches the platform's log (mail.log is the test SMTP server's).
    logged = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("mail.")
    )
    assert "dwarsverband.communities" in {
        record.name.rsplit(".", 1)[0] for record in caplog.records
    }
    assert "anna1@example.org" not in logged
    assert "Anna Jansen" not in logged


def test_waiting_list_mail_then_promotion_mail(smtp_inbox: Inbox) -> None:
    meeting = MeetingFactory(capacity=1)
    first = register(meeting.pk, 1)
    register(meeting.pk, 2)
    messages = smtp_inbox.wait_for(2)
    waiting = next(m for m in messages if m["To"] == "anna2@example.org")
    assert "wachtlijst" in text_part(waiting)
    services.registration_cancel(registration=first, base_url="http://testserver")
    messages = smtp_inbox.wait_for(4)
    subjects = {(m["To"], m["Subject"].split(":")[0]) for m in messages[2:]}
    assert subjects == {
        ("anna1@example.org", "Afmelding bevestigd"),
        ("anna2@example.org", "U hebt een plaats"),
    }
    cancelled = next(m for m in messages[2:] if m["To"] == "anna1@example.org")
    assert ics_attachment(cancelled) is None


def test_cancel_through_the_link_in_the_mail(smtp_inbox: Inbox) -> None:
    meeting = MeetingFactory(capacity=5)
    registration = register(meeting.pk, 1)
    [message] = smtp_inbox.wait_for(1)
    link = re.search(r"http://testserver(/aanmelding/\S+)", text_part(message))
    assert link is not None
    client = Client()
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert "Anna Jansen 1" in page.content.decode()
    response = client.post(link.group(1), {"action": "cancel"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_reminder_goes_out_two_days_before_once(smtp_inbox: Inbox) -> None:
    soon = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=1, hours=12))
    later = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=5))
    register(soon.pk, 1)
    register(later.pk, 2)
    smtp_inbox.wait_for(2)
    call_command("send_meeting_reminders", base_url="http://testserver")
    call_command("send_meeting_reminders", base_url="http://testserver")
    messages = smtp_inbox.wait_for(3)
    reminders = [m for m in messages if m["Subject"].startswith("Herinnering")]
    assert [m["To"] for m in reminders] == ["anna1@example.org"]
    assert "Over twee dagen" in text_part(reminders[0])
    assert ics_attachment(reminders[0]) is not None


def test_members_get_a_reminder_of_a_series_meeting_once(smtp_inbox: Inbox) -> None:
    member = MembershipFactory(user__email="lid@example.org")
    MembershipFactory(community=member.community, status=MembershipStatus.APPLIED)
    meeting = MeetingFactory(
        community=member.community,
        kind=MeetingKind.SERIES,
        takes_registrations=False,
        capacity=None,
        title="Derde bijeenkomst",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    services.agenda_item_add(
        user=_coordinator(),
        meeting=meeting,
        data={"pillar": "news", "title": "Actualiteiten uit de steden", "duration_minutes": 30},
    )
    assert services.member_reminders_send(base_url="http://testserver") == 1
    assert services.member_reminders_send(base_url="http://testserver") == 0
    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == "lid@example.org"
    assert message["Subject"] == "Herinnering: Derde bijeenkomst over twee dagen"
    text = text_part(message)
    assert "Actualiteiten uit de steden" in text
    assert f"http://testserver/bijeenkomsten/{meeting.pk}" in text
    assert ics_attachment(message) is not None


def _coordinator() -> object:
    from dwarsverband.organisations.constants import PlatformRole
    from tests.factories import UserFactory

    return UserFactory(platform_role=PlatformRole.COORDINATOR)
