"""What the reports share: the analysed view of a scenario, and the rows several reports show.

Pure: no printing, no files, no database. Heavy modules are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, cast, overload

from scenarios.errors import OutOfBounds, UsageError
from scenarios.model import Actor, Counted, Dataset, Link, LinkStatus, Scenario, ScenarioView

if TYPE_CHECKING:
    from scenarios.analysis.dependency import PairDamage
    from scenarios.analysis.reliability import Estimate
    from scenarios.graph import Tie, TieGraph


@dataclass(frozen=True)
class Analysis:
    """A dataset view and its graph, resolved once per command."""

    dataset: Dataset
    view: ScenarioView
    graph: TieGraph

    @cached_property
    def link_by_id(self) -> Mapping[str, Link]:
        """The view's links by id, as the view has them (reweighted, added): the dataset's
        lookup with the scenario's own links over it, not another million-entry dict."""
        from collections import ChainMap
        from dataclasses import replace

        scenario = self.view.scenario
        base = self.dataset.link_by_id
        if scenario is None:
            return base
        own: dict[str, Link] = {link.id: link for link in scenario.adds}
        for change in scenario.changes:
            link = base.get(change.link)
            if link is None:  # left out before the view (--known-by): the view has no such link
                continue
            own[change.link] = replace(
                link,
                strength=link.strength if change.strength is None else change.strength,
                confidence=link.confidence if change.confidence is None else change.confidence,
            )
        # ChainMap writes only to its first map; the dataset's stays read-only
        return ChainMap(own, cast("MutableMapping[str, Link]", base))


def analysis_for(
    ds: Dataset,
    scenario: str | None,
    *,
    as_of: date | None = None,
    connected_by: Sequence[str] | None = None,
) -> Analysis:
    """The view of `scenario` (None: the base graph) and its tie graph; `connected_by` (link
    type names) overrides the scenario's own (the base graph of a scenario's comparison)."""
    from scenarios.graph import build_graph
    from scenarios.vocab import LinkType

    scenario_id = ds.resolve_scenario(scenario).id if scenario else None
    view = ds.view(scenario_id, as_of=as_of)
    types = None if connected_by is None else [LinkType(t) for t in connected_by]
    return Analysis(ds, view, build_graph(view, connected_by=types))


def base_for(an: Analysis) -> tuple[TieGraph, frozenset[Tie]]:
    """The base graph a scenario is compared with (base links only, on the same day, carrying
    what the scenario's connection is made of: its `connected_by`), and the ties where it
    differs from the scenario's graph: those of the links the scenario adds, changes or
    removes (the rest of the graph is shared, `graph.with_ties_from`)."""
    from scenarios.graph import tie, with_ties_from

    scenario = an.view.scenario
    if scenario is None:
        return an.graph, frozenset()
    link = an.dataset.link_by_id
    touched = {tie(added.source, added.target) for added in scenario.adds}
    # (a change or removal of a link --known-by left out touches nothing)
    touched |= {link[c.link].pair for c in scenario.changes if c.link in link}
    touched |= {link[r.link].pair for r in scenario.removes if r.link in link}
    # the base links that count on the scenario's day, by the view's own rule (docs/whatif.md,
    # "Two clocks"); --known-by and --sourced-only are already applied to the dataset
    as_of = an.view.as_of
    base_links = an.dataset.links if as_of is None else an.dataset.view(None, as_of=as_of).links
    graph = with_ties_from(an.graph, base_links, touched, connected_by=scenario.connected_by)
    return graph, frozenset(touched)


def chain_strength(cost: float | None, hops: int = 0) -> float:
    """Strength of a chain from its summed cost and hops (0 when there is no chain)."""
    from scenarios.graph import chain_strength as strength

    return strength(cost, hops)


@dataclass(frozen=True, slots=True)
class ScenarioRef:
    """A scenario named in a report: its id and name (the full record: `show --json`)."""

    id: str
    name: str


@overload
def scenario_ref(scenario: Scenario) -> ScenarioRef: ...
@overload
def scenario_ref(scenario: Scenario | None) -> ScenarioRef | None: ...
def scenario_ref(scenario: Scenario | None) -> ScenarioRef | None:
    return ScenarioRef(scenario.id, scenario.name) if scenario else None


def scenario_of(view: ScenarioView) -> ScenarioRef:
    """The scenario a scenario's own report is about (its view is never the base graph)."""
    assert view.scenario is not None, "a scenario's report needs a scenario's view"
    return scenario_ref(view.scenario)


def connected_by(view: ScenarioView) -> tuple[str, ...]:
    """The link types a scenario declares its connection is made of (empty: the default)."""
    return tuple(t.value for t in view.scenario.connected_by) if view.scenario else ()


@dataclass(frozen=True, slots=True)
class PairEffect:
    """What a cut does to one key pair: its strongest chain before and after."""

    source: Actor
    target: Actor
    strength_before: float
    strength_after: float  # 0 when the cut disconnects the pair
    disconnected: bool
    damage: float  # 1 - after / before
    fewest_hops_before: int
    fewest_hops_after: int | None  # None: apart, or not computed


def pair_effect(ds: Dataset, damage: PairDamage | None) -> PairEffect | None:
    if damage is None:
        return None
    actor = ds.actor_by_id
    return PairEffect(
        actor[damage.source],
        actor[damage.target],
        damage.strength_before,
        damage.strength_after,
        damage.disconnected,
        damage.damage,
        damage.fewest_hops_before,
        damage.fewest_hops_after,
    )


def actor_pairs(ds: Dataset, pairs: Iterable[tuple[str, str]]) -> tuple[tuple[Actor, Actor], ...]:
    return tuple((ds.actor_by_id[s], ds.actor_by_id[t]) for s, t in pairs)


def check_top(top: int | None, option: str = "--top") -> None:
    """A `--top` (or other row count) of 1 or more (None: every row)."""
    if top is not None and top < 1:
        raise UsageError(f"{option} must be at least 1, not {top}")


def check_two_actors(start: Actor, end: Actor) -> None:
    """A path needs two different actors: from an actor to itself there is nothing to find."""
    if start.id == end.id:
        raise UsageError(
            f"FROM and TO are the same actor ({start.name})", hint="give two different actors"
        )


@contextmanager
def bounds_as_options() -> Iterator[None]:
    """Say an analysis bound (`OutOfBounds`) again as the usage error of the option that sets it.

    The analysis names its parameters (samples, seed, k); `--samples`, `--seed` and `--k` set
    them under the same names. The hints that name options are the command line's, given here.
    """
    try:
        yield
    except OutOfBounds as err:
        option = f"--{err.parameter}"
        raise UsageError(f"{option} {err.reason}", hint=_option_hint(err, option)) from None


def _option_hint(err: OutOfBounds, option: str) -> str | None:
    if err.parameter == "samples" and err.limit is not None:
        return f"use {option} {err.limit:,} or fewer; intervals shrink with the square root"
    if err.parameter == "seed":
        return f"e.g. {option} 7"
    if err.parameter == "k" and err.limit is not None:
        return "fix one cut and sweep the rest (--cut A~B --sweep), or use fewer key actors"
    return err.hint


def confidences(view: ScenarioView, cut_links: Iterable[str] = ()) -> dict[str, float]:
    """Each link's confidence, as the Monte Carlo draws use it; `cut_links` at 0 (cut)."""
    conf = {link.id: link.confidence for link in view.links}
    for link in cut_links:
        conf[link] = 0.0
    return conf


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A link as shown to people: with its ends resolved and its status in the view."""

    link: Link
    source: Actor
    target: Actor
    status: LinkStatus
    note: str | None = None
    # a dated link: the day it counts from under --as-of, and whether its date or a report
    # set it (`Dataset.counted`); None for an undated link
    counted: Counted | None = None


def link_row(ds: Dataset, link: Link, status: LinkStatus, note: str | None = None) -> LinkRow:
    actor = ds.actor_by_id
    return LinkRow(link, actor[link.source], actor[link.target], status, note, ds.counted(link))


@dataclass(frozen=True, slots=True)
class NotCounted:
    """What the two clocks kept out of a question (docs/whatif.md, "Two clocks").

    `possible`: dated links that may have begun by --as-of but not certainly: shown, never
    counted. `unreported`: ids of links none of whose evidence is known by --known-by.
    """

    possible: tuple[LinkRow, ...] = ()
    unreported: tuple[str, ...] = ()


def not_counted(ds: Dataset, *views: ScenarioView) -> NotCounted:
    """The links the views' clocks kept out, each once (the first view's first)."""
    possible: dict[str, LinkRow] = {}
    unreported: dict[str, None] = {}
    for view in views:
        for link in view.possible:
            status = LinkStatus.ADDED if link.id not in ds.link_by_id else LinkStatus.BASE
            possible.setdefault(link.id, link_row(ds, link, status))
        unreported.update(dict.fromkeys(link.id for link in view.unreported))
    return NotCounted(tuple(possible.values()), tuple(unreported))


@dataclass(frozen=True, slots=True)
class SourceRow:
    """Links of a tie whose evidence shares a source: they count once, at the strongest."""

    link_ids: tuple[str, ...]
    shared: tuple[str, ...]  # the sources they share: `programme:<id>`, `cites:<text>`
    weight: float


@dataclass(frozen=True, slots=True)
class TieRow:
    """A tie as shown to people: its two actors, the links it merges and how they combine."""

    ends: tuple[Actor, Actor]
    links: tuple[Link, ...]
    weight: float  # noisy-OR over `sources` (0: the tie carries nothing here)
    sources: tuple[SourceRow, ...]


def tie_row(an: Analysis, pair: Tie, graph: TieGraph | None = None) -> TieRow:
    from scenarios.graph import LINKS, WEIGHT, source_groups

    graph = graph or an.graph
    by_id = an.link_by_id
    u, v = pair
    data = graph.adj.get(u, {}).get(v) or an.graph.adj.get(u, {}).get(v)
    links = tuple(by_id[i] for i in data[LINKS]) if data else ()
    groups = tuple(SourceRow(g.links, g.sources, g.weight) for g in source_groups(links))
    weight = float(data[WEIGHT]) if data else 0.0
    return TieRow((an.dataset.actor_by_id[u], an.dataset.actor_by_id[v]), links, weight, groups)


def tie_links(*analyses: Analysis) -> dict[Tie, tuple[Link, ...]]:
    """Each tie's links across the given graphs (by id, first graph first)."""
    from scenarios.graph import LINKS

    out: dict[Tie, dict[str, Link]] = {}
    for an in analyses:
        by_id = an.link_by_id
        for u, v, data in an.graph.edges():
            bucket = out.setdefault((u, v), {})
            for i in data[LINKS]:
                bucket.setdefault(i, by_id[i])
    return {pair: tuple(links.values()) for pair, links in out.items()}


@dataclass(frozen=True, slots=True)
class KeyChainRow:
    """A key pair's strongest chain on one graph (hops: of that chain)."""

    source: Actor
    target: Actor
    strength: float
    hops: int | None


def key_chain_rows(ds: Dataset, graph: TieGraph, keys: Sequence[str]) -> tuple[KeyChainRow, ...]:
    from scenarios.analysis.compare import key_chains

    return tuple(
        KeyChainRow(ds.actor_by_id[c.source], ds.actor_by_id[c.target], c.strength, c.hops)
        for c in key_chains(graph, keys).values()
    )


def cut_candidates(graph: TieGraph) -> int:
    """Ties `depends` may cut (with a link that is not structural)."""
    from scenarios.graph import is_cut_candidate

    return sum(1 for _, _, data in graph.edges() if is_cut_candidate(data))


@dataclass(frozen=True, slots=True)
class HoldingPairRow:
    """A key pair's probability of staying connected (and after a cut, where there is one)."""

    source: Actor
    target: Actor
    holding_before: Estimate
    holding_after: Estimate | None = None
