from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.agreements.constants import ActionStatus
from dwarsverband.agreements.demo import COVENANT_SLUG
from dwarsverband.agreements.models import Action, Agreement, Covenant, ProgressNote
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Theme
from tests.agreements.factories import ActionFactory, AgreementFactory, CovenantFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _token_headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _gouda() -> Organisation:
    return Organisation.objects.get(code="GM0513")


def _gouda_agreement(*, internal: bool = False, covenant: Covenant | None = None) -> Agreement:
    """An agreement of Gouda with Platform31, with one open action owned by Gouda."""
    agreement = AgreementFactory(
        title="Samen de binnenstad versterken",
        owner_organisation=_gouda(),
        parties=[Organisation.objects.get(slug="platform31")],
        internal=internal,
        covenant=covenant,
        agreed_on=datetime.date(2025, 5, 1),
    )
    ActionFactory(agreement=agreement, title="Plan van aanpak schrijven", due_date=None)
    return agreement


def _patch(client: Client, path: str, data: dict[str, Any], user: User | None) -> Any:
    headers = _token_headers(user) if user is not None else {}
    return client.patch(path, data, content_type="application/json", headers=headers)


def _post(client: Client, path: str, data: dict[str, Any], user: User | None) -> Any:
    headers = _token_headers(user) if user is not None else {}
    return client.post(path, data, content_type="application/json", headers=headers)


# --- Covenants ------------------------------------------------------------------------------


def test_covenant_list_shows_progress_counting_actions_without_status_or_due_date(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/convenanten")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert set(body["_links"]) >= {"self", "first", "last"}
    covenant = next(item for item in body["results"] if item["slug"] == COVENANT_SLUG)
    progress = covenant["progress"]
    assert progress["total"] == 9
    assert progress["withoutStatus"] == 1
    assert progress["withoutDueDate"] == 2
    assert progress["done"] == 5
    assert progress["percentage"] == round(100 * 5 / 9)
    assert covenant["status"] == "ended"
    assert covenant["startDate"] == "2015-01-01"
    assert {party["organisation"]["slug"] for party in covenant["parties"]} == {
        "g40-stedennetwerk",
        "platform31",
    }
    assert covenant["createdAt"].endswith("Z")


def test_covenant_list_filters_by_status_party_and_theme(client: Client, reference: None) -> None:
    CovenantFactory(title="Concept voor Gouda", status="draft")
    assert client.get("/api/v1/convenanten", {"status": "draft"}).json()["count"] == 1
    body = client.get("/api/v1/convenanten", {"partij": "platform31"}).json()
    assert [item["slug"] for item in body["results"]] == [COVENANT_SLUG]
    body = client.get("/api/v1/convenanten", {"thema": "wonen-en-zorg"}).json()
    assert [item["slug"] for item in body["results"]] == [COVENANT_SLUG]


def test_invalid_covenant_filters_are_a_problem_listing_each(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/convenanten", {"status": "onbekend", "partij": "<x>"})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {param["name"] for param in response.json()["invalidParams"]} == {"status", "partij"}


def test_covenant_detail_lists_signatories_activities_and_visible_agreements(
    client: Client, reference: None
) -> None:
    covenant = Covenant.objects.get(slug=COVENANT_SLUG)
    hidden = _gouda_agreement(internal=True, covenant=covenant)
    body = client.get(f"/api/v1/convenanten/{COVENANT_SLUG}").json()
    assert {signatory["name"] for signatory in body["signatories"]} == {
        "Ferd Croone",
        "Hamit Karakus",
    }
    assert body["programmeText"]
    listed = {agreement["id"] for agreement in body["agreements"]}
    assert listed == set(
        Agreement.objects.filter(covenant=covenant, internal=False).values_list("pk", flat=True)
    )
    assert hidden.pk not in listed
    # The internal agreement's action does not count for those who may not see it.
    assert body["progress"]["total"] == 9
    assert all("progress" in agreement for agreement in body["agreements"])


def test_covenant_detail_counts_internal_agreement_for_its_party(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    covenant = Covenant.objects.get(slug=COVENANT_SLUG)
    hidden = _gouda_agreement(internal=True, covenant=covenant)
    reader = make_user(PlatformRole.READER, _gouda())
    body = client.get(f"/api/v1/convenanten/{COVENANT_SLUG}", headers=_token_headers(reader)).json()
    assert hidden.pk in {agreement["id"] for agreement in body["agreements"]}
    assert body["progress"]["total"] == 10


def test_unknown_covenant_is_a_404_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/convenanten/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_covenant_list_needs_the_same_queries_for_more_covenants(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    theme = Theme.objects.first()
    for _number in range(6):
        covenant = CovenantFactory()
        covenant.themes.set([theme])
        covenant.party_links.create(organisation=_gouda())
        _gouda_agreement(covenant=covenant)
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/convenanten").json()
    assert body["count"] == 7


# --- Agreements -----------------------------------------------------------------------------


def test_agreement_list_is_paginated_with_progress(client: Client, reference: None) -> None:
    body = client.get("/api/v1/afspraken", {"pageSize": 5}).json()
    assert body["count"] == Agreement.objects.filter(internal=False).count()
    assert len(body["results"]) == 5
    assert "page=2" in body["_links"]["next"]["href"]
    first = body["results"][0]
    assert set(first["progress"]) >= {"total", "done", "withoutStatus", "withoutDueDate"}
    assert first["url"].endswith(f"/api/v1/afspraken/{first['id']}")


def test_agreement_list_filters_by_covenant_party_and_theme(
    client: Client, reference: None
) -> None:
    body = client.get("/api/v1/afspraken", {"convenant": COVENANT_SLUG}).json()
    assert body["count"] == 3
    body = client.get("/api/v1/afspraken", {"partij": "utrecht"}).json()
    assert {item["title"] for item in body["results"]} == {
        "Verduurzaming en herinrichting van de straat tegelijk plannen",
        "Samen een buurt schouwen en één wijkagenda maken",
    }
    body = client.get("/api/v1/afspraken", {"thema": "wonen-en-zorg"}).json()
    assert body["count"] >= 1
    assert all(
        "wonen-en-zorg" in {theme["slug"] for theme in item["themes"]} for item in body["results"]
    )


def test_invalid_agreement_filters_are_a_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/afspraken", {"convenant": "a b", "thema": "é!"})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {param["name"] for param in response.json()["invalidParams"]} == {"convenant", "thema"}


def test_internal_agreement_is_hidden_from_non_parties(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    agreement = _gouda_agreement(internal=True)
    utrecht_editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0344"))
    for headers in ({}, _token_headers(utrecht_editor)):
        listed = client.get("/api/v1/afspraken", {"pageSize": 100}, headers=headers).json()
        assert agreement.pk not in {item["id"] for item in listed["results"]}
        for path in (
            f"/api/v1/afspraken/{agreement.pk}",
            f"/api/v1/afspraken/{agreement.pk}/acties",
            f"/api/v1/afspraken/{agreement.pk}/notities",
            f"/api/v1/acties/{agreement.actions.get().pk}",
        ):
            response = client.get(path, headers=headers)
            assert response.status_code == 404, path
            assert response["Content-Type"] == PROBLEM


def test_internal_agreement_is_visible_to_its_parties_and_coordinators(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    agreement = _gouda_agreement(internal=True)
    for user in (make_user(PlatformRole.READER, _gouda()), make_user(PlatformRole.COORDINATOR)):
        response = client.get(f"/api/v1/afspraken/{agreement.pk}", headers=_token_headers(user))
        assert response.status_code == 200
        assert response.json()["internal"] is True


def test_agreement_detail_shows_actions_with_follow_up_notes_and_progress(
    client: Client, reference: None
) -> None:
    agreement = Agreement.objects.get(title="Wonen en zorg: experimenten Langer Thuis in de steden")
    ProgressNote.objects.create(
        agreement=agreement, written_on=datetime.date(2016, 1, 5), text="Eerste ronde klaar."
    )
    body = client.get(f"/api/v1/afspraken/{agreement.pk}").json()
    assert body["covenant"]["slug"] == COVENANT_SLUG
    assert body["sourceKind"] == "convenant"
    assert len(body["actions"]) == agreement.actions.count()
    statuses = {action["status"] for action in body["actions"]}
    assert None in statuses  # the action without a status is null, not ""
    for action in body["actions"]:
        if action["status"] in ("done", "dropped"):
            assert action["followUp"] is None
        else:
            assert action["followUp"] in ("overdue", "due", "open", "no_due_date")
    assert body["notes"][0]["text"] == "Eerste ronde klaar."
    assert body["notes"][0]["writtenOn"] == "2016-01-05"
    assert body["progress"]["total"] == agreement.actions.count()
    assert body["progress"]["withoutStatus"] == 1


@pytest.mark.parametrize("path", ["/api/v1/afspraken/999999", "/api/v1/afspraken/" + "9" * 30])
def test_unknown_agreement_is_a_404_problem(client: Client, reference: None, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_agreement_list_needs_the_same_queries_for_more_agreements(
    client: Client,
    reference: None,
    make_user: Callable[..., User],
    django_assert_max_num_queries: Any,
) -> None:
    theme = Theme.objects.first()
    for _number in range(15):
        agreement = _gouda_agreement(internal=True)
        agreement.themes.set([theme])
        ActionFactory(agreement=agreement)
    headers = _token_headers(make_user(PlatformRole.EDITOR, _gouda()))
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/afspraken", {"pageSize": 100}, headers=headers).json()
    assert body["count"] == Agreement.objects.count()


def test_editor_creates_an_agreement_of_their_own_organisation(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, _gouda())
    response = _post(
        client,
        "/api/v1/afspraken",
        {
            "title": "Samen een wijkaanpak",
            "ownerOrganisation": "gouda",
            "parties": ["gouda", "platform31"],
            "themes": ["wonen-en-zorg"],
            "covenant": COVENANT_SLUG,
            "agreedOn": "2025-06-01",
            "internal": True,
        },
        editor,
    )
    assert response.status_code == 201
    body = response.json()
    assert response["Location"].endswith(f"/api/v1/afspraken/{body['id']}")
    assert body["internal"] is True
    assert body["progress"]["total"] == 0
    assert body["progress"]["percentage"] is None
    created = Agreement.objects.get(pk=body["id"])
    assert {party.slug for party in created.parties.all()} == {"gouda", "platform31"}
    assert created.history.first().history_user == editor


def test_creating_an_agreement_checks_every_field_at_once(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, _gouda())
    response = _post(
        client,
        "/api/v1/afspraken",
        {"ownerOrganisation": "bestaat-niet", "parties": [], "agreedOn": "gisteren"},
        editor,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert {"title", "ownerOrganisation", "parties", "agreedOn"} <= names


def test_editor_cannot_create_an_agreement_without_their_own_organisation(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0344"))
    response = _post(
        client,
        "/api/v1/afspraken",
        {"title": "Voor een ander", "ownerOrganisation": "gouda", "parties": ["gouda"]},
        editor,
    )
    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["parties"]


def test_creating_an_agreement_needs_a_token_and_an_editor(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    data = {"title": "X", "ownerOrganisation": "gouda", "parties": ["gouda"]}
    assert _post(client, "/api/v1/afspraken", data, None).status_code == 401
    reader = make_user(PlatformRole.READER, _gouda())
    assert _post(client, "/api/v1/afspraken", data, reader).status_code == 403
    assert not Agreement.objects.filter(title="X").exists()


# --- Actions --------------------------------------------------------------------------------


def test_action_list_filters_by_status_owner_and_covenant(client: Client, reference: None) -> None:
    body = client.get("/api/v1/acties", {"status": "open", "pageSize": 100}).json()
    assert body["count"] == Action.objects.filter(status=ActionStatus.OPEN).count()
    assert {item["status"] for item in body["results"]} == {"open"}
    body = client.get("/api/v1/acties", {"eigenaar": "vng", "pageSize": 100}).json()
    assert {item["ownerOrganisation"]["slug"] for item in body["results"]} == {"vng"}
    body = client.get("/api/v1/acties", {"convenant": COVENANT_SLUG}).json()
    assert body["count"] == 9


def test_actions_of_one_agreement_are_paginated(client: Client, reference: None) -> None:
    agreement = Agreement.objects.get(title="Wonen en zorg: experimenten Langer Thuis in de steden")
    body = client.get(f"/api/v1/afspraken/{agreement.pk}/acties", {"pageSize": 2}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert {item["agreement"]["id"] for item in body["results"]} == {agreement.pk}


def test_invalid_action_filters_are_a_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/acties", {"status": "klaar", "eigenaar": "?", "page": "0"})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_action_list_needs_the_same_queries_for_more_actions(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    agreement = _gouda_agreement()
    for _number in range(30):
        ActionFactory(agreement=agreement)
    with django_assert_max_num_queries(2):
        body = client.get("/api/v1/acties", {"pageSize": 100}).json()
    assert body["count"] == Action.objects.count()


def test_editor_of_a_party_marks_an_action_done(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    action = _gouda_agreement().actions.get()
    editor = make_user(PlatformRole.EDITOR, _gouda())
    response = _patch(client, f"/api/v1/acties/{action.pk}", {"status": "done"}, editor)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "done"
    assert body["completedOn"] is not None
    assert body["followUp"] is None
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_dropping_an_action_needs_a_reason(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    action = _gouda_agreement().actions.get()
    editor = make_user(PlatformRole.EDITOR, _gouda())
    response = _patch(client, f"/api/v1/acties/{action.pk}", {"status": "dropped"}, editor)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert [param["name"] for param in response.json()["invalidParams"]] == ["droppedReason"]
    response = _patch(
        client,
        f"/api/v1/acties/{action.pk}",
        {"status": "dropped", "droppedReason": "Budget is vervallen."},
        editor,
    )
    assert response.status_code == 200
    assert response.json()["droppedReason"] == "Budget is vervallen."


def test_a_finished_action_is_reopened_before_it_moves_on(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    action = _gouda_agreement().actions.get()
    editor = make_user(PlatformRole.EDITOR, _gouda())
    assert (
        _patch(client, f"/api/v1/acties/{action.pk}", {"status": "done"}, editor).status_code == 200
    )
    response = _patch(client, f"/api/v1/acties/{action.pk}", {"status": "in_progress"}, editor)
    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["status"]


@pytest.mark.parametrize("data", [{}, {"status": None}, {"status": "klaar"}])
def test_changing_an_action_needs_a_known_status(
    client: Client, reference: None, make_user: Callable[..., User], data: dict[str, Any]
) -> None:
    action = _gouda_agreement().actions.get()
    editor = make_user(PlatformRole.EDITOR, _gouda())
    response = _patch(client, f"/api/v1/acties/{action.pk}", data, editor)
    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["status"]


def test_only_editors_of_a_party_change_an_action(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    action = _gouda_agreement().actions.get()
    path = f"/api/v1/acties/{action.pk}"
    assert _patch(client, path, {"status": "done"}, None).status_code == 401
    for user in (
        make_user(PlatformRole.READER, _gouda()),
        make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0344")),
    ):
        response = _patch(client, path, {"status": "done"}, user)
        assert response.status_code == 403
        assert response["Content-Type"] == PROBLEM
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


# --- Progress notes -------------------------------------------------------------------------


def test_editor_of_a_party_adds_a_progress_note(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    agreement = _gouda_agreement()
    editor = make_user(PlatformRole.EDITOR, _gouda())
    path = f"/api/v1/afspraken/{agreement.pk}/notities"
    response = _post(client, path, {"text": "Eerste overleg gehouden."}, editor)
    assert response.status_code == 201
    body = response.json()
    assert body["authorOrganisation"]["slug"] == "gouda"
    assert body["writtenOn"]
    listed = client.get(path).json()
    assert [note["text"] for note in listed["results"]] == ["Eerste overleg gehouden."]
    detail = client.get(f"/api/v1/afspraken/{agreement.pk}").json()
    assert [note["text"] for note in detail["notes"]] == ["Eerste overleg gehouden."]


def test_progress_note_needs_text_and_an_editor_of_a_party(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    agreement = _gouda_agreement()
    path = f"/api/v1/afspraken/{agreement.pk}/notities"
    editor = make_user(PlatformRole.EDITOR, _gouda())
    response = _post(client, path, {"text": "", "writtenOn": "morgen"}, editor)
    assert response.status_code == 400
    assert {param["name"] for param in response.json()["invalidParams"]} == {"text", "writtenOn"}
    assert _post(client, path, {"text": "x"}, None).status_code == 401
    reader = make_user(PlatformRole.READER, _gouda())
    assert _post(client, path, {"text": "x"}, reader).status_code == 403
    assert not agreement.notes.exists()
