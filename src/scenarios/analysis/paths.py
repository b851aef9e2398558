"""Shortest paths over tie graphs: cheapest, all cheapest, hop-limited, k alternatives.

Costs are the `cost` edge attribute (-ln weight, see `scenarios.graph`), so the cheapest
path is the strongest chain; with `weighted=False` every tie costs 1 and "shortest" means
fewest hops. Equal costs are compared with an absolute tolerance far below the smallest tie
cost, so float rounding does not hide ties between paths. Costs include the hop tie-break
(`scenarios.graph.HOP_TIEBREAK`), which orders paths only: a path's `strength` is the product
of its true tie weights (`scenarios.graph.chain_strength`).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.graph import COST, Tie, chain_strength, tie

if TYPE_CHECKING:
    from scenarios.graph import TieGraph

ABS_TOL = 1e-9  # well below graph.HOP_TIEBREAK, the smallest possible tie cost
MAX_LISTED_PATHS = 100


def same_cost(a: float, b: float) -> bool:
    return abs(a - b) <= ABS_TOL


@dataclass(frozen=True, slots=True)
class Path:
    """A loop-free route: the actors in order and the summed tie cost."""

    actors: tuple[str, ...]
    cost: float

    @property
    def hops(self) -> int:
        return len(self.actors) - 1

    @property
    def strength(self) -> float:
        """Product of the path's tie weights (weighted paths only)."""
        return chain_strength(self.cost, self.hops)

    @property
    def ties(self) -> tuple[Tie, ...]:
        return tuple(tie(u, v) for u, v in itertools.pairwise(self.actors))


@dataclass(frozen=True, slots=True)
class ShortestPathTree:
    """Single-source Dijkstra with path counts: the raw material for paths and dependency.

    `sigma[v]` is the number of distinct cheapest paths from the source to v, `preds[v]` the
    predecessors of v on them, `hops[v]` the fewest hops among them (the hops of the path
    `paths.cheapest_paths` picks, which `strength` needs to take the hop tie-break out).
    """

    source: str
    dist: dict[str, float]
    sigma: dict[str, int]
    preds: dict[str, list[str]]
    hops: dict[str, int]

    def strength(self, target: str) -> float:
        """The strongest chain's strength from the source to `target` (0: unreachable)."""
        d = self.dist.get(target)
        return 0.0 if d is None else chain_strength(d, self.hops[target])


def edge_cost(graph: TieGraph, u: str, v: str, weighted: bool = True) -> float:
    return float(graph.adj[u][v][COST]) if weighted else 1.0


def shortest_path_tree(
    graph: TieGraph,
    source: str,
    *,
    weighted: bool = True,
    skip: Collection[Tie] = (),
    targets: Collection[str] | None = None,
) -> ShortestPathTree:
    """Dijkstra from `source`, counting cheapest paths; `skip` ties are treated as cut.

    With `targets`, stops once all of them are settled (their distances are then final).

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("a", "b", (), 0.5); g.add_tie("b", "c", (), 0.5)
    >>> round(shortest_path_tree(g, "a").dist["c"], 4)
    1.3863
    """
    dist: dict[str, float] = {}
    sigma: dict[str, int] = {source: 1}
    preds: dict[str, list[str]] = {source: []}
    hops: dict[str, int] = {source: 0}
    seen: dict[str, float] = {source: 0.0}
    remaining = set(targets) if targets is not None else None
    counter = itertools.count()
    heap: list[tuple[float, int, str]] = [(0.0, next(counter), source)]
    adjacency = graph.adj
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in dist:
            continue
        dist[u] = d
        if remaining is not None:
            remaining.discard(u)
            if not remaining:
                break
        for v, data in adjacency[u].items():
            if skip and tie(u, v) in skip:
                continue
            nd = d + (float(data[COST]) if weighted else 1.0)
            if v in dist:  # costs are > ABS_TOL, so a settled node cannot gain a predecessor
                continue
            old = seen.get(v)
            if old is None or (nd < old and not same_cost(nd, old)):
                seen[v] = nd
                sigma[v] = sigma[u]
                preds[v] = [u]
                hops[v] = hops[u] + 1
                heapq.heappush(heap, (nd, next(counter), v))
            elif same_cost(nd, old):
                sigma[v] += sigma[u]
                preds[v].append(u)
                hops[v] = min(hops[v], hops[u] + 1)
    return ShortestPathTree(source, dist, sigma, preds, hops)


def _paths_to(tree: ShortestPathTree, target: str, limit: int) -> Iterator[tuple[str, ...]]:
    """Up to `limit` cheapest paths source -> target, read off the predecessor DAG."""
    stack: list[tuple[str, tuple[str, ...]]] = [(target, (target,))]
    produced = 0
    while stack and produced < limit:
        node, suffix = stack.pop()
        if node == tree.source:
            produced += 1
            yield suffix
            continue
        for pred in sorted(tree.preds[node], reverse=True):
            stack.append((pred, (pred, *suffix)))


def _hop_limited(
    graph: TieGraph, source: str, target: str, max_hops: int, weighted: bool, limit: int
) -> list[Path]:
    """Cheapest paths with at most `max_hops` hops (layered Bellman-Ford; costs are > 0)."""
    layers: list[dict[str, float]] = [{source: 0.0}]
    for _ in range(max_hops):
        prev = layers[-1]
        nxt = dict(prev)
        for u, du in prev.items():
            for v in graph.adj[u]:
                nd = du + edge_cost(graph, u, v, weighted)
                if v not in nxt or (nd < nxt[v] and not same_cost(nd, nxt[v])):
                    nxt[v] = nd
        layers.append(nxt)
    if target not in layers[-1]:
        return []
    best = layers[-1][target]
    found: list[Path] = []

    def walk(node: str, k: int, suffix: tuple[str, ...], remaining: float) -> None:
        if len(found) >= limit:
            return
        if node == source:
            if same_cost(remaining, 0.0):
                found.append(Path(suffix, best))
            return
        if k == 0:
            return
        for u in sorted(graph.adj[node]):
            if u in suffix:
                continue
            rest = remaining - edge_cost(graph, u, node, weighted)
            du = layers[k - 1].get(u)
            if du is not None and same_cost(du, rest):
                walk(u, k - 1, (u, *suffix), rest)

    walk(target, max_hops, (target,), best)
    return sorted(found, key=lambda p: _listed_order(graph, p, weighted))


def _listed_order(
    graph: TieGraph, path: Path, weighted: bool
) -> tuple[int, float, tuple[str, ...]]:
    """How equally cheap paths are listed: fewest hops first; then, for fewest-hop paths
    (`weighted=False`, where the weights did not choose them), strongest first, -ln strength
    compared at 12 decimals; then by the actors' ids."""
    loss = 0.0
    if not weighted:
        loss = round(sum(edge_cost(graph, u, v) for u, v in itertools.pairwise(path.actors)), 12)
    return (path.hops, loss, path.actors)


def cheapest_paths(
    graph: TieGraph,
    source: str,
    target: str,
    *,
    all_paths: bool = False,
    max_hops: int | None = None,
    weighted: bool = True,
    limit: int = MAX_LISTED_PATHS,
) -> tuple[list[Path], int]:
    """The cheapest path(s) from source to target, and how many cheapest paths exist.

    Returns one path (fewest hops, then alphabetical, among the cheapest) unless `all_paths`;
    with `max_hops`, only paths of at most that many hops count. No path: `([], 0)`.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> g.add_tie("a", "b", (), 0.5); g.add_tie("b", "c", (), 0.5); g.add_tie("a", "c", (), 0.1)
    >>> [p.actors for p in cheapest_paths(g, "a", "c")[0]]
    [('a', 'b', 'c')]
    """
    if source == target:
        return [Path((source,), 0.0)], 1
    if max_hops is not None:
        found = _hop_limited(graph, source, target, max_hops, weighted, limit)
        return (found if all_paths else found[:1]), len(found)
    tree = shortest_path_tree(graph, source, weighted=weighted, targets={target})
    if target not in tree.dist:
        return [], 0
    cost = tree.dist[target]
    paths = sorted(
        (Path(actors, cost) for actors in _paths_to(tree, target, limit)),
        key=lambda p: _listed_order(graph, p, weighted),
    )
    return (paths if all_paths else paths[:1]), tree.sigma[target]


def alternative_paths(
    graph: TieGraph, source: str, target: str, k: int, *, weighted: bool = True
) -> list[Path]:
    """The k cheapest loop-free paths, cheapest first (Yen's algorithm, via networkx)."""
    import networkx as nx

    try:
        generator = nx.shortest_simple_paths(
            graph.to_networkx(), source, target, weight=COST if weighted else None
        )
        routes = list(itertools.islice(generator, k))
    except nx.NetworkXNoPath:
        return []
    return [
        Path(tuple(r), sum(edge_cost(graph, u, v, weighted) for u, v in itertools.pairwise(r)))
        for r in routes
    ]


def hop_distance(
    graph: TieGraph, source: str, target: str, skip: Collection[Tie] = ()
) -> int | None:
    """Fewest hops from source to target with `skip` ties cut; None if unreachable."""
    tree = shortest_path_tree(graph, source, weighted=False, skip=skip, targets={target})
    d = tree.dist.get(target)
    return None if d is None else round(d)
