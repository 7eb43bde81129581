"""Keeping a joint agenda on the pages: start it, shared ambitions, yearly performance
agreements beside the steps; who may do what; bad input changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.agreements.models import JointAgenda, PerformanceAgreement
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Theme

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editor_of_the_municipality_starts_a_joint_agenda(
    reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    corporation = Organisation.objects.get(slug="portaal")
    client = _client(make_user(PlatformRole.EDITOR, gouda))
    form = client.get("/gezamenlijke-agendas/nieuw")
    assert form.status_code == 200
    response = client.post(
        "/gezamenlijke-agendas/nieuw",
        {
            "title": "Samen bouwen aan Gouda",
            "municipality": gouda.pk,
            "partners": [corporation.pk],
            "description": "Wijkvernieuwing en verduurzaming in Gouda-Oost.",
        },
    )
    agenda = JointAgenda.objects.get(title="Samen bouwen aan Gouda")
    assert response.status_code == 302
    assert response["Location"] == agenda.get_absolute_url()
    assert list(agenda.partners.all()) == [corporation]
    assert agenda.history.count() == 1


def test_editor_cannot_start_an_agenda_for_another_municipality(
    reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    utrecht = Organisation.objects.get(code="GM0344")
    client = _client(make_user(PlatformRole.EDITOR, gouda))
    response = client.post(
        "/gezamenlijke-agendas/nieuw",
        {
            "title": "Niet van ons",
            "municipality": utrecht.pk,
            "partners": [Organisation.objects.get(slug="portaal").pk],
        },
    )
    assert response.status_code == 400
    assert "alleen een gezamenlijke agenda voor uw eigen gemeente" in response.content.decode()
    assert not JointAgenda.objects.filter(title="Niet van ons").exists()


def test_municipality_as_its_own_partner_is_refused(
    reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    client = _client(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        "/gezamenlijke-agendas/nieuw",
        {"title": "Dubbel", "municipality": gouda.pk, "partners": []},
    )
    assert response.status_code == 400
    assert not JointAgenda.objects.filter(title="Dubbel").exists()


def test_partner_keeps_ambitions_and_performance_agreements(
    reference: None, make_user: Callable[..., User]
) -> None:
    agenda = JointAgenda.objects.get()  # the demo: Utrecht with Portaal and Mitros
    portaal = Organisation.objects.get(slug="portaal")
    client = _client(make_user(PlatformRole.EDITOR, portaal))
    page = client.get(agenda.get_absolute_url()).content.decode()
    assert f"/gezamenlijke-agendas/{agenda.pk}/ambities/nieuw" in page

    theme = Theme.objects.order_by("name").first()
    assert theme is not None
    client.post(
        f"/gezamenlijke-agendas/{agenda.pk}/ambities/nieuw",
        {"theme": theme.pk, "ambition": "Elke wijk een eigen wijkaanpak."},
    )
    ambition = agenda.ambitions.get(ambition="Elke wijk een eigen wijkaanpak.")
    client.post(
        f"/gezamenlijke-agendas/{agenda.pk}/ambities/{ambition.pk}/bewerken",
        {"theme": theme.pk, "ambition": "Elke wijk een eigen wijkaanpak, samen met huurders."},
    )
    ambition.refresh_from_db()
    assert ambition.ambition.endswith("samen met huurders.")

    year = max(agenda.performance_agreements.values_list("year", flat=True), default=2030) + 1
    response = client.post(
        f"/gezamenlijke-agendas/{agenda.pk}/prestatieafspraken/nieuw",
        {"year": year, "title": f"Prestatieafspraken {year}", "signed_on": f"{year - 1}-12-15"},
    )
    assert response.status_code == 302
    assert agenda.performance_agreements.filter(year=year).exists()
    again = client.post(
        f"/gezamenlijke-agendas/{agenda.pk}/prestatieafspraken/nieuw",
        {"year": year, "title": "Tweede keer"},
    )
    assert again.status_code == 400
    assert f"Voor {year} zijn al prestatieafspraken vastgelegd" in again.content.decode()
    assert not PerformanceAgreement.objects.filter(title="Tweede keer").exists()

    shown = client.get(agenda.get_absolute_url()).content.decode()
    assert f"Prestatieafspraken {year}" in shown
    assert "samen met huurders" in shown

    client.post(f"/gezamenlijke-agendas/{agenda.pk}/ambities/{ambition.pk}/verwijderen")
    assert not agenda.ambitions.filter(pk=ambition.pk).exists()


def test_outsiders_and_readers_cannot_change_a_joint_agenda(
    reference: None, make_user: Callable[..., User]
) -> None:
    agenda = JointAgenda.objects.get()
    gouda = Organisation.objects.get(code="GM0513")
    ambition_count = agenda.ambitions.count()
    for user in (make_user(PlatformRole.EDITOR, gouda), make_user(PlatformRole.READER, gouda)):
        client = _client(user)
        assert "ambities/nieuw" not in client.get(agenda.get_absolute_url()).content.decode()
        for path in (
            f"/gezamenlijke-agendas/{agenda.pk}/bewerken",
            f"/gezamenlijke-agendas/{agenda.pk}/ambities/nieuw",
            f"/gezamenlijke-agendas/{agenda.pk}/prestatieafspraken/nieuw",
        ):
            assert client.post(path, {"ambition": "x"}).status_code == 403, path
    assert Client().get(f"/gezamenlijke-agendas/{agenda.pk}/bewerken").status_code == 302
    assert agenda.ambitions.count() == ambition_count
