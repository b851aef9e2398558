"""The command line through typer's CliRunner: every command, --json schemas, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.errors import ExitCode

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == 2
    return document


# -- help ------------------------------------------------------------------------------------------


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_group(app)
    return sorted(group.commands)


def test_every_command_has_help() -> None:
    names = command_names()
    assert {"list", "show", "actors", "links", "path", "centrality", "depends", "validate"} <= set(
        names
    )
    for name in names:
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.stdout
        import typer.main

        command = typer.main.get_group(app).commands[name]
        assert command.help, f"{name} has no help text"
        for param in command.params:
            if param.name != "help" and hasattr(param, "help"):
                assert param.help, f"{name} {param.name} has no help text"


def test_top_level_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "depends" in result.stdout and "Exit codes" in result.stdout


# -- list / show -----------------------------------------------------------------------------------


def test_list() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert "new-yalta" in result.stdout and "新ヤルタ体制" in result.stdout


def test_list_json() -> None:
    document = run_json("list")
    assert document["kind"] == "scenario-list"
    rows = {row["scenario"]["id"]: row for row in document["scenarios"]}
    assert set(rows) == {"g2", "new-yalta", "status-quo"}
    assert [a["id"] for a in rows["new-yalta"]["key_actors"]] == ["us", "china", "russia"]
    assert rows["status-quo"]["removed_count"] == 3
    assert document["base_link_count"] == 83


def test_show() -> None:
    result = run("show", "New Yalta")
    assert result.exit_code == 0
    for text in ("Yalta-style photograph", "strengthened", "Kirill Dmitriev", "Tetsuo Kotani"):
        assert text in result.stdout


def test_show_json() -> None:
    document = run_json("show", "status-quo")
    assert document["kind"] == "scenario"
    statuses = {row["link"]["id"]: row["status"] for row in document["changed_links"]}
    assert statuses["hidden-trilateral-concerns-us"] == "removed"
    first = document["changed_links"][0]["link"]
    assert first["evidence"][0]["programme"] == "nichiyo-scoop-2025-12-07"
    # the status quo only removes; G2 both strengthens and weakens
    g2 = run_json("show", "g2")
    statuses = {row["link"]["id"]: row["status"] for row in g2["changed_links"]}
    assert statuses["nss-g2-hegemony"] == "strengthened"
    assert statuses["nss-sea-lanes"] == "weakened"
    assert statuses["g2-asia-understanding"] == "added"


# -- actors / links --------------------------------------------------------------------------


def test_actors_filter_by_kind_and_search() -> None:
    document = run_json("actors", "--kind", "leader")
    assert [row["actor"]["id"] for row in document["rows"]] == ["trump", "putin", "xi"]
    document = run_json("actors", "--search", "ウィトコフ")
    assert [row["actor"]["id"] for row in document["rows"]] == ["witkoff"]
    assert "Donald Trump" in run("actors", "-k", "leader").stdout


def test_links_filter_by_type_actor_and_date() -> None:
    document = run_json("links", "--type", "negotiates_with", "--actor", "dmitriev")
    assert sorted(row["link"]["id"] for row in document["rows"]) == [
        "kushner-dmitriev-miami",
        "witkoff-dmitriev-miami",
    ]
    early = run_json("links", "--actor", "putin", "--as-of", "2025-09-01")
    ids = {row["link"]["id"] for row in early["rows"]}
    assert "trump-putin-august-summit" in ids and "witkoff-putin-moscow" not in ids
    assert "witkoff-dmitriev-miami" in run("links", "-a", "ドミトリエフ").stdout


def test_links_in_scenario_show_status() -> None:
    document = run_json(
        "links", "--scenario", "g2", "--actor", "china", "--type", "negotiates_with"
    )
    statuses = {row["link"]["id"]: row["status"] for row in document["rows"]}
    assert statuses["g2-asia-understanding"] == "added"


# -- path ------------------------------------------------------------------------------------------


def test_path_in_japanese_with_evidence() -> None:
    # the strongest chain runs through Putin (0.88 x 0.9); the Miami talks are the runner-up
    result = run("path", "ウィトコフ", "ドミトリエフ", "--k", "2")
    assert result.exit_code == 0
    assert "Vladimir Putin" in result.stdout
    assert "Miami" in result.stdout and "Wall Street Journal" in result.stdout


def test_path_json_schema() -> None:
    document = run_json("path", "us", "russia", "--scenario", "new-yalta")
    assert document["kind"] == "path"
    [path] = document["paths"]
    assert [a["id"] for a in path["actors"]] == ["us", "trump", "witkoff", "putin", "russia"]
    assert path["hops"] == 4 == len(path["steps"])
    hop = path["steps"][2]
    assert {link["type"] for link in hop["links"]} == {"negotiates_with", "influences"}
    # both links come from one programme: one source, the stronger counts
    assert [group["link_ids"] for group in hop["sources"]] == [
        ["witkoff-putin-moscow", "putin-influences-witkoff"]
    ]
    assert hop["weight"] == 0.9
    assert hop["links"][0]["evidence"][0]["speaker"] == "narration"
    assert 0 < path["strength"] <= 1
    assert document["weighted"] is True


def test_path_options() -> None:
    everything = run_json("path", "witkoff", "russia", "--all")
    assert everything["cheapest_count"] == len(everything["paths"])
    two = run_json("path", "japan", "russia", "--max-hops", "3")
    assert all(p["hops"] <= 3 for p in two["paths"])
    alternatives = run_json("path", "us", "china", "--k", "3")
    strengths = [p["strength"] for p in alternatives["paths"]]
    assert len(strengths) == 3 and strengths == sorted(strengths, reverse=True)
    fewest = run_json("path", "japan", "russia", "--hops")
    assert fewest["weighted"] is False


def test_unknown_actor_suggests_and_exits_2() -> None:
    result = run("path", "witkof", "xi")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "error: no actor matches 'witkof'" in result.stderr
    assert "did you mean 'witkoff (Steve Witkoff)'" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_path_exits_1(write_dataset: Callable[..., Path]) -> None:
    root = write_dataset()
    result = run("path", "a", "d", "--scenario", "deal", "--max-hops", "1", "--data", str(root))
    assert result.exit_code == ExitCode.DATA
    assert "no path connects Alpha and Delta within 1 hop" in result.stderr
    as_json = run(
        "path", "a", "d", "--max-hops", "1", "--data", str(root), "--scenario", "deal", "--json"
    )
    assert json.loads(as_json.stdout)["paths"] == []


# -- centrality / depends --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "measure", ["degree", "betweenness", "closeness", "pagerank", "eigenvector"]
)
def test_centrality_every_measure(measure: str) -> None:
    document = run_json("centrality", "--measure", measure, "--top", "5", "--scenario", "new-yalta")
    assert document["measure"] == measure and document["method"]
    values = [row["value"] for row in document["rows"]]
    assert len(values) == 5 and values == sorted(values, reverse=True)
    assert document["actor_count"] == 39


def test_centrality_table_states_method() -> None:
    result = run("centrality")
    assert "method: betweenness" in result.stdout


def test_depends_table_and_json() -> None:
    result = run("depends", "new-yalta")
    assert result.exit_code == 0
    assert "weakens the best United States–Russia chain" in result.stdout
    assert "Through whom" in result.stdout and "Tensions around New Yalta" in result.stdout
    document = run_json("depends", "new-yalta", "--top", "2")
    assert document["kind"] == "depends"
    assert len(document["rows"]) == 2 and document["scoring"] >= 2
    first = document["rows"][0]
    assert {"rank", "id", "name", "parts", "score", "base_score", "only_here", "why"} <= set(first)
    assert all(row["score"] > 0 for row in document["rows"])
    ranked = run_json("depends", "new-yalta", "--rank", "score")
    scores = [row["score"] for row in ranked["rows"]]
    assert scores == sorted(scores, reverse=True)
    singles = run_json("depends", "new-yalta", "--ties", "--top", "3")
    assert singles["kind"] == "depends-ties"
    assert {"score", "path_share", "route_loss", "tie", "worst"} <= set(singles["rows"][0])


def test_bad_option_values_exit_2() -> None:
    for args in (
        ("depends", "new-yalta", "--as-of", "2025-13-40"),
        ("depends", "new-yalta", "--top", "0"),
        ("depends", "new-yalta", "--groups", "0"),
        ("depends", "new-yalta", "--rank", "fame"),
        ("path", "us", "russia", "--max-hops", "0"),
        ("centrality", "--measure", "fame"),
        ("depends", "new-yolta"),
    ):
        result = run(*args)
        assert result.exit_code == ExitCode.USAGE, args
        assert "Traceback" not in result.output
    assert "did you mean 'new-yalta'" in run("depends", "new-yolta").stderr


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ("centrality", "--measure", "fame"),
            "error: invalid value for '--measure' / '-m': 'fame'",
        ),
        (("depends",), "error: missing argument 'SCENARIO'."),
        (("links", "--top", "3"), "error: no such option: --top"),
        (("depnds",), "error: no such command 'depnds'. Did you mean 'depends'?"),
    ],
)
def test_argument_parser_errors_are_one_line_and_a_hint(args: tuple[str, ...], error: str) -> None:
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(error), lines
    command = "" if args[0] == "depnds" else f" {args[0]}"
    assert lines[1] == f"  hint: see `scenarios{command} --help`"


def test_every_usage_error_comes_with_a_hint() -> None:
    result = run("depends", "new-yalta", "--top", "0")
    assert result.stderr.splitlines() == [
        "error: --top must be at least 1, not 0",
        "  hint: see `scenarios depends --help`",
    ]
    # a hint of its own is kept
    assert "hint: did you mean 'new-yalta'?" in run("depends", "new-yolta").stderr


# -- data errors -----------------------------------------------------------------------------------


def test_invalid_dataset_is_one_line_and_exit_1(write_dataset: Callable[..., Path]) -> None:
    root = write_dataset(
        {
            "more.yaml": "links:\n  - {id: x, source: a, target: zz, type: supports,"
            " strength: 2, confidence: 1}\n"
        }
    )
    result = run("depends", "deal", "--data", str(root))
    assert result.exit_code == ExitCode.DATA
    first = result.stderr.splitlines()[0]
    assert "more.yaml:2: links[x].strength: 2 is outside [0, 1] (and 1 more problem)" in first
    assert "hint: run `scenarios validate` to list every problem" in result.stderr


def test_data_from_environment_variable(write_dataset: Callable[..., Path]) -> None:
    root = write_dataset()
    result = run("list", "--json", env={"SCENARIOS_DATA": str(root)})
    assert [row["scenario"]["id"] for row in json.loads(result.stdout)["scenarios"]] == ["deal"]


def test_validate_reports_all_problems(write_dataset: Callable[..., Path]) -> None:
    root = write_dataset(
        {
            "more.yaml": "links:\n  - {id: x, source: a, target: zz, type: supports,"
            " strength: 2, confidence: 1}\n"
        }
    )
    result = run("validate", str(root))
    assert result.exit_code == ExitCode.DATA
    assert "strength: 2 is outside [0, 1]" in result.stderr
    assert "unknown actor 'zz'" in result.stderr
    assert "2 problems in" in result.stderr
    document = json.loads(run("validate", str(root), "--json").stdout)
    assert document["valid"] is False and len(document["problems"]) == 2
    assert document["problems"][0]["line"] == 2


def test_validate_ok() -> None:
    result = run("validate")
    assert result.exit_code == 0
    # base links, and apart the links scenarios add: the two rows `load` reports
    assert "is valid (39 actors, 83 links (+2 added by scenarios), 3 scenarios)" in result.stdout
    assert run_json("validate")["valid"] is True


def test_debug_shows_the_traceback_and_keeps_the_exit_code() -> None:
    plain = runner.invoke(app, ["path", "nobody", "us"])
    result = runner.invoke(app, ["--debug", "path", "nobody", "us"])
    assert plain.exit_code == result.exit_code == ExitCode.USAGE
    assert "Traceback" not in plain.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "scenarios.errors.NotFound: no actor matches 'nobody'" in result.stderr
    assert result.stderr.rstrip().splitlines()[-2] == "error: no actor matches 'nobody'"


def test_python_dash_m_works() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "scenarios", "depends", "g2", "--top", "1", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    [tie] = json.loads(completed.stdout)["rows"][0]["parts"][0]["ties"]
    # G2's first channel on the seed: the weakened US-Japan alliance (0.091 > China-US 0.074)
    assert [actor["id"] for actor in tie["ends"]] == ["japan", "us"]


def test_rank_choices_map_exhaustively_onto_the_report_rankings() -> None:
    from scenarios.cli.analysis import Rank
    from scenarios.reports.depends import Ranking

    assert {Ranking(rank.value) for rank in Rank} == set(Ranking)


def test_depends_reports_the_strength_path_reports() -> None:
    # the hop tie-break orders chains and never changes a value: before issue 11 `depends`
    # gave 0.7199978 for the US-China chain that `path` gave as 0.72
    depends = run_json("depends", "new-yalta")
    path = run_json("path", "us", "china", "--scenario", "new-yalta")
    [us_china] = [
        p for p in depends["pairs"] if [p["source"]["id"], p["target"]["id"]] == ["us", "china"]
    ]
    assert us_china["strength"] == path["paths"][0]["strength"]
    assert [a["id"] for a in us_china["path"]] == [a["id"] for a in path["paths"][0]["actors"]]


def test_show_says_how_a_ties_links_combine() -> None:
    text = " ".join(run("show", "new-yalta", env={"COLUMNS": "200"}).stdout.split())
    # the Moscow meeting (0.9 in New Yalta) and Putin's influence on Witkoff (0.7 x 0.4, graded
    # heard): both from the one programme, so the meeting's weight alone
    assert "Vladimir Putin – Steve Witkoff [negotiates_with, influences] weight 0.90" in text
    assert "strongest of 0.90, 0.28 (one source: nichiyo-scoop-2025-12-07)" in text
    document = run_json("show", "new-yalta")
    [tie] = [
        t for t in document["combined"] if {a["id"] for a in t["ends"]} == {"putin", "witkoff"}
    ]
    assert tie["weight"] == 0.9 and len(tie["sources"]) == 1
