"""Dutch compounds and irregular plurals, so that "huurwoningen" also finds "woningen".

Dutch writes compounds as one word (huurwoning, werkgeversdienstverlening), which a stemmer
leaves whole: a search for "woningen" would miss a text about "huurwoningen". A compound is
split in two at the point where both parts are known Dutch words, following Koehn and Knight
("Empirical methods for compound splitting", 2003): of the splits whose parts are both words,
the one with the highest geometric mean of the parts' frequencies wins, and only if that mean
beats the frequency of the whole word. Word frequencies come from the `wordfreq` package
(its large Dutch list, shipped inside the package, CC BY-SA 4.0; nothing is downloaded).

Guards against splits that change the meaning:

- both parts have at least MIN_PART letters, and are common enough (MIN_PART_FREQUENCY), so that
  rare strings and names in the word list are not taken for words;
- a common word stays whole (LEXICALISED_FREQUENCY): "werkgever" is not "werk" + "gever", and
  "samenwerking" is not split either;
- adverbs and particles that start separable verbs (samen, binnen, over, ...) and derivational
  endings (-heid, -loos, -baar, ...) are never a part;
- place names stay whole ("Ridderkerk" is not about a church): the words of the names of
  municipalities, provinces, COROP areas and labour-market regions in the shipped reference
  data (`dwarsverband/data/gemeenten_2025.csv`, CBS);
- a linking "s", "e" or "en" between the parts is dropped from the first part
  (werkgever|s|dienstverlening, zonn|e|panelen).

Irregular plurals that the stemmer cannot join with their singular (raadsleden/raadslid,
binnensteden/binnenstad, kinderen/kind) are replaced by the singular first.
"""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from importlib import resources

MIN_PART = 4
MIN_PART_FREQUENCY = 3e-7  # about 0.3 per million words (Zipf 2.5)
LEXICALISED_FREQUENCY = 10**-4.8  # Zipf 4.2: common words such as "werkgever" stay whole
LINKS = ("s", "e", "en")

NEVER_A_PART = frozenset(
    """
    samen binnen buiten boven beneden achter onder over door tegen voor mede weer terug
    vooruit naar langs rond heen mee toe
    heid heden loos loze baar bare achtig achtige lijk lijke schap schappen matig matige
    waardig waardige zaam zame
    """.split()  # noqa: SIM905
)

# Plurals whose stem differs from the singular's (vowel change, -eren, Latin -ici), also as
# the last part of a compound: raadsleden → raadslid, binnensteden → binnenstad.
IRREGULAR_PLURALS = {
    "leden": "lid",
    "steden": "stad",
    "schepen": "schip",
    "kinderen": "kind",
    "eieren": "ei",
    "bladeren": "blad",
    "volkeren": "volk",
    "kalveren": "kalf",
    "liederen": "lied",
    "gelegenheden": "gelegenheid",
}
LATIN_PLURAL = ("ici", "icus")  # technici → technicus, politici → politicus


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Word frequencies of general Dutch (`wordfreq`'s large list), by lower-case word."""
    import wordfreq

    return dict(wordfreq.get_frequency_dict("nl", wordlist="large"))


def frequency(word: str) -> float:
    """How often a folded, lower-case word occurs in general Dutch (wordfreq), 0 if unknown."""
    return frequencies().get(word, 0.0)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    from dwarsverband.knowledge.analysis import words  # analysis imports this module

    text = resources.files("dwarsverband.data").joinpath("gemeenten_2025.csv").read_text("utf-8")
    columns = ("gemeentenaam", "provincie_naam", "corop_naam", "arbeidsmarktregio_naam")
    found: set[str] = set()
    for row in csv.DictReader(text.splitlines()):
        for column in columns:
            found.update(words(row[column]))
    return frozenset(found)


def _part_frequency(word: str) -> float:
    if len(word) < MIN_PART or word in NEVER_A_PART:
        return 0.0
    frequency = frequencies().get(word, 0.0)
    return frequency if frequency >= MIN_PART_FREQUENCY else 0.0


@lru_cache(maxsize=200_000)
def split(word: str) -> tuple[str, str] | None:
    """The two parts of a folded, lower-case compound word, or None when it stays whole."""
    if len(word) < 2 * MIN_PART or word in _place_words():
        return None
    whole = frequencies().get(word, 0.0)
    if whole >= LEXICALISED_FREQUENCY:
        return None
    best_score, best = whole, None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[cut:]
        head_frequency = _part_frequency(head)
        if not head_frequency:
            continue
        first = word[:cut]
        for modifier in {first} | {first[: -len(link)] for link in LINKS if first.endswith(link)}:
            modifier_frequency = _part_frequency(modifier)
            if not modifier_frequency:
                continue
            score = math.sqrt(modifier_frequency * head_frequency)
            if score > best_score:
                best_score, best = score, (modifier, head)
    return best


def singular(word: str) -> str:
    """The word with an irregular plural (alone or as a compound's last part) made singular."""
    for plural, single in IRREGULAR_PLURALS.items():
        if word.endswith(plural) and (
            len(word) == len(plural) or len(word) - len(plural) >= MIN_PART
        ):
            return word[: -len(plural)] + single
    plural, single = LATIN_PLURAL
    if word.endswith(plural) and len(word) >= 6:
        return word[: -len(plural)] + single
    return word
