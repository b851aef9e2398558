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
    assert {args[0] for args in CLOCKED} | {"export", "diff"} == with_known_by


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
    assert "trump-xi-call" in ids  # 2025-10: certainly begun by 31 October
    # a month-dated link whose month has begun is possible, shown and not counted
    assert document["not_counted"] == {"possible": [], "unreported": []}
    early = run_json("links", "--as-of", "2025-10-30", "--known-by", "2025-12-07")
    possible = {row["link"]["id"] for row in early["not_counted"]["possible"]}
    assert possible == {"trump-xi-call"}
    assert "trump-xi-call" not in {row["link"]["id"] for row in early["rows"]}
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
    # Bessent's line repeated: raised, not seen yet (the 3 December remark is what it repeats)
    (ally,) = [r for r in g2["not_yet"] if r["signpost"]["id"] == "us-calls-itself-chinas-ally"]
    # for G2, against the status quo, silent on New Yalta: tells apart all three pairs
    assert (ally["stance"], ally["diagnosticity"], ally["pairs_told_apart"]) == (
        "points_to",
        1.0,
        3,
    )
    assert (ally["scenario_pairs"], ally["observations_counted"], ally["latest"]) == (3, 0, None)
    assert g2["observed"] == []
    # for the status quo, against New Yalta, silent on G2: seen, since March, up to 7 December
    status_quo = sections["status-quo"]
    (support,) = [
        r
        for r in status_quo["observed"]
        if r["signpost"]["id"] == "us-public-support-for-ukraine-rises"
    ]
    assert (support["diagnosticity"], support["observations_counted"]) == (1.0, 1)
    assert support["latest"]["date"]["text"] == "2025-03/2025-12-07"
    assert support["latest"]["grade"] == "assessed"  # a grade of the ladder, as for evidence
    assert {r["signpost"]["id"] for r in status_quo["observed"]} == {
        "us-public-support-for-ukraine-rises",
        "lawmakers-press-witkoff-dismissal",
        "envoy-camps-uncoordinated",
        "russia-gives-no-ground",
    }
    yalta = sections["new-yalta"]
    # what is seen in New Yalta's list counts against it: the rising support
    # and, for it, the economic point the WSJ has reported (Kotani, ¶14)
    assert [(r["signpost"]["id"], r["stance"]) for r in yalta["observed"]] == [
        ("us-public-support-for-ukraine-rises", "against"),  # diagnosticity 1
        ("economic-point-disclosed", "points_to"),  # 2 of 3 pairs: G2 and the status quo agree
    ]
    (again,) = [
        r for r in yalta["not_yet"] if r["signpost"]["id"] == "china-russia-meet-on-us-russia-days"
    ]
    assert again["signpost"]["raised_by"][0]["locator"] == "¶15"
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
    assert speakers["trilateral-point-disclosed"] == "kotani"
    # proposals: the channels only New Yalta depends on, the back channel first
    proposed = [p["text"] for p in yalta["proposed"]]
    assert proposed[0].startswith(
        "watch for renewed contact on the Steve Witkoff, Jared Kushner – Vladimir Putin, "
        "Kirill Dmitriev, Russia channel ["
    )
    assert (
        ": New Yalta depends on it (score 0.093); US–China G2 and Status quo do not"
        in (proposed[0])
    )
    assert [p["channel"]["id"] for p in yalta["proposed"]] == [
        "dmitriev~kushner",
        "trump~xi",
        "shoigu~wang-yi",
    ]
    assert all("US–China G2 and Status quo do not" in text for text in proposed)


def test_signposts_as_of_before_the_talks_has_not_seen_them() -> None:
    # Russia gave no ground at the 2 December talks: seen from that day, not the day before
    (before,) = run_json("signposts", "status-quo", "--as-of", "2025-12-01")["scenarios"]
    assert "russia-gives-no-ground" in {r["signpost"]["id"] for r in before["not_yet"]}
    (on,) = run_json("signposts", "status-quo", "--as-of", "2025-12-02")["scenarios"]
    assert "russia-gives-no-ground" in {r["signpost"]["id"] for r in on["observed"]}
    assert run_json("signposts", "--known-by", "2025-12-06")["unraised"]  # raised on 7 December
    text = run("signposts", "new-yalta").stdout
    assert "Proposed from the dependency analysis" in text
    assert "tells apart all 3 pairs of scenarios" in text


def test_signposts_of_an_unknown_scenario() -> None:
    result = run("signposts", "new-yolta")
    assert result.exit_code == ExitCode.USAGE
    assert "did you mean 'new-yalta'" in result.stderr


def test_signposts_sourced_only_leaves_the_background_out_of_the_proposals() -> None:
    document = run_json("signposts", "status-quo", "--sourced-only")
    assert document["sourced_only"] == ["xi-leads-china", "us-japan-alliance", "us-europe-alliance"]
    assert run_json("signposts", "status-quo")["sourced_only"] is None
    text = run("signposts", "status-quo", "--sourced-only").stdout
    assert text.startswith("sourced links only: 3 background links left out")
