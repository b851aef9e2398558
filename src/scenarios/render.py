"""Reports -> rich renderables for people. The only module that imports rich; prints nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scenarios.errors import Problem
from scenarios.model import Actor, Dataset, Link, LinkStatus
from scenarios.queries import Query, short_name
from scenarios.records import GraphNode, GraphPath, GraphRelationship, LoadSummary, QueryResult
from scenarios.reports import (
    ActorTable,
    CentralityReport,
    DependsReport,
    LinkRow,
    LinkTable,
    PathReport,
    ScenarioDetail,
    ScenarioList,
    cite,
)

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
}
STATUS_STYLES = {
    LinkStatus.BASE: "dim",
    LinkStatus.ADDED: "bold green",
    LinkStatus.STRENGTHENED: "green",
    LinkStatus.WEAKENED: "yellow",
    LinkStatus.REMOVED: "red",
}


def actor_text(actor: Actor, *, japanese: bool = False) -> Text:
    text = Text(actor.name, style=KIND_STYLES.get(actor.kind.value, ""))
    if japanese and actor.name_ja:
        text.append(f" {actor.name_ja}", style="dim")
    return text


def _as_of(as_of: object) -> str:
    return f" as of {as_of}" if as_of else ""


def _arrow(link: Link) -> str:
    return "—" if link.type.symmetric else "→"


def link_line(link: Link, ds: Dataset) -> Text:
    source, target = ds.actor_by_id[link.source], ds.actor_by_id[link.target]
    text = actor_text(source)
    text.append(f" {_arrow(link)}{link.type.value}{_arrow(link)} ", style="italic")
    text.append_text(actor_text(target))
    details = f"  s={link.strength:.2f} c={link.confidence:.2f}"
    if link.date:
        details += f"  {link.date}"
    text.append(details, style="dim")
    if link.label:
        text.append(f"  {link.label}", style="dim italic")
    return text


def _evidence_tree(parent: Tree, link: Link, ds: Dataset) -> None:
    if not link.evidence:
        parent.add(Text("(no evidence recorded)", style="dim red"))
    for evidence in link.evidence:
        parent.add(Text(cite(evidence, ds), style="dim"))


# -- list / show ---------------------------------------------------------------------------------


def scenario_list(report: ScenarioList) -> RenderableType:
    table = Table(
        title=f"Scenarios{_as_of(report.as_of)}",
        caption=f"base graph: {report.actors} actors, {report.base_links} links",
        box=box.SIMPLE_HEAVY,
    )
    table.add_column("id", style="bold")
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
            str(row.links),
            str(row.added),
            str(row.changed),
            str(row.removed),
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
    if report.raised_by:
        head.append("\nRaised by: ", style="bold")
        head.append(", ".join(report.raised_by))
    parts: list[RenderableType] = [
        Panel(head, title=f"scenario {sc.id}{_as_of(report.as_of)}", expand=False)
    ]

    if sc.signposts:
        signs = Tree(Text("Signposts to watch", style="bold"))
        for sign in sc.signposts:
            node = signs.add(Text(sign.text))
            if sign.meaning:
                node.add(Text(f"would mean: {sign.meaning}", style="italic"))
            who = ds.speaker_by_id[sign.speaker].name if sign.speaker else None
            if who:
                node.add(Text(f"raised by {who}", style="dim"))
        parts.append(signs)

    changes = Tree(Text(f"What this scenario changes ({len(report.changes)} links)", style="bold"))
    for row in report.changes:
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


def actor_table(report: ActorTable) -> RenderableType:
    title = f"Actors ({len(report.rows)} of {report.total})"
    if report.scenario:
        title += f" in {report.scenario}"
    table = Table(title=title, box=box.SIMPLE_HEAVY)
    for column in ("id", "name", "日本語", "kind", "affiliation", "ties"):
        table.add_column(column, justify="right" if column == "ties" else "left")
    for row in report.rows:
        a = row.actor
        table.add_row(
            a.id, actor_text(a), a.name_ja or "", a.kind.value, a.affiliation or "", str(row.ties)
        )
    return table


def link_table(report: LinkTable, ds: Dataset) -> RenderableType:
    title = f"Links ({len(report.rows)} of {report.total})"
    if report.scenario:
        title += f" in {report.scenario}"
    table = Table(title=title + _as_of(report.as_of), box=box.SIMPLE_HEAVY, show_lines=False)
    table.add_column("id", style="bold", overflow="fold")
    table.add_column("link")
    table.add_column("w", justify="right")
    table.add_column("date")
    table.add_column("status")
    table.add_column("evidence", overflow="fold")
    for row in report.rows:
        link = row.link
        ends = actor_text(row.source)
        ends.append(f" {_arrow(link)}{link.type.value}{_arrow(link)} ", style="italic")
        ends.append_text(actor_text(row.target))
        evidence = cite(link.evidence[0], ds) if link.evidence else "(none)"
        if len(link.evidence) > 1:
            evidence += f" (+{len(link.evidence) - 1})"
        table.add_row(
            link.id,
            ends,
            f"{link.weight:.2f}",
            str(link.date or ""),
            Text(row.status.value, style=STATUS_STYLES[row.status]),
            evidence,
        )
    return table


# -- path ----------------------------------------------------------------------------------------


def path_report(report: PathReport, ds: Dataset) -> RenderableType:
    where = f"in {report.scenario}" if report.scenario else "in the base graph"
    header = Text()
    header.append_text(actor_text(report.source))
    header.append(" to ")
    header.append_text(actor_text(report.target))
    header.append(f"  ({report.mode} {where}{_as_of(report.as_of)}", style="dim")
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
        title.append(f"   {len(path.hops)} hops, chain strength {path.strength:.3f}", style="dim")
        tree = Tree(title)
        for hop in path.hops:
            hop_text = actor_text(hop.source)
            hop_text.append(" → ")
            hop_text.append_text(actor_text(hop.target))
            hop_text.append(f"   tie weight {hop.weight:.2f}", style="dim")
            node = tree.add(hop_text)
            for link in hop.links:
                branch = node.add(link_line(link, ds))
                _evidence_tree(branch, link, ds)
        parts.append(tree)
    return Group(*parts)


# -- centrality ----------------------------------------------------------------------------------


def centrality_report(report: CentralityReport) -> RenderableType:
    where = f" in {report.scenario}" if report.scenario else " in the base graph"
    table = Table(
        title=f"{report.measure.title()} centrality{where}{_as_of(report.as_of)}",
        caption=f"method: {report.method}",
        box=box.SIMPLE_HEAVY,
    )
    table.add_column("rank", justify="right")
    table.add_column("actor")
    table.add_column("kind")
    table.add_column("score", justify="right")
    for row in report.rows:
        table.add_row(
            str(row.rank),
            actor_text(row.actor, japanese=True),
            row.actor.kind.value,
            f"{row.score:.4f}",
        )
    return table


# -- depends -------------------------------------------------------------------------------------


def depends_report(report: DependsReport) -> RenderableType:
    sc = report.scenario
    pairs = Table(
        title=f"Key actors of {sc.id}{_as_of(report.as_of)}", box=box.SIMPLE, title_justify="left"
    )
    pairs.add_column("pair")
    pairs.add_column("strongest chain", justify="right")
    pairs.add_column("fewest hops", justify="right")
    pairs.add_column("independent routes", justify="right")
    for pair in report.pairs:
        label = actor_text(pair.source).append(" – ").append_text(actor_text(pair.target))
        pairs.add_row(
            label,
            f"{pair.strength:.3f}" if pair.hops is not None else "not connected",
            str(pair.hops) if pair.hops is not None else "-",
            str(pair.routes),
        )
    lines: list[RenderableType] = [
        Text(
            f"Links {sc.name} depends on "
            f"(top {len(report.rows)} of {report.ties_ranked} ties on key routes)",
            style="bold",
        ),
        Text(
            "score = share of key-pair chain strength lost if the tie is cut; paths = share of the "
            "strongest key-pair paths through it; routes = share of independent routes lost",
            style="dim",
        ),
    ]
    for row in report.rows:
        dep = row.dependency
        line = Text(f"{row.rank:>3}. ")
        line.append_text(actor_text(row.ends[0]).append(" – ").append_text(actor_text(row.ends[1])))
        line.append(
            f"  [{', '.join(dict.fromkeys(link.type.value for link in row.links))}]", style="italic"
        )
        detail = Text(f"score {dep.score:.3f}", style="bold red" if dep.disconnects else "bold")
        detail.append(f"  paths {dep.path_share:.0%}  routes {dep.route_loss:.0%}\n", style="dim")
        detail.append(row.why)
        lines += [line, Padding(detail, (0, 0, 0, 5))]
    return Group(pairs, *lines)


# -- neo4j: load / cypher -----------------------------------------------------------------------


def load_summary(summary: LoadSummary) -> RenderableType:
    title = ("Dry run (rolled back): " if summary.dry_run else "Loaded into ") + summary.target
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
            row.section,
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
        notes.append("\nmoved: only its position in the dataset changed (kept for its order)")
    if summary.recreated:
        notes.append(f"\nre-created for a new kind: {', '.join(summary.recreated)}")
    return Group(table, notes)


def query_list(found: Sequence[Query]) -> RenderableType:
    table = Table(title="Ready-made queries (scenarios cypher NAME)", box=box.SIMPLE_HEAVY)
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


def valid(origin: str, counts: Iterable[tuple[str, int]]) -> RenderableType:
    summary = ", ".join(f"{n} {what}" for what, n in counts)
    return Text(f"ok: {origin} is valid ({summary})", style="green")


def error(message: str, hint: str | None) -> RenderableType:
    text = Text("error: ", style="bold red")
    text.append(message)
    if hint:
        text.append(f"\n  hint: {hint}", style="dim")
    return text
