"""scenarios.store.records: the graph schema, and reading it back through the dataset validator."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scenarios.errors import DataError
from scenarios.model import Dataset
from scenarios.store.records import (
    HASH_KEY,
    MARKER,
    MARKER_KEY,
    NodeLabel,
    NodeRecord,
    content_hash,
    decode,
    encode,
)
from scenarios.vocab import ActorKind, LinkType


def test_the_seed_round_trips_exactly(seed: Dataset) -> None:
    assert decode(encode(seed), "neo4j") == seed


def test_the_mini_dataset_round_trips_exactly(mini: Dataset) -> None:
    assert decode(encode(mini), "neo4j") == mini


def test_actors_are_nodes_with_their_kind_and_no_empty_properties(mini: Dataset) -> None:
    records = encode(mini)
    alpha = records.nodes[NodeLabel.ACTOR]["a"]
    assert alpha.kinds == (ActorKind.STATE,)
    written = {
        "id": "a",
        "name": "Alpha",
        "name_ja": "アルファ",
        "aliases": ["First"],
        "seq": 0,
        MARKER_KEY: MARKER,
    }
    assert alpha.props == {**written, HASH_KEY: content_hash(written, [ActorKind.STATE])}
    assert records.nodes[NodeLabel.ACTOR]["b"].props["affiliation"] == "a"


def test_links_carry_their_scenario_membership(mini: Dataset) -> None:
    links = {link.id: link for link in encode(mini).links}
    # the mini scenario `deal` removes a-d, changes c-d and adds b-d
    assert links["a-d"].props["scenarios"] == [] and links["a-d"].props["base"] is True
    assert links["c-d"].props["scenarios"] == ["deal"]
    assert links["b-d"].props["base"] is False
    assert links["b-d"].props["added_by"] == "deal"
    assert links["b-d"].props["scenarios"] == ["deal"]
    assert links["b-c"].type is LinkType.ENVOY_OF
    assert (links["b-c"].source, links["b-c"].target) == ("c", "b")
    assert links["b-c"].props["date"] == "2025-10-24/2025-10-26"
    assert links["b-c"].props["date_start"] == date(2025, 10, 24)
    assert links["b-c"].props["date_end"] == date(2025, 10, 26)


def test_nested_records_are_nodes_naming_their_parent(mini: Dataset) -> None:
    nodes = encode(mini).nodes
    written = {
        "id": "a-b/evidence/0",
        "link": "a-b",
        "seq": 0,
        "text": "Bravo leads Alpha.",
        "speaker": "anna",
        "programme": "prog",
        "known_from": date(2025, 12, 7),  # derived: its programme's date (for --known-by)
        MARKER_KEY: MARKER,
    }
    evidence = nodes[NodeLabel.EVIDENCE]["a-b/evidence/0"].props
    assert evidence == {**written, HASH_KEY: content_hash(written)}
    assert nodes[NodeLabel.LINK_CHANGE]["deal/changes/c-d"].props["strength"] == 1.0
    assert "confidence" not in nodes[NodeLabel.LINK_CHANGE]["deal/changes/c-d"].props
    assert nodes[NodeLabel.LINK_REMOVAL]["deal/removes/a-d"].props["link"] == "a-d"
    # an old-form signpost is a signpost of its own, raised by its speaker
    assert nodes[NodeLabel.SIGNPOST]["deal-signpost-1"].props["statement"] == "A handshake"
    raised = nodes[NodeLabel.RAISED_BY]["deal-signpost-1/raised_by/0"].props
    assert (raised["signpost"], raised["speaker"]) == ("deal-signpost-1", "anna")
    assert nodes[NodeLabel.PROGRAMME]["prog"].props["date"] == date(2025, 12, 7)


def test_key_actors_are_ordered_ties(mini: Dataset) -> None:
    ties = encode(mini).key_actors
    assert [(s, a, t.props["seq"]) for (s, a), t in ties.items()] == [
        ("deal", "a", 0),
        ("deal", "d", 1),
    ]


# -- reading back what someone edited in Neo4j Browser -------------------------------------------


def test_an_unknown_property_is_reported_like_an_unknown_field(mini: Dataset) -> None:
    records = encode(mini)
    node = records.nodes[NodeLabel.ACTOR]["a"]
    records.add(replace(node, props={**node.props, "nickname": "Al"}))
    with pytest.raises(DataError) as caught:
        decode(records, "neo4j test")
    problem = caught.value.problems[0]
    assert (problem.file, problem.entry, problem.field) == ("neo4j test", "actors[a]", "nickname")
    assert problem.message == "unknown field"


@pytest.mark.parametrize(
    "kinds", [(), (ActorKind.STATE, ActorKind.LEADER)], ids=["no kind", "two kinds"]
)
def test_an_actor_needs_exactly_one_kind_label(mini: Dataset, kinds: tuple[ActorKind]) -> None:
    records = encode(mini)
    records.add(replace(records.nodes[NodeLabel.ACTOR]["a"], kinds=kinds))
    with pytest.raises(DataError) as caught:
        decode(records, "neo4j")
    assert caught.value.problems[0].entry == "actors[a]"
    assert "exactly one kind label" in caught.value.problems[0].message


def test_a_wrong_value_type_is_reported_with_the_field(mini: Dataset) -> None:
    records = encode(mini)
    link = records.links[0]
    records.links[0] = replace(link, props={**link.props, "strength": "0.5"})
    with pytest.raises(DataError) as caught:
        decode(records, "neo4j")
    assert caught.value.problems[0].entry == f"links[{link.id}]"
    assert caught.value.problems[0].field == "strength"


def test_orphan_evidence_is_reported(mini: Dataset) -> None:
    records = encode(mini)
    records.add(
        NodeRecord(NodeLabel.EVIDENCE, "x", {"id": "x", "link": "nowhere", "text": "t"}, ())
    )
    with pytest.raises(DataError, match="belongs to unknown link 'nowhere'"):
        decode(records, "neo4j")


def test_records_made_in_browser_without_seq_or_marker_come_last(mini: Dataset) -> None:
    records = encode(mini)
    records.add(NodeRecord(NodeLabel.ACTOR, "aa", {"id": "aa", "name": "New"}, (ActorKind.BLOC,)))
    back = decode(records, "neo4j")
    assert [a.id for a in back.actors] == ["a", "b", "c", "d", "aa"]
    assert back.actor_by_id["aa"].kind is ActorKind.BLOC


def test_a_date_typed_in_browser_is_accepted(mini: Dataset) -> None:
    records = encode(mini)
    evidence = records.nodes[NodeLabel.EVIDENCE]["a-b/evidence/0"]
    records.add(replace(evidence, props={**evidence.props, "date": date(2025, 12, 1)}))
    back = decode(records, "neo4j")
    period = back.link_by_id["a-b"].evidence[0].date
    assert period is not None and period.start == date(2025, 12, 1)


def test_read_problems_are_reported(mini: Dataset) -> None:
    records = encode(mini)
    records.problems.append("a Speaker node has no text `id` property")
    with pytest.raises(DataError, match="has no text `id`"):
        decode(records, "neo4j")


def test_a_scenarios_connected_by_round_trips(mini: Dataset) -> None:
    held = replace(mini.scenarios[0], connected_by=(LinkType.CONSTRAINS, LinkType.LEADS))
    dataset = replace(mini, scenarios=(held,))
    records = encode(dataset)
    assert records.nodes[NodeLabel.SCENARIO]["deal"].props["connected_by"] == [
        "constrains",
        "leads",
    ]
    assert decode(records, "neo4j") == dataset


# -- issue 12: grades, basis and evidence fields in the graph -------------------------------------


def test_grades_basis_and_evidence_fields_are_properties(seed: Dataset) -> None:
    records = encode(seed)
    links = {link.id: link for link in records.links}
    xi = links["xi-leads-china"].props
    assert (xi["confidence"], xi["grade"], xi["basis"]) == (1.0, "fact", "background")
    assert xi["background"].startswith("The source never names China's leader")
    call = links["trump-xi-call"].props
    assert (call["basis"], "background" in call) == ("sourced", False)
    item = records.nodes[NodeLabel.EVIDENCE]["trump-xi-call/evidence/1"].props
    assert (item["grade"], item["locator"]) == ("assessed", "¶16")
    grades = records.nodes[NodeLabel.GRADE]
    assert [(g.id, g.props["value"], g.props["seq"]) for g in grades.values()] == [
        ("fact", 1.0, 0),
        ("reported", 0.8, 1),
        ("assessed", 0.6, 2),
        ("heard", 0.4, 3),
        ("speculation", 0.3, 4),
    ]
    status_quo = records.nodes[NodeLabel.SCENARIO]["status-quo"].props
    assert status_quo["connected_by"] == ["constrains", "allied_with", "supports"]


def test_a_dataset_without_a_ladder_writes_no_grade_nodes(mini: Dataset) -> None:
    assert encode(mini).nodes[NodeLabel.GRADE] == {}


def test_a_confidence_edited_away_from_its_grade_is_reported(seed: Dataset) -> None:
    records = encode(seed)
    index = next(i for i, link in enumerate(records.links) if link.id == "trump-xi-call")
    link = records.links[index]
    records.links[index] = replace(link, props={**link.props, "confidence": 0.7})
    with pytest.raises(DataError) as caught:
        decode(records, "neo4j")
    [problem] = caught.value.problems
    assert (problem.entry, problem.field) == ("links[trump-xi-call]", "confidence")
    assert problem.message == "confidence 0.7 disagrees with its grade 'fact' (1.0)"
    assert problem.hint == "set `confidence` to 1.0, or remove the `grade` property"
    # without the grade, the number stands (and is read back as a number)
    records.links[index] = replace(
        link, props={k: v for k, v in link.props.items() if k != "grade"} | {"confidence": 0.7}
    )
    back = decode(records, "neo4j").link_by_id["trump-xi-call"]
    assert (back.confidence, back.grade) == (0.7, None)


def test_a_grade_whose_value_was_edited_carries_the_links_loaded_with_it(seed: Dataset) -> None:
    """The ladder changed in the database (a Grade's value edited in Browser): links and
    changes as the last load wrote them keep their grade, and take its new value, as a file's
    links do; a link edited itself is still reported."""
    records = encode(seed)
    heard = records.nodes[NodeLabel.GRADE]["heard"]
    records.add(replace(heard, props={**heard.props, "value": 0.45}))
    back = decode(records, "neo4j")
    graded = [link for link in back.links if link.grade == "heard"]
    assert graded and all(link.confidence == 0.45 for link in graded)
    index = next(i for i, link in enumerate(records.links) if link.id == graded[0].id)
    link = records.links[index]
    records.links[index] = replace(link, props={**link.props, "strength": 0.1})  # edited too
    with pytest.raises(DataError) as caught:
        decode(records, "neo4j")
    [problem] = caught.value.problems
    assert problem.message == "confidence 0.4 disagrees with its grade 'heard' (0.45)"


def test_a_links_counted_from_is_the_day_it_counts_from_under_as_of(seed: Dataset) -> None:
    # what the Cypher queries compare with $as_of: a report within the link's period sets it
    links = {link.id: link.props for link in encode(seed).links}
    strategy = links["nss-g2-hegemony"]
    assert (strategy["date"], strategy["date_precision"]) == ("2025-12", "month")
    assert strategy["counted_from"] == date(2025, 12, 7)  # the programme that reports it
    assert links["trump-xi-call"]["counted_from"] == date(2025, 10, 31)  # reported later
    assert "counted_from" not in links["xi-leads-china"]  # undated: always counts
