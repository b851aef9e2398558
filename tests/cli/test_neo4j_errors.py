"""What the Neo4j commands say when the server will not talk: no database needed.

A fake Bolt server (tests/fakebolt.py) gives Neo4j's answers ArcadeDB never gives: the login
lockout, and a server without TLS. Issue 13, "Secrets and the database".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.config import DATABASE_ENV, PASSWORD_ENV, SOURCE_ENV, URI_ENV, USER_ENV
from scenarios.errors import ExitCode
from tests.fakebolt import RATE_LIMIT, RATE_LIMIT_MESSAGE, FakeBolt

runner = CliRunner()
SECRET = "s3cretPW-13"
CLEAN = dict.fromkeys((URI_ENV, USER_ENV, PASSWORD_ENV, DATABASE_ENV, SOURCE_ENV))


def run(*args: str, env: Mapping[str, str | None] | None = None) -> Any:
    """The CLI in-process, without the caller's NEO4J_* settings, at 80 columns."""
    result = runner.invoke(app, list(args), env={**CLEAN, "COLUMNS": "80", **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def one_line_error(result: Any, code: int) -> str:
    """`error: ...` (one line) and a hint, the documented exit code, no traceback: the error."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == code, result.output
    assert len(lines) == 2 and lines[0].startswith("error: "), lines
    assert lines[1].startswith("  hint: "), lines
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("how", "uri"),
    [
        ("env", f"bolt://root:{SECRET}@127.0.0.1:1"),
        ("env", f"neo4j://root:{SECRET}@127.0.0.1:1"),
        ("env", f"bolt://root:{SECRET}@no-such-host.invalid:7687"),
        ("option", f"http://root:{SECRET}@localhost:7474"),
        ("option", f"bolt+s://:{SECRET}@127.0.0.1:1"),
    ],
    ids=["bolt", "neo4j", "unresolvable", "http", "empty-user"],
)
@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_credentials_in_the_uri_are_refused_and_never_printed(
    write_dataset: Callable[..., Path], how: str, uri: str, debug: bool
) -> None:
    """The driver refuses them too, but its message repeats the URI, password and all."""
    args = ["--debug"] if debug else []
    args += ["load", "--data", str(write_dataset())]
    env = {PASSWORD_ENV: "from-env"}
    if how == "env":
        env[URI_ENV] = uri
    else:
        args += ["--uri", uri]
    result = run(*args, env=env)
    assert SECRET not in result.output
    assert result.exit_code == ExitCode.USAGE
    if debug:
        assert "Traceback" in result.stderr
        return
    error = one_line_error(result, ExitCode.USAGE)
    assert error.startswith("error: a user or password in the URI is not supported (")
    assert "***@" in error
    assert "$NEO4J_USERNAME and $NEO4J_PASSWORD" in result.stderr


def test_the_login_lockout_is_a_login_problem_with_a_hint_to_wait(
    write_dataset: Callable[..., Path],
) -> None:
    """Neo4j's answer after three wrong passwords (a plain ClientError in the driver)."""
    with FakeBolt(RATE_LIMIT, RATE_LIMIT_MESSAGE) as server:
        result = run(
            "load",
            "--data",
            str(write_dataset()),
            env={URI_ENV: server.uri, PASSWORD_ENV: SECRET},
        )
    error = one_line_error(result, ExitCode.AUTH)
    assert error == (
        f"error: {server.uri} refused user 'neo4j' for now: too many failed logins in a row"
    )
    assert "wait, then retry" in result.stderr and "5 by default" in result.stderr
    assert SECRET not in result.output and "nothing was written" not in result.output


def test_a_permission_refused_is_a_login_problem_too(write_dataset: Callable[..., Path]) -> None:
    with FakeBolt("Neo.ClientError.Security.Forbidden", "Write operations are not allowed") as s:
        result = run("load", "--data", str(write_dataset()), env={URI_ENV: s.uri})
    error = one_line_error(result, ExitCode.AUTH)
    assert error.endswith("refused user 'neo4j' to connect: Write operations are not allowed")


@pytest.mark.parametrize("scheme", ["bolt+s", "bolt+ssc", "neo4j+s", "neo4j+ssc"])
def test_tls_to_a_server_without_tls_says_the_handshake_failed(
    write_dataset: Callable[..., Path], scheme: str
) -> None:
    """The server answers, not in TLS: the driver's ServiceUnavailable is caused by its
    BoltSecurityError, caused by a reset connection or an ssl.SSLError."""
    with FakeBolt("Neo.ClientError.Security.Unauthorized", "unused") as server:
        uri = server.uri.replace("bolt://", f"{scheme}://")
        result = run("load", "--data", str(write_dataset()), "--uri", uri)
    error = one_line_error(result, ExitCode.UNREACHABLE)
    assert error.startswith(f"error: the server at {uri} answered, but the TLS handshake failed")
    plain = re.sub(r"\+s(sc)?://", "://", uri)
    assert f"connect without it: {plain}" in result.stderr
    assert ("+ssc" in result.stderr.split("hint:")[1]) == (not scheme.endswith("ssc"))


def test_the_uri_is_checked_before_anything_is_read(tmp_path: Path) -> None:
    result = run("load", "--data", str(tmp_path / "missing"), "--uri", "bolt://[::1")
    assert one_line_error(result, ExitCode.USAGE).startswith("error: 'bolt://[::1' is not a valid")
