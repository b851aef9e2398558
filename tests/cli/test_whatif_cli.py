"""compare, whatif, timeline and depends --uncertain through the CLI, on the tiny dataset.

The `deal` scenario of tests/conftest.py, with key actors a and d, has four ties:
a-b 1.0 (undated), b-c 0.5 (2025-10-24/26), c-d 1.0 (2025-12-02, reweighted from 0.5) and the
added b-d 0.1 (strength 0.2, confidence 0.5, undated); the base a-d link is removed. So the
strongest a-d chain is a-b-c-d = 0.5 and the runner-up a-b-d = 0.1. a-b (Bravo leads Alpha)
and b-c (Charlie is Bravo's envoy) are structural: they carry chains but `depends` and the
sweep never cut them; c-d and b-d are channels of their own. Every figure below follows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scenarios.errors import ExitCode
from tests.cli.test_cli import run

N = 20_000


@pytest.fixture
def data(write_dataset: Callable[..., Path]) -> str:
    return str(write_dataset())


def doc(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == 2
    return document


def ids(actors: list[dict[str, Any]]) -> list[str]:
    return [a["id"] for a in actors]


# -- compare ---------------------------------------------------------------------------------------


def test_compare_base_with_a_scenario(data: str) -> None:
    d = doc("compare", "base", "deal", "--data", data)
    assert d["kind"] == "compare" and (d["a"], d["b"]) == ("base", "deal")
    assert [r["link"]["id"] for r in d["added_links"]] == ["b-d"]
    assert [r["link"]["id"] for r in d["removed_links"]] == ["a-d"]
    [rw] = d["reweighted"]
    assert (rw["link_before"]["weight"], rw["link_after"]["weight"], rw["status"]) == (
        0.5,
        1.0,
        "strengthened",
    )
    assert d["unchanged_link_count"] == 2
    # base a-d: max(a-d 0.1, a-b-c-d 0.25) = 0.25; deal: a-b-c-d 0.5
    [chain] = d["chains"]
    assert chain["change"] == "stronger"
    assert (round(chain["strength_before"], 4), round(chain["strength_after"], 4)) == (
        0.25,
        0.5,
    )
    assert (chain["hops_before"], chain["hops_after"]) == (3, 3)
    # the base graph has no key actors, so it depends on nothing; deal on the c-d channel
    # (without it a-b-d = 0.1 is left: 80% lost); a-b and b-c are structural, never cut
    assert d["only_a"] == [] and d["both"] == []
    assert [(r["id"], round(r["score_after"], 4), r["rank_after"]) for r in d["only_b"]] == [
        ("c~d", 0.8, 1)
    ]


def test_compare_seed_status_quo_and_g2() -> None:
    # every changed chain (25): the status quo is connected by constrains, allied_with and
    # supports alone, so most of its chains differ from G2's
    d = doc("compare", "status-quo", "g2", "--top", "30")
    assert {r["link"]["id"] for r in d["added_links"]} == {
        "g2-asia-understanding",
        "hidden-trilateral-concerns-us",
        "hidden-trilateral-concerns-china",
        "hidden-trilateral-concerns-russia",
    }
    assert d["removed_links"] == []
    weights = {r["link_after"]["id"]: r["status"] for r in d["reweighted"]}
    assert weights["us-japan-alliance"] == "weakened"
    assert weights["us-china-economic"] == "strengthened"
    # status quo stands on the alliance with Europe and the constraints on Trump; G2 on the
    # US-China channel; Japan is a key actor of both, so both depend on its alliance
    only_a = [r["id"] for r in d["only_a"]]
    assert only_a[:3] == ["europe~us", "trump~us-public-opinion", "trump~us-congress"]
    assert [r["id"] for r in d["only_b"]] == ["china~us"]
    assert [r["id"] for r in d["both"]] == ["japan~us"]
    assert ids(d["key_actors"])[-2:] == ["us", "china"]  # both scenarios' key actors
    changes = {tuple(ids([c["source"], c["target"]])): c["change"] for c in d["chains"]}
    assert changes[("us", "china")] == "stronger"
    assert changes[("japan", "us")] == "weaker"


def test_compare_table_and_errors(data: str) -> None:
    result = run("compare", "base", "deal", "--data", data)
    assert result.exit_code == 0
    assert "Channels deal depends on and base does not" in result.stdout
    assert "the best Alpha–Delta chain strengthens from 0.25 to 0.50" in result.stdout
    missing = run("compare", "deal", "nope", "--data", data)
    assert missing.exit_code == ExitCode.USAGE and "no scenario matches 'nope'" in missing.stderr


# -- whatif ----------------------------------------------------------------------------------------


def test_whatif_cut_before_and_after(data: str) -> None:
    d = doc("whatif", "deal", "--cut", "Charlie~Delta", "--data", data)
    assert d["kind"] == "whatif"
    [cut] = d["cuts"]
    assert ids(cut["ends"]) == ["c", "d"] and [x["id"] for x in cut["links"]] == ["c-d"]
    # a-d falls back to a-b-d: 0.1 instead of 0.5, so 80% of the chain strength is lost
    assert d["score"] == pytest.approx(0.8, rel=1e-4)
    [chain] = d["chains"]
    assert chain["change"] == "weaker"
    assert [a["id"] for a in chain["path_after"]] == ["a", "b", "d"]
    assert d["disconnects"] == []
    assert [(r["id"], round(r["score"], 4)) for r in d["depends_before"]] == [("c~d", 0.8)]
    # after the cut the chain runs a-b-d: b-d is its bridge (a-b is structural, never cut)
    assert [(r["id"], r["score"]) for r in d["depends_after"]] == [("b~d", 1.0)]
    assert [r["id"] for r in d["now_depends"]] == ["b~d"]
    assert d["holding_before"] is None
    text = run("whatif", "deal", "--cut", "c~d", "--data", data).stdout
    assert "Cutting Charlie – Delta costs the key actors 80% of their chain strength" in text


def test_whatif_score_equals_the_depends_score_of_the_channel() -> None:
    depends = doc("depends", "new-yalta", "--top", "1")
    [tie] = depends["rows"][0]["parts"][0]["ties"]  # the leaders' channel: one tie
    cut = "~".join(ids(tie["ends"]))
    assert cut == "trump~xi"
    d = doc("whatif", "new-yalta", "--cut", cut)
    assert d["score"] == pytest.approx(depends["rows"][0]["score"], rel=1e-9)


def test_whatif_remove_actor_disconnects(data: str) -> None:
    d = doc("whatif", "deal", "--remove", "Bravo", "--data", data)
    assert ids(d["removed_actors"]) == ["b"] and d["ties_cut"] == 3 and d["links_cut"] == 3
    assert d["score"] == 1.0
    assert [ids(pair) for pair in d["disconnects"]] == [["a", "d"]]
    assert d["chains"][0]["change"] == "broken"
    movers = {r["actor"]["id"]: r for r in d["centrality"]["movers"]}
    assert movers["b"]["rank_after"] is None  # removed from the ranking


def test_whatif_uncertain_uses_common_draws(data: str) -> None:
    d = doc(
        "whatif", "deal", "--cut", "c~d", "--uncertain", "--samples", str(N), "--seed", "3",
        "--data", data,
    )  # fmt: skip
    # before: a-b, b-c, c-d are on record, so a and d are joined for sure
    assert d["holding_before"]["exact"] is True and d["holding_before"]["probability"] == 1.0
    # after: only a-b-d is left, and b-d has confidence 0.5
    after = d["holding_after"]
    assert abs(after["probability"] - 0.5) < 4 * (0.25 / N) ** 0.5
    assert after["low"] < 0.5 < after["high"]
    assert (d["samples"], d["seed"]) == (N, 3)
    again = doc(
        "whatif", "deal", "--cut", "c~d", "--uncertain", "--samples", str(N), "--seed", "3",
        "--data", data,
    )  # fmt: skip
    assert again["holding_after"] == after


def test_whatif_japanese_names_and_full_width_tilde() -> None:
    d = doc("whatif", "new-yalta", "--cut", "ウィトコフ～プーチン")
    assert ids(d["cuts"][0]["ends"]) == ["putin", "witkoff"]
    assert {x["id"] for x in d["cuts"][0]["links"]} == {
        "witkoff-putin-moscow",
        "putin-influences-witkoff",
    }


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ("--cut", "xi~putin"),
            "no tie joins Xi Jinping and Vladimir Putin in new-yalta",
            "Xi Jinping's ties in new-yalta: china, trump",
        ),
        (
            ("--cut", "witkoff~putin", "--as-of", "2025-02-01"),  # before spring 2025
            "no tie joins Steve Witkoff and Vladimir Putin in new-yalta as of 2025-02-01",
            "Steve Witkoff's ties",
        ),
        (("--cut", "witkof~putin"), "no actor matches 'witkof'", "did you mean 'witkoff"),
        (
            ("--cut", "witkoff-putin-moscow"),
            "--cut 'witkoff-putin-moscow' does not name a tie (ACTOR~ACTOR)",
            "cut the tie with --cut witkoff~putin",
        ),
        (("--cut", "trump~"), "needs an actor on each side", "e.g. --cut witkoff~putin"),
        (("--cut", "trump~trump"), "names Donald Trump twice", "a tie joins two actors"),
        ((), "nothing to cut", "or --sweep to try every cut"),
        (("--remove", "nobody"), "no actor matches 'nobody'", "scenarios actors"),
        (("--cut", "trump~us", "--as-of", "2025-13-01"), "is not a valid date", "YYYY-MM-DD"),
        (("--cut", "trump~us", "--k", "2"), "--k applies to --sweep", "add --sweep"),
        (("--sweep", "--k", "3"), "--k must be 1 or 2, not 3", "pairs"),
        (("--sweep", "--uncertain"), "--uncertain does not combine with --sweep", "drop one"),
        (("--cut", "trump~us", "--samples", "500"), "apply with --uncertain", "add --uncertain"),
        (
            ("--cut", "trump~us", "--uncertain", "--samples", "0"),
            "--samples must be between 100 and 1,000,000, not 0",
            "default 10,000",
        ),
        (
            ("--cut", "trump~us", "--uncertain", "--samples", "1000000000000"),
            "--samples must be between 100 and 1,000,000, not 1,000,000,000,000",
            "default 10,000",
        ),
        (("--cut", "trump~us", "--top", "0"), "--top must be at least 1", ""),
    ],
)
def test_whatif_bad_input_is_one_line_and_exit_2(
    args: tuple[str, ...], message: str, hint: str
) -> None:
    result = run("whatif", "new-yalta", *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: ") and message in lines[0]
    assert hint in result.stderr
    assert "Traceback" not in result.stderr


# -- sweep -----------------------------------------------------------------------------------------


def test_sweep_single_and_pair_cuts(data: str) -> None:
    d = doc("whatif", "deal", "--sweep", "--k", "2", "--data", data)
    assert d["kind"] == "whatif-sweep"
    singles = [([u["id"] for u in r["units"]], round(r["score"], 4)) for r in d["singles"]]
    assert singles == [(["c~d"], 0.8)]
    assert (d["units_swept"], d["harmless"], d["connected_pairs"]) == (2, 1, 1)
    # b-d on top of c-d disconnects a from d (a-b and b-c are structural: never cut)
    doubles = [([u["id"] for u in r["units"]], r["score"], r["alone"]) for r in d["doubles"]]
    assert doubles == [(["b~d", "c~d"], 1.0, [0.0, pytest.approx(0.8, rel=1e-4)])]
    brk = d["smallest_break"]
    assert (brk["size"], [ids(t["ends"]) for t in brk["ties"]]) == (2, [["b", "d"], ["c", "d"]])
    text = run("whatif", "deal", "--sweep", "--data", data).stdout
    assert "cutting Delta – Charlie weakens the best Alpha–Delta chain" in text
    assert "Smallest break: 2 ties (cutting all of these separates Alpha from Delta" in text


def test_sweep_after_a_cut_sweeps_the_cut_graph(data: str) -> None:
    d = doc("whatif", "deal", "--cut", "b~c", "--sweep", "--data", data)
    assert ids(d["cuts"][0]["ends"]) == ["b", "c"]
    # left: a-b-d (0.1); its channel b-d now disconnects (a-b is structural)
    assert [[u["id"] for u in r["units"]] for r in d["singles"]] == [["b~d"]]
    assert all(r["score"] == 1.0 for r in d["singles"])


# -- depends --uncertain ---------------------------------------------------------------------------


def test_depends_uncertain_hand_computed(data: str) -> None:
    d = doc("depends", "deal", "--uncertain", "--samples", str(N), "--data", data)
    assert d["kind"] == "depends-uncertain"
    assert d["holding"]["exact"] is True and d["holding"]["probability"] == 1.0
    assert (d["samples"], d["seed"], d["graph_links"], d["uncertain_links"]) == (N, 0, 4, 1)
    assert "Wilson" in d["interval"]
    rows = [(r["link"]["id"], r["importance"]["probability"]) for r in d["rows"]]
    # a-b is a bridge in every draw; b-c and c-d decide whenever b-d (0.5) is absent;
    # b-d never decides: a-b-c-d is on record
    assert rows[0] == ("a-b", 1.0)
    assert {link for link, _ in rows[1:]} == {"b-c", "c-d"}
    for _, value in rows[1:]:
        assert abs(value - 0.5) < 4 * (0.25 / N) ** 0.5
    assert d["critical_links"] == 3
    text = run("depends", "deal", "--uncertain", "--data", data).stdout
    assert "Holding probability 1.000 (exact)" in text
    assert "10,000 draws, seed 0" in text and "not a forecast" in text


def test_depends_uncertain_is_reproducible_and_seeded() -> None:
    # as of 2016, before Kushner's first-term China channel: the holding is not certain (from
    # 2017 on-record links alone join the three capitals, and every seed gives exactly 1)
    first = doc("depends", "new-yalta", "--uncertain", "--as-of", "2016-12-31", "--seed", "5")
    again = doc("depends", "new-yalta", "--uncertain", "--as-of", "2016-12-31", "--seed", "5")
    other = doc("depends", "new-yalta", "--uncertain", "--as-of", "2016-12-31", "--seed", "6")
    assert first == again
    assert first["holding"]["successes"] != other["holding"]["successes"]
    assert first["holding"]["low"] < first["holding"]["probability"] < first["holding"]["high"]


@pytest.mark.parametrize(
    "args",
    [
        ("depends", "new-yalta", "--uncertain", "--samples", "0"),
        ("depends", "new-yalta", "--uncertain", "--samples", "1000000000000"),
        ("timeline", "new-yalta", "--uncertain", "--samples", "0"),
        ("timeline", "new-yalta", "--uncertain", "--samples", "1000000000000"),
        ("depends", "new-yalta", "--uncertain", "--as-of", "someday"),
    ],
)
def test_sample_counts_and_dates_out_of_bounds_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == "" and result.stderr.startswith("error: ")
    assert "hint: " in result.stderr and "Traceback" not in result.stderr


def test_compare_a_scenario_with_itself_says_so_and_nothing_else(data: str) -> None:
    d = doc("compare", "deal", "The deal", "--data", data)  # one scenario, named two ways
    assert d["same"] is True and (d["a"], d["b"]) == ("deal", "deal")
    assert (d["added_links"], d["removed_links"], d["reweighted"], d["chains"]) == ([], [], [], [])
    assert d["centrality"]["movers"] == [] and d["only_a"] == d["only_b"] == d["both"] == []
    shown = run("compare", "deal", "deal", "--data", data)
    assert shown.exit_code == 0
    assert shown.stdout == "deal and deal are the same scenario: nothing to compare\n"


def test_two_scenarios_with_the_same_links_print_no_empty_table(
    write_dataset: Callable[..., Path],
) -> None:
    idle = """
scenarios:
  - id: idle
    name: Nothing happens
    key_actors: [a, d]
"""
    data = str(write_dataset({"scenarios.yaml": idle}))
    shown = run("compare", "base", "idle", "--data", data)
    assert shown.exit_code == 0, shown.output
    assert "Links: identical, the same 4 links in both" in shown.stdout
    assert "weight in base → idle" not in shown.stdout  # the links table's header
    assert doc("compare", "base", "idle", "--data", data)["same"] is False


def test_whatif_on_key_actors_apart_before_the_cut(write_dataset: Callable[..., Path]) -> None:
    split = """
scenarios:
  - id: split
    name: Split
    key_actors: [a, d]
    removes:
      - link: a-b
      - link: a-d
"""
    root = str(write_dataset({"scenarios.yaml": split}))
    d = doc("whatif", "split", "--cut", "c~d", "--data", root)
    assert d["score"] == 0.0 and d["disconnects"] == []
    assert d["chains"][0]["change"] == "apart"
    assert "none of them are connected even before" in d["summary"]
    sweep = doc("whatif", "split", "--sweep", "--data", root)
    assert sweep["singles"] == [] and sweep["connected_pairs"] == 0
    assert sweep["smallest_break"]["size"] == 0


def test_plain_depends_is_unchanged_by_the_new_options() -> None:
    assert doc("depends", "new-yalta")["kind"] == "depends"


# -- timeline --------------------------------------------------------------------------------------


def test_timeline_hand_computed(data: str) -> None:
    # deal: a-b (undated), b-c (24 October), c-d at 1.0 (2 December), and b-d, which the
    # scenario adds without a date: its hypothesis, counted after every dated day
    d = doc("timeline", "deal", "--data", data)
    assert d["kind"] == "timeline" and d["undated"] == 1  # a-b; b-d is held back
    [start] = d["start_chains"]
    assert start["strength"] == 0 and start["hops"] is None  # a-d is removed: apart
    assert [s["day"] for s in d["days"]] == ["2025-10-24", "2025-12-02"]
    assert [r["link"]["id"] for r in d["days"][0]["entered"]] == ["b-c"]
    assert d["days"][0]["effects"] == []  # b-c alone does not reach d
    # a-b-c-d = 1.0 x 0.5 x 1.0
    assert d["days"][1]["effects"] == ["connects Alpha–Delta (chain 0.50, 3 hops)"]
    last = d["undated_additions"]
    assert last["day"] is None and [r["link"]["id"] for r in last["entered"]] == ["b-d"]
    assert last["effects"] == []  # a-b-d = 0.2 x 0.5 = 0.1, weaker than 0.5
    assert round(last["key_chains"][0]["strength"], 9) == 0.5
    assert d["start_holding"] is None
    text = run("timeline", "deal", "--data", data).stdout
    assert "1 undated links are in force throughout; the scenario's 1 undated addition" in text
    assert text.index("2025-12-02") < text.index("then the scenario's undated additions")
    assert "+ undated additions" in text


def test_timeline_uncertain_only_grows(write_dataset: Callable[..., Path]) -> None:
    from tests.conftest import MINI_SCENARIOS

    dated = MINI_SCENARIOS.replace(
        "        confidence: 0.5\n", "        confidence: 0.5\n        date: 2025-01-01\n"
    )
    data = str(write_dataset({"scenarios.yaml": dated}))
    d = doc("timeline", "deal", "--uncertain", "--samples", str(N), "--data", data)
    assert d["undated_additions"] is None  # a dated addition follows its date
    assert d["start_holding"]["probability"] == 0.0  # a and d apart
    # from 1 January a reaches d only over b-d (confidence 0.5)
    assert [s["day"] for s in d["days"]] == ["2025-01-01", "2025-10-24", "2025-12-02"]
    first, second, third = (s["holding"] for s in d["days"])
    assert abs(first["probability"] - 0.5) < 4 * (0.25 / N) ** 0.5
    assert second["probability"] == first["probability"]  # the same draws
    assert third == {
        "probability": 1.0, "low": 1.0, "high": 1.0, "successes": N, "samples": N, "exact": True,
    }  # fmt: skip
    early = doc("timeline", "deal", "--as-of", "2025-11-01", "--data", data)
    assert [s["day"] for s in early["days"]] == ["2025-01-01", "2025-10-24"]


def test_timeline_of_new_yalta_forms_from_summit_to_december() -> None:
    d = doc("timeline", "new-yalta")
    days = [s["day"] for s in d["days"]]
    # a link counts from the day it has certainly begun: the August summit (2025-08) from
    # 31 August, the Miami talks (24-26 October) from the 24th, the late-October call
    # (2025-10, day unknown) only from 31 October, after Miami, as the source has it
    assert days.index("2025-08-31") < days.index("2025-10-24") < days.index("2025-10-31")
    assert days.index("2025-10-31") < days.index("2025-12-02")
    by_day = {s["day"]: s for s in d["days"]}
    assert "trump-putin-august-summit" in {r["link"]["id"] for r in by_day["2025-08-31"]["entered"]}
    assert "witkoff-dmitriev-miami" in {r["link"]["id"] for r in by_day["2025-10-24"]["entered"]}
    (row,) = by_day["2025-10-31"]["entered"]
    call = row["link"]
    assert call["id"] == "trump-xi-call"
    # reported on 7 December, after its month: its month's last day stands
    assert row["counted"] == {"day": "2025-10-31", "by": "date"}
    assert call["date"] == {
        "text": "2025-10",
        "start": "2025-10-01",
        "end": "2025-10-31",
        "precision": "month",
        "counted_from": "2025-10-31",
    }
    assert any("United States–China" in c for c in by_day["2025-10-31"]["effects"])
    december = {r["link"]["id"] for r in by_day["2025-12-02"]["entered"]}
    assert {"witkoff-putin-moscow", "china-russia-moscow"} <= december
    chains = d["days"][-1]["key_chains"]
    last = {(p["source"]["id"], p["target"]["id"]): p["strength"] for p in chains}
    # us-trump-witkoff-putin-russia: 0.9 x 0.9 (Witkoff-Putin: the Moscow meeting and the
    # "co-opted" claim come from one programme, so the stronger counts), as `depends` shows
    assert round(last[("us", "russia")], 3) == 0.81
    # the scenario's undated US-Russia deal (its hypothesis) comes last, so before the August
    # summit US-Russia rests on the evidence alone: 0.36, not the deal's 0.42
    assert [r["link"]["id"] for r in d["undated_additions"]["entered"]] == ["yalta-economic-deal"]
    early = {(p["source"]["id"], p["target"]["id"]): p for p in by_day["2017-12-31"]["key_chains"]}
    assert round(early[("us", "russia")]["strength"], 2) == 0.36
    text = run("timeline", "新ヤルタ体制").stdout  # scenarios resolve by Japanese name too
    assert "2025-12-02" in text and "strengthens the best United States–Russia chain" in text
    # the imprecision is stated where the call enters
    assert "2025-10-31  (dated 2025-10 (day unknown))" in text
    assert text.index("2025-10-24  (dated 2025-10-24/2025-10-26)") < text.index("2025-10-31")


def test_the_strategy_counts_from_the_programme_that_reports_it() -> None:
    # the strategy's links are dated 2025-12 and reported by the programme of 7 December:
    # they had begun by then, so they count from the 7th, not from 31 December
    d = doc("timeline", "g2")
    by_day = {s["day"]: s for s in d["days"]}
    assert "2025-12-31" not in by_day
    rows = {r["link"]["id"]: r for r in by_day["2025-12-07"]["entered"]}
    assert {"us-issues-nss", "nss-g2-hegemony", "us-china-economic"} <= set(rows)
    assert rows["nss-g2-hegemony"]["counted"] == {"day": "2025-12-07", "by": "report"}
    assert rows["nss-g2-hegemony"]["link"]["date"]["counted_from"] == "2025-12-31"  # as written
    text = run("timeline", "g2").stdout
    assert "2025-12-07  (dated 2025-12 (day unknown); reported 2025-12-07)" in text
    # before the programme the strategy is only possible, and says from when it is certain
    early = doc("links", "--actor", "us-nss", "--as-of", "2025-12-06")
    possible = {r["link"]["id"]: r for r in early["not_counted"]["possible"]}
    assert possible["nss-g2-hegemony"]["counted"] == {"day": "2025-12-07", "by": "report"}
    said = run("links", "--actor", "us-nss", "--as-of", "2025-12-06").stdout
    assert "(certain from 2025-12-07, reported then)" in said
    assert "nss-g2-hegemony" in {
        r["link"]["id"] for r in doc("links", "--as-of", "2025-12-07")["rows"]
    }


def test_timeline_as_of_inside_a_month_shows_the_call_as_possible_not_counted() -> None:
    d = doc("timeline", "new-yalta", "--as-of", "2025-10-05")
    assert "trump-xi-call" not in {r["link"]["id"] for s in d["days"] for r in s["entered"]}
    assert [r["link"]["id"] for r in d["not_counted"]["possible"]] == ["trump-xi-call"]
    # the US-China chain is what it was before the call: the call adds nothing yet
    chains = d["days"][-1]["key_chains"]
    last = {(p["source"]["id"], p["target"]["id"]): p["strength"] for p in chains}
    assert round(last[("us", "china")], 2) == 0.36
    text = run("timeline", "new-yalta", "--as-of", "2025-10-05").stdout
    assert "1 link possibly in force on 2025-10-05, not counted:" in text
    assert "2025-10, day unknown: possibly in force, not counted (certain from 2025-10-31)" in text


def test_timeline_errors() -> None:
    for args in (("nope",), ("new-yalta", "--as-of", "yesterday"), ("new-yalta", "--seed", "2")):
        result = run("timeline", *args)
        assert result.exit_code == ExitCode.USAGE, args
        assert result.stderr.startswith("error: ")
