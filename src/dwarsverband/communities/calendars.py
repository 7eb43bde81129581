"""iCalendar files: one per meeting (also attached to mails) and a feed per community."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event, vText

from dwarsverband.communities.models import Community, Meeting

PRODID = "-//Dwarsverband//Leerkringen//NL"


def base_url_or_default(base_url: str = "") -> str:
    return (
        base_url or getattr(settings, "DWARSVERBAND_BASE_URL", "") or "http://127.0.0.1:8000"
    ).rstrip("/")


def _event(meeting: Meeting, base_url: str) -> Event:
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.title} – {meeting.community.title}")
    event.add("sequence", meeting.sequence)
    event.add("url", base_url + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    if meeting.address:
        event.add("location", vText(meeting.address))
    description = meeting.description
    if meeting.host_id:
        description = f"{description}\n\nGaststad: {meeting.host}".strip()
    if description:
        event.add("description", description)
    return event


def _calendar(meetings: Iterable[Meeting], name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, *, base_url: str = "") -> bytes:
    return _calendar([meeting], meeting.title, base_url_or_default(base_url))


def community_feed(community: Community, *, base_url: str = "") -> bytes:
    meetings = community.meetings.select_related("host", "community").order_by("starts_at")
    return _calendar(meetings, community.title, base_url_or_default(base_url))


def community_feed_path(community: Community) -> str:
    return reverse("communities:community-feed", kwargs={"slug": community.slug})
