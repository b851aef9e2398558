"""What the reports share: the analysed view of a scenario, and the rows several reports show.

Pure: no printing, no files, no database. Heavy modules are imported inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from scenarios.errors import OutOfBounds, UsageError
from scenarios.model import Actor, Counted, Dataset, Link, LinkStatus, ScenarioView

if TYPE_CHECKING:
    from scenarios.analysis.reliability import Estimate
    from scenarios.graph import Tie, TieGraph


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


def chain_strength(cost: float | None) -> float:
    """Strength of a chain from its summed cost (0 when there is no chain)."""
    return 0.0 if cost is None else math.exp(-cost)


def check_top(top: int | None) -> None:
    """A `--top` of 1 or more (None: every row)."""
    if top is not None and top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")


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
class TieRow:
    """A tie as shown to people: its two actors and the links it merges."""

    ends: tuple[Actor, Actor]
    links: tuple[Link, ...]


def tie_row(an: Analysis, pair: Tie, graph: TieGraph | None = None) -> TieRow:
    from scenarios.graph import LINKS

    graph = graph or an.graph
    by_id = {link.id: link for link in an.view.links}
    u, v = pair
    data = graph.adj.get(u, {}).get(v)
    links = tuple(by_id[i] for i in data[LINKS]) if data else ()
    return TieRow((an.dataset.actor_by_id[u], an.dataset.actor_by_id[v]), links)


def tie_links(*analyses: Analysis) -> dict[Tie, tuple[Link, ...]]:
    """Each tie's links across the given graphs (by id, first graph first)."""
    from scenarios.graph import LINKS

    out: dict[Tie, dict[str, Link]] = {}
    for an in analyses:
        by_id = {link.id: link for link in an.view.links}
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


@dataclass(frozen=True, slots=True)
class HoldingPairRow:
    """A key pair's probability of staying connected (and after a cut, where there is one)."""

    source: Actor
    target: Actor
    before: Estimate
    after: Estimate | None = None
