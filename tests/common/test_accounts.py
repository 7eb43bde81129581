from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from dwarsverband.organisations.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_and_logout(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user()
    response = client.post("/account/inloggen", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    client.post("/account/uitloggen")
    assert not client.get("/").context["user"].is_authenticated


def test_login_is_throttled_after_repeated_failures(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()
    for _attempt in range(5):
        client.post("/account/inloggen", {"username": user.username, "password": "fout"})
    response = client.post("/account/inloggen", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()


def test_password_reset_sends_a_mail_with_a_working_link(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()
    response = client.post("/account/wachtwoord-vergeten", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "wachtwoord-herstellen" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.context["validlink"]
    new_password = "Een-nieuw-wachtwoord-2026"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client: Client) -> None:
    response = client.post("/account/wachtwoord-vergeten", {"email": "onbekend@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_site_is_dutch_even_for_an_english_browser(client: Client) -> None:
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "nl"
    assert "Organisaties" in response.content.decode()


def test_language_switch_to_english(client: Client) -> None:
    response = client.get("/taal/en", {"next": "/"}, follow=True)
    assert response["Content-Language"] == "en"
    content = response.content.decode()
    assert "Organisations" in content
    assert 'lang="en"' in content


def test_language_switch_refuses_foreign_redirects(client: Client) -> None:
    response = client.get("/taal/en", {"next": "https://evil.example.org/"})
    assert response["Location"] == "/"
    response = client.get("/taal/xx", {"next": "/organisaties"})
    assert response["Location"] == "/organisaties"
    assert "django_language" not in response.cookies


@pytest.mark.usefixtures("fixed_rate_window")
def test_login_attempts_are_rate_limited_per_address(client: Client) -> None:
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post("/account/inloggen", {"username": f"iemand{n}", "password": "x"}).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    response = client.post("/account/inloggen", {"username": "nog-iemand", "password": "x"})
    assert "Te veel verzoeken" in response.content.decode()
    assert response["Retry-After"] == "60"
    cache.clear()
