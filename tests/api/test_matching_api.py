"""API v1 for collaboration opportunities: filters, explanation, accepting and dismissing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.matching.constants import OpportunityKind, OpportunityStatus
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Project

pytestmark = pytest.mark.django_db


def _token_headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _editor_of(slug: str, make_user: Callable[..., User]) -> dict[str, str]:
    return _token_headers(make_user(PlatformRole.EDITOR, Organisation.objects.get(slug=slug)))


def _invalid_names(body: dict[str, Any]) -> set[str]:
    return {param["name"] for param in body["invalidParams"]}


def opportunity_between(first_slug: str, second_slug: str) -> Opportunity:
    """A proposed opportunity between a project of each organisation, whatever was computed."""
    projects = [
        Project.objects.filter(programme__organisation__slug=slug).order_by("pk").first()
        for slug in (first_slug, second_slug)
    ]
    first, second = sorted(projects, key=lambda project: project.pk if project else 0)
    assert first is not None and second is not None
    opportunity, _created = Opportunity.objects.update_or_create(
        project_a=first,
        project_b=second,
        defaults={
            "kind": OpportunityKind.OVERLAP,
            "score": 0.99,
            "similarity": 0.9,
            "shared_terms": ["regio"],
            "shared_regions": [["Zuid-Holland", "province"]],
            "status": OpportunityStatus.PROPOSED,
            "dismissal_reason": "",
            "decided_by": None,
            "decided_at": None,
        },
    )
    return opportunity


def gouda_and_vng_opportunity() -> Opportunity:
    """Gouda's and VNG's to decide on, so not Utrecht's."""
    return opportunity_between("gouda", "vng")


def _url(opportunity: Opportunity, action: str = "") -> str:
    return f"/api/v1/kansen/{opportunity.pk}" + (f"/{action}" if action else "")


def test_list_is_best_first_with_explanations(client: Client, reference: None) -> None:
    body = client.get("/api/v1/kansen", {"pageSize": 100}).json()
    scores = [item["score"] for item in body["results"]]
    assert body["count"] == Opportunity.objects.exclude(status="dismissed").count() > 0
    assert scores == sorted(scores, reverse=True)
    first = body["results"][0]
    assert first["explanation"]
    assert first["projectA"]["organisation"]["slug"] != first["projectB"]["organisation"]["slug"]


def test_filter_by_organisation_and_kind(client: Client, reference: None) -> None:
    gouda_and_vng_opportunity()
    body = client.get("/api/v1/kansen", {"organisatie": "gouda", "pageSize": 100}).json()
    assert body["count"] >= 1
    for item in body["results"]:
        parties = {
            item["projectA"]["organisation"]["slug"],
            item["projectB"]["organisation"]["slug"],
        }
        assert "gouda" in parties
    body = client.get("/api/v1/kansen", {"soort": "cross_table", "pageSize": 100}).json()
    assert body["count"] == Opportunity.objects.filter(kind="cross_table").count()
    assert {item["kind"] for item in body["results"]} <= {"cross_table"}


def test_filter_by_theme_region_and_project(client: Client, reference: None) -> None:
    opportunity = gouda_and_vng_opportunity()
    theme = opportunity.project_a.themes.first() or opportunity.project_b.themes.first()
    assert theme is not None
    body = client.get("/api/v1/kansen", {"thema": theme.slug, "pageSize": 100}).json()
    assert opportunity.pk in {item["id"] for item in body["results"]}
    body = client.get("/api/v1/kansen", {"regio": "AM20", "pageSize": 100}).json()
    assert opportunity.pk in {item["id"] for item in body["results"]}
    body = client.get("/api/v1/kansen", {"project": opportunity.project_a_id}).json()
    assert opportunity.pk in {item["id"] for item in body["results"]}
    assert client.get("/api/v1/kansen", {"regio": "XX99"}).json()["count"] == 0


def test_invalid_filters_are_listed_together(client: Client, reference: None) -> None:
    response = client.get(
        "/api/v1/kansen",
        {"soort": "vriendschap", "status": "misschien", "project": "nul", "organisatie": "a b"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert _invalid_names(response.json()) == {"soort", "status", "project", "organisatie"}


def test_detail_explains_the_opportunity(client: Client, reference: None) -> None:
    opportunity = gouda_and_vng_opportunity()
    body = client.get(_url(opportunity)).json()
    assert body["status"] == "proposed"
    assert body["percentage"] == 90
    assert body["sharedRegions"] == [{"name": "Zuid-Holland", "kind": "province"}]
    assert any("Overlap" in sentence for sentence in body["explanation"])
    assert body["decidedAt"] is None


def test_unknown_opportunity_is_a_404_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/kansen/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_list_does_not_query_per_opportunity(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    assert Opportunity.objects.count() > 20
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/kansen", {"pageSize": 100})
    assert len(response.json()["results"]) > 20


def test_party_accepts_an_opportunity(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = gouda_and_vng_opportunity()
    response = client.post(_url(opportunity, "oppakken"), headers=_editor_of("gouda", make_user))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert body["decidedAt"].endswith("Z")
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.ACCEPTED
    assert opportunity.decided_by is not None
    assert opportunity.decided_by.organisation.slug == "gouda"  # type: ignore[union-attr]


def test_others_may_not_accept(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = gouda_and_vng_opportunity()
    path = _url(opportunity, "oppakken")
    assert client.post(path, headers=_editor_of("utrecht", make_user)).status_code == 403
    reader = _token_headers(make_user(PlatformRole.READER, Organisation.objects.get(slug="gouda")))
    assert client.post(path, headers=reader).status_code == 403
    response = client.post(path)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PROPOSED


def test_accepting_an_unknown_opportunity_is_a_404(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    response = client.post(
        "/api/v1/kansen/999999/oppakken",
        headers=_token_headers(make_user(PlatformRole.COORDINATOR)),
    )
    assert response.status_code == 404


def test_dismissing_needs_a_reason(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = gouda_and_vng_opportunity()
    headers = _editor_of("gouda", make_user)
    for data in ({}, {"reason": "   "}):
        response = client.post(
            _url(opportunity, "afwijzen"), data, content_type="application/json", headers=headers
        )
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert _invalid_names(response.json()) == {"reason"}
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PROPOSED


def test_dismissed_opportunity_keeps_its_reason_and_leaves_the_default_list(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = gouda_and_vng_opportunity()
    response = client.post(
        _url(opportunity, "afwijzen"),
        {"reason": "We werken hier al samen."},
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert response.json()["dismissalReason"] == "We werken hier al samen."
    opportunity.refresh_from_db()
    assert opportunity.decided_hash_a  # the service recorded the projects' content
    default = client.get("/api/v1/kansen", {"organisatie": "gouda", "pageSize": 100}).json()
    assert opportunity.pk not in {item["id"] for item in default["results"]}
    dismissed = client.get("/api/v1/kansen", {"status": "dismissed"}).json()
    assert opportunity.pk in {item["id"] for item in dismissed["results"]}


def test_others_may_not_dismiss(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = gouda_and_vng_opportunity()
    data = {"reason": "Niet aan mij."}
    response = client.post(
        _url(opportunity, "afwijzen"),
        data,
        content_type="application/json",
        headers=_editor_of("utrecht", make_user),
    )
    assert response.status_code == 403
    response = client.post(_url(opportunity, "afwijzen"), data, content_type="application/json")
    assert response.status_code == 401
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PROPOSED


def test_accept_and_dismiss_are_post_only(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = gouda_and_vng_opportunity()
    headers = _editor_of("gouda", make_user)
    assert client.get(_url(opportunity, "oppakken"), headers=headers).status_code == 405
    assert client.delete(_url(opportunity, "afwijzen"), headers=headers).status_code == 405


def test_an_empty_project_number_is_invalid_not_ignored(client: Client, reference: None) -> None:
    response = client.get("/api/v1/kansen", {"project": ""})

    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"project"}
