"""Background links on the command line: marked where links are shown, dropped by
`--sourced-only` from every analysis, and graded confidence shown as written; `validate`'s
warnings, summary and `--strict`.

The tiny graph: a–b sourced (weight 0.5), b–c background (weight 1.0), a–c sourced (0.2).
The strongest a–c chain runs a–b–c (0.5 × 1.0 = 0.5); without the background link it is the
direct a–c link (0.2).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset
from scenarios.errors import ExitCode
from scenarios.model import Dataset, LinkChange, LinkRemoval

runner = CliRunner()

DATASET = """
programmes:
  - {id: prog, title: A programme, date: 2025-12-07}
speakers:
  - {id: anna, name: Anna Analyst}
actors:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Bravo, kind: leader}
  - {id: c, name: Charlie, kind: state}
links:
  - id: a-b
    source: b
    target: a
    type: leads
    strength: 0.5
    confidence: fact
    evidence:
      - {text: Bravo leads Alpha., speaker: anna, programme: prog, grade: fact, locator: ¶2}
  - id: b-c
    source: b
    target: c
    type: negotiates_with
    strength: 1.0
    confidence: fact
    background: Bravo and Charlie talk every week; no source needs to say so.
    evidence:
      - {text: The weekly call is public record., cites: public record, grade: fact}
  - id: a-c
    source: a
    target: c
    type: economic_tie
    strength: 0.4
    confidence: 0.5
    evidence:
      - {text: Anna thinks Alpha trades with Charlie., speaker: anna, programme: prog,
         grade: assessed}
scenarios:
  - id: deal
    name: The deal
    key_actors: [a, c]
    changes:
      - {link: b-c, strength: 0.9}
    adds:
      - {id: a-c-pact, source: a, target: c, type: allied_with, strength: 0.1, confidence: heard,
         background: a pact everyone assumes}
"""


@pytest.fixture
def data(tmp_path: Path) -> str:
    file = tmp_path / "tiny.yaml"
    file.write_text(DATASET, encoding="utf-8")
    return str(file)


def run(*args: str, columns: int = 120) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def doc(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_sourced_only_drops_background_links_and_what_names_them(data: str) -> None:
    ds: Dataset = load_dataset(Path(data))
    only = ds.sourced_only()
    assert [link.id for link in only.links] == ["a-b", "a-c"]
    assert only.left_out == ("b-c", "a-c-pact")
    deal = only.scenario_by_id["deal"]
    assert deal.adds == () and deal.changes == ()  # the change was to b-c
    assert ds.left_out is None  # the dataset itself is untouched
    with_removal = ds.scenario_by_id["deal"]
    assert with_removal.changes == (LinkChange("b-c", 0.9),)
    assert LinkRemoval("b-c") not in deal.removes


def test_path_without_background_links_takes_the_direct_link(data: str) -> None:
    full = doc("path", "a", "c", "--data", data)
    assert [a["id"] for a in full["paths"][0]["actors"]] == ["a", "b", "c"]
    assert full["paths"][0]["strength"] == pytest.approx(0.5)
    assert full["sourced_only"] is None
    only = doc("path", "a", "c", "--sourced-only", "--data", data)
    assert [a["id"] for a in only["paths"][0]["actors"]] == ["a", "c"]
    assert only["paths"][0]["strength"] == pytest.approx(0.2)
    assert only["sourced_only"] == ["b-c", "a-c-pact"]
    text = run("path", "a", "c", "--sourced-only", "--data", data).stdout
    assert text.splitlines()[0] == "sourced links only: 2 background links left out (b-c, a-c-pact)"


@pytest.mark.parametrize(
    "args",
    [
        ("centrality",),
        ("depends", "deal"),
        ("depends", "deal", "--uncertain", "--samples", "100"),
        ("compare", "base", "deal"),
        ("whatif", "deal", "--cut", "a~c"),
        ("whatif", "deal", "--sweep"),
        ("timeline", "deal"),
    ],
)
def test_every_analysis_command_says_what_it_left_out(data: str, args: tuple[str, ...]) -> None:
    assert doc(*args, "--data", data)["sourced_only"] is None
    assert doc(*args, "--sourced-only", "--data", data)["sourced_only"] == ["b-c", "a-c-pact"]
    first = run(*args, "--sourced-only", "--data", data).stdout.splitlines()[0]
    assert first.startswith("sourced links only: 2 background links left out")


def test_depends_without_background_links_stands_on_the_direct_link(data: str) -> None:
    # with b-c: the a-c chain is a-b-c (0.5 x 0.9 = 0.45 in the deal) over a-c's 0.2 and the
    # pact's 0.04 (noisy-OR 0.232); without it only the direct a-c tie, whose cut separates them
    full = doc("depends", "deal", "--data", data)
    assert full["pairs"][0]["strength"] == pytest.approx(0.45)  # true weights: no tie-break
    only = doc("depends", "deal", "--sourced-only", "--data", data)
    assert only["pairs"][0]["strength"] == pytest.approx(0.2)
    first = only["rows"][0]  # the a-c channel: one tie, the direct link
    [tie] = first["parts"][0]["ties"]
    assert first["id"] == "a~c" and [a["id"] for a in tie["ends"]] == ["a", "c"]
    assert first["score"] == 1.0


def test_path_in_database_refuses_sourced_only(data: str) -> None:
    result = run("path", "a", "c", "--in-database", "--sourced-only", "--data", data)
    assert result.exit_code == ExitCode.USAGE
    assert "--sourced-only and --in-database cannot be combined" in result.stderr


def test_background_links_are_marked_where_links_are_shown(data: str) -> None:
    table = run("links", "--data", data, columns=300).stdout
    assert "background: Bravo and Charlie talk every week" in table
    show = run("show", "deal", "--data", data, columns=300).stdout
    assert "[background]" in show and "background: a pact everyone assumes" in show
    assert "c=heard (0.40)" in show and "c=0.50" in show  # a grade as written, or the number
    path = run("path", "a", "c", "--data", data, columns=300).stdout
    assert "background: Bravo and Charlie talk every week" in path
    rows = {row["link"]["id"]: row["link"] for row in doc("links", "--data", data)["rows"]}
    assert (rows["b-c"]["basis"], rows["b-c"]["background"]) == (
        "background",
        "Bravo and Charlie talk every week; no source needs to say so.",
    )
    assert (rows["a-b"]["basis"], rows["a-b"]["background"], rows["a-b"]["grade"]) == (
        "sourced",
        None,
        "fact",
    )
    assert (rows["a-c"]["confidence"], rows["a-c"]["grade"]) == (0.5, None)
    item = rows["a-b"]["evidence"][0]
    assert (item["grade"], item["locator"], item["url"], item["accessed"]) == (
        "fact",
        "¶2",
        None,
        None,
    )
    # one citation line says where the item is and what it supports
    assert "Bravo leads Alpha. — Anna Analyst, A programme, 2025-12-07, ¶2 [fact]" in table


def test_validate_prints_warnings_and_the_summary_and_strict_fails_on_them(data: str) -> None:
    result = run("validate", data)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # a-c: 0.5 is off the ladder (and not above its best evidence, assessed 0.6)
    assert any("links[a-c].confidence: 0.5 is not on the ladder" in line for line in lines)
    assert "1 warning (--strict fails on them)" in result.stdout
    assert "links by basis: 2 sourced, 1 background" in result.stdout
    assert (
        "links by grade: fact 2, reported 0, assessed 0, heard 0, speculation 0, 0.5 1"
        in result.stdout
    )
    assert "evidence items without a locator: 2 of 3" in result.stdout
    # this dataset has no signposts: said all the same, and no grades of no observations
    assert "0 signposts, 0 observed; 0 observations" in result.stdout
    assert "observations by grade" not in result.stdout
    strict = run("validate", data, "--strict")
    assert strict.exit_code == ExitCode.DATA
    assert "--strict fails on them" in strict.stderr and strict.stdout == ""
    document = json.loads(run("validate", data, "--json").stdout)
    assert document["valid"] is True and document["passed"] is True
    [warning] = document["warnings"]
    assert warning == {
        "file": warning["file"],
        "line": 33,
        "entry": "links[a-c]",
        "field": "confidence",
        "message": "0.5 is not on the ladder (fact 1.0, reported 0.8, assessed 0.6, heard 0.4, "
        "speculation 0.3)",
        "hint": "write a grade or a ladder value",
    }
    assert document["dataset_summary"]["by_basis"] == {"sourced": 2, "background": 1}
    strict_doc = run("validate", data, "--strict", "--json")
    assert strict_doc.exit_code == ExitCode.DATA
    assert json.loads(strict_doc.stdout)["passed"] is False
