"""Cold-process wall time of `scenarios --help` and `scenarios depends new-yalta`.

Each is run as a whole process, as a user would, beside a bare `python -c "import typer"` in
the same run. Targets (issue #2): --help within 1.3x of the bare typer import; depends under
0.5 s. Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from common import machine, scenarios_command, summary, time_process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command (default 21)")
    args = parser.parse_args()
    cli = scenarios_command()
    cases = {
        "python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "scenarios --help": [*cli, "--help"],
        "scenarios depends new-yalta": [*cli, "depends", "new-yalta"],
    }
    print(f"# startup benchmark on {machine()}")
    medians = {}
    for label, argv in cases.items():
        times = time_process(argv, args.runs)
        medians[label] = statistics.median(times)
        print(f"{label:32s} {summary(times)}")
    ratio = medians["scenarios --help"] / medians["python -c 'import typer'"]
    print(f"--help / bare typer import: {ratio:.2f}x (target <= 1.3x)")
    print(f"depends new-yalta: {medians['scenarios depends new-yalta']:.3f} s (target < 0.5 s)")


if __name__ == "__main__":
    main()
