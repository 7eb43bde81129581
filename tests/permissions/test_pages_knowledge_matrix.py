"""Permissions matrix for the knowledge pages: publications, roadmaps and search.

A publication is public, for logged-in users only, or for its author organisations only (and
coordinators); for everyone else it does not exist. Only coordinators add, split and delete
publications. Roadmaps are public, but must not show what their reader may not read.

The search index is updated after a commit, which a test never reaches: the rows that search
index their objects themselves.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.agreements.models import Agreement
from dwarsverband.knowledge.constants import PublicationKind, Visibility
from dwarsverband.knowledge.demo import PUBLICATION_SLUG, ROADMAP_SLUG
from dwarsverband.knowledge.indexing import index_instance
from dwarsverband.knowledge.models import Passage, Publication, Roadmap
from dwarsverband.organisations.models import Organisation, User
from tests.agreements.factories import AgreementFactory
from tests.permissions.matrix import (
    COORDINATORS,
    Part,
    Row,
    check,
    everyone,
    only,
    part_params,
    role_params,
)

Users = dict[str, User | None]
WORD = "Zwaluwstaartverbinding"
RESTRICTED_TITLE = f"Interne notitie Gouda over de {WORD}"
# Gouda's people and coordinators read what is for Gouda only.
GOUDA_AND_COORDINATORS = {"reader", "editor_a", *COORDINATORS}
FOR_GOUDA = only(GOUDA_AND_COORDINATORS, anonymous="hidden", others="hidden")


def _publication(visibility: str, slug: str) -> Publication:
    publication = Publication.objects.create(
        title=RESTRICTED_TITLE if visibility == Visibility.ORGANISATIONS else f"Notitie {slug}",
        slug=slug,
        kind=PublicationKind.ARTICLE,
        visibility=visibility,
    )
    publication.organisations.set([Organisation.objects.get(code="GM0513")])
    Passage.objects.create(
        publication=publication, position=1, number="1", anchor="passage-1", text=f"{WORD}."
    )
    index_instance(publication)
    return publication


def gouda_only(users: Users) -> str:
    return f"/kennis/publicaties/{_publication(Visibility.ORGANISATIONS, 'intern-gouda').slug}"


def logged_in_only(users: Users) -> str:
    return f"/kennis/publicaties/{_publication(Visibility.LOGGED_IN, 'voor-ingelogden').slug}"


ROWS = [
    Row("knowledge home", "get", "/kennis", everyone("ok")),
    Row("search", "get", "/zoeken?q=samenwerking", everyone("ok")),
    Row("public publication", "get", f"/kennis/publicaties/{PUBLICATION_SLUG}", everyone("ok")),
    Row("Gouda-only publication", "get", gouda_only, FOR_GOUDA),
    Row(
        "publication for logged-in users",
        "get",
        logged_in_only,
        {**everyone("ok"), "anonymous": "hidden"},
    ),
    Row("add publication (form)", "get", "/kennis/publicaties/nieuw", only(COORDINATORS)),
    Row(
        "split passages (form)",
        "get",
        f"/kennis/publicaties/{PUBLICATION_SLUG}/passages",
        only(COORDINATORS),
    ),
    Row(
        "delete Gouda-only publication",
        "post",
        lambda users: gouda_only(users) + "/verwijderen",
        # Gouda's editor reads it, but only coordinators delete.
        only(COORDINATORS),
    ),
    Row("roadmap", "get", f"/kennis/routekaarten/{ROADMAP_SLUG}", everyone("ok")),
    Row("roadmap PDF", "get", f"/kennis/routekaarten/{ROADMAP_SLUG}/pdf", everyone("ok")),
]

WRITES: dict[str, tuple[Callable[[], bool], set[str]]] = {
    "delete Gouda-only publication": (
        lambda: not Publication.objects.filter(slug="intern-gouda").exists(),
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


def _knowledge_home(users: Users) -> str:
    gouda_only(users)
    return "/kennis"


def _search(users: Users) -> str:
    gouda_only(users)
    return f"/zoeken?q={WORD}"


def _search_agreement(users: Users) -> str:
    AgreementFactory(
        title=f"Interne afspraak over de {WORD}",
        owner_organisation=Organisation.objects.get(code="GM0513"),
        parties=[Organisation.objects.get(slug="platform31")],
        internal=True,
    )
    index_instance(Agreement.objects.get(title=f"Interne afspraak over de {WORD}"))
    return f"/zoeken?q={WORD}"


def _roadmap_on_restricted(users: Users) -> str:
    gouda_only(users)
    roadmap = Roadmap.objects.create(
        title="Routekaart op een interne notitie",
        slug="routekaart-intern",
        publication=Publication.objects.get(slug="intern-gouda"),
    )
    return f"/kennis/routekaarten/{roadmap.slug}"


# Public pages that list what not everyone may read: (page, path, restricted text, who sees it).
RESTRICTED_PARTS: list[Part] = [
    (
        "knowledge home lists the Gouda-only publication",
        _knowledge_home,
        RESTRICTED_TITLE,
        GOUDA_AND_COORDINATORS,
    ),
    ("search finds the Gouda-only publication", _search, RESTRICTED_TITLE, GOUDA_AND_COORDINATORS),
    (
        "search finds an internal agreement of Gouda",
        _search_agreement,
        f"Interne afspraak over de {WORD}",
        GOUDA_AND_COORDINATORS,
    ),
    (
        "roadmap names its Gouda-only publication",
        _roadmap_on_restricted,
        RESTRICTED_TITLE,
        GOUDA_AND_COORDINATORS,
    ),
]
PART_BUGS: dict[str, tuple[set[str], str]] = {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "path", "text", "allowed", "role"), part_params(RESTRICTED_PARTS, PART_BUGS)
)
def test_restricted_part(
    page: str,
    path: Callable[[Users], str],
    text: str,
    allowed: set[str],
    role: str,
    users: Users,
) -> None:
    client = Client()
    user = users[role]
    if user is not None:
        client.force_login(user)
    response = client.get(path(users))
    assert response.status_code == 200
    shown = text in response.content.decode()
    assert shown == (role in allowed), f"{page} as {role}: {text!r} shown {shown}"
