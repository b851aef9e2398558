"""On the seed data, `depends` must read like the programme's argument (README walkthrough).

The readings are checked on the bundled seed (`data/`, issue 12's audited dataset). Each test
says why the reading is the programme's: the source is BS Asahi's Nichiyo Scoop of
7 December 2025 (¶N = its N-th line).
"""

from __future__ import annotations

import pytest

from scenarios.dataset.loader import load_dataset, seed_path
from scenarios.graph import STRUCTURAL_TYPES, build_graph
from scenarios.model import Dataset
from scenarios.reports.depends import DependsReport, depends_report
from scenarios.vocab import LinkRole

READINGS_DATA = seed_path()


@pytest.fixture(scope="module")
def seed12() -> Dataset:
    return load_dataset(READINGS_DATA)


def ties_of(report: DependsReport, rank: int) -> set[tuple[str, str]]:
    row = report.rows[rank - 1]
    return {(t.ends[0].id, t.ends[1].id) for part in row.parts for t in part.ties}


def test_new_yalta_leads_with_the_three_channels_between_the_three_powers(seed12: Dataset) -> None:
    report = depends_report(seed12, "new-yalta")
    top = [ties_of(report, rank) for rank in (1, 2, 3)]
    # the US-Russia back channel: Witkoff and Kushner met Putin in Moscow on 2 December (¶4,
    # ¶15) and Dmitriev in Miami (¶11-12); one channel, because the envoys are its ends
    back_channel = {
        ("putin", "witkoff"),
        ("kushner", "putin"),
        ("dmitriev", "witkoff"),
        ("dmitriev", "kushner"),
    }
    # the China-Russia channel: the same-day Wang Yi-Shoigu meeting (¶15), one row: China-
    # Wang Yi and Russia-Shoigu are how each side is organised, not channels
    china_russia = {("shoigu", "wang-yi")}
    # the US-China leaders' channel: the Trump-Xi call (¶16)
    leaders = {("trump", "xi")}
    assert any(back_channel <= ties for ties in top)
    assert china_russia in top and leaders in top
    # what only New Yalta depends on comes first: the leaders' call carries the US-China chain
    # only because the scenario gives China a role (strength 0.8, ¶16); in the base graph the
    # direct economic tie (0.7) is stronger than the call (0.6)
    assert top[0] == leaders and report.rows[0].only_here
    # none of its rows is an org chart: no row is made of leads / member_of / envoy_of links
    for row in report.rows:
        for part in row.parts:
            for tie in part.ties:
                assert {link.type for link in tie.links} - STRUCTURAL_TYPES


def test_new_yalta_runs_through_trump_and_its_own_changes_carry(seed12: Dataset) -> None:
    report = depends_report(seed12, "new-yalta")
    assert report.pivots[0].actor.id == "trump"
    assert report.pivots[0].why.startswith("New Yalta runs through Donald Trump personally")
    carries = {c.link.id: c.carries for c in report.scenario_changes}
    # the strengthened back channel, China-Russia meeting and leaders' call carry the
    # connection the scenario is about (Kotani ¶14-16, Craft ¶20)
    for link in ("witkoff-putin-moscow", "witkoff-dmitriev-miami", "china-russia-moscow"):
        assert carries[link], link
    assert carries["trump-xi-call"]
    # the added economic deal between the states (¶9, ¶14) is real but weaker than the chains
    # it would join, and the report says so rather than ranking it
    deal = next(c for c in report.scenario_changes if c.link.id == "yalta-economic-deal")
    assert not deal.carries and deal.why.startswith("weaker than the chains it would join")


def test_no_adversarial_link_carries_anything(seed12: Dataset) -> None:
    from scenarios.reports.uncertain import uncertain_report
    from scenarios.reports.whatif import sweep_report, whatif_report

    adversarial = {link.id for link in seed12.links if link.type.role is LinkRole.ADVERSARIAL}
    assert adversarial  # opposes / claims links exist in the data (Russia's war, claims)
    for scenario in ("new-yalta", "g2", "status-quo"):
        graph = build_graph(seed12.view(scenario))
        carried = {i for _, _, data in graph.edges() for i in data["links"]}
        assert not carried & adversarial, scenario
        # Monte Carlo holding: the links it hinges on are carrying links only
        held = uncertain_report(seed12, scenario, top=None, samples=200)
        assert not {row.link.id for row in held.rows} & adversarial
    # the smallest break of G2 holds no claims link (China-Taiwan was listed before)
    swept = sweep_report(seed12, "g2")
    assert swept.smallest_break is not None
    broken = {link.id for row in swept.smallest_break.ties for link in row.links}
    assert not broken & adversarial
    # without the Trump-US tie New Yalta depends on no adversarial link either
    cut = whatif_report(seed12, "new-yalta", cuts=["trump~us"], as_of=None)
    after = {
        link.id for row in cut.depends_after for p in row.parts for t in p.ties for link in t.links
    }
    assert not after & adversarial


def test_g2_lists_only_what_matters_and_says_how_many(seed12: Dataset) -> None:
    report = depends_report(seed12, "g2")
    # G2 stands on the US-China tie and the weakened alliance with Japan (Craft ¶26)
    assert {frozenset(ties_of(report, r)) for r in range(1, len(report.rows) + 1)} == {
        frozenset({("japan", "us")}),
        frozenset({("china", "us")}),
    }
    assert all(row.score > 0 for row in report.rows)
    assert report.redundancy is not None and report.redundancy.startswith(
        "2 channels carry US–China G2's key chains; the other"
    )


def test_status_quo_stands_on_the_alliances_and_the_constraints_on_trump(seed12: Dataset) -> None:
    report = depends_report(seed12, "status-quo")
    assert report.connected_by == ("constrains", "allied_with", "supports")
    top = [frozenset(ties_of(report, r)) for r in range(1, len(report.rows) + 1)]
    # the standing alliances (background links) hold the baseline together
    assert set(top[:2]) == {frozenset({("europe", "us")}), frozenset({("japan", "us")})}
    # Craft: Congress and public opinion are the shackles on Trump (¶20)
    assert frozenset({("trump", "us-public-opinion")}) in top[2:4]
    assert frozenset({("trump", "us-congress")}) in top[2:4]
    # and they back Ukraine
    assert frozenset({("ukraine", "us-congress")}) in top
