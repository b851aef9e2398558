"""Cut ties or remove actors, and rank every cut (or pair of cuts) by the damage it does.

Damage is measured as `depends` measures it (see `scenarios.analysis.dependency`): for a set
of cut ties X, over the key pairs P that are connected before the cut,

    damage_st(X) = 1 - rho_X(s, t) / rho(s, t)     (1 when the cut disconnects s and t)
    score(X)     = mean over P of damage_st(X)

where rho is the strength of the strongest chain. So a single-cut sweep reproduces the
`depends` score of every tie, and a pair sweep (`k=2`) finds cuts that only hurt together.

Only a tie on every strongest s-t path can weaken the pair s-t, so a sweep recomputes chains
only for those (tie, pair) combinations; the recomputation runs scipy's Dijkstra with the cut
ties' costs set to infinity. For pairs of cuts {e, f}: cutting f on top of e changes a pair
only if f lies on every strongest path once e is cut, so the candidates are found from one
sigma-counting search per first cut e on some strongest key path, and only their joint damage
is recomputed. That search is the expensive part, hence `MAX_PAIR_CANDIDATES`.

The smallest break is the fewest ties whose cut separates the key actors: the minimum over
the other key actors t of the minimum s-t edge cut from the first key actor s (any cut that
splits the key actors separates s from one of them). Ties count one each, whatever their
weight, and one such cut is given: the one that separates fewer actors.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.analysis.dependency import PairDamage, tie_fractions
from scenarios.analysis.paths import same_cost, shortest_path_tree
from scenarios.graph import COST, Tie, TieGraph, tie

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Pair = tuple[str, str]
MAX_PAIR_CANDIDATES = 300  # --k 2: ties on some strongest key path, each a first cut
DAMAGE_TOL = 1e-9


def cut_graph(graph: TieGraph, ties: Iterable[Tie] = (), actors: Iterable[str] = ()) -> TieGraph:
    """A copy with `ties` cut and every tie of `actors` cut (the actors stay, isolated).

    >>> g = TieGraph(); g.add_tie("a", "b", (), 0.5); g.add_tie("b", "c", (), 0.5)
    >>> cut_graph(g, actors=["b"]).number_of_edges(), len(cut_graph(g, actors=["b"]))
    (0, 3)
    """
    return graph.without(ties_cut(graph, ties, actors))


def ties_cut(graph: TieGraph, ties: Iterable[Tie] = (), actors: Iterable[str] = ()) -> set[Tie]:
    """The ties a cut removes: the named ties plus every tie of the removed actors."""
    cut = {tie(u, v) for u, v in ties}
    for actor in actors:
        cut.update(tie(actor, other) for other in graph.adj.get(actor, {}))
    return cut


def without_actors(graph: TieGraph, actors: Collection[str]) -> TieGraph:
    """A copy without the given actors and their ties (for centrality after a removal)."""
    copy = TieGraph(graph.name, graph.key_actors)
    copy.nodes = {n: dict(a) for n, a in graph.nodes.items() if n not in actors}
    copy.adj = {
        u: {v: d for v, d in nbrs.items() if v not in actors}
        for u, nbrs in graph.adj.items()
        if u not in actors
    }
    return copy


# -- minimum cuts --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BreakingCut:
    """The fewest ties whose cut separates `source` from `target` (and so the key actors)."""

    source: str
    target: str
    size: int
    ties: tuple[Tie, ...]


def minimum_cut(graph: TieGraph, source: str, target: str) -> BreakingCut:
    """A minimum s-t edge cut counting ties (unit capacities).

    Of the cut nearest `source` and the cut nearest `target`, the one that separates fewer
    actors from the rest (ties: the source's).

    >>> g = TieGraph()
    >>> for u, v in [("s", "a"), ("s", "b"), ("a", "t"), ("b", "t"), ("t", "u")]:
    ...     g.add_tie(u, v, (), 0.5)
    >>> minimum_cut(g, "s", "u").ties
    (('t', 'u'),)
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order, maximum_flow

    if source not in graph or target not in graph:
        return BreakingCut(source, target, 0, ())
    nodes = list(graph.adj)
    index = {node: i for i, node in enumerate(nodes)}
    rows = [index[u] for u in nodes for _ in graph.adj[u]]
    cols = [index[v] for u in nodes for v in graph.adj[u]]
    n = len(nodes)
    capacity = csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, n), dtype=np.int32
    )
    s, t = index[source], index[target]
    if s == t:
        return BreakingCut(source, target, 0, ())
    flow = maximum_flow(capacity, s, t).flow
    residual = (capacity - flow).tocsr()
    residual.data[residual.data < 0] = 0
    residual.eliminate_zeros()
    near_source = set(breadth_first_order(residual, s, directed=True, return_predecessors=False))
    near_target = set(
        breadth_first_order(residual.T.tocsr(), t, directed=True, return_predecessors=False)
    )
    # of the two extreme minimum cuts, give the one that isolates fewer actors: easier to read
    side = near_source if len(near_source) <= len(near_target) else near_target
    ties = sorted(
        tie(nodes[u], nodes[v])
        for u in side
        for v in (index[w] for w in graph.adj[nodes[u]])
        if v not in side
    )
    return BreakingCut(source, target, len(ties), tuple(ties))


def smallest_break(graph: TieGraph, key_actors: Sequence[str]) -> BreakingCut | None:
    """The fewest ties whose cut splits the key actors (None with fewer than two)."""
    keys = list(dict.fromkeys(key_actors))
    if len(keys) < 2:
        return None
    cuts = [minimum_cut(graph, keys[0], t) for t in keys[1:]]
    return min(cuts, key=lambda c: c.size)


# -- distances after a cut -----------------------------------------------------------------------


class _Distances:
    """Cheapest-path costs after cutting a few ties, by scipy's Dijkstra (no path counts)."""

    def __init__(self, graph: TieGraph) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        self.nodes = list(graph.adj)
        self.index = {node: i for i, node in enumerate(self.nodes)}
        n = len(self.nodes)
        rows, cols, costs = [], [], []
        for u, nbrs in graph.adj.items():
            for v, data in nbrs.items():
                rows.append(self.index[u])
                cols.append(self.index[v])
                costs.append(float(data[COST]))
        matrix = csr_matrix((costs, (rows, cols)), shape=(n, n), dtype=np.float64)
        matrix.sort_indices()
        self.matrix = matrix
        self.n = n
        row_of = np.repeat(np.arange(n), np.diff(matrix.indptr))
        self.entry_key: NDArray[np.int64] = row_of.astype(np.int64) * n + matrix.indices

    def _positions(self, cut: Iterable[Tie]) -> list[int]:
        import numpy as np

        keys = []
        for u, v in cut:
            a, b = self.index[u], self.index[v]
            keys += [a * self.n + b, b * self.n + a]
        return [int(p) for p in np.searchsorted(self.entry_key, keys)]

    def costs(
        self, sources: Sequence[str], cut: Iterable[Tie], targets: Sequence[str]
    ) -> dict[Pair, float | None]:
        """Cost of the cheapest path from each source to each target with `cut` removed."""
        import numpy as np
        from scipy.sparse.csgraph import dijkstra

        positions = self._positions(cut)
        saved = self.matrix.data[positions].copy()
        self.matrix.data[positions] = np.inf
        try:
            dist = dijkstra(self.matrix, directed=True, indices=[self.index[s] for s in sources])
        finally:
            self.matrix.data[positions] = saved
        out: dict[Pair, float | None] = {}
        for row, s in enumerate(sources):
            for t in targets:
                d = float(dist[row, self.index[t]])
                out[(s, t)] = d if math.isfinite(d) else None
        return out


# -- sweep ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CutDamage:
    """What cutting one tie, or two together, does to the key actors."""

    ties: tuple[Tie, ...]
    score: float
    disconnects: tuple[Pair, ...]
    worst: PairDamage | None  # the key pair hurt most (hops_after left unset)
    alone: tuple[float, ...]  # each tie's score when cut alone, in the order of `ties`


@dataclass(frozen=True, slots=True)
class SweepResult:
    """Every single cut (and, with k=2, every pair of cuts that hurts more together), ranked."""

    key_actors: tuple[str, ...]
    k: int
    connected_pairs: int
    singles: tuple[CutDamage, ...]  # ties whose cut does any damage, most damaging first
    doubles: tuple[CutDamage, ...]  # k=2: pairs where each cut adds damage to the other
    ties_swept: int  # every tie of the graph was tried as a single cut
    candidates: int  # ties on some strongest key path
    pairs_evaluated: int
    smallest_break: BreakingCut | None


class _Base:
    """The uncut graph's key-pair chains, as sigma-counting trees and tie fractions."""

    def __init__(self, graph: TieGraph, keys: list[str]) -> None:
        self.graph = graph
        self.keys = keys
        self.trees = {s: shortest_path_tree(graph, s, targets=keys) for s in keys}
        self.hop_trees = {
            s: shortest_path_tree(graph, s, weighted=False, targets=keys) for s in keys
        }
        self.pairs = [(s, t) for s, t in itertools.combinations(keys, 2) if t in self.trees[s].dist]
        self.cost = {p: self.trees[p[0]].dist[p[1]] for p in self.pairs}
        self.fractions = {p: tie_fractions(self.trees[p[0]], p[1]) for p in self.pairs}
        self.on_every = {
            p: {e for e, f in fr.items() if same_cost(f, 1.0)} for p, fr in self.fractions.items()
        }

    def damage(self, pair: Pair, cost_after: float | None) -> float:
        if cost_after is None:
            return 1.0
        return max(0.0, 1.0 - math.exp(self.cost[pair] - cost_after))

    def pair_damage(self, pair: Pair, cost_after: float | None) -> PairDamage:
        s, t = pair
        return PairDamage(
            s,
            t,
            self.cost[pair],
            cost_after,
            round(self.hop_trees[s].dist[t]),
            None,
            self.damage(pair, cost_after),
        )

    def summarise(
        self, ties: tuple[Tie, ...], after: Mapping[Pair, float | None], alone: tuple[float, ...]
    ) -> CutDamage:
        """Damage of a cut given the after-cut cost of every connected pair."""
        damages = [self.pair_damage(p, after[p]) for p in self.pairs]
        score = sum(d.damage for d in damages) / len(self.pairs) if self.pairs else 0.0
        worst = max(damages, key=lambda d: (d.damage, d.source, d.target), default=None)
        if worst is not None and worst.damage <= DAMAGE_TOL:
            worst = None
        return CutDamage(
            ties,
            score,
            tuple(sorted((d.source, d.target) for d in damages if d.cost_after is None)),
            worst,
            alone or (score,),
        )


def sweep(graph: TieGraph, key_actors: Sequence[str], *, k: int = 1) -> SweepResult:
    """Rank every single cut (k=1), and with k=2 every pair of cuts, by damage.

    >>> g = TieGraph()
    >>> for u, v, w in [("a", "b", 0.5), ("b", "c", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)]:
    ...     g.add_tie(u, v, (), w)
    >>> [(c.ties, round(c.score, 3)) for c in sweep(g, ["a", "d"]).singles]
    [((('c', 'd'),), 1.0), ((('a', 'c'),), 0.5)]
    """
    from scenarios.errors import OutOfBounds

    if k not in (1, 2):
        raise OutOfBounds("k", f"must be 1 or 2, not {k}", hint="sweep single cuts or pairs")
    keys = [key for key in dict.fromkeys(key_actors) if key in graph]
    base = _Base(graph, keys)
    route_ties = sorted({e for fr in base.fractions.values() for e, f in fr.items() if f > 0})
    if k == 2 and len(route_ties) > MAX_PAIR_CANDIDATES:
        raise OutOfBounds(
            "k",
            f"2 would try {len(route_ties):,} first cuts, more than the "
            f"{MAX_PAIR_CANDIDATES} it is bounded to",
            hint="fix one cut and sweep the rest, or use fewer key actors",
            limit=MAX_PAIR_CANDIDATES,
        )
    distances = _Distances(graph)
    singles = _single_cuts(base, distances)
    alone = {c.ties[0]: c.score for c in singles}
    doubles: list[CutDamage] = []
    evaluated = 0
    if k == 2:
        doubles, evaluated = _pair_cuts(base, distances, route_ties, alone)
    return SweepResult(
        key_actors=tuple(keys),
        k=k,
        connected_pairs=len(base.pairs),
        singles=tuple(_ranked(singles)),
        doubles=tuple(_ranked(doubles)),
        ties_swept=graph.number_of_edges(),
        candidates=len(route_ties),
        pairs_evaluated=evaluated,
        smallest_break=smallest_break(graph, keys),
    )


def _ranked(cuts: Iterable[CutDamage]) -> list[CutDamage]:
    return sorted(cuts, key=lambda c: (-round(c.score, 12), -len(c.disconnects), c.ties))


def _single_cuts(base: _Base, distances: _Distances) -> list[CutDamage]:
    """Cuts of one tie that weaken some key pair: ties on every strongest path of a pair."""
    hurt: dict[Tie, list[Pair]] = defaultdict(list)
    for pair, every in base.on_every.items():
        for e in every:
            hurt[e].append(pair)
    out = []
    for e in sorted(hurt):
        after: dict[Pair, float | None] = {p: base.cost[p] for p in base.pairs}
        after.update(_recompute(distances, hurt[e], (e,)))
        out.append(base.summarise((e,), after, ()))
    return out


def _recompute(
    distances: _Distances, pairs: Sequence[Pair], cut: tuple[Tie, ...]
) -> dict[Pair, float | None]:
    """After-cut costs for `pairs`, one Dijkstra per distinct source."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for s, t in pairs:
        by_source[s].append(t)
    out: dict[Pair, float | None] = {}
    for s, targets in by_source.items():
        found = distances.costs([s], cut, targets)
        out.update(found)
    return out


def _pair_cuts(
    base: _Base, distances: _Distances, route_ties: Sequence[Tie], alone: Mapping[Tie, float]
) -> tuple[list[CutDamage], int]:
    graph, keys = base.graph, base.keys
    seen: set[tuple[Tie, Tie]] = set()
    out: list[CutDamage] = []
    for e in route_ties:
        touched = [p for p in base.pairs if base.fractions[p].get(e, 0.0) > 0]
        sources = sorted({s for s, _ in touched}, key=keys.index)
        trees = {s: shortest_path_tree(graph, s, skip={e}, targets=keys) for s in sources}
        cost_e: dict[Pair, float | None] = dict(base.cost)
        every_e: dict[Pair, set[Tie]] = dict(base.on_every)
        for s, t in touched:
            tree = trees[s]
            cost_e[(s, t)] = tree.dist.get(t)
            every_e[(s, t)] = (
                {f for f, x in tie_fractions(tree, t).items() if same_cost(x, 1.0)}
                if t in tree.dist
                else set()
            )
        followers = sorted({f for every in every_e.values() for f in every} - {e})
        for f in followers:
            key = (e, f) if e < f else (f, e)
            if key in seen:
                continue
            seen.add(key)
            both = [p for p in base.pairs if f in every_e[p]]
            after = dict(cost_e)
            after.update(_recompute(distances, both, key))
            cut = base.summarise(key, after, (alone.get(key[0], 0.0), alone.get(key[1], 0.0)))
            if cut.score > max(cut.alone) + DAMAGE_TOL:
                out.append(cut)
    return out, len(seen)
