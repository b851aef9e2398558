"""The DOT export: Graphviz draws it without complaint, pydot reads back every link and value."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scenarios.export.dot import quote, to_dot
from scenarios.export.layout import stable_layout
from scenarios.export.records import build_export
from scenarios.model import Dataset
from tests.export.system import require_program


def unquote(text: str) -> str:
    assert text.startswith('"') and text.endswith('"'), text
    return text[1:-1].replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


def test_quote_escapes_what_dot_needs() -> None:
    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert unquote(quote('a "b" \\ c\nd')) == 'a "b" \\ c\nd'


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's use of pyparsing
def test_pydot_reads_every_actor_link_and_value(seed: Dataset) -> None:
    pydot = pytest.importorskip("pydot", reason="pydot is in the test extra")
    graph = build_export(seed, "new-yalta", positions=stable_layout(seed), top=3)
    (parsed,) = pydot.graph_from_dot_data(to_dot(graph))
    assert parsed.get_type() == "digraph"
    nodes = {
        unquote(n.get_name()): n
        for n in parsed.get_nodes()
        if n.get_name() not in {"node", "edge", "graph"}
    }
    assert list(nodes) == [n.id for n in graph.nodes]
    trump = nodes["trump"]
    assert unquote(trump.get("label")) == "Donald Trump"
    assert unquote(trump.get("kind")) == "leader" and unquote(trump.get("name_ja")) == "トランプ"
    assert unquote(trump.get("name_en")) == "Donald Trump"  # pydot reserves `name`
    assert unquote(nodes["us"].get("is_key_actor")) == "true"
    assert unquote(nodes["us"].get("pos")).endswith("!")
    edges = {unquote(e.get("id")): e for e in parsed.get_edges()}
    assert sorted(edges) == sorted(e.id for e in graph.edges)
    top = edges["trump-xi-call"]
    assert (unquote(top.get_source()), unquote(top.get_destination())) == ("trump", "xi")
    assert unquote(top.get("label")) == "1" and unquote(top.get("dependency_rank")) == "1"
    assert unquote(top.get("channel")) == "trump~xi"
    assert float(unquote(top.get("score"))) == pytest.approx(0.0417, abs=1e-4)
    assert unquote(top.get("top_dependency")) == "true"
    assert "label" not in edges["trump-leads-us"].get_attributes()  # structural: no channel
    call = edges["kushner-member-of-us"]  # structural, never a channel
    assert unquote(call.get("evidence")).count("\n") == 1  # two citations, one per line
    assert "label" not in call.get_attributes()  # only top dependencies get a visible label
    symmetric = next(e for e in graph.edges if e.values["direction"] == "symmetric")
    assert unquote(edges[symmetric.id].get("dir")) == "none"


@pytest.mark.parametrize("layout", [["dot"], ["neato", "-n2"]])
def test_graphviz_draws_it_without_warnings(
    seed: Dataset, tmp_path: Path, layout: list[str]
) -> None:
    dot = require_program("dot", "graphviz")
    program = dot if layout[0] == "dot" else str(Path(dot).with_name(layout[0]))
    source = tmp_path / "new-yalta.dot"
    source.write_text(to_dot(build_export(seed, "new-yalta", positions=stable_layout(seed))))
    drawn = subprocess.run(
        [program, *layout[1:], "-Tsvg", str(source)], capture_output=True, text=True, check=False
    )
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stderr == ""
    assert drawn.stdout.count('class="node"') == len(seed.actors)
    assert drawn.stdout.count('class="edge"') == len(seed.view("new-yalta").links)
    assert ">Steve Witkoff</text>" in drawn.stdout  # Graphviz writes '-' in ids as &#45;
    assert '<g id="trump&#45;leads&#45;us" class="edge">' in drawn.stdout
