"""API v1 for table sessions: read them; coordinators create, plan and record outcomes."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.tablesessions import services
from dwarsverband.tablesessions.models import TableSession
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PARTICIPANTS = ["vng", "platform31", "portaal", "mitros", "woonbron", "uwv"]


def _token_headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _invalid_names(body: dict[str, Any]) -> set[str]:
    return {param["name"] for param in body["invalidParams"]}


def table_session(coordinator: User, *, planned: bool = False) -> TableSession:
    session = services.table_session_create(
        user=coordinator,
        data={
            "title": "Middag VNG en Platform31",
            "date": datetime.date(2026, 5, 12),
            "organisations": list(Organisation.objects.filter(slug__in=PARTICIPANTS)),
            "specialists": [
                PersonFactory(organisation=Organisation.objects.get(slug="vng"), function="wonen"),
                PersonFactory(organisation=Organisation.objects.get(slug="uwv"), function="werk"),
            ],
            "table_count": 3,
            "max_per_table": 4,
        },
    )
    if planned:
        services.table_session_plan(user=coordinator, session=session)
    return session


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.COORDINATOR)


def test_list_is_newest_first(client: Client, reference: None, coordinator: User) -> None:
    older = table_session(coordinator)
    older.date = datetime.date(2001, 1, 1)
    older.save(update_fields=["date"])
    newer = table_session(coordinator)
    body = client.get("/api/v1/tafelsessies", {"pageSize": 100}).json()
    ids = [item["id"] for item in body["results"]]
    assert ids.index(newer.pk) < ids.index(older.pk)
    dates = [item["date"] for item in body["results"]]
    assert dates == sorted(dates, reverse=True)
    listed = next(item for item in body["results"] if item["id"] == newer.pk)
    assert listed["date"] == "2026-05-12"
    assert {item["slug"] for item in listed["organisations"]} == set(PARTICIPANTS)


def test_planned_session_shows_tables_seats_and_links(
    client: Client, reference: None, coordinator: User
) -> None:
    session = table_session(coordinator, planned=True)
    body = client.get(f"/api/v1/tafelsessies/{session.pk}").json()
    assert body["plannedAt"].endswith("Z")
    assert [table["number"] for table in body["tables"]] == [1, 2, 3]
    seated = [person["name"] for table in body["tables"] for person in table["people"]]
    assert sorted(seated) == sorted(session.specialists.values_list("name", flat=True))
    projects = [project for table in body["tables"] for project in table["projects"]]
    assert {project["organisation"]["slug"] for project in projects} <= set(PARTICIPANTS)
    assert body["links"]
    assert body["links"][0]["tableA"] != body["links"][0]["tableB"]


def test_unknown_session_is_a_404_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/tafelsessies/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_detail_does_not_query_per_table(
    client: Client, reference: None, coordinator: User, django_assert_max_num_queries: Any
) -> None:
    session = table_session(coordinator, planned=True)
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/tafelsessies/{session.pk}")
    assert len(response.json()["tables"]) == 3


def test_list_does_not_query_per_session(
    client: Client, reference: None, coordinator: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        table_session(coordinator)
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/tafelsessies", {"pageSize": 100})
    assert len(response.json()["results"]) == TableSession.objects.count() >= 5


def test_coordinator_creates_a_session(client: Client, reference: None, coordinator: User) -> None:
    specialist = PersonFactory(organisation=Organisation.objects.get(slug="vng"))
    response = client.post(
        "/api/v1/tafelsessies",
        {
            "title": "Tafelmiddag wonen en zorg",
            "date": "2026-09-01",
            "organisationSlugs": ["vng", "platform31"],
            "specialistIds": [specialist.pk],
            "tableCount": 2,
            "maxPerTable": 5,
        },
        content_type="application/json",
        headers=_token_headers(coordinator),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["tables"] == [] and body["plannedAt"] is None
    session = TableSession.objects.get(pk=body["id"])
    assert session.created_by == coordinator
    assert list(session.specialists.all()) == [specialist]


def test_invalid_session_lists_every_field(
    client: Client, reference: None, coordinator: User
) -> None:
    response = client.post(
        "/api/v1/tafelsessies",
        {
            "date": "morgen",
            "organisationSlugs": [],
            "specialistIds": [999999],
            "tableCount": 0,
            "maxPerTable": 101,
        },
        content_type="application/json",
        headers=_token_headers(coordinator),
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert _invalid_names(response.json()) == {
        "title",
        "date",
        "organisationSlugs",
        "specialistIds",
        "tableCount",
        "maxPerTable",
    }


def test_unknown_or_unstorable_participant_is_a_problem(
    client: Client, reference: None, coordinator: User
) -> None:
    response = client.post(
        "/api/v1/tafelsessies",
        {
            "title": "Tafelmiddag",
            "date": "2026-09-01",
            "organisationSlugs": ["vng", "bestaat-niet", "v\x00ng"],
            "tableCount": 2,
            "maxPerTable": 5,
        },
        content_type="application/json",
        headers=_token_headers(coordinator),
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"organisationSlugs.1", "organisationSlugs.2"}


def test_more_specialists_than_seats_is_a_problem_on_max_per_table(
    client: Client, reference: None, coordinator: User
) -> None:
    people = [PersonFactory(organisation=Organisation.objects.get(slug="vng")) for _ in range(3)]
    response = client.post(
        "/api/v1/tafelsessies",
        {
            "title": "Te krap",
            "date": "2026-09-01",
            "organisationSlugs": ["vng"],
            "specialistIds": [person.pk for person in people],
            "tableCount": 1,
            "maxPerTable": 2,
        },
        content_type="application/json",
        headers=_token_headers(coordinator),
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"maxPerTable"}
    assert not TableSession.objects.filter(title="Te krap").exists()


def test_editors_do_not_create_sessions(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    data = {
        "title": "Eigen sessie",
        "date": "2026-09-01",
        "organisationSlugs": ["gouda"],
        "tableCount": 2,
        "maxPerTable": 5,
    }
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(slug="gouda"))
    response = client.post(
        "/api/v1/tafelsessies",
        data,
        content_type="application/json",
        headers=_token_headers(editor),
    )
    assert response.status_code == 403
    response = client.post("/api/v1/tafelsessies", data, content_type="application/json")
    assert response.status_code == 401
    assert not TableSession.objects.filter(title="Eigen sessie").exists()


def test_coordinator_plans_the_tables(client: Client, reference: None, coordinator: User) -> None:
    session = table_session(coordinator)
    response = client.post(
        f"/api/v1/tafelsessies/{session.pk}/indelen", headers=_token_headers(coordinator)
    )
    assert response.status_code == 200
    assert len(response.json()["tables"]) == 3
    session.refresh_from_db()
    assert session.planned_at is not None


def test_editors_do_not_plan(
    client: Client, reference: None, coordinator: User, make_user: Callable[..., User]
) -> None:
    session = table_session(coordinator)
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(slug="vng"))
    path = f"/api/v1/tafelsessies/{session.pk}/indelen"
    assert client.post(path, headers=_token_headers(editor)).status_code == 403
    assert client.post(path).status_code == 401
    assert (
        client.post(
            "/api/v1/tafelsessies/999999/indelen", headers=_token_headers(coordinator)
        ).status_code
        == 404
    )
    session.refresh_from_db()
    assert session.planned_at is None


def test_coordinator_records_outcomes(client: Client, reference: None, coordinator: User) -> None:
    session = table_session(coordinator)
    response = client.patch(
        f"/api/v1/tafelsessies/{session.pk}",
        {"outcomes": "VNG en UWV maken samen een werkagenda."},
        content_type="application/json",
        headers=_token_headers(coordinator),
    )
    assert response.status_code == 200
    assert response.json()["outcomes"] == "VNG en UWV maken samen een werkagenda."
    session.refresh_from_db()
    assert session.outcomes == "VNG en UWV maken samen een werkagenda."


def test_only_outcomes_change_after_creation(
    client: Client, reference: None, coordinator: User
) -> None:
    session = table_session(coordinator)
    response = client.patch(
        f"/api/v1/tafelsessies/{session.pk}",
        {"title": "Andere titel", "outcomes": "Afspraken."},
        content_type="application/json",
        headers=_token_headers(coordinator),
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Middag VNG en Platform31"


def test_editors_do_not_record_outcomes(
    client: Client, reference: None, coordinator: User, make_user: Callable[..., User]
) -> None:
    session = table_session(coordinator)
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(slug="vng"))
    response = client.patch(
        f"/api/v1/tafelsessies/{session.pk}",
        {"outcomes": "Van mij."},
        content_type="application/json",
        headers=_token_headers(editor),
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.outcomes == ""
