from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.communities.models import Community
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User

pytestmark = pytest.mark.django_db


def test_accepted_opportunity_leads_to_a_prefilled_agreement(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = Opportunity.objects.order_by("-score").first()
    assert opportunity is not None, "the demo data holds opportunities"
    opportunity.status = "accepted"
    opportunity.save()
    client.force_login(make_user(PlatformRole.COORDINATOR))
    link = f"/afspraken/nieuw?bron=matching.opportunity&amp;bron_id={opportunity.pk}"
    assert link in client.get(f"/kansen/{opportunity.pk}").content.decode()
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert opportunity.project_a.title in response.content.decode()


def _accepted() -> Opportunity:
    opportunity = Opportunity.objects.order_by("-score").first()
    assert opportunity is not None, "the demo data holds opportunities"
    opportunity.status = "accepted"
    opportunity.save()
    return opportunity


def test_coordinator_starts_a_prefilled_community_from_an_accepted_opportunity(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = _accepted()
    client.force_login(make_user(PlatformRole.COORDINATOR))
    page = client.get(f"/kansen/{opportunity.pk}").content.decode()
    assert f"/kansen/{opportunity.pk}/leerkring-starten" in page

    response = client.post(f"/kansen/{opportunity.pk}/leerkring-starten")

    opportunity.refresh_from_db()
    community = opportunity.community
    assert community is not None
    assert response.status_code == 302
    assert response["Location"] == f"/leerkringen/{community.slug}/bewerken"
    assert community.status == "preparation"
    parties = {community.organiser_id, *community.partners.values_list("pk", flat=True)}
    assert parties == {
        opportunity.project_a.programme.organisation_id,
        opportunity.project_b.programme.organisation_id,
    }
    assert opportunity.project_a.title in community.description
    shared = set(opportunity.project_a.themes.all()) & set(opportunity.project_b.themes.all())
    if shared:
        assert set(community.themes.all()) == shared
    # The opportunity now links to its community, and a second start makes no second one.
    assert community.get_absolute_url() in client.get(f"/kansen/{opportunity.pk}").content.decode()
    client.post(f"/kansen/{opportunity.pk}/leerkring-starten")
    assert Community.objects.filter(source_opportunities=opportunity).count() == 1


def test_only_coordinators_start_a_community_and_only_from_accepted_opportunities(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    opportunity = _accepted()
    editor = make_user(PlatformRole.EDITOR, opportunity.project_a.programme.organisation)
    client.force_login(editor)
    assert "leerkring-starten" not in client.get(f"/kansen/{opportunity.pk}").content.decode()
    assert client.post(f"/kansen/{opportunity.pk}/leerkring-starten").status_code == 403

    opportunity.status = "proposed"
    opportunity.save()
    client.force_login(make_user(PlatformRole.COORDINATOR))
    response = client.post(f"/kansen/{opportunity.pk}/leerkring-starten", follow=True)
    assert "Alleen een opgepakte kans kan een leerkring starten." in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.community is None
