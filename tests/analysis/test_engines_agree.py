"""Property tests: the pure-Python and compiled engines give the same answers on both sides of
the 1,000-tie switch (each forced by its parameter), on random graphs whose weights come from
a coarse grid, so equally strong chains (0.5 x 0.5 = 0.25 = 0.25, 0.4 x 0.5 = 0.2) and
weight-1 ties occur, with sides, envoys and structural ties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenarios.analysis import dependency
from scenarios.analysis.centrality import centrality
from scenarios.analysis.channels import channel_dependencies
from scenarios.analysis.dependency import DependencyResult, dependencies
from scenarios.graph import TieGraph
from scenarios.vocab import Measure

GRID = (0.2, 0.25, 0.4, 0.5, 0.8, 1.0)
TOL = 1e-9


@st.composite
def graphs(draw: st.DrawFn) -> tuple[TieGraph, list[str]]:
    n = draw(st.integers(3, 10))
    names = [f"v{i}" for i in range(n)]
    graph = TieGraph()
    states = names[: max(1, n // 3)]
    for name in names:
        if name in states:
            graph.add_node(name, kind="state", side=name)
        else:
            kind = draw(st.sampled_from(["envoy", "official", "leader", "document"]))
            if kind == "document":
                graph.add_node(name, kind=kind)
            else:
                graph.add_node(name, kind=kind, side=draw(st.sampled_from(states)))
    pairs = [(u, v) for i, u in enumerate(names) for v in names[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=3 * n, unique=True))
    for u, v in chosen:
        structural = draw(st.integers(0, 5)) == 0
        graph.add_tie(u, v, (f"{u}-{v}",), draw(st.sampled_from(GRID)), structural=structural)
    keys = draw(st.lists(st.sampled_from(names), min_size=2, max_size=4, unique=True))
    return graph, keys


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL


def same_damage(a: Any, b: Any) -> None:
    assert (a is None) == (b is None)
    if a is None:
        return
    assert (a.source, a.target, a.disconnected) == (b.source, b.target, b.disconnected)
    assert (a.fewest_hops_before, a.fewest_hops_after) == (
        b.fewest_hops_before,
        b.fewest_hops_after,
    )
    assert close(a.damage, b.damage) and close(a.strength_before, b.strength_before)
    assert close(a.strength_after, b.strength_after)


def same_dependencies(ref: DependencyResult, fast: DependencyResult) -> None:
    """Every field of two engines' `dependencies()` agrees (floats within 1e-9)."""
    assert (ref.engine, fast.engine) == ("python", "compiled")
    assert ref.key_actors == fast.key_actors and ref.cuts_skipped == fast.cuts_skipped
    for a, b in zip(ref.pairs, fast.pairs, strict=True):
        assert (a.source, a.target, a.hops, a.fewest_hops, a.routes, a.path) == (
            b.source,
            b.target,
            b.hops,
            b.fewest_hops,
            b.routes,
            b.path,
        )
        assert close(a.strength, b.strength)
    assert [d.tie for d in ref.ties] == [d.tie for d in fast.ties]
    for a, b in zip(ref.ties, fast.ties, strict=True):
        assert close(a.score, b.score) and close(a.path_share, b.path_share)
        assert close(a.route_loss, b.route_loss)
        assert (a.disconnects, a.in_min_cut) == (b.disconnects, b.in_min_cut)
        same_damage(a.worst, b.worst)


@given(graphs())
def test_single_tie_dependencies_agree(case: tuple[TieGraph, list[str]]) -> None:
    graph, keys = case
    same_dependencies(
        dependencies(graph, keys, engine="python"), dependencies(graph, keys, engine="compiled")
    )


@given(graphs())
def test_channel_dependencies_agree(case: tuple[TieGraph, list[str]]) -> None:
    graph, keys = case
    ref = channel_dependencies(graph, keys, engine="python", search_groups=False)
    fast = channel_dependencies(graph, keys, engine="compiled")
    # no connected key pair: nothing to cut, on either engine; else the compiled one skips
    connected = any(p.strength > 0.0 for p in fast.pairs)
    assert fast.groups_searched == ("skipped" if connected else "nothing_to_cut")
    assert ref.groups_searched == ("skipped" if connected else "nothing_to_cut")
    assert ref.channels == fast.channels
    assert [(r.id, [c.id for c in r.channels]) for r in ref.rows] == [
        (r.id, [c.id for c in r.channels]) for r in fast.rows
    ]
    for a, b in zip(ref.rows, fast.rows, strict=True):
        assert close(a.score, b.score) and a.disconnects == b.disconnects
        same_damage(a.worst, b.worst)
    assert [p.actor for p in ref.pivots] == [p.actor for p in fast.pivots]
    for p, q in zip(ref.pivots, fast.pivots, strict=True):
        assert close(p.score, q.score)


@given(graphs())
def test_betweenness_and_closeness_agree(case: tuple[TieGraph, list[str]]) -> None:
    graph, _ = case
    for measure in (Measure.BETWEENNESS, Measure.CLOSENESS):
        ref = dict(centrality(graph, measure, engine="python").scores)
        fast = dict(centrality(graph, measure, engine="compiled").scores)
        assert ref.keys() == fast.keys()
        for actor, value in ref.items():
            assert close(value, fast[actor]), (measure, actor, value, fast[actor])
        assert all(0.0 <= v <= 1.0 + TOL for v in ref.values())


def test_the_route_limit_applies_on_both_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    # s and t joined by 4 two-hop routes and a direct tie: lambda 5, above a limit of 4, so
    # no tie counts a share of routes on either engine (before issue 11 the limit was only
    # applied above 1,000 ties)
    graph = TieGraph()
    for mid in ("m1", "m2", "m3", "m4"):
        graph.add_tie("s", mid, (), 0.5)
        graph.add_tie(mid, "t", (), 0.5)
    graph.add_tie("s", "t", (), 0.1)
    monkeypatch.setattr(dependency, "MAX_CUT_ROUTES", 4)
    for engine in ("python", "compiled"):
        result = dependencies(graph, ["s", "t"], engine=engine)
        assert result.pairs[0].routes == 5 and result.cuts_skipped == (("s", "t"),)
        assert all(d.route_loss == 0.0 for d in result.ties)
