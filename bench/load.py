"""Load throughput and read-back time against the test server (ArcadeDB over Bolt).

    python bench/load.py [--runs 5] [--actors 10000] [--links 50000] [--batch 1000]

Starts ArcadeDB exactly as the test suite does (`tests/boltserver.py`), builds the synthetic
dataset of `bench/synthetic.py`, and in each run, on an emptied database:

- **project**: `Store.load(dataset)`, the code `scenarios load` runs after reading the files:
  constraints, reading what the database holds, planning, and every batched write, in one
  transaction;
- **bare driver**: the same constraint statements and the same batched `UNWIND $rows ... MERGE`
  statements with the same rows, prepared beforehand and sent straight through the driver in
  one transaction: the server's ceiling for this load.

The two alternate which goes first. It then times reading the graph back into a validated
Dataset (`Store.read_dataset()`, what `--source neo4j` does), and loading the seed dataset.
Medians of the runs are printed; the database is emptied between runs, untimed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import neo4j

from common import ROOT, machine, scenarios_command, summary
from synthetic import synthetic_dataset

sys.path.insert(0, str(ROOT))  # for tests.boltserver, shared with the test suite

from tests.boltserver import start_arcadedb
from tests.dbfixtures import wipe

from scenarios.dataset.loader import load_dataset, seed_path
from scenarios.model import Dataset
from scenarios.store import loadplan, queries, records
from scenarios.store.store import Connection, Store

Statement = tuple[str, dict[str, object]]


def prepared_statements(ds: Dataset, batch_size: int) -> list[Statement]:
    """The statements a load into an empty database runs, with their rows, ready to send."""
    plan = loadplan.plan(records.encode(ds), records.GraphRecords(), batch_size=batch_size)
    return [
        (queries.load(step.query).statement(**step.slots), dict(step.params)) for step in plan.steps
    ]


def bare_load(conn: Connection, statements: list[Statement]) -> None:
    """The ceiling: connect, constraints, the same batched MERGEs in one transaction; no more."""
    with (
        neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver,
        driver.session(database=conn.database) as session,
    ):
        for statement in queries.load("schema").statements():
            session.run(statement).consume()
        with session.begin_transaction() as tx:
            for text, params in statements:
                tx.run(text, params).consume()
            tx.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (JIT warm-up)")
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=loadplan.BATCH_SIZE)
    parser.add_argument("--heap", default="2g", help="ArcadeDB's Java heap")
    args = parser.parse_args()

    ds = synthetic_dataset(actors=args.actors, links=args.links, scenarios=1, seed=7)
    links = len(ds.links) + sum(len(s.adds) for s in ds.scenarios)
    statements = prepared_statements(ds, args.batch)
    print(f"machine: {machine()}")
    print(
        f"dataset: {len(ds.actors)} actors, {links} links (synthetic, seed 7); "
        f"{len(statements)} batched statements of up to {args.batch} rows; {args.runs} runs"
    )
    with tempfile.TemporaryDirectory(prefix="bench-arcadedb-") as tmp:
        server = start_arcadedb(Path(tmp), heap=args.heap)
        conn = Connection(server.uri, server.user, server.password, server.database)
        try:
            run_all(args, ds, links, statements, conn)
        finally:
            server.stop()


def run_all(
    args: argparse.Namespace,
    ds: Dataset,
    links: int,
    statements: list[Statement],
    conn: Connection,
) -> None:
    project: list[float] = []
    bare: list[float] = []
    reads: list[float] = []
    with neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:

        def settle() -> None:
            """Empty the database, then let the server finish its background work (untimed)."""
            wipe(driver, conn)
            time.sleep(1.0)

        def timed_project() -> None:
            settle()
            with Store(conn) as store:
                start = time.perf_counter()
                store.load(ds, batch_size=args.batch)
                project.append(time.perf_counter() - start)

        def timed_bare() -> None:
            settle()
            start = time.perf_counter()
            bare_load(conn, statements)
            bare.append(time.perf_counter() - start)

        for run in range(-args.warmup, args.runs):
            first, second = (
                (timed_project, timed_bare) if run % 2 == 0 else (timed_bare, timed_project)
            )
            first()
            second()
            with Store(conn) as store:  # the graph as the last load left it
                start = time.perf_counter()
                back = store.read_dataset()
                reads.append(time.perf_counter() - start)
            assert len(back.links) == len(ds.links)
            print(
                f"  {'warm-up' if run < 0 else f'run {run + 1}'}: project {project[-1]:.2f} s, "
                f"bare {bare[-1]:.2f} s, read back {reads[-1]:.2f} s",
                flush=True,
            )
            if run < 0:
                del project[-1], bare[-1], reads[-1]

        project_rate = links / statistics.median(project)
        bare_rate = links / statistics.median(bare)
        print()
        print(f"project load  {project_rate:8,.0f} links/s   {summary(project)}")
        print(f"bare driver   {bare_rate:8,.0f} links/s   {summary(bare)}")
        print(f"ratio         {project_rate / bare_rate:8.2f}   (target >= 0.8)")
        read_median = statistics.median(reads)
        print(f"read back     {read_median:8.2f} s        {summary(reads)}  (target < 3 s)")

        seed_times(conn, driver)


def seed_times(conn: Connection, driver: neo4j.Driver) -> None:
    """The seed dataset: a first load and a reload, through the API and as `scenarios load`."""
    seed = load_dataset(seed_path())
    first: list[float] = []
    again: list[float] = []
    for _ in range(5):
        wipe(driver, conn)
        with Store(conn) as store:
            start = time.perf_counter()
            store.load(seed)
            first.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.load(seed)
            again.append(time.perf_counter() - start)
    env = {
        "NEO4J_URI": conn.uri,
        "NEO4J_USERNAME": conn.user,
        "NEO4J_PASSWORD": conn.password or "",
        "NEO4J_DATABASE": conn.database or "",
        "PATH": "/usr/bin:/bin",
    }
    command = [*scenarios_command(), "load"]
    process: list[float] = []
    for _ in range(5):
        wipe(driver, conn)
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        process.append(time.perf_counter() - start)
    print()
    print(f"seed ({len(seed.actors)} actors, {len(seed.links)} links), median of 5:")
    print(f"  first load (API)            {summary(first)}")
    print(f"  reload, nothing to do (API) {summary(again)}")
    print(f"  `scenarios load` process    {summary(process)}")


if __name__ == "__main__":
    main()
