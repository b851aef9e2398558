"""`signposts`: what to watch for, per scenario, and what has been seen.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from typing import Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import (
    GraphSource,
    JsonOption,
    SourcedEvidence,
    optional_argument,
)
from scenarios.cli.output import emit


@examples(
    "scenarios signposts new-yalta --top 2",
    "scenarios signposts --known-by 2025-12-07",
)
def signposts(
    scenario: Annotated[
        str | None, optional_argument("SCENARIO", "Only this scenario [default: every one].")
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top", "-n", help="Propose at most this many signposts per scenario from `depends`."
        ),
    ] = 5,
    evidence: SourcedEvidence = SourcedEvidence(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """Show each scenario's signposts: observed or not yet, most diagnostic first.

    A signpost that every scenario expects tells nothing; one that only one expects is worth
    watching (diagnosticity: the share of scenario pairs it tells apart; docs/signposts.md).
    Also proposes signposts from the dependency analysis: what the scenario depends on and no
    other scenario does.
    """
    from scenarios.render import terminal
    from scenarios.reports.signposts import signposts_report

    ds = evidence.load(graph)
    report = signposts_report(ds, scenario, as_of=evidence.day(), top=top)
    emit("signposts", report, json_out, lambda r: terminal.signposts_report(r, ds))
