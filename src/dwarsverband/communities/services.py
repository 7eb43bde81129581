"""Writes of the communities app: communities, memberships, meetings, agenda, cases, registrations.

Registrations are the part where correctness under load matters: every change that decides who
gets a seat (register, cancel, delete, capacity change) locks the meeting row first, so the
confirmed count never exceeds the capacity and the waiting list is promoted in order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dwarsverband.communities.constants import (
    ACTIVE_REGISTRATION_STATUSES,
    REGISTRATION_TOKEN_MAX_AGE_DAYS,
    REGISTRATION_TOKEN_SALT,
    REMINDER_DAYS_BEFORE,
    CaseStatus,
    CommunityStatus,
    MeetingKind,
    MeetingStatus,
    MembershipStatus,
    Pillar,
    RegistrationStatus,
)
from dwarsverband.communities.models import (
    AgendaItem,
    Attendance,
    Case,
    Community,
    Meeting,
    MemberReminder,
    Membership,
    Registration,
)
from dwarsverband.communities.permissions import user_can_manage_community, user_is_member
from dwarsverband.organisations.models import Organisation
from dwarsverband.organisations.permissions import user_is_coordinator
from dwarsverband.programmes.models import Theme

logger = logging.getLogger(__name__)

MAIL_CONFIRMATION = "confirmation"
MAIL_PROMOTED = "promoted"
MAIL_CANCELLED = "cancelled"
MAIL_REMINDER = "reminder"


def _require_manage(user: Any, community: Community) -> None:
    if not user_can_manage_community(user, community):
        raise PermissionDenied


def _queue_mail(registration_id: int, kind: str, base_url: str) -> None:
    from dwarsverband.communities.tasks import registration_mail_task

    registration_mail_task.enqueue(registration_id, kind, base_url)


def _mail_on_commit(registration_id: int, kind: str, base_url: str) -> None:
    transaction.on_commit(partial(_queue_mail, registration_id, kind, base_url))


# Communities ---------------------------------------------------------------------------------


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "leerkring"
    slug, suffix = base, 2
    others = Community.objects.exclude(pk=exclude_pk) if exclude_pk else Community.objects.all()
    while others.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


COMMUNITY_FIELDS = (
    "title",
    "kind",
    "description",
    "status",
    "region",
    "organiser",
    "coordinator",
    "max_members",
    "planned_meetings",
)


@transaction.atomic
def community_create(*, user: Any, data: dict[str, Any]) -> Community:
    """Start a community; only coordinators do. `themes` and `partners` are optional lists."""
    if not user_is_coordinator(user):
        raise PermissionDenied
    data = dict(data)
    themes = data.pop("themes", None)
    partners = data.pop("partners", None)
    community = Community(**{key: value for key, value in data.items() if key in COMMUNITY_FIELDS})
    if community.coordinator_id is None and getattr(user, "pk", None):
        community.coordinator = user
    community.slug = _unique_slug(community.title)
    if community.status == CommunityStatus.FINISHED:
        community.finished_at = timezone.now()
    community.full_clean()
    community.save()
    if themes is not None:
        community.themes.set(list(themes))
    if partners is not None:
        community.partners.set([p for p in partners if p.pk != community.organiser_id])
    return community


@transaction.atomic
def community_update(*, user: Any, community: Community, data: dict[str, Any]) -> Community:
    _require_manage(user, community)
    data = dict(data)
    themes = data.pop("themes", None)
    partners = data.pop("partners", None)
    changed = []
    for field in COMMUNITY_FIELDS:
        if field in data and getattr(community, field) != data[field]:
            setattr(community, field, data[field])
            changed.append(field)
    if "status" in changed:
        community.finished_at = (
            timezone.now() if community.status == CommunityStatus.FINISHED else None
        )
        changed.append("finished_at")
    if "title" in changed:
        community.slug = _unique_slug(community.title, community.pk)
        changed.append("slug")
    community.full_clean()
    if changed:
        community.save(update_fields=[*changed, "updated_at"])
    if themes is not None:
        community.themes.set(list(themes))
    if partners is not None:
        community.partners.set([p for p in partners if p.pk != community.organiser_id])
    return community


def community_create_from_opportunity(
    *,
    user: Any,
    title: str,
    description: str,
    theme_ids: Sequence[int],
    organisation_ids: Sequence[int],
) -> Community:
    """Start a community (in preparation) from an accepted collaboration opportunity.

    Takes plain values so the matching app can call it without this app knowing opportunities.
    The organiser is the user's own organisation when it is one of the parties, otherwise the
    first party; the other parties become partners.
    """
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=organisation_ids)}
    if not organisations:
        raise ValidationError({"organiser": _("Kies ten minste één organisatie.")})
    own = getattr(user, "organisation_id", None)
    organiser_id = (
        own if own in organisations else next(pk for pk in organisation_ids if pk in organisations)
    )
    return community_create(
        user=user,
        data={
            "title": title[:200],
            "description": description,
            "organiser": organisations[organiser_id],
            "status": CommunityStatus.PREPARATION,
            "themes": list(Theme.objects.filter(pk__in=theme_ids)),
            "partners": [o for pk, o in organisations.items() if pk != organiser_id],
        },
    )


# Memberships ---------------------------------------------------------------------------------


@transaction.atomic
def membership_apply(
    *,
    user: Any,
    community: Community,
    organisation: Organisation | None = None,
    motivation: str = "",
) -> Membership:
    """A professional applies to join; the coordinator decides."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    organisation = organisation or user.organisation
    if organisation is None:
        raise ValidationError({"organisation": _("Kies de organisatie namens wie u meedoet.")})
    if community.status == CommunityStatus.FINISHED:
        raise ValidationError(_("Deze leerkring is afgerond; aanmelden kan niet meer."))
    if Membership.objects.filter(community=community, user=user).exists():
        raise ValidationError(_("U hebt zich al aangemeld voor deze leerkring."))
    membership = Membership(
        community=community, user=user, organisation=organisation, motivation=motivation
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_decide(*, user: Any, membership: Membership, accept: bool) -> Membership:
    community = Community.objects.select_for_update().get(pk=membership.community_id)
    _require_manage(user, community)
    if accept and membership.status != MembershipStatus.ACCEPTED and community.max_members:
        accepted = community.memberships.filter(status=MembershipStatus.ACCEPTED).count()
        if accepted >= community.max_members:
            raise ValidationError(
                _("De leerkring is vol: er zijn al %(count)s deelnemers (maximum %(max)s).")
                % {"count": accepted, "max": community.max_members}
            )
    membership.status = MembershipStatus.ACCEPTED if accept else MembershipStatus.DECLINED
    membership.save(update_fields=["status", "updated_at"])
    return membership


def member_organisations(community: Community) -> list[Organisation]:
    """The organisations of accepted members, by name: the candidate host cities."""
    return list(
        Organisation.objects.filter(
            community_memberships__community=community,
            community_memberships__status=MembershipStatus.ACCEPTED,
        )
        .distinct()
        .order_by("name")
    )


# Meetings and host rotation ------------------------------------------------------------------


def host_rotation_propose(*, community: Community) -> list[Organisation]:
    """Proposed hosts for the meetings of the series that have not been planned yet.

    Every member organisation hosts at most once before any hosts twice: the next host is the
    one that has hosted least so far (planned meetings included), ties broken by name. The
    coordinator may choose another member city for any meeting.
    """
    candidates = member_organisations(community)
    if not candidates:
        return []
    series = community.meetings.filter(kind=MeetingKind.SERIES).exclude(
        status=MeetingStatus.CANCELLED
    )
    hosted = dict(
        series.exclude(host=None)
        .values_list("host")
        .annotate(n=Count("pk"))
        .values_list("host", "n")
    )
    counts = {o.pk: hosted.get(o.pk, 0) for o in candidates}
    remaining = max(community.planned_meetings - series.count(), 0)
    proposal = []
    for _slot in range(remaining):
        choice = min(candidates, key=lambda o: (counts[o.pk], o.name))
        counts[choice.pk] += 1
        proposal.append(choice)
    return proposal


MEETING_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "address",
    "host",
    "takes_registrations",
    "capacity",
    "registration_deadline",
)
CALENDAR_FIELDS = {"starts_at", "ends_at", "address", "title"}


def _check_meeting(meeting: Meeting) -> None:
    errors: dict[str, str] = {}
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("De eindtijd moet na de begintijd liggen.")
    if (
        meeting.registration_deadline
        and meeting.starts_at
        and meeting.registration_deadline > meeting.starts_at
    ):
        errors["registration_deadline"] = _(
            "De aanmelddatum moet vóór het begin van de bijeenkomst liggen."
        )
    if meeting.host_id is not None:
        community = meeting.community
        allowed = {o.pk for o in member_organisations(community)}
        if meeting.kind == MeetingKind.INFORMATION:
            allowed |= {community.organiser_id, *community.partners.values_list("pk", flat=True)}
        if meeting.host_id not in allowed:
            errors["host"] = _(
                "%(host)s doet niet mee aan deze leerkring; kies een deelnemende organisatie "
                "als gaststad."
            ) % {"host": meeting.host}
    if meeting.pk and meeting.starts_at and meeting.ends_at:
        total = _agenda_minutes(meeting)
        if total > meeting.duration_minutes:
            errors["ends_at"] = _(
                "Het programma duurt %(total)s minuten; de bijeenkomst is dan te kort "
                "(%(minutes)s minuten)."
            ) % {"total": total, "minutes": meeting.duration_minutes}
    if errors:
        raise ValidationError(errors)


def _agenda_minutes(meeting: Meeting, exclude_pk: int | None = None) -> int:
    items = meeting.agenda_items.all()
    if exclude_pk:
        items = items.exclude(pk=exclude_pk)
    return int(items.aggregate(total=Sum("duration_minutes"))["total"] or 0)


@transaction.atomic
def meeting_create(*, user: Any, community: Community, data: dict[str, Any]) -> Meeting:
    _require_manage(user, community)
    meeting = Meeting(community=community)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    _check_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(
    *, user: Any, meeting: Meeting, data: dict[str, Any], base_url: str = ""
) -> Meeting:
    """Change a meeting. A new time or place raises SEQUENCE so calendars take the change;
    a larger capacity gives seats to the waiting list in order."""
    meeting = Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)
    _require_manage(user, meeting.community)
    changed = [f for f in MEETING_FIELDS if f in data and getattr(meeting, f) != data[f]]
    for field in changed:
        setattr(meeting, field, data[field])
    _check_meeting(meeting)
    if CALENDAR_FIELDS & set(changed):
        meeting.sequence += 1
        changed.append("sequence")
    meeting.full_clean()
    if changed:
        meeting.save(update_fields=[*changed, "updated_at"])
    _promote_waiting(meeting, base_url)
    return meeting


@transaction.atomic
def meeting_cancel(*, user: Any, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)
    _require_manage(user, meeting.community)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    return meeting


# Agenda --------------------------------------------------------------------------------------

AGENDA_FIELDS = (
    "pillar",
    "position",
    "title",
    "duration_minutes",
    "lead",
    "case",
    "project",
    "link",
)


def _check_agenda_item(item: AgendaItem) -> None:
    meeting = item.meeting
    errors: dict[str, str] = {}
    total = _agenda_minutes(meeting, exclude_pk=item.pk) + (item.duration_minutes or 0)
    if total > meeting.duration_minutes:
        errors["duration_minutes"] = _(
            "Het programma wordt dan %(total)s minuten, langer dan de bijeenkomst "
            "(%(minutes)s minuten). Maak het agendapunt korter of de bijeenkomst langer."
        ) % {"total": total, "minutes": meeting.duration_minutes}
    if item.case is not None:
        if item.case.community_id != meeting.community_id:
            errors["case"] = _("Deze casus hoort bij een andere leerkring.")
        elif item.pillar != Pillar.INTERVISION:
            errors["case"] = _("Een casus hoort bij het agendapunt intervisie.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agenda_item_add(*, user: Any, meeting: Meeting, data: dict[str, Any]) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)
    _require_manage(user, meeting.community)
    item = AgendaItem(meeting=meeting)
    for field in AGENDA_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    if "position" not in data:
        item.position = meeting.agenda_items.count() + 1
    _check_agenda_item(item)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, user: Any, item: AgendaItem, data: dict[str, Any]) -> AgendaItem:
    meeting = (
        Meeting.objects.select_for_update().select_related("community").get(pk=item.meeting_id)
    )
    _require_manage(user, meeting.community)
    item.meeting = meeting
    changed = [f for f in AGENDA_FIELDS if f in data and getattr(item, f) != data[f]]
    for field in changed:
        setattr(item, field, data[field])
    _check_agenda_item(item)
    item.full_clean()
    if changed:
        item.save(update_fields=[*changed, "updated_at"])
    return item


@transaction.atomic
def agenda_item_delete(*, user: Any, item: AgendaItem) -> None:
    """Remove an agenda item; a case scheduled in it goes back to the submitted cases."""
    _require_manage(user, item.meeting.community)
    case = item.case
    item.delete()
    _renumber_agenda(item.meeting)
    if case is not None and not AgendaItem.objects.filter(case=case).exists():
        case.meeting = None
        case.status = CaseStatus.SUBMITTED
        case.save(update_fields=["meeting", "status", "updated_at"])


def _renumber_agenda(meeting: Meeting) -> None:
    for position, item in enumerate(meeting.agenda_items.order_by("position", "pk"), start=1):
        if item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def agenda_item_move(*, user: Any, item: AgendaItem, up: bool) -> None:
    """Swap an agenda item with the one before (up) or after it in the programme."""
    meeting = (
        Meeting.objects.select_for_update().select_related("community").get(pk=item.meeting_id)
    )
    _require_manage(user, meeting.community)
    _renumber_agenda(meeting)
    items = list(meeting.agenda_items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(items):
        return
    first, second = items[index], items[other_index]
    AgendaItem.objects.filter(pk=first.pk).update(position=second.position)
    AgendaItem.objects.filter(pk=second.pk).update(position=first.position)


# Cases ---------------------------------------------------------------------------------------


@transaction.atomic
def case_submit(*, user: Any, community: Community, data: dict[str, Any]) -> Case:
    """A member brings in a case for intervision."""
    if not (user_is_member(user, community) or user_can_manage_community(user, community)):
        raise PermissionDenied
    case = Case(
        community=community,
        submitted_by=user,
        title=data.get("title", ""),
        question=data.get("question", ""),
        context=data.get("context", ""),
    )
    case.full_clean()
    case.save()
    return case


INTERVISION_MINUTES = 45


@transaction.atomic
def case_schedule(*, user: Any, case: Case, meeting: Meeting) -> Case:
    """Put a case in a meeting's intervision slot (creating the slot if the meeting has none)."""
    _require_manage(user, case.community)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.community_id != case.community_id:
        raise ValidationError({"meeting": _("Deze bijeenkomst hoort bij een andere leerkring.")})
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"meeting": _("Deze bijeenkomst is geannuleerd.")})
    AgendaItem.objects.filter(case=case).exclude(meeting=meeting).update(case=None)
    slot = meeting.agenda_items.filter(pillar=Pillar.INTERVISION, case=None).first()
    if slot is None and not meeting.agenda_items.filter(case=case).exists():
        slot = AgendaItem(
            meeting=meeting,
            pillar=Pillar.INTERVISION,
            title=_("Intervisie op een casus"),
            duration_minutes=INTERVISION_MINUTES,
            position=meeting.agenda_items.count() + 1,
            case=case,
        )
        _check_agenda_item(slot)
        slot.full_clean()
        slot.save()
    elif slot is not None:
        slot.case = case
        slot.save(update_fields=["case", "updated_at"])
    case.meeting = meeting
    case.status = CaseStatus.SCHEDULED
    case.save(update_fields=["meeting", "status", "updated_at"])
    return case


@transaction.atomic
def case_mark_discussed(*, user: Any, case: Case, now: datetime | None = None) -> Case:
    """After the meeting: the case has been discussed in the intervision."""
    _require_manage(user, case.community)
    now = now or timezone.now()
    if case.meeting is None:
        raise ValidationError(_("Plan de casus eerst in een bijeenkomst in."))
    if case.meeting.starts_at > now:
        raise ValidationError(
            _("De bijeenkomst van %(date)s is nog niet geweest.")
            % {"date": date_format(timezone.localtime(case.meeting.starts_at), "j F Y")}
        )
    if case.status != CaseStatus.DISCUSSED:
        case.status = CaseStatus.DISCUSSED
        case.save(update_fields=["status", "updated_at"])
    return case


# Registrations -------------------------------------------------------------------------------


def registration_token(registration: Registration) -> str:
    """The signed token in a registrant's personal link (see, cancel, delete; no login)."""
    return signing.dumps({"r": registration.pk}, salt=REGISTRATION_TOKEN_SALT, compress=True)


def registration_from_token(token: str) -> Registration:
    """The registration a token points at; a clear Dutch ValidationError otherwise."""
    try:
        payload = signing.loads(
            token,
            salt=REGISTRATION_TOKEN_SALT,
            max_age=timedelta(days=REGISTRATION_TOKEN_MAX_AGE_DAYS),
        )
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("Deze link is verlopen. Neem contact op met de organisator om u af te melden."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("Deze link is ongeldig. Gebruik de link uit de bevestigingsmail."), code="invalid"
        ) from error
    registration_id = payload.get("r") if isinstance(payload, dict) else None
    registration = (
        Registration.objects.select_related("meeting__community").filter(pk=registration_id).first()
        if isinstance(registration_id, int)
        else None
    )
    if registration is None:
        raise ValidationError(
            _("Deze aanmelding bestaat niet meer; misschien is ze al verwijderd."), code="gone"
        )
    return registration


def registration_closed_reason(meeting: Meeting, now: datetime | None = None) -> str:
    """Why registering is not possible now, or '' when it is."""
    now = now or timezone.now()
    if not meeting.takes_registrations:
        return _("Voor deze bijeenkomst kunt u zich niet aanmelden.")
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Deze bijeenkomst is geannuleerd.")
    if now >= meeting.closes_at:
        return _("De aanmelding voor deze bijeenkomst is gesloten.")
    return ""


def registration_create(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation_name: str,
    function: str = "",
    consent: bool,
    base_url: str = "",
    now: datetime | None = None,
) -> Registration:
    """Register someone for a meeting: a seat while there is one, else the waiting list.

    The meeting row is locked for the count and the insert, so parallel registrations for the
    last seats confirm exactly `capacity` and put the rest on the waiting list in order.
    """
    email = email.strip().lower()
    if not consent:
        raise ValidationError(
            {"consent": _("Ga akkoord met de privacyverklaring om u aan te melden.")}
        )
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        reason = registration_closed_reason(meeting, now)
        if reason:
            raise ValidationError(reason, code="closed")
        if meeting.registrations.filter(
            email=email, status__in=ACTIVE_REGISTRATION_STATUSES
        ).exists():
            raise ValidationError(
                {
                    "email": _(
                        "Met dit e-mailadres is al iemand aangemeld voor deze bijeenkomst. "
                        "Gebruik de link in de bevestigingsmail om de aanmelding te bekijken."
                    )
                },
                code="duplicate",
            )
        confirmed = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        full = meeting.capacity is not None and confirmed >= meeting.capacity
        registration = Registration(
            meeting=meeting,
            name=name.strip(),
            email=email,
            organisation_name=organisation_name.strip(),
            function=function.strip(),
            consent_at=now or timezone.now(),
            status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
        )
        registration.full_clean(validate_constraints=False)
        registration.save()
        _mail_on_commit(registration.pk, MAIL_CONFIRMATION, base_url)
    logger.info(
        "registration %s for meeting %s: %s", registration.pk, meeting.pk, registration.status
    )
    return registration


def _promote_waiting(meeting: Meeting, base_url: str) -> list[int]:
    """Give free seats to the waiting list in order of registration. Caller holds the lock."""
    if meeting.capacity is None:
        free = None
    else:
        confirmed = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        free = max(meeting.capacity - confirmed, 0)
        if free == 0:
            return []
    waiting = meeting.registrations.filter(status=RegistrationStatus.WAITING).order_by("pk")
    promoted = list(
        waiting.values_list("pk", flat=True)[:free]
        if free
        else waiting.values_list("pk", flat=True)
    )
    if promoted:
        Registration.objects.filter(pk__in=promoted).update(
            status=RegistrationStatus.CONFIRMED, promoted_at=timezone.now()
        )
        for pk in promoted:
            _mail_on_commit(pk, MAIL_PROMOTED, base_url)
    return promoted


def registration_cancel(*, registration: Registration, base_url: str = "") -> Registration:
    """The registrant cancels; the first on the waiting list gets the seat."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        _mail_on_commit(registration.pk, MAIL_CANCELLED, base_url)
        _promote_waiting(meeting, base_url)
    logger.info("registration %s cancelled", registration.pk)
    return registration


def registration_delete(*, registration: Registration, base_url: str = "") -> None:
    """The registrant removes their data altogether; a freed seat goes to the waiting list."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
        Registration.objects.filter(pk=registration.pk).delete()
        _promote_waiting(meeting, base_url)
    logger.info("registration %s deleted by the registrant", registration.pk)


def registration_reminders_send(*, now: datetime | None = None, base_url: str = "") -> int:
    """Queue a reminder for confirmed registrations of meetings that start within two days.

    Marks each registration, so running this more often (e.g. hourly) sends one reminder each.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at=None,
        meeting__status=MeetingStatus.PLANNED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + timedelta(days=REMINDER_DAYS_BEFORE),
    )
    count = 0
    with transaction.atomic():
        for pk in due.select_for_update().values_list("pk", flat=True):
            Registration.objects.filter(pk=pk).update(reminder_sent_at=now)
            _mail_on_commit(pk, MAIL_REMINDER, base_url)
            count += 1
    return count


def _queue_member_reminder(meeting_id: int, membership_id: int, base_url: str) -> None:
    from dwarsverband.communities.tasks import member_reminder_task

    member_reminder_task.enqueue(meeting_id, membership_id, base_url)


def member_reminders_send(*, now: datetime | None = None, base_url: str = "") -> int:
    """Queue a reminder to every accepted member for series meetings within two days.

    Each (meeting, member) pair is recorded, so running this hourly sends one reminder each.
    """
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        kind=MeetingKind.SERIES,
        status=MeetingStatus.PLANNED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=REMINDER_DAYS_BEFORE),
    )
    count = 0
    with transaction.atomic():
        for meeting in meetings.select_for_update():
            members = Membership.objects.filter(
                community_id=meeting.community_id, status=MembershipStatus.ACCEPTED
            ).exclude(reminders__meeting=meeting)
            for membership_id in members.values_list("pk", flat=True):
                MemberReminder.objects.create(meeting=meeting, membership_id=membership_id)
                transaction.on_commit(
                    partial(_queue_member_reminder, meeting.pk, membership_id, base_url)
                )
                count += 1
    return count


def registrations_purge(*, retention_days: int, now: datetime | None = None) -> int:
    """Delete the registrations of communities that finished more than `retention_days` ago."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days)
    expired = Registration.objects.filter(
        meeting__community__status=CommunityStatus.FINISHED,
        meeting__community__finished_at__lte=cutoff,
    )
    deleted, _per_model = expired.delete()
    return int(deleted)


# Attendance ----------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, user: Any, meeting: Meeting, present_ids: Iterable[int]) -> int:
    """Record who came. For a meeting of the series the ids are memberships; for a meeting
    with registrations they are confirmed registrations. Returns the number present."""
    _require_manage(user, meeting.community)
    present = set(present_ids)
    if meeting.takes_registrations:
        confirmed = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED)
        unknown = present - set(confirmed.values_list("pk", flat=True))
        if unknown:
            raise ValidationError(
                _("De lijst bevat aanmeldingen die niet bij deze bijeenkomst horen.")
            )
        confirmed.filter(pk__in=present).update(attended=True)
        confirmed.exclude(pk__in=present).update(attended=False)
        return len(present)
    members = meeting.community.memberships.filter(status=MembershipStatus.ACCEPTED)
    member_ids = set(members.values_list("pk", flat=True))
    if present - member_ids:
        raise ValidationError(_("De lijst bevat deelnemers die niet bij deze leerkring horen."))
    for membership_id in member_ids:
        Attendance.objects.update_or_create(
            meeting=meeting,
            membership_id=membership_id,
            defaults={"present": membership_id in present},
        )
    return len(present)
