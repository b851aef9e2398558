"""GraphML, GEXF and node-link JSON read back by networkx (and GraphML by igraph) give the same
actors, the same links (every parallel link its own edge), the same values and the same types."""

from __future__ import annotations

import io
import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from scenarios.export import style
from scenarios.export.gexf import SCALE, to_gexf
from scenarios.export.graphml import to_graphml
from scenarios.export.jsonfmt import to_node_link
from scenarios.export.layout import stable_layout
from scenarios.export.records import Attr, AttrType, ExportGraph, Value, build_export, flat
from scenarios.model import Dataset

XML_TYPES = {
    AttrType.STRING: "string",
    AttrType.FLOAT: "double",
    AttrType.INT: "long",
    AttrType.BOOL: "boolean",
    AttrType.DATE: "string",
    AttrType.LIST: "string",
}


@pytest.fixture(params=[("mini", "deal"), ("mini", None), ("seed", "new-yalta"), ("seed", None)])
def graph(request: pytest.FixtureRequest) -> ExportGraph:
    name, view = request.param
    ds: Dataset = request.getfixturevalue(name)
    return build_export(ds, view, positions=stable_layout(ds))


def flat_values(values: Mapping[str, Value], attrs: tuple[Attr, ...]) -> dict[str, Any]:
    return {a.name: flat(values[a.name], a) for a in attrs if a.name in values}


def assert_same(actual: Mapping[str, Any], expected: Mapping[str, Any], where: str) -> None:
    assert dict(actual) == dict(expected), where
    for name, value in expected.items():  # == says 1 == 1.0 == True; the types must match too
        assert type(actual[name]) is type(value), f"{where}.{name}: {actual[name]!r}"


def test_the_seed_has_parallel_links_to_carry(seed: Dataset) -> None:
    pairs = Counter(link.pair for link in seed.view("new-yalta").links)
    assert max(pairs.values()) >= 2  # otherwise the multigraph round trips prove little


# -- GraphML ---------------------------------------------------------------------------------------


def test_graphml_round_trips_through_networkx(graph: ExportGraph, tmp_path: Path) -> None:
    path = tmp_path / "view.graphml"
    path.write_bytes(to_graphml(graph))
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert list(back.nodes) == [n.id for n in graph.nodes]
    for n in graph.nodes:
        assert_same(back.nodes[n.id], flat_values(n.values, graph.node_attrs), n.id)
    assert sorted(back.edges(keys=True)) == sorted((e.source, e.target, e.id) for e in graph.edges)
    for e in graph.edges:  # the link id is the edge's XML id (the key) and its `id` attribute
        assert_same(
            back.edges[e.source, e.target, e.id], flat_values(e.values, graph.edge_attrs), e.id
        )
    graph_data = {k: v for k, v in back.graph.items() if k not in {"node_default", "edge_default"}}
    assert_same(graph_data, flat_values(graph.graph, graph.graph_attrs), "graph")


def test_graphml_declares_every_attribute_with_its_type(graph: ExportGraph) -> None:
    root = ET.fromstring(to_graphml(graph))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    declared = {
        (key.get("for"), key.get("attr.name")): key.get("attr.type")
        for key in root.findall("g:key", ns)
    }
    ids = [key.get("id") for key in root.findall("g:key", ns)]
    assert len(ids) == len(set(ids))  # key ids unique, as GraphML requires
    for scope, attrs in (("node", graph.node_attrs), ("edge", graph.edge_attrs)):
        records = graph.nodes if scope == "node" else graph.edges
        used = {name for r in records for name in r.values}
        for attr in attrs:
            if attr.name in used:
                assert declared[(scope, attr.name)] == XML_TYPES[attr.type], attr.name
    booleans = [
        key.get("id") for key in root.findall("g:key", ns) if key.get("attr.type") == "boolean"
    ]
    for data in root.iter("{http://graphml.graphdrawing.org/xmlns}data"):
        if data.get("key") in booleans:
            assert data.text in {"true", "false"}  # XML Schema spelling


@pytest.mark.filterwarnings("ignore:Could not add edge ids:RuntimeWarning")  # see graphml.py
def test_graphml_round_trips_through_igraph(graph: ExportGraph, tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph", reason="python-igraph is in the test extra")
    path = tmp_path / "view.graphml"
    path.write_bytes(to_graphml(graph))
    back = igraph.Graph.Read_GraphML(str(path))
    assert back.is_directed()
    assert back.vs["id"] == [n.id for n in graph.nodes]
    for vertex, n in zip(back.vs, graph.nodes, strict=True):
        _assert_igraph_values(vertex.attributes(), n.values, graph.node_attrs, n.id)
    by_id = {e.id: e for e in graph.edges}
    assert sorted(back.es["id"]) == sorted(by_id)
    for link in back.es:
        e = by_id[link["id"]]
        assert (back.vs[link.source]["id"], back.vs[link.target]["id"]) == (e.source, e.target)
        _assert_igraph_values(link.attributes(), e.values, graph.edge_attrs, e.id)


def _assert_igraph_values(
    actual: Mapping[str, Any], values: Mapping[str, Value], attrs: tuple[Attr, ...], where: str
) -> None:
    """igraph keeps strings and booleans, reads every number as a float, and fills an
    attribute an element lacks with "" (strings) or NaN (numbers)."""
    for attr in attrs:
        if attr.name not in actual:  # no element has it, so it is not declared at all
            assert attr.name not in values, (where, attr.name)
            continue
        got = actual[attr.name]
        if attr.name not in values:
            assert got == "" or (isinstance(got, float) and math.isnan(got)), (where, attr.name)
            continue
        want = flat(values[attr.name], attr)
        if attr.type in {AttrType.FLOAT, AttrType.INT}:
            assert isinstance(got, float) and got == float(want), (where, attr.name)
        else:
            assert type(got) is type(want) and got == want, (where, attr.name)


# -- GEXF ------------------------------------------------------------------------------------------


def test_gexf_round_trips_through_networkx(graph: ExportGraph) -> None:
    back = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    # networkx reads a simple DiGraph unless two links share a direction and ends
    assert back.is_directed()
    assert list(back.nodes) == [n.id for n in graph.nodes]
    for n in graph.nodes:
        data = dict(back.nodes[n.id])
        viz = data.pop("viz")
        assert_same(data, flat_values(n.values, graph.node_attrs), n.id)
        colour = style.hex_rgb(style.kind_colour(str(n.values["kind"])))
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == colour
        x, y = graph.positions[n.id]
        assert viz["position"]["x"] == pytest.approx(x * SCALE, abs=0.05)
        assert viz["position"]["y"] == pytest.approx(y * SCALE, abs=0.05)
    edges = list(
        back.edges(keys=True, data=True) if back.is_multigraph() else back.edges(data=True)
    )
    by_id = {e.id: e for e in graph.edges}
    assert sorted(edge[-1]["id"] for edge in edges) == sorted(by_id)
    for edge in edges:
        data = dict(edge[-1])
        data.pop("viz", None)  # networkx reads edge colours only sometimes; checked below
        e = by_id[data["id"]]
        assert (edge[0], edge[1]) == (e.source, e.target)
        if back.is_multigraph():
            assert edge[2] == e.id
        expected = flat_values(e.values, graph.edge_attrs)
        if "date_start" in e.values:  # a dated link starts when it has certainly begun
            expected["start"] = expected["date_counted_from"]
        assert_same(data, expected, e.id)
    assert back.graph["name"] == graph.name


def test_gexf_declares_types_and_has_no_date_or_networkx_key(graph: ExportGraph) -> None:
    document = to_gexf(graph)
    assert b"networkx_key" not in document and b"lastmodifieddate" not in document
    root = ET.fromstring(document)
    ns = "{http://www.gexf.net/1.2draft}"
    declared = {
        (attributes.get("class"), attribute.get("title")): attribute.get("type")
        for attributes in root.iter(f"{ns}attributes")
        for attribute in attributes.iter(f"{ns}attribute")
    }
    structural = {"label", "weight", "id"}  # GEXF's own node/edge attributes
    for scope, attrs in (("node", graph.node_attrs), ("edge", graph.edge_attrs)):
        records = graph.nodes if scope == "node" else graph.edges
        used = {name for r in records for name in r.values}
        for attr in attrs:
            if attr.name in used and attr.name not in structural:
                assert declared[(scope, attr.name)] == XML_TYPES[attr.type], attr.name


def test_gexf_colours_top_dependencies_dark_and_heavy(seed: Dataset) -> None:
    graph = build_export(seed, "new-yalta", positions={}, top=3)
    root = ET.fromstring(to_gexf(graph))
    ns, viz = "{http://www.gexf.net/1.2draft}", "{http://www.gexf.net/1.2draft/viz}"
    top = {e.id for e in graph.edges if e.values["top_dependency"]}
    # the ties of New Yalta's three channels: the leaders' call, the back channel, the
    # Wang Yi-Shoigu meeting (never a leads or envoy_of link: those are not channels)
    assert {"trump-xi-call", "witkoff-putin-moscow", "china-russia-moscow"} <= top
    assert not top & {"trump-leads-us", "putin-leads-russia", "witkoff-envoy-of-trump"}
    for element in root.iter(f"{ns}edge"):
        colour = element.find(f"{viz}color")
        thickness = element.find(f"{viz}thickness")
        assert colour is not None and thickness is not None
        rgb = tuple(int(colour.get(c, "")) for c in "rgb")
        if element.get("id") in top:
            assert rgb == style.hex_rgb(style.TOP_COLOUR)
            assert float(thickness.get("value", "")) >= 3.0
        else:
            assert rgb != style.hex_rgb(style.TOP_COLOUR)
            assert float(thickness.get("value", "")) <= 2.6


def test_gexf_is_dynamic_exactly_when_links_are_dated(mini: Dataset) -> None:
    dated = ET.fromstring(to_gexf(build_export(mini, "deal", positions={})))
    graph_element = dated.find("{http://www.gexf.net/1.2draft}graph")
    assert graph_element is not None
    assert (graph_element.get("mode"), graph_element.get("timeformat")) == ("dynamic", "date")
    undated = build_export(mini, "deal", positions={}, as_of=date(2025, 10, 1))
    assert [e.id for e in undated.edges] == ["a-b", "b-d"]
    graph_element = ET.fromstring(to_gexf(undated)).find("{http://www.gexf.net/1.2draft}graph")
    assert graph_element is not None and graph_element.get("mode") == "static"


# -- node-link JSON --------------------------------------------------------------------------------


def json_values(values: Mapping[str, Value]) -> dict[str, Any]:
    return {
        k: list(v) if isinstance(v, tuple) else v.isoformat() if isinstance(v, date) else v
        for k, v in values.items()
    }


def test_node_link_json_round_trips_through_networkx(graph: ExportGraph) -> None:
    document = json.loads(to_node_link(graph))
    back = nx.node_link_graph(document, edges="edges")
    assert back.is_directed() and back.is_multigraph()
    assert list(back.nodes) == [n.id for n in graph.nodes]
    for n in graph.nodes:
        assert_same(back.nodes[n.id], json_values(n.values), n.id)
    assert sorted(back.edges(keys=True)) == sorted((e.source, e.target, e.id) for e in graph.edges)
    for e in graph.edges:
        assert_same(back.edges[e.source, e.target, e.id], json_values(e.values), e.id)
    assert_same(back.graph, json_values(graph.graph), "graph")


def test_node_link_keeps_lists_as_arrays(seed: Dataset) -> None:
    document = json.loads(to_node_link(build_export(seed, "new-yalta", positions={})))
    us = next(n for n in document["nodes"] if n["id"] == "us")
    assert us["aliases"] == ["USA", "US", "America", "米国", "米"]
    meeting = next(e for e in document["edges"] if e["id"] == "witkoff-putin-moscow")
    assert len(meeting["evidence"]) == 2 and meeting["key"] == "witkoff-putin-moscow"
