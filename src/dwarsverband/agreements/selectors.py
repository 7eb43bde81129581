"""Reads of covenants, agreements, actions and joint agendas: progress, follow-up, history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from dwarsverband.agreements.constants import DUE_SOON_DAYS, ActionStatus, FollowUp
from dwarsverband.agreements.models import (
    Action,
    Agreement,
    Covenant,
    CovenantParty,
    CovenantSignatory,
    JointAgenda,
    ProgressNote,
)
from dwarsverband.agreements.permissions import visible_actions, visible_agreements
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.organisations.selectors import network_members

UNFINISHED = ~Q(status__in=[ActionStatus.DONE, ActionStatus.DROPPED])


# --- Progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Progress of a set of actions. Dropped actions are shown but not counted as work to do;
    actions without a status or due date are counted and reported, never left out."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    open: int = 0
    dropped: int = 0
    unknown_status: int = 0
    without_due_date: int = 0
    overdue: int = 0

    @property
    def counted(self) -> int:
        return self.total - self.dropped

    @property
    def percentage(self) -> int | None:
        if not self.counted:
            return None
        return round(100 * self.done / self.counted)


def progress_of(actions: QuerySet[Action], *, today: date) -> Progress:
    counts = actions.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        in_progress=Count("pk", filter=Q(status=ActionStatus.IN_PROGRESS)),
        open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
        dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
        unknown_status=Count("pk", filter=Q(status="")),
        without_due_date=Count("pk", filter=Q(due_date__isnull=True)),
        overdue=Count("pk", filter=UNFINISHED & Q(due_date__lt=today)),
    )
    return Progress(**counts)


def agreement_progress(*, agreement: Agreement, today: date) -> Progress:
    return progress_of(Action.objects.filter(agreement=agreement), today=today)


def covenant_progress(*, user: Any, covenant: Covenant, today: date) -> Progress:
    """Progress over the agreements of the covenant that this user may see."""
    return progress_of(
        visible_actions(user, Action.objects.filter(agreement__covenant=covenant)), today=today
    )


def follow_up_of(action: Action, *, today: date) -> str | None:
    """Where an unfinished action stands in time; None for a finished one."""
    if not action.is_open:
        return None
    if action.due_date is None:
        return FollowUp.NO_DUE_DATE
    if action.due_date < today:
        return FollowUp.OVERDUE
    if action.due_date <= today + timedelta(days=DUE_SOON_DAYS):
        return FollowUp.DUE
    return FollowUp.OPEN


# --- Lists and details ----------------------------------------------------------------------


def covenant_list() -> QuerySet[Covenant]:
    return Covenant.objects.prefetch_related("themes", "party_links__organisation").order_by(
        "-start_date", "title"
    )


def covenant_get(*, slug: str) -> Covenant | None:
    return (
        Covenant.objects.filter(slug=slug)
        .prefetch_related(
            "themes",
            "activities",
            "documents",
            Prefetch(
                "party_links",
                queryset=CovenantParty.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            Prefetch(
                "signatories",
                queryset=CovenantSignatory.objects.select_related("organisation", "person"),
            ),
        )
        .first()
    )


@dataclass
class AgreementWithProgress:
    agreement: Agreement
    progress: Progress


def agreements_with_progress(
    *, user: Any, agreements: QuerySet[Agreement], today: date
) -> list[AgreementWithProgress]:
    visible = visible_agreements(user, agreements).select_related("owner_organisation")
    rows = []
    for agreement in visible.prefetch_related("parties"):
        rows.append(
            AgreementWithProgress(
                agreement=agreement, progress=agreement_progress(agreement=agreement, today=today)
            )
        )
    return rows


def agreement_list(*, user: Any) -> QuerySet[Agreement]:
    return (
        visible_agreements(user, Agreement.objects.all())
        .select_related("owner_organisation", "covenant", "joint_agenda")
        .prefetch_related("parties")
        .order_by("-agreed_on", "title")
    )


def agreement_get(*, user: Any, pk: int) -> Agreement | None:
    """The agreement if it exists and the user may see it; None otherwise."""
    return (
        visible_agreements(user, Agreement.objects.filter(pk=pk))
        .select_related(
            "owner_organisation",
            "owner_person",
            "covenant",
            "joint_agenda",
            "source_type",
        )
        .prefetch_related(
            "parties",
            "themes",
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner_organisation", "owner_person"),
            ),
            Prefetch("notes", queryset=ProgressNote.objects.select_related("author_organisation")),
        )
        .first()
    )


def agreement_source_kind(agreement: Agreement) -> str:
    """What kind of thing the agreement came from, in words."""
    if agreement.source_type_id is not None:
        model = agreement.source_type.model_class() if agreement.source_type else None
        if model is not None:
            return str(model._meta.verbose_name)
    if agreement.joint_agenda_id:
        return _("gezamenlijke agenda")
    if agreement.covenant_id:
        return _("convenant")
    return ""


def allowed_owner_organisations(*, party_ids: list[int]) -> set[int]:
    """Parties, and the current members of parties that are networks (they act for them)."""
    allowed = set(party_ids)
    for network in Organisation.objects.filter(pk__in=party_ids).networks():
        allowed.update(
            membership.member_id
            for membership in network_members(network=network)
            if membership.left_on is None
        )
    return allowed


def joint_agenda_list() -> QuerySet[JointAgenda]:
    return JointAgenda.objects.select_related("municipality").prefetch_related("partners")


def joint_agenda_get(*, pk: int) -> JointAgenda | None:
    return (
        JointAgenda.objects.filter(pk=pk)
        .select_related("municipality")
        .prefetch_related("partners", "ambitions__theme", "performance_agreements")
        .first()
    )


@dataclass
class AgendaYear:
    """One year of a joint agenda: the steps agreed that year beside the formal agreements."""

    year: int
    performance_agreement: Any
    steps: list[AgreementWithProgress]


def joint_agenda_years(*, user: Any, agenda: JointAgenda, today: date) -> list[AgendaYear]:
    steps = agreements_with_progress(
        user=user, agreements=Agreement.objects.filter(joint_agenda=agenda), today=today
    )
    formal = {item.year: item for item in agenda.performance_agreements.all()}
    by_year: dict[int, list[AgreementWithProgress]] = defaultdict(list)
    undated: list[AgreementWithProgress] = []
    for step in steps:
        if step.agreement.agreed_on:
            by_year[step.agreement.agreed_on.year].append(step)
        else:
            undated.append(step)
    years = sorted(set(formal) | set(by_year), reverse=True)
    result = [
        AgendaYear(year=year, performance_agreement=formal.get(year), steps=by_year.get(year, []))
        for year in years
    ]
    if undated:
        result.append(AgendaYear(year=0, performance_agreement=None, steps=undated))
    return result


# --- Follow-up dashboard ("wordt vervolgd") -------------------------------------------------


@dataclass(frozen=True)
class FollowUpFilters:
    organisation: Organisation | None = None
    covenant: Covenant | None = None
    theme: Any = None


def _follow_up_counts(today: date) -> dict[str, Any]:
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return {
        "overdue": Count("pk", filter=Q(due_date__lt=today), distinct=True),
        "due": Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon), distinct=True),
        "later": Count("pk", filter=Q(due_date__gt=soon), distinct=True),
        "no_due_date": Count("pk", filter=Q(due_date__isnull=True), distinct=True),
        "total": Count("pk", distinct=True),
    }


@dataclass
class FollowUpOverview:
    overdue: list[Action]
    due: list[Action]
    later: list[Action]
    no_due_date: list[Action]
    by_organisation: list[dict[str, Any]]
    by_covenant: list[dict[str, Any]]
    by_theme: list[dict[str, Any]]
    owes: list[Action] = field(default_factory=list)
    owed_to: list[Action] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due) + len(self.later) + len(self.no_due_date)


def _grouped(
    actions: QuerySet[Action], name: str, slug: str, counts: dict[str, Any]
) -> list[dict[str, Any]]:
    rows = actions.order_by().values(name, slug).annotate(**counts).order_by(name)
    return [{**row, "name": row[name] or "", "slug": row[slug] or ""} for row in rows]


def unfinished_actions(*, user: Any, filters: FollowUpFilters) -> QuerySet[Action]:
    actions = visible_actions(user, Action.objects.filter(UNFINISHED))
    if filters.covenant is not None:
        actions = actions.filter(agreement__covenant=filters.covenant)
    if filters.theme is not None:
        actions = actions.filter(agreement__themes=filters.theme)
    return actions.select_related(
        "agreement", "agreement__covenant", "owner_organisation", "owner_person"
    )


def follow_up_overview(*, user: Any, filters: FollowUpFilters, today: date) -> FollowUpOverview:
    base = unfinished_actions(user=user, filters=filters)
    listed = base
    owes: list[Action] = []
    owed_to: list[Action] = []
    if filters.organisation is not None:
        org = filters.organisation
        owes = list(base.filter(owner_organisation=org).order_by("due_date", "title"))
        owed_to = list(
            base.filter(agreement__parties=org)
            .exclude(owner_organisation=org)
            .distinct()
            .order_by("due_date", "title")
        )
        listed = base.filter(Q(owner_organisation=org) | Q(agreement__parties=org)).distinct()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    ordered = listed.order_by("due_date", "title")
    counts = _follow_up_counts(today)
    return FollowUpOverview(
        overdue=list(ordered.filter(due_date__lt=today)),
        due=list(ordered.filter(due_date__gte=today, due_date__lte=soon)),
        later=list(ordered.filter(due_date__gt=soon)),
        no_due_date=list(ordered.filter(due_date__isnull=True)),
        by_organisation=_grouped(
            base, "owner_organisation__name", "owner_organisation__slug", counts
        ),
        by_covenant=_grouped(
            base, "agreement__covenant__title", "agreement__covenant__slug", counts
        ),
        by_theme=_grouped(base, "agreement__themes__name", "agreement__themes__slug", counts),
        owes=owes,
        owed_to=owed_to,
    )


# --- Weekly digest --------------------------------------------------------------------------


@dataclass
class DigestEntry:
    user: User
    overdue: list[Action]
    due: list[Action]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due)


DIGEST_ROLES = (PlatformRole.EDITOR, PlatformRole.COORDINATOR, PlatformRole.ADMIN)


def digest_recipients_for(
    action: Action, editors_by_organisation: dict[int, list[User]]
) -> list[User]:
    owner = action.owner_user
    if owner is not None and owner.is_active and owner.email:
        return [owner]
    return editors_by_organisation.get(action.owner_organisation_id, [])


def digest_selection(*, today: date) -> list[DigestEntry]:
    """Who gets which due and overdue actions in the weekly digest.

    An action is in it when it is unfinished and its due date has passed (overdue) or falls
    within DUE_SOON_DAYS (due). It goes to its owner user when one is set (and active with an
    address); otherwise to the active editors and coordinators of the owning organisation.
    Actions without a due date are not in the digest (they show on the dashboard).
    """
    soon = today + timedelta(days=DUE_SOON_DAYS)
    actions = list(
        Action.objects.filter(UNFINISHED, due_date__isnull=False, due_date__lte=soon)
        .select_related("agreement", "owner_organisation", "owner_user")
        .order_by("due_date", "title")
    )
    organisation_ids = {action.owner_organisation_id for action in actions}
    editors: dict[int, list[User]] = defaultdict(list)
    for user in (
        User.objects.filter(
            organisation_id__in=organisation_ids,
            is_active=True,
            platform_role__in=DIGEST_ROLES,
        )
        .exclude(email="")
        .order_by("pk")
    ):
        if user.organisation_id is not None:
            editors[user.organisation_id].append(user)
    entries: dict[int, DigestEntry] = {}
    for action in actions:
        for user in digest_recipients_for(action, editors):
            entry = entries.setdefault(user.pk, DigestEntry(user=user, overdue=[], due=[]))
            if action.due_date is not None and action.due_date < today:
                entry.overdue.append(action)
            else:
                entry.due.append(action)
    return sorted(entries.values(), key=lambda entry: entry.user.pk)


# --- History --------------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    kind: str
    subject: str
    user_name: str
    organisation_name: str
    changes: list[Change]


_KIND = {"+": "created", "~": "changed", "-": "deleted"}


def _display(model: type[models.Model], name: str, value: Any) -> str:
    if value in (None, "", []):
        return "–"
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if isinstance(value, list):
        related = getattr(model_field, "related_model", None)
        ids: list[Any] = []
        for row in value:
            if isinstance(row, dict):
                ids.extend(v for k, v in row.items() if k != model._meta.model_name)
        if isinstance(related, type) and issubclass(related, models.Model):
            return ", ".join(str(obj) for obj in related._default_manager.filter(pk__in=ids))
        return str(value)
    choices = getattr(model_field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    target = getattr(model_field, "related_model", None)
    if (
        isinstance(model_field, models.ForeignKey)
        and isinstance(target, type)
        and issubclass(target, models.Model)
    ):
        related_object = target._default_manager.filter(pk=value).first()
        return str(related_object) if related_object else "–"
    if isinstance(model_field, models.BooleanField):
        return _("ja") if value else _("nee")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _entries(records: Any, model: type[models.Model], subject_prefix: str) -> list[HistoryEntry]:
    entries = []
    for record in records:
        changes: list[Change] = []
        if record.history_type == "~" and record.prev_record is not None:
            delta = record.diff_against(record.prev_record)
            if record.prev_record.history_type == "+" and all(
                isinstance(change.old, list) and not change.old for change in delta.changes
            ):
                # Parties and themes are set right after creating: part of the creation.
                continue
            for change in delta.changes:
                verbose = str(
                    getattr(model._meta.get_field(change.field), "verbose_name", change.field)
                )
                changes.append(
                    Change(
                        field=verbose,
                        old=_display(model, change.field, change.old),
                        new=_display(model, change.field, change.new),
                    )
                )
            if not changes:
                continue
        user = record.history_user
        entries.append(
            HistoryEntry(
                at=record.history_date,
                kind=_KIND.get(record.history_type, "changed"),
                subject=f"{subject_prefix} {getattr(record, 'title', '')}".strip(),
                user_name=(user.get_full_name() or user.username) if user else "",
                organisation_name=str(user.organisation) if user and user.organisation else "",
                changes=changes,
            )
        )
    return entries


def agreement_history(*, agreement: Agreement) -> list[HistoryEntry]:
    """Every recorded change to the agreement and its actions (also deleted ones), newest first."""
    entries = _entries(
        Agreement.history.filter(id=agreement.pk).select_related("history_user__organisation"),
        Agreement,
        _("Afspraak"),
    )
    entries += _entries(
        Action.history.filter(agreement_id=agreement.pk).select_related(
            "history_user__organisation"
        ),
        Action,
        _("Actiepunt"),
    )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def covenant_history(*, user: Any, covenant: Covenant, limit: int = 50) -> list[HistoryEntry]:
    entries = _entries(
        Covenant.history.filter(id=covenant.pk).select_related("history_user__organisation"),
        Covenant,
        _("Convenant"),
    )
    agreement_ids = list(
        visible_agreements(user, Agreement.objects.filter(covenant=covenant)).values_list(
            "pk", flat=True
        )
    )
    entries += _entries(
        Agreement.history.filter(id__in=agreement_ids).select_related("history_user__organisation"),
        Agreement,
        _("Afspraak"),
    )
    entries += _entries(
        Action.history.filter(agreement_id__in=agreement_ids).select_related(
            "history_user__organisation"
        ),
        Action,
        _("Actiepunt"),
    )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]


@dataclass
class TimelineEvent:
    on: date
    text: str
    url: str = ""


def covenant_timeline(*, user: Any, covenant: Covenant, today: date) -> list[TimelineEvent]:
    """The covenant's story in dates: signing, period, agreements made, actions finished."""
    events: list[TimelineEvent] = []
    if covenant.signed_on:
        events.append(TimelineEvent(on=covenant.signed_on, text=_("Convenant ondertekend")))
    if covenant.start_date:
        events.append(TimelineEvent(on=covenant.start_date, text=_("Begin van de looptijd")))
    if covenant.end_date:
        events.append(TimelineEvent(on=covenant.end_date, text=_("Einde van de looptijd")))
    agreements = visible_agreements(user, Agreement.objects.filter(covenant=covenant))
    for agreement in agreements.exclude(agreed_on__isnull=True):
        assert agreement.agreed_on is not None
        events.append(
            TimelineEvent(
                on=agreement.agreed_on,
                text=_("Afspraak gemaakt: %(title)s") % {"title": agreement.title},
                url=agreement.get_absolute_url(),
            )
        )
    actions = Action.objects.filter(agreement__in=agreements.values("pk"))
    for action in actions.filter(status=ActionStatus.DONE, completed_on__isnull=False):
        assert action.completed_on is not None
        events.append(
            TimelineEvent(
                on=action.completed_on,
                text=_("Actiepunt afgerond: %(title)s") % {"title": action.title},
                url=action.get_absolute_url(),
            )
        )
    for action in actions.filter(UNFINISHED, due_date__isnull=False):
        assert action.due_date is not None
        template = (
            _("Te laat: %(title)s") if action.due_date < today else _("Gepland klaar: %(title)s")
        )
        events.append(
            TimelineEvent(
                on=action.due_date,
                text=template % {"title": action.title},
                url=action.get_absolute_url(),
            )
        )
    return sorted(events, key=lambda event: event.on)


# --- Progress of many at once (API lists) ---------------------------------------------------


def _progress_counts(today: date) -> dict[str, Any]:
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=ActionStatus.DONE)),
        "in_progress": Count("pk", filter=Q(status=ActionStatus.IN_PROGRESS)),
        "open": Count("pk", filter=Q(status=ActionStatus.OPEN)),
        "dropped": Count("pk", filter=Q(status=ActionStatus.DROPPED)),
        "unknown_status": Count("pk", filter=Q(status="")),
        "without_due_date": Count("pk", filter=Q(due_date__isnull=True)),
        "overdue": Count("pk", filter=UNFINISHED & Q(due_date__lt=today)),
    }


def _progress_by(actions: QuerySet[Action], key: str, today: date) -> dict[int, Progress]:
    rows = actions.order_by().values(key).annotate(**_progress_counts(today))
    return {row.pop(key): Progress(**row) for row in rows}


def progress_by_agreement(*, agreement_ids: Iterable[int], today: date) -> dict[int, Progress]:
    """`agreement_progress` for many agreements in one query; no actions is an empty Progress."""
    ids = list(agreement_ids)
    found = _progress_by(Action.objects.filter(agreement_id__in=ids), "agreement_id", today)
    return {pk: found.get(pk, Progress()) for pk in ids}


def progress_by_covenant(
    *, user: Any, covenant_ids: Iterable[int], today: date
) -> dict[int, Progress]:
    """`covenant_progress` for many covenants in one query, over what this user may see."""
    ids = list(covenant_ids)
    actions = visible_actions(user, Action.objects.filter(agreement__covenant_id__in=ids))
    found = _progress_by(actions, "agreement__covenant_id", today)
    return {pk: found.get(pk, Progress()) for pk in ids}


def action_list(*, user: Any) -> QuerySet[Action]:
    """The actions of agreements this user may see, by due date (those without one last)."""
    return (
        visible_actions(user, Action.objects.all())
        .select_related("agreement", "owner_organisation", "owner_person")
        .order_by(models.F("due_date").asc(nulls_last=True), "title", "pk")
    )


def action_get(*, user: Any, pk: int) -> Action | None:
    """The action if its agreement is visible to the user; None otherwise."""
    return action_list(user=user).filter(pk=pk).select_related("agreement__covenant").first()


def progress_note_list(*, agreement: Agreement) -> QuerySet[ProgressNote]:
    return agreement.notes.select_related("author_organisation").order_by(
        "-written_on", "-created_at", "-pk"
    )


def agreement_prefill_from_source(source: Any) -> dict[str, Any]:
    """What a new agreement takes over from where it arose: the parties, themes and a
    description (an opportunity's two organisations and shared themes, a table session's
    participants and outcomes, a meeting's or community's organiser and partners)."""
    label = source._meta.label_lower
    prefill: dict[str, Any] = {"title": str(source)[:300], "source_label": str(source)[:300]}
    if label == "matching.opportunity":
        from dwarsverband.matching.explanations import opportunity_explanation

        project_a, project_b = source.project_a, source.project_b
        themes_a, themes_b = set(project_a.themes.all()), set(project_b.themes.all())
        prefill["parties"] = [
            project_a.programme.organisation,
            project_b.programme.organisation,
        ]
        prefill["themes"] = sorted(themes_a & themes_b or themes_a | themes_b, key=str)
        prefill["description"] = "\n".join(opportunity_explanation(source))
    elif label == "tablesessions.tablesession":
        prefill["parties"] = list(source.organisations.all())
        prefill["description"] = source.outcomes
    elif label == "tablesessions.sessiontable":
        prefill["parties"] = list(source.session.organisations.all())
        prefill["description"] = ", ".join(source.key_terms)
    elif label in ("communities.meeting", "communities.community"):
        community = source.community if label == "communities.meeting" else source
        prefill["parties"] = [community.organiser, *community.partners.all()]
        prefill["themes"] = list(community.themes.all())
    return prefill
