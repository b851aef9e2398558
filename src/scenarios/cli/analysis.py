"""`path`, `centrality`, `depends`: the questions asked of one graph.

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
    SamplesOption,
    ScenarioOption,
    SeedOption,
    Source,
    SourceOption,
    TopOption,
    UncertainOption,
    UriOption,
    UserOption,
    day,
    neo4j_connection,
    open_store,
    read_dataset,
    read_part,
    seed_for,
)
from scenarios.cli.output import emit
from scenarios.errors import NoPath, UsageError
from scenarios.vocab import Measure

if TYPE_CHECKING:
    pass

R = TypeVar("R")


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
        with open_store(neo4j_connection(uri, user, password, database)) as store:
            ds, (source, target) = store.read_scenario(scenario, (source, target))
            report = dbpath.path_report(
                ds,
                source,
                target,
                store.paths,
                scenario=scenario,
                all_paths=all_paths,
                max_hops=max_hops,
                as_of=day(as_of),
            )
    else:
        ds, (source, target) = read_part(
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
            as_of=day(as_of),
        )
    if not report.paths:
        if json_out:
            emit("path", report, json_out, lambda r: render.path_report(r, ds))
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
    emit("path", report, json_out, lambda r: render.path_report(r, ds))


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

    ds = read_dataset(data, source, uri, user, password, database)
    report = reports.centrality_report(
        ds,
        measure,
        scenario=scenario,
        top=top,
        as_of=day(as_of),
        exact=exact,
        sample=sample,
        seed=seed,
    )
    emit("centrality", report, json_out, render.centrality_report)


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

    seed_value = seed_for(uncertain, samples, seed)
    if uncertain:
        from scenarios.reports.uncertain import uncertain_report

        report = uncertain_report(
            read_dataset(data, source, uri, user, password, database),
            scenario,
            top=top,
            samples=samples,
            seed=seed_value,
            as_of=day(as_of),
        )
        emit("depends-uncertain", report, json_out, render.uncertain_report)
        return
    ds, _ = read_part(data, source, scenario, (), (uri, user, password, database))
    plain = reports.depends_report(ds, scenario, top=top, as_of=day(as_of))
    emit("depends", plain, json_out, render.depends_report)
