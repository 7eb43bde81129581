"""Past participles of strong verbs in the search analysis: "betrokken" finds "betrekken"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from dwarsverband.knowledge.analysis import word_terms
from dwarsverband.knowledge.searching import search
from dwarsverband.knowledge.verbs import infinitive
from tests.knowledge.test_search import _publication

Capture = Callable[..., Any]


@pytest.mark.parametrize(
    ("participle", "expected"),
    [
        ("gevonden", "vinden"),
        ("betrokken", "betrekken"),  # inseparable prefix, no ge-
        ("onderzocht", "onderzoeken"),
        ("verloren", "verliezen"),
        ("aangeboden", "aanbieden"),  # separable prefix before ge-
        ("bijgedragen", "bijdragen"),
        ("plaatsgevonden", "plaatsvinden"),
        ("tekortgeschoten", "tekortschieten"),
        ("vergeleken", "vergelijken"),  # verge- belongs to the verb
        ("voldaan", "voldoen"),
        ("begonnen", "beginnen"),
        ("onderzochte", "onderzoeken"),  # used as an adjective: de onderzochte gemeenten
        ("betrokkenen", "betrekken"),
        ("ingeschrevenen", "inschrijven"),
    ],
)
def test_participles_become_infinitives(participle: str, expected: str) -> None:
    assert infinitive(participle) == expected
    assert word_terms(participle)[0] == word_terms(expected)[0]


@pytest.mark.parametrize(
    "word",
    [
        "inkomen",  # income, not a participle of "komen"
        "verslagen",  # reports: slaan is not on the list
        "gevallen",  # cases
        "geleden",  # ago
        "wezen",  # a participle needs a prefix
        "aangezien",  # a conjunction
        "verlegen",  # "verliggen" is no Dutch word
        "gemeente",
        "voorzien",
        # would meet a common word the stemmer joins with the infinitive
        "onderworpen",  # onderwerp
        "geboden",  # gebied
        "gewezen",  # wijziging
        "gewogen",  # weg
        "vergezocht",  # far-fetched, not a form of verzoeken
    ],
)
def test_other_words_are_left_alone(word: str) -> None:
    assert infinitive(word) == word


@pytest.mark.django_db
def test_an_infinitive_finds_the_participle(django_capture_on_commit_callbacks: Capture) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Raad",
        texts=["In Quxdorp worden raadsleden vroeg betrokken bij de regionale agenda."],
    )

    results = search(query="quxdorp raadsleden betrekken", user=AnonymousUser())

    assert results.results[0].title == "Raad – passage 1"
    assert "<mark>betrokken</mark>" in results.results[0].snippet.html
