"""The Dutch API Design Rules (Logius), checked on the generated OpenAPI document.

Spectral with the Logius ruleset would be the usual linter, but the ruleset is not published
on the npm registry, so the rules that apply are checked here directly.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

KEBAB_SEGMENT = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*|\{[a-zA-Z]+\})$")
CAMEL_CASE = re.compile(r"^[a-z][a-zA-Z0-9]*$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


@pytest.fixture(scope="module")
def document(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def test_openapi_3_with_semver_version_and_contact(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert SEMVER.match(document["info"]["version"])
    assert document["info"]["contact"]["name"]
    assert document["servers"] == [{"url": "/api/v1"}]  # major version in the URI


def test_paths_are_kebab_case_without_trailing_slash(document: dict[str, Any]) -> None:
    for path in document["paths"]:
        assert not path.endswith("/"), path
        for segment in path.strip("/").split("/"):
            assert KEBAB_SEGMENT.match(segment), f"{path}: {segment}"


def test_query_parameters_are_camel_case(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert CAMEL_CASE.match(parameter["name"]), f"{path}: {parameter['name']}"


def test_only_standard_methods(document: dict[str, Any]) -> None:
    allowed = {"get", "post", "put", "patch", "delete", "head", "options"}
    for operations in document["paths"].values():
        assert set(operations) <= allowed


def test_errors_are_documented_as_problem_json(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    assert "application/problem+json" in response["content"], (
                        f"{method} {path} {code}"
                    )
            assert "400" in operation["responses"], f"{method} {path}"


@pytest.mark.django_db
def test_every_response_carries_the_api_version(client: Client) -> None:
    for path in ("/api/v1/openapi.json", "/api/v1/organisaties", "/api/v1/bestaat-niet"):
        assert client.get(path)["API-Version"] == "1.0.0"
