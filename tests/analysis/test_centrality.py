"""Centrality on a star with hand-computed values."""

from __future__ import annotations

import math

import pytest

from scenarios.analysis.centrality import Measure, centrality
from tests.conftest import tie_graph

# a star: hub h with leaves x, y, z, every tie of weight 0.5 (cost ln 2)
STAR = [("h", "x", 0.5), ("h", "y", 0.5), ("h", "z", 0.5)]


def scores(measure: Measure) -> dict[str, float]:
    return dict(centrality(tie_graph(STAR), measure).scores)


def test_degree_is_weighted_and_normalised() -> None:
    assert scores(Measure.DEGREE) == pytest.approx(
        {"h": 1.5 / 3, "x": 0.5 / 3, "y": 0.5 / 3, "z": 0.5 / 3}
    )


def test_betweenness() -> None:
    assert scores(Measure.BETWEENNESS) == pytest.approx({"h": 1.0, "x": 0.0, "y": 0.0, "z": 0.0})


def test_closeness_is_the_mean_chain_strength() -> None:
    # hub: 3 actors at 0.5; a leaf: one at 0.5 (the hub) and two at 0.25 (the other leaves)
    leaf = (0.5 + 0.25 + 0.25) / 3
    assert scores(Measure.CLOSENESS) == pytest.approx(
        {"h": 0.5, "x": leaf, "y": leaf, "z": leaf}, abs=1e-12
    )


@pytest.mark.parametrize("engine", ["python", "compiled"])
def test_closeness_of_a_weight_one_tie_is_one(engine: str) -> None:
    # before issue 11: 166,666.67 (1 / the hop tie-break); every actor reached at strength 1
    graph = tie_graph([("a", "b", 1.0)])
    found = dict(centrality(graph, Measure.CLOSENESS, engine=engine).scores)
    assert found == {"a": 1.0, "b": 1.0}


@pytest.mark.parametrize("engine", ["python", "compiled"])
def test_equally_strong_chains_share_betweenness(engine: str) -> None:
    # s-a-t (0.7 x 0.21) and s-b-t (0.35 x 0.42) are equally strong (0.147): a and b each carry
    # half of the s-t pair, 1 of the 6 ordered pairs between others -> 1/6 each; s carries
    # a-b (via s 0.245 beats via t 0.0882) -> 2/6. Before issue 11 networkx compared the
    # float sums exactly and gave a 1/3 and b 0.
    graph = tie_graph([("s", "a", 0.7), ("a", "t", 0.21), ("s", "b", 0.35), ("b", "t", 0.42)])
    found = dict(centrality(graph, Measure.BETWEENNESS, engine=engine).scores)
    assert found == pytest.approx({"a": 1 / 6, "b": 1 / 6, "s": 1 / 3, "t": 0.0}, abs=1e-12)


def test_pagerank_on_a_star() -> None:
    # C = 0.15/4 + 0.85 * 3L and L = 0.15/4 + 0.85 * C/3  =>  C = 0.133125 / 0.2775
    hub = 0.133125 / 0.2775
    leaf = (1 - hub) / 3
    assert scores(Measure.PAGERANK) == pytest.approx(
        {"h": hub, "x": leaf, "y": leaf, "z": leaf}, rel=1e-4
    )


def test_eigenvector_on_a_star() -> None:
    # leading eigenvector of K(1,3): hub sqrt(3) times a leaf, unit length
    assert scores(Measure.EIGENVECTOR) == pytest.approx(
        {
            "h": math.sqrt(3 / 6),
            "x": 1 / math.sqrt(6),
            "y": 1 / math.sqrt(6),
            "z": 1 / math.sqrt(6),
        },
        rel=1e-4,
    )


def test_eigenvector_on_a_disconnected_graph_is_the_largest_pieces() -> None:
    # the star plus a stray pair: the star's values, 0 for the pair (networkx alone refuses)
    found = dict(centrality(tie_graph([*STAR, ("p", "q", 0.9)]), Measure.EIGENVECTOR).scores)
    assert found == pytest.approx(
        {"h": math.sqrt(3 / 6), "x": 1 / math.sqrt(6), "y": 1 / math.sqrt(6)}
        | {"z": 1 / math.sqrt(6), "p": 0.0, "q": 0.0},
        rel=1e-4,
    )


def test_ranks_are_ordered_and_ties_share_a_rank() -> None:
    result = centrality(tie_graph(STAR), Measure.BETWEENNESS)
    assert [actor for actor, _ in result.scores] == ["h", "x", "y", "z"]
    assert result.rank_of() == {"h": 1, "x": 2, "y": 2, "z": 2}
    assert result.method.startswith("betweenness")


@pytest.mark.parametrize("measure", list(Measure))
def test_every_measure_states_its_method(measure: Measure) -> None:
    assert measure.method
