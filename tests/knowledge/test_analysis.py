from __future__ import annotations

import pytest

from dwarsverband.knowledge.analysis import index_text, query_groups, snippet


def query_terms(query: str) -> list[str]:
    return [term for group in query_groups(query) for term in group.terms]


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("samenwerkingen", "samenwerking"),
        ("woningcorporaties", "woningcorporatie"),
        ("gemeenten", "gemeente"),
        ("wethouders", "wethouder"),
        ("coördinatie", "coordinatie"),
        ("werklozen", "werkloze"),
        ("daken", "dak"),
        ("fietspaden", "fietspad"),
        ("zonnepanelen", "zonnepaneel"),
        ("eenzaam", "eenzame"),
    ],
)
def test_inflected_forms_share_their_stem(query: str, document: str) -> None:
    assert index_text(query).split()[0] == index_text(document).split()[0]


def test_stop_words_are_not_indexed() -> None:
    assert index_text("de samenwerking van het UWV en de gemeente") == index_text(
        "samenwerking UWV gemeente"
    )


def test_snippet_marks_matches_and_escapes_markup() -> None:
    text = "Intro. <script>x</script> Samenwerkingen met woningcorporaties lopen goed."
    result = snippet(text, query_terms("samenwerking woningcorporatie"))
    assert "<mark>Samenwerkingen</mark>" in result.html
    assert "<mark>woningcorporaties</mark>" in result.html
    assert "<script>" not in result.html
    assert "&lt;script&gt;" in result.html


def test_snippet_centres_on_the_matches_in_a_long_text() -> None:
    text = " ".join(["vulwoord"] * 200) + " vertrouwen groeit " + " ".join(["rest"] * 200)
    result = snippet(text, query_terms("vertrouwen"))
    assert result.matched
    assert result.html.startswith("… ")
    assert "<mark>vertrouwen</mark>" in result.html
