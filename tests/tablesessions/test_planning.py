from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from dwarsverband.matching.engine.grouping import balanced_groups, seat_people
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, Person, User
from dwarsverband.tablesessions import services
from dwarsverband.tablesessions.models import TableSession
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DEMO = ["vng", "platform31", "portaal", "mitros", "woonbron", "uwv"]


def _session(
    user: User, specialists: list[Person], tables: int = 3, maximum: int = 4
) -> TableSession:
    return services.table_session_create(
        user=user,
        data={
            "title": "Middag VNG en Platform31",
            "date": datetime.date(2026, 5, 12),
            "organisations": list(Organisation.objects.filter(slug__in=DEMO)),
            "specialists": specialists,
            "table_count": tables,
            "max_per_table": maximum,
        },
    )


def test_every_specialist_is_seated_exactly_once_within_the_table_limit(
    reference: None, make_user: Callable[..., User]
) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    people = [
        PersonFactory(organisation=Organisation.objects.get(slug=slug), function=function)
        for slug, function in [
            ("portaal", "adviseur verduurzaming"),
            ("mitros", "projectleider renovatie"),
            ("mitros", "wijkconsulent ouderen"),
            ("uwv", "arbeidsmarktadviseur"),
            ("vng", "beleidsadviseur wonen"),
            ("platform31", "programmamanager wonen en zorg"),
            ("platform31", "onderzoeker binnensteden"),
            ("woonbron", "wijkmanager"),
            ("vng", "adviseur data"),
            ("portaal", "financieel adviseur"),
        ]
    ]
    session = _session(coordinator, people, tables=3, maximum=4)
    services.table_session_plan(user=coordinator, session=session)
    seats = Counter(
        pk for table in session.tables.all() for pk in table.people.values_list("pk", flat=True)
    )
    assert set(seats) == {p.pk for p in people}
    assert set(seats.values()) == {1}
    assert all(table.people.count() <= 4 for table in session.tables.all())
    sizes = [table.projects.count() for table in session.tables.all()]
    assert max(sizes) - min(sizes) <= 1
    assert session.links.exists()
    assert all(link.table_a_id != link.table_b_id for link in session.links.all())


def test_more_specialists_than_seats_is_refused(
    reference: None, make_user: Callable[..., User]
) -> None:
    people = [PersonFactory(organisation=Organisation.objects.get(slug="vng")) for _ in range(5)]
    with pytest.raises(ValidationError):
        _session(make_user(PlatformRole.COORDINATOR), people, tables=2, maximum=2)


def test_only_coordinators_plan(reference: None, make_user: Callable[..., User]) -> None:
    with pytest.raises(PermissionDenied):
        _session(make_user(PlatformRole.EDITOR, Organisation.objects.get(slug="vng")), [])


def test_plan_page_csv_and_outcomes(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    coordinator = make_user(PlatformRole.COORDINATOR)
    person = PersonFactory(organisation=Organisation.objects.get(slug="portaal"))
    session = _session(coordinator, [person])
    client.force_login(coordinator)
    assert client.post(f"/tafelsessies/{session.pk}/indelen").status_code == 302
    page = client.get(f"/tafelsessies/{session.pk}").content.decode()
    assert "tablesessions/print.css" in page
    assert person.name in page
    csv_text = client.get(f"/tafelsessies/{session.pk}/csv").content.decode("utf-8-sig")
    assert person.name in csv_text
    client.post(f"/tafelsessies/{session.pk}/uitkomsten", {"outcomes": "Samen een leergang."})
    session.refresh_from_db()
    assert session.outcomes == "Samen een leergang."


def test_balanced_groups_differ_by_at_most_one() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(23, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sizes = Counter(balanced_groups(vectors, 4))
    assert sorted(sizes.values()) == [5, 6, 6, 6]


def test_seating_respects_the_maximum_even_when_everyone_wants_one_table() -> None:
    preferences = np.array([[1.0, 0.0]] * 4)
    seats = seat_people(preferences, 2)
    assert Counter(seats) == {0: 2, 1: 2}
