"""Reading a scenario's part of the graph from Neo4j (scenarios.store.subgraph), real server.

The graph has two components: {a, b, c, d} holds the key actors of scenario `deal`;
{x, y, z, w1..w4} does not, except that `deal` removes the link x-y (so x and y are read, by
id, for the removal to validate) and x's affiliation is z (read by id too); the w actors and
the links y-z, z-w1, ... are never read. Weights are strength x confidence:

    a-b 0.9   b-c 0.9   a-c 0.5   c-d 0.4 (deal changes it to 1.0)   b-d 0.5 (deal adds it)
    x-y 0.9 (deal removes it)   y-z 0.9   z-w1, w1-w2, w2-w3, w3-w4 0.5

In `deal` the strongest a-d chain is a-b-c-d = 0.9 * 0.9 * 1.0 = 0.81. Cutting c-d leaves
a-b-d = 0.45: damage 1 - 0.45 / 0.81 = 0.444; cutting a-b or b-c leaves a-c-d = 0.5:
damage 1 - 0.5 / 0.81 = 0.383; a-d has two edge-disjoint routes (a-b-d, a-c-d).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset
from scenarios.errors import NotFound
from scenarios.store.records import NodeLabel
from scenarios.store.store import Connection, Store

pytestmark = pytest.mark.db
runner = CliRunner()

ACTORS = """
actors:
  - {id: a, name: Alpha, kind: state, aliases: [First]}
  - {id: b, name: Bravo, kind: leader, affiliation: a}
  - {id: c, name: Charlie, kind: envoy}
  - {id: d, name: Delta, kind: state}
  - {id: x, name: Xray, kind: state, affiliation: z}
  - {id: y, name: Yankee, kind: state}
  - {id: z, name: Zulu, kind: state}
  - {id: w1, name: Whiskey One, kind: public}
  - {id: w2, name: Whiskey Two, kind: public}
  - {id: w3, name: Whiskey Three, kind: public}
  - {id: w4, name: Whiskey Four, kind: public}
"""


def _link(ident: str, strength: float) -> str:
    source, target = ident.split("-")
    return (
        f"  - {{id: {ident}, source: {source}, target: {target}, type: negotiates_with, "
        f"strength: {strength}, confidence: 1.0}}\n"
    )


LINKS = "links:\n" + "".join(
    _link(i, s)
    for i, s in [
        *[("a-b", 0.9), ("b-c", 0.9), ("a-c", 0.5), ("c-d", 0.4), ("x-y", 0.9), ("y-z", 0.9)],
        *[("z-w1", 0.5), ("w1-w2", 0.5), ("w2-w3", 0.5), ("w3-w4", 0.5)],
    ]
)
SCENARIOS = """
scenarios:
  - id: deal
    name: The deal
    key_actors: [a, d]
    changes:
      - {link: c-d, strength: 1.0}
    removes:
      - {link: x-y}
    adds:
      - id: b-d
        source: b
        target: d
        type: negotiates_with
        strength: 0.5
        confidence: 1.0
        evidence:
          - {text: Bravo meets Delta., speaker: anna, programme: prog}
"""


@pytest.fixture
def islands(
    db: Connection, write_dataset: Callable[..., Path], db_env: dict[str, str]
) -> dict[str, str]:
    """The database holds the two-component dataset; returns the CLI environment."""
    root = write_dataset({"actors.yaml": ACTORS, "links.yaml": LINKS, "scenarios.yaml": SCENARIOS})
    with Store(db) as store:
        store.load(load_dataset(root))
    return {**db_env, "SCENARIOS_DATA": str(root)}


def run_json(*args: str, env: dict[str, str]) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--json"], env={"COLUMNS": "120", **env})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_reads_the_key_actors_component_only(islands: dict[str, str], db: Connection) -> None:
    with Store(db) as store:
        part = store.read_subgraph("The deal")  # by name, like the files path
        whole = store.read_records()
    got = part.records
    assert part.scenario == "deal"
    # x and y are ends of the link `deal` removes; z is x's affiliation, read by id alone
    assert set(got.nodes[NodeLabel.ACTOR]) == {"a", "b", "c", "d", "x", "y", "z"}
    assert {link.id for link in got.links} == {"a-b", "b-c", "a-c", "c-d", "b-d", "x-y"}
    whole_size = sum(map(len, whole.nodes.values())) + len(whole.links) + len(whole.key_actors)
    # hand count: 1 speaker, 1 programme, 1 scenario, 1 change, 1 removal, 2 key-actor ties,
    # 7 actors, 6 links, 1 evidence item; the whole graph also has y-z, the w's and their links
    assert not part.whole and part.steps == 2  # {a, d} -> {b, c} -> nothing new
    assert part.size == 1 + 1 + 1 + 1 + 1 + 2 + 7 + 6 + 1
    assert whole_size == part.size + 1 + 4 + 4


def test_depends_gives_the_files_answer(islands: dict[str, str]) -> None:
    files = run_json("depends", "deal", env=islands)
    neo4j = run_json("depends", "deal", "--source", "neo4j", env={**islands, "SCENARIOS_DATA": ""})
    # a-b-c-d (0.81) is the strongest chain; without c-d: a-c-d 0.5 (0.444 lost); without a-b
    # or b-c: 0.5 too, and without both the same: a-b and b-c are in series, one row
    assert [round(r["score"], 3) for r in neo4j["rows"]] == [0.444, 0.383]
    assert [[c["id"] for c in r["parts"]] for r in neo4j["rows"]] == [["c~d"], ["a~b", "b~c"]]
    assert neo4j["pairs"][0]["routes"] == 2
    # the one difference: the channels counted (the component, not all 10 of the scenario)
    assert (files["channels"], neo4j["channels"]) == (10, 5)
    for document in (files, neo4j):
        document.pop("channels"), document.pop("redundancy")
    assert neo4j == files


def test_path_gives_the_files_answer(islands: dict[str, str]) -> None:
    env = {**islands, "SCENARIOS_DATA": ""}
    for args in (("Alpha", "d", "--scenario", "deal", "--all"), ("first", "c"), ("x", "z")):
        files = run_json("path", *args, env=islands)
        assert run_json("path", *args, "--source", "neo4j", env=env) == files, args
    found = run_json("path", "x", "z", "--source", "neo4j", env=env)
    assert [hop["source"]["id"] for hop in found["paths"][0]["steps"]] == ["x", "y"]
    gone = runner.invoke(
        app, ["path", "x", "z", "--scenario", "deal", "--source", "neo4j"], env=env
    )
    assert gone.exit_code == 1 and "no path connects Xray and Zulu" in gone.stderr


def test_a_component_of_most_actors_is_read_whole(islands: dict[str, str], db: Connection) -> None:
    """x's component in the base graph holds 7 of the 11 actors: one whole read is cheaper."""
    with Store(db) as store:
        part = store.read_subgraph(None, ["x", "z"])
        small = store.read_subgraph(None, ["a"])
    assert part.whole and len(part.records.links) == 11  # every link, the added b-d too
    assert not small.whole and len(small.records.links) == 4  # base: b-d is the scenario's


def test_unknown_names_get_the_files_suggestions(islands: dict[str, str], db: Connection) -> None:
    with Store(db) as store, pytest.raises(NotFound) as caught:
        store.read_subgraph("deal", ["Alpah"])
    assert "a (Alpha)" in (caught.value.hint or "")
    with Store(db) as store, pytest.raises(NotFound):
        store.read_subgraph("no-such-deal")
