"""The database tier never looks green without having run (tests/dbfixtures.py, conftest)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scenarios.config import DATABASE_ENV, PASSWORD_ENV, URI_ENV, USER_ENV
from scenarios.store.store import Connection

ROOT = Path(__file__).resolve().parents[1]


def pytest_child(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """pytest in a child process, in the project, without the caller's NEO4J_*/SCENARIOS_*."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "SCENARIOS_"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env={**clean, "PYTHONDONTWRITEBYTECODE": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.db
def test_a_database_that_holds_data_fails_the_run_and_keeps_the_data(
    db: Connection, bolt_server: Connection, inspect: Callable[..., list[dict[str, Any]]]
) -> None:
    inspect("CREATE (:Unrelated {id: 'keep-me'})")
    try:
        env = {URI_ENV: bolt_server.uri, USER_ENV: bolt_server.user}
        env[PASSWORD_ENV] = bolt_server.password or ""
        env[DATABASE_ENV] = bolt_server.database or ""
        child = pytest_child("tests/cli/test_cli_neo4j.py", "-k", "missing_database", env=env)
        kept = inspect("MATCH (n:Unrelated {id: 'keep-me'}) RETURN count(n) AS n")
    finally:
        inspect("MATCH (n:Unrelated) DETACH DELETE n")
    assert child.returncode == pytest.ExitCode.TESTS_FAILED, child.stdout[-2000:]
    assert "holds 1 nodes and the database tests empty it" in child.stdout
    assert "SCENARIOS_TEST_WIPE=1" in child.stdout and "skipped" not in child.stdout
    assert kept == [{"n": 1}]


def test_a_skipped_database_test_fails_the_run(tmp_path: Path) -> None:
    test = tmp_path / "test_skips.py"
    test.write_text(
        "import pytest\n\n"
        "@pytest.mark.db\n"
        "def test_needs_a_server():\n"
        "    pytest.skip('no server today')\n\n"
        "def test_other():\n"
        "    assert 1 + 1 == 2\n",
        encoding="utf-8",
    )
    args = ("-c", str(ROOT / "pyproject.toml"), "-p", "tests.conftest", str(test))
    child = pytest_child(*args, env={})
    assert child.returncode == pytest.ExitCode.TESTS_FAILED, child.stdout
    assert "1 database tests skipped, so this run fails" in child.stdout
    allowed = pytest_child(*args, env={"SCENARIOS_TEST_ALLOW_SKIP": "1"})
    assert allowed.returncode == pytest.ExitCode.OK, allowed.stdout
