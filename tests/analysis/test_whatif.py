"""Cuts, sweeps and minimum cuts on tiny graphs with hand-computed answers."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from scenarios.analysis import whatif
from scenarios.analysis.channels import channel_dependencies
from scenarios.analysis.compare import key_chains
from scenarios.analysis.whatif import (
    cut_graph,
    minimum_cut,
    smallest_break,
    sweep,
    ties_cut,
    without_actors,
)
from scenarios.errors import OutOfBounds
from scenarios.graph import TieGraph
from tests.conftest import tie_graph

TWO_ROUTES = [("a", "b", 0.9), ("b", "d", 0.9), ("a", "c", 0.5), ("c", "d", 0.5)]


def test_cut_graph_keeps_removed_actors_isolated_and_without_actors_drops_them() -> None:
    graph = tie_graph([("a", "b", 0.5), ("b", "c", 0.5), ("c", "d", 0.5)])
    assert ties_cut(graph, [("c", "b")], ["d"]) == {("b", "c"), ("c", "d")}
    cut = cut_graph(graph, [("c", "b")], ["d"])
    assert sorted((u, v) for u, v, _ in cut.edges()) == [("a", "b")]
    assert "d" in cut and cut.adj["d"] == {}
    assert graph.number_of_edges() == 3  # the original is untouched
    gone = without_actors(graph, {"b"})
    assert "b" not in gone and sorted((u, v) for u, v, _ in gone.edges()) == [("c", "d")]


def test_single_cut_sweep_matches_depends_scores_by_hand() -> None:
    # triangle a-b-c plus the bridge c-d (all 0.5); key actors a and d; no sides, so every
    # tie is a channel of its own
    graph = tie_graph([("a", "b", 0.5), ("b", "c", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)])
    result = sweep(graph, ["a", "d"])
    assert [(c.ties, round(c.score, 6)) for c in result.singles] == [
        ((("c", "d"),), 1.0),  # the bridge disconnects a from d
        ((("a", "c"),), 0.5),  # a-b-c-d = 0.125 instead of a-c-d = 0.25
    ]
    bridge = result.singles[0]
    assert bridge.disconnects == (("a", "d"),)
    assert bridge.worst is not None and bridge.worst.disconnected
    detour = result.singles[1]
    assert detour.worst is not None
    assert detour.worst.strength_after == pytest.approx(0.125, abs=1e-12)
    assert (result.units_swept, result.harmless, result.connected_pairs) == (4, 2, 1)
    assert result.doubles == ()
    rows = channel_dependencies(graph, ["a", "d"]).rows
    assert [(c.units[0].id, c.score) for c in result.singles] == [(r.id, r.score) for r in rows]


def test_pair_sweep_finds_cuts_that_only_hurt_together() -> None:
    # two routes a-b-d (0.9 x 0.9 = 0.81) and a-c-d (0.5 x 0.5 = 0.25); key actors a, d.
    # a-b and b-d are in series (each cut alone does the same, and so do both): one unit
    graph = tie_graph(TWO_ROUTES)
    result = sweep(graph, ["a", "d"], k=2)
    strong_alone = 1 - 0.25 / 0.81
    assert [(c.ties, round(c.score, 6)) for c in result.singles] == [
        ((("a", "b"), ("b", "d")), round(strong_alone, 6)),
    ]
    # cutting the strong route and one tie of the weak one disconnects a from d: score 1
    assert {tuple(u.id for u in c.units) for c in result.doubles} == {
        ("a~b", "a~c"),
        ("a~b", "c~d"),
    }
    for cut in result.doubles:
        assert cut.score == pytest.approx(1.0)
        assert cut.disconnects == (("a", "d"),)
        assert cut.alone == pytest.approx((strong_alone, 0.0), rel=1e-9)
    assert result.candidates == 1  # only the strong route is on the strongest path


def test_equal_routes_hide_each_other_until_cut_together() -> None:
    graph = tie_graph([("a", "b", 0.5), ("b", "d", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)])
    result = sweep(graph, ["a", "d"], k=2)
    assert result.singles == ()  # every single cut leaves an equally strong route
    assert result.harmless == result.units_swept == 4
    assert len(result.doubles) == 4
    assert all(c.score == pytest.approx(1.0) for c in result.doubles)


def brute_force(graph: TieGraph, keys: list[str], cut: tuple[tuple[str, str], ...]) -> float:
    """Damage from chains recomputed on the cut graph (strengths from `compare.Chain`)."""
    before = key_chains(graph, keys)
    after = key_chains(graph.without(cut), keys)
    connected = [p for p, c in before.items() if c.cost is not None]
    losses = []
    for p in connected:
        b, a = before[p].strength, after[p].strength
        losses.append(0.0 if math.isclose(a, b, rel_tol=1e-9) else 1 - a / b)
    return sum(losses) / len(connected) if connected else 0.0


@pytest.mark.parametrize("trial", range(8))
def test_sweep_agrees_with_recomputing_every_cut(trial: int) -> None:
    rnd = random.Random(100 + trial)
    nodes = [f"n{i}" for i in range(7)]
    edges = {tuple(sorted(rnd.sample(nodes, 2))) for _ in range(12)}
    graph = tie_graph((u, v, rnd.choice([0.3, 0.5, 0.8, 0.9])) for u, v in sorted(edges))
    keys = rnd.sample([n for n in nodes if n in graph], 3)
    result = sweep(graph, keys, k=2)
    # no sides: a unit is one tie, or ties in series
    units = {c.units[0].id: (c.ties, c.score) for c in result.singles}
    for ties, score in units.values():
        assert score == pytest.approx(brute_force(graph, keys, ties), abs=1e-9), ties
    listed = {t for ties, _ in units.values() for t in ties}
    ties = sorted((u, v) for u, v, _ in graph.edges())
    for t in ties:
        if t not in listed:
            assert brute_force(graph, keys, (t,)) == 0.0, t
            units[f"{t[0]}~{t[1]}"] = ((t,), 0.0)
    doubles = {tuple(u.id for u in c.units): c.score for c in result.doubles}
    for (a, (ta, sa)), (b, (tb, sb)) in itertools.combinations(sorted(units.items()), 2):
        joint = brute_force(graph, keys, (*ta, *tb))
        if joint > max(sa, sb) + 1e-9:
            assert doubles.get((a, b)) == pytest.approx(joint), (a, b)
        else:
            assert (a, b) not in doubles


def test_minimum_cut_and_smallest_break() -> None:
    # s reaches t by two routes, t reaches u by one: the break is the single t-u tie
    graph = tie_graph(
        [("s", "a", 0.5), ("s", "b", 0.5), ("a", "t", 0.5), ("b", "t", 0.5), ("t", "u", 0.5)]
    )
    assert minimum_cut(graph, "s", "t").size == 2
    assert minimum_cut(graph, "s", "u").ties == (("t", "u"),)
    best = smallest_break(graph, ["s", "t", "u"])
    assert best is not None and (best.target, best.size, best.ties) == ("u", 1, (("t", "u"),))
    # of the two extreme minimum s-t cuts, {s-a, s-b} isolates s alone, {a-t, b-t} isolates
    # t and u: the smaller side wins
    assert minimum_cut(graph, "s", "t").ties == (("a", "s"), ("b", "s"))
    assert smallest_break(graph, ["s"]) is None


def test_smallest_break_of_separated_key_actors_is_empty() -> None:
    graph = tie_graph([("a", "b", 0.5)])
    graph.add_node("c")
    best = smallest_break(graph, ["a", "c"])
    assert best is not None and (best.size, best.ties) == (0, ())


def test_minimum_cut_prefers_the_smaller_side() -> None:
    # a star around t: separating t (3 ties) is as small as the cut at s, but isolates less
    spokes = [(hub, x, 0.5) for hub in ("s", "t") for x in ("x", "y", "z")]
    graph = tie_graph([*spokes, ("s", "p", 0.5), ("p", "q", 0.5)])
    cut = minimum_cut(graph, "s", "t")
    assert cut.size == 3
    assert set(cut.ties) == {("t", "x"), ("t", "y"), ("t", "z")}


def test_k_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = tie_graph(TWO_ROUTES)
    with pytest.raises(OutOfBounds, match="k must be 1 or 2"):
        sweep(graph, ["a", "d"], k=3)
    monkeypatch.setattr(whatif, "MAX_PAIR_CANDIDATES", 0)
    with pytest.raises(OutOfBounds, match="would try 1 first cuts, more than the 0"):
        sweep(graph, ["a", "d"], k=2)
    assert len(sweep(graph, ["a", "d"], k=1).singles) == 1  # single cuts are not bounded


def test_structural_ties_are_not_cut_by_the_smallest_break() -> None:
    # a -(structural)- b - c and a - c: the break cuts b-c and a-c, never a-b
    graph = tie_graph([("b", "c", 0.5), ("a", "c", 0.5)])
    graph.add_tie("a", "b", ("a-b",), 0.9, structural=True)
    best = smallest_break(graph, ["a", "b", "c"])
    assert best is not None and best.ties == (("a", "c"), ("b", "c"))
    only = tie_graph([])
    only.add_tie("a", "b", ("a-b",), 0.9, structural=True)
    assert smallest_break(only, ["a", "b"]) is None  # nothing cuttable separates them
