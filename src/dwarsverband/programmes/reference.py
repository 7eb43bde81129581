"""The starting theme taxonomy and the Iv3 task fields, loaded with the reference data.

Themes are editable by coordinators, so loading only adds missing themes and never overwrites.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from importlib import resources

from django.db import transaction
from django.utils.text import slugify

from dwarsverband.programmes.constants import Domain
from dwarsverband.programmes.models import Iv3Taakveld, Theme

IV3_VERSION = 2025

# (name, domain, description, Iv3 codes)
THEMES: list[tuple[str, Domain, str, list[str]]] = [
    ("Betaalbaarheid", Domain.HOUSING, "Betaalbaar wonen voor huurders en kopers.", ["8.3"]),
    ("Wonen en zorg", Domain.HOUSING, "Wonen voor mensen met een zorgvraag.", ["8.3", "6.811"]),
    (
        "Langer zelfstandig thuis",
        Domain.HOUSING,
        "Ouderen en mensen met een beperking die langer thuis blijven wonen.",
        ["8.3", "6.60", "6.712"],
    ),
    (
        "Energiezuinig renoveren",
        Domain.HOUSING,
        "Woningen verduurzamen en energiezuinig maken.",
        ["8.3", "7.4"],
    ),
    (
        "Woningcorporaties",
        Domain.HOUSING,
        "Samenwerking met woningcorporaties, prestatieafspraken en corporatiefinanciën.",
        ["8.3"],
    ),
    (
        "Wijkvernieuwing",
        Domain.HOUSING,
        "Oudere wijken vernieuwen: woningen, openbare ruimte en veerkracht van bewoners.",
        ["8.1", "8.3", "6.1"],
    ),
    (
        "Vitale binnensteden",
        Domain.ECONOMY,
        "Aantrekkelijke binnensteden en aanloopstraten met winkels, horeca en wonen.",
        ["3.1", "3.4"],
    ),
    (
        "Regionale arbeidsmarkt",
        Domain.ECONOMY,
        "Werkgevers, onderwijs, UWV en gemeenten die samen werk in de regio organiseren.",
        ["6.5", "3.1"],
    ),
    (
        "Werk en inkomen",
        Domain.ECONOMY,
        "Bijstand, re-integratie en inkomensondersteuning.",
        ["6.3", "6.4", "6.5"],
    ),
    (
        "Bedrijventerreinen",
        Domain.ECONOMY,
        "Ontwikkeling en herstructurering van bedrijventerreinen.",
        ["3.2"],
    ),
    (
        "Regionaal samenwerken",
        Domain.SPATIAL,
        "Samenwerking tussen gemeenten, provincie en partners in regionale netwerken.",
        ["0.1"],
    ),
    (
        "Toekomst van de stad",
        Domain.SPATIAL,
        "Hoe steden zich ontwikkelen: groei, krimp, slimme stedelijke regio's.",
        ["8.1"],
    ),
    ("Omgevingswet", Domain.SPATIAL, "Werken met de Omgevingswet en participatie.", ["8.1"]),
    (
        "Energietransitie",
        Domain.SPATIAL,
        "Duurzame energie en aardgasvrije wijken.",
        ["7.4", "8.1"],
    ),
    (
        "Data en beleid",
        Domain.SPATIAL,
        "Hoe data en regionale cijfers steden helpen bij beleidsontwikkeling.",
        ["0.1"],
    ),
    (
        "Sociaal domein",
        Domain.SOCIAL,
        "Wmo, jeugdhulp en participatie in samenhang.",
        ["6.1", "6.23"],
    ),
    (
        "Armoede en schulden",
        Domain.SOCIAL,
        "Armoede bestrijden en schulden voorkomen.",
        ["6.3"],
    ),
    (
        "Zorg en welzijn",
        Domain.SOCIAL,
        "Zorg en ondersteuning dichtbij inwoners.",
        ["6.21", "6.91"],
    ),
    (
        "Leefbaarheid en veiligheid",
        Domain.SOCIAL,
        "Prettig en veilig samenleven in buurten en wijken.",
        ["1.2", "6.1"],
    ),
]


def load(report: Callable[[str], None]) -> None:
    """Reference loader of the programmes app (see common/registry.py)."""
    taakvelden = iv3_load()
    themes = themes_load()
    report(f"Thema's: {themes} toegevoegd; Iv3-taakvelden: {taakvelden}.")


@transaction.atomic
def iv3_load() -> int:
    text = resources.files("dwarsverband.data").joinpath("iv3_taakvelden.csv").read_text("utf-8")
    count = 0
    for row in csv.DictReader(text.splitlines()):
        Iv3Taakveld.objects.update_or_create(
            version=int(row["versie"]),
            code=row["code"],
            defaults={
                "name": row["naam"],
                "main_code": row["hoofdtaakveld"],
                "main_name": row["hoofdtaakveld_naam"],
                "position": int(row["volgorde"]),
            },
        )
        count += 1
    return count


@transaction.atomic
def themes_load() -> int:
    """Add the starting themes that are missing; existing themes keep their edits."""
    created = 0
    for name, domain, description, codes in THEMES:
        theme, was_created = Theme.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "domain": domain, "description": description},
        )
        if was_created:
            theme.iv3_taakvelden.set(
                Iv3Taakveld.objects.filter(version=IV3_VERSION, code__in=codes)
            )
            created += 1
    return created
