from __future__ import annotations

import pytest

from dwarsverband.common.privacy import personal_data_erase, personal_data_export
from dwarsverband.communities import services
from dwarsverband.communities.constants import RegistrationStatus
from dwarsverband.communities.models import Registration
from tests.communities.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_gdpr_export_and_erase_cover_registrations() -> None:
    meeting = MeetingFactory(capacity=1)
    services.registration_create(
        meeting=meeting, name="Eva", email="eva@example.org", organisation_name="X", consent=True
    )
    other = services.registration_create(
        meeting=meeting, name="Bo", email="bo@example.org", organisation_name="Y", consent=True
    )
    exported = personal_data_export(email="EVA@example.org")
    assert exported["data"]["communities"][0]["name"] == "Eva"
    erased = personal_data_erase(email="eva@example.org")
    assert erased["communities"] == 1
    assert not Registration.objects.filter(email="eva@example.org").exists()
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED
