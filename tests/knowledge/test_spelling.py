"""Spelling suggestions for search words that match nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from dwarsverband.knowledge.constants import Visibility
from dwarsverband.knowledge.searching import Filters, search
from dwarsverband.knowledge.spelling import candidates
from tests.knowledge.test_search import _publication

Capture = Callable[..., Any]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("participatewet", "participatiewet"),
        ("samewerking", "samenwerking"),
        ("gemeentraad", "gemeenteraad"),
        ("burgemeestr", "burgemeester"),
    ],
)
def test_the_closest_common_word_comes_first(typed: str, meant: str) -> None:
    assert candidates(typed)[0] == meant


def test_only_the_closest_words_are_offered() -> None:
    # "jeugdig" is two edits away, "jeugdzorg" one: the user meant the latter.
    assert candidates("jeugdzrg") == ["jeugdzorg"]


@pytest.mark.parametrize("word", ["ab", "xqzzyvwk", "2024"])
def test_no_candidates_for_short_unknown_or_non_words(word: str) -> None:
    assert candidates(word) == []


@pytest.mark.django_db
def test_a_misspelt_word_gets_a_suggestion_that_finds_something(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Wet",
        texts=["De participatiewet in Quxdorp."],
    )

    results = search(query="participatewet", user=AnonymousUser())

    assert results.count == 0
    assert results.suggestion == "participatiewet"
    assert search(query=results.suggestion, user=AnonymousUser()).count == 1


@pytest.mark.django_db
def test_a_word_that_is_found_gets_no_suggestion(reference: None) -> None:
    assert search(query="samenwerking", user=AnonymousUser()).suggestion == ""


@pytest.mark.django_db
def test_no_suggestion_reveals_a_word_from_a_text_the_visitor_may_not_read(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Vertrouwelijk",
        texts=["De participatiewet in Quxdorp."],
        visibility=Visibility.ORGANISATIONS,
    )

    results = search(query="participatewet", user=AnonymousUser())

    assert results.count == 0
    assert results.suggestion == ""


@pytest.mark.django_db
def test_search_page_links_to_the_suggestion_keeping_the_filters(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Wet",
        texts=["De participatiewet in Quxdorp."],
    )

    html = client.get("/zoeken", {"q": "Participatewet", "soort": "passage"}).content.decode()

    assert "Bedoelde u:" in html
    assert '?q=participatiewet&amp;soort=passage"' in html


@pytest.mark.django_db
def test_a_misspelt_compound_found_through_its_parts_still_gets_a_suggestion(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Daken",
        texts=["Zonnepanelen op de daken van Quxdorp."],
    )

    results = search(query="zonepanelen quxdorp", user=AnonymousUser())

    assert results.count  # through its parts: zon + panelen
    assert results.suggestion == "zonnepanelen quxdorp"


@pytest.mark.django_db
def test_a_common_word_is_taken_as_meant(django_capture_on_commit_callbacks: Capture) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Jeugd",
        texts=["Jongeren in Quxdorp zoeken werk."],
    )

    assert search(query="jonge quxdorp", user=AnonymousUser()).suggestion == ""


@pytest.mark.django_db
def test_a_filter_that_leaves_nothing_does_not_make_a_word_misspelt(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks, title="Nieuw", texts=["Deregulering in Quxdorp."]
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Oud",
        texts=["Regulering in Quxdorp."],
        year=2019,
    )

    results = search(query="deregulering", user=AnonymousUser(), filters=Filters(year=2019))

    assert results.count == 0
    assert results.suggestion == ""


@pytest.mark.django_db
def test_the_suggestion_keeps_the_rest_of_the_query_as_typed(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Wet",
        texts=["De participatiewet en het Wmo-loket in Quxdorp."],
    )

    results = search(query="Wmo-loket: participatewet!", user=AnonymousUser())

    assert results.suggestion == "Wmo-loket: participatiewet!"
