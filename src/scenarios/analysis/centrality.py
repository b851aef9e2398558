"""Who is central: five classic measures over a tie graph, weighted where it makes sense.

Betweenness and closeness need a cheapest-path search from every actor, O(n m log n): fine
for the seed, hours for 50,000 actors. Above `SAMPLE_ABOVE` actors they are *estimated* from
`DEFAULT_SAMPLE` pivot actors (`scenarios.analysis.sampling`), with a standard error per
actor; `exact=True` or `sample=K` overrides. Exact values on graphs of more than
`engine.COMPILED_ABOVE` ties come from igraph (compiled), otherwise from networkx; the tests
check both against each other (tests/analysis/test_sampling.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.graph import COST, WEIGHT
from scenarios.vocab import Measure

if TYPE_CHECKING:
    import networkx as nx

    from scenarios.graph import TieGraph


SAMPLE_ABOVE = 2_000
"""Betweenness and closeness are estimated from pivots on graphs with more actors than this."""
DEFAULT_SAMPLE = 200
"""Pivots (source actors) for the estimate when none is asked for."""


@dataclass(frozen=True, slots=True)
class CentralityResult:
    """Scores for every actor, highest first (ties broken by id).

    Estimated results carry `sample` (pivots used), `seed`, and `errors`: each actor's
    standard error across pivots (see `scenarios.analysis.sampling`).
    """

    measure: Measure
    method: str
    scores: tuple[tuple[str, float], ...]
    sample: int | None = None
    seed: int | None = None
    errors: dict[str, float] | None = None
    engine: str = "networkx"

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


def pivots_for(n: int, *, exact: bool = False, sample: int | None = None) -> int | None:
    """How many pivots to estimate betweenness or closeness from on `n` actors (None: exact).

    >>> pivots_for(50), pivots_for(10_000), pivots_for(10_000, exact=True), pivots_for(60, sample=9)
    (None, 200, None, 9)
    """
    if exact:
        return None
    if sample is not None:
        return sample if sample < n else None
    return DEFAULT_SAMPLE if n > SAMPLE_ABOVE and n > DEFAULT_SAMPLE else None


def centrality(
    ties: TieGraph,
    measure: Measure,
    *,
    exact: bool = False,
    sample: int | None = None,
    seed: int = 0,
    engine: str = "auto",
) -> CentralityResult:
    """Compute `measure` for every actor of `graph`.

    Betweenness and closeness are estimated from pivots above SAMPLE_ABOVE actors, or with
    `sample` (see `pivots_for`); `engine` "auto" | "networkx" | "compiled" chooses who
    computes exact values.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("hub", "a", (), 0.5); g.add_tie("hub", "b", (), 0.5)
    >>> centrality(g, Measure.BETWEENNESS).scores[0]
    ('hub', 1.0)
    """
    if measure in (Measure.BETWEENNESS, Measure.CLOSENESS):
        from scenarios.analysis import sampling

        n = ties.number_of_nodes()
        pivots = pivots_for(n, exact=exact, sample=sample)
        if pivots is not None:
            estimate = sampling.estimate(ties, measure, pivots, seed)
            if estimate.pivots == 0:  # every component small enough to compute exactly
                small = f"every connected component has at most {sampling.SMALL_COMPONENT} actors"
                return _ordered(measure, _exactly(measure, small), estimate.scores, "igraph")
            return _ordered(
                measure,
                sampling.method(measure, estimate, n, seed),
                estimate.scores,
                sample=estimate.pivots,
                seed=seed,
                errors=estimate.errors,
                engine="igraph+scipy",
            )
        if sample is not None and not exact:  # asked for more pivots than there are actors
            whole = f"{sample:,} pivot sources would cover all {n:,} actors"
            return _with_method(centrality(ties, measure, exact=True, engine=engine), whole)
        if _compiled(ties, engine):
            return _ordered(measure, measure.method, sampling.exact(ties, measure), engine="igraph")
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
    return _ordered(measure, measure.method, scores)


def _exactly(measure: Measure, why: str) -> str:
    """The method line of exact values computed where an estimate was asked for."""
    return f"{measure.method}; computed exactly, not estimated: {why}"


def _with_method(result: CentralityResult, why: str) -> CentralityResult:
    from dataclasses import replace

    return replace(result, method=_exactly(result.measure, why))


def _compiled(ties: TieGraph, engine: str) -> bool:
    if engine == "auto":
        from scenarios.analysis.engine import COMPILED_ABOVE

        return ties.number_of_edges() > COMPILED_ABOVE
    if engine not in ("networkx", "compiled"):
        raise ValueError(f"unknown engine {engine!r}")
    return engine == "compiled"


def _ordered(
    measure: Measure,
    method: str,
    scores: dict[str, float],
    engine: str = "networkx",
    *,
    sample: int | None = None,
    seed: int | None = None,
    errors: dict[str, float] | None = None,
) -> CentralityResult:
    ordered = sorted(
        ((v, float(s)) for v, s in scores.items()), key=lambda item: (-item[1], item[0])
    )
    return CentralityResult(measure, method, tuple(ordered), sample, seed, errors, engine)


def _eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Leading eigenvector of the largest component (most actors, then smallest id); 0 elsewhere.

    On a disconnected graph the leading eigenvector is not unique (networkx refuses it), and
    a dated view (`--as-of`) or a what-if cut often leaves stray pieces.
    """
    import networkx as nx

    if graph.number_of_nodes() > 1 and not nx.is_connected(graph):
        pieces = nx.connected_components(graph)
        largest = min(pieces, key=lambda piece: (-len(piece), min(piece)))
        found = dict.fromkeys(graph, 0.0)
        found.update(_eigenvector(graph.subgraph(largest).copy()))
        return found
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    if graph.number_of_nodes() <= 2:
        return {
            v: float(s)
            for v, s in nx.eigenvector_centrality(graph, weight=WEIGHT, max_iter=1000).items()
        }
    scores = nx.eigenvector_centrality_numpy(graph, weight=WEIGHT)
    return {v: max(0.0, float(s)) for v, s in scores.items()}
