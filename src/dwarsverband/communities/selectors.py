from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from dwarsverband.communities.constants import (
    MeetingKind,
    MeetingStatus,
    MembershipStatus,
    RegistrationStatus,
)
from dwarsverband.communities.models import (
    AgendaItem,
    Attendance,
    Case,
    Community,
    Meeting,
    Membership,
    Registration,
)
from dwarsverband.communities.permissions import user_can_manage_community
from dwarsverband.organisations.models import Organisation


def community_list() -> QuerySet[Community]:
    return (
        Community.objects.select_related("organiser", "region")
        .prefetch_related("themes")
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__status=MembershipStatus.ACCEPTED),
                distinct=True,
            )
        )
        .order_by("title")
    )


def community_get(*, slug: str) -> Community | None:
    return (
        Community.objects.select_related("organiser", "region", "coordinator")
        .prefetch_related("themes", "partners")
        .filter(slug=slug)
        .first()
    )


def meeting_get(*, pk: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("community__organiser", "host")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .filter(pk=pk)
        .first()
    )


def community_meetings(community: Community) -> QuerySet[Meeting]:
    return community.meetings.select_related("host").prefetch_related("agenda_items__case")


def host_choices(community: Community, kind: str = MeetingKind.SERIES) -> QuerySet[Organisation]:
    ids = set(
        community.memberships.filter(status=MembershipStatus.ACCEPTED).values_list(
            "organisation_id", flat=True
        )
    )
    if kind == MeetingKind.INFORMATION:
        ids |= {community.organiser_id, *community.partners.values_list("pk", flat=True)}
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def all_host_choices(community: Community) -> QuerySet[Organisation]:
    return host_choices(community, MeetingKind.INFORMATION)


def memberships(community: Community, user: Any) -> QuerySet[Membership]:
    members = community.memberships.select_related("user", "organisation")
    if user_can_manage_community(user, community):
        return members
    return members.filter(status=MembershipStatus.ACCEPTED)


@dataclass(frozen=True)
class AttendanceRow:
    membership: Membership
    marks: list[bool | None]
    present: int


def attendance_overview(community: Community) -> tuple[list[Meeting], list[AttendanceRow]]:
    """Per accepted member, whether they came to each meeting of the series (None: not recorded)."""
    meetings = list(
        community.meetings.filter(kind=MeetingKind.SERIES)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("host")
    )
    members = list(
        community.memberships.filter(status=MembershipStatus.ACCEPTED).select_related(
            "user", "organisation"
        )
    )
    marks = {
        (a.meeting_id, a.membership_id): a.present
        for a in Attendance.objects.filter(meeting__in=meetings)
    }
    rows = []
    for membership in members:
        row = [marks.get((m.pk, membership.pk)) for m in meetings]
        rows.append(AttendanceRow(membership, row, sum(1 for mark in row if mark)))
    return meetings, rows


# Reads for the API --------------------------------------------------------------------------


@dataclass(frozen=True)
class CommunityFilters:
    text: str = ""
    kind: str = ""
    status: str = ""
    theme: str = ""
    region: str = ""
    organiser: str = ""


def community_filter(*, filters: CommunityFilters) -> QuerySet[Community]:
    """Communities matching every given filter (theme and organiser by slug, region by code)."""
    communities = community_list()
    if filters.text:
        communities = communities.filter(title__icontains=filters.text)
    if filters.kind:
        communities = communities.filter(kind=filters.kind)
    if filters.status:
        communities = communities.filter(status=filters.status)
    if filters.theme:
        communities = communities.filter(themes__slug=filters.theme)
    if filters.region:
        communities = communities.filter(region__code=filters.region)
    if filters.organiser:
        communities = communities.filter(organiser__slug=filters.organiser)
    return communities.order_by("title", "pk")


@dataclass(frozen=True)
class MeetingFilters:
    community: str = ""
    kind: str = ""
    status: str = ""
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    takes_registrations: bool | None = None


def meeting_list(*, filters: MeetingFilters | None = None) -> QuerySet[Meeting]:
    """Meetings in order of start, with their community, host and seat counts."""
    filters = filters or MeetingFilters()
    meetings = Meeting.objects.select_related("community", "host").annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )
    if filters.community:
        meetings = meetings.filter(community__slug=filters.community)
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.starts_from is not None:
        meetings = meetings.filter(starts_at__gte=filters.starts_from)
    if filters.starts_before is not None:
        meetings = meetings.filter(starts_at__lt=filters.starts_before)
    if filters.takes_registrations is not None:
        meetings = meetings.filter(takes_registrations=filters.takes_registrations)
    return meetings.order_by("starts_at", "pk")


def meeting_agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.agenda_items.select_related("case__community", "project").order_by(
        "position", "pk"
    )


def meeting_registrations(meeting: Meeting) -> QuerySet[Registration]:
    """Everyone registered for a meeting: only for the community's managers."""
    return meeting.registrations.order_by("status", "pk")


def registrations_of_user(*, user: Any) -> QuerySet[Registration]:
    """The registrations made with the e-mail address of the user's account.

    Registrations are made without an account, so they are linked by e-mail address; only
    the platform administrator sets an account's address, which keeps this link trustworthy.
    """
    email = str(getattr(user, "email", "") or "").strip()
    if not getattr(user, "is_authenticated", False) or not user.is_active or not email:
        return Registration.objects.none()
    return (
        Registration.objects.filter(email__iexact=email)
        .select_related("meeting__community", "meeting__host")
        .order_by("-meeting__starts_at", "pk")
    )


def community_cases(community: Community) -> QuerySet[Case]:
    """The cases of a community: only for its members and managers."""
    return community.cases.select_related("meeting").order_by("-created_at", "pk")
