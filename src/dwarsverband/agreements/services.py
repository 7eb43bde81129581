"""Writes of covenants, agreements, actions, progress notes and joint agendas.

Every write checks permissions, validates with `full_clean()` and records who made the change
in the history (django-simple-history), also when called outside a request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dwarsverband.agreements.constants import ActionStatus
from dwarsverband.agreements.models import (
    Action,
    ActionDigestDelivery,
    Agreement,
    Covenant,
    CovenantParty,
    JointAgenda,
    JointAmbition,
    PerformanceAgreement,
    ProgressNote,
)
from dwarsverband.agreements.permissions import (
    user_can_add_agreement,
    user_can_add_covenant,
    user_can_edit_action,
    user_can_edit_agreement,
    user_can_edit_covenant,
    user_can_edit_joint_agenda,
)
from dwarsverband.agreements.selectors import allowed_owner_organisations, digest_selection
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation
from dwarsverband.organisations.permissions import user_is_coordinator
from dwarsverband.programmes.models import Theme

logger = logging.getLogger(__name__)

# Which status may follow which. A finished action (done or dropped) must be reopened first.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    "": {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED},
    ActionStatus.OPEN: {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED},
    ActionStatus.IN_PROGRESS: {ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED},
    ActionStatus.DONE: {ActionStatus.OPEN},
    ActionStatus.DROPPED: {ActionStatus.OPEN},
}


def _status_label(status: str) -> str:
    if not status:
        return _("onbekend")
    return str(ActionStatus(status).label)


def _attribute_history(instance: models.Model, user: Any) -> None:
    if getattr(user, "is_authenticated", False):
        instance._history_user = user  # type: ignore[attr-defined]


def unique_covenant_slug(*, title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "convenant"
    slug = base
    suffix = 2
    others = Covenant.objects.exclude(pk=exclude_pk) if exclude_pk else Covenant.objects.all()
    while others.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


# --- Covenants ------------------------------------------------------------------------------


@transaction.atomic
def covenant_create(
    *,
    user: Any,
    data: dict[str, Any],
    parties: Iterable[Organisation],
    networks_on_behalf_of_members: Iterable[Organisation] = (),
) -> Covenant:
    if not user_can_add_covenant(user):
        raise PermissionDenied
    data = dict(data)
    themes = data.pop("themes", None)
    covenant = Covenant(**data)
    covenant.slug = unique_covenant_slug(title=covenant.title)
    covenant.full_clean()
    _attribute_history(covenant, user)
    covenant.save()
    on_behalf = {organisation.pk for organisation in networks_on_behalf_of_members}
    for organisation in parties:
        link = CovenantParty(
            covenant=covenant,
            organisation=organisation,
            on_behalf_of_members=organisation.pk in on_behalf and organisation.is_network,
        )
        link.full_clean()
        link.save()
    if themes is not None:
        covenant.themes.set(themes)
    return covenant


@transaction.atomic
def covenant_update(*, user: Any, covenant: Covenant, data: dict[str, Any]) -> Covenant:
    if not user_can_edit_covenant(user, covenant):
        raise PermissionDenied
    data = dict(data)
    themes = data.pop("themes", None)
    for name, value in data.items():
        setattr(covenant, name, value)
    covenant.full_clean()
    _attribute_history(covenant, user)
    covenant.save(update_fields=[*data.keys(), "updated_at"])
    if themes is not None:
        covenant.themes.set(themes)
    return covenant


# --- Agreements -----------------------------------------------------------------------------


def _check_agreement_parties(
    *, user: Any, owner_organisation: Organisation, parties: list[Organisation]
) -> None:
    if not parties:
        raise ValidationError({"parties": _("Kies ten minste één partij.")})
    party_ids = [party.pk for party in parties]
    if owner_organisation.pk not in allowed_owner_organisations(party_ids=party_ids):
        raise ValidationError(
            {
                "owner_organisation": _(
                    "%(organisation)s is geen partij bij deze afspraak. Kies een van de "
                    "partijen als eigenaar, of voeg de organisatie eerst als partij toe."
                )
                % {"organisation": owner_organisation}
            }
        )
    if not user_is_coordinator(user) and user.organisation_id not in party_ids:
        raise ValidationError(
            {
                "parties": _(
                    "Uw eigen organisatie moet een van de partijen zijn; anders kunt u de "
                    "afspraak daarna niet meer bewerken."
                )
            }
        )


@transaction.atomic
def agreement_create(
    *,
    user: Any,
    data: dict[str, Any],
    parties: Iterable[Organisation],
    themes: Iterable[Theme] = (),
    source: models.Model | None = None,
) -> Agreement:
    """Create an agreement; its owner must be a party (or a member of a network party)."""
    if not user_can_add_agreement(user):
        raise PermissionDenied
    party_list = list(parties)
    agreement = Agreement(**data)
    if source is not None:
        agreement.source_type = ContentType.objects.get_for_model(source)
        agreement.source_id = source.pk
    agreement.full_clean()
    _check_agreement_parties(
        user=user, owner_organisation=agreement.owner_organisation, parties=party_list
    )
    _attribute_history(agreement, user)
    agreement.save()
    agreement.parties.set(party_list)
    agreement.themes.set(list(themes))
    return agreement


@transaction.atomic
def agreement_update(
    *,
    user: Any,
    agreement: Agreement,
    data: dict[str, Any],
    parties: Iterable[Organisation] | None = None,
    themes: Iterable[Theme] | None = None,
) -> Agreement:
    if not user_can_edit_agreement(user, agreement):
        raise PermissionDenied
    for name, value in data.items():
        setattr(agreement, name, value)
    agreement.full_clean()
    party_list = list(parties) if parties is not None else list(agreement.parties.all())
    _check_agreement_parties(
        user=user, owner_organisation=agreement.owner_organisation, parties=party_list
    )
    allowed = allowed_owner_organisations(party_ids=[party.pk for party in party_list])
    orphan = (
        agreement.actions.exclude(owner_organisation_id__in=allowed)
        .select_related("owner_organisation")
        .first()
    )
    if orphan is not None:
        raise ValidationError(
            {
                "parties": _(
                    "Het actiepunt '%(action)s' is van %(organisation)s, dat dan geen partij "
                    "meer is. Geef het actiepunt eerst een andere eigenaar."
                )
                % {"action": orphan, "organisation": orphan.owner_organisation}
            }
        )
    _attribute_history(agreement, user)
    agreement.save(update_fields=[*data.keys(), "updated_at"])
    if parties is not None:
        agreement.parties.set(party_list)
    if themes is not None:
        agreement.themes.set(list(themes))
    return agreement


def agreement_create_prefilled(
    *,
    user: Any,
    source: models.Model,
    title: str,
    description: str,
    party_ids: Iterable[int],
    owner_organisation_id: int | None = None,
    covenant: Covenant | None = None,
    joint_agenda: JointAgenda | None = None,
    theme_ids: Iterable[int] = (),
    source_label: str = "",
    agreed_on: date | None = None,
    internal: bool = False,
) -> Agreement:
    """Create an agreement from something that happened elsewhere on the platform.

    For other apps: accepting an opportunity or recording a table-session outcome calls this
    with the opportunity or session as `source`. The owner defaults to the user's own
    organisation when that is a party, otherwise to the first party.
    """
    parties = list(Organisation.objects.filter(pk__in=list(party_ids)).order_by("name"))
    if not parties:
        raise ValidationError({"parties": _("Kies ten minste één partij.")})
    if owner_organisation_id is None:
        own = getattr(user, "organisation_id", None)
        owner_organisation_id = own if own in {party.pk for party in parties} else parties[0].pk
    owner = Organisation.objects.filter(pk=owner_organisation_id).first()
    if owner is None:
        raise ValidationError({"owner_organisation": _("Deze organisatie bestaat niet.")})
    return agreement_create(
        user=user,
        data={
            "title": title[:300],
            "description": description,
            "owner_organisation": owner,
            "covenant": covenant,
            "joint_agenda": joint_agenda,
            "source_label": source_label[:300] or str(source)[:300],
            "agreed_on": agreed_on or timezone.localdate(),
            "internal": internal,
        },
        parties=parties,
        themes=Theme.objects.filter(pk__in=list(theme_ids)),
        source=source,
    )


# --- Actions --------------------------------------------------------------------------------


def action_warnings(action: Action) -> list[str]:
    """Things worth a second look that do not block saving."""
    warnings = []
    covenant = action.agreement.covenant
    if action.due_date and covenant is not None and not covenant.covers(action.due_date):
        warnings.append(
            _(
                "Let op: de einddatum %(due)s valt buiten de looptijd van het convenant "
                "(%(period)s). Het actiepunt is wel opgeslagen."
            )
            % {"due": action.due_date.strftime("%d-%m-%Y"), "period": covenant.period_label}
        )
    return warnings


def _check_action_owner(action: Action) -> None:
    party_ids = list(action.agreement.parties.values_list("pk", flat=True))
    if action.owner_organisation_id not in allowed_owner_organisations(party_ids=party_ids):
        raise ValidationError(
            {
                "owner_organisation": _(
                    "%(organisation)s is geen partij bij de afspraak '%(agreement)s'. Kies een "
                    "eigenaar uit de partijen."
                )
                % {"organisation": action.owner_organisation, "agreement": action.agreement}
            }
        )


def _check_transition(*, old: str, new: str) -> None:
    if old == new:
        return
    if new not in STATUS_TRANSITIONS.get(old, set()):
        raise ValidationError(
            {
                "status": _(
                    "Een actiepunt met status '%(old)s' kan niet direct naar '%(new)s'. "
                    "Heropen het eerst (status 'open')."
                )
                % {"old": _status_label(old), "new": _status_label(new)}
            }
        )


def _apply_status_side_effects(action: Action, *, old: str, today: date) -> None:
    if action.status == ActionStatus.DONE and old != ActionStatus.DONE:
        action.completed_on = action.completed_on or today
    if action.status != ActionStatus.DONE:
        action.completed_on = None
    if action.status != ActionStatus.DROPPED:
        action.dropped_reason = ""


@transaction.atomic
def action_create(
    *, user: Any, agreement: Agreement, data: dict[str, Any], stamp_completion: bool = True
) -> tuple[Action, list[str]]:
    """Add an action; returns it with warnings (such as a due date outside the covenant).

    A new action that is already done gets today as completion date, unless
    `stamp_completion` is off (an import of history, where the date may be unknown).
    """
    if not user_can_edit_agreement(user, agreement):
        raise PermissionDenied
    action = Action(agreement=agreement, **data)
    if stamp_completion:
        _apply_status_side_effects(action, old="", today=timezone.localdate())
    action.full_clean()
    _check_action_owner(action)
    _attribute_history(action, user)
    action.save()
    return action, action_warnings(action)


@transaction.atomic
def action_update(
    *, user: Any, action: Action, data: dict[str, Any], today: date | None = None
) -> tuple[Action, list[str]]:
    if not user_can_edit_action(user, action):
        raise PermissionDenied
    old_status = action.status
    for name, value in data.items():
        setattr(action, name, value)
    _check_transition(old=old_status, new=action.status)
    _apply_status_side_effects(action, old=old_status, today=today or timezone.localdate())
    action.full_clean()
    _check_action_owner(action)
    _attribute_history(action, user)
    action.save(
        update_fields=[
            *data.keys(),
            "completed_on",
            "dropped_reason",
            "updated_at",
        ]
    )
    return action, action_warnings(action)


def action_set_status(
    *, user: Any, action: Action, status: str, reason: str = "", today: date | None = None
) -> Action:
    """Move an action to another status; dropping needs a reason, finished ones reopen first."""
    data: dict[str, Any] = {"status": status}
    if status == ActionStatus.DROPPED:
        data["dropped_reason"] = reason
    updated, _warnings = action_update(user=user, action=action, data=data, today=today)
    return updated


@transaction.atomic
def action_delete(*, user: Any, action: Action) -> None:
    if not user_can_edit_action(user, action):
        raise PermissionDenied
    _attribute_history(action, user)
    action.delete()


# --- Progress notes -------------------------------------------------------------------------


@transaction.atomic
def progress_note_create(
    *, user: Any, agreement: Agreement, text: str, written_on: date | None = None
) -> ProgressNote:
    if not user_can_edit_agreement(user, agreement):
        raise PermissionDenied
    note = ProgressNote(
        agreement=agreement,
        author=user,
        author_organisation_id=user.organisation_id,
        text=text,
        written_on=written_on or timezone.localdate(),
    )
    note.full_clean()
    note.save()
    return note


# --- Weekly digest --------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestResult:
    recipients: int
    actions: int
    skipped_already_sent: int


def _iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def action_digest_send(*, today: date | None = None, base_url: str = "") -> DigestResult:
    """Mail each owner of due and overdue actions one overview; at most once per ISO week.

    Which actions go to whom is decided by `selectors.digest_selection`. Addresses are never
    logged; the result holds counts only.
    """
    today = today or timezone.localdate()
    week = _iso_week(today)
    base = (base_url or getattr(settings, "DWARSVERBAND_BASE_URL", "")).rstrip("/")
    sent = actions = skipped = 0
    for entry in digest_selection(today=today):
        with transaction.atomic():
            delivery, created = ActionDigestDelivery.objects.select_for_update().get_or_create(
                user=entry.user,
                week=week,
                defaults={"action_count": entry.count, "sent_at": timezone.now()},
            )
            if not created:
                skipped += 1
                continue
            context = {"entry": entry, "today": today, "base_url": base}
            with translation.override(settings.LANGUAGE_CODE):
                subject = ngettext(
                    "Wordt vervolgd: %(count)d actiepunt vraagt aandacht",
                    "Wordt vervolgd: %(count)d actiepunten vragen aandacht",
                    entry.count,
                ) % {"count": entry.count}
                body = render_to_string("agreements/email/action_digest.txt", context)
            # An error sending rolls back the delivery record, so a next run tries again.
            send_mail(subject, body, None, [entry.user.email])
            sent += 1
            actions += delivery.action_count
    logger.info(
        "Wekelijks overzicht actiepunten %s: %d ontvangers, %d actiepunten, %d al verstuurd",
        week,
        sent,
        actions,
        skipped,
    )
    return DigestResult(recipients=sent, actions=actions, skipped_already_sent=skipped)


# --- Joint agendas ---------------------------------------------------------------------------


def _require_joint_agenda(user: Any, agenda: JointAgenda) -> None:
    if not user_can_edit_joint_agenda(user, agenda):
        raise PermissionDenied


@transaction.atomic
def joint_agenda_create(
    *, user: Any, data: dict[str, Any], partners: Iterable[Organisation]
) -> JointAgenda:
    """A coordinator, or an editor of the municipality itself, starts a joint agenda."""
    municipality = data.get("municipality")
    own = getattr(user, "organisation_id", None)
    editor_of_municipality = (
        municipality is not None
        and own == municipality.pk
        and getattr(user, "platform_role", "") == PlatformRole.EDITOR
    )
    if not (user_is_coordinator(user) or editor_of_municipality):
        raise PermissionDenied
    agenda = JointAgenda(**data)
    agenda.full_clean()
    _check_joint_agenda_partners(agenda, partners)
    _attribute_history(agenda, user)
    agenda.save()
    agenda.partners.set(list(partners))
    return agenda


def _check_joint_agenda_partners(agenda: JointAgenda, partners: Iterable[Organisation]) -> None:
    chosen = list(partners)
    if not chosen:
        raise ValidationError(
            {"partners": _("Kies ten minste één woningcorporatie of huurdersorganisatie.")}
        )
    if any(partner.pk == agenda.municipality_id for partner in chosen):
        raise ValidationError(
            {"partners": _("De gemeente zelf voert de agenda; kies haar niet ook als partner.")}
        )


@transaction.atomic
def joint_agenda_update(
    *,
    user: Any,
    agenda: JointAgenda,
    data: dict[str, Any],
    partners: Iterable[Organisation] | None = None,
) -> JointAgenda:
    _require_joint_agenda(user, agenda)
    for field in ("title", "description"):
        if field in data:
            setattr(agenda, field, data[field])
    agenda.full_clean()
    if partners is not None:
        _check_joint_agenda_partners(agenda, partners)
    _attribute_history(agenda, user)
    agenda.save()
    if partners is not None:
        agenda.partners.set(list(partners))
    return agenda


@transaction.atomic
def joint_ambition_save(
    *,
    user: Any,
    agenda: JointAgenda,
    data: dict[str, Any],
    ambition: JointAmbition | None = None,
) -> JointAmbition:
    """Add a shared ambition to the agenda, or change one."""
    _require_joint_agenda(user, agenda)
    ambition = ambition or JointAmbition(agenda=agenda)
    if ambition.agenda_id != agenda.pk:
        raise PermissionDenied
    ambition.theme = data["theme"]
    ambition.ambition = data["ambition"]
    ambition.full_clean()
    ambition.save()
    return ambition


@transaction.atomic
def joint_ambition_delete(*, user: Any, ambition: JointAmbition) -> None:
    _require_joint_agenda(user, ambition.agenda)
    ambition.delete()


@transaction.atomic
def performance_agreement_save(
    *,
    user: Any,
    agenda: JointAgenda,
    data: dict[str, Any],
    performance_agreement: PerformanceAgreement | None = None,
) -> PerformanceAgreement:
    """Record (or correct) the formal performance agreements of one year beside the agenda."""
    _require_joint_agenda(user, agenda)
    record = performance_agreement or PerformanceAgreement(agenda=agenda)
    if record.agenda_id != agenda.pk:
        raise PermissionDenied
    for field in ("year", "title", "summary", "signed_on", "url"):
        if field in data:
            setattr(record, field, data[field])
    duplicate = (
        PerformanceAgreement.objects.filter(agenda=agenda, year=record.year)
        .exclude(pk=record.pk)
        .exists()
    )
    if duplicate:
        raise ValidationError(
            {
                "year": _(
                    "Voor %(year)s zijn al prestatieafspraken vastgelegd; pas die aan in plaats "
                    "van een tweede toe te voegen."
                )
                % {"year": record.year}
            }
        )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def performance_agreement_delete(*, user: Any, performance_agreement: PerformanceAgreement) -> None:
    _require_joint_agenda(user, performance_agreement.agenda)
    performance_agreement.delete()
