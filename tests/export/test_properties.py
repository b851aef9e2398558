"""GraphML and node-link JSON read back by networkx equal the view, for drawn datasets.

The round trips of tests/export/test_roundtrip.py, as properties: any valid dataset
(tests/strategies.py), its base graph or any of its scenarios, gives back every actor, every
link as its own edge with its ends and its values, and the graph's own values.
"""

from __future__ import annotations

import io
import json

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from scenarios.export.graphml import to_graphml
from scenarios.export.jsonfmt import to_node_link
from scenarios.export.layout import stable_layout
from scenarios.export.records import ExportGraph, build_export
from scenarios.model import Dataset
from tests.export.test_roundtrip import assert_same, flat_values, json_values
from tests.strategies import datasets


@st.composite
def views(draw: st.DrawFn) -> tuple[Dataset, str | None, ExportGraph]:
    """A drawn dataset, one of its views (None: the base graph), and that view's export."""
    ds = draw(datasets())
    view = draw(st.sampled_from([None, *(s.id for s in ds.scenarios)]))
    return ds, view, build_export(ds, view, positions=stable_layout(ds))


def assert_is_the_view(back: nx.MultiDiGraph, ds: Dataset, view: str | None) -> None:
    """The read-back graph holds the view's actors, and its links as edges with their values."""
    links = ds.view(view).links
    assert sorted(back.edges(keys=True)) == sorted((x.source, x.target, x.id) for x in links)
    for x in links:
        edge = back.edges[x.source, x.target, x.id]
        assert (edge["link_type"], edge["strength"], edge["confidence"]) == (
            x.type.value,
            x.strength,
            x.confidence,
        )
    assert {x.source for x in links} | {x.target for x in links} <= set(back.nodes)


@given(views())
def test_graphml_reads_back_as_the_view(drawn: tuple[Dataset, str | None, ExportGraph]) -> None:
    ds, view, graph = drawn
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert list(back.nodes) == [n.id for n in graph.nodes]
    for n in graph.nodes:
        assert_same(back.nodes[n.id], flat_values(n.values, graph.node_attrs), n.id)
    for e in graph.edges:
        assert_same(
            back.edges[e.source, e.target, e.id], flat_values(e.values, graph.edge_attrs), e.id
        )
    assert_is_the_view(back, ds, view)


@given(views())
def test_node_link_json_reads_back_as_the_view(
    drawn: tuple[Dataset, str | None, ExportGraph],
) -> None:
    ds, view, graph = drawn
    back = nx.node_link_graph(json.loads(to_node_link(graph)), edges="edges")
    assert list(back.nodes) == [n.id for n in graph.nodes]
    for n in graph.nodes:
        assert_same(back.nodes[n.id], json_values(n.values), n.id)
    for e in graph.edges:
        assert_same(back.edges[e.source, e.target, e.id], json_values(e.values), e.id)
    assert_same(back.graph, json_values(graph.graph), "graph")
    assert_is_the_view(back, ds, view)
