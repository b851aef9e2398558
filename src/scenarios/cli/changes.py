"""`diff` and `pull`: what a change did to the answers, and edits made in Neo4j brought back.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import (
    DryRunOption,
    Evidence,
    JsonOption,
    Neo4j,
    TopOption,
    WriteDataOption,
    dataset_to_change,
    load_files,
    optional_argument,
)
from scenarios.cli.output import emit, say_written
from scenarios.errors import ExitCode, ScenarioError, UsageError

if TYPE_CHECKING:
    from scenarios.dataset.edit import DatasetEdit
    from scenarios.model import Dataset
    from scenarios.reports.pull import PullReport
    from scenarios.store.store import Store


class DiffFormat(StrEnum):
    """How `diff` prints for people."""

    TEXT = "text"
    MARKDOWN = "markdown"


@examples(
    "scenarios diff data --rev HEAD~1",
    "scenarios diff data --rev HEAD~1 --rev HEAD --scenario new-yalta --format markdown",
    "scenarios diff data-before/ data/ --top 3 --json",
)
def diff(
    old: Annotated[
        Path | None,
        optional_argument(
            "OLD", "The dataset before (a directory or file); with --rev: the dataset's path."
        ),
    ] = None,
    new: Annotated[
        Path | None, optional_argument("NEW", "The dataset after (not with --rev).")
    ] = None,
    rev: Annotated[
        list[str] | None,
        typer.Option(
            "--rev",
            "-r",
            metavar="REV",
            help="A git revision of the dataset: once, REV against the working tree; twice, "
            "REV against REV2. Read with git, no checkout.",
            show_default=False,
        ),
    ] = None,
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            "-s",
            metavar="SCENARIO",
            help="Only this scenario's answers (repeatable) [default: every scenario in both].",
            show_default=False,
        ),
    ] = None,
    top: TopOption = 10,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text for the terminal, markdown for a pull request."),
    ] = DiffFormat.TEXT,
    evidence: Evidence = Evidence(),
    json_out: JsonOption = False,
) -> None:
    """Compare two versions of a dataset: entries added, removed or changed, and what that did
    to each scenario's key-pair chains and dependency ranking (before -> after, as `compare`)."""
    from scenarios.reports.diff import diff_report

    before, after, old_name, new_name = _versions(old, new, rev or [], evidence.data)
    report = diff_report(
        evidence.known(before),
        evidence.known(after),
        old_name=old_name,
        new_name=new_name,
        scenarios=scenario or (),
        top=top,
        as_of=evidence.day(),
    )
    if fmt is DiffFormat.MARKDOWN and not json_out:
        from scenarios.render.markdown import diff_report as markdown

        sys.stdout.write(markdown(report))
        return
    from scenarios.render import terminal

    emit("diff", report, json_out, terminal.diff_report)


def _versions(
    old: Path | None, new: Path | None, revs: list[str], data: Path | None
) -> tuple["Dataset", "Dataset", str, str]:
    """`diff`'s two datasets and their names: two paths, or one (else --data, else the seed)
    at one or two git revisions (one: against the working tree)."""
    if len(revs) > 2:
        raise UsageError("--rev is given once or twice", hint="e.g. --rev HEAD~1 --rev HEAD")
    if revs and new is not None:
        raise UsageError(
            "with --rev, give one dataset path (the revisions say which versions)",
            hint="scenarios diff data --rev HEAD~1",
        )
    if not revs:
        if old is None or new is None:
            raise UsageError(
                "give two datasets, or one and --rev",
                hint="scenarios diff OLD NEW, or --rev HEAD~1",
            )
        return load_files(old), load_files(new), str(old), str(new)
    from scenarios.dataset import revision
    from scenarios.dataset.loader import default_data_path

    path = old or data or default_data_path()
    before, old_name = revision.load_revision(path, revs[0]), revision.describe(path, revs[0])
    if len(revs) == 2:
        return (
            before,
            revision.load_revision(path, revs[1]),
            old_name,
            revision.describe(path, revs[1]),
        )
    return before, load_files(path), old_name, f"{path} (working tree)"


@examples("scenarios pull --data data --dry-run", "scenarios pull --data data --json")
def pull(
    data: WriteDataOption = None,
    dry_run: DryRunOption = False,
    json_out: JsonOption = False,
    server: Neo4j = Neo4j(),
) -> None:
    """Bring edits made in Neo4j (Browser) back into the YAML dataset: actors, links, evidence,
    scenarios, grades and signposts changed, added or deleted there are written into the files,
    keeping their comments and layout, and what the database made gets the bookkeeping a load
    writes (no data changed), so the next load writes nothing. Shows the diff; --dry-run writes
    nothing. What the files cannot hold is reported. Exit 1 if there were differences and none
    could be written."""
    from scenarios.render import terminal

    root = dataset_to_change(data)
    files = load_files(root)
    with server.store() as store:
        report, edit, sizes = _pull_into(files, root, store, dry_run)
    emit("pull", report, json_out, terminal.pull_report, stderr=True)
    say_written(sizes, edit)
    stamp = terminal.pull_stamp(report)
    if stamp is not None and (report.stamp_failed or not json_out):  # a warning even with --json
        terminal.show(stamp, stderr=True)
    if report.differences and not report.applied:
        raise typer.Exit(int(ExitCode.DATA))


def _pull_into(
    files: "Dataset", root: Path, store: "Store", dry_run: bool
) -> tuple["PullReport", "DatasetEdit", dict[Path, int]]:
    """`pull`: the database's edits written into the files at `root`, which hold `files`
    (not with `dry_run`), and what they then hold stamped with the load's bookkeeping in the
    database."""
    from dataclasses import replace

    from scenarios.reports.pull import plan_pull

    back = store.read_back()
    report, edit = plan_pull(
        files,
        root,
        back.dataset,
        back.raw,
        source=store.conn.describe(),
        set_aside=back.set_aside,
        dry_run=dry_run,
    )
    sizes = {}
    if report.diff and not dry_run:
        sizes = edit.write()
        report = replace(report, saved=True)
    if not dry_run:  # what the files now hold gets the load's bookkeeping in the database
        try:
            report = replace(report, stamped=store.stamp(load_files(root)))
        except ScenarioError as err:  # the files stay written: the next load stamps
            report = replace(report, stamp_failed=err.message)
    return report, edit, sizes
