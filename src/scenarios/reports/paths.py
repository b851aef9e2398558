"""What `path` answers: the strongest (or fewest-hop) paths between two actors, with evidence."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from scenarios.errors import NoPath, UsageError
from scenarios.model import Actor, Dataset, Link
from scenarios.reports.common import (
    Analysis,
    NotCounted,
    ScenarioRef,
    SourceRow,
    analysis_for,
    check_two_actors,
    not_counted,
    scenario_ref,
)


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: the two actors, every link of the tie between them, how they
    combine by source, and the tie's weight."""

    source: Actor
    target: Actor
    links: tuple[Link, ...]
    weight: float
    sources: tuple[SourceRow, ...]


@dataclass(frozen=True, slots=True)
class PathDetail:
    __json_extra__: ClassVar[tuple[str, ...]] = ("actors", "hops")
    __json_skip__: ClassVar[tuple[str, ...]] = ("cost",)

    steps: tuple[Hop, ...]
    strength: float  # the product of the steps' tie weights (1 per step with --hops)
    cost: float  # what the search minimised (tie costs with the hop tie-break); not shown

    @property
    def actors(self) -> tuple[Actor, ...]:
        return (self.steps[0].source, *(h.target for h in self.steps)) if self.steps else ()

    @property
    def hops(self) -> int:
        return len(self.steps)


@dataclass(frozen=True, slots=True)
class PathReport:
    source: Actor
    target: Actor
    scenario: ScenarioRef | None
    paths: tuple[PathDetail, ...]
    cheapest_count: int
    mode: str
    weighted: bool
    max_hops: int | None
    as_of: date | None
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def _path_detail(an: Analysis, actors: Sequence[str], cost: float) -> PathDetail:
    from scenarios.graph import LINKS, WEIGHT, source_groups

    hops = []
    strength = 1.0
    link_by_id = an.link_by_id
    for u, v in itertools.pairwise(actors):
        data = an.graph.adj[u][v]
        strength *= data[WEIGHT]
        links = tuple(link_by_id[i] for i in data[LINKS])
        hops.append(
            Hop(
                an.dataset.actor_by_id[u],
                an.dataset.actor_by_id[v],
                links,
                data[WEIGHT],
                tuple(SourceRow(g.links, g.sources, g.weight) for g in source_groups(links)),
            )
        )
    return PathDetail(tuple(hops), strength, cost)


def path_report(
    ds: Dataset,
    source: str,
    target: str,
    *,
    scenario: str | None = None,
    all_paths: bool = False,
    max_hops: int | None = None,
    alternatives: int | None = None,
    weighted: bool = True,
    as_of: date | None = None,
) -> PathReport:
    """The strongest (or fewest-hop) path(s) between two actors, each hop with its links."""
    from scenarios.analysis.paths import alternative_paths, cheapest_paths

    if max_hops is not None and max_hops < 1:
        raise UsageError(f"--max-hops must be at least 1, not {max_hops}")
    if alternatives is not None and alternatives < 1:
        raise UsageError(f"--k must be at least 1, not {alternatives}")
    start, end = ds.resolve_actor(source), ds.resolve_actor(target)
    check_two_actors(start, end)
    an = analysis_for(ds, scenario, as_of=as_of)
    if alternatives is not None:
        found = alternative_paths(an.graph, start.id, end.id, alternatives, weighted=weighted)
        # cheapest_count is what it is without --k: how many paths are equally the strongest
        # (or equally fewest-hop), not how many are listed
        _, count = cheapest_paths(an.graph, start.id, end.id, weighted=weighted)
        mode = f"{alternatives} strongest loop-free paths"
    else:
        found, count = cheapest_paths(
            an.graph, start.id, end.id, all_paths=all_paths, max_hops=max_hops, weighted=weighted
        )
        mode = "all strongest paths" if all_paths else "strongest path"
    if not weighted:
        mode = mode.replace("strongest", "fewest-hop")
    paths = tuple(_path_detail(an, p.actors, p.cost) for p in found)
    return PathReport(
        start,
        end,
        scenario_ref(an.view.scenario),
        paths,
        count,
        mode,
        weighted,
        max_hops,
        as_of,
        ds.known_by,
        not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )


def no_path(report: PathReport) -> NoPath:
    """The answer when no path connects the two actors (exit 1), with where to look instead."""
    max_hops = report.max_hops
    limit = f" within {max_hops} hop{'' if max_hops == 1 else 's'}" if max_hops else ""
    later = "a later --as-of or --known-by" if report.known_by else "a later --as-of"
    return NoPath(
        f"no path connects {report.source.name} and {report.target.name}{limit}",
        hint=(
            f"try a larger --max-hops, another --scenario, or {later}"
            if max_hops
            else f"they are in separate parts of the graph: try another --scenario or {later}"
        ),
    )
