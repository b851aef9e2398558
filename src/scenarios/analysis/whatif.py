"""Cut ties or remove actors, and rank every cut of a channel (or pair of them) by its damage.

Damage is measured as `depends` measures it (see `scenarios.analysis.dependency`): for a set
of cut ties X, over the key pairs P that are connected before the cut,

    damage_st(X) = 1 - rho_X(s, t) / rho(s, t)     (1 when the cut disconnects s and t)
    score(X)     = mean over P of damage_st(X)

where rho is the strength of the strongest chain. The sweep cuts *units*, the channels (or
channels in series) of `scenarios.analysis.channels`, so a single-cut sweep reproduces the
`depends` score of every channel, and a pair sweep (`k=2`) finds channels that only hurt
together. Only a channel with a tie on a strongest key-pair path can weaken a pair, so only
those are cut. For pairs of cuts {e, f}: cutting f on top of e changes a pair only if f has
a tie on a strongest path once e is cut, so the candidates are found from one sigma-counting
search per first cut e, and only their joint damage is recomputed. That search is the
expensive part, hence `MAX_PAIR_CANDIDATES`.

The smallest break is the fewest ties whose cut separates the key actors: the minimum over
the other key actors t of the minimum s-t edge cut from the first key actor s (any cut that
splits the key actors separates s from one of them). Cut candidates count one each,
whatever their weight; ties made only of structural links cannot be cut (their capacity is
unbounded). One such cut is given: the one that separates fewer actors.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.analysis.dependency import PairDamage, tie_fractions
from scenarios.analysis.paths import shortest_path_tree
from scenarios.graph import Tie, TieGraph, is_cut_candidate, tie

if TYPE_CHECKING:
    from scenarios.analysis.channels import ChannelScore
    from scenarios.analysis.dependency import KeyChains

Pair = tuple[str, str]
MAX_PAIR_CANDIDATES = 300  # --k 2: units on some strongest key path, each a first cut
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


def minimum_cut(graph: TieGraph, source: str, target: str) -> BreakingCut | None:
    """A minimum s-t edge cut counting cut candidates (unit capacities; structural-only ties
    cannot be cut). None when only structural ties join the two.

    Of the cut nearest `source` and the cut nearest `target`, the one that separates fewer
    actors from the rest (ties: the source's).

    >>> g = TieGraph()
    >>> for u, v in [("s", "a"), ("s", "b"), ("a", "t"), ("b", "t"), ("t", "u")]:
    ...     g.add_tie(u, v, (), 0.5)
    >>> minimum_cut(g, "s", "u").ties
    (('t', 'u'),)
    >>> g.add_tie("t", "u", (), 0.5, structural=True)
    >>> minimum_cut(g, "s", "u").ties
    (('a', 's'), ('b', 's'))
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order, maximum_flow

    if source not in graph or target not in graph:
        return BreakingCut(source, target, 0, ())
    nodes = list(graph.adj)
    index = {node: i for i, node in enumerate(nodes)}
    unbounded = graph.number_of_edges() + 1
    rows, cols, caps = [], [], []
    for u in nodes:
        for v, data in graph.adj[u].items():
            rows.append(index[u])
            cols.append(index[v])
            caps.append(1 if is_cut_candidate(data) else unbounded)
    n = len(nodes)
    capacity = csr_matrix(
        (np.array(caps, dtype=np.int32), (rows, cols)), shape=(n, n), dtype=np.int32
    )
    s, t = index[source], index[target]
    if s == t:
        return BreakingCut(source, target, 0, ())
    result = maximum_flow(capacity, s, t)
    if result.flow_value >= unbounded:
        return None
    residual = (capacity - result.flow).tocsr()
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
    """The fewest ties whose cut splits the key actors (None with fewer than two, or when
    only structural ties could split them)."""
    keys = list(dict.fromkeys(key_actors))
    if len(keys) < 2:
        return None
    cuts = [c for c in (minimum_cut(graph, keys[0], t) for t in keys[1:]) if c is not None]
    return min(cuts, key=lambda c: c.size) if cuts else None


# -- sweep ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CutDamage:
    """What cutting one unit, or two together, does to the key actors."""

    units: tuple[ChannelScore, ...]
    score: float
    disconnects: tuple[Pair, ...]
    worst: PairDamage | None  # the key pair hurt most
    alone: tuple[float, ...]  # each unit's score when cut alone, in the order of `units`

    @property
    def ties(self) -> tuple[Tie, ...]:
        return tuple(t for u in self.units for t in u.ties)


@dataclass(frozen=True, slots=True)
class SweepResult:
    """Every single cut of a unit (and, with k=2, every pair that hurts more together), ranked."""

    key_actors: tuple[str, ...]
    k: int
    connected_pairs: int
    singles: tuple[CutDamage, ...]  # units whose cut does any damage, most damaging first
    doubles: tuple[CutDamage, ...]  # k=2: pairs where each cut adds damage to the other
    units_swept: int  # every channel of the graph, each cut alone (series cut together)
    harmless: int  # of which do no damage
    candidates: int  # units with a tie on some strongest key path
    pairs_evaluated: int
    smallest_break: BreakingCut | None


def sweep(graph: TieGraph, key_actors: Sequence[str], *, k: int = 1) -> SweepResult:
    """Rank every single cut of a channel (k=1), and with k=2 every pair of them, by damage.

    >>> g = TieGraph()
    >>> for u, v, w in [("a", "b", 0.5), ("b", "c", 0.5), ("a", "c", 0.5), ("c", "d", 0.5)]:
    ...     g.add_tie(u, v, (), w)
    >>> [(c.ties, round(c.score, 3)) for c in sweep(g, ["a", "d"]).singles]
    [((('c', 'd'),), 1.0), ((('a', 'c'),), 0.5)]
    """
    from scenarios.analysis.channels import ChannelIndex, ChannelScore, channel_dependencies
    from scenarios.analysis.dependency import KeyChains
    from scenarios.errors import OutOfBounds

    if k not in (1, 2):
        raise OutOfBounds("k", f"must be 1 or 2, not {k}", hint="sweep single cuts or pairs")
    chains = KeyChains(graph, key_actors)
    found = channel_dependencies(
        graph,
        chains.keys,
        chains=chains,
        search_groups=False,
        find_pivots=False,
        count_routes=False,
    )
    index = ChannelIndex(graph, chains.keys)
    unit_of: dict[str, ChannelScore] = {}
    for row in found.rows:
        for channel in row.channels:
            unit_of[channel.id] = row

    def unit(edge: Tie) -> ChannelScore:
        channel = index.channel_of(edge)
        found_unit = unit_of.get(channel.id)
        if found_unit is None:
            found_unit = unit_of[channel.id] = ChannelScore(
                channel.id, (channel,), 0.0, (), None, ()
            )
        return found_unit

    adj = graph.adj
    on_routes = {unit(e).id: unit(e) for e in chains.through if is_cut_candidate(adj[e[0]][e[1]])}
    if k == 2 and len(on_routes) > MAX_PAIR_CANDIDATES:
        raise OutOfBounds(
            "k",
            f"2 would try {len(on_routes):,} first cuts, more than the "
            f"{MAX_PAIR_CANDIDATES} it is bounded to",
            hint="fix one cut and sweep the rest, or use fewer key actors",
            limit=MAX_PAIR_CANDIDATES,
        )
    singles = [_cut(chains, (row,), (row.score,)) for row in found.rows]
    doubles: list[CutDamage] = []
    evaluated = 0
    if k == 2:
        doubles, evaluated = _pair_cuts(
            chains, sorted(on_routes.values(), key=lambda u: u.id), unit
        )
    in_rows = sum(len(row.channels) for row in found.rows)
    assert found.channels is not None
    return SweepResult(
        key_actors=tuple(chains.keys),
        k=k,
        connected_pairs=len(chains.connected),
        singles=tuple(_ranked(singles)),
        doubles=tuple(_ranked(doubles)),
        units_swept=found.channels - in_rows + len(found.rows),
        harmless=found.channels - in_rows,
        candidates=len(on_routes),
        pairs_evaluated=evaluated,
        smallest_break=smallest_break(graph, chains.keys),
    )


def _cut(chains: KeyChains, units: tuple[ChannelScore, ...], alone: tuple[float, ...]) -> CutDamage:
    from scenarios.analysis.channels import cut_summary

    score, _, worst, disconnects = cut_summary(chains, [t for u in units for t in u.ties])
    return CutDamage(units, score, disconnects, worst, alone)


def _ranked(cuts: Iterable[CutDamage]) -> list[CutDamage]:
    return sorted(
        cuts, key=lambda c: (-round(c.score, 12), -len(c.disconnects), [u.id for u in c.units])
    )


def _pair_cuts(
    chains: KeyChains,
    first_cuts: Sequence[ChannelScore],
    unit: Callable[[Tie], ChannelScore],
) -> tuple[list[CutDamage], int]:
    graph, keys = chains.graph, chains.keys
    adj = graph.adj
    seen: set[tuple[str, str]] = set()
    out: list[CutDamage] = []
    for e in first_cuts:
        cut = set(e.ties)
        touched = chains.affected(cut)
        followers: dict[str, ChannelScore] = {}
        # pairs the first cut does not touch keep their strongest paths
        for pair in chains.connected:
            if pair in touched:
                continue
            for edge, fraction in chains.fractions[pair].items():
                if fraction > 0 and is_cut_candidate(adj[edge[0]][edge[1]]):
                    found = unit(edge)
                    followers[found.id] = found
        for s in sorted({s for s, _ in touched}, key=keys.index):
            targets = [t for s2, t in touched if s2 == s]
            tree = shortest_path_tree(graph, s, skip=cut, targets=targets)
            for t in targets:
                if t not in tree.dist:
                    continue
                for edge, fraction in tie_fractions(tree, t).items():
                    if fraction > 0 and is_cut_candidate(adj[edge[0]][edge[1]]):
                        found = unit(edge)
                        followers[found.id] = found
        for f in sorted(followers.values(), key=lambda u: u.id):
            if f.id == e.id:
                continue
            first, second = sorted((e, f), key=lambda u: u.id)
            key = (first.id, second.id)
            if key in seen:
                continue
            seen.add(key)
            both = _cut(chains, (first, second), (first.score, second.score))
            if both.score > max(both.alone) + DAMAGE_TOL:
                out.append(both)
    return out, len(seen)
