"""The Dutch lexical layer: tokens, stems without stop words, key terms and their overlap.

Stems come from the Snowball Dutch stemmer (PyStemmer); each stem is shown to people as the
word form that occurred most often: an explanation says "woningcorporaties", not the stem.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import Stemmer

WORD = re.compile(r"[^\W\d_](?:[\w'-]*[^\W_])?", re.UNICODE)
MIN_LENGTH = 3


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The Dutch stop words shipped with the engine, plus generic words of programme texts."""
    text = resources.files(__package__).joinpath("stopwords_nl.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def words(text: str) -> list[str]:
    """Lower-cased content words of a text, without stop words and very short words."""
    stops = stop_words()
    return [
        word
        for word in (match.group(0).lower() for match in WORD.finditer(text))
        if len(word) >= MIN_LENGTH and word not in stops
    ]


@dataclass(frozen=True)
class Terms:
    """The stems of one text with their counts and the word form shown for each stem."""

    counts: Counter[str]
    surface: dict[str, str]


def terms(text: str) -> Terms:
    found = words(text)
    stems = _stemmer().stemWords(found)
    counts: Counter[str] = Counter(stems)
    forms: dict[str, Counter[str]] = {}
    for stem, word in zip(stems, found, strict=True):
        forms.setdefault(stem, Counter())[word] += 1
    surface = {stem: counter.most_common(1)[0][0] for stem, counter in forms.items()}
    return Terms(counts=counts, surface=surface)


class TermWeights:
    """Inverse document frequencies of stems over a collection of texts."""

    def __init__(self, documents: Iterable[Terms]) -> None:
        frequency: Counter[str] = Counter()
        total = 0
        for document in documents:
            frequency.update(document.counts.keys())
            total += 1
        self.total = max(total, 1)
        self.frequency = frequency

    def idf(self, stem: str) -> float:
        return math.log((1 + self.total) / (1 + self.frequency.get(stem, 0))) + 1.0


def shared_terms(
    a: Terms, b: Terms, weights: TermWeights | None = None, limit: int = 6
) -> list[str]:
    """The key terms two texts share, most telling first (rare in the collection, frequent here)."""
    common = set(a.counts) & set(b.counts)

    def weight(stem: str) -> float:
        idf = weights.idf(stem) if weights else 1.0
        return idf * (a.counts[stem] + b.counts[stem])

    ranked = sorted(common, key=lambda stem: (-weight(stem), stem))
    return [a.surface[stem] for stem in ranked[:limit]]


def lexical_similarity(a: Terms, b: Terms, weights: TermWeights | None = None) -> float:
    """Cosine of the TF-IDF weighted stem vectors of two texts (0 to 1)."""
    if not a.counts or not b.counts:
        return 0.0

    def weighted(t: Terms) -> dict[str, float]:
        return {
            stem: (1 + math.log(count)) * (weights.idf(stem) if weights else 1.0)
            for stem, count in t.counts.items()
        }

    wa, wb = weighted(a), weighted(b)
    dot = sum(value * wb[stem] for stem, value in wa.items() if stem in wb)
    norm = math.sqrt(sum(v * v for v in wa.values())) * math.sqrt(sum(v * v for v in wb.values()))
    return dot / norm if norm else 0.0


def key_terms(
    items: Sequence[Terms], weights: TermWeights | None = None, limit: int = 5
) -> list[str]:
    """The most telling terms of a group of texts (for naming a table)."""
    total: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for item in items:
        for stem in item.counts:
            total[stem] += 1
            surface.setdefault(stem, item.surface[stem])
    scored = sorted(
        total,
        key=lambda stem: (-(total[stem] * (weights.idf(stem) if weights else 1.0)), stem),
    )
    return [surface[stem] for stem in scored if total[stem] > 1][:limit]
