"""What each start-up imports and builds: the driver only for commands that talk to Neo4j (it
costs ~0.2 s); for `scenarios --help` the command line alone (docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ADD_KINDS = ("programme", "speaker", "actor", "link", "evidence", "signpost", "observation")

PROBE = """
import sys
from typer.testing import CliRunner
from scenarios.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code == 0, result.output
print(sorted({m.split('.')[0] for m in sys.modules} & {'neo4j', 'networkx', 'rich'}))
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], "[]"),
        (["depends", "new-yalta"], "['rich']"),
        (["cypher"], "['rich']"),  # listing the queries needs no server
    ],
)
def test_file_commands_do_not_import_the_driver(args: list[str], expected: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == expected


# The console entry point (`scenarios.cli:main`) in a fresh process: the modules of ours it
# imported, and the `add`/`edit` commands it had typer build (cli/groups.py builds them lazily).
MAIN = """
import contextlib, io, json, sys
import scenarios.cli.groups as groups
built = []
build = groups.EntryGroup._build
def spy(self, kind):
    if kind not in self.commands:
        built.append(f"{self.name} {kind}")
    build(self, kind)
groups.EntryGroup._build = spy
sys.argv = ["scenarios", *sys.argv[1:]]
from scenarios.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
ours = sorted(m for m in sys.modules if m.startswith("scenarios"))
print(json.dumps([ours, built]))
"""
# what `scenarios --help` may import: the command modules (their functions carry the help
# texts) and what their signatures name; never the field table, the add/edit commands, the
# loader, the model, a report, a renderer or the store
HELP_MAY_IMPORT = {
    "scenarios",
    "scenarios.config",
    "scenarios.errors",
    "scenarios.vocab",
    "scenarios.export",
    "scenarios.export.formats",
}


def entry(*args: str) -> tuple[list[str], list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", MAIN, *args], capture_output=True, text=True, check=True
    )
    ours, built = json.loads(out.stdout)
    return ours, built


def test_the_command_list_imports_only_the_command_line() -> None:
    ours, built = entry("--help")
    beyond = {m for m in ours if not m.startswith("scenarios.cli")} - HELP_MAY_IMPORT
    assert beyond == set()
    assert "scenarios.cli.groups" in ours
    assert "scenarios.cli.entries" not in ours  # it imports the field table
    assert built == []


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["depends", "--help"], []),
        (["add", "link", "--help"], ["add link"]),
        (["edit", "actor", "--help"], ["edit actor"]),
        (["add", "--help"], [f"add {kind}" for kind in ADD_KINDS]),
        (["add", "lnk"], [f"add {kind}" for kind in ADD_KINDS]),  # "Did you mean" reads them all
    ],
)
def test_the_add_and_edit_groups_build_only_the_command_invoked(
    args: list[str], built: list[str]
) -> None:
    ours, made = entry(*args)
    assert made == built
    assert ("scenarios.dataset.fields" in ours) == bool(built)
