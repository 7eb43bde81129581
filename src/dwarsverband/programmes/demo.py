"""Demo annual programmes, written in our own words from the situations in the seed articles.

Organisations are found by slug or CBS code. Loading goes through the import service, so it is
idempotent (a second load changes nothing) and projects edited since keep their edits only if
their title changed; projects are recognised by their reference (kenmerk).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from dwarsverband.organisations.models import Organisation, Region, User
from dwarsverband.programmes import services
from dwarsverband.programmes.models import Programme, Theme

YEAR = 2026

# (reference, title, kind, themes, regions, description)
Row = tuple[str, str, str, list[str], list[str], str]

PROGRAMMES: dict[str, list[Row]] = {
    "vng": [
        (
            "VNG-01",
            "Leergang financiën van woningcorporaties",
            "offer",
            ["Woningcorporaties"],
            [],
            "Een leergang voor wethouders en beleidsadviseurs wonen over hoe woningcorporaties hun "
            "investeringen financieren: borging, leencapaciteit, huurinkomsten en wat dat betekent "
            "voor de prestatieafspraken met de gemeente.",
        ),
        (
            "VNG-02",
            "Denktank Werkende Samenwerking",
            "project",
            ["Regionaal samenwerken"],
            [],
            "Met bestuurders en onderzoekers uitzoeken wat regionale samenwerking tussen gemeenten "
            "laat werken, en daar een handreiking met wegwijzers voor raadsleden, wethouders en "
            "burgemeesters van maken.",
        ),
        (
            "VNG-03",
            "Ondersteuning verduurzaming gemeentelijk vastgoed en woningen",
            "offer",
            ["Energiezuinig renoveren", "Energietransitie"],
            [],
            "Advies en voorbeelden voor gemeenten die met eigenaren en corporaties woningen willen "
            "isoleren en van het gas willen halen, inclusief financieringsmogelijkheden voor "
            "huurders en particuliere eigenaren.",
        ),
        (
            "VNG-04",
            "Data en regionale cijfers voor beleid",
            "offer",
            ["Data en beleid"],
            [],
            "Gemeenten helpen hun beleid te onderbouwen met cijfers over werk, inkomen en wonen "
            "per regio: welke bronnen er zijn, hoe je dashboards maakt en hoe de raad ze gebruikt.",
        ),
        (
            "VNG-05",
            "Wonen en zorg voor ouderen",
            "need",
            ["Wonen en zorg"],
            [],
            "Gemeenten vragen hoe ze de groeiende groep ouderen die thuis blijft wonen kunnen "
            "ondersteunen met passende woningen, mantelzorg en zorg in de buurt.",
        ),
    ],
    "platform31": [
        (
            "P31-01",
            "Leerkring langer zelfstandig thuis wonen",
            "offer",
            ["Langer zelfstandig thuis", "Wonen en zorg"],
            [],
            "Een leerkring waarin gemeenten, corporaties en zorgaanbieders samen uitzoeken hoe "
            "ouderen langer zelfstandig in hun eigen woning kunnen blijven: aanpassingen in huis, "
            "zorg en welzijn dichtbij en nieuwe woonvormen.",
        ),
        (
            "P31-02",
            "Experiment energiezuinige renovatie van huurwoningen",
            "project",
            ["Energiezuinig renoveren"],
            [],
            "Met corporaties en steden testen hoe je naoorlogse huurwoningen in één keer "
            "energiezuinig renoveert zonder dat de woonlasten van huurders stijgen.",
        ),
        (
            "P31-03",
            "Vitale binnensteden",
            "project",
            ["Vitale binnensteden"],
            [],
            "Steden werken aan aantrekkelijke centra met minder leegstand: winkels, horeca, wonen "
            "boven winkels en evenementen, met ondernemers en vastgoedeigenaren samen.",
        ),
        (
            "P31-04",
            "Wijkvernieuwing in kwetsbare wijken",
            "project",
            ["Wijkvernieuwing", "Leefbaarheid en veiligheid"],
            [],
            "Kennisprogramma over de vernieuwing van oudere wijken waar armoede, gezondheid en "
            "slechte woningen samenkomen, met een gezamenlijke aanpak van gemeente, corporatie en "
            "maatschappelijke partners.",
        ),
        (
            "P31-05",
            "Regionale trends in werk en inkomen",
            "need",
            ["Regionale arbeidsmarkt", "Data en beleid"],
            [],
            "Hoe vertalen steden de cijfers over werkloosheid, bijstand en inkomen in hun regio "
            "naar een praktische aanpak? Wij zoeken partners met data en ervaring.",
        ),
        (
            "P31-06",
            "Community of practice slim samenwerken in regionale netwerken",
            "offer",
            ["Regionaal samenwerken"],
            [],
            "Een reeks bijeenkomsten voor ambtenaren uit middelgrote gemeenten over samenwerken in "
            "de regio, met intervisie op eigen casussen en werkbezoeken bij de deelnemers.",
        ),
    ],
    "G40": [
        (
            "G40-01",
            "Betaalbaarheid binnen het wonen",
            "need",
            ["Betaalbaarheid"],
            [],
            "De steden zoeken manieren om wonen betaalbaar te houden voor lage en middeninkomens: "
            "huurbeleid, woonlasten en voldoende sociale huurwoningen.",
        ),
        (
            "G40-02",
            "Pijler economie: sterke binnensteden",
            "project",
            ["Vitale binnensteden"],
            [],
            "De G40-steden delen aanpakken tegen leegstand in winkelgebieden en zoeken samen naar "
            "nieuwe functies voor de binnenstad, zoals wonen en cultuur.",
        ),
        (
            "G40-03",
            "Leren van data in de stad",
            "need",
            [],
            [],
            "Stedelijke beleidsmakers willen beter gebruikmaken van cijfers over hun inwoners en "
            "wijken om beleid te maken en te volgen.",
        ),
    ],
    "portaal": [
        (
            "POR-01",
            "Verduurzaming portefeuille 2026",
            "project",
            ["Energiezuinig renoveren"],
            ["PV26"],
            "We isoleren dit jaar ruim duizend huurwoningen, plaatsen warmtepompen en zonnepanelen "
            "en begeleiden huurders tijdens de werkzaamheden, zodat hun energierekening daalt.",
        ),
        (
            "POR-02",
            "Seniorenwoningen en levensloopbestendig verbouwen",
            "project",
            ["Langer zelfstandig thuis"],
            ["PV26"],
            "Bestaande woningen geschikt maken voor ouderen met drempels weg, een traplift of een "
            "slaapkamer beneden, en nieuwe woningen bouwen voor senioren dicht bij voorzieningen.",
        ),
        (
            "POR-03",
            "Prestatieafspraken en financiële ruimte",
            "need",
            ["Woningcorporaties"],
            ["PV26"],
            "Wij willen dat gemeenteraden en ambtenaren beter begrijpen hoeveel investeringsruimte "
            "een corporatie heeft, zodat de prestatieafspraken haalbaar zijn.",
        ),
    ],
    "woonbron": [
        (
            "WB-01",
            "Wijkaanpak Rotterdam-Zuid",
            "project",
            ["Wijkvernieuwing"],
            ["PV28"],
            "Samen met de gemeente en zorg- en welzijnspartners woningen vernieuwen en bewoners "
            "ondersteunen in wijken met veel armoede en schulden.",
        ),
        (
            "WB-02",
            "Huurders van het gas af",
            "project",
            ["Energietransitie"],
            ["PV28"],
            "Complexen aansluiten op het warmtenet en isoleren, met aandacht voor de woonlasten "
            "en de wensen van bewoners.",
        ),
        (
            "WB-03",
            "Vroegsignalering huurachterstand",
            "project",
            ["Armoede en schulden"],
            ["PV28"],
            "Bij de eerste gemiste huurbetaling neemt een consulent contact op en verwijzen we "
            "samen met de gemeente naar schuldhulp, om huisuitzetting te voorkomen.",
        ),
    ],
    "mitros": [
        (
            "MIT-01",
            "Woningen isoleren en verduurzamen",
            "project",
            ["Energiezuinig renoveren"],
            ["PV26"],
            "Mitros renoveert oudere flats energiezuinig: nieuwe kozijnen, isolatie van dak en "
            "gevel en ventilatie, met een lagere energierekening voor huurders.",
        ),
        (
            "MIT-02",
            "Ouderen langer thuis in Utrecht",
            "need",
            ["Langer zelfstandig thuis"],
            ["PV26"],
            "Hoe houden we oudere huurders zo lang mogelijk zelfstandig in hun woning? We zoeken "
            "kennis over woningaanpassing en samenwerking met wijkteams.",
        ),
    ],
    "uwv": [
        (
            "UWV-01",
            "Regionaal werkcentrum en arbeidsmarktinformatie",
            "offer",
            ["Regionale arbeidsmarkt"],
            [],
            "In elke arbeidsmarktregio helpen we werkgevers en werkzoekenden met vacatures, "
            "omscholing en cijfers over tekortberoepen, samen met gemeenten en onderwijs.",
        ),
        (
            "UWV-02",
            "Cijfers werk en uitkeringen per regio",
            "offer",
            ["Data en beleid"],
            [],
            "Wij leveren regionale cijfers over werkloosheid, uitkeringen en vacatures, met "
            "toelichting voor beleidsmakers van gemeenten.",
        ),
    ],
    "erasmus-universiteit-rotterdam": [
        (
            "EUR-01",
            "Onderzoek regionale governance",
            "offer",
            ["Regionaal samenwerken"],
            [],
            "Onderzoek naar hoe gemeenten in regionale netwerken besluiten nemen en hoe raden "
            "invloed houden op gemeenschappelijke regelingen.",
        ),
        (
            "EUR-02",
            "Evaluatie wijkaanpak",
            "offer",
            ["Wijkvernieuwing"],
            ["PV28"],
            "Wetenschappelijke evaluatie van de effecten van wijkvernieuwing op gezondheid, "
            "veiligheid en kansen van bewoners.",
        ),
    ],
    "nsob": [
        (
            "NSOB-01",
            "Leergang bestuurlijk samenwerken in de regio",
            "offer",
            ["Regionaal samenwerken"],
            [],
            "Een leergang voor burgemeesters, wethouders en topambtenaren over sturen in regionale "
            "samenwerkingsverbanden en de rol van de gemeenteraad daarin.",
        ),
    ],
    "GM0513": [
        (
            "GOU-01",
            "Energieprogramma Gouda: wijken van het aardgas",
            "project",
            ["Energietransitie", "Energiezuinig renoveren"],
            [],
            "Gouda maakt per wijk een plan om woningen te isoleren en aardgasvrij te maken, met "
            "hulp voor bewoners en afspraken met de corporaties over hun huurwoningen.",
        ),
        (
            "GOU-02",
            "Binnenstad Gouda aantrekkelijk houden",
            "project",
            ["Vitale binnensteden"],
            [],
            "Met ondernemers werken aan een levendige historische binnenstad met minder lege "
            "winkelpanden en meer wonen boven winkels.",
        ),
        (
            "GOU-03",
            "Regionale samenwerking Midden-Holland",
            "need",
            ["Regionaal samenwerken"],
            [],
            "De raad wil meer grip op de regionale samenwerking in Midden-Holland. Welke vormen "
            "werken en hoe blijft de raad betrokken?",
        ),
    ],
    "GM0344": [
        (
            "UTR-01",
            "Samen ouder worden in de wijk",
            "project",
            ["Zorg en welzijn"],
            [],
            "Utrecht zorgt dat ouderen in hun buurt ondersteuning vinden: wijkteams, ontmoeting, "
            "mantelzorgondersteuning en hulp bij het aanpassen van de woning.",
        ),
        (
            "UTR-02",
            "Duurzame woningvoorraad Utrecht",
            "project",
            ["Energiezuinig renoveren"],
            [],
            "De gemeente stimuleert eigenaren en corporaties om woningen te isoleren en te "
            "verduurzamen, met subsidies en een energieloket.",
        ),
        (
            "UTR-03",
            "Werk en inkomen in de regio Midden-Utrecht",
            "project",
            ["Werk en inkomen"],
            [],
            "Bijstandsgerechtigden naar werk helpen met werkgevers en het UWV in de regio, met "
            "aandacht voor scholing en tekortberoepen.",
        ),
    ],
    "GM0599": [
        (
            "ROT-01",
            "Nationaal Programma Rotterdam Zuid",
            "project",
            ["Wijkvernieuwing", "Werk en inkomen"],
            [],
            "Langjarige aanpak voor Rotterdam-Zuid: betere woningen, meer kinderen die hun talent "
            "ontwikkelen en meer bewoners aan het werk.",
        ),
        (
            "ROT-02",
            "Schuldhulpverlening en armoedebestrijding",
            "project",
            ["Armoede en schulden"],
            [],
            "Rotterdammers met geldzorgen vroeg bereiken en helpen, samen met woningcorporaties, "
            "energieleveranciers en zorgverzekeraars.",
        ),
        (
            "ROT-03",
            "Dashboard stad in cijfers",
            "project",
            ["Data en beleid"],
            [],
            "Een openbaar dashboard met cijfers over wijken, werk en inkomen dat beleidsmakers en "
            "de raad helpt om keuzes te onderbouwen.",
        ),
    ],
}


def _organisation(key: str) -> Organisation | None:
    return Organisation.objects.filter(Q(slug=key) | Q(code=key)).first()


def load(report: Callable[[str], None]) -> None:
    """Demo loader of the programmes app (see common/registry.py)."""
    themes = {theme.name: theme for theme in Theme.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    system_user = User(is_superuser=True, is_active=True)
    created_total = 0
    missing: list[str] = []
    for key, rows in PROGRAMMES.items():
        organisation = _organisation(key)
        if organisation is None:
            missing.append(key)
            continue
        clean: list[dict[str, Any]] = []
        for reference, title, kind, theme_names, region_codes, description in rows:
            clean.append(
                {
                    "reference": reference,
                    "title": title,
                    "kind": kind,
                    "description": description,
                    "themes": [themes[name] for name in theme_names if name in themes],
                    "regions": [regions[code] for code in region_codes if code in regions],
                    "status": "running",
                    "contact_role": "programmamanager",
                }
            )
        if Programme.objects.filter(organisation=organisation, year=YEAR).exists():
            continue
        _programme, created, _changed = services.programme_save_rows(
            user=system_user, organisation=organisation, year=YEAR, rows=clean
        )
        created_total += created
    report(
        f"Demo-jaarprogramma's: {created_total} projecten toegevoegd"
        + (f"; niet gevonden: {', '.join(missing)}." if missing else ".")
    )
