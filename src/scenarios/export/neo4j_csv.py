"""CSV for `neo4j-admin database import`: a nodes file and a relationships file.

The header row follows the import tool's documented format: `id:ID(Actor)` for the actors'
ids (an id space, stored as the `id` property), `:LABEL` (`Actor` plus the kind's label, e.g.
`Actor;Leader`), `:START_ID(Actor)`, `:END_ID(Actor)` and `:TYPE` (the link type's
relationship type, e.g. `NEGOTIATES_WITH`), then one `name:type` column per property:
`double` for the 0..1 measures (the tool's `float` is single precision and would turn 0.9
into 0.899999976), `int`, `boolean`, `date` for the first and last days of a link's date,
and `string[]` for lists. An absent value is an empty, unquoted field, which the tool skips.

Array items are separated by `;`, the tool's default, unless some item itself contains a
`;` (evidence paraphrases often do): then the first of `|`, `¦`, `␟` that no item contains is
used, and the import needs `--array-delimiter` with it; `import_command()` prints the exact
command. Labels use the same delimiter.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from scenarios.errors import OutputError
from scenarios.export.formats import Note
from scenarios.export.records import Attr, AttrType, ExportGraph, Value, flat, items
from scenarios.vocab import ActorKind, LinkType

ID_SPACE = "Actor"
NODE_LABEL = "Actor"
DEFAULT_DELIMITER = ";"
DELIMITERS = (DEFAULT_DELIMITER, "|", "¦", "␟")
NODES_SUFFIX = ".nodes.csv"
RELATIONSHIPS_SUFFIX = ".relationships.csv"

_TYPES = {
    AttrType.STRING: "string",
    AttrType.FLOAT: "double",
    AttrType.INT: "int",
    AttrType.BOOL: "boolean",
    AttrType.DATE: "date",
    AttrType.LIST: "string[]",
}


def header_field(attr: Attr) -> str:
    """A property column's header: `strength:double`, `aliases:string[]`, `name` (string)."""
    kind = _TYPES[attr.type]
    return attr.name if kind == "string" else f"{attr.name}:{kind}"


def array_delimiter(graph: ExportGraph) -> str:
    """`;` unless an array item or label contains it; else the first delimiter none contains."""
    elements = [
        item
        for records, attrs in ((graph.nodes, graph.node_attrs), (graph.edges, graph.edge_attrs))
        for record in records
        for attr in attrs
        if attr.type is AttrType.LIST
        for item in items(record.values, attr.name)
    ]
    for candidate in DELIMITERS:
        if not any(candidate in item for item in elements):
            return candidate
    raise OutputError(
        f"every array delimiter ({' '.join(DELIMITERS)}) occurs in the data of {graph.name}",
        hint="export another format, e.g. --format graphml",
    )


def import_command(graph: ExportGraph, database: str = "neo4j") -> str:
    """The `neo4j-admin` command that imports the two files of this view.

    The database name comes right after `full`, before the options: from Neo4j 5.19 a
    trailing name is read as one more file (docs/neo4j.md, "What real Neo4j does").
    """
    delimiter = array_delimiter(graph)
    option = (
        ""
        if delimiter == DEFAULT_DELIMITER
        else f" --array-delimiter='{_delimiter_option(delimiter)}'"
    )
    return (
        f"neo4j-admin database import full {database}{option}"
        f" --nodes={graph.name}{NODES_SUFFIX} --relationships={graph.name}{RELATIONSHIPS_SUFFIX}"
    )


def _delimiter_option(delimiter: str) -> str:
    return delimiter if delimiter.isascii() else f"U+{ord(delimiter):04X}"


def to_neo4j_csv(graph: ExportGraph, note: Note | None = None) -> dict[str, str]:
    """The nodes and relationships files, by suffix; `note` is told the import command."""
    delimiter = array_delimiter(graph)
    if note is not None:
        note(f"import {graph.name} into an empty database with: {import_command(graph)}")
    kinds = {kind.value: kind for kind in ActorKind}
    node_attrs = list(graph.node_attrs)
    nodes_header = [f"id:ID({ID_SPACE})", ":LABEL", *(header_field(a) for a in node_attrs)]
    node_rows = []
    for node in graph.nodes:
        kind = kinds.get(str(node.values.get("kind", "")))
        labels = [NODE_LABEL, *([kind.label] if kind else [])]
        node_rows.append(
            [
                node.id,
                delimiter.join(labels),
                *(_cell(node.values.get(a.name), a, delimiter) for a in node_attrs),
            ]
        )
    types = {t.value: t for t in LinkType}
    edge_attrs = list(graph.edge_attrs)
    edges_header = [
        f":START_ID({ID_SPACE})",
        f":END_ID({ID_SPACE})",
        ":TYPE",
        *(header_field(a) for a in edge_attrs),
    ]
    edge_rows = []
    for edge in graph.edges:
        link_type = str(edge.values.get("link_type", ""))
        rel_type = types[link_type].rel_type if link_type in types else "LINKS"
        edge_rows.append(
            [
                edge.source,
                edge.target,
                rel_type,
                *(_cell(edge.values.get(a.name), a, delimiter) for a in edge_attrs),
            ]
        )
    return {
        NODES_SUFFIX: _csv(nodes_header, node_rows),
        RELATIONSHIPS_SUFFIX: _csv(edges_header, edge_rows),
    }


def _cell(value: Value | None, attr: Attr, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return delimiter.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(flat(value, attr))


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
