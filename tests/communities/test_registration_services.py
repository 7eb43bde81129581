from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from dwarsverband.communities import services
from dwarsverband.communities.constants import (
    REGISTRATION_TOKEN_MAX_AGE_DAYS,
    REGISTRATION_TOKEN_SALT,
    MeetingStatus,
    RegistrationStatus,
)
from dwarsverband.communities.models import Meeting, Registration
from tests.communities.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def register(meeting: Meeting, n: int | str, **extra: Any) -> Registration:
    data: dict[str, Any] = {
        "meeting": meeting,
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@example.org",
        "organisation_name": "Gemeente Zwolle",
        "consent": True,
    }
    data.update(extra)
    return services.registration_create(**data)


def test_registrations_within_capacity_are_confirmed() -> None:
    meeting = MeetingFactory(capacity=2)
    assert [register(meeting, n).status for n in range(2)] == [RegistrationStatus.CONFIRMED] * 2


def test_registration_beyond_capacity_goes_to_waiting_list() -> None:
    meeting = MeetingFactory(capacity=2)
    statuses = [register(meeting, n).status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]


def test_meeting_without_capacity_confirms_everyone() -> None:
    meeting = MeetingFactory(capacity=None)
    assert {register(meeting, n).status for n in range(5)} == {RegistrationStatus.CONFIRMED}


def test_cancel_promotes_first_on_waiting_list() -> None:
    meeting = MeetingFactory(capacity=1)
    first = register(meeting, 1)
    second = register(meeting, 2)
    third = register(meeting, 3)
    services.registration_cancel(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert second.promoted_at is not None
    assert third.status == RegistrationStatus.WAITING


def test_cancelling_a_waiting_registration_promotes_nobody() -> None:
    meeting = MeetingFactory(capacity=1)
    register(meeting, 1)
    second = register(meeting, 2)
    third = register(meeting, 3)
    services.registration_cancel(registration=second)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING


def test_delete_own_registration_removes_data_and_frees_seat() -> None:
    meeting = MeetingFactory(capacity=1)
    first = register(meeting, 1)
    second = register(meeting, 2)
    services.registration_delete(registration=first)
    assert not Registration.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED


def test_larger_capacity_promotes_waiting_list_in_order(make_user: Any) -> None:
    meeting = MeetingFactory(capacity=1)
    regs = [register(meeting, n) for n in range(4)]
    services.meeting_update(user=make_user("coordinator"), meeting=meeting, data={"capacity": 3})
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waiting"]


def test_duplicate_email_is_refused_and_changes_nothing() -> None:
    meeting = MeetingFactory(capacity=5)
    register(meeting, 1)
    with pytest.raises(ValidationError) as error:
        register(meeting, "x", email="  Deelnemer1@Example.org ")
    assert "al iemand aangemeld" in str(error.value.message_dict["email"])
    assert meeting.registrations.count() == 1


def test_registering_again_after_cancelling_is_allowed() -> None:
    meeting = MeetingFactory(capacity=5)
    services.registration_cancel(registration=register(meeting, 1))
    assert register(meeting, 1).status == RegistrationStatus.CONFIRMED


def test_registration_after_deadline_is_refused() -> None:
    now = timezone.now()
    meeting = MeetingFactory(registration_deadline=now + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        register(meeting, 1, now=now + datetime.timedelta(days=1, seconds=1))
    assert "gesloten" in error.value.messages[0]
    assert not meeting.registrations.exists()
    assert register(meeting, 2, now=now).status == RegistrationStatus.CONFIRMED


def test_registration_for_started_meeting_is_refused() -> None:
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        register(meeting, 1, now=meeting.starts_at)


def test_registration_for_cancelled_meeting_is_refused() -> None:
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError) as error:
        register(meeting, 1)
    assert "geannuleerd" in error.value.messages[0]


def test_registration_without_consent_is_refused() -> None:
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        register(meeting, 1, consent=False)
    assert "privacyverklaring" in str(error.value.message_dict["consent"])
    assert not meeting.registrations.exists()


def test_meeting_without_registrations_refuses_them() -> None:
    meeting = MeetingFactory(takes_registrations=False)
    with pytest.raises(ValidationError):
        register(meeting, 1)


def test_token_round_trip() -> None:
    registration = register(MeetingFactory(), 1)
    token = services.registration_token(registration)
    assert services.registration_from_token(token) == registration


def test_forged_token_is_refused() -> None:
    registration = register(MeetingFactory(), 1)
    token = services.registration_token(registration)
    forged = signing.dumps({"r": registration.pk}, salt="iets anders")
    for bad in (forged, token[:-2] + "xx", "onzin"):
        with pytest.raises(ValidationError) as error:
            services.registration_from_token(bad)
        assert "ongeldig" in error.value.messages[0]


def test_expired_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    registration = register(MeetingFactory(), 1)
    signer = signing.TimestampSigner(salt=REGISTRATION_TOKEN_SALT)
    old = timezone.now().timestamp() - (REGISTRATION_TOKEN_MAX_AGE_DAYS + 1) * 86400
    monkeypatch.setattr(signer, "timestamp", lambda: signing.b62_encode(int(old)))
    token = signer.sign_object({"r": registration.pk}, compress=True)
    with pytest.raises(ValidationError) as error:
        services.registration_from_token(token)
    assert "verlopen" in error.value.messages[0]


def test_token_of_deleted_registration_says_so() -> None:
    registration = register(MeetingFactory(), 1)
    token = services.registration_token(registration)
    services.registration_delete(registration=registration)
    with pytest.raises(ValidationError) as error:
        services.registration_from_token(token)
    assert "bestaat niet meer" in error.value.messages[0]
