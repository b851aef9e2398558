"""Run the command line in a child process, as a user does, bounded in CPU time and memory.

For the tests of bad input and faults (issue 13): a hang or a memory blow-up must fail the
test, not the machine. Each run has a CPU-time limit (`RLIMIT_CPU`: the child is killed past
it, whatever the machine's load) and a resident-memory ceiling (the child is killed past it),
and reports its peak resident memory: the child's own high-water mark (`VmHWM` in
`/proc/self/status`, read by the child as it exits), not `ru_maxrss`, which on Linux starts
from the forking parent's size. The wall-clock timeout only turns a hang into a failure.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

OUTPUT_CAP = 1_000_000  # bytes of each stream kept; the rest is counted

# Runs `scenarios` as `python -m scenarios` does, and writes the process's peak resident
# memory (kB) to the file named by the first argument as it exits, however it exits.
_LAUNCHER = textwrap.dedent(
    """
    import atexit, runpy, sys
    peak_file = sys.argv.pop(1)
    def report():
        with open("/proc/self/status") as status:
            peak = next(l.split()[1] for l in status if l.startswith("VmHWM:"))
        with open(peak_file, "w") as out:
            out.write(peak)
    atexit.register(report)
    sys.argv[0] = "scenarios"
    runpy.run_module("scenarios", run_name="__main__", alter_sys=True)
    """
)


@dataclass(repr=False)
class Run:
    """One finished run: exit code, output, and what it cost."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    peak_mb: float  # peak resident memory of the child
    output_bytes: int  # stdout and stderr, all of it (only OUTPUT_CAP of each is kept)
    killed: str | None  # "cpu", "memory" or "timeout" when the child was stopped

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def lines(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.strip()]

    def __repr__(self) -> str:  # what a failed assertion shows
        head = "\n".join(self.output.splitlines()[:12])[:3000]
        return (
            f"scenarios {' '.join(a[:60] for a in self.args)}\n  exit {self.code}, peak"
            f" {self.peak_mb:.0f} MB{', killed: ' + self.killed if self.killed else ''}; output"
            f" {self.output_bytes:,} bytes:\n{textwrap.indent(head, '  | ')}"
        )


def scenarios(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    cpu_seconds: int = 60,
    max_mb: float = 1500.0,
    timeout: float = 300.0,
    preexec: Callable[[], None] | None = None,
) -> Run:
    """Run `scenarios ARGS` in a child process; never raises for what the child does."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "SCENARIOS_"))
    }
    environment.update({"COLUMNS": "100", "NO_COLOR": "1", **(env or {})})

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        if preexec is not None:
            preexec()

    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak_file:
        process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, peak_file.name, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
            cwd=cwd,
            preexec_fn=limit,  # noqa: PLW1509 - the reader threads start after the fork
        )
        kept: dict[str, list[bytes]] = {"out": [], "err": []}
        counts = {"out": [0], "err": [0]}
        readers = [
            threading.Thread(target=_drain, args=(stream, kept[name], counts[name]))
            for name, stream in (("out", process.stdout), ("err", process.stderr))
        ]
        for reader in readers:
            reader.start()
        killed, polled, started = None, 0.0, time.monotonic()
        while process.poll() is None:
            polled = max(polled, _resident_peak_mb(process.pid))
            if killed is None and polled > max_mb:
                killed = "memory"
                process.kill()
            elif killed is None and time.monotonic() - started > timeout:
                killed = "timeout"
                process.kill()
            time.sleep(0.01)
        for reader in readers:
            reader.join()
        reported = peak_file.read().strip()
    if killed is None and process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        killed = "cpu"  # past RLIMIT_CPU
    return Run(
        args=tuple(args),
        code=process.returncode,
        stdout=b"".join(kept["out"]).decode("utf-8", "replace"),
        stderr=b"".join(kept["err"]).decode("utf-8", "replace"),
        peak_mb=max(polled, int(reported) / 1024 if reported else 0.0),
        output_bytes=counts["out"][0] + counts["err"][0],
        killed=killed,
    )


def _drain(stream: object, keep: list[bytes], count: list[int]) -> None:
    read = stream.read  # type: ignore[attr-defined]
    while chunk := read(65536):
        count[0] += len(chunk)
        if sum(map(len, keep)) < OUTPUT_CAP:
            keep.append(chunk)


def _resident_peak_mb(pid: int) -> float:
    try:
        with Path(f"/proc/{pid}/status").open() as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def as_other_user() -> None:
    """preexec: as root, give up the right to read what others may not (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH), so `chmod 000` bites the child as it bites any user."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def file_size_limit(limit: int) -> Callable[[], None]:
    """preexec: writes past `limit` bytes fail (EFBIG) instead of killing the child."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
