from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_search_filter_open_passage_and_read_roadmap_for_a_role(
    page: Page, live_server: Any
) -> None:
    page.goto(live_server.url + "/zoeken")
    page.get_by_label("Zoekterm").fill("samenwerkingen")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="resultaten voor ‘samenwerkingen’")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "knowledge-search")

    filters = page.get_by_role("navigation", name="Filters")
    filters.get_by_role("link", name="passage (").click()
    expect(filters.locator("a[aria-current='true']")).to_contain_text("passage")
    results = page.locator(".kn-result")
    for index in range(results.count()):
        expect(results.nth(index).locator(".kn-type")).to_have_text("passage")

    results.first.get_by_role("link").click()
    assert "#passage-" in page.url
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    assert_accessible(page)
    screenshot(page, "knowledge-passage")

    page.goto(live_server.url + "/kennis/routekaarten/routekaart-regionale-samenwerking")
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart regionale samenwerking")
    page.get_by_label("Advies voor", exact=True).select_option(label="wethouder")
    page.get_by_role("button", name="Toon advies").click()
    expect(page.get_by_text("U ziet het advies voor de rol wethouder.")).to_be_visible()
    expect(page.locator(".kn-advice dt")).to_have_count(7)
    expect(page.locator(".kn-advice dt").first).to_have_text("Wethouder")
    assert_accessible(page)
    screenshot(page, "knowledge-roadmap-alderman")

    page.emulate_media(media="print")
    expect(page.locator(".dv-nav")).to_be_hidden()
    expect(page.locator(".kn-role-form")).to_be_hidden()
    expect(page.locator(".kn-signpost").first).to_be_visible()
    source = page.locator(".kn-signpost").first.locator("li a").first
    printed = source.evaluate("link => link.innerText + getComputedStyle(link, '::after').content")
    assert printed.count("passage 3.1") == 1, printed  # the citation is printed once
    screenshot(page, "knowledge-roadmap-print")
