"""Comparing two graphs: link diffs, rank shifts, chain changes, dependency diffs, by hand."""

from __future__ import annotations

import math

import pytest

from scenarios.analysis.centrality import CentralityResult
from scenarios.analysis.channels import ChannelScore, channel_dependencies
from scenarios.analysis.compare import (
    Chain,
    ChainChange,
    chain_shifts,
    classify,
    dependency_diff,
    key_chains,
    link_diff,
    rank_shifts,
)
from scenarios.graph import TieGraph
from scenarios.model import Link
from scenarios.vocab import LinkType, Measure
from tests.conftest import tie_graph


def link(id_: str, strength: float = 0.5, confidence: float = 1.0) -> Link:
    return Link(id_, "a", "b", LinkType.SUPPORTS, strength, confidence)


def test_link_diff_added_removed_reweighted() -> None:
    a = [link("kept"), link("gone"), link("weaker", 0.8), link("surer", 0.5, 0.5)]
    b = [link("kept"), link("weaker", 0.4), link("surer", 0.5, 1.0), link("new")]
    diff = link_diff(a, b)
    assert [x.id for x in diff.added] == ["new"]
    assert [x.id for x in diff.removed] == ["gone"]
    # ordered by the size of the weight change: surer +0.25, weaker -0.40
    assert [(r.before.id, round(r.weight_change, 2)) for r in diff.reweighted] == [
        ("weaker", -0.4),
        ("surer", 0.25),
    ]
    assert diff.unchanged == 1


def test_added_and_removed_links_are_sorted_by_weight_then_id() -> None:
    # an added link changes the weight by all of its own (0 -> w), a removed one likewise
    a = [link("z-gone", 0.2), link("b-gone", 0.9, 0.5), link("a-gone", 0.45)]
    b = [link("y-new", 0.3), link("x-new", 0.8, 0.5), link("w-new", 0.4), link("v-new", 0.1)]
    diff = link_diff(a, b)
    # weights 0.3, 0.4, 0.4, 0.1: the two 0.4s by id
    assert [x.id for x in diff.added] == ["w-new", "x-new", "y-new", "v-new"]
    # weights 0.2, 0.45, 0.45
    assert [x.id for x in diff.removed] == ["a-gone", "b-gone", "z-gone"]


def test_rank_shifts_rank_and_value_biggest_movers_first() -> None:
    before = CentralityResult(Measure.DEGREE, "", (("x", 0.9), ("y", 0.5), ("z", 0.4), ("w", 0.1)))
    after = CentralityResult(Measure.DEGREE, "", (("z", 0.8), ("x", 0.7), ("y", 0.5)))
    shifts = rank_shifts(before, after)
    # w is gone (removed actors come first), z climbed two places, x and y fell one
    assert [(s.actor, s.rank_before, s.rank_after, s.moved) for s in shifts] == [
        ("w", 4, None, None),
        ("z", 3, 1, 2),
        ("x", 1, 2, -1),  # |moved| 1 and a score change of 0.2 beats y's 0
        ("y", 2, 3, -1),
    ]
    assert shifts[1].score_before == 0.4 and shifts[1].score_after == 0.8


def test_key_chains_and_every_kind_of_change() -> None:
    graph = tie_graph([("a", "b", 0.5), ("b", "c", 0.5), ("a", "c", 0.1)])
    chains = key_chains(graph, ["a", "c", "z"])
    ac = chains[("a", "c")]
    assert ac.path == ("a", "b", "c") and ac.hops == 2
    assert ac.strength == pytest.approx(0.25, rel=1e-5)
    assert chains[("a", "z")] == Chain("a", "z", None, ())  # z is not in the graph
    weaker = key_chains(graph.without([("a", "b")]), ["a", "c"])[("a", "c")]
    assert weaker.path == ("a", "c") and weaker.strength == pytest.approx(0.1, rel=1e-5)
    broken = Chain("a", "c", None, ())
    assert classify(ac, weaker) is ChainChange.WEAKER
    assert classify(weaker, ac) is ChainChange.STRONGER
    assert classify(ac, broken) is ChainChange.BROKEN
    assert classify(broken, ac) is ChainChange.FORMED
    assert classify(ac, ac) is ChainChange.SAME
    assert classify(broken, broken) is ChainChange.APART
    assert classify(ac, Chain("a", "c", ac.cost, ("a", "x", "c"))) is ChainChange.REROUTED
    shifts = chain_shifts(
        {("a", "c"): ac, ("a", "d"): ac}, {("a", "c"): weaker, ("a", "d"): broken}
    )
    assert [s.change for s in shifts] == [ChainChange.BROKEN, ChainChange.WEAKER]
    assert shifts[1].strength_change == pytest.approx(0.1 / 0.25 - 1, rel=1e-4)
    assert shifts[0].strength_change == -1.0


def rows(graph: TieGraph, keys: list[str]) -> tuple[ChannelScore, ...]:
    return channel_dependencies(graph, keys).rows


def test_dependency_diff_splits_channels_by_side() -> None:
    # A: a-b-c chain, key actors a, b, c (each tie disconnects two of the three pairs);
    # B: a-b-c plus a direct a-c as strong as a-b-c (0.25), and a bridge c-d; key actors a, d.
    # No actor has a side: every tie is its own channel.
    a = tie_graph([("a", "b", 0.5), ("b", "c", 0.5)])
    b = tie_graph([("a", "b", 0.5), ("b", "c", 0.5), ("a", "c", 0.25), ("c", "d", 0.5)])
    diff = dependency_diff(rows(a, ["a", "b", "c"]), rows(b, ["a", "d"]))
    # A depends on a-b and b-c (2/3 each); B on c-d alone (score 1): a-c-d and a-b-c-d are
    # equally strong (0.125), so neither a-c nor a-b nor b-c alone costs B anything (before
    # issue 11 the hop tie-break made a-c score 3e-06 in B)
    assert {s.unit.id for s in diff.only_before} == {"a~b", "b~c"}
    assert [(s.unit.id, s.score_after, s.rank_after) for s in diff.only_after] == [("c~d", 1.0, 1)]
    assert diff.both == ()
    same = dependency_diff(rows(a, ["a", "b", "c"]), rows(a, ["a", "b", "c"]))
    assert [(s.unit.id, s.score_before, s.score_after) for s in same.both] == [
        ("a~b", 2 / 3, 2 / 3),
        ("b~c", 2 / 3, 2 / 3),
    ]
    ignored = dependency_diff(
        rows(a, ["a", "b", "c"]), rows(a, ["a", "b", "c"]), ignore={("a", "b")}
    )
    assert [s.unit.id for s in ignored.both] == ["b~c"]
    assert math.isclose(ignored.both[0].score_before, 2 / 3)


def test_ties_in_series_are_one_unit() -> None:
    # a-b-c with key actors a and c: cutting a-b or b-c does the same, so does cutting both
    a = tie_graph([("a", "b", 0.5), ("b", "c", 0.5)])
    [unit] = rows(a, ["a", "c"])
    assert (unit.id, unit.ties, unit.score) == ("a~b", (("a", "b"), ("b", "c")), 1.0)


def test_units_are_the_same_when_they_share_a_tie() -> None:
    # a side "s" (state) with an envoy e: in B the envoy also meets y, so the channel of
    # e's ties to the group of y grows; A's e-x tie is then part of a B channel of 2 ties
    a = TieGraph()
    a.add_node("s", kind="state", side="s")
    a.add_node("e", kind="envoy", side="s")
    a.add_node("t", kind="state", side="t")
    a.add_node("x", kind="envoy", side="t")
    a.add_node("y", kind="official", side="t")
    a.add_tie("s", "e", ("se",), 0.9, structural=True)
    a.add_tie("t", "x", ("tx",), 0.9, structural=True)
    a.add_tie("t", "y", ("ty",), 0.9, structural=True)
    a.add_tie("e", "x", ("ex",), 0.5)
    b = a.without(())
    b.add_tie("e", "y", ("ey",), 0.1)
    diff = dependency_diff(rows(a, ["s", "t"]), rows(b, ["s", "t"]))
    assert [(s.unit.ties, s.rank_before, s.rank_after) for s in diff.both] == [
        ((("e", "x"),), 1, 1)
    ]
