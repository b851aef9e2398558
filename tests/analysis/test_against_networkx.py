"""Our hand-written path, flow and dependency code against networkx on random graphs."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

from scenarios.analysis.dependency import dependencies, min_cut_ties, tie_fractions
from scenarios.analysis.paths import shortest_path_tree
from scenarios.graph import COST, WEIGHT, TieGraph, tie

SEEDS = range(12)


def random_tie_graph(seed: int, n: int = 14, p: float = 0.25) -> TieGraph:
    rng = random.Random(seed)
    reference = nx.gnp_random_graph(n, p, seed=seed)
    graph = TieGraph()
    for node in reference:
        graph.add_node(f"n{node}")
    for u, v in reference.edges:
        graph.add_tie(f"n{u}", f"n{v}", (f"e{u}-{v}",), rng.choice([0.2, 0.35, 0.5, 0.7, 0.9, 1.0]))
    return graph


@pytest.mark.parametrize("seed", SEEDS)
def test_dijkstra_distances_match_networkx(seed: int) -> None:
    graph = random_tie_graph(seed)
    reference = graph.to_networkx()
    for source in list(graph.adj)[:4]:
        ours = shortest_path_tree(graph, source).dist
        theirs = nx.single_source_dijkstra_path_length(reference, source, weight=COST)
        assert ours.keys() == theirs.keys()
        for node, d in theirs.items():
            assert ours[node] == pytest.approx(d, abs=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_path_fractions_match_enumerated_shortest_paths(seed: int) -> None:
    graph = random_tie_graph(seed)
    reference = graph.to_networkx()
    nodes = list(graph.adj)
    for source, target in itertools.islice(itertools.combinations(nodes, 2), 25):
        tree = shortest_path_tree(graph, source, weighted=False)
        fractions = tie_fractions(tree, target)
        if not nx.has_path(reference, source, target):
            assert fractions == {}
            continue
        paths = list(nx.all_shortest_paths(reference, source, target))
        assert tree.sigma[target] == len(paths)
        counted: dict[tuple[str, str], float] = {}
        for path in paths:
            for u, v in itertools.pairwise(path):
                counted[tie(u, v)] = counted.get(tie(u, v), 0) + 1 / len(paths)
        assert fractions == pytest.approx(counted)


@pytest.mark.parametrize("seed", SEEDS)
def test_min_cuts_match_networkx_and_brute_force(seed: int) -> None:
    graph = random_tie_graph(seed)
    reference = graph.to_networkx()
    nodes = list(graph.adj)
    for source, target in itertools.islice(itertools.combinations(nodes, 2), 12):
        routes, in_cut = min_cut_ties(graph, source, target)
        expected = (
            nx.edge_connectivity(reference, source, target)
            if nx.has_path(reference, source, target)
            else 0
        )
        assert routes == expected
        brute = set()
        for u, v in reference.edges:
            smaller = reference.copy()
            smaller.remove_edge(u, v)
            lam = (
                nx.edge_connectivity(smaller, source, target)
                if nx.has_path(smaller, source, target)
                else 0
            )
            if lam < routes:
                brute.add(tie(u, v))
        assert in_cut == brute


def product(graph: nx.Graph, path: list[str]) -> float:
    strength = 1.0
    for u, v in itertools.pairwise(path):
        strength *= graph.edges[u, v][WEIGHT]
    return strength


@pytest.mark.parametrize("seed", SEEDS)
def test_dependency_scores_match_brute_force_recomputation(seed: int) -> None:
    graph = random_tie_graph(seed, n=12, p=0.3)
    reference = graph.to_networkx()
    keys = sorted(graph.adj)[:4]
    result = dependencies(graph, keys)
    pairs = [(s, t) for s, t in itertools.combinations(keys, 2) if nx.has_path(reference, s, t)]
    scores = result.by_tie()
    for u, v in reference.edges:
        smaller = reference.copy()
        smaller.remove_edge(u, v)
        damage = 0.0
        for s, t in pairs:
            # strengths are products of true weights along a strongest chain: the hop
            # tie-break in COST picks the chain, it never changes the value
            before = product(reference, nx.dijkstra_path(reference, s, t, weight=COST))
            if nx.has_path(smaller, s, t):
                after = product(smaller, nx.dijkstra_path(smaller, s, t, weight=COST))
                damage += 0.0 if math.isclose(after, before, rel_tol=1e-9) else 1 - after / before
            else:
                damage += 1
        expected = damage / len(pairs) if pairs else 0.0
        got = scores[tie(u, v)].score if tie(u, v) in scores else 0.0
        assert got == pytest.approx(expected, abs=1e-9), (u, v)
