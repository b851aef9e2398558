"""Model: dates, name resolution, scenario views."""

from __future__ import annotations

from datetime import date

import pytest

from scenarios.errors import NotFound, UsageError
from scenarios.model import Dataset, LinkStatus, Period, parse_day


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
        mini.actors, mini.links, mini.scenarios, mini.speakers, mini.programmes, origin="elsewhere"
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
