"""Graphviz DOT: a drawing of the view that also carries its data.

Every actor is a box labelled with its name (tinted with its kind's colour, key actors with a
heavy black border), every link its own
edge (`dir=none` for two-way types), top dependencies heavy and dark with their rank as the
edge label. Each element's data attributes are written too, so pydot or networkx can read
them back; a node's `label` is the name Graphviz draws, its `name` is written `name_en` (pydot
reserves `name`), and the three edge attributes whose names Graphviz gives a meaning to are
renamed: `label` (the link label) -> `link_label`, `weight` (dot wants an integer layout
weight) -> `link_weight`, `rank` -> `dependency_rank`; the view's own attributes are graph
attributes prefixed `view_` (`view_key_actors`).
Nodes carry `pos` from the stable layout: `neato
-n2` draws that layout as-is, `dot` and `neato` compute their own. Text is UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scenarios.export import style
from scenarios.export.formats import Note
from scenarios.export.records import Attr, ExportGraph, Value, flat, items, whole

POINTS = 720.0  # layout units -> points (10 inches)
EDGE_RENAMES = {"label": "link_label", "weight": "link_weight", "rank": "dependency_rank"}
NODE_RENAMES = {"name": "name_en"}  # pydot (and so networkx.read_dot) reserves `name`


def quote(text: str) -> str:
    r"""A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`.

    >>> print(quote('say "hi"\nthere'))
    "say \"hi\"\nthere"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\n", "\\n") + '"'


def _value(value: Value, attr: Attr) -> str:
    scalar = flat(value, attr)
    if isinstance(scalar, bool):
        return quote("true" if scalar else "false")
    return quote(str(scalar))


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{name}={text}" for name, text in pairs)


def _data(
    values: Mapping[str, Value], attrs: Iterable[Attr], renames: Mapping[str, str]
) -> list[tuple[str, str]]:
    return [
        (renames.get(a.name, a.name), _value(values[a.name], a)) for a in attrs if a.name in values
    ]


def to_dot(graph: ExportGraph, note: Note | None = None) -> str:
    """The view as a DOT digraph."""
    values = graph.graph
    title = graph.title + (f" — as of {values['as_of']}" if values.get("as_of") else "")
    lines = [
        f"// {values.get('generator', 'scenarios')}: {graph.title} ({graph.name})",
        "// draw: dot -Tsvg FILE (hierarchical), neato -n2 -Tsvg FILE (the stable layout)",
        f"digraph {quote(graph.name)} {{",
        "  graph ["
        + _attributes(
            [
                ("label", quote(title)),
                ("labelloc", '"t"'),
                ("fontname", '"Helvetica"'),
                ("fontsize", "18"),
                ("overlap", '"false"'),
                ("outputorder", '"edgesfirst"'),
                *(
                    (f"view_{a.name}", _value(values[a.name], a))
                    for a in graph.graph_attrs
                    if a.name in values and a.name not in {"name", "title"}
                ),
            ]
        )
        + "];",
        '  node [shape="box", style="rounded,filled", fontname="Helvetica", fontsize="10", '
        'margin="0.08,0.03", height="0.3"];',
        '  edge [color="' + style.TIE_COLOUR + '", arrowsize="0.6", fontname="Helvetica", '
        'fontsize="9"];',
    ]
    for node in graph.nodes:
        nv = node.values
        is_key = bool(nv.get("is_key_actor"))
        colour = style.kind_colour(str(nv.get("kind", "")))
        pairs = [
            ("fillcolor", quote(colour + "66")),  # the kind's colour, light enough for text
            ("color", quote(style.KEY_RING if is_key else colour)),
            ("penwidth", '"3"' if is_key else '"1.2"'),
            ("tooltip", quote(_node_tooltip(nv))),
        ]
        if is_key:
            pairs.append(("fontname", '"Helvetica-Bold"'))
        if node.id in graph.positions:
            x, y = graph.positions[node.id]
            pairs.append(("pos", quote(f"{x * POINTS:.1f},{y * POINTS:.1f}!")))
        pairs += _data(nv, graph.node_attrs, NODE_RENAMES)
        lines.append(f"  {quote(node.id)} [{_attributes(pairs)}];")
    best = style.best_score(graph)
    for edge in graph.edges:
        ev = edge.values
        look = style.edge_look(ev, best)
        pairs = [
            ("id", quote(edge.id)),
            ("tooltip", quote(_edge_tooltip(ev))),
            ("penwidth", quote(f"{look.width:.2f}")),
        ]
        if look.colour != style.TIE_COLOUR:
            pairs.append(("color", quote(look.colour)))
        if look.dashed:
            pairs.append(("style", '"dashed"'))
        if ev.get("top_dependency"):
            pairs.append(("label", quote(str(whole(ev, "rank")))))
        if ev.get("direction") == "symmetric":
            pairs.append(("dir", '"none"'))
        pairs += _data(ev, (a for a in graph.edge_attrs if a.name != "id"), EDGE_RENAMES)
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)} [{_attributes(pairs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_tooltip(values: Mapping[str, Value]) -> str:
    parts = [str(values.get("name", ""))]
    if values.get("name_ja"):
        parts[0] += f" ({values['name_ja']})"
    parts.append(str(values.get("kind", "")))
    if values.get("description"):
        parts.append(str(values["description"]))
    return "\n".join(parts)


def _edge_tooltip(values: Mapping[str, Value]) -> str:
    head = f"{values.get('label', '')} [{values.get('link_type', '')}]"
    head += f"  strength {values.get('strength')} x confidence {values.get('confidence')}"
    parts = [head]
    if values.get("why"):
        parts.append(f"#{values.get('rank')}: {values['why']}")
    parts += items(values, "evidence")
    return "\n".join(parts)
