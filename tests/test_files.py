"""scenarios.files: whole-or-nothing writes that never overwrite unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios.errors import OutputError
from scenarios.files import write_all


def test_write_files_is_all_or_nothing(tmp_path: Path) -> None:
    def failing() -> object:
        yield "id,name,kind\n"
        raise RuntimeError("generator failed half-way")

    (tmp_path / "keep.csv").write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_all(
            {tmp_path / "a.csv": ["complete\n"], tmp_path / "keep.csv": failing()},  # type: ignore[dict-item]
            force=True,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]  # no a.csv, no temporaries
    assert (tmp_path / "keep.csv").read_text(encoding="utf-8") == "old\n"
    with pytest.raises(OutputError) as info:
        write_all({tmp_path / "keep.csv": ["new\n"]})
    assert info.value.exit_code == 7
    assert info.value.hint == "add --force to overwrite"


def test_stale_temporaries_of_ours_are_removed_and_nothing_else(tmp_path: Path) -> None:
    """Which leftovers a write removes (docs/export.md, "Temporary files")."""
    import os
    import subprocess
    import sys
    import time

    from scenarios import files

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    host, other = files._HOST, "000000" if files._HOST != "000000" else "ffffff"
    day_ago, hour_ago = time.time() - 2 * 86_400, time.time() - 2 * 3_600
    names = {
        f".a.json.{host}-{dead_pid}.abcd1234.tmp": None,  # this machine, no such process
        f".b.json.{host}-{os.getppid()}.abcd1234.tmp": None,  # a process that runs
        f".c.json.{other}-{dead_pid}.abcd1234.tmp": None,  # another machine's, fresh
        f".d.json.{other}-{dead_pid}.abcd1234.tmp": day_ago,  # another machine's, old
        ".e.json.abcd1234.tmp": hour_ago,  # an earlier version's, beside e.json
        ".f.json.abcd1234.tmp": None,  # the same, fresh
        ".g.json.abcd1234.tmp": hour_ago,  # the same, but no g.json: not known to be ours
        "e.json": None,
    }
    for name, when in names.items():
        (tmp_path / name).write_text("x")
        if when is not None:
            os.utime(tmp_path / name, (when, when))
    removed = files.remove_stale_temporaries(tmp_path, ["f.json"])
    assert sorted(removed) == [
        f".a.json.{host}-{dead_pid}.abcd1234.tmp",
        f".d.json.{other}-{dead_pid}.abcd1234.tmp",
        ".e.json.abcd1234.tmp",
    ]
    assert files.remove_stale_temporaries(tmp_path) == []  # once per directory and process
