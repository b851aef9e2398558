"""What `centrality` answers: actors ranked by a centrality measure, the method stated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scenarios.errors import UsageError
from scenarios.model import Actor, Dataset
from scenarios.reports.common import (
    NotCounted,
    ScenarioRef,
    analysis_for,
    check_top,
    not_counted,
    scenario_ref,
)

if TYPE_CHECKING:
    from scenarios.vocab import Measure


@dataclass(frozen=True, slots=True)
class CentralityRow:
    actor: Actor
    value: float
    rank: int
    error: float | None = None  # standard error of an estimate (see analysis.sampling)


@dataclass(frozen=True, slots=True)
class CentralityReport:
    measure: str
    method: str
    scenario: ScenarioRef | None
    rows: tuple[CentralityRow, ...]
    actor_count: int
    as_of: date | None
    sample: int | None = None  # pivots of an estimate; None: exact
    seed: int | None = None
    engine: str = "networkx"
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out
    sample_requested: int | None = None  # --sample as given (the method says if not needed)


SHOWN_DECIMALS = 4  # scores as the table prints them; ranks follow what is shown


def shown_ranks(
    scores: Sequence[tuple[str, float]], decimals: int = SHOWN_DECIMALS
) -> dict[str, int]:
    """1-based competition ranks of scores sorted highest first, equal when the scores print
    the same: two actors shown at 1.7221 share rank 1, and the next is rank 3.

    >>> shown_ranks([("us", 1.72214), ("trump", 1.72211), ("xi", 1.5)])
    {'us': 1, 'trump': 1, 'xi': 3}
    """
    ranks: dict[str, int] = {}
    previous: float | None = None
    rank = 0
    for position, (actor, score) in enumerate(scores, start=1):
        shown = round(score, decimals)
        if shown != previous:
            rank, previous = position, shown
        ranks[actor] = rank
    return ranks


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
    ranks = shown_ranks(result.scores)
    errors = result.errors or {}
    rows = tuple(
        CentralityRow(ds.actor_by_id[a], s, ranks[a], errors.get(a)) for a, s in result.top(top)
    )
    return CentralityReport(
        measure.value,
        result.method,
        scenario_ref(an.view.scenario),
        rows,
        len(result.scores),
        as_of,
        result.sample,
        result.seed,
        result.engine,
        ds.known_by,
        not_counted(ds, an.view),
        sourced_only=ds.left_out,
        sample_requested=sample,
    )
