"""Tie graph construction: merging parallel links, weights, costs."""

from __future__ import annotations

import math

import pytest

from scenarios.graph import COST, WEIGHT, build_graph, combine_weights, tie_cost
from scenarios.model import Actor, Dataset, Link
from scenarios.vocab import ActorKind, LinkType


def test_combine_weights_is_noisy_or() -> None:
    assert combine_weights([0.5, 0.5]) == pytest.approx(0.75)
    assert combine_weights([0.3]) == pytest.approx(0.3)
    assert combine_weights([1.0, 0.2]) == pytest.approx(1.0)


def test_tie_cost_is_minus_log_weight() -> None:
    assert tie_cost(0.5) == pytest.approx(math.log(2), abs=1e-5)
    assert tie_cost(1.0) > 0


def test_build_graph_merges_parallel_links(seed: Dataset) -> None:
    graph = build_graph(seed.view("new-yalta"))
    data = graph.adj["putin"]["witkoff"]
    assert data["links"] == ("witkoff-putin-moscow", "putin-influences-witkoff")
    # Witkoff–Putin meeting 0.9 x 1.0 in New Yalta, Putin's influence 0.7 x 0.4 (heard): both from
    # the same programme, so one source: the stronger counts, they do not add up
    assert data["weight"] == 0.9
    assert graph.number_of_nodes() == len(seed.actors)


def test_build_graph_drops_weightless_links(mini: Dataset) -> None:
    from dataclasses import replace

    links = tuple(
        replace(link, confidence=0.0) if link.id == "a-d" else link for link in mini.links
    )
    graph = build_graph(Dataset(mini.actors, links).view())
    assert not graph.has_edge("a", "d")
    assert graph.has_edge("a", "b")


def test_links_too_weak_for_floating_point_still_make_a_tie() -> None:
    # 1e-9 x 1e-9: 1 - (1 - w) rounds to 0, and -ln(0) used to end the command (exit 70)
    a, b = Actor("a", "A", ActorKind.STATE), Actor("b", "B", ActorKind.STATE)
    faint = [Link(f"ab{i}", "a", "b", LinkType.SUPPORTS, 1e-9, 1e-9) for i in range(2)]
    graph = build_graph(Dataset(actors=(a, b), links=tuple(faint)).view(None))
    assert graph.adj["a"]["b"][WEIGHT] == combine_weights([1e-18, 1e-18]) == 2e-18
    assert graph.adj["a"]["b"][COST] == pytest.approx(-math.log(2e-18))
