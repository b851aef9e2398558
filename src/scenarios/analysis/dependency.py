"""Which ties a scenario stands on: how much its key actors' connection suffers when one is cut.

Let K be the scenario's key actors and P the pairs of K that are connected. rho(s, t) is the
strength of the strongest chain between s and t (the product of tie weights along it, i.e.
exp(-d) for the cheapest-path cost d, see `scenarios.graph`); rho'(s, t) is the same with tie
e cut. For every tie e:

    damage_st(e) = 1 - rho'(s, t) / rho(s, t)     (1 when the cut disconnects s and t)
    score(e)     = mean over P of damage_st(e)    "vitality": the share of key-pair route
                                                   strength lost to the cut
    share(e)     = mean over P of sigma_st(e) / sigma_st
                                                   share of cheapest key-pair paths using e
    route_loss(e)= mean over P of [e is in a minimum s-t edge cut] / lambda(s, t)
                                                   share of independent routes lost
                                                   (lambda = edge-disjoint s-t paths)

Ties are ranked by score, then route_loss, then share. `disconnects` lists the key pairs a
cut separates (the tie is a bridge between them). Only ties on every cheapest path of some
pair can have a non-zero score, so the recomputation is limited to those.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.analysis.paths import ShortestPathTree, same_cost, shortest_path_tree
from scenarios.graph import LINKS, Tie, tie

if TYPE_CHECKING:
    from scenarios.graph import TieGraph

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class KeyPair:
    """Two key actors and how they are connected before any cut."""

    source: str
    target: str
    cost: float | None
    hops: int | None
    routes: int


@dataclass(frozen=True, slots=True)
class PairDamage:
    """What cutting one tie does to one key pair."""

    source: str
    target: str
    cost_before: float
    cost_after: float | None  # None: disconnected
    hops_before: int
    hops_after: int | None
    damage: float


@dataclass(frozen=True, slots=True)
class TieDependency:
    """One tie's importance to the scenario (see the module docstring for the formulas)."""

    tie: Tie
    links: tuple[str, ...]
    score: float
    path_share: float
    route_loss: float
    disconnects: tuple[Pair, ...]
    in_min_cut: tuple[Pair, ...]
    worst: PairDamage | None


@dataclass(frozen=True, slots=True)
class DependencyResult:
    key_actors: tuple[str, ...]
    pairs: tuple[KeyPair, ...]
    ties: tuple[TieDependency, ...]
    ties_considered: int

    def top(self, n: int | None) -> tuple[TieDependency, ...]:
        return self.ties if n is None else self.ties[:n]

    def by_tie(self) -> dict[Tie, TieDependency]:
        return {dep.tie: dep for dep in self.ties}


def tie_fractions(tree: ShortestPathTree, target: str) -> dict[Tie, float]:
    """For each tie, the fraction of cheapest source->target paths that use it."""
    if target not in tree.dist or target == tree.source:
        return {}
    # collect the part of the predecessor DAG that leads to target
    nodes = {target}
    stack = [target]
    while stack:
        node = stack.pop()
        for pred in tree.preds[node]:
            if pred not in nodes:
                nodes.add(pred)
                stack.append(pred)
    to_target: dict[str, int] = dict.fromkeys(nodes, 0)
    to_target[target] = 1
    total = tree.sigma[target]
    fractions: dict[Tie, float] = {}
    for node in sorted(nodes, key=lambda v: tree.dist[v], reverse=True):
        for pred in tree.preds[node]:
            to_target[pred] += to_target[node]
            fractions[tie(pred, node)] = tree.sigma[pred] * to_target[node] / total
    return fractions


def min_cut_ties(graph: TieGraph, source: str, target: str) -> tuple[int, set[Tie]]:
    """Edge connectivity lambda(s, t) and the ties that lie in at least one minimum s-t cut.

    Every tie is a unit capacity in both directions. One max flow (Edmonds-Karp: shortest
    augmenting paths); a saturated arc lies in some minimum cut iff its ends are in different
    strongly connected components of the residual graph (Picard & Queyranne 1980). Cutting
    such a tie lowers lambda by one.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v in [("s", "a"), ("a", "t"), ("s", "b"), ("b", "t")]:
    ...     g.add_tie(u, v, (), 0.5)
    >>> min_cut_ties(g, "s", "t")[0]
    2
    """
    adj = graph.adj
    flow: dict[tuple[str, str], int] = {}  # net flow u -> v on the tie {u, v}; antisymmetric

    def residual(u: str, v: str) -> int:
        return 1 - flow.get((u, v), 0)

    routes = 0
    while True:
        parent: dict[str, str] = {source: source}
        frontier = [source]
        while frontier and target not in parent:
            following: list[str] = []
            for u in frontier:
                for v in adj[u]:
                    if v not in parent and residual(u, v) > 0:
                        parent[v] = u
                        following.append(v)
            frontier = following
        if target not in parent:
            break
        node = target
        while node != source:
            prev = parent[node]
            flow[(prev, node)] = flow.get((prev, node), 0) + 1
            flow[(node, prev)] = flow.get((node, prev), 0) - 1
            node = prev
        routes += 1
    component = _strong_components(adj, residual)
    in_cut = {tie(u, v) for (u, v), f in flow.items() if f >= 1 and component[u] != component[v]}
    return routes, in_cut


def _strong_components(
    adj: Mapping[str, Mapping[str, object]], residual: Callable[[str, str], int]
) -> dict[str, int]:
    """Tarjan's strongly connected components of the residual arcs, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in adj:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(adj[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, neighbours = work[-1]
            advanced = False
            for nxt in neighbours:
                if residual(node, nxt) <= 0:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(adj[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                label = len(set(component.values())) if component else 0
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = label
                    if member == node:
                        break
    return component


def dependencies(
    graph: TieGraph, key_actors: Sequence[str], *, weighted: bool = True
) -> DependencyResult:
    """Rank the ties of `graph` by how much the key actors' connection depends on them.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
    ...     g.add_tie(u, v, (f"{u}-{v}",), 0.5)
    >>> [(d.tie, d.score) for d in dependencies(g, ["a", "d"]).ties][:1]
    [(('c', 'd'), 1.0)]
    """
    keys = [k for k in dict.fromkeys(key_actors) if k in graph]
    trees = {s: shortest_path_tree(graph, s, weighted=weighted) for s in keys}
    hop_trees = (
        trees if not weighted else {s: shortest_path_tree(graph, s, weighted=False) for s in keys}
    )
    pairs = list(itertools.combinations(keys, 2))
    connected = [(s, t) for s, t in pairs if t in trees[s].dist]

    share: dict[Tie, float] = defaultdict(float)
    on_every_path: dict[Tie, list[Pair]] = defaultdict(list)
    for s, t in connected:
        for edge, fraction in tie_fractions(trees[s], t).items():
            share[edge] += fraction / len(connected)
            if same_cost(fraction, 1.0):
                on_every_path[edge].append((s, t))

    damages: dict[Tie, list[PairDamage]] = defaultdict(list)
    for edge, affected in on_every_path.items():
        by_source: dict[str, list[str]] = defaultdict(list)
        for s, t in affected:
            by_source[s].append(t)
        for s, targets in by_source.items():
            after = shortest_path_tree(graph, s, weighted=weighted, skip={edge}, targets=targets)
            for t in targets:
                before = trees[s].dist[t]
                cost_after = after.dist.get(t)
                damage = (
                    1.0 if cost_after is None else max(0.0, 1.0 - math.exp(before - cost_after))
                )
                damages[edge].append(
                    PairDamage(s, t, before, cost_after, round(hop_trees[s].dist[t]), None, damage)
                )

    routes: dict[Pair, int] = {}
    min_cut_pairs: dict[Tie, list[Pair]] = defaultdict(list)
    for s, t in connected:
        lam, in_cut = min_cut_ties(graph, s, t)
        routes[(s, t)] = lam
        for edge in in_cut:
            min_cut_pairs[edge].append((s, t))

    n_pairs = len(connected)
    results: list[TieDependency] = []
    for edge in set(share) | set(min_cut_pairs) | set(damages):
        pair_damages = damages.get(edge, [])
        worst = max(pair_damages, key=lambda d: (d.damage, d.source, d.target), default=None)
        if worst is not None:
            worst = _with_hops_after(graph, worst, edge)
        cut_pairs = min_cut_pairs.get(edge, [])
        results.append(
            TieDependency(
                tie=edge,
                links=tuple(graph.adj[edge[0]][edge[1]][LINKS]),
                score=sum(d.damage for d in pair_damages) / n_pairs if n_pairs else 0.0,
                path_share=share.get(edge, 0.0),
                route_loss=sum(1.0 / routes[p] for p in cut_pairs) / n_pairs if n_pairs else 0.0,
                disconnects=tuple(
                    sorted((d.source, d.target) for d in pair_damages if d.cost_after is None)
                ),
                in_min_cut=tuple(sorted(cut_pairs)),
                worst=worst,
            )
        )
    results.sort(
        key=lambda d: (
            -round(d.score, 12),
            -round(d.route_loss, 12),
            -round(d.path_share, 12),
            d.tie,
        )
    )
    key_pairs = tuple(
        KeyPair(
            s,
            t,
            trees[s].dist.get(t),
            round(hop_trees[s].dist[t]) if t in hop_trees[s].dist else None,
            routes.get((s, t), 0),
        )
        for s, t in pairs
    )
    return DependencyResult(tuple(keys), key_pairs, tuple(results), graph.number_of_edges())


def _with_hops_after(graph: TieGraph, damage: PairDamage, edge: Tie) -> PairDamage:
    if damage.cost_after is None:
        return damage
    tree = shortest_path_tree(
        graph, damage.source, weighted=False, skip={edge}, targets={damage.target}
    )
    hops = tree.dist.get(damage.target)
    return PairDamage(
        damage.source,
        damage.target,
        damage.cost_before,
        damage.cost_after,
        damage.hops_before,
        None if hops is None else round(hops),
        damage.damage,
    )


def key_pairs_of(key_actors: Iterable[str]) -> list[Pair]:
    return list(itertools.combinations(dict.fromkeys(key_actors), 2))
