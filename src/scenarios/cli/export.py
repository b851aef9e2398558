"""`export`: files and pictures for other tools, each written whole or not at all.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scenarios.cli.help import examples
from scenarios.cli.options import Evidence, GraphSource, optional_argument
from scenarios.errors import OutputError
from scenarios.export.formats import ExportFormat, Lang

if TYPE_CHECKING:
    from scenarios.export.plan import Exporter, Target, Written


@examples(
    "scenarios export new-yalta -o new-yalta.html",
    "scenarios export g2 --format csv -o views/",
    "scenarios export --all site/",
)
def export(
    scenarios: Annotated[
        list[str] | None,
        optional_argument(
            "SCENARIO", "Scenarios to export (id or name) [default: the base graph]."
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
            metavar="PATH",
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
        int,
        typer.Option(
            "--top", "-n", help="Highlight at most this many of the channels a scenario depends on."
        ),
    ] = 10,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Label actors by their English or Japanese names.")
    ] = Lang.EN,
    evidence: Evidence = Evidence(),
    graph: GraphSource = GraphSource(),
) -> None:
    """Write files for other tools: GraphML, GEXF, JSON, CSV, DOT, HTML, SVG, PNG, Cypher.

    Without a scenario: the base graph. A scenario's files carry its dependency metrics (score,
    path_share, route_loss, rank) on every link. Existing files are kept unless --force; every
    file is written whole or not at all. See docs/export.md.
    """
    from scenarios.export import plan

    ds = evidence.load(graph)
    exporter = plan.Exporter(ds, as_of=evidence.day(), top=top, lang=lang)
    targets = plan.plan(ds, scenarios or [], fmt.value if fmt else None, output, all_dir)
    paths = [p for t in targets for p in t.paths]
    if all_dir is not None:  # the index is written last: refuse it before anything else
        paths += [all_dir / plan.INDEX_HTML, all_dir / plan.INDEX_JSON]
    _refuse_to_overwrite(paths, force)
    written = _write_targets(exporter, targets, all_dir)
    if all_dir is not None:
        _write_index(exporter, written, all_dir)


def _write_targets(
    exporter: "Exporter", targets: "list[Target]", all_dir: Path | None
) -> "list[Written]":
    """Render and write every target, saying what was written on stderr (with --all, counting
    the files off)."""
    from scenarios.export import plan

    told: set[str] = set()

    def note(message: str) -> None:  # each thing said once; --all says only the warnings
        if message not in told and (all_dir is None or message.startswith("warning:")):
            told.add(message)
            typer.echo(message, err=True)

    written: list[plan.Written] = []
    total, number = sum(len(t.paths) for t in targets), 0
    for target in targets:
        for path, content in exporter.render(target, note).items():
            replaced = _write_output(path, content, target)
            size = f"{len(content) / 1000:.1f} kB"
            if all_dir is not None:
                number += 1
                written.append(plan.Written.of(all_dir, path, target, content))
                typer.echo(f"[{number:{len(str(total))}}/{total}] {path} ({size})", err=True)
            elif str(path) != "-":
                link = f", replacing {replaced}" if replaced else ""
                typer.echo(f"wrote {path} ({size}){link}", err=True)
    return written


def _write_index(exporter: "Exporter", written: "list[Written]", all_dir: Path) -> None:
    from scenarios.export import plan
    from scenarios.files import write_atomic

    for name, content in plan.index_files(exporter, written).items():
        write_atomic(all_dir / name, content)
    typer.echo(f"wrote {len(written)} files and an index to {all_dir / plan.INDEX_HTML}", err=True)


def _refuse_to_overwrite(paths: list[Path], force: bool) -> None:
    """Fail before writing anything if a target exists (unless --force) or is a directory."""
    from scenarios.files import refuse_to_overwrite

    for path in paths:
        if str(path) != "-" and path.is_dir():
            raise OutputError(f"{path} is a directory", hint="give a file name with -o")
    refuse_to_overwrite([p for p in paths if str(p) != "-"], force)


def _write_output(path: Path, content: bytes, target: "Target") -> str | None:
    """Write one file (or stdout); where the symbolic link it replaced pointed, if it was one."""
    from scenarios.files import symlink_target, write_atomic

    if str(path) != "-":
        replaced = symlink_target(path)
        write_atomic(path, content)
        return replaced
    if target.format.binary and sys.stdout.isatty():
        raise OutputError(
            f"not writing {target.format.title} to a terminal", hint="redirect it, or use -o FILE"
        )
    sys.stdout.buffer.write(content)
    sys.stdout.flush()
    return None
