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
# "organisation:<slug>", "theme:<slug>".
DEMO_QUERIES: list[tuple[str, dict[str, int]]] = [
    ("vertrouwen tussen bestuurders", {"passage:3.3": 2, "passage:3.4": 2, "signpost:2": 2}),
    ("gedeelde opgave", {"passage:3.1": 2, "passage:3.2": 2, "signpost:1": 2, "passage:7.1": 1}),
    ("raadsleden betrekken", {"passage:4.3": 2, "passage:4.4": 2, "signpost:5": 2}),
    (
        "gemeenteraad regionale besluiten",
        {"passage:4.3": 2, "passage:4.4": 2, "signpost:5": 2, "signpost:4": 1},
    ),
    ("werkgeversservicepunt", {"passage:6.2": 2, "signpost:7": 2}),
    ("mbo leerwerktrajecten", {"passage:6.3": 2, "signpost:7": 2}),
    ("aantrekkelijke samenwerkingsagenda", {"passage:3.5": 2, "passage:3.6": 2, "signpost:3": 2}),
    ("burgemeester als verbinder", {"passage:4.2": 2, "signpost:4": 2, "passage:4.1": 1}),
    (
        "gemeenschappelijke regeling structuur",
        {"passage:5.1": 2, "signpost:6": 2, "passage:5.2": 1},
    ),
    ("indicatoren resultaten volgen", {"passage:5.3": 2, "signpost:6": 2, "passage:5.2": 1}),
    ("ambtenaren netwerkvaardigheden", {"passage:4.6": 2, "passage:4.5": 1}),
    (
        "routekaart regionale samenwerking",
        {"roadmap": 2, "publication": 1, "passage:7.2": 2, "theme:regionaal-samenwerken": 1},
    ),
]

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
