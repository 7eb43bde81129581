from __future__ import annotations

import pytest
from django.test import Client

from dwarsverband.knowledge.models import Passage, Publication

pytestmark = pytest.mark.django_db


def test_admin_refuses_to_delete_a_publication_that_signposts_cite(admin_client: Client) -> None:
    publication = Publication.objects.get(slug="voorbeeld-samen-werken-aan-werk")
    url = f"/beheer/knowledge/publication/{publication.pk}/delete/"

    response = admin_client.post(url, {"post": "yes"}, follow=True)

    assert "wegwijzers halen er passages uit aan" in response.content.decode()
    assert Publication.objects.filter(pk=publication.pk).exists()


def test_admin_refuses_to_delete_a_cited_passage(admin_client: Client) -> None:
    passage = Passage.objects.filter(signposts__isnull=False).first()
    assert passage is not None

    response = admin_client.post(
        f"/beheer/knowledge/passage/{passage.pk}/delete/", {"post": "yes"}, follow=True
    )

    assert "een wegwijzer haalt haar aan" in response.content.decode()
    assert Passage.objects.filter(pk=passage.pk).exists()


def test_admin_still_deletes_a_passage_nobody_cites(admin_client: Client) -> None:
    passage = Passage.objects.filter(signposts__isnull=True).first()
    assert passage is not None

    admin_client.post(f"/beheer/knowledge/passage/{passage.pk}/delete/", {"post": "yes"})

    assert not Passage.objects.filter(pk=passage.pk).exists()


def test_admin_offers_no_bulk_deletion_that_would_skip_the_check(admin_client: Client) -> None:
    html = admin_client.get("/beheer/knowledge/publication/").content.decode()

    assert "delete_selected" not in html
