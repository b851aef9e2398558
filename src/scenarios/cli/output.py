"""Where results go: a report to stdout as tables for people or as `--json`; errors to stderr.

The rendering is `scenarios.render`'s; this module only chooses the stream.
"""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
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

    show(with_clock_notes(report, render(report)), stderr=stderr, soft_wrap=soft_wrap)


def fail(message: str, hint: str | None) -> None:
    """`error: message`, and the hint below it, on stderr."""
    from scenarios.render.terminal import error, show

    show(error(message, hint), stderr=True, soft_wrap=True)
