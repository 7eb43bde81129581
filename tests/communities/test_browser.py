from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from dwarsverband.communities.constants import MeetingKind, RegistrationStatus
from dwarsverband.communities.models import Meeting, Registration
from tests.browser_support import assert_accessible, screenshot
from tests.communities.smtp import Inbox, ics_attachment, text_part

pytestmark = pytest.mark.browser


def test_visitor_registers_for_demo_information_meeting_and_cancels_by_mail_link(
    page: Page, live_server: Any, smtp_inbox: Inbox
) -> None:
    page.goto(live_server.url + "/leerkringen")
    assert_accessible(page)
    page.get_by_role("link", name="Slim samenwerken in regionale netwerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Slim samenwerken in regionale netwerken"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Informatiebijeenkomst slim samenwerken").click()
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "communities-information-meeting")

    # Submitting without consent keeps the visitor on the form with a Dutch message.
    page.get_by_label("Naam").fill("Sanne Bakker")
    page.get_by_label("E-mailadres").fill("sanne.bakker@example.org")
    page.get_by_label("Organisatie").fill("Gemeente Leiden")
    page.get_by_label("Functie").fill("strategisch adviseur")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Ga akkoord met de privacyverklaring")
    assert_accessible(page)
    page.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1, name="Uw aanmelding")).to_be_visible()
    expect(page.get_by_text("U bent aangemeld.")).to_be_visible()
    assert_accessible(page)

    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == "sanne.bakker@example.org"
    assert ics_attachment(message) is not None
    link = re.search(r"http://\S+/aanmelding/\S+", text_part(message))
    assert link is not None

    page.goto(link.group(0))
    expect(page.get_by_text("Sanne Bakker")).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("U bent afgemeld.")).to_be_visible()
    screenshot(page, "communities-registration-cancelled")
    meeting = Meeting.objects.get(
        kind=MeetingKind.INFORMATION, community__slug="slim-samenwerken-in-regionale-netwerken"
    )
    registration = Registration.objects.get(meeting=meeting, email="sanne.bakker@example.org")
    assert registration.status == RegistrationStatus.CANCELLED
    messages = smtp_inbox.wait_for(2)
    assert messages[1]["Subject"].startswith("Afmelding bevestigd")
