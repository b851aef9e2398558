"""`path`, `centrality`, `depends`: the questions asked of one graph.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import (
    Evidence,
    GraphSource,
    JsonOption,
    Neo4j,
    ScenarioArgument,
    ScenarioOption,
    SourcedEvidence,
    TopOption,
    Uncertainty,
)
from scenarios.cli.output import emit
from scenarios.errors import UsageError
from scenarios.vocab import Measure

if TYPE_CHECKING:
    from scenarios.model import Dataset
    from scenarios.reports.paths import PathReport


@examples("scenarios path witkoff xi", "scenarios path us russia --scenario new-yalta --all")
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
    evidence: SourcedEvidence = SourcedEvidence(),
    json_out: JsonOption = False,
    in_database: Annotated[
        bool,
        typer.Option(
            "--in-database",
            help="Let Neo4j find the path with Cypher shortestPath / allShortestPaths: fewest "
            "hops, not strongest chain, over the links that carry in the scenario (its "
            "connected_by; never adversarial ones) (implies --source neo4j and --hops).",
        ),
    ] = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Find the strongest path(s) between two actors, each hop with its link type and evidence.

    A path's strength is the product of its tie weights (strength x confidence); see the README.
    With --in-database the database counts hops instead (and the answer is checked against the
    graph). Exits 1 if no path connects the two actors.
    """
    from scenarios.render import terminal
    from scenarios.reports import paths

    if in_database:
        if k is not None:
            raise UsageError("--k and --in-database cannot be combined", hint="drop one of them")
        if evidence.sourced_only:
            raise UsageError(
                "--sourced-only and --in-database cannot be combined",
                hint="the database walks every link; drop --in-database (add --hops)",
            )
        ask = (scenario, all_paths, max_hops, evidence)
        ds, report = _ask_the_database(graph.neo4j, source, target, *ask)
    else:
        ds, (start, end) = graph.load_part(evidence.data, scenario, (source, target))
        ds = evidence.restrict(ds)
        report = paths.path_report(
            ds,
            start,
            end,
            scenario=scenario,
            all_paths=all_paths,
            max_hops=max_hops,
            alternatives=k,
            weighted=not hops,
            as_of=evidence.day(),
        )
    if report.paths or json_out:
        emit("path", report, json_out, lambda r: terminal.path_report(r, ds))
    if not report.paths:
        raise paths.no_path(report)


def _ask_the_database(
    server: Neo4j,
    source: str,
    target: str,
    scenario: str | None,
    all_paths: bool,
    max_hops: int | None,
    evidence: Evidence,
) -> tuple["Dataset", "PathReport"]:
    """`path --in-database`: Neo4j finds the fewest-hop paths, checked against the graph."""
    from scenarios.reports import dbpath

    with server.store() as store:
        ds, (start, end) = store.read_scenario(scenario, (source, target))
        ds = evidence.known(ds)
        report = dbpath.path_report(
            ds,
            start,
            end,
            store.paths,
            scenario=scenario,
            all_paths=all_paths,
            max_hops=max_hops,
            as_of=evidence.day(),
        )
    return ds, report


@examples(
    "scenarios centrality --measure betweenness --scenario g2",
    "scenarios centrality --measure pagerank --top 5",
)
def centrality(
    measure: Annotated[
        Measure, typer.Option("--measure", "-m", help="Which centrality to compute.")
    ] = Measure.BETWEENNESS,
    scenario: ScenarioOption = None,
    top: TopOption = 10,
    evidence: SourcedEvidence = SourcedEvidence(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
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
    from scenarios.render import terminal
    from scenarios.reports import centrality as centrality_report

    report = centrality_report.centrality_report(
        evidence.load(graph),
        measure,
        scenario=scenario,
        top=top,
        as_of=evidence.day(),
        exact=exact,
        sample=sample,
        seed=seed,
    )
    emit("centrality", report, json_out, terminal.centrality_report)


class Rank(StrEnum):
    """How `depends` orders its channels (reports.depends.Ranking)."""

    NEW = "new"
    SCORE = "score"


@examples(
    "scenarios depends status-quo --rank score --groups 2",
    "scenarios depends g2 --ties --top 5",
    "scenarios depends new-yalta --uncertain --as-of 2025-11-01 --known-by 2025-12-07",
)
def depends(
    scenario: ScenarioArgument,
    top: TopOption = 10,
    groups: Annotated[
        int,
        typer.Option(
            "--groups",
            metavar="N",
            help="Show this many groups of channels that matter only together.",
        ),
    ] = 3,
    rank: Annotated[
        Rank,
        typer.Option(
            "--rank",
            help="new: what only this scenario depends on first (the base graph does not), "
            "then by score; score: by score alone.",
        ),
    ] = Rank.NEW,
    ties: Annotated[
        bool, typer.Option("--ties", help="Rank single ties instead of channels.")
    ] = False,
    uncertainty: Uncertainty = Uncertainty(),
    evidence: SourcedEvidence = SourcedEvidence(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Rank the channels a scenario depends on, beside the base graph, and say why each matters.

    A channel is the ties between two sides that run through the same envoys or officials; its
    score is the share of the key actors' chain strength lost if it is cut. Also: channels
    that matter only together, the people the scenario runs through, what its own changes
    carry, and the tensions (adversarial links) around it. --ties ranks single ties.
    With --uncertain: the probability that the key actors stay connected when each link is
    present with probability = its confidence, and each link's importance to it (Birnbaum).
    """
    from scenarios.render import terminal

    seed = uncertainty.seed_value()
    if uncertainty.uncertain:
        from scenarios.reports.uncertain import uncertain_report

        samples = uncertainty.samples
        report = uncertain_report(
            evidence.load(graph),
            scenario,
            top=top,
            samples=samples,
            seed=seed,
            as_of=evidence.day(),
        )
        emit("depends-uncertain", report, json_out, terminal.uncertain_report)
        return
    from scenarios.reports.depends import Ranking, depends_report, ties_report

    ds, _ = graph.load_part(evidence.data, scenario, ())
    ds = evidence.restrict(ds)
    if ties:
        singles = ties_report(ds, scenario, top=top, as_of=evidence.day())
        emit("depends-ties", singles, json_out, terminal.ties_report)
        return
    plain = depends_report(
        ds, scenario, top=top, groups=groups, ranking=Ranking(rank.value), as_of=evidence.day()
    )
    emit("depends", plain, json_out, terminal.depends_report)
