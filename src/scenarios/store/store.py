"""Neo4j over Bolt: load a Dataset, read it back, run named queries. The only `neo4j` importer.

Every statement comes from `cypher/` through `scenarios.store.queries`; values travel as parameters.
A load is one transaction (constraints first, in their own schema transactions): it reads
what the database holds, plans the difference (`scenarios.store.loadplan`) and writes only that, so
a failure leaves nothing half-written. Reading back goes through `scenarios.store.records.decode`
and the dataset validator. Driver errors become the `StoreError`s of `scenarios.errors`, each
with a hint; the password is kept out of every message and `repr`.
"""

from __future__ import annotations

import logging
import os
import re
import ssl
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from scenarios.config import DATABASE_ENV, PASSWORD_ENV, URI_ENV, USER_ENV
from scenarios.errors import (
    AuthFailed,
    DatabaseMissing,
    EditedInDatabase,
    QueryFailed,
    ScenarioError,
    StoreError,
    Unreachable,
    Unsupported,
    UsageError,
)
from scenarios.memory import gc_paused
from scenarios.store import loadplan, queries, readback, records, subgraph
from scenarios.store.records import (
    KIND_BY_LABEL,
    MARKER,
    TYPE_BY_REL,
    GraphNode,
    GraphPath,
    GraphRecords,
    GraphRelationship,
    KeyActorRecord,
    LinkRecord,
    LoadSummary,
    NodeLabel,
    NodeRecord,
    QueryResult,
    RoleRecord,
    Section,
    SectionCounts,
    SignpostRole,
)
from scenarios.store.subgraph import Subgraph
from scenarios.vocab import LinkType

if TYPE_CHECKING:
    from scenarios.model import Dataset

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USER = "neo4j"
CONNECTION_TIMEOUT = 10.0  # seconds; the driver's default of 30 feels like a hang
RETRY_TIME = 10.0  # seconds of retrying transient errors (deadlocks) in read transactions
LOAD_ATTEMPTS = 3  # a load that hits a transient conflict is rolled back and run again

# server error codes that mean "this server does not speak the Cypher we need"
_UNSUPPORTED_CODES = frozenset(
    {
        "Neo.ClientError.Statement.SyntaxError",
        "Neo.ClientError.Procedure.ProcedureNotFound",
        "Neo.ClientError.Statement.NotSystemDatabaseError",
        "Neo.ClientError.Statement.UnsupportedOperationError",
        "Neo.ClientError.General.InvalidArguments",
    }
)
RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"  # Neo4j's login lockout
SECURITY_CODES = ("Neo.ClientError.Security.", "Neo.TransientError.Security.")
_UNSUPPORTED_WORDS = ("unknown procedure", "unknown function", "not supported", "unsupported")

Progress = Callable[[int, int], None]  # (rows written so far, rows in the load)
Tally = Callable[[Section, int], None]  # (section, entities of it just written)

logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # server advice on our queries
# The driver logs failures it then raises ("Unable to retrieve routing information"); we
# report them once, as our own one-line error, so its records must not reach Python's
# last-resort handler on stderr.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Connection:
    """Where the graph lives. The password never appears in `repr` or in any message."""

    uri: str
    user: str
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    def describe(self) -> str:
        where = f"database '{self.database}'" if self.database else "its default database"
        return f"{redacted(self.uri)} ({where})"


def redacted(uri: str) -> str:
    """`uri` with any user or password replaced by `***` (`bolt://***@host:7687`).

    >>> redacted("bolt://root:s3cret@127.0.0.1:7687")
    'bolt://***@127.0.0.1:7687'
    >>> redacted("neo4j+s://abc.databases.neo4j.io")
    'neo4j+s://abc.databases.neo4j.io'
    """
    return _USERINFO.sub(r"\1***@", uri)


_USERINFO = re.compile(r"(//)[^/?#\s]*@")


def connection(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Connection:
    """A Connection from explicit values, else the standard NEO4J_* variables, else defaults.

    A URI with a user or password in it is refused (the driver refuses it too, but its message
    repeats the URI, password included, behind a generic status text).
    """
    chosen = uri or os.environ.get(URI_ENV) or DEFAULT_URI
    try:
        parts = urlsplit(chosen)
    except ValueError as err:  # e.g. an unclosed IPv6 bracket
        raise UsageError(
            f"'{redacted(chosen)}' is not a valid URI ({err})", hint="e.g. bolt://localhost:7687"
        ) from None
    if "@" in parts.netloc:
        raise UsageError(
            f"a user or password in the URI is not supported ({redacted(chosen)})",
            hint=f"set ${USER_ENV} and ${PASSWORD_ENV} (or --user and --password), and give "
            "the URI without them",
        )
    if parts.scheme.lower() not in SCHEMES:
        raise UsageError(
            f"'{chosen}' is not a Bolt URI",
            hint=f"use one of {', '.join(s + '://' for s in SCHEMES)}, e.g. bolt://localhost:7687",
        )
    return Connection(
        uri=chosen,
        user=user or os.environ.get(USER_ENV) or DEFAULT_USER,
        password=password if password is not None else os.environ.get(PASSWORD_ENV),
        database=database or os.environ.get(DATABASE_ENV) or None,
    )


class Store:
    """A connection to one database; use as a context manager so the driver is closed."""

    def __init__(self, conn: Connection, driver: neo4j.Driver | None = None) -> None:
        self.conn = conn
        self._driver = driver
        self._owns_driver = driver is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._driver is not None and self._owns_driver:
            self._driver.close()
        self._driver = None

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            auth = (self.conn.user, self.conn.password) if self.conn.password is not None else None
            try:
                driver = neo4j.GraphDatabase.driver(
                    self.conn.uri,
                    auth=auth,
                    connection_timeout=CONNECTION_TIMEOUT,
                    max_transaction_retry_time=RETRY_TIME,
                    user_agent="scenarios",
                )
            except (neo4j_errors.ConfigurationError, ValueError) as err:  # a malformed URI
                raise translate(err, self.conn, "connect") from err
            with self._translating("connect"):
                try:  # fail fast: managed transactions would retry an unreachable server
                    driver.verify_connectivity()
                except BaseException:
                    driver.close()
                    raise
            self._driver = driver
        return self._driver

    @contextmanager
    def _session(self) -> Iterator[neo4j.Session]:
        with self.driver.session(database=self.conn.database, fetch_size=-1) as session:
            yield session

    # -- loading ---------------------------------------------------------------------------------

    def load(
        self,
        ds: Dataset,
        *,
        prune: bool = False,
        dry_run: bool = False,
        progress: Progress | None = None,
        batch_size: int = loadplan.BATCH_SIZE,
        tally: Tally | None = None,
        overwrite_edits: bool = False,
    ) -> LoadSummary:
        """Make the database hold `ds` in one transaction (the rules: `scenarios.store.loadplan`).

        With `dry_run` everything is written and then rolled back, so the counts are the
        server's own; the constraints are only compared (schema changes run in their own
        transactions, which cannot be rolled back with the data). Edits made in the database
        since the last load stop the load (`EditedInDatabase`), dry run or not, unless
        `overwrite_edits`. `progress` is called after each batch, `tally` with each written
        batch's section and rows. Rows are encoded batch by batch as they are sent
        (`records.encode_lazily`): beyond the Dataset, memory grows with the batch size and
        with what the database already holds, not with the dataset.
        """
        started = time.perf_counter()
        desired = records.encode_lazily(ds)
        schema: Counter[str] = Counter()
        missing: int | None = None
        with self._translating("load the dataset", writes=True), self._session() as session:
            if dry_run:
                missing = _missing_constraints(session)
            else:
                for statement in queries.load("schema").statements():
                    _add_counters(schema, session.run(statement).consume().counters)
            plan, written, created, deleted = _retrying(
                lambda: _write(
                    session,
                    desired,
                    prune,
                    dry_run,
                    progress,
                    batch_size,
                    tally,
                    overwrite_edits=overwrite_edits,
                )
            )
        written.update(schema)
        sections = tuple(
            SectionCounts(
                section.value,
                created[section],
                plan.counts[section].update,
                plan.counts[section].move,
                plan.counts[section].unchanged,
                deleted[section],
                plan.counts[section].absent - deleted[section],
            )
            for section in Section
        )
        return LoadSummary(
            server=self.conn.describe(),
            sections=sections,
            written=dict(sorted(written.items())),
            statements=len(plan.steps),
            seconds=time.perf_counter() - started,
            prune=prune,
            dry_run=dry_run,
            recreated=plan.recreated,
            acknowledged=plan.acknowledged,
            overwritten=len(plan.edits),
            constraints_missing=missing,
        )

    def stamp(self, ds: Dataset) -> int:
        """Give the entities of `ds` that the database already holds the bookkeeping a load
        writes (marker, hash, positions, derived properties), in one transaction, changing no
        data (`loadplan.plan(bookkeeping_only=True)`); how many were written. What `scenarios
        pull` does once the files hold the database's edits, so that the next load writes
        nothing and the Cypher queries see what was made in Browser as they see what was loaded.
        """
        desired = records.encode_lazily(ds)
        with self._translating("stamp the pulled entities", writes=True), self._session() as s:
            plan, *_ = _retrying(
                lambda: _write(
                    s, desired, False, False, None, loadplan.BATCH_SIZE, bookkeeping_only=True
                )
            )
        return plan.rows

    # -- reading ---------------------------------------------------------------------------------

    def read_records(self) -> GraphRecords:
        """Every node and relationship of ours, in one read transaction."""
        with self._translating("read the graph"), self._session() as session:
            return session.execute_read(_read_records)

    def read_dataset(self) -> Dataset:
        """The dataset the database holds, validated like files (raises `DataError`)."""
        with gc_paused():
            return records.decode(self.read_records(), origin=f"neo4j {self.conn.describe()}")

    def read_back(self) -> readback.ReadBack:
        """What `scenarios pull` reads: the graph as `read_dataset` reads it, with what the
        format cannot hold set aside and counted (`scenarios.store.readback`)."""

        def work(tx: neo4j.ManagedTransaction) -> tuple[GraphRecords, list[tuple[str, str, int]]]:
            found = _read_records(tx)
            foreign = []
            for kind, name, known in (
                ("node", "read/foreign-labels", [label.value for label in NodeLabel]),
                (
                    "relationship",
                    "read/foreign-types",
                    [*_LINK_TYPES, records.KEY_ACTOR, *records.SignpostRole],
                ),
            ):
                rows = tx.run(queries.load(name).statement(), known=known)
                foreign += [(kind, _what(row["what"]), int(row["count"])) for row in rows]
            return found, foreign

        with self._translating("read the graph"), self._session() as session:
            found, foreign = session.execute_read(work)
        with gc_paused():
            return readback.read_back(found, f"neo4j {self.conn.describe()}", foreign)

    def read_subgraph(self, scenario: str | None, actors: Sequence[str] = ()) -> Subgraph:
        """The scenario's records and the component(s) of its key actors and `actors` (see
        `scenarios.store.subgraph`), in one read transaction."""

        def work(tx: neo4j.ManagedTransaction) -> Subgraph:
            def run(name: str, slots: dict[str, Any], params: dict[str, Any]) -> list[Any]:
                record = tx.run(queries.load(name).statement(**slots), params).single(strict=True)
                return list(record[0])

            return subgraph.read(
                run,
                _add_nodes,
                _add_links,
                _add_ties,
                lambda: _read_records(tx),
                scenario=scenario,
                actors=actors,
            )

        with self._translating("read the scenario's part of the graph"), self._session() as s:
            return s.execute_read(work)

    def read_scenario(
        self, scenario: str | None, actors: Sequence[str] = ()
    ) -> tuple[Dataset, tuple[str, ...]]:
        """A validated Dataset of just what `read_subgraph` reads, and the actors' ids."""
        with gc_paused():
            found = self.read_subgraph(scenario, actors)
            origin = f"neo4j {self.conn.describe()}"
            return records.decode(found.records, origin=origin), found.actors

    def paths(
        self,
        source: str,
        target: str,
        *,
        scenario: str | None = None,
        all_paths: bool = False,
        as_of: date | None = None,
        unreported: Sequence[str] = (),
        outside: Sequence[str] = (),
        max_hops: int | None = None,
    ) -> list[tuple[str, ...]]:
        """Fewest-hop paths (actor ids) found by Cypher `shortestPath`/`allShortestPaths`, not
        through the `unreported` links (what --known-by leaves out) nor the `outside` ones
        (what a scenario's `connected_by` leaves out)."""
        name = "queries/all-shortest-paths" if all_paths else "queries/shortest-path"
        params = {
            "from": source,
            "to": target,
            "scenario": scenario,
            "as_of": as_of.isoformat() if as_of else None,
            "unreported": list(unreported),
            "outside": list(outside),
            "max_hops": max_hops,
        }
        with self._translating("find shortest paths"), self._session() as session:
            result = session.run(queries.load(name).statement(), params)
            return [tuple(record["ids"]) for record in result]

    def run_query(self, query: queries.Query, params: Mapping[str, Any]) -> QueryResult:
        """Run one named query (read-only access) and convert its rows to plain values."""
        statements = query.statements()
        with self._translating(f"run {query.name}"), self._session() as session:

            def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
                keys: list[str] = []
                rows: list[dict[str, Any]] = []
                for statement in statements:  # the last statement's rows are the answer
                    result = tx.run(statement, dict(params))
                    keys = list(result.keys())
                    rows = [
                        dict(zip(keys, map(_plain, record.values()), strict=True))
                        for record in result
                    ]
                return keys, rows

            columns, rows = session.execute_read(work)
        return QueryResult(
            queries.short_name(query), query.title, dict(params), tuple(columns), tuple(rows)
        )

    # -- errors ----------------------------------------------------------------------------------

    @contextmanager
    def _translating(self, what: str, *, writes: bool = False) -> Iterator[None]:
        try:
            yield
        except ScenarioError:
            raise
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as err:
            raise translate(err, self.conn, what, writes=writes) from err


def translate(
    err: Exception, conn: Connection, what: str, *, writes: bool = False
) -> ScenarioError:
    """The StoreError (with a hint) for a driver or server error; never mentions the password.

    `writes`: the failed work was a write, which the transaction undid; the hint says so.
    """
    code = getattr(err, "code", None) or ""
    message = _server_message(err, conn)
    uri = redacted(conn.uri)
    if code == RATE_LIMIT:  # a plain ClientError in the driver, not an AuthError
        return AuthFailed(
            f"{uri} refused user '{conn.user}' for now: too many failed logins in a row",
            hint="Neo4j locks a user for a few seconds (5 by default) after 3 failed logins: "
            "wait, then retry with the right password",
        )
    if isinstance(err, neo4j_errors.AuthError):
        return AuthFailed(
            f"{uri} refused the credentials of user '{conn.user}'",
            hint=f"check ${USER_ENV} and ${PASSWORD_ENV} (or --user and --password)",
        )
    nothing_written = "; nothing was written" if writes else ""
    if code.startswith(SECURITY_CODES):  # a permission the user lacks, an expired token, ...
        return AuthFailed(
            f"{uri} refused user '{conn.user}' to {what}: {message}",
            hint="log in as a user whose role allows it, or ask the database's administrator"
            + nothing_written,
        )
    handshake = _tls_failure(err)
    if handshake is not None:
        plain = re.sub(r"\+s(sc)?://", "://", uri, count=1)
        return Unreachable(
            f"the server at {uri} answered, but the TLS handshake failed ({handshake})",
            hint=(
                "the server's certificate is not trusted: +ssc (bolt+ssc://, neo4j+ssc://) "
                "accepts a self-signed one"
                if "CERTIFICATE" in handshake.upper()
                else f"if the server has no TLS, connect without it: {plain}"
                + ("" if "+ssc://" in uri else "; for a self-signed certificate use +ssc")
            )
            + nothing_written,
        )
    if isinstance(err, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        unresolved = "DNS resolve" in str(err)
        return Unreachable(
            f"cannot resolve the host of {uri}"
            if unresolved
            else f"no Bolt server answers at {uri}",
            hint=f"{'check the host name' if unresolved else 'start the database'}, or point "
            f"${URI_ENV} (or --uri) at it: bolt://host:7687, neo4j+s://<id>.databases.neo4j.io "
            f"for Aura{nothing_written}",
        )
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return DatabaseMissing(
            f"{uri} has no database '{conn.database or '(default)'}'",
            hint=f"create it (CREATE DATABASE ... on Neo4j Enterprise or Aura), or set "
            f"${DATABASE_ENV} (or --database) to one that SHOW DATABASES lists",
        )
    lowered = message.lower()
    if code in _UNSUPPORTED_CODES or any(word in lowered for word in _UNSUPPORTED_WORDS):
        return Unsupported(
            f"{conn.describe()} cannot {what}: {message}",
            hint="scenarios needs Neo4j 5 Cypher (Neo4j 5 or later, Aura, or another server "
            "that speaks it over Bolt)",
        )
    if isinstance(err, neo4j_errors.ConfigurationError | ValueError):
        return UsageError(f"cannot {what} at {uri}: {message}", hint="check the URI")
    if isinstance(err, neo4j_errors.DriverError) and not isinstance(err, neo4j_errors.Neo4jError):
        return Unreachable(
            f"the connection to {uri} failed while trying to {what}: {message}",
            hint=f"check the server and the network{nothing_written}",
        )
    return QueryFailed(
        f"{conn.describe()} failed to {what}: {message}",
        hint="nothing was written (each command runs in one transaction); rerun with --debug "
        "for the server's full answer",
    )


def _server_message(err: Exception, conn: Connection) -> str:
    """The server's or driver's reason in one line, without any password or URI userinfo.

    The driver's own errors (driver 6) carry a generic GQL status text (`50N42: Unexpected
    error has occurred`) in `.message` and the real reason in `str()`; a server's FAILURE
    carries its reason in `.message`.
    """
    text = getattr(err, "message", None)
    if not text or str(text).startswith(_GENERIC_GQL):
        text = str(err) or type(err).__name__
    first = redacted(" ".join(str(text).split()))
    if conn.password:
        first = first.replace(conn.password, "***")
    return first if len(first) <= 240 else first[:237] + "..."


_GENERIC_GQL = "50N42: Unexpected error"


def _tls_failure(err: BaseException) -> str | None:
    """Why the TLS handshake failed, when that is what went wrong; else None.

    The driver raises `ServiceUnavailable`, caused by its private `BoltSecurityError` ("Failed
    to establish encrypted connection"), caused by an `ssl.SSLError` (or a reset connection);
    with neo4j:// the chain sits inside an ExceptionGroup of routing failures. The private
    class is recognised by name, never imported.
    """
    seen: set[int] = set()
    stack: list[BaseException | None] = [err]
    secure = None
    while stack:
        found = stack.pop()
        if found is None or id(found) in seen:
            continue
        seen.add(id(found))
        if isinstance(found, ssl.SSLError):
            if isinstance(found, ssl.SSLCertVerificationError):
                return f"certificate: {found.verify_message or found.reason}"
            return str(found.reason or type(found).__name__)
        if any(cls.__name__ == "BoltSecurityError" for cls in type(found).__mro__):
            secure = found
        if isinstance(found, BaseExceptionGroup):
            stack.extend(found.exceptions)
        stack += [found.__cause__, found.__context__]
    if secure is None:
        return None
    cause = secure.__cause__ or secure.__context__
    if isinstance(cause, ConnectionResetError | EOFError) or cause is None:
        return "the server closed the connection"
    return type(cause).__name__


_CONSTRAINT_NAME = re.compile(r"CREATE\s+CONSTRAINT\s+(\w+)", re.IGNORECASE)


def _missing_constraints(session: neo4j.Session) -> int | None:
    """How many of cypher/schema.cypher's constraints the database lacks (by name); None if
    the server cannot list its constraints."""
    wanted = {
        match.group(1)
        for statement in queries.load("schema").statements()
        if (match := _CONSTRAINT_NAME.search(statement))
    }
    try:
        result = session.run(queries.load("read/constraints").statement())
        have = {record["name"] for record in result}
    except neo4j_errors.ClientError as err:
        if err.code in _UNSUPPORTED_CODES:
            return None
        raise
    return len(wanted - have)


T = TypeVar("T")


def _retrying(work: Callable[[], T]) -> T:
    """`work` (one transaction), run again when the server reports a transient conflict (it
    rolled everything back), up to `LOAD_ATTEMPTS` times."""
    for attempt in range(1, LOAD_ATTEMPTS):
        try:
            return work()
        except neo4j_errors.TransientError:
            time.sleep(0.2 * attempt)
    return work()


def _write(
    session: neo4j.Session,
    desired: records.Records,
    prune: bool,
    dry_run: bool,
    progress: Progress | None,
    batch_size: int,
    tally: Tally | None = None,
    *,
    overwrite_edits: bool = False,
    bookkeeping_only: bool = False,
) -> tuple[loadplan.Plan, Counter[str], Counter[Section], Counter[Section]]:
    """One load transaction: read what is there, plan, write the plan, commit (or roll back).
    `bookkeeping_only`: what `Store.stamp` writes."""
    written: Counter[str] = Counter()
    created: Counter[Section] = Counter()
    deleted: Counter[Section] = Counter()
    with session.begin_transaction() as tx:
        with gc_paused():  # millions of acyclic objects; but not while sending (see below)
            current = _read_records(tx)
            recreate = loadplan.kind_changes(desired, current)
            foreign = _foreign_relationships(tx, recreate) if recreate else {}
            plan = loadplan.plan(
                desired,
                current,
                prune=prune,
                foreign=foreign,
                batch_size=batch_size,
                bookkeeping_only=bookkeeping_only,
            )
        if plan.edits and not overwrite_edits:  # leaving the block rolls the transaction back
            raise EditedInDatabase([edit.describe() for edit in plan.edits], dry_run=dry_run)
        # the cycle collector runs while batches are sent: they are garbage once sent
        done, total = 0, plan.rows
        if progress:
            progress(0, total)
        for step in plan.steps:
            text = queries.load(step.query).statement(**step.slots)
            params = step.params  # the batch's rows, made now
            counters = tx.run(text, params).consume().counters
            for value in params.values():
                # The driver keeps every result of a transaction, with its parameters, until
                # the commit: emptying the sent batch keeps memory to one batch, not the load.
                if isinstance(value, list):
                    value.clear()
            _add_counters(written, counters)
            _tally(step, counters, created, deleted)
            done += step.size
            if tally and step.section and step.action in (loadplan.CREATE, loadplan.UPDATE):
                tally(step.section, step.size)
            if progress:
                progress(done, total)
        if dry_run:
            tx.rollback()
        else:
            tx.commit()
    return plan, written, created, deleted


def _add_counters(total: Counter[str], counters: Any) -> None:
    for name, value in vars(counters).items():
        if not name.startswith("_") and type(value) is int and value:
            total[name] += value


def _tally(
    step: loadplan.Step, counters: Any, created: Counter[Section], deleted: Counter[Section]
) -> None:
    """Credit a step's counters to its section: entities created, or pruned."""
    if step.section is None:
        return
    links = step.section in (Section.LINKS, Section.SCENARIO_LINKS)
    if step.action == loadplan.CREATE:
        created[step.section] += counters.relationships_created if links else counters.nodes_created
    elif step.action == loadplan.PRUNE:
        deleted[step.section] += counters.relationships_deleted if links else counters.nodes_deleted


# -- reading records ------------------------------------------------------------------------------

_SCALARS = (str, int, float, bool, type(None))


def _native(value: Any) -> Any:
    """Driver values -> plain Python: temporal values to `datetime`, containers recursively."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return [_native(item) for item in value]
    if isinstance(value, dict):
        return {key: _native(item) for key, item in value.items()}
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        try:
            native = to_native()
        except (ValueError, OverflowError):
            return str(value)
        if isinstance(native, date | datetime | clock):
            return native
    return str(value)


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _props(raw: dict[str, Any]) -> dict[str, Any]:
    """A property map as plain Python; the driver's own dict when it already is (the usual case)."""
    for value in raw.values():
        kind = type(value)
        if kind not in _PLAIN_TYPES and not (
            kind is list and all(type(item) in _PLAIN_TYPES for item in value)
        ):
            return {key: _native(item) for key, item in raw.items()}
    return raw


Tx = neo4j.ManagedTransaction | neo4j.Transaction


def _read_records(tx: Tx) -> GraphRecords:
    out = GraphRecords()
    for label in NodeLabel:
        rows = tx.run(queries.load("read/nodes").statement(label=label)).single(strict=True)
        _add_nodes(out, label, rows["rows"])
    rows = tx.run(queries.load("read/links").statement(), types=_LINK_TYPES).single(strict=True)
    _add_links(out, rows["rows"])
    rows = tx.run(queries.load("read/key-actors").statement()).single(strict=True)
    _add_ties(out, rows["rows"])
    for role in SignpostRole:
        statement = queries.load("read/roles").statement(role=role, label=role.target)
        for signpost, target, raw in tx.run(statement).single(strict=True)["rows"]:
            out.roles[(role, signpost, target)] = RoleRecord(role, signpost, target, _props(raw))
    return out


_LINK_TYPES = [t.rel_type for t in LinkType]


def _add_nodes(out: GraphRecords, label: NodeLabel, rows: Sequence[Any]) -> None:
    for labels, raw in rows:
        props = _props(raw)
        ident = props.get("id")
        if not isinstance(ident, str):
            out.problems.append(f"a {label.value} node has no text `id` property")
            continue
        if ident in out.nodes[label]:
            out.problems.append(f"two {label.value} nodes have the id '{ident}'")
        kinds = (
            tuple(KIND_BY_LABEL[name] for name in labels if name in KIND_BY_LABEL)
            if label is NodeLabel.ACTOR
            else ()
        )
        if len(labels) > 1 + len(kinds):
            extra = tuple(n for n in labels if n != label.value and n not in KIND_BY_LABEL)
            if extra:
                out.extra_labels[(label, ident)] = extra
        out.add(NodeRecord(label, ident, props, kinds))


def _add_links(out: GraphRecords, rows: Sequence[Any]) -> None:
    for source, target, rel_type, raw in rows:
        props = _props(raw)
        ident = props.get("id")
        if not isinstance(ident, str):
            out.problems.append(f"a {rel_type} relationship from '{source}' has no text `id`")
            continue
        out.links.append(LinkRecord(ident, source, target, TYPE_BY_REL[rel_type], props))


def _add_ties(out: GraphRecords, rows: Sequence[Any]) -> None:
    for scenario, actor, raw in rows:
        out.key_actors[(scenario, actor)] = KeyActorRecord(scenario, actor, _props(raw))


def _what(value: Any) -> str:
    """A node's labels (a list) or a relationship's type, as one name: `:Person:Expert`."""
    if isinstance(value, list):
        return "".join(f":{label}" for label in value) or "(no label)"
    return f":{value}"


def _foreign_relationships(tx: neo4j.Transaction, actor_ids: Sequence[str]) -> dict[str, int]:
    result = tx.run(
        queries.load("read/foreign-relationships").statement(), ids=list(actor_ids), marker=MARKER
    )
    return {record["id"]: int(record["relationships"]) for record in result}


# -- query results -----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A query result value as plain Python, with nodes, relationships and paths as records."""
    if isinstance(value, neo4j.graph.Node):
        return _node(value)
    if isinstance(value, neo4j.graph.Relationship):
        return _relationship(value)
    if isinstance(value, neo4j.graph.Path):
        return GraphPath(
            tuple(_node(n) for n in value.nodes),
            tuple(_relationship(r) for r in value.relationships),
        )
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return _native(value)


def _node(node: neo4j.graph.Node) -> GraphNode:
    return GraphNode(tuple(sorted(node.labels)), _props(dict(node.items())))


def _relationship(rel: neo4j.graph.Relationship) -> GraphRelationship:
    def end(node: neo4j.graph.Node | None) -> str | None:
        ident = node.get("id") if node is not None else None
        return ident if isinstance(ident, str) else None

    return GraphRelationship(
        rel.type, _props(dict(rel.items())), end(rel.start_node), end(rel.end_node)
    )


__all__ = [
    "Connection",
    "Progress",
    "Store",
    "StoreError",
    "Tally",
    "connection",
    "translate",
]
