"""What `scenarios diff` answers: what changed between two versions of a dataset, and its effect.

Two versions of a dataset (two directories, or two git revisions of one) are compared entry
by entry (`dataset.changes`), and every scenario both versions have is analysed on both: its
key-pair chains and its channel ranking before -> after, with the same analysis and rows as
`compare` and `whatif` (`analysis.compare.chain_shifts` and `dependency_diff` over
`analysis.channels.channel_dependencies`, `reports.compare`'s rows, `reports.depends`' channel
rows). Nothing is computed here that those do not compute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from scenarios.dataset.changes import EntityChange, counts, entity_changes
from scenarios.errors import NotFound
from scenarios.model import Actor, Dataset
from scenarios.reports.common import ScenarioRef, analysis_for, check_top, scenario_ref
from scenarios.reports.compare import (
    ChainRow,
    DependencyShiftRow,
    chain_row,
    dependency_shift_rows,
)
from scenarios.reports.depends import ChannelRow, unit_rows


@dataclass(frozen=True, slots=True)
class ScenarioShift:
    """One scenario on the old and the new dataset."""

    scenario: ScenarioRef
    key_actors: tuple[Actor, ...]  # both versions' key actors: the pairs compared
    chains: tuple[ChainRow, ...]  # key pairs whose strongest chain differs, most changed first
    chains_unchanged: int
    depends_before: tuple[ChannelRow, ...]  # the channels `depends` ranks, old dataset
    depends_after: tuple[ChannelRow, ...]  # and new
    only_before: tuple[DependencyShiftRow, ...]  # channels depended on only before
    only_after: tuple[DependencyShiftRow, ...]  # only after
    both: tuple[DependencyShiftRow, ...]  # both, biggest score change first

    @property
    def moved(self) -> bool:
        """Whether any answer differs: a chain, a channel's score or its place in the ranking."""
        return bool(
            self.chains
            or self.only_before
            or self.only_after
            or any(r.rank_before != r.rank_after for r in self.both)
            or any(abs(r.score_after - r.score_before) > 1e-9 for r in self.both)
        )


@dataclass(frozen=True)
class DiffReport:
    old: str  # how the two versions are named: a directory, `HEAD~1:data`, `working tree`
    new: str
    as_of: date | None
    change_counts: dict[str, dict[str, int]]  # section -> added, removed, changed
    differences: tuple[EntityChange, ...]  # every entry added, removed or changed
    scenarios: tuple[ScenarioShift, ...]  # scenarios in both whose answers moved
    unmoved: tuple[str, ...]  # scenarios in both whose answers did not
    known_by: date | None = None  # --known-by: both versions as known on that day


def diff_report(
    old: Dataset,
    new: Dataset,
    *,
    old_name: str,
    new_name: str,
    scenarios: Sequence[str] = (),
    top: int | None = 10,
    as_of: date | None = None,
) -> DiffReport:
    """`new` relative to `old`: the entries that changed, and each scenario's answers."""
    check_top(top)
    chosen = [_scenario_id(old, new, query) for query in scenarios]
    in_both = [s.id for s in new.scenarios if s.id in old.scenario_by_id]
    shifts: list[ScenarioShift] = []
    unmoved: list[str] = []
    for sid in chosen or in_both:
        shift = scenario_shift(old, new, sid, top=top, as_of=as_of)
        if shift.moved:
            shifts.append(shift)
        else:
            unmoved.append(sid)
    changes = entity_changes(old, new)
    return DiffReport(
        old=old_name,
        new=new_name,
        as_of=as_of,
        change_counts=counts(changes),
        differences=changes,
        scenarios=tuple(shifts),
        unmoved=tuple(unmoved),
        known_by=new.known_by,
    )


def _scenario_id(old: Dataset, new: Dataset, query: str) -> str:
    scenario = new.resolve_scenario(query)
    if scenario.id not in old.scenario_by_id:
        raise NotFound(
            "scenario", query, [s.id for s in old.scenarios if s.id in new.scenario_by_id]
        )
    return scenario.id


def scenario_shift(
    old: Dataset, new: Dataset, scenario: str, *, top: int | None, as_of: date | None
) -> ScenarioShift:
    """One scenario's chains and channels on both datasets, compared as `compare` does."""
    from scenarios.analysis.channels import channel_dependencies
    from scenarios.analysis.compare import (
        ChainChange,
        chain_shifts,
        dependency_diff,
        key_chains,
    )

    before = analysis_for(old, scenario, as_of=as_of)
    after = analysis_for(new, scenario, as_of=as_of)
    keys = tuple(dict.fromkeys([*before.view.key_actors, *after.view.key_actors]))
    names = _names(old, new)  # an actor of either version, for rows naming both
    shifts = chain_shifts(key_chains(before.graph, keys), key_chains(after.graph, keys))
    changed = [s for s in shifts if s.change not in (ChainChange.SAME, ChainChange.APART)]
    deps_before, deps_after = (
        channel_dependencies(
            an.graph, an.view.key_actors, search_groups=False, find_pivots=False, count_routes=False
        ).rows
        for an in (before, after)
    )
    moved = dependency_diff(deps_before, deps_after)
    scenario_after = new.scenario_by_id[scenario]
    return ScenarioShift(
        scenario=scenario_ref(scenario_after),
        key_actors=tuple(names.actor_by_id[k] for k in keys),
        chains=tuple(chain_row(names, s, "before", "after") for s in changed),
        chains_unchanged=len(shifts) - len(changed),
        depends_before=unit_rows(before, deps_before, top),
        depends_after=unit_rows(after, deps_after, top),
        only_before=dependency_shift_rows(before, moved.only_before),
        only_after=dependency_shift_rows(after, moved.only_after),
        both=dependency_shift_rows(after, moved.both),
    )


def _names(old: Dataset, new: Dataset) -> Dataset:
    """A dataset of just the actors of both versions (the new version's where both have one)."""
    gone = tuple(a for a in old.actors if a.id not in new.actor_by_id)
    return Dataset(actors=(*new.actors, *gone), links=())
