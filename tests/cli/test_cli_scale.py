"""The scale options of the CLI: centrality estimates and the depends engine, on the seed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.analysis import dependency, engine, sampling
from scenarios.cli import app
from scenarios.errors import ExitCode

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "140"})


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_exact_and_sample_exclude_each_other() -> None:
    for args in (("--exact", "--sample", "5"), ("--sample", "1")):
        result = run("centrality", *args)
        assert result.exit_code == ExitCode.USAGE, args
        assert "Traceback" not in result.output


def test_seed_centrality_is_exact_and_says_so() -> None:
    document = run_json("centrality", "--top", "3")
    assert (document["sample"], document["seed"]) == (None, None)
    assert all(row["error"] is None for row in document["rows"])
    # the seed's components are small enough to compute exactly even when a sample is asked
    assert run_json("centrality", "--top", "3", "--sample", "10")["rows"] == document["rows"]


def test_an_estimate_shows_its_sample_seed_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sampling, "SMALL_COMPONENT", 5)  # make the seed's big component sampled
    document = run_json("centrality", "--top", "5", "--sample", "10", "--seed", "3")
    assert (document["sample"], document["seed"]) == (10, 3)
    assert "estimated from 10 pivot sources" in document["method"]
    assert all(row["error"] is not None and row["error"] >= 0 for row in document["rows"])
    assert document == run_json("centrality", "--top", "5", "--sample", "10", "--seed", "3")
    text = run("centrality", "--top", "5", "--sample", "10", "--seed", "3").stdout
    assert "± error" in text and "estimated from 10 pivot sources" in " ".join(text.split())


GROUPS = ("groups", "groups_found", "groups_searched", "sets_evaluated", "groups_note")


def test_depends_reports_engine_and_route_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    python = run_json("depends", "new-yalta", "--top", "50")
    ties = run_json("depends", "new-yalta", "--ties", "--top", "50")
    assert (ties["engine"], ties["cuts_skipped"], ties["cut_route_limit"]) == ("python", 0, 50)
    assert python["engine"] == "python" and python["groups_searched"] == "complete"
    monkeypatch.setattr(engine, "COMPILED_ABOVE", 0)
    compiled = run_json("depends", "new-yalta", "--top", "50")
    assert compiled["engine"] == "compiled"
    # the same answer, except that groups are searched on the pure-Python engine only
    assert compiled["groups_searched"] == "skipped" and compiled["groups"] == []
    assert "whatif --sweep --k 2" in compiled["groups_note"]
    same = {k: v for k, v in compiled.items() if k not in (*GROUPS, "engine")}
    assert json.dumps(same, sort_keys=True) == json.dumps(
        {k: v for k, v in python.items() if k not in (*GROUPS, "engine")}, sort_keys=True
    )
    compiled_ties = run_json("depends", "new-yalta", "--ties", "--top", "50")
    assert json.dumps({**compiled_ties, "engine": "-"}, sort_keys=True) == json.dumps(
        {**ties, "engine": "-"}, sort_keys=True
    )
    monkeypatch.setattr(dependency, "MAX_CUT_ROUTES", 5)  # the seed's pairs have 8 routes
    capped = run("depends", "new-yalta", "--ties")
    assert "minimum cuts not searched for 3 of 3 key pairs" in " ".join(capped.stdout.split())
    assert run_json("depends", "new-yalta", "--ties")["cuts_skipped"] == 3
