"""Issue 13, exports: nothing replaced unasked, no temporary file of ours left for good, a full
disk named with a hint, and a success that says what it wrote."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.errors import ExitCode
from tests.child import file_size_limit, scenarios

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def listing(directory: Path) -> dict[str, bytes | str]:
    """What a directory holds: each file's bytes, each link's target."""
    return {
        p.name: str(p.readlink()) if p.is_symlink() else p.read_bytes()
        for p in sorted(directory.iterdir())
    }


def test_export_all_keeps_existing_index_files(tmp_path: Path) -> None:
    """Before: `export --all DIR` wrote its 41 files and replaced index.html and index.json."""
    (tmp_path / "index.html").write_text("<p>my own page</p>\n")
    (tmp_path / "index.json").write_text('{"mine": true}\n')
    before = listing(tmp_path)
    result = run("export", "--all", str(tmp_path))
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stderr == (
        f"error: {tmp_path / 'index.html'} already exists (and 1 more)\n"
        "  hint: add --force to overwrite\n"
    )
    assert listing(tmp_path) == before


def test_a_symbolic_link_as_target_is_replaced_only_with_force(tmp_path: Path) -> None:
    """Before: a link to a missing file was replaced by a regular file, silently."""
    link = tmp_path / "out.graphml"
    link.symlink_to("missing/target.graphml")
    refused = run("export", "-o", str(link))
    assert refused.exit_code == ExitCode.OUTPUT
    assert refused.stderr.splitlines() == [
        f"error: {link} is a symbolic link to a missing file (missing/target.graphml)",
        "  hint: add --force to replace the link itself (the file it points to is never written)",
    ]
    assert link.is_symlink()
    forced = run("export", "-o", str(link), "--force")
    assert forced.exit_code == 0
    size = link.stat().st_size
    assert forced.stderr == (
        f"wrote {link} ({size / 1000:.1f} kB), replacing a symbolic link to a missing file"
        " (missing/target.graphml)\n"
    )
    assert not link.is_symlink() and not (tmp_path / "missing").exists()


def test_a_successful_export_says_what_it_wrote(tmp_path: Path) -> None:
    """Before: `export -o x.graphml` printed nothing at all."""
    target = tmp_path / "x.graphml"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"wrote {target} ({target.stat().st_size / 1000:.1f} kB)\n"
    several = run("export", "g2", "new-yalta", "-f", "json", "-o", str(tmp_path / "many"))
    assert several.stderr.splitlines() == [
        f"wrote {tmp_path / 'many' / name} ({(tmp_path / 'many' / name).stat().st_size / 1000:.1f}"
        " kB)"
        for name in ("g2.json", "new-yalta.json")
    ]


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from scenarios.files import write_all

    def chunks():
        yield "{"
        os.kill(os.getpid(), signal.SIGKILL)  # as kill -9 does, mid-write

    write_all({Path(sys.argv[1]): chunks()})
    """
)


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next_write(tmp_path: Path) -> None:
    """Before: `kill -9` left `.NAME.XXXXXXXX.tmp` beside the target for good (21 of them
    after 11 kills of `export --all`). Now the next write into that directory removes it: its
    name says it is ours, from this machine, and its process no longer runs."""
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path / "big.json")], check=False
    )
    assert killed.returncode == -9
    [left] = [p.name for p in tmp_path.iterdir()]
    assert re.fullmatch(r"\.big\.json\.[0-9a-f]{6}-\d+\.[a-z0-9_]{8}\.tmp", left), left
    mine = tmp_path / ".notes.txt.k9x2abcd.tmp"  # not ours to judge: the file is not ours
    mine.write_text("keep me")
    result = run("export", "-o", str(tmp_path / "small.json"))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.k9x2abcd.tmp", "small.json"]


@contextlib.contextmanager
def full_disk(path: Path, size_kb: int = 64) -> Iterator[Any]:
    """A directory that is full after `size_kb`: a tmpfs where one may be mounted (root), else
    a limit on the size of the files the child writes. Yields the child's preexec (or None)."""
    path.mkdir(parents=True)
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        yield None if mounted else file_size_limit(size_kb * 1024)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def test_synth_onto_a_full_disk_names_the_file_and_keeps_nothing(tmp_path: Path) -> None:
    """Before: `error: cannot write the files: No space left on device`, no path, no hint."""
    with full_disk(tmp_path / "full") as preexec:
        target = tmp_path / "full" / "ds"
        run_ = scenarios(
            "synth", str(target), "--actors", "2000", "--links", "10000", preexec=preexec
        )
        left = sorted(p.name for p in target.iterdir()) if target.exists() else []
    assert run_.code == ExitCode.OUTPUT, run_
    error, hint = run_.stderr.splitlines()
    assert re.fullmatch(
        rf"error: cannot write {re.escape(str(target))}/\w+\.\w+: "
        r"(no space left on device|file too large)",
        error,
    ), run_
    assert hint == "  hint: free space on that disk, or choose another directory; nothing was kept"
    assert left == []  # all or nothing, temporaries included


@pytest.mark.parametrize("kind", ["file", "link"])
def test_synth_keeps_what_is_there(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "ds"
    target.mkdir()
    if kind == "file":
        (target / "actors.csv").write_text("mine\n")
    else:
        (target / "actors.csv").symlink_to("elsewhere.csv")
    before = listing(target)
    result = run("synth", str(target), "--actors", "20", "--links", "40")
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stderr.splitlines()[0] == (
        f"error: {target / 'actors.csv'} "
        + (
            "already exists"
            if kind == "file"
            else "is a symbolic link to a missing file (elsewhere.csv)"
        )
    )
    assert listing(target) == before
