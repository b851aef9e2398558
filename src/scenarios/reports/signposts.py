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
from scenarios.reports.common import ScenarioRef, analysis_for, check_top, scenario_ref
from scenarios.reports.depends import UnitRef

if TYPE_CHECKING:
    from scenarios.graph import Tie


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
    observations_counted: int  # observations that count on the day
    why: str  # its diagnosticity in words


@dataclass(frozen=True, slots=True)
class Unit:
    """What a scenario depends on, as `depends` ranks it: a channel (or channels in series)."""

    channel: UnitRef  # its id and name, as `depends` gives them
    ties: frozenset[Tie]
    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    score: float


@dataclass(frozen=True, slots=True)
class ProposedSignpost:
    """A channel the scenario depends on and no other scenario does: a signpost worth writing."""

    channel: UnitRef
    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    score: float
    others: tuple[str, ...]  # the other scenarios (names), none of which depends on it
    watched_by: tuple[str, ...]  # signposts that already bear on one of its links
    text: str


@dataclass(frozen=True, slots=True)
class ScenarioSignposts:
    scenario: ScenarioRef
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
        sections.append(ScenarioSignposts(scenario_ref(sc), observed, tuple(waiting), proposed))
    return SignpostsReport(
        tuple(sections), considered, as_of, ds.known_by, ds.unraised, sourced_only=ds.left_out
    )


def _rank(row: SignpostRow) -> tuple[float, str]:
    """Most diagnostic first (none last), then by id."""
    value = -1.0 if row.diagnosticity is None else row.diagnosticity
    return (-value, row.signpost.id)


# -- proposed signposts: the seam with the dependency analysis ------------------------------------


def scoring_units(ds: Dataset, scenario: str, *, as_of: date | None = None) -> tuple[Unit, ...]:
    """The channels a scenario's key actors depend on (score above 0), highest score first.

    A unit is a row of `depends` (`analysis.channels.channel_dependencies`): a channel, or
    channels in series, with its ties, actors, links and score (the share of key-pair chain
    strength lost when all its ties are cut). Ties made only of structural links are never
    part of one, so nothing that merely organises a side is proposed. The view is the one
    every analysis takes (`--as-of` on the view, `--known-by` and `--sourced-only` on `ds`).
    """
    from scenarios.analysis.channels import channel_dependencies
    from scenarios.graph import LINKS
    from scenarios.reports.depends import unit_name

    an = analysis_for(ds, scenario, as_of=as_of)
    result = channel_dependencies(
        an.graph, an.view.key_actors, search_groups=False, find_pivots=False, count_routes=False
    )
    actor, by_id = ds.actor_by_id, an.link_by_id
    out = []
    for unit in result.rows:
        if unit.score <= 0:
            continue
        links = tuple(by_id[i] for u, v in unit.ties for i in an.graph.adj[u][v][LINKS])
        ends = dict.fromkeys(a for c in unit.channels for side in c.ends for a in side)
        out.append(
            Unit(
                UnitRef(unit.id, unit_name(an, unit)),
                frozenset(unit.ties),
                tuple(actor[a] for a in ends),
                links,
                unit.score,
            )
        )
    out.sort(key=lambda u: (-u.score, u.channel.id))
    return tuple(out)


def propose(
    ds: Dataset, scenario: Scenario, units: Mapping[str, Sequence[Unit]], top: int | None
) -> tuple[ProposedSignpost, ...]:
    """The scenario's channels that no other scenario depends on (none of their ties is in a
    channel that scores in any other scenario), highest score first, at most `top`."""
    others = [s for s in ds.scenarios if s.id != scenario.id]
    elsewhere = {t for s in others for unit in units[s.id] for t in unit.ties}
    names = tuple(s.name for s in others)
    out = []
    for unit in units[scenario.id]:
        if unit.ties & elsewhere:
            continue
        ids = {link.id for link in unit.links}
        watched = tuple(s.id for s in ds.signposts if ids.intersection(s.bears_on))
        text = wording.proposed_signpost(
            unit.channel.name, unit.links, scenario.name, unit.score, names
        )
        out.append(
            ProposedSignpost(
                unit.channel, unit.actors, unit.links, unit.score, names, watched, text
            )
        )
    return tuple(out[:top] if top else out)
