"""Every public page renders in English too (a broken translation would break only English)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/organisaties",
    "/organisaties/gouda",
    "/regios/AM20",
    "/netwerken",
    "/themas",
    "/jaarprogrammas",
    "/kansen",
    "/tafelsessies",
    "/leerkringen",
    "/kennis",
    "/zoeken?q=samenwerking",
    "/convenanten",
    "/afspraken",
    "/wordt-vervolgd",
    "/gezamenlijke-agendas",
    "/regiodata",
    "/toegankelijkheid",
    "/account/inloggen",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_page_renders(client: Client, reference: None, path: str, language: str) -> None:
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200, path
    assert f'lang="{language}"' in response.content.decode()


def test_english_request_leaves_the_thread_in_dutch(client: Client, reference: None) -> None:
    """A visitor's language choice must not leak into whatever the thread does next."""
    from django.utils import translation

    client.cookies["django_language"] = "en"
    assert 'lang="en"' in client.get("/kennis").content.decode()
    assert translation.get_language() == "nl"
