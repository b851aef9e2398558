"""What `whatif` answers: a scenario before and after cutting ties or removing actors, and
`whatif --sweep`: every single cut (or pair of cuts) ranked by the damage it does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scenarios.errors import UsageError
from scenarios.model import Actor, Dataset
from scenarios.reports import wording
from scenarios.reports.common import (
    Analysis,
    HoldingPairRow,
    KeyChainRow,
    NotCounted,
    PairEffect,
    ScenarioRef,
    TieRow,
    actor_pairs,
    analysis_for,
    bounds_as_options,
    check_top,
    confidences,
    key_chain_rows,
    not_counted,
    pair_effect,
    scenario_of,
    tie_row,
)
from scenarios.reports.compare import (
    CentralityShift,
    ChainRow,
    DependencyShiftRow,
    chain_row,
    dependency_shift_rows,
    rank_rows,
)
from scenarios.reports.depends import ChannelRow, UnitRef, unit_name, unit_rows

if TYPE_CHECKING:
    from scenarios.analysis.compare import Chain
    from scenarios.analysis.reliability import Estimate
    from scenarios.analysis.whatif import CutDamage
    from scenarios.graph import Tie, TieGraph
    from scenarios.vocab import Measure


CUT_SEPARATORS = ("~", "～", "〜")  # ASCII tilde, full-width tilde, wave dash (Japanese input)


def parse_cut(ds: Dataset, an: Analysis, text: str) -> Tie:
    """Resolve `--cut A~B` to a tie of the analysed graph (actors by id, name or alias)."""
    from scenarios.graph import tie

    where = f"in {an.view.name}" + wording.clocks(an.view.as_of, an.view.known_by)
    for sep in CUT_SEPARATORS:
        if sep in text:
            left, _, right = text.partition(sep)
            break
    else:
        link = ds.link_by_id.get(text.strip()) or next(
            (link for link in an.view.links if link.id == text.strip()), None
        )
        hint = "name a tie by its two actors, e.g. --cut witkoff~putin"
        if link is not None:
            hint = (
                f"'{text}' is a link of the tie {link.source}~{link.target}; cut the tie with "
                f"--cut {link.source}~{link.target} (a tie is cut with all its links)"
            )
        raise UsageError(f"--cut '{text}' does not name a tie (ACTOR~ACTOR)", hint=hint)
    if not left.strip() or not right.strip():
        raise UsageError(
            f"--cut '{text}' needs an actor on each side of '~'", hint="e.g. --cut witkoff~putin"
        )
    u, v = ds.resolve_actor(left.strip()), ds.resolve_actor(right.strip())
    if u.id == v.id:
        raise UsageError(f"--cut '{text}' names {u.name} twice", hint="a tie joins two actors")
    if not an.graph.has_edge(u.id, v.id):
        others = sorted(an.graph.adj.get(u.id, {}), key=lambda o: ds.actor_by_id[o].name)
        listed = ", ".join(others[:8]) + (", ..." if len(others) > 8 else "")
        hint = (
            f"{u.name}'s ties {where}: {listed}"
            if others
            else f"{u.name} has no ties {where}; list links with `scenarios links --actor {u.id}`"
        )
        between = {
            link.type.value for link in an.view.links if {link.source, link.target} == {u.id, v.id}
        }
        if between:
            hint = (
                f"their links ({', '.join(sorted(between))}) carry nothing here: adversarial "
                "links never do, and a scenario's `connected_by` names the types that do"
            )
        raise UsageError(f"no tie joins {u.name} and {v.name} {where}", hint=hint)
    return tie(u.id, v.id)


@dataclass(frozen=True, slots=True)
class WhatIfReport:
    scenario: ScenarioRef
    as_of: date | None
    cuts: tuple[TieRow, ...]
    removed_actors: tuple[Actor, ...]
    ties_cut: int  # the named ties plus every tie of the removed actors
    links_cut: int
    score: float  # share of the key actors' chain strength lost (the `depends` score of the cut)
    disconnects: tuple[tuple[Actor, Actor], ...]
    summary: str
    chains: tuple[ChainRow, ...]  # every key pair, most changed first
    centrality: CentralityShift
    depends_before: tuple[ChannelRow, ...]
    depends_after: tuple[ChannelRow, ...]
    now_depends: tuple[DependencyShiftRow, ...]  # channels it depends on only after the cut
    no_longer_depends: tuple[DependencyShiftRow, ...]  # uncut channels it no longer depends on
    holding_before: Estimate | None = None
    holding_after: Estimate | None = None
    holding_pairs: tuple[HoldingPairRow, ...] = ()
    samples: int | None = None
    seed: int | None = None
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


@dataclass(frozen=True, slots=True)
class _Cut:
    an: Analysis
    ties: tuple[Tie, ...]  # as named
    removed: tuple[str, ...]
    all_ties: frozenset[Tie]  # including the removed actors' ties
    after: TieGraph


def _resolve_cut(
    ds: Dataset,
    scenario: str,
    cuts: Sequence[str],
    remove: Sequence[str],
    as_of: date | None,
) -> _Cut:
    from scenarios.analysis.whatif import cut_graph, ties_cut

    an = analysis_for(ds, scenario, as_of=as_of)
    ties = tuple(dict.fromkeys(parse_cut(ds, an, text) for text in cuts))
    removed = tuple(dict.fromkeys(ds.resolve_actor(name).id for name in remove))
    everything = frozenset(ties_cut(an.graph, ties, removed))
    return _Cut(an, ties, removed, everything, cut_graph(an.graph, ties, removed))


@bounds_as_options()
def whatif_report(
    ds: Dataset,
    scenario: str,
    *,
    cuts: Sequence[str] = (),
    remove: Sequence[str] = (),
    measure: Measure | None = None,
    top: int | None = 5,
    uncertain: bool = False,
    samples: int | None = None,
    seed: int = 0,
    as_of: date | None = None,
) -> WhatIfReport:
    """The scenario before and after cutting ties / removing actors: chains, centrality,
    dependencies and (with `uncertain`) the holding probability."""
    from scenarios.analysis.centrality import centrality
    from scenarios.analysis.channels import channel_dependencies
    from scenarios.analysis.compare import chain_shifts, dependency_diff, key_chains
    from scenarios.analysis.dependency import most_hurt
    from scenarios.analysis.whatif import without_actors
    from scenarios.vocab import Measure

    check_top(top)
    if not cuts and not remove:
        raise UsageError(
            "nothing to cut",
            hint="give --cut ACTOR~ACTOR or --remove ACTOR (repeatable), "
            "or --sweep to try every cut",
        )
    scenario_id = ds.resolve_scenario(scenario).id
    cut = _resolve_cut(ds, scenario_id, cuts, remove, as_of)
    an = cut.an
    assert an.view.scenario is not None
    keys = an.view.key_actors
    before_chains, after_chains = key_chains(an.graph, keys), key_chains(cut.after, keys)
    shifts = chain_shifts(before_chains, after_chains)
    connected = [p for p, c in before_chains.items() if c.cost is not None]
    losses = [_loss(before_chains[p], after_chains[p]) for p in connected]
    score = sum(losses) / len(connected) if connected else 0.0
    hurt = most_hurt(losses)  # the pair it hurts most, by the rule of `depends`
    worst = None if hurt is None else connected[hurt]
    disconnects = tuple(
        (ds.actor_by_id[p[0]], ds.actor_by_id[p[1]])
        for p in connected
        if after_chains[p].cost is None
    )
    chosen = measure or Measure.BETWEENNESS
    ranks = rank_rows(
        ds,
        centrality(an.graph, chosen),
        centrality(without_actors(cut.after, cut.removed), chosen),
        top,
    )
    deps_before, deps_after = (
        channel_dependencies(
            graph, keys, search_groups=False, find_pivots=False, count_routes=False
        ).rows
        for graph in (an.graph, cut.after)
    )
    after_an = Analysis(ds, an.view, cut.after)
    diff = dependency_diff(deps_before, deps_after, ignore=cut.all_ties)
    report = WhatIfReport(
        scenario=scenario_of(an.view),
        as_of=as_of,
        cuts=tuple(tie_row(an, t) for t in cut.ties),
        removed_actors=tuple(ds.actor_by_id[a] for a in cut.removed),
        ties_cut=len(cut.all_ties),
        links_cut=sum(len(tie_row(an, t).links) for t in cut.all_ties),
        score=score,
        disconnects=disconnects,
        summary=wording.whatif_summary(ds, cut.ties, cut.removed, score, shifts, worst),
        chains=tuple(chain_row(ds, s, "before", "after the cut") for s in shifts),
        centrality=ranks,
        depends_before=unit_rows(an, deps_before, top),
        depends_after=unit_rows(after_an, deps_after, top),
        now_depends=dependency_shift_rows(after_an, diff.only_after),
        no_longer_depends=dependency_shift_rows(an, diff.only_before),
        known_by=ds.known_by,
        not_counted=not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )
    if not uncertain:
        return report
    return _with_holding(report, cut, samples, seed)


def _loss(before: Chain, after: Chain) -> float:
    """1 - after / before on true strengths (0 for an equally strong chain)."""
    from scenarios.analysis.paths import ABS_TOL

    if before.loss is None:
        return 0.0
    if after.loss is None:
        return 1.0
    lost = after.loss - before.loss
    return 0.0 if lost <= ABS_TOL else -math.expm1(-lost)


def _with_holding(report: WhatIfReport, cut: _Cut, samples: int | None, seed: int) -> WhatIfReport:
    from dataclasses import replace

    from scenarios.analysis.reliability import DEFAULT_SAMPLES, holding_probability
    from scenarios.graph import LINKS

    an = cut.an
    n = DEFAULT_SAMPLES if samples is None else samples
    cut_links = [i for u, v in cut.all_ties for i in an.graph.adj[u][v][LINKS]]
    keys = an.view.key_actors
    # the after-cut estimate runs on the same graph with the cut links' confidence set to 0,
    # so both see the same draws of every other link (common random numbers)
    before = holding_probability(an.graph, keys, confidences(an.view), samples=n, seed=seed)
    after = holding_probability(
        an.graph, keys, confidences(an.view, cut_links), samples=n, seed=seed
    )
    actor = an.dataset.actor_by_id
    pairs = tuple(
        HoldingPairRow(actor[p.source], actor[p.target], p.probability, q.probability)
        for p, q in zip(before.pairs, after.pairs, strict=True)
    )
    return replace(
        report,
        holding_before=before.holding,
        holding_after=after.holding,
        holding_pairs=pairs,
        samples=n,
        seed=seed,
    )


@dataclass(frozen=True, slots=True)
class SweepRow:
    """One cut (one unit, or two together) and its damage to the key actors."""

    rank: int
    units: tuple[UnitRef, ...]
    score: float
    alone: tuple[float, ...]  # each unit's score when cut alone
    disconnects: tuple[tuple[Actor, Actor], ...]
    worst: PairEffect | None
    why: str


@dataclass(frozen=True, slots=True)
class BreakRow:
    """The fewest ties whose cut splits the key actors (one such set)."""

    source: Actor
    target: Actor
    size: int
    ties: tuple[TieRow, ...]
    why: str


@dataclass(frozen=True, slots=True)
class SweepReport:
    scenario: ScenarioRef
    as_of: date | None
    cuts: tuple[TieRow, ...]  # applied before the sweep
    removed_actors: tuple[Actor, ...]
    k: int
    key_chains: tuple[KeyChainRow, ...]
    singles: tuple[SweepRow, ...]
    doubles: tuple[SweepRow, ...]
    units_swept: int  # channels (channels in series as one), each cut alone
    harmless: int  # single cuts that weaken no key chain
    redundancy: str  # what the harmless cuts are
    candidates: int  # units with a tie on some strongest key path
    pairs_evaluated: int
    connected_pairs: int
    smallest_break: BreakRow | None
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def _sweep_row(an: Analysis, rank: int, cut: CutDamage) -> SweepRow:
    ds = an.dataset
    units = tuple(UnitRef(u.id, unit_name(an, u)) for u in cut.units)
    worst = pair_effect(ds, cut.worst)
    return SweepRow(
        rank,
        units,
        cut.score,
        cut.alone,
        actor_pairs(ds, cut.disconnects),
        worst,
        wording.cut_damage([u.name for u in units], worst, len(cut.disconnects)),
    )


@bounds_as_options()
def sweep_report(
    ds: Dataset,
    scenario: str,
    *,
    k: int = 1,
    cuts: Sequence[str] = (),
    remove: Sequence[str] = (),
    top: int | None = 10,
    as_of: date | None = None,
) -> SweepReport:
    """Cut every channel (k=1) or pair of channels (k=2) of the scenario, after any given cuts."""
    from scenarios.analysis.whatif import sweep

    check_top(top)
    scenario_id = ds.resolve_scenario(scenario).id
    cut = _resolve_cut(ds, scenario_id, cuts, remove, as_of)
    an = cut.an
    assert an.view.scenario is not None
    graph = cut.after
    after_an = Analysis(ds, an.view, graph)
    result = sweep(graph, an.view.key_actors, k=k)
    actor = ds.actor_by_id
    pairs = key_chain_rows(ds, graph, an.view.key_actors)
    singles = result.singles[:top] if top else result.singles
    doubles = result.doubles[:top] if top else result.doubles
    smallest = None
    if result.smallest_break is not None:
        b = result.smallest_break
        smallest = BreakRow(
            actor[b.source],
            actor[b.target],
            b.size,
            tuple(tie_row(an, x, graph) for x in b.ties),
            wording.smallest_break(actor[b.source].name, actor[b.target].name, b.size),
        )
    return SweepReport(
        scenario=scenario_of(an.view),
        as_of=as_of,
        cuts=tuple(tie_row(an, t) for t in cut.ties),
        removed_actors=tuple(actor[a] for a in cut.removed),
        k=result.k,
        key_chains=pairs,
        singles=tuple(_sweep_row(after_an, i, c) for i, c in enumerate(singles, start=1)),
        doubles=tuple(_sweep_row(after_an, i, c) for i, c in enumerate(doubles, start=1)),
        units_swept=result.units_swept,
        harmless=result.harmless,
        redundancy=wording.harmless(result.harmless),
        candidates=result.candidates,
        pairs_evaluated=result.pairs_evaluated,
        connected_pairs=result.connected_pairs,
        smallest_break=smallest,
        known_by=ds.known_by,
        not_counted=not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )
