"""The database as dataset files would hold it, for `scenarios pull`; what they cannot, set aside.

`pull` reads the graph exactly as `--source neo4j` does (`records.raw_dataset`, then the
dataset validator), except that what the format has no place for is set aside and counted
instead of failing the read: a property that is no field of its entry (the fields come from
`scenarios.dataset.fields`, the table the validator uses), a label beside an actor's kind,
nodes of other labels and relationships of other types (counted by the store), and records left
without their parent (the evidence of a link deleted in Neo4j Browser, a change of a deleted
scenario). Everything else wrong is wrong as in a file: a `DataError` naming the entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from scenarios.dataset.fields import TABLES, Table
from scenarios.dataset.validate import Document, build_dataset
from scenarios.model import Dataset
from scenarios.store.records import (
    CHILD_PARENT,
    SECTION_LABEL,
    GraphRecords,
    NodeLabel,
    Section,
    raw_dataset,
)


@dataclass(frozen=True, slots=True)
class SetAside:
    """Something in the database the dataset files cannot hold: kept there, not pulled."""

    what: str  # property, label, node, relationship, orphan
    where: str  # the entry (`actors[putin]`) or, for nodes and relationships, their labels/type
    detail: str  # the property or label's name, or what an orphan belonged to
    count: int = 1


@dataclass(frozen=True)
class ReadBack:
    """The dataset the database holds, its sections as file entries, and what was set aside."""

    dataset: Dataset
    raw: Mapping[str, list[Any]]  # section -> entries, with only the format's fields
    set_aside: tuple[SetAside, ...]


def read_back(
    records: GraphRecords, origin: str, foreign: Sequence[tuple[str, str, int]] = ()
) -> ReadBack:
    """Decode `records` like `records.decode`, setting aside what the format cannot hold.

    `foreign`: ("node" or "relationship", labels or type, count) of what the store did not read.
    Raises `DataError` for what is wrong in a way a file could be wrong too.
    """
    aside: list[SetAside] = []
    kept = _without_orphans(records, aside)
    value, problems = raw_dataset(kept, origin)
    for (label, ident), labels in sorted(records.extra_labels.items()):
        for name in labels:
            aside.append(SetAside("label", f"{_section(label)}[{ident}]", name))
    for section, entries in value.items():
        table = TABLES[section]
        for entry in entries:
            key = entry.get(table.key or "id") if isinstance(entry, dict) else None
            _strip(entry, table, f"{section}[{key}]", aside)
    for kind, what, count in foreign:
        aside.append(SetAside(kind, what, f"{count} {kind}{'s' if count != 1 else ''}", count))
    dataset = build_dataset([Document(origin, value)], origin=origin, problems=problems)
    return ReadBack(dataset, value, tuple(aside))


_SECTION_OF = {label: section.value for section, label in SECTION_LABEL.items()}


def _section(label: NodeLabel) -> str:
    return _SECTION_OF.get(label, label.value)


def _strip(entry: Any, table: Table, where: str, aside: list[SetAside]) -> None:
    """Drop (and record) the properties that are no field of `table`, in nested entries too."""
    if not isinstance(entry, dict):
        return
    for key in [k for k in entry if table.field(k) is None]:
        del entry[key]
        aside.append(SetAside("property", where, key))
    for spec in table.fields:
        items = entry.get(spec.name)
        if spec.entries is None or not isinstance(items, list):
            continue
        nested = TABLES[spec.entries]
        for index, item in enumerate(items):
            ident = item.get(nested.key) if nested.key and isinstance(item, dict) else index
            _strip(item, nested, f"{where}.{spec.name}[{ident}]", aside)


def _without_orphans(records: GraphRecords, aside: list[SetAside]) -> GraphRecords:
    """The records less the nested ones whose parent is gone, and the links a deleted
    scenario added (each recorded in `aside`)."""
    link_ids = {link.id for link in records.links}
    scenario_ids = set(records.nodes[NodeLabel.SCENARIO])
    nodes = dict(records.nodes)
    for label, (parent_key, section) in CHILD_PARENT.items():
        parents = link_ids if section is Section.LINKS else set(nodes[SECTION_LABEL[section]])
        keep = {}
        for ident, node in records.nodes[label].items():
            parent = node.props.get(parent_key)
            if parent in parents:
                keep[ident] = node
            else:
                aside.append(
                    SetAside("orphan", f"{label.value}[{ident}]", f"{parent_key} {parent!r}")
                )
        nodes[label] = keep
    links = []
    for link in records.links:
        added_by = link.props.get("added_by")
        if added_by is not None and added_by not in scenario_ids:
            aside.append(SetAside("orphan", f"links[{link.id}]", f"scenario {added_by!r}"))
            continue
        links.append(link)
    key_actors = {
        key: tie for key, tie in records.key_actors.items() if tie.scenario in scenario_ids
    }
    return replace(records, nodes=nodes, links=links, key_actors=key_actors)
