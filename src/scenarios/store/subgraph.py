"""Read one scenario's part of the graph from Neo4j: the connected component(s) of given actors.

`--source neo4j` reads the whole database for most commands. Some questions only need the part
of the graph that can reach a few actors: `depends` (the key actors' routes, cuts and
alternatives all lie in their connected components) and `path` (a path from A to B stays in
A's component). `read` finds those components with a breadth-first search run as Cypher
(`cypher/read/neighbours.cypher`, one statement per step, all in one read transaction), then
reads just their actors, links and evidence, the scenario's own nodes, and the sources
(speakers, programmes), and hands the records to `records.decode`: the same validation as a
whole read, over less.

What is read, so that the partial dataset validates and answers like the whole one:

- the scenario (or none: the base graph), its key-actor ties, changes and removals (not the
  signposts, which name every scenario and which `depends` and `path` do not use);
- every actor reachable from the seeds over links the scenario can use: base links (removed
  ones included, which `Dataset.view` drops again; a superset is safe) and the links it adds.
  Dates are not applied while searching, for the same reason;
- every such link among them, and their evidence; links the scenario changes or removes that
  lie outside (read by id), with their end actors; actors named by an `affiliation`;
- all speakers and programmes (the sources evidence cites; a handful), and the declared
  confidence ladder (its grades).

Pure apart from `run`, which the store provides (`scenarios.store.store.Store.read_subgraph`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from scenarios.model import Actor, Dataset, Scenario
from scenarios.store.records import GraphRecords, NodeLabel, NodeRecord
from scenarios.vocab import ActorKind, LinkType

CHUNK = 5000  # ids per statement
# Past this share of all actors the search stops and the whole graph is read instead: a read of
# everything is a few scans, the part is a seek per actor and link (bench/scale_neo4j.py)
WHOLE_SHARE = 0.5
LINK_TYPES = [t.rel_type for t in LinkType]
SCENARIO_PARTS = (NodeLabel.LINK_CHANGE, NodeLabel.LINK_REMOVAL)

# run(query name, slots, parameters) -> the `rows` (or `ids`) list of the statement's one record
Run = Callable[[str, dict[str, Enum], dict[str, Any]], list[Any]]
AddNodes = Callable[[GraphRecords, NodeLabel, Sequence[Any]], None]
AddLinks = Callable[[GraphRecords, Sequence[Any]], None]
AddTies = Callable[[GraphRecords, Sequence[Any]], None]


@dataclass(frozen=True)
class Subgraph:
    """The records read, the actor ids the queries resolved to, and how much was read."""

    records: GraphRecords
    scenario: str | None
    actors: tuple[str, ...]
    steps: int  # breadth-first steps to close the component(s)
    whole: bool = False  # the component(s) held most actors, so the whole graph was read

    @property
    def size(self) -> int:
        """Records read: nodes, relationships and key-actor ties."""
        nodes = sum(len(found) for found in self.records.nodes.values())
        return nodes + len(self.records.links) + len(self.records.key_actors)


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def resolve_scenario(nodes: Iterable[NodeRecord], query: str) -> str:
    """A scenario's id from its id or name, like `Dataset.resolve_scenario` (NotFound if none)."""
    catalogue = tuple(
        Scenario(
            node.id,
            _text(node.props.get("name"), node.id),
            (),
            name_ja=_text(node.props.get("name_ja"), None),
        )
        for node in nodes
    )
    return Dataset(actors=(), links=(), scenarios=catalogue).resolve_scenario(query).id


def resolve_actors(nodes: Iterable[NodeRecord], queries: Sequence[str]) -> list[str]:
    """Actor ids from ids, names or aliases, like `Dataset.resolve_actor` (did-you-mean too)."""
    catalogue = tuple(
        Actor(
            node.id,
            _text(node.props.get("name"), node.id),
            node.kinds[0] if node.kinds else ActorKind.STATE,  # kind plays no part in names
            name_ja=_text(node.props.get("name_ja"), None),
            aliases=tuple(a for a in node.props.get("aliases") or () if isinstance(a, str)),
        )
        for node in nodes
    )
    known = Dataset(actors=catalogue, links=())
    return [known.resolve_actor(query).id for query in queries]


def _text(value: object, default: str | None) -> Any:
    return value if isinstance(value, str) else default


def read(
    run: Run,
    add_nodes: AddNodes,
    add_links: AddLinks,
    add_ties: AddTies,
    read_whole: Callable[[], GraphRecords],
    *,
    scenario: str | None,
    actors: Sequence[str] = (),
) -> Subgraph:
    """The scenario's records and the component(s) of its key actors and of `actors` (queries).

    `scenario` and `actors` are resolved like the files path resolves them (ids, names,
    aliases; NotFound with suggestions). If the search finds more than `WHOLE_SHARE` of all
    actors, it stops and returns `read_whole()` (every record) instead. Raises what `run`
    raises.
    """
    out = GraphRecords()
    for label in (NodeLabel.SPEAKER, NodeLabel.PROGRAMME, NodeLabel.GRADE):
        add_nodes(out, label, run("read/nodes", {"label": label}, {}))
    chosen: str | None = None
    if scenario is not None:
        catalogue = GraphRecords()
        add_nodes(
            catalogue, NodeLabel.SCENARIO, run("read/nodes", {"label": NodeLabel.SCENARIO}, {})
        )
        chosen = resolve_scenario(catalogue.nodes[NodeLabel.SCENARIO].values(), scenario)
        out.add(catalogue.nodes[NodeLabel.SCENARIO][chosen])
        for label in SCENARIO_PARTS:
            add_nodes(
                out, label, run("read/scenario-parts", {"label": label}, {"scenario": chosen})
            )
        add_ties(out, run("read/scenario-key-actors", {}, {"scenario": chosen}))
    wanted = list(dict.fromkeys(actors))
    found = GraphRecords()
    add_nodes(found, NodeLabel.ACTOR, run("read/actors-by-id", {}, {"ids": wanted}))
    if all(query in found.nodes[NodeLabel.ACTOR] for query in wanted):
        resolved = wanted
    else:  # a name or alias: resolve against every actor's names, as the files path does
        everyone = GraphRecords()
        add_nodes(everyone, NodeLabel.ACTOR, run("read/nodes", {"label": NodeLabel.ACTOR}, {}))
        resolved = resolve_actors(everyone.nodes[NodeLabel.ACTOR].values(), wanted)
    seeds = list(dict.fromkeys([tie.actor for tie in out.key_actors.values()] + resolved))

    # breadth-first over the links the scenario can use
    limit = int(run("read/actor-count", {}, {})[0] * WHOLE_SHARE)
    seen = set(seeds)
    frontier = seeds
    steps = 0
    while frontier:
        steps += 1
        following: list[str] = []
        for chunk in _chunks(frontier):
            params = {"ids": chunk, "types": LINK_TYPES, "scenario": chosen}
            for ident in run("read/neighbours", {}, params):
                if ident not in seen:
                    seen.add(ident)
                    following.append(ident)
        frontier = following
        if len(seen) > limit:  # most of the graph: one whole read is faster than seeks
            return Subgraph(read_whole(), chosen, tuple(resolved), steps, whole=True)
    members = list(seeds) + sorted(seen - set(seeds))
    for chunk in _chunks(members):
        add_nodes(out, NodeLabel.ACTOR, run("read/actors-by-id", {}, {"ids": chunk}))
        params = {"ids": chunk, "types": LINK_TYPES, "scenario": chosen}
        add_links(out, run("read/actor-links", {}, params))

    # links the scenario changes or removes that lie outside, and their ends
    have_links = {link.id for link in out.links}
    named = {
        node.props.get("link")
        for label in (NodeLabel.LINK_CHANGE, NodeLabel.LINK_REMOVAL)
        for node in out.nodes[label].values()
    }
    outside = sorted(link for link in named if isinstance(link, str) and link not in have_links)
    if outside:
        extra = GraphRecords()
        add_links(extra, run("read/links-by-id", {}, {"ids": outside, "types": LINK_TYPES}))
        out.links.extend(link for link in extra.links if link.id not in have_links)
        out.problems.extend(extra.problems)
    _close_actors(run, add_nodes, out)
    link_ids = [link.id for link in out.links]
    for chunk in _chunks(link_ids):
        add_nodes(out, NodeLabel.EVIDENCE, run("read/evidence", {}, {"ids": chunk}))
    return Subgraph(out, chosen, tuple(resolved), steps)


def _close_actors(run: Run, add_nodes: AddNodes, out: GraphRecords) -> None:
    """Read the actors that links' ends and `affiliation`s name but that were not read yet."""
    have = out.nodes[NodeLabel.ACTOR]
    while True:
        named: set[str] = {end for link in out.links for end in (link.source, link.target)}
        named |= {
            node.props["affiliation"]
            for node in have.values()
            if isinstance(node.props.get("affiliation"), str)
        }
        missing = sorted(named - set(have))
        if not missing:
            return
        before = len(have)
        for chunk in _chunks(missing):
            add_nodes(out, NodeLabel.ACTOR, run("read/actors-by-id", {}, {"ids": chunk}))
        if len(have) == before:  # dangling references: decode reports them
            return


__all__ = ["Subgraph", "read", "resolve_actors", "resolve_scenario"]
