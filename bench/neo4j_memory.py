"""Peak memory of `scenarios load` against the Dataset alone (a child process per measure).

    python bench/neo4j_memory.py DIR [--uri bolt://... via NEO4J_* variables] [--batch 1000]

Measures, each in a fresh Python process (Linux), the resident set size before a phase
(`VmRSS`) and its peak during the phase (`VmHWM`, reset to the current size by writing 5 to
`/proc/self/clear_refs` when the phase starts; reading bulk files has a transient peak of its
own that would otherwise hide the phase's), after reading DIR into a validated Dataset:

- **dataset**: nothing more;
- **eager**: encoding every record and planning every row of a load into an
  empty database up front (what `Store.load` did before it streamed; no server needed);
- **connected**: importing the driver and connecting (done before the phase in this and the
  next measure, so neither counts it);
- **load**: `Store.load` into the server named by NEO4J_URI (emptied
  first): records and rows are made batch by batch as they are sent.

`phase_peak_mb - before_mb` is what the phase costs beyond the Dataset (and the driver).
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
from scenarios.dataset.loader import load_dataset
from scenarios.memory import peak_rss_mb
mode, directory, batch = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
ds = load_dataset(directory)
out = {"dataset_mb": peak_rss_mb(), "links": len(ds.links), "actors": len(ds.actors)}
if mode in ("connected", "load"):
    from scenarios.store.store import Store, connection
    store = Store(connection())
    store.driver  # imported and connected before the phase measured
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
out["before_mb"] = status("VmRSS")
open("/proc/self/clear_refs", "w").write("5")  # reset the peak (VmHWM) to the current RSS
start = time.perf_counter()
if mode == "eager":
    from scenarios.store import loadplan, records
    from scenarios.memory import gc_paused
    with gc_paused():
        desired = records.encode(ds)
        plan = loadplan.plan(desired, records.GraphRecords(), batch_size=batch)
        rows = [step.params for step in plan.steps]
elif mode == "load":
    summary = store.load(ds, batch_size=batch)
    out["created_links"] = summary.sections[1].created
out["seconds"] = time.perf_counter() - start
out["phase_peak_mb"] = status("VmHWM")  # the peak since the reset: this phase's
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
