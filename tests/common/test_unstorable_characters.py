"""A NUL character in a request gets a clear 400, never a database error (PostgreSQL refuses
NUL even in a lookup)."""

from __future__ import annotations

import pytest
from django.test import Client

from dwarsverband.organisations.constants import PlatformRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/kansen?organisatie=a%00b", "/zoeken?q=wonen%00", "/afspraken/nieuw?bron_id=%00"],
)
def test_page_with_nul_in_the_query_is_a_bad_request(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


def test_api_with_nul_in_the_query_or_body_is_a_problem(client: Client) -> None:
    response = client.get("/api/v1/organisaties?naam=a%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"]

    coordinator = UserFactory(platform_role=PlatformRole.COORDINATOR)
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=coordinator)
    created = client.post(
        "/api/v1/organisaties",
        '{"name": "Nieuw", "kind": "other", "regionCodes": ["A\\u0000"]}',
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )
    assert created.status_code == 400
    assert created["Content-Type"] == "application/problem+json"
    assert [item["name"] for item in created.json()["invalidParams"]] == ["regionCodes"]
