from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from dwarsverband.programmes.constants import Domain
from dwarsverband.programmes.models import Theme

pytestmark = pytest.mark.django_db


def test_seed_themes_cover_all_four_domains(reference: None) -> None:
    assert set(Theme.objects.values_list("domain", flat=True)) == {d.value for d in Domain}
    for name in (
        "Vitale binnensteden",
        "Wonen en zorg",
        "Langer zelfstandig thuis",
        "Wijkvernieuwing",
    ):
        assert Theme.objects.filter(name=name).exists(), name


def test_themes_map_to_iv3_taakvelden(reference: None) -> None:
    theme = Theme.objects.get(name="Wonen en zorg")
    assert "8.3" in set(theme.iv3_taakvelden.values_list("code", flat=True))


def test_coordinator_adds_a_theme(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))
    response = client.post(
        "/themas/nieuw", {"name": "Krimp en leefbaarheid", "domain": "spatial", "description": ""}
    )
    assert response.status_code == 302
    assert Theme.objects.get(name="Krimp en leefbaarheid").slug == "krimp-en-leefbaarheid"


def test_duplicate_theme_name_is_refused_with_a_message(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))
    response = client.post("/themas/nieuw", {"name": "Wonen en zorg", "domain": "housing"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Theme.objects.filter(name="Wonen en zorg").count() == 1


def test_editor_cannot_change_themes(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    client.force_login(make_user(PlatformRole.EDITOR))
    assert client.get("/themas/nieuw").status_code == 403
    response = client.post("/themas/wonen-en-zorg/bewerken", {"name": "X", "domain": "social"})
    assert response.status_code == 403
    assert Theme.objects.filter(name="Wonen en zorg").exists()
