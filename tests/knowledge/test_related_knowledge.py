"""Project, opportunity and community pages list the most relevant passages and signposts."""

from __future__ import annotations

import pytest
from django.test import Client

from dwarsverband.communities.models import Community
from dwarsverband.knowledge.models import Publication
from dwarsverband.matching.models import Opportunity
from dwarsverband.programmes.models import Project

pytestmark = pytest.mark.django_db


def _related_section(html: str) -> str:
    start = html.index('id="relevante-kennis"')
    return html[start : html.index("</section>", start)]


def test_pages_show_related_passages_and_signposts(client: Client, reference: None) -> None:
    community = Community.objects.get(slug="slim-samenwerken-in-regionale-netwerken")
    section = _related_section(client.get(community.get_absolute_url()).content.decode())
    assert "/kennis/" in section, "regional collaboration has demo knowledge to show"

    for page in (
        Project.objects.order_by("pk").first(),
        Opportunity.objects.order_by("-score").first(),
    ):
        assert page is not None
        html = client.get(page.get_absolute_url()).content.decode()
        assert "Relevante kennis" in _related_section(html)


def test_related_knowledge_respects_who_may_read(client: Client, reference: None) -> None:
    """A publication only logged-in users may read never shows to an anonymous visitor."""
    from django.core.management import call_command

    from dwarsverband.knowledge.constants import Visibility

    community = Community.objects.get(slug="slim-samenwerken-in-regionale-netwerken")
    section = _related_section(client.get(community.get_absolute_url()).content.decode())
    shown = [p for p in Publication.objects.all() if p.get_absolute_url() in section]
    assert shown, "the demo publication is related to the community"
    Publication.objects.filter(pk__in=[p.pk for p in shown]).update(visibility=Visibility.LOGGED_IN)
    call_command("rebuild_search_index", verbosity=0)
    section = _related_section(client.get(community.get_absolute_url()).content.decode())
    assert not any(p.get_absolute_url() in section for p in shown)
