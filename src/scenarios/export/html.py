"""A self-contained interactive HTML page of a view: one file, no network, works offline.

The page inlines Cytoscape.js (vendored in `assets/`, see `assets/README.md`), its own script
and style, and the view as Cytoscape elements JSON (`jsonfmt.cytoscape_document`, the same as
the `cytoscape` export) with a few drawing fields (`ui_*`). A Content-Security-Policy forbids
every fetch, so the page cannot reach the network even by accident. Actors sit where the
stable layout puts them, coloured by kind; the top dependencies are dark, heavy and numbered;
pointing at an actor or link shows its details and evidence in the side panel.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from scenarios.export import style
from scenarios.export.formats import Note
from scenarios.export.jsonfmt import cytoscape_document
from scenarios.export.records import ExportGraph, items
from scenarios.reports.wording import clocks_caption, heavy_legend

LIBRARY = "cytoscape.min.js"
LIBRARY_NOTICE = "Cytoscape.js 3.34.4, (c) 2016-2026 The Cytoscape Consortium, MIT licence"


@cache
def asset(name: str) -> str:
    """The text of a file in `scenarios/export/assets/`."""
    return resources.files("scenarios.export").joinpath("assets", name).read_text("utf-8")


def to_html(graph: ExportGraph, note: Note | None = None) -> str:
    """The view as one HTML document with everything inlined."""
    document = cytoscape_document(graph, extra=_drawing(graph))
    document["legend"] = _legend(graph)
    document["top"] = graph.drawn_heavy  # "#2 (top 3)": the channels drawn heavy
    values = graph.graph
    heading = graph.title
    if values.get("title_ja"):
        heading += f" ({values['title_ja']})"
    fields = {
        "title": html.escape(graph.title),
        "heading": html.escape(heading),
        "subtitle": html.escape(_subtitle(graph)),
        "footer": html.escape(_footer(graph)),
        "generator": html.escape(str(values.get("generator", "scenarios"))),
        "css": asset("view.css"),
        "data": _script_json(document),
        "library_notice": LIBRARY_NOTICE,
        "library": _script_text(asset(LIBRARY)),
        "script": _script_text(asset("view.js")),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: fields[m.group(1)], asset("view.html"))


def _script_json(document: Any) -> str:
    """JSON safe inside <script>: no `<`, `>` or `&` can end the element or open a comment."""
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _script_text(code: str) -> str:
    if "</script" in code.lower():
        raise ValueError("inline script contains '</script'")
    return code


def _drawing(graph: ExportGraph) -> dict[str, dict[str, Any]]:
    """The `ui_*` fields Cytoscape's style maps: colour, size, border, width, arrow."""
    extra: dict[str, dict[str, Any]] = {}
    for node in graph.nodes:
        is_key = bool(node.values.get("is_key_actor"))
        extra[node.id] = {
            "ui_colour": style.kind_colour(str(node.values.get("kind", ""))),
            "ui_size": 26 if is_key else 16,
            "ui_border": 4 if is_key else 0,
        }
    best = style.best_score(graph)
    for edge in graph.edges:
        values = edge.values
        colour, width, _ = style.edge_look(values, best)
        extra[edge.id] = {
            "ui_colour": colour,
            "ui_width": round(width, 2),
            "ui_arrow": "none" if values.get("direction") == "symmetric" else "triangle",
        }
    return extra


def _legend(graph: ExportGraph) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for node in graph.nodes:
        kind = str(node.values.get("kind", ""))
        counts[kind] = counts.get(kind, 0) + 1
    kinds = [
        {"kind": style.kind_words(kind), "colour": style.kind_colour(kind), "count": count}
        for kind, count in counts.items()
    ]
    lines: list[dict[str, Any]] = []
    if any(n.values.get("is_key_actor") for n in graph.nodes):
        lines.append({"kind": "key", "text": "key actor"})
    if any(e.values.get("top_dependency") for e in graph.edges):
        lines.append(
            {
                "kind": "top",
                "colour": style.TOP_COLOUR,
                "width": 5,
                "text": f"{heavy_legend(graph.drawn_heavy)} (number: rank; width: score)",
            }
        )
    lines.append(
        {
            "kind": "tie",
            "colour": style.TIE_COLOUR,
            "width": 2,
            "text": "link (width: weight; arrow: direction)",
        }
    )
    if any(e.values.get("status") == "added" for e in graph.edges):
        lines.append(
            {
                "kind": "added",
                "colour": style.ADDED_COLOUR,
                "width": 2,
                "dashed": True,
                "text": "added by the scenario",
            }
        )
    return {"kinds": kinds, "lines": lines}


def _subtitle(graph: ExportGraph) -> str:
    values = graph.graph
    parts = []
    if graph.is_scenario:
        names = {n.id: str(n.values.get("label", n.id)) for n in graph.nodes}
        keys = [names.get(k, k) for k in items(values, "key_actors")]
        parts.append("Key actors: " + ", ".join(keys) + ".")
    if values.get("description"):
        parts.append(str(values["description"]))
    parts.append(f"{len(graph.nodes)} actors, {len(graph.edges)} links.")
    if values.get("as_of") or values.get("known_by"):
        parts.append(clocks_caption(values.get("as_of"), values.get("known_by")))
    return " ".join(parts)


def _footer(graph: ExportGraph) -> str:
    command = " ".join(
        ["scenarios export", *([graph.name] if graph.is_scenario else []), "--format html"]
    )
    return (
        f"Written by {graph.graph.get('generator', 'scenarios')} ({command}). "
        f"Drawn with {LIBRARY_NOTICE}."
    )
