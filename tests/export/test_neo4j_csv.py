"""The neo4j-admin CSV files: headers in the documented format, values that parse back."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from scenarios.errors import OutputError
from scenarios.export.neo4j_csv import (
    NODES_SUFFIX,
    RELATIONSHIPS_SUFFIX,
    array_delimiter,
    import_command,
    to_neo4j_csv,
)
from scenarios.export.records import ExportGraph, build_export
from scenarios.model import Dataset

# neo4j-admin database import header fields (Operations Manual, "CSV header format"):
# <name>:<type> with type one of the documented property types, optionally an array ([]),
# or the special fields :ID / :LABEL / :START_ID / :END_ID / :TYPE, ids with an optional space.
PROPERTY_TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|"
    "localdatetime|datetime|duration"
)
PROPERTY = re.compile(rf"^[A-Za-z_][A-Za-z0-9_]*(:({PROPERTY_TYPES})(\[\])?)?$")
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:ID(\([A-Za-z]+\))?$")
SPECIAL = re.compile(r"^:(LABEL|TYPE|START_ID(\([A-Za-z]+\))?|END_ID(\([A-Za-z]+\))?)$")


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def files(
    graph: ExportGraph,
) -> tuple[list[str], list[dict[str, str]], list[str], list[dict[str, str]]]:
    rendered = to_neo4j_csv(graph)
    nodes, relationships = rendered[NODES_SUFFIX], rendered[RELATIONSHIPS_SUFFIX]
    return (
        next(csv.reader(io.StringIO(nodes))),
        read(nodes),
        next(csv.reader(io.StringIO(relationships))),
        read(relationships),
    )


@pytest.mark.parametrize("view", [None, "new-yalta"])
def test_headers_follow_the_documented_format(seed: Dataset, view: str | None) -> None:
    node_header, _, rel_header, _ = files(build_export(seed, view, positions={}))
    assert node_header[:2] == ["id:ID(Actor)", ":LABEL"]
    assert rel_header[:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"]
    for field in node_header + rel_header:
        assert ID.match(field) or SPECIAL.match(field) or PROPERTY.match(field), field
    assert sum(bool(ID.match(f)) for f in node_header) == 1
    expected = {
        "strength:double",
        "confidence:double",
        "weight:double",
        "date_start:date",
        "date_end:date",
        "evidence:string[]",
        "evidence_count:int",
        "speakers:string[]",
    }
    assert expected <= set(rel_header)
    if view:
        assert {"score:double", "rank:int", "top_dependency:boolean"} <= set(rel_header)
    assert "aliases:string[]" in node_header


def test_rows_carry_labels_types_and_typed_values(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={}, top=1)
    _, nodes, _, relationships = files(graph)
    delimiter = array_delimiter(graph)
    assert delimiter == ";"  # nothing in the tiny dataset contains one
    alpha = next(row for row in nodes if row["id:ID(Actor)"] == "a")
    assert alpha[":LABEL"].split(delimiter) == ["Actor", "State"]
    assert (alpha["name_ja"], alpha["aliases:string[]"], alpha["is_key_actor:boolean"]) == (
        "アルファ",
        "First",
        "true",
    )
    assert alpha["affiliation"] == ""  # absent: an empty field, which the importer skips
    by_id = {row["id"]: row for row in relationships}
    assert [row["id"] for row in relationships] == ["a-b", "b-c", "c-d", "b-d"]
    ab, bc, bd = by_id["a-b"], by_id["b-c"], by_id["b-d"]
    assert (ab[":START_ID(Actor)"], ab[":END_ID(Actor)"], ab[":TYPE"]) == ("b", "a", "LEADS")
    # a-b is structural (Bravo leads Alpha): never a dependency; c-d is the one channel
    assert (ab["score:double"], ab["rank:int"], ab["top_dependency:boolean"]) == (
        "0.0",
        "0",
        "false",
    )
    cd = by_id["c-d"]
    assert (float(cd["score:double"]), cd["rank:int"], cd["top_dependency:boolean"]) == (
        pytest.approx(0.8),
        "1",
        "true",
    )
    assert ab["evidence:string[]"] == "Bravo leads Alpha. — Anna Analyst, A programme, 2025-12-07"
    assert date.fromisoformat(bc["date_start:date"]) == date(2025, 10, 24)
    assert (bd[":TYPE"], bd["status"], float(bd["weight:double"])) == (
        "NEGOTIATES_WITH",
        "added",
        0.1,
    )
    assert bd["rank:int"] == "0" and bd["top_dependency:boolean"] == "false"


def test_a_semicolon_in_the_data_switches_the_array_delimiter(seed: Dataset) -> None:
    graph = build_export(seed, "new-yalta", positions={})
    assert any(";" in item for e in graph.edges for item in e.values.get("evidence", ()))  # type: ignore[union-attr]
    delimiter = array_delimiter(graph)
    assert delimiter == "|"
    command = import_command(graph)
    assert command == (
        "neo4j-admin database import full neo4j --array-delimiter='|' "
        "--nodes=new-yalta.nodes.csv --relationships=new-yalta.relationships.csv"
    )
    _, nodes, _, relationships = files(graph)
    assert next(r for r in nodes if r["id:ID(Actor)"] == "trump")[":LABEL"] == "Actor|Leader"
    moscow = next(r for r in relationships if r["id"] == "witkoff-putin-moscow")
    assert len(moscow["evidence:string[]"].split("|")) == 2  # two items, split back apart


def test_no_usable_delimiter_is_an_output_error(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={})
    node = graph.nodes[0]
    crowded = ExportGraph(
        **{**graph.__dict__, "nodes": (type(node)(node.id, {**node.values, "aliases": (";|¦␟",)}),)}
    )
    with pytest.raises(OutputError, match="array delimiter"):
        array_delimiter(crowded)


def test_the_import_command_is_told(mini: Dataset) -> None:
    heard: list[str] = []
    to_neo4j_csv(build_export(mini, "deal", positions={}), heard.append)
    assert heard == [
        "import deal into an empty database with: neo4j-admin database import full neo4j "
        "--nodes=deal.nodes.csv --relationships=deal.relationships.csv"
    ]


def test_the_documented_import_command_names_the_database_before_the_options() -> None:
    """From Neo4j 5.19 a database name after the options is read as one more file."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    commands = [
        " ".join(match.group(0).replace("\\\n", " ").split())
        for match in re.finditer(r"neo4j-admin database import full[^`\n]*(?:\\\n[^`\n]*)*", doc)
    ]
    assert commands and all(
        re.match(r"neo4j-admin database import full [A-Za-z0-9._-]+ --", c) for c in commands
    ), commands
