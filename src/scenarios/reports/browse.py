"""What `list`, `show`, `actors` and `links` answer: the dataset browsed, as frozen reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from scenarios.model import Actor, Dataset, LinkStatus, Scenario, Signpost, normalise
from scenarios.reports.common import (
    Analysis,
    LinkRow,
    NotCounted,
    ScenarioRef,
    TieRow,
    link_row,
    not_counted,
    scenario_ref,
    tie_row,
)
from scenarios.vocab import ActorKind, LinkType


@dataclass(frozen=True, slots=True)
class ScenarioSummary:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    link_count: int  # links in force in the scenario
    added_count: int  # links it adds
    changed_count: int  # base links it reweights
    removed_count: int  # base links it removes


@dataclass(frozen=True, slots=True)
class ScenarioList:
    scenarios: tuple[ScenarioSummary, ...]
    base_link_count: int
    actor_count: int
    as_of: date | None
    known_by: date | None = None


def scenario_list(ds: Dataset, *, as_of: date | None = None) -> ScenarioList:
    summaries = []
    for scenario in ds.scenarios:
        view = ds.view(scenario.id, as_of=as_of)
        summaries.append(
            ScenarioSummary(
                scenario=scenario,
                key_actors=tuple(ds.actor_by_id[a] for a in scenario.key_actors),
                link_count=len(view.links),
                added_count=len(scenario.adds),
                changed_count=len(scenario.changes),
                removed_count=len(scenario.removes),
            )
        )
    base = ds.view(None, as_of=as_of)
    return ScenarioList(tuple(summaries), len(base.links), len(ds.actors), as_of, ds.known_by)


@dataclass(frozen=True, slots=True)
class ScenarioDetail:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    raised_by_names: tuple[str, ...]  # the speakers who proposed it
    changed_links: tuple[LinkRow, ...]  # what it adds, reweights or removes
    actors: tuple[Actor, ...]
    base_links: tuple[LinkRow, ...]
    as_of: date | None
    connected_by: tuple[str, ...] = ()  # the link types its connection is made of (): default
    combined: tuple[TieRow, ...] = ()  # ties of several carrying links: how they combine
    signposts: tuple[Signpost, ...] = ()  # those that point to it or count against it
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)


def scenario_detail(
    ds: Dataset, scenario_query: str, *, as_of: date | None = None
) -> ScenarioDetail:
    """A scenario's description, key actors, its changes to the base graph, and the rest."""
    scenario = ds.resolve_scenario(scenario_query)
    view = ds.view(scenario.id, as_of=as_of)
    notes = {c.link: c.note for c in scenario.changes} | {r.link: r.note for r in scenario.removes}
    by_id = {link.id: link for link in view.links}
    changes = [
        link_row(ds, link, view.status[link.id], notes.get(link.id))
        for link in view.links
        if view.status[link.id] is not LinkStatus.BASE
    ]
    changes += [link_row(ds, link, LinkStatus.REMOVED, notes.get(link.id)) for link in view.removed]
    base = tuple(
        link_row(ds, link, LinkStatus.BASE)
        for link in view.links
        if view.status[link.id] is LinkStatus.BASE
    )
    involved = {end for link in by_id.values() for end in (link.source, link.target)}
    actors = tuple(a for a in ds.actors if a.id in involved)
    speakers = tuple(ds.speaker_by_id[s].name for s in scenario.raised_by)
    from scenarios.graph import GROUPS, build_graph

    graph = build_graph(view)
    an = Analysis(ds, view, graph)
    combined = tuple(tie_row(an, (u, v)) for u, v, data in graph.edges() if GROUPS in data)
    return ScenarioDetail(
        scenario,
        tuple(ds.actor_by_id[a] for a in scenario.key_actors),
        speakers,
        tuple(changes),
        actors,
        base,
        as_of,
        tuple(t.value for t in scenario.connected_by),
        combined,
        tuple(s for s in ds.signposts if scenario.id in (*s.points_to, *s.against)),
        ds.known_by,
        not_counted(ds, view),
    )


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor: Actor
    tie_count: int
    link_count: int


@dataclass(frozen=True, slots=True)
class ActorTable:
    rows: tuple[ActorRow, ...]
    scenario: ScenarioRef | None
    total: int


def actor_table(
    ds: Dataset,
    *,
    kinds: Sequence[ActorKind] = (),
    scenario: str | None = None,
    search: str | None = None,
    as_of: date | None = None,
) -> ActorTable:
    """Actors, filtered by kind and by a case-insensitive search of all their names, each with
    its ties (the actors it is joined to by links that carry in the view: docs/data-format.md,
    a tie) and its links (every link of the view it is an end of, adversarial ones too)."""
    from scenarios.graph import build_graph

    scenario_id = ds.resolve_scenario(scenario).id if scenario else None
    view = ds.view(scenario_id, as_of=as_of)
    links: dict[str, int] = {}
    for link in view.links:
        for end in (link.source, link.target):
            links[end] = links.get(end, 0) + 1
    ties = build_graph(view).adj
    needle = normalise(search) if search else None
    rows = tuple(
        ActorRow(actor, len(ties.get(actor.id, ())), links.get(actor.id, 0))
        for actor in ds.actors
        if (not kinds or actor.kind in kinds)
        and (needle is None or any(needle in normalise(name) for name in actor.names))
    )
    return ActorTable(rows, scenario_ref(view.scenario), len(ds.actors))


@dataclass(frozen=True, slots=True)
class LinkTable:
    rows: tuple[LinkRow, ...]
    scenario: ScenarioRef | None
    as_of: date | None
    total: int
    known_by: date | None = None  # the --known-by clock (docs/whatif.md, "Two clocks")
    not_counted: NotCounted = field(default_factory=NotCounted)


def link_table(
    ds: Dataset,
    *,
    types: Sequence[LinkType] = (),
    scenario: str | None = None,
    actor: str | None = None,
    as_of: date | None = None,
) -> LinkTable:
    """Links in force (for a scenario, on a date), filtered by type and by an actor they touch."""
    scenario_id = ds.resolve_scenario(scenario).id if scenario else None
    view = ds.view(scenario_id, as_of=as_of)
    actor_id = ds.resolve_actor(actor).id if actor else None
    rows = tuple(
        link_row(ds, link, view.status[link.id])
        for link in view.links
        if (not types or link.type in types)
        and (actor_id is None or actor_id in (link.source, link.target))
    )
    return LinkTable(
        rows,
        scenario_ref(view.scenario),
        as_of,
        len(view.links),
        ds.known_by,
        not_counted(ds, view),
    )
