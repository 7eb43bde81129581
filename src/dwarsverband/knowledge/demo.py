"""Demo knowledge: an example research report split into passages, and the roadmap
"Routekaart regionale samenwerking" after the 4th VNG Denktank 'Werkende samenwerking'.

All texts are example content written for this platform in our own words; the pages say so.
Practice stories are illustrations, not accounts of what these municipalities actually did.
Loading is idempotent and keeps edits: what exists is left alone.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from dwarsverband.common.registry import Report
from dwarsverband.knowledge.constants import AdviceRole, PublicationKind, SourceFormat
from dwarsverband.knowledge.models import (
    Advice,
    Passage,
    PracticeStory,
    Publication,
    Roadmap,
    Signpost,
)
from dwarsverband.knowledge.parsing import passages_from_file
from dwarsverband.knowledge.services import passages_create
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme

PUBLICATION_SLUG = "voorbeeld-samen-werken-aan-werk"
ROADMAP_SLUG = "routekaart-regionale-samenwerking"
CONTENT = Path(__file__).resolve().parent / "demo_content" / "samenwerken_arbeidsmarkt.md"
THEMES = ["regionale-arbeidsmarkt", "regionaal-samenwerken", "werk-en-inkomen"]

# title, summary, (story title, story text, organisation slugs), cited passage numbers,
# advice per role (mayor, alderman, council member, civil servant)
SIGNPOSTS: list[
    tuple[str, str, tuple[str, str, list[str]], list[str], tuple[str, str, str, str]]
] = [
    (
        "Begin bij de opgave, niet bij de structuur",
        "Zoek eerst samen uit welk arbeidsmarktvraagstuk alle partners willen oplossen. "
        "De vorm van de samenwerking volgt daarna.",
        (
            "Tekorten in de zorg als vertrekpunt",
            "In dit voorbeeld brachten gemeenten in een arbeidsmarktregio eerst zorgaanbieders, "
            "het UWV en het mbo bij elkaar rond één vraag: hoe vullen we de open vacatures in "
            "de zorg? Pas toen die vraag scherp was, spraken zij af wie welke rol nam.",
            ["gouda", "uwv"],
        ),
        ["3.1", "3.2"],
        (
            "Agendeer de opgave in het regionale burgemeestersoverleg en vraag partners wat "
            "zij als hun probleem zien, voordat er over structuren wordt gesproken.",
            "Formuleer samen met collega-wethouders en partners één of twee concrete opgaven "
            "voor de regio en verbind daar uw portefeuille aan.",
            "Vraag het college welke regionale opgave de samenwerking oplost en hoe de raad "
            "kan zien of dat lukt.",
            "Breng in kaart welke vraagstukken partners in de regio noemen en maak zichtbaar "
            "waar die elkaar overlappen.",
        ),
    ),
    (
        "Investeer in vertrouwen en ontmoeting",
        "Vertrouwen groeit door elkaar geregeld te zien, afspraken na te komen en de belangen "
        "van de ander serieus te nemen.",
        (
            "Vaste werkbezoeken bij elkaar",
            "Bestuurders en ambtenaren van de deelnemende gemeenten brachten in dit voorbeeld "
            "elk kwartaal een werkbezoek bij een van de partners. Daardoor leerden zij elkaars "
            "belangen kennen en werden lastige gesprekken later makkelijker.",
            ["gouda", "vng"],
        ),
        ["3.3", "3.4"],
        (
            "Neem de rol van verbinder: nodig partners op informele momenten uit en laat zien "
            "dat u ook de belangen van buurgemeenten meeweegt.",
            "Kom afspraken in de regio aantoonbaar na en wees open over wat uw gemeente wel "
            "en niet kan leveren.",
            "Ontmoet raadsleden uit buurgemeenten, bijvoorbeeld in een gezamenlijke "
            "raadsbijeenkomst, om begrip voor elkaars positie te krijgen.",
            "Leg uw contacten en werkwijze vast en betrek collega's, zodat de samenwerking "
            "niet afhangt van één persoon.",
        ),
    ),
    (
        "Maak een aantrekkelijke samenwerkingsagenda",
        "Een paar concrete doelen en snelle, zichtbare resultaten zetten mensen in beweging.",
        (
            "Eén banenmarkt voor de hele regio",
            "In dit voorbeeld organiseerden gemeenten, het UWV en werkgevers in het eerste "
            "jaar samen één regionale banenmarkt. Het succes daarvan gaf energie voor de "
            "lastigere afspraken over scholing.",
            ["uwv", "gouda"],
        ),
        ["3.5", "3.6"],
        (
            "Presenteer de agenda samen met partners en laat zien welke resultaten er binnen "
            "een jaar te verwachten zijn.",
            "Kies naast de lange termijn minstens één resultaat dat binnen een jaar zichtbaar "
            "is voor werkgevers en werkzoekenden.",
            "Vraag om een agenda met een paar meetbare doelen in plaats van een lange lijst "
            "met intenties.",
            "Vertaal de agenda naar vragen die werkgevers en werkzoekenden herkennen, zoals "
            "openstaande vacatures per sector.",
        ),
    ),
    (
        "Geef ieder een duidelijke rol",
        "Bestuurders, raadsleden en ambtenaren hebben elk een eigen bijdrage. Maak die expliciet.",
        (
            "Een burgemeester als verbinder",
            "In dit voorbeeld zat de burgemeester van de centrumgemeente het regionale overleg "
            "voor zonder een eigen portefeuille te verdedigen. De wethouders droegen de inhoud; "
            "zo bleef de voorzitter geloofwaardig als verbinder.",
            ["gouda"],
        ),
        ["4.1", "4.2", "4.5"],
        (
            "Sta boven de partijen: zit het regionale overleg voor als verbinder en laat de "
            "inhoud aan de portefeuillehouders.",
            "Draag de inhoudelijke portefeuille in de regio en leg daarover verantwoording af "
            "aan uw eigen raad.",
            "Spreek met het college af welke rol de raad heeft bij regionale besluiten en op "
            "welke momenten u wordt geïnformeerd.",
            "Vraag uw leidinggevende expliciet om ruimte om over de gemeentegrens heen te "
            "werken, ook als dat schuurt met lokale prioriteiten.",
        ),
    ),
    (
        "Betrek de gemeenteraad vroeg",
        "Raden die vroeg meedenken, geven richting in plaats van achteraf te tekenen.",
        (
            "Een gezamenlijke raadsbijeenkomst",
            "In dit voorbeeld kwamen de raden van vijf gemeenten in een arbeidsmarktregio "
            "samen voordat de regionale agenda werd opgesteld. Zij gaven drie prioriteiten "
            "mee, die later in alle raden werden vastgesteld.",
            ["gouda", "vng"],
        ),
        ["4.3", "4.4"],
        (
            "Stimuleer dat raden van de regio elkaar ontmoeten voordat er regionale besluiten "
            "liggen.",
            "Deel conceptplannen vroeg met de raad en vraag om richting, niet alleen om "
            "instemming achteraf.",
            "Neem het initiatief voor een gezamenlijke raadsbijeenkomst en spreek af hoe u "
            "informatie over de samenwerking krijgt.",
            "Maak voor de raad een korte, heldere stand van zaken van de samenwerking, met "
            "cijfers over de voortgang.",
        ),
    ),
    (
        "Regel besluitvorming, geld en resultaten helder",
        "Belangrijker dan de vorm is dat duidelijk is wie beslist, wie betaalt en hoe "
        "resultaten worden gevolgd.",
        (
            "Een lichte regeling met werkgroepen",
            "In dit voorbeeld kozen gemeenten voor een lichte formele basis met werkgroepen per "
            "opgave. Een jaarlijks overzicht met regionale cijfers over werk en inkomen liet "
            "zien wat de samenwerking opleverde.",
            ["gouda", "erasmus-universiteit-rotterdam"],
        ),
        ["5.1", "5.2", "5.3"],
        (
            "Zorg dat in het regionale overleg vastligt wie waarover beslist en hoe "
            "geschillen worden opgelost.",
            "Spreek een verdeelsleutel voor de kosten af en koppel die aan de resultaten die "
            "u samen wilt bereiken.",
            "Vraag om een paar meetbare indicatoren en een jaarlijkse rapportage over de "
            "resultaten van de samenwerking.",
            "Volg de afgesproken indicatoren met regionale cijfers en signaleer tijdig waar "
            "bijsturing nodig is.",
        ),
    ),
    (
        "Werk vanaf het begin met werkgevers, onderwijs en het UWV",
        "Werkgevers, het mbo en het UWV zijn partners vanaf de start, niet het sluitstuk.",
        (
            "Eén werkgeversservicepunt",
            "In dit voorbeeld bundelden het UWV en de gemeenten van een arbeidsmarktregio hun "
            "dienstverlening aan werkgevers in één servicepunt, met gedeelde informatie en één "
            "aanspreekpunt per werkgever.",
            ["uwv", "gouda"],
        ),
        ["6.1", "6.2", "6.3"],
        (
            "Nodig werkgevers en onderwijsbestuurders uit aan de regionale tafel voordat de "
            "plannen vastliggen.",
            "Maak met het UWV en het mbo afspraken over leerwerktrajecten in tekortberoepen.",
            "Vraag hoe werkgevers en onderwijs bij de regionale agenda zijn betrokken.",
            "Deel informatie met het UWV in het werkgeversservicepunt en zorg voor één "
            "aanspreekpunt per werkgever.",
        ),
    ),
]

ROLE_ORDER = [
    AdviceRole.MAYOR,
    AdviceRole.ALDERMAN,
    AdviceRole.COUNCIL_MEMBER,
    AdviceRole.CIVIL_SERVANT,
]


def _organisations(slugs: list[str]) -> list[Organisation]:
    return list(Organisation.objects.filter(slug__in=slugs))


def _publication(report: Report) -> Publication:
    publication = Publication.objects.filter(slug=PUBLICATION_SLUG).first()
    if publication is not None:
        return publication
    publication = Publication(
        slug=PUBLICATION_SLUG,
        title="Samen werken aan werk (voorbeeldrapport)",
        kind=PublicationKind.RESEARCH_REPORT,
        authors="Redactie Dwarsverband (voorbeeldinhoud)",
        published_on=datetime.date(2018, 6, 6),
        summary=(
            "Voorbeeldrapport over regionale samenwerking op arbeidsmarktvraagstukken: wat "
            "samenwerking laat werken, de rol van bestuurders, raden en ambtenaren, en de "
            "samenwerking met werkgevers, onderwijs en het UWV. Geschreven als voorbeeldinhoud "
            "in de geest van de 4e VNG Denktank 'Werkende samenwerking'."
        ),
        source_format=SourceFormat.MARKDOWN,
        is_example=True,
    )
    publication.full_clean(exclude=["file"])
    publication.save()
    publication.organisations.set(_organisations(["vng", "nsob", "erasmus-universiteit-rotterdam"]))
    publication.themes.set(Theme.objects.filter(slug__in=THEMES))
    passages_create(
        publication=publication,
        drafts=passages_from_file(CONTENT.read_bytes(), SourceFormat.MARKDOWN),
    )
    report(f"knowledge: publicatie met {publication.passages.count()} passages")
    return publication


def load(report: Report) -> None:
    publication = _publication(report)
    if Roadmap.objects.filter(slug=ROADMAP_SLUG).exists():
        return
    roadmap = Roadmap(
        slug=ROADMAP_SLUG,
        title="Routekaart regionale samenwerking",
        summary=(
            "Wegwijzers voor regionale samenwerking op arbeidsmarktvraagstukken, naar het "
            "voorbeeld van de handreiking van de 4e VNG Denktank 'Werkende samenwerking' onder "
            "voorzitterschap van de burgemeester van Gouda. Elke wegwijzer heeft een verhaal "
            "uit de praktijk, verwijzingen naar passages in het onderliggende rapport en advies "
            "voor burgemeesters, wethouders, raadsleden en ambtenaren."
        ),
        publication=publication,
        published_on=datetime.date(2018, 6, 6),
        is_example=True,
    )
    roadmap.full_clean()
    roadmap.save()
    roadmap.organisations.set(_organisations(["vng", "gouda"]))
    roadmap.themes.set(Theme.objects.filter(slug__in=THEMES))
    passages = {p.number: p for p in Passage.objects.filter(publication=publication)}
    for position, (title, summary, story, cited, advice) in enumerate(SIGNPOSTS, start=1):
        signpost = Signpost(roadmap=roadmap, position=position, title=title, summary=summary)
        signpost.full_clean()
        signpost.save()
        signpost.passages.set([passages[number] for number in cited if number in passages])
        story_title, story_text, story_organisations = story
        practice = PracticeStory(signpost=signpost, title=story_title, text=story_text)
        practice.full_clean()
        practice.save()
        practice.organisations.set(_organisations(story_organisations))
        for role, text in zip(ROLE_ORDER, advice, strict=True):
            item = Advice(signpost=signpost, role=role, text=text)
            item.full_clean()
            item.save()
    report(f"knowledge: routekaart met {len(SIGNPOSTS)} wegwijzers")
