"""JSON exports: networkx node-link JSON and a Cytoscape.js / Cytoscape desktop elements file.

JSON has lists, so list attributes stay arrays here (`aliases`, `evidence`, `speakers`, ...);
dates are ISO text. Both files are written sorted the same way as the dataset (actors, then
links in file order), with non-ASCII text as-is, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from scenarios.export.formats import Note
from scenarios.export.records import ExportGraph, Value

CYTOSCAPE_SCALE = 1000.0  # layout units -> Cytoscape model coordinates (y grows downwards)


def to_node_link(graph: ExportGraph, note: Note | None = None) -> str:
    """networkx node-link JSON: `nx.node_link_graph(json.load(f), edges="edges")` reads it.

    Edges carry `key` (the link id, networkx's multigraph key) and `id`.
    """
    document = {
        "directed": True,
        "multigraph": True,
        "graph": _plain(graph.graph),
        "nodes": [{"id": node.id, **_plain(node.values)} for node in graph.nodes],
        "edges": [
            {"source": e.source, "target": e.target, "key": e.id, **_plain(e.values)}
            for e in graph.edges
        ],
    }
    return _dumps(document)


def to_cytoscape(graph: ExportGraph, note: Note | None = None) -> str:
    """A Cytoscape elements document: `cytoscape({elements: doc.elements})` or File > Import."""
    return _dumps(cytoscape_document(graph))


def cytoscape_document(
    graph: ExportGraph, extra: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """The elements document; `extra` adds fields to the `data` of the elements it names."""
    extra = extra or {}
    node_ids = {node.id for node in graph.nodes}
    nodes = []
    for node in graph.nodes:
        element: dict[str, Any] = {
            "data": {"id": node.id, **_plain(node.values), **extra.get(node.id, {})}
        }
        if node.id in graph.positions:
            x, y = graph.positions[node.id]
            element["position"] = {
                "x": round(x * CYTOSCAPE_SCALE, 1),
                "y": round((1.0 - y) * CYTOSCAPE_SCALE, 1),
            }
        nodes.append(element)
    edges = []
    for edge in graph.edges:
        data = _plain(edge.values)
        # Cytoscape ids are shared by nodes and edges; a link id equal to an actor id is prefixed
        data["id"] = f"link:{edge.id}" if edge.id in node_ids else edge.id
        data["source"], data["target"] = edge.source, edge.target
        data["interaction"] = data.get("link_type", "")
        edges.append({"data": {**data, **extra.get(edge.id, {})}})
    return {
        "format_version": "1.0",
        "generated_by": str(graph.graph.get("generator", "scenarios")),
        "target_cytoscapejs_version": "~3.34",
        "data": {"name": graph.name, **_plain(graph.graph)},
        "elements": {"nodes": nodes, "edges": edges},
    }


def _plain(values: Mapping[str, Value]) -> dict[str, Any]:
    return {k: _json_value(v) for k, v in values.items()}


def _json_value(value: Value) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
