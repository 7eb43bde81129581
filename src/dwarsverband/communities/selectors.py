from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from dwarsverband.communities.constants import (
    MeetingKind,
    MeetingStatus,
    MembershipStatus,
    RegistrationStatus,
)
from dwarsverband.communities.models import Attendance, Community, Meeting, Membership
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
