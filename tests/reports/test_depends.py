"""`depends` on a tiny dataset built by hand: scenario beside base, what the scenario's changes
carry, tensions, zero rows hidden, evidence combined by source, adversarial links never a route.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scenarios.graph import build_graph
from scenarios.model import (
    Actor,
    Dataset,
    Evidence,
    Link,
    LinkChange,
    LinkRemoval,
    Period,
    Scenario,
)
from scenarios.reports.depends import Ranking, depends_report, ties_report
from scenarios.vocab import ActorKind as K
from scenarios.vocab import LinkType as T

ACTORS = (
    Actor("a", "Alpha", K.STATE),
    Actor("b", "Bravo", K.STATE),
    Actor("c", "Charlie", K.STATE),
    Actor("e", "Echo", K.ENVOY, affiliation="a"),
    Actor("x", "X-ray plan", K.DOCUMENT),
)
BASE = (
    Link("a-b", "a", "b", T.ECONOMIC_TIE, 0.5, 1.0),
    Link("e-a", "e", "a", T.MEMBER_OF, 0.9, 1.0),
    Link("e-b", "e", "b", T.NEGOTIATES_WITH, 0.6, 1.0),
    Link("b-c", "b", "c", T.SUPPORTS, 0.5, 1.0),
    Link("e-x", "e", "x", T.OPPOSES, 0.9, 0.5),
    Link("b-x", "b", "x", T.CLAIMS, 0.4, 1.0),
)
# the scenario adds direct talks between a and b and strengthens e's talks with b
DEAL = Scenario(
    "deal",
    "The deal",
    ("a", "b", "c"),
    adds=(Link("talks", "a", "b", T.NEGOTIATES_WITH, 0.8, 1.0),),
    changes=(LinkChange("e-b", 0.7),),
)
DATA = Dataset(ACTORS, BASE, (DEAL,))


def test_scenario_beside_base_and_what_only_it_depends_on_first() -> None:
    report = depends_report(DATA, "deal")
    # scenario: the a-b tie merges the trade (0.5) and the talks (0.8), no shared source:
    # 1 - 0.5 x 0.2 = 0.9 beats a-e-b = 0.9 x 0.7 = 0.63. Pairs: a-b 0.9, a-c 0.45, b-c 0.5.
    # base: a-b = a-e-b = 0.9 x 0.6 = 0.54 beats the trade 0.5; a-c 0.27; b-c 0.5.
    strengths = [(p.source.id, p.target.id, p.strength, p.base_strength) for p in report.pairs]
    assert strengths == [
        ("a", "b", pytest.approx(0.9), pytest.approx(0.54)),
        ("a", "c", pytest.approx(0.45), pytest.approx(0.27)),
        ("b", "c", pytest.approx(0.5), pytest.approx(0.5)),
    ]
    # cutting a-b: a-b and a-c fall to 0.63 / 0.9 of their strength, b-c keeps 0.5:
    # score (0.3 + 0.3) / 3 = 0.2; in the base graph a-b carries no strongest chain: 0.
    # cutting b-c disconnects two pairs of three, here and in the base graph: 2/3.
    rows = [(r.id, round(r.score, 9), round(r.base_score, 9), r.only_here) for r in report.rows]
    assert rows == [("a~b", 0.2, 0.0, True), ("b~c", round(2 / 3, 9), round(2 / 3, 9), False)]
    by_score = depends_report(DATA, "deal", ranking=Ranking.SCORE)
    assert [r.id for r in by_score.rows] == ["b~c", "a~b"]
    assert report.rows[0].name == "Alpha – Bravo"
    assert report.rows[0].types == ("economic_tie", "negotiates_with")


def test_zero_score_channels_are_never_listed_and_the_rest_are_counted() -> None:
    report = depends_report(DATA, "deal")
    # three channels: a-b, b-c and e-b (through the envoy); e-b scores 0 in the scenario
    assert report.scoring == 2 and report.channels == 3
    assert all(r.score > 0 for r in report.rows)
    assert report.redundancy == (
        "2 channels carry The deal's key chains; the other 1 is redundant (cutting any one "
        "alone leaves every key pair as strongly connected as before)"
    )
    assert depends_report(DATA, "deal", top=1).redundancy is None


def test_what_the_scenario_changes_carries() -> None:
    report = depends_report(DATA, "deal")
    changes = {c.link.id: (c.status.value, c.carries, c.why) for c in report.scenario_changes}
    assert changes["talks"][:2] == ("added", True)
    assert changes["talks"][2].startswith("part of the Alpha – Bravo channel, which carries")
    # e-b at 0.7: the best a-b chain through it is a-e-b = 0.63, below the direct 0.9
    assert changes["e-b"] == (
        "strengthened",
        False,
        "weaker than the chains it would join: best Alpha–Bravo via it 0.63 vs 0.90",
    )


def test_a_change_is_weighed_by_chains_that_visit_no_actor_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a - h - b is the strongest chain (0.81). x-y: its best chain by the formula alone,
    # a-h-x (0.72) x 0.5 x y-h-b (0.72) = 0.26, visits h twice; the best chain that does not
    # is a-h-x-y-b = 0.9 x 0.8 x 0.5 x 0.2 = 0.072. h-z: z is a dead end, no chain passes it.
    actors = tuple(
        Actor(i, i.upper(), K.STATE if i in "ab" else K.DOCUMENT)
        for i in ("a", "b", "h", "x", "y", "z")
    )
    links = (
        Link("a-h", "a", "h", T.ECONOMIC_TIE, 0.9, 1.0),
        Link("h-b", "h", "b", T.ECONOMIC_TIE, 0.9, 1.0),
        Link("h-x", "h", "x", T.ECONOMIC_TIE, 0.8, 1.0),
        Link("h-y", "h", "y", T.ECONOMIC_TIE, 0.8, 1.0),
        Link("y-b", "y", "b", T.ECONOMIC_TIE, 0.2, 1.0),
        Link("x-y", "x", "y", T.ECONOMIC_TIE, 0.4, 1.0),
        Link("h-z", "h", "z", T.ECONOMIC_TIE, 0.4, 1.0),
    )
    scenario = Scenario(
        "s", "S", ("a", "b"), changes=(LinkChange("x-y", 0.5), LinkChange("h-z", 0.6))
    )
    report = depends_report(Dataset(actors, links, (scenario,)), "s")
    why = {c.link.id: c.why for c in report.scenario_changes}
    assert why == {
        "x-y": "weaker than the chains it would join: best A–B via it 0.07 vs 0.81",
        "h-z": "joins no key-actor chain",
    }
    # past MAX_SIMPLE_SEARCH_TIES ties the search is not run: the formula's figure, as a bound
    from scenarios.analysis import dependency

    monkeypatch.setattr(dependency, "MAX_SIMPLE_SEARCH_TIES", 3)
    report = depends_report(Dataset(actors, links, (scenario,)), "s")
    why = {c.link.id: c.why for c in report.scenario_changes}
    assert why == {
        "x-y": "weaker than the chains it would join: best A–B via it at most 0.26 vs 0.81",
        "h-z": "weaker than the chains it would join: best A–B via it at most 0.29 vs 0.81",
    }


def test_a_removal_says_what_the_link_did_in_the_base_graph() -> None:
    # base graph, key actors a, b, c: the strongest a-b chain is a-e-b = 0.9 x 0.6 = 0.54,
    # above the trade a-b (0.5); so e-b is on it and a-b on no strongest key-actor chain
    removes = (LinkRemoval("e-b"), LinkRemoval("a-b"), LinkRemoval("e-x"))
    cut = Scenario("cut", "Cut", ("a", "b", "c"), removes=removes)
    report = depends_report(Dataset(ACTORS, BASE, (cut,)), "cut")
    assert {c.link.id: c.why for c in report.scenario_changes} == {
        "e-b": "removed: in the base graph its tie is on the strongest Alpha–Bravo chain",
        "a-b": "removed: in the base graph no strongest key-actor chain runs through its tie",
        # e opposes x: it never carried anything
        "e-x": "removed; adversarial: a tension, never a route (see Tensions)",
    }


def test_adversarial_links_are_tensions_and_never_a_route() -> None:
    graph = build_graph(DATA.view("deal"))
    assert not graph.has_edge("e", "x") and not graph.has_edge("b", "x")
    report = depends_report(DATA, "deal")
    tensions = [(t.link.id, t.why) for t in report.tensions]
    # strongest first (0.45, 0.4); b is a key actor, e a member of a key actor's side
    assert tensions == [
        ("e-x", "bears on the Alpha side (Echo)"),
        ("b-x", "bears on Bravo, a key actor"),
    ]


def test_links_from_one_source_count_once() -> None:
    said = (Evidence("met", speaker=None, programme="p"),)
    meeting = Link("met", "a", "b", T.NEGOTIATES_WITH, 0.8, 1.0, evidence=said)
    rumour = Link("heard", "a", "b", T.INFLUENCES, 0.7, 0.4, evidence=said)
    other = Link("cited", "a", "b", T.SUPPORTS, 0.5, 1.0, evidence=(Evidence("x", cites="X"),))
    actors = (Actor("a", "A", K.STATE), Actor("b", "B", K.STATE))
    one_source = build_graph(Dataset(actors, (meeting, rumour)).view())
    # one programme: the strongest claim, 0.8, not 1 - 0.2 x 0.72 = 0.856
    assert one_source.adj["a"]["b"]["weight"] == 0.8
    two_sources = build_graph(Dataset(actors, (meeting, rumour, other)).view())
    assert two_sources.adj["a"]["b"]["weight"] == pytest.approx(1 - 0.2 * 0.5)
    # a link that cites X and names programme p joins both sources: all one group
    both = Link("both", "a", "b", T.SUPPORTS, 0.1, 1.0, evidence=(*said, Evidence("y", cites="x")))
    joined = build_graph(Dataset(actors, (meeting, rumour, other, both)).view())
    assert joined.adj["a"]["b"]["weight"] == 0.8
    # without evidence (bulk data) every link is its own source: noisy-OR as before
    bare = (Link("p", "a", "b", T.SUPPORTS, 0.5, 1.0), Link("q", "a", "b", T.SUPPORTS, 0.5, 1.0))
    assert build_graph(Dataset(actors, bare).view()).adj["a"]["b"]["weight"] == 0.75


def test_connected_by_keeps_only_its_types_and_the_side_links() -> None:
    held = Scenario("held", "Held", ("a", "c"), connected_by=(T.SUPPORTS,))
    graph = build_graph(Dataset(ACTORS, BASE, (held,)).view("held"))
    # supports carries; e's membership of a is a side link (structural, one side): carries;
    # trade and talks do not
    assert sorted((u, v) for u, v, _ in graph.edges()) == [("a", "e"), ("b", "c")]


def test_single_ties_stay_available() -> None:
    report = ties_report(DATA, "deal")
    assert [(r.tie.ends[0].id, r.tie.ends[1].id) for r in report.rows][:2] == [
        ("b", "c"),
        ("a", "b"),
    ]
    assert report.cut_candidates == 3  # a-b, b-c, b-e; a-e is structural


def test_a_group_search_that_reaches_its_bound_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from scenarios.analysis import channels

    monkeypatch.setattr(channels, "MAX_GROUP_SETS", 2)
    report = depends_report(DATA, "deal")
    assert report.groups_searched == "partial" and report.sets_evaluated == 2
    assert report.groups_note is not None and "stopped at 2 sets" in report.groups_note
    assert "whatif --sweep --k 2" in report.groups_note


def test_with_no_key_pair_connected_the_note_says_there_is_nothing_to_cut() -> None:
    # without b-c, Charlie has no tie: the one key pair a-c is not connected, so no channel
    # scores, groups are not searched, and the note says that is why (not the graph's size)
    apart = Dataset(
        ACTORS,
        tuple(link for link in BASE if link.id != "b-c"),
        (Scenario("s", "Apart", ("a", "c")),),
    )
    report = depends_report(apart, "s")
    assert [p.strength for p in report.pairs] == [0.0] and report.rows == ()
    assert (report.groups, report.groups_searched) == ((), "nothing_to_cut")
    assert report.groups_note == (
        "no key pair is connected, so there is nothing to cut: groups of channels were not searched"
    )
    # a-b and b~e (through the envoy): neither carries a chain, and nothing points to groups
    assert report.redundancy == (
        "No channel alone carries Apart's key chains: cutting any one of the 2 leaves every key "
        "pair as strongly connected as before"
    )


def test_a_tie_only_the_base_graph_has_gives_the_same_answer_on_both_engines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scenarios.analysis import engine

    # the scenario removes e-b, the only link of its tie: the base graph has a tie the
    # scenario's does not, which the compiled engine must reserve arcs for
    cut = Scenario("cut", "Cut", ("a", "b", "c"), removes=(LinkRemoval("e-b"),))
    data = Dataset(ACTORS, BASE, (cut,))
    python = depends_report(data, "cut")
    monkeypatch.setattr(engine, "COMPILED_ABOVE", 0)
    compiled = depends_report(data, "cut")
    assert (python.engine, compiled.engine) == ("python", "compiled")
    rows = [(r.id, r.score, r.base_score) for r in python.rows]
    assert [(r.id, r.score, r.base_score) for r in compiled.rows] == [
        (i, pytest.approx(s, abs=1e-12), pytest.approx(b, abs=1e-12)) for i, s, b in rows
    ]
    # without e-b, the trade a-b (0.5) is the only a-b chain: its cut disconnects a-b and a-c
    # (2/3); in the base graph a-e-b (0.54) is stronger, so the trade scores 0 there: new,
    # ranked before b-c (2/3 on both sides)
    assert rows[0] == ("a~b", pytest.approx(2 / 3), 0.0)
    assert rows[1] == ("b~c", pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert [p.base_strength for p in compiled.pairs] == [
        pytest.approx(p.base_strength, abs=1e-12) for p in python.pairs
    ]


def test_channels_pivots_and_tensions_follow_the_clocks_and_sourced_only() -> None:
    """The tie graph `depends` ranks is built from the view every command takes: `--as-of` by
    the view's rule, `--known-by` and `--sourced-only` on the dataset (docs/whatif.md, "Two
    clocks"); channels, pivots and tensions inherit it, on this tiny graph:

        a ==member_of== p --0.9 (dated 2025-10, reported 7 Dec)-- b
        a --0.5 (background)-- c --0.5-- b          q --opposes (dated 2025-11-15)--> p

    p, an official of a, is of a's side (a~p organises it: never cut). Once p~b counts (from
    31 October, the last day of its month), the a-b chain is a-p-b = 0.9 and the channel p~b
    scores 1 - 0.25/0.9 = 0.7222 (the detour a-c-b is 0.5 x 0.5); the key pair runs through p
    personally (the same 0.7222). Before, the chain is a-c-b = 0.25, made of two channels in
    series (each cut disconnects: one row, score 1) and nobody to run through. q's opposition
    to p is a tension only once it counts (15 November) and p is of a key actor's side.
    """
    from scenarios.model import Period, Programme

    reported = (Evidence("p met b", programme="prog"),)
    actors = (
        Actor("a", "A", K.STATE),
        Actor("b", "B", K.STATE),
        Actor("c", "C", K.STATE),
        Actor("p", "P", K.OFFICIAL, affiliation="a"),
        Actor("q", "Q", K.INSTITUTION),
    )
    links = (
        Link("a-p", "p", "a", T.MEMBER_OF, 1.0, 1.0),
        Link("p-b", "p", "b", T.NEGOTIATES_WITH, 0.9, 1.0, Period.parse("2025-10"),
             evidence=reported),
        Link("a-c", "a", "c", T.SUPPORTS, 0.5, 1.0, background="everyone knows"),
        Link("c-b", "c", "b", T.SUPPORTS, 0.5, 1.0),
        Link("q-p", "q", "p", T.OPPOSES, 0.6, 1.0, Period.parse("2025-11-15")),
    )  # fmt: skip
    ds = Dataset(
        actors,
        links,
        (Scenario("s", "S", ("a", "b")),),
        programmes=(Programme("prog", "Prog", date(2025, 12, 7)),),
    )

    def read(
        data: Dataset, day: date | None
    ) -> tuple[list[tuple[str, float]], list[str], list[str]]:
        report = depends_report(data, "s", as_of=day)
        rows = [(r.id, round(r.score, 4)) for r in report.rows]
        return rows, [p.actor.id for p in report.pivots], [t.link.id for t in report.tensions]

    assert read(ds, date(2025, 10, 30)) == ([("a~c", 1.0)], [], [])  # a-c-b, in series
    assert read(ds, date(2025, 10, 31)) == ([("b~p", 0.7222)], ["p"], [])
    assert read(ds, date(2025, 11, 15)) == ([("b~p", 0.7222)], ["p"], ["q-p"])
    assert read(ds, None) == ([("b~p", 0.7222)], ["p"], ["q-p"])
    # --known-by before the programme: p-b has no evidence known yet, as if before October
    assert read(ds.as_known_by(date(2025, 12, 6)), None) == ([("a~c", 1.0)], [], ["q-p"])
    # --sourced-only, before the meeting: without the background a-c, b is cut off from a
    assert read(ds.sourced_only(), date(2025, 10, 30)) == ([], [], [])
    # the same holds for the base graph beside the scenario: its score is taken on the same day
    (row,) = depends_report(ds, "s", as_of=date(2025, 10, 30)).rows
    assert row.base_score == row.score == 1.0


# A hub h with three key actors x, y, z (0.5 each) and weak direct x-y and x-z ties (0.1).
# Cutting x-h weakens x-y from 0.25 to 0.1 and x-z from 0.25 to 0.1: both lose 60%, exactly.
HUB = Dataset(
    (
        Actor("h", "Hub", K.INSTITUTION),
        Actor("x", "Xray", K.STATE),
        Actor("y", "Yankee", K.STATE),
        Actor("z", "Zulu", K.STATE),
    ),
    (
        Link("x-h", "x", "h", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("y-h", "y", "h", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("z-h", "z", "h", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("x-y", "x", "y", T.NEGOTIATES_WITH, 0.1, 1.0),
        Link("x-z", "x", "z", T.NEGOTIATES_WITH, 0.1, 1.0),
    ),
    (Scenario("xyz", "X, Y, Z", ("x", "y", "z")), Scenario("xzy", "X, Z, Y", ("x", "z", "y"))),
)


@pytest.mark.parametrize(("scenario", "named"), [("xyz", "Xray–Yankee"), ("xzy", "Xray–Zulu")])
def test_a_cut_that_hurts_pairs_equally_names_the_first_key_pair_everywhere(
    scenario: str, named: str
) -> None:
    # equal damages (0.6 each): the pair named is the first in key-pair order (the pairs
    # table's), in depends (channels and single ties), the sweep and whatif alike
    from scenarios.reports.whatif import sweep_report, whatif_report

    sentence = f"weakens the best {named} chain from 0.25 to 0.10 (-60%)"
    report = depends_report(HUB, scenario)
    [row] = [r for r in report.rows if r.id == "h~x"]
    assert row.score == pytest.approx((0.6 + 0.6) / 3, abs=1e-12)
    assert sentence in row.why
    [tie_row] = [
        r for r in ties_report(HUB, scenario).rows if {a.id for a in r.tie.ends} == {"h", "x"}
    ]
    assert sentence in tie_row.why
    [single] = [s for s in sweep_report(HUB, scenario).singles if s.units[0].id == "h~x"]
    assert sentence in single.why
    summary = whatif_report(HUB, scenario, cuts=["x~h"]).summary
    assert summary.endswith(f"; the best {named} chain weakens from 0.25 to 0.10")


def test_a_tie_no_cut_hurts_names_the_first_key_pair_whose_routes_it_is_one_of() -> None:
    # key actors z, a, b: pairs in key-pair order (z, a), (z, b), (a, b); by id (a, b) sorts
    # first. a~x is on a weak second route of both z-a (a-z 0.9 | a-x-z 0.01) and a-b
    # (a-z-b 0.81 | a-x-b 0.01): two independent routes each, and a~x in a minimum cut of
    # both; the strongest chains do not use it (score 0). The sentence names (z, a).
    actors = tuple(
        Actor(i, n, K.STATE)
        for i, n in (("z", "Zulu"), ("a", "Alpha"), ("b", "Bravo"), ("x", "X-ray"))
    )
    links = (
        Link("a-z", "a", "z", T.ECONOMIC_TIE, 0.9, 1.0),
        Link("b-z", "b", "z", T.ECONOMIC_TIE, 0.9, 1.0),
        Link("a-x", "a", "x", T.ECONOMIC_TIE, 0.1, 1.0),
        Link("x-z", "x", "z", T.ECONOMIC_TIE, 0.1, 1.0),
        Link("b-x", "b", "x", T.ECONOMIC_TIE, 0.1, 1.0),
    )
    data = Dataset(actors, links, (Scenario("s", "S", ("z", "a", "b")),))
    [row] = [r for r in ties_report(data, "s").rows if {e.id for e in r.tie.ends} == {"a", "x"}]
    assert row.score == 0
    assert row.why == (
        "one of the 2 independent routes between Zulu and Alpha (cutting Alpha – X-ray leaves 1); "
        "the strongest chains do not need it"
    )  # a tie's name is spaced, as a channel's is: a dash inside a name stays readable


def test_channels_in_series_are_one_row_and_none_of_them_is_redundant() -> None:
    # x - p - z through a plan p (of no side): x~p and p~z are channels of their own, each cut
    # disconnects the only key pair, and so does the joint cut: one row of two channels in
    # series; the graph has no other channel, so none is redundant
    data = Dataset(
        (Actor("x", "Xray", K.STATE), Actor("z", "Zulu", K.STATE), Actor("p", "Plan", K.DOCUMENT)),
        (
            Link("x-p", "x", "p", T.PROPOSES, 0.5, 1.0),
            Link("p-z", "p", "z", T.CONCERNS, 0.4, 1.0),
        ),
        (Scenario("plan", "The plan", ("x", "z")),),
    )
    report = depends_report(data, "plan")
    [row] = report.rows
    assert (row.id, row.name, row.score) == ("p~x", "Xray – Plan – Zulu", 1.0)
    assert [part.id for part in row.parts] == ["p~x", "p~z"]
    assert report.channels == 2 and report.scoring == 1
    assert report.redundancy == "1 channel carries The plan's key chains; there are no others"


def test_changes_the_known_by_clock_keeps_out_are_said_not_counted() -> None:
    # the scenario reweights e-b and adds talks; both are reported by a paper of 7 December
    # (a date of its own), so on 1 December neither is known: --known-by leaves them out before
    # the view, and depends still lists them, as the --as-of clock's are
    said = (Evidence("reported", cites="a paper", date=Period.parse("2025-12-07")),)
    base = tuple(replace(link, evidence=said) if link.id == "e-b" else link for link in BASE)
    deal = replace(
        DEAL, adds=(replace(DEAL.adds[0], evidence=said),), changes=(LinkChange("e-b", 0.7),)
    )
    early = Dataset(ACTORS, base, (deal,)).as_known_by(date(2025, 12, 1))
    report = depends_report(early, "deal")
    changes = {c.link.id: (c.status.value, c.carries, c.why) for c in report.scenario_changes}
    assert set(changes) == {"e-b", "talks"}
    assert changes["e-b"][:2] == ("strengthened", False)
    assert changes["talks"][:2] == ("added", False)
    assert all(why.startswith("not counted on this day") for _, _, why in changes.values())
    assert changes["e-b"] == (
        "strengthened",
        False,
        "not counted on this day (not certainly begun, or not yet reported): carries nothing yet",
    )
