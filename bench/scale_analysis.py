"""Analysis at scale: `depends` on the 1M-link graph, estimated betweenness on 10k / 50k.

    python bench/scale_analysis.py [--runs N] [--old SRC]

Rows (medians of N runs; the slowest beside-figures run once and say so):
(a) one scenario's `depends` (20 key actors, 190 pairs) on the synthetic 100k-actor / 1M-link
    graph: `dependencies()` (single ties) on the already-built TieGraph (auto -> compiled
    engine), beside igraph doing the same work directly on an igraph Graph built from the
    same ties: Dijkstra from the 20 key actors (weighted and hops), one Dijkstra per cut tie
    the project recomputed, and the same 19 maximum flows (Gusfield); rustworkx's Dijkstra
    if installed.
(a') with --old SRC (the `src` directory of an older checkout, e.g. before issue 11): the
    whole `depends` analysis as the command runs it on the built graph (channels, pivots,
    groups, the base graph patched in and its scores: `reports.depends.depends_on`) beside
    that checkout's `dependencies()`, each in a process of its own that loads the dataset
    once, the runs interleaved (old, new, old, new, ...) so both see the same machine load.
(b) whole-graph betweenness, estimated (200 pivots) on 10k actors / 50k links and 50k actors /
    250k links: seconds and the deviation from exact, beside igraph's exact betweenness (run
    on 10k; on 50k it takes ~n x the per-source time, printed as such, not run).

Datasets are made on demand with `scenarios synth` into a cache under the system temp dir.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import scenarios_command

CACHE = Path(tempfile.gettempdir()) / "scenarios-bench" / "scale-analysis"
BIG = (100_000, 1_000_000, 3)
SMALL = ((10_000, 50_000), (50_000, 250_000))


def dataset(actors: int, links: int, scenarios: int = 1) -> Path:
    path = CACHE / f"synth-{actors}-{links}-{scenarios}"
    if not (path / "links.csv").exists():
        path.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *scenarios_command(),
                "synth",
                "--actors",
                str(actors),
                "--links",
                str(links),
                "--scenarios",
                str(scenarios),
                "--seed",
                "1",
                "--force",
                str(path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def graph_of(path: Path, scenario: str | None) -> Any:
    from scenarios.dataset.loader import load_dataset
    from scenarios.graph import build_graph

    return build_graph(load_dataset(path).view(scenario))


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def igraph_depends(graph: Any, keys: list[str], cut_ties: list[tuple[str, str]]) -> float:
    """igraph doing the work `depends` does, directly; returns seconds."""
    import igraph

    from scenarios.graph import COST

    start = time.perf_counter()
    names = list(graph.adj)
    index = {n: i for i, n in enumerate(names)}
    edges, costs = [], []
    for u, v, d in graph.edges():
        edges.append((index[u], index[v]))
        costs.append(d[COST])
    g = igraph.Graph(n=len(names), edges=edges, directed=False)
    sources = [index[k] for k in keys]
    g.distances(source=sources, weights=costs)
    g.distances(source=sources)
    for u, v in cut_ties:  # one Dijkstra per cut tie, the tie's cost set to a huge value
        e = g.get_eid(index[u], index[v])
        saved, costs[e] = costs[e], 1e30
        g.distances(source=[index[u]], weights=costs)
        costs[e] = saved
    for i in range(1, len(sources)):  # the 19 maximum flows of a flow-equivalent tree
        g.maxflow_value(sources[i], sources[0])
    return time.perf_counter() - start


def rustworkx_sssp(graph: Any, keys: list[str]) -> float | None:
    try:
        import rustworkx
    except ImportError:
        return None
    from scenarios.graph import COST

    start = time.perf_counter()
    names = list(graph.adj)
    index = {n: i for i, n in enumerate(names)}
    r = rustworkx.PyGraph(multigraph=False)
    r.add_nodes_from(range(len(names)))
    r.add_edges_from([(index[u], index[v], d[COST]) for u, v, d in graph.edges()])
    for k in keys:
        rustworkx.dijkstra_shortest_path_lengths(r, index[k], edge_cost_fn=float)
    return time.perf_counter() - start


def depends_row(runs: int) -> dict[str, str]:
    from scenarios.analysis.dependency import dependencies

    path = dataset(*BIG)
    graph = graph_of(path, "s0")
    keys = list(graph.key_actors)
    seconds, result = timed(lambda: dependencies(graph, keys), runs)
    cut = [d.tie for d in result.ties if d.worst is not None]
    whole = statistics.median(
        _process([*scenarios_command(), "depends", "s0", "--data", str(path)]) for _ in range(1)
    )
    beside = f"igraph {igraph_depends(graph, keys, cut):.1f} s (1 run)"
    rx = rustworkx_sssp(graph, keys)
    if rx is not None:
        beside += f"; rustworkx Dijkstra from the 20 alone {rx:.1f} s"
    return {
        "workload": f"`depends s0`, 100k actors / 1M links, {len(keys)} key actors "
        f"({len(result.pairs)} pairs, {result.engine} engine)",
        "project": f"{seconds:.2f} s on the built graph; whole process {whole:.1f} s (1 run)",
        "beside": beside,
        "target": "within 2x of the fastest engine",
    }


def _process(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def betweenness_rows(runs: int) -> list[dict[str, str]]:
    from scenarios.analysis.centrality import centrality
    from scenarios.analysis.sampling import exact
    from scenarios.vocab import Measure

    rows = []
    for actors, links in SMALL:
        graph = graph_of(dataset(actors, links), None)
        seconds, result = timed(lambda g=graph: centrality(g, Measure.BETWEENNESS), runs)
        errors = result.errors or {}
        label = f"{actors // 1000}k actors / {links // 1000}k links"
        if actors <= 10_000:
            start = time.perf_counter()
            truth = exact(graph, Measure.BETWEENNESS)
            exact_s = time.perf_counter() - start
            estimate = dict(result.scores)
            top = sorted(truth, key=lambda v: -truth[v])[:10]
            worst_top = max(abs(estimate[v] - truth[v]) for v in top)
            mean_dev = statistics.mean(abs(estimate[v] - truth[v]) for v in truth)
            within = sum(abs(estimate[v] - truth[v]) <= 2 * errors[v] for v in top)
            error = (
                f"top-10 max deviation {worst_top:.4f} (top score {truth[top[0]]:.4f}), "
                f"{within}/10 within 2 SE; mean deviation {mean_dev:.5f}"
            )
            beside = f"igraph exact {exact_s:.1f} s (1 run)"
        else:
            from scenarios.analysis.engine import to_igraph

            g, _ = to_igraph(graph)
            start = time.perf_counter()
            for p in range(20):
                g.betweenness(weights="cost", sources=[p])
            per_source = (time.perf_counter() - start) / 20
            error = f"largest stated SE {max(errors.values()):.4f}"
            beside = (
                f"igraph exact not run: {per_source * 1000:.0f} ms per source x {actors} "
                f"sources = about {per_source * actors / 60:.0f} min"
            )
        rows.append(
            {
                "workload": f"betweenness, estimated ({result.sample} pivots), {label}",
                "project": f"{seconds:.2f} s; {error}",
                "beside": beside,
                "target": "within 2x of the fastest engine",
            }
        )
    return rows


def versus_row(runs: int, old_src: Path) -> dict[str, str]:
    """The whole `depends` analysis now beside an older checkout's, interleaved (see (a'))."""
    import os
    import sys

    path = dataset(*BIG)
    here = Path(__file__).resolve()
    workers = {}
    for name, src in (("old", old_src), ("new", here.parents[1] / "src")):
        env = {**os.environ, "PYTHONPATH": str(src)}
        workers[name] = subprocess.Popen(
            [sys.executable, str(here), "--worker", name, "--data", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
    for worker in workers.values():  # both load at once; runs start when both are ready
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            raise SystemExit("a benchmark worker failed to load the dataset")
    times: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(runs):
        for name, worker in workers.items():
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write("run\n")
            worker.stdin.flush()
            times[name].append(float(worker.stdout.readline()))
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    old, new = statistics.median(times["old"]), statistics.median(times["new"])
    listed = {k: ", ".join(f"{t:.1f}" for t in v) for k, v in times.items()}
    return {
        "workload": "`depends s0` analysis on the built 100k / 1M graph, 20 key actors: "
        "channels, groups, pivots, base graph and its scores, beside the code before issue 11",
        "project": f"{new:.2f} s (runs: {listed['new']} s)",
        "beside": f"before issue 11, `dependencies()` alone {old:.2f} s "
        f"(runs: {listed['old']} s); ratio {new / old:.2f}x",
        "target": "no slower than 2x before",
    }


def worker(kind: str, data: Path) -> None:
    """Load the dataset and build the scenario graph once; time one analysis per `run` line."""
    import sys

    try:
        from scenarios.dataset.loader import load_dataset
    except ImportError:  # checkouts before the package move
        from scenarios.loader import load_dataset  # type: ignore[no-redef]
    from scenarios.graph import build_graph

    ds = load_dataset(data)
    view = ds.view("s0")
    graph = build_graph(view)
    keys = list(view.key_actors)
    if kind == "old":
        from scenarios.analysis.dependency import dependencies

        def work() -> object:
            return dependencies(graph, keys)

    else:
        from scenarios.reports.common import Analysis
        from scenarios.reports.depends import depends_on

        analysis = Analysis(ds, view, graph)

        def work() -> object:
            return depends_on(analysis, top=10)

    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            continue
        start = time.perf_counter()
        work()
        print(f"{time.perf_counter() - start:.4f}", flush=True)


def table_rows(runs: int, old_src: Path | None = None) -> list[dict[str, str]]:
    import os

    if old_src is None and os.environ.get("SCENARIOS_OLD_SRC"):
        old_src = Path(os.environ["SCENARIOS_OLD_SRC"])
    rows = [depends_row(runs)]
    if old_src is not None:
        rows.append(versus_row(runs, old_src))
    return [*rows, *betweenness_rows(runs)]


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--old",
        type=Path,
        default=os.environ.get("SCENARIOS_OLD_SRC"),
        help="src directory of an older checkout to compare `depends` with "
        "[default: $SCENARIOS_OLD_SRC; none: no comparison]",
    )
    parser.add_argument("--only-versus", action="store_true", help="only the (a') row")
    parser.add_argument("--worker", choices=("old", "new"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data)
        return
    if args.only_versus:
        if args.old is None:
            parser.error("--only-versus needs --old SRC")
        found = [versus_row(args.runs, args.old)]
    else:
        found = table_rows(args.runs, args.old)
    for row in found:
        print(f"{row['workload']}\n  project: {row['project']}\n  beside:  {row['beside']}")


if __name__ == "__main__":
    main()
