"""Synonym groups: words that mean the same to the search, kept by an administrator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from dwarsverband.knowledge.analysis import (
    SynonymError,
    query_groups,
    synonym_groups,
    synonym_terms,
    word_terms,
)
from dwarsverband.knowledge.models import SynonymGroup
from dwarsverband.knowledge.searching import search
from tests.knowledge.test_search import _publication

Capture = Callable[..., Any]


def _term(word: str) -> str:
    return word_terms(word)[0]


def test_a_group_gives_each_word_the_terms_of_the_others() -> None:
    groups = synonym_groups(["Statushouder, vergunninghouder, nieuwkomer", "wsp, loket"])

    assert groups[_term("statushouders")] == tuple(
        sorted([_term("vergunninghouder"), _term("nieuwkomer")])
    )
    assert groups[_term("loket")] == (_term("wsp"),)


def test_groups_that_share_a_word_are_one_group() -> None:
    groups = synonym_groups(["statushouder, vergunninghouder", "vergunninghouder, nieuwkomer"])

    assert _term("nieuwkomer") in groups[_term("statushouder")]
    assert _term("statushouder") in groups[_term("nieuwkomer")]


def test_a_query_word_counts_its_synonyms_as_the_word_itself() -> None:
    synonyms = synonym_groups(["statushouder, vergunninghouder"])

    (group,) = query_groups("statushouders", synonyms)

    assert group.exact == (_term("statushouders"), _term("vergunninghouder"))


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("werkgeversservicepunt", "Geef ten minste twee woorden"),
        ("werkgeversservicepunt, ", "Geef ten minste twee woorden"),
        ("sociaal domein, wijkteam", "‘sociaal domein’ is geen los woord"),
        ("G-40, stedennetwerk", "‘G-40’ is geen los woord"),
        ("de, wijkteam", "‘de’ is een veelvoorkomend woord"),
        ("werkloze, werklozen", "‘werklozen’ en ‘werkloze’ vindt het zoeken al als hetzelfde"),
        (", ".join(f"woord{n}" for n in range(11)), "hooguit 10 woorden"),
    ],
)
def test_unusable_groups_are_refused_with_the_reason(words: str, message: str) -> None:
    with pytest.raises(SynonymError, match=message):
        synonym_terms(words)


@pytest.mark.django_db
def test_a_synonym_finds_texts_that_use_only_the_other_word(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Quxdorp",
        texts=["Nieuwkomers in Quxdorp vinden sneller een baan."],
    )
    assert not search(query="inburgeraars", user=AnonymousUser()).count

    with django_capture_on_commit_callbacks(execute=True):  # the change counts at once
        SynonymGroup.objects.create(words="inburgeraar, nieuwkomer")
    results = search(query="inburgeraars", user=AnonymousUser())

    assert [result.title for result in results.results] == ["Quxdorp – passage 1"]
    assert "<mark>Nieuwkomers</mark>" in results.results[0].snippet.html


@pytest.mark.django_db
def test_a_group_saved_around_the_checks_is_skipped(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(words="een woord met spaties, de")

    assert search(query="samenwerking", user=AnonymousUser()).count


@pytest.mark.django_db
def test_administrator_adds_a_group_in_the_admin(admin_client: Client) -> None:
    response = admin_client.post(
        "/beheer/knowledge/synonymgroup/add/", {"words": " statushouder ,vergunninghouder,"}
    )

    assert response.status_code == 302
    assert SynonymGroup.objects.get().words == "statushouder, vergunninghouder"


@pytest.mark.django_db
def test_admin_shows_why_a_group_is_refused_and_saves_nothing(
    admin_client: Client,
) -> None:
    response = admin_client.post(
        "/beheer/knowledge/synonymgroup/add/", {"words": "sociaal domein, wijkteam"}
    )

    assert response.status_code == 200
    assert "is geen los woord" in response.content.decode()
    assert not SynonymGroup.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_word_that_is_already_in_another_group(admin_client: Client) -> None:
    SynonymGroup.objects.create(words="statushouder, vergunninghouder")

    response = admin_client.post(
        "/beheer/knowledge/synonymgroup/add/", {"words": "Statushouders, nieuwkomer"}
    )

    assert response.status_code == 200
    assert (
        "‘Statushouders’ staat al in de groep ‘statushouder, vergunninghouder’"
        in response.content.decode()
    )
    assert SynonymGroup.objects.count() == 1


@pytest.mark.django_db
def test_a_group_can_be_changed_without_clashing_with_itself(admin_client: Client) -> None:
    group = SynonymGroup.objects.create(words="statushouder, vergunninghouder")

    response = admin_client.post(
        f"/beheer/knowledge/synonymgroup/{group.pk}/change/",
        {"words": "statushouder, vergunninghouder, nieuwkomer"},
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.words == "statushouder, vergunninghouder, nieuwkomer"
