"""Every benchmark of the performance table, in one command, printed as a Markdown table.

    python bench/all.py [--runs 5] [--startup-runs 21] [--only NAME ...] [--out FILE]

Each row is a median of several runs, measured now on this machine, with the fastest engine
we know of for the same work measured beside it in the same run. The table, the machine, the
date and this command line are printed (and written to --out, e.g. to paste into
docs/performance.md). The modules it runs, in order:

- `startup`: `scenarios --help` and seed `depends new-yalta` as cold processes;
- `scale_load`: 100k actors / 1M links from the bulk format into the in-memory graph;
- `scale_analysis`: one scenario's `depends` on that graph, approximate betweenness;
- `scale_neo4j`: Neo4j load (links/s beside a bare-driver script) and scenario read-back.

Each module has `table_rows(runs)` and can be run alone (`python bench/scale_load.py`).
A module that cannot run here (a missing optional engine) prints its reason as a row instead
of stopping the others.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine

MODULES = ("startup", "scale_load", "scale_analysis", "scale_neo4j")
COLUMNS = ("workload", "project", "beside", "target")
HEADINGS = ("workload", "the project", "beside it, same run", "target")


def markdown(rows: list[dict[str, str]]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "| " + " | ".join("---" for _ in COLUMNS) + " |"]
    for row in rows:
        cells = (row.get(c, "").replace("|", "\\|") for c in COLUMNS)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per scale workload (default 5)")
    parser.add_argument(
        "--startup-runs", type=int, default=21, help="cold starts per command (default 21)"
    )
    parser.add_argument("--only", nargs="+", choices=MODULES, help="run only these modules")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    rows: list[dict[str, str]] = []
    started = time.perf_counter()
    for name in args.only or MODULES:
        runs = args.startup_runs if name == "startup" else args.runs
        print(f"# running bench/{name}.py ({runs} runs) ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(name)
            rows.extend(module.table_rows(runs))
        except Exception as err:  # one module's failure must not hide the others' figures
            traceback.print_exc(file=sys.stderr)
            rows.append({"workload": f"bench/{name}.py", "project": f"failed: {err}"})
    argv = " ".join(["python", "bench/all.py", *sys.argv[1:]])
    text = "\n".join(
        [
            f"Measured {datetime.date.today().isoformat()} on {machine()} with `{argv}`"
            f" ({time.perf_counter() - started:.0f} s in all); medians of the runs.",
            "",
            markdown(rows),
            "",
        ]
    )
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
