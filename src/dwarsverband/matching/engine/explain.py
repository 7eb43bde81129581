"""Why two projects of different organisations are a collaboration opportunity.

Pure data in, pure data out: the services turn an `Assessment` into a stored opportunity and
the pages into plain Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dwarsverband.matching.engine import lexical

OVERLAP = "overlap"
COMPLEMENT = "complement"
CROSS_TABLE = "cross_table"

OFFER = "offer"
NEED = "need"

# Regional proximity raises the score a little: close partners can work together in practice.
PROXIMITY_BONUS = {"labour_market": 0.05, "housing_market": 0.04, "province": 0.03, "corop": 0.03}
NETWORK_BONUS = 0.03
MAX_PROXIMITY_BONUS = 0.08


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class ProjectProfile:
    """What the engine needs to know of a project."""

    id: int
    organisation_id: int
    kind: str
    text: str
    themes: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    regions: frozenset[Region] = frozenset()
    networks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Assessment:
    kind: str
    score: float
    similarity: float
    shared_terms: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    shared_regions: list[Region] = field(default_factory=list)
    shared_networks: list[str] = field(default_factory=list)
    offer_id: int | None = None


def classify(a: ProjectProfile, b: ProjectProfile) -> tuple[str, int | None]:
    """overlap, complement (with the id of the offering project) or cross_table."""
    if {a.kind, b.kind} == {OFFER, NEED}:
        return COMPLEMENT, a.id if a.kind == OFFER else b.id
    if a.domains and b.domains and not (a.domains & b.domains) and not (a.themes & b.themes):
        return CROSS_TABLE, None
    return OVERLAP, None


def assess(
    a: ProjectProfile,
    b: ProjectProfile,
    similarity: float,
    *,
    terms_a: lexical.Terms | None = None,
    terms_b: lexical.Terms | None = None,
    weights: lexical.TermWeights | None = None,
) -> Assessment:
    kind, offer_id = classify(a, b)
    terms_a = terms_a or lexical.terms(a.text)
    terms_b = terms_b or lexical.terms(b.text)
    shared_regions = sorted(a.regions & b.regions, key=lambda r: (r.kind, r.name))
    shared_networks = sorted(a.networks & b.networks)
    bonus = sum(PROXIMITY_BONUS.get(region.kind, 0.0) for region in shared_regions)
    bonus += NETWORK_BONUS if shared_networks else 0.0
    return Assessment(
        kind=kind,
        score=similarity + min(bonus, MAX_PROXIMITY_BONUS),
        similarity=similarity,
        shared_terms=lexical.shared_terms(terms_a, terms_b, weights),
        shared_themes=sorted(a.themes & b.themes),
        shared_regions=shared_regions,
        shared_networks=shared_networks,
        offer_id=offer_id,
    )
