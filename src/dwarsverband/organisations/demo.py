"""Demo organisations and people, written from the facts in the seed articles.

Public figures appear only with their public role; no phone numbers or e-mail addresses.
Loading is idempotent and keeps edits: existing records are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from dwarsverband.organisations.constants import OrganisationKind, PersonRole
from dwarsverband.organisations.models import Organisation, Person, Region

DEMO_VERSION = "2026.1"

# slug, name, kind, abbreviation, description, website, region codes
ORGANISATIONS: list[tuple[str, str, str, str, str, str, list[str]]] = [
    (
        "vng",
        "Vereniging van Nederlandse Gemeenten",
        OrganisationKind.KNOWLEDGE_INSTITUTE,
        "VNG",
        "Vereniging van alle Nederlandse gemeenten. Behartigt hun belangen, ondersteunt hen "
        "met kennis en netwerken en organiseert onder meer de VNG Denktank en de VNG Academie.",
        "https://vng.nl",
        [],
    ),
    (
        "platform31",
        "Platform31",
        OrganisationKind.KNOWLEDGE_INSTITUTE,
        "",
        "Kennis- en netwerkorganisatie voor stad en regio. Verbindt kennis uit de domeinen "
        "Wonen, Economie, Ruimte en Sociaal en organiseert experimenten, leerkringen en "
        "communities of practice met steden.",
        "https://www.platform31.nl",
        [],
    ),
    (
        "nsob",
        "Nederlandse School voor Openbaar Bestuur",
        OrganisationKind.KNOWLEDGE_INSTITUTE,
        "NSOB",
        "Opleidings- en denkinstituut voor het openbaar bestuur. Deed met de Erasmus "
        "Universiteit onderzoek voor de 4e VNG Denktank over regionale samenwerking.",
        "https://www.nsob.nl",
        [],
    ),
    (
        "erasmus-universiteit-rotterdam",
        "Erasmus Universiteit Rotterdam",
        OrganisationKind.UNIVERSITY,
        "EUR",
        "Universiteit in Rotterdam. De vakgroep Bestuurskunde werkt mee aan communities of "
        "practice over samenwerken in regionale netwerken.",
        "https://www.eur.nl",
        ["PV28", "AM22"],
    ),
    (
        "uwv",
        "Uitvoeringsinstituut Werknemersverzekeringen",
        OrganisationKind.GOVERNMENT_AGENCY,
        "UWV",
        "Voert de werknemersverzekeringen uit en werkt in de 35 arbeidsmarktregio's samen met "
        "gemeenten aan werk en inkomen.",
        "https://www.uwv.nl",
        [],
    ),
    (
        "platform-middelgrote-gemeenten",
        "Platform Middelgrote Gemeenten",
        OrganisationKind.NETWORK,
        "PMG",
        "Netwerk van middelgrote gemeenten dat kennis deelt over regionale samenwerking en "
        "de opgaven van middelgrote steden.",
        "",
        [],
    ),
    (
        "vng-netwerk-regionaal-organiseren",
        "VNG-netwerk Regionaal Organiseren",
        OrganisationKind.NETWORK,
        "",
        "Netwerk van de VNG voor gemeenten die hun regionale samenwerking willen versterken.",
        "",
        [],
    ),
    (
        "portaal",
        "Portaal",
        OrganisationKind.HOUSING_CORPORATION,
        "",
        "Woningcorporatie met woningen in onder meer Utrecht, Amersfoort, Arnhem, Nijmegen en "
        "Leiden.",
        "https://www.portaal.nl",
        ["PV26", "PV25"],
    ),
    (
        "woonbron",
        "Woonbron",
        OrganisationKind.HOUSING_CORPORATION,
        "",
        "Woningcorporatie in de regio Rotterdam en Dordrecht.",
        "https://www.woonbron.nl",
        ["PV28", "AM22"],
    ),
    (
        "mitros",
        "Mitros",
        OrganisationKind.HOUSING_CORPORATION,
        "",
        "Woningcorporatie in Utrecht en Nieuwegein.",
        "https://www.mitros.nl",
        ["PV26", "AM13"],
    ),
]

# organisation slug or CBS code, name, role, function
PEOPLE: list[tuple[str, str, str, str]] = [
    ("platform31", "Hamit Karakus", PersonRole.DIRECTOR, "directeur Platform31"),
    ("vng", "Jantine Kriens", PersonRole.DIRECTOR, "directeur VNG"),
    (
        "G40",
        "Ferd Croone",
        PersonRole.DIRECTOR,
        "voorzitter van het G32-stedennetwerk bij de ondertekening van het convenant in 2014",
    ),
    (
        "GM0513",
        "Milo Schoenmaker",
        PersonRole.MAYOR,
        "burgemeester van Gouda, voorzitter van de 4e VNG Denktank",
    ),
]


def load(report: Callable[[str], None]) -> None:
    """Demo loader of the organisations app (see common/registry.py)."""
    result = demo_load()
    report(
        f"Demogegevens: {result.organisations_created} organisaties en "
        f"{result.people_created} personen toegevoegd."
    )


@dataclass
class DemoLoadResult:
    organisations_created: int
    people_created: int


def _organisation_by_key(key: str) -> Organisation | None:
    return (
        Organisation.objects.filter(code=key).first()
        or Organisation.objects.filter(slug=key).first()
    )


@transaction.atomic
def demo_load() -> DemoLoadResult:
    """Add the demo organisations and people that are missing."""
    organisations_created = 0
    for slug, name, kind, abbreviation, description, website, region_codes in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "abbreviation": abbreviation,
                "description": description,
                "website": website,
            },
        )
        if created:
            organisation.regions.set(Region.objects.filter(code__in=region_codes))
            organisations_created += 1

    people_created = 0
    for key, name, role, function in PEOPLE:
        found = _organisation_by_key(key)
        if found is None:
            continue
        _person, created = Person.objects.get_or_create(
            organisation=found, name=name, defaults={"role": role, "function": function}
        )
        people_created += int(created)
    return DemoLoadResult(
        organisations_created=organisations_created, people_created=people_created
    )
