from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dwarsverband.knowledge.constants import Visibility
from dwarsverband.knowledge.models import Publication, Roadmap
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from tests.knowledge.pdfs import image_only_pdf, report_pdf

pytestmark = pytest.mark.django_db

ROADMAP = "/kennis/routekaarten/routekaart-regionale-samenwerking"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_search_page_shows_results_with_facets(client: Client, reference: None) -> None:
    response = client.get("/zoeken", {"q": "samenwerkingen"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html
    assert "Soort" in html and "wegwijzer (" in html


def test_search_page_without_query_shows_only_the_form(client: Client, reference: None) -> None:
    response = client.get("/zoeken")

    assert response.status_code == 200
    assert "Vul een zoekterm in" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Vul een zoekterm in"),
        ({"q": "samenwerking " * 154}, "De zoekvraag is te lang (2001 tekens)"),
        ({"q": "regio", "jaar": "twintig"}, "Het jaar moet een jaartal zijn, zoals 2018."),
        ({"q": "!!! ???"}, "Vul een zoekterm in met letters of cijfers."),
        ({"q": "de het een"}, "De zoekvraag bevat alleen veelvoorkomende woorden."),
        ({"q": "regio", "soort": "onbekend"}, "‘onbekend’ bestaat niet als filter."),
        ({"q": "regio", "soort": "<script>"}, "‘&lt;script&gt;’ bestaat niet als filter."),
        ({"q": "regio", "thema": "bestaat-niet"}, "‘bestaat-niet’ bestaat niet als filter."),
        ({"q": "regio", "organisatie": "nergens"}, "‘nergens’ bestaat niet als filter."),
    ],
    ids=[
        "empty",
        "2000-chars",
        "bad-year",
        "no-letters",
        "only-common-words",
        "unknown-type",
        "script-type",
        "unknown-theme",
        "unknown-organisation",
    ],
)
def test_bad_search_input_gives_a_message_not_an_error(
    client: Client, reference: None, params: dict[str, str], message: str
) -> None:
    response = client.get("/zoeken", params)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_search_query_that_is_not_valid_utf8_gives_a_message(
    client: Client, reference: None
) -> None:
    response = client.get("/zoeken", QUERY_STRING="q=%ED%A0%80")

    assert response.status_code == 200
    assert "Vul een zoekterm in met letters of cijfers." in response.content.decode()


def test_unknown_filter_is_left_out_of_the_next_search(client: Client, reference: None) -> None:
    html = client.get("/zoeken", {"q": "regio", "soort": "onbekend"}).content.decode()

    assert 'name="soort"' not in html


def test_filter_that_leaves_no_results_can_still_be_removed(
    client: Client, reference: None
) -> None:
    response = client.get("/zoeken", {"q": "samenwerking", "soort": "covenant", "jaar": "1999"})

    html = response.content.decode()
    assert "0 resultaten" in html
    assert "Gefilterd op: Soort ‘convenant’" in html
    assert "Jaar ‘1999’" in html
    assert 'href="?q=samenwerking&amp;soort=covenant"' in html
    assert 'href="?q=samenwerking&amp;jaar=1999"' in html


def test_role_view_shows_only_that_roles_advice(client: Client, reference: None) -> None:
    roadmap = Roadmap.objects.get(slug="routekaart-regionale-samenwerking")
    signpost = roadmap.signposts.get(position=1)
    mayor = signpost.advice.get(role="mayor").text
    council = signpost.advice.get(role="council_member").text

    everyone = client.get(ROADMAP).content.decode()
    for_council = client.get(ROADMAP, {"rol": "council_member"}).content.decode()

    assert mayor in everyone and council in everyone
    assert council in for_council and mayor not in for_council
    assert "U ziet het advies voor de rol raadslid." in for_council
    assert signpost.story.title in for_council
    assert "passage 3.1" in for_council


def test_unknown_role_falls_back_to_all_roles(client: Client, reference: None) -> None:
    response = client.get(ROADMAP, {"rol": "koning"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "De rol ‘koning’ kennen we niet." in html
    assert "u ziet nu het advies voor alle rollen" in html


def test_role_named_in_dutch_in_the_web_address_shows_that_role(
    client: Client, reference: None
) -> None:
    html = client.get(ROADMAP, {"rol": "Wethouder"}).content.decode()

    assert "U ziet het advies voor de rol wethouder." in html
    assert '<option value="alderman" selected>' in html


def test_roadmap_pdf_is_named_in_dutch_for_the_role(client: Client, reference: None) -> None:
    response = client.get(f"{ROADMAP}/pdf", {"rol": "mayor"})

    assert response["Content-Disposition"] == (
        'attachment; filename="routekaart-regionale-samenwerking-burgemeester.pdf"'
    )


def test_demo_roadmap_has_six_or_more_complete_signposts(reference: None) -> None:
    roadmap = Roadmap.objects.get(slug="routekaart-regionale-samenwerking")
    signposts = list(roadmap.signposts.all())

    assert len(signposts) >= 6
    for signpost in signposts:
        assert signpost.story.organisations.exists()
        assert signpost.passages.exists()
        assert sorted(signpost.advice.values_list("role", flat=True)) == sorted(
            ["mayor", "alderman", "council_member", "civil_servant"]
        )


def test_roadmap_pdf_handout_for_one_role(client: Client, reference: None) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    response = client.get(f"{ROADMAP}/pdf", {"rol": "mayor"})

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Hand-out voor de rol burgemeester" in text
    assert "Advies voor de rol burgemeester" in text
    assert "Advies voor de rol wethouder" not in text


def test_passages_have_anchors_on_the_publication_page(client: Client, reference: None) -> None:
    response = client.get("/kennis/publicaties/voorbeeld-samen-werken-aan-werk")

    html = response.content.decode()
    assert 'id="passage-3-1"' in html
    assert "Voorbeeldinhoud." in html


def test_confidential_publication_page_is_hidden_from_others(
    client: Client, reference: None
) -> None:
    Publication.objects.filter(slug="voorbeeld-samen-werken-aan-werk").update(
        visibility=Visibility.ORGANISATIONS
    )

    assert client.get("/kennis/publicaties/voorbeeld-samen-werken-aan-werk").status_code == 404


def test_coordinator_uploads_a_pdf_and_lands_on_the_split(
    client: Client, make_user: Callable[..., User], reference: None
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))

    response = client.post(
        "/kennis/publicaties/nieuw",
        {
            "title": "Geüpload rapport",
            "kind": "research_report",
            "visibility": "public",
            "file": SimpleUploadedFile("rapport.pdf", report_pdf(), "application/pdf"),
        },
    )

    publication = Publication.objects.get(title="Geüpload rapport")
    assert response.status_code == 302
    assert response["Location"] == f"/kennis/publicaties/{publication.slug}/passages"
    assert publication.passages.count() == 4
    assert client.get(response["Location"]).status_code == 200


def test_upload_of_a_scan_shows_why_and_saves_nothing(
    client: Client, make_user: Callable[..., User], reference: None
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))

    response = client.post(
        "/kennis/publicaties/nieuw",
        {
            "title": "Scan",
            "kind": "research_report",
            "visibility": "public",
            "file": SimpleUploadedFile("scan.pdf", image_only_pdf(), "application/pdf"),
        },
    )

    assert response.status_code == 200
    assert "geen leesbare tekst" in response.content.decode()
    assert not Publication.objects.filter(title="Scan").exists()


def test_readers_cannot_upload(client: Client, make_user: Callable[..., User]) -> None:
    client.force_login(make_user(PlatformRole.READER))

    assert client.get("/kennis/publicaties/nieuw").status_code == 403


def test_deleting_a_cited_publication_explains_why_not(
    client: Client, make_user: Callable[..., User], reference: None
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))

    response = client.post("/kennis/publicaties/voorbeeld-samen-werken-aan-werk/verwijderen")

    assert response.status_code == 200
    assert "wegwijzers halen er passages uit aan" in response.content.decode()
    assert Publication.objects.filter(slug="voorbeeld-samen-werken-aan-werk").exists()


def _passage_form_data(publication: Publication) -> dict[str, Any]:
    """The passage correction form as the page sends it, unchanged."""
    passages = list(publication.passages.order_by("position"))
    data: dict[str, Any] = {
        "passages-TOTAL_FORMS": len(passages),
        "passages-INITIAL_FORMS": len(passages),
    }
    for index, passage in enumerate(passages):
        data |= {
            f"passages-{index}-passage_id": passage.pk,
            f"passages-{index}-number": passage.number,
            f"passages-{index}-chapter": passage.chapter,
            f"passages-{index}-page": passage.page or "",
            f"passages-{index}-text": passage.text,
        }
    return data


@pytest.fixture
def uploaded(client: Client, make_user: Callable[..., User], reference: None) -> Publication:
    client.force_login(make_user(PlatformRole.COORDINATOR))
    client.post(
        "/kennis/publicaties/nieuw",
        {
            "title": "Te corrigeren rapport",
            "kind": "research_report",
            "visibility": "public",
            "file": SimpleUploadedFile("rapport.pdf", report_pdf(), "application/pdf"),
        },
    )
    return Publication.objects.get(title="Te corrigeren rapport")


def test_coordinator_corrects_a_passage_number(client: Client, uploaded: Publication) -> None:
    data = _passage_form_data(uploaded)
    data["passages-0-number"] = "0.9"

    response = client.post(f"/kennis/publicaties/{uploaded.slug}/passages", data)

    assert response.status_code == 302
    assert uploaded.passages.order_by("position").first().number == "0.9"  # type: ignore[union-attr]


@pytest.mark.parametrize("passage_id", ["abc", "999999999"], ids=["not-a-number", "unknown"])
def test_a_tampered_passage_id_gets_a_message_and_saves_nothing(
    client: Client, uploaded: Publication, passage_id: str
) -> None:
    before = list(uploaded.passages.order_by("position").values_list("number", "text"))
    data = _passage_form_data(uploaded)
    data["passages-0-number"] = "0.9"
    data["passages-1-passage_id"] = passage_id

    response = client.post(f"/kennis/publicaties/{uploaded.slug}/passages", data)

    assert response.status_code == 200
    assert "Laad de pagina opnieuw; er is niets opgeslagen." in response.content.decode()
    assert list(uploaded.passages.order_by("position").values_list("number", "text")) == before


def test_a_passage_sent_twice_is_refused(client: Client, uploaded: Publication) -> None:
    before = list(uploaded.passages.order_by("position").values_list("pk", "number"))
    data = _passage_form_data(uploaded)
    count = data["passages-TOTAL_FORMS"]
    last = count - 1
    data |= {
        key.replace(f"passages-{last}-", f"passages-{count}-"): value
        for key, value in data.items()
        if key.startswith(f"passages-{last}-")
    }
    data[f"passages-{count}-delete"] = "on"
    data["passages-TOTAL_FORMS"] = count + 1

    response = client.post(f"/kennis/publicaties/{uploaded.slug}/passages", data)

    assert response.status_code == 200
    assert "er is niets opgeslagen" in response.content.decode()
    assert list(uploaded.passages.order_by("position").values_list("pk", "number")) == before


def test_a_form_without_its_form_count_gets_the_plain_message(
    client: Client, uploaded: Publication
) -> None:
    data = _passage_form_data(uploaded)
    del data["passages-TOTAL_FORMS"]

    response = client.post(f"/kennis/publicaties/{uploaded.slug}/passages", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "er is niets opgeslagen" in html
    assert "ManagementForm" not in html
