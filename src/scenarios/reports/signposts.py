"""What `signposts` answers: per scenario, which signposts are seen, which not yet, how
diagnostic each is, and what the dependency analysis proposes to watch.

The method is docs/signposts.md (analysis of competing hypotheses, with the scenarios as the
hypotheses); the clocks are docs/whatif.md's ("Two clocks").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scenarios.analysis.signposts import (
    Sighting,
    diagnosticity,
    pairs_told_apart,
    stance,
    status,
)
from scenarios.model import Actor, Dataset, Link, Observation, Scenario, Signpost
from scenarios.reports import wording
from scenarios.reports.common import analysis_for, check_top
from scenarios.vocab import LinkType

if TYPE_CHECKING:
    from scenarios.graph import Tie

# Links that organise actors rather than join them (who leads, belongs to, or acts for whom):
# nothing there to watch. Issue 11 names these `structural` in the vocabulary; `scoring_units`
# then takes its channels, which leave them out already.
STRUCTURAL = frozenset({LinkType.LEADS, LinkType.MEMBER_OF, LinkType.ENVOY_OF})


@dataclass(frozen=True, slots=True)
class SignpostRow:
    """One signpost as one scenario sees it."""

    signpost: Signpost
    stance: str  # "points_to" (the scenario expects it) or "against"
    diagnosticity: float | None  # share of scenario pairs it tells apart; None below two
    pairs_told_apart: int
    scenario_pairs: int  # N (N - 1) / 2 for the N scenarios considered
    sighting: str  # "observed", "possible" or "not_yet" (analysis.signposts.Sighting)
    latest: Observation | None  # the latest observation that counts (or the possible one)
    counted: int  # observations that count on the day
    why: str  # its diagnosticity in words


@dataclass(frozen=True, slots=True)
class Unit:
    """What a scenario depends on, as the dependency ranking names it: today one tie."""

    ties: frozenset[Tie]
    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    score: float


@dataclass(frozen=True, slots=True)
class ProposedSignpost:
    """A unit the scenario depends on and no other scenario does: a signpost worth writing."""

    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    score: float
    others: tuple[str, ...]  # the other scenarios (names), none of which depends on it
    watched_by: tuple[str, ...]  # signposts that already bear on one of its links
    text: str


@dataclass(frozen=True, slots=True)
class ScenarioSignposts:
    scenario: Scenario
    observed: tuple[SignpostRow, ...]
    not_yet: tuple[SignpostRow, ...]  # not observed: "possible" ones first, then the rest
    proposed: tuple[ProposedSignpost, ...]


@dataclass(frozen=True, slots=True)
class SignpostsReport:
    scenarios: tuple[ScenarioSignposts, ...]
    considered: tuple[str, ...]  # the scenarios diagnosticity is computed over (ids)
    as_of: date | None
    known_by: date | None = None
    unraised: tuple[str, ...] = ()  # signposts left out: raised only after --known-by
    method: str = field(default=wording.DIAGNOSTICITY_LEGEND)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def signposts_report(
    ds: Dataset, scenario: str | None = None, *, as_of: date | None = None, top: int | None = 5
) -> SignpostsReport:
    """For each scenario (or one), its signposts seen and not yet, most diagnostic first, and
    up to `top` proposed signposts from the dependency analysis."""
    check_top(top)
    chosen = [ds.resolve_scenario(scenario)] if scenario else list(ds.scenarios)
    considered = tuple(s.id for s in ds.scenarios)
    units = {s.id: scoring_units(ds, s.id, as_of=as_of) for s in ds.scenarios}
    sections = []
    for sc in chosen:
        rows = []
        for sign in ds.signposts:
            own = stance(sign, sc.id)
            if own == 0:
                continue
            stances = [stance(sign, other) for other in considered]
            apart, pairs = pairs_told_apart(stances)
            seen = status(ds, sign, as_of)
            rows.append(
                SignpostRow(
                    sign,
                    "points_to" if own > 0 else "against",
                    diagnosticity(stances),
                    apart,
                    pairs,
                    seen.sighting.value,
                    seen.latest,
                    seen.counted,
                    wording.diagnosticity(apart, pairs),
                )
            )
        rows.sort(key=_rank)
        observed = tuple(r for r in rows if r.sighting == Sighting.OBSERVED)
        waiting = sorted(
            (r for r in rows if r.sighting != Sighting.OBSERVED),
            key=lambda r: (r.sighting != Sighting.POSSIBLE, *_rank(r)),
        )
        proposed = propose(ds, sc, units, top)
        sections.append(ScenarioSignposts(sc, observed, tuple(waiting), proposed))
    return SignpostsReport(
        tuple(sections), considered, as_of, ds.known_by, ds.unraised, sourced_only=ds.left_out
    )


def _rank(row: SignpostRow) -> tuple[float, str]:
    """Most diagnostic first (none last), then by id."""
    value = -1.0 if row.diagnosticity is None else row.diagnosticity
    return (-value, row.signpost.id)


# -- proposed signposts: the seam with the dependency analysis ------------------------------------


def scoring_units(ds: Dataset, scenario: str, *, as_of: date | None = None) -> tuple[Unit, ...]:
    """The units a scenario's key actors depend on (score above 0), highest score first.

    THE SEAM with the dependency analysis, and the one function to change when it changes:
    today a unit is one tie of `analysis.dependency.dependencies` (its score the share of
    key-pair chain strength lost when it is cut), leaving out ties made only of links that
    organise actors (`STRUCTURAL`). When `depends` ranks channels (issue 11), a unit is a
    channel: its ties, actors, links and channel score, and the structural filter goes (the
    channels leave those ties out already).
    """
    from scenarios.analysis.dependency import dependencies

    an = analysis_for(ds, scenario, as_of=as_of)
    by_id = {link.id: link for link in an.view.links}
    out = []
    for dep in dependencies(an.graph, an.view.key_actors).ties:
        links = tuple(by_id[i] for i in dep.links)
        if dep.score <= 0 or all(link.type in STRUCTURAL for link in links):
            continue
        ends = tuple(ds.actor_by_id[a] for a in dep.tie)
        out.append(Unit(frozenset({dep.tie}), ends, links, dep.score))
    out.sort(key=lambda u: (-u.score, [a.id for a in u.actors]))
    return tuple(out)


def propose(
    ds: Dataset, scenario: Scenario, units: Mapping[str, Sequence[Unit]], top: int | None
) -> tuple[ProposedSignpost, ...]:
    """The scenario's units that no other scenario depends on (none of their ties scores in
    any other scenario), highest score first, at most `top`."""
    others = [s for s in ds.scenarios if s.id != scenario.id]
    elsewhere = {t for s in others for unit in units[s.id] for t in unit.ties}
    names = tuple(s.name for s in others)
    out = []
    for unit in units[scenario.id]:
        if unit.ties & elsewhere:
            continue
        ids = {link.id for link in unit.links}
        watched = tuple(s.id for s in ds.signposts if ids.intersection(s.bears_on))
        text = wording.proposed_signpost(unit.actors, unit.links, scenario.name, unit.score, names)
        out.append(ProposedSignpost(unit.actors, unit.links, unit.score, names, watched, text))
    return tuple(out[:top] if top else out)
