from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User

pytestmark = pytest.mark.django_db


def _token_headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def test_openapi_document_is_public_with_cors(client: Client) -> None:
    response = client.get("/api/v1/openapi.json", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/organisaties" in document["paths"]
    assert response["API-Version"] == "1.0.0"


def test_documentation_page_is_served_without_cdn(client: Client) -> None:
    content = client.get("/api/v1/docs").content.decode()
    assert "redoc" in content.lower()
    assert "cdn." not in content and "unpkg" not in content
    assert "googleapis" not in content


def test_list_is_paginated_with_links(client: Client, reference: None) -> None:
    response = client.get("/api/v1/organisaties", {"soort": "municipality", "pageSize": 10})
    body = response.json()
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert body["count"] == 342
    assert len(body["results"]) == 10
    assert (
        body["_links"]["next"]["href"].endswith("page=2&pageSize=10")
        or "page=2" in (body["_links"]["next"]["href"])
    )
    assert "prev" not in body["_links"]


def test_filters_by_name_and_region(client: Client, reference: None) -> None:
    body = client.get("/api/v1/organisaties", {"naam": "Gouda"}).json()
    assert [item["code"] for item in body["results"]] == ["GM0513"]
    gouda = body["results"][0]
    assert {region["code"] for region in gouda["regions"]} == {"PV28", "AM20", "CR28"}
    body = client.get("/api/v1/organisaties", {"arbeidsmarktregio": "AM20"}).json()
    assert body["count"] == 4


def test_dates_are_answered_in_utc(client: Client, reference: None) -> None:
    body = client.get("/api/v1/organisaties/gouda").json()
    assert body["createdAt"].endswith("Z") or body["createdAt"].endswith("+00:00")


def test_invalid_query_parameters_are_a_problem_listing_each(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/organisaties", {"soort": "onbekend", "netwerk": "<x>"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert names == {"soort", "netwerk"}


@pytest.mark.parametrize(
    "path", ["/api/v1/organisaties/", "/api/v1/onbekend", "/api/v1/organisaties/bestaat-niet"]
)
def test_unknown_paths_and_trailing_slash_are_404_problems(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_writing_needs_a_token(client: Client, reference: None) -> None:
    response = client.patch(
        "/api/v1/organisaties/gouda", {"description": "x"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_editor_of_gouda_patches_gouda_but_not_utrecht(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0513"))
    headers = _token_headers(editor)
    response = client.patch(
        "/api/v1/organisaties/gouda",
        {"description": "Via de API"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["description"] == "Via de API"
    response = client.patch(
        "/api/v1/organisaties/utrecht",
        {"description": "Niet van mij"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403
    assert Organisation.objects.get(slug="utrecht").description == ""


def test_coordinator_creates_organisation_and_sees_all_errors_at_once(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _token_headers(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        "/api/v1/organisaties",
        {"kind": "planet", "website": "geen adres", "regionCodes": ["XX"]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert {"name", "kind", "website", "regionCodes"} <= names
    response = client.post(
        "/api/v1/organisaties",
        {"name": "Woonstichting Midden", "kind": "housing_corporation", "regionCodes": ["AM20"]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    created = Organisation.objects.get(name="Woonstichting Midden")
    assert [region.code for region in created.regions.all()] == ["AM20"]


def test_organisation_with_a_code_in_use_is_refused_on_code(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    response = client.post(
        "/api/v1/organisaties",
        {"name": "Tweede Gouda", "kind": "municipality", "code": "GM0513"},
        content_type="application/json",
        headers=_token_headers(make_user(PlatformRole.COORDINATOR)),
    )
    assert response.status_code == 400
    assert [(param["name"], param["code"]) for param in response.json()["invalidParams"]] == [
        ("code", "unique")
    ]
    assert not Organisation.objects.filter(name="Tweede Gouda").exists()


def test_editor_cannot_create_organisations(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0513"))
    response = client.post(
        "/api/v1/organisaties",
        {"name": "X", "kind": "other"},
        content_type="application/json",
        headers=_token_headers(editor),
    )
    assert response.status_code == 403


def test_malformed_json_is_a_problem(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _token_headers(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        "/api/v1/organisaties", "{not json", content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_network_lists_members_with_join_dates(client: Client, reference: None) -> None:
    body = client.get("/api/v1/netwerken/g40-stedennetwerk").json()
    assert body["memberCount"] == 41
    amstelveen = next(m for m in body["members"] if m["member"]["name"] == "Amstelveen")
    assert amstelveen["joinedOn"] == "2022-07-01"


def test_region_filter_by_kind(client: Client, reference: None) -> None:
    body = client.get("/api/v1/regios", {"soort": "labour_market", "pageSize": 100}).json()
    assert body["count"] == 35
