from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

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
