"""Model: dates, name resolution, scenario views."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scenarios.errors import NotFound, UsageError
from scenarios.model import Dataset, LinkStatus, Period, Precision, parse_day
from tests.conftest import MINI_SCENARIOS


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025-12-02", date(2025, 12, 2), date(2025, 12, 2)),
        ("2025-08", date(2025, 8, 1), date(2025, 8, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("2025-10-24/2025-10-26", date(2025, 10, 24), date(2025, 10, 26)),
        ("2017/2021", date(2017, 1, 1), date(2021, 12, 31)),
    ],
)
def test_period_parse(text: str, start: date, end: date) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.text) == (start, end, text)


@pytest.mark.parametrize(
    "text", ["2025-13-01", "2025-02-30", "yesterday", "2025-12-02/2025-12-01", "25-12-02"]
)
def test_period_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"date|range"):
        Period.parse(text)


def test_parse_day_is_a_usage_error() -> None:
    assert parse_day("2025-10") == date(2025, 10, 31)
    with pytest.raises(UsageError, match="not a date"):
        parse_day("next week")


@pytest.mark.parametrize(
    "query",
    [
        "witkoff",
        "Witkoff",
        "STEVE WITKOFF",
        "ウィトコフ",
        "ｳｨﾄｺﾌ",
        "ウィトコフ特使",
        "Steven Witkoff",
    ],
)
def test_resolve_actor_by_any_name(seed: Dataset, query: str) -> None:
    assert seed.resolve_actor(query).id == "witkoff"


def test_resolve_actor_by_unique_word(seed: Dataset) -> None:
    assert seed.resolve_actor("jinping").id == "xi"


def test_resolve_actor_miss_suggests(seed: Dataset) -> None:
    with pytest.raises(NotFound) as info:
        seed.resolve_actor("witkof")
    assert info.value.suggestions[0].startswith("witkoff")
    assert "did you mean" in (info.value.hint or "")


def test_resolve_scenario_by_name_and_japanese(seed: Dataset) -> None:
    assert seed.resolve_scenario("New Yalta").id == "new-yalta"
    assert seed.resolve_scenario("新ヤルタ体制").id == "new-yalta"
    with pytest.raises(NotFound, match="no scenario matches 'new-yolta'") as info:
        seed.resolve_scenario("new-yolta")
    assert info.value.suggestions == ("new-yalta",)


def test_view_applies_changes_removals_and_additions(mini: Dataset) -> None:
    view = mini.view("deal")
    by_id = {link.id: link for link in view.links}
    assert set(by_id) == {"a-b", "b-c", "c-d", "b-d"}
    assert by_id["c-d"].strength == 1.0
    assert view.status["c-d"] is LinkStatus.STRENGTHENED
    assert view.status["b-d"] is LinkStatus.ADDED
    assert view.status["a-b"] is LinkStatus.BASE
    assert [link.id for link in view.removed] == ["a-d"]
    # the base graph is untouched
    assert mini.link_by_id["c-d"].strength == 0.5
    assert {link.id for link in mini.view().links} == {"a-b", "b-c", "c-d", "a-d"}


def test_view_as_of_drops_links_not_yet_in_evidence(mini: Dataset) -> None:
    before_miami = mini.view(None, as_of=date(2025, 10, 23))
    assert {link.id for link in before_miami.links} == {"a-b", "a-d"}
    assert {link.id for link in before_miami.not_yet} == {"b-c", "c-d"}
    during = mini.view(None, as_of=date(2025, 10, 24))
    assert {link.id for link in during.links} == {"a-b", "a-d", "b-c"}


def test_dataset_equality_ignores_origin(mini: Dataset) -> None:
    copy = Dataset(
        mini.actors,
        mini.links,
        mini.scenarios,
        mini.speakers,
        mini.programmes,
        mini.signposts,
        origin="elsewhere",
    )
    assert copy == mini


def test_not_found_hint_names_a_real_listing_command(seed: Dataset) -> None:
    with pytest.raises(NotFound) as info:
        seed.resolve_scenario("zzzz")
    assert info.value.hint == "list them with `scenarios list`"


def test_make_link_builds_the_same_frozen_link() -> None:
    import dataclasses

    from scenarios.model import Link, make_link
    from scenarios.vocab import LinkType

    fields = ("x", "a", "b", LinkType.SUPPORTS, 0.5, 1.0, Period.parse("2025"), "l", (), "n")
    made, called = make_link(*fields), Link(*fields)
    assert type(made) is Link
    assert made == called
    assert hash(made) == hash(called)
    assert dataclasses.replace(made, strength=0.2).strength == 0.2
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.strength = 0.1  # type: ignore[misc]


# -- the two clocks: --as-of (when it held) and --known-by (when we knew) -----------------------


@pytest.mark.parametrize(
    ("text", "counted_from", "precision"),
    [
        ("2025-12-02", date(2025, 12, 2), Precision.DAY),
        ("2025-10", date(2025, 10, 31), Precision.MONTH),
        ("2024-02", date(2024, 2, 29), Precision.MONTH),
        ("2017", date(2017, 12, 31), Precision.YEAR),
        ("2025-10-24/2025-10-26", date(2025, 10, 24), Precision.DAY),  # the first day of A
        ("2017/2021", date(2017, 12, 31), Precision.YEAR),  # the last day of A
        ("2025-03/2025-12-07", date(2025, 3, 31), Precision.MONTH),  # the coarsest part
    ],
)
def test_a_period_counts_from_the_last_day_of_its_start_part(
    text: str, counted_from: date, precision: Precision
) -> None:
    period = Period.parse(text)
    assert (period.counted_from, period.precision) == (counted_from, precision)


def _dated(*links: tuple[str, str | None]) -> Dataset:
    from scenarios.model import Actor, Link
    from scenarios.vocab import ActorKind, LinkType

    actors = tuple(Actor(a, a.upper(), ActorKind.STATE) for a in ("a", "b", "c"))
    return Dataset(
        actors,
        tuple(
            Link(ident, "a", "b", LinkType.SUPPORTS, 1.0, 1.0, Period.parse(when) if when else None)
            for ident, when in links
        ),
    )


def test_a_month_dated_link_counts_only_on_the_last_day_of_its_month() -> None:
    ds = _dated(("call", "2025-10"), ("undated", None))
    for day in (1, 30):  # inside October the call may have happened: possible, never counted
        view = ds.view(None, as_of=date(2025, 10, day))
        assert [link.id for link in view.links] == ["undated"]
        assert [link.id for link in view.possible] == ["call"]
        assert view.not_yet == ()
    on_31 = ds.view(None, as_of=date(2025, 10, 31))
    assert [link.id for link in on_31.links] == ["call", "undated"]
    assert on_31.possible == ()
    before = ds.view(None, as_of=date(2025, 9, 30))
    assert ([link.id for link in before.not_yet], before.possible) == (["call"], ())


def test_a_day_range_counts_from_its_first_day() -> None:
    ds = _dated(("miami", "2025-10-24/2025-10-26"))
    assert [link.id for link in ds.view(None, as_of=date(2025, 10, 24)).links] == ["miami"]
    assert [link.id for link in ds.view(None, as_of=date(2025, 10, 23)).not_yet] == ["miami"]


def test_dated_scenario_adds_follow_the_same_rule(write_dataset: Any) -> None:
    from scenarios.dataset.loader import load_dataset

    dated = MINI_DEAL_WITH_DATED_ADD
    ds = load_dataset(write_dataset({"scenarios.yaml": dated}))
    inside = ds.view("deal", as_of=date(2025, 11, 15))
    assert [link.id for link in inside.possible] == ["b-d"]
    assert "b-d" not in inside.status
    assert "b-d" in ds.view("deal", as_of=date(2025, 11, 30)).status
    assert "b-d" in ds.view("deal").status  # without --as-of every link counts


# the mini scenario with its added b-d link dated some day in November
MINI_DEAL_WITH_DATED_ADD = MINI_SCENARIOS.replace(
    "confidence: 0.5\n", "confidence: 0.5\n        date: 2025-11\n"
)
assert "date: 2025-11" in MINI_DEAL_WITH_DATED_ADD


def _reported() -> Dataset:
    """Links whose evidence is reported on different days (the programme airs on 7 December)."""
    from scenarios.model import Actor, Evidence, Link, Programme
    from scenarios.vocab import ActorKind, LinkType

    actors = tuple(Actor(a, a.upper(), ActorKind.STATE) for a in ("a", "b", "c", "d"))
    early = Evidence("said on 1 November", cites="a paper", date=Period.parse("2025-11-01"))
    monthly = Evidence("said some day in November", cites="a paper", date=Period.parse("2025-11"))
    aired = Evidence("said on air", programme="prog")

    def link(ident: str, *evidence: Evidence) -> Link:
        return Link(ident, "a", "b", LinkType.SUPPORTS, 1.0, 1.0, evidence=evidence)

    return Dataset(
        actors,
        (
            link("early", early, aired),
            link("aired", aired),
            link("monthly", monthly),
            link("silent"),  # no evidence: nothing dates it
        ),
        programmes=(Programme("prog", "A programme", date(2025, 12, 7)),),
    )


def test_known_by_drops_evidence_reported_later() -> None:
    ds = _reported()
    known = ds.as_known_by(date(2025, 11, 1))
    assert [link.id for link in known.links] == ["early", "silent"]
    assert [e.text for e in known.link_by_id["early"].evidence] == ["said on 1 November"]
    assert [(by, link.id) for by, link in known.unreported] == [(None, "aired"), (None, "monthly")]
    view = known.view()
    assert (view.known_by, [link.id for link in view.unreported]) == (
        date(2025, 11, 1),
        ["aired", "monthly"],
    )
    # a month-dated item is known only from the month's last day
    assert "monthly" not in known.as_known_by(date(2025, 11, 29)).link_by_id
    assert "monthly" in ds.as_known_by(date(2025, 11, 30)).link_by_id
    # on the programme's day everything is known, evidence and all
    assert ds.as_known_by(date(2025, 12, 7)).links == ds.links


def test_known_by_applies_to_scenario_adds_and_leaves_removals_harmless(mini: Dataset) -> None:
    known = mini.as_known_by(date(2025, 12, 6))  # the mini programme airs on 7 December
    # a-b has evidence from the programme only: not yet reported; the rest have no evidence
    assert [link.id for _, link in known.unreported] == ["a-b"]
    view = known.view("deal")
    assert [link.id for link in view.unreported] == ["a-b"]
    assert {link.id for link in view.links} == {"b-c", "c-d", "b-d"}
    assert [link.id for link in view.removed] == ["a-d"]


# -- a report within a link's period: counted from the report ---------------------------------


def _reported_within() -> Dataset:
    """Dated links and the days they were reported (the programme airs on 7 December 2025).

    strategy: dated 2025-12, reported on air on 7 December    -> counts from 7 December
    call:     dated 2025-10, reported on 7 December (later)    -> counts from 31 October
    review:   dated 2026, announced on 7 December (before it)  -> counts from 31 December 2026
    talks:    dated 2025-11, items said on 20 and 10 November  -> counts from 10 November
    deal:     dated 2025, an item dated 2025-06 (known 30 June) -> counts from 30 June
    first:    dated 2025-11, an item said on 1 November        -> counts from 1 November
    edge:     dated 2025-11, an item said on 30 November       -> its own day: 30 November
    """
    from scenarios.model import Actor, Evidence, Link, Programme
    from scenarios.vocab import ActorKind, LinkType

    actors = tuple(Actor(a, a.upper(), ActorKind.STATE) for a in ("a", "b"))
    aired = Evidence("said on air", programme="prog")

    def said(when: str) -> Evidence:
        return Evidence(f"said {when}", cites="a paper", date=Period.parse(when))

    def link(ident: str, when: str, *evidence: Evidence) -> Link:
        return Link(
            ident, "a", "b", LinkType.SUPPORTS, 1.0, 1.0, Period.parse(when), None, evidence
        )

    return Dataset(
        actors,
        (
            link("strategy", "2025-12", aired),
            link("call", "2025-10", aired),
            link("review", "2026", aired),
            link("talks", "2025-11", said("2025-11-20"), said("2025-11-10"), aired),
            link("deal", "2025", said("2025-06"), aired),
            link("first", "2025-11", said("2025-11-01")),
            link("edge", "2025-11", said("2025-11-30")),
        ),
        programmes=(Programme("prog", "A programme", date(2025, 12, 7)),),
    )


def test_a_report_within_a_links_period_counts_it_from_the_report() -> None:
    from scenarios.model import Counted, CountedBy

    ds = _reported_within()
    report, own = CountedBy.REPORT, CountedBy.DATE
    assert {link.id: ds.counted(link) for link in ds.links} == {
        "strategy": Counted(date(2025, 12, 7), report),
        "call": Counted(date(2025, 10, 31), own),  # reported after its month: its month's end
        "review": Counted(date(2026, 12, 31), own),  # announced before its year: no change
        "talks": Counted(date(2025, 11, 10), report),  # the earliest report within the month
        "deal": Counted(date(2025, 6, 30), report),  # a month-dated report: known from its end
        "first": Counted(date(2025, 11, 1), report),  # on the period's first day: it counts
        "edge": Counted(date(2025, 11, 30), own),  # not earlier than the month's end
    }


def test_as_of_counts_a_reported_link_from_the_report_day() -> None:
    ds = _reported_within()

    def sorted_ids(links: tuple[Any, ...]) -> list[str]:
        return sorted(link.id for link in links)

    on_6 = ds.view(None, as_of=date(2025, 12, 6))
    assert "strategy" in {link.id for link in on_6.possible}  # inside December, not yet reported
    on_7 = ds.view(None, as_of=date(2025, 12, 7))
    assert sorted_ids(on_7.links) == ["call", "deal", "edge", "first", "strategy", "talks"]
    assert sorted_ids(on_7.not_yet) == ["review"]  # 2026 has not begun
    on_10_nov = ds.view(None, as_of=date(2025, 11, 10))
    assert sorted_ids(on_10_nov.links) == ["call", "deal", "first", "talks"]
    assert sorted_ids(on_10_nov.possible) == ["edge"]
    assert sorted_ids(ds.view(None, as_of=date(2026, 6, 1)).possible) == ["review"]


def test_a_report_not_yet_known_does_not_count_a_link_early() -> None:
    from scenarios.model import CountedBy

    ds = _reported_within()
    # known by 15 November: the 20 November item and the programme are not; 10 November is
    known = ds.as_known_by(date(2025, 11, 15))
    talks = known.link_by_id["talks"]
    assert [e.text for e in talks.evidence] == ["said 2025-11-10"]
    assert known.counted(talks).day == date(2025, 11, 10)  # type: ignore[union-attr]
    # known by 9 November nothing of talks is known: left out, not counted early
    assert "talks" not in ds.as_known_by(date(2025, 11, 9)).link_by_id
    assert ds.counted(ds.link_by_id["strategy"]).by is CountedBy.REPORT  # type: ignore[union-attr]


def test_an_observation_reported_within_its_period_counts_from_the_report() -> None:
    from scenarios.model import Observation

    ds = _reported_within()
    seen = Observation("seen", date=Period.parse("2025-12"), programme="prog")
    assert ds.happened_day(seen) == date(2025, 12, 7)
    later = Observation("seen", date=Period.parse("2025-10"), programme="prog")
    assert ds.happened_day(later) == date(2025, 10, 31)
    undated = Observation("seen", programme="prog")
    assert ds.happened_day(undated) == date(2025, 12, 7)
