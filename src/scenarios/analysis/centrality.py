"""Who is central: five classic measures over a tie graph, weighted where it makes sense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.graph import COST, WEIGHT
from scenarios.vocab import Measure

if TYPE_CHECKING:
    import networkx as nx

    from scenarios.graph import TieGraph


@dataclass(frozen=True, slots=True)
class CentralityResult:
    """Scores for every actor, highest first (ties broken by id)."""

    measure: Measure
    method: str
    scores: tuple[tuple[str, float], ...]

    def top(self, n: int | None) -> tuple[tuple[str, float], ...]:
        return self.scores if n is None else self.scores[:n]

    def rank_of(self) -> dict[str, int]:
        """1-based competition ranks (equal scores share a rank)."""
        ranks: dict[str, int] = {}
        previous: float | None = None
        rank = 0
        for position, (actor, score) in enumerate(self.scores, start=1):
            if previous is None or abs(score - previous) > 1e-12:
                rank = position
            ranks[actor] = rank
            previous = score
        return ranks


def centrality(ties: TieGraph, measure: Measure) -> CentralityResult:
    """Compute `measure` for every actor of `graph`.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("hub", "a", (), 0.5); g.add_tie("hub", "b", (), 0.5)
    >>> centrality(g, Measure.BETWEENNESS).scores[0]
    ('hub', 1.0)
    """
    import networkx as nx

    graph = ties.to_networkx()
    n = graph.number_of_nodes()
    scores: dict[str, float]
    if n == 0:
        scores = {}
    elif measure is Measure.DEGREE:
        scale = 1.0 / (n - 1) if n > 1 else 0.0
        scores = {v: d * scale for v, d in graph.degree(weight=WEIGHT)}
    elif measure is Measure.BETWEENNESS:
        scores = nx.betweenness_centrality(graph, weight=COST, normalized=True)
    elif measure is Measure.CLOSENESS:
        scores = nx.closeness_centrality(graph, distance=COST, wf_improved=True)
    elif measure is Measure.PAGERANK:
        scores = (
            nx.pagerank(graph, weight=WEIGHT)
            if graph.number_of_edges()
            else dict.fromkeys(graph, 1.0 / n)
        )
    elif measure is Measure.EIGENVECTOR:
        scores = _eigenvector(graph)
    else:  # pragma: no cover - exhaustive over Measure
        raise AssertionError(measure)
    ordered = sorted(
        ((v, float(s)) for v, s in scores.items()), key=lambda item: (-item[1], item[0])
    )
    return CentralityResult(measure, measure.method, tuple(ordered))


def _eigenvector(graph: nx.Graph) -> dict[str, float]:
    import networkx as nx

    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    if graph.number_of_nodes() <= 2:
        return {
            v: float(s)
            for v, s in nx.eigenvector_centrality(graph, weight=WEIGHT, max_iter=1000).items()
        }
    scores = nx.eigenvector_centrality_numpy(graph, weight=WEIGHT)
    return {v: max(0.0, float(s)) for v, s in scores.items()}
