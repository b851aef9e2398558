"""Files -> in-memory graph at scale, beside igraph and rustworkx reading the same edge list.

    python bench/scale_load.py [--runs 5] [--sizes 1000000,100000,10000]

For each size (100,000 actors / 1,000,000 links; 10,000 / 100,000; 1,000 / 10,000) a dataset
from `scenarios synth --scenarios 3 --seed 1` is generated once into a cache directory under
the system's temporary directory (`scenarios-bench/synth-a<actors>-l<links>-s3-seed1`). Each run
is a fresh Python process, so its peak memory (resident set size) is honest:

- **project**: `build_graph(load_dataset(dir).view("s0"))`: every bulk and YAML file read and
  validated into a Dataset (actors, links, evidence, scenarios, with located errors had there
  been any), the scenario's view taken and its tie graph built;
- **igraph**: `links.csv` read with the csv module into `Graph.TupleList(..., weights=True)`,
  weight = strength x confidence: an undirected multigraph, no validation;
- **rustworkx**: the same rows into a `PyGraph` (`add_nodes_from`, `add_edges_from`).

Seconds are wall time inside the process, from after the imports (start-up is measured by
bench/startup.py) to the finished graph; peak MB is the process's maximum RSS. Medians of
`--runs` runs; the three workloads alternate within each run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import machine, scenarios_command

SIZES = {1_000_000: 100_000, 100_000: 10_000, 10_000: 1_000}  # links: actors
TARGET_FACTOR = 2.0  # the issue: within 2x of the fastest engine measured beside
TARGET_PEAK_MB = 4_000

_MEASURE = """
import json, resource, sys, time
{imports}
started = time.perf_counter()
{body}
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "ties": ties}}))
"""

PROJECT = """
graph = build_graph(load_dataset(Path(sys.argv[1])).view("s0"))
ties = graph.number_of_edges()
"""

_ROWS = """
with open(sys.argv[1] + "/links.csv", newline="", encoding="utf-8") as stream:
    reader = csv.reader(stream)
    header = next(reader)
    s, t = header.index("source"), header.index("target")
    st, cf = header.index("strength"), header.index("confidence")
"""

IGRAPH = (
    _ROWS
    + """
    graph = igraph.Graph.TupleList(
        ((row[s], row[t], float(row[st]) * float(row[cf])) for row in reader), weights=True
    )
ties = graph.ecount()
"""
)

RUSTWORKX = (
    _ROWS
    + """
    index, names, edges = {}, [], []
    for row in reader:
        u = index.get(row[s])
        if u is None:
            u = index[row[s]] = len(names)
            names.append(row[s])
        v = index.get(row[t])
        if v is None:
            v = index[row[t]] = len(names)
            names.append(row[t])
        edges.append((u, v, float(row[st]) * float(row[cf])))
graph = rustworkx.PyGraph(multigraph=True)
graph.add_nodes_from(names)
graph.add_edges_from(edges)
ties = graph.num_edges()
"""
)

WORKLOADS = {"project": PROJECT, "igraph": IGRAPH, "rustworkx": RUSTWORKX}
IMPORTS = {  # imported before the clock starts: start-up is not what this measures
    "project": "from pathlib import Path\n"
    "from scenarios.graph import build_graph\n"
    "from scenarios.dataset.loader import load_dataset",
    "igraph": "import csv\nimport igraph",
    "rustworkx": "import csv\nimport rustworkx",
}


def dataset(links: int, actors: int) -> Path:
    """The synthetic dataset of this size, generated once into the cache directory."""
    directory = (
        Path(tempfile.gettempdir()) / "scenarios-bench" / f"synth-a{actors}-l{links}-s3-seed1"
    )
    if not (directory / "links.csv").exists():  # synth writes all its files or none
        subprocess.run(
            [
                *scenarios_command(),
                "synth",
                str(directory),
                "--actors",
                str(actors),
                "--links",
                str(links),
                "--scenarios",
                "3",
                "--seed",
                "1",
                "--force",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return directory


def measure(workload: str, directory: Path) -> dict[str, float]:
    """One run of a workload in a fresh process: seconds, peak MB, ties."""
    code = _MEASURE.format(imports=IMPORTS[workload], body=WORKLOADS[workload].strip())
    done = subprocess.run(
        [sys.executable, "-c", code, str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{workload} failed: {done.stderr[-800:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def medians(links: int, runs: int) -> dict[str, dict[str, float]]:
    directory = dataset(links, SIZES[links])
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in WORKLOADS}
    names = list(WORKLOADS)
    for run in range(runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:  # alternate order
            samples[name].append(measure(name, directory))
    return {
        name: {
            key: statistics.median(sample[key] for sample in found)
            for key in ("seconds", "peak_mb", "ties")
        }
        for name, found in samples.items()
    }


def _figure(result: dict[str, float]) -> str:
    return f"{result['seconds']:.2f} s, {result['peak_mb']:.0f} MB peak"


def _label(count: int) -> str:
    return f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count // 1_000}k"


def table_rows(
    runs: int, sizes: tuple[int, ...] = (1_000_000, 100_000, 10_000)
) -> list[dict[str, str]]:
    """One row per size: the project beside igraph and rustworkx (medians of `runs` runs)."""
    rows = []
    for links in sizes:
        found = medians(links, runs)
        project = found["project"]
        fastest = min(found["igraph"]["seconds"], found["rustworkx"]["seconds"])
        ratio = project["seconds"] / fastest
        met = ratio <= TARGET_FACTOR and project["peak_mb"] < TARGET_PEAK_MB
        rows.append(
            {
                "workload": (
                    f"load {_label(SIZES[links])} actors / {_label(links)} links from the bulk "
                    "format (CSV) into the in-memory graph: validated Dataset, scenario view, "
                    "tie graph"
                ),
                "project": _figure(project),
                "beside": (
                    f"igraph {_figure(found['igraph'])}; rustworkx {_figure(found['rustworkx'])} "
                    "(links.csv only, no validation)"
                ),
                "target": (
                    f"within {TARGET_FACTOR:g}x of the fastest and < {TARGET_PEAK_MB / 1000:g} GB:"
                    f" {ratio:.1f}x, {'met' if met else 'not met'}"
                ),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000000,100000,10000", help="link counts")
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(","))
    print(f"# files -> in-memory graph; {machine()}; medians of {args.runs} runs")
    for row in table_rows(args.runs, sizes):
        print(f"\n{row['workload']}\n  project: {row['project']}\n  beside:  {row['beside']}")
        print(f"  target:  {row['target']}")


if __name__ == "__main__":
    main()
