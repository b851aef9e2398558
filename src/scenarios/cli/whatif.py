"""`compare`, `whatif`, `timeline`: two graphs side by side, cuts, and time.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from scenarios.cli.options import (
    AsOfOption,
    DatabaseOption,
    DataOption,
    JsonOption,
    MeasureOption,
    PasswordOption,
    SamplesOption,
    SeedOption,
    Source,
    SourceOption,
    TopOption,
    UncertainOption,
    UriOption,
    UserOption,
    day,
    read_dataset,
    seed_for,
)
from scenarios.cli.output import emit
from scenarios.errors import UsageError
from scenarios.vocab import Measure

if TYPE_CHECKING:
    pass

R = TypeVar("R")


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
        read_dataset(data, source, uri, user, password, database),
        a,
        b,
        measure=measure,
        top=top,
        as_of=day(as_of),
    )
    emit("compare", report, json_out, render.compare_report)


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
    from scenarios.render import terminal as render
    from scenarios.reports import whatif as reports_whatif

    seed_value = seed_for(uncertain, samples, seed)
    ds, when = read_dataset(data, source, uri, user, password, database), day(as_of)
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
            as_of=when,
        )
        emit("whatif-sweep", swept, json_out, render.sweep_report)
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
        as_of=when,
    )
    emit("whatif", report, json_out, render.whatif_report)


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

    seed_value = seed_for(uncertain, samples, seed)
    report = reports_whatif.timeline_report(
        read_dataset(data, source, uri, user, password, database),
        scenario,
        uncertain=uncertain,
        samples=samples,
        seed=seed_value,
        as_of=day(as_of),
    )
    emit("timeline", report, json_out, render.timeline_report)
