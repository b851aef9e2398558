"""`path` on a tiny dataset built by hand: what `cheapest_count` counts."""

from __future__ import annotations

import pytest

from scenarios.model import Actor, Dataset, Link
from scenarios.reports.paths import path_report
from scenarios.vocab import ActorKind as K
from scenarios.vocab import LinkType as T

# a to d: via b (0.5 x 0.5 = 0.25), via c (0.25 too), and directly (0.1)
DIAMOND = Dataset(
    tuple(Actor(i, i.upper(), K.STATE) for i in "abcd"),
    (
        Link("a-b", "a", "b", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("b-d", "b", "d", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("a-c", "a", "c", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("c-d", "c", "d", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("a-d", "a", "d", T.NEGOTIATES_WITH, 0.1, 1.0),
    ),
    (),
)


def test_cheapest_count_counts_the_equally_strong_paths_whatever_is_listed() -> None:
    # --k 3 lists three loop-free paths (0.25, 0.25, 0.1), but two are equally the strongest
    report = path_report(DIAMOND, "a", "d", alternatives=3)
    assert [p.strength for p in report.paths] == [
        pytest.approx(0.25),
        pytest.approx(0.25),
        pytest.approx(0.1),
    ]
    assert report.cheapest_count == 2
    assert path_report(DIAMOND, "a", "d").cheapest_count == 2
    assert path_report(DIAMOND, "a", "d", all_paths=True).cheapest_count == 2
    # fewest hops: the direct tie alone
    assert path_report(DIAMOND, "a", "d", alternatives=3, weighted=False).cheapest_count == 1
