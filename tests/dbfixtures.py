"""Fixtures for the database tier: one Bolt server per test session, emptied between tests.

Without `NEO4J_URI` the session starts ArcadeDB from PyPI (`tests/boltserver.py`), puts Neo4j's
default login lockout in front of it (`tests/fakebolt.py`'s `LockoutProxy`: 3 failed logins
lock every login for 5 s), and stops both at the end: the suite is proven to pass against a
server that locks. With `NEO4J_URI` (and NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE) the
same tests run against that server instead; because they empty the database between tests,
they FAIL, saying why, on a database that already holds nodes unless SCENARIOS_TEST_WIPE=1. A
database test never skips: a green run means it ran.

A test that logs in with a wrong password takes the `wrong_logins` fixture: before the next
test it waits (up to `LOCK_WAIT` seconds) until the right password is accepted again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import neo4j
import pytest

from scenarios.config import DATABASE_ENV, PASSWORD_ENV, SOURCE_ENV, URI_ENV, USER_ENV
from scenarios.dataset.loader import seed_path
from scenarios.model import Dataset
from scenarios.store.store import Connection, Store
from tests.boltserver import start_arcadedb
from tests.fakebolt import RATE_LIMIT, LockoutProxy

WIPE_ENV = "SCENARIOS_TEST_WIPE"
LOCK_WAIT = 10.0  # seconds: Neo4j's default auth_lock_time is 5 s


def run(driver: neo4j.Driver, conn: Connection, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run an inspection query in the test database (test code: Cypher inline is fine here).

    Retries the transient conflicts ArcadeDB reports between back-to-back transactions.
    """
    for attempt in range(10):
        try:
            records, _, _ = driver.execute_query(query, params, database_=conn.database)
            return [record.data() for record in records]
        except neo4j.exceptions.TransientError:
            if attempt == 9:
                raise
            time.sleep(0.1)
    raise AssertionError("unreachable")


def wipe(driver: neo4j.Driver, conn: Connection) -> None:
    """Delete every node and relationship, in chunks, retrying transient conflicts."""
    query = "MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted"
    while run(driver, conn, query)[0]["deleted"]:
        pass


@pytest.fixture(autouse=True)
def files_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their source: a SCENARIOS_SOURCE=neo4j in the shell must not redirect them."""
    monkeypatch.delenv(SOURCE_ENV, raising=False)


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    """The server itself: NEO4J_URI if set (and safe to empty), else a fresh ArcadeDB."""
    uri = os.environ.get(URI_ENV)
    if uri:
        conn = Connection(
            uri,
            os.environ.get(USER_ENV, "neo4j"),
            os.environ.get(PASSWORD_ENV),
            os.environ.get(DATABASE_ENV) or None,
        )
        auth = (conn.user, conn.password) if conn.password is not None else None
        with neo4j.GraphDatabase.driver(conn.uri, auth=auth) as driver:
            held = run(driver, conn, "MATCH (n) RETURN count(n) AS n")[0]["n"]
        if held and os.environ.get(WIPE_ENV) != "1":
            pytest.fail(
                f"{conn.describe()} holds {held} nodes and the database tests empty it; "
                f"point {DATABASE_ENV} at a scratch database or set {WIPE_ENV}=1",
                pytrace=False,
            )
        yield conn
        return
    try:
        server = start_arcadedb(tmp_path_factory.mktemp("arcadedb"))
    except (OSError, RuntimeError) as err:
        pytest.fail(
            f"the test Bolt server (ArcadeDB) did not start: {err}; install the test extra "
            f"(pip install -e '.[test]'), or set {URI_ENV} to a server the tests may empty",
            pytrace=False,
        )
    try:
        yield Connection(server.uri, server.user, server.password, server.database)
    finally:
        server.stop()


def host_port(conn: Connection) -> tuple[str, int]:
    host, port = conn.uri.split("://", 1)[1].rsplit(":", 1)
    return host, int(port)


@pytest.fixture(scope="session")
def bolt_conn(bolt_server: Connection) -> Iterator[Connection]:
    """Where the database tests connect: NEO4J_URI's server (which has its own lockout), or
    ArcadeDB behind Neo4j's default lockout (`LockoutProxy`)."""
    if os.environ.get(URI_ENV):
        yield bolt_server
        return
    with LockoutProxy(host_port(bolt_server)) as proxy:
        yield replace(bolt_server, uri=proxy.uri)


def wait_for_login(conn: Connection, timeout: float = LOCK_WAIT) -> None:
    """Return once the right password logs in again, waiting out a login lockout."""
    auth = (conn.user, conn.password) if conn.password is not None else None
    deadline = time.monotonic() + timeout
    while True:
        with neo4j.GraphDatabase.driver(conn.uri, auth=auth) as driver:
            try:
                driver.verify_connectivity()
                return
            except neo4j.exceptions.ClientError as err:
                if err.code != RATE_LIMIT or time.monotonic() > deadline:
                    raise
        time.sleep(0.25)


@pytest.fixture
def wrong_logins(bolt_conn: Connection) -> Iterator[None]:
    """For a test that logs in with a wrong password: the lockout it may cause ends with it."""
    yield
    wait_for_login(bolt_conn)


@pytest.fixture(scope="session")
def bolt_driver(bolt_conn: Connection) -> Iterator[neo4j.Driver]:
    auth = (bolt_conn.user, bolt_conn.password) if bolt_conn.password is not None else None
    with neo4j.GraphDatabase.driver(bolt_conn.uri, auth=auth) as driver:
        yield driver


@pytest.fixture
def db(bolt_conn: Connection, bolt_driver: neo4j.Driver) -> Connection:
    """An empty test database."""
    wipe(bolt_driver, bolt_conn)
    return bolt_conn


@pytest.fixture
def store(db: Connection) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


@pytest.fixture
def inspect(
    bolt_conn: Connection, bolt_driver: neo4j.Driver
) -> Callable[..., list[dict[str, Any]]]:
    """`inspect(query, **params)`: rows of a query run straight through the driver."""

    def query(text: str, **params: Any) -> list[dict[str, Any]]:
        return run(bolt_driver, bolt_conn, text, **params)

    return query


@pytest.fixture
def db_env(bolt_conn: Connection) -> dict[str, str]:
    """Environment variables that point the CLI at the test database."""
    env = {URI_ENV: bolt_conn.uri, USER_ENV: bolt_conn.user}
    if bolt_conn.password is not None:
        env[PASSWORD_ENV] = bolt_conn.password
    if bolt_conn.database:
        env[DATABASE_ENV] = bolt_conn.database
    return env


@pytest.fixture(scope="module")
def seeded(bolt_conn: Connection, bolt_driver: neo4j.Driver, seed_dataset: Dataset) -> Connection:
    """A test database holding exactly the seed dataset, shared by one module's read-only tests."""
    wipe(bolt_driver, bolt_conn)
    with Store(bolt_conn) as opened:
        opened.load(seed_dataset)
    return bolt_conn


@pytest.fixture(scope="session")
def seed_dataset() -> Dataset:
    from scenarios.dataset.loader import load_dataset

    return load_dataset(seed_path())
