from __future__ import annotations

import numpy as np
import pytest

from dwarsverband.matching.engine import explain, lexical
from dwarsverband.matching.engine.backends import HashingBackend, get_backend
from dwarsverband.matching.engine.neighbours import top_k
from dwarsverband.matching.engine.similarity import hybrid_neighbours
from dwarsverband.matching.engine.themes import suggest_themes

FINANCE = "Cursus over de financiën van woningcorporaties voor wethouders"
FINANCE_SYNONYM = "Leergang over het geld en de begroting van woningbouwverenigingen"
LABOUR = "Werkgevers en werkzoekenden in de regionale arbeidsmarkt koppelen"
RENOVATION = "Huurwoningen isoleren en energiezuinig renoveren"
INSULATION = "Sociale huurwoningen verduurzamen met isolatie en warmtepompen"


def test_dutch_synonyms_land_closer_than_unrelated_texts() -> None:
    vectors = get_backend("use").embed([FINANCE, FINANCE_SYNONYM, LABOUR])
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.1


def test_renovation_texts_find_each_other_first() -> None:
    texts = [FINANCE, RENOVATION, LABOUR, INSULATION]
    found = hybrid_neighbours(texts, get_backend("use").embed(texts), 1)
    assert found[1][0].index == 3
    assert found[3][0].index == 1


def test_use_vectors_are_normalised() -> None:
    vectors = get_backend("use").embed([FINANCE, LABOUR])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_stop_words_are_left_out_and_stems_are_shown_as_words() -> None:
    terms = lexical.terms(
        "De woningcorporaties en de gemeente maken afspraken over woningcorporaties"
    )
    assert "de" not in terms.surface.values()
    assert "woningcorporaties" in terms.surface.values()


def test_shared_terms_name_words_both_texts_contain() -> None:
    a = lexical.terms("Ouderen langer zelfstandig thuis laten wonen met woningaanpassingen")
    b = lexical.terms("Hoe blijven ouderen zelfstandig wonen in hun eigen huis?")
    shared = lexical.shared_terms(a, b)
    assert {"ouderen", "zelfstandig", "wonen"} <= set(shared)
    assert "hoe" not in shared


def test_top_k_is_exact_and_skips_itself() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    indices, scores = top_k(vectors, 5, block=64)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    expected = np.argsort(-sims, axis=1)[:, :5]
    assert (indices == expected).all()
    assert np.all(np.diff(scores, axis=1) <= 0)


@pytest.mark.parametrize("block", [128, 1024])
def test_top_k_with_groups_equals_brute_force_on_wide_blocks(block: int) -> None:
    """Wide enough for the chunked selection (n > k x CHUNK), odd size for a partial chunk."""
    rng = np.random.default_rng(11)
    n, k = 3001, 6
    vectors = rng.normal(size=(n, 24)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = rng.integers(40, size=n)
    sims = vectors @ vectors.T
    sims[groups[:, None] == groups[None, :]] = -np.inf  # own group, and so itself too
    expected = np.sort(sims, axis=1)[:, ::-1][:, :k]

    _indices, scores = top_k(vectors, k, groups=groups, block=block)
    assert np.allclose(scores, expected)
    one, one_scores = top_k(
        vectors, k, queries=vectors[17:18], query_rows=np.array([17]), groups=groups
    )
    assert np.allclose(one_scores[0], expected[17])
    assert not set(one[0]) & set(np.nonzero(groups == groups[17])[0])


def test_top_k_leaves_out_the_own_group() -> None:
    vectors = np.eye(4, dtype=np.float32) + 0.1
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    indices, _scores = top_k(vectors, 3, groups=np.array([1, 1, 2, 2]))
    assert set(indices[0]) - {-1} == {2, 3}
    assert indices[0, 2] == -1


def test_hashing_backend_needs_no_model_and_matches_shared_stems() -> None:
    vectors = HashingBackend().embed(
        [RENOVATION, "Energiezuinig renoveren van huurwoningen", LABOUR]
    )
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])


def _profile(
    pk: int, organisation: int, kind: str, domains: set[str], **extra: object
) -> explain.ProjectProfile:
    return explain.ProjectProfile(
        id=pk,
        organisation_id=organisation,
        kind=kind,
        text=str(extra.get("text", "")),
        themes=frozenset(extra.get("themes", set())),  # type: ignore[arg-type]
        domains=frozenset(domains),
        regions=frozenset(extra.get("regions", set())),  # type: ignore[arg-type]
    )


def test_offer_meeting_a_need_is_a_complement() -> None:
    offer = _profile(1, 1, "offer", {"housing"})
    need = _profile(2, 2, "need", {"housing"})
    assert explain.classify(offer, need) == (explain.COMPLEMENT, 1)


def test_different_domains_make_a_cross_table_link() -> None:
    housing = _profile(1, 1, "project", {"housing"}, themes={"Langer zelfstandig thuis"})
    care = _profile(2, 2, "project", {"social"}, themes={"Zorg en welzijn"})
    assert explain.classify(housing, care)[0] == explain.CROSS_TABLE


def test_same_labour_market_region_raises_the_score_and_is_named() -> None:
    region = explain.Region("AM13", "Midden-Utrecht", "labour_market")
    a = _profile(1, 1, "project", {"economy"}, regions={region}, text="werk in de regio")
    b = _profile(2, 2, "project", {"economy"}, regions={region}, text="werk voor jongeren")
    far = _profile(3, 3, "project", {"economy"}, text="werk voor jongeren")
    near, distant = explain.assess(a, b, 0.5), explain.assess(a, far, 0.5)
    assert near.score > distant.score
    assert near.shared_regions == [region]
    assert "werk" in near.shared_terms


def test_theme_suggestion_follows_the_closest_theme_text() -> None:
    backend = get_backend("use")
    themes = backend.embed(
        ["Energiezuinig renoveren: woningen verduurzamen", "Armoede en schulden voorkomen"]
    )
    project = backend.embed([INSULATION])[0]
    assert suggest_themes(project, themes, [], [])[0] == 0
