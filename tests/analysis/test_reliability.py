"""Holding probability and Birnbaum importance on tiny graphs with hand-computed answers.

Every Monte Carlo figure is checked against the exact value worked out by hand (series and
parallel structures), and against exhaustive enumeration on random small graphs. With a fixed
seed the estimates are deterministic, so the tolerances below cannot flake: they are about four
standard errors of the estimate, i.e. what a correct estimator must meet.
"""

from __future__ import annotations

import math
import random

import pytest

from scenarios.analysis.reliability import (
    MAX_SAMPLES,
    MAX_WORK,
    exact_holding_probability,
    holding_probability,
    wilson,
)
from scenarios.errors import OutOfBounds
from scenarios.graph import TieGraph

N = 20_000


def within(estimate: float, exact: float, n: int = N) -> bool:
    """|estimate - exact| within 4 standard errors (plus a hair for p near 0 or 1)."""
    p = min(max(exact, 0.0), 1.0)
    return abs(estimate - exact) <= 4 * math.sqrt(p * (1 - p) / n) + 1e-3


def graph_of(ties: list[tuple[str, str, tuple[str, ...]]]) -> TieGraph:
    graph = TieGraph()
    for u, v, links in ties:
        graph.add_tie(u, v, links, 0.5)
    return graph


# -- Wilson ----------------------------------------------------------------------------------------


def test_wilson_interval_by_hand() -> None:
    # p = 0.5, n = 100, z = 1.96: centre 0.5, half-width 1.96 * sqrt(0.0025 + 0.000096) / 1.0384
    low, high = wilson(50, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)
    # no successes: [0, z^2 / (n + z^2)]
    low, high = wilson(0, 100)
    assert low == 0.0
    assert high == pytest.approx(1.959963984540054**2 / (100 + 1.959963984540054**2))
    assert wilson(100, 100)[1] == 1.0


# -- series, parallel, star ----------------------------------------------------------------------


def test_series_links_multiply_and_each_matters_as_much_as_the_other_is_sure() -> None:
    # a -(0.8)- b -(0.5)- c, key actors a and c
    graph = graph_of([("a", "b", ("ab",)), ("b", "c", ("bc",))])
    conf = {"ab": 0.8, "bc": 0.5}
    exact = exact_holding_probability(graph, ["a", "c"], conf)
    assert exact.holding == pytest.approx(0.4)  # 0.8 x 0.5
    # I(ab) = P(bc present) = 0.5; I(bc) = P(ab present) = 0.8
    assert exact.importance == pytest.approx({"ab": 0.5, "bc": 0.8})
    result = holding_probability(graph, ["a", "c"], conf, samples=N, seed=1)
    assert within(result.holding.probability, 0.4)
    assert result.holding.low <= result.holding.probability <= result.holding.high
    assert not result.holding.exact
    by_link = {li.link: li for li in result.links}
    assert within(by_link["ab"].importance.probability, 0.5)
    assert within(by_link["bc"].importance.probability, 0.8)
    assert [li.link for li in result.links] == ["bc", "ab"]  # ranked
    # the two holding probabilities it is the gap between: P(holds | ab) = 0.5, P(holds | no ab) = 0
    assert within(by_link["ab"].holding_if_present, 0.5)
    assert by_link["ab"].holding_if_absent == 0.0
    assert within(by_link["bc"].holding_if_present, 0.8)


def test_parallel_links_in_one_tie_noisy_or() -> None:
    # two links between a and b (one tie): holds unless both are absent
    graph = graph_of([("a", "b", ("x", "y"))])
    conf = {"x": 0.5, "y": 0.6}
    exact = exact_holding_probability(graph, ["a", "b"], conf)
    assert exact.holding == pytest.approx(1 - 0.5 * 0.4)  # 0.8
    # a link matters exactly when the other one is absent
    assert exact.importance == pytest.approx({"x": 0.4, "y": 0.5})
    result = holding_probability(graph, ["a", "b"], conf, samples=N, seed=2)
    assert within(result.holding.probability, 0.8)
    by_link = {li.link: li for li in result.links}
    assert within(by_link["x"].importance.probability, 0.4)
    assert within(by_link["y"].importance.probability, 0.5)
    [tie] = result.ties
    assert tie.presence == pytest.approx(0.8)
    assert within(tie.importance.probability, 1.0)  # the tie as a whole is always decisive


def test_two_parallel_routes_of_two_links_each() -> None:
    # a-b-d and a-c-d, every link 0.5: P = 1 - (1 - 0.25)^2 = 0.4375;
    # I(e) = P(partner on its route present) x P(other route broken) = 0.5 x 0.75 = 0.375
    graph = graph_of(
        [("a", "b", ("ab",)), ("b", "d", ("bd",)), ("a", "c", ("ac",)), ("c", "d", ("cd",))]
    )
    conf = dict.fromkeys(["ab", "bd", "ac", "cd"], 0.5)
    exact = exact_holding_probability(graph, ["a", "d"], conf)
    assert exact.holding == pytest.approx(0.4375)
    assert exact.importance == pytest.approx(dict.fromkeys(conf, 0.375))
    result = holding_probability(graph, ["a", "d"], conf, samples=N, seed=3)
    assert within(result.holding.probability, 0.4375)
    for li in result.links:
        assert within(li.importance.probability, 0.375)


def test_three_key_actors_on_a_star() -> None:
    # hub h with spokes to key actors a, b, c, each 0.5: all three joined = 0.125,
    # a given pair = 0.25, a spoke decides when both other spokes are present = 0.25
    graph = graph_of([("h", "a", ("ha",)), ("h", "b", ("hb",)), ("h", "c", ("hc",))])
    conf = dict.fromkeys(["ha", "hb", "hc"], 0.5)
    exact = exact_holding_probability(graph, ["a", "b", "c"], conf)
    assert exact.holding == pytest.approx(0.125)
    assert list(exact.pairs.values()) == pytest.approx([0.25, 0.25, 0.25])
    result = holding_probability(graph, ["a", "b", "c"], conf, samples=N, seed=4)
    assert within(result.holding.probability, 0.125)
    assert len(result.pairs) == 3
    for pair in result.pairs:
        assert within(pair.probability.probability, 0.25)
    for li in result.links:
        assert within(li.importance.probability, 0.25)


def test_a_certain_link_in_series_is_decisive_whenever_the_rest_holds() -> None:
    # ab is on record (confidence 1, never drawn absent), bc is a coin toss: I(ab) = 0.5
    graph = graph_of([("a", "b", ("ab",)), ("b", "c", ("bc",))])
    result = holding_probability(graph, ["a", "c"], {"ab": 1.0, "bc": 0.5}, samples=N, seed=5)
    by_link = {li.link: li for li in result.links}
    assert within(by_link["ab"].importance.probability, 0.5)
    assert within(by_link["ab"].holding_if_present, 0.5)
    assert by_link["ab"].holding_if_absent == 0.0
    assert within(by_link["bc"].importance.probability, 1.0)


# -- what the structure decides alone --------------------------------------------------------------


def test_certain_links_make_the_holding_probability_exactly_one() -> None:
    graph = graph_of([("a", "b", ("ab",)), ("b", "c", ("bc",)), ("a", "c", ("ac",))])
    result = holding_probability(
        graph, ["a", "c"], {"ab": 1.0, "bc": 1.0, "ac": 0.3}, samples=1000, seed=0
    )
    assert result.holding.exact and result.holding.probability == 1.0
    assert (result.holding.low, result.holding.high) == (1.0, 1.0)
    # ac is never decisive: a-b-c is always there; ab decides when ac is absent (0.7)
    by_link = {li.link: li for li in result.links}
    assert by_link["ac"].importance.successes == 0
    assert within(by_link["ab"].importance.probability, 0.7, 1000)


def test_unconnectable_key_actors_hold_with_probability_exactly_zero() -> None:
    graph = graph_of([("a", "b", ("ab",))])
    graph.add_node("c")
    result = holding_probability(graph, ["a", "c"], {"ab": 0.5}, samples=1000, seed=0)
    assert result.holding.exact and result.holding.probability == 0.0
    assert [p.probability.probability for p in result.pairs] == [0.0]


def test_confidence_zero_cuts_a_link_and_fewer_than_two_key_actors_hold_trivially() -> None:
    graph = graph_of([("a", "b", ("ab",)), ("b", "c", ("bc",)), ("a", "c", ("ac",))])
    conf = {"ab": 0.5, "bc": 0.5, "ac": 0.0}
    result = holding_probability(graph, ["a", "c"], conf, samples=N, seed=6)
    assert within(result.holding.probability, 0.25)
    # a cut link is never present, but restoring it would decide every draw where a-b-c fails
    cut = {li.link: li for li in result.links}["ac"]
    assert within(cut.importance.probability, 0.75)
    assert cut.holding_if_absent == result.holding.probability
    alone = holding_probability(graph, ["a"], conf, samples=100, seed=0)
    assert alone.holding.probability == 1.0 and alone.holding.exact and alone.pairs == ()


# -- against enumeration ---------------------------------------------------------------------------


@pytest.mark.parametrize("trial", range(12))
def test_monte_carlo_agrees_with_exact_enumeration_on_random_graphs(trial: int) -> None:
    rnd = random.Random(trial)
    nodes = list("abcdef")
    graph = TieGraph()
    for node in nodes:
        graph.add_node(node)
    conf: dict[str, float] = {}
    for i in range(rnd.randint(5, 10)):
        u, v = rnd.sample(nodes, 2)
        link = f"l{i}"
        conf[link] = rnd.choice([0.3, 0.5, 0.8, 1.0])
        old = graph.adj[u].get(v)
        graph.add_tie(u, v, (*old["links"], link) if old else (link,), 0.5)
    keys = rnd.sample(nodes, rnd.randint(2, 4))
    exact = exact_holding_probability(graph, keys, conf)
    result = holding_probability(graph, keys, conf, samples=N, seed=trial)
    assert within(result.holding.probability, exact.holding)
    for pair in result.pairs:
        assert within(pair.probability.probability, exact.pairs[(pair.source, pair.target)])
    for li in result.links:
        assert within(li.importance.probability, exact.importance[li.link]), li.link
        # the Birnbaum identity: importance = P(holds | present) - P(holds | absent)
        present, absent = li.holding_if_present, li.holding_if_absent
        assert li.importance.probability == pytest.approx(present - absent)


# -- reproducibility and bounds ------------------------------------------------------------------


def test_same_seed_same_figures_other_seed_other_draws() -> None:
    graph = graph_of([("a", "b", ("ab",)), ("b", "c", ("bc",)), ("a", "c", ("ac",))])
    conf = {"ab": 0.5, "bc": 0.5, "ac": 0.5}
    first = holding_probability(graph, ["a", "c"], conf, samples=5000, seed=11)
    again = holding_probability(graph, ["a", "c"], conf, samples=5000, seed=11)
    other = holding_probability(graph, ["a", "c"], conf, samples=5000, seed=12)
    assert first == again
    assert first.holding.successes != other.holding.successes
    assert (first.samples, first.seed) == (5000, 11)


@pytest.mark.parametrize("samples", [0, 99, MAX_SAMPLES + 1, 10**12])
def test_sample_count_out_of_bounds_is_refused(samples: int) -> None:
    graph = graph_of([("a", "b", ("ab",))])
    with pytest.raises(OutOfBounds, match="samples must be between 100 and 1,000,000"):
        holding_probability(graph, ["a", "b"], {"ab": 0.5}, samples=samples)


def test_work_bound_scales_with_graph_size() -> None:
    graph = TieGraph()
    for i in range(3000):  # 3001 actors + 3000 ties + 3000 links per draw
        graph.add_tie(f"n{i}", f"n{i + 1}", (f"l{i}",), 0.5)
    conf = {f"l{i}": 0.9 for i in range(3000)}
    most = MAX_WORK // (3001 + 3000 + 3000)
    with pytest.raises(OutOfBounds, match=f"at most {most:,} here"):
        holding_probability(graph, ["n0", "n3000"], conf, samples=most + 1)


def test_negative_seed_is_refused() -> None:
    graph = graph_of([("a", "b", ("ab",))])
    with pytest.raises(OutOfBounds, match="seed must be 0 or more"):
        holding_probability(graph, ["a", "b"], {"ab": 0.5}, samples=100, seed=-1)


def test_the_draws_follow_the_documented_layout() -> None:
    # docs/whatif.md, "Estimation": uniforms U = default_rng(SeedSequence(seed).spawn(2)[0])
    # .random((samples, L)); column j is the j-th link, ties sorted by their ends' ids, each
    # tie's links in the view's order; link j is present in draw i iff U[i, j] < confidence.
    # The path a - c - b (ties added out of that order; a~c has two links) holds when both
    # ties do.
    import numpy as np

    graph = TieGraph()
    graph.add_tie("b", "c", ("bc",), 0.5)
    graph.add_tie("c", "a", ("ca2", "ca1"), 0.5)
    confidence = {"bc": 0.6, "ca2": 0.3, "ca1": 0.5}
    samples, seed = 500, 7
    result = holding_probability(graph, ["a", "b"], confidence, samples=samples, seed=seed)
    order = ["ca2", "ca1", "bc"]  # tie a~c before b~c; within a~c its links as given
    uniforms = np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[0]).random(
        (samples, len(order))
    )
    present = uniforms < np.array([confidence[i] for i in order])
    ac, bc = present[:, 0] | present[:, 1], present[:, 2]
    assert result.holding.successes == int((ac & bc).sum())
    # bc decides a draw whenever a~c is present; ca1 whenever bc is and ca2 is not
    importance = {li.link: li.importance.successes for li in result.links}
    assert importance["bc"] == int(ac.sum())
    assert importance["ca1"] == int((bc & ~present[:, 0]).sum())
    assert importance["ca2"] == int((bc & ~present[:, 1]).sum())
