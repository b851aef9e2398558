"""A scenario view (or the base graph) as typed node and edge records: what every format writes.

One schema for all formats, so a column in Gephi, a key in JSON and a property in Neo4j have
the same name and meaning (documented in docs/export.md). Every link is its own edge (links are
directed and several may join the same two actors); the dependency metrics of the tie it
belongs to are repeated on each of the tie's links: the score, rank and sentence of the
channel the tie is part of (`scenarios.analysis.channels`, as `depends` ranks it) and the tie's
own shares of paths and routes (`scenarios.analysis.dependency`); `tie` names the tie so the
links can be grouped again. Only ties of channels that score are ranked and drawn heavy.

Values are str, float, int, bool, `date` or a tuple of str (a list). Formats without lists or
dates flatten them with `flat()`: a list becomes its items joined by the attribute's `joiner`
(`"; "`, or a newline for the evidence citations), a date its ISO text. An absent value (an
actor without a Japanese name, an undated link) is left out of the record, never written as
an empty string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from scenarios.graph import LINKS, WEIGHT, build_graph, tie_label
from scenarios.model import Dataset, Link

if TYPE_CHECKING:
    from scenarios.export.formats import Lang

Value = str | float | int | bool | date | tuple[str, ...]
Position = tuple[float, float]

DEFAULT_TOP = 10


class AttrType(StrEnum):
    STRING = "string"
    FLOAT = "float"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    LIST = "list"  # of strings


@dataclass(frozen=True, slots=True)
class Attr:
    """One attribute of the schema: name, type, meaning, and how a list is flattened."""

    name: str
    type: AttrType
    doc: str
    joiner: str = "; "


S, F, N, B, D, L = (
    AttrType.STRING,
    AttrType.FLOAT,
    AttrType.INT,
    AttrType.BOOL,
    AttrType.DATE,
    AttrType.LIST,
)

GRAPH_ATTRS = (
    Attr("name", S, "view name: the scenario id, or `base`"),
    Attr("title", S, "scenario name, or `Base graph`"),
    Attr("title_ja", S, "Japanese scenario name"),
    Attr("scenario", S, "scenario id (scenario views only)"),
    Attr("description", S, "what the scenario is"),
    Attr("key_actors", L, "ids of the scenario's key actors"),
    Attr("as_of", D, "links certainly begun by this day only (`--as-of`)"),
    Attr("known_by", D, "evidence reported by this day only (`--known-by`)"),
    Attr("top", N, "`--top`: at most this many channels are highlighted (only those that score)"),
    Attr("generator", S, "the program and version that wrote the file"),
)

NODE_ATTRS = (
    Attr("label", S, "display name: the English or (`--lang ja`) Japanese name"),
    Attr("name", S, "English name"),
    Attr("name_ja", S, "Japanese name"),
    Attr("kind", S, "state, bloc, leader, envoy, official, institution, public, asset, ..."),
    Attr("aliases", L, "other names the actor answers to"),
    Attr("affiliation", S, "id of the actor this one belongs to"),
    Attr("description", S, "free-text note"),
    Attr("is_key_actor", B, "one of the scenario's key actors (scenario views only)"),
)

EDGE_ATTRS = (
    Attr("id", S, "link id"),
    Attr("label", S, "the link's label, else its type in words"),
    Attr("link_type", S, "negotiates_with, envoy_of, leads, ... (see docs/data-format.md)"),
    Attr("direction", S, "`directed` (source acts on target) or `symmetric` (a two-way type)"),
    Attr("strength", F, "how much the link binds its ends, 0..1 (as reweighted by the view)"),
    Attr("confidence", F, "how sure the evidence is, 0..1"),
    Attr("grade", S, "the ladder grade the confidence was written as (`assessed`), if it was"),
    Attr("weight", F, "strength x confidence: what the link carries in the analysis"),
    Attr("basis", S, "`sourced` (evidence from a source) or `background` (analyst knowledge)"),
    Attr("background", S, "why the analysis needs a background link (background links only)"),
    Attr("date", S, "when the link is evidenced, as written (`2025-10-24/2025-10-26`)"),
    Attr("date_start", D, "first day of `date`"),
    Attr("date_end", D, "last day of `date`"),
    Attr("date_precision", S, "how finely `date` is known: day, month or year"),
    Attr(
        "date_counted_from",
        D,
        "first day the link has certainly begun (its date's, or an earlier report's): what "
        "`--as-of` uses",
    ),
    Attr("note", S, "free-text note"),
    Attr(
        "evidence",
        L,
        "one citation per item: paraphrase - speaker, programme, date, locator, cites, url "
        "(accessed), [grade]",
        "\n",
    ),
    Attr("evidence_count", N, "number of evidence items"),
    Attr("speakers", L, "names of the speakers cited as evidence"),
    Attr("programmes", L, "titles of the programmes cited as evidence"),
    Attr("status", S, "base, added, strengthened or weakened: the link in this view"),
    Attr("change_note", S, "the scenario's note on its change to this link"),
    Attr("in_scenarios", L, "scenarios in which this base link stays in force (base graph)"),
    Attr("role", S, "what the link type does in analysis: channel, structural or adversarial"),
    Attr("tie", S, "the tie the link belongs to: both actor ids, sorted, joined by `~`"),
    Attr(
        "tie_weight",
        F,
        "weight of the whole tie as the analysis uses it: its carrying links combined by "
        "source (absent: the link carries nothing in this view)",
    ),
    Attr(
        "channel",
        S,
        "id of the channel the tie is part of (scenario views; ties `depends` may cut)",
    ),
    Attr("channel_name", S, "the channel's actors, as `scenarios depends` names it (ranked only)"),
    Attr("score", F, "the channel's vitality: share of key-pair chain strength lost if it is cut"),
    Attr("path_share", F, "tie's share of the strongest key-pair paths"),
    Attr("route_loss", F, "share of independent key-pair routes lost if the tie alone is cut"),
    Attr(
        "rank",
        N,
        "the channel's rank in `scenarios depends` (0: the scenario does not depend on it)",
    ),
    Attr("disconnects", N, "key-actor pairs the channel's cut separates"),
    Attr("top_dependency", B, "the tie is part of one of the `top` highlighted channels"),
    Attr("why", S, "why the channel matters, in plain words (as `scenarios depends` says it)"),
)

# Attributes only scenario views have, and those only the base graph has, by scope.
SCENARIO_ONLY = {
    "graph": frozenset({"scenario", "description", "key_actors", "top", "title_ja"}),
    "node": frozenset({"is_key_actor"}),
    "edge": frozenset(
        {
            "change_note",
            "channel",
            "channel_name",
            "score",
            "path_share",
            "route_loss",
            "rank",
            "disconnects",
            "top_dependency",
            "why",
        }
    ),
}
BASE_ONLY = {
    "graph": frozenset[str](),
    "node": frozenset[str](),
    "edge": frozenset({"in_scenarios"}),
}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    values: Mapping[str, Value]


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    values: Mapping[str, Value]


@dataclass(frozen=True)
class ExportGraph:
    """One view, ready to write: typed records, the shared layout, and what to highlight."""

    name: str  # file stem: the scenario id or "base"
    title: str
    is_scenario: bool
    graph_attrs: tuple[Attr, ...]
    node_attrs: tuple[Attr, ...]
    edge_attrs: tuple[Attr, ...]
    graph: Mapping[str, Value]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    positions: Mapping[str, Position]  # x, y in [0, 1], y up; the same for every view
    top: int
    lang: str

    @property
    def drawn_heavy(self) -> int:
        """How many channels are drawn heavy: those ranked within `top` (only channels that
        score are ranked), so fewer than `top` when fewer score."""
        return len({e.values.get("rank") for e in self.edges if e.values.get("top_dependency")})

    def attr(self, scope: str, name: str) -> Attr:
        attrs = {"graph": self.graph_attrs, "node": self.node_attrs, "edge": self.edge_attrs}
        return next(a for a in attrs[scope] if a.name == name)


def number(values: Mapping[str, Value], name: str, default: float = 0.0) -> float:
    """A float or int attribute as a float (`default` when absent)."""
    value = values.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} is not a number: {value!r}")
    return float(value)


def whole(values: Mapping[str, Value], name: str, default: int = 0) -> int:
    """An int attribute (`default` when absent)."""
    value = values.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} is not an integer: {value!r}")
    return value


def text(values: Mapping[str, Value], name: str, default: str = "") -> str:
    """A string attribute (`default` when absent)."""
    value = values.get(name)
    return default if value is None else str(value)


def items(values: Mapping[str, Value], name: str) -> tuple[str, ...]:
    """A list attribute (empty when absent)."""
    value = values.get(name, ())
    if not isinstance(value, tuple):
        raise TypeError(f"{name} is not a list: {value!r}")
    return value


def flat(value: Value, attr: Attr) -> str | float | int | bool:
    """A value as a scalar, for formats without lists or dates.

    >>> flat(("a", "b"), Attr("x", AttrType.LIST, ""))
    'a; b'
    >>> flat(date(2025, 12, 7), Attr("d", AttrType.DATE, ""))
    '2025-12-07'
    """
    if isinstance(value, tuple):
        return attr.joiner.join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def generator_name() -> str:
    """`scenarios <version>`, written into every file so a reader knows what made it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"scenarios {version('scenarios')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "scenarios"


def view_names(ds: Dataset) -> tuple[str, ...]:
    """Every view of a dataset, base first: what `export --all` writes."""
    return ("base", *(s.id for s in ds.scenarios))


def build_export(
    ds: Dataset,
    scenario: str | None,
    *,
    positions: Mapping[str, Position],
    as_of: date | None = None,
    top: int = DEFAULT_TOP,
    lang: Lang | str = "en",
    generator: str | None = None,
) -> ExportGraph:
    """The records of one view: `scenario` is a scenario id, or None for the base graph."""
    from scenarios.analysis.channels import ChannelIndex
    from scenarios.analysis.dependency import dependencies
    from scenarios.reports.depends import depends_report

    view = ds.view(scenario, as_of=as_of)
    chosen = view.scenario
    is_scenario = chosen is not None
    lang = str(lang)
    analysed = build_graph(view)

    deps: dict[str, tuple[int, float, int, str, str]] = {}  # rank, score, cuts, why, name
    shares: dict[str, tuple[float, float]] = {}
    channel_of: dict[str, str] = {}
    if chosen is not None:
        report = depends_report(ds, chosen.id, top=None, groups=None, as_of=as_of)
        for row in report.rows:
            for part in row.parts:
                for tie_row in part.ties:
                    a, b = tie_row.ends
                    label = tie_label((a.id, b.id) if a.id <= b.id else (b.id, a.id))
                    deps[label] = (row.rank, row.score, len(row.disconnects), row.why, row.name)
        for dep in dependencies(analysed, view.key_actors).ties:
            shares[tie_label(dep.tie)] = (dep.path_share, dep.route_loss)
        index = ChannelIndex(analysed, view.key_actors)
        for u, v, data in analysed.edges():
            if not data.get("structural"):
                channel_of[tie_label((u, v))] = index.channel_of((u, v)).id

    notes: dict[str, str] = {}
    if chosen is not None:
        notes = {c.link: c.note for c in chosen.changes if c.note}
    in_scenarios: dict[str, list[str]] = {}
    if chosen is None:
        for other in ds.scenarios:
            kept = {link.id for link in ds.view(other.id, as_of=as_of).links}
            for link in view.links:
                if link.id in kept:
                    in_scenarios.setdefault(link.id, []).append(other.id)

    tie_weights: dict[str, tuple[float, tuple[str, ...]]] = {
        tie_label((u, v)): (data[WEIGHT], data[LINKS]) for u, v, data in analysed.edges()
    }

    key = set(view.key_actors)
    nodes = tuple(
        Node(
            actor.id,
            _present(
                label=actor.name_ja if lang == "ja" and actor.name_ja else actor.name,
                name=actor.name,
                name_ja=actor.name_ja,
                kind=actor.kind.value,
                aliases=actor.aliases,
                affiliation=actor.affiliation,
                description=actor.description,
                is_key_actor=(actor.id in key) if is_scenario else None,
            ),
        )
        for actor in view.actors
    )

    edges = []
    for link in view.links:
        tie = tie_label(link.pair)
        values = _link_values(ds, link)
        values["status"] = view.status[link.id].value
        values["role"] = link.type.role.value
        values["tie"] = tie
        carried = tie_weights.get(tie)
        if carried is not None and link.id in carried[1]:
            values["tie_weight"] = carried[0]
        if chosen is not None:
            rank, score, cuts, why, name = deps.get(tie, (0, 0.0, 0, "", ""))
            share, loss = shares.get(tie, (0.0, 0.0))
            values |= _present(
                change_note=notes.get(link.id),
                channel=channel_of.get(tie)
                if carried is not None and link.id in carried[1]
                else None,
                channel_name=name or None,
                score=score,
                path_share=share,
                route_loss=loss,
                rank=rank,
                disconnects=cuts,
                top_dependency=0 < rank <= top,
                why=why or None,
            )
        elif link.id in in_scenarios:
            values["in_scenarios"] = tuple(in_scenarios[link.id])
        edges.append(Edge(link.id, link.source, link.target, values))

    graph = _present(
        name=view.name,
        title=chosen.name if chosen else "Base graph",
        title_ja=chosen.name_ja if chosen else None,
        scenario=chosen.id if chosen else None,
        description=(chosen.description or None) if chosen else None,
        key_actors=view.key_actors if chosen else None,
        as_of=as_of,
        known_by=ds.known_by,
        top=top if chosen else None,
        generator=generator or generator_name(),
    )
    drop = BASE_ONLY if is_scenario else SCENARIO_ONLY
    return ExportGraph(
        name=view.name,
        title=str(graph["title"]),
        is_scenario=is_scenario,
        graph_attrs=tuple(a for a in GRAPH_ATTRS if a.name not in drop["graph"]),
        node_attrs=tuple(a for a in NODE_ATTRS if a.name not in drop["node"]),
        edge_attrs=tuple(a for a in EDGE_ATTRS if a.name not in drop["edge"]),
        graph=graph,
        nodes=nodes,
        edges=tuple(edges),
        positions=positions,
        top=top,
        lang=lang,
    )


def _link_values(ds: Dataset, link: Link) -> dict[str, Value]:
    from scenarios.reports.wording import cite

    speakers = tuple(
        dict.fromkeys(ds.speaker_by_id[e.speaker].name for e in link.evidence if e.speaker)
    )
    programmes = tuple(
        dict.fromkeys(ds.programme_by_id[e.programme].title for e in link.evidence if e.programme)
    )
    return _present(
        id=link.id,
        label=link.label or link.type.value.replace("_", " "),
        link_type=link.type.value,
        direction="symmetric" if link.type.symmetric else "directed",
        strength=float(link.strength),
        confidence=float(link.confidence),
        grade=link.grade,
        weight=float(link.weight),
        basis=link.basis,
        background=link.background,
        date=link.date.text if link.date else None,
        date_start=link.date.start if link.date else None,
        date_end=link.date.end if link.date else None,
        date_precision=link.date.precision.value if link.date else None,
        date_counted_from=counted.day if (counted := ds.counted(link)) else None,
        note=link.note,
        evidence=tuple(cite(e, ds) for e in link.evidence),
        evidence_count=len(link.evidence),
        speakers=speakers,
        programmes=programmes,
    )


def _present(**values: Value | None) -> dict[str, Value]:
    """The given values without the absent ones (None, or an empty list)."""
    return {k: v for k, v in values.items() if v is not None and v != ()}
