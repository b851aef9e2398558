"""Compiled graph engines behind the analysis API, for graphs too large for pure Python.

A `TieGraph` is converted once into a `CompactGraph`: actors numbered 0..n-1 and the ties as a
symmetric CSR matrix of arc costs (both directions of every tie), the form
`scipy.sparse.csgraph` works on. On it:

- `distances`:  Dijkstra from several sources (weighted by tie cost, or hop counts), with
                ties optionally cut (their arcs set to +inf, which csgraph treats as absent);
- `max_flow`:   unit-capacity s-t maximum flow (Dinic), the minimum s-t cut side and the ties
                that lie in *some* minimum cut (Picard & Queyranne: saturated arcs between
                different strongly connected components of the residual graph);
- `flow_tree`:  Gusfield's flow-equivalent tree over a set of terminals: edge connectivity
                lambda(s, t) for every pair of k terminals from k - 1 maximum flows.

Whole-graph centrality uses igraph (`to_igraph`): its weighted betweenness and closeness are
compiled, and it can run Brandes' algorithm from chosen sources only (the pivots of the
sampled estimate, see `scenarios.analysis.sampling`).

Why scipy for `depends` and igraph for centrality: measured on the synthetic 100k-actor /
1M-link graph (docs/scale.md): scipy's Dijkstra takes 0.13 s per source and its Dinic maximum
flow 0.23 s per pair of hubs; igraph's maximum flow took 4 s per pair and its Dijkstra 0.16 s,
rustworkx's Dijkstra 0.8 s (a Python callback per edge). scipy is already a dependency. Neither
scipy nor rustworkx has weighted betweenness; igraph does, 20x faster per source than networkx.

numpy, scipy and igraph are imported inside functions: the seed commands never load them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from scenarios.graph import COST, Tie, tie

if TYPE_CHECKING:
    import numpy as np

    from scenarios.graph import TieGraph

_RESERVED = {COST: float("inf")}  # the tie data of an arc reserved for a tie the graph lacks

COMPILED_ABOVE = 1_000
"""`engine="auto"` uses the compiled engine for graphs with more ties than this."""


@dataclass(frozen=True, slots=True)
class CompactGraph:
    """A tie graph as integer-numbered actors and a symmetric CSR matrix of arc costs."""

    names: tuple[str, ...]
    index: dict[str, int]
    indptr: np.ndarray
    indices: np.ndarray
    cost: np.ndarray
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n(self) -> int:
        return len(self.names)

    def arcs_of(self, edge: Tie) -> tuple[int, int]:
        """Positions in the CSR data of the two arcs of a tie."""
        a, b = self.index[edge[0]], self.index[edge[1]]
        return self._arc(a, b), self._arc(b, a)

    def _arc(self, a: int, b: int) -> int:
        import numpy as np

        start, end = int(self.indptr[a]), int(self.indptr[a + 1])
        return start + int(np.searchsorted(self.indices[start:end], b))  # indices are sorted

    def rows(self) -> np.ndarray:
        """The source actor of every arc."""
        import numpy as np

        return np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.indptr))

    def neighbours(self, node: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = int(self.indptr[node]), int(self.indptr[node + 1])
        return self.indices[start:end], self.cost[start:end]

    def matrix(self, data: np.ndarray | None = None) -> Any:
        """The CSR matrix of arc costs (or of `data`); the cost matrix is made once and shares
        `cost`, so `cut_arcs` changes show through it."""
        from scipy.sparse import csr_matrix

        if data is None:
            found = self.cache.get("matrix")
            if found is None:
                found = self.cache["matrix"] = csr_matrix(
                    (self.cost, self.indices, self.indptr), shape=(self.n, self.n)
                )
            return found
        return csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))

    def recosted(self, graph: TieGraph, ties: Iterable[Tie]) -> CompactGraph:
        """The same layout with the costs of `ties` taken from `graph` (+inf where it lacks
        them): `graph` must differ from the compacted one only at those ties, and each of them
        must have arcs here (`compact`'s `extra`)."""
        import numpy as np

        cost = self.cost.copy()
        for u, v in ties:
            data = graph.adj.get(u, {}).get(v)
            cost[list(self.arcs_of((u, v)))] = np.inf if data is None else data[COST]
        return CompactGraph(self.names, self.index, self.indptr, self.indices, cost)

    @contextmanager
    def cut_arcs(self, cut: Iterable[Tie]) -> Iterator[None]:
        """Ties treated as absent (their arcs at +inf, which csgraph skips) for the duration,
        in place: no copy of two million costs per cut."""
        import numpy as np

        positions = [p for edge in cut for p in self.arcs_of(edge)]
        if not positions:
            yield
            return
        saved = self.cost[positions].copy()
        self.cost[positions] = np.inf
        try:
            yield
        finally:
            self.cost[positions] = saved


def compact(graph: TieGraph, extra: Iterable[Tie] = ()) -> CompactGraph:
    """Number the actors in `graph.adj` order and lay the ties out as CSR arcs.

    `extra` ties absent from `graph` get arcs too, at +inf (absent to csgraph), so that a
    graph differing at those ties can share the layout (`recosted`).
    """
    import numpy as np

    names = tuple(graph.adj)
    index = {name: i for i, name in enumerate(names)}
    adj = graph.adj
    more: dict[str, list[str]] = {}
    for u, v in extra:
        if v not in adj.get(u, {}):
            more.setdefault(u, []).append(v)
            more.setdefault(v, []).append(u)
    rows = [adj[u] for u in names]
    if more:  # reserve arcs: extra neighbours at +inf, after the node's own
        rows = [
            {**row, **dict.fromkeys(more[u], _RESERVED)} if u in more else row
            for u, row in zip(names, rows, strict=True)
        ]
    degrees = np.fromiter(map(len, rows), dtype=np.int64, count=len(names))
    indptr = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum(degrees, out=indptr[1:])
    arcs = int(indptr[-1])
    # chain and map keep the per-arc work in C (about 0.5 s for 2M arcs)
    indices = np.fromiter(
        map(index.__getitem__, itertools.chain.from_iterable(rows)), dtype=np.int32, count=arcs
    )
    cost = np.fromiter(
        map(itemgetter(COST), itertools.chain.from_iterable(row.values() for row in rows)),
        dtype=np.float64,
        count=arcs,
    )
    from scipy.sparse import csr_matrix

    matrix = csr_matrix((cost, indices, indptr), shape=(len(names), len(names)))
    matrix.sort_indices()  # the layout scipy's maximum_flow returns its flows in
    return CompactGraph(names, index, matrix.indptr, matrix.indices, matrix.data)


def distances(
    cg: CompactGraph,
    sources: Sequence[int],
    *,
    weighted: bool = True,
    cut: Iterable[Tie] = (),
    limit: float | None = None,
) -> np.ndarray:
    """Cheapest-path costs (or hop counts) from each source: shape (len(sources), n), inf
    where unreachable; `cut` ties are treated as absent. With `limit`, the search stops at
    that cost: distances up to it are exact, farther actors read inf."""
    import numpy as np
    from scipy.sparse.csgraph import dijkstra, shortest_path

    cut = list(cut)
    if not sources:
        return np.empty((0, cg.n))
    if not weighted and not cut and limit is None:
        hops: np.ndarray = shortest_path(
            cg.matrix(), method="D", directed=True, unweighted=True, indices=list(sources)
        )
        return hops
    data = cg.cost if weighted else np.ones_like(cg.cost)
    if cut:
        data = data.copy()
        for edge in cut:
            data[list(cg.arcs_of(edge))] = np.inf
    result: np.ndarray = dijkstra(
        cg.matrix(data),
        directed=True,
        indices=list(sources),
        limit=np.inf if limit is None else limit,
    )
    return result


def chains(
    cg: CompactGraph,
    sources: Sequence[int],
    *,
    cut: Iterable[Tie] = (),
    limit: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Cheapest-path costs from each source (as `distances`) and the predecessor of every
    actor on the cheapest path Dijkstra chose (-9999: none). With the hop tie-break in the
    costs that path has the fewest hops among equally strong chains, so
    `graph.chain_strength(cost, hops)` with its hops (`hops_to`, `hops_from_predecessors`) is
    the chain's true strength."""
    import numpy as np
    from scipy.sparse.csgraph import dijkstra

    if not sources:
        return np.empty((0, cg.n)), np.empty((0, cg.n), dtype=np.int32)
    with cg.cut_arcs(cut):
        dist, pred = dijkstra(
            cg.matrix(),
            directed=True,
            indices=list(sources),
            limit=np.inf if limit is None else limit,
            return_predecessors=True,
        )
    return dist, pred


def hops_to(pred: np.ndarray, source: int, target: int) -> int:
    """Hops from `source` to `target` along a predecessor row (-1: unreachable).

    >>> import numpy as np
    >>> row = np.array([-9999, 0, 1, -9999])
    >>> hops_to(row, 0, 2), hops_to(row, 0, 3), hops_to(row, 0, 0)
    (2, -1, 0)
    """
    hops = 0
    node = int(target)
    while node != source:
        node = int(pred[node])
        if node < 0:
            return -1
        hops += 1
    return hops


def hops_from_predecessors(pred: np.ndarray, sources: Sequence[int]) -> np.ndarray:
    """Depth of every actor in each row's predecessor tree (-1: unreachable), by pointer
    doubling: log2(depth) vectorised rounds instead of a walk per actor.

    >>> import numpy as np
    >>> hops_from_predecessors(np.array([[-9999, 0, 1, -9999]]), [0]).tolist()
    [[0, 1, 2, -1]]
    """
    import numpy as np

    pred = np.asarray(pred, dtype=np.int64)
    rows = np.arange(pred.shape[0])[:, None]
    ancestor = np.where(pred >= 0, pred, -1)
    steps = (ancestor >= 0).astype(np.int64)
    while True:
        live = ancestor >= 0
        if not live.any():
            break
        safe = np.where(live, ancestor, 0)
        steps = np.where(live, steps + steps[rows, safe], steps)
        ancestor = np.where(live, ancestor[rows, safe], ancestor)
    hops = np.where(steps > 0, steps, -1)
    hops[np.arange(pred.shape[0]), np.asarray(sources, dtype=np.int64)] = 0
    return hops


@dataclass(frozen=True, slots=True)
class Flow:
    """An s-t maximum flow with unit capacity on both arcs of every tie."""

    value: int
    source_side: np.ndarray  # bool per actor: reachable from s in the residual graph
    in_some_min_cut: frozenset[Tie]


def max_flow(cg: CompactGraph, source: int, target: int, *, cut_ties: bool = True) -> Flow:
    """lambda(s, t), the source side of one minimum cut, and (with `cut_ties`) every tie that
    lies in some minimum s-t cut (see `scenarios.analysis.dependency.min_cut_ties`)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order, connected_components, maximum_flow

    capacity = csr_matrix(
        (np.ones(len(cg.indices), dtype=np.int32), cg.indices, cg.indptr), shape=(cg.n, cg.n)
    )
    result = maximum_flow(capacity, source, target, method="dinic")
    flow = result.flow.tocsr()
    if np.array_equal(flow.indptr, cg.indptr) and np.array_equal(flow.indices, cg.indices):
        arc_flow = flow.data  # the usual case: same arcs, same order (indices are sorted)
    else:  # pragma: no cover - depends on scipy's layout of the flow matrix
        arc_flow = np.asarray(flow[cg.rows(), cg.indices]).ravel()
    # residual capacity 1 - f on each arc (flow is antisymmetric, in -1..1)
    open_arc = arc_flow < 1
    kept = np.zeros(cg.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(cg.rows()[open_arc], minlength=cg.n), out=kept[1:])
    residual = csr_matrix(
        (np.ones(int(kept[-1]), dtype=np.int8), cg.indices[open_arc], kept), shape=(cg.n, cg.n)
    )
    reached = breadth_first_order(residual, source, directed=True, return_predecessors=False)
    side = np.zeros(cg.n, dtype=bool)
    side[reached] = True
    in_cut: frozenset[Tie] = frozenset()
    if cut_ties and result.flow_value > 0:
        _, component = connected_components(residual, directed=True, connection="strong")
        rows, cols = cg.rows(), cg.indices
        across = (arc_flow >= 1) & (component[rows] != component[cols])
        names = cg.names
        in_cut = frozenset(
            tie(names[u], names[v])
            for u, v in zip(rows[across].tolist(), cols[across].tolist(), strict=True)
        )
    return Flow(int(result.flow_value), side, in_cut)


def flow_tree(cg: CompactGraph, terminals: Sequence[int]) -> dict[tuple[int, int], int]:
    """lambda(s, t) for every pair of `terminals` (keys (s, t) in terminal order), from
    len(terminals) - 1 maximum flows: Gusfield's flow-equivalent tree (1990), restricted to
    the terminals; lambda(s, t) is the least capacity on the tree path between them."""
    parent = [0] * len(terminals)
    capacity = [0] * len(terminals)
    for i in range(1, len(terminals)):
        flow = max_flow(cg, terminals[i], terminals[parent[i]], cut_ties=False)
        capacity[i] = flow.value
        for j in range(i + 1, len(terminals)):
            if parent[j] == parent[i] and flow.source_side[terminals[j]]:
                parent[j] = i
    result: dict[tuple[int, int], int] = {}
    for i in range(len(terminals)):
        for j in range(i + 1, len(terminals)):
            result[(terminals[i], terminals[j])] = _path_min(parent, capacity, i, j)
    return result


def _path_min(parent: list[int], capacity: list[int], i: int, j: int) -> int:
    """Least capacity on the tree path i - j (parent[k] < k; the root is 0)."""
    ancestors_i: dict[int, int | None] = {}
    node, low = i, None
    while True:
        ancestors_i[node] = low
        if node == 0:
            break
        low = capacity[node] if low is None else min(low, capacity[node])
        node = parent[node]
    node, low_j = j, None
    while node not in ancestors_i:
        low_j = capacity[node] if low_j is None else min(low_j, capacity[node])
        node = parent[node]
    candidates = [x for x in (ancestors_i[node], low_j) if x is not None]
    return min(candidates) if candidates else 0


def to_igraph(graph: TieGraph) -> tuple[Any, tuple[str, ...]]:
    """An undirected igraph Graph with `cost` and `weight` edge attributes, and the actor
    names in vertex order."""
    import igraph

    names = tuple(graph.adj)
    index = {name: i for i, name in enumerate(names)}
    edges = []
    costs = []
    weights = []
    for u, v, data in graph.edges():
        edges.append((index[u], index[v]))
        costs.append(data[COST])
        weights.append(data["weight"])
    g = igraph.Graph(n=len(names), edges=edges, directed=False)
    g.es[COST] = costs
    g.es["weight"] = weights
    return g, names
