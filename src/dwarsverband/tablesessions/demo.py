"""Demo table session, after seed 001: an afternoon of VNG and Platform31 at which
municipalities, housing corporations, UWV and knowledge institutes look for overlap in their
programmes, table by table.

The specialists are fictional example people (names invented for the demo), each with the
function that decides at which table they sit. Loading is idempotent: an existing session with
the demo title is left alone, people are only added when missing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dwarsverband.organisations.constants import PersonRole
from dwarsverband.organisations.models import Organisation, Person, User
from dwarsverband.tablesessions import services
from dwarsverband.tablesessions.models import TableSession

TITLE = "Over de tafels springen: tafelsessie VNG en Platform31 (voorbeeld)"
SPECIALISTS: list[tuple[str, str, str]] = [
    ("vng", "Sanne de Boer", "adviseur arbeidsmarkt en participatie"),
    ("vng", "Ruben Visser", "adviseur wonen en leefbaarheid"),
    ("platform31", "Eva Mulder", "programmamanager wonen en stedelijke vernieuwing"),
    ("platform31", "Youssef El Amrani", "onderzoeker regionale samenwerking"),
    ("portaal", "Linda Smit", "adviseur verduurzaming woningvoorraad"),
    ("woonbron", "Thomas Bakker", "wijkregisseur"),
    ("uwv", "Fatma Yilmaz", "adviseur werkgeversdienstverlening"),
    ("GM0513", "Kees van Dijk", "beleidsadviseur sociaal domein"),
    ("GM0344", "Noor Hendriks", "programmamanager energietransitie"),
    ("GM0599", "Bram Jansen", "beleidsadviseur werk en inkomen"),
]


def _organisation(key: str) -> Organisation | None:
    return Organisation.objects.filter(slug=key).first() or (
        Organisation.objects.filter(code=key).first()
    )


def load(report: Callable[[str], None]) -> None:
    """Demo loader of the table sessions app (see common/registry.py)."""
    if TableSession.objects.filter(title=TITLE).exists():
        return
    system_user = User(is_superuser=True, is_active=True)
    organisations: dict[int, Organisation] = {}
    specialists: list[Person] = []
    for key, name, function in SPECIALISTS:
        organisation = _organisation(key)
        if organisation is None or not organisation.programmes.exists():
            continue
        organisations[organisation.pk] = organisation
        person, _created = Person.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={"role": PersonRole.SPECIALIST, "function": function},
        )
        specialists.append(person)
    if len(organisations) < 2:
        report("tafelsessies: te weinig demo-organisaties met een jaarprogramma; overgeslagen")
        return
    try:
        with transaction.atomic():
            session = services.table_session_create(
                user=system_user,
                data={
                    "title": TITLE,
                    "date": timezone.localdate() + datetime.timedelta(days=21),
                    "organisations": list(organisations.values()),
                    "specialists": specialists,
                    "table_count": 3,
                    "max_per_table": 5,
                },
            )
            services.table_session_plan(user=system_user, session=session)
    except ValidationError as error:
        report(f"tafelsessies: demo niet gepland: {' '.join(error.messages)}")
        return
    report(
        f"Demo-tafelsessie gepland: {len(organisations)} organisaties, "
        f"{len(specialists)} specialisten aan {session.tables.count()} tafels."
    )
