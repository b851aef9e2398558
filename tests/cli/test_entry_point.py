"""The console entry point builds only the command it runs, and says what the full app says."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from scenarios.cli import app

# In a fresh process (the pruning changes the app): the full app's answer, then the answer
# after `_build_only_the_invoked_command`, and how many commands typer was left to build.
COMPARE = """
import json, sys
from typer.testing import CliRunner
from scenarios.cli import root as cli
args = json.loads(sys.argv[1])
full = CliRunner().invoke(cli.app, args, prog_name="scenarios")
cli._build_only_the_invoked_command(args)
lean = CliRunner().invoke(cli.app, args, prog_name="scenarios")
real = [c for c in cli.app.registered_commands if c.callback is not cli._stand_in]
print(json.dumps([[full.exit_code, full.stdout, full.stderr],
                  [lean.exit_code, lean.stdout, lean.stderr], len(real)]))
"""


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCENARIOS_DATA"} | {"COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["--help"], 0),
        ([], 0),
        (["depnds"], 0),  # a misspelt command: the suggestion needs every command's name
        (["depends", "--help"], 1),
        (["--debug", "centrality", "--help"], 1),
        (["list", "--json"], 1),
        (["path", "witkoff", "nobody"], 1),
        (
            ["add", "--help"],
            0,
        ),  # the groups build their own commands (tests/cli/test_lazy_imports.py)
        (["add"], 0),
        (["add", "link", "--help"], 0),
        (["edit", "lnk"], 0),
        (["edit", "actor"], 0),
    ],
)
def test_the_lean_app_says_what_the_full_app_says(args: list[str], built: int) -> None:
    full, lean, real = json.loads(run("-c", COMPARE, json.dumps(args)).stdout)
    assert lean == full
    assert real == built


def test_the_console_entry_point_lists_every_command_and_suggests() -> None:
    listing = run("-m", "scenarios", "--help").stdout
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or info.callback.__name__.replace("_", "-")
        assert f"\n  {name} " in listing
    assert "Did you mean 'depends'?" in run("-m", "scenarios", "depnds").stderr
