"""ScenarioView -> an undirected graph of ties, the shape every analysis works on.

A *tie* is everything that *carries* between two actors: the links between them that carry,
whatever their type or direction. Cutting a tie removes all of them. Which links carry
(README, "What a link carries"):

- adversarial links (`opposes`, `claims`: `LinkType.role`) never do; they stay in the data,
  in `show`, `links`, exports and Neo4j, and reports list them apart, as tensions;
- a scenario may declare `connected_by` (the link types that make its connection); then only
  links of those types carry, plus *side links*: structural links (`leads`, `member_of`,
  `envoy_of`) whose two ends are in the same side (`sides_of`), which always carry;
- otherwise every channel and structural link carries.

Each tie carries

- `links`:  the ids of its carrying links, in dataset order;
- `weight`: how much it carries, in (0, 1]: its links' weights (strength x confidence)
            combined by independence of their sources (`source_groups`): links whose evidence
            shares a programme or a `cites` value are one source and count once (the
            strongest), independent sources combine by noisy-OR, 1 - prod(1 - w_g);
- `cost`:   -ln(weight) + HOP_TIEBREAK, the length shortest paths minimise;
- `structural`: present (True) when every link of the tie is structural: such a tie
            organises a side and is never cut by `depends`, sweeps or the smallest break;
- `groups`: ties of several links only: their source groups (`SourceGroup`).

Why -ln: weights are bounded and read as "the chance the tie carries". A chain carries only if
every tie on it does, so a route's *strength* is the product of its weights, and the cheapest
path is the strongest chain. Hop count does not matter in itself (an envoy's strong tie to
his principal adds almost nothing), weak and doubtful ties do. HOP_TIEBREAK (1e-6 per hop)
only orders paths: it breaks exact ties in favour of fewer hops and keeps every cost positive;
a reported strength is always the product of true weights (`chain_strength`).

Links of weight 0 (strength or confidence 0) are kept in the data but carry nothing here.

The graph is a dict-of-dicts adjacency (networkx's own native form) wrapped in `TieGraph`, so
path and dependency analysis run without importing networkx (~0.2 s of start-up);
`TieGraph.to_networkx()` hands the same data to networkx for centrality. Each actor node
carries its `name`, `kind` and, for side members, its `side`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scenarios.memory import gc_paused
from scenarios.model import Actor, Link, ScenarioView
from scenarios.vocab import ActorKind, LinkRole, LinkType

if TYPE_CHECKING:
    import networkx as nx

WEIGHT = "weight"
COST = "cost"
LINKS = "links"
STRUCTURAL = "structural"
GROUPS = "groups"
SIDE = "side"
TIE_SEPARATOR = "~"
HOP_TIEBREAK = 1e-6

STRUCTURAL_TYPES = frozenset(t for t in LinkType if t.role is LinkRole.STRUCTURAL)
CARRYING_TYPES = frozenset(t for t in LinkType if t.role is not LinkRole.ADVERSARIAL)

Tie = tuple[str, str]
TieData = dict[str, Any]


def tie(u: str, v: str) -> Tie:
    """The canonical (sorted) form of the tie between u and v."""
    return (u, v) if u <= v else (v, u)


def tie_label(pair: Tie, sep: str = TIE_SEPARATOR) -> str:
    return f"{pair[0]}{sep}{pair[1]}"


def combine_weights(weights: Iterable[float]) -> float:
    """Noisy-OR: the chance at least one of several independent channels carries.

    >>> round(combine_weights([0.5, 0.5]), 2)
    0.75

    Weights so small that 1 - w rounds to 1 (below about 1e-16) would combine to 0 and make no
    tie of links that carry something; there the sum, which noisy-OR tends to, stands in.

    >>> combine_weights([1e-18, 1e-18])
    2e-18
    """
    weights = list(weights)
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss or sum(weights)


def chain_strength(cost: float | None, hops: int) -> float:
    """The strength of a chain (product of its true tie weights) from its summed `cost` and
    its `hops`: the hop tie-break is taken out again, so it never changes a reported value.
    0 when there is no chain (`cost` None).

    >>> chain_strength(tie_cost(0.8) + tie_cost(0.9), 2) == 0.8 * 0.9
    True
    """
    if cost is None:
        return 0.0
    return min(1.0, math.exp(-(cost - HOP_TIEBREAK * hops)))


def tie_cost(weight: float) -> float:
    """Path length of a tie of this weight: -ln(weight) plus the hop tie-break.

    >>> round(tie_cost(0.5), 4)
    0.6931
    """
    return -math.log(weight) + HOP_TIEBREAK


# -- sides ----------------------------------------------------------------------------------------


def sides_of(actors: Iterable[Actor]) -> dict[str, str]:
    """Each side member's side (README, "Sides"): a state or bloc is its own side; a leader,
    envoy or official belongs to the side its `affiliation` leads to, through other people if
    need be (an envoy affiliated with a leader is of the leader's side). Anyone else
    (institutions, public opinion, companies, documents, assets, ...) is of no side.

    >>> from scenarios.model import Actor
    >>> from scenarios.vocab import ActorKind as K
    >>> sides_of([Actor("us", "US", K.STATE), Actor("trump", "Trump", K.LEADER, affiliation="us"),
    ...           Actor("witkoff", "Witkoff", K.ENVOY, affiliation="trump"),
    ...           Actor("congress", "Congress", K.INSTITUTION, affiliation="us")])
    {'us': 'us', 'trump': 'us', 'witkoff': 'us'}
    """
    by_id = {a.id: a for a in actors}
    sides: dict[str, str] = {}
    for actor in by_id.values():
        if actor.kind.heads_side:
            sides[actor.id] = actor.id
            continue
        if not actor.kind.joins_side:
            continue
        seen = {actor.id}
        current = by_id.get(actor.affiliation) if actor.affiliation else None
        while current is not None and current.id not in seen and current.kind.joins_side:
            seen.add(current.id)
            current = by_id.get(current.affiliation) if current.affiliation else None
        if current is not None and current.kind.heads_side:
            sides[actor.id] = current.id
    return sides


def carries_by_type(
    link: Link, connected_by: Collection[LinkType], sides: Mapping[str, str]
) -> bool:
    """Whether a link's type lets it carry (module docstring; its weight is not looked at):
    never an adversarial one; with a scenario's `connected_by`, one of those types or a
    structural link inside one side (`sides`: `sides_of`); else every channel and structural
    type. `add_links` applies the same rule inline, a million links at a time.

    >>> from scenarios.vocab import LinkType as T
    >>> sides = {"us": "us", "trump": "us", "russia": "russia"}
    >>> leads = Link("l", "trump", "us", T.LEADS, 1.0, 1.0)
    >>> talks = Link("t", "trump", "russia", T.NEGOTIATES_WITH, 0.9, 1.0)
    >>> [carries_by_type(x, (T.CONSTRAINS,), sides) for x in (leads, talks)]
    [True, False]
    >>> carries_by_type(Link("o", "us", "russia", T.OPPOSES, 1.0, 1.0), (), sides)
    False
    """
    if link.type.role is LinkRole.ADVERSARIAL:
        return False
    if not connected_by or link.type in connected_by:
        return True
    if link.type not in STRUCTURAL_TYPES:
        return False
    own = sides.get(link.source)
    return own is not None and own == sides.get(link.target)


def is_side_head(kind: str | ActorKind | None) -> bool:
    """A side's head: a state, bloc or leader. Ties through a side member who is not a head
    (an envoy, an official) are one channel (`scenarios.analysis.channels`)."""
    return kind in _HEAD_KINDS


_HEAD_KINDS = frozenset(
    {ActorKind.STATE, ActorKind.BLOC, ActorKind.LEADER, "state", "bloc", "leader"}
)


# -- evidence: independent sources ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Links of one tie whose evidence shares a source: they count once, at the strongest."""

    links: tuple[str, ...]
    sources: tuple[str, ...]  # `programme:<id>` and `cites:<text, case-folded>` keys
    weight: float


def source_keys(link: Link) -> tuple[str, ...]:
    """What a link's evidence rests on: its programmes and what it cites (case-folded, stripped).

    >>> from scenarios.model import Evidence
    >>> from scenarios.vocab import LinkType
    >>> said = (Evidence("x", programme="p"), Evidence("y", cites=" The WSJ "))
    >>> source_keys(Link("l", "a", "b", LinkType.SUPPORTS, 1.0, 1.0, evidence=said))
    ('cites:the wsj', 'programme:p')
    """
    keys: set[str] = set()
    for item in link.evidence:
        if item.programme:
            keys.add(f"programme:{item.programme}")
        if item.cites and item.cites.strip():
            keys.add(f"cites:{item.cites.strip().casefold()}")
    return tuple(sorted(keys))


def source_groups(links: Sequence[Link]) -> tuple[SourceGroup, ...]:
    """Split one tie's links into groups that share a source, transitively; a link with no
    programme and no `cites` is a group of its own. A group weighs as its strongest link.

    >>> from scenarios.model import Evidence
    >>> from scenarios.vocab import LinkType
    >>> said = (Evidence("met", programme="p"),)
    >>> met = Link("met", "a", "b", LinkType.NEGOTIATES_WITH, 0.8, 1.0, evidence=said)
    >>> heard = Link("heard", "a", "b", LinkType.INFLUENCES, 0.7, 0.4, evidence=said)
    >>> other = Link("other", "a", "b", LinkType.SUPPORTS, 0.5, 1.0)
    >>> [(g.links, g.weight) for g in source_groups([met, heard, other])]
    [(('met', 'heard'), 0.8), (('other',), 0.5)]
    """
    groups: list[tuple[set[str], list[Link]]] = []
    for link in links:
        keys = set(source_keys(link))
        members = [link]
        if keys:
            for group in [g for g in groups if g[0] & keys]:
                groups.remove(group)
                keys |= group[0]
                members = [*group[1], *members]
        groups.append((keys, members))
    order = {link.id: i for i, link in enumerate(links)}
    found = [
        SourceGroup(
            tuple(m.id for m in sorted(members, key=lambda m: order[m.id])),
            tuple(sorted(keys)),
            max(m.strength * m.confidence for m in members),
        )
        for keys, members in groups
    ]
    return tuple(sorted(found, key=lambda g: order[g.links[0]]))


def tie_weight(links: Sequence[Link]) -> float:
    """A tie's weight: noisy-OR over its source groups (see `source_groups`).

    >>> from scenarios.vocab import LinkType
    >>> round(tie_weight([Link("x", "a", "b", LinkType.SUPPORTS, 0.5, 1.0),
    ...                   Link("y", "a", "b", LinkType.SUPPORTS, 0.5, 1.0)]), 2)
    0.75
    """
    return combine_weights(g.weight for g in source_groups(links))


class TieGraph:
    """An undirected graph of ties: `adj[u][v]` is the tie's data dict (shared both ways).

    Mirrors the parts of networkx's Graph API the analysis uses (`adj`, `nodes`, `edges()`,
    `has_edge`, `number_of_edges`), so analysis functions accept either.
    """

    __slots__ = ("adj", "key_actors", "name", "nodes")

    def __init__(self, name: str = "", key_actors: tuple[str, ...] = ()) -> None:
        self.adj: dict[str, dict[str, TieData]] = {}
        self.nodes: dict[str, dict[str, Any]] = {}
        self.name = name
        self.key_actors = key_actors

    def add_node(self, node: str, **attrs: Any) -> None:
        self.nodes.setdefault(node, {}).update(attrs)
        self.adj.setdefault(node, {})

    def add_tie(
        self, u: str, v: str, links: tuple[str, ...], weight: float, *, structural: bool = False
    ) -> None:
        for node in (u, v):
            if node not in self.adj:
                self.add_node(node)
        data: TieData = {LINKS: links, WEIGHT: weight, COST: tie_cost(weight)}
        if structural:
            data[STRUCTURAL] = True
        self.adj[u][v] = data
        self.adj[v][u] = data

    def has_edge(self, u: str, v: str) -> bool:
        return v in self.adj.get(u, {})

    def edges(self) -> Iterator[tuple[str, str, TieData]]:
        """Each tie once, as (u, v, data) with u < v."""
        for u, neighbours in self.adj.items():
            for v, data in neighbours.items():
                if u < v:
                    yield u, v, data

    def number_of_edges(self) -> int:
        return sum(len(neighbours) for neighbours in self.adj.values()) // 2

    def number_of_nodes(self) -> int:
        return len(self.adj)

    def __contains__(self, node: object) -> bool:
        return node in self.adj

    def __len__(self) -> int:
        return len(self.adj)

    def without(self, ties: Iterable[Tie]) -> TieGraph:
        """A copy with the given ties cut (tie data dicts are shared, not copied)."""
        cut = {tie(u, v) for u, v in ties}
        copy = TieGraph(self.name, self.key_actors)
        copy.nodes = {n: dict(a) for n, a in self.nodes.items()}
        copy.adj = {
            u: {v: d for v, d in nbrs.items() if tie(u, v) not in cut}
            for u, nbrs in self.adj.items()
        }
        return copy

    def to_networkx(self) -> nx.Graph:
        import networkx as nx

        graph = nx.Graph(scenario=self.name, key_actors=self.key_actors)
        graph.add_nodes_from(self.nodes.items())
        graph.add_edges_from((u, v, dict(d)) for u, v, d in self.edges())
        return graph


def build_graph(
    view: ScenarioView, *, connected_by: Collection[LinkType] | None = None
) -> TieGraph:
    """Every actor of the view as a node, every carrying tie with its links, weight and cost.

    `connected_by`: the link types that carry (besides side links); None takes the view's
    scenario's own `connected_by` (empty: every channel and structural type).
    """
    graph = TieGraph(view.name, view.key_actors)
    nodes, adj = graph.nodes, graph.adj
    if connected_by is None:
        connected_by = view.scenario.connected_by if view.scenario else ()
    sides = sides_of(view.actors)
    with gc_paused():
        for actor in view.actors:
            attrs = {"name": actor.name, "kind": actor.kind.value}
            side = sides.get(actor.id)
            if side is not None:
                attrs[SIDE] = side
            nodes[actor.id] = attrs
            adj[actor.id] = {}
        add_links(graph, view.links, connected_by=connected_by, sides=sides)
    return graph


def add_links(
    graph: TieGraph,
    links: Iterable[Link],
    *,
    connected_by: Collection[LinkType] = (),
    sides: dict[str, str] | None = None,
) -> None:
    """Add the carrying links to `graph`, merging parallel ones into ties (module docstring).

    Written for a million links: one pass groups them by tie (most ties have one link), a
    second builds each tie's data once; only ties of several links look at evidence.
    """
    declared = frozenset(connected_by)
    carries = declared or CARRYING_TYPES
    side = (sides or {}).get
    structural = STRUCTURAL_TYPES
    grouped: dict[Tie, Link | list[Link]] = {}
    get = grouped.get
    for link in links:
        if link.strength * link.confidence > 0.0:  # Link.weight, inlined
            s, t = link.source, link.target
            if link.type not in carries:
                # declared types only: a structural link still carries inside one side
                if not declared or link.type not in structural:
                    continue
                own = side(s)
                if own is None or own != side(t):
                    continue
            key = (s, t) if s <= t else (t, s)
            found = get(key)
            if found is None:
                grouped[key] = link
            elif isinstance(found, list):
                found.append(link)
            else:
                grouped[key] = [found, link]
    adj = graph.adj
    log = math.log
    for (u, v), members in grouped.items():
        data: TieData
        if isinstance(members, list):
            groups = source_groups(members)
            weight = combine_weights(g.weight for g in groups)
            data = {
                LINKS: tuple(m.id for m in members),
                WEIGHT: weight,
                COST: -log(weight) + HOP_TIEBREAK,
                GROUPS: groups,
            }
            if all(m.type in structural for m in members):
                data[STRUCTURAL] = True
        else:
            weight = members.strength * members.confidence
            data = {
                LINKS: (members.id,),
                WEIGHT: weight,
                COST: -log(weight) + HOP_TIEBREAK,
            }
            if members.type in structural:
                data[STRUCTURAL] = True
        neighbours = adj.get(u)
        if neighbours is None or adj.get(v) is None:
            for node in (u, v):
                if node not in adj:
                    graph.add_node(node)
            neighbours = adj[u]
        neighbours[v] = data
        adj[v][u] = data


def with_ties_from(
    graph: TieGraph,
    links: Iterable[Link],
    ties: Collection[Tie],
    *,
    name: str = "base",
    connected_by: Collection[LinkType] = (),
) -> TieGraph:
    """`graph` with the given ties rebuilt from `links`, the rest shared, not copied.

    A scenario's graph and the base graph differ only at the ties the scenario touches (the
    ties of the links it adds, changes or removes), so the base graph is the scenario's with
    those ties rebuilt from the base links: a few dictionaries instead of a million ties.
    Links of other ties are ignored; sides come from the graph's nodes.

    >>> from scenarios.model import Actor, Dataset, Link, LinkChange, Scenario
    >>> from scenarios.vocab import ActorKind as K, LinkType as T
    >>> ds = Dataset((Actor("a", "A", K.STATE), Actor("b", "B", K.STATE)),
    ...              (Link("ab", "a", "b", T.SUPPORTS, 0.5, 1.0),),
    ...              (Scenario("s", "S", ("a", "b"), changes=(LinkChange("ab", 0.9),)),))
    >>> scenario = build_graph(ds.view("s"))
    >>> with_ties_from(scenario, ds.links, [("a", "b")]).adj["a"]["b"][WEIGHT]
    0.5
    """
    out = TieGraph(name, ())
    out.nodes = graph.nodes
    out.adj = dict(graph.adj)
    wanted = {tie(u, v) for u, v in ties}
    ends = {x for pair in wanted for x in pair}
    for end in ends:
        out.adj[end] = {
            other: data
            for other, data in graph.adj.get(end, {}).items()
            if tie(end, other) not in wanted
        }
    rebuilt = [
        link
        for link in links
        if (link.source in ends and (link.source, link.target) in wanted)
        or (link.target in ends and (link.target, link.source) in wanted)
    ]
    sides = {x: graph.nodes[x][SIDE] for x in ends if SIDE in graph.nodes.get(x, {})}
    add_links(out, rebuilt, connected_by=connected_by, sides=sides)
    return out


def is_cut_candidate(data: TieData) -> bool:
    """Whether `depends` may cut the tie: it carries a link that is not structural."""
    return not data.get(STRUCTURAL, False)
