"""Abbreviations of public administration find what they stand for, and the other way round."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from dwarsverband.knowledge.analysis import index_text
from dwarsverband.knowledge.searching import search
from dwarsverband.knowledge.synonyms import ABBREVIATIONS
from tests.knowledge.test_search import _publication

Capture = Callable[..., Any]


def test_an_abbreviation_is_indexed_with_what_it_stands_for() -> None:
    assert set(index_text("Wet maatschappelijke ondersteuning").split()) <= set(
        index_text("De Wmo regelt dat.").split()
    )
    assert index_text("wmo").split()[0] in index_text("Wet maatschappelijke ondersteuning")


def test_the_written_out_form_needs_its_words_in_order() -> None:
    assert "wmo" not in index_text("ondersteuning maatschappelijke wet").split()


@pytest.mark.parametrize("abbreviation", sorted(ABBREVIATIONS))
def test_every_abbreviation_is_one_word_of_three_letters_or_more(abbreviation: str) -> None:
    assert abbreviation.isalpha() and len(abbreviation) >= 3
    assert len(index_text(ABBREVIATIONS[abbreviation]).split()) >= 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("wmo quxdorp", "Quxdorp voert de Wet maatschappelijke ondersteuning uit."),
        ("wet maatschappelijke ondersteuning quxdorp", "De Wmo in Quxdorp."),
        ("werkgeversservicepunt quxdorp", "Het WSP van Quxdorp helpt werkgevers."),
    ],
)
def test_search_finds_the_other_form(
    django_capture_on_commit_callbacks: Capture, query: str, text: str
) -> None:
    _publication(django_capture_on_commit_callbacks, title="Afkorting", texts=[text])

    results = search(query=query, user=AnonymousUser())

    assert results.results[0].title == "Afkorting – passage 1"
    assert not results.any_term
