"""Permissions matrix for the pages of collaboration opportunities.

Everyone reads opportunities. Either party decides (accepts or dismisses): an editor of one of
the two organisations, or a coordinator. Only coordinators start a learning circle from an
accepted opportunity.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dwarsverband.matching.constants import OpportunityStatus
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.models import User
from dwarsverband.programmes.models import Project
from tests.api.test_matching_api import gouda_and_vng_opportunity, opportunity_between
from tests.permissions.matrix import (
    COORDINATORS,
    EDITORS_OF_GOUDA,
    Row,
    check,
    everyone,
    only,
    role_params,
)

Users = dict[str, User | None]


def gouda_and_vng(users: Users) -> str:
    return f"/kansen/{gouda_and_vng_opportunity().pk}"


def gouda_and_utrecht(users: Users) -> str:
    return f"/kansen/{opportunity_between('gouda', 'utrecht').pk}"


def accepted_gouda_and_vng(users: Users) -> str:
    opportunity = gouda_and_vng_opportunity()
    opportunity.status = OpportunityStatus.ACCEPTED
    opportunity.save(update_fields=["status"])
    return f"/kansen/{opportunity.pk}"


def _pair(first: str, second: str) -> Opportunity:
    """The opportunity the rows made between the first projects of two organisations."""
    projects = [
        Project.objects.filter(programme__organisation__slug=slug).order_by("pk")[0]
        for slug in (first, second)
    ]
    return Opportunity.objects.get(project_a__in=projects, project_b__in=projects)


ROWS = [
    Row("opportunity list", "get", "/kansen", everyone("ok")),
    Row("Gouda–VNG opportunity", "get", gouda_and_vng, everyone("ok")),
    Row(
        "accept Gouda–VNG opportunity",
        "post",
        lambda users: gouda_and_vng(users) + "/oppakken",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "dismiss Gouda–VNG opportunity (form)",
        "get",
        lambda users: gouda_and_vng(users) + "/afwijzen",
        only(EDITORS_OF_GOUDA),
    ),
    Row(
        "dismiss Gouda–Utrecht opportunity (save)",
        "post",
        lambda users: gouda_and_utrecht(users) + "/afwijzen",
        only({"editor_b", *EDITORS_OF_GOUDA}),
        {"reason": "We werken hier al samen."},
    ),
    Row(
        "start a learning circle from an accepted opportunity",
        "post",
        lambda users: accepted_gouda_and_vng(users) + "/leerkring-starten",
        # Editor A is a party, but starting a circle is the coordinators' work.
        only(COORDINATORS),
    ),
]

WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "accept Gouda–VNG opportunity": (
        lambda: _pair("gouda", "vng").status == OpportunityStatus.ACCEPTED,
        EDITORS_OF_GOUDA,
    ),
    "dismiss Gouda–Utrecht opportunity (save)": (
        lambda: _pair("gouda", "utrecht").status == OpportunityStatus.DISMISSED,
        {"editor_b", *EDITORS_OF_GOUDA},
    ),
    "start a learning circle from an accepted opportunity": (
        lambda: _pair("gouda", "vng").community_id is not None,
        COORDINATORS,
    ),
}
BUGS: dict[str, tuple[set[str], str]] = {}


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), role_params(ROWS, BUGS))
def test_page_matrix(row: Row, role: str, users: Users) -> None:
    check(row, role, users)
    if row.name in WRITES:
        landed, allowed = WRITES[row.name]
        assert landed() == (role in allowed), f"{row.name} as {role}: write landed {landed()}"
