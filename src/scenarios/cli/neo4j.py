"""`load` and `cypher`: the Neo4j side door.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import sys
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from scenarios.cli.options import (
    DatabaseOption,
    DataOption,
    JsonOption,
    PasswordOption,
    UriOption,
    UserOption,
    neo4j_connection,
    open_store,
    read_dataset,
)
from scenarios.cli.output import emit
from scenarios.cli.progress import progress

if TYPE_CHECKING:
    pass

R = TypeVar("R")


def load(
    data: DataOption = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Also delete what the dataset no longer has (only what scenarios loaded).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Do the whole load, report it, then roll it back."),
    ] = False,
    json_out: JsonOption = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Load the dataset into Neo4j: constraints, actors, links, scenarios, in one transaction.

    Idempotent: loading the same dataset again writes nothing. Counts what was created,
    updated, left unchanged, deleted (--prune) and kept. See docs/neo4j.md for the graph.
    """
    from scenarios.render import terminal as render

    ds = read_dataset(data)
    conn = neo4j_connection(uri, user, password, database)
    with open_store(conn) as store, progress(quiet=json_out) as shown:
        summary = store.load(ds, prune=prune, dry_run=dry_run, progress=shown, tally=shown.tally)
    emit("load", summary, json_out, render.load_summary)


def cypher(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="Query name, e.g. bridges (omit to list the queries).",
            show_default=False,
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE, repeatable; VALUE is a Cypher literal (3, null, 'g2') or text. "
            "Unset parameters take the query's :param example.",
        ),
    ] = None,
    print_text: Annotated[
        bool, typer.Option("--print", help="Print the query's Cypher instead of running it.")
    ] = False,
    json_out: JsonOption = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Run a ready-made query from cypher/queries/ in Neo4j and print its rows.

    The same files paste into Neo4j Browser or cypher-shell. Without NAME, list them.
    """
    from scenarios.render import terminal as render
    from scenarios.store import queries

    if name is None:
        found = queries.analyst_queries()
        emit("queries", found, json_out, render.query_list)
        return
    query = queries.analyst_query(name)
    if print_text:
        sys.stdout.write(query.text)
        return
    params = queries.bind(query, dict(queries.parse_param(p) for p in param or ()))
    with open_store(neo4j_connection(uri, user, password, database)) as store:
        result = store.run_query(query, params)
    emit("cypher", result, json_out, render.query_result)
