from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from dwarsverband.common.loading import load_demo_data, load_on_first_start, load_reference_data
from dwarsverband.common.models import DataLoad
from dwarsverband.organisations.constants import OrganisationKind, RegionKind
from dwarsverband.organisations.models import Boundary, NetworkMembership, Organisation, Region

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "regions": Region.objects.count(),
        "memberships": NetworkMembership.objects.count(),
        "boundaries": Boundary.objects.count(),
        "region_links": Organisation.regions.through.objects.count(),
    }


def test_reference_has_every_municipality_and_region(reference: None) -> None:
    assert Organisation.objects.municipalities().count() == 342
    assert Organisation.objects.filter(kind=OrganisationKind.PROVINCE).count() == 12
    assert Region.objects.filter(kind=RegionKind.PROVINCE).count() == 12
    assert Region.objects.filter(kind=RegionKind.LABOUR_MARKET).count() == 35
    assert Region.objects.filter(kind=RegionKind.COROP).count() == 40
    assert Boundary.objects.count() == 342


def test_every_municipality_has_one_region_of_each_kind(reference: None) -> None:
    for municipality in Organisation.objects.municipalities().prefetch_related("regions"):
        kinds = sorted(region.kind for region in municipality.regions.all())
        assert kinds == sorted(["province", "labour_market", "corop"]), municipality.name


def test_gouda_lies_in_midden_holland(reference: None) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    assert gouda.name == "Gouda"
    names = {region.kind: region.name for region in gouda.regions.all()}
    assert names == {
        "labour_market": "Midden-Holland",
        "province": "Zuid-Holland",
        "corop": "Oost-Zuid-Holland",
    }


def test_city_networks_have_their_members_and_join_dates(reference: None) -> None:
    g4 = Organisation.objects.get(code="G4")
    g40 = Organisation.objects.get(code="G40")
    assert g4.memberships.count() == 4
    assert g40.memberships.count() == 41
    amstelveen = g40.memberships.get(member__name="Amstelveen")
    assert amstelveen.joined_on is not None and amstelveen.joined_on.isoformat() == "2022-07-01"
    early = g40.memberships.filter(joined_on__isnull=True)
    assert early.count() == 27
    assert all("2009" in membership.joined_note for membership in early)


def test_reference_load_is_idempotent(reference: None) -> None:
    before = _counts()
    load_reference_data()
    assert _counts() == before


def test_demo_load_is_idempotent_and_keeps_edits(reference: None) -> None:
    platform31 = Organisation.objects.get(slug="platform31")
    platform31.description = "Eigen beschrijving"
    platform31.save()
    before = _counts()
    load_demo_data()
    assert _counts() == before
    platform31.refresh_from_db()
    assert platform31.description == "Eigen beschrijving"


def test_demo_has_the_partners_from_the_seeds(reference: None) -> None:
    for slug in ("vng", "platform31", "nsob", "erasmus-universiteit-rotterdam", "uwv"):
        assert Organisation.objects.filter(slug=slug).exists(), slug
    assert Organisation.objects.filter(kind=OrganisationKind.HOUSING_CORPORATION).count() >= 3


def test_first_start_loads_only_once(reference: None, django_db_blocker: Any) -> None:
    Organisation.objects.filter(slug="vng").update(description="Aangepast door coördinator")
    load_on_first_start()
    assert Organisation.objects.get(slug="vng").description == "Aangepast door coördinator"


def test_first_start_on_an_empty_database_loads_everything(db: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert not Organisation.objects.exists() and not DataLoad.objects.exists()
    load_on_first_start()
    assert Organisation.objects.municipalities().count() == 342
    assert Organisation.objects.filter(slug="platform31").exists()
    names = set(DataLoad.objects.values_list("name", flat=True))
    assert {"reference:organisations", "reference:programmes", "demo:organisations"} <= names
