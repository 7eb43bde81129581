"""Who may see and change covenants, agreements and actions.

Readers (and anonymous visitors) read everything that is not internal. Editors change the
agreements and actions of which their own organisation is a party; coordinators change all.
An internal agreement is visible only to its parties and to coordinators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dwarsverband.agreements.models import Action, Agreement, Covenant, JointAgenda
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.permissions import user_is_coordinator


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _editor_organisation_id(user: Any) -> int | None:
    if not _active(user) or user.platform_role != PlatformRole.EDITOR:
        return None
    organisation_id: int | None = user.organisation_id
    return organisation_id


def visible_agreements(user: Any, agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Only the agreements this user may see: public ones, and internal ones of their parties."""
    if user_is_coordinator(user):
        return agreements
    organisation_id = getattr(user, "organisation_id", None) if _active(user) else None
    if organisation_id is None:
        return agreements.filter(internal=False)
    internal_of_own = Agreement.objects.filter(internal=True, parties__id=organisation_id)
    return agreements.filter(Q(internal=False) | Q(pk__in=internal_of_own.values("pk")))


def visible_actions(user: Any, actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.filter(
        agreement__in=visible_agreements(user, Agreement.objects.all()).values("pk")
    )


def user_can_view_agreement(user: Any, agreement: Agreement) -> bool:
    if not agreement.internal or user_is_coordinator(user):
        return True
    organisation_id = getattr(user, "organisation_id", None) if _active(user) else None
    return organisation_id is not None and agreement.parties.filter(pk=organisation_id).exists()


def user_can_add_agreement(user: Any) -> bool:
    return user_is_coordinator(user) or _editor_organisation_id(user) is not None


def user_can_edit_agreement(user: Any, agreement: Agreement) -> bool:
    if user_is_coordinator(user):
        return True
    organisation_id = _editor_organisation_id(user)
    if organisation_id is None:
        return False
    return agreement.owner_organisation_id == organisation_id or (
        agreement.parties.filter(pk=organisation_id).exists()
    )


def user_can_edit_action(user: Any, action: Action) -> bool:
    return user_can_edit_agreement(user, action.agreement)


def user_can_edit_covenant(user: Any, covenant: Covenant) -> bool:
    if user_is_coordinator(user):
        return True
    organisation_id = _editor_organisation_id(user)
    return organisation_id is not None and covenant.parties.filter(pk=organisation_id).exists()


def user_can_add_covenant(user: Any) -> bool:
    return user_is_coordinator(user)


def user_can_edit_joint_agenda(user: Any, agenda: JointAgenda) -> bool:
    if user_is_coordinator(user):
        return True
    organisation_id = _editor_organisation_id(user)
    if organisation_id is None:
        return False
    return agenda.municipality_id == organisation_id or (
        agenda.partners.filter(pk=organisation_id).exists()
    )
