"""Signposts: diagnosticity on a three-scenario toy example, and sightings under the clocks."""

from __future__ import annotations

from datetime import date

import pytest

from scenarios.analysis.signposts import (
    Sighting,
    diagnosticity,
    pairs_told_apart,
    stance,
    status,
)
from scenarios.model import Dataset, Observation, Period, Programme, Signpost

SCENARIOS = ("g2", "yalta", "quo")


@pytest.mark.parametrize(
    ("points_to", "against", "apart", "value"),
    [
        # expected by every scenario: every pair agrees, it tells nothing
        (("g2", "yalta", "quo"), (), 0, 0.0),
        # expected by one, silent on two: g2|yalta and g2|quo differ, yalta|quo agree
        (("g2",), (), 2, 2 / 3),
        # for g2, against yalta, silent on quo: +1, -1, 0 differ pairwise, all 3 pairs
        (("g2",), ("yalta",), 3, 1.0),
        # expected by two, against the third: only the two that expect it agree
        (("g2", "yalta"), ("quo",), 2, 2 / 3),
        # against one only: as "expected by one", 2 of 3
        ((), ("quo",), 2, 2 / 3),
    ],
)
def test_diagnosticity_on_three_scenarios_by_hand(
    points_to: tuple[str, ...], against: tuple[str, ...], apart: int, value: float
) -> None:
    sign = Signpost("s", "something", points_to, against)
    stances = [stance(sign, s) for s in SCENARIOS]
    assert pairs_told_apart(stances) == (apart, 3)
    assert diagnosticity(stances) == pytest.approx(value)


def test_diagnosticity_needs_two_scenarios() -> None:
    assert diagnosticity([1]) is None
    assert diagnosticity([]) is None
    assert diagnosticity([1, 0]) == 1.0  # the one pair is told apart


def test_stance_is_plus_minus_or_silent() -> None:
    sign = Signpost("s", "x", ("g2",), ("quo",))
    assert [stance(sign, s) for s in SCENARIOS] == [1, 0, -1]


def _observed(*observations: Observation) -> tuple[Dataset, Signpost]:
    sign = Signpost("s", "x", ("g2",), observations=observations)
    ds = Dataset(
        (),
        (),
        programmes=(Programme("prog", "A programme", date(2025, 12, 7)),),
        signposts=(sign,),
    )
    return ds, sign


def test_an_observation_counts_once_it_has_certainly_happened() -> None:
    monthly = Observation("some day in October", Period.parse("2025-10"), speaker="anna")
    ds, sign = _observed(monthly)
    assert status(ds, sign, date(2025, 9, 30)).sighting is Sighting.NOT_YET
    inside = status(ds, sign, date(2025, 10, 15))
    assert (inside.sighting, inside.latest, inside.counted) == (Sighting.POSSIBLE, monthly, 0)
    seen = status(ds, sign, date(2025, 10, 31))
    assert (seen.sighting, seen.latest, seen.counted) == (Sighting.OBSERVED, monthly, 1)
    assert status(ds, sign).sighting is Sighting.OBSERVED  # no --as-of: ever


def test_the_latest_observation_is_the_last_certain_one() -> None:
    first = Observation("first", Period.parse("2025-12-02"), speaker="anna")
    aired = Observation("undated, from the programme", programme="prog")  # counts from 7 Dec
    later = Observation("later", Period.parse("2025-12-05"), speaker="anna")
    ds, sign = _observed(first, aired, later)
    assert status(ds, sign, date(2025, 12, 4)).latest == first
    assert status(ds, sign, date(2025, 12, 6)).latest == later
    on_air = status(ds, sign, date(2025, 12, 7))
    assert (on_air.latest, on_air.counted) == (aired, 3)
