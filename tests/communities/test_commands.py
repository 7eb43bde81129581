from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from dwarsverband.communities import services
from dwarsverband.communities.constants import CommunityStatus
from dwarsverband.communities.models import Registration
from tests.communities.factories import CommunityFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def registered(community_status: str, finished_days_ago: int | None) -> Registration:
    finished_at = (
        timezone.now() - datetime.timedelta(days=finished_days_ago)
        if finished_days_ago is not None
        else None
    )
    community = CommunityFactory(status=community_status, finished_at=finished_at)
    meeting = MeetingFactory(community=community)
    return services.registration_create(
        meeting=meeting,
        name="Piet",
        email=f"piet{community.pk}@example.org",
        organisation_name="Gemeente Ede",
        consent=True,
    )


def test_purge_deletes_registrations_of_communities_finished_long_ago() -> None:
    old = registered(CommunityStatus.FINISHED, 200)
    recent = registered(CommunityStatus.FINISHED, 10)
    running = registered(CommunityStatus.RUNNING, None)
    out = StringIO()
    call_command("purge_registrations", days=180, stdout=out)
    assert "1 aanmeldingen verwijderd" in out.getvalue()
    assert not Registration.objects.filter(pk=old.pk).exists()
    assert Registration.objects.filter(pk__in=[recent.pk, running.pk]).count() == 2


def test_purge_uses_retention_setting(settings: Any) -> None:
    settings.DWARSVERBAND_REGISTRATION_RETENTION_DAYS = 5
    recent = registered(CommunityStatus.FINISHED, 10)
    call_command("purge_registrations", stdout=StringIO())
    assert not Registration.objects.filter(pk=recent.pk).exists()


def test_purge_refuses_negative_retention() -> None:
    with pytest.raises(CommandError):
        call_command("purge_registrations", days=-1, stdout=StringIO())
