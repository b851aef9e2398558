"""Start and stop a throw-away ArcadeDB server that speaks Bolt, for the tests and benchmarks.

    from tests.boltserver import start_arcadedb
    server = start_arcadedb(Path(tmp))   # free ports on 127.0.0.1, waits for Bolt
    ...                                  # server.uri, .user, .password, .database
    server.stop()                        # SIGTERM by PID, then SIGKILL if needed

The server runs in a child process (`python tests/boltserver.py ROOT`) from the PyPI wheel
`arcadedb-embedded`, which ships its own Java runtime; the child's working directory is ROOT,
because ArcadeDB writes `./log/` wherever it runs. The root password travels in the
environment, never on the command line (where `ps` would show it). Used by `tests/conftest.py`
(one server per test session) and by `bench/load.py`, so both measure the same server.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "scenarios"
USER = "root"
_PASSWORD_ENV = "BOLTSERVER_ROOT_PASSWORD"
_PORTS_ENV = "BOLTSERVER_PORTS"  # "http,bolt"
_HEAP_ENV = "BOLTSERVER_HEAP"


@dataclass
class BoltServer:
    """A running server: where to connect and how to stop it."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str
    pid: int
    root: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM the server process, wait for it, and SIGKILL it if it does not go."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.process.wait(timeout)

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return (self.root / "server.log").read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _accepts(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start_arcadedb(root: Path, *, heap: str = "1g", timeout: float = 120.0) -> BoltServer:
    """Start ArcadeDB with Bolt on free 127.0.0.1 ports under `root`; return once Bolt answers."""
    root.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    http_port, bolt_port = free_port(), free_port()
    while bolt_port == http_port:
        bolt_port = free_port()
    env = {
        **os.environ,
        _PASSWORD_ENV: password,
        _PORTS_ENV: f"{http_port},{bolt_port}",
        _HEAP_ENV: heap,
    }
    log = (root / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(root)],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    server = BoltServer(
        f"bolt://127.0.0.1:{bolt_port}", USER, password, DATABASE, process.pid, root, process
    )
    deadline = time.monotonic() + timeout
    while not (_accepts(bolt_port) and (root / "ready").exists()):
        if process.poll() is not None:
            raise RuntimeError(f"ArcadeDB exited with {process.returncode}:\n{server.log_tail()}")
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"ArcadeDB did not open Bolt within {timeout:.0f} s")
        time.sleep(0.1)
    return server


def _serve(root: Path) -> None:
    """The child process: run the server until SIGTERM."""
    http_port, bolt_port = (int(p) for p in os.environ[_PORTS_ENV].split(","))
    password = os.environ.pop(_PASSWORD_ENV)
    import arcadedb_embedded as arcadedb
    from arcadedb_embedded.jvm import start_jvm

    start_jvm(heap_size=os.environ.get(_HEAP_ENV, "1g"))
    server = arcadedb.create_server(
        str(root / "databases"),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": http_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": bolt_port,
            "bolt_host": "127.0.0.1",
        },
    )
    stopping = False

    def _stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    server.start()
    server.create_database(DATABASE)
    (root / "ready").write_text("ready\n")
    while not stopping:
        time.sleep(0.2)
    server.stop()


if __name__ == "__main__":
    _serve(Path(sys.argv[1]))
