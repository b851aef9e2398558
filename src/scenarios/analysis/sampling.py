"""Betweenness and closeness on large graphs: compiled exact values, and estimates from pivots.

Both measures are averages over *source* actors of something one cheapest-path search per
source yields, so a uniform sample of k sources ("pivots") gives an unbiased estimate, and the
spread of the per-pivot values gives its standard error (Brandes & Pich 2007, "Centrality
estimation in large networks"; Eppstein & Wang 2004 for closeness):

- betweenness(v) = sum over sources s of delta_s(v) / ((n-1)(n-2)), where delta_s(v) is
  Brandes' dependency of s on v (the share of cheapest s-t paths through v, summed over t).
  Estimate: n * mean over pivots of delta_p(v) / ((n-1)(n-2)).
- closeness(v) = (r/(n-1)) / mean distance from v to the r actors it reaches (networkx's
  Wasserman-Faust form). The graph is undirected, so d(v, p) = d(p, v): the mean distance is
  estimated from the pivots in v's component, which are drawn per component in proportion to
  its size (at least MIN_PIVOTS_PER_COMPONENT); components of at most SMALL_COMPONENT actors
  are computed exactly.

The error is the standard error of that mean across pivots, with the finite-population
correction sqrt((N - k) / (N - 1)) (pivots are drawn without replacement from N candidates,
so an estimate from every actor has error 0); for closeness it is carried through the
reciprocal to first order (delta method). It is a 1-sigma figure: about 95 % of actors lie
within two of it of their exact value (checked against networkx in
tests/analysis/test_sampling.py).

igraph computes the per-pivot dependencies (Brandes from one source, compiled, weighted);
scipy the per-pivot distances. Pivots come from `random.Random(seed)`: same seed, same answer.
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
        # igraph: reached / total distance, over the reachable actors only (nan if none)
        raw = np.nan_to_num(np.asarray(g.closeness(weights=COST, normalized=True), dtype=float))
        sizes = np.asarray(g.connected_components().sizes())
        reach = sizes[np.asarray(g.connected_components().membership)] - 1
        scaled = raw * reach / (n - 1) if n > 1 else np.zeros(n)
        return dict(zip(names, scaled.tolist(), strict=True))
    raise ValueError(f"{measure.value} has no compiled exact form here")


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
    from scipy.sparse.csgraph import connected_components, dijkstra

    from scenarios.analysis.engine import compact

    cg = compact(ties)
    n = cg.n
    matrix = cg.matrix()
    _, label = connected_components(matrix, directed=False)
    sizes = np.bincount(label)
    scores = np.zeros(n)
    errors = np.zeros(n)
    rng = random.Random(seed)
    large, small_nodes = _components(sizes, label)
    in_large = sum(len(m) for m in large)
    # exact for small components: all-pairs within the union of them, BATCH sources at a time
    if len(small_nodes):
        sub = matrix[small_nodes][:, small_nodes]
        for start in range(0, len(small_nodes), BATCH):
            rows = np.arange(start, min(start + BATCH, len(small_nodes)))
            d = dijkstra(sub, directed=True, indices=rows)
            finite = np.isfinite(d)
            reach = finite.sum(axis=1) - 1
            total = np.where(finite, d, 0.0).sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.where(total > 0, reach / total * reach / (n - 1), 0.0)
            scores[small_nodes[rows]] = value
    # estimated for large components: pivots in proportion to size
    used = 0
    for members in large:
        size = len(members)
        k = _pivot_count(pivots, size, in_large)
        used += k
        chosen = np.asarray(_draw(members.tolist(), k, rng), dtype=np.int64)
        total = np.zeros(size)
        squares = np.zeros(size)
        count = np.zeros(size)
        position = {int(v): i for i, v in enumerate(members.tolist())}
        for start in range(0, k, BATCH):
            batch = chosen[start : start + BATCH]
            d = dijkstra(matrix, directed=True, indices=batch)[:, members]
            own = np.zeros_like(d, dtype=bool)
            for row, p in enumerate(batch.tolist()):
                own[row, position[p]] = True  # a pivot's distance to itself is not a sample
            d = np.where(own, 0.0, d)
            total += d.sum(axis=0)
            squares += (d * d).sum(axis=0)
            count += (~own).sum(axis=0)
        mean = total / count
        variance = np.maximum(0.0, squares / count - mean * mean) * count / np.maximum(count - 1, 1)
        reach = size - 1
        # the pivots other than v are drawn from the reach = size - 1 other actors
        se_mean = np.sqrt(variance / count) * np.array([_fpc(reach, int(m)) for m in count])
        value = (reach / (n - 1)) / mean
        scores[members] = value
        errors[members] = value * se_mean / mean
    names = cg.names
    return Estimate(
        dict(zip(names, scores.tolist(), strict=True)),
        dict(zip(names, errors.tolist(), strict=True)),
        used,
        in_large,
    )
