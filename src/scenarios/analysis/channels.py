"""Channels, groups of channels and pivots: the units `depends` ranks (README, "Channels").

A *side* is a state or bloc with the leaders, envoys and officials affiliated with it (the
`side` node attribute, `scenarios.graph.sides_of`). An actor's *group* is its side, or the
actor itself when it belongs to none. Over the cut candidates (ties with a link that is not
structural, `scenarios.graph.is_cut_candidate`):

- a *bundle* is the cut-candidate ties between one pair of groups (or inside one group);
- within a bundle, ties that share an end who is a side member but not its head (an envoy or
  an official: not a leader, state or bloc) are one *channel*, transitively. So Witkoff-Putin,
  Kushner-Putin, Witkoff-Dmitriev and Kushner-Dmitriev are one channel (the back channel),
  while Trump-Putin (the leaders) is a channel of its own;
- a channel's *score* is the vitality of cutting all its ties (`dependency.pair_damage`);
- channels whose single-cut damages to every key pair are equal (within ABS_TOL), not zero,
  and whose joint cut does exactly the same damage are *in series*: one row;
- a *group* is a set of 2..MAX_GROUP channels that matter only together: every member adds at
  least MIN_GAIN to the set's damage, and the set's damage exceeds the sum of its members'
  scores by at least MIN_GAIN. The search extends a set S only by channels with a tie on some
  strongest key-pair path of the graph with S cut (complete for sets whose every member is
  needed: a set none of whose other members lies on such a path would not be needed). It runs
  on the pure-Python engine only (at most `engine.COMPILED_ABOVE` ties) and evaluates at most
  MAX_GROUP_SETS sets; otherwise `groups_searched` says so. When no key pair is connected
  there is nothing to cut and no search (`groups_searched` is `nothing_to_cut`);
- a *pivot* is a person (leader, envoy, official), not a key actor, on every strongest path of
  some key pair whose removal (all his ties cut) weakens the key actors: the scenario runs
  through him personally.

A channel's id is its first tie (`u~v`, ties sorted), so it is stable across commands.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.analysis.dependency import (
    KeyChains,
    KeyPair,
    PairDamage,
    choose_engine,
    tie_fractions,
    worst_damage,
)
from scenarios.analysis.paths import ABS_TOL, same_cost, shortest_path_tree
from scenarios.graph import (
    LINKS,
    SIDE,
    STRUCTURAL,
    Tie,
    is_cut_candidate,
    is_side_head,
    tie,
    tie_label,
)
from scenarios.memory import gc_paused

if TYPE_CHECKING:
    from scenarios.graph import TieGraph

Pair = tuple[str, str]

MAX_GROUP = 3
"""The largest group searched: with three channels an analyst can still read why they matter
together, and the search stays within MAX_GROUP_SETS on the seed (docs: "Groups")."""
MIN_GAIN = 0.01
"""A group's members must each add, and the group must add over its members' sum, this much."""
MAX_GROUP_SETS = 2_000
"""Sets of channels whose damage the group search may evaluate."""

_KIND_ORDER = {"leader": 0, "envoy": 1, "official": 2, "state": 3, "bloc": 3}


@dataclass(frozen=True, slots=True)
class Channel:
    """Cut-candidate ties between two groups that run through the same envoys or officials."""

    id: str
    ties: tuple[Tie, ...]
    links: tuple[str, ...]
    ends: tuple[tuple[str, ...], tuple[str, ...]]  # its actors in each group, most ties first
    groups: tuple[str, str]  # the two groups (equal for a channel inside one side)


@dataclass(frozen=True, slots=True)
class ChannelScore:
    """One ranked unit: a channel, or channels in series; what cutting all of it does."""

    id: str
    channels: tuple[Channel, ...]
    score: float
    damages: tuple[PairDamage, ...]  # the key pairs it weakens
    worst: PairDamage | None
    disconnects: tuple[Pair, ...]

    @property
    def ties(self) -> tuple[Tie, ...]:
        return tuple(t for c in self.channels for t in c.ties)

    @property
    def links(self) -> tuple[str, ...]:
        return tuple(i for c in self.channels for i in c.links)


@dataclass(frozen=True, slots=True)
class ChannelGroup:
    """Channels that matter only together: their joint cut and each member's score alone."""

    members: tuple[ChannelScore, ...]
    score: float
    alone: tuple[float, ...]
    worst: PairDamage | None
    disconnects: tuple[Pair, ...]

    @property
    def ties(self) -> tuple[Tie, ...]:
        return tuple(t for m in self.members for t in m.ties)


@dataclass(frozen=True, slots=True)
class Pivot:
    """A person the scenario runs through: removing him weakens the key actors."""

    actor: str
    score: float
    worst: PairDamage | None
    disconnects: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class ChannelResult:
    key_actors: tuple[str, ...]
    pairs: tuple[KeyPair, ...]
    rows: tuple[ChannelScore, ...]  # every unit with a score above 0, highest first
    channels: int | None  # channels in the graph (None: not counted, `count_channels`)
    groups: tuple[ChannelGroup, ...]  # highest damage first
    # "complete", "partial" (MAX_GROUP_SETS reached), "skipped" (the compiled engine, or not
    # asked for) or "nothing_to_cut" (no key pair is connected)
    groups_searched: str
    sets_evaluated: int
    pivots: tuple[Pivot, ...]
    engine: str


# -- building channels -------------------------------------------------------------------------


class ChannelIndex:
    """The channels of a graph.

    A cut candidate with no end that joins ties (`through`) is a channel of its own. The
    others are joined by union-find: at each joining actor x, the ties to actors of one other
    group are in one bundle (they all join x's group to that group) and share x, so they are
    one channel; a tie with two joining ends links the channels of both. Cost: the degrees of
    the joining actors only (envoys and officials), not the whole graph.
    """

    def __init__(self, graph: TieGraph, key_actors: Sequence[str] = ()) -> None:
        self.graph = graph
        self.side: dict[str, str] = {}
        for node, attrs in graph.nodes.items():
            side = attrs.get(SIDE)
            if side is not None:
                self.side[node] = side
        self.key_order: dict[str, int] = {}
        for i, k in enumerate(key_actors):
            self.key_order.setdefault(self.group(k), i)
        self._parent: dict[Tie, Tie] | None = None
        self._members: dict[Tie, list[Tie]] = {}
        self._of: dict[Tie, Channel] = {}
        self.by_id: dict[str, Channel] = {}

    def group(self, actor: str) -> str:
        return self.side.get(actor, actor)

    def through(self, actor: str) -> bool:
        """A side member but not its head: ties sharing this end are one channel."""
        return actor in self.side and not is_side_head(self.graph.nodes[actor].get("kind"))

    def _find(self, edge: Tie) -> Tie:
        parent = self._joined()
        root = edge
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(edge, edge) != root:  # path compression
            parent[edge], edge = root, parent[edge]
        return root

    def _joined(self) -> dict[Tie, Tie]:
        """Union-find over the cut candidates that touch a joining actor (built once)."""
        if self._parent is not None:
            return self._parent
        parent: dict[Tie, Tie] = {}
        self._parent = parent
        adj = self.graph.adj
        for x in self.side:
            if not self.through(x):
                continue
            first: dict[str, Tie] = {}  # other group -> first tie of x to it
            for y, data in adj.get(x, {}).items():
                if not is_cut_candidate(data):
                    continue
                edge = (x, y) if x <= y else (y, x)
                parent.setdefault(edge, edge)
                other = first.setdefault(self.group(y), edge)
                a, b = self._find(edge), self._find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return parent

    def channel_of(self, edge: Tie) -> Channel:
        found = self._of.get(edge)
        if found is not None:
            return found
        parent = self._joined()
        if edge not in parent:
            ties: tuple[Tie, ...] = (edge,)
        else:
            if not self._members:
                for member in parent:
                    self._members.setdefault(self._find(member), []).append(member)
            ties = tuple(sorted(self._members[self._find(edge)]))
        channel = self._channel(ties)
        self.by_id[channel.id] = channel
        for member in ties:
            self._of[member] = channel
        return channel

    def _channel(self, ties: tuple[Tie, ...]) -> Channel:
        u, v = ties[0]
        first, second = sorted(
            (self.group(u), self.group(v)),
            key=lambda g: (self.key_order.get(g, len(self.key_order)), g),
        )
        counts: dict[str, int] = defaultdict(int)
        for a, b in ties:
            counts[a] += 1
            counts[b] += 1
        nodes = self.graph.nodes

        def order(actor: str) -> tuple[int, int, str]:
            attrs = nodes.get(actor, {})
            kind = _KIND_ORDER.get(str(attrs.get("kind")), 4)
            return (-counts[actor], kind, str(attrs.get("name", actor)))

        if first == second:
            ends: tuple[tuple[str, ...], tuple[str, ...]] = (tuple(sorted(counts, key=order)), ())
        else:
            ends = (
                tuple(sorted((a for a in counts if self.group(a) == first), key=order)),
                tuple(sorted((a for a in counts if self.group(a) == second), key=order)),
            )
        adj = self.graph.adj
        links = tuple(i for a, b in ties for i in adj[a][b][LINKS])
        return Channel(tie_label(ties[0]), ties, links, ends, (first, second))

    def count(self) -> int:
        """How many channels the graph has: cut candidates, less the ties joined through a
        side member, plus the channels those make."""
        adj = self.graph.adj
        structural = sum(
            1 for u, nbrs in adj.items() for v, d in nbrs.items() if STRUCTURAL in d and u < v
        )
        candidates = self.graph.number_of_edges() - structural
        parent = self._joined()
        roots = {self._find(edge) for edge in parent}
        return candidates - len(parent) + len(roots)


# -- scoring -------------------------------------------------------------------------------------


def cut_summary(
    chains: KeyChains, ties: Collection[Tie]
) -> tuple[float, tuple[PairDamage, ...], PairDamage | None, tuple[Pair, ...]]:
    """What cutting `ties` together does: its score, the pairs it weakens, the pair it hurts
    most (with the fewest hops left, for the sentence) and the pairs it disconnects."""
    damages = tuple(d for d in chains.damages(ties) if d.damage > 0.0)
    worst = worst_damage(damages)
    if worst is not None:
        worst = chains.with_fewest_hops_after(worst, ties)
    disconnects = tuple(sorted((d.source, d.target) for d in damages if d.disconnected))
    return chains.score(damages), damages, worst, disconnects


def score_cut(chains: KeyChains, ties: Iterable[Tie]) -> float:
    """The vitality of cutting `ties` together on `chains`' graph (ties it lacks are ignored):
    how a unit found on one graph scores on another (a scenario's channel on the base graph)."""
    present = [t for t in ties if chains.graph.has_edge(*t)]
    return chains.cut_score(present) if present else 0.0


def _same_damage(a: Mapping[Pair, float], b: Mapping[Pair, float]) -> bool:
    return a.keys() == b.keys() and all(same_cost(a[p], b[p]) for p in a)


def channel_dependencies(
    graph: TieGraph,
    key_actors: Sequence[str],
    *,
    engine: str = "auto",
    search_groups: bool = True,
    find_pivots: bool = True,
    count_routes: bool = True,
    count_channels: bool = True,
    chains: KeyChains | None = None,
) -> ChannelResult:
    """Rank the channels the key actors depend on, find groups and pivots (module docstring).

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v in [("s", "a"), ("a", "t"), ("s", "b"), ("b", "t")]:
    ...     g.add_tie(u, v, (f"{u}{v}",), 0.5)
    >>> result = channel_dependencies(g, ["s", "t"])
    >>> result.rows  # every channel alone leaves an equally strong route
    ()
    >>> [([m.id for m in grp.members], grp.score) for grp in result.groups][:2]
    [(['a~s', 'b~s'], 1.0), (['a~s', 'b~t'], 1.0)]
    """
    with gc_paused():  # a million ties: the collector would rescan them again and again
        return _channel_dependencies(
            graph,
            key_actors,
            engine,
            search_groups,
            find_pivots,
            count_routes,
            count_channels,
            chains,
        )


def _channel_dependencies(
    graph: TieGraph,
    key_actors: Sequence[str],
    engine: str,
    search_groups: bool,
    find_pivots: bool,
    count_routes: bool,
    count_channels: bool,
    chains: KeyChains | None,
) -> ChannelResult:
    chains = chains or KeyChains(graph, key_actors, engine)
    index = ChannelIndex(graph, chains.keys)
    adj = graph.adj
    on_routes = sorted(
        {index.channel_of(e) for e in chains.through if is_cut_candidate(adj[e[0]][e[1]])},
        key=lambda c: c.id,
    )
    singles: dict[str, ChannelScore] = {}
    vectors: dict[str, dict[Pair, float]] = {}
    for channel in on_routes:
        score, damages, worst, disconnects = cut_summary(chains, channel.ties)
        singles[channel.id] = ChannelScore(
            channel.id, (channel,), score, damages, worst, disconnects
        )
        vectors[channel.id] = {(d.source, d.target): d.damage for d in damages}
    units = _in_series(chains, [s for s in singles.values() if s.score > 0.0], vectors)
    rows = tuple(sorted(units, key=lambda u: (-round(u.score, 12), u.id)))

    groups: tuple[ChannelGroup, ...] = ()
    searched, evaluated = "skipped", 0
    if not chains.connected:  # no chain to weaken: no set of cuts can matter
        searched = "nothing_to_cut"
    elif search_groups and choose_engine(graph, engine) == "python":
        groups, searched, evaluated = _groups(chains, index, rows, singles)

    pivots = _pivots(chains) if find_pivots else ()
    routes = chains.paths.routes(chains.connected) if count_routes else {}
    return ChannelResult(
        tuple(chains.keys),
        chains.key_pairs(routes),
        rows,
        index.count() if count_channels else None,
        groups,
        searched,
        evaluated,
        pivots,
        chains.engine,
    )


def _in_series(
    chains: KeyChains, scoring: Sequence[ChannelScore], vectors: Mapping[str, dict[Pair, float]]
) -> list[ChannelScore]:
    """Merge channels in series: equal non-zero damage to every pair, and a joint cut that
    does exactly the same."""
    clusters: list[list[ChannelScore]] = []
    for unit in sorted(scoring, key=lambda u: (-round(u.score, 12), u.id)):
        for cluster in clusters:
            if _same_damage(vectors[cluster[0].id], vectors[unit.id]):
                joint = [t for member in (*cluster, unit) for t in member.ties]
                together = {(d.source, d.target): d.damage for d in chains.damages(joint)}
                if _same_damage({p: v for p, v in together.items() if v > 0.0}, vectors[unit.id]):
                    cluster.append(unit)
                    break
        else:
            clusters.append([unit])
    out = []
    for cluster in clusters:
        if len(cluster) == 1:
            out.append(cluster[0])
            continue
        channels = tuple(c for member in cluster for c in member.channels)
        first = cluster[0]
        out.append(
            ChannelScore(
                first.id, channels, first.score, first.damages, first.worst, first.disconnects
            )
        )
    return out


def _groups(
    chains: KeyChains,
    index: ChannelIndex,
    rows: Sequence[ChannelScore],
    singles: Mapping[str, ChannelScore],
) -> tuple[tuple[ChannelGroup, ...], str, int]:
    """Depth-first search for groups of channels that matter only together."""
    graph = chains.graph
    adj = graph.adj
    unit_of: dict[str, ChannelScore] = {}  # channel id -> its unit (a series row, or itself)
    for row in rows:
        for channel in row.channels:
            unit_of[channel.id] = row
    scores: dict[frozenset[str], float] = {frozenset(): 0.0}
    evaluated = 0
    complete = True

    def unit(channel_id: str) -> ChannelScore:
        found = unit_of.get(channel_id)
        if found is None:
            found = singles.get(channel_id)
        if found is None:
            channel = index.by_id[channel_id]
            found = ChannelScore(channel.id, (channel,), 0.0, (), None, ())
        unit_of[channel_id] = found
        return found

    units: dict[str, ChannelScore] = {}

    def ties_of(members: frozenset[str]) -> list[Tie]:
        return [t for m in members for t in units[m].ties]

    def damage(members: frozenset[str]) -> float:
        nonlocal evaluated
        if members not in scores:
            evaluated += 1
            scores[members] = chains.score(chains.damages(ties_of(members)))
        return scores[members]

    def extensions(members: frozenset[str]) -> list[str]:
        cut = set(ties_of(members))
        found: set[str] = set()
        for s in chains.keys:
            targets = [t for t in chains.keys if (s, t) in chains.fractions]
            if not targets:
                continue
            tree = shortest_path_tree(graph, s, skip=cut, targets=targets)
            for t in targets:
                for edge, fraction in tie_fractions(tree, t).items():
                    if fraction > 0 and is_cut_candidate(adj[edge[0]][edge[1]]):
                        found.add(unit(index.channel_of(edge).id).id)
        for u in found:
            units.setdefault(u, unit(u))
        return sorted(found - members)

    found_sets: list[frozenset[str]] = []
    seen: set[frozenset[str]] = set()

    def search(members: frozenset[str]) -> None:
        nonlocal complete
        if len(members) >= MAX_GROUP:
            return
        for nxt in extensions(members):
            bigger = members | {nxt}
            if bigger in seen:
                continue
            if evaluated >= MAX_GROUP_SETS:
                complete = False
                return
            seen.add(bigger)
            damage(bigger)
            if len(bigger) >= 2:
                found_sets.append(bigger)
            search(bigger)

    search(frozenset())
    groups = []
    for members in found_sets:
        total = scores[members]
        alone = [units[m].score for m in sorted(members)]
        if total < sum(alone) + MIN_GAIN - ABS_TOL:
            continue
        # members in id order: damage() counts each new set it evaluates, and all() stops at
        # the first member that adds too little, so the order decides `sets_evaluated`
        if all(total - damage(members - {m}) >= MIN_GAIN - ABS_TOL for m in sorted(members)):
            groups.append(members)
    out = []
    for members in groups:
        ordered = tuple(sorted((units[m] for m in members), key=lambda u: (-u.score, u.id)))
        ties = [t for m in ordered for t in m.ties]
        score, _, worst, disconnects = cut_summary(chains, ties)
        out.append(
            ChannelGroup(ordered, score, tuple(m.score for m in ordered), worst, disconnects)
        )
    out.sort(key=lambda g: (-round(g.score, 12), len(g.members), [m.id for m in g.members]))
    return tuple(out), "complete" if complete else "partial", evaluated


def _pivots(chains: KeyChains) -> tuple[Pivot, ...]:
    """People on every strongest path of some key pair whose removal weakens the key actors."""
    graph = chains.graph
    nodes, adj = graph.nodes, graph.adj
    keys = set(chains.keys)
    candidates: set[str] = set()
    for (s, t), fractions in chains.fractions.items():
        through: dict[str, float] = defaultdict(float)
        for (u, v), fraction in fractions.items():
            through[u] += fraction
            through[v] += fraction
        for actor, total in through.items():
            # an interior actor meets every path it is on twice (in and out)
            if actor not in (s, t) and same_cost(total / 2.0, 1.0):
                candidates.add(actor)
    out = []
    for actor in sorted(candidates):
        if actor in keys or str(nodes.get(actor, {}).get("kind")) not in _PEOPLE:
            continue
        ties = [tie(actor, other) for other in adj[actor]]
        score, _, worst, disconnects = cut_summary(chains, ties)
        if score > 0.0:
            out.append(Pivot(actor, score, worst, disconnects))
    out.sort(key=lambda p: (-round(p.score, 12), p.actor))
    return tuple(out)


_PEOPLE = frozenset({"leader", "envoy", "official"})


def units_by_tie(rows: Iterable[ChannelScore]) -> dict[Tie, ChannelScore]:
    """Each tie of the ranked units, with its unit."""
    return {t: row for row in rows for t in row.ties}


def pairs_of(keys: Sequence[str]) -> list[Pair]:
    return list(itertools.combinations(keys, 2))
