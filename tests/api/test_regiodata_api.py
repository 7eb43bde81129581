from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from dwarsverband.regiodata.constants import ObservationStatus
from dwarsverband.regiodata.models import Indicator, Observation

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
MEAN = "inkomen-gemiddeld-gestandaardiseerd"
MEDIAN = "inkomen-mediaan-gestandaardiseerd"
HOUSEHOLDS = "huishoudens-inkomensstatistiek"
MIDDEN_HOLLAND = ["GM0513", "GM0627", "GM1901", "GM1931"]  # AM20
FRISIAN_ISLANDS_WITHOUT_MEAN = {"GM0060", "GM0088", "GM0096"}  # suppressed by CBS


def _values(code: str, area_codes: list[str]) -> dict[str, float | None]:
    return dict(
        Observation.objects.filter(indicator__code=code, area_code__in=area_codes).values_list(
            "area_code", "value"
        )
    )


# --- Indicators -----------------------------------------------------------------------------


def test_indicator_list_gives_source_rule_and_periods(client: Client, reference: None) -> None:
    response = client.get("/api/v1/indicatoren", {"pageSize": 100})
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["count"] == Indicator.objects.count()
    mean = next(item for item in body["results"] if item["code"] == MEAN)
    assert mean["aggregation"] == "weighted_mean"
    assert mean["weight"] == HOUSEHOLDS
    assert mean["sourceTable"] == "86161NED"
    assert mean["licence"] == "CC BY 4.0"
    assert (mean["periodCount"], mean["firstPeriod"], mean["lastPeriod"]) == (1, "2024", "2024")
    assert mean["url"].endswith(f"/api/v1/indicatoren/{MEAN}")


def test_indicator_list_is_paginated_with_links(client: Client, reference: None) -> None:
    body = client.get("/api/v1/indicatoren", {"pageSize": 5}).json()
    assert len(body["results"]) == 5
    assert "page=2" in body["_links"]["next"]["href"]


def test_indicator_detail_lists_its_periods(client: Client, reference: None) -> None:
    body = client.get(f"/api/v1/indicatoren/{MEDIAN}").json()
    assert body["aggregation"] == "none"
    assert body["weight"] is None
    assert body["periods"] == ["2024"]


def test_unknown_indicator_is_a_404_problem_everywhere(client: Client, reference: None) -> None:
    for suffix in ("", "/waarnemingen", "/regiocijfers", "/regiocijfers/AM20"):
        response = client.get(f"/api/v1/indicatoren/bestaat-niet{suffix}")
        assert response.status_code == 404, suffix
        assert response["Content-Type"] == PROBLEM


# --- Observations ---------------------------------------------------------------------------


def test_observations_are_paginated(client: Client, reference: None) -> None:
    body = client.get(f"/api/v1/indicatoren/{MEAN}/waarnemingen", {"pageSize": 100}).json()
    assert body["count"] == Observation.objects.filter(indicator__code=MEAN).count() > 100
    assert len(body["results"]) == 100
    assert "page=2" in body["_links"]["next"]["href"]


def test_observations_filter_by_region_municipality_and_period(
    client: Client, reference: None
) -> None:
    path = f"/api/v1/indicatoren/{MEAN}/waarnemingen"
    body = client.get(path, {"gebied": "AM20"}).json()
    assert sorted(item["areaCode"] for item in body["results"]) == MIDDEN_HOLLAND
    gouda = next(item for item in body["results"] if item["areaCode"] == "GM0513")
    assert gouda == {
        "areaCode": "GM0513",
        "areaName": "Gouda",
        "period": "2024",
        "value": 40.4,
        "status": "provisional",
    }
    body = client.get(path, {"gemeente": "GM0513", "periode": "2024"}).json()
    assert [item["areaName"] for item in body["results"]] == ["Gouda"]
    assert client.get(path, {"periode": "2023"}).json()["count"] == 0
    body = client.get(path, {"gemeente": "NL01"}).json()
    assert [(item["areaName"], item["value"]) for item in body["results"]] == [("Nederland", 41.9)]


def test_a_suppressed_observation_is_null_never_zero(client: Client, reference: None) -> None:
    body = client.get(f"/api/v1/indicatoren/{MEAN}/waarnemingen", {"gemeente": "GM0096"}).json()
    assert body["results"] == [
        {
            "areaCode": "GM0096",
            "areaName": "Vlieland",
            "period": "2024",
            "value": None,
            "status": "missing",
        }
    ]


def test_invalid_observation_filters_are_a_problem_listing_each(
    client: Client, reference: None
) -> None:
    response = client.get(
        f"/api/v1/indicatoren/{MEAN}/waarnemingen",
        {"gebied": "XX99", "gemeente": "Gouda", "periode": "vorig jaar"},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert names == {"gebied", "gemeente", "periode"}


def test_observation_list_needs_few_queries_for_a_full_page(
    client: Client, reference: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(7):
        body = client.get(
            f"/api/v1/indicatoren/{MEAN}/waarnemingen", {"gebied": "PV27", "pageSize": 100}
        ).json()
    assert len(body["results"]) > 20


# --- Region figures -------------------------------------------------------------------------


def test_region_figures_are_a_weighted_mean_by_the_base(client: Client, reference: None) -> None:
    body = client.get(f"/api/v1/indicatoren/{MEAN}/regiocijfers", {"pageSize": 100}).json()
    assert body["count"] == 35  # labour-market regions by default
    row = next(item for item in body["results"] if item["region"]["code"] == "AM20")
    values = _values(MEAN, MIDDEN_HOLLAND)
    weights = _values(HOUSEHOLDS, MIDDEN_HOLLAND)
    expected = sum(values[c] * weights[c] for c in MIDDEN_HOLLAND) / sum(  # type: ignore[operator]
        weights[c]  # type: ignore[misc]
        for c in MIDDEN_HOLLAND
    )
    figure = row["figure"]
    assert figure["value"] == pytest.approx(expected, abs=1e-6)
    assert (figure["memberCount"], figure["lackingCount"], figure["aggregated"]) == (4, 0, True)
    assert row["period"] == "2024"


def test_region_figure_says_which_municipalities_lack_a_figure(
    client: Client, reference: None
) -> None:
    body = client.get(
        f"/api/v1/indicatoren/{MEAN}/regiocijfers", {"soort": "province", "periode": "2024"}
    ).json()
    friesland = next(item for item in body["results"] if item["region"]["code"] == "PV21")
    figure = friesland["figure"]
    assert figure["value"] is not None
    assert {item["code"] for item in figure["lacking"]} == FRISIAN_ISLANDS_WITHOUT_MEAN
    assert figure["lackingCount"] == 3
    assert "Vlieland" in {item["name"] for item in figure["lacking"]}
    assert f"3 van {figure['memberCount']} gemeenten zonder cijfer" in figure["note"]


def test_a_median_is_not_aggregated_but_shown_per_municipality(
    client: Client, reference: None
) -> None:
    body = client.get(f"/api/v1/indicatoren/{MEDIAN}/regiocijfers").json()
    figure = body["results"][0]["figure"]
    assert figure["value"] is None
    assert figure["aggregated"] is False
    assert "niet optelbaar" in figure["note"]
    body = client.get(f"/api/v1/indicatoren/{MEDIAN}/regiocijfers/AM20").json()
    assert body["figures"][0]["figure"]["value"] is None
    assert body["figures"][0]["figure"]["aggregated"] is False
    assert body["figures"][0]["countryValue"] == 36.5
    assert len(body["municipalities"]) == 4
    assert all(item["value"] is not None for item in body["municipalities"])


def test_a_missing_member_is_left_out_of_a_sum_never_counted_as_zero(
    client: Client, reference: None
) -> None:
    Observation.objects.filter(indicator__code=HOUSEHOLDS, area_code="GM0513").update(
        value=None, status=ObservationStatus.MISSING
    )
    body = client.get(f"/api/v1/indicatoren/{HOUSEHOLDS}/regiocijfers/AM20").json()
    figure = body["figures"][0]["figure"]
    others = _values(HOUSEHOLDS, MIDDEN_HOLLAND[1:])
    assert figure["value"] == pytest.approx(sum(others.values()))  # type: ignore[arg-type]
    assert figure["lackingCount"] == 1
    assert figure["lacking"] == [{"code": "GM0513", "name": "Gouda"}]
    gouda = next(item for item in body["municipalities"] if item["code"] == "GM0513")
    assert gouda["value"] is None


def test_area_figures_for_region_country_and_municipality(client: Client, reference: None) -> None:
    body = client.get(f"/api/v1/indicatoren/{MEAN}/regiocijfers/AM20").json()
    assert body["area"] == {
        "code": "AM20",
        "name": "Midden-Holland",
        "kind": "region",
        "kindLabel": "arbeidsmarktregio",
        "memberCount": 4,
    }
    assert body["indicator"]["code"] == MEAN
    assert body["municipalitiesPeriod"] == "2024"
    assert [item["name"] for item in body["municipalities"]] == sorted(
        item["name"] for item in body["municipalities"]
    )
    assert body["figures"][0]["countryValue"] == 41.9
    country = client.get(f"/api/v1/indicatoren/{MEAN}/regiocijfers/NL01").json()
    assert country["area"]["kind"] == "country"
    assert country["figures"][0]["figure"]["value"] == 41.9  # CBS's own figure
    vlieland = client.get(f"/api/v1/indicatoren/{MEAN}/regiocijfers/GM0096").json()
    assert vlieland["figures"][0]["figure"]["value"] is None
    assert vlieland["municipalities"][0]["value"] is None


def test_unknown_area_is_a_404_problem(client: Client, reference: None) -> None:
    response = client.get(f"/api/v1/indicatoren/{MEAN}/regiocijfers/XX99")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("suffix", "params", "invalid"),
    [
        ("/regiocijfers", {"soort": "gemeente", "periode": "2023"}, {"soort", "periode"}),
        ("/regiocijfers", {"periode": "2024KW07"}, {"periode"}),
        ("/regiocijfers/AM20", {"periode": "1999"}, {"periode"}),
    ],
)
def test_invalid_region_figure_parameters_are_a_problem(
    client: Client, reference: None, suffix: str, params: dict[str, str], invalid: set[str]
) -> None:
    response = client.get(f"/api/v1/indicatoren/{MEAN}{suffix}", params)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {param["name"] for param in response.json()["invalidParams"]} == invalid


def test_regional_data_is_read_only(client: Client, reference: None) -> None:
    response = client.post(f"/api/v1/indicatoren/{MEAN}/waarnemingen", {})
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
