from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_visitor_opens_a_region_switches_indicator_sees_map_table_and_downloads_csv(
    page: Page, live_server: Any
) -> None:
    page.goto(live_server.url + "/regiodata")
    page.get_by_label("Regio of netwerk").select_option(label="Groot Amsterdam")
    page.get_by_role("button", name="Bekijk het gebied").click()
    expect(
        page.get_by_role("heading", level=1, name="Cijfers voor Groot Amsterdam")
    ).to_be_visible()

    page.get_by_label("Indicator").select_option(value="inkomen-gemiddeld-gestandaardiseerd")
    page.get_by_role("button", name="Toon deze indicator").click()
    expect(
        page.get_by_role("img", name="Staafdiagram: Gemiddeld gestandaardiseerd inkomen")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="Kaart: Gemiddeld gestandaardiseerd inkomen")
    ).to_be_visible()
    expect(
        page.get_by_role(
            "table", name="Gemiddeld gestandaardiseerd inkomen van huishoudens per gemeente"
        )
    ).to_contain_text("Amsterdam")
    assert_accessible(page)
    screenshot(page, "regiodata-region")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download deze tabel als CSV").nth(1).click()
    path = download_info.value.path()
    assert "GM0363;Amsterdam;2024;43,8" in path.read_text(encoding="utf-8-sig")

    page.get_by_role(
        "link", name="Gemiddeld gestandaardiseerd inkomen van huishoudens"
    ).first.click()
    page.goto(live_server.url + "/regiodata/indicatoren/inkomen-gemiddeld-gestandaardiseerd")
    expect(
        page.get_by_role("img", name="Kaart: Gemiddeld gestandaardiseerd inkomen")
    ).to_be_visible()
    expect(page.get_by_role("table", name="per gemeente")).to_contain_text("Vlieland")
    assert_accessible(page)
    screenshot(page, "regiodata-indicator")
