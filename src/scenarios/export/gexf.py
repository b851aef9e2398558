"""GEXF 1.2 through networkx's writer, with Gephi's colours, positions and timeline.

Attributes are declared with their type (string, double, long, boolean); lists are joined and
dates written as ISO text (`flat`). On top of the data, each actor carries `viz` colour (by
kind), size (key actors larger) and position (the stable layout), and each link `viz` colour
and thickness (top dependencies dark and heavy), so Gephi opens the view looking like the
picture. A dated link starts on the day it has certainly begun (a GEXF spell from
`date_counted_from`), so Gephi's timeline replays `--as-of`; undated links are there
throughout.

networkx stores a multigraph's edge key in an extra `networkx_key` attribute; the key is the
link id, which is already the GEXF edge id, so that attribute is dropped from the file. GEXF
has no graph attributes: the view's title, description and key actors are the `<meta>`
description.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax.saxutils import escape

from scenarios.export import style
from scenarios.export.formats import Note
from scenarios.export.records import ExportGraph, flat, items
from scenarios.reports.wording import clocks_caption

SCALE = 1000.0  # layout units -> GEXF viz units


def to_gexf(graph: ExportGraph, note: Note | None = None) -> bytes:
    """The view as a GEXF 1.2 document (UTF-8)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(_to_networkx(graph), buffer, encoding="utf-8", version="1.2draft")
    return _drop_networkx_key(_meta(buffer.getvalue(), graph))


def _meta(document: bytes, graph: ExportGraph) -> bytes:
    """Our own `<meta>`: no date (same input, same file), the view described in words.

    GEXF has no graph-level attributes, so the title, description and key actors go here.
    """
    values = graph.graph
    about = [f"{graph.title} ({graph.name})."]
    if values.get("description"):
        about.append(str(values["description"]))
    if values.get("key_actors"):
        about.append("Key actors: " + ", ".join(items(values, "key_actors")) + ".")
    if values.get("as_of") or values.get("known_by"):
        about.append(clocks_caption(values.get("as_of"), values.get("known_by")))
    meta = (
        "<meta>\n"
        f"    <creator>{escape(str(values.get('generator', 'scenarios')))}</creator>\n"
        f"    <description>{escape(' '.join(about))}</description>\n"
        "  </meta>"
    ).encode()
    return re.sub(rb"<meta[^>]*>.*?</meta>", lambda _: meta, document, count=1, flags=re.DOTALL)


def _to_networkx(graph: ExportGraph) -> Any:
    import networkx as nx

    result = nx.MultiDiGraph()
    for attr in graph.graph_attrs:
        if attr.name in graph.graph:
            result.graph[attr.name] = flat(graph.graph[attr.name], attr)
    for node in graph.nodes:
        data: dict[str, Any] = {
            a.name: flat(node.values[a.name], a) for a in graph.node_attrs if a.name in node.values
        }
        red, green, blue = style.hex_rgb(style.kind_colour(str(node.values.get("kind", ""))))
        viz: dict[str, Any] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "size": 16.0 if node.values.get("is_key_actor") else 10.0,
        }
        if node.id in graph.positions:
            x, y = graph.positions[node.id]
            viz["position"] = {"x": round(x * SCALE, 1), "y": round(y * SCALE, 1), "z": 0.0}
        data["viz"] = viz
        result.add_node(node.id, **data)
    best = style.best_score(graph)
    for edge in graph.edges:
        values = edge.values
        data = {a.name: flat(values[a.name], a) for a in graph.edge_attrs if a.name in values}
        colour, thickness, _ = style.edge_look(values, best)
        red, green, blue = style.hex_rgb(colour)
        data["viz"] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "thickness": round(thickness, 2),
        }
        if "date_counted_from" in values:  # Gephi's timeline: from the day it certainly began
            start = graph.attr("edge", "date_counted_from")
            data["start"] = flat(values["date_counted_from"], start)
        result.add_edge(edge.source, edge.target, key=edge.id, **data)
    return result


def _drop_networkx_key(document: bytes) -> bytes:
    match = re.search(rb'<attribute id="(\d+)" title="networkx_key" type="string" />\s*', document)
    if match is None:
        return document
    attr_id = match.group(1)
    document = document[: match.start()] + document[match.end() :]
    return re.sub(rb'\s*<attvalue for="' + attr_id + rb'" value="[^"]*" />', b"", document)
