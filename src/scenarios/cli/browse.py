"""`list`, `show`, `actors`, `links`: browse the dataset.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import (
    BriefOption,
    DataOption,
    Evidence,
    GraphSource,
    JsonOption,
    ScenarioArgument,
    ScenarioOption,
)
from scenarios.cli.output import emit
from scenarios.vocab import ActorKind, LinkType

if TYPE_CHECKING:
    from scenarios.model import Dataset
    from scenarios.render.terminal import Renderable

R = TypeVar("R")


@examples("scenarios list", "scenarios list --as-of 2025-11-30")
def list_scenarios(
    evidence: Evidence = Evidence(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """List the scenarios with their key actors and link counts."""
    from scenarios.render import terminal
    from scenarios.reports import browse

    report = browse.scenario_list(evidence.load(graph), as_of=evidence.day())
    emit("scenario-list", report, json_out, terminal.scenario_list)


@examples("scenarios show new-yalta", "scenarios show new-yalta --brief")
def show(
    scenario: ScenarioArgument,
    evidence: Evidence = Evidence(),
    brief: BriefOption = False,
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Show a scenario: description, signposts, what it changes, its actors and evidence."""
    from scenarios.render import terminal
    from scenarios.reports import browse

    ds = evidence.load(graph)
    report = browse.scenario_detail(ds, scenario, as_of=evidence.day())
    brief_or_full = (terminal.scenario_brief, terminal.scenario_detail)
    _emit_with_evidence("scenario", report, ds, brief_or_full, brief=brief, json_out=json_out)


@examples("scenarios actors --kind leader", "scenarios actors --search トランプ")
def actors(
    kind: Annotated[
        list[ActorKind] | None,
        typer.Option("--kind", "-k", help="Only actors of this kind (repeatable)."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", help="Only actors with a name containing this text (any language)."
        ),
    ] = None,
    scenario: ScenarioOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Browse actors, filtered by kind or name; `ties` counts their neighbours."""
    from scenarios.render import terminal
    from scenarios.reports import browse

    kinds = kind or ()
    report = browse.actor_table(graph.load(data), kinds=kinds, scenario=scenario, search=search)
    emit("actors", report, json_out, terminal.actor_table)


@examples("scenarios links --brief", "scenarios links --actor witkoff --scenario new-yalta")
def links(
    link_type: Annotated[
        list[LinkType] | None,
        typer.Option("--type", "-t", help="Only links of this type (repeatable)."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            "-a",
            metavar="ACTOR",
            help="Only links touching this actor (id, name or alias).",
        ),
    ] = None,
    scenario: ScenarioOption = None,
    evidence: Evidence = Evidence(),
    brief: BriefOption = False,
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Browse links in force, filtered by type, actor, scenario and date."""
    types = link_type or ()
    from scenarios.render import terminal
    from scenarios.reports import browse

    ds = evidence.load(graph)
    report = browse.link_table(
        ds, types=types, scenario=scenario, actor=actor, as_of=evidence.day()
    )
    brief_or_full = (terminal.link_table_brief, terminal.link_table)
    _emit_with_evidence("links", report, ds, brief_or_full, brief=brief, json_out=json_out)


def _emit_with_evidence(
    kind: str,
    report: R,
    ds: "Dataset",
    brief_or_full: "tuple[Callable[[R], Renderable], Callable[[R, Dataset], Renderable]]",
    *,
    brief: bool,
    json_out: bool,
) -> None:
    """`show` and `links`: with --brief one line per entry, else the full table, which cites
    each link's evidence from the dataset `ds` (or the JSON document with --json)."""
    short, full = brief_or_full
    emit(kind, report, json_out, short if brief else lambda shown: full(shown, ds))
