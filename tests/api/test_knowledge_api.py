"""API v1 for publications, passages, roadmaps, signposts and platform search."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dwarsverband.knowledge.constants import AdviceRole, PublicationKind, Visibility
from dwarsverband.knowledge.models import Passage, Publication, Roadmap, Signpost
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
PUBLICATION = "voorbeeld-samen-werken-aan-werk"
ROADMAP = "routekaart-regionale-samenwerking"
SECRET_WORD = "zeldzaamheidsonderzoek"

Capture = Callable[..., Any]


def _headers(user: User) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def _gouda_only_publication(capture: Capture) -> Publication:
    """A publication only Gouda may read, indexed for search."""
    with capture(execute=True):
        publication = Publication.objects.create(
            title="Interne notitie Gouda",
            slug="interne-notitie-gouda",
            kind=PublicationKind.ARTICLE,
            visibility=Visibility.ORGANISATIONS,
            published_on=datetime.date(2021, 3, 1),
        )
        publication.organisations.set([Organisation.objects.get(code="GM0513")])
        Passage.objects.create(
            publication=publication,
            position=1,
            number="1",
            anchor="passage-1",
            text=f"Het {SECRET_WORD} van Gouda blijft binnenskamers.",
        )
    return publication


@pytest.fixture
def gouda_user(reference: None, make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.READER, Organisation.objects.get(code="GM0513"))


@pytest.fixture
def utrecht_user(reference: None, make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0344"))


# Publications and passages -------------------------------------------------------------------


def test_publication_list_shows_the_demo_report_with_its_passage_count(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/publicaties")

    assert response.status_code == 200
    report = next(p for p in response.json()["results"] if p["slug"] == PUBLICATION)
    assert report["kind"] == PublicationKind.RESEARCH_REPORT
    assert report["publishedOn"] == "2018-06-06"
    assert report["passageCount"] == Passage.objects.filter(publication__slug=PUBLICATION).count()
    assert {o["slug"] for o in report["organisations"]} >= {"vng"}
    assert report["passages"].endswith(f"/api/v1/publicaties/{PUBLICATION}/passages")
    assert report["createdAt"].endswith("Z")


def test_publication_list_filters_by_kind_theme_and_organisation(
    client: Client, reference: None
) -> None:
    def slugs(**params: str) -> set[str]:
        return {p["slug"] for p in client.get("/api/v1/publicaties", params).json()["results"]}

    assert PUBLICATION in slugs(soort=PublicationKind.RESEARCH_REPORT)
    assert PUBLICATION not in slugs(soort=PublicationKind.GUIDE)
    assert PUBLICATION in slugs(thema="regionaal-samenwerken", organisatie="vng")
    assert PUBLICATION not in slugs(organisatie="gouda")


def test_invalid_publication_filters_are_one_problem(client: Client, reference: None) -> None:
    response = client.get("/api/v1/publicaties", {"soort": "roman", "thema": "a b"})

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {p["name"] for p in response.json()["invalidParams"]} == {"soort", "thema"}


def test_restricted_publication_exists_only_for_those_who_may_read_it(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    gouda_user: User,
    utrecht_user: User,
    make_user: Callable[..., User],
) -> None:
    publication = _gouda_only_publication(django_capture_on_commit_callbacks)
    paths = [
        f"/api/v1/publicaties/{publication.slug}",
        f"/api/v1/publicaties/{publication.slug}/passages",
        f"/api/v1/publicaties/{publication.slug}/passages/passage-1",
    ]

    for path in paths:
        for headers in ({}, _headers(utrecht_user)):
            response = client.get(path, headers=headers)
            assert response.status_code == 404, path
            assert response["Content-Type"] == PROBLEM
        for reader in (gouda_user, make_user(PlatformRole.COORDINATOR)):
            assert client.get(path, headers=_headers(reader)).status_code == 200, path
    listed = client.get("/api/v1/publicaties", {"pageSize": 100}).json()["results"]
    assert publication.slug not in {p["slug"] for p in listed}


def test_logged_in_publication_needs_a_token(
    client: Client, reference: None, utrecht_user: User
) -> None:
    Publication.objects.create(
        title="Voor ingelogden",
        slug="voor-ingelogden",
        kind=PublicationKind.GUIDE,
        visibility=Visibility.LOGGED_IN,
    )

    assert client.get("/api/v1/publicaties/voor-ingelogden").status_code == 404
    response = client.get("/api/v1/publicaties/voor-ingelogden", headers=_headers(utrecht_user))
    assert response.status_code == 200
    assert response.json()["visibility"] == Visibility.LOGGED_IN


def test_passages_are_listed_in_order_with_citation_and_anchor(
    client: Client, reference: None
) -> None:
    body = client.get(f"/api/v1/publicaties/{PUBLICATION}/passages", {"pageSize": 100}).json()

    passages = list(Passage.objects.filter(publication__slug=PUBLICATION).order_by("position"))
    assert body["count"] == len(passages)
    assert [item["anchor"] for item in body["results"]] == [p.anchor for p in passages]
    first = body["results"][0]
    assert first["citation"] == passages[0].citation
    assert first["webUrl"].endswith(f"/kennis/publicaties/{PUBLICATION}#{passages[0].anchor}")
    assert client.get(first["url"]).status_code == 200


def test_passage_detail_names_the_signposts_that_cite_it(client: Client, reference: None) -> None:
    signpost = Signpost.objects.filter(roadmap__slug=ROADMAP, passages__isnull=False).first()
    assert signpost is not None
    passage = signpost.passages.first()
    assert passage is not None

    body = client.get(f"/api/v1/publicaties/{PUBLICATION}/passages/{passage.anchor}").json()

    assert body["publication"]["slug"] == PUBLICATION
    assert body["text"] == passage.text
    cited_by = {(s["roadmap"]["slug"], s["position"]) for s in body["signposts"]}
    assert (ROADMAP, signpost.position) in cited_by


def test_unknown_publication_or_passage_is_a_404_problem(client: Client, reference: None) -> None:
    for path in (
        "/api/v1/publicaties/bestaat-niet",
        "/api/v1/publicaties/bestaat-niet/passages",
        f"/api/v1/publicaties/{PUBLICATION}/passages/bestaat-niet",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == PROBLEM


def test_publication_list_queries_do_not_grow_with_the_page(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    vng = Organisation.objects.get(slug="vng")
    for n in range(12):
        publication = Publication.objects.create(
            title=f"Handreiking {n}", slug=f"handreiking-{n}", kind=PublicationKind.GUIDE
        )
        publication.organisations.set([vng])

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/publicaties", {"pageSize": 20})

    assert len(response.json()["results"]) >= 13


# Roadmaps and signposts ----------------------------------------------------------------------


def test_roadmap_list_and_detail(client: Client, reference: None) -> None:
    listed = client.get("/api/v1/routekaarten").json()["results"]
    roadmap = next(r for r in listed if r["slug"] == ROADMAP)
    detail = client.get(roadmap["url"]).json()

    count = Signpost.objects.filter(roadmap__slug=ROADMAP).count()
    assert roadmap["signpostCount"] == count
    assert {o["slug"] for o in roadmap["organisations"]} == {"vng", "gouda"}
    assert detail["publication"]["slug"] == PUBLICATION
    assert detail["pdf"].endswith(f"/kennis/routekaarten/{ROADMAP}/pdf")
    assert client.get("/api/v1/routekaarten", {"thema": "geen-thema"}).json()["count"] == 0


def test_roadmap_list_queries_do_not_grow_with_the_page(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    vng = Organisation.objects.get(slug="vng")
    for n in range(10):
        roadmap = Roadmap.objects.create(title=f"Route {n}", slug=f"route-{n}")
        roadmap.organisations.set([vng])

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/routekaarten", {"pageSize": 20})

    assert len(response.json()["results"]) >= 11


def test_roadmap_hides_a_publication_the_reader_may_not_read(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    gouda_user: User,
) -> None:
    publication = _gouda_only_publication(django_capture_on_commit_callbacks)
    Roadmap.objects.create(title="Interne route", slug="interne-route", publication=publication)

    assert client.get("/api/v1/routekaarten/interne-route").json()["publication"] is None
    as_gouda = client.get("/api/v1/routekaarten/interne-route", headers=_headers(gouda_user))
    assert as_gouda.json()["publication"]["slug"] == publication.slug


def test_signposts_carry_story_sources_and_advice_for_every_role(
    client: Client, reference: None
) -> None:
    body = client.get(f"/api/v1/routekaarten/{ROADMAP}/wegwijzers", {"pageSize": 100}).json()

    assert body["count"] == Signpost.objects.filter(roadmap__slug=ROADMAP).count()
    first = body["results"][0]
    assert first["position"] == 1
    assert first["story"]["title"]
    assert [a["role"] for a in first["advice"]] == list(AdviceRole.values)
    assert first["advice"][0]["roleLabel"] == "burgemeester"
    assert all(p["publication"]["slug"] == PUBLICATION for p in first["passages"])
    assert first["webUrl"].endswith(f"/kennis/routekaarten/{ROADMAP}#wegwijzer-1")


def test_role_filter_keeps_only_the_advice_for_that_role(client: Client, reference: None) -> None:
    body = client.get(f"/api/v1/routekaarten/{ROADMAP}/wegwijzers", {"rol": "council_member"})

    for signpost in body.json()["results"]:
        assert [a["role"] for a in signpost["advice"]] == [AdviceRole.COUNCIL_MEMBER]


def test_signpost_detail_by_position_with_role(client: Client, reference: None) -> None:
    response = client.get(f"/api/v1/routekaarten/{ROADMAP}/wegwijzers/2", {"rol": "mayor"})

    assert response.status_code == 200
    body = response.json()
    assert body["position"] == 2
    assert [a["role"] for a in body["advice"]] == [AdviceRole.MAYOR]
    assert client.get(body["url"]).json()["position"] == 2


def test_signposts_cite_only_passages_the_reader_may_read(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    gouda_user: User,
) -> None:
    publication = _gouda_only_publication(django_capture_on_commit_callbacks)
    signpost = Signpost.objects.get(roadmap__slug=ROADMAP, position=1)
    signpost.passages.add(publication.passages.get())
    path = f"/api/v1/routekaarten/{ROADMAP}/wegwijzers/1"

    def cited(headers: dict[str, str]) -> set[str]:
        passages = client.get(path, headers=headers).json()["passages"]
        return {p["publication"]["slug"] for p in passages}

    assert publication.slug not in cited({})
    assert publication.slug in cited(_headers(gouda_user))


def test_invalid_role_and_unknown_signpost_are_problems(client: Client, reference: None) -> None:
    bad_role = client.get(f"/api/v1/routekaarten/{ROADMAP}/wegwijzers", {"rol": "koning"})
    unknown = [
        client.get(f"/api/v1/routekaarten/{ROADMAP}/wegwijzers/99"),
        client.get("/api/v1/routekaarten/bestaat-niet/wegwijzers"),
        client.get("/api/v1/routekaarten/bestaat-niet"),
    ]

    assert bad_role.status_code == 400
    assert [p["name"] for p in bad_role.json()["invalidParams"]] == ["rol"]
    assert [r.status_code for r in unknown] == [404, 404, 404]
    assert {r["Content-Type"] for r in [bad_role, *unknown]} == {PROBLEM}


def test_signpost_list_queries_are_bounded(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(9):
        response = client.get(f"/api/v1/routekaarten/{ROADMAP}/wegwijzers", {"pageSize": 100})

    assert len(response.json()["results"]) == Signpost.objects.filter(roadmap__slug=ROADMAP).count()


# Search --------------------------------------------------------------------------------------


def test_search_answers_results_with_snippets_facets_and_links(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/zoeken", {"q": "samenwerkingen", "pageSize": 5})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] > 5
    assert len(body["results"]) == 5
    assert "page=2" in body["_links"]["next"]["href"]
    assert body["query"] == "samenwerkingen"
    assert any("<mark>" in result["snippet"] for result in body["results"])
    assert all(result["webUrl"].startswith("http") for result in body["results"])
    assert set(body["facets"]) == {"soort", "thema", "organisatie", "jaar"}
    signposts = next(f for f in body["facets"]["soort"] if f["value"] == "signpost")
    assert signposts["label"] == "wegwijzer"
    assert signposts["count"] > 0


def test_search_filters_by_kind_like_the_facets_say(client: Client, reference: None) -> None:
    body = client.get("/api/v1/zoeken", {"q": "samenwerkingen", "soort": "signpost"}).json()

    assert body["count"] > 0
    assert {result["type"] for result in body["results"]} == {"signpost"}
    selected = [f for f in body["facets"]["soort"] if f["selected"]]
    assert [f["value"] for f in selected] == ["signpost"]


def test_search_only_finds_what_the_user_may_see(
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    gouda_user: User,
    utrecht_user: User,
) -> None:
    _gouda_only_publication(django_capture_on_commit_callbacks)

    def titles(headers: dict[str, str]) -> list[str]:
        body = client.get("/api/v1/zoeken", {"q": SECRET_WORD}, headers=headers).json()
        return [result["title"] for result in body["results"]]

    def secret(headers: dict[str, str]) -> list[str]:
        # The word is a compound (zeldzaamheid + onderzoek): other results may share a part.
        return [title for title in titles(headers) if title.startswith("Interne notitie Gouda")]

    assert secret({}) == []
    assert secret(_headers(utrecht_user)) == []
    assert secret(_headers(gouda_user))


@pytest.mark.parametrize(
    ("params", "invalid"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "samenwerking " * 154}, "q"),
        ({"q": "x" * 2000}, "q"),
        ({"q": "!?"}, "q"),
        ({"q": "regio", "jaar": "twintig"}, "jaar"),
        ({"q": "regio", "jaar": ""}, "jaar"),
        ({"q": "regio", "soort": "roman"}, "soort"),
        ({"q": "regio", "pageSize": "1000"}, "pageSize"),
    ],
    ids=[
        "missing",
        "empty",
        "blank",
        "2000-chars-of-words",
        "2000-chars",
        "no-letters",
        "bad-year",
        "empty-year",
        "bad-kind",
        "page-too-large",
    ],
)
def test_bad_search_input_is_a_problem_not_an_error(
    client: Client, reference: None, params: dict[str, str], invalid: str
) -> None:
    response = client.get("/api/v1/zoeken", params)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert [p["name"] for p in response.json()["invalidParams"]] == [invalid]


def test_search_page_beyond_the_last_is_a_404(client: Client, reference: None) -> None:
    response = client.get("/api/v1/zoeken", {"q": "samenwerkingen", "page": "999"})

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_search_without_hits_is_an_empty_first_page(client: Client, reference: None) -> None:
    body = client.get("/api/v1/zoeken", {"q": "xylofoonorkest"}).json()

    assert body["count"] == 0
    assert body["results"] == []
    assert body["facets"]["soort"] == []


def test_query_of_common_words_only_finds_nothing_and_says_why(
    client: Client, reference: None
) -> None:
    response = client.get("/api/v1/zoeken", {"q": "de het een"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 0
    assert "veelvoorkomende woorden" in body["notice"]


def test_ordinary_search_has_no_notice(client: Client, reference: None) -> None:
    assert client.get("/api/v1/zoeken", {"q": "regio"}).json()["notice"] is None
