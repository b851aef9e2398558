"""ScenarioView -> an undirected networkx graph of ties, the shape every analysis works on.

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
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from scenarios.model import Link, ScenarioView

if TYPE_CHECKING:
    import networkx as nx

WEIGHT = "weight"
COST = "cost"
LINKS = "links"
TIE_SEPARATOR = "~"
HOP_TIEBREAK = 1e-6

Tie = tuple[str, str]


def tie(u: str, v: str) -> Tie:
    """The canonical (sorted) form of the tie between u and v."""
    return (u, v) if u <= v else (v, u)


def tie_label(pair: Tie, sep: str = TIE_SEPARATOR) -> str:
    return f"{pair[0]}{sep}{pair[1]}"


def combine_weights(weights: Iterable[float]) -> float:
    """Noisy-OR: the chance at least one of several independent channels carries.

    >>> round(combine_weights([0.5, 0.5]), 2)
    0.75
    """
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss


def tie_cost(weight: float) -> float:
    """Path length of a tie of this weight: -ln(weight) plus the hop tie-break.

    >>> round(tie_cost(0.5), 4)
    0.6931
    """
    return -math.log(weight) + HOP_TIEBREAK


def chain_strength(cost: float, hops: int) -> float:
    """Invert `tie_cost` summed over a path: the product of the weights along it."""
    return math.exp(-(cost - hops * HOP_TIEBREAK))


def build_graph(view: ScenarioView) -> nx.Graph:
    """Every actor of the view as a node, every tie with its links, weight and cost."""
    import networkx as nx

    graph = nx.Graph(scenario=view.name, key_actors=view.key_actors)
    for actor in view.actors:
        graph.add_node(actor.id, name=actor.name, kind=actor.kind.value)
    add_links(graph, view.links)
    return graph


def add_links(graph: nx.Graph, links: Iterable[Link]) -> None:
    """Add links to `graph`, merging parallel ones into ties (see the module docstring)."""
    grouped: dict[Tie, list[Link]] = {}
    for link in links:
        if link.weight > 0.0:
            grouped.setdefault(link.pair, []).append(link)
    for (u, v), members in grouped.items():
        if graph.has_edge(u, v):
            data: dict[str, Any] = graph.edges[u, v]
            ids = (*data[LINKS], *(link.id for link in members))
            weight = combine_weights([data[WEIGHT], *(m.weight for m in members)])
        else:
            ids = tuple(link.id for link in members)
            weight = combine_weights(m.weight for m in members)
        graph.add_edge(u, v, **{LINKS: ids, WEIGHT: weight, COST: tie_cost(weight)})


def without_ties(graph: nx.Graph, ties: Iterable[Tie]) -> nx.Graph:
    """A copy of `graph` with the given ties cut."""
    cut = graph.copy()
    cut.remove_edges_from(ties)
    return cut
