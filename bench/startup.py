"""Cold-process wall time of `scenarios --help` and `scenarios depends new-yalta`.

Each is run as a whole process, as a user would, beside a bare `python -c "import typer"` in
the same run, the three in turns (one of each a round), so a passing load falls on all three
alike. Targets (issue #2): --help within 1.3x of the bare typer import; depends under 0.5 s.
Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from common import machine, scenarios_command, summary, time_interleaved

TYPER = "python -c 'import typer'"
HELP = "scenarios --help"
DEPENDS = "scenarios depends new-yalta"


def measure(runs: int, echo: bool = False) -> dict[str, float]:
    """Median cold-process seconds of each command, the commands run in turns."""
    cli = scenarios_command()
    cases = {
        TYPER: [sys.executable, "-c", "import typer"],
        HELP: [*cli, "--help"],
        DEPENDS: [*cli, "depends", "new-yalta"],
    }
    cpu: dict[str, list[float]] = {}
    times = time_interleaved(cases, runs, cpu=cpu)
    if echo:
        for label, taken in times.items():
            print(f"{label:32s} {summary(taken)}")
        ratios = sorted(h / t for h, t in zip(times[HELP], times[TYPER], strict=True))
        middle = ratios[len(ratios) // 4 : len(ratios) - len(ratios) // 4]
        print(f"--help / typer, round by round: middle half {middle[0]:.2f}-{middle[-1]:.2f}x")
        used = {label: statistics.median(taken) for label, taken in cpu.items()}
        print(
            f"CPU time (user + system), medians: typer {used[TYPER]:.3f} s, --help "
            f"{used[HELP]:.3f} s ({used[HELP] / used[TYPER]:.2f}x), depends {used[DEPENDS]:.3f} s"
        )
    return {label: statistics.median(taken) for label, taken in times.items()}


def table_rows(runs: int) -> list[dict[str, str]]:
    """The start-up rows of the performance table (bench/all.py)."""
    medians = measure(runs)
    ratio = medians[HELP] / medians[TYPER]
    return [
        {
            "workload": "`scenarios --help`, cold process",
            "project": f"{medians[HELP]:.3f} s ({ratio:.2f}x)",
            "beside": f"`python -c 'import typer'` {medians[TYPER]:.3f} s",
            "target": "<= 1.3x bare typer",
        },
        {
            "workload": "seed `depends new-yalta`, cold process",
            "project": f"{medians[DEPENDS]:.3f} s",
            "beside": "-",
            "target": "< 0.5 s",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command (default 21)")
    args = parser.parse_args()
    print(f"# startup benchmark on {machine()}")
    medians = measure(args.runs, echo=True)
    ratio = medians[HELP] / medians[TYPER]
    print(f"--help / bare typer import: {ratio:.2f}x (target <= 1.3x)")
    print(f"depends new-yalta: {medians[DEPENDS]:.3f} s (target < 0.5 s)")


if __name__ == "__main__":
    main()
