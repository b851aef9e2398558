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
