"""scenarios.store.loadplan.

Compare, then write only what differs; never delete what is not ours.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from scenarios.errors import ScenarioError
from scenarios.model import Actor, Dataset, Evidence
from scenarios.store import loadplan
from scenarios.store.loadplan import Plan, Planned, plan
from scenarios.store.records import (
    HASH_KEY,
    MARKER_KEY,
    GraphRecords,
    LinkRecord,
    NodeLabel,
    NodeRecord,
    Section,
    SignpostRole,
    encode,
    encode_lazily,
)
from scenarios.vocab import ActorKind, LinkType


def steps(result: Plan) -> list[tuple[str, str, str, list[str]]]:
    """(query, slot, action, ids) per step, for readable assertions."""
    out = []
    for step in result.steps:
        rows = next(iter(step.params.values()))
        ids = [r if isinstance(r, str) else r.get("id", f"{r.get('scenario')}>{r.get('actor')}")
               for r in rows]  # fmt: skip
        slot = ",".join(str(v) for v in step.slots.values())
        out.append((step.query, slot, step.action, ids))
    return out


def test_an_empty_database_gets_everything_created(mini: Dataset) -> None:
    result = plan(encode(mini), GraphRecords())
    assert result.counts[Section.ACTORS] == Planned(create=4)
    assert result.counts[Section.LINKS] == Planned(create=4)  # as `validate` counts links
    assert result.counts[Section.SCENARIO_LINKS] == Planned(create=1)  # the one `deal` adds
    assert result.counts[Section.SCENARIOS] == Planned(create=1)
    assert {q for q, *_ in steps(result)} == {
        loadplan.MERGE_NODES,
        loadplan.MERGE_ACTORS,
        loadplan.MERGE_LINKS,
        loadplan.MERGE_KEY_ACTORS,
        loadplan.MERGE_ROLES,
    }
    actors = [s for s in steps(result) if s[0] == loadplan.MERGE_ACTORS]
    assert ("load/merge-actors", "state", "create", ["a", "d"]) in actors
    # see the mini dataset; its old-form signpost is a Signpost, a RaisedBy and a POINTS_TO
    assert result.rows == 4 + 5 + 1 + 1 + 1 + 1 + 1 + 1 + 2 + 3


def test_the_same_dataset_again_plans_nothing(mini: Dataset) -> None:
    result = plan(encode(mini), encode(mini))
    assert result.steps == ()
    assert result.counts[Section.ACTORS] == Planned(unchanged=4)
    assert result.counts[Section.LINKS] == Planned(unchanged=4)
    assert result.counts[Section.SCENARIO_LINKS] == Planned(unchanged=1)


def test_one_changed_property_writes_one_row(mini: Dataset) -> None:
    edited = replace(mini, actors=(replace(mini.actors[0], name="Alpha Prime"), *mini.actors[1:]))
    result = plan(encode(edited), encode(mini))
    assert steps(result) == [("load/merge-actors", "state", "update", ["a"])]
    assert result.counts[Section.ACTORS] == Planned(update=1, unchanged=3)


def test_a_dropped_evidence_item_updates_its_link_without_rewriting_it(mini: Dataset) -> None:
    first = mini.links[0]
    edited = replace(mini, links=(replace(first, evidence=()), *mini.links[1:]))
    result = plan(encode(edited), encode(mini))
    assert steps(result) == [("load/delete-nodes", "Evidence", "", ["a-b/evidence/0"])]
    assert result.counts[Section.LINKS] == Planned(update=1, unchanged=3)


def test_an_added_evidence_item_is_one_node(mini: Dataset) -> None:
    first = mini.links[0]
    more = (*first.evidence, Evidence("Also said.", cites="a newspaper"))
    edited = replace(mini, links=(replace(first, evidence=more), *mini.links[1:]))
    result = plan(encode(edited), encode(mini))
    assert steps(result) == [("load/merge-nodes", "Evidence", "", ["a-b/evidence/1"])]


def test_a_link_whose_type_changed_is_moved(mini: Dataset) -> None:
    link = mini.link_by_id["a-d"]
    edited = replace(
        mini,
        links=tuple(
            replace(x, type=LinkType.ALLIED_WITH) if x.id == "a-d" else x for x in mini.links
        ),
    )
    result = plan(encode(edited), encode(mini))
    assert steps(result) == [
        ("load/delete-links", "economic_tie", "", [link.id]),
        ("load/merge-links", "allied_with", "update", [link.id]),
    ]


def test_an_actor_whose_kind_changed_is_recreated_with_its_links(mini: Dataset) -> None:
    edited = replace(
        mini,
        actors=tuple(
            replace(a, kind=ActorKind.OFFICIAL) if a.id == "c" else a for a in mini.actors
        ),
    )
    result = plan(encode(edited), encode(mini), foreign={})
    assert result.recreated == ("c",)
    planned = steps(result)
    assert planned[0] == ("load/delete-actors", "", "", ["c"])
    assert ("load/merge-actors", "official", "update", ["c"]) in planned
    rewritten = sorted(i for q, _, _, ids in planned if q == loadplan.MERGE_LINKS for i in ids)
    assert rewritten == ["b-c", "c-d"]  # every link touching c is written again
    assert result.counts[Section.LINKS] == Planned(update=2, unchanged=2)
    assert result.counts[Section.SCENARIO_LINKS] == Planned(unchanged=1)


def test_a_kind_change_stops_if_something_else_is_attached(mini: Dataset) -> None:
    edited = replace(
        mini,
        actors=tuple(replace(a, kind=ActorKind.BLOC) if a.id == "a" else a for a in mini.actors),
    )
    with pytest.raises(ScenarioError, match="would drop 2 relationships") as caught:
        plan(encode(edited), encode(mini), foreign={"a": 2})
    assert caught.value.hint is not None and "REMOVE n:State SET n:Bloc" in caught.value.hint


def _with_strangers(mini: Dataset) -> GraphRecords:
    """The mini dataset as loaded, plus an actor and a link someone made in Neo4j Browser."""
    current = encode(mini)
    current.add(NodeRecord(NodeLabel.ACTOR, "x", {"id": "x", "name": "X"}, (ActorKind.STATE,)))
    current.links.append(LinkRecord("x-a", "x", "a", LinkType.SUPPORTS, {"id": "x-a"}))
    return current


def test_without_prune_what_the_dataset_lacks_is_kept(mini: Dataset) -> None:
    smaller = replace(mini, actors=mini.actors[:3], links=mini.links[:2], scenarios=())
    result = plan(encode(smaller), _with_strangers(mini))
    assert not [s for s in steps(result) if "delete" in s[0] or "prune" in s[0]]
    assert result.counts[Section.ACTORS].absent == 2  # d, and the stranger x
    assert result.counts[Section.SCENARIOS].absent == 1


def test_prune_deletes_only_what_scenarios_wrote(mini: Dataset) -> None:
    smaller = replace(mini, actors=mini.actors[:3], links=mini.links[:2], scenarios=())
    current = _with_strangers(mini)
    assert MARKER_KEY not in current.nodes[NodeLabel.ACTOR]["x"].props
    result = plan(encode(smaller), current, prune=True)
    deleted: dict[tuple[str, str], list[str]] = {}
    for q, slot, _, ids in steps(result):
        if "delete" in q or "prune" in q:
            deleted.setdefault((q, slot), []).extend(ids)
    assert deleted[("load/delete-nodes", "Actor")] == ["d"]  # never x
    assert deleted[("load/delete-nodes", "Scenario")] == ["deal"]
    assert sorted(deleted[("load/delete-nodes", "LinkChange")]) == ["deal/changes/c-d"]
    assert deleted[("load/delete-key-actors", "")] == ["deal>a", "deal>d"]
    pruned_links = sorted(
        i for (q, _), ids in deleted.items() if q == "load/prune-links" for i in ids
    )
    assert pruned_links == ["a-d", "b-d", "c-d"]  # never x-a
    prune_steps = [s for s in result.steps if s.action == loadplan.PRUNE]
    assert all(s.params["marker"] == "scenarios" for s in prune_steps)


def test_deletes_come_before_writes(mini: Dataset) -> None:
    smaller = replace(mini, links=mini.links[:2], scenarios=())
    current = copy.deepcopy(encode(mini))
    result = plan(encode(smaller), current, prune=True)
    kinds = [
        "delete" if ("delete" in s.query or "prune" in s.query) else "write" for s in result.steps
    ]
    assert kinds == sorted(kinds)  # "delete" < "write"


def test_batches_split_long_row_lists(seed: Dataset) -> None:
    result = plan(encode(seed), GraphRecords(), batch_size=10)
    assert max(step.size for step in result.steps) == 10
    assert result.counts[Section.ACTORS] == Planned(create=len(seed.actors))


def _c_as(mini: Dataset, kind: ActorKind) -> tuple[Actor, ...]:
    return tuple(replace(a, kind=kind) if a.id == "c" else a for a in mini.actors)


def test_a_kind_change_and_a_retyped_link_together_are_fine(mini: Dataset) -> None:
    links = tuple(replace(x, type=LinkType.ALLIED_WITH) if x.id == "c-d" else x for x in mini.links)
    edited = replace(mini, actors=_c_as(mini, ActorKind.OFFICIAL), links=links)
    result = plan(encode(edited), encode(mini), foreign={})
    assert result.recreated == ("c",)


def test_a_kind_change_keeps_links_the_dataset_dropped_unless_pruning(mini: Dataset) -> None:
    links = tuple(x for x in mini.links if x.id != "b-c")  # touches c; kept without --prune
    edited = replace(mini, actors=_c_as(mini, ActorKind.OFFICIAL), links=links)
    with pytest.raises(ScenarioError, match="would drop 1 relationship "):
        plan(encode(edited), encode(mini), foreign={})
    pruned = plan(encode(edited), encode(mini), prune=True, foreign={})
    assert pruned.recreated == ("c",)


# -- streamed: rows encoded batch by batch -------------------------------------------------------


@pytest.mark.parametrize("fixture", ["mini", "seed"])
def test_lazy_records_plan_the_same_statements_and_rows(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    ds = request.getfixturevalue(fixture)
    for current in (GraphRecords(), encode(ds)):
        eager = plan(encode(ds), current, batch_size=7)
        lazy = plan(encode_lazily(ds), current, batch_size=7)
        assert lazy.counts == eager.counts
        assert [(s.query, s.slots, s.section, s.action, s.size) for s in lazy.steps] == [
            (s.query, s.slots, s.section, s.action, s.size) for s in eager.steps
        ]
        assert [s.params for s in lazy.steps] == [s.params for s in eager.steps]


def test_a_plan_holds_keys_and_makes_rows_only_when_a_batch_is_sent(seed: Dataset) -> None:
    made: list[int] = []
    result = plan(encode_lazily(seed), GraphRecords(), batch_size=10)
    links = [s for s in result.steps if s.query == loadplan.MERGE_LINKS]
    assert links and all(type(key) is int for s in links for key in s.batch)  # positions
    first = links[0]
    real = first.row
    assert real is not None
    counting = replace(first, row=lambda key: made.append(key) or real(key))
    rows = counting.params["rows"]
    assert made == list(first.batch) and len(rows) == first.size <= 10
    assert rows[0]["props"]["loaded_by"] == "scenarios"


# -- edits made in the database since the last load (docs/neo4j.md, "Edits made in the database")


def _edited_in_browser(
    current: GraphRecords, label: NodeLabel, ident: str, **props: object
) -> None:
    """Change a node's properties as Neo4j Browser would: its recorded hash stays as it was."""
    node = current.nodes[label][ident]
    current.add(replace(node, props={**node.props, **props}))


def test_an_edit_the_load_would_overwrite_is_listed(mini: Dataset) -> None:
    current = encode(mini)
    _edited_in_browser(current, NodeLabel.ACTOR, "b", name="Bravo (edited)")
    result = plan(encode(mini), current)
    assert [edit.describe() for edit in result.edits] == [
        "actor b: name 'Bravo (edited)' → 'Bravo'"
    ]
    assert result.acknowledged == 0


def test_a_dataset_change_over_an_untouched_database_is_no_edit(mini: Dataset) -> None:
    edited = replace(mini, actors=(replace(mini.actors[0], name="Alpha Prime"), *mini.actors[1:]))
    result = plan(encode(edited), encode(mini))
    assert result.edits == () and result.counts[Section.ACTORS] == Planned(update=1, unchanged=3)


def test_an_edit_the_dataset_now_says_too_is_acknowledged_not_updated(mini: Dataset) -> None:
    current = encode(mini)
    _edited_in_browser(current, NodeLabel.ACTOR, "a", name="Alpha Prime")
    pulled = replace(mini, actors=(replace(mini.actors[0], name="Alpha Prime"), *mini.actors[1:]))
    result = plan(encode(pulled), current)
    assert result.edits == () and result.acknowledged == 1
    assert result.counts[Section.ACTORS] == Planned(unchanged=4)
    # the node is written once more, for its new hash alone
    assert steps(result) == [("load/merge-actors", "state", "update", ["a"])]
    assert plan(encode(pulled), encode(pulled)).steps == ()  # and no false alarm after


def test_an_edited_nested_record_and_a_pruned_edited_entity_are_edits(mini: Dataset) -> None:
    current = encode(mini)
    _edited_in_browser(current, NodeLabel.EVIDENCE, "a-b/evidence/0", text="Edited.")
    _edited_in_browser(current, NodeLabel.ACTOR, "d", name="Delta (edited)")
    smaller = replace(mini, actors=mini.actors[:3], links=mini.links[:2], scenarios=())
    described = [edit.describe() for edit in plan(encode(smaller), current, prune=True).edits]
    assert "evidence a-b/evidence/0: text 'Edited.' → 'Bravo leads Alpha.'" in described
    assert "actor d: edited in the database, would be deleted (--prune)" in described
    # without --prune, d is kept, not overwritten: only the evidence is an edit
    kept = plan(encode(smaller), current).edits
    assert [edit.what for edit in kept] == ["evidence a-b/evidence/0"]


def test_entities_without_a_recorded_hash_are_not_edits(mini: Dataset) -> None:
    current = encode(mini)  # as loaded by a version that recorded no hash, then edited
    for label, nodes in current.nodes.items():
        for ident, node in nodes.items():
            props = {k: v for k, v in node.props.items() if k != HASH_KEY}
            current.nodes[label][ident] = replace(node, props=props)
    _edited_in_browser(current, NodeLabel.ACTOR, "b", name="Bravo (edited)")
    result = plan(encode(mini), current)
    assert result.edits == () and result.acknowledged == 0
    assert result.counts[Section.ACTORS] == Planned(update=4)  # each gets its hash, once


def test_a_changed_kind_label_is_an_edit(mini: Dataset) -> None:
    current = encode(mini)
    node = current.nodes[NodeLabel.ACTOR]["c"]
    current.add(replace(node, kinds=(ActorKind.OFFICIAL,)))  # relabelled in Browser
    (edit,) = plan(encode(mini), current, foreign={}).edits
    assert edit.describe() == "actor c: kind Official → Envoy"


def test_edits_to_grades_signposts_and_their_parts_are_edits(seed: Dataset) -> None:
    """Issue 15's nodes and relationships carry the hash too: a grade, a signpost, an
    observation, a raised_by item and a signpost's relationship edited in the database."""
    current = encode(seed)
    _edited_in_browser(current, NodeLabel.GRADE, "heard", value=0.45)
    sign = "us-calls-itself-chinas-ally"
    _edited_in_browser(current, NodeLabel.SIGNPOST, sign, statement="Edited.")
    seen = next(iter(current.nodes[NodeLabel.OBSERVATION]))
    _edited_in_browser(current, NodeLabel.OBSERVATION, seen, text="Edited.")
    _edited_in_browser(current, NodeLabel.RAISED_BY, f"{sign}/raised_by/0", locator="¶99")
    key = (SignpostRole.POINTS_TO, sign, "g2")
    role = current.roles[key]
    current.roles[key] = replace(role, props={**role.props, "seq": -1})  # no place in the order
    edits = {edit.what: edit.describe() for edit in plan(encode(seed), current).edits}
    assert edits == {
        "grade heard": "grade heard: value 0.45 → 0.4",
        f"signpost {sign}": f"signpost {sign}: statement 'Edited.' → "
        + repr(seed.signpost_by_id[sign].statement)[:37]
        + "...",
        f"observation {seen}": edits[f"observation {seen}"],
        f"raised_by {sign}/raised_by/0": f"raised_by {sign}/raised_by/0: locator '¶99' → "
        f"'{seed.signpost_by_id[sign].raised_by[0].locator}'",
        f"signpost {sign} points_to g2": f"signpost {sign} points_to g2: seq -1 → 0",
    }
    assert edits[f"observation {seen}"].startswith(f"observation {seen}: text 'Edited.' → ")


def test_a_signpost_relationship_the_dataset_dropped_is_an_edit_when_edited(
    seed: Dataset,
) -> None:
    sign = seed.signposts[0]
    current = encode(seed)
    key = (SignpostRole.POINTS_TO, sign.id, sign.points_to[0])
    role = current.roles[key]
    current.roles[key] = replace(role, props={**role.props, "seq": 7})
    dropped = replace(sign, points_to=sign.points_to[1:])
    smaller = replace(seed, signposts=(dropped, *seed.signposts[1:]))
    (edit,) = plan(encode(smaller), current).edits
    assert edit.describe() == (
        f"signpost {sign.id} points_to {sign.points_to[0]}: edited in the database, would be "
        "deleted (no longer in the dataset)"
    )


# -- positions are an order; nested records are matched by their data; bookkeeping only ----------


def _said(*texts: str) -> tuple[Evidence, ...]:
    return tuple(Evidence(text, cites="a newspaper") for text in texts)


def _with_evidence(mini: Dataset, *texts: str) -> Dataset:
    first = mini.links[0]
    return replace(mini, links=(replace(first, evidence=_said(*texts)), *mini.links[1:]))


def test_deleting_an_entry_renumbers_nothing(mini: Dataset) -> None:
    # the actors and links after the dropped ones keep their `seq` (1, 2, ...): still in order
    result = plan(encode(_without_actor_a(mini)), encode(mini))
    assert [s for s in steps(result) if s[0] in (loadplan.MERGE_ACTORS, loadplan.MERGE_LINKS)] == []
    assert result.counts[Section.ACTORS] == Planned(unchanged=3, absent=1)


def _without_actor_a(mini: Dataset) -> Dataset:
    """The mini dataset without actor a and what names it (its links, the scenario's ties)."""
    links = tuple(x for x in mini.links if "a" not in (x.source, x.target))
    scenarios = tuple(
        replace(
            s,
            key_actors=("b", "d"),
            changes=tuple(c for c in s.changes if c.link in {x.id for x in links}),
            removes=tuple(r for r in s.removes if r.link in {x.id for x in links}),
            adds=tuple(x for x in s.adds if "a" not in (x.source, x.target)),
        )
        for s in mini.scenarios
    )
    signposts = tuple(
        replace(s, bears_on=tuple(i for i in s.bears_on if i in {"b", "c", "d"}))
        for s in mini.signposts
    )
    return replace(
        mini, actors=mini.actors[1:], links=links, scenarios=scenarios, signposts=signposts
    )


def test_an_entry_moved_before_the_others_is_the_one_rewritten(mini: Dataset) -> None:
    last = mini.actors[-1]
    reordered = replace(mini, actors=(last, *mini.actors[:-1]))
    result = plan(encode(reordered), encode(mini))
    # a, b, c keep 0, 1, 2 (the longest run still in order); d, now first, has no room before
    # a's 0, so a, b and c move up: written at 1, 2, 3
    written = {
        row["id"]: row["props"]["seq"]
        for step in result.steps
        if step.query == loadplan.MERGE_ACTORS
        for row in step.params["rows"]
    }
    assert written == {"d": 0, "a": 1, "b": 2, "c": 3}
    assert result.counts[Section.ACTORS] == Planned(move=4)


def test_an_appended_entry_is_the_only_write(mini: Dataset) -> None:
    more = replace(mini, actors=(*mini.actors, Actor("e", "Echo", ActorKind.STATE)))
    result = plan(encode(more), encode(mini))
    assert steps(result) == [("load/merge-actors", "state", "create", ["e"])]


def test_evidence_made_in_browser_that_the_dataset_now_holds_is_adopted_not_doubled(
    mini: Dataset,
) -> None:
    current = encode(_with_evidence(mini, "A."))
    mine = {"id": "mine", "link": "a-b", "text": "B.", "cites": "a newspaper"}  # no marker, no seq
    current.add(NodeRecord(NodeLabel.EVIDENCE, "mine", mine))
    result = plan(encode(_with_evidence(mini, "A.", "B.")), current)
    ((query, _, _, ids),) = steps(result)
    assert (query, ids) == (loadplan.MERGE_NODES, ["mine"])  # its own id: no second node
    (row,) = result.steps[0].params["rows"]
    assert row["props"][MARKER_KEY] == "scenarios" and row["props"]["seq"] == 1
    assert {k: row["props"][k] for k in mine} == mine  # its data as it was
    # once written so, the next load writes nothing
    current.add(NodeRecord(NodeLabel.EVIDENCE, "mine", row["props"]))
    assert plan(encode(_with_evidence(mini, "A.", "B.")), current).steps == ()


def test_evidence_whose_ids_shifted_is_matched_by_its_data(mini: Dataset) -> None:
    current = encode(_with_evidence(mini, "A.", "B.", "C."))
    del current.nodes[NodeLabel.EVIDENCE]["a-b/evidence/0"]  # deleted in Browser, then pulled
    after = _with_evidence(mini, "B.", "C.")
    assert plan(encode(after), current).steps == ()  # B. is a-b/evidence/1, C. /2: in order
    grown = plan(encode(_with_evidence(mini, "B.", "C.", "D.")), current)
    # D. is the third item, but a-b/evidence/2 is C.'s node: it takes the next free id
    assert steps(grown) == [("load/merge-nodes", "Evidence", "", ["a-b/evidence/3"])]


def test_bookkeeping_only_writes_no_data_creates_and_deletes_nothing(mini: Dataset) -> None:
    current = encode(mini)
    link = current.links[0]
    data = {k: v for k, v in link.props.items() if k not in (MARKER_KEY, HASH_KEY, "seq", "base")}
    current.links[0] = replace(link, props=data)  # as if made in Browser: no bookkeeping
    _edited_in_browser(current, NodeLabel.ACTOR, "b", name="Bravo (edited)")  # data
    del current.nodes[NodeLabel.ACTOR]["c"]  # missing: a load would create it
    desired = encode(replace(mini, actors=(*mini.actors, Actor("e", "Echo", ActorKind.STATE))))
    result = plan(desired, current, bookkeeping_only=True, prune=True)
    assert steps(result) == [("load/merge-links", "leads", "update", [link.id])]
    (row,) = result.steps[0].params["rows"]
    assert row["props"] == encode(mini).links[0].props
    assert result.edits == ()
