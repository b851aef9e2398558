"""The export records of the tiny dataset, checked against values worked out by hand.

The `deal` scenario (tests/conftest.py): key actors a and d; links a-b (leads, weight 1),
b-c (envoy_of, 0.5), c-d (negotiates_with, strengthened from 0.5 to 1.0), b-d (added, 0.2 x
0.5 = 0.1); a-d is removed. The strongest a-d chain is a-b-c-d = 1 x 0.5 x 1 = 0.5 (a-b-d
carries only 0.1). Cutting a-b isolates a: score 1, and it is the one-tie minimum cut
(route_loss 1/1). Cutting b-c or c-d leaves a-b-d: score 1 - 0.1/0.5 = 0.8, route_loss 0.
Both are on every strongest path (path_share 1); ties tie on score, so b~c ranks before c~d.
b-d is on no strongest path: every metric 0, rank 0.
"""

from __future__ import annotations

from datetime import date

import pytest

from scenarios.export.records import (
    EDGE_ATTRS,
    GRAPH_ATTRS,
    NODE_ATTRS,
    Attr,
    AttrType,
    ExportGraph,
    build_export,
    flat,
    view_names,
)
from scenarios.model import Dataset


def edge(graph: ExportGraph, link_id: str) -> dict[str, object]:
    return dict(next(e for e in graph.edges if e.id == link_id).values)


def node(graph: ExportGraph, actor_id: str) -> dict[str, object]:
    return dict(next(n for n in graph.nodes if n.id == actor_id).values)


def test_scenario_view_links_status_and_tie_metrics(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={}, top=2)
    assert [e.id for e in graph.edges] == ["a-b", "b-c", "c-d", "b-d"]
    assert {e.id: e.values["status"] for e in graph.edges} == {
        "a-b": "base",
        "b-c": "base",
        "c-d": "strengthened",
        "b-d": "added",
    }
    ab, bc, cd, bd = (edge(graph, i) for i in ["a-b", "b-c", "c-d", "b-d"])
    # a-b (leads) and b-c (envoy_of) are structural: they carry the chain, are never cut
    for values in (ab, bc):
        assert (values["role"], values["score"], values["rank"]) == ("structural", 0.0, 0)
        assert values["top_dependency"] is False and "channel" not in values
    # c-d is the channel the scenario stands on: without it a-b-d (0.1) of a-b-c-d (0.5)
    assert (cd["role"], cd["channel"], cd["channel_name"]) == ("channel", "c~d", "Delta – Charlie")
    assert cd["score"] == pytest.approx(0.8, abs=1e-12)
    # one independent route a-d: its minimum cut is a-b alone (structural), so no channel
    # counts a share of routes
    assert (cd["path_share"], cd["route_loss"]) == (1.0, 0.0)
    assert (cd["rank"], cd["disconnects"], cd["top_dependency"]) == (1, 0, True)
    assert cd["why"].startswith("cutting it weakens the best Alpha–Delta chain from 0.50 to 0.10")
    assert (bd["score"], bd["path_share"], bd["route_loss"], bd["rank"]) == (0.0, 0.0, 0.0, 0)
    assert bd["top_dependency"] is False and "why" not in bd and bd["channel"] == "b~d"


def test_link_values_are_the_views_with_evidence_flattened(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={})
    ab, bc, cd, bd = (edge(graph, i) for i in ["a-b", "b-c", "c-d", "b-d"])
    assert ab["evidence"] == ("Bravo leads Alpha. — Anna Analyst, A programme, 2025-12-07",)
    assert (ab["evidence_count"], ab["speakers"], ab["programmes"]) == (
        1,
        ("Anna Analyst",),
        ("A programme",),
    )
    assert (ab["label"], ab["link_type"], ab["direction"]) == ("leads", "leads", "directed")
    assert (bc["date"], bc["date_start"], bc["date_end"]) == (
        "2025-10-24/2025-10-26",
        date(2025, 10, 24),
        date(2025, 10, 26),
    )
    assert "evidence" not in bc and bc["evidence_count"] == 0  # absent, not an empty string
    assert (cd["strength"], cd["confidence"], cd["weight"]) == (1.0, 1.0, 1.0)  # reweighted
    assert (bd["direction"], bd["label"], bd["weight"]) == ("symmetric", "negotiates with", 0.1)
    assert (bd["tie"], bd["tie_weight"]) == ("b~d", 0.1)
    assert "in_scenarios" not in bd  # base graph only


def test_actor_values_and_key_actors(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={})
    assert node(graph, "a") == {
        "label": "Alpha",
        "name": "Alpha",
        "name_ja": "アルファ",
        "kind": "state",
        "aliases": ("First",),
        "is_key_actor": True,
    }
    assert node(graph, "b")["affiliation"] == "a" and node(graph, "b")["is_key_actor"] is False
    assert graph.graph["key_actors"] == ("a", "d") and graph.graph["top"] == 10
    japanese = build_export(mini, "deal", positions={}, lang="ja")
    assert node(japanese, "a")["label"] == "アルファ"
    assert node(japanese, "b")["label"] == "Bravo"  # no Japanese name: the English one


def test_base_graph_has_scenario_membership_and_no_metrics(mini: Dataset) -> None:
    graph = build_export(mini, None, positions={})
    assert graph.name == "base" and not graph.is_scenario
    assert [e.id for e in graph.edges] == ["a-b", "b-c", "c-d", "a-d"]
    assert edge(graph, "c-d")["in_scenarios"] == ("deal",)  # reweighted, still in force
    assert "in_scenarios" not in edge(graph, "a-d")  # the deal removes it
    names = {a.name for a in graph.edge_attrs}
    assert "in_scenarios" in names and not names & {"score", "rank", "why", "change_note"}
    assert "score" not in edge(graph, "a-b") and "is_key_actor" not in node(graph, "a")
    assert "key_actors" not in graph.graph


def test_as_of_leaves_out_links_not_yet_in_evidence(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={}, as_of=date(2025, 11, 1))
    assert [e.id for e in graph.edges] == ["a-b", "b-c", "b-d"]  # c-d is dated 2025-12-02
    assert graph.graph["as_of"] == date(2025, 11, 1)
    # now only a-b-d joins the key actors: both ties are bridges
    assert edge(graph, "b-d")["rank"] in {1, 2} and edge(graph, "b-d")["disconnects"] == 1


def test_flat_joins_lists_and_writes_dates_as_iso_text() -> None:
    evidence = next(a for a in EDGE_ATTRS if a.name == "evidence")
    assert flat(("one", "two"), evidence) == "one\ntwo"
    assert flat(("x", "y"), Attr("aliases", AttrType.LIST, "")) == "x; y"
    assert flat(date(2025, 1, 2), Attr("d", AttrType.DATE, "")) == "2025-01-02"
    assert flat(0.5, Attr("f", AttrType.FLOAT, "")) == 0.5


def test_schema_names_are_unique_and_documented() -> None:
    for attrs in (GRAPH_ATTRS, NODE_ATTRS, EDGE_ATTRS):
        names = [a.name for a in attrs]
        assert len(names) == len(set(names))
        assert all(a.doc for a in attrs)


def test_every_value_has_its_declared_type(seed: Dataset) -> None:
    python_types = {
        AttrType.STRING: str,
        AttrType.FLOAT: float,
        AttrType.INT: int,
        AttrType.BOOL: bool,
        AttrType.DATE: date,
        AttrType.LIST: tuple,
    }
    for view in view_names(seed):
        graph = build_export(seed, None if view == "base" else view, positions={})
        for records, attrs in ((graph.nodes, graph.node_attrs), (graph.edges, graph.edge_attrs)):
            declared = {a.name: a.type for a in attrs}
            for record in records:
                assert set(record.values) <= set(declared)
                for name, value in record.values.items():
                    assert type(value) is python_types[declared[name]], (view, name, value)


def test_docs_describe_every_attribute() -> None:
    from pathlib import Path

    docs = (Path(__file__).parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    for attr in (*GRAPH_ATTRS, *NODE_ATTRS, *EDGE_ATTRS):
        assert f"| `{attr.name}` | {attr.type.value} |" in docs, attr.name


def test_links_carry_their_basis_grade_and_located_evidence(seed: Dataset) -> None:
    graph = build_export(seed, None, positions={})
    edges = {e.id: e.values for e in graph.edges}
    xi = edges["xi-leads-china"]
    assert (xi["basis"], xi["grade"], xi["confidence"]) == ("background", "fact", 1.0)
    assert str(xi["background"]).startswith("The source never names China's leader")
    call = edges["trump-xi-call"]
    assert call["basis"] == "sourced" and "background" not in call  # absent, not empty
    assert call["evidence"] == (
        "Kotani refers to the US–China leaders' telephone summit at the end of October. — "
        "Tetsuo Kotani, Nichiyo Scoop (BS Asahi), 2025-12-07, ¶16 [fact]",
        "Kotani thinks it quite possible that the call also discussed some role for China in a "
        "Ukraine ceasefire. — Tetsuo Kotani, Nichiyo Scoop (BS Asahi), 2025-12-07, ¶16 "
        "[assessed]",
    )
    names = [a.name for a in graph.edge_attrs]
    assert names.index("grade") == names.index("confidence") + 1
    assert {"basis", "background"} <= set(names)
