"""What `timeline` answers: a scenario's dated links in order, and what each day's links do."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from scenarios.model import Actor, Dataset, LinkStatus, ScenarioView
from scenarios.reports import wording
from scenarios.reports.common import (
    KeyChainRow,
    LinkRow,
    NotCounted,
    ScenarioRef,
    bounds_as_options,
    confidences,
    key_chain_rows,
    link_row,
    not_counted,
    scenario_of,
)

if TYPE_CHECKING:
    from scenarios.analysis.reliability import Estimate


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """The links that enter the evidence on one day, and what they do for the key actors
    (`day` None: the scenario's undated additions, after every dated day)."""

    day: date | None
    entered: tuple[LinkRow, ...]  # the links that enter the evidence on this day
    key_chains: tuple[KeyChainRow, ...]  # every key pair as of this day
    effects: tuple[str, ...]  # what these links change for the key pairs, in words
    holding: Estimate | None = None


@dataclass(frozen=True, slots=True)
class TimelineReport:
    scenario: ScenarioRef
    key_actors: tuple[Actor, ...]
    as_of: date | None
    undated: int  # links without a date, but the scenario's own additions: in force throughout
    start_chains: tuple[KeyChainRow, ...]  # key pairs on undated links alone
    start_holding: Estimate | None
    days: tuple[TimelineStep, ...]  # one per day a dated link enters
    samples: int | None = None
    seed: int | None = None
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    # `possible`: shown after the last day, never counted
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out
    # the links the scenario adds without a date: its hypothesis, counted after every dated day
    undated_additions: TimelineStep | None = None


@bounds_as_options()
def timeline_report(
    ds: Dataset,
    scenario: str,
    *,
    uncertain: bool = False,
    samples: int | None = None,
    seed: int = 0,
    as_of: date | None = None,
) -> TimelineReport:
    """The scenario's dated links in order, and what each day's links add for the key actors.

    A link enters on the day it has certainly begun (`Dataset.counted`, as with --as-of:
    `2025-10` on 31 October, `2025-10-24/2025-10-26` on the 24th, `2025-12` reported on
    7 December on the 7th); undated links are in force from the start, but for the links the
    scenario adds without a date: nothing says when its hypothesis came true, so they come
    last, after every dated day (`undated_additions`). With `as_of`, links that may have begun
    by then but not certainly are listed apart (`not_counted.possible`), never counted.
    """
    from scenarios.analysis.reliability import (
        DEFAULT_SAMPLES,
        check_samples,
        holding_probability,
    )
    from scenarios.graph import build_graph

    scenario_id = ds.resolve_scenario(scenario).id
    full = ds.view(scenario_id, as_of=as_of)
    assert full.scenario is not None
    keys = full.key_actors
    n = DEFAULT_SAMPLES if samples is None else samples
    if uncertain:
        check_samples(n)
    starts = {link.id: c.day for link in full.links if (c := ds.counted(link)) is not None}
    dated = sorted(
        (link for link in full.links if link.id in starts),
        key=lambda link: (starts[link.id], link.id),
    )
    days = sorted(set(starts.values()))
    hypothesis = [
        link
        for link in full.links
        if link.id not in starts and full.status[link.id] is LinkStatus.ADDED
    ]
    held_back = {link.id for link in hypothesis}

    def dated_only(view: ScenarioView) -> ScenarioView:
        """`view` without the scenario's undated additions."""
        if not held_back:
            return view
        return replace(
            view,
            links=tuple(link for link in view.links if link.id not in held_back),
            status=MappingProxyType({k: v for k, v in view.status.items() if k not in held_back}),
        )

    # every day's holding probability is estimated on the full graph with the links not yet in
    # evidence at confidence 0, so all days share the same draws and the estimate can only
    # grow as links arrive (common random numbers)
    full_graph = build_graph(full)

    def state(view: ScenarioView) -> tuple[tuple[KeyChainRow, ...], Estimate | None]:
        chains = key_chain_rows(ds, build_graph(view), keys)
        if not uncertain:
            return chains, None
        later = [link.id for link in full.links if link.id not in view.status]
        confidence = confidences(full, later)
        result = holding_probability(full_graph, keys, confidence, samples=n, seed=seed)
        return chains, result.holding

    first = days[0] if days else None
    start_view = (
        ds.view(scenario_id, as_of=date.fromordinal(first.toordinal() - 1)) if first else full
    )
    start, start_holding = state(dated_only(start_view))
    previous = start
    steps = []
    for day in days:
        rows = tuple(
            link_row(ds, link, full.status[link.id]) for link in dated if starts[link.id] == day
        )
        chains, holding = state(dated_only(ds.view(scenario_id, as_of=day)))
        steps.append(
            TimelineStep(day, rows, chains, wording.timeline_changes(previous, chains), holding)
        )
        previous = chains
    additions = None
    if hypothesis:
        rows = tuple(link_row(ds, link, LinkStatus.ADDED) for link in hypothesis)
        chains, holding = state(full)
        additions = TimelineStep(
            None, rows, chains, wording.timeline_changes(previous, chains), holding
        )
    return TimelineReport(
        scenario=scenario_of(full),
        key_actors=tuple(ds.actor_by_id[k] for k in keys),
        as_of=as_of,
        undated=len(full.links) - len(dated) - len(hypothesis),
        start_chains=start,
        start_holding=start_holding,
        days=tuple(steps),
        samples=n if uncertain else None,
        seed=seed if uncertain else None,
        known_by=ds.known_by,
        not_counted=not_counted(ds, full),
        sourced_only=ds.left_out,
        undated_additions=additions,
    )
