"""`validate` and `synth`: check a dataset's files, or write a synthetic one.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import time
from pathlib import Path
from typing import Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import DataOption, JsonOption
from scenarios.cli.output import emit
from scenarios.errors import ExitCode
from scenarios.vocab import BulkFormat


@examples(
    "scenarios validate",
    "scenarios validate my-dataset/ --json",
    "scenarios validate my-dataset/links.yaml",
)
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="Dataset directory or file [default: --data, $SCENARIOS_DATA, or the seed]; "
            "a file beside other dataset files is checked with them.",
            show_default=False,
            readable=False,  # the loader says what cannot be read, as a data problem (exit 1)
        ),
    ] = None,
    data: DataOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too, e.g. in CI.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Check a dataset and report every problem found (file, line, entry, field); exit 1 if any.

    A valid dataset gets its warnings (numbers off the confidence ladder, links graded above
    their evidence, sourced links without evidence) and a summary of its links by basis and
    grade. Warnings do not fail the check unless --strict.
    """
    from scenarios.dataset.loader import default_data_path
    from scenarios.render import terminal
    from scenarios.reports.validation import ValidDataset, validation

    report = validation(path or data or default_data_path(), strict=strict, alone=path is None)
    passed = isinstance(report, ValidDataset) and report.passed
    emit(
        "validation",
        report,
        json_out,
        terminal.validation,
        stderr=not passed,  # what is wrong is for people; the JSON is on stdout
        soft_wrap=True,
        one_line=report.valid,
    )
    if not passed:
        raise typer.Exit(int(ExitCode.DATA))


@examples(
    "scenarios synth big/ --actors 1000 --links 5000", "scenarios synth big/ --format jsonl --force"
)
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
