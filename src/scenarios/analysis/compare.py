"""Two graphs side by side: links added, removed or reweighted; rank shifts; chains; dependencies.

Used by `scenarios compare A B` (two scenarios) and `scenarios whatif` (one scenario before and
after a cut). Everything here compares results that the other analysis modules compute, in
the same terms: ties, chain strength (the product of tie weights along the strongest chain,
see `scenarios.graph`) and the dependency score (see `scenarios.analysis.dependency`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from scenarios.analysis.paths import cheapest_paths, same_cost
from scenarios.graph import HOP_TIEBREAK, Tie, chain_strength

if TYPE_CHECKING:
    from scenarios.analysis.centrality import CentralityResult
    from scenarios.analysis.channels import ChannelScore
    from scenarios.graph import TieGraph
    from scenarios.model import Link

Pair = tuple[str, str]
CHANGE_TOL = 1e-9  # weights and scores closer than this are "the same"


# -- links -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reweighted:
    """A link present on both sides with a different strength or confidence."""

    before: Link
    after: Link

    @property
    def weight_change(self) -> float:
        return self.after.weight - self.before.weight


@dataclass(frozen=True, slots=True)
class LinkDiff:
    """What B adds, removes and reweights relative to A (links matched by id)."""

    added: tuple[Link, ...]
    removed: tuple[Link, ...]
    reweighted: tuple[Reweighted, ...]
    unchanged: int


def link_diff(a: Iterable[Link], b: Iterable[Link]) -> LinkDiff:
    """Compare two link sets by id. Every list is sorted by the size of the weight change,
    largest first (compared at 12 decimals), then by id: an added link changes by its weight in
    B, a removed one by its weight in A, a reweighted one by |weight in B - weight in A|.

    >>> from scenarios.model import Link
    >>> from scenarios.vocab import LinkType
    >>> x = Link("x", "a", "b", LinkType.SUPPORTS, 0.5, 1.0)
    >>> y = Link("y", "a", "c", LinkType.SUPPORTS, 0.5, 1.0)
    >>> diff = link_diff([x], [y])
    >>> [l.id for l in diff.added], [l.id for l in diff.removed]
    (['y'], ['x'])
    """
    before = {link.id: link for link in a}
    after = {link.id: link for link in b}

    def by_size(link: Link) -> tuple[float, str]:
        return (-round(link.weight, 12), link.id)

    added = tuple(sorted((link for i, link in after.items() if i not in before), key=by_size))
    removed = tuple(sorted((link for i, link in before.items() if i not in after), key=by_size))
    reweighted = []
    unchanged = 0
    for i, old in before.items():
        new = after.get(i)
        if new is None:
            continue
        if (
            abs(old.strength - new.strength) > CHANGE_TOL
            or abs(old.confidence - new.confidence) > CHANGE_TOL
        ):
            reweighted.append(Reweighted(old, new))
        else:
            unchanged += 1
    reweighted.sort(key=lambda r: (-round(abs(r.weight_change), 12), r.before.id))
    return LinkDiff(added, removed, tuple(reweighted), unchanged)


# -- centrality ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RankShift:
    """One actor's centrality on both sides. Ranks are 1-based; None: absent on that side."""

    actor: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None

    @property
    def moved(self) -> int | None:
        """Places gained (positive) or lost (negative); None if absent on either side."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after


def rank_shifts(before: CentralityResult, after: CentralityResult) -> tuple[RankShift, ...]:
    """Every actor's rank and score on both sides, biggest movers first.

    Movers are ordered by places moved (absolute), then by score change, then id; actors
    present on one side only come first.

    >>> from scenarios.analysis.centrality import CentralityResult
    >>> from scenarios.vocab import Measure
    >>> a = CentralityResult(Measure.DEGREE, "", (("x", 0.9), ("y", 0.5)))
    >>> b = CentralityResult(Measure.DEGREE, "", (("y", 0.8), ("x", 0.4)))
    >>> [(s.actor, s.moved) for s in rank_shifts(a, b)]
    [('x', -1), ('y', 1)]
    """
    ranks_a, ranks_b = before.rank_of(), after.rank_of()
    scores_a, scores_b = dict(before.scores), dict(after.scores)
    shifts = [
        RankShift(
            actor, ranks_a.get(actor), ranks_b.get(actor), scores_a.get(actor), scores_b.get(actor)
        )
        for actor in dict.fromkeys([*ranks_a, *ranks_b])
    ]

    def order(shift: RankShift) -> tuple[int, int, float, str]:
        if shift.moved is None:
            return (0, 0, 0.0, shift.actor)
        change = abs((shift.score_after or 0.0) - (shift.score_before or 0.0))
        return (1, -abs(shift.moved), -change, shift.actor)

    return tuple(sorted(shifts, key=order))


# -- key-actor chains ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chain:
    """The strongest chain between two actors: one strongest path (fewest hops, then
    alphabetical), its summed cost and its hops. No chain: `cost` None and `path` empty."""

    source: str
    target: str
    cost: float | None
    path: tuple[str, ...]

    @property
    def strength(self) -> float:
        """The product of the chain's tie weights (the hop tie-break taken out)."""
        return chain_strength(self.cost, len(self.path) - 1) if self.path else 0.0

    @property
    def hops(self) -> int | None:
        return len(self.path) - 1 if self.path else None

    @property
    def loss(self) -> float | None:
        """-ln strength: the chain's cost without the hop tie-break (None: no chain)."""
        if self.cost is None:
            return None
        return self.cost - HOP_TIEBREAK * (len(self.path) - 1)


def key_chains(graph: TieGraph, key_actors: Sequence[str]) -> dict[Pair, Chain]:
    """The strongest chain for every pair of key actors (in the given order).

    Key actors missing from the graph (e.g. removed) have no chain to anyone.

    >>> from scenarios.graph import TieGraph
    >>> g = TieGraph(); g.add_tie("a", "b", (), 0.5); g.add_tie("b", "c", (), 0.5)
    >>> key_chains(g, ["a", "c"])[("a", "c")].path
    ('a', 'b', 'c')
    """
    chains: dict[Pair, Chain] = {}
    for s, t in itertools.combinations(dict.fromkeys(key_actors), 2):
        if s not in graph or t not in graph:
            chains[(s, t)] = Chain(s, t, None, ())
            continue
        found, _ = cheapest_paths(graph, s, t)
        chains[(s, t)] = (
            Chain(s, t, found[0].cost, found[0].actors) if found else Chain(s, t, None, ())
        )
    return chains


class ChainChange(StrEnum):
    """How a key pair's strongest chain differs between two graphs."""

    BROKEN = "broken"  # connected before, not after
    FORMED = "formed"  # connected after, not before
    WEAKER = "weaker"  # the strongest chain lost strength ("lengthened")
    STRONGER = "stronger"  # it gained strength ("shortened")
    REROUTED = "rerouted"  # same strength, another route
    SAME = "same"
    APART = "apart"  # connected on neither side


@dataclass(frozen=True, slots=True)
class ChainShift:
    before: Chain
    after: Chain
    change: ChainChange

    @property
    def source(self) -> str:
        return self.before.source

    @property
    def target(self) -> str:
        return self.before.target

    @property
    def strength_change(self) -> float:
        """after / before - 1 (-1 when broken; 0 when neither side connects or the chain is
        as strong on both sides)."""
        if self.before.loss is None or self.after.loss is None:
            return -1.0 if self.change is ChainChange.BROKEN else 0.0
        if self.change in (ChainChange.SAME, ChainChange.REROUTED):
            return 0.0
        return math.exp(self.before.loss - self.after.loss) - 1.0


def classify(before: Chain, after: Chain) -> ChainChange:
    if before.cost is None and after.cost is None:
        return ChainChange.APART
    if after.cost is None:
        return ChainChange.BROKEN
    if before.cost is None:
        return ChainChange.FORMED
    assert before.loss is not None and after.loss is not None
    if same_cost(before.loss, after.loss):  # equally strong, whatever the hops
        return ChainChange.SAME if before.path == after.path else ChainChange.REROUTED
    return ChainChange.WEAKER if after.loss > before.loss else ChainChange.STRONGER


def chain_shifts(
    before: Mapping[Pair, Chain], after: Mapping[Pair, Chain]
) -> tuple[ChainShift, ...]:
    """Pair up chains by key pair: broken first, then formed, then by the size of the strength
    change |after / before - 1| (largest first, compared at 12 decimals, as scores are),
    then in key-pair order (the order of `before`).

    >>> a = {("s", "t"): Chain("s", "t", 1.0, ("s", "t"))}
    >>> b = {("s", "t"): Chain("s", "t", None, ())}
    >>> chain_shifts(a, b)[0].change
    <ChainChange.BROKEN: 'broken'>
    """
    shifts = [ChainShift(before[p], after[p], classify(before[p], after[p])) for p in before]
    first = {ChainChange.BROKEN: 0, ChainChange.FORMED: 1}
    # sorted() is stable: equal keys keep the key-pair order
    return tuple(
        sorted(shifts, key=lambda s: (first.get(s.change, 2), -round(abs(s.strength_change), 12)))
    )


# -- dependencies --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitShift:
    """A unit (channel, or channels in series) one side depends on, with its score and rank on
    both sides (0 and None where that side does not depend on it)."""

    unit: ChannelScore  # as ranked on the side it was found on
    score_before: float
    score_after: float
    rank_before: int | None
    rank_after: int | None


@dataclass(frozen=True, slots=True)
class DependencyDiff:
    """Units one side depends on (score > 0: cutting them weakens some key chain) and the
    other does not, and units both depend on, each ordered by its score on the side it is on.

    A unit of one side and a unit of the other are the same when they share a tie (a scenario
    may add ties to a channel); its score on the other side is then that unit's score."""

    only_before: tuple[UnitShift, ...]
    only_after: tuple[UnitShift, ...]
    both: tuple[UnitShift, ...]


def dependency_diff(
    before: Sequence[ChannelScore],
    after: Sequence[ChannelScore],
    *,
    ignore: Collection[Tie] = (),
) -> DependencyDiff:
    """Split the ranked units of two sides (`ChannelResult.rows`, highest first).

    `ignore` lists ties to leave out (the ties a what-if cuts, which trivially vanish): a unit
    made only of them is not compared.
    """

    def ranked(rows: Sequence[ChannelScore]) -> list[tuple[int, ChannelScore]]:
        kept = [r for r in rows if r.score > CHANGE_TOL and not set(r.ties) <= set(ignore)]
        return list(enumerate(kept, start=1))

    a, b = ranked(before), ranked(after)

    def match(
        unit: ChannelScore, other: list[tuple[int, ChannelScore]]
    ) -> tuple[float, int | None]:
        ties = set(unit.ties)
        found = [(r, o) for r, o in other if ties & set(o.ties)]
        if not found:
            return 0.0, None
        rank, best = min(found, key=lambda item: item[0])
        return best.score, rank

    only_a: list[UnitShift] = []
    only_b: list[UnitShift] = []
    both: list[UnitShift] = []
    for rank, unit in a:
        score, other = match(unit, b)
        shift = UnitShift(unit, unit.score, score, rank, other)
        (both if other is not None else only_a).append(shift)
    for rank, unit in b:
        score, other = match(unit, a)
        if other is None:
            only_b.append(UnitShift(unit, score, unit.score, None, rank))
    both.sort(key=lambda s: (-round(abs(s.score_after - s.score_before), 12), s.unit.id))
    return DependencyDiff(tuple(only_a), tuple(only_b), tuple(both))
