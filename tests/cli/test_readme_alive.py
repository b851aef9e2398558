"""The README's "Keeping the dataset alive" walkthrough runs as shown, block by block.

Between `<!-- alive` and `<!-- /alive -->`, each ```console block is one `$ scenarios ...`
command and what it prints (stdout and stderr, as a terminal shows them, at 100 columns); a
```sh block holds git commands; a ```cypher block is an edit made in Neo4j Browser. The test
runs them in order in a scratch git repository holding a copy of the seed in `data/`, against
the test database, and compares. The server's address and the load's seconds are the only
things that differ from one run to the next; they are compared as placeholders (and a load's
counters word for word: constraints are counted only on a fresh database). When a change
alters the output on purpose, regenerate the blocks with `python -m tests.cli.test_readme_alive`
(it starts ArcadeDB as the tests do) and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.gitrepo import GIT_USER

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = re.compile(r"(<!-- alive.*?-->\n)(.*?)(<!-- /alive -->)", flags=re.S)
BLOCK = re.compile(r"```(console|sh|cypher)\n(.*?)```", flags=re.S)
SHOWN_SERVER = "bolt://localhost:7687 (its default database)"
SECONDS = re.compile(r"in \d+\.\d\d s;")
CONSTRAINTS = re.compile(r"constraints added \d+,\s*")
runner = CliRunner()


def blocks(text: str | None = None) -> list[tuple[str, str]]:
    found = SECTION.search(text if text is not None else README.read_text(encoding="utf-8"))
    assert found, "the README lost its `<!-- alive` walkthrough"
    return BLOCK.findall(found.group(2))


def normal(text: str, server: str, *, seconds: bool = True) -> str:
    """`text` with the server shown as the README shows it, trailing spaces dropped, and (for
    comparing) the load's seconds as a placeholder."""
    text = text.replace(server, SHOWN_SERVER)
    if seconds:
        text = SECONDS.sub("in N s;", text)
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def same_words(text: str) -> str:
    """`text` for comparing a load: the server counts the constraints it adds only on a fresh
    database (the suite's has them from earlier tests), which also moves the line breaks."""
    return " ".join(CONSTRAINTS.sub("", text).split())


def walk(
    repo: Path,
    env: dict[str, str],
    server: str,
    cypher: Callable[[str], Any],
    *,
    seconds: bool = True,
) -> Iterator[tuple[str, str, str]]:
    """Run every block in `repo` (the working directory); yield (kind, body, what it printed)."""
    from scenarios.cli import app

    git_env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    git_env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for kind, body in blocks():
        if kind == "sh":
            for line in body.splitlines():
                args = shlex.split(line)
                assert args[0] == "git", f"the walkthrough's shell blocks run git only: {line}"
                subprocess.run(args, cwd=repo, env=git_env, check=True, capture_output=True)
            yield kind, body, body
        elif kind == "cypher":
            cypher(body)
            yield kind, body, body
        else:
            command = body.splitlines()[0]
            assert command.startswith("$ scenarios "), command
            result = runner.invoke(
                app,
                shlex.split(command.removeprefix("$ scenarios ")),
                env={"COLUMNS": "100", **env},
            )
            assert result.exit_code == 0, result.output
            yield kind, body, f"{command}\n{normal(result.output, server, seconds=seconds)}\n"


@pytest.mark.db
def test_the_alive_walkthrough_runs_as_shown(
    seed_repo: Path,
    db: Any,
    db_env: dict[str, str],
    inspect: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(seed_repo)
    kinds = [kind for kind, _ in blocks()]
    assert {"console", "sh", "cypher"} <= set(kinds)
    for kind, body, printed in walk(seed_repo, db_env, db.describe(), inspect):
        if kind == "console" and "server counted:" in body:
            assert same_words(printed) == same_words(normal(body, db.describe()))
        elif kind == "console":
            assert printed == normal(body, db.describe()) + "\n"


def update_readme() -> None:  # pragma: no cover - run by hand
    """Rerun the walkthrough against a fresh ArcadeDB and write what it prints into README."""
    import shutil
    import tempfile

    import neo4j

    from scenarios.dataset.loader import seed_path
    from scenarios.store.store import Connection
    from tests.boltserver import start_arcadedb

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = start_arcadedb(root / "db")
        try:
            conn = Connection(server.uri, server.user, server.password, server.database)
            env = {"NEO4J_URI": conn.uri, "NEO4J_USERNAME": conn.user}
            env |= {"NEO4J_PASSWORD": conn.password or "", "NEO4J_DATABASE": conn.database or ""}
            repo = root / "repo"
            shutil.copytree(seed_path(), repo / "data")
            subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
            subprocess.run(["git", *GIT_USER, "add", "."], cwd=repo, check=True)
            subprocess.run(["git", *GIT_USER, "commit", "-qm", "seed"], cwd=repo, check=True)
            auth = (conn.user, conn.password)
            with neo4j.GraphDatabase.driver(conn.uri, auth=auth) as driver:

                def cypher(text: str) -> None:
                    driver.execute_query(text, database_=conn.database)

                here = Path.cwd()
                os.chdir(repo)
                try:
                    steps = walk(repo, env, conn.describe(), cypher, seconds=False)
                    printed = [out for _, _, out in steps]
                finally:
                    os.chdir(here)
        finally:
            server.stop()
    text = README.read_text(encoding="utf-8")
    found = SECTION.search(text)
    assert found
    outputs = iter(printed)

    def rerun(match: re.Match[str]) -> str:
        out = next(outputs)
        return f"```{match.group(1)}\n{out.rstrip(chr(10))}\n```"

    section = BLOCK.sub(rerun, found.group(2))
    README.write_text(text[: found.start(2)] + section + text[found.end(2) :], encoding="utf-8")


if __name__ == "__main__":  # python -m tests.cli.test_readme_alive: regenerate the blocks
    update_readme()
