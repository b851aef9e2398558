"""`scenarios diff`: what changed between two versions of a dataset, and what that did."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset
from scenarios.errors import ExitCode
from scenarios.reports.diff import diff_report
from tests.conftest import MINI_LINKS
from tests.gitrepo import commit

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


A_C = """
  - id: a-c
    source: a
    target: c
    type: supports
    strength: 1.0
    confidence: 1.0
"""


def test_a_new_link_reroutes_the_chain_and_reorders_the_ranking_by_hand(
    write_dataset: Callable[..., Path], tmp_path: Path
) -> None:
    """The tiny dataset's scenario `deal` (key actors a, d): a–b 1.0 (Bravo leads Alpha, one
    side: never cut), b–c 0.5 (envoy_of: structural, never cut), c–d 1.0 (changed from 0.5),
    b–d 0.1 (added), a–d removed. Channels: c–d, Alpha's side–d (b–d), and after, Alpha's
    side–c (a–c). Before: the a–d chain is a-b-c-d = 0.5; cutting c–d leaves a-b-d = 0.1
    (score 1 - 0.1/0.5 = 0.8), b–d is on no strongest path (0). After adding a–c (1.0): a-c-d
    = 1.0; cutting c–d leaves a-b-d 0.1 (0.9), a–c leaves a-b-c-d 0.5 (0.5): different
    damage, so two channels, not one in series."""
    old = load_dataset(write_dataset())
    new_root = tmp_path / "new"
    new_root.mkdir()
    for path in (tmp_path / "dataset").iterdir():
        (new_root / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (new_root / "links.yaml").write_text(MINI_LINKS + A_C, encoding="utf-8")
    new = load_dataset(new_root)

    report = diff_report(old, new, old_name="old", new_name="new")
    assert [(c.section, c.id, c.change) for c in report.differences] == [("links", "a-c", "added")]
    assert report.change_counts == {"links": {"added": 1, "removed": 0, "changed": 0}}
    (shift,) = report.scenarios
    (chain,) = shift.chains
    assert (chain.source.id, chain.target.id, chain.change) == ("a", "d", "stronger")
    assert chain.strength_before == pytest.approx(0.5)
    assert chain.strength_after == pytest.approx(1.0)
    assert [a.id for a in chain.path_after] == ["a", "c", "d"]

    def ids(rows: Any) -> set[str]:
        return {row.id for row in rows}

    assert ids(shift.only_before) == set()
    assert ids(shift.only_after) == {"a~c"}
    (kept,) = shift.both
    assert kept.id == "c~d" and kept.name == "Delta – Charlie"  # the key actor's end first
    assert (kept.score_before, kept.score_after) == (pytest.approx(0.8), pytest.approx(0.9))
    assert (kept.rank_before, kept.rank_after) == (1, 1)
    assert [(r.rank, r.id, r.score) for r in shift.depends_after] == [
        (1, "c~d", pytest.approx(0.9)),
        (2, "a~c", pytest.approx(0.5)),
    ]
    assert report.unmoved == ()


def test_diff_of_a_dataset_and_itself_says_nothing_moved(
    write_dataset: Callable[..., Path],
) -> None:
    root = write_dataset()
    result = run("diff", str(root), str(root), "--json")
    document = json.loads(result.stdout)
    assert (document["differences"], document["scenarios"], document["unmoved"]) == (
        [],
        [],
        ["deal"],
    )
    assert "No entry differs." in run("diff", str(root), str(root)).stdout


def add_and_commit(repo: Path, *args: str) -> None:
    result = run("add", "link", *args, "--data", str(repo / "data"))
    assert result.exit_code == 0, result.output
    commit(repo, "a new report")


def test_diff_rev_reports_the_change_and_the_moved_ranking(seed_repo: Path) -> None:
    data = str(seed_repo / "data")
    # ranked by score, as `diff` (and `compare`) rank channels
    ranked = ("--json", "--top", "20", "--rank", "score")
    before = run("depends", "new-yalta", "--data", data, *ranked)
    add_and_commit(
        seed_repo, "--source", "trump", "--target", "putin", "--type", "negotiates_with",
        "--strength", "0.8", "--confidence", "0.8", "--label", "a direct summit",
    )  # fmt: skip
    after = run("depends", "new-yalta", "--data", data, *ranked)

    result = run("diff", data, "--rev", "HEAD~1", "--rev", "HEAD", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["old"], document["new"]) == ("HEAD~1:data", "HEAD:data")
    (change,) = document["differences"]
    assert (change["section"], change["id"], change["change"]) == (
        "links",
        "trump-negotiates_with-putin",
        "added",
    )
    assert change["after"]["strength"] == 0.8 and change["fields"] == []
    yalta = next(s for s in document["scenarios"] if s["scenario"]["id"] == "new-yalta")

    def ranks(doc: Any) -> dict[str, int]:
        return {row["id"]: row["rank"] for row in json.loads(doc.stdout)["rows"]}

    # the moved ranking is what `depends` says on each version, channel by channel: a direct
    # Trump-Putin summit (0.64, beside the August one) makes the US-Russia chain run through
    # the leaders, so the Witkoff/Kushner back channel no longer matters and the leaders'
    # channel does
    old_ranks, new_ranks = ranks(before), ranks(after)
    moved = {row["id"]: (row["rank_before"], row["rank_after"]) for row in yalta["both"]}
    assert moved["trump~xi"] == (old_ranks["trump~xi"], new_ranks["trump~xi"]) == (2, 1)
    assert [r["id"] for r in yalta["only_before"]] == ["dmitriev~kushner"]
    assert [r["id"] for r in yalta["only_after"]] == ["putin~trump"]
    assert [r["id"] for r in yalta["depends_after"]] == list(new_ranks)

    markdown = run("diff", data, "--rev", "HEAD~1", "--rev", "HEAD", "--format", "markdown")
    assert markdown.stdout.startswith("## Dataset diff: `HEAD~1:data` → `HEAD:data`\n")
    assert (
        "- **added** link `trump-negotiates_with-putin`: trump —negotiates_with→ putin  s=0.8"
        in (markdown.stdout)
    )
    assert "| Donald Trump – Vladimir Putin | 0.000 → 0.004 | – → 3 |" in markdown.stdout


def test_diff_rev_against_the_working_tree(seed_repo: Path) -> None:
    data = str(seed_repo / "data")
    assert run("edit", "actor", "witkoff", "--data", data, "--unset", "description").exit_code == 0
    result = run("diff", data, "--rev", "HEAD", "--json")
    document = json.loads(result.stdout)
    assert document["new"] == f"{data} (working tree)"
    assert [(c["id"], [f["field"] for f in c["fields"]]) for c in document["differences"]] == [
        ("witkoff", ["description"])
    ]
    assert document["scenarios"] == []  # a description moves no answer


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rev", "HEAD", "--rev", "HEAD", "--rev", "HEAD"), "--rev is given once or twice"),
        (("--rev", "no-such-rev"), "git rev-parse failed"),
        ((), "give two datasets, or one and --rev"),
    ],
)
def test_diff_refuses_bad_arguments(seed_repo: Path, args: tuple[str, ...], message: str) -> None:
    result = run("diff", str(seed_repo / "data"), *args)
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr


def test_diff_rev_outside_a_repository(write_dataset: Callable[..., Path]) -> None:
    result = run("diff", str(write_dataset()), "--rev", "HEAD")
    assert result.exit_code == ExitCode.USAGE
    assert "git rev-parse failed" in result.stderr


def test_markdown_tables_keep_their_columns() -> None:
    from scenarios.render.markdown import _table

    lines = _table(("a", "b"), [("x | y", "two\nlines")])
    assert lines == ["| a | b |", "| --- | --- |", "| x \\| y | two lines |"]
