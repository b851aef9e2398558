"""scenarios.store.store against a real Bolt server: idempotent loads, edits, prune, errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from scenarios.errors import (
    AuthFailed,
    DatabaseMissing,
    DataError,
    QueryFailed,
    ScenarioError,
    Unreachable,
    Unsupported,
    UsageError,
)
from scenarios.model import Actor, Dataset, Evidence, Link, Scenario
from scenarios.store import queries
from scenarios.store.records import LoadSummary, SectionCounts
from scenarios.store.store import Connection, Store, connection, translate
from scenarios.vocab import ActorKind, LinkType
from tests.boltserver import free_port

pytestmark = pytest.mark.db

Inspect = Callable[..., list[dict[str, Any]]]


def counts(summary: LoadSummary) -> dict[str, tuple[int, int, int, int, int, int]]:
    """section -> (created, updated, moved, unchanged, deleted, kept)."""
    return {
        s.section: (s.created, s.updated, s.moved, s.unchanged, s.deleted, s.kept)
        for s in summary.sections
    }


def graph_size(inspect: Inspect) -> tuple[int, int]:
    nodes = inspect("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = inspect("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


def test_first_load_creates_everything_and_reads_back_equal(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    summary = store.load(seed)
    added = sum(len(s.adds) for s in seed.scenarios)
    links = len(seed.links) + added
    assert counts(summary) == {
        "actors": (len(seed.actors), 0, 0, 0, 0, 0),
        "links": (len(seed.links), 0, 0, 0, 0, 0),  # as `validate` counts links
        "scenario_links": (added, 0, 0, 0, 0, 0),
        "scenarios": (len(seed.scenarios), 0, 0, 0, 0, 0),
        "speakers": (len(seed.speakers), 0, 0, 0, 0, 0),
        "programmes": (len(seed.programmes), 0, 0, 0, 0, 0),
        "grades": (len(seed.grades), 0, 0, 0, 0, 0),
        "signposts": (len(seed.signposts), 0, 0, 0, 0, 0),
    }
    roles = sum(len(s.points_to) + len(s.against) for s in seed.signposts) + sum(
        1 for s in seed.signposts for target in s.bears_on if target in seed.actor_by_id
    )
    assert summary.written["relationships_created"] == links + roles + sum(
        len(s.key_actors) for s in seed.scenarios
    )
    assert store.read_dataset() == seed
    kinds = inspect("MATCH (a:Actor {id: 'witkoff'}) RETURN labels(a) AS labels")[0]["labels"]
    assert sorted(kinds) == ["Actor", "Envoy"]
    typed = inspect(
        "MATCH (:Actor {id: 'witkoff'})-[r]->(:Actor {id: 'trump'}) "
        "RETURN type(r) AS t, r.strength AS s"
    )
    assert typed == [{"t": "ENVOY_OF", "s": 0.9}]


def test_loading_twice_changes_nothing(store: Store, seed: Dataset, inspect: Inspect) -> None:
    store.load(seed)
    before = graph_size(inspect)
    again = store.load(seed)
    assert not again.changed
    assert again.written == {}  # the server counted no write at all
    assert again.statements == 0
    assert all(s.unchanged > 0 or s.section == "programmes" for s in again.sections)
    assert graph_size(inspect) == before


def test_scenario_membership_is_plain_cypher(store: Store, seed: Dataset, inspect: Inspect) -> None:
    store.load(seed)
    rows = inspect("MATCH ()-[r]->() WHERE 'new-yalta' IN r.scenarios RETURN r.id AS id")
    assert {row["id"] for row in rows} == {link.id for link in seed.view("new-yalta").links}
    key = inspect(
        "MATCH (:Scenario {id: 'new-yalta'})-[k:KEY_ACTOR]->(a:Actor) "
        "RETURN a.id AS id ORDER BY k.seq"
    )
    assert [row["id"] for row in key] == list(seed.scenario_by_id["new-yalta"].key_actors)


def _edit(ds: Dataset) -> Dataset:
    """Change one of everything: a name, a kind, a link type and strength, evidence, a scenario."""
    actors = tuple(
        replace(a, name="Steven Witkoff") if a.id == "witkoff"
        else replace(a, kind=ActorKind.OFFICIAL) if a.id == "dmitriev"
        else a
        for a in ds.actors
    )  # fmt: skip
    first = ds.links[0]
    links = (
        replace(first, strength=0.5, evidence=first.evidence[:0]),
        replace(ds.links[1], type=LinkType.CONTROLS),
        *ds.links[2:],
    )
    g2 = ds.scenario_by_id["g2"]
    scenarios = tuple(
        replace(s, key_actors=(*s.key_actors, "europe")) if s.id == "g2" else s
        for s in ds.scenarios
    )
    assert "europe" not in g2.key_actors
    return replace(ds, actors=actors, links=links, scenarios=scenarios)


def test_an_edited_dataset_updates_what_changed(store: Store, seed: Dataset) -> None:
    store.load(seed)
    edited = _edit(seed)
    summary = store.load(edited)
    touching_dmitriev = sum(
        "dmitriev" in (link.source, link.target)
        for link in (*edited.links, *(a for s in edited.scenarios for a in s.adds))
    )
    base, added = counts(summary)["links"], counts(summary)["scenario_links"]
    created, updated, moved, _, deleted, kept = (a + b for a, b in zip(base, added, strict=True))
    assert (created, moved, deleted, kept) == (0, 0, 0, 0)
    assert updated == 2 + touching_dmitriev  # first two links, and dmitriev's (re-created)
    assert counts(summary)["actors"] == (0, 2, 0, len(seed.actors) - 2, 0, 0)
    assert counts(summary)["scenarios"] == (0, 1, 0, len(seed.scenarios) - 1, 0, 0)
    assert summary.recreated == ("dmitriev",)
    assert store.read_dataset() == edited
    assert not store.load(edited).changed


def _without_witkoff(ds: Dataset) -> Dataset:
    """The seed with Witkoff and everything that names him taken out."""

    def keeps(link: Link) -> bool:
        return "witkoff" not in (link.source, link.target)

    links = tuple(link for link in ds.links if keeps(link))
    ids = {link.id for link in links}
    scenarios = tuple(
        replace(
            s,
            adds=tuple(a for a in s.adds if keeps(a)),
            changes=tuple(c for c in s.changes if c.link in ids),
            removes=tuple(r for r in s.removes if r.link in ids),
        )
        for s in ds.scenarios
    )
    actors = tuple(a for a in ds.actors if a.id != "witkoff")
    named = {"witkoff"} | {link.id for link in ds.links if not keeps(link)}
    signposts = tuple(
        replace(s, bears_on=tuple(i for i in s.bears_on if i not in named)) for s in ds.signposts
    )
    return replace(ds, actors=actors, links=links, scenarios=scenarios, signposts=signposts)


def test_prune_removes_only_what_scenarios_loaded(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    inspect("CREATE (:Actor:State {id: 'mine', name: 'Mine'})")
    inspect(
        "MATCH (a:Actor {id: 'mine'}), (b:Actor {id: 'trump'}) "
        "CREATE (a)-[:SUPPORTS {id: 'mine-supports-trump', strength: 0.5, confidence: 0.5}]->(b)"
    )
    inspect("CREATE (:Note {text: 'not ours at all'})")
    smaller = _without_witkoff(seed)
    gone = len(seed.links) - len(smaller.links)

    kept = store.load(smaller)
    # positions are an order: the actors after him keep theirs, still in order, so nothing is
    # written for them; witkoff and `mine` stay (no --prune)
    assert counts(kept)["actors"] == (0, 0, 0, len(smaller.actors), 0, 2)
    assert counts(kept)["links"][5] == gone + 1
    still = store.read_dataset()
    assert "witkoff" in still.actor_by_id and "mine-supports-trump" in still.link_by_id

    pruned = store.load(smaller, prune=True)
    assert counts(pruned)["actors"] == (0, 0, 0, len(smaller.actors), 1, 1)
    assert counts(pruned)["links"][4:] == (gone, 1)
    after = store.read_dataset()
    assert "witkoff" not in after.actor_by_id
    assert after.actor_by_id["mine"].name == "Mine"  # never created by scenarios: untouched
    assert "mine-supports-trump" in after.link_by_id
    assert inspect("MATCH (n:Note) RETURN n.text AS t") == [{"t": "not ours at all"}]
    evidence = inspect("MATCH (e:Evidence) WHERE e.link CONTAINS 'witkoff' RETURN count(e) AS n")
    assert evidence == [{"n": 0}]


def test_prune_keeps_an_actor_someone_else_tied_to(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    inspect("MATCH (a:Actor {id: 'witkoff'}) CREATE (:Note {text: 'watch him'})-[:ABOUT]->(a)")
    summary = store.load(_without_witkoff(seed), prune=True)
    assert counts(summary)["actors"][4:] == (0, 1)
    assert inspect("MATCH (:Note)-[:ABOUT]->(a) RETURN a.id AS id") == [{"id": "witkoff"}]


def test_tricky_text_round_trips_untouched(store: Store, seed: Dataset) -> None:
    nasty = 'O\'Brien "the fixer" \\ }) MATCH (n) DETACH DELETE n // ; $rows {{label}}\nline 2'
    actor = replace(seed.actors[0], description=nasty, aliases=("`x`", "ü–日本"))
    link = replace(seed.links[0], note=nasty, evidence=(Evidence(nasty, cites=nasty),))
    edited = replace(seed, actors=(actor, *seed.actors[1:]), links=(link, *seed.links[1:]))
    store.load(edited)
    back = store.read_dataset()
    assert back == edited
    assert back.actors[0].description == nasty
    assert len(back.actors) == len(seed.actors)


def test_dry_run_reports_but_writes_nothing(store: Store, seed: Dataset, inspect: Inspect) -> None:
    summary = store.load(seed, dry_run=True)
    assert summary.dry_run and counts(summary)["actors"][0] == len(seed.actors)
    assert graph_size(inspect) == (0, 0)


def test_a_failing_statement_leaves_nothing_half_written(
    store: Store, seed: Dataset, inspect: Inspect, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = queries.load

    def broken(name: str) -> queries.Query:
        if name == "load/merge-links":  # after actors, speakers, ... were written
            text = "// broken on purpose\nUNWIND $rows AS row RETURN 1 / 0 AS boom"
            return replace(queries.parse(name, text), slots=("rel_type",))
        return real(name)

    monkeypatch.setattr(queries, "load", broken)
    with pytest.raises(QueryFailed) as caught:
        store.load(seed)
    assert "nothing was written" in (caught.value.hint or "")
    assert inspect("MATCH (n) WHERE n.loaded_by = 'scenarios' RETURN count(n) AS n") == [{"n": 0}]


def test_progress_is_reported_per_batch(store: Store, seed: Dataset) -> None:
    seen: list[tuple[int, int]] = []
    store.load(seed, progress=lambda done, total: seen.append((done, total)), batch_size=10)
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 100
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) > 10


def test_browser_edits_are_validated_like_files(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    inspect("MATCH (a:Actor {id: 'us'}) SET a.nickname = 'Uncle Sam'")
    inspect("MATCH ()-[r {id: 'trump-leads-us'}]->() SET r.strength = 1.5")
    with pytest.raises(DataError) as caught:
        store.read_dataset()
    found = {(p.entry, p.field) for p in caught.value.problems}
    assert found == {("actors[us]", "nickname"), ("links[trump-leads-us]", "strength")}
    assert all(p.file.startswith("neo4j ") for p in caught.value.problems)


def test_a_link_added_in_browser_is_analysed(store: Store, seed: Dataset, inspect: Inspect) -> None:
    store.load(seed)
    inspect(
        "MATCH (a:Actor {id: 'japan'}), (b:Actor {id: 'russia'}) "
        "CREATE (a)-[:NEGOTIATES_WITH {id: 'japan-russia-talks', strength: 0.4, "
        "confidence: 0.6, label: 'made in Browser'}]->(b)"
    )
    back = store.read_dataset()
    added = back.link_by_id["japan-russia-talks"]
    assert added == Link(
        "japan-russia-talks", "japan", "russia", LinkType.NEGOTIATES_WITH, 0.4, 0.6,
        label="made in Browser",
    )  # fmt: skip
    assert back.links[-1] is added  # no `seq`: after the loaded links


# -- errors ------------------------------------------------------------------------------------


def test_wrong_password_is_an_auth_error(
    bolt_conn: Connection, seed: Dataset, wrong_logins: None
) -> None:
    wrong = replace(bolt_conn, password="certainly-not-the-password")
    with Store(wrong) as bad, pytest.raises(AuthFailed) as caught:
        bad.read_dataset()
    assert "certainly-not-the-password" not in f"{caught.value.message} {caught.value.hint}"
    assert "NEO4J_PASSWORD" in (caught.value.hint or "")


def test_a_closed_port_is_unreachable() -> None:
    conn = Connection(f"bolt://127.0.0.1:{free_port()}", "neo4j", "secret-pw", None)
    with Store(conn) as bad, pytest.raises(Unreachable) as caught:
        bad.read_dataset()
    assert "no Bolt server answers" in caught.value.message


def test_an_unresolvable_host_is_named_and_reads_do_not_claim_a_write() -> None:
    import neo4j.exceptions

    conn = Connection("bolt://nowhere.invalid:7687", "neo4j", "secret-pw", None)
    err = neo4j.exceptions.ServiceUnavailable(
        "Failed to DNS resolve address nowhere.invalid:7687: [Errno -2] Name or service not known"
    )
    read = translate(err, conn, "read the graph")
    assert isinstance(read, Unreachable)
    assert read.message == "cannot resolve the host of bolt://nowhere.invalid:7687"
    assert (read.hint or "").startswith("check the host name")
    assert "nothing was written" not in (read.hint or "")
    assert "nothing was written" in (
        translate(err, conn, "load the dataset", writes=True).hint or ""
    )


def test_a_missing_database_is_named(bolt_conn: Connection) -> None:
    with Store(replace(bolt_conn, database="no-such-db")) as bad, pytest.raises(DatabaseMissing):
        bad.read_dataset()


def test_a_missing_procedure_is_unsupported(store: Store) -> None:
    query = queries.parse("probe", "// Needs a procedure this server lacks\nCALL apoc.help('x')")
    with pytest.raises(Unsupported) as caught:
        store.run_query(query, {})
    assert "Neo4j 5 Cypher" in (caught.value.hint or "")


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "neo4j+x://h"])
def test_only_bolt_schemes_are_accepted(uri: str) -> None:
    with pytest.raises(UsageError):
        connection(uri)


@pytest.mark.parametrize("uri", ["bolt://h:1", "neo4j+s://h", "bolt+ssc://h", "neo4j://h"])
def test_bolt_schemes_are_accepted(uri: str) -> None:
    assert connection(uri, "u", "p").uri == uri


def test_the_password_is_not_in_repr() -> None:
    conn = Connection("bolt://h", "u", "hunter2-secret", None)
    assert "hunter2-secret" not in repr(conn) and "hunter2-secret" not in conn.describe()


def test_a_kind_change_does_not_drop_what_others_attached(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    inspect("MATCH (a:Actor {id: 'putin'}) CREATE (:Note {text: 'x'})-[:ABOUT]->(a)")
    edited = replace(
        seed,
        actors=tuple(
            replace(a, kind=ActorKind.OFFICIAL) if a.id == "putin" else a for a in seed.actors
        ),
    )
    with pytest.raises(ScenarioError, match="actor 'putin' changed kind"):
        store.load(edited)
    assert store.read_dataset() == seed  # nothing written


def test_the_sections_report_every_part(store: Store, seed: Dataset) -> None:
    summary = store.load(seed)
    assert [s.section for s in summary.sections] == [
        "actors",
        "links",
        "scenario_links",
        "scenarios",
        "speakers",
        "programmes",
        "grades",
        "signposts",
    ]
    assert all(isinstance(s, SectionCounts) for s in summary.sections)
    assert summary.server.endswith(")") and summary.seconds > 0


def test_a_tiny_hand_built_dataset_loads(store: Store) -> None:
    ds = Dataset(
        actors=(Actor("a", "A", ActorKind.STATE), Actor("b", "B", ActorKind.LEADER)),
        links=(Link("b-a", "b", "a", LinkType.LEADS, 1.0, 1.0),),
        scenarios=(Scenario("s", "S", ("a", "b")),),
    )
    store.load(ds)
    assert store.read_dataset() == ds


# -- signposts --------------------------------------------------------------------------------


def test_signposts_are_nodes_tied_to_their_scenarios_and_actors(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    rows = inspect(
        "MATCH (s:Signpost {id: 'yalta-style-photo'})-[r]->(t) "
        "RETURN type(r) AS role, t.id AS target, r.seq AS seq ORDER BY role, seq"
    )
    assert [(r["role"], r["target"], r["seq"]) for r in rows] == [
        ("AGAINST", "status-quo", 0),
        ("BEARS_ON", "trump", 0),
        ("BEARS_ON", "xi", 1),
        ("BEARS_ON", "putin", 2),
        ("POINTS_TO", "new-yalta", 0),
    ]
    seen = inspect(
        "MATCH (o:Observation {signpost: 'russia-gives-no-ground'}) "
        "RETURN o.date AS date, o.counted_from AS counted, o.known_from AS known, o.grade AS grade"
    )
    assert [(r["date"], str(r["counted"]), str(r["known"]), r["grade"]) for r in seen] == [
        ("2025-12-02", "2025-12-02", "2025-12-07", "fact")
    ]
    links = inspect(
        "MATCH (s:Signpost {id: 'us-calls-itself-chinas-ally'}) RETURN s.bears_on_links AS ids"
    )
    assert links == [{"ids": ["bessent-ally-remark", "us-china-economic"]}]


def test_bears_on_reads_back_in_its_order_and_a_browser_signpost_is_read(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    mixed = ("us-china-economic", "bessent", "bessent-ally-remark", "china")
    first, *rest = seed.signposts
    edited = replace(seed, signposts=(replace(first, bears_on=mixed), *rest))
    store.load(edited)
    assert store.read_dataset() == edited
    inspect(
        "MATCH (g:Scenario {id: 'g2'}), (j:Actor {id: 'japan'}) "
        "CREATE (s:Signpost {id: 'drawn', statement: 'Drawn in Browser'}), "
        "(s)-[:AGAINST]->(g), (s)-[:BEARS_ON]->(j)"
    )
    drawn = store.read_dataset().signposts[-1]  # no `seq`: after the loaded ones
    assert (drawn.id, drawn.against, drawn.bears_on, drawn.points_to) == (
        "drawn",
        ("g2",),
        ("japan",),
        (),
    )


def test_dropped_signposts_stay_until_pruned_and_observations_go_with_them(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    observed = next(s for s in seed.signposts if s.id == "russia-gives-no-ground")
    unseen = replace(observed, observations=())
    fewer = tuple(unseen if s is observed else s for s in seed.signposts[1:])
    smaller = replace(seed, signposts=fewer)
    kept = store.load(smaller)
    # the observation is part of its signpost: dropped with it; the first signpost stays, and
    # the others keep their positions (still in order)
    assert counts(kept)["signposts"] == (0, 1, 0, len(fewer) - 1, 0, 1)
    observation = "MATCH (o:Observation {signpost: $id}) RETURN count(o) AS n"
    assert inspect(observation, id=observed.id) == [{"n": 0}]
    assert seed.signposts[0].id in store.read_dataset().signpost_by_id
    pruned = store.load(smaller, prune=True)
    assert counts(pruned)["signposts"][4:] == (1, 0)
    gone = seed.signposts[0].id
    assert inspect("MATCH (s:Signpost {id: $id}) RETURN count(s) AS n", id=gone) == [{"n": 0}]
    assert inspect("MATCH (r:RaisedBy {signpost: $id}) RETURN count(r) AS n", id=gone) == [{"n": 0}]
    assert store.read_dataset() == smaller


def test_an_actor_re_created_for_its_kind_keeps_its_signposts(store: Store, seed: Dataset) -> None:
    store.load(seed)
    edited = replace(
        seed,
        actors=tuple(
            replace(a, kind=ActorKind.ENVOY) if a.id == "bessent" else a for a in seed.actors
        ),
    )
    summary = store.load(edited)
    assert summary.recreated == ("bessent",)
    assert store.read_dataset() == edited  # its BEARS_ON relationship was written again


def test_signposts_an_older_version_wrote_inside_a_scenario_are_replaced(
    store: Store, seed: Dataset, inspect: Inspect
) -> None:
    store.load(seed)
    inspect(
        "CREATE (:Signpost {id: 'g2/signposts/0', scenario: 'g2', text: 'old form', seq: 0, "
        "loaded_by: 'scenarios'})"
    )
    summary = store.load(seed)  # no --prune: it was part of its scenario
    assert counts(summary)["scenarios"][1] == 1  # g2 updated (a nested record went)
    assert counts(summary)["signposts"][4:] == (0, 0)  # not a signpost of the dataset's
    gone = inspect("MATCH (s:Signpost {id: 'g2/signposts/0'}) RETURN count(s) AS n")
    assert gone == [{"n": 0}]
    assert store.read_dataset() == seed
