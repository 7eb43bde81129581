from __future__ import annotations

import pytest

from dwarsverband.regiodata.aggregation import (
    Figure,
    aggregate,
    divergences,
    to_current,
    year_on_year,
)
from dwarsverband.regiodata.constants import Aggregation


def test_counts_are_summed_and_missing_members_are_listed_not_zero() -> None:
    figure = aggregate(
        rule=Aggregation.SUM,
        members=["GM1", "GM2", "GM3"],
        values={"GM1": Figure(10.0), "GM2": Figure(None), "GM3": Figure(5.0)},
    )
    assert figure.value == 15.0
    assert figure.lacking == ("GM2",)
    assert figure.lacking_count == 1
    assert not figure.complete


def test_a_member_without_any_observation_counts_as_lacking() -> None:
    figure = aggregate(rule=Aggregation.SUM, members=["GM1", "GM2"], values={"GM1": Figure(3.0)})
    assert figure.value == 3.0 and figure.lacking == ("GM2",)


def test_sum_over_only_missing_values_is_missing_not_zero() -> None:
    figure = aggregate(rule=Aggregation.SUM, members=["GM1"], values={"GM1": Figure(None)})
    assert figure.value is None


def test_averages_are_weighted_by_their_base() -> None:
    figure = aggregate(
        rule=Aggregation.WEIGHTED_MEAN,
        members=["GM1", "GM2"],
        values={"GM1": Figure(40.0), "GM2": Figure(50.0)},
        weights={"GM1": Figure(300.0), "GM2": Figure(100.0)},
    )
    assert figure.value == pytest.approx(42.5)
    assert figure.complete


def test_weighted_mean_leaves_out_a_member_without_weight_and_says_so() -> None:
    figure = aggregate(
        rule=Aggregation.WEIGHTED_MEAN,
        members=["GM1", "GM2", "GM3"],
        values={"GM1": Figure(40.0), "GM2": Figure(50.0), "GM3": Figure(None)},
        weights={"GM1": Figure(1.0), "GM2": Figure(None), "GM3": Figure(5.0)},
    )
    assert figure.value == 40.0
    assert figure.lacking == ("GM2", "GM3")


def test_medians_are_not_aggregated() -> None:
    figure = aggregate(
        rule=Aggregation.NONE,
        members=["GM1", "GM2"],
        values={"GM1": Figure(1.0), "GM2": Figure(2.0)},
    )
    assert figure.value is None and not figure.aggregated


def test_provisional_member_makes_the_aggregate_provisional() -> None:
    figure = aggregate(
        rule=Aggregation.SUM,
        members=["GM1", "GM2"],
        values={"GM1": Figure(1.0, provisional=True), "GM2": Figure(2.0)},
    )
    assert figure.provisional


def test_merged_municipality_gets_the_sum_of_its_predecessors() -> None:
    changes = {"GM0017": "GM0014", "GM1987": "GM0014"}
    result = to_current(
        rule=Aggregation.SUM,
        values={
            "GM0014": Figure(100.0),
            "GM0017": Figure(10.0),
            "GM1987": Figure(5.0),
            "GM0363": Figure(7.0),
        },
        changes=changes,
    )
    assert result["GM0014"].value == 115.0
    assert result["GM0014"].recomputed_from == ("GM0014", "GM0017", "GM1987")
    assert result["GM0363"].value == 7.0 and not result["GM0363"].recomputed_from
    assert "GM0017" not in result


def test_merger_chains_are_followed_and_weighted_means_recomputed() -> None:
    changes = {"GMA": "GMB", "GMB": "GMC"}
    result = to_current(
        rule=Aggregation.WEIGHTED_MEAN,
        values={"GMA": Figure(10.0), "GMB": Figure(20.0)},
        changes=changes,
        weights={"GMA": Figure(1.0), "GMB": Figure(3.0)},
    )
    assert result["GMC"].value == pytest.approx(17.5)


def test_a_median_of_a_merged_municipality_is_missing_not_guessed() -> None:
    result = to_current(
        rule=Aggregation.NONE,
        values={"GMA": Figure(10.0), "GMB": Figure(20.0)},
        changes={"GMA": "GMB"},
    )
    assert result["GMB"].value is None
    assert result["GMB"].recomputed_from == ("GMA", "GMB")


def test_year_on_year_change_keeps_gaps_missing() -> None:
    changes = year_on_year([("2020", 100.0), ("2021", 110.0), ("2022", None), ("2023", 121.0)])
    assert changes[0].absolute == 10.0 and changes[0].relative == pytest.approx(10.0)
    assert changes[1].absolute is None and changes[2].absolute is None


def test_divergences_rank_furthest_from_reference_first() -> None:
    found = divergences(
        values={"A": 12.0, "B": 30.0, "C": None, "D": 18.0}, reference=20.0, limit=2
    )
    assert [item.code for item in found] == ["B", "A"]
    assert found[0].difference == 10.0
