"""Helpers shared by the benchmarks: timing whole processes and printing figure tables."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scenarios_command() -> list[str]:
    """The installed `scenarios` console script (what users run), else `python -m scenarios`."""
    beside = Path(sys.executable).with_name("scenarios")
    found = str(beside) if beside.exists() else shutil.which("scenarios")
    return [found] if found else [sys.executable, "-m", "scenarios"]


def time_process(argv: Sequence[str], runs: int, warmup: int = 2) -> list[float]:
    """Wall-clock seconds of `runs` executions of argv (after `warmup` unrecorded ones)."""
    return time_interleaved({"argv": argv}, runs, warmup)["argv"]


def time_interleaved(
    cases: Mapping[str, Sequence[str]],
    runs: int,
    warmup: int = 2,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Wall-clock seconds of `runs` executions of each case's argv, taken in turns (one run of
    each case a round, after `warmup` unrecorded rounds), so a load that comes and goes on
    the machine falls on every case alike and their ratios hold. With `cpu`, each run's CPU
    seconds (user + system) go there too: other jobs on the machine stretch the wall time of
    a run, much less the CPU time it takes."""
    # Let the warm-up runs write bytecode, as a user's Python does (this machine sets
    # PYTHONDONTWRITEBYTECODE, which would make every run recompile an editable install).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "COLUMNS": "100"
    }
    times: dict[str, list[float]] = {label: [] for label in cases}
    for i in range(warmup + runs):
        for label, argv in cases.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            completed = subprocess.run(
                argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
            )
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if completed.returncode != 0:
                raise SystemExit(f"{' '.join(argv)} failed: {completed.stderr.decode()[-500:]}")
            if i >= warmup:
                times[label].append(elapsed)
                if cpu is not None:
                    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                    cpu.setdefault(label, []).append(used)
    return times


def summary(times: Sequence[float]) -> str:
    med, low, high = statistics.median(times), min(times), max(times)
    return f"median {med:.3f} s  (min {low:.3f}, max {high:.3f}, n={len(times)})"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
