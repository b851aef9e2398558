"""Memory helpers for bulk work: pause the cycle collector, read the peak memory of the process."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while millions of objects are created.

    Loading a million links allocates tens of millions of acyclic objects (links, rows, dicts
    of the tie graph), and the collector rescans the growing heap again and again: a third of
    the load time (bench/scale.py). Reference counting still frees everything; the collector
    resumes afterwards, and nesting is safe.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def peak_rss_mb() -> float:
    """The most memory this process has held so far (resident set size), in MB.

    >>> peak_rss_mb() > 0
    True
    """
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, else kB
