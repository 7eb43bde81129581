"""Dutch text analysis shared by indexing, querying and snippets on every database.

Text is split into words, lower-cased, stripped of Dutch stop words, reduced with the
Snowball Dutch stemmer (PyStemmer) and given one spelling for the vowel and consonant
alternations of Dutch inflection (`_spelling`). Irregular plurals are made singular first, and
a compound word adds the terms of its two parts (`compounds`), so that "woningen" finds
"huurwoningen", and an abbreviation what it stands for and the other way round (`synonyms`:
"Wmo" and "Wet maatschappelijke ondersteuning"). Those derived terms are indexed apart from the
text's own terms, with less weight, so that a text that says "woningen" ranks above one that
only says "huurwoningen". The same function prepares
documents and queries on SQLite and on PostgreSQL, so both backends match the same documents.

PostgreSQL 15's own `dutch` configuration uses the older Porter-style Dutch stemmer, which keeps
"woningcorporaties" and "woningcorporatie" apart; PyStemmer's current Dutch stemmer joins them.
That is why the text is stemmed here and PostgreSQL indexes the stems with the `simple`
configuration (no second stemming).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from dwarsverband.knowledge import compounds, verbs
from dwarsverband.knowledge.synonyms import ABBREVIATIONS

# The Snowball Dutch stop word list (as shipped with PostgreSQL's `dutch` configuration).
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere
    """.split()  # noqa: SIM905
)

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 500
MAX_QUERY_TERMS = 12
MIN_PART_TERM = 3


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer("dutch")
    stemmer.maxCacheSize = 50_000
    return stemmer


def _fold(word: str) -> str:
    """Lower case without diacritics, so "coördinatie" and "coordinatie" meet."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return [_fold(match) for match in WORD.findall(text)]


def stem(word: str) -> str:
    """One folded word's index term: Snowball Dutch stem, then `_spelling`."""
    return _spelling(str(_stemmer().stemWord(word)))


# A final -e after a consonant (adjectives: werkloze), final z/v (werklozen → werkloos), and
# a doubled vowel in the last syllable (daken → daak, paden → paad against dak, pad).
_FINAL_E = re.compile(r"(?<=[^aeiou])e$")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1(?=[^aeiou]*$)")


@lru_cache(maxsize=100_000)
def _spelling(stem: str) -> str:
    """Undo the spelling alternations of Dutch inflection that the stemmer leaves in place.

    The Snowball Dutch stemmer keeps pairs such as werkloze/werkloos, dak/daken and
    zonnepaneel/zonnepanelen apart: Dutch writes a long vowel double in a closed syllable and
    single in an open one, and a final s/f becomes z/v before a vowel. Stems are reduced to one
    spelling (single vowel, s, f, no final -e), the same for documents and queries.
    """
    if len(stem) > 3:
        stem = _FINAL_E.sub("", stem)
    if stem.endswith("z"):
        stem = stem[:-1] + "s"
    elif stem.endswith("v"):
        stem = stem[:-1] + "f"
    return _DOUBLE_VOWEL.sub(r"\1", stem)


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, tuple[str, ...]]:
    """One folded word's index term and the terms of its compound parts (none if not split).

    Irregular plurals become singular first ("raadsleden" is indexed as "raadslid"), past
    participles of strong verbs infinitive ("betrokken" as "betrekken", `verbs`); a compound
    adds its parts ("huurwoningen": "huurwoning" with "huur" and "woning"), so that a search for
    a part finds the compound.
    """
    whole = stem(compounds.singular(verbs.infinitive(word)))
    parts = compounds.split(word)
    if not parts:
        return whole, ()
    part_terms = tuple(dict.fromkeys(stem(compounds.singular(part)) for part in parts))
    if any(len(term) < MIN_PART_TERM or term in STOP_WORDS for term in part_terms):
        # A part the stemmer cuts short ("taal" → "tal", "oren" → "or") would meet unrelated
        # words; such a split is more likely wrong ("kantoren" is not "kant" + "oren").
        return whole, ()
    return whole, tuple(term for term in part_terms if term != whole)


def _plain_terms(text: str) -> tuple[list[str], list[str]]:
    """The words' own terms in order, and the terms of the compounds' parts."""
    wholes: list[str] = []
    parts: list[str] = []
    for word in words(text):
        if word in STOP_WORDS:
            continue
        whole, word_parts = word_terms(word)
        wholes.append(whole)
        parts += word_parts
    return wholes, parts


Phrase = tuple[str, ...]


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[dict[str, Phrase], dict[str, list[tuple[Phrase, str]]]]:
    """Each abbreviation's term with the terms of what it stands for, and those written-out
    forms (with the abbreviation's term) by their first term, to find them in a text."""
    expansions: dict[str, Phrase] = {}
    by_first: dict[str, list[tuple[Phrase, str]]] = {}
    for abbreviation, written_out in ABBREVIATIONS.items():
        phrase = tuple(_plain_terms(written_out)[0])
        expansions[stem(abbreviation)] = phrase
        by_first.setdefault(phrase[0], []).append((phrase, stem(abbreviation)))
    return expansions, by_first


def analyse(text: str) -> tuple[list[str], list[str]]:
    """The index terms of a text in two parts: the words' own terms (folded, stop words
    removed, stemmed, spelling unified), and the terms derived from them: each compound's
    parts, and for an abbreviation (Wmo) or what it stands for (Wet maatschappelijke
    ondersteuning) the terms of the other form. Derived terms make a text findable; they
    weigh less in ranking than the words the text itself uses."""
    wholes, derived = _plain_terms(text)
    expansions, by_first = _abbreviations()
    for index, term in enumerate(wholes):
        derived += expansions.get(term, ())
        for phrase, abbreviation in by_first.get(term, ()):
            if tuple(wholes[index : index + len(phrase)]) == phrase:
                derived.append(abbreviation)
    return wholes, derived


def terms(text: str) -> list[str]:
    """All index terms of a text: its own terms, then the derived ones (see `analyse`)."""
    own, derived = analyse(text)
    return own + derived


def index_text(text: str) -> str:
    return " ".join(terms(text))


def index_texts(text: str) -> tuple[str, str]:
    """A text's own terms and its derived terms, each as the space-separated text indexed."""
    own, derived = analyse(text)
    return " ".join(own), " ".join(derived)


def query_groups(query: str) -> list[list[str]]:
    """For each distinct query word (at most MAX_QUERY_TERMS), the index terms that count as
    that word: its own term, and for a compound also its parts, so that "huurwoningen" finds
    texts about "woningen" (ranked below texts with the whole compound, which hold both)."""
    groups: dict[str, list[str]] = {}
    for word in words(query):
        if word in STOP_WORDS:
            continue
        whole, parts = word_terms(word)
        if whole not in groups:
            groups[whole] = [whole, *parts]
    return list(groups.values())[:MAX_QUERY_TERMS]


@dataclass(frozen=True)
class Snippet:
    html: str
    matched: bool


def snippet(text: str, stems: list[str], *, width: int = 32) -> Snippet:
    """A window of about `width` words with the most query matches, matches in <mark>.

    Returns escaped HTML: only the <mark> elements are markup.
    """
    wanted = set(stems)
    tokens = text.split()
    if not tokens:
        return Snippet(html="", matched=False)
    hits = [index for index, token in enumerate(tokens) if wanted & _token_terms(token)]
    start = 0
    if hits:
        best = max(
            range(len(hits)),
            key=lambda i: (sum(1 for h in hits[i:] if h < hits[i] + width), -i),
        )
        start = max(0, hits[best] - 6)
    end = min(len(tokens), start + width)
    hit_set = set(hits)
    parts = []
    for index in range(start, end):
        word = tokens[index]
        parts.append(_mark(word) if index in hit_set else html.escape(word))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return Snippet(html=prefix + " ".join(parts) + suffix, matched=bool(hits))


@lru_cache(maxsize=100_000)
def _token_terms(token: str) -> frozenset[str]:
    """The index terms of one whitespace-separated token (cached: snippets see the same words)."""
    return frozenset(terms(token))


def _mark(token: str) -> str:
    match = re.match(r"^(\W*)(.*?)(\W*)$", token, re.UNICODE | re.DOTALL)
    if not match:
        return f"<mark>{html.escape(token)}</mark>"
    lead, core, trail = match.groups()
    return f"{html.escape(lead)}<mark>{html.escape(core)}</mark>{html.escape(trail)}"
