"""A dataset as a git revision holds it, read with git itself (no checkout, no change to the tree).

`git ls-tree` lists the revision's files under the dataset's path and `git cat-file --batch`
reads them; they are written to a temporary directory and read by the usual loader, so every
file kind (YAML, CSV, JSON Lines) and every check works as for a directory, with problems
located as `REV:path/file.yaml`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scenarios.dataset.loader import DATA_SUFFIXES, load_dataset
from scenarios.errors import UsageError
from scenarios.model import Dataset


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    if shutil.which("git") is None:
        raise UsageError("--rev needs git, which is not on PATH", hint="install git")
    result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(result.returncode)}",
            hint="check the revision (`git log --oneline`) and that the dataset is in a git "
            "repository",
        )
    return result.stdout


def repository(path: Path) -> tuple[Path, str]:
    """The work tree holding `path`, and `path` relative to it (as git names it)."""
    where = path if path.is_dir() else path.parent
    if not where.exists():
        raise UsageError(f"{path} does not exist", hint="give the dataset's directory")
    top = Path(_git(["rev-parse", "--show-toplevel"], where).decode().strip())
    relative = path.resolve().relative_to(top.resolve())
    return top, relative.as_posix() if str(relative) != "." else ""


def describe(path: Path, rev: str) -> str:
    """How messages name the dataset at `rev`: `HEAD~1:data`."""
    _top, relative = repository(path)
    return f"{rev}:{relative}" if relative else f"{rev}:"


@contextmanager
def checked_out(path: Path, rev: str) -> Iterator[Path]:
    """A temporary copy of the dataset at `path` as revision `rev` holds it."""
    top, relative = repository(path)
    commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top).decode().strip()
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", relative or "."], top)
    names = [
        entry.split("\t", 1)[1]
        for entry in listing.decode("utf-8").split("\0")
        if entry and entry.split(" ", 2)[1] == "blob"
    ]
    names = [n for n in names if Path(n).suffix in DATA_SUFFIXES]
    if not names:
        raise UsageError(
            f"revision {rev} has no dataset files at {relative or 'the top'}",
            hint="check the path and the revision (`git ls-tree -r REV`)",
        )
    blobs = _git(["cat-file", "--batch"], top, "".join(f"{commit}:{n}\n" for n in names).encode())
    with tempfile.TemporaryDirectory(prefix="scenarios-rev-") as tmp:
        base = Path(tmp)
        position = 0
        for name in names:
            header_end = blobs.index(b"\n", position)
            size = int(blobs[position:header_end].split()[2])
            start = header_end + 1
            target = base / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blobs[start : start + size])
            position = start + size + 1  # the blob, then a line feed
        yield base / relative if relative else base


def load_revision(path: Path, rev: str) -> Dataset:
    """The validated dataset at `path` as git revision `rev` holds it (files named in messages
    as `REV:path/in/the/repository`)."""
    _top, relative = repository(path)
    with checked_out(path, rev) as copy:
        parent = Path(relative).parent.as_posix()
        folder = relative if copy.is_dir() else ("" if parent == "." else parent)
        return load_dataset(copy, name=f"{rev}:{folder}")
