"""`validate FILE`: a file of a dataset split over several files is checked with the others."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.reports.validation import Validation, ValidDataset, validation
from tests.conftest import MINI_LINKS

Writer = Callable[..., Path]
runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # files are named relative to the working directory


def test_a_file_of_a_valid_split_dataset_is_valid(write_dataset: Writer) -> None:
    """Before: every reference into the other files was `unknown` (312 problems on the seed)."""
    root = write_dataset()
    report = validation(root / "links.yaml")
    assert isinstance(report, ValidDataset)
    assert (report.checked_with, report.other_files) == (str(root), 3)
    assert report.counts == {"actors": 4, "links": 4, "scenario_links": 1, "scenarios": 1}
    # its own warnings only (scenarios.yaml has two), counted alone; the dataset's summary
    assert [(w.file, w.entry) for w in report.warnings] == [
        ("dataset/links.yaml", "links[b-c]"),
        ("dataset/links.yaml", "links[c-d]"),
        ("dataset/links.yaml", "links[a-d]"),
    ]
    assert report.warnings_total == 3
    assert report.dataset_summary is not None and report.dataset_summary.link_count == 4
    result = runner.invoke(app, ["validate", "dataset/links.yaml"])
    assert result.exit_code == 0
    assert (
        "ok: dataset/links.yaml, checked with the 3 other files of dataset/, is valid "
        "(4 actors, 4 links (+1 added by scenarios), 1 scenario)"
    ) in result.stdout.splitlines()
    assert "3 warnings (--strict fails on them)" in result.stdout.splitlines()


def test_only_the_files_own_problems_are_listed(write_dataset: Writer) -> None:
    links = MINI_LINKS.replace(
        "target: d\n    type: economic_tie", "target: dd\n    type: economic_tie"
    )
    root = write_dataset({"links.yaml": links, "more.yaml": "actor: []\n"})
    report = validation(root / "links.yaml")
    assert not report.valid and report.other_problems == 1  # more.yaml's unknown section
    assert [(p.entry, p.field, p.message) for p in report.problems] == [
        ("links[a-d]", "target", "unknown actor 'dd'")
    ]
    result = runner.invoke(app, ["validate", "dataset/links.yaml"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "dataset/links.yaml, checked with the 4 other files of dataset/:",
        "dataset/links.yaml:29: links[a-d].target: unknown actor 'dd'",
        "    hint: did you mean 'd'?",
        "1 problem in dataset/links.yaml",
        "1 more problem in the other files of dataset/, not listed: run `scenarios validate "
        "dataset`",
    ]
    document = json.loads(runner.invoke(app, ["validate", "dataset/links.yaml", "--json"]).stdout)
    assert (document["checked_with"], document["other_files"], document["other_problems"]) == (
        "dataset",
        4,
        1,
    )


def test_a_file_alone_in_its_directory_is_a_dataset_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "links.yaml").write_text(MINI_LINKS, encoding="utf-8")
    report = validation(tmp_path / "one" / "links.yaml")
    assert isinstance(report, Validation) and report.checked_with is None
    assert "unknown actor 'b'" in [p.message for p in report.problems]


def test_data_names_the_dataset_itself(write_dataset: Writer) -> None:
    """`--data FILE` is the file alone, for `validate` as for every command that loads it."""
    write_dataset()
    result = runner.invoke(app, ["validate", "--data", "dataset/links.yaml"])
    assert result.exit_code == 1
    assert "dataset/links.yaml:4: links[a-b].source: unknown actor 'b'" in result.stderr
