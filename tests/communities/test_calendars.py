from __future__ import annotations

import datetime
from typing import Any

import pytest
from icalendar import Calendar

from dwarsverband.communities import services
from dwarsverband.communities.calendars import community_feed, meeting_ics
from dwarsverband.communities.constants import MeetingKind
from dwarsverband.organisations.constants import PlatformRole
from tests.communities.factories import CommunityFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def events(data: bytes) -> dict[str, Any]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_meeting_ics_parses_back() -> None:
    meeting = MeetingFactory(title="Startbijeenkomst")
    [event] = events(meeting_ics(meeting, base_url="https://dv.example")).values()
    assert str(event["UID"]) == f"bijeenkomst-{meeting.pk}@dwarsverband"
    assert str(event["URL"]) == f"https://dv.example/bijeenkomsten/{meeting.pk}"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert str(event["LOCATION"]) == "Stadhuisplein 1, Utrecht"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 0


def test_feed_keeps_uids_raises_sequence_and_marks_cancelled(make_user: Any) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    community = CommunityFactory()
    moved = MeetingFactory(community=community, kind=MeetingKind.SERIES)
    dropped = MeetingFactory(community=community, kind=MeetingKind.SERIES)
    MeetingFactory()  # another community's meeting stays out of the feed
    before = events(community_feed(community))
    assert set(before) == {moved.ical_uid, dropped.ical_uid}
    later = moved.starts_at + datetime.timedelta(hours=2)
    services.meeting_update(
        user=coordinator,
        meeting=moved,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=3)},
    )
    services.meeting_cancel(user=coordinator, meeting=dropped)
    after = events(community_feed(community))
    assert set(after) == set(before)
    assert int(after[moved.ical_uid]["SEQUENCE"]) == 1
    assert after[moved.ical_uid].decoded("DTSTART") == later
    assert str(after[dropped.ical_uid]["STATUS"]) == "CANCELLED"
    assert int(after[dropped.ical_uid]["SEQUENCE"]) == 1
