"""Past participles of Dutch strong and irregular verbs, made infinitive before stemming.

The Snowball Dutch stemmer leaves the prefix ge- and the changed vowel of a strong verb in
place, so "betrokken" never met "betrekken", nor "onderzocht" "onderzoeken" or "bijgedragen"
"bijdragen". A participle on this list is replaced by its infinitive, with its prefixes:
- ge + participle: gevonden → vinden, and a separable prefix before it: aangeboden →
  aanbieden, bijgedragen → bijdragen, tekortgeschoten → tekortschieten;
- an inseparable prefix + participle: betrokken → betrekken, onderzocht → onderzoeken,
  verloren → verliezen.
The result must be a Dutch word in `wordfreq`'s list, and a participle without any prefix is
left alone ("wezen", "boden" are nouns too).

Only participles are listed, not past tenses: those are nouns or other words too often ("bond",
"dreef", "reden", "won"). Verbs whose participles are also frequent nouns are left out:
slaan (verslagen: reports), vallen (gevallen: cases), lijden (geleden: ago), rijden (reden).
"""

from __future__ import annotations

from functools import lru_cache

from dwarsverband.knowledge import compounds

# participle without ge- → infinitive; the ge- and any prefix before it are added back.
PARTICIPLES = {
    "bleken": "blijken",
    "bleven": "blijven",
    "boden": "bieden",
    "bonden": "binden",
    "bracht": "brengen",
    "broken": "breken",
    "dacht": "denken",
    "daan": "doen",
    "dragen": "dragen",
    "dwongen": "dwingen",
    "gaan": "gaan",
    "geven": "geven",
    "gonnen": "ginnen",
    "grepen": "grijpen",
    "heven": "heffen",
    "holpen": "helpen",
    "houden": "houden",
    "keken": "kijken",
    "kocht": "kopen",
    "komen": "komen",
    "kozen": "kiezen",
    "kregen": "krijgen",
    "laten": "laten",
    "legen": "liggen",
    "leken": "lijken",
    "lezen": "lezen",
    "lopen": "lopen",
    "loren": "liezen",
    "meden": "mijden",
    "meten": "meten",
    "nomen": "nemen",
    "roepen": "roepen",
    "schoten": "schieten",
    "schoven": "schuiven",
    "schreven": "schrijven",
    "sloten": "sluiten",
    "sproken": "spreken",
    "staan": "staan",
    "stegen": "stijgen",
    "stoken": "steken",
    "streden": "strijden",
    "treden": "treden",
    "troffen": "treffen",
    "trokken": "trekken",
    "vangen": "vangen",
    "vonden": "vinden",
    "wezen": "wijzen",
    "wogen": "wegen",
    "wonnen": "winnen",
    "worpen": "werpen",
    "worven": "werven",
    "zien": "zien",
    "zocht": "zoeken",
}
# Prefixes that take no ge- in the participle (onderzocht, overwogen, herschreven).
INSEPARABLE = ("be", "ver", "ont", "her", "er", "onder", "over", "door", "mis", "vol", "om")
# Participles left alone: "aangezien" (since) is a conjunction, "vergezocht" (far-fetched) is
# no form of "verzoeken"; the others would meet a common word that the stemmer already joins
# with their infinitive: onderwerp (topic), gebied (area), wijziging, gebrek, weg (road),
# uitstekend (excellent).
NOT_PARTICIPLES = frozenset(
    {
        "aangezien",
        "vergezocht",
        "onderworpen",
        "geboden",
        "gewezen",
        "gebroken",
        "gewogen",
        "uitgestoken",
    }
)
# Endings of a participle used as an adjective or noun: de onderzochte gemeenten, betrokkenen.
INFLECTIONS = ("en", "e")
_LONGEST_FIRST = sorted(PARTICIPLES, key=len, reverse=True)


@lru_cache(maxsize=200_000)
def infinitive(word: str) -> str:
    """The infinitive of a folded, lower-case past participle on the list; else the word."""
    found = _participle(word)
    if found != word:
        return found
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) > len(ending) + 3:
            base = word[: -len(ending)]
            found = _participle(base)
            if found != base:
                return found
    return word


def _participle(word: str) -> str:
    if word in NOT_PARTICIPLES:
        return word
    for participle in _LONGEST_FIRST:
        if not word.endswith(participle) or len(word) == len(participle):
            continue
        prefix = word[: -len(participle)]
        prefixes = [prefix] if prefix in INSEPARABLE else []
        if prefix.endswith("ge"):
            # gevonden, aangeboden; but vergeleken is verge + leken (vergelijken)
            prefixes.insert(0, prefix[:-2])
            prefixes.append(prefix)
        for option in prefixes:  # "inkomen" has none: it is no participle of "komen"
            candidate = option + PARTICIPLES[participle]
            if compounds.frequency(candidate) >= compounds.MIN_PART_FREQUENCY:
                return candidate
        return word
    return word
