"""Demo covenants, agreements, actions and a joint agenda, after the seed articles.

Written in our own words from the facts in the articles: the covenant of the G32 city network
(today's G40) and Platform31 for 2015–2018, the agreements from the VNG–Platform31 afternoon
of 10 March 2015, and a joint agenda of a municipality with two housing corporations. The
joint agenda is an example, not a real agreement of those parties, and says so.

Loading is idempotent and keeps edits: existing records (by slug or title) are left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from dwarsverband.agreements.constants import CovenantActivityKind, CovenantStatus
from dwarsverband.agreements.models import (
    Action,
    Agreement,
    Covenant,
    CovenantActivity,
    CovenantParty,
    CovenantSignatory,
    JointAgenda,
    JointAmbition,
    PerformanceAgreement,
)
from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.programmes.models import Theme

D = datetime.date

COVENANT_SLUG = "samenwerken-aan-aantrekkelijke-en-krachtige-steden-2015-2018"
COVENANT_TITLE = "Samenwerken aan Aantrekkelijke en Krachtige Steden 2015–2018"
COVENANT_SUMMARY = (
    "Convenant tussen het stedennetwerk en Platform31 over kennisontwikkeling en kennisdeling "
    "voor de steden. Bij de ondertekening op 20 november 2014 heette het netwerk nog "
    "G32-stedennetwerk en waren er 37 steden bij aangesloten; sinds 2018 is het het "
    "G40-stedennetwerk."
)
COVENANT_PROGRAMME = (
    "De steden en Platform31 werkten al jaren samen aan de kracht van de stad. Met dit "
    "convenant zetten zij die samenwerking voort voor 2015 tot en met 2018.\n"
    "Het programma volgt de thema's die de aangesloten steden in de zomer van 2014 op hun "
    "bestuurlijke startconferentie kozen, en laat ruimte voor nieuwe vragen uit de praktijk.\n"
    "Platform31 verbindt kennis uit de domeinen Wonen, Economie, Ruimte en Sociaal en vertaalt "
    "die naar het 'hoe': concrete handelingsperspectieven voor de stedelijke praktijk. Dat "
    "gebeurt via experimenten, expertsessies, leergemeenschappen en onderzoek, onder meer op "
    "Vitale binnensteden, Wonen en zorg en Betaalbaarheid binnen het wonen.\n"
    "In leergemeenschappen wisselen ambtenaren in een vertrouwde kring ervaringen uit, werken "
    "ze aan elkaars casussen en krijgen ze feedback van deskundigen."
)

ACTIVITIES = [
    (
        CovenantActivityKind.EXPERIMENT,
        "Experimentenprogramma Langer Thuis",
        "Experimenten met wonen, zorg en welzijn zodat ouderen langer zelfstandig thuis wonen.",
    ),
    (
        CovenantActivityKind.EXPERIMENT,
        "Aangename Aanloopstraten",
        "Experimenten met steden om aanloopstraten naar de binnenstad aantrekkelijk te houden.",
    ),
    (
        CovenantActivityKind.EXPERIMENT,
        "Ruim op die Regels",
        "Experimenten met het schrappen van overbodige regels die stedelijke opgaven remmen.",
    ),
    (
        CovenantActivityKind.RESEARCH_PROGRAMME,
        "Smart Urban Regions in the Future (SURF)",
        "Onderzoeksprogramma over de toekomst van stedelijke regio's.",
    ),
    (
        CovenantActivityKind.COMMUNITY,
        "Leergemeenschappen rond actuele stedelijke vraagstukken",
        "Ambtenaren leren in een vaste kring van elkaars praktijk, met inbreng van deskundigen.",
    ),
]

TABLE_SESSION_LABEL = "Middag van VNG en Platform31 'over de grenzen van tafels', 10 maart 2015"


@dataclass
class DemoAction:
    title: str
    owner: str  # organisation slug or CBS code
    due: datetime.date | None
    status: str
    completed_on: datetime.date | None = None
    dropped_reason: str = ""


@dataclass
class DemoAgreement:
    title: str
    description: str
    owner: str
    parties: list[str]
    themes: list[str]
    agreed_on: datetime.date
    actions: list[DemoAction] = field(default_factory=list)
    source_label: str = ""


def _covenant_agreements() -> list[DemoAgreement]:
    parties = ["g40-stedennetwerk", "platform31"]
    return [
        DemoAgreement(
            "Leergemeenschap Vitale binnensteden",
            "Platform31 richt met steden uit het netwerk een leergemeenschap in over "
            "aantrekkelijke binnensteden en aanloopstraten.",
            "platform31",
            parties,
            ["Vitale binnensteden"],
            D(2015, 2, 1),
            [
                DemoAction(
                    "Deelnemende steden werven", "platform31", D(2015, 4, 1), "done", D(2015, 3, 27)
                ),
                DemoAction(
                    "Eerste bijeenkomst houden", "GM0307", D(2015, 6, 30), "done", D(2015, 6, 18)
                ),
                DemoAction(
                    "Opbrengst delen met alle steden van het netwerk",
                    "platform31",
                    D(2016, 3, 1),
                    "done",
                    D(2016, 4, 12),
                ),
            ],
        ),
        DemoAgreement(
            "Kennisprogramma Betaalbaarheid binnen het wonen",
            "Platform31 bundelt kennis over betaalbaar wonen voor huurders en kopers en "
            "vertaalt die naar aanpakken voor de steden.",
            "platform31",
            parties,
            ["Betaalbaarheid"],
            D(2015, 5, 1),
            [
                DemoAction(
                    "Verkenning van de woonlasten in de steden",
                    "platform31",
                    D(2016, 1, 31),
                    "done",
                    D(2016, 2, 15),
                ),
                DemoAction(
                    "Handreiking voor gemeenten uitbrengen",
                    "platform31",
                    D(2018, 6, 30),
                    "in_progress",
                ),
                DemoAction("Expertsessie met corporaties plannen", "platform31", None, "open"),
            ],
        ),
        DemoAgreement(
            "Wonen en zorg: experimenten Langer Thuis in de steden",
            "Steden uit het netwerk doen mee aan het experimentenprogramma Langer Thuis; "
            "Platform31 begeleidt en deelt de lessen.",
            "g40-stedennetwerk",
            parties,
            ["Wonen en zorg", "Langer zelfstandig thuis"],
            D(2015, 9, 1),
            [
                DemoAction(
                    "Experimentsteden kiezen",
                    "g40-stedennetwerk",
                    D(2015, 12, 1),
                    "done",
                    D(2015, 11, 20),
                ),
                DemoAction("Tussenbalans van de experimenten", "platform31", D(2017, 6, 1), "open"),
                DemoAction("Slotbijeenkomst", "platform31", None, ""),
            ],
        ),
    ]


def _table_session_agreements() -> list[DemoAgreement]:
    parties = ["vng", "platform31"]
    day = D(2015, 3, 10)
    return [
        DemoAgreement(
            "Cursus financiën woningcorporaties",
            "VNG en Platform31 ontwikkelen samen een cursus voor gemeenten over hoe "
            "woningcorporaties hun financiën inrichten.",
            "platform31",
            parties,
            ["Woningcorporaties"],
            day,
            [
                DemoAction(
                    "Opzet van de cursus uitwerken",
                    "platform31",
                    D(2015, 5, 1),
                    "done",
                    D(2015, 4, 28),
                ),
                DemoAction("Eerste cursusdag organiseren", "vng", D(2015, 10, 1), "in_progress"),
            ],
            TABLE_SESSION_LABEL,
        ),
        DemoAgreement(
            "Energiezuinig renoveren van woningen",
            "Gezamenlijk project om kennis over energiezuinig renoveren bij gemeenten te brengen.",
            "vng",
            parties,
            ["Energiezuinig renoveren"],
            day,
            [
                DemoAction("Gezamenlijke kennisbijeenkomst houden", "vng", D(2015, 9, 15), "open"),
                DemoAction("Voorbeeldprojecten verzamelen", "platform31", None, ""),
            ],
            TABLE_SESSION_LABEL,
        ),
        DemoAgreement(
            "Leerkring langer zelfstandig thuis wonen",
            "Een leerkring voor gemeenten over ouderen die langer zelfstandig thuis wonen.",
            "platform31",
            parties,
            ["Langer zelfstandig thuis"],
            day,
            [
                DemoAction(
                    "Deelnemende gemeenten werven", "vng", D(2015, 6, 1), "done", D(2015, 6, 3)
                ),
                DemoAction(
                    "Eerste bijeenkomst van de leerkring",
                    "platform31",
                    D(2015, 9, 30),
                    "done",
                    D(2015, 9, 24),
                ),
            ],
            TABLE_SESSION_LABEL,
        ),
        DemoAgreement(
            "Congressen en jaarplannen op elkaar afstemmen",
            "VNG en Platform31 leggen hun congresagenda's en jaarplannen naast elkaar, zodat "
            "ze elkaar aanvullen in plaats van overlappen.",
            "vng",
            parties,
            ["Regionaal samenwerken"],
            day,
            [
                DemoAction(
                    "Congresagenda's naast elkaar leggen",
                    "vng",
                    D(2015, 4, 30),
                    "done",
                    D(2015, 4, 21),
                ),
                DemoAction(
                    "Jaarplannen 2016 uitwisselen",
                    "platform31",
                    D(2015, 11, 1),
                    "dropped",
                    dropped_reason="Opgegaan in het gewone overleg tussen de directies.",
                ),
            ],
            TABLE_SESSION_LABEL,
        ),
        DemoAgreement(
            "De Atriumlezing nieuw leven inblazen",
            "Plannen maken om de Atriumlezing opnieuw te organiseren.",
            "platform31",
            parties,
            ["Toekomst van de stad"],
            day,
            [DemoAction("Voorstel voor een nieuwe opzet schrijven", "platform31", None, "open")],
            TABLE_SESSION_LABEL,
        ),
        DemoAgreement(
            "Opbrengst van het onderzoek Kennis voor Krachtige Steden presenteren",
            "Platform31 komt de opbrengst van het onderzoek Kennis voor Krachtige Steden bij "
            "de VNG presenteren.",
            "platform31",
            parties,
            ["Toekomst van de stad"],
            day,
            [
                DemoAction(
                    "Presentatie bij de VNG geven",
                    "platform31",
                    D(2015, 6, 30),
                    "done",
                    D(2015, 6, 16),
                )
            ],
            TABLE_SESSION_LABEL,
        ),
    ]


AGENDA_TITLE = "Gezamenlijke agenda wonen in Utrecht (voorbeeld)"
AGENDA_DESCRIPTION = (
    "Voorbeeld met demogegevens: zo kunnen een gemeente en haar woningcorporaties naast de "
    "formele prestatieafspraken een gezamenlijke agenda voeren. Geen echte afspraken van deze "
    "partijen.\n"
    "De partners staan grotendeels voor dezelfde maatschappelijke opgave. Ze pakken die op als "
    "samenwerkingspartners, niet als onderhandelingspartners: klein beginnen, samen aan de "
    "slag en samen leren. Oudere wijken zijn de gedeelde casus: de bevolking wordt eenzijdiger, "
    "de veerkracht staat onder druk, woningen moeten verduurzamen en de openbare ruimte is "
    "verouderd."
)
AMBITIONS = [
    (
        "Wijkvernieuwing",
        "Samen een oudere wijk vernieuwen: woningen, openbare ruimte en de veerkracht van "
        "bewoners in één aanpak, vanuit gedeelde urgentie in plaats van een alomvattend plan.",
    ),
    (
        "Energiezuinig renoveren",
        "Woningen in dezelfde straten tegelijk verduurzamen, zodat bewoners één keer overlast "
        "hebben en de gemeente de straat in één keer kan aanpakken.",
    ),
]


def _agenda_steps(today: datetime.date) -> list[DemoAgreement]:
    parties = ["utrecht", "portaal", "mitros"]
    return [
        DemoAgreement(
            "Samen een buurt schouwen en één wijkagenda maken",
            "Gemeente en corporaties lopen samen met bewoners door een naoorlogse buurt en "
            "maken één lijst van wat er moet gebeuren.",
            "utrecht",
            parties,
            ["Wijkvernieuwing"],
            today - datetime.timedelta(days=60),
            [
                DemoAction(
                    "Schouw met bewoners houden",
                    "utrecht",
                    today - datetime.timedelta(days=30),
                    "done",
                    today - datetime.timedelta(days=32),
                ),
                DemoAction(
                    "Wijkagenda op één A4 opstellen",
                    "portaal",
                    today - datetime.timedelta(days=10),
                    "in_progress",
                ),
                DemoAction(
                    "Wijkagenda bespreken met de huurdersorganisaties",
                    "mitros",
                    today + datetime.timedelta(days=7),
                    "open",
                ),
            ],
        ),
        DemoAgreement(
            "Verduurzaming en herinrichting van de straat tegelijk plannen",
            "De planning van de isolatie van corporatiewoningen en de vernieuwing van riool en "
            "straat wordt op elkaar afgestemd.",
            "mitros",
            parties,
            ["Energiezuinig renoveren", "Wijkvernieuwing"],
            today - datetime.timedelta(days=20),
            [
                DemoAction(
                    "Planningen naast elkaar leggen",
                    "mitros",
                    today + datetime.timedelta(days=10),
                    "open",
                ),
                DemoAction(
                    "Bewonersavond over de werkzaamheden",
                    "utrecht",
                    today + datetime.timedelta(days=60),
                    "open",
                ),
                DemoAction("Afspraken over tijdelijke verhuizing", "portaal", None, "open"),
            ],
        ),
    ]


def _performance_agreements(today: datetime.date) -> list[tuple[int, str, str]]:
    year = today.year
    return [
        (
            year - 1,
            f"Prestatieafspraken wonen {year - 1} (voorbeeld)",
            "Jaarlijkse formele afspraken over onder meer nieuwbouw van sociale huurwoningen, "
            "betaalbaarheid en het aantal woningen dat wordt verduurzaamd.",
        ),
        (
            year,
            f"Prestatieafspraken wonen {year} (voorbeeld)",
            "Voortzetting van de afspraken van vorig jaar, met voor het eerst een verwijzing "
            "naar de gezamenlijke agenda voor wijkvernieuwing.",
        ),
    ]


def _organisation(key: str) -> Organisation | None:
    return (
        Organisation.objects.filter(slug=key).first()
        or Organisation.objects.filter(code=key).first()
    )


def _add_agreements(
    items: list[DemoAgreement],
    *,
    covenant: Covenant | None = None,
    agenda: JointAgenda | None = None,
) -> tuple[int, int]:
    agreements_created = actions_created = 0
    for item in items:
        owner = _organisation(item.owner)
        parties = [org for org in (_organisation(key) for key in item.parties) if org]
        if owner is None or len(parties) != len(item.parties):
            continue
        agreement, created = Agreement.objects.get_or_create(
            title=item.title,
            covenant=covenant,
            joint_agenda=agenda,
            defaults={
                "description": item.description,
                "owner_organisation": owner,
                "agreed_on": item.agreed_on,
                "source_label": item.source_label,
            },
        )
        if not created:
            continue
        agreements_created += 1
        agreement.parties.set(parties)
        agreement.themes.set(Theme.objects.filter(name__in=item.themes))
        for demo_action in item.actions:
            action_owner = _organisation(demo_action.owner)
            if action_owner is None:
                continue
            action = Action(
                agreement=agreement,
                title=demo_action.title,
                owner_organisation=action_owner,
                due_date=demo_action.due,
                status=demo_action.status,
                completed_on=demo_action.completed_on,
                dropped_reason=demo_action.dropped_reason,
            )
            action.full_clean()
            action.save()
            actions_created += 1
    return agreements_created, actions_created


@dataclass
class DemoLoadResult:
    covenants: int = 0
    agreements: int = 0
    actions: int = 0
    agendas: int = 0


@transaction.atomic
def demo_load(*, today: datetime.date | None = None) -> DemoLoadResult:
    today = today or timezone.localdate()
    result = DemoLoadResult()
    network = _organisation("g40-stedennetwerk") or _organisation("G40")
    platform31 = _organisation("platform31")
    if network is not None and platform31 is not None:
        covenant, created = Covenant.objects.get_or_create(
            slug=COVENANT_SLUG,
            defaults={
                "title": COVENANT_TITLE,
                "summary": COVENANT_SUMMARY,
                "programme_text": COVENANT_PROGRAMME,
                "status": CovenantStatus.ENDED,
                "signed_on": D(2014, 11, 20),
                "start_date": D(2015, 1, 1),
                "end_date": D(2018, 12, 31),
            },
        )
        if created:
            result.covenants += 1
            CovenantParty.objects.create(
                covenant=covenant,
                organisation=network,
                on_behalf_of_members=True,
                note="Bij de ondertekening: G32-stedennetwerk, 37 steden",
            )
            CovenantParty.objects.create(covenant=covenant, organisation=platform31)
            covenant.themes.set(
                Theme.objects.filter(
                    name__in=["Vitale binnensteden", "Wonen en zorg", "Betaalbaarheid"]
                )
            )
            for organisation, name, capacity in (
                (network, "Ferd Croone", "voorzitter van het G32-stedennetwerk"),
                (platform31, "Hamit Karakus", "directeur van Platform31"),
            ):
                CovenantSignatory.objects.create(
                    covenant=covenant,
                    organisation=organisation,
                    person=Person.objects.filter(organisation=organisation, name=name).first(),
                    name=name,
                    capacity=capacity,
                )
            for kind, title, description in ACTIVITIES:
                CovenantActivity.objects.create(
                    covenant=covenant, kind=kind, title=title, description=description
                )
        counts = _add_agreements(_covenant_agreements(), covenant=covenant)
        result.agreements += counts[0]
        result.actions += counts[1]

    counts = _add_agreements(_table_session_agreements())
    result.agreements += counts[0]
    result.actions += counts[1]

    utrecht = _organisation("utrecht")
    corporations = [org for org in (_organisation("portaal"), _organisation("mitros")) if org]
    if utrecht is not None and len(corporations) == 2:
        agenda, created = JointAgenda.objects.get_or_create(
            title=AGENDA_TITLE,
            defaults={"municipality": utrecht, "description": AGENDA_DESCRIPTION},
        )
        if created:
            result.agendas += 1
            agenda.partners.set(corporations)
            for theme_name, text in AMBITIONS:
                theme = Theme.objects.filter(name=theme_name).first()
                if theme is not None:
                    JointAmbition.objects.create(agenda=agenda, theme=theme, ambition=text)
            for year, title, summary in _performance_agreements(today):
                PerformanceAgreement.objects.create(
                    agenda=agenda, year=year, title=title, summary=summary
                )
            counts = _add_agreements(_agenda_steps(today), agenda=agenda)
            result.agreements += counts[0]
            result.actions += counts[1]
    return result


def load(report: Callable[[str], None]) -> None:
    """Demo loader of the agreements app (see common/registry.py)."""
    result = demo_load()
    report(
        f"Demogegevens convenanten: {result.covenants} convenant(en), {result.agreements} "
        f"afspraken, {result.actions} actiepunten, {result.agendas} gezamenlijke agenda('s) "
        "toegevoegd."
    )
