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
pair can have a non-zero score, so the recomputation is limited to those. Minimum cuts are
searched only for pairs with at most MAX_CUT_ROUTES independent routes (`cuts_skipped` lists
the others; their lambda is exact).

Two engines answer the same questions: pure Python (`_PythonPaths`, the reference) and
scipy.sparse.csgraph (`_CompiledPaths`, for large graphs; docs/scale.md).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from scenarios.analysis.paths import ABS_TOL, ShortestPathTree, same_cost, shortest_path_tree
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
    cuts_skipped: tuple[Pair, ...] = ()  # lambda > MAX_CUT_ROUTES: minimum cuts not searched
    engine: str = "python"

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


MAX_CUT_ROUTES = 50
"""Minimum cuts are searched only for key pairs with at most this many independent routes.

For a pair with lambda independent routes each tie of a minimum cut adds 1/lambda (divided by
the number of pairs) to route_loss; above this limit that is under 2 % per pair, and finding
the cuts costs a maximum flow and a strongly-connected-components pass over the whole graph.
Such pairs are listed in `DependencyResult.cuts_skipped` (their lambda is still exact).
"""

Engine = str  # "auto" | "python" | "compiled"


class _PythonPaths:
    """Pure-Python Dijkstra trees and Edmonds-Karp flows: the reference, and fast when small."""

    name = "python"

    def __init__(self, graph: TieGraph, keys: list[str], weighted: bool) -> None:
        self.graph, self.weighted = graph, weighted
        self.trees = {s: shortest_path_tree(graph, s, weighted=weighted) for s in keys}
        self.hop_trees = (
            self.trees
            if not weighted
            else {s: shortest_path_tree(graph, s, weighted=False) for s in keys}
        )

    def cost(self, s: str, t: str) -> float | None:
        return self.trees[s].dist.get(t)

    def hops(self, s: str, t: str) -> int | None:
        d = self.hop_trees[s].dist.get(t)
        return None if d is None else round(d)

    def fractions(self, s: str, t: str) -> dict[Tie, float]:
        return tie_fractions(self.trees[s], t)

    def after(self, edge: Tie, affected: list[Pair]) -> dict[Pair, float | None]:
        by_source: dict[str, list[str]] = defaultdict(list)
        for s, t in affected:
            by_source[s].append(t)
        out: dict[Pair, float | None] = {}
        for s, targets in by_source.items():
            tree = shortest_path_tree(
                self.graph, s, weighted=self.weighted, skip={edge}, targets=targets
            )
            for t in targets:
                out[(s, t)] = tree.dist.get(t)
        return out

    def hops_after(self, edge: Tie, s: str, t: str) -> int | None:
        tree = shortest_path_tree(self.graph, s, weighted=False, skip={edge}, targets={t})
        hops = tree.dist.get(t)
        return None if hops is None else round(hops)

    def cuts(
        self, connected: list[Pair], disconnecting: Mapping[Pair, set[Tie]]
    ) -> tuple[dict[Pair, int], dict[Pair, set[Tie]]]:
        routes: dict[Pair, int] = {}
        in_cut: dict[Pair, set[Tie]] = {}
        for s, t in connected:
            lam, ties = min_cut_ties(self.graph, s, t)
            routes[(s, t)] = lam
            if lam <= MAX_CUT_ROUTES:
                in_cut[(s, t)] = ties
        return routes, in_cut


class _CompiledPaths:
    """The same questions answered with scipy.sparse.csgraph on a `CompactGraph`.

    Dijkstra from each key actor once (weighted and hop count); cheapest-path DAGs are read
    off the distance arrays (a tie u-v is on a cheapest path iff d(u) + cost = d(v), within
    `ABS_TOL`) by walking back from the target only. A cut tie is recomputed from as few key
    actors as cover its affected pairs. lambda for all key pairs comes from a flow-equivalent
    tree (k - 1 maximum flows); minimum cuts are searched per pair only where lambda is
    between 2 and MAX_CUT_ROUTES (lambda 1: the cut ties are the ties that disconnect it).
    """

    name = "compiled"

    def __init__(self, graph: TieGraph, keys: list[str], weighted: bool) -> None:
        import numpy as np

        from scenarios.analysis import engine

        self.np, self.engine = np, engine
        self.cg = cg = engine.compact(graph)
        self.weighted = weighted
        self.keys = keys
        self.row = {k: i for i, k in enumerate(keys)}
        sources = [cg.index[k] for k in keys]
        self.hop_dist = engine.distances(cg, sources, weighted=False)
        self.dist = engine.distances(cg, sources) if weighted else self.hop_dist
        self.ones = np.ones_like(cg.cost)

    def cost(self, s: str, t: str) -> float | None:
        d = float(self.dist[self.row[s], self.cg.index[t]])
        return d if d != float("inf") else None

    def hops(self, s: str, t: str) -> int | None:
        d = float(self.hop_dist[self.row[s], self.cg.index[t]])
        return round(d) if d != float("inf") else None

    def fractions(self, s: str, t: str) -> dict[Tie, float]:
        costs = self.cg.cost if self.weighted else self.ones
        return self._dag_fractions(self.dist[self.row[s]], costs, s, t)

    def _dag_fractions(self, dist: Any, costs: Any, s: str, t: str) -> dict[Tie, float]:
        """`tie_fractions` on the cheapest-path DAG implied by the distances from s."""
        np, cg = self.np, self.cg
        source, target = cg.index[s], cg.index[t]
        if source == target or not np.isfinite(dist[target]):
            return {}
        preds: dict[int, list[int]] = {}
        stack = [target]
        seen = {target}
        indptr, indices = cg.indptr, cg.indices
        while stack:
            x = stack.pop()
            lo, hi = int(indptr[x]), int(indptr[x + 1])
            nbrs = indices[lo:hi]
            du = dist[nbrs]
            tight = (du < dist[x]) & (np.abs(du + costs[lo:hi] - dist[x]) <= ABS_TOL)
            preds[x] = found = nbrs[tight].tolist()
            for p in found:
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        order = sorted(seen, key=lambda v: float(dist[v]))
        sigma = {source: 1}
        for x in order:
            if x != source:
                sigma[x] = sum(sigma[p] for p in preds[x])
        to_target = dict.fromkeys(seen, 0)
        to_target[target] = 1
        names = cg.names
        fractions: dict[Tie, float] = {}
        for x in reversed(order):
            for p in preds.get(x, ()):
                to_target[p] += to_target[x]
                fractions[tie(names[p], names[x])] = sigma[p] * to_target[x] / sigma[target]
        return fractions

    def after(self, edge: Tie, affected: list[Pair]) -> dict[Pair, float | None]:
        uncovered = set(affected)
        out: dict[Pair, float | None] = {}
        while uncovered:
            counts: dict[str, int] = defaultdict(int)
            for s, t in uncovered:
                counts[s] += 1
                counts[t] += 1
            source = min(counts, key=lambda k: (-counts[k], self.row[k]))
            pairs = [p for p in uncovered if source in p]
            ends = [self.cg.index[t if s == source else s] for s, t in pairs]
            # search only as far as needed: distances within a limit are exact, so widen it
            # (a 22 %, then 63 % weakening) and only search the whole graph if still short
            farthest = float(max(self.dist[self.row[source], ends]))
            for limit in (farthest + 0.25, farthest + 1.0, None):
                row = self.engine.distances(
                    self.cg,
                    [self.cg.index[source]],
                    weighted=self.weighted,
                    cut=[edge],
                    limit=limit,
                )[0]
                if limit is None or all(row[end] != float("inf") for end in ends):
                    break
            for (s, t), end in zip(pairs, ends, strict=True):
                d = float(row[end])
                out[(s, t)] = d if d != float("inf") else None
                uncovered.discard((s, t))
        return out

    def hops_after(self, edge: Tie, s: str, t: str) -> int | None:
        hop_row = self.hop_dist[self.row[s]]
        fraction = self._dag_fractions(hop_row, self.ones, s, t).get(edge, 0.0)
        if not same_cost(fraction, 1.0):  # a fewest-hop path avoids the tie
            return self.hops(s, t)
        row = self.engine.distances(self.cg, [self.cg.index[s]], weighted=False, cut=[edge])[0]
        d = float(row[self.cg.index[t]])
        return round(d) if d != float("inf") else None

    def cuts(
        self, connected: list[Pair], disconnecting: Mapping[Pair, set[Tie]]
    ) -> tuple[dict[Pair, int], dict[Pair, set[Tie]]]:
        index = self.cg.index
        lam = self.engine.flow_tree(self.cg, [index[k] for k in self.keys])
        routes: dict[Pair, int] = {}
        in_cut: dict[Pair, set[Tie]] = {}
        for s, t in connected:
            routes[(s, t)] = value = lam[(index[s], index[t])]
            if value == 1:
                in_cut[(s, t)] = set(disconnecting.get((s, t), ()))
            elif value <= MAX_CUT_ROUTES:
                flow = self.engine.max_flow(self.cg, index[s], index[t])
                in_cut[(s, t)] = set(flow.in_some_min_cut)
        return routes, in_cut


def _choose_engine(graph: TieGraph, engine: Engine) -> str:
    if engine == "auto":
        from scenarios.analysis.engine import COMPILED_ABOVE

        return "compiled" if graph.number_of_edges() > COMPILED_ABOVE else "python"
    if engine not in ("python", "compiled"):
        raise ValueError(f"unknown engine {engine!r}")
    return engine


def dependencies(
    graph: TieGraph,
    key_actors: Sequence[str],
    *,
    weighted: bool = True,
    engine: Engine = "auto",
) -> DependencyResult:
    """Rank the ties of `graph` by how much the key actors' connection depends on them.

    `engine`: "python" (pure Python, the reference), "compiled" (scipy.sparse.csgraph, see
    `_CompiledPaths`), or "auto": compiled above `engine.COMPILED_ABOVE` ties. Both give the
    same result (tests/analysis/test_engine.py).

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
    ...     g.add_tie(u, v, (f"{u}-{v}",), 0.5)
    >>> [(d.tie, d.score) for d in dependencies(g, ["a", "d"]).ties][:1]
    [(('c', 'd'), 1.0)]
    """
    keys = [k for k in dict.fromkeys(key_actors) if k in graph]
    chosen = _choose_engine(graph, engine)
    paths: _PythonPaths | _CompiledPaths = (
        _CompiledPaths(graph, keys, weighted)
        if chosen == "compiled"
        else _PythonPaths(graph, keys, weighted)
    )
    pairs = list(itertools.combinations(keys, 2))
    before = {p: paths.cost(*p) for p in pairs}
    connected = [p for p in pairs if before[p] is not None]

    share: dict[Tie, float] = defaultdict(float)
    on_every_path: dict[Tie, list[Pair]] = defaultdict(list)
    for s, t in connected:
        for edge, fraction in paths.fractions(s, t).items():
            share[edge] += fraction / len(connected)
            if same_cost(fraction, 1.0):
                on_every_path[edge].append((s, t))

    damages: dict[Tie, list[PairDamage]] = defaultdict(list)
    disconnecting: dict[Pair, set[Tie]] = defaultdict(set)
    for edge, affected in on_every_path.items():
        after = paths.after(edge, affected)
        for s, t in affected:
            cost_before = before[(s, t)]
            assert cost_before is not None
            cost_after = after[(s, t)]
            damage = (
                1.0 if cost_after is None else max(0.0, 1.0 - math.exp(cost_before - cost_after))
            )
            if cost_after is None:
                disconnecting[(s, t)].add(edge)
            hops = paths.hops(s, t)
            assert hops is not None
            damages[edge].append(PairDamage(s, t, cost_before, cost_after, hops, None, damage))

    routes, cut_ties = paths.cuts(connected, disconnecting)
    min_cut_pairs: dict[Tie, list[Pair]] = defaultdict(list)
    for pair, in_cut in cut_ties.items():
        for edge in in_cut:
            min_cut_pairs[edge].append(pair)

    n_pairs = len(connected)
    results: list[TieDependency] = []
    for edge in set(share) | set(min_cut_pairs) | set(damages):
        pair_damages = damages.get(edge, [])
        worst = _worst(pair_damages)
        if worst is not None and worst.cost_after is not None:
            worst = replace(worst, hops_after=paths.hops_after(edge, worst.source, worst.target))
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
        KeyPair(s, t, before[(s, t)], paths.hops(s, t), routes.get((s, t), 0)) for s, t in pairs
    )
    skipped = tuple(p for p in connected if p not in cut_ties)
    return DependencyResult(
        tuple(keys),
        key_pairs,
        tuple(results),
        graph.number_of_edges(),
        cuts_skipped=skipped,
        engine=paths.name,
    )


def _worst(damages: Sequence[PairDamage]) -> PairDamage | None:
    """The pair a cut hurts most; damages within ABS_TOL count as equal (the same replacement
    cost summed from either end may differ in the last bit), then the last pair by name."""
    if not damages:
        return None
    top = max(d.damage for d in damages)
    return max(
        (d for d in damages if d.damage >= top - ABS_TOL), key=lambda d: (d.source, d.target)
    )


def key_pairs_of(key_actors: Iterable[str]) -> list[Pair]:
    return list(itertools.combinations(dict.fromkeys(key_actors), 2))
