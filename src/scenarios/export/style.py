"""How views look, the same in every visual format: colours by actor kind, line weights.

Kind colours are a fixed qualitative palette (never depends on the data, so a leader is red in
every picture); top dependencies are drawn dark and heavy, other ties light grey.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from scenarios.export.records import ExportGraph, Value, number
from scenarios.vocab import ActorKind

KIND_COLOURS: dict[str, str] = {
    ActorKind.STATE: "#1f77b4",
    ActorKind.BLOC: "#9ecae1",
    ActorKind.LEADER: "#d62728",
    ActorKind.ENVOY: "#ff7f0e",
    ActorKind.OFFICIAL: "#fdae6b",
    ActorKind.INSTITUTION: "#2ca02c",
    ActorKind.PUBLIC: "#a1d99b",
    ActorKind.ASSET: "#bcbd22",
    ActorKind.DOCUMENT: "#9467bd",
    ActorKind.TERRITORY: "#8c564b",
    ActorKind.REGION: "#c49c94",
    ActorKind.EVENT: "#e7ba52",
}
UNKNOWN_KIND = "#7f7f7f"

TIE_COLOUR = "#a8a8a8"
ADDED_COLOUR = "#2ca02c"
TOP_COLOUR = "#222222"
KEY_RING = "#000000"


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, UNKNOWN_KIND)


def kind_words(kind: str) -> str:
    """The legend entry for a kind: 'leader', 'institution', ..."""
    return kind.replace("_", " ")


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """'#1f77b4' -> (31, 119, 180)."""
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def tie_width(weight: float) -> float:
    """Line width (points) of an ordinary tie: thin for weak or doubtful ties."""
    return 0.6 + 2.0 * weight


def top_width(score: float, best: float) -> float:
    """Line width (points) of a top dependency, proportional to its score."""
    return 3.0 + 5.0 * (score / best if best > 0 else 0.0)


class EdgeLook(NamedTuple):
    colour: str
    width: float  # points
    dashed: bool


def best_score(graph: ExportGraph) -> float:
    """The highest dependency score among the highlighted links (0 in the base graph)."""
    return max(
        (number(e.values, "score") for e in graph.edges if e.values.get("top_dependency")),
        default=0.0,
    )


def edge_look(values: Mapping[str, Value], best: float) -> EdgeLook:
    """How a link is drawn: top dependencies dark, width by score; links the scenario adds
    dashed green; the rest grey, width by the link's weight."""
    if values.get("top_dependency"):
        return EdgeLook(TOP_COLOUR, top_width(number(values, "score"), best), False)
    weight = number(values, "weight")
    if values.get("status") == "added":
        return EdgeLook(ADDED_COLOUR, tie_width(weight), True)
    return EdgeLook(TIE_COLOUR, tie_width(weight), False)
