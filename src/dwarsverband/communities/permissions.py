"""Who may manage a community and who sees its internal pages."""

from __future__ import annotations

from typing import Any

from dwarsverband.communities.constants import MembershipStatus
from dwarsverband.communities.models import Community
from dwarsverband.organisations.permissions import user_is_coordinator


def user_can_manage_community(user: Any, community: Community) -> bool:
    """Platform coordinators and the community's own coordinator."""
    if user_is_coordinator(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return community.coordinator_id is not None and community.coordinator_id == user.pk


def user_is_member(user: Any, community: Community) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return community.memberships.filter(user=user, status=MembershipStatus.ACCEPTED).exists()


def user_sees_internal_pages(user: Any, community: Community) -> bool:
    """Members and managers see cases and the attendance of the community."""
    return user_can_manage_community(user, community) or user_is_member(user, community)
