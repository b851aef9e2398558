"""The driver is imported only by commands that talk to Neo4j (it costs ~0.2 s of start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
