"""Who may change what. Every edit view and service asks these questions."""

from __future__ import annotations

from typing import Any

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation


def user_is_coordinator(user: Any) -> bool:
    """Coordinators and administrators edit all content."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(
        user.is_superuser or user.platform_role in (PlatformRole.COORDINATOR, PlatformRole.ADMIN)
    )


def user_can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """An editor edits only their own organisation; coordinators edit every organisation."""
    if user_is_coordinator(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(
        user.platform_role == PlatformRole.EDITOR
        and user.organisation_id is not None
        and user.organisation_id == organisation.pk
    )


def user_can_add_organisation(user: Any) -> bool:
    return user_is_coordinator(user)
