"""`signposts` and the two clocks through the command line, on the seed.

The seed's signposts are data/signposts.yaml: the programme's own, with their speakers, and
observations only where the programme reports one. Every piece of seed evidence comes from the
programme of 7 December 2025 and carries no date of its own, so it is known from that day.
"""

from __future__ import annotations

import json

import pytest

from scenarios.errors import ExitCode
from tests.cli.test_cli import command_names, run, run_json

# every command that takes --as-of also takes --known-by (the Evidence bundle)
CLOCKED = [
    ("list",),
    ("show", "new-yalta"),
    ("links",),
    ("path", "us", "russia"),
    ("centrality",),
    ("depends", "new-yalta"),
    ("depends", "new-yalta", "--uncertain", "--samples", "200"),
    ("compare", "g2", "new-yalta"),
    ("whatif", "new-yalta", "--cut", "witkoff~putin"),
    ("whatif", "new-yalta", "--sweep"),
    ("timeline", "new-yalta"),
    ("signposts",),
]


def test_every_command_with_as_of_takes_known_by() -> None:
    import typer.main

    from scenarios.cli import app

    group = typer.main.get_group(app)
    with_as_of = {
        name
        for name in command_names()
        if any("--as-of" in getattr(p, "opts", ()) for p in group.commands[name].params)
    }
    with_known_by = {
        name
        for name in command_names()
        if any("--known-by" in getattr(p, "opts", ()) for p in group.commands[name].params)
    }
    assert with_as_of == with_known_by
    assert {args[0] for args in CLOCKED} | {"export"} == with_known_by


@pytest.mark.parametrize("args", [a for a in CLOCKED if "--cut" not in a], ids=" ".join)
def test_known_by_before_the_programme_leaves_out_every_reported_link(args: tuple[str]) -> None:
    result = run(*args, "--known-by", "2025-12-06", "--json")
    # `path` finds no path in a graph of undated background links only: exit 1, JSON all the same
    assert result.exit_code == (ExitCode.DATA if args[0] == "path" else 0), result.output
    document = json.loads(result.stdout)
    assert document["known_by"] == "2025-12-06"
    if "not_counted" in document:  # every report built on one view counts what it left out
        unreported = document["not_counted"]["unreported"]
        assert unreported and "witkoff-putin-moscow" in unreported


def test_known_by_and_as_of_combine() -> None:
    # what did we know on 7 December about the situation on 1 November?
    document = run_json("links", "--as-of", "2025-11-01", "--known-by", "2025-12-07")
    ids = {row["link"]["id"] for row in document["rows"]}
    assert "witkoff-dmitriev-miami" in ids  # 24-26 October: counted
    assert "witkoff-putin-moscow" not in ids  # 2 December: not yet on 1 November
    # the 28-point plan is dated 2025-11: on 1 November it may exist, not certainly
    possible = {row["link"]["id"] for row in document["not_counted"]["possible"]}
    assert "us-proposes-plan-28" in possible and "us-proposes-plan-28" not in ids
    assert document["not_counted"]["unreported"] == []
    text = run("links", "--as-of", "2025-12-01", "--known-by", "2025-12-06").stdout
    assert "as of 2025-12-01, known by 2025-12-06" in text
    assert "links not yet reported by 2025-12-06, left out" in text


def test_a_possible_link_is_shown_not_counted_in_every_output() -> None:
    document = run_json("links", "--as-of", "2025-10-05", "--actor", "xi")
    assert "trump-xi-call" not in {row["link"]["id"] for row in document["rows"]}
    (possible,) = document["not_counted"]["possible"]
    assert possible["link"]["id"] == "trump-xi-call"
    assert possible["link"]["date"]["precision"] == "month"
    path = run("path", "us", "china", "--as-of", "2025-10-05").stdout
    assert "1 link possibly in force on 2025-10-05, not counted:" in path
    assert "2025-10, day unknown: possibly in force" in path
    assert "2025-10 (day unknown)" in run("links", "--actor", "xi").stdout


def test_a_cut_of_a_tie_not_yet_reported_names_both_clocks() -> None:
    result = run("whatif", "new-yalta", "--cut", "witkoff~putin", "--known-by", "2025-12-06")
    assert result.exit_code == ExitCode.USAGE
    assert "in new-yalta known by 2025-12-06" in result.stderr


def test_bad_known_by_is_a_usage_error() -> None:
    result = run("depends", "new-yalta", "--known-by", "2025-13-01")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output


# -- signposts --------------------------------------------------------------------------------


def test_signposts_on_the_seed() -> None:
    document = run_json("signposts")
    assert document["kind"] == "signposts"
    assert document["considered"] == ["g2", "new-yalta", "status-quo"]
    sections = {s["scenario"]["id"]: s for s in document["scenarios"]}
    g2 = sections["g2"]
    (ally,) = [r for r in g2["observed"] if r["signpost"]["id"] == "us-calls-itself-chinas-ally"]
    # for G2, against the status quo, silent on New Yalta: tells apart all three pairs
    assert (ally["stance"], ally["diagnosticity"], ally["pairs_told_apart"]) == (
        "points_to",
        1.0,
        3,
    )
    assert (ally["scenario_pairs"], ally["counted"]) == (3, 1)
    assert ally["latest"]["date"]["text"] == "2025-12-03"
    assert ally["latest"]["grade"] == {"value": 1.0, "name": "fact"}
    yalta = sections["new-yalta"]
    seen = {r["signpost"]["id"] for r in yalta["observed"]}
    assert "china-russia-meet-on-us-russia-days" in seen
    photo = next(r for r in yalta["not_yet"] if r["signpost"]["id"] == "yalta-style-photo")
    assert photo["signpost"]["raised_by"][0]["speaker"] == "craft"
    assert photo["signpost"]["raised_by"][0]["locator"] == "¶20"
    # the programme's own signposts, with their speakers
    speakers = {
        r["signpost"]["id"]: r["signpost"]["raised_by"][0]["speaker"]
        for s in document["scenarios"]
        for r in (*s["observed"], *s["not_yet"])
    }
    assert speakers["trade-deal-over-sea-lanes"] == "kotani"
    assert speakers["japan-strategy-review-new-premises"] == "kotani"
    assert speakers["unpublished-points-disclosed"] == "kotani"
    # proposals: what only New Yalta depends on, the Witkoff-Putin channel among them
    proposed = [p["text"] for p in yalta["proposed"]]
    assert any("Vladimir Putin and Steve Witkoff" in text for text in proposed)
    assert all("US–China G2 and Status quo do not" in text for text in proposed)


def test_signposts_as_of_before_the_remark_has_not_seen_it() -> None:
    document = run_json("signposts", "g2", "--as-of", "2025-12-02")
    (g2,) = document["scenarios"]
    assert "us-calls-itself-chinas-ally" in {r["signpost"]["id"] for r in g2["not_yet"]}
    assert run_json("signposts", "--known-by", "2025-12-06")["unraised"]  # raised on 7 December
    text = run("signposts", "new-yalta").stdout
    assert "Proposed from the dependency analysis" in text
    assert "tells apart all 3 pairs of scenarios" in text


def test_signposts_of_an_unknown_scenario() -> None:
    result = run("signposts", "new-yolta")
    assert result.exit_code == ExitCode.USAGE
    assert "did you mean 'new-yalta'" in result.stderr
