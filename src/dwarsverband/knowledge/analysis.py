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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from django.utils.translation import gettext as _

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


@dataclass(frozen=True)
class QueryGroup:
    """The index terms that count as one query word.

    `exact`: the word's own term and those of its synonyms; `parts`: a compound's parts, which
    count only when too few texts hold the word itself ("huurwoningen" then finds texts about
    "woningen", ranked below texts with the whole compound, which hold both).
    """

    exact: tuple[str, ...]
    parts: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return self.exact + self.parts


Synonyms = dict[str, tuple[str, ...]]


def query_groups(query: str, synonyms: Synonyms | None = None) -> list[QueryGroup]:
    """For each distinct query word (at most MAX_QUERY_TERMS), the terms that count as it.

    `synonyms` maps a term to the terms of its synonyms (see `synonym_groups`)."""
    groups: dict[str, QueryGroup] = {}
    for word in words(query):
        if word in STOP_WORDS:
            continue
        whole, parts = word_terms(word)
        if whole not in groups:
            same = (synonyms or {}).get(whole, ())
            exact = (whole, *(term for term in same if term != whole))
            groups[whole] = QueryGroup(
                exact=exact, parts=tuple(part for part in parts if part not in exact)
            )
    return list(groups.values())[:MAX_QUERY_TERMS]


class SynonymError(ValueError):
    """A synonym group that cannot be used, with a message for the user."""


MAX_SYNONYMS = 10


def synonym_terms(text: str) -> dict[str, str]:
    """The index terms of a comma-separated group of words that mean the same in search,
    each with its word as entered (stripped).

    Raises SynonymError, naming the word, for an entry that is not one word, a stop word, a
    word the search already joins with another entry, or a group of fewer than two words.
    """
    entries = [entry.strip() for entry in text.split(",") if entry.strip()]
    found: dict[str, str] = {}
    for entry in entries:
        entry_words = words(entry)
        if len(entry_words) != 1:
            raise SynonymError(
                _(
                    "‘%(entry)s’ is geen los woord. Synoniemen werken per woord; "
                    "scheid ze met komma's."
                )
                % {"entry": entry}
            )
        word = entry_words[0]
        if word in STOP_WORDS:
            raise SynonymError(
                _("‘%(entry)s’ is een veelvoorkomend woord dat het zoeken overslaat.")
                % {"entry": entry}
            )
        term = word_terms(word)[0]
        if term in found:
            raise SynonymError(
                _("‘%(entry)s’ en ‘%(other)s’ vindt het zoeken al als hetzelfde woord.")
                % {"entry": entry, "other": found[term]}
            )
        found[term] = entry
    if len(found) < 2:
        raise SynonymError(_("Geef ten minste twee woorden, gescheiden door komma's."))
    if len(found) > MAX_SYNONYMS:
        raise SynonymError(
            _("Geef hooguit %(max)s woorden per groep; maak anders meer groepen.")
            % {"max": MAX_SYNONYMS}
        )
    return found


def synonym_groups(texts: Iterable[str]) -> Synonyms:
    """Each term with the terms it is a synonym of (unusable groups skipped). Groups that
    share a word are one group: "a, b" and "b, c" make a, b and c synonyms of each other."""
    merged: list[set[str]] = []
    for text in texts:
        try:
            group = set(synonym_terms(text))
        except SynonymError:
            continue
        for other in [other for other in merged if other & group]:
            group |= other
            merged.remove(other)
        merged.append(group)
    return {term: tuple(sorted(group - {term})) for group in merged for term in sorted(group)}


def synonym_overlap(text: str, others: Iterable[str]) -> tuple[str, str] | None:
    """The first word of `text` that already stands in one of the `others` groups, with that
    group; None if there is none (or `text` is unusable, which `synonym_terms` reports)."""
    try:
        entries = synonym_terms(text)
    except SynonymError:
        return None
    for other in others:
        try:
            theirs = synonym_terms(other)
        except SynonymError:
            continue
        for term, entry in entries.items():
            if term in theirs:
                return entry, other
    return None


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
