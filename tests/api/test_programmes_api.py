"""API v1 for themes, annual programmes and projects."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Programme, Project, Theme

pytestmark = pytest.mark.django_db


def _token_headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _editor_of(slug: str, make_user: Callable[..., User]) -> dict[str, str]:
    return _token_headers(make_user(PlatformRole.EDITOR, Organisation.objects.get(slug=slug)))


def _programme(slug: str) -> Programme:
    return Programme.objects.get(organisation__slug=slug, year=2026)


def _invalid_names(body: dict[str, Any]) -> set[str]:
    return {param["name"] for param in body["invalidParams"]}


# Themes ---------------------------------------------------------------------------------------


def test_themes_are_listed_with_their_taakvelden(client: Client, reference: None) -> None:
    body = client.get("/api/v1/themas", {"pageSize": 100}).json()
    assert body["count"] == Theme.objects.count()
    poverty = next(item for item in body["results"] if item["slug"] == "armoede-en-schulden")
    assert poverty["domain"] == "social"
    assert poverty["iv3Taakvelden"][0]["code"]
    assert poverty["url"].endswith("/api/v1/themas/armoede-en-schulden")


def test_themes_filter_by_domain(client: Client, reference: None) -> None:
    body = client.get("/api/v1/themas", {"domein": "economy", "pageSize": 100}).json()
    assert body["count"] == Theme.objects.filter(domain="economy").count()
    assert {item["domain"] for item in body["results"]} == {"economy"}


def test_theme_detail_and_unknown_theme(client: Client, reference: None) -> None:
    assert client.get("/api/v1/themas/energietransitie").json()["name"] == "Energietransitie"
    response = client.get("/api/v1/themas/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_domain_is_a_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/themas", {"domein": "sport"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert _invalid_names(response.json()) == {"domein"}


def test_coordinator_adds_and_renames_a_theme(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _token_headers(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        "/api/v1/themas",
        {"name": "Digitale inclusie", "domain": "social", "description": "Iedereen online."},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "digitale-inclusie"
    response = client.patch(
        "/api/v1/themas/digitale-inclusie",
        {"description": "Niemand buitengesloten."},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert Theme.objects.get(slug="digitale-inclusie").description == "Niemand buitengesloten."


def test_theme_with_existing_name_and_unknown_domain_lists_both(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    response = client.post(
        "/api/v1/themas",
        {"name": "Energietransitie", "domain": "sport"},
        content_type="application/json",
        headers=_token_headers(make_user(PlatformRole.COORDINATOR)),
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"name", "domain"}


def test_editors_do_not_add_themes(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    data = {"name": "Eigen thema", "domain": "social"}
    response = client.post(
        "/api/v1/themas",
        data,
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 403
    assert client.post("/api/v1/themas", data, content_type="application/json").status_code == 401
    assert not Theme.objects.filter(name="Eigen thema").exists()


# Programmes -----------------------------------------------------------------------------------


def test_programmes_filter_by_organisation_and_year(client: Client, reference: None) -> None:
    body = client.get("/api/v1/jaarprogrammas", {"organisatie": "gouda", "jaar": 2026}).json()
    assert body["count"] == 1
    gouda = body["results"][0]
    assert gouda["organisation"]["slug"] == "gouda"
    assert gouda["projectCount"] == _programme("gouda").projects.count()
    assert client.get("/api/v1/jaarprogrammas", {"jaar": 2031}).json()["count"] == 0


def test_invalid_programme_filters_are_listed_together(client: Client, reference: None) -> None:
    response = client.get("/api/v1/jaarprogrammas", {"jaar": "volgend jaar", "organisatie": "<x>"})
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"jaar", "organisatie"}


def test_programme_detail_lists_its_projects(client: Client, reference: None) -> None:
    programme = _programme("gouda")
    body = client.get(f"/api/v1/jaarprogrammas/{programme.pk}").json()
    assert body["title"] == programme.title
    assert {item["title"] for item in body["projects"]} == set(
        programme.projects.values_list("title", flat=True)
    )
    assert body["projectCount"] == len(body["projects"])
    assert body["createdAt"].endswith("Z")


def test_unknown_programme_is_a_404_problem(client: Client, reference: None) -> None:
    for path in ("/api/v1/jaarprogrammas/999999", "/api/v1/jaarprogrammas/999999/projecten"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_editor_adds_a_programme_for_own_organisation_only(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _editor_of("gouda", make_user)
    response = client.post(
        "/api/v1/jaarprogrammas",
        {"organisationSlug": "gouda", "year": 2027, "title": "Jaarprogramma 2027"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response.json()["organisation"]["slug"] == "gouda"
    assert response.json()["projectCount"] == 0
    response = client.post(
        "/api/v1/jaarprogrammas",
        {"organisationSlug": "utrecht", "year": 2027, "title": "Jaarprogramma 2027"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403
    assert not Programme.objects.filter(organisation__slug="utrecht", year=2027).exists()


def test_readers_do_not_add_programmes(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    reader = make_user(PlatformRole.READER, Organisation.objects.get(slug="gouda"))
    response = client.post(
        "/api/v1/jaarprogrammas",
        {"organisationSlug": "gouda", "year": 2027},
        content_type="application/json",
        headers=_token_headers(reader),
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_second_programme_for_the_same_year_is_a_problem(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    response = client.post(
        "/api/v1/jaarprogrammas",
        {"organisationSlug": "gouda", "year": 2026, "title": "Nog een"},
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "bestaat al" in response.json()["invalidParams"][0]["reason"]


def test_programme_with_invalid_fields_lists_each(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    response = client.post(
        "/api/v1/jaarprogrammas",
        {"organisationSlug": "bestaat-niet", "year": 1850},
        content_type="application/json",
        headers=_token_headers(make_user(PlatformRole.COORDINATOR)),
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"organisationSlug", "year", "title"}


def test_editor_edits_own_programme_but_not_another(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _editor_of("gouda", make_user)
    gouda, utrecht = _programme("gouda"), _programme("utrecht")
    response = client.patch(
        f"/api/v1/jaarprogrammas/{gouda.pk}",
        {"description": "Via de API"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["description"] == "Via de API"
    response = client.patch(
        f"/api/v1/jaarprogrammas/{utrecht.pk}",
        {"description": "Niet van mij"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403
    utrecht.refresh_from_db()
    assert utrecht.description == ""


# Projects -------------------------------------------------------------------------------------


def test_projects_filter_by_organisation_theme_and_kind(client: Client, reference: None) -> None:
    body = client.get("/api/v1/projecten", {"organisatie": "gouda", "pageSize": 100}).json()
    assert body["count"] == _programme("gouda").projects.count()
    assert {item["organisation"]["slug"] for item in body["results"]} == {"gouda"}

    body = client.get("/api/v1/projecten", {"thema": "energietransitie", "pageSize": 100}).json()
    assert body["count"] >= 1
    for item in body["results"]:
        slugs = {theme["slug"] for theme in item["themes"] + item["suggestedThemes"]}
        assert "energietransitie" in slugs

    body = client.get("/api/v1/projecten", {"soort": "need", "organisatie": "gouda"}).json()
    assert [item["title"] for item in body["results"]] == ["Regionale samenwerking Midden-Holland"]


def test_projects_filter_by_year_domain_status_and_region(client: Client, reference: None) -> None:
    everything = client.get("/api/v1/projecten").json()["count"]
    assert client.get("/api/v1/projecten", {"jaar": 2026}).json()["count"] == everything
    assert client.get("/api/v1/projecten", {"jaar": 2031}).json()["count"] == 0
    assert client.get("/api/v1/projecten", {"status": "completed"}).json()["count"] == 0
    social = client.get("/api/v1/projecten", {"domein": "social"}).json()["count"]
    assert 0 < social < everything
    body = client.get("/api/v1/projecten", {"regio": "AM20", "pageSize": 100}).json()
    assert "gouda" in {item["organisation"]["slug"] for item in body["results"]}


def test_invalid_project_filters_are_listed_together(client: Client, reference: None) -> None:
    response = client.get(
        "/api/v1/projecten",
        {"soort": "droom", "jaar": "1999", "status": "bezig", "domein": "x"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert _invalid_names(response.json()) == {"soort", "jaar", "status", "domein"}


def test_project_detail_and_unknown_project(client: Client, reference: None) -> None:
    project = Project.objects.get(title="Regionale samenwerking Midden-Holland")
    body = client.get(f"/api/v1/projecten/{project.pk}").json()
    assert body["kind"] == "need"
    assert body["programme"]["id"] == project.programme_id
    assert body["organisation"]["slug"] == "gouda"
    assert [theme["slug"] for theme in body["themes"]] == ["regionaal-samenwerken"]
    assert client.get("/api/v1/projecten/999999").status_code == 404


def test_programme_projects_are_its_own(client: Client, reference: None) -> None:
    programme = _programme("utrecht")
    body = client.get(f"/api/v1/jaarprogrammas/{programme.pk}/projecten").json()
    assert body["count"] == programme.projects.count()
    assert {item["programme"]["id"] for item in body["results"]} == {programme.pk}


def test_project_list_does_not_query_per_project(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    assert Project.objects.count() > 20
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/projecten", {"pageSize": 100})
    assert len(response.json()["results"]) == Project.objects.count()


def test_programme_list_does_not_query_per_programme(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/jaarprogrammas", {"pageSize": 100})
    assert response.json()["count"] == Programme.objects.count()


def test_editor_adds_a_project_to_own_programme(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    programme = _programme("gouda")
    response = client.post(
        f"/api/v1/jaarprogrammas/{programme.pk}/projecten",
        {
            "title": "Schuldhulp in de wijk",
            "description": "Vroeg signaleren van schulden samen met woningcorporaties.",
            "kind": "need",
            "themeSlugs": ["armoede-en-schulden"],
            "regionCodes": ["AM20"],
            "startsOn": "2026-03-01",
            "endsOn": "2026-12-31",
        },
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["programme"]["id"] == programme.pk
    assert [theme["slug"] for theme in body["themes"]] == ["armoede-en-schulden"]
    assert [region["code"] for region in body["regions"]] == ["AM20"]
    project = Project.objects.get(pk=body["id"])
    assert project.starts_on == datetime.date(2026, 3, 1)
    assert project.content_hash


def test_adding_a_project_to_another_organisations_programme_is_refused(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    programme = _programme("utrecht")
    data = {"title": "Niet van mij", "description": "Geen toegang."}
    response = client.post(
        f"/api/v1/jaarprogrammas/{programme.pk}/projecten",
        data,
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 403
    response = client.post(
        f"/api/v1/jaarprogrammas/{programme.pk}/projecten", data, content_type="application/json"
    )
    assert response.status_code == 401
    assert not Project.objects.filter(title="Niet van mij").exists()


def test_invalid_project_lists_every_field(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    response = client.post(
        f"/api/v1/jaarprogrammas/{_programme('gouda').pk}/projecten",
        {
            "kind": "droom",
            "themeSlugs": ["bestaat-niet"],
            "regionCodes": ["XX"],
            "endsOn": "gisteren",
        },
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {
        "title",
        "description",
        "kind",
        "themeSlugs",
        "regionCodes",
        "endsOn",
    }


def test_project_ending_before_it_starts_is_a_problem_on_ends_on(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    project = Project.objects.get(title="Regionale samenwerking Midden-Holland")
    response = client.patch(
        f"/api/v1/projecten/{project.pk}",
        {"startsOn": "2026-06-01", "endsOn": "2026-01-01"},
        content_type="application/json",
        headers=_editor_of("gouda", make_user),
    )
    assert response.status_code == 400
    assert "endsOn" in _invalid_names(response.json())
    project.refresh_from_db()
    assert project.starts_on is None


def test_editor_edits_own_project_but_not_another(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _editor_of("gouda", make_user)
    own = Project.objects.get(title="Regionale samenwerking Midden-Holland")
    response = client.patch(
        f"/api/v1/projecten/{own.pk}",
        {"status": "completed", "themeSlugs": ["regionaal-samenwerken", "data-en-beleid"]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    assert {theme["slug"] for theme in response.json()["themes"]} == {
        "regionaal-samenwerken",
        "data-en-beleid",
    }
    other = Project.objects.get(title="Samen ouder worden in de wijk")
    response = client.patch(
        f"/api/v1/projecten/{other.pk}",
        {"status": "stopped"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == "running"


def test_references_the_database_cannot_hold_are_invalid_not_a_crash(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    headers = _token_headers(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        "/api/v1/jaarprogrammas",
        {"organisationSlug": "gou\x00da", "year": 2027, "title": "Jaarprogramma 2027"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"organisationSlug"}
    response = client.post(
        f"/api/v1/jaarprogrammas/{_programme('gouda').pk}/projecten",
        # A lone surrogate cannot travel in a Python dict through the test client's encoder.
        '{"title": "x", "description": "y", '
        '"themeSlugs": ["a\\u0000"], "regionCodes": ["\\ud800"]}',
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"themeSlugs", "regionCodes"}


@pytest.mark.parametrize("path", ["/api/v1/jaarprogrammas", "/api/v1/projecten"])
def test_an_empty_year_is_invalid_not_ignored(client: Client, reference: None, path: str) -> None:
    response = client.get(path, {"jaar": ""})

    assert response.status_code == 400
    assert _invalid_names(response.json()) == {"jaar"}
