"""Dataset <-> Neo4j records: the graph schema of docs/neo4j.md, as plain Python values.

Pure, no driver. `encode` turns a Dataset into the nodes and relationships `scenarios load`
writes; `decode` turns what the store read back into raw mappings in the data format
(docs/data-format.md) and validates them with `validate.build_dataset`, so a graph edited in
Neo4j Browser is checked exactly like files. Neo4j properties hold no maps and no lists with
nulls, so nested records (evidence, scenario changes and removals, a signpost's observations
and who raised it) are nodes of their own that name their parent by id, and a missing field is
an absent property. A signpost's scenarios and actors are relationships (`SignpostRole`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, overload

from scenarios.dataset.validate import Document, build_dataset
from scenarios.errors import Problem
from scenarios.model import (
    DEFAULT_GRADES,
    Actor,
    Dataset,
    Evidence,
    Link,
    Period,
    Scenario,
    Signpost,
)
from scenarios.vocab import ActorKind, LinkType

MARKER_KEY = "loaded_by"  # every node and relationship `scenarios load` writes carries it
MARKER = "scenarios"
HASH_KEY = "loaded_hash"  # ... and the hash of what it wrote (`content_hash`): edits show
KEY_ACTOR = "KEY_ACTOR"  # (:Scenario)-[:KEY_ACTOR {seq}]->(:Actor)


class NodeLabel(StrEnum):
    """Every node label the project writes (a fixed allow-list for `{{label}}` slots)."""

    ACTOR = "Actor"
    SPEAKER = "Speaker"
    PROGRAMME = "Programme"
    SCENARIO = "Scenario"
    EVIDENCE = "Evidence"
    SIGNPOST = "Signpost"
    LINK_CHANGE = "LinkChange"
    LINK_REMOVAL = "LinkRemoval"
    GRADE = "Grade"
    OBSERVATION = "Observation"
    RAISED_BY = "RaisedBy"


class SignpostRole(StrEnum):
    """A signpost's relationships (a fixed allow-list for `{{role}}` slots): to the scenarios
    it points to or counts against, and to the actors it bears on."""

    POINTS_TO = "POINTS_TO"
    AGAINST = "AGAINST"
    BEARS_ON = "BEARS_ON"

    @property
    def target(self) -> NodeLabel:
        """The label of the node the relationship ends at."""
        return NodeLabel.ACTOR if self is SignpostRole.BEARS_ON else NodeLabel.SCENARIO

    @property
    def field(self) -> str:
        """The signpost field the relationships stand for."""
        return self.value.lower()


class Section(StrEnum):
    """The parts of a dataset a load reports on: links are the base links (those `validate`
    counts), scenario links the links scenarios add."""

    ACTORS = "actors"
    LINKS = "links"
    SCENARIO_LINKS = "scenario_links"
    SCENARIOS = "scenarios"
    SPEAKERS = "speakers"
    PROGRAMMES = "programmes"
    GRADES = "grades"
    SIGNPOSTS = "signposts"


SECTION_LABEL = {
    Section.ACTORS: NodeLabel.ACTOR,
    Section.SCENARIOS: NodeLabel.SCENARIO,
    Section.SPEAKERS: NodeLabel.SPEAKER,
    Section.PROGRAMMES: NodeLabel.PROGRAMME,
    Section.GRADES: NodeLabel.GRADE,
    Section.SIGNPOSTS: NodeLabel.SIGNPOST,
}
# nested records: their label, the property naming their parent, and the parent's section
CHILD_PARENT = {
    NodeLabel.EVIDENCE: ("link", Section.LINKS),
    NodeLabel.LINK_CHANGE: ("scenario", Section.SCENARIOS),
    NodeLabel.LINK_REMOVAL: ("scenario", Section.SCENARIOS),
    NodeLabel.OBSERVATION: ("signpost", Section.SIGNPOSTS),
    NodeLabel.RAISED_BY: ("signpost", Section.SIGNPOSTS),
}
KIND_BY_LABEL = {kind.label: kind for kind in ActorKind}
TYPE_BY_REL = {link_type.rel_type: link_type for link_type in LinkType}

# properties the load derives; reading back ignores them (docs/neo4j.md, "Derived properties")
_DATE_PARTS = frozenset({"date_start", "date_end", "date_precision", "counted_from", "known_from"})
_NODE_BOOKKEEPING = frozenset({MARKER_KEY, HASH_KEY, "seq"})
_LINK_BOOKKEEPING = (
    frozenset({MARKER_KEY, HASH_KEY, "seq", "base", "scenarios", "added_by", "basis"}) | _DATE_PARTS
)
_CHILD_BOOKKEEPING = frozenset({MARKER_KEY, HASH_KEY, "seq", "id"}) | _DATE_PARTS
_SIGNPOST_BOOKKEEPING = _NODE_BOOKKEEPING | {"bears_on_links"}
# what a load writes beside the data, by kind of record: its bookkeeping and what it derives from
# the data (`same_data` compares records without them); a record's position (`seq`) is an order
# only (`order_key`), and a nested record's `id` only names its node
POSITION = "seq"
DERIVED_NODE = frozenset({MARKER_KEY, HASH_KEY, POSITION})
DERIVED_LINK = DERIVED_NODE | {"base", "scenarios", "basis"} | _DATE_PARTS
DERIVED_CHILD = DERIVED_NODE | {"id"} | _DATE_PARTS

Props = dict[str, Any]


class _Marked:
    """A record whose properties may carry the marker of what `scenarios load` wrote."""

    props: Props

    @property
    def marked(self) -> bool:
        return self.props.get(MARKER_KEY) == MARKER

    @property
    def edited(self) -> bool:
        """Changed in the database since a load wrote it (see `edited`; an actor's kind
        labels count)."""
        return edited(self.props, getattr(self, "kinds", ()))


@dataclass(frozen=True)
class NodeRecord(_Marked):
    """A node: its label, id and every property; `kinds` are an actor's kind labels."""

    label: NodeLabel
    id: str
    props: Props
    kinds: tuple[ActorKind, ...] = ()


@dataclass(frozen=True)
class LinkRecord(_Marked):
    """A link relationship between two actors."""

    id: str
    source: str
    target: str
    type: LinkType
    props: Props


@dataclass(frozen=True)
class KeyActorRecord(_Marked):
    scenario: str
    actor: str
    props: Props


@dataclass(frozen=True)
class RoleRecord(_Marked):
    """A signpost's relationship to a scenario (POINTS_TO, AGAINST) or an actor (BEARS_ON)."""

    role: SignpostRole
    signpost: str
    target: str
    props: Props


RoleKey = tuple[SignpostRole, str, str]  # (role, signpost id, target id)

# -- the content hash: what a load wrote, to tell later edits in the database ---------------------


def content_hash(props: Mapping[str, Any], kinds: Iterable[ActorKind] = ()) -> str:
    """The hash `scenarios load` records beside what it writes (`loaded_hash`).

    Hex SHA-256 (first 16 bytes) of the canonical JSON of the properties, without the marker
    and the hash itself, and of an actor's kind labels. Numbers hash by value (1 and 1.0
    alike, as a server may return either) and dates as ISO text, so the properties read back
    from the database hash as they did when written.

    >>> content_hash({"id": "a", "strength": 1}) == content_hash({"strength": 1.0, "id": "a"})
    True
    >>> len(content_hash({"id": "a"}))
    32
    """
    body = {
        key: _canonical(value) for key, value in props.items() if key not in (MARKER_KEY, HASH_KEY)
    }
    if kinds:
        body[" kinds"] = sorted(kind.label for kind in kinds)  # no property starts with " "
    return hashlib.sha256(_CANONICAL_JSON.encode(body).encode()).hexdigest()[:32]


# one encoder, made once: json.dumps with options makes a new one per call
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_AS_IS = frozenset({str, float, bool})


def _canonical(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is int:
        return float(value)
    if kind is list:
        return [_canonical(item) for item in value]
    return str(value)  # dates: ISO text


def edited(props: Mapping[str, Any], kinds: Iterable[ActorKind] = ()) -> bool:
    """Whether an entity read from the database differs from what the last load wrote.

    An entity with no recorded hash (made in Browser, or loaded by an earlier version) is
    not counted as edited: there is nothing to compare with.
    """
    stored = props.get(HASH_KEY)
    return isinstance(stored, str) and stored != content_hash(props, kinds)


def as_loaded(props: Mapping[str, Any], kinds: Iterable[ActorKind] = ()) -> bool:
    """Whether an entity read from the database is as the last load wrote it: it carries a
    recorded hash, and its properties still hash to it."""
    stored = props.get(HASH_KEY)
    return isinstance(stored, str) and stored == content_hash(props, kinds)


def same_except(old: Mapping[str, Any], new: Mapping[str, Any], ignored: frozenset[str]) -> bool:
    """Whether two property maps agree on every key but those `ignored`."""
    return {k: v for k, v in old.items() if k not in ignored} == {
        k: v for k, v in new.items() if k not in ignored
    }


def same_data(old: Mapping[str, Any], new: Mapping[str, Any], derived: frozenset[str]) -> bool:
    """Whether two records hold the same data: every property but the `derived` ones (see
    `DERIVED_NODE`), values compared as `content_hash` compares them (1 and 1.0, a date and its
    ISO text alike). A graded confidence (`grade` the same on both) is derived too: the number
    follows the grade's value on the ladder.

    >>> same_data({"id": "a", "seq": 3, "n": 1}, {"id": "a", "seq": 0, "n": 1.0}, DERIVED_NODE)
    True
    >>> same_data({"id": "a", "n": 1}, {"id": "a"}, DERIVED_NODE)
    False
    """
    grade = old.get("grade")
    if grade is not None and grade == new.get("grade"):
        derived = derived | {"confidence"}
    for key in old.keys() | new.keys():
        if key in derived:
            continue
        if key not in old or key not in new or _canonical(old[key]) != _canonical(new[key]):
            return False
    return True


def placed(
    props: Props, seq: int | None = None, kinds: Iterable[ActorKind] = (), **values: Any
) -> Props:
    """`props` at another position (`seq`) and with other `values` (a nested record's `id`),
    and the hash of that; `props` itself when nothing differs."""
    changes = {k: v for k, v in values.items() if props.get(k) != v}
    if seq is not None and props.get(POSITION) != seq:
        changes[POSITION] = seq
    if not changes:
        return props
    out = {**props, **changes}
    out[HASH_KEY] = content_hash(out, kinds)
    return out


@dataclass
class GraphRecords:
    """Everything of ours in a graph: nodes by label and id, links, key-actor ties, signposts'
    relationships."""

    nodes: dict[NodeLabel, dict[str, NodeRecord]] = field(
        default_factory=lambda: {label: {} for label in NodeLabel}
    )
    links: list[LinkRecord] = field(default_factory=list)
    key_actors: dict[tuple[str, str], KeyActorRecord] = field(default_factory=dict)
    roles: dict[RoleKey, RoleRecord] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # what could not be read as a record
    # labels of our nodes that the format has no place for (an actor's second label, say)
    extra_labels: dict[tuple[NodeLabel, str], tuple[str, ...]] = field(default_factory=dict)

    def add(self, node: NodeRecord) -> None:
        self.nodes[node.label][node.id] = node

    def link_ids(self) -> list[str]:
        return [link.id for link in self.links]

    def children(self, label: NodeLabel) -> dict[str, list[NodeRecord]]:
        """Nested records of one label grouped by their parent's id."""
        parent_key = CHILD_PARENT[label][0]
        grouped: dict[str, list[NodeRecord]] = {}
        for node in self.nodes[label].values():
            parent = node.props.get(parent_key)
            grouped.setdefault(parent if isinstance(parent, str) else "", []).append(node)
        return grouped


class Records(Protocol):
    """What a load plans from: `GraphRecords`, or `LazyRecords` (encoded while being sent)."""

    @property
    def nodes(self) -> Mapping[NodeLabel, Mapping[str, NodeRecord]]: ...
    @property
    def links(self) -> Sequence[LinkRecord]: ...
    @property
    def key_actors(self) -> Mapping[tuple[str, str], KeyActorRecord]: ...
    @property
    def roles(self) -> Mapping[RoleKey, RoleRecord]: ...
    def link_ids(self) -> Sequence[str]: ...


# -- encode ---------------------------------------------------------------------------------------


def _props(kinds: Iterable[ActorKind] = (), **values: Any) -> Props:
    """A property map without the absent values (Neo4j has no null properties), the marker,
    and the hash of the rest (with an actor's `kinds`)."""
    out: Props = {}
    for key, value in values.items():
        if value is None:
            continue
        if type(value) is tuple:
            if value:
                out[key] = list(value)
            continue
        out[key] = value
    out[MARKER_KEY] = MARKER
    out[HASH_KEY] = content_hash(out, kinds)
    return out


def encode(ds: Dataset) -> GraphRecords:
    """The records `scenarios load` writes for `ds` (see docs/neo4j.md for the schema)."""
    lazy = encode_lazily(ds)
    out = GraphRecords()
    for label in NodeLabel:
        out.nodes[label] = dict(lazy.nodes[label].items())
    out.links = list(lazy.links)
    out.key_actors = dict(lazy.key_actors)
    out.roles = dict(lazy.roles)
    return out


def _actor_record(actor: Actor, seq: int) -> NodeRecord:
    return NodeRecord(
        NodeLabel.ACTOR,
        actor.id,
        _props(
            kinds=(actor.kind,),
            id=actor.id,
            name=actor.name,
            name_ja=actor.name_ja,
            aliases=actor.aliases,
            affiliation=actor.affiliation,
            description=actor.description,
            seq=seq,
        ),
        (actor.kind,),
    )


class LazyNodes(Mapping[str, NodeRecord]):
    """Nodes encoded when asked for, from the dataset's own objects: nothing is kept.

    `sources[i]` is what `make(sources[i], i)` encodes; `index` maps ids to positions. A load of
    a million links holds these (references to the Dataset's objects) instead of the records.
    """

    def __init__(
        self, sources: Sequence[Any], make: Callable[[Any, int], NodeRecord], ids: Sequence[str]
    ) -> None:
        self._sources = sources
        self._make = make
        self._ids = ids
        self._index = {ident: position for position, ident in enumerate(ids)}

    def __getitem__(self, ident: str) -> NodeRecord:
        position = self._index[ident]
        return self._make(self._sources[position], position)

    def __contains__(self, ident: object) -> bool:
        return ident in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def values(self) -> Iterator[NodeRecord]:  # type: ignore[override]
        make = self._make
        for position, source in enumerate(self._sources):
            yield make(source, position)

    def items(self) -> Iterator[tuple[str, NodeRecord]]:  # type: ignore[override]
        for record in self.values():
            yield record.id, record


class LazyLinks(Sequence[LinkRecord]):
    """The links of a load, encoded when read: base links first, then each scenario's adds."""

    def __init__(self, ds: Dataset) -> None:
        removed_in: dict[str, list[str]] = {}
        for scenario in ds.scenarios:
            for removal in scenario.removes:
                removed_in.setdefault(removal.link, []).append(scenario.id)
        self._removed_in = removed_in
        self._all = [s.id for s in ds.scenarios]
        self._ds = ds
        self._base = ds.links
        self._adds = [
            (s.id, index, link) for s in ds.scenarios for index, link in enumerate(s.adds)
        ]

    def __len__(self) -> int:
        return len(self._base) + len(self._adds)

    @overload
    def __getitem__(self, position: int) -> LinkRecord: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[LinkRecord]: ...
    def __getitem__(self, position: int | slice) -> LinkRecord | Sequence[LinkRecord]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if position < len(self._base):
            link = self._base[position]
            gone = self._removed_in.get(link.id)
            in_force = [s for s in self._all if s not in gone] if gone else list(self._all)
            return _link_record(
                self._ds, link, position, base=True, scenarios=in_force, added_by=None
            )
        sid, index, added = self._adds[position - len(self._base)]
        return _link_record(self._ds, added, index, base=False, scenarios=[sid], added_by=sid)

    def __iter__(self) -> Iterator[LinkRecord]:
        for position in range(len(self)):
            yield self[position]

    def ids(self) -> list[str]:
        return [link.id for link in self._base] + [link.id for _, _, link in self._adds]

    def added_by_at(self, position: int) -> str | None:
        """The scenario that adds the link at `position` (None: a base link), not encoding it."""
        return None if position < len(self._base) else self._adds[position - len(self._base)][0]


@dataclass
class LazyRecords:
    """What `encode` returns, with actors, links and evidence encoded on demand (see LazyNodes).

    The rest (speakers, programmes, scenarios and their parts) grows with the scenarios, not
    with the links, and is encoded up front.
    """

    nodes: dict[NodeLabel, Mapping[str, NodeRecord]]
    links: LazyLinks
    key_actors: dict[tuple[str, str], KeyActorRecord]
    roles: dict[RoleKey, RoleRecord]

    def link_ids(self) -> list[str]:
        return self.links.ids()


def encode_lazily(ds: Dataset) -> LazyRecords:
    """The records of `encode(ds)`, made one at a time while a load sends them (same values)."""
    eager = GraphRecords()
    for seq, programme in enumerate(ds.programmes):
        eager.add(
            NodeRecord(
                NodeLabel.PROGRAMME,
                programme.id,
                _props(
                    id=programme.id,
                    title=programme.title,
                    date=programme.date,
                    title_ja=programme.title_ja,
                    publisher=programme.publisher,
                    seq=seq,
                ),
            )
        )
    for seq, speaker in enumerate(ds.speakers):
        eager.add(
            NodeRecord(
                NodeLabel.SPEAKER,
                speaker.id,
                _props(
                    id=speaker.id,
                    name=speaker.name,
                    name_ja=speaker.name_ja,
                    role=speaker.role,
                    seq=seq,
                ),
            )
        )
    for seq, grade in enumerate(ds.grades):  # a declared ladder only: the default is implied
        eager.add(
            NodeRecord(
                NodeLabel.GRADE,
                grade.name,
                _props(id=grade.name, value=grade.value, meaning=grade.meaning, seq=seq),
            )
        )
    for seq, scenario in enumerate(ds.scenarios):
        _encode_scenario(eager, scenario, seq)
    for seq, sign in enumerate(ds.signposts):
        _encode_signpost(eager, ds, sign, seq)
    said = [
        (link.id, index, item)
        for links in (ds.links, *(s.adds for s in ds.scenarios))
        for link in links
        for index, item in enumerate(link.evidence)
    ]
    nodes: dict[NodeLabel, Mapping[str, NodeRecord]] = dict(eager.nodes)
    nodes[NodeLabel.ACTOR] = LazyNodes(ds.actors, _actor_record, [actor.id for actor in ds.actors])
    nodes[NodeLabel.EVIDENCE] = LazyNodes(
        said,
        lambda source, _position: _encode_evidence(ds, *source),
        [f"{link_id}/evidence/{index}" for link_id, index, _ in said],
    )
    return LazyRecords(nodes, LazyLinks(ds), eager.key_actors, eager.roles)


def _date_parts(when: Period | None) -> dict[str, Any]:
    """A date as stored: the text as written, and the derived days and precision."""
    if when is None:
        return {}
    return {
        "date": when.text,
        "date_start": when.start,
        "date_end": when.end,
        "date_precision": when.precision.value,
    }


def _link_record(
    ds: Dataset, link: Link, seq: int, *, base: bool, scenarios: list[str], added_by: str | None
) -> LinkRecord:
    """A link as a relationship; `counted_from` the day it counts from under --as-of
    (`Dataset.counted`: its date's, or an earlier report's), as the Cypher queries use it."""
    counted = ds.counted(link)
    props = _props(
        id=link.id,
        strength=link.strength,
        confidence=link.confidence,
        grade=link.grade,
        basis=link.basis,
        background=link.background,
        **_date_parts(link.date),
        counted_from=counted.day if counted else None,
        label=link.label,
        note=link.note,
        seq=seq,
        added_by=added_by,
        base=base,
        scenarios=scenarios,
    )
    return LinkRecord(link.id, link.source, link.target, link.type, props)


def _encode_evidence(ds: Dataset, link_id: str, index: int, evidence: Evidence) -> NodeRecord:
    child_id = f"{link_id}/evidence/{index}"
    return NodeRecord(
        NodeLabel.EVIDENCE,
        child_id,
        _props(
            id=child_id,
            link=link_id,
            seq=index,
            text=evidence.text,
            speaker=evidence.speaker,
            programme=evidence.programme,
            **_date_parts(evidence.date),
            known_from=ds.said_day(evidence),
            cites=evidence.cites,
            grade=evidence.grade,
            locator=evidence.locator,
            url=evidence.url,
            accessed=evidence.accessed,
        ),
    )


def _encode_scenario(out: GraphRecords, scenario: Scenario, seq: int) -> None:
    sid = scenario.id
    out.add(
        NodeRecord(
            NodeLabel.SCENARIO,
            sid,
            _props(
                id=sid,
                name=scenario.name,
                name_ja=scenario.name_ja,
                description=scenario.description or None,  # the model's default is ""
                raised_by=scenario.raised_by,
                connected_by=tuple(t.value for t in scenario.connected_by),
                seq=seq,
            ),
        )
    )
    for index, actor in enumerate(scenario.key_actors):
        out.key_actors[(sid, actor)] = KeyActorRecord(sid, actor, _props(seq=index))
    # its added links and their evidence are encoded with the other links (LazyLinks)
    for index, change in enumerate(scenario.changes):
        child_id = f"{sid}/changes/{change.link}"
        out.add(
            NodeRecord(
                NodeLabel.LINK_CHANGE,
                child_id,
                _props(
                    id=child_id,
                    scenario=sid,
                    link=change.link,
                    seq=index,
                    strength=change.strength,
                    confidence=change.confidence,
                    grade=change.grade,
                    note=change.note,
                ),
            )
        )
    for index, removal in enumerate(scenario.removes):
        child_id = f"{sid}/removes/{removal.link}"
        out.add(
            NodeRecord(
                NodeLabel.LINK_REMOVAL,
                child_id,
                _props(id=child_id, scenario=sid, link=removal.link, seq=index, note=removal.note),
            )
        )


def _encode_signpost(out: GraphRecords, ds: Dataset, sign: Signpost, seq: int) -> None:
    """A signpost node, its observations and `raised_by` items as nodes, and its scenarios and
    actors as relationships; `bears_on` links (relationships cannot be ends) by id, in
    `bears_on_links`, each relationship's `seq` its place in `bears_on`."""
    pid = sign.id
    links = tuple(i for i in sign.bears_on if i not in ds.actor_by_id)
    out.add(
        NodeRecord(
            NodeLabel.SIGNPOST,
            pid,
            _props(
                id=pid,
                statement=sign.statement,
                meaning=sign.meaning,
                bears_on_links=links,
                seq=seq,
            ),
        )
    )
    targets = {
        SignpostRole.POINTS_TO: sign.points_to,
        SignpostRole.AGAINST: sign.against,
        SignpostRole.BEARS_ON: sign.bears_on,
    }
    for role, ids in targets.items():
        for index, target in enumerate(ids):
            if role is SignpostRole.BEARS_ON and target not in ds.actor_by_id:
                continue
            out.roles[(role, pid, target)] = RoleRecord(role, pid, target, _props(seq=index))
    for label, part, items in (
        (NodeLabel.RAISED_BY, "raised_by", sign.raised_by),
        (NodeLabel.OBSERVATION, "observations", sign.observations),
    ):
        for index, item in enumerate(items):
            child_id = f"{pid}/{part}/{index}"
            sighting = label is NodeLabel.OBSERVATION
            out.add(
                NodeRecord(
                    label,
                    child_id,
                    _props(
                        id=child_id,
                        signpost=pid,
                        seq=index,
                        text=item.text,
                        **_date_parts(item.date),
                        reported=item.reported.text if item.reported else None,
                        counted_from=ds.happened_day(item) if sighting else None,
                        known_from=ds.reported_day(item) if sighting else ds.said_day(item),
                        speaker=item.speaker,
                        programme=item.programme,
                        cites=item.cites,
                        url=item.url,
                        accessed=item.accessed,
                        locator=item.locator,
                        grade=item.grade,
                    ),
                )
            )


# -- decode ---------------------------------------------------------------------------------------


def order_key(props: Mapping[str, Any], ident: str) -> tuple[bool, float, str]:
    """Dataset order: by `seq` (records made in Neo4j Browser without one come last), then id."""
    seq = props.get("seq")
    if type(seq) is int or type(seq) is float:
        return (False, seq, ident)
    return (True, 0.0, ident)


def _ordered(nodes: Iterable[NodeRecord]) -> list[NodeRecord]:
    return sorted(nodes, key=lambda n: order_key(n.props, n.id))


def _raw(props: Mapping[str, Any], drop: Iterable[str]) -> dict[str, Any]:
    skip = set(drop)
    return {key: value for key, value in props.items() if key not in skip}


_SCENARIO_PARTS = {NodeLabel.LINK_CHANGE: "changes", NodeLabel.LINK_REMOVAL: "removes"}
_SIGNPOST_PARTS = {NodeLabel.RAISED_BY: "raised_by", NodeLabel.OBSERVATION: "observations"}


def decode(records: GraphRecords, origin: str) -> Dataset:
    """Validate what was read from the database into a Dataset, or raise `DataError`.

    Raw mappings are built in the data format (docs/data-format.md, `raw_dataset`) and go
    through `validate.build_dataset`: an unknown property, a missing field or a dangling id read
    from Neo4j is reported like the same mistake in a YAML file, with `origin` as the file.
    """
    value, problems = raw_dataset(records, origin)
    return build_dataset([Document(origin, value)], origin=origin, problems=problems)


def raw_dataset(records: GraphRecords, origin: str) -> tuple[dict[str, Any], list[Problem]]:
    """What the records say, as the sections of a dataset file, and what cannot be read so."""
    problems = [
        Problem(origin, text, hint="fix it in Neo4j Browser, or load the dataset again")
        for text in records.problems
    ]
    nodes = records.nodes

    def orphan(label: NodeLabel, node: NodeRecord, what: str, parent: object) -> None:
        problems.append(
            Problem(
                origin,
                f"belongs to unknown {what} {parent!r}",
                entry=f"{label.value}[{node.id}]",
                hint=f"set its `{CHILD_PARENT[label][0]}` property to an existing {what} id",
            )
        )

    actors = []
    for node in _ordered(nodes[NodeLabel.ACTOR].values()):
        raw = _raw(node.props, _NODE_BOOKKEEPING)
        kinds = node.kinds
        written = raw.get("kind")
        if len(kinds) == 1 and (written is None or written == kinds[0].value):
            raw["kind"] = kinds[0].value
        else:
            labels = ", ".join(k.label for k in kinds) or "none"
            problems.append(
                Problem(
                    origin,
                    f"needs exactly one kind label (has: {labels})",
                    entry=f"actors[{node.id}]",
                    field="kind",
                    hint="give the node one of the labels "
                    + ", ".join(k.label for k in ActorKind)
                    + " (and no `kind` property that disagrees)",
                )
            )
        actors.append(raw)

    grades = []
    for node in _ordered(nodes[NodeLabel.GRADE].values()):
        raw = _raw(node.props, _NODE_BOOKKEEPING)
        raw["name"] = raw.pop("id", node.id)
        grades.append(raw)
    ladder = {g.name: g.value for g in DEFAULT_GRADES}
    if grades:
        ladder = {
            g["name"]: float(g["value"])
            for g in grades
            if isinstance(g.get("value"), int | float) and not isinstance(g.get("value"), bool)
        }

    def graded(raw: dict[str, Any], entry: str, props: Mapping[str, Any]) -> dict[str, Any]:
        """`confidence` as the file has it: the grade's name where the link was graded. A
        number that disagrees with the grade's value is a problem, unless the record is as the
        last load wrote it (`props` still hash to `loaded_hash`): then the ladder changed since
        (a grade's value edited in Browser), and the grade stands, as in a file."""
        grade = raw.pop("grade", None)
        if grade is None:
            return raw
        number = raw.get("confidence")
        value = ladder.get(grade) if isinstance(grade, str) else None
        if value is None or number is None or number == value or as_loaded(props):
            raw["confidence"] = grade  # an unknown grade is reported by the validator
            return raw
        problems.append(
            Problem(
                origin,
                f"confidence {number!r} disagrees with its grade {grade!r} ({value})",
                entry=entry,
                field="confidence",
                hint=f"set `confidence` to {value}, or remove the `grade` property",
            )
        )
        return raw

    scenario_ids = set(nodes[NodeLabel.SCENARIO])
    evidence = records.children(NodeLabel.EVIDENCE)
    link_ids = {link.id for link in records.links}
    for parent, members in evidence.items():
        if parent not in link_ids:
            for member in members:
                orphan(NodeLabel.EVIDENCE, member, "link", parent)

    base_links: list[tuple[tuple[bool, float, str], dict[str, Any]]] = []
    adds: dict[str, list[tuple[tuple[bool, float, str], dict[str, Any]]]] = {}
    for link in records.links:
        raw = graded(_raw(link.props, _LINK_BOOKKEEPING), f"links[{link.id}]", link.props)
        raw.update(source=link.source, target=link.target, type=link.type.value)
        said = [
            _raw(item.props, _CHILD_BOOKKEEPING | {"link"})
            for item in _ordered(evidence.get(link.id, ()))
        ]
        if said:
            raw["evidence"] = said
        key = order_key(link.props, link.id)
        added_by = link.props.get("added_by")
        if added_by is None:
            base_links.append((key, raw))
        elif added_by in scenario_ids:
            adds.setdefault(added_by, []).append((key, raw))
        else:
            problems.append(
                Problem(
                    origin,
                    f"is added by unknown scenario {added_by!r}",
                    entry=f"links[{link.id}]",
                    field="added_by",
                    hint="set `added_by` to an existing scenario id, or remove it for a base link",
                )
            )

    key_actors: dict[str, list[KeyActorRecord]] = {}
    for tie in records.key_actors.values():
        key_actors.setdefault(tie.scenario, []).append(tie)
    parts_of = {label: records.children(label) for label in (*_SCENARIO_PARTS, *_SIGNPOST_PARTS)}
    signpost_ids = set(nodes[NodeLabel.SIGNPOST])
    for label, grouped in parts_of.items():
        parents, what = (
            (scenario_ids, "scenario") if label in _SCENARIO_PARTS else (signpost_ids, "signpost")
        )
        for parent, members in grouped.items():
            if parent not in parents:
                for member in members:
                    orphan(label, member, what, parent)

    scenarios = []
    for node in _ordered(nodes[NodeLabel.SCENARIO].values()):
        raw = _raw(node.props, _NODE_BOOKKEEPING)
        sid = node.id
        ties = sorted(key_actors.get(sid, ()), key=lambda t: order_key(t.props, t.actor))
        if ties:
            raw["key_actors"] = [t.actor for t in ties]
        added = [item for _, item in sorted(adds.get(sid, ()), key=lambda pair: pair[0])]
        if added:
            raw["adds"] = added
        for label, section in _SCENARIO_PARTS.items():
            parts = _ordered(parts_of[label].get(sid, ()))
            if parts:
                raw[section] = [
                    graded(
                        _raw(p.props, _CHILD_BOOKKEEPING | {"scenario"}),
                        f"{label}[{p.id}]",
                        p.props,
                    )
                    for p in parts
                ]
        scenarios.append(raw)

    value = {
        "programmes": [
            _raw(n.props, _NODE_BOOKKEEPING) for n in _ordered(nodes[NodeLabel.PROGRAMME].values())
        ],
        "speakers": [
            _raw(n.props, _NODE_BOOKKEEPING) for n in _ordered(nodes[NodeLabel.SPEAKER].values())
        ],
        "actors": actors,
        "links": [item for _, item in sorted(base_links, key=lambda pair: pair[0])],
        "scenarios": scenarios,
        "signposts": _decode_signposts(records, parts_of),
    }
    if grades:
        value["grades"] = grades
    return value, problems


def _decode_signposts(
    records: GraphRecords, parts_of: Mapping[NodeLabel, Mapping[str, list[NodeRecord]]]
) -> list[dict[str, Any]]:
    """Signposts in the data format: their relationships back into `points_to`, `against` and
    `bears_on` (actors at their `seq` in the list, the `bears_on_links` in the places left)."""
    roles: dict[tuple[str, SignpostRole], list[RoleRecord]] = {}
    for record in records.roles.values():
        roles.setdefault((record.signpost, record.role), []).append(record)
    out = []
    for node in _ordered(records.nodes[NodeLabel.SIGNPOST].values()):
        raw = _raw(node.props, _SIGNPOST_BOOKKEEPING)
        for role in SignpostRole:
            found = sorted(
                roles.get((node.id, role), ()), key=lambda r: order_key(r.props, r.target)
            )
            if role is SignpostRole.BEARS_ON:
                links = node.props.get("bears_on_links")
                ids = interleave(found, links if isinstance(links, list) else [])
            else:
                ids = [r.target for r in found]
            if ids:
                raw[role.field] = ids
        for label, part in _SIGNPOST_PARTS.items():
            items = _ordered(parts_of[label].get(node.id, ()))
            if items:
                raw[part] = [_raw(i.props, _CHILD_BOOKKEEPING | {"signpost"}) for i in items]
        out.append(raw)
    return out


def interleave(actors: Sequence[RoleRecord], links: Sequence[Any]) -> list[Any]:
    """`bears_on` again: each actor at its `seq`, the links in order in the places left (an
    actor whose `seq` is missing or taken, e.g. one drawn in Browser, goes last)."""
    size = len(actors) + len(links)
    slots: list[Any] = [None] * size
    late = []
    for record in actors:
        seq = record.props.get("seq")
        if type(seq) is int and 0 <= seq < size and slots[seq] is None:
            slots[seq] = record.target
        else:
            late.append(record.target)
    rest = iter(links)
    filled = [item if item is not None else next(rest, None) for item in slots]
    return [item for item in filled if item is not None] + late


# -- what a load did, and what a query returned ------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionCounts:
    """One section's outcome: created and deleted as the server counted them."""

    section: str
    created: int
    updated: int
    moved: int  # only its position in the dataset changed
    unchanged: int
    deleted: int
    kept: int


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What `scenarios load` did (or, with --dry-run, would do) to the database."""

    server: str  # the server and database written, as the store describes it
    sections: tuple[SectionCounts, ...]
    written: Mapping[str, int]  # the server's summary counters, summed over the load
    statements: int
    seconds: float
    prune: bool
    dry_run: bool
    recreated: tuple[str, ...] = ()  # actors re-created because their kind changed
    acknowledged: int = 0  # edited in the database, and the dataset now says the same
    overwritten: int = 0  # edited in the database, replaced (--overwrite-edits)
    constraints_missing: int | None = None  # dry run: constraints a load would add (None: unknown)

    @property
    def changed(self) -> bool:
        return any(s.created or s.updated or s.moved or s.deleted for s in self.sections)


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node in a query result."""

    labels: tuple[str, ...]
    properties: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class GraphRelationship:
    """A relationship in a query result, with the ids of its end nodes when they have one."""

    type: str
    properties: Mapping[str, Any]
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class GraphPath:
    nodes: tuple[GraphNode, ...]
    relationships: tuple[GraphRelationship, ...]


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The rows a named query returned (column -> value), values converted to plain Python."""

    query: str
    title: str
    parameters: Mapping[str, Any]
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]
