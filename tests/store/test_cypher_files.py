"""Every analyst query in cypher/queries/ runs on the seed and returns the expected rows.

The expected rows are worked out here from the Dataset, independently of the database. (The
load/ and read/ files run in every store test, and the schema before every load.)
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from scenarios.analysis.paths import cheapest_paths
from scenarios.model import Dataset, LinkStatus
from scenarios.reports.dbpath import hop_graph
from scenarios.store import queries
from scenarios.store.records import GraphNode, GraphPath, GraphRelationship
from scenarios.store.store import Connection, Store
from scenarios.vocab import LinkRole

pytestmark = pytest.mark.db

STATUS = {
    LinkStatus.BASE: "base",
    LinkStatus.ADDED: "added",
    LinkStatus.STRENGTHENED: "changed",
    LinkStatus.WEAKENED: "changed",
}


@pytest.fixture(scope="module")
def ask(seeded: Connection) -> Any:
    store = Store(seeded)

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        query = queries.analyst_query(name)
        return list(store.run_query(query, queries.bind(query, params)).rows)

    yield run
    store.close()


def test_every_analyst_query_is_covered_here() -> None:
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals()}
    for query in queries.analyst_queries():
        assert queries.short_name(query) in tested, f"no test runs {query.name}"


@pytest.mark.parametrize("scenario", ["new-yalta", "status-quo", None])
def test_scenario_subgraph(ask: Any, seed: Dataset, scenario: str | None) -> None:
    rows = ask("scenario-subgraph", scenario=scenario)
    view = seed.view(scenario)
    expected = {
        link.id: (
            link.type.rel_type,
            link.source,
            link.target,
            link.strength,
            link.confidence,
            STATUS[view.status[link.id]],
        )
        for link in view.links
    }
    found = {}
    for row in rows:
        source, link, target = row["source"], row["link"], row["target"]
        assert isinstance(source, GraphNode) and isinstance(link, GraphRelationship)
        found[link.properties["id"]] = (
            link.type,
            source.properties["id"],
            target.properties["id"],
            row["strength"],
            row["confidence"],
            row["status"],
        )
    assert found == expected
    assert len(rows) == len(expected)


def _fewest_hop_paths(
    seed: Dataset, source: str, target: str, scenario: str | None
) -> set[tuple[str, ...]]:
    graph, _ = hop_graph(seed, seed.view(scenario))
    paths, _ = cheapest_paths(graph, source, target, all_paths=True, weighted=False)
    return {p.actors for p in paths}


def test_shortest_path(ask: Any, seed: Dataset) -> None:
    (row,) = ask("shortest-path")  # us -> russia in new-yalta, as its :param lines say
    assert tuple(row["ids"]) in _fewest_hop_paths(seed, "us", "russia", "new-yalta")
    assert isinstance(row["path"], GraphPath) and row["hops"] == len(row["ids"]) - 1
    assert row["actors"][0] == "United States"


def test_all_shortest_paths(ask: Any, seed: Dataset) -> None:
    # us -> putin in the base graph: not the example us -> russia, which New Yalta's added
    # us-russia link joins in one hop, a link ArcadeDB finds before filtering (docs/neo4j.md)
    rows = ask("all-shortest-paths", scenario=None, **{"from": "us", "to": "putin"})
    found = {tuple(row["ids"]) for row in rows}
    assert found == _fewest_hop_paths(seed, "us", "putin", None)
    assert len(found) > 1


def test_scenario_adds(ask: Any, seed: Dataset) -> None:
    rows = ask("scenario-adds")  # g2
    expected = [
        {
            "link": link.id,
            "source": seed.actor_by_id[link.source].name,
            "type": link.type.rel_type,
            "target": seed.actor_by_id[link.target].name,
            "strength": link.strength,
            "confidence": link.confidence,
            "label": link.label,
            "evidence": [e.text for e in link.evidence],
        }
        for link in seed.scenario_by_id["g2"].adds
    ]
    assert rows == expected


@pytest.mark.parametrize("scenario", ["new-yalta", "status-quo"])
def test_scenario_changes(ask: Any, seed: Dataset, scenario: str) -> None:
    rows = ask("scenario-changes", scenario=scenario)
    chosen = seed.scenario_by_id[scenario]
    expected = []
    for change in chosen.changes:
        base = seed.link_by_id[change.link]
        expected.append(
            ("reweighted", change.link, base.strength,
             change.strength if change.strength is not None else base.strength,
             change.confidence if change.confidence is not None else base.confidence,
             change.note)
        )  # fmt: skip
    for removal in chosen.removes:
        base = seed.link_by_id[removal.link]
        expected.append(("removed", removal.link, base.strength, None, None, removal.note))
    got = [
        (r["change"], r["link"], r["base_strength"], r["strength"], r["confidence"], r["note"])
        for r in rows
    ]
    assert got == expected
    assert all(r["source"] and r["target"] and r["type"] for r in rows)


def test_bridges(ask: Any, seed: Dataset) -> None:
    rows = ask("bridges")  # new-yalta, top 10
    view = seed.view("new-yalta")
    neighbours: dict[str, set[str]] = {}
    # adversarial links (opposes, claims) neither make a neighbour nor close a gap
    for link in (x for x in view.links if x.type.role is not LinkRole.ADVERSARIAL):
        neighbours.setdefault(link.source, set()).add(link.target)
        neighbours.setdefault(link.target, set()).add(link.source)
    name = {a.id: a.name for a in seed.actors}
    bridged = {}
    for middle, around in neighbours.items():
        pairs = [
            (a, b) for a, b in itertools.combinations(sorted(around), 2) if b not in neighbours[a]
        ]
        if pairs:
            ordered = sorted(pairs, key=lambda p: (name[p[0]], name[p[1]]))
            bridged[middle] = (len(pairs), [f"{name[a]} – {name[b]}" for a, b in ordered[:3]])
    top = sorted(bridged.items(), key=lambda item: (-item[1][0], item[0]))[:10]
    got = [(r["actor"].properties["id"], r["bridged_pairs"], r["examples"]) for r in rows]
    assert got == [(actor, count, examples) for actor, (count, examples) in top]


def test_link_evidence(ask: Any, seed: Dataset) -> None:
    for link_id in ("witkoff-putin-moscow", "xi-leads-china"):
        rows = ask("link-evidence", link=link_id)
        link = seed.link_by_id[link_id]
        expected = []
        for evidence in link.evidence:
            programme = seed.programme_by_id[evidence.programme] if evidence.programme else None
            when = evidence.date.text if evidence.date else None
            expected.append(
                {
                    "source": seed.actor_by_id[link.source].name,
                    "type": link.type.rel_type,
                    "target": seed.actor_by_id[link.target].name,
                    "evidence": evidence.text,
                    "speaker": seed.speaker_by_id[evidence.speaker].name
                    if evidence.speaker
                    else None,
                    "programme": programme.title if programme else None,
                    "date": when or (programme.date.isoformat() if programme else None),
                    "locator": evidence.locator,
                    "cites": evidence.cites,
                    "grade": evidence.grade,
                }
            )
        assert rows == expected


def test_actor_links(ask: Any, seed: Dataset) -> None:
    rows = ask("actor-links")  # witkoff in new-yalta
    view = seed.view("new-yalta")
    expected = sorted(
        (
            (
                link.id,
                "out" if link.source == "witkoff" else "in",
                link.type.rel_type,
                link.target if link.source == "witkoff" else link.source,
                link.strength * link.confidence,
            )
            for link in view.links
            if "witkoff" in (link.source, link.target)
        ),
        key=lambda row: (-row[4], row[0]),
    )
    got = [
        (r["link"], r["direction"], r["type"], r["actor"].properties["id"], r["weight"])
        for r in rows
    ]
    assert got == expected


def test_key_actors(ask: Any, seed: Dataset) -> None:
    rows = ask("key-actors")
    assert rows == [
        {
            "scenario": s.id,
            "name": s.name,
            "key_actors": [seed.actor_by_id[a].name for a in s.key_actors],
        }
        for s in seed.scenarios
    ]


# -- signposts: rows worked out from the Dataset with the formula of docs/signposts.md ----------

CLOCKS = [(None, None), ("2025-12-02", None), ("2025-12-02", "2025-12-07"), (None, "2025-12-06")]


def _expected_signposts(seed: Dataset, as_of: str | None, known_by: str | None) -> list[Any]:
    """(signpost, points_to, against, diagnosticity, observations counting, latest text)."""
    from datetime import date

    n = len(seed.scenarios)
    out = []
    for sign in seed.signposts:
        if (
            known_by
            and sign.raised_by
            and all(
                seed.said_day(r) > date.fromisoformat(known_by)  # type: ignore[operator]
                for r in sign.raised_by
            )
        ):
            continue  # raised only after known_by
        pro, con = len(sign.points_to), len(sign.against)
        value = (pro * con + (pro + con) * (n - pro - con)) / (n * (n - 1) / 2)
        seen = [
            (seed.happened_day(o), i, o.text)
            for i, o in enumerate(sign.observations)
            if (as_of is None or seed.happened_day(o) <= date.fromisoformat(as_of))  # type: ignore[operator]
            and (known_by is None or seed.reported_day(o) <= date.fromisoformat(known_by))  # type: ignore[operator]
        ]
        latest = max(seen)[2] if seen else None
        out.append((sign.id, sign.points_to, sign.against, value, len(seen), latest))
    return out


@pytest.mark.parametrize(("as_of", "known_by"), CLOCKS)
@pytest.mark.parametrize("scenario", ["g2", "new-yalta", "status-quo"])
def test_scenario_signposts(
    ask: Any, seed: Dataset, scenario: str, as_of: str | None, known_by: str | None
) -> None:
    rows = ask("scenario-signposts", scenario=scenario, as_of=as_of, known_by=known_by)
    expected = [
        (sid, "POINTS_TO" if scenario in pro else "AGAINST", value, count, latest)
        for sid, pro, con, value, count, latest in _expected_signposts(seed, as_of, known_by)
        if scenario in (*pro, *con)
    ]
    expected.sort(key=lambda row: (row[3] == 0, -row[2], row[0]))
    got = [
        (r["signpost"], r["stance"], r["diagnosticity"], r["observations"], r["latest"])
        for r in rows
    ]
    assert [g[:2] + g[3:] for g in got] == [e[:2] + e[3:] for e in expected]
    assert [g[2] for g in got] == pytest.approx([e[2] for e in expected])
    if known_by == "2025-12-06":  # every seed signpost was raised on 7 December
        assert rows == []


@pytest.mark.parametrize(("as_of", "known_by"), CLOCKS)
def test_diagnostic_signposts(
    ask: Any, seed: Dataset, as_of: str | None, known_by: str | None
) -> None:
    rows = ask("diagnostic-signposts", as_of=as_of, known_by=known_by, limit=100)
    expected = [
        (sid, list(pro), list(con), value)
        for sid, pro, con, value, count, _ in _expected_signposts(seed, as_of, known_by)
        if count == 0
    ]
    expected.sort(key=lambda row: (-row[3], row[0]))
    got = [(r["signpost"], r["points_to"], r["against"], r["diagnosticity"]) for r in rows]
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    assert [g[3] for g in got] == pytest.approx([e[3] for e in expected])
    assert len(ask("diagnostic-signposts", limit=2)) == 2
