"""Betweenness and closeness on large graphs: compiled exact values, and estimates from pivots.

Both measures are averages over *source* actors of something one cheapest-path search per
source yields, so a uniform sample of k sources ("pivots") gives an unbiased estimate, and the
spread of the per-pivot values gives its standard error (Brandes & Pich 2007, "Centrality
estimation in large networks"; Eppstein & Wang 2004 for closeness):

- betweenness(v) = sum over sources s of delta_s(v) / ((n-1)(n-2)), where delta_s(v) is
  Brandes' dependency of s on v (the share of cheapest s-t paths through v, summed over t).
  Estimate: n * mean over pivots of delta_p(v) / ((n-1)(n-2)).
- closeness(v) = (1/(n-1)) sum over u != v of rho(v, u), the strongest-chain strength (0 when
  unreachable). The graph is undirected, so rho(v, p) = rho(p, v); only the r = size - 1
  other actors of v's component contribute, so closeness(v) = (r/(n-1)) * their mean
  strength, estimated from the pivots in v's component, which are drawn per component in
  proportion to its size (at least MIN_PIVOTS_PER_COMPONENT); components of at most
  SMALL_COMPONENT actors are computed exactly.

The error is the standard error of that mean across pivots, with the finite-population
correction sqrt((N - k) / (N - 1)) (pivots are drawn without replacement from N candidates,
so an estimate from every actor has error 0). It is a 1-sigma figure: about 95 % of actors
lie within two of it of their exact value (checked against the exact values in
tests/analysis/test_sampling.py).

igraph computes the per-pivot dependencies (Brandes from one source, compiled, weighted);
scipy the per-pivot strongest chains (`engine.chains`: costs and hops, so the hop tie-break is
taken out of every strength). Pivots come from `random.Random(seed)`: same seed, same answer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scenarios.graph import COST
from scenarios.vocab import Measure

if TYPE_CHECKING:
    from scenarios.graph import TieGraph

SMALL_COMPONENT = 64
MIN_PIVOTS_PER_COMPONENT = 8
BATCH = 64  # pivots per scipy call: bounds memory to BATCH x n distances


@dataclass(frozen=True, slots=True)
class Estimate:
    scores: dict[str, float]
    errors: dict[str, float]
    pivots: int  # sources actually used, over all large components (0: all exact)
    sampled: int  # actors in components of more than SMALL_COMPONENT actors


def method(measure: Measure, result: Estimate, n: int, seed: int) -> str:
    """The method line of an estimate: the exact method plus how it was estimated."""
    text = (
        f"{measure.method}; estimated from {result.pivots:,} pivot sources among "
        f"{result.sampled:,} of {n:,} actors (seed {seed}); ± is the standard error across "
        "pivots"
    )
    if result.sampled < n:
        text += f"; components of at most {SMALL_COMPONENT} actors exact"
    return text


def estimate(ties: TieGraph, measure: Measure, pivots: int, seed: int) -> Estimate:
    if measure is Measure.BETWEENNESS:
        return _betweenness(ties, pivots, seed)
    if measure is Measure.CLOSENESS:
        return _closeness(ties, pivots, seed)
    raise ValueError(f"{measure.value} is not estimated from pivots")


def exact(ties: TieGraph, measure: Measure) -> dict[str, float]:
    """Exact betweenness or closeness, computed by igraph, scaled as networkx scales them."""
    import numpy as np

    from scenarios.analysis.engine import to_igraph

    g, names = to_igraph(ties)
    n = len(names)
    if measure is Measure.BETWEENNESS:
        raw = np.asarray(g.betweenness(weights=COST), dtype=float)
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        return dict(zip(names, (raw * scale).tolist(), strict=True))
    if measure is Measure.CLOSENESS:
        from scenarios.analysis.engine import compact

        cg = compact(ties)
        totals = np.zeros(cg.n)
        for start in range(0, cg.n, BATCH):
            rows = list(range(start, min(start + BATCH, cg.n)))
            totals[rows] = _strengths(cg, rows).sum(axis=1) - 1.0  # not to itself
        scaled = totals / (cg.n - 1) if cg.n > 1 else np.zeros(cg.n)
        return dict(zip(cg.names, scaled.tolist(), strict=True))
    raise ValueError(f"{measure.value} has no compiled exact form here")


def _strengths(cg: Any, sources: Sequence[int], columns: Any = None) -> Any:
    """Strongest-chain strengths from each source (rows) to every actor (0: unreachable)."""
    import numpy as np

    from scenarios.analysis.engine import chains, hops_from_predecessors
    from scenarios.graph import HOP_TIEBREAK

    dist, pred = chains(cg, sources)
    hops = hops_from_predecessors(pred, sources)
    if columns is not None:
        dist, hops = dist[:, columns], hops[:, columns]
    with np.errstate(over="ignore", invalid="ignore"):
        found = np.exp(-(dist - HOP_TIEBREAK * hops))
    return np.where(np.isfinite(dist), np.minimum(found, 1.0), 0.0)


def _draw(candidates: Sequence[int], k: int, rng: random.Random) -> list[int]:
    return sorted(rng.sample(list(candidates), k))


def _fpc(population: int, k: int) -> float:
    """Finite-population correction: 0 when every candidate is a pivot."""
    return math.sqrt(max(0.0, (population - k) / (population - 1))) if population > 1 else 0.0


def _components(sizes: Any, label: Any) -> tuple[list[Any], Any]:
    """Members of each component with more than SMALL_COMPONENT actors, and all actors of the
    smaller ones (computed exactly)."""
    import numpy as np

    order = np.argsort(label, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    members = [order[bounds[c] : bounds[c + 1]] for c in range(len(sizes))]
    large = [m for m in members if len(m) > SMALL_COMPONENT]
    small = [m for m in members if 1 < len(m) <= SMALL_COMPONENT]
    return large, (np.concatenate(small) if small else np.zeros(0, dtype=np.int64))


def _pivot_count(pivots: int, size: int, in_large: int) -> int:
    """Pivots for one large component: in proportion to its size, at least a few."""
    return min(size, max(MIN_PIVOTS_PER_COMPONENT, round(pivots * size / max(in_large, 1))))


def _betweenness(ties: TieGraph, pivots: int, seed: int) -> Estimate:
    import numpy as np

    from scenarios.analysis.engine import to_igraph

    g, names = to_igraph(ties)
    n = len(names)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    components = g.connected_components()
    large, small = _components(np.asarray(components.sizes()), np.asarray(components.membership))
    scores = np.zeros(n)
    errors = np.zeros(n)
    if len(small):  # exact: Brandes on the small components together (2x: pairs both ways)
        sub = g.induced_subgraph(small.tolist())  # keeps vertex order of the ids given
        scores[np.sort(small)] = 2.0 * np.asarray(sub.betweenness(weights=COST), dtype=float)
    in_large = sum(len(m) for m in large)
    rng = random.Random(seed)
    used = 0
    for members in large:
        size = len(members)
        k = _pivot_count(pivots, size, in_large)
        used += k
        total = np.zeros(n)
        squares = np.zeros(n)
        for p in _draw(members.tolist(), k, rng):
            # igraph's single-source subset betweenness counts each s-t pair half (undirected)
            delta = 2.0 * np.asarray(g.betweenness(weights=COST, sources=[p]), dtype=float)
            total += delta
            squares += delta * delta
        mean = total / k
        variance = (
            np.maximum(0.0, squares / k - mean * mean) * (k / (k - 1)) if k > 1 else 0.0 * mean
        )
        scores[members] = size * mean[members]
        errors[members] = size * np.sqrt(variance[members] / k) * _fpc(size, k)
    return Estimate(
        dict(zip(names, (scores * scale).tolist(), strict=True)),
        dict(zip(names, (errors * scale).tolist(), strict=True)),
        used,
        in_large,
    )


def _closeness(ties: TieGraph, pivots: int, seed: int) -> Estimate:
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    from scenarios.analysis.engine import compact

    cg = compact(ties)
    n = cg.n
    _, label = connected_components(cg.matrix(), directed=False)
    sizes = np.bincount(label)
    scores = np.zeros(n)
    errors = np.zeros(n)
    rng = random.Random(seed)
    large, small_nodes = _components(sizes, label)
    in_large = sum(len(m) for m in large)
    # exact for small components: strengths within them (nothing reaches beyond)
    for start in range(0, len(small_nodes), BATCH):
        rows = small_nodes[start : start + BATCH].tolist()
        totals = _strengths(cg, rows, small_nodes).sum(axis=1) - 1.0
        scores[rows] = totals / (n - 1)
    # estimated for large components: pivots in proportion to size
    used = 0
    for members in large:
        size = len(members)
        k = _pivot_count(pivots, size, in_large)
        used += k
        chosen = _draw(members.tolist(), k, rng)
        total = np.zeros(size)
        squares = np.zeros(size)
        count = np.zeros(size)
        position = {int(v): i for i, v in enumerate(members.tolist())}
        for start in range(0, k, BATCH):
            batch = chosen[start : start + BATCH]
            found = _strengths(cg, batch, members)
            own = np.zeros_like(found, dtype=bool)
            for row, p in enumerate(batch):
                own[row, position[p]] = True  # a pivot's chain to itself is not a sample
            found = np.where(own, 0.0, found)
            total += found.sum(axis=0)
            squares += (found * found).sum(axis=0)
            count += (~own).sum(axis=0)
        mean = total / np.maximum(count, 1)
        variance = (
            np.maximum(0.0, squares / np.maximum(count, 1) - mean * mean)
            * count
            / np.maximum(count - 1, 1)
        )
        reach = size - 1
        # the pivots other than v are drawn from the reach = size - 1 other actors
        se_mean = np.sqrt(variance / np.maximum(count, 1)) * np.array(
            [_fpc(reach, int(m)) for m in count]
        )
        scores[members] = reach / (n - 1) * mean
        errors[members] = reach / (n - 1) * se_mean
    names = cg.names
    return Estimate(
        dict(zip(names, scores.tolist(), strict=True)),
        dict(zip(names, errors.tolist(), strict=True)),
        used,
        in_large,
    )
