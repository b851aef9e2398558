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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from scenarios.errors import ScenarioError
from scenarios.store.records import (
    CHILD_PARENT,
    HASH_KEY,
    MARKER,
    MARKER_KEY,
    SECTION_LABEL,
    KeyActorRecord,
    LinkRecord,
    NodeLabel,
    NodeRecord,
    Records,
    RoleRecord,
    Section,
    SignpostRole,
    same_content,
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
    move: int = 0  # only its position in the dataset changed (`seq`); written all the same
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
    return HASH_KEY in old and same_content(old, new)


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


def _row_of(want: Mapping[str, NodeRecord]) -> Callable[[str], dict[str, Any]]:
    """The row of a node by id, encoded now when `want` is lazy (records.LazyNodes)."""

    def row(node_id: str) -> dict[str, Any]:
        return _node_row(want[node_id])

    return row


def _node_row(node: NodeRecord) -> dict[str, Any]:
    return {"id": node.id, "props": node.props}


def _link_row(link: LinkRecord, *, props: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {"id": link.id, "source": link.source, "target": link.target}
    if props:
        row["props"] = link.props
    return row


def _tie_row(tie: KeyActorRecord, *, props: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {"scenario": tie.scenario, "actor": tie.actor}
    if props:
        row["props"] = tie.props
    return row


def plan(
    desired: Records,
    current: Records,
    *,
    prune: bool = False,
    foreign: Mapping[str, int] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Plan:
    """The statements that make the database hold `desired` (see the module docstring).

    `foreign` counts, for each actor whose kind changed, the relationships attached to it that
    the project did not write; any such actor stops the load (its node cannot be re-created).
    """
    recreate = kind_changes(desired, current)
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
    for label, (parent_key, section) in CHILD_PARENT.items():
        want, have = desired.nodes[label], current.nodes[label]
        write = []
        for child_id, node in want.items():
            old = have.get(child_id)
            if old is None or old.props != node.props:
                write.append(child_id)
                if edits.rewrite(_what(label, child_id), old, node.props):
                    touched[section].add(node.props[parent_key])
        stale = []
        for child_id, node in have.items():
            parent = node.props.get(parent_key)
            if child_id in want or not node.marked:
                continue
            if parent in parents[section]:
                stale.append(child_id)
                touched[section].add(parent)
                edits.check(_what(label, child_id), node, deleted_by=_GONE)
            elif prune:
                stale.append(child_id)
                edits.check(_what(label, child_id), node, None)
        child_deletes.add(DELETE_NODES, stale, param="ids", slots={"label": label}, marker=True)
        child_merges.add(MERGE_NODES, write, slots={"label": label}, row=_row_of(want))

    # key actors belong to their scenario
    tie_deletes, tie_merges = _Steps(batch_size), _Steps(batch_size)
    want_ties, have_ties = desired.key_actors, current.key_actors
    writes = []
    for key, tie in want_ties.items():
        old_tie = have_ties.get(key)
        if old_tie is None or old_tie.props != tie.props or tie.actor in rewritten:
            writes.append(_tie_row(tie))
            if edits.rewrite(_tie_what(tie), old_tie, tie.props, tie.actor in rewritten):
                touched[Section.SCENARIOS].add(tie.scenario)
    stale_ties = []
    for key, tie in have_ties.items():
        if key in want_ties or not tie.marked:
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
    )

    link_deletes, link_merges = _Steps(batch_size), _Steps(batch_size)
    counts: dict[Section, Planned] = _plan_links(
        desired, current, prune, rewritten, touched[Section.LINKS], link_deletes, link_merges, edits
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
    for node_id in legacy:  # a scenario's nested records: replaced, so checked for edits
        old = current.nodes[NodeLabel.SIGNPOST][node_id]
        edits.check(_what(NodeLabel.SIGNPOST, node_id), old, deleted_by=_LEGACY)
    child_deletes.add(
        DELETE_NODES, list(legacy), param="ids", slots={"label": NodeLabel.SIGNPOST}, marker=True
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
    return Plan(tuple(ordered), counts, tuple(recreate), tuple(edits.found), edits.acknowledged)


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


def _plan_roles(
    desired: Records,
    current: Records,
    prune: bool,
    rewritten: set[str],
    touched: set[str],
    deletes: _Steps,
    merges: _Steps,
    edits: _Edits,
) -> None:
    """Signposts' relationships, as key actors are planned: part of their signpost, rewritten
    when they differ or their actor is re-created, dropped with their signpost under prune;
    one edited in the database since the last load is an edit, as a key actor's is."""
    want, have = desired.roles, current.roles
    signposts = set(desired.nodes[NodeLabel.SIGNPOST])
    writes: dict[SignpostRole, list[dict[str, Any]]] = {}
    stale: dict[SignpostRole, list[dict[str, Any]]] = {}
    for key, role in want.items():
        old = have.get(key)
        if old is None or old.props != role.props or role.target in rewritten:
            writes.setdefault(role.role, []).append(_role_row(role))
            if edits.rewrite(_role_what(role), old, role.props, role.target in rewritten):
                touched.add(role.signpost)
    for key, role in have.items():
        if key in want or not role.marked:
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
) -> Planned:
    """`skip`: ids in the database that are not entities of this section (left to others)."""
    want, have = desired.nodes[label], current.nodes[label]
    create: list[tuple[ActorKind | None, str]] = []  # (an actor's kind, id): no records kept
    update: list[tuple[ActorKind | None, str]] = []  # written; counted below
    nested = unchanged = moved = refreshed = 0
    for node_id, node in want.items():
        old = have.get(node_id)
        if old is None:
            create.append((node.kinds[0] if node.kinds else None, node_id))
            continue
        rewrite = node_id in rewritten
        if rewrite or old.props != node.props:
            update.append((node.kinds[0] if node.kinds else None, node_id))
            if not rewrite and _acknowledges(old.props, node.props):
                edits.acknowledged += 1
                refreshed += 1  # written for its hash alone: counted as its nested records say
            else:
                edits.check(_what(label, node_id), old, node.props, node.kinds)
                if _moved_only(old.props, node.props) and not rewrite and node_id not in touched:
                    moved += 1
                continue
        if node_id in touched:
            nested += 1
        else:
            unchanged += 1
    absent = [node_id for node_id in have if node_id not in want and node_id not in (skip or {})]
    if prune:
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
    row = _row_of(want)
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


def _plan_links(
    desired: Records,
    current: Records,
    prune: bool,
    rewritten: set[str],
    touched: set[str],
    deletes: _Steps,
    merges: _Steps,
    edits: _Edits,
) -> dict[Section, Planned]:
    """Links, base and scenario-added ones each with their own counts (and steps)."""
    have: dict[str, list[LinkRecord]] = {}
    for link in current.links:
        have.setdefault(link.id, []).append(link)
    wanted = desired.link_ids()
    sections = (Section.LINKS, Section.SCENARIO_LINKS)
    # positions in desired.links, by section and type
    create: dict[tuple[Section, LinkType], list[int]] = {}
    update: dict[tuple[Section, LinkType], list[int]] = {}
    moved: list[LinkRecord] = []
    tally = {section: dict.fromkeys(("nested", "unchanged", "moved", "refreshed"), 0)
             for section in sections}  # fmt: skip
    for position, link in enumerate(desired.links):
        section = _link_section(link)
        counts = tally[section]
        existing = have.get(link.id, [])
        ends = (link.type, link.source, link.target)
        same = next((old for old in existing if (old.type, old.source, old.target) == ends), None)
        moved.extend(old for old in existing if old is not same)  # a changed end, or a twin
        if not existing:
            create.setdefault((section, link.type), []).append(position)
            continue
        alone = same is not None and len(existing) == 1
        rewrite = bool({link.source, link.target} & rewritten)
        if not alone or rewrite or same is None or same.props != link.props:
            update.setdefault((section, link.type), []).append(position)
            if alone and not rewrite and same is not None and _acknowledges(same.props, link.props):
                edits.acknowledged += 1
                counts["refreshed"] += 1
            else:
                for old in existing:
                    edits.check(f"link {link.id}", old, link.props)
                if (
                    alone
                    and same is not None
                    and _moved_only(same.props, link.props)
                    and not rewrite
                    and link.id not in touched
                ):
                    counts["moved"] += 1
                continue
        counts["nested" if link.id in touched else "unchanged"] += 1
    wanted_ids = set(wanted)
    absent = [link for link in current.links if link.id not in wanted_ids]
    gone = [link for link in absent if prune and link.marked]
    for link in gone:
        edits.check(f"link {link.id}", link, None)
    moved_by = _group(moved, lambda link: link.type)
    gone_by = _group(gone, lambda link: (_link_section(link), link.type))
    links = desired.links

    def row(position: int) -> dict[str, Any]:
        return _link_row(links[position])

    for link_type in LinkType:
        deletes.add(
            DELETE_LINKS,
            [_link_row(old, props=False) for old in moved_by.get(link_type, ())],
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
