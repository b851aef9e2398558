"""`signposts`: per scenario, seen and not yet, by diagnosticity; proposals from `depends`.

A tiny hand-built dataset whose dependency scores are worked out by hand:

    a --0.5-- b --0.5-- c --1.0-- d ==leads== e        a --0.2-- c (economic_tie)

Every actor is a state (its own side) but e, a leader of no side; each tie is a channel of
its own (`depends`' rows), but d~e, a `leads` link: structural, never cut.

- s1, key actors a and b: a-b is 0.5; cutting a~b leaves a-c-b (0.2 x 0.5 = 0.1), a loss of
  1 - 0.1/0.5 = 0.8; cutting b~c or a~c loses nothing (a-b stands).
- s2, key actors b and c: b-c is 0.5; cutting it leaves b-a-c (0.1): 0.8.
- s3, key actors b and e: b-c-d-e is 0.5; cutting b~c leaves b-a-c-d-e (0.1): 0.8; cutting
  c~d disconnects them: 1. Different damage, so not one channel in series. d~e is never cut.

So s1 alone depends on a~b (proposed), s2 on b~c, which s3 depends on too (nothing of its
own), s3 on c~d (proposed; b~c is not, s2 depends on it).
"""

from __future__ import annotations

from datetime import date

import pytest

from scenarios.model import (
    Actor,
    Dataset,
    Link,
    Observation,
    Period,
    Programme,
    Scenario,
    Signpost,
)
from scenarios.reports.signposts import scoring_units, signposts_report
from scenarios.vocab import ActorKind, LinkType

# the scores are products of true weights (the path tie-break never reaches a reported value):
# exact up to float rounding
TIE_BREAK = 1e-12


def _link(ident: str, u: str, v: str, kind: LinkType, strength: float) -> Link:
    return Link(ident, u, v, kind, strength, 1.0)


@pytest.fixture
def toy() -> Dataset:
    actors = (
        *tuple(Actor(a, a.upper(), ActorKind.STATE) for a in "abcd"),
        Actor("e", "E", ActorKind.LEADER),
    )
    links = (
        _link("a-b", "a", "b", LinkType.NEGOTIATES_WITH, 0.5),
        _link("b-c", "b", "c", LinkType.NEGOTIATES_WITH, 0.5),
        _link("a-c", "a", "c", LinkType.ECONOMIC_TIE, 0.2),
        _link("c-d", "c", "d", LinkType.SUPPORTS, 1.0),
        _link("e-d", "e", "d", LinkType.LEADS, 1.0),
    )
    scenarios = (
        Scenario("s1", "One", ("a", "b")),
        Scenario("s2", "Two", ("b", "c")),
        Scenario("s3", "Three", ("b", "e")),
    )
    seen = Observation("seen", Period.parse("2025-12-02"), speaker="x", programme="p")
    signposts = (
        Signpost("everyone", "expected by all", ("s1", "s2", "s3")),
        Signpost("one", "expected by s1 only", ("s1",), bears_on=("a-b",)),
        Signpost("split", "for s1, against s2", ("s1",), ("s2",), observations=(seen,)),
    )
    return Dataset(
        actors,
        links,
        scenarios,
        programmes=(Programme("p", "P", date(2025, 12, 7)),),
        signposts=signposts,
    )


def test_scoring_units_are_the_channels_with_a_score(toy: Dataset) -> None:
    def scores(scenario: str) -> dict[str, float]:
        return {unit.channel.id: unit.score for unit in scoring_units(toy, scenario)}

    assert scores("s1") == pytest.approx({"a~b": 0.8}, abs=TIE_BREAK)
    assert scores("s2") == pytest.approx({"b~c": 0.8}, abs=TIE_BREAK)
    # not d~e: `leads` is structural, never part of a channel
    assert scores("s3") == pytest.approx({"c~d": 1.0, "b~c": 0.8}, abs=TIE_BREAK)
    (c_d, b_c) = scoring_units(toy, "s3")
    assert (c_d.channel.name, [a.id for a in c_d.actors], [x.id for x in c_d.links]) == (
        "C – D",
        ["c", "d"],
        ["c-d"],
    )
    assert b_c.ties == frozenset({("b", "c")})


def test_proposed_signposts_are_what_only_one_scenario_depends_on(toy: Dataset) -> None:
    report = signposts_report(toy)
    proposed = {
        s.scenario.id: [("~".join(a.id for a in p.actors), p.score, p.others) for p in s.proposed]
        for s in report.scenarios
    }
    assert proposed["s1"] == [("a~b", pytest.approx(0.8, abs=TIE_BREAK), ("Two", "Three"))]
    assert proposed["s2"] == []  # b~c: s3 depends on it too
    assert proposed["s3"] == [("c~d", pytest.approx(1.0, abs=TIE_BREAK), ("One", "Two"))]
    (a_b,) = report.scenarios[0].proposed
    assert a_b.watched_by == ("one",)  # signpost `one` bears on the a-b link
    assert a_b.text == (
        "watch for renewed contact on the A – B channel [negotiates_with]: One depends on it "
        "(score 0.800); Two and Three do not"
    )


def test_signposts_by_diagnosticity_seen_and_not_yet(toy: Dataset) -> None:
    def listing(as_of: date | None) -> tuple[list[tuple[str, str, float]], list[str]]:
        (s1,) = signposts_report(toy, "s1", as_of=as_of).scenarios
        waiting = [(r.signpost.id, r.stance, r.diagnosticity) for r in s1.not_yet]
        return waiting, [r.signpost.id for r in s1.observed]

    waiting, observed = listing(date(2025, 12, 1))
    assert waiting == [
        ("split", "points_to", 1.0),
        ("one", "points_to", pytest.approx(2 / 3)),
        ("everyone", "points_to", 0.0),
    ]
    assert observed == []
    waiting, observed = listing(date(2025, 12, 2))
    assert (observed, [w[0] for w in waiting]) == (["split"], ["one", "everyone"])
    (s2,) = signposts_report(toy, "s2").scenarios
    assert [(r.signpost.id, r.stance, r.why) for r in s2.observed] == [
        ("split", "against", "tells apart all 3 pairs of scenarios")
    ]
    assert [r.why for r in s2.not_yet] == [
        "every scenario takes the same stance on it: it tells nothing"
    ]


def test_known_by_leaves_out_signposts_raised_later(toy: Dataset) -> None:
    raised = Observation("said on air", programme="p")
    late = Signpost("late", "raised on 7 December", ("s1",), raised_by=(raised,))
    ds = Dataset(toy.actors, toy.links, toy.scenarios, programmes=toy.programmes, signposts=(late,))
    report = signposts_report(ds.as_known_by(date(2025, 12, 6)), "s1")
    assert (report.scenarios[0].not_yet, report.unraised) == ((), ("late",))
    report = signposts_report(ds.as_known_by(date(2025, 12, 7)), "s1")
    assert [r.signpost.id for r in report.scenarios[0].not_yet] == ["late"]
