from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Programme, Project

pytestmark = pytest.mark.django_db


def test_demo_programmes_are_listed_and_open(client: Client, reference: None) -> None:
    response = client.get("/jaarprogrammas")
    assert response.status_code == 200
    programme = Programme.objects.get(organisation__slug="platform31")
    assert client.get(programme.get_absolute_url()).status_code == 200
    project = programme.projects.get(reference="P31-01")
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert "Vergelijkbare projecten van andere organisaties" in response.content.decode()


def test_editor_adds_a_project_to_their_own_programme(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    client.force_login(make_user(PlatformRole.EDITOR, gouda))
    programme = Programme.objects.get(organisation=gouda, year=2026)
    response = client.post(
        f"/jaarprogrammas/{programme.pk}/project-toevoegen",
        {
            "title": "Jongeren aan het werk",
            "description": "Jongeren zonder startkwalificatie begeleiden naar werk.",
            "kind": "need",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(title="Jongeren aan het werk")
    assert project.content_hash


def test_editor_cannot_change_another_organisations_programme(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0513")))
    programme = Programme.objects.get(organisation__slug="platform31")
    project = programme.projects.first()
    assert project is not None
    assert client.get(f"/jaarprogrammas/{programme.pk}/project-toevoegen").status_code == 403
    response = client.post(f"/projecten/{project.pk}/bewerken", {"title": "x", "description": "y"})
    assert response.status_code == 403


def test_second_programme_for_the_same_year_is_refused_with_a_message(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    client.force_login(make_user(PlatformRole.EDITOR, gouda))
    response = client.post(
        "/jaarprogrammas/nieuw", {"organisation": gouda.pk, "year": 2026, "title": "Nog een"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Programme.objects.filter(organisation=gouda, year=2026).count() == 1


def test_end_before_start_is_refused(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    client.force_login(make_user(PlatformRole.EDITOR, gouda))
    programme = Programme.objects.get(organisation=gouda, year=2026)
    response = client.post(
        f"/jaarprogrammas/{programme.pk}/project-toevoegen",
        {
            "title": "Omgekeerd",
            "description": "Tekst",
            "kind": "project",
            "status": "running",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert not Project.objects.filter(title="Omgekeerd").exists()


def test_unknown_programme_and_project_give_404(client: Client, reference: None) -> None:
    assert client.get("/jaarprogrammas/999999").status_code == 404
    assert client.get("/projecten/999999").status_code == 404
    assert client.get("/jaarprogrammas", {"jaar": "abc", "pagina": "-1"}).status_code == 200


@pytest.mark.parametrize("year", ["²⁰²⁶", "abc", "99999", "-1"])
def test_programme_list_reports_a_year_that_is_no_year_and_shows_all_years(
    client: Client, reference: None, year: str
) -> None:
    """'²⁰²⁶' passed str.isdigit() and then failed in int(): that was a server error."""
    response = client.get("/jaarprogrammas", {"jaar": year})
    assert response.status_code == 200
    assert response.context["form"].errors["jaar"] == [
        "Het jaar moet een jaartal zijn, zoals 2026; u ziet nu alle jaren."
    ]
    assert response.context["page"].paginator.count == Programme.objects.count()


def test_programme_list_filters_by_organisation_and_year(client: Client, reference: None) -> None:
    programme = Programme.objects.select_related("organisation").first()
    assert programme is not None
    response = client.get(
        "/jaarprogrammas",
        {"organisatie": programme.organisation.slug, "jaar": str(programme.year)},
    )
    assert programme in response.context["page"].object_list
    assert {p.organisation_id for p in response.context["page"].object_list} == {
        programme.organisation_id
    }
    assert {p.year for p in response.context["page"].object_list} == {programme.year}


def test_programme_list_reports_an_unknown_organisation_and_keeps_the_year(
    client: Client, reference: None
) -> None:
    year = Programme.objects.values_list("year", flat=True).first()
    response = client.get("/jaarprogrammas", {"organisatie": "bestaat-niet", "jaar": year})
    assert "organisatie" in response.context["form"].errors
    assert response.context["page"].paginator.count == Programme.objects.filter(year=year).count()


def test_admin_edit_refreshes_fingerprint_and_announces_the_change(
    client: Client,
    reference: None,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from dwarsverband.programmes.signals import projects_changed

    admin = make_user(PlatformRole.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    project = Project.objects.select_related("programme").filter(themes__isnull=False).first()
    assert project is not None
    before = project.content_hash
    announced: list[list[int]] = []

    def receive(**kwargs: Any) -> None:
        announced.append(kwargs["project_ids"])

    projects_changed.connect(receive, dispatch_uid="test-admin-announce")
    try:
        page = client.get(f"/beheer/programmes/project/{project.pk}/change/")
        form = page.context["adminform"].form
        data = {
            name: value
            for name, value in form.initial.items()
            if value is not None and not isinstance(value, list)
        }
        for name in ("themes", "regions", "suggested_themes"):
            data[name] = [item.pk for item in form.initial.get(name, [])]
        data["programme"] = project.programme_id
        data["description"] = project.description + " Nu ook met werkgevers in de regio."
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/beheer/programmes/project/{project.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    finally:
        projects_changed.disconnect(dispatch_uid="test-admin-announce")
    project.refresh_from_db()
    assert project.content_hash != before
    assert announced == [[project.pk]]
