from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = [
    "/regiodata",
    "/regiodata/indicatoren/inkomen-gemiddeld-gestandaardiseerd",
    "/regiodata/indicatoren/inkomen-mediaan-gestandaardiseerd?soort=province",
    "/regiodata/indicatoren/bevolking?soort=onzin",
    "/regiodata/gebieden/AM18",
    "/regiodata/gebieden/AM18?indicator=inkomen-mediaan-gestandaardiseerd",
    "/regiodata/gebieden/AM18?indicator=bestaat-niet",
    "/regiodata/gebieden/G40",
    "/regiodata/gebieden/GM0363",
    "/regiodata/gebieden/NL01",
    "/regiodata/gebieden/PV27",
    "/regiodata?gebied=onzin",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_without_error(reference: Any, client: Client, url: str) -> None:
    assert client.get(url).status_code == 200


def test_unknown_area_and_indicator_are_404(reference: Any, client: Client) -> None:
    assert client.get("/regiodata/gebieden/XX99").status_code == 404
    assert client.get("/regiodata/indicatoren/bestaat-niet").status_code == 404


def test_area_choice_redirects_to_the_area(reference: Any, client: Client) -> None:
    response = client.get("/regiodata?gebied=AM18")
    assert response.status_code == 302 and response["Location"] == "/regiodata/gebieden/AM18"


def test_indicator_page_has_accessible_map_and_the_same_data_as_a_table(
    reference: Any, client: Client
) -> None:
    html = client.get("/regiodata/indicatoren/inkomen-gemiddeld-gestandaardiseerd").content.decode()
    svg = re.search(r"<svg[^>]*dv-chart[^>]*>", html)
    assert svg is not None
    assert 'role="img"' in svg.group(0) and 'aria-labelledby="kaart-title kaart-desc"' in svg.group(
        0
    )
    assert '<title id="kaart-title">Kaart: Gemiddeld gestandaardiseerd inkomen' in html
    assert html.count('data-code="GM') == 342
    assert "<title>Amsterdam: 43,8</title>" in html
    assert "<title>Vlieland: geen cijfer</title>" in html  # suppressed: hatched, not zero
    assert re.search(r"Amsterdam</a></th><td[^>]*>43,8</td>", html)
    assert "CC BY 4.0" in html and "86161NED" in html


def test_region_page_compares_municipalities_in_a_bar_chart_against_region_and_country(
    reference: Any, client: Client
) -> None:
    html = client.get(
        "/regiodata/gebieden/AM18?indicator=inkomen-gemiddeld-gestandaardiseerd"
    ).content.decode()
    assert 'aria-labelledby="staaf-title staaf-desc"' in html
    assert "<title>Amsterdam: 43,8</title>" in html
    assert "Nederland: 41,9" in html
    assert "geen tijdreeks" in html


def test_median_region_page_says_it_is_not_aggregated(reference: Any, client: Client) -> None:
    html = client.get(
        "/regiodata/gebieden/AM18?indicator=inkomen-mediaan-gestandaardiseerd"
    ).content.decode()
    assert "niet optelbaar" in html


def test_region_csv_lists_lacking_members_and_keeps_missing_empty(
    reference: Any, client: Client
) -> None:
    response = client.get(
        "/regiodata/indicatoren/inkomen-gemiddeld-gestandaardiseerd/csv?tabel=gemeenten"
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "GM0363;Amsterdam;2024;43,8;" in text
    assert "GM0096;Vlieland;2024;;" in text
    regions = client.get(
        "/regiodata/indicatoren/inkomen-gemiddeld-gestandaardiseerd/csv?tabel=regios&soort=labour_market"
    ).content.decode("utf-8-sig")
    assert re.search(r'AM\d\d;Friesland;2024;[\d,]+;"?3 van \d+ gemeenten zonder cijfer', regions)


def test_area_key_figures_csv(reference: Any, client: Client) -> None:
    text = client.get("/regiodata/gebieden/G4/csv?tabel=kerncijfers").content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("indicator;eenheid;periode;G4;Nederland")
    assert any(line.startswith("Inwoners;aantal;2025;") for line in text.splitlines())


def test_key_figures_tag_for_region_network_and_municipality(reference: Any) -> None:
    from django.template import Context, Template

    from dwarsverband.organisations.models import Organisation, Region

    template = Template("{% load regiodata %}{% region_key_figures subject %}")
    region_html = template.render(Context({"subject": Region.objects.get(code="AM18")}))
    assert (
        "Groot Amsterdam tegen Nederland" in region_html
        and "/regiodata/gebieden/AM18" in region_html
    )
    network_html = template.render(Context({"subject": Organisation.objects.get(code="G40")}))
    assert "/regiodata/gebieden/G40" in network_html
    town_html = template.render(Context({"subject": Organisation.objects.get(code="GM0363")}))
    assert "43,8" in town_html
    partner = Organisation.objects.exclude(kind__in=["municipality", "network", "province"]).first()
    if partner is not None:
        assert template.render(Context({"subject": partner})).strip() == ""
