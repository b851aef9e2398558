"""What `depends` answers: the channels a scenario's key actors depend on, ranked and explained,
beside the base graph; the groups that matter only together; the people it runs through; what
its own changes carry; the tensions around it. `depends --ties` ranks single ties instead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from scenarios.model import Actor, Dataset, Link, LinkStatus
from scenarios.reports import wording
from scenarios.reports.common import (
    Analysis,
    NotCounted,
    PairEffect,
    ScenarioRef,
    TieRow,
    actor_pairs,
    analysis_for,
    base_for,
    check_top,
    connected_by,
    not_counted,
    pair_effect,
    scenario_of,
    tie_row,
)

if TYPE_CHECKING:
    from scenarios.analysis.channels import Channel, ChannelResult, ChannelScore
    from scenarios.analysis.dependency import DependencyResult, KeyChains, KeyPair, TieDependency
    from scenarios.graph import Tie


class Ranking(StrEnum):
    """How `depends` orders its channels."""

    NEW = "new"  # what only this scenario depends on first, then by score
    SCORE = "score"  # by score alone


@dataclass(frozen=True, slots=True)
class PairRow:
    """A key pair: its strongest chain in the scenario, and in the base graph."""

    source: Actor
    target: Actor
    strength: float
    hops: int | None  # of the strongest chain
    fewest_hops: int | None
    routes: int
    path: tuple[Actor, ...]
    base_strength: float


@dataclass(frozen=True, slots=True)
class ChannelPart:
    """One channel of a unit (a unit of channels in series has several)."""

    id: str
    name: str
    between: tuple[tuple[Actor, ...], tuple[Actor, ...]]
    ties: tuple[TieRow, ...]


@dataclass(frozen=True, slots=True)
class ChannelRow:
    """A channel (or channels in series) the scenario depends on."""

    rank: int
    id: str
    name: str
    parts: tuple[ChannelPart, ...]
    types: tuple[str, ...]
    score: float
    base_score: float
    only_here: bool  # the scenario depends on it and the base graph does not (base score 0)
    disconnects: tuple[tuple[Actor, Actor], ...]
    worst: PairEffect | None
    why: str


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A ranked unit named in another row (a group's member, a change's channel)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Channels that matter only together."""

    rank: int
    members: tuple[UnitRef, ...]
    score: float
    base_score: float
    alone: tuple[float, ...]
    disconnects: tuple[tuple[Actor, Actor], ...]
    worst: PairEffect | None
    why: str


@dataclass(frozen=True, slots=True)
class PivotRow:
    """A person the scenario runs through."""

    actor: Actor
    score: float
    worst: PairEffect | None
    why: str


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A link the scenario adds, reweights or removes, and whether it carries the connection."""

    link: Link
    source: Actor
    target: Actor
    status: LinkStatus
    carries: bool
    channel: UnitRef | None
    why: str


@dataclass(frozen=True, slots=True)
class TensionRow:
    """An adversarial link that bears on the key actors, their sides, a channel or a pivot."""

    link: Link
    source: Actor
    target: Actor
    why: str


@dataclass(frozen=True, slots=True)
class DependsReport:
    scenario: ScenarioRef
    key_actors: tuple[Actor, ...]
    connected_by: tuple[str, ...]
    as_of: date | None
    pairs: tuple[PairRow, ...]
    rows: tuple[ChannelRow, ...]
    scoring: int  # units with a score above 0 (rows are the top of them)
    channels: int | None  # channels in the scenario's graph (None: not counted, see docs)
    redundancy: str | None  # said when fewer units score than were asked for
    ranking: Ranking
    groups: tuple[GroupRow, ...]
    groups_found: int
    groups_searched: str  # complete, partial or skipped
    sets_evaluated: int
    groups_note: str | None
    pivots: tuple[PivotRow, ...]  # the `top` the scenario depends on most
    pivots_found: int
    scenario_changes: tuple[ChangeRow, ...]
    tensions: tuple[TensionRow, ...]  # the `top` strongest
    tensions_found: int
    engine: str  # who computed it: "python" or "compiled" (analysis.engine)
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def depends_report(
    ds: Dataset,
    scenario: str,
    *,
    top: int | None = 10,
    groups: int | None = 3,
    ranking: Ranking = Ranking.NEW,
    as_of: date | None = None,
) -> DependsReport:
    """Rank the channels the scenario's key actors depend on (see analysis.channels)."""
    check_top(top)
    check_top(groups, "--groups")
    an = analysis_for(ds, scenario, as_of=as_of)
    return depends_on(an, top=top, groups=groups, ranking=ranking)


def depends_on(
    an: Analysis,
    *,
    top: int | None = 10,
    groups: int | None = 3,
    ranking: Ranking = Ranking.NEW,
) -> DependsReport:
    """`depends_report` for a scenario's view and graph already built."""
    from scenarios.analysis.channels import (
        MAX_GROUP_SETS,
        ChannelIndex,
        channel_dependencies,
        score_cut,
    )
    from scenarios.analysis.dependency import KeyChains

    ds = an.dataset
    assert an.view.scenario is not None
    keys = an.view.key_actors
    base, touched = base_for(an)
    only_base = [t for t in touched if base.has_edge(*t) and not an.graph.has_edge(*t)]
    chains = KeyChains(an.graph, keys, extra=only_base)
    # counting every channel of a million ties takes seconds: only when a sentence needs it
    result = channel_dependencies(
        an.graph, keys, chains=chains, count_channels=chains.engine == "python"
    )
    base_chains = KeyChains(base, keys, chains.engine, like=chains, differing=touched)
    base_pairs = {p: base_chains.strength(p) for p in base_chains.connected}

    units = result.rows
    base_scores = {u.id: score_cut(base_chains, u.ties) for u in units}
    if ranking is Ranking.NEW:
        units = tuple(
            sorted(units, key=lambda u: (base_scores[u.id] > 0.0, -round(u.score, 12), u.id))
        )
    rows = tuple(
        _channel_row(an, rank, unit, base_scores[unit.id])
        for rank, unit in enumerate(units[:top] if top else units, start=1)
    )
    named = {u.id: _unit_ref(an, u) for u in units}
    group_rows = tuple(
        _group_row(an, rank, group, score_cut(base_chains, group.ties), named)
        for rank, group in enumerate(result.groups[:groups] if groups else result.groups, start=1)
    )
    name = an.view.scenario.name
    redundancy, channels = None, result.channels
    if top is None or len(units) <= top:  # every scoring channel is listed: say what is left
        if channels is None:
            channels = ChannelIndex(an.graph, keys).count()
        # a row of channels in series holds several channels, none of them redundant
        in_rows = sum(len(u.channels) for u in units)
        redundancy = wording.redundancy(name, len(units), channels - in_rows)
    note = None
    if result.groups_searched != "complete":
        note = wording.groups_not_searched(
            result.groups_searched, result.sets_evaluated, MAX_GROUP_SETS
        )
    pivots = tuple(
        PivotRow(
            ds.actor_by_id[p.actor],
            p.score,
            pair_effect(ds, p.worst),
            wording.pivot(
                name, ds.actor_by_id[p.actor], pair_effect(ds, p.worst), len(p.disconnects)
            ),
        )
        for p in (result.pivots[:top] if top else result.pivots)
    )
    return DependsReport(
        scenario_of(an.view),
        tuple(ds.actor_by_id[a] for a in keys),
        connected_by(an.view),
        an.view.as_of,
        tuple(_pair_row(ds, p, base_pairs.get((p.source, p.target), 0.0)) for p in result.pairs),
        rows,
        len(units),
        channels,
        redundancy,
        ranking,
        group_rows,
        len(result.groups),
        result.groups_searched,
        result.sets_evaluated,
        note,
        pivots,
        len(result.pivots),
        _changes(an, chains, result, named, base_chains),
        *_tensions(an, result, top),
        result.engine,
        ds.known_by,
        not_counted(ds, an.view),
        ds.left_out,
    )


def _pair_row(ds: Dataset, pair: KeyPair, base: float) -> PairRow:
    actor = ds.actor_by_id
    return PairRow(
        actor[pair.source],
        actor[pair.target],
        pair.strength,
        pair.hops,
        pair.fewest_hops,
        pair.routes,
        tuple(actor[a] for a in pair.path),
        base,
    )


def _between(an: Analysis, channel: Channel) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    actor = an.dataset.actor_by_id
    return (tuple(actor[a] for a in channel.ends[0]), tuple(actor[a] for a in channel.ends[1]))


def unit_name(an: Analysis, unit: ChannelScore) -> str:
    """A unit's name: its channel's actors, or the chain channels in series make."""
    if len(unit.channels) == 1:
        return wording.channel_name(_between(an, unit.channels[0]))
    return wording.series_name([_between(an, c) for c in unit.channels])


def _unit_ref(an: Analysis, unit: ChannelScore) -> UnitRef:
    return UnitRef(unit.id, unit_name(an, unit))


def _channel_row(an: Analysis, rank: int, unit: ChannelScore, base_score: float) -> ChannelRow:
    ds = an.dataset
    parts = tuple(
        ChannelPart(
            c.id,
            wording.channel_name(_between(an, c)),
            _between(an, c),
            tuple(tie_row(an, t) for t in c.ties),
        )
        for c in unit.channels
    )
    types = tuple(
        dict.fromkeys(link.type.value for part in parts for tie in part.ties for link in tie.links)
    )
    worst = pair_effect(ds, unit.worst)
    return ChannelRow(
        rank,
        unit.id,
        unit_name(an, unit),
        parts,
        types,
        unit.score,
        base_score,
        base_score <= 0.0,
        actor_pairs(ds, unit.disconnects),
        worst,
        wording.channel_dependency(worst, len(unit.disconnects), len(parts) > 1),
    )


def _group_row(
    an: Analysis, rank: int, group: object, base_score: float, named: dict[str, UnitRef]
) -> GroupRow:
    from scenarios.analysis.channels import ChannelGroup

    assert isinstance(group, ChannelGroup)
    ds = an.dataset
    members = tuple(named.get(m.id) or _unit_ref(an, m) for m in group.members)
    worst = pair_effect(ds, group.worst)
    return GroupRow(
        rank,
        members,
        group.score,
        base_score,
        group.alone,
        actor_pairs(ds, group.disconnects),
        worst,
        wording.cut_damage([m.name for m in members], worst, len(group.disconnects)),
    )


def _changes(
    an: Analysis,
    chains: KeyChains,
    result: ChannelResult,
    named: dict[str, UnitRef],
    base_chains: KeyChains,
) -> tuple[ChangeRow, ...]:
    """Each link the scenario adds or reweights (and removes): does it carry the connection?"""
    from scenarios.analysis.channels import units_by_tie
    from scenarios.graph import LINKS, is_cut_candidate, tie
    from scenarios.vocab import LinkRole

    ds, view, graph = an.dataset, an.view, an.graph
    actor = ds.actor_by_id
    scored = units_by_tie(result.rows)
    declared = connected_by(view)
    rows = []
    scenario = view.scenario
    assert scenario is not None
    # the links --known-by left out before the view (none of their evidence reported yet) are
    # the scenario's changes all the same: said "not counted on this day", like those --as-of
    # keeps out
    change_of = {c.link: c for c in scenario.changes}
    unreported: dict[str, Link] = {}
    for by, link in ds.unreported:
        if by == scenario.id:
            unreported[link.id] = link
        elif by is None and link.id in change_of:
            change = change_of[link.id]
            unreported[link.id] = replace(
                link,
                strength=link.strength if change.strength is None else change.strength,
                confidence=link.confidence if change.confidence is None else change.confidence,
            )
    ids = [*change_of, *(a.id for a in scenario.adds), *unreported]
    by_id = an.link_by_id
    changed = [
        by_id[i] if i in by_id else unreported[i]
        for i in dict.fromkeys(ids)
        if i in by_id or i in unreported
    ]
    removed = {link.id for link in view.removed}
    for link in (*changed, *view.removed):
        status = view.status.get(link.id)
        pair = tie(link.source, link.target)
        data = graph.adj.get(pair[0], {}).get(pair[1])
        carries, channel = False, None
        if link.id in removed:
            status = LinkStatus.REMOVED
            in_base = base_chains.graph.adj.get(pair[0], {}).get(pair[1])
            if link.type.role is LinkRole.ADVERSARIAL:
                why = wording.change_removed(idle=wording.change_adversarial())
            elif in_base is None or link.id not in in_base[LINKS]:
                why = wording.change_removed(idle=wording.change_not_carrying(declared))
            else:
                on = base_chains.through.get(pair)
                was = (actor[on[0][0]], actor[on[0][1]]) if on else None
                why = wording.change_removed(was)
        elif status is None:  # the clocks keep it out of the view: possible, not yet, unreported
            status, why = _intended(ds, link), wording.change_not_counted()
        elif link.type.role is LinkRole.ADVERSARIAL:
            why = wording.change_adversarial()
        elif data is None or link.id not in data[LINKS]:
            why = wording.change_not_carrying(declared)
        elif pair in scored:
            unit = scored[pair]
            carries, channel = True, named[unit.id]
            why = wording.change_carries(channel.name, pair_effect(ds, unit.worst))
        else:
            why = _why_not(an, chains, pair, is_cut_candidate(data))
        rows.append(
            ChangeRow(link, actor[link.source], actor[link.target], status, carries, channel, why)
        )
    # what carries first, in the order its channel is ranked in; then the rest, as written
    rank = {unit_id: i for i, unit_id in enumerate(named)}
    return tuple(sorted(rows, key=lambda r: rank[r.channel.id] if r.channel else len(rank)))


def _intended(ds: Dataset, link: Link) -> LinkStatus:
    """What the scenario does to a link the view does not hold: adds it, or reweights a base
    link (as `Dataset.view` labels it; a base link --known-by left out is in `unreported`)."""
    base = ds.link_by_id.get(link.id)
    if base is None:
        base = next((b for by, b in ds.unreported if by is None and b.id == link.id), None)
    if base is None:
        return LinkStatus.ADDED
    return LinkStatus.WEAKENED if link.weight < base.weight else LinkStatus.STRENGTHENED


def _why_not(an: Analysis, chains: KeyChains, pair: Tie, candidate: bool) -> str:
    """Why a carrying tie of the scenario's own making is not part of a channel it depends on."""
    actor = an.dataset.actor_by_id
    on = chains.through.get(pair)
    if on:
        s, t = on[0]
        if not candidate:
            return wording.change_structural(actor[s], actor[t])
        return wording.change_redundant(actor[s], actor[t])
    best = chains.best_via(pair)
    if best is None:
        return wording.change_off_route()
    (s, t), via, strongest, exact = best
    if exact and via >= strongest * (1.0 - 1e-9):  # as strong, but fewer hops are preferred
        return wording.change_redundant(actor[s], actor[t])
    return wording.change_weaker(actor[s], actor[t], via, strongest, exact=exact)


def _tensions(
    an: Analysis, result: ChannelResult, top: int | None
) -> tuple[tuple[TensionRow, ...], int]:
    """Adversarial links touching the key actors, their sides, a scoring channel or a pivot:
    the `top` strongest, and how many there are."""
    from scenarios.graph import SIDE
    from scenarios.vocab import LinkRole, LinkType

    ds, view, graph = an.dataset, an.view, an.graph
    actor = ds.actor_by_id
    keys = set(view.key_actors)
    sides = {graph.nodes[k].get(SIDE) for k in keys} - {None}
    in_unit: dict[str, str] = {}
    for unit in result.rows:
        name = unit_name(an, unit)
        for channel in unit.channels:
            for end in (*channel.ends[0], *channel.ends[1]):
                in_unit.setdefault(end, name)
    pivots = {p.actor for p in result.pivots}
    scenario = view.scenario.name if view.scenario else view.name

    def bears_on(end: str) -> tuple[int, str, str] | None:
        """What one end of the link is, most direct first: a key actor, an actor of a
        channel the scenario depends on, a person it runs through, a member of a key
        actor's side. (level, what, whom: for a side, the member)"""
        if end in keys:
            return 0, f"{actor[end].name}, a key actor", ""
        if end in in_unit:
            return 1, f"{actor[end].name}, of the {in_unit[end]} channel", ""
        if end in pivots:
            return 2, f"{actor[end].name}, whom {scenario} runs through", ""
        side = graph.nodes.get(end, {}).get(SIDE)
        if isinstance(side, str) and side in sides:
            return 3, f"the {actor[side].name} side", actor[end].name
        return None

    adversarial = frozenset(t for t in LinkType if t.role is LinkRole.ADVERSARIAL)
    near = keys | set(in_unit) | pivots  # and the members of the key actors' sides:
    near |= {n for n, attrs in graph.nodes.items() if attrs.get(SIDE) in sides}
    rows: list[tuple[float, str, TensionRow]] = []
    for link in view.links:
        if link.type not in adversarial or (link.source not in near and link.target not in near):
            continue
        found = [b for b in (bears_on(link.source), bears_on(link.target)) if b is not None]
        if not found:
            continue
        closest = min(level for level, _, _ in found)
        named: dict[str, list[str]] = {}
        for level, what, whom in found:
            if level == closest:
                named.setdefault(what, []).extend([whom] if whom else [])
        what = " and ".join(
            f"{thing} ({', '.join(whom)})" if whom else thing for thing, whom in named.items()
        )
        row = TensionRow(link, actor[link.source], actor[link.target], wording.tension(what))
        rows.append((link.weight, link.id, row))
    rows.sort(key=lambda r: (-r[0], r[1]))
    shown = rows[:top] if top else rows
    return tuple(r[2] for r in shown), len(rows)


# -- single ties: depends --ties ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TieDependencyRow:
    """One tie's importance alone (`depends --ties`)."""

    rank: int
    tie: TieRow
    score: float
    path_share: float
    route_loss: float
    disconnects: tuple[tuple[Actor, Actor], ...]
    worst: PairEffect | None
    why: str


@dataclass(frozen=True, slots=True)
class TiesReport:
    scenario: ScenarioRef
    key_actors: tuple[Actor, ...]
    connected_by: tuple[str, ...]
    as_of: date | None
    pairs: tuple[PairRow, ...]
    rows: tuple[TieDependencyRow, ...]
    cut_candidates: int  # ties depends may cut (not only structural links)
    ties_ranked: int  # of which on a key route (score, routes or paths above 0)
    engine: str
    cuts_skipped: int  # key pairs with more routes than cut_route_limit: cuts not searched
    cut_route_limit: int
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)
    sourced_only: tuple[str, ...] | None = None  # --sourced-only: background links left out


def ties_report(
    ds: Dataset, scenario: str, *, top: int | None = 10, as_of: date | None = None
) -> TiesReport:
    """Rank single ties by how much the key actors depend on each alone."""
    from scenarios.analysis.dependency import MAX_CUT_ROUTES, dependencies
    from scenarios.reports.common import cut_candidates

    check_top(top)
    an = analysis_for(ds, scenario, as_of=as_of)
    assert an.view.scenario is not None
    result = dependencies(an.graph, an.view.key_actors)
    return TiesReport(
        scenario_of(an.view),
        tuple(ds.actor_by_id[a] for a in an.view.key_actors),
        connected_by(an.view),
        as_of,
        tuple(_pair_row(ds, p, 0.0) for p in result.pairs),
        tie_rows(an, result, top),
        cut_candidates(an.graph),
        len(depended_on(result)),
        result.engine,
        len(result.cuts_skipped),
        MAX_CUT_ROUTES,
        ds.known_by,
        not_counted(ds, an.view),
        sourced_only=ds.left_out,
    )


def depended_on(result: DependencyResult) -> list[TieDependency]:
    """The ties on a key route at all: a score, a share of routes or of paths above 0."""
    return [d for d in result.ties if d.score > 0 or d.route_loss > 0 or d.path_share > 0]


def tie_rows(
    an: Analysis, result: DependencyResult, top: int | None
) -> tuple[TieDependencyRow, ...]:
    """The `top` ties on key routes, each with why it matters (or does not) alone."""
    ds = an.dataset
    ranked = depended_on(result)
    routes = {(p.source, p.target): p.routes for p in result.pairs}
    rows = []
    for rank, d in enumerate(ranked[:top] if top else ranked, start=1):
        worst = pair_effect(ds, d.worst)
        first_cut = actor_pairs(ds, d.in_min_cut[:1])
        rows.append(
            TieDependencyRow(
                rank,
                tie_row(an, d.tie),
                d.score,
                d.path_share,
                d.route_loss,
                actor_pairs(ds, d.disconnects),
                worst,
                wording.tie_dependency(
                    wording.tie_name(ds, d.tie),
                    worst,
                    len(d.disconnects),
                    first_cut[0] if first_cut else None,
                    routes.get(d.in_min_cut[0], 0) if d.in_min_cut else 0,
                    d.path_share,
                ),
            )
        )
    return tuple(rows)


def unit_rows(
    an: Analysis, units: Sequence[ChannelScore], top: int | None
) -> tuple[ChannelRow, ...]:
    """Ranked units as rows without a base comparison (what-if before and after a cut)."""
    shown = units[:top] if top else units
    return tuple(_channel_row(an, rank, u, 0.0) for rank, u in enumerate(shown, start=1))
