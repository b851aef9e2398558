"""`scenarios pull`: edits made in the database come back into the YAML files, and nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset, seed_path
from scenarios.store.store import Connection, Store
from tests.gitrepo import diff_lines, git

pytestmark = pytest.mark.db
runner = CliRunner()


def run(*args: str, env: dict[str, str]) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def entry_lines(path: Path, ident: str) -> list[str]:
    """The lines of the entry `- id: ident` in a seed file, up to the next entry or section."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {ident}")
    end = start + 1
    while (
        end < len(lines)
        and not lines[end].startswith(("  - id:", "  #"))
        and lines[end][:1] in (" ", "")
    ):
        end += 1
    while lines[end - 1] == "":
        end -= 1
    return lines[start:end]


def test_pull_brings_back_a_strength_a_new_link_and_a_deleted_actor(
    seed_repo: Path,
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
) -> None:
    repo = seed_repo
    data = repo / "data"
    assert run("load", "--data", str(data), env=db_env).exit_code == 0
    gone = entry_lines(data / "actors.yaml", "trump-circle")
    gone_link = entry_lines(data / "links.yaml", "russia-business-trump-circle")
    # what an analyst does in Neo4j Browser
    inspect("MATCH ()-[r {id: 'witkoff-putin-moscow'}]->() SET r.strength = 0.4")
    inspect(
        "MATCH (a:Actor {id: 'japan'}), (b:Actor {id: 'xi'}) "
        "CREATE (a)-[:NEGOTIATES_WITH {id: 'japan-xi-call', strength: 0.3, confidence: 0.6, "
        "label: 'a phone call'}]->(b)"
    )
    inspect("MATCH (a:Actor {id: 'trump-circle'}) DETACH DELETE a")

    dry = run("pull", "--data", str(data), "--dry-run", env=db_env)
    assert dry.exit_code == 0, dry.output
    assert git(repo, "status", "--porcelain") == ""  # --dry-run writes nothing
    assert "+    strength: 0.4" in dry.stderr

    pulled = run("pull", "--data", str(data), "--json", env=db_env)
    assert pulled.exit_code == 0, pulled.output
    report = json.loads(pulled.stdout)
    assert report["kind"] == "pull" and report["saved"] is True
    assert {(c["section"], c["id"], c["change"]) for c in report["differences"]} == {
        ("actors", "trump-circle", "removed"),
        ("links", "russia-business-trump-circle", "removed"),
        ("links", "witkoff-putin-moscow", "changed"),
        ("links", "japan-xi-call", "added"),
    }
    # the deleted link's evidence nodes stay behind in the database: reported, not dropped
    said = len(load_dataset(seed_path()).link_by_id["russia-business-trump-circle"].evidence)
    assert [s["what"] for s in report["set_aside"]] == ["orphan"] * said

    removed, added = diff_lines(repo)
    assert removed == [*gone, "", "    strength: 0.8", *gone_link, ""]
    assert added == [
        "    strength: 0.4",
        "",
        "  - id: japan-xi-call",
        "    source: japan",
        "    target: xi",
        "    type: negotiates_with",
        "    strength: 0.3",
        "    confidence: 0.6",
        "    label: a phone call",
    ]
    files = load_dataset(data)
    with Store(db) as store:
        assert store.read_back().dataset == files  # the files now say what the database says

    # the pull gave what it adopted the bookkeeping a load writes: the edited link its new hash,
    # the link made in Browser its marker, hash, base, scenarios, ...; no data changed
    assert report["stamped"] == 2 and report["stamp_failed"] is None
    again = json.loads(run("pull", "--data", str(data), "--json", env=db_env).stdout)
    assert again["differences"] == [] and again["diff"] == "" and again["stamped"] == 0

    # so the load afterwards writes nothing at all: positions closed up by the deleted actor and
    # link are an order, not data, and nothing needs deriving
    load = json.loads(run("load", "--data", str(data), "--json", env=db_env).stdout)
    assert load["written"] == {} and load["acknowledged"] == 0
    for row in load["sections"]:
        assert row["created"] == row["updated"] == row["moved"] == row["deleted"] == 0, row
    with Store(db) as store:
        assert store.read_back().dataset == files

    # a Browser query sees the pulled link as it sees a loaded one: the same rows as after a
    # load of the same files into an empty database
    pulled_rows = subgraph_rows(db_env)
    assert ("japan", "japan-xi-call", "xi", 0.3, 0.6, "base") in pulled_rows["new-yalta"]
    inspect("MATCH (n) DETACH DELETE n")
    assert run("load", "--data", str(data), env=db_env).exit_code == 0
    assert subgraph_rows(db_env) == pulled_rows


def subgraph_rows(env: dict[str, str]) -> dict[str, set[tuple[Any, ...]]]:
    """Each seed scenario's rows of cypher/queries/scenario-subgraph.cypher: (source, link,
    target, strength, confidence, status)."""
    out = {}
    for scenario in load_dataset(seed_path()).scenario_by_id:
        result = run(
            "cypher", "scenario-subgraph", "-p", f"scenario='{scenario}'", "--json", env=env
        )
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)["rows"]
        out[scenario] = {
            (
                row["source"]["properties"]["id"],
                row["link"]["properties"]["id"],
                row["target"]["properties"]["id"],
                row["strength"],
                row["confidence"],
                row["status"],
            )
            for row in rows
        }
    return out


def test_pull_brings_back_evidence_and_scenario_edits_and_reports_what_it_cannot_hold(
    seed_repo: Path,
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
) -> None:
    data = seed_repo / "data"
    keys = load_dataset(data).scenario_by_id["g2"].key_actors
    assert run("load", "--data", str(data), env=db_env).exit_code == 0
    inspect("MATCH (e:Evidence {id: 'trump-xi-call/evidence/0'}) SET e.text = 'Reworded.'")
    inspect(
        "MATCH (s:Scenario {id: 'g2'}), (a:Actor {id: 'europe'}) "
        "CREATE (s)-[:KEY_ACTOR {seq: $seq}]->(a)",
        seq=len(keys),
    )
    inspect("MATCH (c:LinkChange {id: 'g2/changes/trump-xi-call'}) DETACH DELETE c")
    # what the format has no place for
    inspect("MATCH (a:Actor {id: 'putin'}) SET a.nickname = 'VVP', a:Important")
    inspect("CREATE (:Person {name: 'someone'})")
    inspect("MATCH (a:Actor {id: 'xi'}), (b:Actor {id: 'putin'}) CREATE (a)-[:KNOWS]->(b)")

    result = run("pull", "--data", str(data), "--json", env=db_env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {(c["section"], c["id"], c["change"]) for c in report["differences"]} == {
        ("links", "trump-xi-call", "changed"),
        ("scenarios", "g2", "changed"),
    }
    assert {(s["what"], s["where"], s["detail"]) for s in report["set_aside"]} == {
        ("property", "actors[putin]", "nickname"),
        ("label", "actors[putin]", "Important"),
        ("node", ":Person", "1 node"),
        ("relationship", ":KNOWS", "1 relationship"),
    }
    removed, added = diff_lines(seed_repo)
    assert f"    key_actors: [{', '.join(keys)}, europe]" in added
    assert f"    key_actors: [{', '.join(keys)}]" in removed
    assert [line.strip() for line in added if "Reworded" in line] == ["- text: Reworded."]
    assert any(line.strip() == "- link: trump-xi-call" for line in removed)
    assert load_dataset(data).scenario_by_id["g2"].key_actors == (*keys, "europe")

    human = run("pull", "--data", str(data), env=db_env)
    assert "nothing to pull" in human.stderr
    assert "actors[putin]: property 'nickname' is no field of the format" in human.stderr


def test_pull_does_not_rewrite_bulk_files(
    write_dataset: Callable[..., Path],
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
) -> None:
    root = write_dataset({"links.yaml": None, "scenarios.yaml": None})
    bulk = "id,source,target,type,strength,confidence\na-b,b,a,leads,1,1\n"
    (root / "links.csv").write_text(bulk, encoding="utf-8")
    assert run("load", "--data", str(root), env=db_env).exit_code == 0
    inspect("MATCH ()-[r {id: 'a-b'}]->() SET r.strength = 0.5")
    result = run("pull", "--data", str(root), env=db_env)
    assert result.exit_code == 1  # a difference, and none could be written
    assert "links a-b (changed) lives in links.csv, which pull does not rewrite" in result.stderr
    assert (root / "links.csv").read_text(encoding="utf-8") == bulk


def test_the_help_examples_of_pull_run(
    seed_repo: Path,
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shlex

    from scenarios.cli.changes import pull

    monkeypatch.chdir(seed_repo)  # the examples name data/
    assert run("load", "--data", "data", env=db_env).exit_code == 0
    inspect("MATCH ()-[r {id: 'witkoff-putin-moscow'}]->() SET r.strength = 0.4")
    for line in pull.__dict__["examples"]:
        result = run(*shlex.split(line)[1:], env=db_env)
        assert result.exit_code == 0, (line, result.output[-2000:])
    assert "    strength: 0.4" in (seed_repo / "data" / "links.yaml").read_text(encoding="utf-8")


# -- every section of the format: grades, signposts and observations, evidence fields, a
# scenario's connected_by, a link's background basis ---------------------------------------------


def pull_then_load(
    repo: Path, db: Connection, env: dict[str, str]
) -> tuple[dict[str, Any], list[str], list[str]]:
    """`pull --json` after Browser edits: its document and the lines of `git diff` (removed,
    added); then the files read back from the database unchanged, and a load writing nothing."""
    data = repo / "data"
    result = run("pull", "--data", str(data), "--json", env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["saved"] is True and report["stamp_failed"] is None
    assert report["set_aside"] == [] and report["not_pulled"] == []
    files = load_dataset(data)
    with Store(db) as store:
        assert store.read_back().dataset == files
    load = json.loads(run("load", "--data", str(data), "--json", env=env).stdout)
    assert load["written"] == {} and load["acknowledged"] == 0
    removed, added = diff_lines(repo)
    return report, removed, added


def changed(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(c["section"], c["id"], c["change"]) for c in report["differences"]}


def test_a_grade_edited_in_the_database_comes_back_and_its_links_follow(
    seed_repo: Path, db: Connection, db_env: dict[str, str], inspect: Callable[..., Any]
) -> None:
    seed = load_dataset(seed_repo / "data")
    speculative = {link.id for link in seed.links if link.grade == "speculation"}
    assert speculative  # the seed grades some links `speculation` (0.3)
    assert run("load", "--data", str(seed_repo / "data"), env=db_env).exit_code == 0
    inspect("MATCH (g:Grade {id: 'speculation'}) SET g.value = 0.25, g.meaning = 'A guess.'")

    report, removed, added = pull_then_load(seed_repo, db, db_env)
    assert changed(report) == {("grades", "speculation", "changed")} | {
        ("links", ident, "changed") for ident in speculative
    }
    # the links say `confidence: speculation` in the files: only the ladder's lines change
    assert added == ["    value: 0.25", "      A guess."]
    assert removed[0] == "    value: 0.3" and len(removed) == 3  # and the folded meaning
    # the database's links graded so now hold the new number, as a load writes it
    (row,) = inspect(
        "MATCH ()-[r {id: $id}]->() RETURN r.confidence AS c", id=sorted(speculative)[0]
    )
    assert row["c"] == 0.25
    assert report["stamped"] == 1 + len(speculative)


def test_a_grade_renamed_in_the_database_only_is_reported_and_nothing_written(
    seed_repo: Path, db: Connection, db_env: dict[str, str], inspect: Callable[..., Any]
) -> None:
    data = seed_repo / "data"
    assert run("load", "--data", str(data), env=db_env).exit_code == 0
    inspect("MATCH (g:Grade {id: 'heard'}) SET g.id = 'hearsay'")  # its links still say heard
    result = run("pull", "--data", str(data), env=db_env)
    assert result.exit_code == 1
    assert "'heard' is not a grade of the ladder" in result.stderr
    assert "did you mean 'hearsay'?" in result.stderr
    assert git(seed_repo, "status", "--porcelain") == ""

    # renamed everywhere it is used, it comes back in its place on the ladder
    inspect("MATCH ()-[r {grade: 'heard'}]->() SET r.grade = 'hearsay'")
    inspect("MATCH (n {grade: 'heard'}) SET n.grade = 'hearsay'")
    report, _, added = pull_then_load(seed_repo, db, db_env)
    assert ("grades", "heard", "removed") in changed(report)
    assert ("grades", "hearsay", "added") in changed(report)
    ladder = [grade.name for grade in load_dataset(data).grades]
    assert ladder == ["fact", "reported", "assessed", "hearsay", "speculation"]
    assert {line.strip() for line in added} >= {"confidence: hearsay", "grade: hearsay"}


def test_a_signpost_observation_added_in_the_database_comes_back_once(
    seed_repo: Path, db: Connection, db_env: dict[str, str], inspect: Callable[..., Any]
) -> None:
    sign = "us-calls-itself-chinas-ally"
    assert load_dataset(seed_path()).signpost_by_id[sign].observations == ()
    assert run("load", "--data", str(seed_repo / "data"), env=db_env).exit_code == 0
    inspect(
        "CREATE (:Observation {id: 'seen-in-browser', signpost: $sign, "
        "text: 'Said again in a speech.', date: '2025-12-05', "
        "programme: 'nichiyo-scoop-2025-12-07', grade: 'reported'})",
        sign=sign,
    )
    report, removed, added = pull_then_load(seed_repo, db, db_env)
    assert changed(report) == {("signposts", sign, "changed")}
    assert removed == []
    assert added == [
        "    observations:",
        "      - text: Said again in a speech.",
        "        date: 2025-12-05",
        "        programme: nichiyo-scoop-2025-12-07",
        "        grade: reported",
    ]
    # the node made in Browser is the observation (no second node), now with what a load derives
    (row,) = inspect(
        "MATCH (o:Observation {signpost: $sign}) RETURN o.id AS id, o.loaded_by AS by, "
        "o.counted_from AS counted",
        sign=sign,
    )
    assert (row["id"], row["by"], str(row["counted"])) == (
        "seen-in-browser",
        "scenarios",
        "2025-12-05",
    )


def test_signposts_edited_added_and_an_observation_deleted_come_back(
    seed_repo: Path, db: Connection, db_env: dict[str, str], inspect: Callable[..., Any]
) -> None:
    seed = load_dataset(seed_path())
    observed = next(s for s in seed.signposts if len(s.observations) >= 1)
    assert run("load", "--data", str(seed_repo / "data"), env=db_env).exit_code == 0
    inspect(
        "MATCH (s:Signpost {id: 'deals-without-tokyo'}) SET s.statement = 'Deals without Tokyo'"
    )
    inspect("MATCH (:Signpost {id: 'deals-without-tokyo'})-[r:AGAINST]->() DELETE r")
    inspect(
        "MATCH (g:Scenario {id: 'g2'}), (x:Actor {id: 'xi'}) "
        "CREATE (s:Signpost {id: 'xi-visits', statement: 'Xi visits Washington'}), "
        "(s)-[:POINTS_TO {seq: 0}]->(g), (s)-[:BEARS_ON {seq: 0}]->(x)"
    )
    inspect("MATCH (o:Observation {id: $id}) DETACH DELETE o", id=f"{observed.id}/observations/0")

    report, removed, added = pull_then_load(seed_repo, db, db_env)
    assert changed(report) == {
        ("signposts", "deals-without-tokyo", "changed"),
        ("signposts", observed.id, "changed"),
        ("signposts", "xi-visits", "added"),
    }
    assert "    statement: Deals without Tokyo" in added and "    against: [status-quo]" in removed
    assert added[-4:] == [
        "  - id: xi-visits",
        "    statement: Xi visits Washington",
        "    points_to: [g2]",
        "    bears_on: [xi]",
    ]
    item = observed.observations[0]
    assert f"      - text: {item.text}" in removed
    back = load_dataset(seed_repo / "data").signpost_by_id
    assert back[observed.id].observations == observed.observations[1:]


def test_evidence_fields_and_items_edited_in_the_database_come_back(
    seed_repo: Path, db: Connection, db_env: dict[str, str], inspect: Callable[..., Any]
) -> None:
    assert run("load", "--data", str(seed_repo / "data"), env=db_env).exit_code == 0
    inspect(
        "MATCH (e:Evidence {id: 'trump-xi-call/evidence/0'}) SET e.url = 'https://example.org/a', "
        "e.accessed = date('2025-12-08'), e.locator = '¶15', e.grade = 'reported'"
    )
    inspect(
        "CREATE (:Evidence {id: 'from-browser', link: 'trump-xi-call', text: 'A wire report.', "
        "cites: 'a news agency'})"
    )
    report, removed, added = pull_then_load(seed_repo, db, db_env)
    assert changed(report) == {("links", "trump-xi-call", "changed")}
    (change,) = report["differences"]
    (evidence,) = change["fields"]
    assert evidence["field"] == "evidence"
    assert [item["text"] for item in evidence["added"]][-1] == "A wire report."
    assert removed == ["        grade: fact", "        locator: ¶16"]
    assert added == [
        "        grade: reported",
        "        locator: ¶15",
        "        url: https://example.org/a",
        "        accessed: 2025-12-08",
        "      - text: A wire report.",
        "        cites: a news agency",
    ]


def test_a_scenarios_connected_by_and_a_links_background_come_back(
    seed_repo: Path, db: Connection, db_env: dict[str, str], inspect: Callable[..., Any]
) -> None:
    assert run("load", "--data", str(seed_repo / "data"), env=db_env).exit_code == 0
    inspect("MATCH (s:Scenario {id: 'status-quo'}) SET s.connected_by = ['constrains', 'supports']")
    inspect("MATCH ()-[r {id: 'trump-xi-call'}]->() SET r.background = 'common knowledge'")
    report, removed, added = pull_then_load(seed_repo, db, db_env)
    assert changed(report) == {
        ("scenarios", "status-quo", "changed"),
        ("links", "trump-xi-call", "changed"),
    }
    assert removed == ["    connected_by: [constrains, allied_with, supports]"]
    assert "    connected_by: [constrains, supports]" in added
    assert "    background: common knowledge" in added
    # the stamp derived the link's basis from it, as a load does
    (row,) = inspect("MATCH ()-[r {id: 'trump-xi-call'}]->() RETURN r.basis AS basis")
    assert row["basis"] == "background"


def test_when_the_stamp_fails_the_files_stay_written_and_the_next_load_stamps(
    seed_repo: Path,
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scenarios.errors import QueryFailed

    data = seed_repo / "data"
    assert run("load", "--data", str(data), env=db_env).exit_code == 0
    inspect("MATCH ()-[r {id: 'witkoff-putin-moscow'}]->() SET r.strength = 0.4")
    inspect(
        "MATCH (a:Actor {id: 'japan'}), (b:Actor {id: 'xi'}) "
        "CREATE (a)-[:NEGOTIATES_WITH {id: 'japan-xi-call', strength: 0.3, confidence: 0.6}]->(b)"
    )
    dry = json.loads(run("pull", "--data", str(data), "--dry-run", "--json", env=db_env).stdout)
    assert dry["stamped"] is None and dry["stamp_failed"] is None  # a dry run does not stamp

    def fail(*_args: object) -> int:
        raise QueryFailed("the server went away")

    with monkeypatch.context() as patched:
        patched.setattr(Store, "stamp", fail)
        result = run("pull", "--data", str(data), "--json", env=db_env)
        human = run("pull", "--data", str(data), env=db_env)
    assert result.exit_code == 0, result.output  # the pull itself succeeded
    report = json.loads(result.stdout)
    assert report["saved"] is True and report["stamped"] is None
    assert report["stamp_failed"] == "the server went away"
    assert "the next `scenarios load` will do it" in " ".join(human.stderr.split())
    assert "    strength: 0.4" in (data / "links.yaml").read_text(encoding="utf-8")

    # the next load does the stamping: the edit acknowledged, the Browser link given what a load
    # derives (counted as updated), no data changed; the load after it writes nothing
    load = json.loads(run("load", "--data", str(data), "--json", env=db_env).stdout)
    sections = {row["section"]: row for row in load["sections"]}
    assert load["acknowledged"] == 1 and sections["links"]["updated"] == 1
    assert all(row["created"] == row["deleted"] == row["moved"] == 0 for row in sections.values())
    with Store(db) as store:
        assert store.read_back().dataset == load_dataset(data)
    again = json.loads(run("load", "--data", str(data), "--json", env=db_env).stdout)
    assert again["written"] == {}
