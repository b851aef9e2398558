"""SVG and PNG pictures of a view: actors coloured by kind, top dependencies heavy, a legend.

Drawn with matplotlib (imported here only, never on the CLI's start-up path) on the dataset's
stable layout (`scenarios.export.layout`), one line per tie: ordinary ties grey with width by
weight, links the scenario adds dashed green, the `top` ties the scenario depends on dark and
heavy with their rank. Key actors get a black ring and bold labels. The same input gives the
same bytes: no dates in the metadata, a fixed SVG id salt, text in SVG drawn as paths (so the
file needs no font to display).

Labels are the actors' names in the chosen language. When no installed font has the glyphs a
label needs (Japanese names on a machine without a CJK font), the picture falls back to the
English name (or the id) for that actor and says so through `note`.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from scenarios.export import style
from scenarios.export.formats import Note
from scenarios.export.records import ExportGraph, items, number, whole
from scenarios.reports.wording import heavy_caption, heavy_legend

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox


WIDTH_IN, HEIGHT_IN, DPI = 16.0, 10.0, 100
BASE_FONT = "DejaVu Sans"  # ships with matplotlib: Latin, Greek, Cyrillic, punctuation
# Families known to cover Japanese, tried first (then any installed font that has the glyphs).
CJK_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "Source Han Sans",
    "IPAexGothic",
    "IPAGothic",
    "IPAPGothic",
    "TakaoGothic",
    "VL Gothic",
    "Hiragino Sans",
    "Yu Gothic",
    "MS Gothic",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
)
HAlign = Literal["left", "center", "right"]
VAlign = Literal["bottom", "center", "top"]
CJK_HINT = "install a CJK font (Debian: apt-get install fonts-noto-cjk) to draw them"


def to_svg(graph: ExportGraph, note: Note | None = None) -> str:
    """The view as an SVG document (text drawn as paths)."""
    return _save(graph, note, "svg").decode("utf-8")


def to_png(graph: ExportGraph, note: Note | None = None) -> bytes:
    """The view as a PNG image, WIDTH_IN x HEIGHT_IN inches at DPI."""
    return _save(graph, note, "png")


def _save(graph: ExportGraph, note: Note | None, kind: str) -> bytes:
    from matplotlib import rc_context

    buffer = io.BytesIO()
    # matplotlib logs a line for every font lacking a bold face; the fallback is fine
    font_log = logging.getLogger("matplotlib.font_manager")
    level = font_log.level
    font_log.setLevel(logging.ERROR)
    try:
        with rc_context({"svg.hashsalt": "scenarios", "svg.fonttype": "path"}):
            figure = _figure(graph, note or _ignore)
            metadata = {"Date": None} if kind == "svg" else {"Software": None}
            figure.savefig(buffer, format=kind, dpi=DPI, metadata=metadata)
    finally:
        font_log.setLevel(level)
    return buffer.getvalue()


def _ignore(_: str) -> None:
    return None


# -- fonts -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FontChoice:
    families: tuple[str, ...]  # matplotlib font families, first choice first
    covered: frozenset[str]  # characters some family in `families` can draw


@cache
def _charmap(path: str) -> frozenset[str]:
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(chr(code) for code in FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def font_candidates() -> list[tuple[str, str]]:
    """Installed fonts as (family, file), CJK families first, then the rest by name.

    Besides matplotlib's cached font list, the system's font files are scanned, so a font
    installed after matplotlib built its cache is found too.
    """
    from matplotlib import font_manager

    entries = {(f.name, f.fname) for f in font_manager.fontManager.ttflist if f.style == "normal"}
    known = {path for _, path in entries}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                entries.add((font_manager.get_font(path).family_name, path))
            except (OSError, RuntimeError, ValueError):
                continue
    rank = {family: i for i, family in enumerate(CJK_FAMILIES)}
    return sorted(entries, key=lambda e: (rank.get(e[0], len(rank)), e[0], e[1]))


def choose_font(texts: Iterable[str]) -> FontChoice:
    """The base font, plus the first installed font that draws every character it cannot."""
    from matplotlib import font_manager

    needed = {ch for text in texts for ch in text if not ch.isspace()}
    base_path = font_manager.findfont(BASE_FONT, fallback_to_default=True)
    covered = set(_charmap(base_path))
    missing = needed - covered
    if not missing:
        return FontChoice((BASE_FONT,), frozenset(covered))
    # the first font with every missing glyph, else the one with the most (the rest fall back)
    best: tuple[int, str, str, frozenset[str]] = (0, "", "", frozenset())
    for family, path in font_candidates():
        chars = _charmap(path)
        found = len(missing & chars)
        if found > best[0]:
            best = (found, family, path, chars)
        if found == len(missing):
            break
    found, family, path, chars = best
    if not found:
        return FontChoice((BASE_FONT,), frozenset(covered))
    _register(family, path)
    return FontChoice((BASE_FONT, family), frozenset(covered | chars))


def _register(family: str, path: str) -> None:
    """Make sure matplotlib resolves `family` (a font found outside its cache)."""
    from matplotlib import font_manager

    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)


def drawable(text: str, font: FontChoice) -> bool:
    return all(ch.isspace() or ch in font.covered for ch in text)


def _labels(graph: ExportGraph, font: FontChoice, note: Note) -> dict[str, str]:
    labels: dict[str, str] = {}
    fell_back: list[str] = []
    for node in graph.nodes:
        label = str(node.values.get("label", node.id))
        if not drawable(label, font):
            fell_back.append(label)
            name = str(node.values.get("name", node.id))
            label = name if drawable(name, font) else node.id
        labels[node.id] = label
    if fell_back:
        sample = ", ".join(f"'{text}'" for text in fell_back[:3])
        note(
            f"warning: no installed font draws {len(fell_back)} of the labels (e.g. {sample}); "
            f"pictures use English names instead ({CJK_HINT})"
        )
    return labels


# -- drawing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tie:
    ends: tuple[str, str]
    weight: float
    added: bool
    rank: int
    score: float
    top: bool


def ties_of(graph: ExportGraph) -> list[_Tie]:
    """One entry per tie of the view (its links grouped), in first-link order."""
    grouped: dict[str, list[int]] = {}
    for index, edge in enumerate(graph.edges):
        grouped.setdefault(str(edge.values["tie"]), []).append(index)
    ties = []
    for members in grouped.values():
        edges = [graph.edges[i] for i in members]
        first = edges[0].values
        ends = (edges[0].source, edges[0].target)
        carried = [number(e.values, "tie_weight") for e in edges if "tie_weight" in e.values]
        ties.append(
            _Tie(
                ends,
                max(carried) if carried else max(number(e.values, "weight") for e in edges),
                any(e.values["status"] == "added" for e in edges),
                whole(first, "rank"),
                number(first, "score"),
                bool(first.get("top_dependency", False)),
            )
        )
    return ties


def _figure(graph: ExportGraph, note: Note) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    title, subtitle = _titles(graph)
    texts = [title, subtitle, *(str(n.values.get("label", n.id)) for n in graph.nodes)]
    font = choose_font(texts)
    title, subtitle = _titles(graph, font)
    labels = _labels(graph, font, note)
    families = list(font.families)

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    box = (0.01, 0.01, 0.80, 0.90)  # left, bottom, width, height of the drawing, in figure parts
    ax = fig.add_axes(box)
    ax.set_axis_off()
    pos = graph.positions
    _fit(ax, pos.values(), box[2] * WIDTH_IN / (box[3] * HEIGHT_IN))

    ties = [t for t in ties_of(graph) if t.ends[0] in pos and t.ends[1] in pos]
    _draw_ties(ax, ties, pos, families)

    key = {n.id for n in graph.nodes if n.values.get("is_key_actor")}
    drawn = [n for n in graph.nodes if n.id in pos]
    ax.scatter(
        [pos[n.id][0] for n in drawn],
        [pos[n.id][1] for n in drawn],
        s=[260 if n.id in key else 110 for n in drawn],
        c=[style.kind_colour(str(n.values.get("kind", ""))) for n in drawn],
        edgecolors=[style.KEY_RING if n.id in key else "white" for n in drawn],
        linewidths=[2.2 if n.id in key else 0.8 for n in drawn],
        zorder=4,
    )
    placed: list[Annotation] = []
    for node in drawn:
        is_key = node.id in key
        placed.append(
            ax.annotate(
                labels[node.id],
                pos[node.id],
                xytext=(0, -11 if is_key else -9),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=9 if is_key else 8,
                fontweight="bold" if is_key else "normal",
                family=families,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
            )
        )
    _separate(fig, placed)

    fig.text(0.01, 0.975, title, fontsize=16, fontweight="bold", va="top", family=families)
    fig.text(0.01, 0.938, subtitle, fontsize=10, va="top", color="#444444", family=families)

    kinds = list(dict.fromkeys(str(n.values.get("kind", "")) for n in graph.nodes))
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=9,
            markerfacecolor=style.kind_colour(kind),
            markeredgecolor="white",
            label=style.kind_words(kind),
        )
        for kind in kinds
    ]
    if key:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=11,
                markerfacecolor="white",
                markeredgecolor=style.KEY_RING,
                markeredgewidth=2.2,
                label="key actor",
            )
        )
    if any(t.top for t in ties):
        handles.append(
            Line2D(
                [],
                [],
                color=style.TOP_COLOUR,
                linewidth=5,
                label=f"{heavy_legend(graph.drawn_heavy)}\n(number: rank; width: score)",
            )
        )
    handles.append(Line2D([], [], color=style.TIE_COLOUR, linewidth=2, label="tie (width: weight)"))
    if any(t.added for t in ties):
        handles.append(
            Line2D(
                [],
                [],
                color=style.ADDED_COLOUR,
                linewidth=2,
                linestyle=(0, (4, 2)),
                label="added by the scenario",
            )
        )
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.815, 0.90),
        frameon=False,
        title="actors and ties",
        title_fontsize=11,
        alignment="left",
        prop={"family": families, "size": 10},
    )
    return fig


def _draw_ties(
    ax: Axes, ties: Sequence[_Tie], pos: Mapping[str, tuple[float, float]], families: list[str]
) -> None:
    """Ordinary ties as two line collections (fast for thousands), top ties one by one."""
    from matplotlib.collections import LineCollection

    for added in (False, True):
        group = [t for t in ties if not t.top and t.added == added]
        if group:
            ax.add_collection(
                LineCollection(
                    [(pos[t.ends[0]], pos[t.ends[1]]) for t in group],
                    colors=style.ADDED_COLOUR if added else style.TIE_COLOUR,
                    linewidths=[style.tie_width(t.weight) for t in group],
                    linestyles=(0, (4, 2)) if added else "solid",
                    alpha=0.8,
                    zorder=2,
                )
            )
    top = sorted((t for t in ties if t.top), key=lambda t: t.score)
    best = max((t.score for t in top), default=0.0)
    for tie in top:
        (x1, y1), (x2, y2) = pos[tie.ends[0]], pos[tie.ends[1]]
        ax.plot(
            [x1, x2],
            [y1, y2],
            color=style.TOP_COLOUR,
            linewidth=style.top_width(tie.score, best),
            solid_capstyle="round",
            zorder=3,
        )
        ax.text(
            (x1 + x2) / 2,
            (y1 + y2) / 2,
            str(tie.rank),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color="white",
            family=families,
            bbox={"boxstyle": "circle,pad=0.25", "fc": style.TOP_COLOUR, "ec": "none"},
            zorder=6,
        )


def _fit(ax: Axes, points: Iterable[tuple[float, float]], aspect: float) -> None:
    """Axis limits that show every point with a margin, at equal x and y scale."""
    xs, ys = zip(*points, strict=True) if points else ((0.0,), (0.0,))
    x0, x1 = min(xs) - 0.05, max(xs) + 0.05
    y0, y1 = min(ys) - 0.07, max(ys) + 0.04
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:  # too tall for the box: widen
        grow = (height * aspect - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:  # too wide: heighten
        grow = (width / aspect - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def _separate(fig: Figure, labels: Sequence[Annotation]) -> None:
    """Move labels that overlap an earlier one above, right or left of their actor.

    Greedy and deterministic: labels are placed in dataset order, each at the first offset
    that overlaps no label placed before it (else left below, where it started).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    taken: list[Bbox] = []
    for label in labels:
        below = label.xyann[1]  # negative: points below the actor
        options: list[tuple[tuple[float, float], HAlign, VAlign]] = [
            ((0.0, below), "center", "top"),
            ((0.0, -below), "center", "bottom"),
            ((-below, 0.0), "left", "center"),
            ((below, 0.0), "right", "center"),
        ]
        chosen = None
        for offset, ha, va in options:
            label.xyann = offset
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            extent = label.get_window_extent(renderer)
            if not any(extent.overlaps(other) for other in taken):
                chosen = extent
                break
        if chosen is None:
            offset, ha, va = options[0]
            label.xyann = offset
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            chosen = label.get_window_extent(renderer)
        taken.append(chosen)


def _titles(graph: ExportGraph, font: FontChoice | None = None) -> tuple[str, str]:
    values = graph.graph
    title = graph.title
    if graph.lang == "ja" and values.get("title_ja"):
        title = str(values["title_ja"])
    elif values.get("title_ja"):
        title = f"{graph.title} ({values['title_ja']})"
    if font is not None and not drawable(title, font):
        title = graph.title
    parts: list[str] = []
    if graph.is_scenario:
        keys = _names(graph, items(values, "key_actors"), font)
        parts.append(f"key actors: {', '.join(keys)}")
        parts.append(heavy_caption(graph.drawn_heavy, graph.top))
    else:
        parts.append(f"{len(graph.nodes)} actors, {len(graph.edges)} links")
    if values.get("as_of"):
        parts.append(f"as of {values['as_of']}")
    return title, " · ".join(parts)


def _names(graph: ExportGraph, ids: Sequence[str], font: FontChoice | None) -> list[str]:
    """Display names of actors: their labels where the font can draw them, else English."""
    names = []
    by_id = {n.id: n.values for n in graph.nodes}
    for actor in ids:
        values = by_id.get(actor, {})
        label = str(values.get("label", actor))
        if font is not None and not drawable(label, font):
            label = str(values.get("name", actor))
        names.append(label)
    return names
