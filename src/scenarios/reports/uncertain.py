"""What `depends --uncertain` answers: how surely the evidence holds the key actors together.

Each link is present with probability = its confidence; the holding probability and each
link's Birnbaum importance are estimated by Monte Carlo (see docs/whatif.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from scenarios.model import Actor, Dataset, Link, Scenario
from scenarios.reports.common import HoldingPairRow, analysis_for, check_top, confidences

if TYPE_CHECKING:
    from scenarios.analysis.reliability import Estimate, LinkImportance


@dataclass(frozen=True, slots=True)
class ImportanceRow:
    rank: int
    ends: tuple[Actor, Actor]
    link: Link
    importance: LinkImportance
    why: str


@dataclass(frozen=True, slots=True)
class UncertainReport:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    as_of: date | None
    samples: int
    seed: int
    method: str
    interval: str
    holding: Estimate
    summary: str
    pairs: tuple[HoldingPairRow, ...]
    rows: tuple[ImportanceRow, ...]
    links: int  # links in the graph (weight > 0)
    uncertain_links: int  # of which confidence < 1
    critical_links: int  # links critical in at least one draw
    never_critical_below: float  # 95% upper bound on the importance of every other link


def holding_summary(holding: Estimate, keys: int) -> str:
    """One sentence on what the holding probability says."""
    if keys < 2:
        return "fewer than two key actors: nothing to hold together"
    if holding.exact and holding.value == 1.0:
        return "links of confidence 1 alone connect every key actor, so no draw separates them"
    if holding.exact:
        return "even with every link present the key actors are not all connected"
    return (
        f"in {holding.value:.1%} of draws every key actor is connected to every other "
        f"(95% interval {holding.low:.1%} to {holding.high:.1%})"
    )


def _importance_why(li: LinkImportance) -> str:
    share = li.importance.value
    kind = "an on-record link" if li.confidence >= 1.0 else f"confidence {li.confidence:.2f}"
    return (
        f"decides whether the key actors hold together in {share:.1%} of draws ({kind}): "
        f"holding {li.holding_if_present:.3f} with it, {li.holding_if_absent:.3f} without"
    )


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
    by_id = {link.id: link for link in an.view.links}
    critical = [li for li in result.links if li.importance.successes > 0]
    shown = critical[:top] if top else critical
    rows = tuple(
        ImportanceRow(
            rank,
            (actor[li.tie[0]], actor[li.tie[1]]),
            by_id[li.link],
            li,
            _importance_why(li),
        )
        for rank, li in enumerate(shown, start=1)
    )
    return UncertainReport(
        scenario=an.view.scenario,
        key_actors=tuple(actor[k] for k in result.key_actors),
        as_of=as_of,
        samples=result.samples,
        seed=result.seed,
        method=result.method,
        interval="95% Wilson score interval (Monte Carlo error only)",
        holding=result.holding,
        summary=holding_summary(result.holding, len(result.key_actors)),
        pairs=tuple(
            HoldingPairRow(actor[p.source], actor[p.target], p.probability) for p in result.pairs
        ),
        rows=rows,
        links=len(result.links),
        uncertain_links=result.uncertain_links,
        critical_links=len(critical),
        never_critical_below=wilson(0, result.samples)[1],
    )
