"""Personal data of user accounts (see common/privacy.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from dwarsverband.organisations.models import User


def export(*, email: str) -> list[dict[str, Any]]:
    return [
        {
            "username": user.username,
            "firstName": user.first_name,
            "lastName": user.last_name,
            "email": user.email,
            "organisation": user.organisation.name if user.organisation else None,
            "platformRole": user.platform_role,
            "dateJoined": user.date_joined.isoformat(),
            "lastLogin": user.last_login.isoformat() if user.last_login else None,
        }
        for user in User.objects.filter(email__iexact=email).select_related("organisation")
    ]


@transaction.atomic
def erase(*, email: str) -> int:
    """Anonymise the accounts: the history that points at them stays, the person is gone."""
    count = 0
    for user in User.objects.filter(email__iexact=email):
        user.username = f"verwijderd-{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(
            update_fields=["username", "first_name", "last_name", "email", "is_active", "password"]
        )
        count += 1
    return count
