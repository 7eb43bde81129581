"""Parallel registrations for the last seats on the real PostgreSQL (skipped on SQLite)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from dwarsverband.communities import services
from dwarsverband.communities.models import Meeting, Registration
from tests.communities.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 60
CAPACITY = 20


def test_parallel_registrations_never_overbook() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers by itself")
    meeting = MeetingFactory(capacity=CAPACITY)
    barrier = threading.Barrier(PARALLEL)
    errors: list[BaseException] = []

    def register(n: int) -> None:
        try:
            barrier.wait()
            services.registration_create(
                meeting=Meeting.objects.get(pk=meeting.pk),
                name=f"Deelnemer {n}",
                email=f"deelnemer{n}@example.org",
                organisation_name="Gemeente Amersfoort",
                consent=True,
            )
        except (ValidationError, Exception) as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = Counter(meeting.registrations.values_list("status", flat=True))
    assert statuses == {"confirmed": CAPACITY, "waiting": PARALLEL - CAPACITY}
    # The waiting list is in order of arrival: every confirmed came before every waiting one.
    confirmed = Registration.objects.filter(meeting=meeting, status="confirmed")
    waiting = Registration.objects.filter(meeting=meeting, status="waiting")
    last_confirmed = max(confirmed.values_list("pk", flat=True))
    assert min(waiting.values_list("pk", flat=True)) > last_confirmed
