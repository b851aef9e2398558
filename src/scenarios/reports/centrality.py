"""What `centrality` answers: actors ranked by a centrality measure, the method stated."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scenarios.errors import UsageError
from scenarios.model import Actor, Dataset
from scenarios.reports.common import NotCounted, analysis_for, check_top, not_counted

if TYPE_CHECKING:
    from scenarios.vocab import Measure


@dataclass(frozen=True, slots=True)
class CentralityRow:
    actor: Actor
    score: float
    rank: int
    error: float | None = None  # standard error of an estimate (see analysis.sampling)


@dataclass(frozen=True, slots=True)
class CentralityReport:
    measure: str
    method: str
    scenario: str | None
    rows: tuple[CentralityRow, ...]
    actors: int
    as_of: date | None
    sample: int | None = None  # pivots of an estimate; None: exact
    seed: int | None = None
    engine: str = "networkx"
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def centrality_report(
    ds: Dataset,
    measure: Measure,
    *,
    scenario: str | None = None,
    top: int | None = None,
    as_of: date | None = None,
    exact: bool = False,
    sample: int | None = None,
    seed: int = 0,
) -> CentralityReport:
    from scenarios.analysis.centrality import centrality

    check_top(top)
    if exact and sample is not None:
        raise UsageError("--exact and --sample exclude each other", hint="choose one")
    if sample is not None and sample < 2:
        raise UsageError(f"--sample must be at least 2, not {sample}")
    an = analysis_for(ds, scenario, as_of=as_of)
    result = centrality(an.graph, measure, exact=exact, sample=sample, seed=seed)
    ranks = result.rank_of()
    errors = result.errors or {}
    rows = tuple(
        CentralityRow(ds.actor_by_id[a], s, ranks[a], errors.get(a)) for a, s in result.top(top)
    )
    return CentralityReport(
        measure.value,
        result.method,
        an.view.scenario.id if an.view.scenario else None,
        rows,
        len(result.scores),
        as_of,
        result.sample,
        result.seed,
        result.engine,
        ds.known_by,
        not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )
