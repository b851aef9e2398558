"""A load's progress bar on stderr: with the terminal renderer, the only importer of rich."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class LoadProgress:
    """A load's progress on stderr: a bar of rows, actors and links written, links per second.

    Shown once the load has taken `delay` seconds, on terminals only, never with --json.
    """

    def __init__(self, console: "Console", delay: float, quiet: bool) -> None:
        self.console, self.delay, self.quiet = console, delay, quiet
        self.started = time.monotonic()
        self.written: dict[str, int] = {"actors": 0, "links": 0}
        self.bar: Progress | None = None

    def tally(self, section: str, rows: int) -> None:
        if section in self.written:
            self.written[section] += rows

    def _status(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-9)
        actors, links = self.written["actors"], self.written["links"]
        return f"{actors:,} actors, {links:,} links written, {links / seconds:,.0f} links/s"

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.quiet or not self.console.is_terminal:
                return
            if time.monotonic() - self.started < self.delay:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress(
                "[bold]loading[/]",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                "{task.fields[status]}",
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.bar.add_task("loading", total=total, status="")
        self.bar.update(self.bar.task_ids[0], completed=done, total=total, status=self._status())

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress(
    console: "Console | None" = None, delay: float = 0.5, quiet: bool = False
) -> Iterator[LoadProgress]:
    """A load's progress display on stderr (see LoadProgress); removed when the load ends."""
    from rich.console import Console as RichConsole

    shown = LoadProgress(console or RichConsole(stderr=True), delay, quiet)
    try:
        yield shown
    finally:
        shown.stop()
