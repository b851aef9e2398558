"""What `compare` answers: scenario B relative to A (links, chains, centrality, dependencies).

Shared with `whatif`: the rows that set a key pair's chain, an actor's rank or a tie's
dependency on two graphs side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from scenarios.model import Actor, Dataset, Link, LinkStatus, normalise
from scenarios.reports import wording
from scenarios.reports.common import (
    Analysis,
    LinkRow,
    NotCounted,
    analysis_for,
    check_top,
    link_row,
    not_counted,
)

if TYPE_CHECKING:
    from scenarios.analysis.centrality import CentralityResult
    from scenarios.analysis.compare import ChainShift, UnitShift
    from scenarios.vocab import Measure


BASE = "base"  # `compare base SCENARIO`: the shared base graph, unless a scenario has this id


@dataclass(frozen=True, slots=True)
class ChainRow:
    """A key pair's strongest chain on both sides, and what changed."""

    __json_extra__: ClassVar[tuple[str, ...]] = ("hops_before", "hops_after")

    source: Actor
    target: Actor
    change: str  # broken, formed, weaker, stronger, rerouted, same, apart
    strength_before: float
    strength_after: float
    path_before: tuple[Actor, ...]
    path_after: tuple[Actor, ...]
    why: str

    @property
    def hops_before(self) -> int | None:
        return len(self.path_before) - 1 if self.path_before else None

    @property
    def hops_after(self) -> int | None:
        return len(self.path_after) - 1 if self.path_after else None


@dataclass(frozen=True, slots=True)
class RankRow:
    """An actor's centrality on both sides (None: not in that graph, e.g. removed)."""

    actor: Actor
    rank_before: int | None
    rank_after: int | None
    value_before: float | None
    value_after: float | None
    moved: int | None  # places gained (+) or lost (-)


@dataclass(frozen=True, slots=True)
class CentralityShift:
    measure: str
    method: str
    movers: tuple[RankRow, ...]  # biggest movers first
    actor_count: int


@dataclass(frozen=True, slots=True)
class DependencyShiftRow:
    """A channel's score and rank on both sides (0 / None: not depended on there)."""

    id: str
    name: str
    types: tuple[str, ...]
    score_before: float
    score_after: float
    rank_before: int | None
    rank_after: int | None


def chain_row(ds: Dataset, shift: ChainShift, before: str, after: str) -> ChainRow:
    actor = ds.actor_by_id
    s, t = actor[shift.source], actor[shift.target]
    path_a = tuple(actor[x] for x in shift.before.path)
    path_b = tuple(actor[x] for x in shift.after.path)
    why = wording.chain_change(shift, (s, t), (path_a, path_b), before, after)
    strengths = shift.before.strength, shift.after.strength
    return ChainRow(s, t, shift.change.value, *strengths, path_a, path_b, why)


def rank_rows(
    ds: Dataset, before: CentralityResult, after: CentralityResult, top: int | None
) -> CentralityShift:
    from scenarios.analysis.compare import rank_shifts

    shifts = rank_shifts(before, after)
    moved = [s for s in shifts if s.moved != 0]
    rows = tuple(
        RankRow(
            ds.actor_by_id[s.actor],
            s.rank_before,
            s.rank_after,
            s.score_before,
            s.score_after,
            s.moved,
        )
        for s in (moved[:top] if top else moved)
    )
    return CentralityShift(before.measure.value, before.method, rows, len(shifts))


def dependency_shift_rows(
    an: Analysis, shifts: Iterable[UnitShift]
) -> tuple[DependencyShiftRow, ...]:
    """Channel shifts as rows, named on the side `an` where they were found."""
    from scenarios.graph import LINKS
    from scenarios.reports.depends import unit_name

    by_id = an.link_by_id
    rows = []
    for s in shifts:
        types = tuple(
            dict.fromkeys(
                by_id[i].type.value
                for u, v in s.unit.ties
                for i in an.graph.adj[u][v][LINKS]
                if i in by_id
            )
        )
        rows.append(
            DependencyShiftRow(
                s.unit.id,
                unit_name(an, s.unit),
                types,
                s.score_before,
                s.score_after,
                s.rank_before,
                s.rank_after,
            )
        )
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class ReweightRow:
    """A link both sides have, with a different strength or confidence on side B."""

    link_before: Link
    link_after: Link
    source: Actor
    target: Actor
    status: LinkStatus  # strengthened or weakened


@dataclass(frozen=True, slots=True)
class CompareReport:
    a: str  # scenario id, or "base"
    b: str
    a_name: str
    b_name: str
    as_of: date | None
    added_links: tuple[LinkRow, ...]
    removed_links: tuple[LinkRow, ...]
    reweighted: tuple[ReweightRow, ...]
    unchanged_link_count: int
    key_actors: tuple[Actor, ...]  # both sides' key actors: the pairs compared below
    chains: tuple[ChainRow, ...]  # top pairs whose strongest chain differs, biggest change first
    chains_changed: int
    chains_unchanged: int
    centrality: CentralityShift
    key_actors_a: tuple[Actor, ...]
    key_actors_b: tuple[Actor, ...]
    only_a: tuple[DependencyShiftRow, ...]  # channels A depends on and B does not
    only_b: tuple[DependencyShiftRow, ...]
    both: tuple[DependencyShiftRow, ...]  # channels both depend on, biggest score change first
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out
    same: bool = False  # A and B name the same scenario: nothing to compare, the rest is empty


def _side(ds: Dataset, query: str) -> tuple[str | None, str, str]:
    """(scenario id or None for the base graph, label, display name)."""
    from scenarios.errors import NotFound

    try:
        scenario = ds.resolve_scenario(query)
    except NotFound:
        if normalise(query) == BASE:
            return None, BASE, "the base graph"
        raise
    return scenario.id, scenario.id, scenario.name


def compare_report(
    ds: Dataset,
    a: str,
    b: str,
    *,
    measure: Measure | None = None,
    top: int | None = 10,
    as_of: date | None = None,
) -> CompareReport:
    """B relative to A: links, centrality ranks, dependencies and key-actor chains.

    Chains are compared over both scenarios' key actors together; dependencies use each
    scenario's own key actors (what `depends` ranks for it). `base` names the base graph.
    """
    from scenarios.analysis.centrality import centrality
    from scenarios.analysis.channels import channel_dependencies
    from scenarios.analysis.compare import (
        ChainChange,
        chain_shifts,
        dependency_diff,
        key_chains,
        link_diff,
    )
    from scenarios.vocab import Measure

    check_top(top)
    id_a, label_a, name_a = _side(ds, a)
    id_b, label_b, name_b = _side(ds, b)
    an_a = analysis_for(ds, id_a, as_of=as_of)
    chosen = measure or Measure.BETWEENNESS
    if label_a == label_b:
        keys_a = tuple(ds.actor_by_id[k] for k in an_a.view.key_actors)
        nobody = CentralityShift(chosen.value, chosen.method, (), an_a.graph.number_of_nodes())
        return CompareReport(
            label_a, label_b, name_a, name_b, as_of, (), (), (), len(an_a.view.links),
            keys_a, (), 0, 0, nobody, keys_a, keys_a, (), (), (), same=True,
            known_by=ds.known_by, not_counted=not_counted(ds, an_a.view),
            sourced_only=ds.left_out,
        )  # fmt: skip
    an_b = analysis_for(ds, id_b, as_of=as_of)
    diff = link_diff(an_a.view.links, an_b.view.links)
    actor = ds.actor_by_id

    def row(link: Link, status: LinkStatus) -> LinkRow:
        return link_row(ds, link, status)

    reweighted = tuple(
        ReweightRow(
            r.before,
            r.after,
            actor[r.after.source],
            actor[r.after.target],
            LinkStatus.WEAKENED if r.weight_change < 0 else LinkStatus.STRENGTHENED,
        )
        for r in diff.reweighted
    )
    keys = tuple(dict.fromkeys([*an_a.view.key_actors, *an_b.view.key_actors]))
    shifts = chain_shifts(key_chains(an_a.graph, keys), key_chains(an_b.graph, keys))
    changed = [s for s in shifts if s.change not in (ChainChange.SAME, ChainChange.APART)]
    ranks = rank_rows(ds, centrality(an_a.graph, chosen), centrality(an_b.graph, chosen), top)
    deps = dependency_diff(
        channel_dependencies(an_a.graph, an_a.view.key_actors, search_groups=False).rows,
        channel_dependencies(an_b.graph, an_b.view.key_actors, search_groups=False).rows,
    )
    return CompareReport(
        a=label_a,
        b=label_b,
        a_name=name_a,
        b_name=name_b,
        as_of=as_of,
        added_links=tuple(row(link, LinkStatus.ADDED) for link in diff.added),
        removed_links=tuple(row(link, LinkStatus.REMOVED) for link in diff.removed),
        reweighted=reweighted,
        unchanged_link_count=diff.unchanged,
        key_actors=tuple(actor[k] for k in keys),
        chains=tuple(
            chain_row(ds, s, f"in {label_a}", f"in {label_b}")
            for s in (changed[:top] if top else changed)
        ),
        chains_changed=len(changed),
        chains_unchanged=len(shifts) - len(changed),
        centrality=ranks,
        key_actors_a=tuple(actor[k] for k in an_a.view.key_actors),
        key_actors_b=tuple(actor[k] for k in an_b.view.key_actors),
        only_a=dependency_shift_rows(an_a, deps.only_before),
        only_b=dependency_shift_rows(an_b, deps.only_after),
        both=dependency_shift_rows(an_a, deps.both),
        known_by=ds.known_by,
        not_counted=not_counted(ds, an_a.view, an_b.view),
        sourced_only=ds.left_out,
    )
