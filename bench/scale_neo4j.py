"""Neo4j at scale: load throughput beside the bare driver, load memory, scenario subgraph reads.

    python bench/scale_neo4j.py [--runs 3]

Starts ArcadeDB as the tests do (`tests/boltserver.py`, 2 GB heap) and measures, medians of
`--runs` runs after one untimed warm-up, the database emptied between runs:

- **load of 10k / 50k links** (2,000 / 10,000 actors, `bench/synthetic.py`, seed 7):
  `Store.load` (what `scenarios load` runs once the files are read) beside a bare driver script
  sending the same batched MERGEs in one transaction (`bench/load.py`'s ceiling), alternating
  which goes first;
- **load memory**: how much the resident set grows during `Store.load` (the Dataset read and the
  driver connected beforehand) beside encoding every row up front (`bench/neo4j_memory.py`;
  one run each, RSS is not noisy), on a `scenarios synth` dataset of 10,000 actors / 50,000
  links;
- **scenario subgraph read**: `Store.read_scenario` (what `depends` / `path` with
  `--source neo4j` read) beside `Store.read_dataset` (the whole graph), on ten disjoint copies of
  the 1,000-actor / 5,000-link synthetic graph (the scenario's key actors in one of them), and on
  the connected 10k / 50k graph, where the key actors' component is the whole graph.

`table_rows(runs)` returns the rows for `bench/all.py`; `main()` prints them.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import neo4j

from common import ROOT, machine, scenarios_command
from load import bare_load, prepared_statements
from neo4j_memory import measure
from synthetic import synthetic_dataset

sys.path.insert(0, str(ROOT))

from tests.boltserver import start_arcadedb
from tests.dbfixtures import wipe

from scenarios.model import Dataset, Link, Scenario
from scenarios.store.store import Connection, Store

Row = dict[str, str]


def islands(copies: int, actors: int, links: int, seed: int = 7) -> Dataset:
    """`copies` disjoint copies of the synthetic graph; one scenario, on the first copy."""
    one = synthetic_dataset(actors=actors, links=links, scenarios=1, seed=seed)

    def renamed(link: Link, prefix: str) -> Link:
        return replace(
            link, id=prefix + link.id, source=prefix + link.source, target=prefix + link.target
        )

    all_actors = []
    all_links = []
    for copy in range(copies):
        prefix = f"i{copy}-"
        all_actors += [replace(a, id=prefix + a.id, aliases=()) for a in one.actors]
        all_links += [renamed(link, prefix) for link in one.links]
    scenario: Scenario = one.scenarios[0]
    first = "i0-"
    scenario = replace(
        scenario,
        key_actors=tuple(first + k for k in scenario.key_actors),
        adds=tuple(renamed(link, first) for link in scenario.adds),
        changes=tuple(replace(c, link=first + c.link) for c in scenario.changes),
        removes=tuple(replace(r, link=first + r.link) for r in scenario.removes),
    )
    return Dataset(tuple(all_actors), tuple(all_links), (scenario,), one.speakers, one.programmes)


def _median(times: list[float]) -> float:
    return statistics.median(times)


def load_rows(conn: Connection, driver: neo4j.Driver, runs: int) -> list[Row]:
    return [
        load_row(conn, driver, runs, actors, links)
        for actors, links in ((2_000, 10_000), (10_000, 50_000))
    ]


def load_row(conn: Connection, driver: neo4j.Driver, runs: int, actors: int, links: int) -> Row:
    """The project's load beside the bare driver, alternating which goes first."""
    ds = synthetic_dataset(actors=actors, links=links, scenarios=1, seed=7)
    count = len(ds.links) + sum(len(s.adds) for s in ds.scenarios)
    statements = prepared_statements(ds, 1000)
    project: list[float] = []
    bare: list[float] = []

    def timed_project() -> None:
        wipe(driver, conn)
        time.sleep(0.5)
        with Store(conn) as store:
            start = time.perf_counter()
            store.load(ds)
            project.append(time.perf_counter() - start)

    def timed_bare() -> None:
        wipe(driver, conn)
        time.sleep(0.5)
        start = time.perf_counter()
        bare_load(conn, statements)
        bare.append(time.perf_counter() - start)

    for run in range(-1, runs):
        order: tuple[Callable[[], None], ...] = (
            (timed_project, timed_bare) if run % 2 == 0 else (timed_bare, timed_project)
        )
        for work in order:
            work()
        if run < 0:
            del project[-1], bare[-1]
    ours, ceiling = count / _median(project), count / _median(bare)
    return {
        "workload": f"Neo4j load of {links // 1000}k links ({actors:,} actors), scenarios load API",
        "project": f"{ours:,.0f} links/s ({_median(project):.2f} s)",
        "beside": f"bare driver {ceiling:,.0f} links/s ({_median(bare):.2f} s); "
        f"ratio {ours / ceiling:.2f}",
        "target": "ratio >= 0.8",
    }


def memory_row(conn: Connection) -> Row:
    env = {
        "NEO4J_URI": conn.uri,
        "NEO4J_USERNAME": conn.user,
        "NEO4J_PASSWORD": conn.password or "",
        "NEO4J_DATABASE": conn.database or "",
        "PATH": "/usr/bin:/bin",
    }
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
        directory = Path(tmp) / "data"
        size = ["--actors", "10000", "--links", "50000"]
        subprocess.run(
            [*scenarios_command(), "synth", *size, str(directory)],
            check=True,
            capture_output=True,
        )
        eager = measure("eager", directory, 1000, env)
        with neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:
            wipe(driver, conn)
        loaded = measure("load", directory, 1000, env)
    loading = loaded["phase_peak_mb"] - loaded["before_mb"]
    up_front = eager["phase_peak_mb"] - eager["before_mb"]
    return {
        "workload": "Neo4j load memory, 10k actors / 50k links (synth), batches of 1,000",
        "project": f"+{loading:.0f} MB peak during the load "
        f"(dataset + driver {loaded['before_mb']:.0f} MB)",
        "beside": f"rows encoded up front: +{up_front:.0f} MB",
        "target": "bounded by the batch",
    }


def read_rows(conn: Connection, driver: neo4j.Driver, runs: int) -> list[Row]:
    rows = []
    cases = (
        ("10 islands of 1k actors / 5k links", islands(10, 1_000, 5_000)),
        ("connected 10k actors / 50k links", synthetic_dataset(10_000, 50_000, seed=7)),
    )
    for name, ds in cases:
        wipe(driver, conn)
        with Store(conn) as store:
            store.load(ds)
        scenario = ds.scenarios[0].id
        part: list[float] = []
        whole: list[float] = []
        sizes: list[int] = []
        for run in range(-1, runs):
            with Store(conn) as store:
                start = time.perf_counter()
                found, _ = store.read_scenario(scenario)
                part.append(time.perf_counter() - start)
                start = time.perf_counter()
                everything = store.read_dataset()
                whole.append(time.perf_counter() - start)
            sizes = [len(found.links), len(everything.links)]
            if run < 0:
                del part[-1], whole[-1]
        rows.append(
            {
                "workload": f"scenario subgraph read (depends --source neo4j), {name}",
                "project": f"{_median(part):.2f} s ({sizes[0]:,} links read)",
                "beside": f"whole graph {_median(whole):.2f} s ({sizes[1]:,} links)",
                "target": "follows the component",
            }
        )
    return rows


def table_rows(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-arcadedb-") as tmp:
        server = start_arcadedb(Path(tmp), heap="2g")
        conn = Connection(server.uri, server.user, server.password, server.database)
        try:
            with neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:
                rows = load_rows(conn, driver, runs)
                rows += read_rows(conn, driver, runs)
            rows.append(memory_row(conn))
        finally:
            server.stop()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}; medians of {args.runs} runs")
    for row in table_rows(args.runs):
        print(f"| {row['workload']} | {row['project']} | {row['beside']} | {row['target']} |")


if __name__ == "__main__":
    main()
