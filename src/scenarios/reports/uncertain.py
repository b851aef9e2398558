"""What `depends --uncertain` answers: how surely the evidence holds the key actors together.

Each link is present with probability = its confidence; the holding probability and each
link's Birnbaum importance are estimated by Monte Carlo (see docs/whatif.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scenarios.model import Actor, Dataset, Link
from scenarios.reports import wording
from scenarios.reports.common import (
    HoldingPairRow,
    NotCounted,
    ScenarioRef,
    analysis_for,
    bounds_as_options,
    check_top,
    confidences,
    not_counted,
    scenario_of,
)

if TYPE_CHECKING:
    from scenarios.analysis.reliability import Estimate


@dataclass(frozen=True, slots=True)
class ImportanceRow:
    rank: int
    ends: tuple[Actor, Actor]
    link: Link
    importance: Estimate  # Birnbaum: P(holds | present) - P(holds | absent)
    holding_if_present: float
    holding_if_absent: float
    why: str


@dataclass(frozen=True, slots=True)
class UncertainReport:
    scenario: ScenarioRef
    key_actors: tuple[Actor, ...]
    as_of: date | None
    samples: int
    seed: int
    method: str
    interval: str
    holding: Estimate
    summary: str
    holding_pairs: tuple[HoldingPairRow, ...]
    rows: tuple[ImportanceRow, ...]
    graph_links: int  # links that carry in the graph (weight > 0; not adversarial)
    uncertain_links: int  # of which confidence < 1
    critical_links: int  # links critical in at least one draw
    never_critical_below: float  # 95% upper bound on the importance of every other link
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


@bounds_as_options()
def uncertain_report(
    ds: Dataset,
    scenario: str,
    *,
    top: int | None = 10,
    samples: int | None = None,
    seed: int = 0,
    as_of: date | None = None,
) -> UncertainReport:
    """Holding probability of the scenario's key actors and each link's Birnbaum importance."""
    from scenarios.analysis.reliability import DEFAULT_SAMPLES, holding_probability, wilson

    check_top(top)
    an = analysis_for(ds, scenario, as_of=as_of)
    assert an.view.scenario is not None
    n = DEFAULT_SAMPLES if samples is None else samples
    result = holding_probability(
        an.graph, an.view.key_actors, confidences(an.view), samples=n, seed=seed
    )
    actor = ds.actor_by_id
    by_id = an.link_by_id
    critical = [li for li in result.links if li.importance.successes > 0]
    shown = critical[:top] if top else critical
    rows = tuple(
        ImportanceRow(
            rank,
            (actor[li.tie[0]], actor[li.tie[1]]),
            by_id[li.link],
            li.importance,
            li.holding_if_present,
            li.holding_if_absent,
            wording.importance(li),
        )
        for rank, li in enumerate(shown, start=1)
    )
    return UncertainReport(
        scenario=scenario_of(an.view),
        key_actors=tuple(actor[k] for k in result.key_actors),
        as_of=as_of,
        samples=result.samples,
        seed=result.seed,
        method=result.method,
        interval="95% Wilson score interval (Monte Carlo error only)",
        holding=result.holding,
        summary=wording.holding_summary(result.holding, len(result.key_actors)),
        holding_pairs=tuple(
            HoldingPairRow(actor[p.source], actor[p.target], p.probability) for p in result.pairs
        ),
        rows=rows,
        graph_links=len(result.links),
        uncertain_links=result.uncertain_links,
        critical_links=len(critical),
        never_critical_below=wilson(0, result.samples)[1],
        known_by=ds.known_by,
        not_counted=not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )
