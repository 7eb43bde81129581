"""The shipped matching evaluation set and the ranking metrics of the quality benchmark."""

from __future__ import annotations

from pathlib import Path

import pytest

from dwarsverband.matching.evaluation import (
    average_precision,
    evaluate,
    load_cross_pairs,
    load_projects,
    precision_at_k,
    rank_of,
)


def test_evaluation_set_is_large_varied_and_unlabelled_in_the_text() -> None:
    projects = load_projects()
    assert len(projects) >= 200
    themes = {p.theme for p in projects}
    assert len(themes) >= 10
    assert len({p.id for p in projects}) == len(projects)
    assert len({p.text for p in projects}) == len(projects)
    for theme in themes:
        assert sum(p.theme == theme for p in projects) >= 10
    naming = [p for p in projects if p.theme.lower() in p.text.lower()]
    assert len(naming) < len(projects) / 10
    assert all(p.text.strip() for p in projects)


def test_cross_pairs_link_existing_projects_of_different_themes() -> None:
    projects = {p.id: p for p in load_projects()}
    pairs = load_cross_pairs()
    assert len(pairs) >= 10
    for pair in pairs:
        assert pair.a in projects and pair.b in projects
        assert projects[pair.a].theme != projects[pair.b].theme


def test_precision_and_average_precision_on_a_hand_made_ranking() -> None:
    flags = [True, False, True, False, False, True]
    assert precision_at_k(flags, 5) == pytest.approx(2 / 5)
    assert precision_at_k(flags, 2) == pytest.approx(1 / 2)
    # relevant at positions 1, 3 and 6: (1/1 + 2/3 + 3/6) / 3
    assert average_precision(flags) == pytest.approx((1 + 2 / 3 + 1 / 2) / 3)
    # a fourth relevant item that was never ranked counts as zero
    assert average_precision(flags, 4) == pytest.approx((1 + 2 / 3 + 1 / 2) / 4)
    assert average_precision([False, False]) == 0.0
    with pytest.raises(ValueError):
        precision_at_k(flags, 0)


def test_rank_of_and_evaluate() -> None:
    assert rank_of([4, 2, 7], 2) == 2
    assert rank_of([4, 2, 7], 9) == 4
    themes = ["a", "a", "b", "b"]
    rankings = [[1, 2, 3], [2, 0, 3], [3, 0, 1], [0, 1, 2]]
    scores = evaluate(rankings, themes, [(0, 2)], k=1)
    assert scores.precision_at_k == pytest.approx(2 / 4)
    # average precisions per query: 1, 1/2, 1, 1/3
    assert scores.mean_average_precision == pytest.approx((1 + 1 / 2 + 1 + 1 / 3) / 4)
    # partner 2 is 2nd for query 0, partner 0 is 2nd for query 2
    assert scores.cross_pair_mean_rank == pytest.approx(2.0)


def test_quality_benchmark_runs_on_an_outside_labelled_csv(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    rows = [
        ("Meer huurwoningen bouwen voor starters", "Housing"),
        ("Sociale huurwoningen en wachtlijsten voor woningzoekenden", "Housing"),
        ("Nieuwe woningen in de binnenstad voor jongeren", "Housing"),
        ("Banen voor mensen met een uitkering", "Labor"),
        ("Werkgevers zoeken personeel voor vacatures", "Labor"),
        ("Minimumloon omhoog voor werkenden", "Labor"),
        ("Geen onderwerp in deze zin", "None"),
    ]
    path = tmp_path / "gelabeld.csv"
    path.write_text(
        "text;gold_topic_key\n".replace(";", ",")
        + "".join(f'"{text}",{label}\n' for text, label in rows),
        encoding="utf-8",
    )
    out = StringIO()
    call_command(
        "bench_matching_quality",
        backend="hashing",
        extern=str(path),
        zonder_label=["None"],
        stdout=out,
    )
    assert "Evaluatieset: 6 teksten, 2 thema's" in out.getvalue()
    assert "MAP engine / baseline:" in out.getvalue()
    with pytest.raises(CommandError, match="geen kolommen"):
        call_command("bench_matching_quality", extern=str(path), labelkolom="topic", stdout=out)
