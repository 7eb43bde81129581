"""Demo communities, written in our own words after seed 002 (Platform31's community of practice
on smart collaboration in regional networks) and seed 000 (a learning circle on living
independently for longer).

Dates are relative to the moment of loading, so the information meeting stays open for
registration. Loading is idempotent and keeps edits: an existing community is left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from dwarsverband.communities import services
from dwarsverband.communities.constants import (
    CommunityKind,
    CommunityStatus,
    MeetingKind,
    Pillar,
)
from dwarsverband.communities.models import Community
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.models import Theme

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

COP_SLUG = "slim-samenwerken-in-regionale-netwerken"
COP_PARTNERS = [
    "g40-stedennetwerk",
    "platform-middelgrote-gemeenten",
    "vng-netwerk-regionaal-organiseren",
    "erasmus-universiteit-rotterdam",
]
COP_DESCRIPTION = (
    "Steeds meer vraagstukken van gemeenten houden niet op bij de gemeentegrens: de "
    "arbeidsmarkt, het wonen, bedrijventerreinen en de regionale economie vragen om sturen in "
    "netwerken. In deze community of practice leren professionals van steden en stedelijke "
    "regio's van elkaar, van goede voorbeelden uit binnen- en buitenland en van experts. Samen "
    "bouwen ze aan een handelingsrepertoire voor drie soorten samenwerking: binnen de eigen "
    "organisatie, met de andere gemeenten in de regio en met inwoners, ondernemers en "
    "maatschappelijke instellingen.\n\n"
    "Platform31 zet de community op met het G40-stedennetwerk (bij de start nog G32 geheten), "
    "het Platform Middelgrote Gemeenten, het VNG-netwerk Regionaal Organiseren en de vakgroep "
    "Bestuurskunde van de Erasmus Universiteit Rotterdam."
)
INFO_DESCRIPTION = (
    "Een vrijblijvende middag om kennis te maken en samen de vragen te agenderen waar de "
    "community of practice aan gaat werken. Enkele wetenschappers en ervaringsdeskundigen "
    "denken mee. Na deze middag werken we de opzet uit en kunt u zich aanmelden als deelnemer."
)

CIRCLE_SLUG = "langer-zelfstandig-thuis"
CIRCLE_CITIES = ["GM0307", "GM0200", "GM0202", "GM0150", "GM0228", "GM0153"]
CIRCLE_DESCRIPTION = (
    "Ouderen en mensen met een beperking willen zo lang mogelijk thuis blijven wonen. Dat vraagt "
    "om geschikte woningen, zorg en ondersteuning dichtbij en wijken waar mensen naar elkaar "
    "omkijken. In deze leerkring werken beleidsmedewerkers wonen en zorg van zes G40-steden in "
    "vijf bijeenkomsten aan hun eigen aanpak. Elke bijeenkomst is in een andere deelnemende "
    "stad, die ook een project laat zien."
)
# Per meeting: title, (news, intervision, deepening, project visit) topics, guest expert
CIRCLE_MEETINGS: list[tuple[str, tuple[str, str, str, str], str]] = [
    (
        "Woonzorgvisie: waar staan we?",
        (
            "Nieuws uit de steden: woonzorgvisies in de maak",
            "Intervisie: de woonzorgvisie en de prestatieafspraken verbinden",
            "Cijfers over vergrijzing in de regio gebruiken",
            "Bezoek aan een wooncomplex met zorgsteunpunt",
        ),
        "onderzoeker wonen en zorg, Platform31",
    ),
    (
        "Geschikt wonen in de bestaande voorraad",
        (
            "Actualiteiten: nieuwe regelingen voor aanpassingen",
            "Intervisie op een casus van een deelnemer",
            "Levensloopbestendig verbouwen met corporaties",
            "Bezoek aan een gerenoveerde seniorenflat",
        ),
        "adviseur van een woningcorporatie",
    ),
    (
        "Ontmoeting en zorg in de wijk",
        (
            "Actualiteiten: wat leerden we sinds de vorige keer?",
            "Intervisie op een casus van een deelnemer",
            "Ontmoetingsplekken en informele zorg organiseren",
            "Bezoek aan een buurthuis met wijkteam",
        ),
        "lector zorg en welzijn",
    ),
    (
        "Tussenvormen: hofjes en geclusterd wonen",
        (
            "Actualiteiten en nieuwe publicaties",
            "Intervisie op een casus van een deelnemer",
            "Ruimte maken voor initiatieven van bewoners",
            "Bezoek aan een nieuw woonhofje",
        ),
        "initiatiefnemer van een bewonerscoöperatie",
    ),
    (
        "Oogst en vervolg",
        (
            "Actualiteiten: stand van zaken per stad",
            "Intervisie: wat nemen we mee naar huis?",
            "Wat werkt? De lessen van de leerkring op een rij",
            "Bezoek aan een slimme-zorgwoning",
        ),
        "programmaleider, Platform31",
    ),
]
PILLAR_MINUTES = {
    Pillar.NEWS: 30,
    Pillar.INTERVISION: 60,
    Pillar.DEEPENING: 60,
    Pillar.PROJECT_VISIT: 75,
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def _system_user() -> Any:
    return User(is_superuser=True, is_active=True)


def _load_community_of_practice(report: Callable[[str], None]) -> None:
    if Community.objects.filter(slug=COP_SLUG).exists():
        return
    organiser = Organisation.objects.filter(slug="platform31").first()
    if organiser is None:
        report("communities: Platform31 ontbreekt; community of practice overgeslagen")
        return
    user = _system_user()
    community = services.community_create(
        user=user,
        data={
            "title": "Slim samenwerken in regionale netwerken",
            "kind": CommunityKind.COMMUNITY_OF_PRACTICE,
            "description": COP_DESCRIPTION,
            "status": CommunityStatus.OPEN,
            "organiser": organiser,
            "partners": list(Organisation.objects.filter(slug__in=COP_PARTNERS)),
            "themes": list(Theme.objects.filter(name="Regionaal samenwerken")),
            "planned_meetings": 5,
            "max_members": 25,
        },
    )
    day = timezone.localdate() + datetime.timedelta(days=35)
    while day.weekday() != 2:  # a Wednesday afternoon, like the original
        day += datetime.timedelta(days=1)
    services.meeting_create(
        user=user,
        community=community,
        data={
            "kind": MeetingKind.INFORMATION,
            "title": "Informatiebijeenkomst slim samenwerken in regionale netwerken",
            "description": INFO_DESCRIPTION,
            "starts_at": _at(day, 13, 30),
            "ends_at": _at(day, 17, 0),
            "address": "Utrecht, vlak bij station Utrecht Centraal",
            "host": organiser,
            "takes_registrations": True,
            "capacity": 40,
            "registration_deadline": _at(day - datetime.timedelta(days=2), 17, 0),
        },
    )
    report("communities: community of practice met informatiebijeenkomst")


def _load_learning_circle(report: Callable[[str], None]) -> None:
    if Community.objects.filter(slug=CIRCLE_SLUG).exists():
        return
    organiser = Organisation.objects.filter(slug="platform31").first()
    cities = list(Organisation.objects.filter(code__in=CIRCLE_CITIES).order_by("name"))
    if organiser is None or len(cities) < 5:
        report("communities: Platform31 of G40-steden ontbreken; leerkring overgeslagen")
        return
    user = _system_user()
    community = services.community_create(
        user=user,
        data={
            "title": "Langer zelfstandig thuis",
            "kind": CommunityKind.LEARNING_CIRCLE,
            "description": CIRCLE_DESCRIPTION,
            "status": CommunityStatus.RUNNING,
            "organiser": organiser,
            "partners": list(Organisation.objects.filter(slug="g40-stedennetwerk")),
            "themes": list(
                Theme.objects.filter(name__in=["Langer zelfstandig thuis", "Wonen en zorg"])
            ),
            "planned_meetings": 5,
            "max_members": 12,
        },
    )
    memberships = []
    for city in cities:
        member, _created = User.objects.get_or_create(
            username=f"leerkring-{city.slug}",
            defaults={
                "first_name": "Beleidsmedewerker",
                "last_name": f"wonen en zorg {city.name}",
                "organisation": city,
            },
        )
        if _created:
            member.set_unusable_password()
            member.save(update_fields=["password"])
        membership = services.membership_apply(
            user=member,
            community=community,
            organisation=city,
            motivation="Wil leren hoe andere steden wonen en zorg verbinden.",
        )
        memberships.append(
            services.membership_decide(user=user, membership=membership, accept=True)
        )
    hosts = services.host_rotation_propose(community=community)
    first_day = timezone.localdate() - datetime.timedelta(days=70)
    meetings = []
    for number, ((title, topics, expert), host) in enumerate(
        zip(CIRCLE_MEETINGS, hosts, strict=False), start=1
    ):
        day = first_day + datetime.timedelta(weeks=6 * (number - 1))
        while day.weekday() != 3:  # Thursday
            day += datetime.timedelta(days=1)
        meeting = services.meeting_create(
            user=user,
            community=community,
            data={
                "kind": MeetingKind.SERIES,
                "title": f"Bijeenkomst {number}: {title}",
                "starts_at": _at(day, 13),
                "ends_at": _at(day, 17),
                "address": f"Stadhuis {host.name}",
                "host": host,
            },
        )
        meetings.append(meeting)
        leads = {
            Pillar.NEWS: "Platform31",
            Pillar.INTERVISION: "deelnemers, begeleid door Platform31",
            Pillar.DEEPENING: expert,
            Pillar.PROJECT_VISIT: f"gemeente {host.name}",
        }
        for position, (pillar, topic) in enumerate(zip(Pillar, topics, strict=True), start=1):
            services.agenda_item_add(
                user=user,
                meeting=meeting,
                data={
                    "pillar": pillar,
                    "position": position,
                    "title": topic,
                    "duration_minutes": PILLAR_MINUTES[pillar],
                    "lead": leads[pillar],
                },
            )
    case = services.case_submit(
        user=memberships[3].user,
        community=community,
        data={
            "title": "Seniorenwoningen die niemand wil",
            "question": "Hoe maken we een complex met gelijkvloerse woningen aantrekkelijk voor "
            "ouderen die nu in een te grote eengezinswoning wonen?",
            "context": "De corporatie heeft een complex gerenoveerd, maar doorstroming blijft uit: "
            "verhuizen kost ouderen geld en moeite en de huur is hoger dan die van hun huidige "
            "woning.",
        },
    )
    if len(meetings) > 1:
        services.case_schedule(user=user, case=case, meeting=meetings[1])
    if meetings:
        services.attendance_record(
            user=user,
            meeting=meetings[0],
            present_ids=[m.pk for m in memberships[:-1]],
        )
    report("communities: leerkring Langer zelfstandig thuis met vijf bijeenkomsten")


@transaction.atomic
def load(report: Callable[[str], None]) -> None:
    """Demo loader of the communities app (see common/registry.py)."""
    _load_community_of_practice(report)
    _load_learning_circle(report)
