"""Median times of the what-if analysis: sweeps, Monte Carlo, and the new commands on the seed.

1. `whatif --sweep` and `depends --uncertain` on a synthetic graph of 10,000 actors and 50,000
   links with a 20-actor scenario (bench/synthetic.py, seed 7), in process;
2. every single cut (and every pair) of 300-link scenarios, in process, against recomputing
   every cut from scratch; target (issue #5): the single-cut sweep under 10 s;
3. the new commands on the seed dataset as whole processes, as a user runs them.

Usage: python bench/whatif.py [--runs N] [--big-runs N] [--samples N] [--skip-big]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from common import machine, scenarios_command, summary, time_process
from scenarios.analysis.compare import key_chains
from scenarios.analysis.reliability import holding_probability
from scenarios.analysis.whatif import sweep
from scenarios.graph import TieGraph, build_graph
from scenarios.model import Dataset
from scenarios.reports.whatif import sweep_report
from synthetic import synthetic_dataset


def timed(function: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def scenario_graph(ds: Dataset) -> tuple[TieGraph, tuple[str, ...], dict[str, float]]:
    view = ds.view("s0")
    return build_graph(view), view.key_actors, {link.id: link.confidence for link in view.links}


def naive_sweep(graph: TieGraph, keys: tuple[str, ...]) -> int:
    """Every single cut recomputed from scratch: all key-pair chains on the cut graph."""
    before = key_chains(graph, keys)
    damaging = 0
    for u, v, _ in list(graph.edges()):
        after = key_chains(graph.without([(u, v)]), keys)
        damaging += any(after[p].cost != before[p].cost for p in before)
    return damaging


def big(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    ds = synthetic_dataset(actors=10_000, links=50_000, scenarios=1, key_actors=20, seed=7)
    graph, keys, confidence = scenario_graph(ds)
    print(
        f"\n## synthetic 10,000 actors / 50,000 links, scenario of {len(keys)} key actors "
        f"({graph.number_of_edges():,} ties; built in {time.perf_counter() - start:.1f} s)"
    )
    times, result = timed(lambda: sweep(graph, keys), args.big_runs)
    print(
        f"sweep, every single cut ({result.ties_swept:,} ties; {len(result.singles)} weaken a "
        f"key chain; smallest break {result.smallest_break.size} ties): {summary(times)}"
    )
    times, mc = timed(
        lambda: holding_probability(graph, keys, confidence, samples=args.samples, seed=0),
        args.big_runs,
    )
    per_draw = statistics.median(times) / args.samples * 1000
    print(
        f"Monte Carlo, {args.samples:,} draws (holding {mc.holding.value:.3f}, Birnbaum "
        f"importance of all {len(mc.links):,} links): {summary(times)}; {per_draw:.1f} ms/draw"
    )


def small(args: argparse.Namespace) -> None:
    for actors in (100, 250):
        small_case(actors, args.runs)


def small_case(actors: int, runs: int) -> None:
    ds = synthetic_dataset(actors=actors, links=300, scenarios=1, key_actors=20, seed=7)
    graph, keys, _ = scenario_graph(ds)
    print(
        f"\n## synthetic {actors} actors / 300 links: scenario with {graph.number_of_edges()}"
        f" ties, {len(keys)} key actors"
    )
    times, result = timed(lambda: sweep(graph, keys), runs)
    print(f"sweep, every single cut ({result.ties_swept} cuts): {summary(times)}")
    times, _ = timed(lambda: sweep_report(ds, "s0", top=10), runs)
    print(f"  the same as `whatif s0 --sweep` computes it (report): {summary(times)}")
    times, result = timed(lambda: sweep(graph, keys, k=2), runs)
    print(
        f"sweep --k 2 ({result.pairs_evaluated} pairs tried, {len(result.doubles)} hurt more"
        f" together): {summary(times)}"
    )
    times, _ = timed(lambda: naive_sweep(graph, keys), runs)
    print(f"  baseline, every cut recomputed from scratch: {summary(times)}")
    print("  target (issue #5): single-cut sweep of a 300-link scenario under 10 s")


def processes(args: argparse.Namespace) -> None:
    cli = scenarios_command()
    print("\n## seed dataset, whole processes (cold start included)")
    for argv in (
        ["compare", "status-quo", "g2"],
        ["whatif", "new-yalta", "--cut", "witkoff~putin", "--cut", "kushner~putin"],
        ["whatif", "new-yalta", "--sweep", "--k", "2"],
        ["depends", "new-yalta", "--uncertain"],
        ["timeline", "new-yalta", "--uncertain"],
    ):
        times = time_process([*cli, *argv], args.runs)
        print(f"scenarios {' '.join(argv):58s} {summary(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs, small cases (5)")
    parser.add_argument("--big-runs", type=int, default=3, help="timed runs, 10k/50k (3)")
    parser.add_argument("--samples", type=int, default=1000, help="draws on 10k/50k (1000)")
    parser.add_argument("--skip-big", action="store_true", help="skip the 10k/50k graph")
    args = parser.parse_args()
    print(f"# what-if benchmark on {machine()}")
    small(args)
    processes(args)
    if not args.skip_big:
        big(args)


if __name__ == "__main__":
    main()
