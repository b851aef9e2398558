"""The `scenarios` command line: thin typer commands and the one error boundary.

Each command parses its options, calls one function of `scenarios.reports`, and hands the
result to `scenarios.render.terminal` (people, stdout) or `scenarios.render.json` (`--json`,
stdout).
Errors, hints and progress go to stderr. Heavy modules are imported inside the commands so
`scenarios --help` stays as fast as typer itself. No `from __future__ import annotations` here:
typer would `eval` every option's annotation string on each run (~20 ms); names imported only
for type checking are quoted instead.
"""

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer._click.exceptions import UsageError as ClickUsageError  # typer >= 0.29 vendors click
from typer.core import TyperGroup

from scenarios.config import (
    DATA_ENV,
    DATABASE_ENV,
    DEBUG_ENV,
    PASSWORD_ENV,
    SOURCE_ENV,
    URI_ENV,
    USER_ENV,
)
from scenarios.errors import ExitCode, NoPath, OutputError, ScenarioError, UsageError
from scenarios.export.formats import ExportFormat, Lang
from scenarios.vocab import ActorKind, BulkFormat, LinkType, Measure

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.progress import Progress
    from typer._click.core import Context as ClickContext

    from scenarios.export.plan import Target
    from scenarios.model import Dataset
    from scenarios.store.store import Connection, Store

R = TypeVar("R")


class _ErrorBoundary(TyperGroup):
    """Turns every foreseeable error into `error: ...` + a hint on stderr and an exit code."""

    def invoke(self, ctx: "ClickContext") -> Any:
        try:
            return super().invoke(ctx)
        except ScenarioError as err:
            if _debug(ctx):
                raise
            hint = err.hint
            if hint is None and isinstance(err, UsageError):  # every error comes with a way on
                command = " ".join(filter(None, ("scenarios", ctx.invoked_subcommand)))
                hint = f"see `{command} --help`"
            _fail(err.message, hint)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
            raise typer.Exit(int(ExitCode.OK)) from None
        except (typer.Exit, typer.Abort):
            raise
        except ClickUsageError as err:  # click's own checks (choices, missing arguments, ...)
            if _debug(ctx):
                raise
            path = err.ctx.command_path if err.ctx is not None else "scenarios"
            message = err.format_message().replace("Value error, ", "")
            _fail(message[:1].lower() + message[1:], f"see `{path} --help`")
            raise typer.Exit(int(ExitCode.USAGE)) from None
        except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
            if _debug(ctx) or type(err).__module__.startswith(("click", "typer")):
                raise
            _fail(
                f"internal error: {type(err).__name__}: {err}",
                "this is a bug in scenarios; rerun with --debug for the traceback and report it",
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _debug(ctx: "ClickContext") -> bool:
    root = ctx.find_root()
    return bool((root.obj or {}).get("debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _fail(message: str, hint: str | None) -> None:
    from rich.console import Console

    from scenarios.render import terminal as render

    Console(stderr=True, highlight=False, soft_wrap=True).print(render.error(message, hint))


app = typer.Typer(
    name="scenarios",
    cls=_ErrorBoundary,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Model geopolitical futures as graphs: which actor links does each scenario stand on?\n\n"
    "Reads the bundled seed dataset unless --data (or $SCENARIOS_DATA) points elsewhere. "
    "Exit codes: 0 ok, 1 invalid data or no answer, 2 bad arguments, 3 Neo4j unreachable, "
    "4 Neo4j refused the login, 5 no such database, 6 server lacks a feature, 7 output file "
    "exists or cannot be written, 8 the database failed a statement, 70 internal error.",
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"scenarios {version('scenarios')}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the Python traceback instead of a one-line error.")
    ] = False,
    _show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


# -- shared options --------------------------------------------------------------------------------

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


def _connection(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> "Connection":
    from scenarios.store.store import connection

    return connection(uri, user, password, database)


def _store(conn: "Connection") -> "Store":
    from scenarios.store.store import Store

    return Store(conn)


def _load(
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
        with _store(_connection(uri, user, password, database)) as store:
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


def _load_part(
    data: Path | None,
    source: Source,
    scenario: str | None,
    actors: Sequence[str],
    conn: tuple[str | None, str | None, str | None, str | None],
) -> tuple["Dataset", tuple[str, ...]]:
    """Like `_load`, but from Neo4j only the scenario and its key actors' and `actors`'
    connected components (docs/neo4j.md, "Large datasets"); returns the actors' ids too."""
    if source is not Source.NEO4J:
        return _load(data, source, *conn), tuple(actors)
    _no_data(data)
    with _store(_connection(*conn)) as store:
        return store.read_scenario(scenario, actors)


def _day(text: str | None) -> date | None:
    from scenarios.model import parse_day

    return None if text is None else parse_day(text)


def _emit(kind: str, report: R, as_json: bool, render: Callable[[R], "RenderableType"]) -> None:
    if as_json:
        from scenarios.render.json import dumps

        sys.stdout.write(dumps(kind, report) + "\n")
        sys.stdout.flush()
        return
    from rich.console import Console

    Console(highlight=False).print(render(report))


# -- commands --------------------------------------------------------------------------------------


@app.command("list")
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

    ds = _load(data, source, uri, user, password, database)
    report = reports.scenario_list(ds, as_of=_day(as_of))
    _emit("scenario-list", report, json_out, render.scenario_list)


@app.command()
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

    ds = _load(data, source, uri, user, password, database)
    report = reports.scenario_detail(ds, scenario, as_of=_day(as_of))
    _emit("scenario", report, json_out, lambda r: render.scenario_detail(r, ds))


@app.command()
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

    ds = _load(data, source, uri, user, password, database)
    report = reports.actor_table(ds, kinds=kind or (), scenario=scenario, search=search)
    _emit("actors", report, json_out, render.actor_table)


@app.command()
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

    ds = _load(data, source, uri, user, password, database)
    report = reports.link_table(
        ds, types=link_type or (), scenario=scenario, actor=actor, as_of=_day(as_of)
    )
    _emit("links", report, json_out, lambda r: render.link_table(r, ds))


@app.command()
def path(
    source: Annotated[
        str, typer.Argument(metavar="FROM", help="From actor: id, name or alias (Japanese too).")
    ],
    target: Annotated[str, typer.Argument(metavar="TO", help="To actor: id, name or alias.")],
    scenario: ScenarioOption = None,
    all_paths: Annotated[
        bool, typer.Option("--all", help="Show every equally strong path, not just one.")
    ] = False,
    max_hops: Annotated[
        int | None,
        typer.Option(
            "--max-hops", help="Only paths with at most this many hops.", show_default=False
        ),
    ] = None,
    k: Annotated[
        int | None,
        typer.Option(
            "--k", help="Show the K strongest loop-free paths instead.", show_default=False
        ),
    ] = None,
    hops: Annotated[
        bool, typer.Option("--hops", help="Minimise hops, ignoring tie weights.")
    ] = False,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    in_database: Annotated[
        bool,
        typer.Option(
            "--in-database",
            help="Let Neo4j find the path with Cypher shortestPath / allShortestPaths: fewest "
            "hops, not strongest chain (implies --source neo4j and --hops).",
        ),
    ] = False,
    graph_source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Find the strongest path(s) between two actors, each hop with its link type and evidence.

    A path's strength is the product of its tie weights (strength x confidence); see the README.
    With --in-database the database counts hops instead (and the answer is checked against the
    graph). Exits 1 if no path connects the two actors.
    """
    from scenarios.render import terminal as render
    from scenarios.reports import paths

    if in_database:
        from scenarios.reports import dbpath

        if k is not None:
            raise UsageError("--k and --in-database cannot be combined", hint="drop one of them")
        with _store(_connection(uri, user, password, database)) as store:
            ds, (source, target) = store.read_scenario(scenario, (source, target))
            report = dbpath.path_report(
                ds,
                source,
                target,
                store.paths,
                scenario=scenario,
                all_paths=all_paths,
                max_hops=max_hops,
                as_of=_day(as_of),
            )
    else:
        ds, (source, target) = _load_part(
            data, graph_source, scenario, (source, target), (uri, user, password, database)
        )
        report = paths.path_report(
            ds,
            source,
            target,
            scenario=scenario,
            all_paths=all_paths,
            max_hops=max_hops,
            alternatives=k,
            weighted=not hops,
            as_of=_day(as_of),
        )
    if not report.paths:
        if json_out:
            _emit("path", report, json_out, lambda r: render.path_report(r, ds))
        limit = f" within {max_hops} hop{'' if max_hops == 1 else 's'}" if max_hops else ""
        raise NoPath(
            f"no path connects {report.source.name} and {report.target.name}{limit}",
            hint=(
                "try a larger --max-hops, another --scenario, or a later --as-of"
                if max_hops
                else "they are in separate parts of the graph: try another --scenario or a later"
                " --as-of"
            ),
        )
    _emit("path", report, json_out, lambda r: render.path_report(r, ds))


@app.command()
def centrality(
    measure: Annotated[
        Measure, typer.Option("--measure", "-m", help="Which centrality to compute.")
    ] = Measure.BETWEENNESS,
    scenario: ScenarioOption = None,
    top: TopOption = 10,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact",
            help="Compute betweenness/closeness exactly even above 2,000 actors (slow).",
        ),
    ] = False,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample",
            help="Estimate betweenness/closeness from this many pivot actors "
            "[default: 200 above 2,000 actors, else exact].",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed for the pivots of an estimate.")
    ] = 0,
) -> None:
    """Rank actors by centrality (weighted by tie strength x confidence; method printed).

    Betweenness and closeness on more than 2,000 actors are estimated from 200 pivot actors,
    with a standard error per actor (docs/scale.md); --exact or --sample K overrides.
    """
    from scenarios.render import terminal as render
    from scenarios.reports import centrality as reports

    ds = _load(data, source, uri, user, password, database)
    report = reports.centrality_report(
        ds,
        measure,
        scenario=scenario,
        top=top,
        as_of=_day(as_of),
        exact=exact,
        sample=sample,
        seed=seed,
    )
    _emit("centrality", report, json_out, render.centrality_report)


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


def _sampling(uncertain: bool, samples: int | None, seed: int | None) -> int:
    """The seed to use; --samples and --seed only mean something with --uncertain."""
    from scenarios.errors import UsageError

    if not uncertain and (samples is not None or seed is not None):
        raise UsageError("--samples and --seed apply with --uncertain", hint="add --uncertain")
    return 0 if seed is None else seed


@app.command()
def depends(
    scenario: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id or name, e.g. new-yalta.")
    ],
    top: TopOption = 10,
    uncertain: UncertainOption = False,
    samples: SamplesOption = None,
    seed: SeedOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Rank the links a scenario depends on, and say why each matters.

    For every tie between two actors: how much of the key actors' connection is lost if it is
    cut (score), its share of their strongest paths, and of their independent routes.
    With --uncertain: the probability that the key actors stay connected when each link is
    present with probability = its confidence, and each link's importance to it (Birnbaum).
    """
    from scenarios.render import terminal as render
    from scenarios.reports import depends as reports

    seed_value = _sampling(uncertain, samples, seed)
    if uncertain:
        from scenarios.reports.uncertain import uncertain_report

        report = uncertain_report(
            _load(data, source, uri, user, password, database),
            scenario,
            top=top,
            samples=samples,
            seed=seed_value,
            as_of=_day(as_of),
        )
        _emit("depends-uncertain", report, json_out, render.uncertain_report)
        return
    ds, _ = _load_part(data, source, scenario, (), (uri, user, password, database))
    plain = reports.depends_report(ds, scenario, top=top, as_of=_day(as_of))
    _emit("depends", plain, json_out, render.depends_report)


MeasureOption = Annotated[
    Measure, typer.Option("--measure", "-m", help="Centrality measure to compare.")
]


@app.command()
def compare(
    a: Annotated[
        str, typer.Argument(metavar="A", help="Scenario A (or `base` for the base graph).")
    ],
    b: Annotated[str, typer.Argument(metavar="B", help="Scenario B, read relative to A.")],
    measure: MeasureOption = Measure.BETWEENNESS,
    top: TopOption = 10,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Compare two scenarios: links B adds, removes or reweights; centrality movers; ties one
    depends on and the other does not; key-actor chains that weaken, strengthen or break."""
    from scenarios.render import terminal as render
    from scenarios.reports import compare as reports_whatif

    report = reports_whatif.compare_report(
        _load(data, source, uri, user, password, database),
        a,
        b,
        measure=measure,
        top=top,
        as_of=_day(as_of),
    )
    _emit("compare", report, json_out, render.compare_report)


@app.command()
def whatif(
    scenario: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id or name, e.g. new-yalta.")
    ],
    cut: Annotated[
        list[str] | None,
        typer.Option(
            "--cut",
            "-c",
            help="Cut the tie between two actors, ACTOR~ACTOR (repeatable; ids, names, aliases).",
        ),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", "-r", help="Remove an actor and all its ties (repeatable)."),
    ] = None,
    sweep: Annotated[
        bool, typer.Option("--sweep", help="Try every single cut and rank them by damage.")
    ] = False,
    k: Annotated[
        int,
        typer.Option("--k", help="With --sweep: 2 also tries every pair of cuts (bounded)."),
    ] = 1,
    measure: MeasureOption = Measure.BETWEENNESS,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", "-n", help="Rows per list [default: 5, 10 with --sweep].", show_default=False
        ),
    ] = None,
    uncertain: UncertainOption = False,
    samples: SamplesOption = None,
    seed: SeedOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Cut ties or remove actors and see the scenario before -> after: key chains, centrality,
    dependencies (and with --uncertain the holding probability). --sweep ranks every cut.

    Exits 2 if a --cut names no tie of the scenario (the hint lists the actor's ties).
    """
    from scenarios.errors import UsageError
    from scenarios.render import terminal as render
    from scenarios.reports import whatif as reports_whatif

    seed_value = _sampling(uncertain, samples, seed)
    ds, day = _load(data, source, uri, user, password, database), _day(as_of)
    if sweep:
        if uncertain:
            raise UsageError("--uncertain does not combine with --sweep", hint="drop one of them")
        swept = reports_whatif.sweep_report(
            ds,
            scenario,
            k=k,
            cuts=cut or (),
            remove=remove or (),
            top=10 if top is None else top,
            as_of=day,
        )
        _emit("whatif-sweep", swept, json_out, render.sweep_report)
        return
    if k != 1:
        raise UsageError("--k applies to --sweep", hint="add --sweep to try pairs of cuts")
    report = reports_whatif.whatif_report(
        ds,
        scenario,
        cuts=cut or (),
        remove=remove or (),
        measure=measure,
        top=5 if top is None else top,
        uncertain=uncertain,
        samples=samples,
        seed=seed_value,
        as_of=day,
    )
    _emit("whatif", report, json_out, render.whatif_report)


@app.command()
def timeline(
    scenario: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id or name, e.g. new-yalta.")
    ],
    uncertain: UncertainOption = False,
    samples: SamplesOption = None,
    seed: SeedOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """List a scenario's dated links in order, and what each day's links do for its key actors."""
    from scenarios.render import terminal as render
    from scenarios.reports import timeline as reports_whatif

    seed_value = _sampling(uncertain, samples, seed)
    report = reports_whatif.timeline_report(
        _load(data, source, uri, user, password, database),
        scenario,
        uncertain=uncertain,
        samples=samples,
        seed=seed_value,
        as_of=_day(as_of),
    )
    _emit("timeline", report, json_out, render.timeline_report)


@app.command()
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="Dataset directory or file [default: --data, $SCENARIOS_DATA, or the seed].",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Check a dataset and report every problem found (file, line, entry, field); exit 1 if any."""
    from rich.console import Console

    from scenarios.dataset.loader import default_data_path, load_dataset
    from scenarios.errors import DataError
    from scenarios.render import terminal as render
    from scenarios.render.json import to_plain

    target = path or data or default_data_path()
    try:
        ds = load_dataset(target)
    except DataError as err:
        if json_out:
            import json

            typer.echo(
                json.dumps(
                    {
                        "schema": 1,
                        "kind": "validation",
                        "valid": False,
                        "origin": str(target),
                        "problems": to_plain(err.problems),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            Console(stderr=True, highlight=False, soft_wrap=True).print(
                render.problems(err.problems, str(target))
            )
        raise typer.Exit(int(ExitCode.DATA)) from None
    counts = [
        ("actors", len(ds.actors)),
        ("links", len(ds.links)),
        ("scenarios", len(ds.scenarios)),
    ]
    if json_out:
        import json

        typer.echo(
            json.dumps(
                {
                    "schema": 1,
                    "kind": "validation",
                    "valid": True,
                    "origin": str(target),
                    "problems": [],
                    "counts": dict(counts),
                }
            )
        )
    else:
        Console(highlight=False, soft_wrap=True).print(render.valid(str(target), counts))


@app.command()
def export(
    scenarios: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SCENARIO",
            help="Scenarios to export (id or name) [default: the base graph].",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", help="File format [default: from the -o suffix].", show_default=False
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write, or - for stdout; a directory for several scenarios or for csv.",
            show_default=False,
        ),
    ] = None,
    all_dir: Annotated[
        Path | None,
        typer.Option(
            "--all",
            metavar="DIR",
            help="Write every format of the base graph and of every scenario into DIR, "
            "with index.html and index.json.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    top: Annotated[
        int, typer.Option("--top", "-n", help="Highlight this many of the ties a scenario needs.")
    ] = 10,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Label actors by their English or Japanese names.")
    ] = Lang.EN,
    as_of: AsOfOption = None,
    data: DataOption = None,
    source: SourceOption = Source.FILES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Write files for other tools: GraphML, GEXF, JSON, CSV, DOT, HTML, SVG, PNG, Cypher.

    Without a scenario: the base graph. A scenario's files carry its dependency metrics (score,
    path_share, route_loss, rank) on every link. Existing files are kept unless --force; every
    file is written whole or not at all. See docs/export.md.
    """
    from scenarios.export import plan
    from scenarios.files import write_atomic

    ds = _load(data, source, uri, user, password, database)
    exporter = plan.Exporter(ds, as_of=_day(as_of), top=top, lang=lang)
    targets = plan.plan(ds, scenarios or [], fmt.value if fmt else None, output, all_dir)
    _refuse_to_overwrite([p for t in targets for p in t.paths], force)
    told: set[str] = set()

    def note(message: str) -> None:  # each thing said once; --all says only the warnings
        if message not in told and (all_dir is None or message.startswith("warning:")):
            told.add(message)
            typer.echo(message, err=True)

    written: list[plan.Written] = []
    total, number = sum(len(t.paths) for t in targets), 0
    for target in targets:
        for path, content in exporter.render(target, note).items():
            _write_output(path, content, target)
            if all_dir is not None:
                number += 1
                written.append(plan.Written.of(all_dir, path, target, content))
                size = f"{len(content) / 1000:.1f} kB"
                typer.echo(f"[{number:{len(str(total))}}/{total}] {path} ({size})", err=True)
    if all_dir is not None:
        for name, content in plan.index_files(exporter, written).items():
            write_atomic(all_dir / name, content)
        typer.echo(
            f"wrote {len(written)} files and an index to {all_dir / plan.INDEX_HTML}", err=True
        )


def _refuse_to_overwrite(paths: list[Path], force: bool) -> None:
    """Fail before writing anything if a target exists (unless --force) or is a directory."""
    from scenarios.files import refuse_to_overwrite

    for path in paths:
        if str(path) != "-" and path.is_dir():
            raise OutputError(f"{path} is a directory", hint="give a file name with -o")
    refuse_to_overwrite([p for p in paths if str(p) != "-"], force)


def _write_output(path: Path, content: bytes, target: "Target") -> None:
    from scenarios.files import write_atomic

    if str(path) != "-":
        write_atomic(path, content)
        return
    if target.format.binary and sys.stdout.isatty():
        raise OutputError(
            f"not writing {target.format.title} to a terminal", hint="redirect it, or use -o FILE"
        )
    sys.stdout.buffer.write(content)
    sys.stdout.flush()


@app.command()
def synth(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Directory to write the dataset into.")
    ],
    actors: Annotated[int, typer.Option("--actors", help="Number of actors.")] = 10_000,
    links: Annotated[int, typer.Option("--links", help="Number of base links.")] = 50_000,
    scenarios: Annotated[int, typer.Option("--scenarios", help="Number of scenarios.")] = 1,
    key_actors: Annotated[int, typer.Option("--key-actors", help="Key actors per scenario.")] = 20,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same bytes.")] = 0,
    fmt: Annotated[
        BulkFormat,
        typer.Option("--format", "-f", help="Bulk format for actors, links and evidence."),
    ] = BulkFormat.CSV,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
) -> None:
    """Write a reproducible synthetic dataset: heavy-tailed degrees, communities, a few bridges.

    Actors, links and evidence go in the bulk format (CSV or JSON Lines), speakers,
    programmes and scenarios in YAML; the directory is a dataset for --data. The same options
    give the same bytes. See docs/data-format.md, "Synthetic datasets".
    """
    from scenarios.dataset import synth as synthetic
    from scenarios.files import write_all

    started = time.perf_counter()
    spec = synthetic.SynthSpec(actors, links, scenarios, seed, key_actors)
    generated = synthetic.generate(spec)
    sizes = write_all(synthetic.files(generated, directory, fmt), force=force)
    typer.echo(
        f"wrote {actors:,} actors, {links:,} links and {scenarios} scenario"
        f"{'s' if scenarios != 1 else ''} to {directory} ({len(sizes)} files, "
        f"{sum(sizes.values()) / 1e6:.1f} MB; largest degree {generated.max_degree:,}) in "
        f"{time.perf_counter() - started:.1f} s",
        err=True,
    )


# -- neo4j ----------------------------------------------------------------------------------------


class _LoadProgress:
    """A load's progress on stderr: a bar of rows, actors and links written, links per second.

    Shown once the load has taken `delay` seconds, on terminals only, never with --json.
    """

    def __init__(self, console: "Console", delay: float, quiet: bool) -> None:
        self.console, self.delay, self.quiet = console, delay, quiet
        self.started = time.monotonic()
        self.written: dict[str, int] = {"actors": 0, "links": 0}
        self.bar: Progress | None = None

    def tally(self, section: str, rows: int) -> None:
        if section in self.written:
            self.written[section] += rows

    def _status(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-9)
        actors, links = self.written["actors"], self.written["links"]
        return f"{actors:,} actors, {links:,} links written, {links / seconds:,.0f} links/s"

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.quiet or not self.console.is_terminal:
                return
            if time.monotonic() - self.started < self.delay:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress(
                "[bold]loading[/]",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                "{task.fields[status]}",
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.bar.add_task("loading", total=total, status="")
        self.bar.update(self.bar.task_ids[0], completed=done, total=total, status=self._status())

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def _progress(
    console: "Console | None" = None, delay: float = 0.5, quiet: bool = False
) -> Iterator[_LoadProgress]:
    """A load's progress display on stderr (see _LoadProgress); removed when the load ends."""
    from rich.console import Console as RichConsole

    shown = _LoadProgress(console or RichConsole(stderr=True), delay, quiet)
    try:
        yield shown
    finally:
        shown.stop()


@app.command()
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

    ds = _load(data)
    conn = _connection(uri, user, password, database)
    with _store(conn) as store, _progress(quiet=json_out) as progress:
        summary = store.load(
            ds, prune=prune, dry_run=dry_run, progress=progress, tally=progress.tally
        )
    _emit("load", summary, json_out, render.load_summary)


@app.command()
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
        _emit("queries", found, json_out, render.query_list)
        return
    query = queries.analyst_query(name)
    if print_text:
        sys.stdout.write(query.text)
        return
    params = queries.bind(query, dict(queries.parse_param(p) for p in param or ()))
    with _store(_connection(uri, user, password, database)) as store:
        result = store.run_query(query, params)
    _emit("cypher", result, json_out, render.query_result)


def main() -> None:
    """Console-script entry point."""
    _build_only_the_invoked_command(sys.argv[1:])
    app(prog_name="scenarios")


def _build_only_the_invoked_command(args: Sequence[str]) -> None:
    """Let typer build only the command this process runs.

    Typer turns every command's signature into click parameters before it parses anything
    (about 2 ms a command): `scenarios --help` paid some 30 ms for parameters it never shows
    (bench/startup.py). When the first word names a command, the others are dropped; otherwise
    (the command list, or a misspelt command whose suggestion needs every name) each command
    is registered as a parameterless stand-in carrying its name and help text.
    """
    import copy
    import inspect

    commands, names = [], []
    for info in app.registered_commands:
        if info.callback is not None:
            commands.append(info)
            names.append(info.name or info.callback.__name__.replace("_", "-"))
    word = next((a for a in args if not a.startswith("-")), None)
    if word in names:
        app.registered_commands = [c for c, n in zip(commands, names, strict=True) if n == word]
        return
    stand_ins = []
    for info, name in zip(commands, names, strict=True):
        stand_in = copy.copy(info)
        stand_in.name = name
        stand_in.help = info.help if info.help is not None else inspect.getdoc(info.callback)
        stand_in.callback = _stand_in
        stand_ins.append(stand_in)
    app.registered_commands = stand_ins


def _stand_in() -> None:  # never runs: a command that runs is built from its real function
    raise AssertionError("a stand-in command ran")
