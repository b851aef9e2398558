"""Neo4j's answers that ArcadeDB never gives, for the tests: a fake Bolt server and a lockout proxy.

Real Neo4j (5.x) locks a user for `dbms.security.auth_lock_time` (5 s by default) after
`dbms.security.auth_max_failed_attempts` (3) wrong passwords, and answers every login during
the lock, the right password included, with `Neo.ClientError.Security.AuthenticationRateLimit`
(docs/neo4j.md, "What real Neo4j does"). ArcadeDB has no lockout, so:

    with FakeBolt(code, message) as server:      # answers every login with that FAILURE
        ...                                      # server.uri == "bolt://127.0.0.1:PORT"
    with LockoutProxy(("127.0.0.1", port)) as proxy:   # Neo4j's lockout in front of a server
        ...                                      # proxy.uri; proxy.refused counts locked logins

`FakeBolt` speaks just enough Bolt 4.4: the handshake, then one FAILURE to HELLO. Both listen
on loopback only, and their threads stop with them. The database tier runs every test through
a `LockoutProxy` (tests/dbfixtures.py), so the suite is proven to pass under the lockout.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from typing import Self

RATE_LIMIT = "Neo.ClientError.Security.AuthenticationRateLimit"
RATE_LIMIT_MESSAGE = (
    "The client has provided incorrect authentication details too many times in a row."
)


def _string(text: str) -> bytes:
    data = text.encode()
    if len(data) < 16:
        return bytes([0x80 | len(data)]) + data
    if len(data) < 256:
        return b"\xd0" + bytes([len(data)]) + data
    return b"\xd1" + struct.pack(">H", len(data)) + data


def failure(code: str, message: str) -> bytes:
    """One chunked Bolt FAILURE message {code, message}."""
    body = b"\xb1\x7f" + b"\xa2" + _string("code") + _string(code)
    body += _string("message") + _string(message)
    return struct.pack(">H", len(body)) + body + b"\x00\x00"


def _read(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def answer_login(conn: socket.socket, reply: bytes) -> None:
    """Accept the Bolt handshake (4.4), read HELLO, send `reply`, then drain until closed."""
    handshake = _read(conn, 20)  # magic + four version proposals
    if handshake[:4] != b"\x60\x60\xb0\x17":
        return
    conn.sendall(b"\x00\x00\x04\x04")
    while True:  # one chunked message (HELLO)
        size = struct.unpack(">H", _read(conn, 2))[0]
        if size == 0:
            break
        _read(conn, size)
    conn.sendall(reply)
    with contextlib.suppress(OSError):
        while conn.recv(4096):
            pass


class _Listener:
    """A loopback TCP listener whose accepted connections `_client` serves on threads."""

    def __init__(self, backlog: int = 16) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(backlog)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        """Answer one client: each kind of listener says what it answers (this base is never
        served on its own)."""
        raise NotImplementedError


class FakeBolt(_Listener):
    """A Bolt server that answers every login with one server FAILURE (`code`, `message`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__()
        self.reply = failure(code, message)
        self.logins = 0

    def _client(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(5)
            self.logins += 1
            answer_login(conn, self.reply)


class LockoutProxy(_Listener):
    """A TCP proxy in front of a real Bolt server that adds Neo4j's default login lockout.

    After `attempts` answers `Neo.ClientError.Security.Unauthorized` from the server (3, as
    `dbms.security.auth_max_failed_attempts`), every new connection is refused for `lock`
    seconds (5, as `dbms.security.auth_lock_time`) with `AuthenticationRateLimit`, whatever
    its password. Stricter than Neo4j, never laxer: the count is per proxy, not per user, and
    is reset when a lock starts, never by a successful login.
    """

    UNAUTHORIZED = b"Neo.ClientError.Security.Unauthorized"

    def __init__(self, upstream: tuple[str, int], attempts: int = 3, lock: float = 5.0) -> None:
        super().__init__()
        self.upstream = upstream
        self.attempts, self.lock = attempts, lock
        self.failures = 0
        self.locked_until = 0.0
        self.refused = 0
        self._guard = threading.Lock()

    def _client(self, conn: socket.socket) -> None:
        with self._guard:
            locked = time.monotonic() < self.locked_until
            if locked:
                self.refused += 1
        if locked:
            with conn, contextlib.suppress(OSError):
                conn.settimeout(5)
                answer_login(conn, failure(RATE_LIMIT, RATE_LIMIT_MESSAGE))
            return
        try:
            up = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            conn.close()
            return
        for sock in (conn, up):
            sock.settimeout(None)
            # no Nagle: each Bolt message is small and waits for its answer (40 ms a round
            # trip otherwise, with delayed ACKs)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=self._pipe, args=(conn, up, False), daemon=True).start()
        self._pipe(up, conn, True)

    def _pipe(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        tail = b""
        try:
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if from_server:
                    window = tail + data
                    if self.UNAUTHORIZED in window:
                        self._failed()
                        window = b""
                    tail = window[-len(self.UNAUTHORIZED) :]
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _failed(self) -> None:
        with self._guard:
            self.failures += 1
            if self.failures >= self.attempts:
                self.failures = 0
                self.locked_until = time.monotonic() + self.lock
