"""Search is rate-limited per client address, one budget for the page and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from dwarsverband.common.ratelimits import SEARCH

pytestmark = pytest.mark.django_db

BUDGET = int(SEARCH.split("/")[0])


@pytest.mark.usefixtures("fixed_rate_window")
def test_page_and_api_share_one_search_budget(client: Client, reference: None) -> None:
    # Every query differs: a cached answer costs nothing and is not counted.
    for n in range(BUDGET):
        path = "/zoeken" if n % 2 else "/api/v1/zoeken"
        assert client.get(path, {"q": "samenwerking", "n": n}).status_code == 200, n
    assert client.get("/zoeken?q=wonen").status_code == 429
    refused = client.get("/api/v1/zoeken?q=wonen")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    # Another address still gets its answer.
    assert client.get("/zoeken?q=wonen", REMOTE_ADDR="10.0.0.9").status_code == 200
