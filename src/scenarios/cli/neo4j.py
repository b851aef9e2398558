"""`load` and `cypher`: the Neo4j side door.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import sys
from typing import Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import DataOption, JsonOption, Neo4j, load_files, optional_argument
from scenarios.cli.output import emit


@examples("scenarios load --dry-run", "scenarios load --prune")
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
        typer.Option(
            "--dry-run",
            help="Do the whole load, report it, then roll it back (constraints only compared).",
        ),
    ] = False,
    overwrite_edits: Annotated[
        bool,
        typer.Option(
            "--overwrite-edits",
            help="Replace what was edited in the database since the last load (else the load "
            "stops, exit 9, and lists the edits).",
        ),
    ] = False,
    json_out: JsonOption = False,
    server: Neo4j = Neo4j(),
) -> None:
    """Load the dataset into Neo4j: constraints, actors, links, scenarios, in one transaction.

    Idempotent: loading the same dataset again writes nothing. Counts what was created,
    updated, left unchanged, deleted (--prune) and kept. An edit made in the database (e.g. in
    Neo4j Browser) since the last load is never overwritten silently. See docs/neo4j.md.
    """
    from scenarios.cli.progress import progress
    from scenarios.render import terminal

    opened = server.store()  # a wrong URI is said before a large dataset is read
    ds = load_files(data)
    with opened as store, progress(quiet=json_out) as shown:
        summary = store.load(
            ds,
            prune=prune,
            dry_run=dry_run,
            progress=shown,
            tally=shown.tally,
            overwrite_edits=overwrite_edits,
        )
    emit("load", summary, json_out, terminal.load_summary)


@examples("scenarios cypher", "scenarios cypher bridges --param scenario=g2")
def cypher(
    name: Annotated[
        str | None,
        optional_argument("NAME", "Query name, e.g. bridges (omit to list the queries)."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            metavar="NAME=VALUE",
            help="NAME=VALUE, repeatable; VALUE is a Cypher literal (3, null, 'g2') or text. "
            "Unset parameters take the query's :param example.",
        ),
    ] = None,
    print_text: Annotated[
        bool, typer.Option("--print", help="Print the query's Cypher instead of running it.")
    ] = False,
    json_out: JsonOption = False,
    server: Neo4j = Neo4j(),
) -> None:
    """Run a ready-made query from cypher/queries/ in Neo4j and print its rows.

    The same files paste into Neo4j Browser or cypher-shell. Without NAME, list them.
    """
    from scenarios.render import terminal
    from scenarios.store import queries

    if name is None:
        emit("queries", queries.analyst_queries(), json_out, terminal.query_list)
        return
    query = queries.analyst_query(name)
    if print_text:
        sys.stdout.write(query.text)
        return
    params = queries.bind(query, dict(queries.parse_param(p) for p in param or ()))
    with server.store() as store:
        result = store.run_query(query, params)
    emit("cypher", result, json_out, terminal.query_result)
