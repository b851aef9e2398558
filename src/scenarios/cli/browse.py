"""`list`, `show`, `actors`, `links`: browse the dataset.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from scenarios.cli.options import (
    AsOfOption,
    DatabaseOption,
    DataOption,
    JsonOption,
    PasswordOption,
    ScenarioOption,
    Source,
    SourceOption,
    UriOption,
    UserOption,
    day,
    read_dataset,
)
from scenarios.cli.output import emit
from scenarios.vocab import ActorKind, LinkType

if TYPE_CHECKING:
    pass

R = TypeVar("R")


def list_scenarios(
    data: DataOption = None,
    as_of: AsOfOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """List the scenarios with their key actors and link counts."""
    from scenarios.render import terminal as render
    from scenarios.reports import browse as reports

    ds = read_dataset(data, source, uri, user, password, database)
    report = reports.scenario_list(ds, as_of=day(as_of))
    emit("scenario-list", report, json_out, render.scenario_list)


def show(
    scenario: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id or name, e.g. new-yalta.")
    ],
    data: DataOption = None,
    as_of: AsOfOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Show a scenario: description, signposts, what it changes, its actors and evidence."""
    from scenarios.render import terminal as render
    from scenarios.reports import browse as reports

    ds = read_dataset(data, source, uri, user, password, database)
    report = reports.scenario_detail(ds, scenario, as_of=day(as_of))
    emit("scenario", report, json_out, lambda r: render.scenario_detail(r, ds))


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
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Browse actors, filtered by kind or name; `ties` counts their neighbours."""
    from scenarios.render import terminal as render
    from scenarios.reports import browse as reports

    ds = read_dataset(data, source, uri, user, password, database)
    report = reports.actor_table(ds, kinds=kind or (), scenario=scenario, search=search)
    emit("actors", report, json_out, render.actor_table)


def links(
    link_type: Annotated[
        list[LinkType] | None,
        typer.Option("--type", "-t", help="Only links of this type (repeatable)."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", "-a", help="Only links touching this actor (id, name or alias)."),
    ] = None,
    scenario: ScenarioOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Browse links in force, filtered by type, actor, scenario and date."""
    from scenarios.render import terminal as render
    from scenarios.reports import browse as reports

    ds = read_dataset(data, source, uri, user, password, database)
    report = reports.link_table(
        ds, types=link_type or (), scenario=scenario, actor=actor, as_of=day(as_of)
    )
    emit("links", report, json_out, lambda r: render.link_table(r, ds))
