from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation
from tests.browser_support import assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_visitor_searches_gouda_and_sees_its_labour_market_region(
    page: Page, live_server: Any
) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home")

    page.get_by_label("Zoek een gemeente of organisatie").fill("Gouda")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="1 organisatie gevonden")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "organisation-search")

    page.get_by_role("link", name="Gouda", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Gouda")).to_be_visible()
    expect(page.get_by_role("link", name="Midden-Holland")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "gouda")


def test_organisation_filters_update_results_in_place(page: Page, live_server: Any) -> None:
    page.goto(live_server.url + "/organisaties")
    page.get_by_label("Arbeidsmarktregio").select_option(label="Midden-Holland")
    page.get_by_label("Soort").select_option(label="gemeente")
    expect(page.get_by_role("heading", name="4 organisaties gevonden")).to_be_visible()
    assert "arbeidsmarktregio=AM20" in page.url
    assert_accessible(page)


def test_editor_logs_in_and_edits_their_own_organisation(page: Page, live_server: Any) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    editor = UserFactory(
        username="redacteur-gouda", platform_role=PlatformRole.EDITOR, organisation=gouda
    )

    page.goto(live_server.url + "/account/inloggen")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill(editor.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Ingelogd als redacteur-gouda")).to_be_visible()

    page.goto(live_server.url + "/organisaties/gouda")
    page.get_by_role("link", name="Bewerken", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gouda bewerken")
    assert_accessible(page)
    screenshot(page, "gouda-edit")
    page.get_by_label("Beschrijving").fill(
        "Gemeente in het Groene Hart, bekend om kaas en stroopwafels."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De wijzigingen zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_text("bekend om kaas en stroopwafels")).to_be_visible()

    page.goto(live_server.url + "/organisaties/utrecht")
    expect(page.get_by_role("link", name="Bewerken", exact=True)).to_have_count(0)


def test_invalid_form_explains_what_is_wrong(page: Page, live_server: Any) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    UserFactory(username="redacteur", platform_role=PlatformRole.EDITOR, organisation=gouda)
    page.goto(live_server.url + "/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill("redacteur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(live_server.url + "/organisaties/gouda/bewerken")
    page.get_by_label("Website").fill("geen webadres")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Website")
    website = page.get_by_label("Website")
    expect(website).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    screenshot(page, "form-error")


def test_skip_link_is_the_first_tab_stop_and_moves_focus(page: Page, live_server: Any) -> None:
    page.goto(live_server.url + "/organisaties")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_region_and_network_pages_are_accessible(page: Page, live_server: Any) -> None:
    for path, name in (
        ("/regios/AM20", "region"),
        ("/organisaties/g40-stedennetwerk", "network"),
        ("/themas", "themes"),
        ("/toegankelijkheid", "accessibility"),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        screenshot(page, name)
