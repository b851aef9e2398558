"""Signposts as evidence for and against scenarios: how diagnostic each is, and whether seen.

This is the logic of analysis of competing hypotheses (docs/signposts.md), on the scenarios
as the hypotheses. Over the N scenarios considered, a signpost's **stance** towards each is +1
(it `points_to` the scenario: the scenario expects it), -1 (`against`: it would count against
the scenario) or 0 (silent). Its **diagnosticity** is the share of scenario pairs whose
stances differ, the pairs it tells apart:

    diagnosticity = #{pairs {A, B} : stance(A) != stance(B)} / (N (N - 1) / 2)

A signpost every scenario expects tells nothing (0); one that one scenario of three expects and
the other two are silent on tells apart 2 of the 3 pairs (2/3); one for A, against B and silent
on C tells apart all three (1). With fewer than two scenarios nothing can be told apart and the
diagnosticity is None.

An observation of a signpost counts on a day D once it has certainly happened (the `--as-of`
rule of links, `Dataset.happened`: the last day of its date's start part, or the earlier day it
was reported; an observation given no date of its own counts from its programme's date, by
which it had happened); one whose date has begun by D without being certain is only
*possible*. The `--known-by` clock is applied to the dataset before (`Dataset.as_known_by`).
Pure: no I/O.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from scenarios.model import Dataset, Observation, Signpost


class Sighting(StrEnum):
    """Whether a signpost has been seen by a day."""

    OBSERVED = "observed"  # an observation counts on that day
    POSSIBLE = "possible"  # none counts, but one may have happened by then (date imprecise)
    NOT_YET = "not_yet"


def stance(sign: Signpost, scenario: str) -> int:
    """+1 if the signpost points to the scenario, -1 if it counts against it, 0 if silent."""
    if scenario in sign.points_to:
        return 1
    return -1 if scenario in sign.against else 0


def diagnosticity(stances: Sequence[int]) -> float | None:
    """The share of pairs of scenarios whose stances differ (None below two scenarios).

    >>> diagnosticity([1, 1, 1]), diagnosticity([1, 0, 0]), diagnosticity([1, -1, 0])
    (0.0, 0.6666666666666666, 1.0)
    """
    n = len(stances)
    if n < 2:
        return None
    apart = sum(1 for a, b in itertools.combinations(stances, 2) if a != b)
    return apart / (n * (n - 1) / 2)


def pairs_told_apart(stances: Sequence[int]) -> tuple[int, int]:
    """(pairs whose stances differ, all pairs): the numbers behind `diagnosticity`."""
    n = len(stances)
    apart = sum(1 for a, b in itertools.combinations(stances, 2) if a != b)
    return apart, n * (n - 1) // 2


@dataclass(frozen=True, slots=True)
class SignpostStatus:
    """What a dataset's observations say about one signpost on one day."""

    sighting: Sighting
    latest: Observation | None  # the latest observation that counts (or the possible one)
    counted: int  # observations that count on the day


def status(ds: Dataset, sign: Signpost, as_of: date | None = None) -> SignpostStatus:
    """Whether `sign` has been observed by `as_of` (None: ever), and its latest observation.

    The latest is the one with the latest day it counts from (the later in the list on a tie).
    """
    counted: list[tuple[date, int, Observation]] = []
    possible: list[tuple[date, int, Observation]] = []
    for index, item in enumerate(sign.observations):
        day = ds.happened_day(item)
        if day is None:  # validation requires a date or a programme: never without one
            continue
        if as_of is None or day <= as_of:
            counted.append((day, index, item))
        elif item.date is not None and item.date.start <= as_of:  # it may have happened
            possible.append((day, index, item))
    if counted:
        return SignpostStatus(Sighting.OBSERVED, max(counted)[2], len(counted))
    if possible:
        return SignpostStatus(Sighting.POSSIBLE, min(possible)[2], 0)
    return SignpostStatus(Sighting.NOT_YET, None, 0)
