"""What `depends` answers: the ties a scenario's key actors depend on, ranked and explained."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scenarios.model import Actor, Dataset, Link, Scenario
from scenarios.reports import wording
from scenarios.reports.common import (
    Analysis,
    NotCounted,
    analysis_for,
    chain_strength,
    check_top,
    not_counted,
)

if TYPE_CHECKING:
    from scenarios.analysis.dependency import DependencyResult, KeyPair, TieDependency


@dataclass(frozen=True, slots=True)
class PairRow:
    source: Actor
    target: Actor
    strength: float
    hops: int | None
    routes: int


@dataclass(frozen=True, slots=True)
class DependencyRow:
    rank: int
    ends: tuple[Actor, Actor]
    links: tuple[Link, ...]
    dependency: TieDependency
    why: str


@dataclass(frozen=True, slots=True)
class DependsReport:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    pairs: tuple[PairRow, ...]
    rows: tuple[DependencyRow, ...]
    ties_considered: int
    ties_ranked: int
    as_of: date | None
    engine: str = "python"  # who computed it: "python" or "compiled" (analysis.engine)
    cuts_skipped: int = 0  # key pairs with more routes than cut_route_limit: cuts not searched
    cut_route_limit: int = 0
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def depends_report(
    ds: Dataset, scenario: str, *, top: int | None = 10, as_of: date | None = None
) -> DependsReport:
    """Rank the ties the scenario's key actors depend on (see analysis.dependency)."""
    from scenarios.analysis.dependency import MAX_CUT_ROUTES, dependencies

    check_top(top)
    an = analysis_for(ds, scenario, as_of=as_of)
    assert an.view.scenario is not None
    result = dependencies(an.graph, an.view.key_actors)
    pairs = tuple(_pair_row(ds, p) for p in result.pairs)
    return DependsReport(
        an.view.scenario,
        tuple(ds.actor_by_id[a] for a in an.view.key_actors),
        pairs,
        dependency_rows(an, result, top),
        result.ties_considered,
        len(depended_on(result)),
        as_of,
        result.engine,
        len(result.cuts_skipped),
        MAX_CUT_ROUTES,
        ds.known_by,
        not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )


def _pair_row(ds: Dataset, pair: KeyPair) -> PairRow:
    return PairRow(
        ds.actor_by_id[pair.source],
        ds.actor_by_id[pair.target],
        chain_strength(pair.cost),
        pair.hops,
        pair.routes,
    )


def depended_on(result: DependencyResult) -> list[TieDependency]:
    """The ties the key actors depend on at all: a score, a share of routes or of paths above 0."""
    return [d for d in result.ties if d.score > 0 or d.route_loss > 0 or d.path_share > 0]


def dependency_rows(
    an: Analysis, result: DependencyResult, top: int | None
) -> tuple[DependencyRow, ...]:
    """The `top` ties the key actors depend on most, each with why it matters."""
    ds = an.dataset
    by_id = {link.id: link for link in an.view.links}
    ranked = depended_on(result)
    routes = {(p.source, p.target): p.routes for p in result.pairs}
    return tuple(
        DependencyRow(
            rank,
            (ds.actor_by_id[d.tie[0]], ds.actor_by_id[d.tie[1]]),
            tuple(by_id[i] for i in d.links),
            d,
            wording.dependency(d, ds, routes),
        )
        for rank, d in enumerate(ranked[:top] if top else ranked, start=1)
    )
