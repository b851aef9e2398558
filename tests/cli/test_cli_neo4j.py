"""The Neo4j commands through the CLI: load, --source neo4j, path --in-database, cypher, errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from scenarios.analysis.paths import cheapest_paths
from scenarios.cli import app
from scenarios.cli.progress import progress
from scenarios.config import PASSWORD_ENV, URI_ENV
from scenarios.errors import ExitCode
from scenarios.model import Dataset
from scenarios.reports.dbpath import hop_graph
from scenarios.store.records import Section
from scenarios.store.store import Connection
from tests.boltserver import free_port
from tests.dbfixtures import host_port, wait_for_login
from tests.fakebolt import LockoutProxy

pytestmark = pytest.mark.db
runner = CliRunner()
SECRET = "s3cret-Pa55word-nobody-may-see"


def run(*args: str, env: dict[str, str]) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def run_json(*args: str, env: dict[str, str]) -> dict[str, Any]:
    result = run(*args, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- load ----------------------------------------------------------------------------------------


def test_load_then_load_again(db: Connection, db_env: dict[str, str], seed: Dataset) -> None:
    first = run("load", env=db_env)
    assert first.exit_code == 0, first.output
    assert "created" in first.stdout and db.uri in first.stdout
    again = run_json("load", env=db_env)
    assert again["kind"] == "load"
    actors = next(s for s in again["sections"] if s["section"] == "actors")
    assert actors == {
        "section": "actors",
        "created": 0,
        "updated": 0,
        "moved": 0,
        "unchanged": len(seed.actors),
        "deleted": 0,
        "kept": 0,
    }
    assert again["written"] == {}
    human = run("load", env=db_env)
    assert "nothing changed" in human.stdout


def test_load_dry_run_and_prune_flags(
    db: Connection, db_env: dict[str, str], write_dataset: Callable[..., Path]
) -> None:
    mini = write_dataset()
    dry = run_json("load", "--data", str(mini), "--dry-run", env=db_env)
    assert dry["dry_run"] is True
    assert run_json("list", "--source", "neo4j", env=db_env).get("scenarios") == []
    assert run("load", "--data", str(mini), env=db_env).exit_code == 0
    (mini / "scenarios.yaml").unlink()
    pruned = run_json("load", "--data", str(mini), "--prune", env=db_env)
    scenarios = next(s for s in pruned["sections"] if s["section"] == "scenarios")
    assert scenarios["deleted"] == 1


def test_progress_shows_on_a_terminal_after_a_moment() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160)
    with progress(console=console, delay=0.0) as update:
        update.tally(Section.ACTORS, 3)
        update.tally(Section.LINKS, 2)
        update.tally(Section.SPEAKERS, 9)  # not shown
        update(5, 10)
        update(10, 10)
    shown = out.getvalue()
    assert "loading" in shown and "3 actors, 2 links written" in shown and "links/s" in shown
    quiet = io.StringIO()
    with progress(console=Console(file=quiet), delay=0.0) as update:
        update(5, 10)  # not a terminal (a pipe, a log file): no bar
    assert quiet.getvalue() == ""
    with progress(
        console=Console(file=quiet, force_terminal=True), delay=0.0, quiet=True
    ) as update:
        update(5, 10)  # --json: no bar even on a terminal
    assert quiet.getvalue() == ""


# -- files and database give the same answers ---------------------------------------------------


SAME_ANSWERS = [
    ("depends", "new-yalta"),
    ("depends", "g2"),
    ("depends", "status-quo", "--top", "20"),
    ("path", "us", "russia", "--scenario", "new-yalta", "--all"),
    ("path", "witkoff", "xi", "--k", "3"),
    ("centrality", "--measure", "betweenness", "--scenario", "g2"),
    ("centrality", "--measure", "pagerank"),
    ("list",),
    ("show", "new-yalta"),
    ("actors", "--kind", "leader"),
    ("links", "--scenario", "status-quo", "--as-of", "2025-11-30"),
    ("compare", "status-quo", "g2"),
    ("whatif", "new-yalta", "--cut", "trump~witkoff"),
    ("whatif", "new-yalta", "--sweep"),
    ("timeline", "new-yalta"),
    ("depends", "new-yalta", "--uncertain", "--samples", "500", "--seed", "3"),
    ("signposts",),
    ("signposts", "g2", "--as-of", "2025-12-02", "--known-by", "2025-12-07"),
    ("timeline", "new-yalta", "--as-of", "2025-10-05"),
    ("depends", "g2", "--known-by", "2025-12-06"),
]


def test_files_and_database_give_identical_answers(
    seeded: Connection, db_env: dict[str, str], seed_dataset: Dataset
) -> None:
    for args in SAME_ANSWERS:
        from_files = run_json(*args, env=db_env)
        from_neo4j = run_json(*args, "--source", "neo4j", env=db_env)
        assert from_neo4j == from_files, args


def test_export_from_the_database_matches_the_files(
    seeded: Connection, db_env: dict[str, str], tmp_path: Path
) -> None:
    for fmt in ("graphml", "cypher"):
        from_files = run("export", "--format", fmt, "-o", str(tmp_path / f"f.{fmt}"), env=db_env)
        from_neo4j = run(
            "export",
            "--format",
            fmt,
            "-o",
            str(tmp_path / f"n.{fmt}"),
            "--source",
            "neo4j",
            env=db_env,
        )
        assert from_files.exit_code == from_neo4j.exit_code == 0, from_neo4j.output
        # identical but for the cypher script's comment naming where the data came from
        files, neo4j = ((tmp_path / f"{side}.{fmt}").read_text() for side in ("f", "n"))
        assert [line for line in neo4j.splitlines() if not line.startswith("// Source:")] == [
            line for line in files.splitlines() if not line.startswith("// Source:")
        ]


def test_the_source_can_come_from_the_environment(
    seeded: Connection, db_env: dict[str, str]
) -> None:
    env = {**db_env, "SCENARIOS_SOURCE": "neo4j"}
    assert run_json("depends", "new-yalta", env=env) == run_json("depends", "new-yalta", env={})
    bad = run("list", env={**db_env, "SCENARIOS_SOURCE": "mongo"})
    assert bad.exit_code == ExitCode.USAGE


def test_data_and_neo4j_source_together_are_refused(
    seeded: Connection, db_env: dict[str, str]
) -> None:
    result = run("list", "--source", "neo4j", "--data", "data", env=db_env)
    assert result.exit_code == ExitCode.USAGE
    assert "--data reads files" in result.stderr


# -- path --in-database ----------------------------------------------------------------------


# not us -> russia in the base graph: New Yalta adds a us-russia link (and G2 a us-china one),
# and ArcadeDB's shortestPath finds such a link before it applies the filter (docs/neo4j.md,
# "Paths in the database"); the base-graph pair avoids both ties
PAIRS = [("trump", "dmitriev", None), ("trump", "xi", "g2"), ("witkoff", "japan", "new-yalta")]


@pytest.mark.parametrize(("source", "target", "scenario"), PAIRS)
def test_in_database_paths_are_the_fewest_hop_paths(
    seeded: Connection,
    db_env: dict[str, str],
    seed_dataset: Dataset,
    source: str,
    target: str,
    scenario: str | None,
) -> None:
    where = ["--scenario", scenario] if scenario else []
    cypher = run_json("path", source, target, *where, "--all", "--in-database", env=db_env)
    python = run_json("path", source, target, *where, "--all", "--hops", env=db_env)
    assert cypher["mode"] == "all fewest-hop paths (Cypher allShortestPaths in Neo4j)"
    actor_paths = sorted([a["id"] for a in p["actors"]] for p in cypher["paths"])
    assert actor_paths == sorted([a["id"] for a in p["actors"]] for p in python["paths"])
    assert cypher["paths"] and cypher["cheapest_count"] == python["cheapest_count"]
    one = run_json("path", source, target, *where, "--in-database", env=db_env)
    assert len(one["paths"]) == 1
    assert [a["id"] for a in one["paths"][0]["actors"]] in actor_paths


def test_in_database_respects_max_hops_and_as_of(
    seeded: Connection, db_env: dict[str, str]
) -> None:
    limited = run("path", "us", "russia", "--in-database", "--max-hops", "1", env=db_env)
    assert limited.exit_code == ExitCode.DATA  # no path of one hop: exits 1 like `path`
    args = ("path", "witkoff", "putin", "--in-database", "--all")
    early = run_json(*args, "--as-of", "2025-10-01", env=db_env)  # before the Moscow meeting
    later = run_json(*args, env=db_env)

    def hop_links(document: dict[str, Any]) -> list[set[str]]:
        return [{link["id"] for link in p["steps"][0]["links"]} for p in document["paths"]]

    assert hop_links(early) == [{"putin-influences-witkoff"}]
    assert hop_links(later) == [{"witkoff-putin-moscow", "putin-influences-witkoff"}]
    # --known-by before the programme: every link with evidence is left out, in Cypher too
    unknown = run("path", "us", "russia", "--in-database", "--known-by", "2025-12-06", env=db_env)
    assert unknown.exit_code == ExitCode.DATA, unknown.output
    assert "a later --as-of or --known-by" in unknown.stderr


def test_in_database_walks_only_what_the_scenario_is_connected_by(
    seeded: Connection, db_env: dict[str, str]
) -> None:
    # the status quo is connected by constrains, allied_with and supports (data/scenarios.yaml),
    # plus structural links inside one side: of the three two-hop routes from Trump to Kushner
    # in the database (through the US, China or Putin), only Trump -leads- US -member_of-
    # Kushner is made of those; the others' links travel as $outside and are left out (a
    # server that filters after its search still finds the three, then keeps the one)
    args = ("path", "trump", "kushner", "--scenario", "status-quo", "--all")
    cypher = run_json(*args, "--in-database", env=db_env)
    python = run_json(*args, "--hops", env=db_env)
    routes = [[a["id"] for a in p["actors"]] for p in cypher["paths"]]
    assert routes == [[a["id"] for a in p["actors"]] for p in python["paths"]]
    assert routes == [["trump", "us", "kushner"]] and cypher["cheapest_count"] == 1


def test_a_server_that_post_filters_shortest_paths_is_caught(
    seeded: Connection, db_env: dict[str, str], seed_dataset: Dataset
) -> None:
    # the status quo is connected by constrains, allied_with and supports: the direct US-Ukraine
    # talks (negotiates_with) do not carry there ($outside), so its fewest hops from the US to
    # Ukraine are more than the database's unfiltered one
    ds = seed_dataset
    view = ds.view("status-quo")
    graph, _ = hop_graph(ds, view)
    paths, _ = cheapest_paths(graph, "us", "ukraine", weighted=False)
    base_graph, _ = hop_graph(ds, ds.view(None))
    base_paths, _ = cheapest_paths(base_graph, "us", "ukraine", weighted=False)
    assert paths and base_paths and paths[0].hops > base_paths[0].hops == 1
    result = run("path", "us", "ukraine", "--scenario", "status-quo", "--in-database", env=db_env)
    if os.environ.get(URI_ENV):  # a real Neo4j applies the predicate while searching
        assert result.exit_code == 0, result.output
    else:  # ArcadeDB filters after its search: caught, not a silent "no path"
        assert result.exit_code == ExitCode.UNSUPPORTED
        assert "shortest-path search gave a wrong answer" in result.stderr
        assert "run without --in-database" in result.stderr


def test_in_database_refuses_k(seeded: Connection, db_env: dict[str, str]) -> None:
    result = run("path", "us", "china", "--in-database", "--k", "2", env=db_env)
    assert result.exit_code == ExitCode.USAGE


# -- cypher ---------------------------------------------------------------------------------


def test_cypher_lists_the_queries(db_env: dict[str, str]) -> None:
    listed = run_json("cypher", env={})
    names = {q["name"].rsplit("/", 1)[-1] for q in listed["result"]}
    assert {"bridges", "shortest-path", "scenario-adds", "link-evidence"} <= names
    table = run("cypher", env={})
    assert "bridges" in table.stdout and "Who bridges whom" in table.stdout


def test_cypher_runs_a_query_with_params(seeded: Connection, db_env: dict[str, str]) -> None:
    document = run_json("cypher", "scenario-adds", "--param", "scenario=g2", env=db_env)
    assert document["query"] == "scenario-adds" and document["parameters"] == {"scenario": "g2"}
    assert [row["link"] for row in document["rows"]] == ["g2-asia-understanding"]
    # ten columns (with the item's locator and grade): wide enough not to fold a name
    wide = {**db_env, "COLUMNS": "200"}
    table = run("cypher", "link-evidence", "-p", "link='trump-leads-us'", env=wide)
    assert table.exit_code == 0 and "Donald Trump" in table.stdout
    assert "¶1" in table.stdout and "fact" in table.stdout


def test_cypher_prints_the_query(db_env: dict[str, str]) -> None:
    result = run("cypher", "bridges", "--print", env={})
    assert result.stdout.startswith("// Who bridges whom")
    assert ":param scenario => 'new-yalta'" in result.stdout


def test_cypher_usage_errors(seeded: Connection, db_env: dict[str, str]) -> None:
    unknown = run("cypher", "bridge", env=db_env)
    assert unknown.exit_code == ExitCode.USAGE and "bridges" in unknown.stderr
    bad_param = run("cypher", "bridges", "--param", "scenaro=g2", env=db_env)
    assert bad_param.exit_code == ExitCode.USAGE and "no parameter 'scenaro'" in bad_param.stderr


# -- connection errors, and the password --------------------------------------------------------


def test_wrong_password(db: Connection, db_env: dict[str, str], wrong_logins: None) -> None:
    result = run("load", env={**db_env, PASSWORD_ENV: SECRET})
    assert result.exit_code == ExitCode.AUTH
    assert "refused the credentials" in result.stderr and "hint:" in result.stderr
    assert SECRET not in result.output


def test_closed_port(db_env: dict[str, str]) -> None:
    result = run(
        "depends", "g2", "--source", "neo4j", "--uri", f"bolt://127.0.0.1:{free_port()}", env={}
    )
    assert result.exit_code == ExitCode.UNREACHABLE
    assert "no Bolt server answers" in result.stderr


def test_closed_port_with_routing_prints_only_our_error_and_hint() -> None:
    # the driver logs "Unable to retrieve routing information" before raising: not for users
    # a whole process: the driver's log record would reach Python's last-resort handler
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    uri = f"neo4j://127.0.0.1:{free_port()}"
    result = subprocess.run(
        [sys.executable, "-m", "scenarios", "load", "--uri", uri],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == ExitCode.UNREACHABLE
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("error: no Bolt server answers") and "hint:" in lines[1]


def test_missing_database(db: Connection, db_env: dict[str, str]) -> None:
    result = run("list", "--source", "neo4j", "--database", "nosuchdb", env=db_env)
    assert result.exit_code == ExitCode.NO_DATABASE
    assert "has no database 'nosuchdb'" in result.stderr


def test_not_a_bolt_uri(db_env: dict[str, str]) -> None:
    result = run("load", "--uri", "http://localhost:7474", env={})
    assert result.exit_code == ExitCode.USAGE and "not a Bolt URI" in result.stderr


def test_the_password_never_shows_even_with_debug(db: Connection, db_env: dict[str, str]) -> None:
    # Two wrong logins at most (Neo4j locks a user after three; docs/neo4j.md): the third
    # case shows the same redaction without logging in, through a closed port.
    env = {**db_env, PASSWORD_ENV: SECRET}
    closed = {**env, URI_ENV: f"bolt://127.0.0.1:{free_port()}"}
    cases = [
        (["load"], env),
        (["--debug", "load"], env),
        (["--debug", "list", "--source", "neo4j"], closed),
    ]
    for args, where in cases:
        result = runner.invoke(app, args, env={"COLUMNS": "120", **where})
        shown = result.output
        if result.exc_info is not None and not isinstance(result.exception, SystemExit):
            shown += "".join(traceback.format_exception(*result.exc_info))
            shown += repr(result.exception)
        assert SECRET not in shown, args
        assert result.exit_code in (ExitCode.AUTH, ExitCode.UNREACHABLE), args
    helped = run("load", "--help", env=env)
    assert SECRET not in helped.output
    wait_for_login(db)  # the wrong logins may have locked the user (real Neo4j, or the proxy)
    right = run("--debug", "load", env=db_env)
    assert right.exit_code == 0 and db_env[PASSWORD_ENV] not in right.output


# -- what a load writes, says and refuses (issue 13) --------------------------------------------


def _constraints(inspect: Callable[..., list[dict[str, Any]]]) -> list[str]:
    return sorted(r["name"] for r in inspect("SHOW CONSTRAINTS YIELD name RETURN name"))


def test_a_dry_run_writes_nothing_not_even_constraints(
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
    write_dataset: Callable[..., Path],
) -> None:
    for name in _constraints(inspect):  # the tests share one server: start without ours
        if name.startswith("scenarios_"):
            inspect(f"DROP CONSTRAINT {name} IF EXISTS")
    before = _constraints(inspect)
    dry = run("load", "--dry-run", "--data", str(write_dataset()), env=db_env)
    assert dry.exit_code == 0, dry.output
    # one a label of ours (cypher/schema.cypher: Grade, Observation and RaisedBy since issue 15)
    assert "a load would add 11 uniqueness constraints" in dry.stdout
    assert _constraints(inspect) == before
    assert inspect("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert run_json("load", "--dry-run", env=db_env)["constraints_missing"] == 11
    assert run("load", "--data", str(write_dataset()), env=db_env).exit_code == 0
    assert run_json("load", "--dry-run", env=db_env)["constraints_missing"] == 0


@pytest.fixture
def loaded(db: Connection, db_env: dict[str, str], write_dataset: Callable[..., Path]) -> Path:
    """The mini dataset, loaded into the test database: its directory."""
    data = write_dataset()
    assert run("load", "--data", str(data), env=db_env).exit_code == 0
    return data


def test_a_load_never_reverts_an_edit_made_in_the_database_silently(
    loaded: Path, db_env: dict[str, str], inspect: Callable[..., list[dict[str, Any]]]
) -> None:
    data = loaded
    inspect("MATCH (a:Actor {id: 'b'}) SET a.name = 'Bravo (edited in Browser)'")

    def name() -> str:
        return str(inspect("MATCH (a:Actor {id: 'b'}) RETURN a.name AS n")[0]["n"])

    for args in (["load"], ["load", "--dry-run"]):
        refused = run(*args, "--data", str(data), env=db_env)
        assert refused.exit_code == ExitCode.EDITED, refused.output
        lines = refused.stderr.splitlines()
        assert lines[0].startswith("error: the load would overwrite 1 edit made in the database")
        assert lines[1] == "  actor b: name 'Bravo (edited in Browser)' → 'Bravo'"
        assert "--overwrite-edits" in lines[2]
        assert name() == "Bravo (edited in Browser)"
    # the dataset takes the edit over: nothing to overwrite, the edit is acknowledged once
    actors = (data / "actors.yaml").read_text(encoding="utf-8")
    (data / "actors.yaml").write_text(
        actors.replace("name: Bravo", "name: Bravo (edited in Browser)"), encoding="utf-8"
    )
    taken = run_json("load", "--data", str(data), env=db_env)
    assert (taken["acknowledged"], taken["overwritten"]) == (1, 0)
    again = run_json("load", "--data", str(data), env=db_env)
    assert again["acknowledged"] == 0 and again["written"] == {}
    # an edit the dataset disagrees with is replaced only when asked
    (data / "actors.yaml").write_text(actors, encoding="utf-8")
    inspect("MATCH (a:Actor {id: 'b'}) SET a.name = 'Bravo, edited again'")
    forced = run_json("load", "--data", str(data), "--overwrite-edits", env=db_env)
    assert forced["overwritten"] == 1 and name() == "Bravo"


def test_signposts_edited_in_the_database_are_edits_too(
    loaded: Path, db_env: dict[str, str], inspect: Callable[..., list[dict[str, Any]]]
) -> None:
    """Issue 15's nodes and relationships: a signpost, who raised it, and its POINTS_TO."""
    data = loaded
    sign = "deal-signpost-1"
    inspect(f"MATCH (s:Signpost {{id: '{sign}'}}) SET s.statement = 'A firm handshake'")
    inspect(f"MATCH (r:RaisedBy {{id: '{sign}/raised_by/0'}}) SET r.locator = '¶3'")
    inspect(f"MATCH (:Signpost {{id: '{sign}'}})-[r:POINTS_TO]->(:Scenario) SET r.seq = -1")
    refused = run("load", "--data", str(data), env=db_env)
    assert refused.exit_code == ExitCode.EDITED, refused.output
    assert sorted(refused.stderr.splitlines()[1:4]) == [
        f"  raised_by {sign}/raised_by/0: locator '¶3' → (none)",
        f"  signpost {sign} points_to deal: seq -1 → 0",
        f"  signpost {sign}: statement 'A firm handshake' → 'A handshake'",
    ]
    forced = run_json("load", "--data", str(data), "--overwrite-edits", env=db_env)
    assert forced["overwritten"] == 3
    assert run_json("load", "--data", str(data), env=db_env)["written"] == {}


def test_load_counts_links_as_validate_counts_them(
    db: Connection, db_env: dict[str, str], seed: Dataset
) -> None:
    valid = run("validate", env=db_env)
    adds = sum(len(s.adds) for s in seed.scenarios)
    assert f"{len(seed.links)} links (+{adds} added by scenarios)" in valid.stdout
    loaded = run("load", env=db_env)
    rows = {line.split()[0]: line.split() for line in loaded.stdout.splitlines() if line.strip()}
    assert rows["links"][1] == str(len(seed.links))  # 78, not 80
    assert rows["scenario"][:3] == [
        "scenario",
        "links",
        str(sum(len(s.adds) for s in seed.scenarios)),
    ]


def test_the_login_lockout_is_said_and_waited_out(
    bolt_server: Connection, db_env: dict[str, str], wrong_logins: None
) -> None:
    """Neo4j's default lockout in front of the test server: three wrong passwords, then the
    right one at once is refused (exit 4, a hint to wait), and accepted after the lock time."""
    with LockoutProxy(host_port(bolt_server)) as proxy:
        env = {**db_env, URI_ENV: proxy.uri}
        for attempt in range(3):
            wrong = run("list", "--source", "neo4j", env={**env, PASSWORD_ENV: f"wrong{attempt}"})
            assert wrong.exit_code == ExitCode.AUTH, wrong.output
            assert "refused the credentials" in wrong.stderr
        locked = run("list", "--source", "neo4j", env=env)
        assert locked.exit_code == ExitCode.AUTH and proxy.refused == 1
        assert "too many failed logins in a row" in locked.stderr and "wait" in locked.stderr
        wait_for_login(replace(bolt_server, uri=proxy.uri))
        assert run("list", "--source", "neo4j", env=env).exit_code == 0


def test_the_help_examples_of_load_and_cypher_run(db: Connection, db_env: dict[str, str]) -> None:
    import shlex

    from scenarios.cli.neo4j import cypher, load

    for command in (load, cypher):  # load first: cypher's examples query what it loaded
        for line in command.__dict__["examples"]:
            result = run(*shlex.split(line)[1:], env=db_env)
            assert result.exit_code == 0, (line, result.output[-2000:])
