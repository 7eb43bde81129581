"""Personal data of registrants (see common/privacy.py)."""

from __future__ import annotations

from typing import Any

from dwarsverband.communities import services
from dwarsverband.communities.models import Registration


def export(*, email: str) -> list[dict[str, Any]]:
    return [
        {
            "meeting": registration.meeting.title,
            "community": registration.meeting.community.title,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation_name,
            "function": registration.function,
            "status": registration.status,
            "registeredAt": registration.created_at.isoformat(),
            "consentAt": registration.consent_at.isoformat(),
        }
        for registration in Registration.objects.filter(email__iexact=email.strip()).select_related(
            "meeting__community"
        )
    ]


def erase(*, email: str) -> int:
    """Delete the registrations; a freed seat goes to the waiting list as with any deletion."""
    count = 0
    for registration in Registration.objects.filter(email__iexact=email.strip()):
        services.registration_delete(registration=registration)
        count += 1
    return count
