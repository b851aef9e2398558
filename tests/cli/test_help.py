"""Every command's --help: plain metavars, and two or three real examples at the end, which run.

And the exit codes: the README's table, the root help and the error boundary agree, --debug
included (issue 13).
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.cli.entries import ADDERS, EDITORS
from scenarios.cli.root import COMMANDS
from scenarios.dataset.loader import seed_path
from scenarios.errors import ExitCode
from tests.gitrepo import commit, git

runner = CliRunner()
README = Path(__file__).resolve().parents[2] / "README.md"
# every command, those of the `add` and `edit` groups as `add link`, ...
BY_NAME: dict[str, Callable[..., Any]] = {
    **{name or command.__name__: command for name, command in COMMANDS},
    **{f"add {kind}": command for kind, command in ADDERS.items()},
    **{f"edit {kind}": command for kind, command in EDITORS.items()},
}
NAMES = list(BY_NAME)
# their examples run against the test database: tests/cli/test_cli_neo4j.py, tests/cli/test_pull.py
NEEDS_A_SERVER = {"load", "cypher", "pull"}
CHANGES_A_DATASET = ("add ", "edit ", "diff")  # examples on data/, a git copy of the seed


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "100", **(env or {})})


def examples(name: str) -> list[str]:
    return list(BY_NAME[name].__dict__.get("examples", ()))


@pytest.mark.parametrize("name", NAMES)
def test_help_has_plain_metavars_and_ends_with_examples(name: str) -> None:
    shown = run(*name.split(), "--help")
    assert shown.exit_code == 0, shown.output
    assert not re.search(r"<[a-z|\[\]]+>", shown.stdout), shown.stdout  # no <int>, <list[str]>
    assert not re.search(r"\{[A-Z]+\}", shown.stdout), shown.stdout  # no {SCENARIO}
    tail = shown.stdout.rstrip().splitlines()
    listed = examples(name)
    assert 2 <= len(listed) <= 3
    assert [line.strip() for line in tail[-len(listed) :]] == listed
    assert tail[-len(listed) - 2].strip() == "Examples:"
    for line in listed:
        assert line.startswith(f"scenarios {name} ") or line == f"scenarios {name}"


@pytest.mark.parametrize("group", ["add", "edit"])
def test_the_add_and_edit_groups_end_with_examples_of_their_commands(group: str) -> None:
    from scenarios.cli.entries import GROUP_EXAMPLES

    shown = run(group, "--help").stdout.rstrip().splitlines()
    listed = list(GROUP_EXAMPLES[group])
    assert [line.strip() for line in shown[-len(listed) :]] == listed
    assert shown[-len(listed) - 2].strip() == "Examples:"
    commands = [line for name in NAMES if name.startswith(f"{group} ") for line in examples(name)]
    assert set(listed) <= set(commands)  # so test_every_example_runs runs them


def test_the_analysts_loop_commands_show_what_each_option_takes() -> None:
    """add, edit, pull and diff: every option's metavar says what to type (issue 13's rule)."""

    def options(*args: str) -> dict[str, str]:
        shown = run(*args, "--help").stdout
        found = re.findall(r"^\s+(?:-\w, )?(--[\w-]+)(?:, --\w+)? (\S+)", shown, re.M)
        return dict(found)

    assert options("add", "evidence") == {
        "--link": "ID",
        "--text": "TEXT",
        "--speaker": "SPEAKER",
        "--programme": "PROGRAMME",
        "--date": "DATE",
        "--cites": "TEXT",
        "--grade": "GRADE",
        "--locator": "TEXT",
        "--url": "URL",
        "--accessed": "YYYY-MM-DD",
        "--data": "PATH",
        "--file": "FILE",
    }
    edit_link = options("edit", "link")
    assert edit_link["--confidence"] == "GRADE|0..1" and edit_link["--strength"] == "0..1"
    assert edit_link["--source"] == "ACTOR" and edit_link["--unset"] == "FIELD"
    assert options("edit", "actor")["--aliases"] == "NAME"
    assert options("diff") == {
        "--rev": "REV",
        "--scenario": "SCENARIO",
        "--top": "N",
        "--format": "[text|markdown]",
        "--as-of": "YYYY-MM-DD",
        "--known-by": "YYYY-MM-DD",
        "--data": "PATH",
    }
    assert options("pull") == {
        "--data": "PATH",
        "--uri": "URI",
        "--user": "NAME",
        "--password": "PASSWORD",
        "--database": "NAME",
    }


def test_the_usage_line_and_options_read_plainly() -> None:
    shown = run("whatif", "--help").stdout
    assert "Usage: scenarios whatif [OPTIONS] SCENARIO" in shown
    assert "-c, --cut ACTOR~ACTOR" in shown and "--as-of YYYY-MM-DD" in shown
    assert "-n, --top N" in shown and "-m, --measure [degree|betweenness|" in shown
    assert "Usage: scenarios export [OPTIONS] [SCENARIO]..." in run("export", "--help").stdout


@pytest.mark.parametrize("name", [n for n in NAMES if n not in NEEDS_A_SERVER])
def test_every_example_runs(
    name: str,
    write_dataset: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    write_dataset().rename(work / "my-dataset")  # what the validate example names
    if name.startswith(CHANGES_A_DATASET):  # data/ in git, its last commit a regrade
        shutil.copytree(seed_path(), work / "data")
        git(work, "init", "-q")
        commit(work, "seed")
        shutil.copytree(work / "data", work / "data-before")
        links = work / "data" / "links.yaml"
        text = links.read_text(encoding="utf-8")
        at = text.index("  - id: witkoff-putin-moscow")
        at = text.index("    strength: ", at)
        end = text.index("\n", at)
        links.write_text(f"{text[:at]}    strength: 0.3{text[end:]}", encoding="utf-8")
        commit(work, "a regrade")
    monkeypatch.chdir(work)
    monkeypatch.delenv("SCENARIOS_DATA", raising=False)
    for line in examples(name):
        result = run(*shlex.split(line)[1:])
        assert result.exit_code == 0, (line, result.output[-2000:])


# -- exit codes ------------------------------------------------------------------------------------


def readme_codes() -> dict[int, str]:
    table = README.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {
        int(m.group(1)): m.group(2)
        for m in re.finditer(r"^\|\s*(\d+)\s*\|\s*(.*?)\s*\|$", table, re.MULTILINE)
    }


def test_the_readme_the_root_help_and_the_code_list_the_same_exit_codes() -> None:
    documented = readme_codes()
    assert set(documented) == {int(code) for code in ExitCode}
    helped = " ".join(run("--help").stdout.split())
    listed = {int(c) for c in re.findall(r"\b(\d+) [A-Za-z]", helped.split("Exit codes:", 1)[1])}
    assert listed == set(documented)
    assert "--debug shows the traceback and keeps the exit code" in helped
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert "`--debug` (or `SCENARIOS_DEBUG=1`) prints the Python traceback" in readme
    assert "keeps the same exit code" in readme


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["path", "putin", "nobody-at-all"], ExitCode.USAGE),
        (["path", "putin", "putin"], ExitCode.USAGE),
        (["centrality", "--measure", "nonsense"], ExitCode.USAGE),  # click's own check
        (["actors", "--data", "/nonexistent/dataset"], ExitCode.DATA),
        (["load", "--uri", "bolt://127.0.0.1:1"], ExitCode.UNREACHABLE),
        (["export", "-f", "graphml", "-o", "/proc/no-such-dir/x.graphml"], ExitCode.OUTPUT),
    ],
    ids=["unknown-actor", "same-actor", "bad-choice", "data", "unreachable", "output"],
)
def test_debug_keeps_the_documented_exit_code(args: list[str], code: int) -> None:
    plain = run(*args)
    debug = run("--debug", *args)
    assert plain.exit_code == debug.exit_code == code, (plain.output, debug.output)
    assert "Traceback" not in plain.stderr and "Traceback" in debug.stderr
    assert debug.stderr.rstrip().splitlines()[-2].startswith("error: ")
