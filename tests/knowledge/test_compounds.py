"""Dutch compounds and irregular plurals in the search analysis, and what a search makes of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from dwarsverband.knowledge import compounds
from dwarsverband.knowledge.analysis import analyse, index_text, query_groups, word_terms
from dwarsverband.knowledge.searching import search
from tests.knowledge.test_search import _publication

Capture = Callable[..., Any]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("huurwoningen", ("huur", "woningen")),
        ("woningcorporaties", ("woning", "corporaties")),
        ("werkgeversdienstverlening", ("werkgever", "dienstverlening")),
        ("personeelstekort", ("personeel", "tekort")),
        ("fraudebestrijding", ("fraude", "bestrijding")),
    ],
)
def test_compounds_split_into_two_known_words(word: str, parts: tuple[str, str]) -> None:
    assert compounds.split(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "werkgever",  # a common word in its own right, not "werk" + "gever"
        "samenwerking",  # "samen" starts separable verbs, it is not a part
        "binnenstad",
        "ridderkerk",  # a municipality, not about a church
        "winterswijk",
        "betaalbaarheid",  # -heid is a suffix, not a word
        "gemeente",
        "zorg",
    ],
)
def test_words_that_stay_whole(word: str) -> None:
    assert compounds.split(word) is None


def test_a_split_the_stemmer_would_cut_short_is_not_used() -> None:
    # "kantoren" would be "kant" + "oren", and "oren" stems to "or".
    assert word_terms("kantoren")[1] == ()


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("raadsleden", "raadslid"),
        ("leden", "lid"),
        ("binnensteden", "binnenstad"),
        ("steden", "stad"),
        ("kinderen", "kind"),
        ("technici", "technicus"),
        ("politici", "politicus"),
    ],
)
def test_irregular_plurals_share_the_singulars_term(plural: str, single: str) -> None:
    assert index_text(plural).split()[0] == index_text(single).split()[0]


@pytest.mark.parametrize("word", ["verleden", "geleden", "besteden"])
def test_words_that_only_end_like_an_irregular_plural_are_left(word: str) -> None:
    assert compounds.singular(word) == word


def test_a_compound_is_indexed_with_its_parts_and_queried_with_them() -> None:
    whole, parts = word_terms("huurwoningen")
    assert index_text("huurwoningen").split() == [whole, *parts]
    assert analyse("huurwoningen") == ([whole], list(parts))
    assert query_groups("huurwoningen isoleren")[0].terms == (whole, *parts)
    assert index_text("woningen").split()[0] in parts


@pytest.mark.django_db
def test_a_part_finds_the_compound(django_capture_on_commit_callbacks: Capture) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Samengesteld",
        texts=["In Quxdorp worden huurwoningen gebouwd."],
    )

    results = search(query="woningen quxdorp", user=AnonymousUser())

    assert results.results[0].title == "Samengesteld – passage 1"
    assert "<mark>huurwoningen</mark>" in results.results[0].snippet.html


@pytest.mark.django_db
def test_a_compound_query_finds_its_head_after_the_exact_compound(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Exact",
        texts=["Huurwoningen isoleren in Quxdorp."],
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Deel",
        texts=["Woningen isoleren in Quxdorp, ook koopwoningen."],
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Anders",
        texts=["In Quxdorp gaat het over subsidies voor de huur."],
    )

    results = search(query="huurwoningen isoleren quxdorp", user=AnonymousUser())
    titles = [r.title for r in results.results]

    assert titles[:2] == ["Exact – passage 1", "Deel – passage 1"]
    assert not results.any_term


@pytest.mark.django_db
def test_a_text_that_uses_the_word_itself_ranks_above_a_compound_with_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Wijkaanpak",
        texts=["Quxdorp."],
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Notities",
        texts=["Een aanpak voor Quxdorp."],
    )

    results = search(query="aanpak quxdorp", user=AnonymousUser())

    # The compound in a title counts for less than the word itself in a text.
    assert [r.title for r in results.results][:2] == [
        "Notities – passage 1",
        "Wijkaanpak – passage 1",
    ]


@pytest.mark.django_db
def test_exact_compounds_are_not_diluted_when_they_fill_a_page(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Corporaties",
        texts=[f"Woningcorporatie nummer {n} in Quxdorp." for n in range(12)],
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Woning",
        texts=["Een woning in Quxdorp."],
    )

    results = search(query="woningcorporaties quxdorp", user=AnonymousUser())

    assert results.count == 12
    assert all(r.title.startswith("Corporaties") for r in results.results)


@pytest.mark.django_db
def test_raadsleden_finds_raadslid(django_capture_on_commit_callbacks: Capture) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Raad",
        texts=["Ieder raadslid in Quxdorp kreeg de stukken."],
    )

    results = search(query="raadsleden", user=AnonymousUser())

    assert results.results[0].title == "Raad – passage 1"
