from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dwarsverband.agreements.demo import COVENANT_SLUG
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation
from tests.browser_support import assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_visitor_sees_progress_and_editor_completes_an_action_with_history(
    page: Page, live_server: Any
) -> None:
    covenant_url = f"{live_server.url}/convenanten/{COVENANT_SLUG}"
    page.goto(covenant_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Samenwerken aan Aantrekkelijke en Krachtige Steden 2015–2018"
    )
    progress = page.locator("#voortgang + .dv-progress")
    expect(progress.get_by_text(re.compile(r"5 van 9 actiepunten afgerond"))).to_be_visible()
    expect(progress.get_by_text("1 zonder status", exact=False)).to_be_visible()
    expect(page.get_by_text("Ferd Croone, voorzitter van het G32-stedennetwerk")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "covenant")

    editor = UserFactory(
        username="redacteur-platform31",
        platform_role=PlatformRole.EDITOR,
        organisation=Organisation.objects.get(slug="platform31"),
    )
    page.goto(f"{live_server.url}/account/inloggen?next=/convenanten/{COVENANT_SLUG}")
    page.get_by_label("Gebruikersnaam").fill(editor.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Ingelogd als redacteur-platform31")).to_be_visible()

    page.goto(covenant_url)
    page.get_by_role("link", name="Kennisprogramma Betaalbaarheid binnen het wonen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kennisprogramma Betaalbaarheid binnen het wonen"
    )
    page.get_by_role("link", name="bewerken Handreiking voor gemeenten uitbrengen").click()
    assert_accessible(page)
    page.get_by_label("Status").select_option(label="afgerond")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_text("Het actiepunt is bijgewerkt.")).to_be_visible()
    history = page.locator("#geschiedenis + .dv-timeline")
    expect(history.get_by_text("Status: van “in uitvoering” naar “afgerond”")).to_be_visible()
    expect(history.get_by_text("door redacteur-platform31")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "agreement-history")

    page.goto(covenant_url)
    expect(page.get_by_text(re.compile(r"6 van 9 actiepunten afgerond"))).to_be_visible()
