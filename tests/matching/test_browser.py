from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation
from tests.browser_support import assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PROGRAMME = (
    "kenmerk;titel;beschrijving;soort;thema's\n"
    "GDA-9;Ouderen langer thuis in Gouda;Woningen aanpassen zodat ouderen langer zelfstandig "
    "thuis kunnen blijven wonen, met hulp van wijkteams en de corporatie.;vraag;"
    "Langer zelfstandig thuis\n"
)


def test_editor_imports_a_programme_filters_kansen_by_theme_and_accepts_one(
    page: Page, live_server: Any, tmp_path: Path
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    editor = UserFactory(
        username="redacteur-kansen", platform_role=PlatformRole.EDITOR, organisation=gouda
    )
    page.goto(live_server.url + "/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill(editor.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    path = tmp_path / "jaarprogramma.csv"
    path.write_text(PROGRAMME, encoding="utf-8")
    page.goto(live_server.url + "/jaarprogrammas/importeren")
    assert_accessible(page)
    page.get_by_label("Organisatie").select_option(label="Gouda")
    page.get_by_label("Jaar").fill("2027")
    page.get_by_label("Bestand").set_input_files(str(path))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("Import klaar: 1 projecten toegevoegd")).to_be_visible()

    page.goto(live_server.url + "/kansen")
    page.get_by_label("Organisatie").select_option(label="Gouda")
    page.get_by_label("Thema", exact=True).select_option(label="Langer zelfstandig thuis")
    page.get_by_role("button", name="Filteren").click()
    expect(
        page.get_by_role("heading", name="Ouderen langer thuis in Gouda", exact=False).first
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"thema=langer-zelfstandig-thuis"))
    assert_accessible(page)
    screenshot(page, "kansen-gefilterd")

    page.get_by_role("button", name="Oppakken").first.click()
    expect(page.get_by_text("De kans is opgepakt")).to_be_visible()
    expect(page.locator("article strong", has_text="opgepakt").first).to_be_visible()
