"""What the database holds + what the dataset wants -> the batched statements of one load.

Pure, no driver: `scenarios.store.store` runs the plan in one transaction and
`scenarios.export.cypher` prints the plan for an empty database as a script, so both write
exactly the same graph. Comparing before writing is what makes a reload honest: an entity
whose properties, labels, ends and nested records are all as the dataset says is not written
at all (and counted unchanged).

Rules (docs/neo4j.md, "Loading"):

- An entity is created, updated (anything about it differs, including its nested records),
  moved (only its position in the dataset differs) or unchanged. Writes are `MERGE` on the
  id, then `SET x = props`, so a field the dataset dropped disappears too.
- Positions (`seq`) are an order, not data (`positions`): a record keeps the `seq` it holds
  while its group still sorts in the dataset's order, so deleting an entry renumbers nothing.
- A nested record is matched within its parent by its data, not only by its id (the id only
  names the node): one made in Browser that the dataset now holds too (after `scenarios pull`)
  is that record, and keeps its id.
- A link whose type or ends changed is deleted and created again; so is an actor whose kind
  changed (ArcadeDB cannot change a node's labels twice in one transaction, and delete + create
  is portable), with its links, provided nothing the load did not write is attached to it.
- Entities the dataset no longer has stay, unless `prune`; then those carrying the marker
  (`loaded_by: 'scenarios'`) are deleted, with their nested records. Nothing without the
  marker is ever deleted, and a pruned node that still has relationships the project did not
  write is kept.
- An entity the load would overwrite or delete whose properties no longer hash to the
  `loaded_hash` the last load recorded was edited in the database since: it is an `Edit`,
  and the store writes nothing unless told to overwrite edits. An entity whose properties
  already equal the dataset's is not overwritten: only its hash is refreshed (acknowledged).
- `bookkeeping_only` (what `scenarios pull` runs after writing the files) plans only the writes
  that change no data: the marker, hash, position and derived properties of entities whose data
  the database already holds (`records.same_data`); nothing is created or deleted.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise
from typing import Any, TypeVar

from scenarios.errors import ScenarioError
from scenarios.store.records import (
    CHILD_PARENT,
    DERIVED_CHILD,
    DERIVED_LINK,
    DERIVED_NODE,
    HASH_KEY,
    MARKER,
    MARKER_KEY,
    POSITION,
    SECTION_LABEL,
    KeyActorRecord,
    LazyLinks,
    LinkRecord,
    NodeLabel,
    NodeRecord,
    Records,
    RoleRecord,
    Section,
    SignpostRole,
    order_key,
    placed,
    same_data,
    same_except,
)
from scenarios.vocab import ActorKind, LinkType

BATCH_SIZE = 1000  # rows per UNWIND; see bench/load.py

MERGE_NODES = "load/merge-nodes"
MERGE_ACTORS = "load/merge-actors"
MERGE_LINKS = "load/merge-links"
MERGE_KEY_ACTORS = "load/merge-key-actors"
DELETE_ACTORS = "load/delete-actors"
DELETE_LINKS = "load/delete-links"
PRUNE_LINKS = "load/prune-links"
DELETE_KEY_ACTORS = "load/delete-key-actors"
MERGE_ROLES = "load/merge-roles"
DELETE_ROLES = "load/delete-roles"
DELETE_NODES = "load/delete-nodes"

CREATE, UPDATE, PRUNE = "create", "update", "prune"


@dataclass(frozen=True)
class Step:
    """One statement run with one batch of rows.

    `section` and `action` say which counts the server's counters for this step feed:
    created entities (`create`), deleted ones (`prune`); other steps support those.
    The batch holds keys (ids, positions) and `row` makes each row when `params` is read, so a
    plan of a million links holds no rows: each batch is encoded just before it is sent.
    """

    query: str
    slots: Mapping[str, Enum]
    batch: Sequence[Any]
    size: int
    section: Section | None = None
    action: str = ""
    param: str = "rows"
    marker: bool = False
    row: Callable[[Any], Any] | None = field(default=None, compare=False, repr=False)

    @property
    def params(self) -> dict[str, Any]:
        """The statement's parameters: this batch's rows, made now (and the marker if needed)."""
        make = self.row
        params: dict[str, Any] = {
            self.param: [make(key) for key in self.batch] if make else list(self.batch)
        }
        if self.marker:
            params["marker"] = MARKER
        return params


@dataclass(frozen=True)
class Planned:
    """A section's entities by what the load will do with them."""

    create: int = 0
    update: int = 0  # its data changed (or its nested records, or its ends were re-created)
    move: int = 0  # only its place in the dataset's order changed (`seq` rewritten)
    unchanged: int = 0
    absent: int = 0  # in the database only: deleted with --prune (if ours), else kept


@dataclass(frozen=True)
class Edit:
    """An entity edited in the database since the last load, which this load would overwrite
    (`files` is None: delete) with the dataset's values."""

    what: str  # "actor putin", "link a-b", "evidence a-b/evidence/0"
    database: Mapping[str, Any]
    files: Mapping[str, Any] | None
    kinds: tuple[tuple[ActorKind, ...], tuple[ActorKind, ...]] = ((), ())
    deleted_by: str = "--prune"  # why it would be deleted (`files` None)

    def describe(self) -> str:
        """`actor b: name 'Bravo (edited)' → 'Bravo'`: the first field the load would change."""
        if self.files is None:
            return f"{self.what}: edited in the database, would be deleted ({self.deleted_by})"
        changes = []
        if set(self.kinds[0]) != set(self.kinds[1]):
            changes.append(f"kind {_kinds(self.kinds[0])} → {_kinds(self.kinds[1])}")
        keys = [k for k in self.files if k not in _UNCOMPARED]
        keys += [k for k in self.database if k not in self.files and k not in _UNCOMPARED]
        for key in keys:
            old, new = self.database.get(key), self.files.get(key)
            if old != new:
                changes.append(f"{key} {_shown(old)} → {_shown(new)}")
        if not changes:
            return f"{self.what}: edited in the database"
        more = f" (+{len(changes) - 1} more)" if len(changes) > 1 else ""
        return f"{self.what}: {changes[0]}{more}"


_UNCOMPARED = frozenset({MARKER_KEY, HASH_KEY})


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    counts: Mapping[Section, Planned]
    recreated: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()  # edited in the database since the last load; overwritten
    acknowledged: int = 0  # edited in the database, and the dataset now says the same

    @property
    def rows(self) -> int:
        return sum(step.size for step in self.steps)


def kind_changes(desired: Records, current: Records) -> list[str]:
    """Actors in both whose kind labels differ: they are deleted and created again."""
    have = current.nodes[NodeLabel.ACTOR]
    return [
        actor_id
        for actor_id, node in desired.nodes[NodeLabel.ACTOR].items()
        if actor_id in have and set(have[actor_id].kinds) != set(node.kinds)
    ]


def _moved_only(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether two property maps differ in `seq` (the position in the dataset) alone (and in
    the hash of what was written, which covers `seq`)."""
    ignored = ("seq", HASH_KEY)
    return old.get("seq") != new.get("seq") and {
        k: v for k, v in old.items() if k not in ignored
    } == {k: v for k, v in new.items() if k not in ignored}


def _acknowledges(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """The database already holds the dataset's values under an outdated hash: an edit made
    there that the dataset now says too (e.g. after `scenarios pull`). Only the hash is new."""
    return HASH_KEY in old and same_except(old, new, _HASH_ONLY)


_HASH_ONLY = frozenset({HASH_KEY})


class _Edits:
    """What a plan would overwrite that was edited in the database, and what it acknowledges."""

    def __init__(self) -> None:
        self.found: list[Edit] = []
        self.acknowledged = 0

    def check(
        self,
        what: str,
        old: NodeRecord | LinkRecord | KeyActorRecord | RoleRecord,
        new: Mapping[str, Any] | None = None,
        kinds: tuple[ActorKind, ...] = (),
        deleted_by: str = "--prune",
    ) -> None:
        """`old` is about to be overwritten with `new` (None: deleted, as `deleted_by` asks):
        an edit if it was edited."""
        if old.edited:
            old_kinds = old.kinds if isinstance(old, NodeRecord) else ()
            self.found.append(Edit(what, old.props, new, (old_kinds, kinds), deleted_by))

    def rewrite(
        self,
        what: str,
        old: NodeRecord | KeyActorRecord | RoleRecord | None,
        new: Mapping[str, Any],
        recreated: bool = False,
    ) -> bool:
        """A nested record or a relationship the load writes (again): whether it changes,
        which touches its parent. Not when the database already holds `new` under an outdated
        hash (an edit the dataset now says too: acknowledged, its hash refreshed); an edit
        when `old` was edited since the last load. `recreated`: an end is written anew."""
        if old is not None and not recreated and _acknowledges(old.props, new):
            self.acknowledged += 1
            return False
        if old is not None:
            self.check(what, old, new)
        return True


def _what(label: NodeLabel, ident: str) -> str:
    return f"{_NOUNS.get(label, label.value.lower())} {ident}"


_NOUNS = {
    NodeLabel.LINK_CHANGE: "scenario change",
    NodeLabel.LINK_REMOVAL: "scenario removal",
    NodeLabel.RAISED_BY: "raised_by",
}


K = TypeVar("K")
V = TypeVar("V")


def _group(items: Iterable[V], key: Callable[[V], K]) -> dict[K, list[V]]:
    grouped: dict[K, list[V]] = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return grouped


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Steps:
    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.items: list[Step] = []

    def add(
        self,
        query: str,
        rows: Sequence[Any],
        *,
        param: str = "rows",
        slots: Mapping[str, Enum] | None = None,
        section: Section | None = None,
        action: str = "",
        marker: bool = False,
        row: Callable[[Any], Any] | None = None,
    ) -> None:
        """Steps for `rows` in batches; with `row`, `rows` are keys and `row(key)` the row."""
        for batch in _batches(rows, self.batch_size):
            self.items.append(
                Step(query, slots or {}, batch, len(batch), section, action, param, marker, row)
            )


# -- positions: an order, not data -------------------------------------------------------------


def positions(held: Sequence[Any]) -> dict[int, int]:
    """Where (`seq`) to write a group of records that sorts by position (actors, base links, a
    scenario's key actors, a link's evidence, ...), given the `seq` each holds in the database:
    `held[i]` for the group's i-th record in dataset order (None: new, or none).

    As many records as can keep the `seq` they hold (a longest increasing run of them: the
    group still sorts in dataset order); each other one takes the next number after the record
    before it, and a kept record that leaves too little room for those before it gives up its
    own. A group new to the database is written at 0, 1, 2, ... Returns the records whose `seq`
    is not their index in the group (the `seq` encoding gives them), by index.

    >>> positions([0, 1, 3, 4])  # the entry at 2 was deleted: nothing is renumbered
    {2: 3, 3: 4}
    >>> positions([0, 1, None]), positions([None, None])  # appended; a new group
    ({}, {})
    >>> positions([0, None, 1])  # inserted where there is no room: the next one moves too
    {}
    >>> positions([5, 6, 2])  # the last one sorted first in the database: it goes after
    {0: 5, 1: 6, 2: 7}
    >>> positions([0, 2, 1])  # two swapped: both are written at their index
    {}
    """
    keep = _increasing(held)
    out: dict[int, int] = {}
    prev, run = -1, list[int]()

    def settle() -> None:
        for offset, index in enumerate(run):
            if prev + 1 + offset != index:
                out[index] = prev + 1 + offset

    for index, seq in enumerate(held):
        if index in keep and seq - prev > len(run):
            settle()
            run.clear()
            if seq != index:
                out[index] = seq
            prev = seq
        else:
            run.append(index)
    settle()
    return out


def _increasing(held: Sequence[Any]) -> set[int]:
    """Indexes of a longest strictly increasing run of the whole numbers in `held`."""
    candidates = [i for i, seq in enumerate(held) if type(seq) is int]
    if all(held[a] < held[b] for a, b in pairwise(candidates)):
        return set(candidates)  # the usual case: the order is right
    tails: list[int] = []  # tails[k]: the last index of the best increasing run of length k + 1
    values: list[int] = []
    before: dict[int, int | None] = {}
    for index in candidates:
        k = bisect_left(values, held[index])
        before[index] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(index)
            values.append(held[index])
        else:
            tails[k] = index
            values[k] = held[index]
    out: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        out.add(at)
        at = before[at]
    return out


def _seq(props: Mapping[str, Any] | None) -> Any:
    return None if props is None else props.get(POSITION)


Where = tuple[str | None, int]  # a record's id (None: its own) and position as written


def _at(node: NodeRecord, where: Where | None) -> dict[str, Any]:
    """A node's properties as written: at its place (`positions`), under its id."""
    if where is None:
        return node.props
    ident, seq = where
    return placed(node.props, seq, node.kinds, **({"id": ident} if ident is not None else {}))


def _row_of(
    want: Mapping[str, NodeRecord], place: Mapping[str, Where] | None = None
) -> Callable[[str], dict[str, Any]]:
    """The row of a node by id, encoded now when `want` is lazy (records.LazyNodes)."""

    def row(node_id: str) -> dict[str, Any]:
        props = _at(want[node_id], place.get(node_id) if place else None)
        return {"id": props["id"], "props": props}

    return row


def _link_row(link: LinkRecord, *, props: bool = True, seq: int | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"id": link.id, "source": link.source, "target": link.target}
    if props:
        row["props"] = placed(link.props, seq)
    return row


def _tie_row(tie: KeyActorRecord, *, props: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {"scenario": tie.scenario, "actor": tie.actor}
    if props:
        row["props"] = tie.props
    return row


def _writes(
    old: Mapping[str, Any], new: Mapping[str, Any], derived: frozenset[str], bookkeeping_only: bool
) -> bool:
    """Whether a record the database holds as `old` is written as `new`: when they differ,
    and, for `bookkeeping_only`, only in what a load derives, not in its place in an order the
    database gives it (a reorder made in Browser is the load's to overwrite, not the stamp's)."""
    if old == new:
        return False
    if not bookkeeping_only:
        return True
    seq = old.get(POSITION)
    return same_data(old, new, derived) and (type(seq) is not int or seq == new.get(POSITION))


def plan(
    desired: Records,
    current: Records,
    *,
    prune: bool = False,
    foreign: Mapping[str, int] | None = None,
    batch_size: int = BATCH_SIZE,
    bookkeeping_only: bool = False,
) -> Plan:
    """The statements that make the database hold `desired` (see the module docstring).

    `foreign` counts, for each actor whose kind changed, the relationships attached to it that
    the project did not write; any such actor stops the load (its node cannot be re-created).
    `bookkeeping_only`: only the writes that change no data (the module docstring).
    """
    recreate = [] if bookkeeping_only else kind_changes(desired, current)
    _check_recreate(recreate, desired, current, prune, foreign or {})
    rewritten = set(recreate)
    edits = _Edits()
    scenario_ids = set(desired.nodes[NodeLabel.SCENARIO])
    parents = {
        Section.LINKS: set(desired.link_ids()),
        Section.SCENARIOS: scenario_ids,
        Section.SIGNPOSTS: set(desired.nodes[NodeLabel.SIGNPOST]),
    }
    touched: dict[Section, set[str]] = {section: set() for section in parents}

    # nested records first: a parent whose nested records changed counts as updated
    child_deletes, child_merges = _Steps(batch_size), _Steps(batch_size)
    for label in CHILD_PARENT:
        _plan_children(
            label,
            desired,
            current,
            parents,
            prune,
            touched,
            child_deletes,
            child_merges,
            edits,
            bookkeeping_only,
        )

    # key actors belong to their scenario
    tie_deletes, tie_merges = _Steps(batch_size), _Steps(batch_size)
    want_ties, have_ties = desired.key_actors, current.key_actors
    tie_seqs = _placed_in_groups(
        want_ties, lambda key: key[0], lambda key: _seq(_props_of(have_ties.get(key)))
    )
    writes = []
    for key, wanted in want_ties.items():
        old_tie = have_ties.get(key)
        tie = KeyActorRecord(wanted.scenario, wanted.actor, placed(wanted.props, tie_seqs.get(key)))
        again = tie.actor in rewritten
        if old_tie is None or old_tie.props != tie.props or again:
            if bookkeeping_only and (
                old_tie is None or not _writes(old_tie.props, tie.props, DERIVED_NODE, True)
            ):
                continue
            writes.append(_tie_row(tie))
            if edits.rewrite(_tie_what(tie), old_tie, tie.props, again):
                touched[Section.SCENARIOS].add(tie.scenario)
    stale_ties = []
    for key, tie in have_ties.items():
        if key in want_ties or not tie.marked or bookkeeping_only:
            continue
        if tie.scenario in scenario_ids or prune:
            stale_ties.append(_tie_row(tie, props=False))
            gone = _GONE if tie.scenario in scenario_ids else "--prune"
            edits.check(_tie_what(tie), tie, deleted_by=gone)
        if tie.scenario in scenario_ids:
            touched[Section.SCENARIOS].add(tie.scenario)
    tie_deletes.add(DELETE_KEY_ACTORS, stale_ties)
    tie_merges.add(MERGE_KEY_ACTORS, writes)
    _plan_roles(
        desired,
        current,
        prune,
        rewritten,
        touched[Section.SIGNPOSTS],
        tie_deletes,
        tie_merges,
        edits,
        bookkeeping_only,
    )

    link_deletes, link_merges = _Steps(batch_size), _Steps(batch_size)
    counts: dict[Section, Planned] = _plan_links(
        desired,
        current,
        prune,
        rewritten,
        touched[Section.LINKS],
        link_deletes,
        link_merges,
        edits,
        bookkeeping_only,
    )
    node_prunes, node_merges = _Steps(batch_size), _Steps(batch_size)
    sections = (
        Section.GRADES,
        Section.PROGRAMMES,
        Section.SPEAKERS,
        Section.ACTORS,
        Section.SCENARIOS,
        Section.SIGNPOSTS,
    )
    legacy = _legacy_signposts(desired, current)
    if not bookkeeping_only:
        for node_id in legacy:  # a scenario's nested records: replaced, so checked for edits
            old = current.nodes[NodeLabel.SIGNPOST][node_id]
            edits.check(_what(NodeLabel.SIGNPOST, node_id), old, deleted_by=_LEGACY)
        child_deletes.add(
            DELETE_NODES,
            list(legacy),
            param="ids",
            slots={"label": NodeLabel.SIGNPOST},
            marker=True,
        )
        touched[Section.SCENARIOS].update(legacy.values())
    for section in sections:
        counts[section] = _plan_nodes(
            SECTION_LABEL[section],
            section,
            desired,
            current,
            prune,
            rewritten,
            touched.get(section, set()),
            node_prunes,
            node_merges,
            edits,
            skip=legacy,
            bookkeeping_only=bookkeeping_only,
        )
    recreating = _Steps(batch_size)
    recreating.add(DELETE_ACTORS, recreate, param="ids")
    # deletes before writes; a re-created actor goes once only the links it keeps are attached
    ordered = [
        *link_deletes.items,
        *tie_deletes.items,
        *recreating.items,
        *child_deletes.items,
        *reversed(node_prunes.items),
        *node_merges.items,
        *child_merges.items,
        *link_merges.items,
        *tie_merges.items,
    ]
    found = () if bookkeeping_only else tuple(edits.found)  # no data is overwritten
    return Plan(tuple(ordered), counts, tuple(recreate), found, edits.acknowledged)


def _props_of(record: Any) -> Mapping[str, Any] | None:
    return None if record is None else record.props


def _placed_in_groups(
    order: Iterable[K], group: Callable[[K], Any], held: Callable[[K], Any]
) -> dict[K, int]:
    """`positions` for records in groups (a scenario's key actors, ...): the records whose
    position as written is not their index in their group, with that position."""
    groups: dict[Any, list[K]] = {}
    for key in order:
        groups.setdefault(group(key), []).append(key)
    out: dict[K, int] = {}
    for keys in groups.values():
        for index, seq in positions([held(key) for key in keys]).items():
            out[keys[index]] = seq
    return out


_GONE = "no longer in the dataset"  # a nested record of an entity the dataset still has
_LEGACY = "an older version's; the dataset's signposts replace it"


def _tie_what(tie: KeyActorRecord) -> str:
    return f"key actor {tie.actor} of scenario {tie.scenario}"


def _legacy_signposts(desired: Records, current: Records) -> dict[str, str]:
    """Signpost nodes an older version wrote as part of a scenario (`<scenario>/signposts/<n>`,
    with `scenario` and `text`), by id, with their scenario: part of the scenario, so they are
    replaced by the dataset's signposts like any nested record, with or without --prune."""
    want = desired.nodes[NodeLabel.SIGNPOST]
    return {
        node_id: node.props["scenario"]
        for node_id, node in current.nodes[NodeLabel.SIGNPOST].items()
        if node_id not in want
        and node.marked
        and isinstance(node.props.get("scenario"), str)
        and "statement" not in node.props
    }


# -- nested records ------------------------------------------------------------------------------


def _plan_children(
    label: NodeLabel,
    desired: Records,
    current: Records,
    parents: Mapping[Section, set[str]],
    prune: bool,
    touched: dict[Section, set[str]],
    deletes: _Steps,
    merges: _Steps,
    edits: _Edits,
    bookkeeping_only: bool,
) -> None:
    """One label of nested records (evidence, a scenario's changes, ...), parent by parent.

    Within a parent, a record of the dataset is the node with its id if that holds the same
    data, else the first other node of the parent that does (one made in Browser, or one whose
    position-made id shifted when an item before it went), which keeps its id; else the node
    with its id (overwritten), else a new node. Nodes left over are deleted if ours and their
    parent is in the dataset (or with --prune); a new node whose id is still taken gets the
    next free one.
    """
    parent_key, section = CHILD_PARENT[label]
    want, have = desired.nodes[label], current.nodes[label]
    if not have:  # none in the database (a first load): each is new, at its own id and place
        if not bookkeeping_only:
            fresh = []
            for child_id, node in want.items():
                fresh.append(child_id)
                touched[section].add(node.props[parent_key])
            merges.add(MERGE_NODES, fresh, slots={"label": label}, row=_row_of(want))
        return
    wanted_by: dict[Any, list[str]] = {}
    clean: dict[Any, bool] = {}  # parent -> every record already as the database holds it
    for child_id, node in want.items():
        parent = node.props[parent_key]
        wanted_by.setdefault(parent, []).append(child_id)
        old = have.get(child_id)
        same = old is not None and old.props == node.props and old.props.get(parent_key) == parent
        clean[parent] = clean.get(parent, True) and same
    held_by = _group(have.values(), lambda node: node.props.get(parent_key))
    for parent, ids in wanted_by.items():
        if clean[parent] and len(held_by.get(parent, ())) == len(ids):
            held_by.pop(parent, None)  # all unchanged
            wanted_by[parent] = []
    place: dict[str, Where] = {}
    pairs: dict[str, NodeRecord] = {}  # desired id -> the node that is that record
    left: dict[str, NodeRecord] = {}  # nodes no record of the dataset is
    for parent in wanted_by.keys() | held_by.keys():
        nodes = [want[i] for i in wanted_by.get(parent, ())]
        free = {
            n.id: n for n in sorted(held_by.get(parent, ()), key=lambda n: order_key(n.props, n.id))
        }
        for node in nodes:
            old = free.get(node.id)
            if old is not None and same_data(old.props, node.props, DERIVED_CHILD):
                pairs[node.id] = free.pop(node.id)
        for node in nodes:
            if node.id not in pairs:
                old = next(
                    (o for o in free.values() if same_data(o.props, node.props, DERIVED_CHILD)),
                    None,
                )
                if old is not None:
                    pairs[node.id] = free.pop(old.id)
        left.update(free)
    for ids in wanted_by.values():  # the node with its id, wherever it is
        for child_id in ids:
            if child_id not in pairs and child_id in left:
                pairs[child_id] = left.pop(child_id)
    stale = [
        node
        for node in left.values()
        if node.marked
        and not bookkeeping_only
        and (node.props.get(parent_key) in parents[section] or prune)
    ]
    gone = {node.id for node in stale}
    taken: set[str] = set()
    write = []
    for parent, ids in wanted_by.items():
        held = [_seq(_props_of(pairs.get(i))) for i in ids]
        moves = positions(held)
        for index, child_id in enumerate(ids):
            node = want[child_id]
            old = pairs.get(child_id)
            ident = old.id if old is not None else _free_id(child_id, have, gone, taken)
            taken.add(ident)
            where = (ident if ident != child_id else None, moves.get(index, index))
            props = _at(node, where)
            if where != (None, node.props.get(POSITION)):
                place[child_id] = where
            if old is None:
                if not bookkeeping_only:
                    write.append(child_id)
                    touched[section].add(parent)
                continue
            if not _writes(old.props, props, DERIVED_CHILD, bookkeeping_only):
                continue
            write.append(child_id)
            if edits.rewrite(_what(label, old.id), old, props):
                touched[section].add(parent)
    for node in stale:
        parent = node.props.get(parent_key)
        if parent in parents[section]:
            touched[section].add(parent)
            edits.check(_what(label, node.id), node, deleted_by=_GONE)
        else:
            edits.check(_what(label, node.id), node, None)
    deletes.add(DELETE_NODES, sorted(gone), param="ids", slots={"label": label}, marker=True)
    merges.add(MERGE_NODES, write, slots={"label": label}, row=_row_of(want, place))


_NUMBERED = re.compile(r"^(.*/)(\d+)$")


def _free_id(ident: str, have: Mapping[str, NodeRecord], gone: set[str], taken: set[str]) -> str:
    """`ident`, or, when a node that stays holds it, the next free one (`a-b/evidence/3` for
    `a-b/evidence/2`; else `ident-2`, ...)."""

    def free(candidate: str) -> bool:
        return candidate not in taken and (candidate not in have or candidate in gone)

    if free(ident):
        return ident
    numbered = _NUMBERED.match(ident)
    stem, start = (numbered.group(1), int(numbered.group(2)) + 1) if numbered else (f"{ident}-", 2)
    while not free(f"{stem}{start}"):
        start += 1
    return f"{stem}{start}"


def _plan_roles(
    desired: Records,
    current: Records,
    prune: bool,
    rewritten: set[str],
    touched: set[str],
    deletes: _Steps,
    merges: _Steps,
    edits: _Edits,
    bookkeeping_only: bool = False,
) -> None:
    """Signposts' relationships, as key actors are planned: part of their signpost, rewritten
    when they differ or their actor is re-created, dropped with their signpost under prune;
    one edited in the database since the last load is an edit, as a key actor's is. A
    `BEARS_ON`'s `seq` is its place in `bears_on` (the links fill the others): kept exactly."""
    want, have = desired.roles, current.roles
    seqs = _placed_in_groups(
        [key for key in want if key[0] is not SignpostRole.BEARS_ON],
        lambda key: key[:2],
        lambda key: _seq(_props_of(have.get(key))),
    )
    signposts = set(desired.nodes[NodeLabel.SIGNPOST])
    writes: dict[SignpostRole, list[dict[str, Any]]] = {}
    stale: dict[SignpostRole, list[dict[str, Any]]] = {}
    for key, wanted in want.items():
        old = have.get(key)
        role = RoleRecord(key[0], key[1], key[2], placed(wanted.props, seqs.get(key)))
        again = role.target in rewritten
        if old is None or old.props != role.props or again:
            if bookkeeping_only and (
                old is None or not _writes(old.props, role.props, DERIVED_NODE, True)
            ):
                continue
            writes.setdefault(role.role, []).append(_role_row(role))
            if edits.rewrite(_role_what(role), old, role.props, again):
                touched.add(role.signpost)
    for key, role in have.items():
        if key in want or not role.marked or bookkeeping_only:
            continue
        if role.signpost in signposts:
            touched.add(role.signpost)
        elif not prune:
            continue
        stale.setdefault(role.role, []).append(_role_row(role, props=False))
        gone = _GONE if role.signpost in signposts else "--prune"
        edits.check(_role_what(role), role, deleted_by=gone)
    for kind in SignpostRole:
        slots = {"role": kind, "label": kind.target}
        deletes.add(DELETE_ROLES, stale.get(kind, ()), slots=slots)
        merges.add(MERGE_ROLES, writes.get(kind, ()), slots=slots)


def _role_what(role: RoleRecord) -> str:
    return f"signpost {role.signpost} {role.role.field} {role.target}"


def _role_row(role: RoleRecord, *, props: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {"signpost": role.signpost, "target": role.target}
    if props:
        row["props"] = role.props
    return row


def _plan_nodes(
    label: NodeLabel,
    section: Section,
    desired: Records,
    current: Records,
    prune: bool,
    rewritten: set[str],
    touched: set[str],
    prunes: _Steps,
    merges: _Steps,
    edits: _Edits,
    skip: Mapping[str, str] | None = None,
    bookkeeping_only: bool = False,
) -> Planned:
    """`skip`: ids in the database that are not entities of this section (left to others)."""
    want, have = desired.nodes[label], current.nodes[label]
    order = list(want)
    moves = positions([_seq(_props_of(have.get(i))) for i in order]) if have else {}
    place: dict[str, Where] = {order[index]: (None, seq) for index, seq in moves.items()}
    create: list[tuple[ActorKind | None, str]] = []  # (an actor's kind, id): no records kept
    update: list[tuple[ActorKind | None, str]] = []  # written; counted below
    nested = unchanged = moved = refreshed = 0
    for node_id, node in want.items():
        old = have.get(node_id)
        if old is None:
            if not bookkeeping_only:
                create.append((node.kinds[0] if node.kinds else None, node_id))
            continue
        props = _at(node, place.get(node_id))
        rewrite = node_id in rewritten
        if rewrite or old.props != props:
            if bookkeeping_only and (
                set(old.kinds) != set(node.kinds)
                or not _writes(old.props, props, DERIVED_NODE, True)
            ):
                continue
            update.append((node.kinds[0] if node.kinds else None, node_id))
            if not rewrite and _acknowledges(old.props, props):
                edits.acknowledged += 1
                refreshed += 1  # written for its hash alone: counted as its nested records say
            else:
                edits.check(_what(label, node_id), old, props, node.kinds)
                if _moved_only(old.props, props) and not rewrite and node_id not in touched:
                    moved += 1
                continue
        if node_id in touched:
            nested += 1
        else:
            unchanged += 1
    absent = [node_id for node_id in have if node_id not in want and node_id not in (skip or {})]
    if prune and not bookkeeping_only:
        pruned = [node_id for node_id in absent if have[node_id].marked]
        for node_id in pruned:
            edits.check(_what(label, node_id), have[node_id], None)
        prunes.add(
            DELETE_NODES,
            pruned,
            param="ids",
            slots={"label": label},
            section=section,
            action=PRUNE,
            marker=True,
        )
    row = _row_of(want, place)
    updated = len(update) - refreshed - moved + nested
    counts = Planned(len(create), updated, moved, unchanged, len(absent))
    for rows, action in ((create, CREATE), (update, UPDATE)):
        if label is NodeLabel.ACTOR:
            by_kind = _group(rows, lambda pair: pair[0])
            for kind in ActorKind:
                merges.add(
                    MERGE_ACTORS,
                    [node_id for _, node_id in by_kind.get(kind, ())],
                    slots={"kind": kind},
                    section=section,
                    action=action,
                    row=row,
                )
        else:
            merges.add(
                MERGE_NODES,
                [node_id for _, node_id in rows],
                slots={"label": label},
                section=section,
                action=action,
                row=row,
            )
    return counts


def _link_section(link: LinkRecord) -> Section:
    """Base links, or the links a scenario adds (counted apart, as `validate` counts links)."""
    return Section.LINKS if link.props.get("added_by") is None else Section.SCENARIO_LINKS


def _link_positions(desired: Records, have: Mapping[str, list[LinkRecord]]) -> dict[int, int]:
    """`positions` for the links: the base links are one group, each scenario's adds another."""
    if not have:
        return {}
    links = desired.links
    ids = desired.link_ids()
    if isinstance(links, LazyLinks):
        groups: Sequence[Any] = [links.added_by_at(i) for i in range(len(links))]
    else:
        groups = [link.props.get("added_by") for link in links]

    def held(position: int) -> Any:
        existing = have.get(ids[position], ())
        return _seq(existing[0].props) if len(existing) == 1 else None

    return _placed_in_groups(range(len(ids)), groups.__getitem__, held)


def _plan_links(
    desired: Records,
    current: Records,
    prune: bool,
    rewritten: set[str],
    touched: set[str],
    deletes: _Steps,
    merges: _Steps,
    edits: _Edits,
    bookkeeping_only: bool = False,
) -> dict[Section, Planned]:
    """Links, base and scenario-added ones each with their own counts (and steps)."""
    have: dict[str, list[LinkRecord]] = {}
    for link in current.links:
        have.setdefault(link.id, []).append(link)
    wanted = desired.link_ids()
    moves = _link_positions(desired, have)
    sections = (Section.LINKS, Section.SCENARIO_LINKS)
    # positions in desired.links, by section and type
    create: dict[tuple[Section, LinkType], list[int]] = {}
    update: dict[tuple[Section, LinkType], list[int]] = {}
    twins: list[LinkRecord] = []  # of a link whose type or ends changed, or a second one
    tally = {section: dict.fromkeys(("nested", "unchanged", "moved", "refreshed"), 0)
             for section in sections}  # fmt: skip
    for position, link in enumerate(desired.links):
        section = _link_section(link)
        counts = tally[section]
        existing = have.get(link.id, [])
        ends = (link.type, link.source, link.target)
        same = next((old for old in existing if (old.type, old.source, old.target) == ends), None)
        alone = same is not None and len(existing) == 1
        if bookkeeping_only:
            if alone and same is not None:
                props = placed(link.props, moves.get(position))
                if _writes(same.props, props, DERIVED_LINK, True):
                    update.setdefault((section, link.type), []).append(position)
                    if _acknowledges(same.props, props):
                        edits.acknowledged += 1
            continue
        twins.extend(old for old in existing if old is not same)
        if not existing:
            create.setdefault((section, link.type), []).append(position)
            continue
        props = placed(link.props, moves.get(position))
        rewrite = bool({link.source, link.target} & rewritten)
        if not alone or rewrite or same is None or same.props != props:
            update.setdefault((section, link.type), []).append(position)
            if alone and not rewrite and same is not None and _acknowledges(same.props, props):
                edits.acknowledged += 1
                counts["refreshed"] += 1
            else:
                for old in existing:
                    edits.check(f"link {link.id}", old, props)
                if (
                    alone
                    and same is not None
                    and _moved_only(same.props, props)
                    and not rewrite
                    and link.id not in touched
                ):
                    counts["moved"] += 1
                continue
        counts["nested" if link.id in touched else "unchanged"] += 1
    wanted_ids = set(wanted)
    absent = [link for link in current.links if link.id not in wanted_ids]
    gone = [link for link in absent if prune and link.marked and not bookkeeping_only]
    for link in gone:
        edits.check(f"link {link.id}", link, None)
    twins_by = _group(twins, lambda link: link.type)
    gone_by = _group(gone, lambda link: (_link_section(link), link.type))
    links = desired.links

    def row(position: int) -> dict[str, Any]:
        return _link_row(links[position], seq=moves.get(position))

    for link_type in LinkType:
        deletes.add(
            DELETE_LINKS,
            [_link_row(old, props=False) for old in twins_by.get(link_type, ())],
            slots={"rel_type": link_type},
        )
        for section in sections:
            deletes.add(
                PRUNE_LINKS,
                [_link_row(old, props=False) for old in gone_by.get((section, link_type), ())],
                slots={"rel_type": link_type},
                section=section,
                action=PRUNE,
                marker=True,
            )
    for section in sections:
        for link_type in LinkType:
            for grouped, action in ((create, CREATE), (update, UPDATE)):
                merges.add(
                    MERGE_LINKS,
                    grouped.get((section, link_type), ()),
                    slots={"rel_type": link_type},
                    section=section,
                    action=action,
                    row=row,
                )
    out = {}
    for section in sections:
        counts = tally[section]
        created = sum(len(p) for (s, _), p in create.items() if s is section)
        written = sum(len(p) for (s, _), p in update.items() if s is section)
        updated = written - counts["refreshed"] - counts["moved"] + counts["nested"]
        kept = sum(1 for link in absent if _link_section(link) is section)
        out[section] = Planned(created, updated, counts["moved"], counts["unchanged"], kept)
    return out


def _check_recreate(
    recreate: Iterable[str],
    desired: Records,
    current: Records,
    prune: bool,
    foreign: Mapping[str, int],
) -> None:
    """Stop before writing if re-creating an actor would drop relationships nobody asked to drop."""
    if prune:  # whatever the dataset lacks goes anyway; only others' relationships are lost
        kept_links: set[str] = set()
        kept_scenarios: set[str] = set()
        kept_signposts: set[str] = set()
    else:  # ours, but not in the dataset: kept without --prune, so re-creating would lose them
        kept_links = {link.id for link in current.links} - set(desired.link_ids())
        kept_scenarios = {t.scenario for t in current.key_actors.values()} - set(
            desired.nodes[NodeLabel.SCENARIO]
        )
        kept_signposts = {r.signpost for r in current.roles.values()} - set(
            desired.nodes[NodeLabel.SIGNPOST]
        )
    for actor_id in recreate:
        lost = foreign.get(actor_id, 0)
        lost += sum(
            1
            for link in current.links
            if actor_id in (link.source, link.target) and link.marked and link.id in kept_links
        )
        lost += sum(
            1
            for tie in current.key_actors.values()
            if tie.actor == actor_id and tie.marked and tie.scenario in kept_scenarios
        )
        lost += sum(
            1
            for role in current.roles.values()
            if role.target == actor_id and role.marked and role.signpost in kept_signposts
        )
        if lost:
            old = current.nodes[NodeLabel.ACTOR][actor_id].kinds
            new = desired.nodes[NodeLabel.ACTOR][actor_id].kinds
            raise ScenarioError(
                f"actor '{actor_id}' changed kind ({_kinds(old)} -> {_kinds(new)}), and "
                f"re-creating its node would drop {lost} relationship{'s' if lost > 1 else ''} "
                "the dataset does not have",
                hint="relabel the node in Neo4j Browser "
                f"(MATCH (n:Actor {{id: '{actor_id}'}}) REMOVE n:{_kinds(old, ':')} "
                f"SET n:{_kinds(new, ':')}), or load with --prune to drop them",
            )


def _kinds(kinds: Sequence[ActorKind], sep: str = "/") -> str:
    return sep.join(k.label for k in kinds) or "none"
