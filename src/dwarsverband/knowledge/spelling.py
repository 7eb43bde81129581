"""Spelling suggestions for search words that match nothing: "participatewet" → "participatiewet".

Candidates are Dutch words from `wordfreq`'s list (the one the compound splitter uses) within a
small edit distance of the typed word (Levenshtein, `rapidfuzz`): one edit for words of up to
five letters, two for longer ones. Only the closest are offered, the most common first. Whether
a candidate occurs on the platform is for the search service to check, with the visitor's
permissions, so a suggestion never reveals a word from a text the visitor may not read.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from dwarsverband.knowledge import compounds

MIN_FREQUENCY = 1e-7  # about one in ten million words: rarer entries are mostly typos themselves
MIN_LENGTH = 3
SHORT_WORD = 5  # up to this length one edit, beyond it two
KNOWN_FREQUENCY = 1e-6  # Zipf 3, one in a million words: such a word is meant, not misspelt


@lru_cache(maxsize=1)
def _dictionary() -> tuple[list[str], dict[str, float]]:
    frequencies = compounds.frequencies()
    known = [
        word
        for word, frequency in frequencies.items()
        if frequency >= MIN_FREQUENCY and len(word) >= MIN_LENGTH and word.isalpha()
    ]
    return known, frequencies


def is_known(word: str) -> bool:
    """Whether a folded, lower-case word is common enough in Dutch to be taken as meant."""
    return compounds.frequency(word) >= KNOWN_FREQUENCY


def candidates(word: str, limit: int = 10) -> list[str]:
    """Known Dutch words close to a folded, lower-case word, best first; not the word itself."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return []
    known, frequencies = _dictionary()
    distance = 1 if len(word) <= SHORT_WORD else 2
    found = process.extract(
        word,
        known,
        scorer=Levenshtein.distance,
        score_cutoff=distance,
        limit=None,
    )
    ranked = sorted(
        (edits, -frequencies.get(candidate, 0.0), candidate)
        for candidate, edits, _index in found
        if candidate != word
    )
    if not ranked:
        return []
    # Only the closest: "jeugdzrg" meant "jeugdzorg", even where only "jeugdig" occurs.
    closest = [candidate for edits, _f, candidate in ranked if edits == ranked[0][0]]
    return closest[:limit]
