"""Where results go: a report to stdout, as tables for people or as `--json`."""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.console import RenderableType


R = TypeVar("R")


def emit(kind: str, report: R, as_json: bool, render: Callable[[R], "RenderableType"]) -> None:
    if as_json:
        from scenarios.render.json import dumps

        sys.stdout.write(dumps(kind, report) + "\n")
        sys.stdout.flush()
        return
    from rich.console import Console

    Console(highlight=False).print(render(report))
