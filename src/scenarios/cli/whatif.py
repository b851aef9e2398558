"""`compare`, `whatif`, `timeline`: two graphs side by side, cuts, and time.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from typing import Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import (
    BriefOption,
    GraphSource,
    JsonOption,
    MeasureOption,
    ScenarioArgument,
    SourcedEvidence,
    TopOption,
    Uncertainty,
)
from scenarios.cli.output import emit
from scenarios.errors import UsageError
from scenarios.vocab import Measure


@examples("scenarios compare status-quo g2 --top 5", "scenarios compare base new-yalta")
def compare(
    a: Annotated[
        str, typer.Argument(metavar="A", help="Scenario A (or `base` for the base graph).")
    ],
    b: Annotated[str, typer.Argument(metavar="B", help="Scenario B, read relative to A.")],
    measure: MeasureOption = Measure.BETWEENNESS,
    top: TopOption = 10,
    evidence: SourcedEvidence = SourcedEvidence(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Compare two scenarios: links B adds, removes or reweights; centrality movers; ties one
    depends on and the other does not; key-actor chains that weaken, strengthen or break."""
    from scenarios.render import terminal
    from scenarios.reports.compare import compare_report

    ds = evidence.load(graph)
    report = compare_report(ds, a, b, measure=measure, top=top, as_of=evidence.day())
    emit("compare", report, json_out, terminal.compare_report)


@examples("scenarios whatif new-yalta --cut trump~witkoff", "scenarios whatif new-yalta --sweep")
def whatif(
    scenario: ScenarioArgument,
    cut: Annotated[
        list[str] | None,
        typer.Option(
            "--cut",
            "-c",
            metavar="ACTOR~ACTOR",
            help="Cut the tie between two actors, ACTOR~ACTOR (repeatable; ids, names, aliases).",
        ),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            "-r",
            metavar="ACTOR",
            help="Remove an actor and all its ties (repeatable).",
        ),
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
    uncertainty: Uncertainty = Uncertainty(),
    evidence: SourcedEvidence = SourcedEvidence(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Cut ties or remove actors and see the scenario before -> after: key chains, centrality,
    dependencies (and with --uncertain the holding probability). --sweep ranks every cut.

    Exits 2 if a --cut names no tie of the scenario (the hint lists the actor's ties).
    """
    from scenarios.render import terminal
    from scenarios.reports import whatif as cuts

    seed = uncertainty.seed_value()
    ds, when = evidence.load(graph), evidence.day()
    if sweep:
        if uncertainty.uncertain:
            raise UsageError("--uncertain does not combine with --sweep", hint="drop one of them")
        rows = 10 if top is None else top
        swept = cuts.sweep_report(
            ds, scenario, k=k, cuts=cut or (), remove=remove or (), top=rows, as_of=when
        )
        emit("whatif-sweep", swept, json_out, terminal.sweep_report)
        return
    if k != 1:
        raise UsageError("--k applies to --sweep", hint="add --sweep to try pairs of cuts")
    report = cuts.whatif_report(
        ds,
        scenario,
        cuts=cut or (),
        remove=remove or (),
        measure=measure,
        top=5 if top is None else top,
        uncertain=uncertainty.uncertain,
        samples=uncertainty.samples,
        seed=seed,
        as_of=when,
    )
    emit("whatif", report, json_out, terminal.whatif_report)


@examples("scenarios timeline new-yalta", "scenarios timeline new-yalta --uncertain --brief")
def timeline(
    scenario: ScenarioArgument,
    uncertainty: Uncertainty = Uncertainty(),
    evidence: SourcedEvidence = SourcedEvidence(),
    brief: BriefOption = False,
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """List a scenario's dated links in order, and what each day's links do for its key actors."""
    from scenarios.render import terminal
    from scenarios.reports.timeline import timeline_report

    seed = uncertainty.seed_value()
    report = timeline_report(
        evidence.load(graph),
        scenario,
        uncertain=uncertainty.uncertain,
        samples=uncertainty.samples,
        seed=seed,
        as_of=evidence.day(),
    )
    emit("timeline", report, json_out, lambda r: terminal.timeline_report(r, brief=brief))
