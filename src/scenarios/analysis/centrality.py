"""Who is central: five classic measures over a tie graph, weighted where it makes sense.

- betweenness(v): the share of strongest chains between other actors that pass through v,
  summed over ordered pairs and normalised by (n - 1)(n - 2) (each unordered pair counts
  twice). Chains of equal strength are equal within `paths.ABS_TOL` (Brandes' algorithm over
  `paths.shortest_path_tree`), as igraph compares them, so both engines agree;
- closeness(v): the mean over every other actor u of the strength of the strongest v-u
  chain (the product of its tie weights; 0 if unreachable): in [0, 1], 1 for an actor joined
  to everyone by ties of weight 1.

Betweenness and closeness need a strongest-chain search from every actor, O(n m log n): fine
for the seed, hours for 50,000 actors. Above `SAMPLE_ABOVE` actors they are *estimated* from
`DEFAULT_SAMPLE` pivot actors (`scenarios.analysis.sampling`), with a standard error per
actor; `exact=True` or `sample=K` overrides. Exact values on graphs of more than
`engine.COMPILED_ABOVE` ties come from the compiled engines (igraph, scipy), otherwise from
pure Python here (networkx for degree, PageRank and eigenvector); the tests check both against
each other on both sides of the switch (tests/analysis/test_sampling.py,
tests/analysis/test_engines_agree.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.graph import WEIGHT
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
    `sample` (see `pivots_for`); `engine` "auto" | "python" | "compiled" chooses who
    computes exact values ("networkx" is an old name for "python").

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
        if measure is Measure.BETWEENNESS:
            return _ordered(measure, measure.method, betweenness(ties), engine="python")
        return _ordered(measure, measure.method, closeness(ties), engine="python")
    import networkx as nx

    graph = ties.to_networkx()
    n = graph.number_of_nodes()
    scores: dict[str, float]
    if n == 0:
        scores = {}
    elif measure is Measure.DEGREE:
        scale = 1.0 / (n - 1) if n > 1 else 0.0
        scores = {v: d * scale for v, d in graph.degree(weight=WEIGHT)}
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


def betweenness(ties: TieGraph) -> dict[str, float]:
    """Brandes' betweenness over strongest chains, equal strengths compared within ABS_TOL,
    normalised as networkx normalises an undirected graph: by (n - 1)(n - 2) over ordered
    pairs.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph()
    >>> for u, v, w in [("s", "a", 0.7), ("a", "t", 0.21), ("s", "b", 0.35), ("b", "t", 0.42)]:
    ...     g.add_tie(u, v, (), w)
    >>> {v: round(x, 3) for v, x in sorted(betweenness(g).items())}  # s-a-t and s-b-t: 0.147
    {'a': 0.167, 'b': 0.167, 's': 0.333, 't': 0.0}
    """
    from scenarios.analysis.paths import shortest_path_tree

    found = dict.fromkeys(ties.adj, 0.0)
    for source in ties.adj:
        tree = shortest_path_tree(ties, source)
        delta = dict.fromkeys(tree.dist, 0.0)
        for w in reversed(list(tree.dist)):  # settled in order of cost: farthest first
            for v in tree.preds[w]:
                delta[v] += tree.sigma[v] / tree.sigma[w] * (1.0 + delta[w])
            if w != source:
                found[w] += delta[w]
    n = len(found)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {v: x * scale for v, x in found.items()}


def closeness(ties: TieGraph) -> dict[str, float]:
    """Mean strongest-chain strength to every other actor (0 for the unreachable).

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("a", "b", (), 1.0); g.add_node("c")
    >>> closeness(g)
    {'a': 0.5, 'b': 0.5, 'c': 0.0}
    """
    from scenarios.analysis.paths import shortest_path_tree

    n = len(ties.adj)
    if n < 2:
        return dict.fromkeys(ties.adj, 0.0)
    out = {}
    for source in ties.adj:
        tree = shortest_path_tree(ties, source)
        out[source] = sum(tree.strength(t) for t in tree.dist if t != source) / (n - 1)
    return out


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
    if engine not in ("networkx", "python", "compiled"):
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
