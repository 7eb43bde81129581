"""An agreement recorded from an opportunity, a table session or a meeting starts prefilled
with the parties (and themes) of where it arose."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.communities.models import Community
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from dwarsverband.tablesessions.demo import TITLE
from dwarsverband.tablesessions.models import TableSession

pytestmark = pytest.mark.django_db


def _initial(response: object) -> dict[str, object]:
    return response.context["form"].initial  # type: ignore[attr-defined]


def test_from_an_opportunity_both_organisations_are_parties(
    reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = Opportunity.objects.order_by("-score").first()
    assert opportunity is not None
    client = Client()
    client.force_login(make_user(PlatformRole.COORDINATOR))
    response = client.get(f"/afspraken/nieuw?bron=matching.opportunity&bron_id={opportunity.pk}")
    initial = _initial(response)
    assert set(initial["parties"]) == {  # type: ignore[call-overload]
        opportunity.project_a.programme.organisation,
        opportunity.project_b.programme.organisation,
    }
    assert initial["description"]


def test_from_the_demo_table_session_its_participants_are_parties(
    reference: None, make_user: Callable[..., User]
) -> None:
    session = TableSession.objects.get(title=TITLE)
    client = Client()
    client.force_login(make_user(PlatformRole.COORDINATOR))
    page = client.get(f"/tafelsessies/{session.pk}").content.decode()
    link = f"/afspraken/nieuw?bron=tablesessions.tablesession&amp;bron_id={session.pk}"
    assert link in page
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert set(_initial(response)["parties"]) == set(session.organisations.all())  # type: ignore[call-overload]


def test_from_a_meeting_the_organiser_and_partners_are_parties(
    reference: None, make_user: Callable[..., User]
) -> None:
    community = Community.objects.get(slug="langer-zelfstandig-thuis")
    meeting = community.meetings.order_by("starts_at").first()
    assert meeting is not None
    client = Client()
    client.force_login(make_user(PlatformRole.COORDINATOR))
    assert "bron=communities.meeting" in client.get(meeting.get_absolute_url()).content.decode()
    response = client.get(f"/afspraken/nieuw?bron=communities.meeting&bron_id={meeting.pk}")
    parties = set(_initial(response)["parties"])  # type: ignore[call-overload]
    assert community.organiser in parties
    assert set(community.partners.all()) <= parties


def test_a_reader_sees_no_link_to_record_an_agreement(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    session = TableSession.objects.get(title=TITLE)
    client.force_login(make_user(PlatformRole.READER))
    assert "bron=tablesessions" not in client.get(f"/tafelsessies/{session.pk}").content.decode()
