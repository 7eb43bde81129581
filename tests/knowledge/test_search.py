"""The search service, on whichever database the suite runs (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection

from dwarsverband.knowledge.constants import PublicationKind, Visibility
from dwarsverband.knowledge.models import Passage, Publication, SearchDocument
from dwarsverband.knowledge.searching import Filters, SearchQueryError, related, search
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Theme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def _publication(
    capture: Capture,
    *,
    title: str,
    texts: list[str],
    visibility: str = Visibility.PUBLIC,
    organisations: list[Organisation] | None = None,
    year: int = 2020,
    themes: list[str] | None = None,
) -> Publication:
    with capture(execute=True):
        publication = Publication.objects.create(
            title=title,
            slug=title.lower().replace(" ", "-"),
            kind=PublicationKind.ARTICLE,
            visibility=visibility,
            published_on=datetime.date(year, 1, 1),
        )
        publication.organisations.set(organisations or [])
        publication.themes.set(Theme.objects.filter(slug__in=themes or []))
        for position, text in enumerate(texts, start=1):
            Passage.objects.create(
                publication=publication,
                position=position,
                number=str(position),
                anchor=f"passage-{position}",
                text=text,
            )
    return publication


def _titles(query: str, user: Any = None, **filters: Any) -> list[str]:
    results = search(
        query=query, user=user or AnonymousUser(), filters=Filters(**filters), per_page=500
    )
    return [result.title for result in results.results]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("samenwerkingen", "Een samenwerking tussen buurgemeenten in de Achterhoek."),
        ("woningcorporaties", "De woningcorporatie bouwt sociale huurwoningen in Zeeland."),
        ("woningcorporatie", "Drie woningcorporaties tekenden de prestatieafspraken."),
    ],
)
def test_inflected_query_finds_the_other_form(
    django_capture_on_commit_callbacks: Capture, query: str, text: str
) -> None:
    _publication(django_capture_on_commit_callbacks, title="Stamtest", texts=[text])

    assert any(title.startswith("Stamtest – passage 1") for title in _titles(query))


def test_results_have_highlighted_snippets(django_capture_on_commit_callbacks: Capture) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Snippettest",
        texts=["Inleiding. Zeven woningcorporaties in de regio Quxdorp werken samen."],
    )

    results = search(query="quxdorp woningcorporatie", user=AnonymousUser())

    assert results.results[0].title == "Snippettest – passage 1"
    assert "<mark>woningcorporaties</mark>" in results.results[0].snippet.html
    assert "<mark>Quxdorp</mark>" in results.results[0].snippet.html


def test_all_terms_must_match_before_any_term_does(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Allebei",
        texts=["Zorgvuldig plaatsen van werkzoekenden in Flubberdam."],
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Eentje",
        texts=["Werkzoekenden vinden werk in de zorg."],
    )

    both = search(query="werkzoekenden flubberdam", user=AnonymousUser())
    assert both.results[0].title == "Allebei – passage 1"
    assert "Eentje – passage 1" in [r.title for r in both.results[1:]]
    assert not both.any_term

    fallback = search(query="werkzoekenden zwoinkeldorp", user=AnonymousUser())
    assert fallback.any_term
    assert {"Allebei – passage 1", "Eentje – passage 1"} <= {r.title for r in fallback.results}


def test_confidential_publication_shows_only_to_its_organisation_and_coordinators(
    django_capture_on_commit_callbacks: Capture, make_user: Callable[..., User]
) -> None:
    owner = OrganisationFactory()
    other = OrganisationFactory()
    _publication(
        django_capture_on_commit_callbacks,
        title="Vertrouwelijk",
        texts=["Interne notitie over de plonkverdeling."],
        visibility=Visibility.ORGANISATIONS,
        organisations=[owner],
    )

    assert _titles("plonkverdeling") == []
    assert _titles("plonkverdeling", make_user(PlatformRole.READER)) == []
    assert _titles("plonkverdeling", make_user(PlatformRole.EDITOR, other)) == []
    member_sees = _titles("plonkverdeling", make_user(PlatformRole.READER, owner))
    assert "Vertrouwelijk – passage 1" in member_sees
    assert "Vertrouwelijk – passage 1" in _titles(
        "plonkverdeling", make_user(PlatformRole.COORDINATOR)
    )


def test_members_only_publication_needs_a_login(
    django_capture_on_commit_callbacks: Capture, make_user: Callable[..., User]
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Leden",
        texts=["Verslag over de zwiebelaanpak."],
        visibility=Visibility.LOGGED_IN,
    )

    assert _titles("zwiebelaanpak") == []
    assert _titles("zwiebelaanpak", make_user(PlatformRole.READER)) == ["Leden – passage 1"]


def test_facets_count_hits_and_filters_narrow_them(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    vng = Organisation.objects.get(slug="vng")
    _publication(
        django_capture_on_commit_callbacks,
        title="Oud",
        texts=["Grommelbeleid in de regio.", "Meer grommelbeleid."],
        year=2015,
        organisations=[vng],
        themes=["regionale-arbeidsmarkt"],
    )
    _publication(
        django_capture_on_commit_callbacks, title="Nieuw", texts=["Grommelbeleid nu."], year=2024
    )

    results = search(query="grommelbeleid", user=AnonymousUser())
    facets = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert facets["doc_type"] == {"passage": 3}
    assert facets["year"] == {"2015": 2, "2024": 1}
    assert facets["organisation"] == {"vng": 2}
    assert facets["theme"] == {"regionale-arbeidsmarkt": 2}

    assert _titles("grommelbeleid", year=2024) == ["Nieuw – passage 1"]
    assert len(_titles("grommelbeleid", theme="regionale-arbeidsmarkt")) == 2
    assert _titles("grommelbeleid", doc_type="organisation") == []
    filtered = search(query="grommelbeleid", user=AnonymousUser(), filters=Filters(year=2024))
    year_facet = {v.value: (v.count, v.selected) for v in filtered.facets["year"]}
    assert year_facet == {"2015": (2, False), "2024": (1, True)}


def test_results_are_paginated(django_capture_on_commit_callbacks: Capture) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Lang",
        texts=[f"Paginatest snorkelplan deel {n}." for n in range(23)],
    )

    first = search(query="snorkelplan", user=AnonymousUser(), per_page=10)
    last = search(query="snorkelplan", user=AnonymousUser(), per_page=10, page_number=3)
    beyond = search(query="snorkelplan", user=AnonymousUser(), per_page=10, page_number="x")

    assert first.count == 23
    assert len(first.results) == 10
    assert len(last.results) == 3
    assert beyond.page.number == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Vul een zoekterm in"), ("   ", "Vul een zoekterm in"), ("a" * 2000, "te lang")],
)
def test_unusable_query_gives_a_dutch_message(query: str, message: str) -> None:
    with pytest.raises(SearchQueryError, match=message):
        search(query=query, user=AnonymousUser())


def test_query_of_only_stop_words_is_explained() -> None:
    with pytest.raises(SearchQueryError, match="veelvoorkomende woorden"):
        search(query="de en het", user=AnonymousUser())


def test_query_with_search_syntax_characters_is_harmless() -> None:
    for query in ['"samen', "samen AND OR NOT", "samen*", "a' | b & !c", "NEAR(x y)", "2018"]:
        search(query=query, user=AnonymousUser())
    with pytest.raises(SearchQueryError, match="letters of cijfers"):
        search(query="-:()", user=AnonymousUser())


def test_index_follows_saves_and_deletes(django_capture_on_commit_callbacks: Capture) -> None:
    publication = _publication(
        django_capture_on_commit_callbacks, title="Wissel", texts=["Over de kwispelregeling."]
    )
    passage = publication.passages.get()
    assert _titles("kwispelregeling") == ["Wissel – passage 1"]

    with django_capture_on_commit_callbacks(execute=True):
        passage.text = "Over de flapperregeling."
        passage.save()
    assert _titles("kwispelregeling") == []
    assert _titles("flapperregeling") == ["Wissel – passage 1"]

    with django_capture_on_commit_callbacks(execute=True):
        publication.delete()
    assert _titles("flapperregeling") == []
    assert not SearchDocument.objects.filter(title__startswith="Wissel").exists()


def test_organisations_and_demo_roadmap_are_findable(reference: None) -> None:
    organisations = search(query="Gouda", user=AnonymousUser(), filters=Filters("organisation"))
    assert organisations.results[0].title == "Gouda"

    signposts = _titles("vertrouwen", doc_type="signpost")
    assert "Wegwijzer 2: Investeer in vertrouwen en ontmoeting" in signposts


def test_rebuild_command_recreates_the_same_index(reference: None) -> None:
    before = set(SearchDocument.objects.values_list("key", "title"))
    SearchDocument.objects.filter(doc_type="organisation").delete()
    output = StringIO()

    call_command("rebuild_search_index", stdout=output)

    assert set(SearchDocument.objects.values_list("key", "title")) == before
    assert "Zoekindex opnieuw opgebouwd" in output.getvalue()
    assert _titles("Gouda", doc_type="organisation")[0] == "Gouda"


def test_projects_circles_and_agreements_are_findable(reference: None) -> None:
    projects = _titles("financiën woningcorporaties", doc_type="project")
    assert projects[0] == "Leergang financiën van woningcorporaties"
    assert "Cursus financiën woningcorporaties" in _titles(
        "financiën woningcorporaties", doc_type="agreement"
    )
    assert _titles("langer zelfstandig thuis", doc_type="community") == ["Langer zelfstandig thuis"]
    assert "Bijeenkomst 1: Woonzorgvisie: waar staan we?" in _titles(
        "woonzorgvisie", doc_type="meeting"
    )
    assert _titles("convenant G32", doc_type="covenant")[0].startswith("Samenwerken aan")
    assert _titles("gezamenlijke agenda", doc_type="joint_agenda")


def test_internal_agreement_is_found_only_by_its_parties_and_coordinators(
    reference: None,
    django_capture_on_commit_callbacks: Capture,
    make_user: Callable[..., User],
) -> None:
    from dwarsverband.agreements.models import Agreement

    agreement = Agreement.objects.get(title="Cursus financiën woningcorporaties")
    party = agreement.parties.first()
    assert party is not None
    with django_capture_on_commit_callbacks(execute=True):
        agreement.internal = True
        agreement.save(update_fields=["internal"])
    title = "Cursus financiën woningcorporaties"

    assert title not in _titles("cursus financiën", doc_type="agreement")
    assert title not in _titles(
        "cursus financiën",
        make_user(PlatformRole.READER, OrganisationFactory()),
        doc_type="agreement",
    )
    assert title in _titles(
        "cursus financiën", make_user(PlatformRole.READER, party), doc_type="agreement"
    )
    assert title in _titles(
        "cursus financiën", make_user(PlatformRole.COORDINATOR), doc_type="agreement"
    )


def test_when_no_document_holds_every_word_those_holding_most_come_first(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Meeste",
        texts=[
            "Knorrelplan en wuppeltaak in Zonkdorp.",
            "Knorrelplan en wuppeltaak elders.",
            "Alleen het knorrelplan.",
        ],
    )

    results = search(query="knorrelplan wuppeltaak zonkdorp gloepmeer", user=AnonymousUser())
    titles = [result.title for result in results.results]

    assert results.any_term
    assert titles[0] == "Meeste – passage 1"
    assert set(titles) == {"Meeste – passage 1", "Meeste – passage 2", "Meeste – passage 3"}
    narrow = search(
        query="knorrelplan wuppeltaak zonkdorp gloepmeer", user=AnonymousUser(), per_page=2
    )
    assert narrow.count == 2  # two documents hold three of the four words: that fills a page


def test_a_word_in_most_documents_does_not_select_when_too_few_hold_every_word(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # More than COMMON_SHARE of all documents hold "plimpregel".
    common = SearchDocument.objects.count() // 3 + 3
    _publication(
        django_capture_on_commit_callbacks,
        title="Veel",
        texts=[f"Overal de plimpregel, deel {n}." for n in range(common)]
        + ["Plimpregel en snarfwet."],
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE knowledge_searchdocument")

    results = search(query="plimpregel snarfwet blooptaks", user=AnonymousUser())

    assert [result.title for result in results.results] == [f"Veel – passage {common + 1}"]


def test_later_pages_keep_the_order_of_the_first(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Volgorde",
        texts=[f"Trimbelzorg deel {n}." + " trimbelzorg" * (n % 4) for n in range(15)],
    )

    pages = [
        search(query="trimbelzorg", user=AnonymousUser(), per_page=4, page_number=number)
        for number in range(1, 5)
    ]
    titles = [result.title for page in pages for result in page.results]
    everything = _titles("trimbelzorg")

    assert titles == everything
    assert len(set(titles)) == 15


def test_related_finds_passages_for_a_project_text(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Verwant",
        texts=["Over de gloeiplaat en de smeltkroes in de regio.", "Iets anders."],
    )
    _publication(
        django_capture_on_commit_callbacks,
        title="Een woord",
        texts=["Alleen de smeltkroes komt hier voor."],
    )

    related_results = related(
        text="Een project over gloeiplaten en smeltkroezen", user=AnonymousUser()
    )

    # The second publication shares one word only: not enough to call it related.
    assert [result.title for result in related_results] == ["Verwant – passage 1"]


def test_words_common_in_all_of_dutch_do_not_make_a_text_related(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Algemeen",
        texts=["Mensen willen zo lang mogelijk samen werken en thuis blijven."],
    )

    related_results = related(
        text="Ouderen: mensen willen lang thuis blijven en samen werken", user=AnonymousUser()
    )

    # "mensen", "lang", "thuis", "blijven", "samen" and "werken" say nothing about a subject.
    assert "Algemeen – passage 1" not in [result.title for result in related_results]


def test_related_looks_past_the_first_words_of_a_long_text(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _publication(
        django_capture_on_commit_callbacks,
        title="Verwant",
        texts=["Over de gloeiplaat en de smeltkroes in de regio."],
    )
    opening = " ".join(f"woord{n}" for n in range(30))

    related_results = related(
        text=f"{opening}. Aan het eind: gloeiplaten en smeltkroezen.", user=AnonymousUser()
    )

    assert [result.title for result in related_results] == ["Verwant – passage 1"]
