"""Paths on tiny graphs with hand-computed answers."""

from __future__ import annotations

import math

import pytest

from scenarios.analysis.paths import (
    alternative_paths,
    cheapest_paths,
    hop_distance,
    shortest_path_tree,
)
from tests.conftest import tie_graph


def test_weighted_path_beats_shorter_unweighted_one() -> None:
    # a-c directly is weak (0.1); a-b-c is two strong ties (0.5 x 0.5 = 0.25 > 0.1)
    graph = tie_graph([("a", "c", 0.1), ("a", "b", 0.5), ("b", "c", 0.5)])
    [path], count = cheapest_paths(graph, "a", "c")
    assert path.actors == ("a", "b", "c")
    assert count == 1
    assert math.exp(-path.cost) == pytest.approx(0.25, rel=1e-5)
    [hop_path], _ = cheapest_paths(graph, "a", "c", weighted=False)
    assert hop_path.actors == ("a", "c")
    assert hop_path.cost == 1.0


def test_all_equally_strong_paths_and_their_count() -> None:
    # two equal routes a-b-d and a-c-d, and a weaker a-d
    graph = tie_graph(
        [("a", "b", 0.5), ("b", "d", 0.5), ("a", "c", 0.5), ("c", "d", 0.5), ("a", "d", 0.2)]
    )
    paths, count = cheapest_paths(graph, "a", "d", all_paths=True)
    assert count == 2
    assert [p.actors for p in paths] == [("a", "b", "d"), ("a", "c", "d")]
    one, count_again = cheapest_paths(graph, "a", "d")
    assert len(one) == 1 and count_again == 2


def test_max_hops_returns_the_strongest_path_within_the_limit() -> None:
    # a-b-c-d is strongest (0.9^3 = 0.729) but 3 hops; within 2 hops: a-e-d (0.6 x 0.6 = 0.36)
    graph = tie_graph(
        [
            ("a", "b", 0.9),
            ("b", "c", 0.9),
            ("c", "d", 0.9),
            ("a", "e", 0.6),
            ("e", "d", 0.6),
            ("a", "d", 0.3),
        ]
    )
    [best], _ = cheapest_paths(graph, "a", "d")
    assert best.actors == ("a", "b", "c", "d")
    [two], _ = cheapest_paths(graph, "a", "d", max_hops=2)
    assert two.actors == ("a", "e", "d")
    assert math.exp(-two.cost) == pytest.approx(0.36, rel=1e-5)
    [one], _ = cheapest_paths(graph, "a", "d", max_hops=1)
    assert one.actors == ("a", "d")
    no_edge = tie_graph([("a", "b", 0.9), ("b", "c", 0.9)])
    assert cheapest_paths(no_edge, "a", "c", max_hops=1) == ([], 0)


def test_no_path() -> None:
    graph = tie_graph([("a", "b", 0.5), ("c", "d", 0.5)])
    assert cheapest_paths(graph, "a", "d") == ([], 0)
    assert alternative_paths(graph, "a", "d", 3) == []
    assert hop_distance(graph, "a", "d") is None


def test_k_alternatives_in_order_of_strength() -> None:
    graph = tie_graph(
        [("a", "c", 0.1), ("a", "b", 0.5), ("b", "c", 0.5), ("a", "d", 0.4), ("d", "c", 0.4)]
    )
    paths = alternative_paths(graph, "a", "c", 3)
    assert [p.actors for p in paths] == [("a", "b", "c"), ("a", "d", "c"), ("a", "c")]
    assert [round(math.exp(-p.cost), 4) for p in paths] == [0.25, 0.16, 0.1]


def test_path_counts_in_tree_and_skipped_ties() -> None:
    # a 2x2 grid: a-b-d and a-c-d are the two shortest routes to d
    graph = tie_graph([("a", "b", 0.5), ("b", "d", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)])
    tree = shortest_path_tree(graph, "a")
    assert tree.sigma["d"] == 2
    assert sorted(tree.preds["d"]) == ["b", "c"]
    cut = shortest_path_tree(graph, "a", skip={("a", "b")})
    assert cut.sigma["d"] == 1
    assert cut.dist["b"] == pytest.approx(3 * tie_graph([("x", "y", 0.5)]).adj["x"]["y"]["cost"])
    assert hop_distance(graph, "a", "d", skip={("a", "b"), ("a", "c")}) is None


def test_fewest_hop_paths_are_listed_strongest_first() -> None:
    # three 2-hop routes a-x-d: via b (0.9 x 0.9 = 0.81), via c (0.5 x 0.5 = 0.25), via e
    # (0.9 x 0.9 = 0.81 too): strongest first, equal strengths by the actors' ids
    graph = tie_graph(
        [
            ("a", "c", 0.5), ("c", "d", 0.5),
            ("a", "b", 0.9), ("b", "d", 0.9),
            ("a", "e", 0.9), ("e", "d", 0.9),
        ]
    )  # fmt: skip
    found, count = cheapest_paths(graph, "a", "d", all_paths=True, weighted=False)
    assert count == 3
    assert [p.actors for p in found] == [("a", "b", "d"), ("a", "e", "d"), ("a", "c", "d")]
    limited, _ = cheapest_paths(graph, "a", "d", all_paths=True, weighted=False, max_hops=2)
    assert [p.actors for p in limited] == [p.actors for p in found]
