"""How surely the evidence holds a scenario together: Monte Carlo over uncertain links.

Each link is treated as present with probability equal to its confidence, independently of
the others (a tie is present when any of its links is). The structure *holds* in a draw when
all the key actors are in one connected component; the **holding probability** is the share of
draws in which it holds. Strength plays no part: a weak but certain link connects as surely as
a strong one. Links of weight 0 carry nothing in the tie graph and are never present.

For each link e, its **Birnbaum importance** is

    I(e) = P(holds | e present) - P(holds | e absent) = P(e is critical),

where e is *critical* in a draw if the rest of that draw holds with e and falls apart without
it. Both conditionals are evaluated on the same draw of the other links, so I(e) is estimated
for every link at once, including links of confidence 1 that are never drawn absent.

Per draw, on the graph of present ties (see `_Batch`):

- components give whether the structure holds and which key pairs are connected;
- an absent tie is critical iff the key actors fall in exactly two components and the tie
  joins them;
- a present tie is critical iff the structure holds and the tie is a bridge with key actors on
  both sides. Bridges come from a breadth-first spanning tree: every non-tree tie gets a random
  64-bit label, and a tree tie is a bridge iff the XOR of the labels over the subtree below it
  is 0 (each non-tree tie inside the subtree cancels; a non-bridge is missed with probability
  2^-64 per test);
- a link is critical iff its tie is critical and no other link of the tie is present.

Draws are processed in batches as one block-diagonal graph, so each batch costs a few scipy
and numpy calls whatever its size. Results depend only on the graph, `samples` and `seed`.
Intervals are Wilson score intervals (95 %) on the count of draws; they describe Monte Carlo
error only, not doubt about the confidences themselves.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scenarios.graph import LINKS, Tie

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from scenarios.graph import TieGraph

Z_95 = 1.959963984540054  # two-sided 95 % normal quantile
MIN_SAMPLES = 100
MAX_SAMPLES = 1_000_000
MAX_WORK = 1_000_000_000  # samples x (actors + ties + links): about a minute here (bench/whatif.py)
DEFAULT_SAMPLES = 10_000
BATCH_CELLS = 2_000_000  # batch size x (actors + ties + links) held in memory at once
MAX_EXACT_LINKS = 14


@dataclass(frozen=True, slots=True)
class Estimate:
    """A probability estimated from `samples` draws, with its 95 % Wilson interval.

    `exact` is True when the probability follows from the structure alone (e.g. the key actors are
    joined by links of confidence 1); the interval is then the value itself.
    """

    probability: float
    low: float
    high: float
    successes: int
    samples: int
    exact: bool = False


def wilson(successes: int, samples: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a binomial proportion.

    >>> [round(x, 4) for x in wilson(50, 100)]
    [0.4038, 0.5962]
    >>> wilson(0, 100)[0]
    0.0
    """
    if samples <= 0:
        return 0.0, 1.0
    p = successes / samples
    z2 = z * z
    centre = (p + z2 / (2 * samples)) / (1 + z2 / samples)
    half = z * math.sqrt(p * (1 - p) / samples + z2 / (4 * samples * samples)) / (1 + z2 / samples)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == samples else min(1.0, centre + half)
    return low, high


def estimate(successes: int, samples: int) -> Estimate:
    low, high = wilson(successes, samples)
    return Estimate(successes / samples, low, high, successes, samples)


def exact_estimate(value: float, samples: int) -> Estimate:
    return Estimate(value, value, value, round(value * samples), samples, exact=True)


@dataclass(frozen=True, slots=True)
class PairHolding:
    """How often two key actors are connected."""

    source: str
    target: str
    probability: Estimate


@dataclass(frozen=True, slots=True)
class LinkImportance:
    """One link's Birnbaum importance and the two holding probabilities it is the gap between."""

    link: str
    tie: Tie
    confidence: float
    importance: Estimate
    holding_if_present: float
    holding_if_absent: float


@dataclass(frozen=True, slots=True)
class TieImportance:
    """The same for a whole tie (all its links cut or kept together)."""

    tie: Tie
    links: tuple[str, ...]
    presence: float  # probability that at least one of its links is present
    importance: Estimate


@dataclass(frozen=True, slots=True)
class HoldingResult:
    """Monte Carlo estimates for one graph and set of key actors."""

    key_actors: tuple[str, ...]
    samples: int
    seed: int
    holding: Estimate
    pairs: tuple[PairHolding, ...]
    links: tuple[LinkImportance, ...]  # ranked, most important first
    ties: tuple[TieImportance, ...]  # ranked
    uncertain_links: int  # links with confidence < 1
    method: str = (
        "Monte Carlo: each link present with probability = its confidence, independently; "
        "holds = all key actors in one connected component; 95% Wilson intervals"
    )

    def top(self, n: int | None) -> tuple[LinkImportance, ...]:
        return self.links if n is None else self.links[:n]


def check_samples(samples: int, work_per_sample: int = 0) -> None:
    """Raise OutOfBounds unless `samples` is within the documented bounds."""
    from scenarios.errors import OutOfBounds

    if not MIN_SAMPLES <= samples <= MAX_SAMPLES:
        raise OutOfBounds(
            "samples",
            f"must be between {MIN_SAMPLES:,} and {MAX_SAMPLES:,}, not {samples:,}",
            hint=f"the default {DEFAULT_SAMPLES:,} gives intervals about ±1 percentage point",
        )
    if work_per_sample and samples * work_per_sample > MAX_WORK:
        most = MAX_WORK // work_per_sample
        raise OutOfBounds(
            "samples",
            f"{samples:,} is too much work for a graph this size (at most {most:,} here)",
            hint=f"use {most:,} samples or fewer; intervals shrink with the square root",
            limit=most,
        )


def work_per_sample(graph: TieGraph) -> int:
    """The cost unit `MAX_WORK` is measured in: actors + ties + links."""
    ties = graph.number_of_edges()
    links = sum(len(data[LINKS]) for _, _, data in graph.edges())
    return graph.number_of_nodes() + ties + links


def holding_probability(
    graph: TieGraph,
    key_actors: Sequence[str],
    confidence: Mapping[str, float],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> HoldingResult:
    """Estimate the holding probability and every link's Birnbaum importance.

    `confidence` maps each link id of the graph to its confidence; a confidence of 0 cuts the
    link (what-if analysis uses this so that both sides see the same draws). Key actors not in
    the graph are ignored; with fewer than two, the structure holds trivially.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("a", "b", ("ab",), 0.5); g.add_tie("b", "c", ("bc",), 0.5)
    >>> r = holding_probability(g, ["a", "c"], {"ab": 1.0, "bc": 0.5}, samples=1000, seed=1)
    >>> round(r.holding.probability, 1)
    0.5
    >>> [(li.link, round(li.importance.probability, 1)) for li in r.links]
    [('bc', 1.0), ('ab', 0.5)]

    a and c hold together when bc is drawn (ab always is): bc decides every draw, ab only
    those in which bc is present; links come most important first.
    """
    import numpy as np

    check_samples(samples, work_per_sample(graph))
    if seed < 0:
        from scenarios.errors import OutOfBounds

        raise OutOfBounds("seed", f"must be 0 or more, not {seed}", hint="e.g. 7")
    keys = tuple(k for k in dict.fromkeys(key_actors) if k in graph)
    setup = _Setup(graph, keys, confidence)
    counts = _Counts.zero(setup)
    if len(keys) >= 2 and setup.n_links:
        sampling, labelling = np.random.SeedSequence(seed).spawn(2)
        rng = np.random.default_rng(sampling)
        labels = np.random.default_rng(labelling).integers(
            0, np.iinfo(np.uint64).max, size=setup.n_ties, dtype=np.uint64, endpoint=True
        )
        size = max(1, min(samples, BATCH_CELLS // max(1, work_per_sample(graph))))
        done = 0
        batch: _Batch | None = None
        while done < samples:
            b = min(size, samples - done)
            if batch is None or batch.size != b:
                batch = _Batch(setup, b, labels)
            batch.run(rng, counts)
            done += b
    return _result(setup, counts, samples, seed)


class _Setup:
    """Index arrays for one graph: nodes, ties, links (sorted by tie), key actors."""

    def __init__(self, graph: TieGraph, keys: tuple[str, ...], confidence: Mapping[str, float]):
        import numpy as np

        self.keys = keys
        self.nodes = list(graph.adj)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.n = len(self.nodes)
        self.ties: list[Tie] = []
        self.tie_links: list[tuple[str, ...]] = []
        link_ids: list[str] = []
        link_tie: list[int] = []
        # the draws' layout (docs/whatif.md, "Estimation"): ties sorted by their ends' ids,
        # each tie's links in the view's order; draw i's uniform j decides link j
        for u, v, data in sorted(graph.edges(), key=lambda edge: (edge[0], edge[1])):
            t = len(self.ties)
            self.ties.append((u, v))
            self.tie_links.append(tuple(data[LINKS]))
            for link in data[LINKS]:
                link_ids.append(link)
                link_tie.append(t)
        self.n_ties = len(self.ties)
        self.link_ids = link_ids
        self.n_links = len(link_ids)
        self.link_tie = np.asarray(link_tie, dtype=np.intp)
        self.conf = np.asarray([float(confidence[i]) for i in link_ids], dtype=np.float64)
        starts = np.flatnonzero(np.diff(self.link_tie, prepend=-1))  # every tie has a link
        self.tie_start = starts.astype(np.intp)
        sizes = np.diff(np.r_[starts, self.n_links])
        # links that share their tie with others need per-link bookkeeping; most do not
        self.multi = np.flatnonzero(sizes[self.link_tie] > 1)
        self.all_single = len(self.multi) == 0
        self.tie_u = np.asarray([index[u] for u, _ in self.ties], dtype=np.intp)
        self.tie_v = np.asarray([index[v] for _, v in self.ties], dtype=np.intp)
        self.key_index = np.asarray([index[k] for k in keys], dtype=np.intp)
        # one copy's symmetric adjacency in CSR order, each entry tagged with its tie
        rows = np.r_[self.tie_u, self.tie_v]
        cols = np.r_[self.tie_v, self.tie_u]
        entry_tie = np.r_[np.arange(self.n_ties), np.arange(self.n_ties)]
        order = np.lexsort((cols, rows))
        self.entry_row = rows[order]
        self.entry_col = cols[order]
        self.entry_tie = entry_tie[order]
        self.indptr = np.searchsorted(self.entry_row, np.arange(self.n + 1)).astype(np.intp)
        # tie lookup by (u, v) in either direction
        self.entry_key = self.entry_row * self.n + self.entry_col  # sorted ascending
        self.pairs = list(itertools.combinations(range(len(keys)), 2))
        self.exact_holding, self.exact_pairs = _exact_holding(self)


def _exact_holding(setup: _Setup) -> tuple[float | None, list[float | None]]:
    """What the structure alone decides, for the whole and for each key pair.

    1 where links of confidence 1 alone join the key actors (or the pair); 0 where even every
    link together cannot; None where it depends on the draw.
    """
    certain = _key_components(setup, setup.conf >= 1.0)
    possible = _key_components(setup, setup.conf > 0.0)

    def decided(members: Sequence[int]) -> float | None:
        if len({certain[i] for i in members}) <= 1:
            return 1.0
        if len({possible[i] for i in members}) > 1:
            return 0.0
        return None

    whole = decided(range(len(setup.keys)))
    return whole, [decided((i, j)) for i, j in setup.pairs]


def _key_components(setup: _Setup, links: NDArray[np.bool_]) -> list[int]:
    """The component (a root node) of each key actor, using the ties of the chosen links."""
    parent = list(range(setup.n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in {int(t) for t in setup.link_tie[links]}:
        a, b = find(int(setup.tie_u[t])), find(int(setup.tie_v[t]))
        if a != b:
            parent[a] = b
    return [find(int(k)) for k in setup.key_index]


@dataclass
class _Counts:
    holds: int
    pairs: NDArray[np.int64]
    tie_critical: NDArray[np.int64]
    tie_critical_present: NDArray[np.int64]
    multi_critical_present: NDArray[np.int64]  # for the links in `_Setup.multi`
    multi_critical_absent: NDArray[np.int64]

    @classmethod
    def zero(cls, setup: _Setup) -> _Counts:
        import numpy as np

        return cls(
            0,
            np.zeros(len(setup.pairs), dtype=np.int64),
            np.zeros(setup.n_ties, dtype=np.int64),
            np.zeros(setup.n_ties, dtype=np.int64),
            np.zeros(len(setup.multi), dtype=np.int64),
            np.zeros(len(setup.multi), dtype=np.int64),
        )


class _Batch:
    """`size` draws at once: the draws' graphs side by side as one block-diagonal graph.

    Node x of draw b is b * n + x; one extra node (the last) points at draw b's first key
    actor for every b, so a single breadth-first search spans every draw's key component.
    """

    def __init__(self, setup: _Setup, size: int, labels: NDArray[np.uint64]) -> None:
        import numpy as np

        self.setup = setup
        self.size = size
        self.labels = labels
        n = setup.n
        self.total = size * n
        offsets = (np.arange(size, dtype=np.intp) * n)[:, None]
        self.indices = (setup.entry_col[None, :] + offsets).ravel()
        row_counts = np.diff(setup.indptr)
        self.row_start = np.r_[0, np.cumsum(np.tile(row_counts, size))].astype(np.intp)
        self.entry_tie = setup.entry_tie
        self.roots = np.arange(size, dtype=np.intp) * n + int(setup.key_index[0])
        self.key_nodes = (setup.key_index[None, :] + offsets).ravel()

    def run(self, rng: np.random.Generator, counts: _Counts) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        s = self.setup
        size, n, k = self.size, s.n, len(s.keys)
        link_present = rng.random((size, s.n_links)) < s.conf
        if s.all_single:
            tie_count, tie_present = link_present, link_present
        else:
            tie_count = np.add.reduceat(link_present.astype(np.int32), s.tie_start, axis=1)
            tie_present = tie_count > 0

        keep = tie_present[:, self.entry_tie].ravel()
        kept = np.zeros(len(keep) + 1, dtype=np.intp)
        np.cumsum(keep, out=kept[1:])
        indptr = kept[self.row_start]
        indices = self.indices[keep]
        nnz = int(indptr[-1])
        data = np.ones(nnz, dtype=np.int8)
        graph = csr_matrix((data, indices, indptr), shape=(self.total, self.total))
        _, label = connected_components(graph, directed=True, connection="strong")
        key_label = label[self.key_nodes].reshape(size, k)
        sorted_labels = np.sort(key_label, axis=1)
        distinct = 1 + np.count_nonzero(np.diff(sorted_labels, axis=1), axis=1)
        holds = distinct == 1
        counts.holds += int(holds.sum())
        for p, (i, j) in enumerate(s.pairs):
            counts.pairs[p] += int(np.count_nonzero(key_label[:, i] == key_label[:, j]))

        critical = np.zeros((size, s.n_ties), dtype=bool)
        # absent ties joining exactly two key components
        two = np.flatnonzero(distinct == 2)
        if len(two):
            first, last = sorted_labels[two, 0][:, None], sorted_labels[two, -1][:, None]
            block = label.reshape(size, n)[two]
            lu, lv = block[:, s.tie_u], block[:, s.tie_v]
            joins = ((lu == first) & (lv == last)) | ((lu == last) & (lv == first))
            critical[two] |= joins & ~tie_present[two]
        # present bridges with key actors on both sides, in draws that hold
        if holds.any():
            self._bridges(indptr, indices, tie_present, holds, critical)

        counts.tie_critical += critical.sum(axis=0)
        counts.tie_critical_present += (critical & tie_present).sum(axis=0)
        if not s.all_single:
            tie_of = s.link_tie[s.multi]
            present = link_present[:, s.multi]
            alone = tie_count[:, tie_of] == present  # no other link of the tie is present
            link_critical = critical[:, tie_of] & alone
            counts.multi_critical_present += (link_critical & present).sum(axis=0)
            counts.multi_critical_absent += (link_critical & ~present).sum(axis=0)

    def _bridges(
        self,
        indptr: NDArray[np.intp],
        indices: NDArray[np.intp],
        tie_present: NDArray[np.bool_],
        holds: NDArray[np.bool_],
        critical: NDArray[np.bool_],
    ) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import breadth_first_order

        s = self.setup
        n, k = s.n, len(s.keys)
        hub = self.total
        roots = self.roots[holds]
        full_indptr = np.r_[indptr, indptr[-1] + len(roots)]
        full_indices = np.r_[indices, roots]
        data = np.ones(len(full_indices), dtype=np.int8)
        spanning = csr_matrix((data, full_indices, full_indptr), shape=(hub + 1, hub + 1))
        order, pred = breadth_first_order(spanning, hub, directed=True, return_predecessors=True)
        position = np.empty(hub + 1, dtype=np.intp)
        position[order] = np.arange(len(order))
        parent_position = position[pred[order[1:]]]  # non-decreasing: BFS is first-in first-out

        # XOR labels of non-tree ties at their ends; key actor counts
        xor = np.zeros(hub + 1, dtype=np.uint64)
        keys_below = np.zeros(hub + 1, dtype=np.int32)
        keys_below[self.key_nodes] = 1
        draws, ties = np.nonzero(tie_present & holds[:, None])
        a = draws * n + s.tie_u[ties]
        c = draws * n + s.tie_v[ties]
        non_tree = (pred[c] != a) & (pred[a] != c)
        a, c, ties = a[non_tree], c[non_tree], ties[non_tree]
        np.bitwise_xor.at(xor, a, self.labels[ties])
        np.bitwise_xor.at(xor, c, self.labels[ties])

        # levels of the BFS tree, then sums over subtrees from the deepest level up
        levels = [(0, 1)]
        while levels[-1][1] < len(order):
            start, end = levels[-1]
            new_end = 1 + int(np.searchsorted(parent_position, end - 1, side="right"))
            levels.append((end, new_end))
        for start, end in reversed(levels[2:]):  # levels 0 (hub) and 1 (roots) have no tie above
            nodes = order[start:end]
            parents = pred[nodes]
            np.bitwise_xor.at(xor, parents, xor[nodes])
            np.add.at(keys_below, parents, keys_below[nodes])

        below = order[len(roots) + 1 :]  # every node under a root
        bridge = (xor[below] == 0) & (keys_below[below] > 0) & (keys_below[below] < k)
        nodes = below[bridge]
        parents = pred[nodes]
        draw = nodes // n
        key = (parents % n) * n + (nodes % n)
        tie = s.entry_tie[np.searchsorted(s.entry_key, key)]
        critical[draw, tie] = True


def _result(setup: _Setup, counts: _Counts, samples: int, seed: int) -> HoldingResult:
    import numpy as np

    exact = setup.exact_holding
    holding = (
        exact_estimate(exact, samples) if exact is not None else estimate(counts.holds, samples)
    )
    keys = setup.keys
    pairs = tuple(
        PairHolding(
            keys[i],
            keys[j],
            estimate(int(counts.pairs[p]), samples)
            if setup.exact_pairs[p] is None
            else exact_estimate(setup.exact_pairs[p] or 0.0, samples),
        )
        for p, (i, j) in enumerate(setup.pairs)
    )
    holds = counts.holds / samples
    critical_present = counts.tie_critical_present[setup.link_tie]
    critical_absent = counts.tie_critical[setup.link_tie] - critical_present
    critical_present[setup.multi] = counts.multi_critical_present
    critical_absent[setup.multi] = counts.multi_critical_absent
    links = [
        LinkImportance(
            link,
            setup.ties[int(setup.link_tie[index])],
            float(setup.conf[index]),
            estimate(int(critical_present[index] + critical_absent[index]), samples),
            holds + int(critical_absent[index]) / samples,
            holds - int(critical_present[index]) / samples,
        )
        for index, link in enumerate(setup.link_ids)
    ]
    links.sort(key=lambda li: (-li.importance.successes, li.tie, li.link))
    absent = (
        np.multiply.reduceat(1.0 - setup.conf, setup.tie_start) if setup.n_links else np.ones(0)
    )
    ties = [
        TieImportance(
            pair,
            setup.tie_links[t],
            1.0 - float(absent[t]),
            estimate(int(counts.tie_critical[t]), samples),
        )
        for t, pair in enumerate(setup.ties)
    ]
    ties.sort(key=lambda ti: (-ti.importance.successes, ti.tie))
    return HoldingResult(
        key_actors=keys,
        samples=samples,
        seed=seed,
        holding=holding,
        pairs=pairs,
        links=tuple(links),
        ties=tuple(ties),
        uncertain_links=int((setup.conf < 1.0).sum()),
    )


# -- exact reference for small graphs -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExactHolding:
    """Exact values by enumerating every combination of present and absent links."""

    holding: float
    pairs: dict[tuple[str, str], float]
    importance: dict[str, float]


def exact_holding_probability(
    graph: TieGraph, key_actors: Sequence[str], confidence: Mapping[str, float]
) -> ExactHolding:
    """The same quantities as `holding_probability`, exactly, for at most `MAX_EXACT_LINKS` links.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("a", "b", ("x", "y"), 0.75)
    >>> exact_holding_probability(g, ["a", "b"], {"x": 0.5, "y": 0.5}).holding
    0.75
    """
    links = [(link, u, v) for u, v, data in graph.edges() for link in data[LINKS]]
    if len(links) > MAX_EXACT_LINKS:
        raise ValueError(f"exact enumeration is for at most {MAX_EXACT_LINKS} links")
    keys = [k for k in dict.fromkeys(key_actors) if k in graph]
    nodes = list(graph.adj)
    pairs = list(itertools.combinations(keys, 2))

    def evaluate(present: Sequence[bool]) -> tuple[bool, list[bool]]:
        parent = {node: node for node in nodes}

        def find(x: str) -> str:
            while parent[x] != x:
                x = parent[x]
            return x

        for (_, u, v), on in zip(links, present, strict=True):
            if on:
                a, b = find(u), find(v)
                if a != b:
                    parent[a] = b
        roots = {find(k) for k in keys}
        return len(roots) <= 1, [find(s) == find(t) for s, t in pairs]

    holding = 0.0
    pair_p = dict.fromkeys(pairs, 0.0)
    importance = {link: 0.0 for link, _, _ in links}
    conf = [float(confidence[link]) for link, _, _ in links]
    for state in itertools.product((False, True), repeat=len(links)):
        factors = [c if on else 1.0 - c for c, on in zip(conf, state, strict=True)]
        p = math.prod(factors)
        holds, connected = evaluate(state)
        if holds:
            holding += p
        for pair, ok in zip(pairs, connected, strict=True):
            if ok:
                pair_p[pair] += p
        for i, (link, _, _) in enumerate(links):
            if state[i]:
                continue  # visit each state of the other links once, with this link absent
            others = math.prod(factors[:i] + factors[i + 1 :])
            with_link = evaluate([*state[:i], True, *state[i + 1 :]])[0]
            importance[link] += others * (float(with_link) - float(holds))
    return ExactHolding(holding, pair_p, importance)
