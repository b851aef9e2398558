"""Fewest-hop paths that Neo4j found -> the PathReport `scenarios path` prints, checked first.

`scenarios path --in-database` asks the database, with Cypher `shortestPath` /
`allShortestPaths` over the links in force (`cypher/queries/shortest-path.cypher`), instead of
searching in Python. The answer is checked against the same question put to the scenario's
graph: every hop must be a link in force, the length must be the fewest possible, and with
`--all` every such path must be there. A server that applies path predicates only after its
search (ArcadeDB does) would otherwise return no path, or a longer one, without a word; it
gets `Unsupported` (exit 6) instead.

The database's question, and so the check's: links in force in the scenario on the day (not
one that --known-by leaves out: their ids are passed as `unreported`), whose own (base) strength
and confidence are above 0 and that carry, as in every analysis (`graph.carries_by_type`):
never an adversarial link (`opposes`, `claims`: left out of the query's pattern), and in a
scenario that declares `connected_by`, only links of those types and structural links inside
one side (the others' ids are passed as `outside`); every hop counts 1.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from datetime import date

from scenarios.analysis.paths import MAX_LISTED_PATHS, cheapest_paths
from scenarios.errors import Unsupported, UsageError
from scenarios.graph import (
    TieGraph,
    carries_by_type,
    combine_weights,
    sides_of,
    source_groups,
    tie,
)
from scenarios.model import Dataset, Link, ScenarioView
from scenarios.reports.common import SourceRow, check_two_actors, not_counted, scenario_ref
from scenarios.reports.paths import Hop, PathDetail, PathReport

Finder = Callable[..., list[tuple[str, ...]]]  # scenarios.store.store.Store.paths
Members = dict[tuple[str, str], list[Link]]  # a tie's links


def outside(view: ScenarioView) -> list[str]:
    """Ids of the links in force that do not make the scenario's connection: not of its
    `connected_by` types, nor structural inside one side (none without `connected_by`)."""
    from scenarios.vocab import LinkRole

    declared = view.scenario.connected_by if view.scenario else ()
    if not declared:
        return []
    sides = sides_of(view.actors)
    return [
        link.id
        for link in view.links
        if link.type.role is not LinkRole.ADVERSARIAL and not carries_by_type(link, declared, sides)
    ]


def hop_graph(
    ds: Dataset, view: ScenarioView
) -> tuple[TieGraph, dict[tuple[str, str], list[Link]]]:
    """The ties the database query walks: links in force whose base weight is above 0 and
    that carry in the scenario (`graph.carries_by_type`)."""
    declared = view.scenario.connected_by if view.scenario else ()
    sides = sides_of(view.actors) if declared else {}
    graph = TieGraph(view.name, view.key_actors)
    for actor in view.actors:
        graph.add_node(actor.id)
    members: Members = {}
    for link in view.links:
        stored = ds.link_by_id.get(link.id, link)  # the base values, as the relationship holds
        if stored.strength > 0 and stored.confidence > 0 and carries_by_type(link, declared, sides):
            members.setdefault(link.pair, []).append(link)
    for (u, v), links in members.items():
        graph.add_tie(u, v, tuple(link.id for link in links), 1.0)
    return graph, members


def path_report(
    ds: Dataset,
    source: str,
    target: str,
    find: Finder,
    *,
    scenario: str | None = None,
    all_paths: bool = False,
    max_hops: int | None = None,
    as_of: date | None = None,
) -> PathReport:
    """Ask the database for the fewest-hop path(s), check them, and report them with evidence."""
    if max_hops is not None and max_hops < 1:
        raise UsageError(f"--max-hops must be at least 1, not {max_hops}")
    start, end = ds.resolve_actor(source), ds.resolve_actor(target)
    check_two_actors(start, end)
    scenario_id = ds.resolve_scenario(scenario).id if scenario else None
    view = ds.view(scenario_id, as_of=as_of)
    graph, members = hop_graph(ds, view)
    expected, count = cheapest_paths(
        graph, start.id, end.id, all_paths=True, max_hops=max_hops, weighted=False
    )
    answer = find(
        start.id,
        end.id,
        scenario=scenario_id,
        all_paths=all_paths,
        as_of=as_of,
        unreported=[link.id for link in view.unreported],
        outside=outside(view),
        max_hops=max_hops,
    )
    found = sorted(set(answer))
    _check(found, [p.actors for p in expected], count, graph, all_paths)
    paths = tuple(_detail(ds, members, actors) for actors in found)
    how = "all fewest-hop paths" if all_paths else "fewest-hop path"
    function = "allShortestPaths" if all_paths else "shortestPath"
    return PathReport(
        start,
        end,
        scenario_ref(view.scenario),
        paths,
        count,
        f"{how} (Cypher {function} in Neo4j)",
        False,
        max_hops,
        as_of,
        ds.known_by,
        not_counted(ds, view),
    )


def _check(
    found: Sequence[tuple[str, ...]],
    expected: Sequence[tuple[str, ...]],
    count: int,
    graph: TieGraph,
    all_paths: bool,
) -> None:
    hops = len(expected[0]) - 1 if expected else None
    problem = None
    for actors in found:
        broken = next((p for p in itertools.pairwise(actors) if not graph.has_edge(*p)), None)
        if broken is not None:
            problem = f"its path uses {broken[0]}–{broken[1]}, which is not a link in force"
        elif len(actors) - 1 != hops:
            problem = f"it found a path of {len(actors) - 1} hops where the fewest is {hops}"
    if problem is None and expected and not found:
        problem = f"it found no path, but one of {hops} hops exists"
    if problem is None and all_paths:
        complete = set(found) == set(expected) if count <= MAX_LISTED_PATHS else len(found) == count
        if not complete:
            problem = f"it found {len(found)} of the {count} fewest-hop paths"
    if problem is not None:
        raise Unsupported(
            f"the database's shortest-path search gave a wrong answer: {problem}",
            hint="this server does not apply path predicates during shortestPath (ArcadeDB "
            "applies them afterwards); run without --in-database (add --hops for fewest hops)",
        )


def _detail(ds: Dataset, members: Members, actors: tuple[str, ...]) -> PathDetail:
    hops = []
    strength, cost = 1.0, 0.0
    for u, v in itertools.pairwise(actors):
        links = tuple(members[tie(u, v)])
        groups = source_groups(links)
        weight = combine_weights(g.weight for g in groups)
        strength *= weight
        cost += -math.log(weight) if weight > 0 else math.inf
        sources = tuple(SourceRow(g.links, g.sources, g.weight) for g in groups)
        hops.append(Hop(ds.actor_by_id[u], ds.actor_by_id[v], links, weight, sources))
    return PathDetail(tuple(hops), strength, cost)
