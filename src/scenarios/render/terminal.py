"""Reports -> rich renderables for people, and `show`, which prints one on a stream.

With the load progress bar of `scenarios.cli.progress`, the only importer of rich.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scenarios.errors import Problem
from scenarios.model import Actor, Dataset, Link, LinkStatus
from scenarios.reports import wording
from scenarios.reports.centrality import SHOWN_DECIMALS
from scenarios.reports.validation import Summary, ValidDataset
from scenarios.reports.wording import cite
from scenarios.store.queries import Query, short_name
from scenarios.store.records import (
    GraphNode,
    GraphPath,
    GraphRelationship,
    LoadSummary,
    QueryResult,
)

if TYPE_CHECKING:  # annotations only: a command imports just the reports it shows
    from scenarios.analysis.reliability import Estimate
    from scenarios.dataset.changes import EntityChange
    from scenarios.dataset.entries import EntryChange
    from scenarios.reports.browse import ActorTable, LinkTable, ScenarioDetail, ScenarioList
    from scenarios.reports.centrality import CentralityReport
    from scenarios.reports.common import KeyChainRow, LinkRow, NotCounted
    from scenarios.reports.compare import (
        CentralityShift,
        ChainRow,
        CompareReport,
        DependencyShiftRow,
    )
    from scenarios.reports.depends import ChannelRow, DependsReport, TiesReport
    from scenarios.reports.diff import DiffReport
    from scenarios.reports.paths import PathReport
    from scenarios.reports.pull import PullReport
    from scenarios.reports.signposts import SignpostRow, SignpostsReport
    from scenarios.reports.timeline import TimelineReport, TimelineStep
    from scenarios.reports.uncertain import UncertainReport
    from scenarios.reports.validation import Validation
    from scenarios.reports.whatif import SweepReport, SweepRow, WhatIfReport

Renderable = RenderableType  # what the renderers return, for type hints outside scenarios.render
P = ParamSpec("P")

KIND_STYLES = {
    "state": "bold blue",
    "bloc": "blue",
    "leader": "bold magenta",
    "envoy": "magenta",
    "official": "magenta",
    "institution": "cyan",
    "public": "cyan",
    "asset": "yellow",
    "document": "green",
    "territory": "red",
    "region": "red",
    "event": "bold yellow",
}
BACKGROUND_STYLE = "bold cyan"  # links the sources do not state: analyst background knowledge
STATUS_STYLES = {
    LinkStatus.BASE: "dim",
    LinkStatus.ADDED: "bold green",
    LinkStatus.STRENGTHENED: "green",
    LinkStatus.WEAKENED: "yellow",
    LinkStatus.REMOVED: "red",
}


def show(
    renderable: RenderableType,
    *,
    stderr: bool = False,
    soft_wrap: bool = False,
    pager: Callable[[str], None] | None = None,
) -> None:
    """Print `renderable` on stdout (or stderr), in colour on a terminal; through `pager` (it
    takes the rendered text) when that is taller than the terminal."""
    console = Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)
    if not soft_wrap:  # wrapped at the width: no line ends in the padding of a table or title
        renderable = _Hanging(renderable)
    if pager is None or not console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if text.count("\n") < console.height:
        console.file.write(text)
    else:
        pager(text)


def _trimmed(line: list[Segment]) -> list[Segment]:
    """A rendered line without the blanks rich pads it with on the right (kept when coloured)."""
    while line:
        last = line[-1]
        text = last.text.rstrip(" ")
        if last.control or text == last.text or (last.style and last.style.bgcolor):
            break
        line = line[:-1] + ([Segment(text, last.style)] if text else [])
    return line


class _Hanging:
    """`body` after `prefix` with a hanging indent: every line it wraps to starts under its
    first letter; no line ends in padding."""

    def __init__(self, body: RenderableType, prefix: str | Text = "") -> None:
        self.body = body
        self.prefix = prefix if isinstance(prefix, Text) else Text(prefix)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.prefix.cell_len
        inner = options.update_width(max(options.max_width - indent, 1))
        for index, line in enumerate(console.render_lines(self.body, inner, pad=False)):
            if index == 0:
                yield from self.prefix.render(console, end="")
            elif indent:
                yield Segment(" " * indent)
            yield from _trimmed(line)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.prefix.cell_len
        inner = options.update_width(max(options.max_width - indent, 1))
        measured = Measurement.get(console, inner, self.body)
        return Measurement(measured.minimum + indent, measured.maximum + indent)


class _PairsFirst:
    """A table of actor pairs whose number columns' headers break at their spaces when the
    table is wider than the terminal: rich narrows the widest column first, which is the
    pairs', so "United States – China" would wrap while "strongest chain" kept its line."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.headers = [column.header for column in table.columns]

    def _fitted(self, options: ConsoleOptions, console: Console) -> Table:
        for column, header in zip(self.table.columns, self.headers, strict=True):
            column.header = header
        wide = options.update_width(1_000_000)
        if Measurement.get(console, wide, self.table).maximum > options.max_width:
            for column in self.table.columns[1:]:
                if isinstance(column.header, str):
                    column.header = column.header.replace(" ", "\n")
        return self.table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._fitted(options, console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._fitted(options, console))


def _indent(body: RenderableType, cells: int) -> RenderableType:
    """`body` indented by `cells` columns, every line of it."""
    return _Hanging(body, " " * cells)


def _numbered(rank: int, body: RenderableType) -> RenderableType:
    """A numbered row, `  2. body`, its wrapped lines under the body's first letter (column 5,
    where its detail lines are indented to)."""
    return _Hanging(body, f"{rank:>3}. ")


def actor_text(actor: Actor, *, japanese: bool = False) -> Text:
    text = Text(actor.name, style=KIND_STYLES.get(actor.kind.value, ""))
    if japanese and actor.name_ja:
        text.append(f" {actor.name_ja}", style="dim")
    return text


def _when(report: object) -> str:
    """The clocks a report was asked at, for its title: ` as of D, known by K`."""
    return wording.clocks(getattr(report, "as_of", None), getattr(report, "known_by", None))


def with_clock_notes(report: object, body: RenderableType) -> RenderableType:
    """`body`, then what the clocks kept out of it (links possibly in force, links not yet
    reported), for every report that carries `not_counted`."""
    left_out: NotCounted | None = getattr(report, "not_counted", None)
    if left_out is None or not (left_out.possible or left_out.unreported):
        return body
    parts: list[RenderableType] = [body]
    if left_out.possible:
        as_of = getattr(report, "as_of", None)
        parts.append(Text(wording.possible_links(len(left_out.possible), as_of), style="yellow"))
        for row in left_out.possible:
            parts.append(_indent(link_line_short(row.link, row.source, row.target), 2))
            if row.link.date is not None and row.counted is not None:
                said = wording.possibly_in_force(row.link.date, row.counted)
                parts.append(_indent(Text(said, style="dim"), 4))
    if left_out.unreported:
        known_by = getattr(report, "known_by", None)
        parts.append(Text(wording.unreported(len(left_out.unreported), known_by), style="yellow"))
    return Group(*parts)


def _arrow(link: Link) -> str:
    return "—" if link.type.symmetric else "→"


def link_line(link: Link, ds: Dataset) -> Text:
    source, target = ds.actor_by_id[link.source], ds.actor_by_id[link.target]
    text = actor_text(source)
    text.append(f" {_arrow(link)}{link.type.value}{_arrow(link)} ", style="italic")
    text.append_text(actor_text(target))
    details = f"  s={link.strength:.2f} c={wording.confidence(link)}"
    if link.date:
        details += f"  {wording.period(link.date)}"
    text.append(details, style="dim")
    if link.label:
        text.append(f"  {link.label}", style="dim italic")
    if link.background is not None:
        text.append("  [background]", style=BACKGROUND_STYLE)
    return text


class _Analysed(Protocol):
    """An analysis report: it says which background links `--sourced-only` left out."""

    @property
    def sourced_only(self) -> tuple[str, ...] | None: ...


A = TypeVar("A", bound=_Analysed)


def _says_sourced_only(
    render: Callable[Concatenate[A, P], RenderableType],
) -> Callable[Concatenate[A, P], RenderableType]:
    """An analysis report's renderer, with the `--sourced-only` line above it when it was set."""

    @functools.wraps(render)
    def wrapped(report: A, /, *args: P.args, **kwargs: P.kwargs) -> RenderableType:
        body = render(report, *args, **kwargs)
        if report.sourced_only is None:
            return body
        return Group(Text(wording.sourced_only(report.sourced_only), style=BACKGROUND_STYLE), body)

    return wrapped


def _evidence_tree(parent: Tree, link: Link, ds: Dataset) -> None:
    reason = wording.background(link)
    if reason:
        parent.add(Text(reason, style=BACKGROUND_STYLE))
    if not link.evidence:
        parent.add(Text("(no evidence recorded)", style="dim red"))
    for evidence in link.evidence:
        parent.add(Text(cite(evidence, ds), style="dim"))


# -- list / show ---------------------------------------------------------------------------------


def scenario_list(report: ScenarioList) -> RenderableType:
    table = Table(
        title=f"Scenarios{_when(report)}",
        caption=f"base graph: {report.actor_count} actors, {report.base_link_count} links",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        caption_justify="left",
    )
    _id_column(table, "id", (row.scenario.id for row in report.scenarios), style="bold")
    table.add_column("name")
    table.add_column("key actors")
    table.add_column("links", justify="right")
    table.add_column("+add", justify="right", style="green")
    table.add_column("~chg", justify="right", style="yellow")
    table.add_column("-rm", justify="right", style="red")
    for row in report.scenarios:
        name = Text(row.scenario.name)
        if row.scenario.name_ja:
            name.append(f" {row.scenario.name_ja}", style="dim")
        keys = Text(", ").join(actor_text(a) for a in row.key_actors)
        table.add_row(
            row.scenario.id,
            name,
            keys,
            str(row.link_count),
            str(row.added_count),
            str(row.changed_count),
            str(row.removed_count),
        )
    return table


def scenario_detail(report: ScenarioDetail, ds: Dataset) -> RenderableType:
    sc = report.scenario
    head = Text()
    head.append(sc.name, style="bold")
    if sc.name_ja:
        head.append(f"  {sc.name_ja}", style="dim")
    head.append(f"\n\n{sc.description}\n\n")
    head.append("Key actors: ", style="bold")
    head.append_text(Text(", ").join(actor_text(a, japanese=True) for a in report.key_actors))
    if report.raised_by_names:
        head.append("\nRaised by: ", style="bold")
        head.append(", ".join(report.raised_by_names))
    head.append("\nConnected by: ", style="bold")
    head.append(
        ", ".join(report.connected_by) + " (and structural links inside one side)"
        if report.connected_by
        else "every channel and structural link (adversarial links never carry)"
    )
    parts: list[RenderableType] = [
        Panel(head, title=f"scenario {sc.id}{_when(report)}", expand=False)
    ]

    if report.signposts:
        signs = Tree(Text("Signposts to watch (`scenarios signposts` for status)", style="bold"))
        for sign in report.signposts:
            node = signs.add(Text(sign.statement))
            stance = "points to it" if sc.id in sign.points_to else "counts against it"
            node.add(Text(f"{sign.id}: {stance}", style="dim"))
            if sign.meaning:
                node.add(Text(f"would mean: {sign.meaning}", style="italic"))
            who = [ds.speaker_by_id[r.speaker].name for r in sign.raised_by if r.speaker]
            if who:
                node.add(Text(f"raised by {', '.join(dict.fromkeys(who))}", style="dim"))
        parts.append(signs)

    changes = Tree(
        Text(f"What this scenario changes ({len(report.changed_links)} links)", style="bold")
    )
    for row in report.changed_links:
        _link_node(changes, row, ds, show_status=True)
    parts.append(changes)

    by_kind: dict[str, list[Actor]] = {}
    for actor in report.actors:
        by_kind.setdefault(actor.kind.value, []).append(actor)
    actors = Tree(Text(f"Actors involved ({len(report.actors)})", style="bold"))
    for kind, members in by_kind.items():
        actors.add(
            Text(f"{kind}: ", style="bold").append_text(
                Text(", ").join(actor_text(a, japanese=True) for a in members)
            )
        )
    parts.append(actors)

    if report.combined:
        ties = Tree(
            Text(
                f"Ties of several links ({len(report.combined)}): links that share a source count "
                "once (the strongest); independent sources combine",
                style="bold",
            )
        )
        for tie_row in report.combined:
            line = _tie_text(tie_row.ends, tie_row.links)
            line.append(f"  weight {tie_row.weight:.2f}", style="bold")
            combined = wording.combination(tie_row.sources, tie_row.links)
            if combined:
                line.append(f" = {combined}", style="dim")
            ties.add(line)
        parts.append(ties)

    base = Tree(Text(f"Base links in force ({len(report.base_links)}), by type", style="bold"))
    groups: dict[str, list[LinkRow]] = {}
    for row in report.base_links:
        groups.setdefault(row.link.type.value, []).append(row)
    for link_type, rows in groups.items():
        branch = base.add(Text(f"{link_type} ({len(rows)})", style="italic"))
        for row in rows:
            _link_node(branch, row, ds, show_status=False)
    parts.append(base)
    return Group(*parts)


def scenario_brief(report: ScenarioDetail) -> RenderableType:
    """`show --brief`: the scenario's name, key actors, each change on one line, and counts."""
    sc = report.scenario
    head = Text(f"{sc.id}: ", style="bold")
    head.append(sc.name, style="bold")
    if sc.name_ja:
        head.append(f"  {sc.name_ja}", style="dim")
    head.append(_when(report), style="dim")
    head.append("\nKey actors: ", style="bold")
    head.append_text(Text(", ").join(actor_text(a) for a in report.key_actors))
    rows = [
        (row.link.id, f"{row.link.weight:.2f}", row.status, _ends(row))
        for row in report.changed_links
    ]
    table = Group(*_one_liners(("link", "w", "change", ""), rows))
    counts = Text(
        f"{counted(len(report.actors), 'actors')} involved, "
        f"{counted(len(report.base_links), 'base links')} in force, "
        f"{counted(len(report.signposts), 'signposts')}",
        style="dim",
    )
    title = Text(f"What this scenario changes ({len(report.changed_links)} links)", style="bold")
    return Group(head, title, table, counts)


def _link_node(parent: Tree, row: LinkRow, ds: Dataset, *, show_status: bool) -> None:
    line = Text()
    if show_status:
        line.append(f"[{row.status.value}] ", style=STATUS_STYLES[row.status])
    line.append_text(link_line(row.link, ds))
    node = parent.add(line)
    if row.note:
        node.add(Text(f"why: {row.note}", style="italic"))
    _evidence_tree(node, row.link, ds)


# -- actors / links ------------------------------------------------------------------------------


def _id_column(table: Table, header: str, ids: Iterable[str], style: str = "") -> None:
    """A column of ids: never wrapped, cut or folded (the value a user types), as wide as the
    longest one shown."""
    width = max((len(i) for i in ids), default=0)
    table.add_column(header, no_wrap=True, min_width=max(width, len(header)), style=style)


def actor_table(report: ActorTable) -> RenderableType:
    title = f"Actors ({len(report.rows)} of {report.total})"
    if report.scenario:
        title += f" in {report.scenario.name}"
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
    _id_column(table, "id", (row.actor.id for row in report.rows))
    table.add_column("name")
    table.add_column("kind", no_wrap=True)
    _id_column(table, "affiliation", (row.actor.affiliation or "" for row in report.rows))
    table.add_column("ties", justify="right", no_wrap=True)
    for row in report.rows:
        a = row.actor
        table.add_row(
            a.id,
            actor_text(a, japanese=True),
            a.kind.value,
            a.affiliation or "",
            str(row.tie_count),
        )
    return table


def _link_title(report: LinkTable) -> str:
    title = f"Links ({len(report.rows)} of {report.total})"
    if report.scenario:
        title += f" in {report.scenario.name}"
    return title + _when(report)


def _ends(row: LinkRow) -> Text:
    link = row.link
    ends = actor_text(row.source)
    ends.append(f" {_arrow(link)}{link.type.value}{_arrow(link)} ", style="italic")
    ends.append_text(actor_text(row.target))
    return ends


def link_table(report: LinkTable, ds: Dataset) -> RenderableType:
    """Each link as a record: its id whole on the first line with weight, grade (as written)
    and status, then the link and its date (and the day it counts from, when the date leaves
    its first day unsure), a background link's reason, then its first evidence item, each
    wrapped at the full width."""
    width = max((len(row.link.id) for row in report.rows), default=2)
    grades = max((len(row.link.grade or "") for row in report.rows), default=0)
    parts: list[RenderableType] = [Text(_link_title(report), style="bold")]
    for row in report.rows:
        link = row.link
        head = Table.grid(padding=(0, 2))
        head.add_column(no_wrap=True, min_width=width, style="bold")
        head.add_column(no_wrap=True, justify="right")
        if grades:
            head.add_column(no_wrap=True, min_width=grades, style="dim")
        head.add_column(no_wrap=True)
        head.add_row(
            link.id,
            f"w {link.weight:.2f}",
            *([link.grade or ""] if grades else []),
            Text(row.status.value, style=STATUS_STYLES[row.status]),
        )
        ends = _ends(row)
        if link.date:
            ends.append("  ")
            ends.append_text(_date_text(row))
        parts += [head, _indent(ends, 4)]
        reason = wording.background(link)
        if reason:  # background links are marked where people read the evidence
            parts.append(_indent(Text(reason, style=BACKGROUND_STYLE), 4))
        evidence = cite(link.evidence[0], ds) if link.evidence else "(no evidence recorded)"
        if len(link.evidence) > 1:
            evidence += f" (+{len(link.evidence) - 1} more)"
        parts.append(_indent(Text(evidence, style="dim"), 4))
    return Group(*parts)


def link_table_brief(report: LinkTable) -> RenderableType:
    """One line per link: its id whole, weight, status and the link, cut at the width."""
    rows = [(row.link.id, f"{row.link.weight:.2f}", row.status, _ends(row)) for row in report.rows]
    return Group(
        Text(_link_title(report), style="bold"), *_one_liners(("id", "w", "status", "link"), rows)
    )


def _one_liners(
    header: Sequence[str], rows: Sequence[tuple[str, str, LinkStatus, Text]]
) -> list[Text]:
    """Aligned lines, one per row, never wrapped: whole ids (and figures) first, the rest cut
    with "…" at the terminal's width. Columns: id, a figure, a link status, a text."""
    ident = max([len(header[0]), *(len(r[0]) for r in rows)])
    figure = max([len(header[1]), *(len(r[1]) for r in rows)])
    status = max([len(header[2]), *(len(r[2].value) for r in rows)])
    lines = [
        Text(
            f"{header[0]:<{ident}}  {header[1]:>{figure}}  {header[2]:<{status}}  {header[3]}",
            style="bold",
            no_wrap=True,
            overflow="ellipsis",
        )
    ]
    for ident_text, figure_text, link_status, rest in rows:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{ident_text:<{ident}}  ", style="bold")
        line.append(f"{figure_text:>{figure}}  ")
        line.append(f"{link_status.value:<{status}}  ", style=STATUS_STYLES[link_status])
        line.append_text(rest)
        lines.append(line)
    return lines


def _date_text(row: LinkRow) -> Text:
    """A link's date as written (`2025-10 (day unknown)`), and after it, when the date leaves
    its first day unsure, the day it counts from under --as-of (`from 2025-10-31`, or
    `reported 2025-12-07`)."""
    link = row.link
    if link.date is None:
        return Text("")
    text = Text(wording.period(link.date), style="dim")
    if row.counted is not None and link.date.start != link.date.counted_from:
        text.append(f", {wording.from_day(row.counted)}", style="dim")
    return text


# -- path ----------------------------------------------------------------------------------------


@_says_sourced_only
def path_report(report: PathReport, ds: Dataset) -> RenderableType:
    where = f"in {report.scenario.id}" if report.scenario else "in the base graph"
    header = Text()
    header.append_text(actor_text(report.source))
    header.append(" to ")
    header.append_text(actor_text(report.target))
    header.append(f"  ({report.mode} {where}{_when(report)}", style="dim")
    if report.max_hops:
        header.append(f", at most {report.max_hops} hops", style="dim")
    header.append(")", style="dim")
    if not report.paths:
        return Group(header, Text("No path connects them.", style="bold red"))
    parts: list[RenderableType] = [header]
    if report.cheapest_count > len(report.paths):
        parts.append(
            Text(
                f"showing {len(report.paths)} of {report.cheapest_count} equally strong paths"
                " (use --all)",
                style="dim",
            )
        )
    for index, path in enumerate(report.paths, start=1):
        title = Text(f"Path {index}: ", style="bold")
        title.append(" → ".join(a.name for a in path.actors))
        title.append(f"   {path.hops} hops, chain strength {path.strength:.3f}", style="dim")
        tree = Tree(title)
        for hop in path.steps:
            hop_text = actor_text(hop.source)
            hop_text.append(" → ")
            hop_text.append_text(actor_text(hop.target))
            hop_text.append(f"   tie weight {hop.weight:.2f}", style="dim")
            combined = wording.combination(hop.sources, hop.links)
            if combined:
                hop_text.append(f" = {combined}", style="dim")
            node = tree.add(hop_text)
            for link in hop.links:
                branch = node.add(link_line(link, ds))
                _evidence_tree(branch, link, ds)
        parts.append(tree)
    return Group(*parts)


# -- centrality ----------------------------------------------------------------------------------


@_says_sourced_only
def centrality_report(report: CentralityReport) -> RenderableType:
    where = f" in {report.scenario.id}" if report.scenario else " in the base graph"
    table = Table(
        title=f"{report.measure.title()} centrality{where}{_when(report)}",
        caption=f"method: {report.method}",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("rank", justify="right")
    table.add_column("actor")
    table.add_column("kind")
    table.add_column("score", justify="right")
    if report.sample is not None:
        table.add_column("± error", justify="right", style="dim")
    for row in report.rows:
        cells: list[Text | str] = [str(row.rank), actor_text(row.actor, japanese=True)]
        cells.append(row.actor.kind.value)
        cells.append(f"{row.value:.{SHOWN_DECIMALS}f}")
        if report.sample is not None:
            cells.append(f"{row.error or 0.0:.4f}")
        table.add_row(*cells)
    return table


# -- depends -------------------------------------------------------------------------------------


def _key_pairs_table(report: DependsReport | TiesReport, *, base: bool) -> RenderableType:
    suffix = ""
    if report.connected_by:
        suffix = f", connected by {', '.join(report.connected_by)}"
    pairs = Table(
        title=f"Key actors of {report.scenario.id}{_when(report)}{suffix}",
        box=box.SIMPLE,
        title_justify="left",
    )
    pairs.add_column("pair")
    pairs.add_column("strongest chain", justify="right")
    pairs.add_column("hops", justify="right")
    pairs.add_column("fewest hops", justify="right")
    pairs.add_column("routes", justify="right")
    if base:
        pairs.add_column("base", justify="right")
    for pair in report.pairs:
        label = actor_text(pair.source).append(" – ").append_text(actor_text(pair.target))
        connected = pair.hops is not None
        cells: list[Text | str] = [
            label,
            f"{pair.strength:.3f}" if connected else "not connected",
            str(pair.hops) if connected else "-",
            str(pair.fewest_hops) if pair.fewest_hops is not None else "-",
            str(pair.routes),
        ]
        if base:
            cells.append(f"{pair.base_strength:.3f}" if pair.base_strength else "-")
        pairs.add_row(*cells)
    return _PairsFirst(pairs)


def _types(types: Sequence[str]) -> Text:
    return Text(f"  [{', '.join(types)}]", style="italic")


@_says_sourced_only
def depends_report(report: DependsReport) -> RenderableType:
    name = report.scenario.name
    lines: list[RenderableType] = [_key_pairs_table(report, base=True)]
    if report.rows:
        title = f"{name} depends on {report.scoring} channel{'s' if report.scoring > 1 else ''}"
        if len(report.rows) < report.scoring:
            title += f" (top {len(report.rows)} shown)"
        lines += [Text(title, style="bold"), Text(wording.DEPENDS_LEGEND, style="dim")]
    for row in report.rows:
        line = Text()
        line.append(row.name)
        line.append_text(_types(row.types))
        if row.only_here:
            line.append("  new", style="bold green")
        mark = wording.background_mark(
            [k for part in row.parts for t in part.ties for k in t.links]
        )
        if mark:
            line.append(f"  [{mark}]", style=BACKGROUND_STYLE)
        detail = Text(f"score {row.score:.3f}", style="bold red" if row.disconnects else "bold")
        detail.append(f"  base {row.base_score:.3f}\n", style="dim")
        detail.append(row.why)
        lines += [_numbered(row.rank, line), _indent(detail, 5)]
    if report.redundancy:
        lines.append(Text(report.redundancy, style="bold" if not report.rows else ""))
    if report.groups:
        lines.append(
            Text(
                f"Channels that matter only together (top {len(report.groups)} of "
                f"{report.groups_found}; {report.sets_evaluated:,} sets searched)",
                style="bold",
            )
        )
        lines.append(Text(wording.GROUPS_LEGEND, style="dim"))
        for group in report.groups:
            line = Text()
            line.append(" + ".join(m.name for m in group.members))
            detail = Text(f"together {group.score:.3f}", style="bold")
            detail.append(
                "  alone "
                + " / ".join(f"{a:.3f}" for a in group.alone)
                + f"  base {group.base_score:.3f}\n",
                style="dim",
            )
            detail.append(group.why)
            lines += [_numbered(group.rank, line), _indent(detail, 5)]
    if report.groups_note:
        lines.append(Text(report.groups_note, style="dim"))
    if report.pivots:
        shown = ""
        if len(report.pivots) < report.pivots_found:
            shown = f" (top {len(report.pivots)} of {report.pivots_found})"
        lines.append(Text(f"Through whom{shown}", style="bold"))
        for pivot in report.pivots:
            text = Text(pivot.why)
            text.append(f"  (score {pivot.score:.3f})", style="dim")
            lines.append(_indent(text, 2))
    if report.scenario_changes:
        lines.append(Text(f"What {name} changes", style="bold"))
        for change in report.scenario_changes:
            line = Text(f"[{change.status.value}] ", style=STATUS_STYLES[change.status])
            line.append_text(link_line_short(change.link, change.source, change.target))
            lines.append(_indent(line, 2))
            lines.append(_indent(Text(change.why, style="green" if change.carries else "dim"), 4))
    if report.tensions:
        shown = ""
        if len(report.tensions) < report.tensions_found:
            shown = f"top {len(report.tensions)} of {report.tensions_found}; "
        lines.append(
            Text(f"Tensions around {name} ({shown}adversarial links: never a route)", style="bold")
        )
        for tension in report.tensions:
            line = link_line_short(tension.link, tension.source, tension.target)
            line.append(f"  {tension.link.weight:.2f}", style="dim")
            lines.append(_indent(line, 2))
            lines.append(_indent(Text(tension.why, style="dim"), 4))
    return Group(*lines)


@_says_sourced_only
def ties_report(report: TiesReport) -> RenderableType:
    lines: list[RenderableType] = [
        _key_pairs_table(report, base=False),
        Text(
            f"Single ties on {report.scenario.name}'s key routes (top {len(report.rows)} of "
            f"{report.ties_ranked}, of {report.cut_candidates} ties that can be cut; a score of 0: "
            "cutting it alone costs no chain strength)",
            style="bold",
        ),
        Text(wording.TIES_LEGEND, style="dim"),
    ]
    if report.cuts_skipped:
        lines.append(
            Text(
                wording.cuts_not_searched(
                    report.cuts_skipped, len(report.pairs), report.cut_route_limit
                ),
                style="dim",
            )
        )
    for row in report.rows:
        line = Text()
        line.append_text(_tie_text(row.tie.ends, row.tie.links))
        detail = Text(f"score {row.score:.3f}", style="bold red" if row.disconnects else "bold")
        detail.append(
            f"  paths {wording.percent(row.path_share)}  "
            f"routes {wording.percent(row.route_loss)}\n",
            style="dim",
        )
        detail.append(row.why)
        lines += [_numbered(row.rank, line), _indent(detail, 5)]
    return Group(*lines)


# -- neo4j: load / cypher -----------------------------------------------------------------------


def load_summary(summary: LoadSummary) -> RenderableType:
    title = ("Dry run (rolled back): " if summary.dry_run else "Loaded into ") + summary.server
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("section")
    for column, style in (
        ("created", "green"),
        ("updated", "yellow"),
        ("moved", "yellow"),
        ("unchanged", "dim"),
        ("deleted", "red"),
        ("kept", "cyan"),
    ):
        table.add_column(column, justify="right", style=style)
    for row in summary.sections:
        table.add_row(
            row.section.replace("_", " "),
            str(row.created),
            str(row.updated),
            str(row.moved),
            str(row.unchanged),
            str(row.deleted),
            str(row.kept),
        )
    notes = Text(style="dim")
    counters = ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in summary.written.items())
    notes.append(
        f"{summary.statements} statement{'s' if summary.statements != 1 else ''} in "
        f"{summary.seconds:.2f} s; "
        f"server counted: {counters or 'no writes'}"
    )
    if not summary.changed:
        notes.append("\nnothing changed: the database already held this dataset")
    if any(row.kept for row in summary.sections):
        notes.append(
            "\nkept: in the database but not in the dataset; --prune deletes those scenarios "
            "loaded, never anything else"
            if not summary.prune
            else "\nkept: not loaded by scenarios, or still tied to relationships it did not load"
        )
    if any(row.moved for row in summary.sections):
        notes.append(
            "\nmoved: only its place in the dataset's order changed (its position rewritten)"
        )
    if summary.recreated:
        notes.append(f"\nre-created for a new kind: {', '.join(summary.recreated)}")
    if any(
        row.created or row.updated or row.moved or row.unchanged or row.deleted or row.kept
        for row in summary.sections
        if row.section == "scenario_links"
    ):
        notes.append("\nlinks: as `validate` counts them; scenario links: the links scenarios add")
    if summary.acknowledged:
        notes.append(f"\n{wording.acknowledged(summary.acknowledged)}")
    if summary.overwritten:
        notes.append(f"\n{wording.overwritten(summary.overwritten)}")
    if summary.dry_run:
        notes.append(f"\n{wording.constraints_missing(summary.constraints_missing)}")
    return Group(table, notes)


def query_list(found: Sequence[Query]) -> RenderableType:
    table = Table(
        title="Ready-made queries (scenarios cypher NAME)",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
    )
    table.add_column("name", style="bold")
    table.add_column("what it answers")
    table.add_column("parameters (default)", style="dim")
    for query in found:
        params = ", ".join(
            f"{name}={query.examples[name]!r}" if name in query.examples else name
            for name in query.parameters
        )
        table.add_row(short_name(query), query.title, params)
    return table


def query_result(result: QueryResult) -> RenderableType:
    table = Table(
        title=f"{result.query}: {result.title}",
        caption=f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        caption_justify="left",
    )
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(value_text(row[column]) for column in result.columns))
    return table


def value_text(value: object) -> Text:
    """A query result value in a table cell: nodes by name, relationships by type, paths."""
    if value is None:
        return Text("null", style="dim")
    if isinstance(value, GraphNode):
        name = value.properties.get("name") or value.properties.get("id") or "?"
        kinds = [label for label in value.labels if label != "Actor"]
        text = Text(str(name), style=KIND_STYLES.get(kinds[0].lower(), "") if kinds else "")
        if kinds:
            text.append(f" :{':'.join(kinds)}", style="dim")
        return text
    if isinstance(value, GraphRelationship):
        text = Text(f":{value.type}", style="italic")
        ident = value.properties.get("id")
        if ident:
            text.append(f" {ident}", style="dim")
        return text
    if isinstance(value, GraphPath):
        text = Text()
        for index, node in enumerate(value.nodes):
            if index:
                text.append(f" -[:{value.relationships[index - 1].type}]- ", style="italic")
            text.append_text(value_text(node))
        return text
    if isinstance(value, list | tuple):
        return Text(", ").join(value_text(item) for item in value)
    if isinstance(value, float):
        return Text(f"{value:.4g}")
    if isinstance(value, bool):
        return Text("true" if value else "false")
    return Text(str(value))


# -- validate / errors ---------------------------------------------------------------------------


def problems(found: Sequence[Problem], origin: str) -> RenderableType:
    lines = [
        Text(str(p), style="red")
        + (Text(f"\n    hint: {p.hint}", style="dim") if p.hint else Text())
        for p in found
    ]
    lines.append(
        Text(f"{len(found)} problem{'s' if len(found) != 1 else ''} in {origin}", style="bold red")
    )
    return Group(*lines)


def counted(n: int, noun: str) -> str:
    """`1 link`, `2 links`: `noun` given in the plural.

    >>> counted(1, "ties"), counted(3, "ties")
    ('1 tie', '3 ties')
    """
    return f"{n:,} {noun[:-1] if n == 1 and noun.endswith('s') else noun}"


def valid(origin: str, counts: Iterable[tuple[str, int]]) -> RenderableType:
    """`ok: data is valid (39 actors, 83 links (+2 added by scenarios), 3 scenarios)`."""
    parts: list[str] = []
    for what, n in counts:
        if what == "scenario_links":
            if n and parts:
                parts[-1] += f" {wording.added_by_scenarios(n)}"
            continue
        parts.append(counted(n, what))
    return Text(f"ok: {origin} is valid ({', '.join(parts)})", style="green")


def validation(report: Validation) -> RenderableType:
    """What `validate` found: every problem, or that the dataset is valid and how big, its
    warnings and its summary; a file checked in its directory's dataset says so."""
    context = (
        None
        if report.checked_with is None
        else wording.checked_with(report.checked_with, report.other_files)
    )
    if not isinstance(report, ValidDataset):
        if context is None:
            return problems(report.problems, report.origin)
        found: list[RenderableType] = [Text(f"{report.origin}, {context}:", style="bold")]
        if report.problems:
            found.append(problems(report.problems, report.origin))
        if report.other_problems:
            found.append(
                Text(wording.problems_elsewhere(report.other_problems, report.checked_with or ""))
            )
        return Group(*found)
    lines: list[RenderableType] = [
        Text(str(w), style="yellow")
        + (Text(f"\n    hint: {w.hint}", style="dim") if w.hint else Text())
        for w in report.warnings
    ]
    origin = report.origin if context is None else f"{report.origin}, {context},"
    lines.append(valid(origin, report.counts.items()))
    if report.warnings_total:
        note = f"{counted(report.warnings_total, 'warnings')}"
        if report.strict:
            lines.append(Text(f"{note}: --strict fails on them", style="bold red"))
        else:
            lines.append(Text(f"{note} (--strict fails on them)", style="yellow"))
    if report.dataset_summary is not None:
        lines.append(_summary(report.dataset_summary))
    return Group(*lines)


def _summary(summary: Summary) -> Text:
    basis = ", ".join(f"{n:,} {what}" for what, n in summary.by_basis.items())
    grades = ", ".join(f"{what} {n:,}" for what, n in summary.by_grade.items())
    text = (
        f"links by basis: {basis}\n"
        f"links by grade: {grades}\n"
        f"links without evidence: {summary.without_evidence:,}; evidence items without a "
        f"locator: {summary.without_locator:,} of {summary.evidence_items:,}\n"
        f"{counted(summary.signpost_count, 'signposts')}, {summary.observed_count:,} observed; "
        f"{counted(summary.observation_count, 'observations')}"
    )
    if summary.observation_count:
        seen = ", ".join(f"{what} {n:,}" for what, n in summary.observations_by_grade.items())
        text += f"\nobservations by grade: {seen}"
    return Text(text, style="dim")


def error(message: str, hint: str | None) -> RenderableType:
    text = Text("error: ", style="bold red")
    text.append(message)
    if hint:
        text.append(f"\n  hint: {hint}", style="dim")
    return text


# -- compare / whatif / sweep / uncertain / timeline (issue #5) ----------------------------------


def _estimate(est: Estimate) -> str:
    if est.exact:
        return f"{est.probability:.3f} (exact)"
    return f"{est.probability:.3f} [{wording.bound(est.low)}, {wording.bound(est.high)}]"


def _tie_text(ends: Sequence[Actor], links: Sequence[Link] = ()) -> Text:
    text = actor_text(ends[0]).append(" – ").append_text(actor_text(ends[1]))
    if links:
        kinds = ", ".join(dict.fromkeys(link.type.value for link in links))
        text.append(f"  [{kinds}]", style="italic")
    return text


def _rank(rank: int | None) -> str:
    return "-" if rank is None else str(rank)


def _score(score: float | None) -> str:
    return "-" if score is None else f"{score:.4f}"


def _moved(moved: int | None, removed: bool = False) -> Text:
    if moved is None:
        return Text("removed" if removed else "new", style="red" if removed else "green")
    if moved == 0:
        return Text("=")
    return Text(f"{moved:+d}", style="green" if moved > 0 else "red")


CHANGE_STYLES = {
    "broken": "bold red",
    "formed": "bold green",
    "weaker": "yellow",
    "stronger": "green",
    "rerouted": "cyan",
    "same": "dim",
    "apart": "dim",
}


def _titled(title: str, table: RenderableType, caption: str | None = None) -> RenderableType:
    """A bold heading line above a table: rich wraps a table title to the table's width."""
    parts: list[RenderableType] = [Text(title, style="bold"), table]
    if caption:
        parts.append(Text(caption, style="dim"))
    return Group(*parts)


def _chains_table(title: str, rows: Sequence[ChainRow], left: str, right: str) -> RenderableType:
    table = Table(box=box.SIMPLE)
    table.add_column("pair")
    table.add_column(left, justify="right")
    table.add_column(right, justify="right")
    table.add_column("hops", justify="right")
    table.add_column("change")
    for row in rows:
        hops = f"{row.hops_before if row.hops_before is not None else '-'} → "
        hops += f"{row.hops_after if row.hops_after is not None else '-'}"
        table.add_row(
            _tie_text((row.source, row.target)),
            f"{row.strength_before:.3f}" if row.path_before else "not connected",
            f"{row.strength_after:.3f}" if row.path_after else "not connected",
            hops,
            Text(row.change, style=CHANGE_STYLES.get(row.change, "")),
        )
    return _titled(title, _PairsFirst(table))


def _why_lines(rows: Sequence[ChainRow]) -> list[RenderableType]:
    return [
        _indent(Text(row.why, style=CHANGE_STYLES.get(row.change, "")), 2)
        for row in rows
        if row.change not in ("same", "apart")
    ]


def _movers_table(shift: CentralityShift, left: str, right: str) -> RenderableType:
    title = f"{shift.measure.title()} centrality: biggest movers ({left} → {right})"
    if not shift.movers:
        return Text(f"{title}: no actor changes rank", style="bold")
    table = Table(box=box.SIMPLE)
    table.add_column("actor")
    table.add_column("rank", justify="right")
    table.add_column("moved", justify="right")
    table.add_column("score", justify="right")
    for row in shift.movers:
        table.add_row(
            actor_text(row.actor),
            f"{_rank(row.rank_before)} → {_rank(row.rank_after)}",
            _moved(row.moved, removed=row.rank_after is None),
            f"{_score(row.value_before)} → {_score(row.value_after)}",
        )
    return _titled(title, table, f"method: {shift.method}")


def _dependency_shift_lines(
    title: str, rows: Sequence[DependencyShiftRow], left: str, right: str
) -> list[RenderableType]:
    out: list[RenderableType] = [Text(title, style="bold")]
    if not rows:
        out.append(_indent(Text("none", style="dim"), 2))
    for row in rows:
        line = Text(row.name)
        line.append_text(_types(row.types))
        line.append(
            f"  score {row.score_before:.3f} → {row.score_after:.3f}"
            f"  rank {_rank(row.rank_before)} → {_rank(row.rank_after)}",
            style="dim",
        )
        out.append(_indent(line, 2))
    return out


@_says_sourced_only
def compare_report(report: CompareReport) -> RenderableType:
    if report.same:
        return Text(wording.same_scenario(report.a), style="bold")
    a, b = report.a, report.b
    head = Text(f"Compare {a} → {b}", style="bold")
    head.append(f"  ({report.b_name} relative to {report.a_name}{_when(report)})", style="dim")
    parts: list[RenderableType] = [head]

    links = Table(box=box.SIMPLE)
    links.add_column("change")
    links.add_column("link")
    links.add_column(f"weight in {a} → {b}", justify="right")
    for row in report.added_links:
        links.add_row(
            Text("added", style=STATUS_STYLES[row.status]),
            link_line_short(row.link, row.source, row.target),
            f"- → {row.link.weight:.2f}",
        )
    for row in report.removed_links:
        links.add_row(
            Text("removed", style=STATUS_STYLES[row.status]),
            link_line_short(row.link, row.source, row.target),
            f"{row.link.weight:.2f} → -",
        )
    for rw in report.reweighted:
        links.add_row(
            Text(rw.status.value, style=STATUS_STYLES[rw.status]),
            link_line_short(rw.link_after, rw.source, rw.target),
            f"{rw.link_before.weight:.2f} → {rw.link_after.weight:.2f}",
        )
    if links.row_count:
        parts.append(
            _titled(
                f"Links: {len(report.added_links)} added, {len(report.removed_links)} removed, "
                f"{len(report.reweighted)} reweighted, {report.unchanged_link_count} the same",
                links,
            )
        )
    else:
        parts.append(Text(wording.same_links(report.unchanged_link_count), style="bold"))

    keys = ", ".join(k.name for k in report.key_actors)
    if report.chains:
        total = report.chains_changed + report.chains_unchanged
        parts.append(
            _chains_table(
                f"Key-actor chains that differ (top {len(report.chains)} of "
                f"{report.chains_changed} changed, of {total} pairs of {keys})",
                report.chains,
                f"chain in {a}",
                f"chain in {b}",
            )
        )
        parts += _why_lines(report.chains)
    else:
        parts.append(Text(f"Every key-actor chain ({keys}) is the same in both.", style="bold"))
    parts.append(_movers_table(report.centrality, a, b))
    parts += _dependency_shift_lines(
        f"Channels {a} depends on and {b} does not", report.only_a, a, b
    )
    parts += _dependency_shift_lines(
        f"Channels {b} depends on and {a} does not", report.only_b, a, b
    )
    parts += _dependency_shift_lines(
        f"Channels both depend on (score in {a} → {b})", report.both, a, b
    )
    parts.append(Text(wording.COMPARE_LEGEND, style="dim"))
    return Group(*parts)


def link_line_short(link: Link, source: Actor, target: Actor) -> Text:
    text = actor_text(source)
    text.append(f" {_arrow(link)}{link.type.value}{_arrow(link)} ", style="italic")
    text.append_text(actor_text(target))
    text.append(f"  {link.id}", style="dim")
    return text


def _before_beside_after(
    before: Sequence[ChannelRow], after: Sequence[ChannelRow], after_title: str
) -> Table:
    """What a graph depends on before and after a change, side by side."""
    side = Table.grid(padding=(0, 4))
    side.add_row(
        _dependency_rows("Depends on, before", before),
        _dependency_rows(f"Depends on, {after_title}", after),
    )
    return side


def _dependency_rows(title: str, rows: Sequence[ChannelRow]) -> Table:
    table = Table(title=title, box=box.SIMPLE, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("channel")
    table.add_column("score", justify="right")
    for row in rows:
        table.add_row(str(row.rank), row.name, f"{row.score:.3f}")
    return table


@_says_sourced_only
def whatif_report(report: WhatIfReport) -> RenderableType:
    sc = report.scenario
    what = [f"{r.ends[0].name}~{r.ends[1].name}" for r in report.cuts]
    what += [f"without {a.name}" for a in report.removed_actors]
    head = Text(f"What if: {sc.id}, {', '.join(what)}", style="bold")
    head.append(
        f"  ({counted(report.ties_cut, 'ties')}, {counted(report.links_cut, 'links')} cut"
        f"{_when(report)})",
        style="dim",
    )
    parts: list[RenderableType] = [
        head,
        Text(report.summary, style="bold red" if report.disconnects else "bold"),
    ]
    parts.append(_chains_table("Key-actor chains before → after", report.chains, "before", "after"))
    parts += _why_lines(report.chains)
    if report.holding_before is not None and report.holding_after is not None:
        holding = Table(box=box.SIMPLE)
        holding.add_column("")
        holding.add_column("before", justify="right")
        holding.add_column("after", justify="right")
        holding.add_row(
            Text("all key actors connected", style="bold"),
            _estimate(report.holding_before),
            _estimate(report.holding_after),
        )
        for pair in report.holding_pairs:
            holding.add_row(
                _tie_text((pair.source, pair.target)),
                _estimate(pair.holding_before),
                _estimate(pair.holding_after) if pair.holding_after is not None else "-",
            )
        parts.append(
            _titled(
                f"Holding probability before → after ({report.samples:,} draws, seed "
                f"{report.seed}; 95% Wilson intervals)",
                holding,
            )
        )
    parts.append(_movers_table(report.centrality, "before", "after"))
    parts.append(_before_beside_after(report.depends_before, report.depends_after, "after the cut"))
    parts += _dependency_shift_lines(
        "Channels it depends on only after the cut", report.now_depends, "before", "after"
    )
    return Group(*parts)


@_says_sourced_only
def sweep_report(report: SweepReport) -> RenderableType:
    sc = report.scenario
    head = Text(f"Sweep of {sc.id}: every single cut", style="bold")
    if report.k == 2:
        head.append(" and every pair of cuts", style="bold")
    applied = [f"{r.ends[0].name}~{r.ends[1].name}" for r in report.cuts]
    applied += [f"without {a.name}" for a in report.removed_actors]
    if applied:
        head.append(f", after cutting {', '.join(applied)}", style="bold")
    head.append(_when(report), style="dim")
    pairs = Table(box=box.SIMPLE)
    pairs.add_column("key pair")
    pairs.add_column("strongest chain", justify="right")
    pairs.add_column("hops", justify="right")
    for p in report.key_chains:
        pairs.add_row(
            _tie_text((p.source, p.target)),
            f"{p.strength:.3f}" if p.hops is not None else "not connected",
            str(p.hops) if p.hops is not None else "-",
        )
    parts: list[RenderableType] = [head, _PairsFirst(pairs)]
    hurt = report.units_swept - report.harmless
    parts.append(
        Text(
            f"{report.units_swept} channels cut one at a time: {len(report.singles) or 'none'} "
            f"shown of {hurt} that weaken a key chain; {report.redundancy}",
            style="bold",
        )
    )
    parts += _sweep_rows(report.singles)
    if report.k == 2:
        parts.append(
            Text(
                f"Pairs of channels that hurt more together ({report.pairs_evaluated} pairs tried "
                f"from {report.candidates} channels on the strongest key paths)",
                style="bold",
            )
        )
        if not report.doubles:
            parts.append(_indent(Text("none", style="dim"), 5))
        parts += _sweep_rows(report.doubles)
    if report.smallest_break is not None:
        b = report.smallest_break
        text = Text(f"Smallest break: {b.size} tie{'' if b.size == 1 else 's'}", style="bold")
        text.append(f" ({b.why})")
        parts.append(text)
        for row in b.ties:
            parts.append(_indent(_tie_text(row.ends, row.links), 2))
    parts.append(Text(wording.SWEEP_LEGEND, style="dim"))
    return Group(*parts)


def _sweep_rows(rows: Sequence[SweepRow]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for row in rows:
        line = Text()
        line.append("  +  ".join(unit.name for unit in row.units))
        detail = Text(f"score {row.score:.3f}", style="bold red" if row.disconnects else "bold")
        if len(row.alone) > 1:
            detail.append("  alone " + " / ".join(f"{a:.3f}" for a in row.alone), style="dim")
        detail.append("\n")
        detail.append(row.why)
        out += [_numbered(row.rank, line), _indent(detail, 5)]
    return out


@_says_sourced_only
def uncertain_report(report: UncertainReport) -> RenderableType:
    sc = report.scenario
    head = Text(f"How surely the evidence holds {sc.name} together{_when(report)}", style="bold")
    summary = Text("Holding probability ", style="bold")
    summary.append(_estimate(report.holding), style="bold")
    summary.append(f": {report.summary}")
    drawn = f"{report.samples:,} draws, seed {report.seed}, {report.interval}"
    if report.holding.exact:  # the draws measure the links' importance, not the holding
        drawn = f"link importance from {drawn}"
    summary.append(
        f"\n{drawn}; {report.uncertain_links} of {report.graph_links} links are uncertain "
        "(confidence < 1)",
        style="dim",
    )
    pairs = Table(box=box.SIMPLE)
    pairs.add_column("key pair")
    pairs.add_column("connected in", justify="right")
    for p in report.holding_pairs:
        pairs.add_row(_tie_text((p.source, p.target)), _estimate(p.holding_before))
    parts: list[RenderableType] = [head, summary, pairs]
    rest = report.graph_links - report.critical_links
    if not report.rows:
        parts.append(
            Text(
                wording.no_link_decided(report.samples, report.never_critical_below),
                style="bold",
            )
        )
    else:
        parts.append(
            Text(
                f"Links it hinges on (top {len(report.rows)} of {report.critical_links} that "
                "decided at least one draw)",
                style="bold",
            )
        )
        parts.append(Text(wording.IMPORTANCE_LEGEND, style="dim"))
    for row in report.rows:
        line = Text()
        line.append_text(_tie_text(row.ends, (row.link,)))
        line.append(f"  {row.link.id}", style="dim")
        detail = Text(f"importance {_estimate(row.importance)}\n", style="bold")
        detail.append(row.why)
        parts += [_numbered(row.rank, line), _indent(detail, 5)]
    if report.rows and rest:
        parts.append(Text(wording.never_decided(rest, report.never_critical_below), style="dim"))
    parts.append(Text(wording.NOT_A_FORECAST, style="dim"))
    return Group(*parts)


@_says_sourced_only
def timeline_report(report: TimelineReport, *, brief: bool = False) -> RenderableType:
    """The dated links day by day, the scenario's undated additions last, then the chains
    table; `brief`: each link as its id."""
    sc = report.scenario
    head = Text(f"Timeline of {sc.name}{_when(report)}", style="bold")
    keys = ", ".join(k.name for k in report.key_actors)
    head.append(f"  (key actors {keys})", style="dim")
    last = report.undated_additions
    parts: list[RenderableType] = [
        head,
        Text(wording.undated(report.undated, len(last.entered) if last else 0), style="dim"),
    ]
    for step in (*report.days, *([last] if last else [])):
        parts.append(_day_heading(step))
        if brief:
            line = Text()
            for index, row in enumerate(step.entered):
                line.append(", " if index else "")
                line.append(row.link.id, style=STATUS_STYLES[row.status])
            parts.append(_indent(line, 2))
        for row in () if brief else step.entered:
            line = Text(f"[{row.status.value}] ", style=STATUS_STYLES[row.status])
            line.append_text(link_line_short(row.link, row.source, row.target))
            parts.append(_indent(line, 2))
        for change in step.effects:
            parts.append(_Hanging(Text(change, style="green"), Text("  → ", style="green")))
    parts.append(_timeline_table(report))
    return Group(*parts)


def _day_heading(step: TimelineStep) -> Text:
    """`2025-10-31  (dated 2025-10 (day unknown))`, or the heading of the undated additions."""
    if step.day is None:
        return Text(wording.UNDATED_ADDITIONS, style="bold")
    day = Text(step.day.isoformat(), style="bold")
    periods = list(
        dict.fromkeys(wording.period(row.link.date) for row in step.entered if row.link.date)
    )
    why = list(
        dict.fromkeys(filter(None, (wording.reported_early(r.counted) for r in step.entered)))
    )
    if periods != [step.day.isoformat()]:
        day.append(f"  (dated {'; '.join([', '.join(periods), *why])})", style="dim")
    return day


# -- signposts -----------------------------------------------------------------------------------


@_says_sourced_only
def signposts_report(report: SignpostsReport, ds: Dataset) -> RenderableType:
    head = Text(f"Signposts{_when(report)}", style="bold")
    head.append(f"  (diagnosticity over {len(report.considered)} scenarios)", style="dim")
    parts: list[RenderableType] = [head, Text(report.method, style="dim")]
    for section in report.scenarios:
        sc = section.scenario
        parts.append(Text(f"\n{sc.name} ({sc.id})", style="bold underline"))
        for title, rows in (("Observed", section.observed), ("Not yet observed", section.not_yet)):
            if not rows:  # no empty heading: say so on its line
                parts.append(Text(f"{title}: none", style="bold"))
                continue
            parts.append(Text(f"{title} ({len(rows)})", style="bold"))
            parts += [_signpost_row(row, ds) for row in rows]
        if section.proposed:
            parts.append(
                Text(
                    "Proposed from the dependency analysis (what this scenario depends on "
                    "and the others do not)",
                    style="bold",
                )
            )
        for proposal in section.proposed:
            parts.append(_indent(Text(proposal.text), 2))
            if proposal.watched_by:
                watched = f"already watched by: {', '.join(proposal.watched_by)}"
                parts.append(_indent(Text(watched, style="dim"), 4))
    if report.unraised:
        parts.append(Text(wording.unraised(len(report.unraised), report.known_by), style="yellow"))
    return Group(*parts)


def _signpost_row(row: SignpostRow, ds: Dataset) -> RenderableType:
    sign = row.signpost
    value = "   –" if row.diagnosticity is None else f"{row.diagnosticity:.2f}"
    stance = "for" if row.stance == "points_to" else "against"
    line = Text(f"[{stance}] ", style="green" if stance == "for" else "red")
    line.append(sign.statement)
    detail = Text(f"{sign.id}: {row.why}", style="dim")
    if sign.meaning:
        detail.append(f"\nwould mean: {sign.meaning}", style="italic")
    raised = [wording.source(r, ds) for r in sign.raised_by]
    if raised:
        detail.append("\nraised by " + "; ".join(raised), style="dim")
    if row.latest is not None:
        label = "latest" if row.sighting == "observed" else "possibly seen"
        detail.append(f"\n{label}: {wording.observation(row.latest, ds)}")
        if row.observations_counted > 1:
            detail.append(f" (+{row.observations_counted - 1} earlier)", style="dim")
    return Group(_Hanging(line, Text(f"  {value}  ", style="bold")), _indent(detail, 8))


def _timeline_table(report: TimelineReport) -> RenderableType:
    """Key-actor chains day by day: one column per pair, or a summary beyond four pairs."""
    uncertain = report.start_holding is not None
    few = len(report.start_chains) <= 4
    table = Table(box=box.SIMPLE)
    table.add_column("as of")
    if few:  # ids, which stay short and whole; the names are in the caption
        for pair in report.start_chains:
            table.add_column(f"{pair.source.id}–{pair.target.id}", justify="right")
    else:
        table.add_column("pairs connected", justify="right")
        table.add_column("mean chain", justify="right")
    if uncertain:
        table.add_column("holding", justify="right", no_wrap=True)

    def row(label: str, pairs: Sequence[KeyChainRow], holding: Estimate | None) -> None:
        if few:
            cells = [f"{p.strength:.2f}" if p.hops is not None else "apart" for p in pairs]
        else:
            joined = sum(1 for p in pairs if p.hops is not None)
            mean = sum(p.strength for p in pairs) / len(pairs) if pairs else 0.0
            cells = [f"{joined} of {len(pairs)}", f"{mean:.2f}"]
        if holding is not None:
            cells.append(_estimate(holding))
        table.add_row(label, *cells)

    row("(undated only)", report.start_chains, report.start_holding)
    for step in report.days:
        row(step.day.isoformat() if step.day else "", step.key_chains, step.holding)
    if report.undated_additions is not None:
        last = report.undated_additions
        row("+ undated additions", last.key_chains, last.holding)
    title = "Key-actor chains by day (strength of the strongest chain"
    title += "; holding probability)" if uncertain else ")"
    notes = []
    if few:
        actors = {a.id: a.name for p in report.start_chains for a in (p.source, p.target)}
        notes.append(", ".join(f"{ident}: {name}" for ident, name in actors.items()))
    if uncertain:
        notes.append(
            f"holding: {report.samples:,} draws, seed {report.seed}, the same draws every day; "
            "95% Wilson intervals"
        )
        steps = (*report.days, *([report.undated_additions] if report.undated_additions else []))
        holdings = [report.start_holding, *(step.holding for step in steps)]
        if any(h is not None and h.exact for h in holdings):
            notes[-1] += "; rows marked exact needed no draws"
    return _titled(title, table, "\n".join(notes) or None)


# -- add, edit, pull, diff -------------------------------------------------------------------------


DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def diff_text(diff: str) -> RenderableType:
    """A unified diff, coloured on a terminal; `no changes` when empty."""
    if not diff:
        return Text("no changes", style="dim")
    text = Text(no_wrap=True)
    for line in diff.splitlines(keepends=True):
        style = "bold" if line.startswith(("+++", "---")) else DIFF_STYLES.get(line[:1], "")
        text.append(line, style=style)
    text.rstrip()
    return text


def entry_change(change: EntryChange) -> RenderableType:
    line = wording.entry_done(
        change.action, change.entry_kind, change.id, change.file, change.saved
    )
    parts: list[RenderableType] = [Text(line)]
    parts += [Text(f"warning: {w}", style="yellow") for w in change.warnings]
    return Group(*parts)


CHANGE_MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}


def _change_line(change: EntityChange) -> Text:
    mark, style = CHANGE_MARKS[change.change]
    text = Text(
        f"{mark} {change.section[:-1] if change.section.endswith('s') else change.section}"
        f" {change.id}",
        style=style,
    )
    if change.change == "changed":
        words = [
            wording.field_change(f.field, f.before, f.after, len(f.added), len(f.removed))
            for f in change.fields
        ]
        text.append(": " + "; ".join(words), style="")
    else:
        text.append(": " + wording.entry_words(change.section, change.after or change.before))
    return text


def _counts_line(counts: Mapping[str, Mapping[str, int]]) -> Text:
    if not counts:
        return Text("No entry differs.", style="bold")
    parts = [
        f"{section} " + ", ".join(f"{n} {what}" for what, n in row.items() if n)
        for section, row in counts.items()
    ]
    return Text("; ".join(parts), style="bold")


def diff_report(report: DiffReport) -> RenderableType:
    head = Text(f"Diff {report.old} → {report.new}", style="bold")
    head.append(_when(report), style="dim")
    parts: list[RenderableType] = [head, _counts_line(report.change_counts)]
    parts += [_indent(_change_line(c), 2) for c in report.differences]
    for shift in report.scenarios:
        parts.append(
            Text(
                f"\n{shift.scenario.name} ({shift.scenario.id}): what the change did", style="bold"
            )
        )
        if shift.chains:
            parts.append(
                _chains_table("Key-actor chains that differ", shift.chains, "before", "after")
            )
            parts += _why_lines(shift.chains)
        else:
            keys = ", ".join(k.name for k in shift.key_actors)
            parts.append(Text(f"Every key-actor chain ({keys}) is the same.", style="dim"))
        parts.append(_before_beside_after(shift.depends_before, shift.depends_after, "after"))
        parts += _dependency_shift_lines(
            "Channels depended on only before", shift.only_before, "", ""
        )
        parts += _dependency_shift_lines(
            "Channels depended on only after", shift.only_after, "", ""
        )
        moved = tuple(
            r
            for r in shift.both
            if r.rank_before != r.rank_after or abs(r.score_after - r.score_before) > 1e-9
        )
        parts += _dependency_shift_lines("Channels whose rank or score moved", moved, "", "")
    if report.unmoved:
        parts.append(Text(f"Answers unchanged: {', '.join(report.unmoved)}", style="dim"))
    parts.append(Text(wording.DIFF_LEGEND, style="dim"))
    return Group(*parts)


def pull_report(report: PullReport) -> RenderableType:
    files = len(report.files)
    line = wording.pulled(
        len(report.differences), report.applied, files, report.saved, report.dry_run
    )
    parts: list[RenderableType] = [
        Text(f"Pull from {report.server} into {report.origin}", style="bold"),
        Text(line),
    ]
    parts += [_indent(_change_line(c), 2) for c in report.differences]
    for missed in report.not_pulled:
        parts.append(
            Text(
                wording.not_pulled(missed.section, missed.id, missed.change, missed.file),
                style="yellow",
            )
        )
    if report.set_aside:
        parts.append(Text(wording.set_aside_head(len(report.set_aside)), style="yellow"))
        parts += [
            _indent(Text(wording.set_aside(s.what, s.where, s.detail), style="yellow"), 2)
            for s in report.set_aside
        ]
    if report.diff:
        parts.append(diff_text(report.diff))
    return Group(*parts)


def pull_stamp(report: PullReport) -> RenderableType | None:
    """What the stamp after the files were written did (said after them), or None."""
    if report.stamp_failed is not None:
        return Text(wording.stamp_failed(report.stamp_failed), style="yellow")
    if report.stamped is not None:
        return Text(wording.stamped(report.stamped))
    return None
