"""Key pages use a fixed number of queries, however many rows they show (no N+1).

The detail pages include the regional key figures (regiodata), a constant handful of queries:
the merger mapping once, per area and for the country one grouped query for the summed and one
for the weighted figures, the periods, and the names of members that lack a figure.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/", 8),
        ("/organisaties?pagina=1", 10),
        ("/organisaties?provincie=PV28&soort=municipality", 10),
        ("/organisaties/gouda", 14),
        ("/organisaties/g40-stedennetwerk", 16),
        ("/regios", 8),
        ("/regios/PV28", 16),
        ("/netwerken", 6),
        ("/api/v1/organisaties?pageSize=100", 6),
        ("/api/v1/regios/PV28", 6),
        ("/api/v1/netwerken/g40-stedennetwerk", 6),
    ],
)
def test_key_pages_have_a_bounded_number_of_queries(
    client: Client,
    reference: None,
    django_assert_max_num_queries: Callable[..., object],
    path: str,
    limit: int,
) -> None:
    with django_assert_max_num_queries(limit):  # type: ignore[operator]
        response = client.get(path)
    assert response.status_code == 200
