"""What each command answers: dataset + arguments -> a frozen report for rendering or JSON.

This is the one place that strings the pipeline together (view -> graph -> analysis) and
words the results in plain language. Pure: no printing, no files, no database.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from scenarios.errors import UsageError
from scenarios.model import (
    Actor,
    Dataset,
    Evidence,
    Link,
    LinkStatus,
    Scenario,
    ScenarioView,
    normalise,
)
from scenarios.vocab import ActorKind, LinkType

if TYPE_CHECKING:
    from scenarios.analysis.dependency import KeyPair, TieDependency
    from scenarios.graph import TieGraph
    from scenarios.vocab import Measure


def chain_strength(cost: float | None) -> float:
    """Strength of a chain from its summed cost (0 when there is no chain)."""
    return 0.0 if cost is None else math.exp(-cost)


# -- list / show / actors / links --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScenarioSummary:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    links: int
    added: int
    changed: int
    removed: int


@dataclass(frozen=True, slots=True)
class ScenarioList:
    scenarios: tuple[ScenarioSummary, ...]
    base_links: int
    actors: int
    as_of: date | None


def scenario_list(ds: Dataset, *, as_of: date | None = None) -> ScenarioList:
    summaries = []
    for scenario in ds.scenarios:
        view = ds.view(scenario.id, as_of=as_of)
        summaries.append(
            ScenarioSummary(
                scenario=scenario,
                key_actors=tuple(ds.actor_by_id[a] for a in scenario.key_actors),
                links=len(view.links),
                added=len(scenario.adds),
                changed=len(scenario.changes),
                removed=len(scenario.removes),
            )
        )
    base = ds.view(None, as_of=as_of)
    return ScenarioList(tuple(summaries), len(base.links), len(ds.actors), as_of)


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A link as shown to people: with its ends resolved and its status in the view."""

    link: Link
    source: Actor
    target: Actor
    status: LinkStatus
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ScenarioDetail:
    scenario: Scenario
    key_actors: tuple[Actor, ...]
    raised_by: tuple[str, ...]
    changes: tuple[LinkRow, ...]
    actors: tuple[Actor, ...]
    base_links: tuple[LinkRow, ...]
    as_of: date | None


def _row(ds: Dataset, link: Link, status: LinkStatus, note: str | None = None) -> LinkRow:
    return LinkRow(link, ds.actor_by_id[link.source], ds.actor_by_id[link.target], status, note)


def scenario_detail(
    ds: Dataset, scenario_query: str, *, as_of: date | None = None
) -> ScenarioDetail:
    """A scenario's description, key actors, its changes to the base graph, and the rest."""
    scenario = ds.resolve_scenario(scenario_query)
    view = ds.view(scenario.id, as_of=as_of)
    notes = {c.link: c.note for c in scenario.changes} | {r.link: r.note for r in scenario.removes}
    by_id = {link.id: link for link in view.links}
    changes = [
        _row(ds, link, view.status[link.id], notes.get(link.id))
        for link in view.links
        if view.status[link.id] is not LinkStatus.BASE
    ]
    changes += [_row(ds, link, LinkStatus.REMOVED, notes.get(link.id)) for link in view.removed]
    base = tuple(
        _row(ds, link, LinkStatus.BASE)
        for link in view.links
        if view.status[link.id] is LinkStatus.BASE
    )
    involved = {end for link in by_id.values() for end in (link.source, link.target)}
    actors = tuple(a for a in ds.actors if a.id in involved)
    speakers = tuple(ds.speaker_by_id[s].name for s in scenario.raised_by)
    return ScenarioDetail(
        scenario,
        tuple(ds.actor_by_id[a] for a in scenario.key_actors),
        speakers,
        tuple(changes),
        actors,
        base,
        as_of,
    )


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor: Actor
    ties: int
    links: int


@dataclass(frozen=True, slots=True)
class ActorTable:
    rows: tuple[ActorRow, ...]
    scenario: str | None
    total: int


def actor_table(
    ds: Dataset,
    *,
    kinds: Sequence[ActorKind] = (),
    scenario: str | None = None,
    search: str | None = None,
    as_of: date | None = None,
) -> ActorTable:
    """Actors, filtered by kind and by a case-insensitive search of all their names."""
    scenario_id = ds.resolve_scenario(scenario).id if scenario else None
    view = ds.view(scenario_id, as_of=as_of)
    links: dict[str, int] = {}
    neighbours: dict[str, set[str]] = {}
    for link in view.links:
        for end, other in ((link.source, link.target), (link.target, link.source)):
            links[end] = links.get(end, 0) + 1
            neighbours.setdefault(end, set()).add(other)
    needle = normalise(search) if search else None
    rows = tuple(
        ActorRow(actor, len(neighbours.get(actor.id, ())), links.get(actor.id, 0))
        for actor in ds.actors
        if (not kinds or actor.kind in kinds)
        and (needle is None or any(needle in normalise(name) for name in actor.names))
    )
    return ActorTable(rows, scenario_id, len(ds.actors))


@dataclass(frozen=True, slots=True)
class LinkTable:
    rows: tuple[LinkRow, ...]
    scenario: str | None
    as_of: date | None
    total: int


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
        _row(ds, link, view.status[link.id])
        for link in view.links
        if (not types or link.type in types)
        and (actor_id is None or actor_id in (link.source, link.target))
    )
    return LinkTable(rows, scenario_id, as_of, len(view.links))


# -- path ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: the two actors and every link of the tie between them."""

    source: Actor
    target: Actor
    links: tuple[Link, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class PathDetail:
    __json_extra__: ClassVar[tuple[str, ...]] = ("actors",)

    hops: tuple[Hop, ...]
    strength: float
    cost: float

    @property
    def actors(self) -> tuple[Actor, ...]:
        return (self.hops[0].source, *(h.target for h in self.hops)) if self.hops else ()


@dataclass(frozen=True, slots=True)
class PathReport:
    source: Actor
    target: Actor
    scenario: str | None
    paths: tuple[PathDetail, ...]
    cheapest_count: int
    mode: str
    weighted: bool
    max_hops: int | None
    as_of: date | None


@dataclass(frozen=True, slots=True)
class Analysis:
    """A dataset view and its graph, resolved once per command."""

    dataset: Dataset
    view: ScenarioView
    graph: TieGraph


def analysis_for(ds: Dataset, scenario: str | None, *, as_of: date | None = None) -> Analysis:
    from scenarios.graph import build_graph

    scenario_id = ds.resolve_scenario(scenario).id if scenario else None
    view = ds.view(scenario_id, as_of=as_of)
    return Analysis(ds, view, build_graph(view))


def _path_detail(an: Analysis, actors: Sequence[str], cost: float) -> PathDetail:
    from scenarios.graph import LINKS, WEIGHT

    hops = []
    strength = 1.0
    link_by_id = {link.id: link for link in an.view.links}
    for u, v in itertools.pairwise(actors):
        data = an.graph.adj[u][v]
        strength *= data[WEIGHT]
        hops.append(
            Hop(
                an.dataset.actor_by_id[u],
                an.dataset.actor_by_id[v],
                tuple(link_by_id[i] for i in data[LINKS]),
                data[WEIGHT],
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
    an = analysis_for(ds, scenario, as_of=as_of)
    if alternatives is not None:
        found = alternative_paths(an.graph, start.id, end.id, alternatives, weighted=weighted)
        count, mode = len(found), f"{alternatives} strongest loop-free paths"
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
        an.view.scenario.id if an.view.scenario else None,
        paths,
        count,
        mode,
        weighted,
        max_hops,
        as_of,
    )


# -- centrality ----------------------------------------------------------------------------------


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

    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
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
    )


# -- depends -------------------------------------------------------------------------------------


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


def cite(evidence: Evidence, ds: Dataset) -> str:
    """One line of provenance: paraphrase, speaker, programme, date, and what it cites."""
    parts: list[str] = []
    if evidence.speaker:
        parts.append(ds.speaker_by_id[evidence.speaker].name)
    when = evidence.date.text if evidence.date else None
    if evidence.programme:
        programme = ds.programme_by_id[evidence.programme]
        title = (
            f"{programme.title} ({programme.publisher})" if programme.publisher else programme.title
        )
        parts.append(title)
        when = when or programme.date.isoformat()
    if when:
        parts.append(when)
    if evidence.cites:
        parts.append(f"citing {evidence.cites}")
    return f"{evidence.text} — {', '.join(parts)}"


def _name(actor: Actor) -> str:
    return actor.name


def explain(dep: TieDependency, ds: Dataset, routes_by_pair: Mapping[tuple[str, str], int]) -> str:
    """Say in plain words why a tie matters (or does not) to the key actors.

    Uses the key pair the cut hurts most; hop counts are fewest-hop paths.
    """
    a, b = (_name(ds.actor_by_id[x]) for x in dep.tie)
    lead = f"cutting {a}–{b}"
    if dep.disconnects:
        s, t = (_name(ds.actor_by_id[x]) for x in dep.disconnects[0])
        more = len(dep.disconnects) - 1
        tail = f" and {more} other key pair{'s' if more > 1 else ''}" if more else ""
        return f"{lead} disconnects {s} from {t}{tail}: no other route exists"
    worst = dep.worst
    if worst is not None and worst.damage > 0.0005:
        s, t = _name(ds.actor_by_id[worst.source]), _name(ds.actor_by_id[worst.target])
        before, after = chain_strength(worst.cost_before), chain_strength(worst.cost_after)
        text = (
            f"{lead} weakens the best {s}–{t} chain from {before:.2f} to {after:.2f}"
            f" (-{worst.damage:.0%})"
        )
        if worst.hops_after is not None and worst.hops_after > worst.hops_before:
            text += (
                f" and leaves no path from {s} to {t} shorter than {worst.hops_after} hops"
                f" (now {worst.hops_before})"
            )
        return text
    if dep.in_min_cut:
        pair = dep.in_min_cut[0]
        s, t = (_name(ds.actor_by_id[x]) for x in pair)
        routes = routes_by_pair.get(pair, 0)
        return (
            f"one of the {routes} independent routes between {s} and {t} ({lead} leaves "
            f"{routes - 1}); the strongest chains do not need it"
        )
    if dep.path_share > 0:
        return (
            f"on {dep.path_share:.0%} of the strongest key-actor paths, "
            "but equally strong alternatives exist"
        )
    return "on no key-actor route"


def depends_report(
    ds: Dataset, scenario: str, *, top: int | None = 10, as_of: date | None = None
) -> DependsReport:
    """Rank the ties the scenario's key actors depend on (see analysis.dependency)."""
    from scenarios.analysis.dependency import MAX_CUT_ROUTES, dependencies

    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    an = analysis_for(ds, scenario, as_of=as_of)
    assert an.view.scenario is not None
    result = dependencies(an.graph, an.view.key_actors)
    link_by_id = {link.id: link for link in an.view.links}
    ranked = [d for d in result.ties if d.score > 0 or d.route_loss > 0 or d.path_share > 0]
    routes_by_pair = {(p.source, p.target): p.routes for p in result.pairs}
    rows = tuple(
        DependencyRow(
            rank,
            (ds.actor_by_id[dep.tie[0]], ds.actor_by_id[dep.tie[1]]),
            tuple(link_by_id[i] for i in dep.links),
            dep,
            explain(dep, ds, routes_by_pair),
        )
        for rank, dep in enumerate(ranked[:top] if top else ranked, start=1)
    )
    pairs = tuple(_pair_row(ds, p) for p in result.pairs)
    return DependsReport(
        an.view.scenario,
        tuple(ds.actor_by_id[a] for a in an.view.key_actors),
        pairs,
        rows,
        result.ties_considered,
        len(ranked),
        as_of,
        result.engine,
        len(result.cuts_skipped),
        MAX_CUT_ROUTES,
    )


def _pair_row(ds: Dataset, pair: KeyPair) -> PairRow:
    return PairRow(
        ds.actor_by_id[pair.source],
        ds.actor_by_id[pair.target],
        chain_strength(pair.cost),
        pair.hops,
        pair.routes,
    )
