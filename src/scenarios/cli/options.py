"""The options several commands share, declared once, and what turns them into a dataset.

Single options are `Annotated` aliases (`DataOption`, `AsOfOption`, ...). Options that travel
together are bundles (sqlite-utils' shared option decorators, for typer): a command takes one
parameter annotated `GraphSource` (`--source` and the Neo4j connection), `Neo4j` (the
connection alone), `Evidence` (`--as-of`, `--known-by`, `--data`; `SourcedEvidence` adds
`--sourced-only`) or `Uncertainty` (`--uncertain`, `--samples`, `--seed`); `expand_bundles`
shows typer the options it carries, and the command gets one bundle, which loads the dataset,
opens the store or checks the date or the seed.

No `from __future__ import annotations`: typer evaluates every option's annotation, and the
bundles' fields are option annotations too.
"""

import functools
import inspect
import os
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scenarios.config import DATA_ENV, DATABASE_ENV, PASSWORD_ENV, SOURCE_ENV, URI_ENV, USER_ENV
from scenarios.errors import UsageError
from scenarios.vocab import Measure

if TYPE_CHECKING:
    from scenarios.model import Dataset
    from scenarios.store.store import Store


def optional_argument(metavar: str, text: str) -> Any:
    """An argument that may be left out; its help `text` says what stands in for it."""
    return typer.Argument(metavar=metavar, help=text, show_default=False)


ScenarioArgument = Annotated[
    str, typer.Argument(metavar="SCENARIO", help="Scenario id or name, e.g. new-yalta.")
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar=DATA_ENV,
        help="Dataset directory or YAML file [default: the bundled seed dataset].",
        show_default=False,
        readable=False,  # the loader says what cannot be read, as a data problem (exit 1)
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]
WriteDataOption = Annotated[  # the commands that change a dataset: add, edit, pull
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar=DATA_ENV,
        metavar="PATH",
        help="Dataset directory or YAML file to change (required; the bundled seed is never "
        "changed).",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the diff of the files; write nothing.")
]
BriefOption = Annotated[
    bool, typer.Option("--brief", "-b", help="One line per entry: ids, no evidence.")
]
ScenarioOption = Annotated[
    str | None,
    typer.Option(
        "--scenario",
        "-s",
        metavar="SCENARIO",
        help="Analyse this scenario's graph [default: the base graph].",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The situation on this day (YYYY-MM-DD): count only links certainly begun by then "
        "(2025-10 counts from 31 October); undated links always count.",
        show_default=False,
    ),
]
KnownByOption = Annotated[
    str | None,
    typer.Option(
        "--known-by",
        metavar="YYYY-MM-DD",
        help="What was known on this day (YYYY-MM-DD): keep only evidence reported by then "
        "(an item's date, else its programme's); a link all of whose evidence came later is "
        "left out.",
        show_default=False,
    ),
]
TopOption = Annotated[int, typer.Option("--top", "-n", help="Show this many rows.")]
SourcedOnlyOption = Annotated[
    bool,
    typer.Option(
        "--sourced-only",
        help="Leave out background links (analyst knowledge no source states) before analysing.",
    ),
]


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


def _server_option(flag: str, envvar: str, metavar: str, text: str) -> Any:
    """An option of the Neo4j connection: it may come from `envvar` instead."""
    return typer.Option(flag, envvar=envvar, metavar=metavar, help=text, show_default=False)


UriOption = Annotated[
    str | None,
    _server_option(
        "--uri",
        URI_ENV,
        "URI",
        "Neo4j Bolt URI: bolt://, neo4j://, +s or +ssc [default: neo4j://localhost:7687].",
    ),
]
UserOption = Annotated[
    str | None, _server_option("--user", USER_ENV, "NAME", "Neo4j user [default: neo4j].")
]
PasswordOption = Annotated[
    str | None,
    _server_option(
        "--password",
        PASSWORD_ENV,
        "PASSWORD",
        f"Neo4j password (prefer ${PASSWORD_ENV}: other users can see options in `ps`).",
    ),
]
DatabaseOption = Annotated[
    str | None,
    _server_option(
        "--database",
        DATABASE_ENV,
        "NAME",
        "Neo4j database [default: the server's default database].",
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


class Bundle:
    """Options that travel together: each annotated class attribute is one option, its value
    the option's default. A plain class (no dataclass): it is built on every start-up."""

    def __init__(self, **values: Any) -> None:
        for name in self.options():
            setattr(self, name, values.get(name, getattr(type(self), name)))

    @classmethod
    def options(cls) -> dict[str, Any]:
        """Each option's name and its `Annotated` type, in the order --help lists them (a
        subclass's options after those of the bundle it extends)."""
        options: dict[str, Any] = {}
        for each in reversed(cls.__mro__):
            options.update(inspect.get_annotations(each))
        return options

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.options())
        return f"{type(self).__name__}({values})"


class Neo4j(Bundle):
    """Where the Neo4j server is: --uri, --user, --password, --database."""

    uri: UriOption = None
    user: UserOption = None
    password: PasswordOption = None
    database: DatabaseOption = None

    def store(self) -> "Store":
        """The store for this server (a context manager that closes the driver)."""
        from scenarios.store.store import Store, connection

        return Store(connection(self.uri, self.user, self.password, self.database))


class GraphSource(Bundle):
    """Where analysis commands read the graph: --source, and the server for `--source neo4j`."""

    source: SourceOption = Source.FILES
    uri: UriOption = None
    user: UserOption = None
    password: PasswordOption = None
    database: DatabaseOption = None

    @property
    def neo4j(self) -> Neo4j:
        return Neo4j(uri=self.uri, user=self.user, password=self.password, database=self.database)

    def load(self, data: Path | None) -> "Dataset":
        """The dataset from files, or as the database holds it (validated the same way).

        The driver is imported only for --source neo4j: it costs ~0.2 s of start-up.
        """
        if self.source is Source.NEO4J:
            _no_data(data)
            with self.neo4j.store() as store:
                return store.read_dataset()
        return load_files(data)

    def load_part(
        self, data: Path | None, scenario: str | None, actors: Sequence[str]
    ) -> tuple["Dataset", tuple[str, ...]]:
        """Like `load`, but from Neo4j only the scenario and its key actors' and `actors`'
        connected components (docs/neo4j.md, "Large datasets"); returns the actors' ids too."""
        if self.source is not Source.NEO4J:
            return self.load(data), tuple(actors)
        _no_data(data)
        with self.neo4j.store() as store:
            return store.read_scenario(scenario, actors)


class Evidence(Bundle):
    """--as-of, --known-by and --data: the dataset a question is asked of, the day its links
    count on, and the day its evidence was known by (docs/whatif.md, "Two clocks")."""

    as_of: AsOfOption = None
    known_by: KnownByOption = None
    data: DataOption = None

    def day(self) -> date | None:
        """The --as-of date, checked."""
        return day(self.as_of)

    def known(self, ds: "Dataset") -> "Dataset":
        """`ds` as it could be known on --known-by (all of it without the option)."""
        known_by = day(self.known_by)
        return ds if known_by is None else ds.as_known_by(known_by)

    def restrict(self, ds: "Dataset") -> "Dataset":
        """`ds` restricted as the options ask: here as known on --known-by."""
        return self.known(ds)

    def load(self, graph: "GraphSource") -> "Dataset":
        """The dataset from --data (or the database), restricted as the options ask."""
        return self.restrict(graph.load(self.data))


class SourcedEvidence(Evidence):
    """Evidence, and --sourced-only: the analyses can leave out the background links."""

    sourced_only: SourcedOnlyOption = False

    def restrict(self, ds: "Dataset") -> "Dataset":
        """`ds` without its background links if --sourced-only, as known on --known-by."""
        return self.known(ds.sourced_only() if self.sourced_only else ds)


class Uncertainty(Bundle):
    """--uncertain, and the --samples and --seed that mean something only with it."""

    uncertain: UncertainOption = False
    samples: SamplesOption = None
    seed: SeedOption = None

    def seed_value(self) -> int:
        """The seed to draw with (0 unless --seed); refuses --samples or --seed alone."""
        if not self.uncertain and (self.samples is not None or self.seed is not None):
            raise UsageError("--samples and --seed apply with --uncertain", hint="add --uncertain")
        return 0 if self.seed is None else self.seed


BUNDLES = (Neo4j, GraphSource, Evidence, SourcedEvidence, Uncertainty)


def expand_bundles(command: Callable[..., None]) -> Callable[..., None]:
    """Show typer each bundle parameter of `command` as the options the bundle carries.

    A parameter `graph: GraphSource` becomes `graph_source`, `graph_uri`, ... in its place, so
    --help lists the options where the bundle stands; the command still receives one bundle.
    """
    signature = inspect.signature(command)
    bundles = {
        p.name: p.annotation for p in signature.parameters.values() if p.annotation in BUNDLES
    }
    if not bundles:
        return command
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name not in bundles:
            parameters.append(parameter)
            continue
        bundle = bundles[parameter.name]
        parameters += [
            parameter.replace(
                name=f"{parameter.name}_{name}", annotation=kind, default=getattr(bundle, name)
            )
            for name, kind in bundle.options().items()
        ]

    @functools.wraps(command)
    def run(**options: Any) -> None:
        for name, bundle in bundles.items():
            values = {option: options.pop(f"{name}_{option}") for option in bundle.options()}
            options[name] = bundle(**values)
        command(**options)

    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    run.__annotations__["return"] = signature.return_annotation
    return run


def load_files(data: Path | None) -> "Dataset":
    """The dataset in `data` (a directory or a file), or the bundled seed."""
    from scenarios.dataset.loader import load_dataset

    return load_dataset(data)


def dataset_to_change(data: Path | None) -> Path:
    """The --data of a command that changes a dataset: required (the seed is never changed)."""
    if data is None:
        raise UsageError(
            "say which dataset to change",
            hint="give --data DIR (or set $SCENARIOS_DATA); the bundled seed is not changed",
        )
    return data


def _no_data(data: Path | None) -> None:
    from_env = os.environ.get(DATA_ENV)
    if data is not None and not (from_env and data == Path(from_env)):
        raise UsageError(
            "--data reads files, but --source neo4j reads the database",
            hint="drop --data, or use --source files",
        )


def day(text: str | None) -> date | None:
    """An --as-of or --known-by date, checked."""
    from scenarios.model import parse_day

    return None if text is None else parse_day(text)
