"""The export formats: one registry row per format, naming the function that renders it.

Imported when the CLI starts (for the `--format` choices), so it holds plain data only; each
renderer is imported by name when a file of its format is written.

A *view* format renders one scenario view (or the base graph): its renderer takes an
`ExportGraph` (see `scenarios.export.records`) and a `note` callback (for what the user should
hear on stderr: a font fallback, the import command), and returns the file's text or bytes, or
a mapping of file-name suffix to content when the format is several files. A *dataset* format
renders the whole dataset once: its renderer takes the `Dataset` and returns text or bytes.
Adding a format is one row in `FORMATS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, NamedTuple

VIEW = "view"
DATASET = "dataset"

Rendered = str | bytes | Mapping[str, str | bytes]
Note = Callable[[str], None]  # tells the user something on stderr (a fallback, a next step)


class Format(NamedTuple):
    """One export format and what opens it."""

    name: str  # the `--format` value
    title: str  # what people call it
    suffixes: tuple[str, ...]  # file suffixes written, in order (several: a multi-file format)
    opens_in: str  # tools that open the file as-is
    renderer: str  # "module:function", imported on first use
    scope: str = VIEW  # VIEW: one file per scenario view; DATASET: one for the whole dataset
    binary: bool = False
    uses_layout: bool = False  # draws actors where the stable layout puts them

    @property
    def multi_file(self) -> bool:
        return len(self.suffixes) > 1

    def render_function(self) -> Callable[[Any], Rendered]:
        module, _, function = self.renderer.partition(":")
        render: Callable[[Any], Rendered] = getattr(importlib.import_module(module), function)
        return render


FORMATS: tuple[Format, ...] = (
    Format(
        "graphml",
        "GraphML",
        (".graphml",),
        "Gephi, yEd, Cytoscape, igraph, networkx",
        "scenarios.export.graphml:to_graphml",
    ),
    Format(
        "gexf",
        "GEXF",
        (".gexf",),
        "Gephi (with colours, layout and a timeline), networkx",
        "scenarios.export.gexf:to_gexf",
        uses_layout=True,
    ),
    Format(
        "json",
        "node-link JSON",
        (".json",),
        "networkx (node_link_graph), D3.js, any JSON reader",
        "scenarios.export.jsonfmt:to_node_link",
    ),
    Format(
        "cytoscape",
        "Cytoscape.js elements JSON",
        (".cyjs",),
        "Cytoscape desktop (File > Import > Network from File), Cytoscape.js",
        "scenarios.export.jsonfmt:to_cytoscape",
        uses_layout=True,
    ),
    Format(
        "csv",
        "neo4j-admin import CSV",
        (".nodes.csv", ".relationships.csv"),
        "neo4j-admin database import, spreadsheets",
        "scenarios.export.neo4j_csv:to_neo4j_csv",
    ),
    Format(
        "dot",
        "Graphviz DOT",
        (".dot",),
        "Graphviz (dot, neato -n2), Gephi, networkx (pydot)",
        "scenarios.export.dot:to_dot",
        uses_layout=True,
    ),
    Format(
        "html",
        "interactive HTML page",
        (".html",),
        "any web browser, offline (one self-contained file)",
        "scenarios.export.html:to_html",
        uses_layout=True,
    ),
    Format(
        "svg",
        "SVG picture",
        (".svg",),
        "web browsers, Inkscape, slides, documents",
        "scenarios.export.picture:to_svg",
        uses_layout=True,
    ),
    Format(
        "png",
        "PNG picture",
        (".png",),
        "any image viewer, slides, documents",
        "scenarios.export.picture:to_png",
        binary=True,
        uses_layout=True,
    ),
    Format(
        "cypher",
        "Cypher script",
        (".cypher",),
        "Neo4j Browser, cypher-shell -f (recreates what `scenarios load` writes)",
        "scenarios.export.cypher:to_cypher_script",
        scope=DATASET,
    ),
)

FORMAT_BY_NAME: Mapping[str, Format] = {f.name: f for f in FORMATS}

# The `--format` choices, derived from the registry so a new row needs no second edit.
ExportFormat = StrEnum("ExportFormat", [(f.name.upper(), f.name) for f in FORMATS])  # type: ignore[misc]


class Lang(StrEnum):
    """Which of an actor's names labels it."""

    EN = "en"
    JA = "ja"


def format_for_suffix(filename: str) -> Format | None:
    """The format whose (single) suffix `filename` ends with, or None.

    >>> format_for_suffix("new-yalta.graphml").name
    'graphml'
    """
    lowered = filename.lower()
    aliases = {".gv": "dot", ".htm": "html", ".xml": None}
    for suffix, name in aliases.items():
        if lowered.endswith(suffix):
            return FORMAT_BY_NAME[name] if name else None
    matches = [f for f in FORMATS if not f.multi_file and lowered.endswith(f.suffixes[0])]
    return max(matches, key=lambda f: len(f.suffixes[0]), default=None)
