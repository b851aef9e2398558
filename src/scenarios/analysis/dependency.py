"""Which ties a scenario stands on: how much its key actors' connection suffers when one is cut.

Let K be the scenario's key actors and P the pairs of K that are connected. rho(s, t) is the
strength of the strongest chain between s and t: the product of the true tie weights along it
(`scenarios.graph.chain_strength`: the hop tie-break orders chains, never changes a strength);
rho_X(s, t) is the same with the ties X cut. For a cut X (one tie, a channel, a group):

    damage_st(X) = 1 - rho_X(s, t) / rho(s, t)   (1 when the cut disconnects s and t;
                                                  0 when |ln rho - ln rho_X| <= ABS_TOL)
    score(X)     = mean over P of damage_st(X)   "vitality": the share of key-pair chain
                                                  strength lost to the cut

and, for one tie e (`depends --ties`),

    share(e)     = mean over P of sigma_st(e) / sigma_st
                                                  share of strongest key-pair paths using e
    route_loss(e)= mean over P of [e is in a minimum s-t edge cut] / lambda(s, t)
                                                  share of independent routes lost
                                                  (lambda = edge-disjoint s-t paths)

Ties are ranked by score, then route_loss, then share. `disconnects` lists the key pairs a
cut separates (the tie is a bridge between them). Only ties on every strongest path of some
pair can have a non-zero score alone, so the recomputation is limited to those. Minimum cuts
are searched only for pairs with at most MAX_CUT_ROUTES independent routes (`cuts_skipped`
lists the others; their lambda is exact). Ties made only of structural links are not cut
(`scenarios.graph.is_cut_candidate`): they carry chains but are how actors are organised.

Two engines answer the same questions: pure Python (`_PythonPaths`, the reference) and
scipy.sparse.csgraph (`_CompiledPaths`, for large graphs; docs/scale.md). `KeyChains` holds
one engine and the uncut key-pair chains, and answers "what if these ties were cut" for the
channel analysis (`scenarios.analysis.channels`) too.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from scenarios.analysis.paths import (
    ABS_TOL,
    MAX_LISTED_PATHS,
    ShortestPathTree,
    same_cost,
    shortest_path_tree,
)
from scenarios.graph import (
    COST,
    HOP_TIEBREAK,
    LINKS,
    WEIGHT,
    Tie,
    chain_strength,
    is_cut_candidate,
    tie,
)
from scenarios.memory import gc_paused

if TYPE_CHECKING:
    from scenarios.analysis import engine as engine_module
    from scenarios.graph import TieGraph

Pair = tuple[str, str]
Chain = tuple[float, int]  # a strongest chain: (summed cost, hops)
MAX_SIMPLE_SEARCH_TIES = 1_000  # above: a chain through a tie that crosses itself is a bound


@dataclass(frozen=True, slots=True)
class KeyPair:
    """Two key actors and how they are connected before any cut."""

    source: str
    target: str
    strength: float  # of the strongest chain: product of its tie weights (0: not connected)
    hops: int | None  # hops of that chain (the fewest among equally strong ones)
    fewest_hops: int | None  # fewest hops of any chain, whatever its strength
    routes: int  # lambda: edge-disjoint routes
    path: tuple[str, ...]  # one strongest chain (fewest hops, then alphabetical)


@dataclass(frozen=True, slots=True)
class PairDamage:
    """What a cut does to one key pair."""

    source: str
    target: str
    strength_before: float
    strength_after: float  # 0 when disconnected
    disconnected: bool
    fewest_hops_before: int
    fewest_hops_after: int | None  # set where a sentence needs it; None: not computed or apart
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
    in_min_cut: tuple[Pair, ...]  # the key pairs with the tie in a minimum cut, in key-pair order
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


def pair_damage(before: Chain, after: Chain | None) -> float:
    """1 - rho_after / rho_before from two chains (cost, hops); 1 if `after` is None.

    The hop tie-break is taken out of both costs first, so an equally strong detour with more
    hops does no damage:

    >>> from scenarios.graph import tie_cost
    >>> pair_damage((tie_cost(0.5), 1), (2 * tie_cost(1.0) + tie_cost(0.5), 3))
    0.0
    >>> round(pair_damage((tie_cost(0.5), 1), (2 * tie_cost(0.5), 2)), 6)
    0.5
    """
    if after is None:
        return 1.0
    lost = (after[0] - HOP_TIEBREAK * after[1]) - (before[0] - HOP_TIEBREAK * before[1])
    return 0.0 if lost <= ABS_TOL else -math.expm1(-lost)


def tie_fractions(tree: ShortestPathTree, target: str) -> dict[Tie, float]:
    """For each tie, the fraction of cheapest source->target paths that use it."""
    if target not in tree.dist or target == tree.source:
        return {}
    return _dag_fractions(tree.preds, tree.sigma, tree.dist, target)


def _dag_fractions(
    preds: Mapping[str, Sequence[str]],
    sigma: Mapping[str, int],
    dist: Mapping[str, float],
    target: str,
) -> dict[Tie, float]:
    """Tie fractions on the part of a cheapest-path DAG that leads to `target`."""
    nodes = {target}
    stack = [target]
    while stack:
        node = stack.pop()
        for pred in preds[node]:
            if pred not in nodes:
                nodes.add(pred)
                stack.append(pred)
    to_target: dict[str, int] = dict.fromkeys(nodes, 0)
    to_target[target] = 1
    total = sigma[target]
    fractions: dict[Tie, float] = {}
    for node in sorted(nodes, key=lambda v: dist[v], reverse=True):
        for pred in preds[node]:
            to_target[pred] += to_target[node]
            fractions[tie(pred, node)] = sigma[pred] * to_target[node] / total
    return fractions


def best_path(preds: Mapping[str, Sequence[str]], source: str, target: str) -> tuple[str, ...]:
    """The strongest chain `paths.cheapest_paths` shows: fewest hops, then alphabetical, among
    the first MAX_LISTED_PATHS read off the predecessor DAG."""
    stack: list[tuple[str, tuple[str, ...]]] = [(target, (target,))]
    found: list[tuple[str, ...]] = []
    while stack and len(found) < MAX_LISTED_PATHS:
        node, suffix = stack.pop()
        if node == source:
            found.append(suffix)
            continue
        for pred in sorted(preds[node], reverse=True):
            stack.append((pred, (pred, *suffix)))
    return min(found, key=lambda p: (len(p), p)) if found else ()


def path_strength(graph: TieGraph, actors: Sequence[str]) -> float:
    """The product of the tie weights along a path, multiplied in order (as `path` does)."""
    strength = 1.0
    for u, v in itertools.pairwise(actors):
        strength *= graph.adj[u][v][WEIGHT]
    return strength


def strongest_simple_through(graph: TieGraph, edge: Tie, s: str, t: str) -> tuple[str, ...]:
    """The strongest chain from `s` to `t` that runs through `edge` and visits no actor twice
    (empty: none does).

    A minimum-cost flow of two units from the tie's middle, one out of each end, to `s` and
    `t`, costs -ln w: every actor is split in two with capacity 1, so the two routes share
    none (Suurballe's construction). Two successive shortest paths, the second on costs
    reduced by the first's distances so Dijkstra still applies. Hand-written rather than
    networkx's `min_cost_flow`: importing networkx alone would double `depends`' start-up.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v, w in [("s", "h", 0.9), ("h", "t", 0.9), ("h", "x", 0.5), ("x", "y", 0.5)]:
    ...     g.add_tie(u, v, (f"{u}-{v}",), w)
    >>> strongest_simple_through(g, ("x", "y"), "s", "t")  # y is a dead end
    ()
    >>> g.add_tie("y", "t", ("y-t",), 0.5)
    >>> strongest_simple_through(g, ("x", "y"), "s", "t")
    ('s', 'h', 'x', 'y', 't')
    """
    u, v = edge
    index: dict[object, int] = {}
    head: list[int] = []  # arc i goes to head[i]; arc i ^ 1 is its reverse
    room: list[int] = []
    price: list[float] = []
    arcs: list[list[int]] = []

    def node(key: object) -> int:
        if key not in index:
            index[key] = len(index)
            arcs.append([])
        return index[key]

    def arc(a: int, b: int, cost: float) -> None:
        for x, y, r, c in ((a, b, 1, cost), (b, a, 0, -cost)):
            arcs[x].append(len(head))
            head.append(y)
            room.append(r)
            price.append(c)

    middle, end = node("middle"), node("end")
    for a in graph.adj:
        arc(node((a, "in")), node((a, "out")), 0.0)
    for a, neighbours in graph.adj.items():
        for b, data in neighbours.items():
            if {a, b} != {u, v}:
                arc(node((a, "out")), node((b, "in")), float(data[COST]))
    arc(middle, node((u, "in")), 0.0)
    arc(middle, node((v, "in")), 0.0)
    arc(node((s, "out")), end, 0.0)
    arc(node((t, "out")), end, 0.0)
    inf = math.inf
    potential = [0.0] * len(index)
    for _ in range(2):  # one unit at a time, the cheapest augmenting route each time
        dist = [inf] * len(index)
        came: list[int] = [-1] * len(index)
        dist[middle] = 0.0
        heap = [(0.0, middle)]
        while heap:
            d, x = heapq.heappop(heap)
            if d > dist[x]:
                continue
            for i in arcs[x]:
                y = head[i]
                if room[i] and potential[y] < inf:
                    nd = d + max(0.0, price[i] + potential[x] - potential[y])
                    if nd < dist[y]:
                        dist[y], came[y] = nd, i
                        heapq.heappush(heap, (nd, y))
        if dist[end] == inf:
            return ()
        y = end
        while y != middle:
            i = came[y]
            room[i] -= 1
            room[i ^ 1] += 1
            y = head[i ^ 1]
        potential = [p + d for p, d in zip(potential, dist, strict=True)]
    actor_of = {i: key[0] for key, i in index.items() if isinstance(key, tuple)}
    routes: dict[str, list[str]] = {}
    for start in (u, v):
        route, x = [start], index[(start, "out")]
        while (y := next(head[i] for i in arcs[x] if i % 2 == 0 and not room[i])) != end:
            route.append(actor_of[y])
            x = index[(actor_of[y], "out")]
        routes[route[-1]] = route
    return (*reversed(routes[s]), *routes[t])


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
    labels = 0
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
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = labels
                    if member == node:
                        break
                labels += 1
    return component


MAX_CUT_ROUTES = 50
"""Minimum cuts are searched only for key pairs with at most this many independent routes.

For a pair with lambda independent routes each tie of a minimum cut adds 1/lambda (divided by
the number of pairs) to route_loss; above this limit that is under 2 % per pair, and finding
the cuts costs a maximum flow and a strongly-connected-components pass over the whole graph.
Such pairs are listed in `DependencyResult.cuts_skipped` (their lambda is still exact). Both
engines apply the rule the same way.
"""

Engine = str  # "auto" | "python" | "compiled"


class _PythonPaths:
    """Pure-Python Dijkstra trees and Edmonds-Karp flows: the reference, and fast when small."""

    name = "python"

    def __init__(self, graph: TieGraph, keys: list[str]) -> None:
        self.graph = graph
        self.trees = {s: shortest_path_tree(graph, s) for s in keys}
        self.hop_trees = {s: shortest_path_tree(graph, s, weighted=False) for s in keys}

    def chain(self, s: str, t: str) -> Chain | None:
        tree = self.trees[s]
        d = tree.dist.get(t)
        return None if d is None else (d, tree.hops[t])

    def fewest_hops(self, s: str, t: str) -> int | None:
        d = self.hop_trees[s].dist.get(t)
        return None if d is None else round(d)

    def fractions(self, s: str, t: str) -> dict[Tie, float]:
        return tie_fractions(self.trees[s], t)

    def path(self, s: str, t: str) -> tuple[str, ...]:
        tree = self.trees[s]
        return best_path(tree.preds, s, t) if t in tree.dist else ()

    def after(self, cut: Collection[Tie], affected: Sequence[Pair]) -> dict[Pair, Chain | None]:
        by_source: dict[str, list[str]] = defaultdict(list)
        for s, t in affected:
            by_source[s].append(t)
        out: dict[Pair, Chain | None] = {}
        for s, targets in by_source.items():
            tree = shortest_path_tree(self.graph, s, skip=cut, targets=targets)
            for t in targets:
                d = tree.dist.get(t)
                out[(s, t)] = None if d is None else (d, tree.hops[t])
        return out

    def fewest_hops_after(self, cut: Collection[Tie], s: str, t: str) -> int | None:
        tree = shortest_path_tree(self.graph, s, weighted=False, skip=cut, targets={t})
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

    def routes(self, connected: list[Pair]) -> dict[Pair, int]:
        return {(s, t): min_cut_ties(self.graph, s, t)[0] for s, t in connected}


class _CompiledPaths:
    """The same questions answered with scipy.sparse.csgraph on a `CompactGraph`.

    Dijkstra from each key actor once (weighted, with predecessors for the hops of the chosen
    chains, and hop counts); cheapest-path DAGs are read off the distance arrays (a tie u-v is
    on a cheapest path iff d(u) + cost = d(v), within `ABS_TOL`) by walking back from the
    target only. A cut is recomputed from as few key actors as cover its affected pairs.
    lambda for all key pairs comes from a flow-equivalent tree (k - 1 maximum flows); minimum
    cuts are searched per pair only where lambda is between 2 and MAX_CUT_ROUTES (lambda 1:
    the cut ties are the ties that disconnect it).
    """

    name = "compiled"

    def __init__(
        self,
        graph: TieGraph,
        keys: list[str],
        cg: engine_module.CompactGraph | None = None,
        extra: Collection[Tie] = (),
    ) -> None:
        import numpy as np

        from scenarios.analysis import engine

        self.np, self.engine = np, engine
        self.graph = graph
        self.cg = cg = cg if cg is not None else engine.compact(graph, extra)
        self.keys = keys
        self.row = {k: i for i, k in enumerate(keys)}
        self.sources = [cg.index[k] for k in keys]
        self.dist, self.pred = engine.chains(cg, self.sources)
        self._hop_dist: Any = None
        self.ones = np.ones_like(cg.cost)
        self._dags: dict[Pair, tuple[dict[str, list[str]], dict[str, int], dict[str, float]]] = {}

    @property
    def hop_dist(self) -> Any:
        """Fewest hops from each key actor (one breadth-first search each, when first asked)."""
        if self._hop_dist is None:
            self._hop_dist = self.engine.distances(self.cg, self.sources, weighted=False)
        return self._hop_dist

    def chain_hops(self, i: int, j: int) -> int:
        return self.engine.hops_to(self.pred[i], self.sources[i], j)

    def chain(self, s: str, t: str) -> Chain | None:
        i, j = self.row[s], self.cg.index[t]
        d = float(self.dist[i, j])
        return (d, self.chain_hops(i, j)) if d != float("inf") else None

    def fewest_hops(self, s: str, t: str) -> int | None:
        d = float(self.hop_dist[self.row[s], self.cg.index[t]])
        return round(d) if d != float("inf") else None

    def _dag(self, s: str, t: str) -> tuple[dict[str, list[str]], dict[str, int], dict[str, float]]:
        """The cheapest s-t paths' DAG (by name): predecessors, path counts and distances."""
        found = self._dags.get((s, t))
        if found is None:
            found = self._dags[(s, t)] = self._read_dag(self.dist[self.row[s]], self.cg.cost, s, t)
        return found

    def _read_dag(
        self, dist: Any, costs: Any, s: str, t: str
    ) -> tuple[dict[str, list[str]], dict[str, int], dict[str, float]]:
        np, cg = self.np, self.cg
        source, target = cg.index[s], cg.index[t]
        preds: dict[int, list[int]] = {}
        stack = [target]
        seen = {target}
        indptr, indices = cg.indptr, cg.indices
        while stack:
            x = stack.pop()
            if x == source:
                preds[x] = []
                continue
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
        names = cg.names
        return (
            {names[x]: [names[p] for p in ps] for x, ps in preds.items()},
            {names[x]: c for x, c in sigma.items()},
            {names[x]: float(dist[x]) for x in seen},
        )

    def fractions(self, s: str, t: str) -> dict[Tie, float]:
        if s == t or self.chain(s, t) is None:
            return {}
        preds, sigma, dist = self._dag(s, t)
        return _dag_fractions(preds, sigma, dist, t)

    def path(self, s: str, t: str) -> tuple[str, ...]:
        if self.chain(s, t) is None:
            return ()
        return best_path(self._dag(s, t)[0], s, t)

    def after(self, cut: Collection[Tie], affected: Sequence[Pair]) -> dict[Pair, Chain | None]:
        uncovered = set(affected)
        out: dict[Pair, Chain | None] = {}
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
            start = self.cg.index[source]
            for limit in (farthest + 0.25, farthest + 1.0, None):
                row, pred = self.engine.chains(self.cg, [start], cut=cut, limit=limit)
                if limit is None or all(row[0, end] != float("inf") for end in ends):
                    break
            for (s, t), end in zip(pairs, ends, strict=True):
                d = float(row[0, end])
                hops = self.engine.hops_to(pred[0], start, end)
                out[(s, t)] = (d, hops) if d != float("inf") else None
                uncovered.discard((s, t))
        return out

    def fewest_hops_after(self, cut: Collection[Tie], s: str, t: str) -> int | None:
        if len(cut) == 1:
            preds, sigma, dist = self._read_dag(self.hop_dist[self.row[s]], self.ones, s, t)
            (edge,) = cut
            if not same_cost(_dag_fractions(preds, sigma, dist, t).get(edge, 0.0), 1.0):
                return self.fewest_hops(s, t)  # a fewest-hop path avoids the tie
        row = self.engine.distances(self.cg, [self.cg.index[s]], weighted=False, cut=list(cut))[0]
        d = float(row[self.cg.index[t]])
        return round(d) if d != float("inf") else None

    def cuts(
        self, connected: list[Pair], disconnecting: Mapping[Pair, set[Tie]]
    ) -> tuple[dict[Pair, int], dict[Pair, set[Tie]]]:
        index = self.cg.index
        routes = self.routes(connected)
        in_cut: dict[Pair, set[Tie]] = {}
        for s, t in connected:
            value = routes[(s, t)]
            if value == 1:
                in_cut[(s, t)] = set(disconnecting.get((s, t), ()))
            elif value <= MAX_CUT_ROUTES:
                flow = self.engine.max_flow(self.cg, index[s], index[t])
                in_cut[(s, t)] = set(flow.in_some_min_cut)
        return routes, in_cut

    def routes(self, connected: list[Pair]) -> dict[Pair, int]:
        index = self.cg.index
        lam = self.engine.flow_tree(self.cg, [index[k] for k in self.keys])
        return {(s, t): lam[(index[s], index[t])] for s, t in connected}


def choose_engine(graph: TieGraph, engine: Engine) -> str:
    if engine == "auto":
        from scenarios.analysis.engine import COMPILED_ABOVE

        return "compiled" if graph.number_of_edges() > COMPILED_ABOVE else "python"
    if engine not in ("python", "compiled"):
        raise ValueError(f"unknown engine {engine!r}")
    return engine


class KeyChains:
    """The key actors' strongest chains on one graph, and what cuts do to them.

    Built once per graph: one engine (`engine` "auto" | "python" | "compiled"), the connected
    key pairs, each pair's uncut chain and the ties on its strongest paths. `damage(cut)`
    recomputes only the pairs a cut can weaken (those with a cut tie on a strongest path).
    """

    def __init__(
        self,
        graph: TieGraph,
        key_actors: Sequence[str],
        engine: Engine = "auto",
        *,
        like: KeyChains | None = None,
        differing: Collection[Tie] = (),
        extra: Collection[Tie] = (),
    ):
        """`like` and `differing`: another graph's chains, and the only ties where `graph`
        differs from it; the compiled engine then reuses its layout instead of laying out a
        million ties again (`extra` reserves arcs for ties only the other graph has)."""
        with gc_paused():  # a million ties: the collector would rescan them again and again
            self._build(graph, key_actors, engine, like, differing, extra)

    def _build(
        self,
        graph: TieGraph,
        key_actors: Sequence[str],
        engine: Engine,
        like: KeyChains | None,
        differing: Collection[Tie],
        extra: Collection[Tie],
    ) -> None:
        self.graph = graph
        self.keys = [k for k in dict.fromkeys(key_actors) if k in graph]
        chosen = choose_engine(graph, engine)
        self.paths: _PythonPaths | _CompiledPaths
        if chosen == "compiled":
            cg = None
            if like is not None and isinstance(like.paths, _CompiledPaths):
                cg = like.paths.cg.recosted(graph, differing)
            self.paths = _CompiledPaths(graph, self.keys, cg, extra)
        else:
            self.paths = _PythonPaths(graph, self.keys)
        self.engine = self.paths.name
        self.pairs = list(itertools.combinations(self.keys, 2))
        self.before: dict[Pair, Chain | None] = {p: self.paths.chain(*p) for p in self.pairs}
        self.connected = [p for p in self.pairs if self.before[p] is not None]
        self.fractions = {p: self.paths.fractions(*p) for p in self.connected}
        self.through: dict[Tie, list[Pair]] = defaultdict(list)  # tie -> pairs it is on
        for pair, fractions in self.fractions.items():
            for edge, fraction in fractions.items():
                if fraction > 0:
                    self.through[edge].append(pair)
        self._fewest: dict[Pair, int | None] = {}
        self._paths: dict[Pair, tuple[str, ...]] = {}

    def fewest_hops(self, pair: Pair) -> int | None:
        if pair not in self._fewest:
            self._fewest[pair] = self.paths.fewest_hops(*pair)
        return self._fewest[pair]

    def path(self, pair: Pair) -> tuple[str, ...]:
        if pair not in self._paths:
            self._paths[pair] = self.paths.path(*pair)
        return self._paths[pair]

    def strength(self, pair: Pair) -> float:
        """The strongest chain's strength, multiplied along it (0: not connected)."""
        path = self.path(pair)
        return path_strength(self.graph, path) if path else 0.0

    def affected(self, cut: Iterable[Tie]) -> list[Pair]:
        """The connected pairs a cut can weaken: a cut tie lies on one of their strongest paths."""
        found: set[Pair] = set()
        for edge in cut:
            found.update(self.through.get(edge, ()))
        return [p for p in self.connected if p in found]

    def damages(self, cut: Collection[Tie]) -> list[PairDamage]:
        """What cutting the ties `cut` together does to each connected pair it can weaken, in
        key-pair order."""
        affected = self.affected(cut)
        if not affected:
            return []
        after = self.paths.after(cut, affected)
        out = []
        for pair in affected:
            chain = self.before[pair]
            assert chain is not None
            new = after[pair]
            before_strength = self.strength(pair)
            loss = pair_damage(chain, new)
            fewest = self.fewest_hops(pair)
            assert fewest is not None
            out.append(
                PairDamage(
                    pair[0],
                    pair[1],
                    before_strength,
                    0.0 if new is None else before_strength * (1.0 - loss),
                    new is None,
                    fewest,
                    None,
                    loss,
                )
            )
        return out

    def cut_score(self, cut: Collection[Tie]) -> float:
        """The score of cutting `cut` together, without the per-pair details."""
        affected = self.affected(cut)
        if not affected or not self.connected:
            return 0.0
        after = self.paths.after(cut, affected)
        lost = 0.0
        for pair in affected:
            chain = self.before[pair]
            assert chain is not None
            lost += pair_damage(chain, after[pair])
        return lost / len(self.connected)

    def score(self, damages: Sequence[PairDamage]) -> float:
        """Mean damage over the connected pairs (pairs not in `damages` lose nothing)."""
        if not self.connected:
            return 0.0
        return sum(d.damage for d in damages) / len(self.connected)

    def with_fewest_hops_after(self, damage: PairDamage, cut: Collection[Tie]) -> PairDamage:
        """`damage` with the fewest hops left after the cut (for the sentence that says it)."""
        if damage.disconnected:
            return damage
        hops = self.paths.fewest_hops_after(cut, damage.source, damage.target)
        return replace(damage, fewest_hops_after=hops)

    def strength_from(self, key: str, actor: str) -> float:
        """The strongest chain's strength from a key actor to any actor (0: unreachable)."""
        paths = self.paths
        if isinstance(paths, _PythonPaths):
            return paths.trees[key].strength(actor)
        j = paths.cg.index.get(actor)
        if j is None:
            return 0.0
        i = paths.row[key]
        d = float(paths.dist[i, j])
        return chain_strength(d, paths.chain_hops(i, j)) if d != float("inf") else 0.0

    def best_via(self, edge: Tie) -> tuple[Pair, float, float, bool] | None:
        """The key pair whose best chain through `edge` comes closest to its strongest chain:
        the highest ratio of the two, the first in key-pair order among ratios within
        ABS_TOL of it; (pair, strength via the tie, strongest strength, whether that strength
        is exact), None if no chain passes it. See `via` for what "exact" means.

        Branch and bound: the product rho(s, u) * w * rho(v, t) bounds every pair's chain
        through the tie from above, so pairs are settled in the order of their bounds and the
        search stops once no bound can come within ABS_TOL of the best ratio found (on a
        million ties, one pair's chains are read instead of every pair's).
        """
        order = {pair: i for i, pair in enumerate(self.connected)}
        bounds = []
        for pair in self.connected:
            strongest = self.strength(pair)
            bound = max(b for b, _, _ in self._bounds(edge, pair))
            if bound > 0.0 and strongest > 0.0:
                bounds.append((bound / strongest, pair, strongest))
        bounds.sort(key=lambda b: (-b[0], order[b[1]]))
        found: list[tuple[float, Pair, float, float, bool]] = []
        top = 0.0
        for bound_ratio, pair, strongest in bounds:
            if found and bound_ratio < top - ABS_TOL:
                break
            via, exact = self.via(edge, pair)
            if via > 0.0:
                ratio = via / strongest
                found.append((ratio, pair, via, strongest, exact))
                top = max(top, ratio)
        chosen = [f for f in found if f[0] >= top - ABS_TOL]
        if not chosen:
            return None
        return min(chosen, key=lambda f: order[f[1]])[1:]

    def via(self, edge: Tie, pair: Pair) -> tuple[float, bool]:
        """The strongest chain between `pair` that runs through `edge` and visits no actor
        twice (0: none), and whether it is exact.

        rho(s, u) * w * rho(v, t), of the better orientation, is that chain when the two
        strongest chains it joins share no actor; it is an upper bound otherwise. When the
        better bound is not such a chain, graphs of up to `MAX_SIMPLE_SEARCH_TIES` ties get the
        exact answer (`strongest_simple_through`); larger ones keep the bound (exact False).
        Which engine holds the chains does not matter.
        """
        s, t = pair
        bound, simple = max(
            (bound, bound > 0.0 and not set(self._path_from(s, a)) & set(self._path_from(t, b)))
            for bound, a, b in self._bounds(edge, pair)
        )
        if bound <= 0.0 or simple:
            return bound, True
        if self.graph.number_of_edges() > MAX_SIMPLE_SEARCH_TIES:
            return bound, False
        chain = strongest_simple_through(self.graph, edge, s, t)
        return (path_strength(self.graph, chain) if chain else 0.0), True

    def _bounds(self, edge: Tie, pair: Pair) -> list[tuple[float, str, str]]:
        """rho(s, a) * w * rho(b, t) for both orientations (a, b) of the tie: each bounds the
        chains through it that way round from above."""
        u, v = edge
        s, t = pair
        weight = self.graph.adj[u][v][WEIGHT]
        return [
            (weight * self.strength_from(s, a) * self.strength_from(t, b), a, b)
            for a, b in ((u, v), (v, u))
        ]

    def _path_from(self, key: str, actor: str) -> tuple[str, ...]:
        return (key,) if key == actor else self.paths.path(key, actor)

    def key_pairs(self, routes: Mapping[Pair, int]) -> tuple[KeyPair, ...]:
        out = []
        for pair in self.pairs:
            chain = self.before[pair]
            out.append(
                KeyPair(
                    pair[0],
                    pair[1],
                    self.strength(pair) if chain else 0.0,
                    chain[1] if chain else None,
                    self.fewest_hops(pair) if chain else None,
                    routes.get(pair, 0),
                    self.path(pair) if chain else (),
                )
            )
        return tuple(out)


def most_hurt(damages: Sequence[float]) -> int | None:
    """Which of a cut's per-pair damages (given in key-pair order) names the pair it hurts
    most: the highest damage; damages within ABS_TOL count as equal (the same replacement cost
    summed from either end may differ in the last bit), and of those the first in key-pair
    order (the order of the pairs table). None when the cut hurts no pair. The one rule of
    `depends`, `depends --ties`, the sweep and `whatif` (README, "How `depends` ranks
    channels").

    >>> most_hurt([0.2, 0.5, 0.5 + 1e-12, 0.1])
    1
    >>> most_hurt([0.0, 0.0]) is None
    True
    """
    top = max(damages, default=0.0)
    if top <= 0.0:
        return None
    return next(i for i, d in enumerate(damages) if d > 0.0 and d >= top - ABS_TOL)


def worst_damage(damages: Sequence[PairDamage]) -> PairDamage | None:
    """The pair a cut hurts most (`most_hurt`; `damages` in key-pair order, as
    `KeyChains.damages` gives them). None when the cut hurts no pair."""
    found = most_hurt([d.damage for d in damages])
    return None if found is None else damages[found]


def dependencies(
    graph: TieGraph, key_actors: Sequence[str], *, engine: Engine = "auto"
) -> DependencyResult:
    """Rank the ties of `graph` by how much the key actors' connection depends on each alone.

    Only cut candidates are ranked (ties with a link that is not structural). `engine`:
    "python" (pure Python, the reference), "compiled" (scipy.sparse.csgraph, see
    `_CompiledPaths`), or "auto": compiled above `engine.COMPILED_ABOVE` ties. Both give the
    same result (tests/analysis/test_engine.py).

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
    ...     g.add_tie(u, v, (f"{u}-{v}",), 0.5)
    >>> [(d.tie, d.score) for d in dependencies(g, ["a", "d"]).ties][:1]
    [(('c', 'd'), 1.0)]
    """
    chains = KeyChains(graph, key_actors, engine)
    connected = chains.connected
    adj = graph.adj

    def candidate(edge: Tie) -> bool:
        return is_cut_candidate(adj[edge[0]][edge[1]])

    share: dict[Tie, float] = defaultdict(float)
    on_every_path: set[Tie] = set()
    for fractions in chains.fractions.values():
        for edge, fraction in fractions.items():
            if not candidate(edge):
                continue
            share[edge] += fraction / len(connected)
            if same_cost(fraction, 1.0):
                on_every_path.add(edge)

    damages: dict[Tie, list[PairDamage]] = {}
    disconnecting: dict[Pair, set[Tie]] = defaultdict(set)
    for edge in on_every_path:
        found = chains.damages((edge,))
        damages[edge] = found
        for d in found:
            if d.disconnected:
                disconnecting[(d.source, d.target)].add(edge)

    routes, cut_ties = chains.paths.cuts(connected, disconnecting)
    min_cut_pairs: dict[Tie, list[Pair]] = defaultdict(list)
    for pair, in_cut in cut_ties.items():
        for edge in in_cut:
            if candidate(edge):
                min_cut_pairs[edge].append(pair)

    n_pairs = len(connected)
    results: list[TieDependency] = []
    for edge in set(share) | set(min_cut_pairs) | set(damages):
        pair_damages = damages.get(edge, [])
        worst = worst_damage(pair_damages)
        if worst is not None:
            worst = chains.with_fewest_hops_after(worst, (edge,))
        cut_pairs = min_cut_pairs.get(edge, [])
        results.append(
            TieDependency(
                tie=edge,
                links=tuple(adj[edge[0]][edge[1]][LINKS]),
                score=chains.score(pair_damages),
                path_share=share.get(edge, 0.0),
                route_loss=sum(1.0 / routes[p] for p in cut_pairs) / n_pairs if n_pairs else 0.0,
                disconnects=tuple(
                    sorted((d.source, d.target) for d in pair_damages if d.disconnected)
                ),
                in_min_cut=tuple(p for p in connected if p in cut_pairs),
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
    skipped = tuple(p for p in connected if p not in cut_ties)
    return DependencyResult(
        tuple(chains.keys),
        chains.key_pairs(routes),
        tuple(results),
        graph.number_of_edges(),
        cuts_skipped=skipped,
        engine=chains.engine,
    )


def key_pairs_of(key_actors: Iterable[str]) -> list[Pair]:
    return list(itertools.combinations(dict.fromkeys(key_actors), 2))
