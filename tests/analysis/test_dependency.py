"""Dependency ranking on tiny graphs with hand-computed answers."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scenarios.analysis.dependency import dependencies, min_cut_ties, tie_fractions
from scenarios.analysis.paths import shortest_path_tree
from tests.conftest import tie_graph


def test_bridge_is_critical_and_disconnects() -> None:
    # triangle a-b-c plus the bridge c-d; all ties 0.5. Key actors a and d.
    graph = tie_graph([("a", "b", 0.5), ("b", "c", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)])
    result = dependencies(graph, ["a", "d"])
    deps = result.by_tie()
    [pair] = result.pairs
    assert (pair.hops, pair.fewest_hops, pair.routes) == (2, 2, 1)
    assert pair.strength == 0.25 and pair.path == ("a", "c", "d")
    # strongest chain a-c-d = 0.25
    bridge = deps[("c", "d")]
    assert bridge.score == pytest.approx(1.0)
    assert bridge.disconnects == (("a", "d"),)
    assert bridge.path_share == pytest.approx(1.0)
    assert bridge.in_min_cut == (("a", "d"),)
    assert bridge.route_loss == pytest.approx(1.0)
    # cutting a-c forces a-b-c-d = 0.125: half the chain strength lost
    detour = deps[("a", "c")]
    assert detour.score == pytest.approx(0.5, rel=1e-5)
    assert detour.disconnects == ()
    assert detour.in_min_cut == ()  # a-c is not in the only minimum cut {c-d}
    assert detour.worst is not None
    assert (detour.worst.fewest_hops_before, detour.worst.fewest_hops_after) == (2, 3)
    assert (detour.worst.strength_before, detour.worst.strength_after) == pytest.approx(
        (0.25, 0.125)
    )
    # a-b and b-c carry no strongest path: score 0, and they are not listed at all
    assert ("a", "b") not in deps and ("b", "c") not in deps
    assert [d.tie for d in result.ties] == [("c", "d"), ("a", "c")]


def test_cycle_without_bridge() -> None:
    # square a-b-c-d-a; a-b and b-c strong (0.9), c-d and d-a weak (0.5). Key actors a and c.
    graph = tie_graph([("a", "b", 0.9), ("b", "c", 0.9), ("c", "d", 0.5), ("d", "a", 0.5)])
    result = dependencies(graph, ["a", "c"])
    deps = result.by_tie()
    [pair] = result.pairs
    assert pair.routes == 2  # two edge-disjoint routes
    # strongest chain 0.81; cut a-b (or b-c): 0.25 remains -> damage 1 - 0.25/0.81
    expected = 1 - 0.25 / 0.81
    for edge in [("a", "b"), ("b", "c")]:
        assert deps[edge].score == pytest.approx(expected, rel=1e-5)
        assert deps[edge].disconnects == ()
        assert deps[edge].path_share == pytest.approx(1.0)
    # every tie lies in some minimum 2-cut, so each loses half the routes
    for edge in [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")]:
        assert deps[edge].route_loss == pytest.approx(0.5)
    assert deps[("c", "d")].score == 0.0
    assert deps[("c", "d")].path_share == 0.0


def test_equal_alternatives_share_paths_but_score_nothing() -> None:
    graph = tie_graph([("a", "b", 0.5), ("b", "d", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)])
    result = dependencies(graph, ["a", "d"])
    for dep in result.ties:
        assert dep.path_share == pytest.approx(0.5)
        assert dep.score == 0.0
        assert dep.route_loss == pytest.approx(0.5)


def test_three_key_actors_average_over_pairs() -> None:
    # path x - y - z, key actors x, y, z: cutting x-y separates pairs (x,y) and (x,z)
    graph = tie_graph([("x", "y", 0.5), ("y", "z", 0.5)])
    result = dependencies(graph, ["x", "y", "z"])
    deps = result.by_tie()
    assert deps[("x", "y")].score == pytest.approx(2 / 3)
    assert deps[("x", "y")].disconnects == (("x", "y"), ("x", "z"))
    assert deps[("x", "y")].path_share == pytest.approx(2 / 3)


def test_disconnected_key_pairs_are_reported_and_excluded() -> None:
    graph = tie_graph([("a", "b", 0.5), ("c", "d", 0.5)])
    result = dependencies(graph, ["a", "b", "c"])
    by_pair = {(p.source, p.target): p for p in result.pairs}
    assert by_pair[("a", "c")].hops is None and by_pair[("a", "c")].routes == 0
    assert by_pair[("a", "c")].strength == 0.0 and by_pair[("a", "c")].path == ()
    assert by_pair[("a", "b")].routes == 1
    # only (a, b) is connected, so the a-b bridge scores 1
    assert result.by_tie()[("a", "b")].score == pytest.approx(1.0)


def test_tie_fractions_on_a_diamond_with_a_tail() -> None:
    graph = tie_graph(
        [("s", "a", 0.5), ("s", "b", 0.5), ("a", "m", 0.5), ("b", "m", 0.5), ("m", "t", 0.5)]
    )
    fractions = tie_fractions(shortest_path_tree(graph, "s"), "t")
    assert fractions == pytest.approx(
        {("a", "s"): 0.5, ("b", "s"): 0.5, ("a", "m"): 0.5, ("b", "m"): 0.5, ("m", "t"): 1.0}
    )


def test_min_cut_ties_on_two_bridges_in_series() -> None:
    graph = tie_graph([("s", "a", 0.5), ("a", "t", 0.5), ("s", "b", 0.5), ("b", "a", 0.5)])
    routes, in_cut = min_cut_ties(graph, "s", "t")
    assert routes == 1
    assert in_cut == {("a", "t")}
    graph.add_tie("t", "u", (), 0.5)
    routes, in_cut = min_cut_ties(graph, "s", "u")
    assert (routes, in_cut) == (1, {("a", "t"), ("t", "u")})


def test_an_equally_strong_detour_costs_nothing() -> None:
    # a-b direct at 0.25, or a-x-b at 0.5 x 0.5 = 0.25 with one more hop: the hop tie-break
    # picks a-b, but cutting it loses no strength, so its score is exactly 0 (before issue 11
    # it scored 1e-6, the tie-break's own cost)
    graph = tie_graph([("a", "b", 0.25), ("a", "x", 0.5), ("x", "b", 0.5)])
    result = dependencies(graph, ["a", "b"])
    [pair] = result.pairs
    assert (pair.strength, pair.hops, pair.path) == (0.25, 1, ("a", "b"))
    assert result.by_tie()[("a", "b")].score == 0.0
    assert result.by_tie()[("a", "b")].worst is None


def test_reported_strength_is_the_product_of_the_weights() -> None:
    # 0.8 x 0.9: the product, not exp(-(cost)) with 2e-6 of tie-break in it
    graph = tie_graph([("a", "b", 0.8), ("b", "c", 0.9)])
    [pair] = dependencies(graph, ["a", "c"]).pairs
    assert pair.strength == 0.8 * 0.9


def test_structural_ties_are_never_ranked() -> None:
    # a-b structural (an official of a state), b-c a channel: only b-c may be cut
    graph = tie_graph([("b", "c", 0.5)])
    graph.add_tie("a", "b", ("a-b",), 0.9, structural=True)
    result = dependencies(graph, ["a", "c"])
    assert [d.tie for d in result.ties] == [("b", "c")]
    assert result.pairs[0].strength == pytest.approx(0.45)


@st.composite
def graph_and_tie(draw: st.DrawFn) -> tuple[list[tuple[str, str, float]], tuple[str, str]]:
    nodes = [chr(ord("a") + i) for i in range(draw(st.integers(3, 7)))]
    pairs = [(x, y) for i, x in enumerate(nodes) for y in nodes[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=2, max_size=12, unique=True))
    weights = st.sampled_from([0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0])
    edges = [(x, y, draw(weights)) for x, y in chosen]
    return edges, draw(st.sampled_from(chosen))


@given(graph_and_tie())
@settings(max_examples=300, deadline=None)
def test_the_strongest_simple_chain_through_a_tie_matches_every_simple_path(
    case: tuple[list[tuple[str, str, float]], tuple[str, str]],
) -> None:
    """Brute force over every simple a-b path (networkx's all_simple_paths) against the
    two-route minimum-cost flow: the same strength (or none), and the chain found is a simple
    path through the tie."""
    import networkx as nx

    from scenarios.analysis.dependency import path_strength, strongest_simple_through
    from scenarios.graph import TieGraph

    edges, (u, v) = case
    graph = TieGraph()
    for x, y, w in edges:
        graph.add_tie(x, y, (f"{x}-{y}",), w)
    plain = nx.Graph([(x, y) for x, y, _ in edges])
    s, t = "a", "b"
    best = 0.0
    if s in plain and t in plain:
        for path in nx.all_simple_paths(plain, s, t):
            steps = set(itertools.pairwise(path))
            if (u, v) in steps or (v, u) in steps:
                best = max(best, path_strength(graph, path))
    chain = strongest_simple_through(graph, (u, v), s, t) if s in plain and t in plain else ()
    if best == 0.0:
        assert chain == ()
        return
    assert chain[0] == s and chain[-1] == t and len(set(chain)) == len(chain)
    steps = set(itertools.pairwise(chain))
    assert (u, v) in steps or (v, u) in steps
    assert path_strength(graph, chain) == pytest.approx(best, rel=1e-9)


@given(graph_and_tie(), st.integers(2, 4))
@settings(max_examples=200, deadline=None)
def test_best_via_settles_the_same_pair_as_trying_every_pair(
    case: tuple[list[tuple[str, str, float]], tuple[str, str]], keys: int
) -> None:
    """The branch and bound over the pairs' upper bounds against the README's rule applied to
    every key pair: the highest ratio, the first in key-pair order among ratios within 1e-9."""
    from scenarios.analysis.dependency import KeyChains
    from scenarios.analysis.paths import ABS_TOL
    from scenarios.graph import TieGraph

    edges, tie = case
    graph = TieGraph()
    for x, y, w in edges:
        graph.add_tie(x, y, (f"{x}-{y}",), w)
    chains = KeyChains(graph, sorted(graph.nodes)[:keys], "python")
    ratios = {}
    for pair in chains.connected:
        via, _ = chains.via(tie, pair)
        if via > 0:
            ratios[pair] = (via / chains.strength(pair), via)
    found = chains.best_via(tie)
    if not ratios:
        assert found is None
        return
    top = max(r for r, _ in ratios.values())
    first = next(p for p in chains.connected if p in ratios and ratios[p][0] >= top - ABS_TOL)
    assert found is not None and found[0] == first and found[1] == ratios[first][1]
