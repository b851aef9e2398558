"""ScenarioView -> an undirected graph of ties, the shape every analysis works on.

A *tie* is everything that joins two actors: all links between them, whatever their type or
direction. Cutting a tie removes all of them. Each tie carries

- `links`:  the ids of its links, in dataset order;
- `weight`: how much it carries, in (0, 1]: the noisy-OR of its links' weights
            (strength x confidence), i.e. 1 - prod(1 - w_i); two channels carry more than one;
- `cost`:   -ln(weight) + HOP_TIEBREAK, the length shortest paths minimise.

Why -ln: weights are bounded and read as "the chance the tie carries". A chain carries only if
every tie on it does, so a route's *strength* is the product of its weights, and the cheapest
path is the strongest chain. Hop count does not matter in itself (an envoy's strong tie to
his principal adds almost nothing), weak and doubtful ties do. HOP_TIEBREAK (1e-6 per hop)
only breaks exact ties in favour of fewer hops and keeps every cost positive.

Links of weight 0 (strength or confidence 0) are kept in the data but carry nothing here.

The graph is a dict-of-dicts adjacency (networkx's own native form) wrapped in `TieGraph`, so
path and dependency analysis run without importing networkx (~0.2 s of start-up);
`TieGraph.to_networkx()` hands the same data to networkx for centrality.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scenarios.memory import gc_paused
from scenarios.model import Link, ScenarioView

if TYPE_CHECKING:
    import networkx as nx

WEIGHT = "weight"
COST = "cost"
LINKS = "links"
TIE_SEPARATOR = "~"
HOP_TIEBREAK = 1e-6

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


def tie_cost(weight: float) -> float:
    """Path length of a tie of this weight: -ln(weight) plus the hop tie-break.

    >>> round(tie_cost(0.5), 4)
    0.6931
    """
    return -math.log(weight) + HOP_TIEBREAK


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

    def add_tie(self, u: str, v: str, links: tuple[str, ...], weight: float) -> None:
        for node in (u, v):
            if node not in self.adj:
                self.add_node(node)
        data: TieData = {LINKS: links, WEIGHT: weight, COST: tie_cost(weight)}
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


def build_graph(view: ScenarioView) -> TieGraph:
    """Every actor of the view as a node, every tie with its links, weight and cost."""
    graph = TieGraph(view.name, view.key_actors)
    nodes, adj = graph.nodes, graph.adj
    with gc_paused():
        for actor in view.actors:
            nodes[actor.id] = {"name": actor.name, "kind": actor.kind.value}
            adj[actor.id] = {}
        add_links(graph, view.links)
    return graph


def add_links(graph: TieGraph, links: Iterable[Link]) -> None:
    """Add links to `graph`, merging parallel ones into ties (see the module docstring).

    Written for a million links: one pass groups them by tie (most ties have one link), a
    second builds each tie's data once.
    """
    grouped: dict[Tie, Link | list[Link]] = {}
    get = grouped.get
    for link in links:
        if link.strength * link.confidence > 0.0:  # Link.weight, inlined
            s, t = link.source, link.target
            key = (s, t) if s <= t else (t, s)
            found = get(key)
            if found is None:
                grouped[key] = link
            elif type(found) is list:
                found.append(link)
            else:
                grouped[key] = [found, link]  # type: ignore[list-item]
    adj = graph.adj
    log = math.log
    for (u, v), members in grouped.items():
        if type(members) is list:
            ids = tuple(m.id for m in members)
            weights = [m.strength * m.confidence for m in members]
        else:
            ids = (members.id,)  # type: ignore[union-attr]
            weights = [members.strength * members.confidence]  # type: ignore[union-attr]
        neighbours = adj.get(u)
        if neighbours is None or adj.get(v) is None:
            for node in (u, v):
                if node not in adj:
                    graph.add_node(node)
            neighbours = adj[u]
        old = neighbours.get(v)
        if old is not None:
            ids = (*old[LINKS], *ids)
            weights.append(old[WEIGHT])
        miss = 1.0
        for w in weights:  # combine_weights, inlined
            miss *= 1.0 - w
        weight = 1.0 - miss or sum(weights)
        data: TieData = {LINKS: ids, WEIGHT: weight, COST: -log(weight) + HOP_TIEBREAK}
        neighbours[v] = data
        adj[v][u] = data
