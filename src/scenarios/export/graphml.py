"""GraphML through networkx's writer: typed keys, one `<edge>` per link, ids kept.

Keys are declared with their name and type (`attr.type` string, double, long, boolean;
booleans spelt `true`/`false`). GraphML has no list or date type: lists are joined and dates
written as ISO text (`flat`). Each edge's XML id is its link id, and the link id is also the
`id` data attribute: igraph 1.0 reads edge XML ids wrongly (it hands back vertex ids), and with
the attribute present it keeps that instead (printing a warning that it did).
"""

from __future__ import annotations

import io
import re
from typing import Any

from scenarios.export.formats import Note
from scenarios.export.records import ExportGraph, flat


def to_networkx(graph: ExportGraph) -> Any:
    """The view as a networkx MultiDiGraph with scalar attributes; edge keys are link ids."""
    import networkx as nx

    result = nx.MultiDiGraph()
    for attr in graph.graph_attrs:
        if attr.name in graph.graph:
            result.graph[attr.name] = flat(graph.graph[attr.name], attr)
    for node in graph.nodes:
        values = node.values
        data = {a.name: flat(values[a.name], a) for a in graph.node_attrs if a.name in values}
        result.add_node(node.id, **data)
    for edge in graph.edges:
        values = edge.values
        data = {a.name: flat(values[a.name], a) for a in graph.edge_attrs if a.name in values}
        result.add_edge(edge.source, edge.target, key=edge.id, **data)
    return result


def to_graphml(graph: ExportGraph, note: Note | None = None) -> bytes:
    """The view as a GraphML document (UTF-8)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml_xml(to_networkx(graph), buffer, encoding="utf-8")
    return _xsd_booleans(buffer.getvalue())


def _xsd_booleans(document: bytes) -> bytes:
    """Booleans as XML Schema spells them (`true`), not as Python does (`True`)."""
    pattern = rb'<key id="([^"]+)" for="[a-z]+" attr.name="[^"]*" attr.type="boolean"'
    for key in re.findall(pattern, document):
        for word in (b"True", b"False"):
            document = document.replace(
                b'<data key="' + key + b'">' + word + b"</data>",
                b'<data key="' + key + b'">' + word.lower() + b"</data>",
            )
    return document
