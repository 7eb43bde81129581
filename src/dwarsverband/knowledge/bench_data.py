"""Data for `dwarsverband bench search`: generated passages and a Dutch query set with judgements.

Generated passages come from topics. Each topic has concepts, each concept a few Dutch word
forms (singular, plural, derived) that the generator mixes at random, as real texts do.
A passage generated from a topic is relevant (grade 2) to that topic's query; distractor
passages use one concept of a topic in another context and are not relevant. Queries about the
demo content are judged by hand against the demo publication and roadmap (keys below).
This query set is made by us for this benchmark; it is not an outside test collection.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from dwarsverband.knowledge.indexing import Document

# topic id, query, concepts (each a list of word forms), distractor context
TOPICS: list[tuple[str, str, list[list[str]], str]] = [
    (
        "jeugd",
        "werkloze jongeren",
        [["werkloze", "werkloos", "werklozen"], ["jongeren", "jongere"]],
        "sportclubs",
    ),
    (
        "corporatie",
        "woningcorporaties",
        [["woningcorporatie", "woningcorporaties"], ["huurwoningen", "huurwoning"]],
        "bouwbedrijven",
    ),
    (
        "schuld",
        "schulden jonge huishoudens",
        [["schulden", "schuld", "schuldhulp"], ["huishoudens", "huishouden"]],
        "energiekosten",
    ),
    (
        "binnenstad",
        "leegstand binnensteden",
        [["leegstand", "leegstaande"], ["binnenstad", "binnensteden"]],
        "kantoren",
    ),
    (
        "aardgas",
        "aardgasvrije wijk",
        [["aardgasvrij", "aardgasvrije"], ["wijken", "wijk"]],
        "nieuwbouw",
    ),
    (
        "mantelzorg",
        "mantelzorgers ondersteunen",
        [
            ["mantelzorger", "mantelzorgers", "mantelzorg"],
            ["ondersteuning", "ondersteunen", "ondersteunt"],
        ],
        "vrijwilligers",
    ),
    (
        "laaggeletterd",
        "laaggeletterdheid",
        [
            ["laaggeletterdheid", "laaggeletterden", "laaggeletterd"],
            ["taalcursus", "taalcursussen"],
        ],
        "bibliotheek",
    ),
    (
        "statushouder",
        "statushouders aan het werk",
        [["statushouder", "statushouders"], ["werk", "werken", "werkt"]],
        "huisvesting",
    ),
    (
        "bedrijventerrein",
        "verouderde bedrijventerreinen",
        [["bedrijventerrein", "bedrijventerreinen"], ["verouderd", "verouderde", "veroudering"]],
        "logistiek",
    ),
    (
        "techniek",
        "tekort aan technici",
        [["tekort", "tekorten"], ["technicus", "technici", "technische"]],
        "onderwijs",
    ),
    (
        "zorgpersoneel",
        "personeelstekort in de zorg",
        [["personeelstekort", "personeelstekorten"], ["zorg", "zorgsector"]],
        "kinderopvang",
    ),
    (
        "dakloos",
        "dakloze jongeren opvang",
        [["dakloze", "daklozen", "dakloos"], ["opvang", "opvangen"]],
        "wachtlijsten",
    ),
    (
        "isolatie",
        "huurwoningen isoleren",
        [["isoleren", "isolatie", "geïsoleerd"], ["woningen", "woning"]],
        "subsidies",
    ),
    (
        "ouderen",
        "ouderen langer thuis",
        [["ouderen", "oudere"], ["thuis", "thuiswonend", "thuiswonende"]],
        "mobiliteit",
    ),
    (
        "vergunning",
        "vergunningverlening omgevingswet",
        [["vergunningverlening", "vergunningen", "vergunning"], ["omgevingswet", "omgevingsplan"]],
        "participatie",
    ),
    (
        "zonnepanelen",
        "zonnepanelen op daken",
        [["zonnepaneel", "zonnepanelen"], ["daken", "dak"]],
        "windmolens",
    ),
    (
        "armoede",
        "kinderen in armoede",
        [["armoede", "arm", "arme"], ["kinderen", "kind"]],
        "schoolreisjes",
    ),
    (
        "fraude",
        "fraudebestrijding uitkeringen",
        [["fraude", "fraudebestrijding"], ["uitkering", "uitkeringen"]],
        "privacy",
    ),
    (
        "leerwerk",
        "leerwerkbanen voor jongeren",
        [["leerwerkbaan", "leerwerkbanen", "leerwerktraject"], ["jongere", "jongeren"]],
        "stages",
    ),
    (
        "werkgeversdienst",
        "werkgeversdienstverlening",
        [
            ["werkgeversdienstverlening", "werkgeversservicepunt", "werkgeversservicepunten"],
            ["vacature", "vacatures"],
        ],
        "bedrijfsbezoeken",
    ),
    (
        "wijkteam",
        "sociale wijkteams",
        [["wijkteam", "wijkteams"], ["sociaal", "sociale"]],
        "buurthuizen",
    ),
    (
        "eenzaam",
        "eenzaamheid bij ouderen",
        [["eenzaamheid", "eenzaam", "eenzame"], ["oudere", "ouderen"]],
        "buurtcentra",
    ),
    (
        "fiets",
        "fietspaden in de regio",
        [["fietspad", "fietspaden"], ["regio", "regionale", "regionaal"]],
        "parkeren",
    ),
    (
        "jeugdzorg",
        "wachtlijsten jeugdzorg",
        [["wachtlijst", "wachtlijsten"], ["jeugdzorg", "jeugdhulp"]],
        "ggz",
    ),
    (
        "winkel",
        "winkelgebieden versterken",
        [["winkelgebied", "winkelgebieden", "winkels"], ["versterken", "versterking", "versterkt"]],
        "markten",
    ),
    (
        "grondprijs",
        "grondprijzen en betaalbaarheid",
        [["grondprijs", "grondprijzen"], ["betaalbaarheid", "betaalbare", "betaalbaar"]],
        "hypotheken",
    ),
    (
        "klimaat",
        "klimaatadaptatie hittestress",
        [["klimaatadaptatie", "klimaatbestendig", "klimaatbestendige"], ["hittestress", "hitte"]],
        "riolering",
    ),
    (
        "inburgering",
        "inburgering nieuwkomers",
        [["inburgering", "inburgeren", "inburgeraars"], ["nieuwkomer", "nieuwkomers"]],
        "taalles",
    ),
]

# Queries about the demo content, judged by hand. Keys: "passage:<number>" of the demo
# publication, "signpost:<position>" of the demo roadmap, "roadmap", "publication",
# "organisation:<slug>", "theme:<slug>", and "<type>=<title>" for other documents.
# The first twelve were judged on the publication and roadmap (see also POOLED_JUDGEMENTS).
DEMO_QUERIES: list[tuple[str, dict[str, int]]] = [
    ("vertrouwen tussen bestuurders", {"passage:3.3": 2, "passage:3.4": 2, "signpost:2": 2}),
    (
        "gedeelde opgave",
        {
            "passage:3.1": 2,
            "passage:3.2": 2,
            "signpost:1": 2,
            "passage:7.1": 1,
        },
    ),
    (
        "raadsleden betrekken",
        {
            "passage:4.3": 2,
            "passage:4.4": 2,
            "signpost:5": 2,
        },
    ),
    (
        "gemeenteraad regionale besluiten",
        {
            "passage:4.3": 2,
            "passage:4.4": 2,
            "signpost:5": 2,
            "signpost:4": 1,
        },
    ),
    ("werkgeversservicepunt", {"passage:6.2": 2, "signpost:7": 2}),
    ("mbo leerwerktrajecten", {"passage:6.3": 2, "signpost:7": 2}),
    ("aantrekkelijke samenwerkingsagenda", {"passage:3.5": 2, "passage:3.6": 2, "signpost:3": 2}),
    ("burgemeester als verbinder", {"passage:4.2": 2, "signpost:4": 2, "passage:4.1": 1}),
    (
        "gemeenschappelijke regeling structuur",
        {
            "passage:5.1": 2,
            "signpost:6": 2,
            "passage:5.2": 1,
        },
    ),
    (
        "indicatoren resultaten volgen",
        {
            "passage:5.3": 2,
            "signpost:6": 2,
            "passage:5.2": 1,
        },
    ),
    (
        "ambtenaren netwerkvaardigheden",
        {
            "passage:4.6": 2,
            "passage:4.5": 1,
        },
    ),
    (
        "routekaart regionale samenwerking",
        {
            "roadmap": 2,
            "publication": 1,
            "passage:7.2": 2,
            "theme:regionaal-samenwerken": 1,
        },
    ),
    # Added with the projects, learning circles and agreements in the index; judged by reading
    # every demo document of those kinds (and the themes), before running any system on them.
    (
        "ouderen langer zelfstandig thuis laten wonen",
        {
            "project=Wonen en zorg voor ouderen": 2,
            "project=Leerkring langer zelfstandig thuis wonen": 2,
            "project=Ouderen langer thuis in Utrecht": 2,
            "project=Seniorenwoningen en levensloopbestendig verbouwen": 1,
            "project=Samen ouder worden in de wijk": 1,
            "community=Langer zelfstandig thuis": 2,
            "agreement=Wonen en zorg: experimenten Langer Thuis in de steden": 2,
            "agreement=Leerkring langer zelfstandig thuis wonen": 2,
            "theme:langer-zelfstandig-thuis": 2,
            "meeting=Bijeenkomst 1: Woonzorgvisie: waar staan we?": 1,
            "meeting=Bijeenkomst 2: Geschikt wonen in de bestaande voorraad": 1,
            "meeting=Bijeenkomst 3: Ontmoeting en zorg in de wijk": 1,
            "meeting=Bijeenkomst 4: Tussenvormen: hofjes en geclusterd wonen": 1,
            "meeting=Bijeenkomst 5: Oogst en vervolg": 1,
        },
    ),
    (
        "woningen isoleren",
        {
            "project=Ondersteuning verduurzaming gemeentelijk vastgoed en woningen": 2,
            "project=Experiment energiezuinige renovatie van huurwoningen": 1,
            "project=Verduurzaming portefeuille 2026": 2,
            "project=Huurders van het gas af": 2,
            "project=Woningen isoleren en verduurzamen": 2,
            "project=Energieprogramma Gouda: wijken van het aardgas": 2,
            "project=Duurzame woningvoorraad Utrecht": 2,
            "agreement=Energiezuinig renoveren van woningen": 1,
            "agreement=Verduurzaming en herinrichting van de straat tegelijk plannen": 2,
            "theme:energiezuinig-renoveren": 1,
        },
    ),
    (
        "leegstand in binnensteden",
        {
            "project=Vitale binnensteden": 2,
            "project=Pijler economie: sterke binnensteden": 2,
            "project=Binnenstad Gouda aantrekkelijk houden": 2,
            "agreement=Leergemeenschap Vitale binnensteden": 1,
            "theme:vitale-binnensteden": 1,
        },
    ),
    (
        "schulden en armoede aanpakken",
        {
            "project=Vroegsignalering huurachterstand": 2,
            "project=Schuldhulpverlening en armoedebestrijding": 2,
            "project=Wijkaanpak Rotterdam-Zuid": 1,
            "project=Wijkvernieuwing in kwetsbare wijken": 1,
            "theme:armoede-en-schulden": 2,
        },
    ),
    (
        "regionale cijfers over werk en inkomen",
        {
            "project=Data en regionale cijfers voor beleid": 2,
            "project=Regionale trends in werk en inkomen": 2,
            "project=Cijfers werk en uitkeringen per regio": 2,
            "project=Regionaal werkcentrum en arbeidsmarktinformatie": 1,
            "project=Dashboard stad in cijfers": 1,
            "project=Leren van data in de stad": 1,
            "passage:5.3": 1,
            "theme:data-en-beleid": 1,
        },
    ),
    (
        "financiën van woningcorporaties",
        {
            "project=Leergang financiën van woningcorporaties": 2,
            "project=Prestatieafspraken en financiële ruimte": 2,
            "agreement=Cursus financiën woningcorporaties": 2,
            "theme:woningcorporaties": 1,
        },
    ),
    (
        "gezamenlijke agenda van gemeente en corporaties",
        {
            "joint_agenda=Gezamenlijke agenda wonen in Utrecht (voorbeeld)": 2,
            "agreement=Samen een buurt schouwen en één wijkagenda maken": 1,
            "agreement=Verduurzaming en herinrichting van de straat tegelijk plannen": 1,
        },
    ),
    (
        "community of practice regionale netwerken",
        {
            "community=Slim samenwerken in regionale netwerken": 2,
            "meeting=Informatiebijeenkomst slim samenwerken in regionale netwerken": 2,
            "project=Community of practice slim samenwerken in regionale netwerken": 2,
            "organisation:erasmus-universiteit-rotterdam": 1,
        },
    ),
    (
        "wijkvernieuwing",
        {
            "project=Wijkvernieuwing in kwetsbare wijken": 2,
            "project=Evaluatie wijkaanpak": 2,
            "project=Wijkaanpak Rotterdam-Zuid": 1,
            "project=Nationaal Programma Rotterdam Zuid": 1,
            "agreement=Samen een buurt schouwen en één wijkagenda maken": 1,
            "theme:wijkvernieuwing": 2,
        },
    ),
    (
        "convenant G32 en Platform31",
        {
            "covenant=Samenwerken aan Aantrekkelijke en Krachtige Steden 2015–2018": 2,
            "agreement=Leergemeenschap Vitale binnensteden": 1,
            "agreement=Kennisprogramma Betaalbaarheid binnen het wonen": 1,
            "agreement=Wonen en zorg: experimenten Langer Thuis in de steden": 1,
            "organisation:g40-stedennetwerk": 1,
            "organisation:platform31": 1,
        },
    ),
]

# Judged by pooling when projects, learning circles and agreements entered the index: the
# documents of those kinds (and organisations) that any of the three systems placed in its top
# ten for one of the first twelve queries were judged by hand, as in TREC; pooled documents not
# listed here were judged not relevant.
POOLED_JUDGEMENTS: dict[str, dict[str, int]] = {
    "gedeelde opgave": {
        "joint_agenda=Gezamenlijke agenda wonen in Utrecht (voorbeeld)": 1,
    },
    "raadsleden betrekken": {
        "project=Regionale samenwerking Midden-Holland": 1,
        "project=Onderzoek regionale governance": 1,
    },
    "gemeenteraad regionale besluiten": {
        "project=Onderzoek regionale governance": 2,
        "project=Regionale samenwerking Midden-Holland": 2,
        "project=Leergang bestuurlijk samenwerken in de regio": 1,
    },
    "gemeenschappelijke regeling structuur": {
        "project=Onderzoek regionale governance": 1,
    },
    "indicatoren resultaten volgen": {
        "project=Leren van data in de stad": 1,
    },
    "ambtenaren netwerkvaardigheden": {
        "project=Community of practice slim samenwerken in regionale netwerken": 1,
    },
    "routekaart regionale samenwerking": {
        "project=Denktank Werkende Samenwerking": 1,
        "project=Regionale samenwerking Midden-Holland": 1,
        "project=Leergang bestuurlijk samenwerken in de regio": 1,
        "project=Onderzoek regionale governance": 1,
        "project=Community of practice slim samenwerken in regionale netwerken": 1,
        "community=Slim samenwerken in regionale netwerken": 1,
        "meeting=Informatiebijeenkomst slim samenwerken in regionale netwerken": 1,
        "organisation:vng-netwerk-regionaal-organiseren": 1,
        "organisation:platform-middelgrote-gemeenten": 1,
        "organisation:nsob": 1,
    },
}

PLACES = [
    "Zwolle", "Helmond", "Gouda", "Leeuwarden", "Deventer", "Emmen", "Venlo", "Zaanstad",
    "Almelo", "Delft", "Hengelo", "Roosendaal", "Lelystad", "Heerlen", "Vlaardingen",
]  # fmt: skip
FILLERS = [
    "De gemeente werkt hierin samen met partners in de regio.",
    "Het college wil de aanpak de komende jaren uitbreiden.",
    "Een evaluatie volgt na het eerste jaar.",
    "Wethouders uit de regio bespraken de eerste resultaten.",
    "Ook de provincie draagt bij aan de financiering.",
    "Inwoners werden via bijeenkomsten betrokken bij de plannen.",
    "De raad vroeg om een voortgangsrapportage.",
]
TEMPLATES = [
    "In {place} is een programma gestart rond {a} en {b}.",
    "{place} onderzoekt hoe {a} samenhangt met {b}.",
    "Volgens de projectleider in {place} vraagt {a} om aandacht voor {b}.",
    "De aanpak in {place} richt zich op {b} en {a}.",
    "Een werkgroep in {place} bracht {a} en {b} in kaart.",
]
DISTRACTOR_TEMPLATES = [
    "In {place} gaat het overleg over {context}; {a} kwam kort ter sprake.",
    "{place} maakt afspraken over {context} en noemt daarbij {a}.",
]


@dataclass(frozen=True)
class GeneratedPassage:
    key: str
    topic: str
    relevant: bool
    title: str
    body: str


def _passage(rng: random.Random, topic: tuple[str, str, list[list[str]], str], n: int) -> str:
    _topic_id, _query, concepts, _context = topic
    sentences = []
    for _ in range(2):
        template = rng.choice(TEMPLATES)
        sentences.append(
            template.format(
                place=rng.choice(PLACES), a=rng.choice(concepts[0]), b=rng.choice(concepts[1])
            )
        )
    sentences += rng.sample(FILLERS, 3)
    rng.shuffle(sentences)
    return " ".join(sentence[0].upper() + sentence[1:] for sentence in sentences)


def generate(
    count: int, *, seed: int = 5, relevant_per_topic: int | None = None
) -> Iterator[GeneratedPassage]:
    """`count` passages spread over the topics: two of every three on topic, one distractor."""
    rng = random.Random(seed)
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        topic_id, _query, concepts, context = topic
        round_number = n // len(TOPICS)
        is_distractor = round_number % 3 == 2
        if relevant_per_topic is not None and not is_distractor:
            on_topic_rounds = round_number - round_number // 3
            if on_topic_rounds >= relevant_per_topic:
                is_distractor = True
        if is_distractor:
            body = (
                rng.choice(DISTRACTOR_TEMPLATES).format(
                    place=rng.choice(PLACES),
                    context=context,
                    a=rng.choice(concepts[rng.randrange(2)]),
                )
                + " "
                + " ".join(rng.sample(FILLERS, 3))
            )
        else:
            body = _passage(rng, topic, n)
        yield GeneratedPassage(
            key=f"bench:{n}",
            topic=topic_id,
            relevant=not is_distractor,
            title=f"Benchmarkrapport {n // 50 + 1} – passage {n % 50 + 1}",
            body=body,
        )


def as_document(passage: GeneratedPassage, year: int) -> Document:
    return Document(
        doc_type="passage",
        object_id=passage.key.replace(":", "-"),
        title=passage.title,
        body=passage.body,
        url=f"/kennis/benchmark#{passage.key}",
        source=passage.key,
        year=year,
    )
