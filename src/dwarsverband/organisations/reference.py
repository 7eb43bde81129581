"""Load the official reference data shipped in `dwarsverband/data/` (see SOURCES.md there).

The load is idempotent: codes are the keys, so a second run updates and never duplicates.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from django.db import transaction

from dwarsverband.organisations.constants import OrganisationKind, RegionKind
from dwarsverband.organisations.models import Boundary, NetworkMembership, Organisation, Region
from dwarsverband.organisations.services import unique_organisation_slug

REFERENCE_VERSION = "cbs-2025.1"
BOUNDARY_SOURCE = "CBS/PDOK gebiedsindelingen 2025 (gegeneraliseerd), CC BY 4.0"

NETWORKS: dict[str, dict[str, str]] = {
    "G4": {
        "name": "G4",
        "alternative_names": "vier grote steden",
        "description": (
            "Samenwerkingsverband van de vier grootste steden van Nederland: Amsterdam, "
            "Rotterdam, Den Haag en Utrecht."
        ),
    },
    "G40": {
        "name": "G40-stedennetwerk",
        "alternative_names": "G40, G32-stedennetwerk, G32",
        "description": (
            "Netwerk van middelgrote en grote steden die samen optrekken richting het Rijk. "
            "Tot 2018 heette het netwerk G32-stedennetwerk; in 2014 waren er 37 steden bij "
            "aangesloten. Sindsdien zijn er steden bijgekomen."
        ),
    },
}


def load(report: Callable[[str], None]) -> None:
    """Reference loader of the organisations app (see common/registry.py)."""
    result = reference_load()
    report(
        f"Referentiegegevens: {result.municipalities} gemeenten, {result.provinces} provincies, "
        f"{result.regions} regio's, {result.networks} netwerken met {result.memberships} leden, "
        f"{result.boundaries} gemeentegrenzen."
    )


@dataclass
class ReferenceLoadResult:
    regions: int
    municipalities: int
    provinces: int
    networks: int
    memberships: int
    boundaries: int


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("dwarsverband.data").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _region(code: str, name: str, kind: str) -> Region:
    region, _created = Region.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind}
    )
    return region


def _organisation(*, code: str, name: str, kind: str, extra: dict[str, Any]) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        organisation = Organisation(code=code, slug=unique_organisation_slug(name=name))
    organisation.name = name
    organisation.kind = kind
    for field, value in extra.items():
        setattr(organisation, field, value)
    organisation.save()
    return organisation


@transaction.atomic
def reference_load() -> ReferenceLoadResult:
    """Load regions, municipalities, provinces, G4/G40 with memberships and boundaries."""
    regions: dict[str, Region] = {}
    for filename, kind in (
        ("provincies_2025.csv", RegionKind.PROVINCE),
        ("corop_gebieden_2025.csv", RegionKind.COROP),
        ("arbeidsmarktregios_2025.csv", RegionKind.LABOUR_MARKET),
    ):
        for row in _rows(filename):
            regions[row["code"]] = _region(row["code"], row["naam"], kind)

    provinces = 0
    for code, region in regions.items():
        if region.kind == RegionKind.PROVINCE:
            _organisation(
                code=code,
                name=f"Provincie {region.name}",
                kind=OrganisationKind.PROVINCE,
                extra={"governed_region": region},
            ).regions.set([region])
            provinces += 1

    municipalities: dict[str, Organisation] = {}
    for row in _rows("gemeenten_2025.csv"):
        extra: dict[str, Any] = {}
        if row["gemeentecode"] == "GM0518":
            extra["alternative_names"] = "Den Haag"
        municipality = _organisation(
            code=row["gemeentecode"],
            name=row["gemeentenaam"],
            kind=OrganisationKind.MUNICIPALITY,
            extra=extra,
        )
        municipality.regions.set(
            [
                regions[row["provincie_code"]],
                regions[row["corop_code"]],
                regions[row["arbeidsmarktregio_code"]],
            ]
        )
        municipalities[row["gemeentecode"]] = municipality

    networks = {
        code: _organisation(
            code=code,
            name=spec["name"],
            kind=OrganisationKind.NETWORK,
            extra={
                "abbreviation": code,
                "alternative_names": spec["alternative_names"],
                "description": spec["description"],
            },
        )
        for code, spec in NETWORKS.items()
    }
    memberships = 0
    for row in _rows("stedennetwerk_g4_g40.csv"):
        joined = row["toegetreden"].strip()
        joined_on: date | None = None
        joined_note = ""
        if joined:
            try:
                joined_on = date.fromisoformat(joined)
            except ValueError:
                joined_note = joined
        NetworkMembership.objects.update_or_create(
            network=networks[row["netwerk"]],
            member=municipalities[row["gemeentecode"]],
            defaults={"joined_on": joined_on, "joined_note": joined_note},
        )
        memberships += 1

    boundaries = 0
    geojson = json.loads(
        resources.files("dwarsverband.data")
        .joinpath("gemeenten_2025.geojson")
        .read_text(encoding="utf-8")
    )
    for feature in geojson["features"]:
        bounded = municipalities.get(feature["properties"]["statcode"])
        if bounded is None:
            continue
        Boundary.objects.update_or_create(
            organisation=bounded,
            defaults={"geometry": feature["geometry"], "source": BOUNDARY_SOURCE},
        )
        boundaries += 1

    return ReferenceLoadResult(
        regions=len(regions),
        municipalities=len(municipalities),
        provinces=provinces,
        networks=len(networks),
        memberships=memberships,
        boundaries=boundaries,
    )
