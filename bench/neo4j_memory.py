"""Peak memory of `scenarios load` against the Dataset alone (a child process per measure).

    python bench/neo4j_memory.py DIR [--uri bolt://... via NEO4J_* variables] [--batch 1000]

Measures, each in a fresh Python process, the peak resident set size (`ru_maxrss`, via
`scenarios.memory.peak_rss_mb`) of:

- **dataset**: reading DIR into a validated Dataset, nothing else;
- **eager**: the same, then encoding every record and planning every row of a load into an
  empty database up front (what `Store.load` did before it streamed; no server needed);
- **connected**: the same, then importing the driver and connecting (the driver's own cost);
- **load**: the same Dataset, then `Store.load` into the server named by NEO4J_URI (emptied
  first): records and rows are made batch by batch as they are sent.

The load's peak minus the connected one's is what loading costs beyond the Dataset and driver.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys, time
from pathlib import Path
from scenarios.loader import load_dataset
from scenarios.memory import peak_rss_mb
mode, directory, batch = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
ds = load_dataset(directory)
out = {"dataset_mb": peak_rss_mb(), "links": len(ds.links), "actors": len(ds.actors)}
start = time.perf_counter()
if mode == "eager":
    from scenarios import loadplan, records
    from scenarios.memory import gc_paused
    with gc_paused():
        desired = records.encode(ds)
        plan = loadplan.plan(desired, records.GraphRecords(), batch_size=batch)
        rows = [step.params for step in plan.steps]
elif mode == "connected":
    from scenarios.store import Store, connection
    with Store(connection()) as store:
        store.driver  # imported and connected: the driver's own memory
elif mode == "load":
    from scenarios.store import Store, connection
    with Store(connection()) as store:
        summary = store.load(ds, batch_size=batch)
    out["created_links"] = summary.sections[1].created
out["seconds"] = time.perf_counter() - start
out["peak_mb"] = peak_rss_mb()
print(json.dumps(out))
"""


def measure(mode: str, directory: Path, batch: int, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(directory), str(batch)],
        capture_output=True,
        text=True,
        check=True,
        env=env or dict(os.environ),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--modes", default="dataset,eager,connected,load")
    args = parser.parse_args()
    for mode in args.modes.split(","):
        print(mode, json.dumps(measure(mode, args.directory, args.batch)), flush=True)


if __name__ == "__main__":
    main()
