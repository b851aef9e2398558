"""`scenarios export` through the CLI: where files go, --force, --all with its index and
progress, stdout, and atomic writes (a failure midway leaves no partial or temporary file)."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.errors import ExitCode
from scenarios.export.formats import FORMATS

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def leftovers(directory: Path) -> list[str]:
    """Temporary files an interrupted write would leave behind."""
    return sorted(p.name for p in directory.rglob(".*.tmp"))


def test_one_scenario_to_one_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "ny.graphml"  # missing directories are created
    result = run("export", "new-yalta", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    back = nx.read_graphml(target, force_multigraph=True)
    assert back.graph["scenario"] == "new-yalta"
    # the leaders' call is New Yalta's first channel; Trump leading the US is no channel
    assert back.edges["trump", "xi", "trump-xi-call"]["rank"] == 1
    assert back.edges["trump", "us", "trump-leads-us"]["rank"] == 0
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not left private like a temp file


def test_base_graph_when_no_scenario_is_given(tmp_path: Path) -> None:
    target = tmp_path / "base.json"
    assert run("export", "-o", str(target)).exit_code == 0
    document = json.loads(target.read_text())
    assert document["graph"]["name"] == "base" and "score" not in document["edges"][0]


def test_format_by_name_overrides_and_must_agree_with_the_suffix(tmp_path: Path) -> None:
    assert run("export", "g2", "--format", "dot", "-o", str(tmp_path / "g2.gv")).exit_code == 0
    assert (tmp_path / "g2.gv").read_text().startswith("// scenarios")
    result = run("export", "g2", "--format", "svg", "-o", str(tmp_path / "g2.png"))
    assert result.exit_code == ExitCode.USAGE
    assert (
        "'" + str(tmp_path / "g2.png") + "' is named like PNG picture, not SVG picture"
        in result.stderr
    )
    result = run("export", "g2", "-o", str(tmp_path / "g2.data"))
    assert result.exit_code == ExitCode.USAGE and "cannot tell the format" in result.stderr


def test_scenario_by_name_and_unknown_scenario(tmp_path: Path) -> None:
    assert run("export", "New Yalta", "-o", str(tmp_path / "x.json")).exit_code == 0
    result = run("export", "new-yolta", "-o", str(tmp_path / "y.json"))
    assert result.exit_code == ExitCode.USAGE and "did you mean 'new-yalta'" in result.stderr
    assert not (tmp_path / "y.json").exists()


def test_several_scenarios_go_into_a_directory(tmp_path: Path) -> None:
    result = run("export", "g2", "new-yalta", "--format", "gexf", "-o", str(tmp_path / "views"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "views").iterdir()) == ["g2.gexf", "new-yalta.gexf"]
    result = run("export", "g2", "new-yalta", "-o", str(tmp_path / "both.gexf"))
    assert result.exit_code == ExitCode.USAGE
    assert "names a file, but several scenarios need a directory" in result.stderr


def test_a_trailing_slash_names_a_directory_even_before_it_exists(tmp_path: Path) -> None:
    result = run("export", "new-yalta", "--format", "gexf", "-o", f"{tmp_path / 'views'}/")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "views").iterdir()] == ["new-yalta.gexf"]


def test_csv_writes_nodes_and_relationships_and_says_how_to_import(tmp_path: Path) -> None:
    result = run("export", "status-quo", "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "status-quo.nodes.csv",
        "status-quo.relationships.csv",
    ]
    assert "neo4j-admin database import full neo4j --array-delimiter='|'" in result.stderr


def test_stdout_for_one_text_file() -> None:
    result = run("export", "new-yalta", "--format", "dot", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("// scenarios") and result.stdout.rstrip().endswith("}")
    result = run("export", "g2", "new-yalta", "--format", "dot", "-o", "-")
    assert result.exit_code == ExitCode.USAGE and "standard output" in result.stderr
    result = run("export", "--format", "csv", "-o", "-")
    assert result.exit_code == ExitCode.USAGE


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "ny.svg"
    target.write_text("precious")
    result = run("export", "new-yalta", "-o", str(target))
    assert result.exit_code == ExitCode.OUTPUT == 7
    assert f"error: {target} already exists" in result.stderr
    assert "hint: add --force to overwrite" in result.stderr
    assert target.read_text() == "precious"
    assert run("export", "new-yalta", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("<?xml")


def test_missing_output_and_conflicting_options() -> None:
    result = run("export", "new-yalta", "--format", "png")
    assert result.exit_code == ExitCode.USAGE and "say where to write" in result.stderr
    result = run("export", "new-yalta", "--all", "somewhere")
    assert result.exit_code == ExitCode.USAGE and "--all writes every format" in result.stderr
    assert run("export", "--top", "-1", "-o", "x.json").exit_code == ExitCode.USAGE


def test_as_of_and_top_and_lang_reach_the_file(tmp_path: Path) -> None:
    target = tmp_path / "ny.json"
    result = run(
        "export",
        "new-yalta",
        "-o",
        str(target),
        "--as-of",
        "2025-11-01",
        "--top",
        "2",
        "--lang",
        "ja",
    )
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text())
    assert document["graph"]["as_of"] == "2025-11-01" and document["graph"]["top"] == 2
    assert sum(e["top_dependency"] for e in document["edges"]) >= 2
    assert {e["rank"] for e in document["edges"] if e["top_dependency"]} == {1, 2}
    assert next(n for n in document["nodes"] if n["id"] == "putin")["label"] == "プーチン"
    assert all(e.get("date_start", "") <= "2025-11-01" for e in document["edges"])


# -- --all -----------------------------------------------------------------------------------------


def test_all_writes_every_format_of_every_view_with_an_index(tmp_path: Path) -> None:
    out = tmp_path / "all"
    result = run("export", "--all", str(out))
    assert result.exit_code == 0, result.output
    views = ["base", "g2", "new-yalta", "status-quo"]
    expected = {f"{v}{s}" for v in views for f in FORMATS if f.scope == "view" for s in f.suffixes}
    expected |= {f"dataset{s}" for f in FORMATS if f.scope == "dataset" for s in f.suffixes}
    assert "dataset.cypher" in expected
    assert {p.name for p in out.iterdir()} == expected | {"index.json", "index.html"}
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == len(expected) and progress[0].startswith(f"[ 1/{len(expected)}] ")
    assert progress[-1].startswith(f"[{len(expected)}/{len(expected)}] ")
    assert result.stdout == ""  # progress is for people: stderr only
    index = json.loads((out / "index.json").read_text())
    assert [v["name"] for v in index["views"]] == views
    assert {f["path"] for f in index["files"]} == expected
    ny = next(v for v in index["views"] if v["name"] == "new-yalta")
    assert ny["top_dependencies"][0]["ties"] == ["trump~xi"] and ny["key_actors"] == [
        "us",
        "china",
        "russia",
    ]
    assert "--array-delimiter" in ny["neo4j_import"]
    for item in index["files"]:
        content = (out / item["path"]).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (
            item["bytes"],
            item["sha256"],
        )
    page = (out / "index.html").read_text()
    assert '<a href="new-yalta.graphml">' in page and '<img src="new-yalta.png"' in page
    # same input, same files: a second run with --force changes nothing
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run("export", "--all", str(out)).exit_code == ExitCode.OUTPUT
    assert run("export", "--all", str(out), "--force").exit_code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_all_fails_midway_without_partial_files_or_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scenarios.export import html

    real = html.to_html

    def broken(graph: Any, note: Any = None) -> str:
        if graph.name == "g2":
            raise RuntimeError("renderer crashed")
        return real(graph, note)

    monkeypatch.setattr(html, "to_html", broken)
    out = tmp_path / "all"
    result = run("export", "--all", str(out))
    assert result.exit_code == ExitCode.INTERNAL
    assert "RuntimeError: renderer crashed" in result.stderr
    names = {p.name for p in out.iterdir()}
    assert "base.png" in names and "g2.cyjs" in names  # written before the failure, whole
    nx.read_graphml(out / "g2.graphml")
    assert "g2.html" not in names and "index.json" not in names  # no index of a partial export
    assert leftovers(out) == []


# -- atomic writes ---------------------------------------------------------------------------------


@pytest.fixture
def failing_fsync(monkeypatch: pytest.MonkeyPatch) -> Callable[[BaseException], None]:
    """Make the flush to disk fail, after the content has been written to the temporary file."""

    def arm(error: BaseException) -> None:
        def fsync(_: int) -> None:
            raise error

        monkeypatch.setattr("scenarios.files.os.fsync", fsync)

    return arm


def test_a_failed_write_leaves_no_file_and_no_temporary(
    tmp_path: Path, failing_fsync: Callable[[BaseException], None]
) -> None:
    failing_fsync(OSError(errno.ENOSPC, "No space left on device"))
    target = tmp_path / "ny.png"
    result = run("export", "new-yalta", "-o", str(target))
    assert result.exit_code == ExitCode.OUTPUT
    assert f"error: cannot write {target}: no space left on device" in result.stderr
    assert "hint: free space on that disk, or choose another path; nothing was kept" in (
        result.stderr
    )
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_failed_overwrite_keeps_the_old_file_whole(
    tmp_path: Path, failing_fsync: Callable[[BaseException], None]
) -> None:
    target = tmp_path / "ny.graphml"
    assert run("export", "new-yalta", "-o", str(target)).exit_code == 0
    before = target.read_bytes()
    failing_fsync(OSError(errno.EIO, "Input/output error"))
    result = run("export", "g2", "-o", str(target), "--force")
    assert result.exit_code == ExitCode.OUTPUT
    assert target.read_bytes() == before and leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_no_temporary(
    tmp_path: Path, failing_fsync: Callable[[BaseException], None]
) -> None:
    failing_fsync(KeyboardInterrupt())
    result = run("export", "new-yalta", "-o", str(tmp_path / "ny.gexf"))
    assert result.exit_code == ExitCode.INTERRUPTED
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("export", "new-yalta", "-o", str(blocker / "ny.json"))  # parent is a file
    assert result.exit_code == ExitCode.OUTPUT and "cannot write" in result.stderr
    result = run("export", "new-yalta", "--format", "json", "-o", str(tmp_path))
    assert result.exit_code == 0  # an existing directory: the file goes inside it
    assert (tmp_path / "new-yalta.json").exists()


def test_the_command_line_starts_without_the_export_libraries() -> None:
    code = (
        "import sys, scenarios.cli;"
        "heavy = [m for m in ('networkx', 'matplotlib', 'numpy', 'scipy') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
