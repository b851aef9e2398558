"""The compiled engine (scipy.sparse.csgraph) against the pure-Python reference and networkx.

Random graphs, seeded so every run checks the same ones: some with random tie weights, some
with one weight everywhere (many equally cheap paths), some with pendant chains and separate
components (bridges, disconnected key pairs).
"""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

from scenarios.analysis import dependency, engine
from scenarios.analysis.dependency import dependencies, min_cut_ties
from scenarios.graph import COST, TieGraph
from tests.analysis.test_engines_agree import same_dependencies


def random_graph(seed: int, n: int = 24, p: float = 0.15, equal: bool = False) -> TieGraph:
    rng = random.Random(seed)
    g = TieGraph(f"r{seed}")
    for i in range(n):
        g.add_node(f"v{i:02d}")
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < p:
                weight = 0.5 if equal else rng.choice([0.2, 0.35, 0.5, 0.8, 0.9, 1.0])
                g.add_tie(f"v{i:02d}", f"v{j:02d}", (f"l{i}-{j}",), weight)
    # a pendant chain (bridges) and a separate pair (disconnected key pairs)
    g.add_tie("v00", "p1", ("lp1",), 0.6)
    g.add_tie("p1", "p2", ("lp2",), 0.6)
    g.add_tie("x1", "x2", ("lx",), 0.7)
    return g


CASES = [(seed, equal) for seed in range(12) for equal in (False, True)]


def keys_for(g: TieGraph, seed: int) -> list[str]:
    rng = random.Random(1000 + seed)
    return [*rng.sample(sorted(n for n in g.adj if n.startswith("v")), 5), "p2", "x1"]


@pytest.mark.parametrize(("seed", "equal"), CASES)
def test_compiled_dependencies_equal_the_python_reference(seed: int, equal: bool) -> None:
    g = random_graph(seed, equal=equal)
    keys = keys_for(g, seed)
    same_dependencies(
        dependencies(g, keys, engine="python"), dependencies(g, keys, engine="compiled")
    )


@pytest.mark.parametrize("seed", range(8))
def test_flow_tree_gives_networkx_edge_connectivity_for_every_pair(seed: int) -> None:
    g = random_graph(seed, p=0.25)
    cg = engine.compact(g)
    keys = keys_for(g, seed)
    terminals = [cg.index[k] for k in keys]
    lam = engine.flow_tree(cg, terminals)
    reference = g.to_networkx()
    for i, s in enumerate(keys):
        for t in keys[i + 1 :]:
            expected = nx.edge_connectivity(reference, s, t) if nx.has_path(reference, s, t) else 0
            assert lam[(cg.index[s], cg.index[t])] == expected, (s, t)


@pytest.mark.parametrize("seed", range(8))
def test_max_flow_min_cut_ties_equal_the_python_reference(seed: int) -> None:
    g = random_graph(seed, p=0.2, equal=seed % 2 == 0)
    cg = engine.compact(g)
    keys = keys_for(g, seed)
    for s, t in itertools.pairwise(keys):
        lam, ties = min_cut_ties(g, s, t)
        flow = engine.max_flow(cg, cg.index[s], cg.index[t])
        assert (flow.value, set(flow.in_some_min_cut)) == (lam, ties)


@pytest.mark.parametrize("seed", range(6))
def test_distances_equal_networkx_dijkstra(seed: int) -> None:
    g = random_graph(seed)
    cg = engine.compact(g)
    reference = g.to_networkx()
    source = "v00"
    row = engine.distances(cg, [cg.index[source]])[0]
    hops = engine.distances(cg, [cg.index[source]], weighted=False)[0]
    expected = nx.single_source_dijkstra_path_length(reference, source, weight=COST)
    expected_hops = nx.single_source_shortest_path_length(reference, source)
    for name, i in cg.index.items():
        if name in expected:
            assert row[i] == pytest.approx(expected[name], abs=1e-12)
            assert hops[i] == expected_hops[name]
        else:
            assert math.isinf(row[i]) and math.isinf(hops[i])


def test_cut_ties_are_absent_and_limit_stops_the_search() -> None:
    g = TieGraph()
    g.add_tie("a", "b", (), 0.5)
    g.add_tie("b", "c", (), 0.5)
    g.add_tie("a", "c", (), 0.1)
    cg = engine.compact(g)
    a, c = cg.index["a"], cg.index["c"]
    assert engine.distances(cg, [a])[0][c] == pytest.approx(2 * (math.log(2) + 1e-6))
    cut = engine.distances(cg, [a], cut=[("a", "b")])[0][c]
    assert cut == pytest.approx(-math.log(0.1) + 1e-6)
    assert math.isinf(engine.distances(cg, [a], limit=1.0)[0][c])


def test_min_cuts_are_not_searched_above_the_route_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # s and t joined by three disjoint two-hop routes: lambda = 3
    g = TieGraph()
    for mid in ("m1", "m2", "m3"):
        g.add_tie("s", mid, (), 0.5)
        g.add_tie(mid, "t", (), 0.5)
    for name in ("python", "compiled"):
        full = dependencies(g, ["s", "t"], engine=name)
        assert full.cuts_skipped == ()
        assert {d.tie for d in full.ties if d.in_min_cut} == {d.tie for d in full.ties}
        assert [d.route_loss for d in full.ties] == [pytest.approx(1 / 3)] * 6
    monkeypatch.setattr(dependency, "MAX_CUT_ROUTES", 2)
    for name in ("python", "compiled"):
        capped = dependencies(g, ["s", "t"], engine=name)
        assert capped.cuts_skipped == (("s", "t"),)
        assert capped.pairs[0].routes == 3  # lambda itself is still exact
        assert all(d.route_loss == 0 and not d.in_min_cut for d in capped.ties)


def test_auto_engine_switches_on_graph_size(monkeypatch: pytest.MonkeyPatch) -> None:
    g = random_graph(0)
    assert dependencies(g, keys_for(g, 0)).engine == "python"
    monkeypatch.setattr(engine, "COMPILED_ABOVE", 5)
    assert dependencies(g, keys_for(g, 0)).engine == "compiled"
    with pytest.raises(ValueError, match="unknown engine"):
        dependencies(g, ["v00"], engine="fortran")


def test_compiled_engine_on_edgeless_and_tiny_graphs() -> None:
    g = TieGraph()
    for name in ("a", "b", "c"):
        g.add_node(name)
    result = dependencies(g, ["a", "b"], engine="compiled")
    assert [(p.strength, p.hops, p.routes) for p in result.pairs] == [(0.0, None, 0)]
    assert result.ties == ()
    g.add_tie("a", "b", ("l1",), 0.5)
    result = dependencies(g, ["a", "b", "c"], engine="compiled")
    assert [p.routes for p in result.pairs] == [1, 0, 0]
    (only,) = result.ties
    # scores are means over the connected pairs: only a-b, which the tie alone carries
    assert (only.tie, only.score, only.path_share, only.route_loss) == (("a", "b"), 1.0, 1.0, 1.0)
    assert only.disconnects == (("a", "b"),)
    assert dependencies(g, [], engine="compiled").pairs == ()


def test_compiled_exact_centrality_on_a_hand_computed_star() -> None:
    from scenarios.analysis.centrality import centrality
    from scenarios.vocab import Measure

    g = TieGraph()
    for leaf in ("x", "y", "z"):
        g.add_tie("h", leaf, (), 0.5)
    between = dict(centrality(g, Measure.BETWEENNESS, engine="compiled").scores)
    assert between == pytest.approx({"h": 1.0, "x": 0.0, "y": 0.0, "z": 0.0})
    close = dict(centrality(g, Measure.CLOSENESS, engine="compiled").scores)
    # the hub reaches 3 actors at 0.5; a leaf one at 0.5 and two at 0.25: means over 3
    leaf = (0.5 + 0.25 + 0.25) / 3
    assert close == pytest.approx({"h": 0.5, "x": leaf, "y": leaf, "z": leaf}, abs=1e-12)
