"""How long `scenarios export` takes: whole processes on the seed, and each format on a larger
synthetic dataset.

Part 1 runs `scenarios export new-yalta --format F` (and `--all`) as a user would, median of
several cold processes each. Part 2 times, in one process, building a scenario view's records
and the stable layout, then rendering each format, on `synthetic_dataset` (default 500 actors,
2500 links). Usage: python bench/export.py [--runs N] [--actors N] [--links N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import machine, scenarios_command, summary, time_process
from synthetic import synthetic_dataset


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per case (default 7)")
    parser.add_argument("--actors", type=int, default=500, help="synthetic actors (default 500)")
    parser.add_argument("--links", type=int, default=2500, help="synthetic links (default 2500)")
    args = parser.parse_args()
    from scenarios.export.formats import FORMATS, VIEW

    print(f"# export benchmark on {machine()}")
    cli = scenarios_command()
    with tempfile.TemporaryDirectory() as tmp:
        print("## whole processes, seed dataset, new-yalta")
        for fmt in FORMATS:
            if fmt.scope != VIEW:
                continue
            argv = [*cli, "export", "new-yalta", "--format", fmt.name, "-o", tmp, "--force"]
            print(f"{fmt.name:10s} {summary(time_process(argv, args.runs))}")
        argv = [*cli, "export", "--all", str(Path(tmp) / "all"), "--force"]
        print(f"{'--all':10s} {summary(time_process(argv, max(3, args.runs // 2)))}")

    from scenarios.export.layout import stable_layout
    from scenarios.export.records import build_export

    ds = synthetic_dataset(args.actors, args.links, scenarios=1, key_actors=10, seed=7)
    scenario = ds.scenarios[0].id
    print(f"## in one process, synthetic {args.actors} actors, {args.links} links, one scenario")
    layout_times = timed(lambda: stable_layout(ds), max(3, args.runs // 2))
    print(f"{'layout':10s} {summary(layout_times)}")
    positions = stable_layout(ds)
    records = timed(lambda: build_export(ds, scenario, positions=positions), args.runs)
    print(f"{'records':10s} {summary(records)}  (includes the dependency analysis)")
    graph = build_export(ds, scenario, positions=positions)
    for fmt in FORMATS:
        if fmt.scope != VIEW:
            continue
        render = fmt.render_function()
        render(graph, None)  # warm-up: imports, font discovery
        times = timed(lambda render=render: render(graph, None), args.runs)
        print(f"{fmt.name:10s} {summary(times)}")
    print(f"median layout {statistics.median(layout_times):.3f} s")


if __name__ == "__main__":
    main()
