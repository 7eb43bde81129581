from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dwarsverband.communities import services
from dwarsverband.communities.constants import (
    CaseStatus,
    CommunityStatus,
    MeetingKind,
    MembershipStatus,
    Pillar,
)
from dwarsverband.communities.models import AgendaItem, Attendance, Community, Meeting
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from tests.communities.factories import (
    CityFactory,
    CommunityFactory,
    MeetingFactory,
    MembershipFactory,
)
from tests.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user: Any) -> User:
    return make_user(PlatformRole.COORDINATOR)


def series_meeting(community: Community, **extra: Any) -> Meeting:
    return MeetingFactory(
        community=community, kind=MeetingKind.SERIES, takes_registrations=False, **extra
    )


def test_rotation_lets_every_member_host_once_before_anyone_twice() -> None:
    community = CommunityFactory(planned_meetings=7)
    cities = [MembershipFactory(community=community).organisation for _ in range(3)]
    proposal = services.host_rotation_propose(community=community)
    assert len(proposal) == 7
    assert set(proposal[:3]) == set(cities)
    assert set(proposal[3:6]) == set(cities)
    assert max(Counter(o.pk for o in proposal).values()) == 3


def test_rotation_counts_meetings_already_planned() -> None:
    community = CommunityFactory(planned_meetings=3)
    first, _second, _third = (MembershipFactory(community=community).organisation for _ in range(3))
    series_meeting(community, host=first)
    proposal = services.host_rotation_propose(community=community)
    assert len(proposal) == 2
    assert first not in proposal


def test_rotation_ignores_applicants_and_declined_members() -> None:
    community = CommunityFactory(planned_meetings=2)
    member = MembershipFactory(community=community).organisation
    MembershipFactory(community=community, status=MembershipStatus.APPLIED)
    MembershipFactory(community=community, status=MembershipStatus.DECLINED)
    assert services.host_rotation_propose(community=community) == [member, member]


def test_host_that_is_not_a_member_is_refused(coordinator: User) -> None:
    community = CommunityFactory()
    MembershipFactory(community=community)
    outsider = CityFactory(name="Gemeente Buitenaf")
    start = datetime.datetime(2030, 3, 4, 13, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            user=coordinator,
            community=community,
            data={
                "kind": MeetingKind.SERIES,
                "title": "Eerste bijeenkomst",
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=3),
                "host": outsider,
            },
        )
    assert "Gemeente Buitenaf doet niet mee" in str(error.value.message_dict["host"])
    assert not community.meetings.exists()


def test_member_city_can_host(coordinator: User) -> None:
    community = CommunityFactory()
    city = MembershipFactory(community=community).organisation
    start = datetime.datetime(2030, 3, 4, 13, tzinfo=datetime.UTC)
    meeting = services.meeting_create(
        user=coordinator,
        community=community,
        data={
            "title": "Eerste",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
            "host": city,
        },
    )
    assert meeting.host == city


def test_reader_cannot_create_meeting(make_user: Any) -> None:
    community = CommunityFactory()
    start = datetime.datetime(2030, 3, 4, 13, tzinfo=datetime.UTC)
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            user=make_user(),
            community=community,
            data={"title": "X", "starts_at": start, "ends_at": start + datetime.timedelta(hours=1)},
        )


def test_community_coordinator_manages_own_community(make_user: Any) -> None:
    own = make_user(PlatformRole.READER)
    community = CommunityFactory(coordinator=own)
    meeting = series_meeting(community)
    services.meeting_cancel(user=own, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(user=own, meeting=series_meeting(CommunityFactory()))


def test_agenda_longer_than_meeting_is_refused(coordinator: User) -> None:
    meeting = series_meeting(CommunityFactory())  # three hours
    for pillar in (Pillar.NEWS, Pillar.INTERVISION, Pillar.DEEPENING):
        services.agenda_item_add(
            user=coordinator,
            meeting=meeting,
            data={"pillar": pillar, "title": pillar.label, "duration_minutes": 45},
        )
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(
            user=coordinator,
            meeting=meeting,
            data={"pillar": Pillar.PROJECT_VISIT, "title": "Bezoek", "duration_minutes": 60},
        )
    assert "195 minuten" in str(error.value.message_dict["duration_minutes"])
    assert meeting.agenda_items.count() == 3


def test_shortening_meeting_below_its_agenda_is_refused(coordinator: User) -> None:
    meeting = series_meeting(CommunityFactory())
    services.agenda_item_add(
        user=coordinator,
        meeting=meeting,
        data={"pillar": Pillar.DEEPENING, "title": "Lezing", "duration_minutes": 120},
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            user=coordinator,
            meeting=meeting,
            data={"ends_at": meeting.starts_at + datetime.timedelta(hours=1)},
        )
    assert "te kort" in str(error.value.message_dict["ends_at"])
    meeting.refresh_from_db()
    assert meeting.duration_minutes == 180
    assert meeting.sequence == 0


def test_time_change_raises_sequence(coordinator: User) -> None:
    meeting = series_meeting(CommunityFactory())
    services.meeting_update(user=coordinator, meeting=meeting, data={"description": "Meer"})
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    later = meeting.starts_at + datetime.timedelta(days=1)
    services.meeting_update(
        user=coordinator,
        meeting=meeting,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=3)},
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1


def test_member_submits_case_and_coordinator_schedules_it(coordinator: User) -> None:
    community = CommunityFactory()
    membership = MembershipFactory(community=community)
    meeting = series_meeting(community)
    case = services.case_submit(
        user=membership.user,
        community=community,
        data={"title": "Regionale woonzorgvisie", "question": "Hoe krijgen we alle gemeenten mee?"},
    )
    services.case_schedule(user=coordinator, case=case, meeting=meeting)
    case.refresh_from_db()
    assert case.status == CaseStatus.SCHEDULED
    slot = AgendaItem.objects.get(meeting=meeting, case=case)
    assert slot.pillar == Pillar.INTERVISION


def test_case_fills_existing_intervision_slot(coordinator: User) -> None:
    community = CommunityFactory()
    membership = MembershipFactory(community=community)
    meeting = series_meeting(community)
    slot = services.agenda_item_add(
        user=coordinator,
        meeting=meeting,
        data={"pillar": Pillar.INTERVISION, "title": "Intervisie", "duration_minutes": 40},
    )
    case = services.case_submit(
        user=membership.user, community=community, data={"title": "C", "question": "V?"}
    )
    services.case_schedule(user=coordinator, case=case, meeting=meeting)
    slot.refresh_from_db()
    assert slot.case == case
    assert meeting.agenda_items.count() == 1


def test_non_member_cannot_submit_case(make_user: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.case_submit(
            user=make_user(), community=CommunityFactory(), data={"title": "C", "question": "V"}
        )


def test_case_cannot_go_to_other_communitys_meeting(coordinator: User) -> None:
    community = CommunityFactory()
    membership = MembershipFactory(community=community)
    case = services.case_submit(
        user=membership.user, community=community, data={"title": "C", "question": "V"}
    )
    with pytest.raises(ValidationError):
        services.case_schedule(
            user=coordinator, case=case, meeting=series_meeting(CommunityFactory())
        )
    case.refresh_from_db()
    assert case.meeting is None


def test_apply_and_accept_membership(make_user: Any, coordinator: User) -> None:
    city = CityFactory()
    professional = make_user(PlatformRole.READER, city)
    community = CommunityFactory()
    membership = services.membership_apply(user=professional, community=community)
    assert membership.status == MembershipStatus.APPLIED
    assert membership.organisation == city
    with pytest.raises(ValidationError):
        services.membership_apply(user=professional, community=community)
    services.membership_decide(user=coordinator, membership=membership, accept=True)
    assert services.member_organisations(community) == [city]


def test_accepting_beyond_max_members_is_refused(coordinator: User) -> None:
    community = CommunityFactory(max_members=1)
    MembershipFactory(community=community)
    applicant = MembershipFactory(community=community, status=MembershipStatus.APPLIED)
    with pytest.raises(ValidationError):
        services.membership_decide(user=coordinator, membership=applicant, accept=True)
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLIED


def test_community_from_opportunity_is_prefilled(make_user: Any) -> None:
    own, other = OrganisationFactory(), OrganisationFactory()
    themes = [ThemeFactory(), ThemeFactory()]
    user = make_user(PlatformRole.COORDINATOR, own)
    community = services.community_create_from_opportunity(
        user=user,
        title="Samen renoveren",
        description="Twee programma's met hetzelfde doel.",
        theme_ids=[t.pk for t in themes],
        organisation_ids=[other.pk, own.pk],
    )
    assert community.status == CommunityStatus.PREPARATION
    assert community.organiser == own
    assert list(community.partners.all()) == [other]
    assert set(community.themes.all()) == set(themes)
    assert community.coordinator == user


def test_finishing_a_community_records_the_moment(coordinator: User) -> None:
    community = CommunityFactory()
    services.community_update(
        user=coordinator, community=community, data={"status": CommunityStatus.FINISHED}
    )
    assert community.finished_at is not None


def test_attendance_of_members_is_recorded(coordinator: User) -> None:
    community = CommunityFactory()
    present, absent = MembershipFactory(community=community), MembershipFactory(community=community)
    meeting = series_meeting(community)
    services.attendance_record(user=coordinator, meeting=meeting, present_ids=[present.pk])
    assert Attendance.objects.get(meeting=meeting, membership=present).present is True
    assert Attendance.objects.get(meeting=meeting, membership=absent).present is False
    with pytest.raises(ValidationError):
        services.attendance_record(
            user=coordinator, meeting=meeting, present_ids=[MembershipFactory().pk]
        )
