"""Where results go: a report to stdout as tables for people or as `--json`; errors to stderr.

The rendering is `scenarios.render`'s; this module chooses the stream, and the pager: like
git, output taller than the terminal goes through `$SCENARIOS_PAGER`, else `$PAGER`, else
`less` (with `LESS=FRX` unless `LESS` is set), only when stdout is a terminal, never for
`--json`, errors or progress; `--no-pager` or a pager of `cat` (or empty) turns it off.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from scenarios.config import PAGER_ENV

if TYPE_CHECKING:
    from scenarios.dataset.edit import DatasetEdit
    from scenarios.render.terminal import Renderable

R = TypeVar("R")


def emit(
    kind: str,
    report: R,
    as_json: bool,
    render: Callable[[R], "Renderable"],
    *,
    stderr: bool = False,
    soft_wrap: bool = False,
    one_line: bool = False,
) -> None:
    """Print `report`: its JSON document (`kind`) on stdout, or `render(report)` for people.

    Only `validate` sets the keywords: what it found wrong goes to stderr (`stderr`), its
    lines are not cut at the terminal's width (`soft_wrap`), and a valid dataset's JSON is
    one ASCII line (`one_line`, see `scenarios.render.json.dumps`).
    """
    if as_json:
        from scenarios.render.json import dumps

        sys.stdout.write(dumps(kind, report, one_line=one_line) + "\n")
        sys.stdout.flush()
        return
    from scenarios.render.terminal import show, with_clock_notes

    show(
        with_clock_notes(report, render(report)),
        stderr=stderr,
        soft_wrap=soft_wrap,
        pager=None if stderr else pager(),
    )


PAGING = {"allowed": True}  # the root's --no-pager sets it False for this run


def pager() -> Callable[[str], None] | None:
    """What pages long output here (see the module docstring), or None: print it directly."""
    if not PAGING["allowed"] or not sys.stdout.isatty():
        return None
    chosen = os.environ.get(PAGER_ENV)
    if chosen is None:
        chosen = os.environ.get("PAGER")
    if chosen is None:
        import shutil

        if os.name == "nt" or shutil.which("less") is None:
            return None
        chosen = "less"
    command = chosen.strip()
    if command in ("", "cat"):
        return None

    def run(text: str) -> None:
        import signal
        import subprocess

        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # quit if one screen, raw colours, no clearing (git's)
        env.setdefault("LV", "-c")
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
        try:
            process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
            assert process.stdin is not None
            try:
                process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
                process.stdin.close()
            except BrokenPipeError:  # the reader quit early: nothing more to show
                pass
            process.wait()
        finally:
            signal.signal(signal.SIGINT, interrupt)

    return run


def say_written(sizes: "dict[Path, int]", edit: "DatasetEdit") -> None:
    """`wrote data/links.yaml (41.2 kB)` on stderr for each file written, as `export` says."""
    for path, size in sorted(sizes.items()):
        typer.echo(f"wrote {edit.name(path)} ({size / 1000:.1f} kB)", err=True)


def fail(message: str, hint: str | None) -> None:
    """`error: message`, and the hint below it, on stderr."""
    from scenarios.render.terminal import error, show

    show(error(message, hint), stderr=True, soft_wrap=True)
