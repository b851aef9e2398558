"""The options several commands share, declared once, and what turns them into a dataset.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import os
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from scenarios.config import DATA_ENV, DATABASE_ENV, PASSWORD_ENV, SOURCE_ENV, URI_ENV, USER_ENV
from scenarios.errors import UsageError
from scenarios.vocab import Measure

if TYPE_CHECKING:
    from scenarios.model import Dataset
    from scenarios.store.store import Connection, Store

R = TypeVar("R")


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar=DATA_ENV,
        help="Dataset directory or YAML file [default: the bundled seed dataset].",
        show_default=False,
    ),
]


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]


ScenarioOption = Annotated[
    str | None,
    typer.Option(
        "--scenario",
        "-s",
        help="Analyse this scenario's graph [default: the base graph].",
        show_default=False,
    ),
]


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Use only links in evidence on this date (YYYY-MM-DD); undated links always count.",
        show_default=False,
    ),
]


TopOption = Annotated[int, typer.Option("--top", "-n", help="Show this many rows.")]


class Source(StrEnum):
    """Where analysis commands read the graph."""

    FILES = "files"
    NEO4J = "neo4j"


SourceOption = Annotated[
    Source,
    typer.Option(
        "--source",
        envvar=SOURCE_ENV,
        help="Read the graph from the dataset files, or from Neo4j (so edits made in Neo4j "
        "Browser are analysed; connection from --uri etc.).",
    ),
]


UriOption = Annotated[
    str | None,
    typer.Option(
        "--uri",
        envvar=URI_ENV,
        help="Neo4j Bolt URI: bolt://, neo4j://, +s or +ssc [default: neo4j://localhost:7687].",
        show_default=False,
    ),
]


UserOption = Annotated[
    str | None,
    typer.Option(
        "--user", envvar=USER_ENV, help="Neo4j user [default: neo4j].", show_default=False
    ),
]


PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar=PASSWORD_ENV,
        help=f"Neo4j password (prefer ${PASSWORD_ENV}: other users can see options in `ps`).",
        show_default=False,
    ),
]


DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar=DATABASE_ENV,
        help="Neo4j database [default: the server's default database].",
        show_default=False,
    ),
]


UncertainOption = Annotated[
    bool,
    typer.Option(
        "--uncertain",
        help="Treat each link as present with probability = its confidence (Monte Carlo).",
    ),
]


SamplesOption = Annotated[
    int | None,
    typer.Option(
        "--samples",
        help="Monte Carlo draws with --uncertain, 100 to 1,000,000 [default: 10000].",
        show_default=False,
    ),
]


SeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help="Random seed with --uncertain: the same seed gives the same figures [default: 0].",
        show_default=False,
    ),
]


MeasureOption = Annotated[
    Measure, typer.Option("--measure", "-m", help="Centrality measure to compare.")
]


def neo4j_connection(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> "Connection":
    from scenarios.store.store import connection

    return connection(uri, user, password, database)


def open_store(conn: "Connection") -> "Store":
    from scenarios.store.store import Store

    return Store(conn)


def read_dataset(
    data: Path | None,
    source: Source = Source.FILES,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> "Dataset":
    """The dataset from files, or as the database holds it (validated the same way).

    The driver is imported only for --source neo4j: it costs ~0.2 s of start-up.
    """
    if source is Source.NEO4J:
        _no_data(data)
        with open_store(neo4j_connection(uri, user, password, database)) as store:
            return store.read_dataset()
    from scenarios.dataset.loader import load_dataset

    return load_dataset(data)


def _no_data(data: Path | None) -> None:
    from_env = os.environ.get(DATA_ENV)
    if data is not None and not (from_env and data == Path(from_env)):
        raise UsageError(
            "--data reads files, but --source neo4j reads the database",
            hint="drop --data, or use --source files",
        )


def read_part(
    data: Path | None,
    source: Source,
    scenario: str | None,
    actors: Sequence[str],
    conn: tuple[str | None, str | None, str | None, str | None],
) -> tuple["Dataset", tuple[str, ...]]:
    """Like `read_dataset`, but from Neo4j only the scenario and its key actors' and `actors`'
    connected components (docs/neo4j.md, "Large datasets"); returns the actors' ids too."""
    if source is not Source.NEO4J:
        return read_dataset(data, source, *conn), tuple(actors)
    _no_data(data)
    with open_store(neo4j_connection(*conn)) as store:
        return store.read_scenario(scenario, actors)


def day(text: str | None) -> date | None:
    from scenarios.model import parse_day

    return None if text is None else parse_day(text)


def seed_for(uncertain: bool, samples: int | None, seed: int | None) -> int:
    """The seed to use; --samples and --seed only mean something with --uncertain."""
    from scenarios.errors import UsageError

    if not uncertain and (samples is not None or seed is not None):
        raise UsageError("--samples and --seed apply with --uncertain", hint="add --uncertain")
    return 0 if seed is None else seed
