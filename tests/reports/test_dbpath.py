"""scenarios.reports.dbpath: paths the database found are checked against the graph first."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scenarios.errors import Unsupported, UsageError
from scenarios.model import Dataset
from scenarios.reports.dbpath import path_report


class Finder:
    """Stands in for Store.paths: returns canned paths and records what it was asked."""

    def __init__(self, *paths: tuple[str, ...]) -> None:
        self.paths = list(paths)
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, source: str, target: str, **options: Any) -> list[tuple[str, ...]]:
        self.calls.append((source, target, options))
        return self.paths


def test_a_correct_answer_is_reported_with_its_links(mini: Dataset) -> None:
    # in `deal`, a-d is removed and b-d added: the fewest hops from Alpha to Delta are a-b-d
    finder = Finder(("a", "b", "d"))
    report = path_report(mini, "alpha", "delta", finder, scenario="The deal")
    assert finder.calls == [
        (
            "a",
            "d",
            {
                "scenario": "deal",
                "all_paths": False,
                "as_of": None,
                "unreported": [],
                "outside": [],
                "max_hops": None,
            },
        )
    ]
    (path,) = report.paths
    assert [a.id for a in path.actors] == ["a", "b", "d"]
    assert [[link.id for link in hop.links] for hop in path.steps] == [["a-b"], ["b-d"]]
    assert path.strength == pytest.approx(1.0 * 0.2 * 0.5)
    assert report.mode == "fewest-hop path (Cypher shortestPath in Neo4j)"
    assert report.cheapest_count == 1 and not report.weighted


def test_options_reach_the_database(mini: Dataset) -> None:
    finder = Finder(("a", "d"))
    path_report(mini, "a", "d", finder, all_paths=True, max_hops=2, as_of=date(2025, 12, 1))
    assert finder.calls[0][2] == {
        "scenario": None,
        "all_paths": True,
        "as_of": date(2025, 12, 1),
        "unreported": [],
        "outside": [],
        "max_hops": 2,
    }


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ((), "found no path, but one of 2 hops exists"),
        ((("a", "b", "c", "d"),), "found a path of 3 hops where the fewest is 2"),
        ((("a", "d"),), "uses a–d, which is not a link in force"),
    ],
)
def test_a_wrong_answer_is_unsupported(
    mini: Dataset, answer: tuple[tuple[str, ...], ...], problem: str
) -> None:
    with pytest.raises(Unsupported, match=problem) as caught:
        path_report(mini, "a", "d", Finder(*answer), scenario="deal")
    assert "without --in-database" in (caught.value.hint or "")


def test_all_paths_must_all_be_there(mini: Dataset) -> None:
    # base graph, at most 3 hops from b to d: b-a-d and b-c-d both have 2 hops
    complete = path_report(mini, "b", "d", Finder(("b", "a", "d"), ("b", "c", "d")), all_paths=True)
    assert [[a.id for a in p.actors] for p in complete.paths] == [["b", "a", "d"], ["b", "c", "d"]]
    with pytest.raises(Unsupported, match="found 1 of the 2 fewest-hop paths"):
        path_report(mini, "b", "d", Finder(("b", "a", "d")), all_paths=True)


def test_no_path_within_max_hops_is_an_empty_report(mini: Dataset) -> None:
    report = path_report(mini, "b", "d", Finder(), max_hops=1)
    assert report.paths == ()


def test_the_same_actor_twice_is_a_usage_error_and_no_query(mini: Dataset) -> None:
    finder = Finder()
    with pytest.raises(UsageError, match=r"FROM and TO are the same actor \(Alpha\)"):
        path_report(mini, "a", "alpha", finder)
    assert finder.calls == []


def test_links_that_carry_nothing_are_not_walked(mini: Dataset) -> None:
    from dataclasses import replace

    weightless = replace(
        mini,
        links=tuple(replace(x, strength=0.0) if x.id == "a-d" else x for x in mini.links),
    )
    report = path_report(weightless, "a", "d", Finder(("a", "b", "c", "d")))
    assert len(report.paths[0].steps) == 3


def test_a_scenarios_connected_by_reaches_the_database(mini: Dataset) -> None:
    # held is connected by negotiates_with and envoy_of: the economic tie a-d does not carry
    # there (passed as `outside`), so the fewest hops from Alpha to Delta are a-b-c-d (a-b:
    # Bravo leads Alpha, structural inside Alpha's side, carries whatever is declared)
    from dataclasses import replace

    from scenarios.model import Scenario
    from scenarios.vocab import LinkType as T

    held = Scenario("held", "Held", ("a", "d"), connected_by=(T.NEGOTIATES_WITH, T.ENVOY_OF))
    ds = replace(mini, scenarios=(held,))
    finder = Finder(("a", "b", "c", "d"))
    report = path_report(ds, "a", "d", finder, scenario="held")
    assert finder.calls[0][2]["outside"] == ["a-d"]
    assert [[link.id for link in hop.links] for hop in report.paths[0].steps] == [
        ["a-b"],
        ["b-c"],
        ["c-d"],
    ]
    with pytest.raises(Unsupported, match="uses a–d, which is not a link in force"):
        path_report(ds, "a", "d", Finder(("a", "d")), scenario="held")
