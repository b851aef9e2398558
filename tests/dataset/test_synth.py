"""`scenarios synth`: reproducible, atomic, valid, and shaped like event data."""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset
from scenarios.dataset.synth import SynthSpec, generate
from scenarios.errors import ExitCode, UsageError
from scenarios.graph import build_graph
from tests.dataset.test_bulk import CSV_FILES, bulk_dataset

runner = CliRunner()
SMALL = ["--actors", "200", "--links", "1000", "--scenarios", "2", "--key-actors", "5"]


def synth(directory: Path, *args: str) -> Any:
    return runner.invoke(app, ["synth", str(directory), *SMALL, *args])


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    assert synth(tmp_path / "one", "--seed", "3").exit_code == 0
    assert synth(tmp_path / "two", "--seed", "3").exit_code == 0
    assert synth(tmp_path / "three", "--seed", "4").exit_code == 0
    one = digest(tmp_path / "one")
    assert sorted(one) == [
        "actors.csv",
        "evidence.csv",
        "links.csv",
        "scenarios.yaml",
        "sources.yaml",
    ]
    assert one == digest(tmp_path / "two")
    assert one["links.csv"] != digest(tmp_path / "three")["links.csv"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    assert synth(tmp_path, "--seed", "1").exit_code == 0
    before = digest(tmp_path)
    result = synth(tmp_path, "--seed", "2")
    assert result.exit_code == ExitCode.OUTPUT == 7
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert digest(tmp_path) == before  # nothing written, not even one of the files
    assert synth(tmp_path, "--seed", "2", "--force").exit_code == 0
    assert digest(tmp_path) != before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporaries left


def test_bad_sizes_are_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", str(tmp_path), "--actors", "1"])
    assert result.exit_code == ExitCode.USAGE
    assert "--actors must be at least 2" in result.stderr
    with pytest.raises(UsageError):
        SynthSpec(actors=10, links=10, key_actors=11).check()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_result_validates_with_the_counts_asked_for(tmp_path: Path, fmt: str) -> None:
    assert synth(tmp_path, "--format", fmt).exit_code == 0
    ds = load_dataset(tmp_path)
    assert (len(ds.actors), len(ds.links), len(ds.scenarios)) == (200, 1000, 2)
    assert all(len(s.key_actors) == 5 for s in ds.scenarios)
    assert sum(len(link.evidence) for link in ds.links) > 0
    result = runner.invoke(app, ["validate", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is True


def test_csv_and_jsonl_give_the_same_dataset(tmp_path: Path) -> None:
    assert synth(tmp_path / "csv").exit_code == 0
    assert synth(tmp_path / "jsonl", "--format", "jsonl").exit_code == 0
    assert load_dataset(tmp_path / "csv") == load_dataset(tmp_path / "jsonl")


# -- structure, checked on 200 actors ----------------------------------------------------------


@pytest.fixture(scope="module")
def small() -> Any:
    return generate(SynthSpec(actors=200, links=1000, scenarios=2, seed=5, key_actors=5))


def test_degrees_are_heavy_tailed(small: Any) -> None:
    degree = small.degree
    assert sum(degree) == 2 * 1000
    top = sorted(degree, reverse=True)[:20]  # the most active 10 % of actors
    # with degrees spread evenly the top 10 % would hold about 10 % of link ends
    assert sum(top) / sum(degree) > 0.3
    assert max(degree) > 5 * statistics.median(degree)


def test_links_stay_mostly_inside_communities(small: Any) -> None:
    community = small.community
    inside = sum(
        community[u] == community[v] for u, v in zip(small.sources, small.targets, strict=True)
    )
    assert len(set(community)) >= 3
    assert inside / 1000 > 0.7  # 85 % drawn inside, plus some of the 15 % by chance


def test_each_peripheral_community_hangs_on_one_bridge(small: Any) -> None:
    community = small.community
    assert small.peripheral  # at least one with three or more communities
    for c in small.peripheral:
        leaving = {
            (u, v)
            for u, v in zip(small.sources, small.targets, strict=True)
            if (community[u] == c) != (community[v] == c)
        }
        assert len(leaving) == 1  # one link, so one tie, joins it to the rest


def test_the_bridge_is_a_bridge_of_the_loaded_graph(tmp_path: Path) -> None:
    assert synth(tmp_path, "--seed", "5").exit_code == 0
    ds = load_dataset(tmp_path)
    synthetic = generate(SynthSpec(actors=200, links=1000, scenarios=2, seed=5, key_actors=5))
    graph = build_graph(ds.view()).to_networkx()
    bridges = {frozenset(edge) for edge in nx.bridges(graph)}
    for c in synthetic.peripheral:
        [(u, v)] = {
            (u, v)
            for u, v in zip(synthetic.sources, synthetic.targets, strict=True)
            if (synthetic.community[u] == c) != (synthetic.community[v] == c)
        }
        assert frozenset((f"a{u}", f"a{v}")) in bridges
    # the scenarios keep their bridge: one key actor sits in a peripheral community
    for scenario in ds.scenarios:
        key_communities = Counter(synthetic.community[int(k[1:])] for k in scenario.key_actors)
        assert any(c in synthetic.peripheral for c in key_communities)


# -- bulk datasets on the command line ---------------------------------------------------------


def test_depends_reads_a_bulk_dataset_like_the_yaml(write_dataset: Any, tmp_path: Path) -> None:
    yaml_root = write_dataset()
    args = ["depends", "deal", "--json"]
    from_yaml = runner.invoke(app, [*args, "--data", str(yaml_root)])
    bulk_root = tmp_path / "bulk"
    for name in ("sources.yaml", "scenarios.yaml"):
        bulk_root.mkdir(exist_ok=True)
        (bulk_root / name).write_bytes((yaml_root / name).read_bytes())
    for name, text in CSV_FILES.items():
        (bulk_root / name).write_text(text, encoding="utf-8")
    from_bulk = runner.invoke(app, [*args, "--data", str(bulk_root)])
    assert from_yaml.exit_code == from_bulk.exit_code == 0
    assert json.loads(from_bulk.stdout) == json.loads(from_yaml.stdout)
    # by hand: `deal` removes a-d and adds b-d (0.1), so a reaches d by a-b-c-d (0.5) or
    # a-b-d (0.1); a-b and b-c are structural (leads, envoy_of): never cut; cutting the c-d
    # channel leaves 0.1 of 0.5 (0.8)
    [row] = json.loads(from_bulk.stdout)["rows"]
    [tie] = row["parts"][0]["ties"]
    assert [link["id"] for link in tie["links"]] == ["c-d"]
    assert row["score"] == pytest.approx(0.8, abs=1e-12) and row["disconnects"] == []


def test_commands_run_on_a_synthetic_dataset(tmp_path: Path) -> None:
    assert synth(tmp_path).exit_code == 0
    listed = runner.invoke(app, ["list", "--data", str(tmp_path), "--json"])
    assert listed.exit_code == 0
    document = json.loads(listed.stdout)
    rows = document["scenarios"]
    assert [row["scenario"]["id"] for row in rows] == ["s0", "s1"]
    # each scenario adds two links, reweights three and removes two of the 1,000
    counts = ("link_count", "added_count", "changed_count", "removed_count")
    assert [tuple(row[c] for c in counts) for row in rows] == [(1000, 2, 3, 2)] * 2
    depends = runner.invoke(app, ["depends", "s0", "--data", str(tmp_path), "--json"])
    assert depends.exit_code == 0, depends.stderr


def test_validate_reports_every_bulk_problem(write_dataset: Any) -> None:
    actors = CSV_FILES["actors.csv"].replace("nmae_ja", "x").replace("name_ja", "nmae_ja")
    links = CSV_FILES["links.csv"] + "a-b,a,zz,leads,1,1.5,2025-02-30\nshort,row\n"
    root = bulk_dataset(write_dataset, {**CSV_FILES, "actors.csv": actors, "links.csv": links})
    (root / "evidence.jsonl").write_text('{"link": "a-b", "text": "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(root), "--json"])
    assert result.exit_code == ExitCode.DATA
    problems = json.loads(result.stdout)["problems"]
    found = {(Path(p["file"]).name, p["line"], p["field"], p["message"]) for p in problems}
    assert found == {
        ("actors.csv", 1, "nmae_ja", "unknown field"),
        ("evidence.jsonl", 1, None, "malformed JSON: Expecting ',' delimiter (column 28)"),
        ("links.csv", 6, "confidence", "1.5 is outside [0, 1]"),
        (
            "links.csv",
            6,
            "date",
            "'2025-02-30' is not a valid date (day is out of range for month)",
        ),
        ("links.csv", 7, None, "has 2 cells, the header has 7"),
    }  # (the invalid duplicate a-b is not a second a-b: only valid entries claim their id)
    text = runner.invoke(app, ["validate", str(root)])
    assert text.exit_code == ExitCode.DATA
    assert "links.csv:6" in text.stderr and "1.5 is outside [0, 1]" in text.stderr
