"""What a dataset directory is: which files are read, and nothing skipped in silence."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from scenarios.dataset.loader import load_dataset
from scenarios.errors import DataError
from tests.child import as_other_user, scenarios

Writer = Callable[..., Path]
DATA = 1  # the documented exit code of an invalid dataset

EXTRA_LINK = json.dumps(
    {
        "id": "d-a",
        "source": "d",
        "target": "a",
        "type": "economic_tie",
        "strength": 0.5,
        "confidence": 0.5,
    }
)


def problems_of(root: Path) -> list[tuple[str, str]]:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return [(p.file, p.message) for p in info.value.problems]


def test_hidden_and_environment_directories_are_never_read(write_dataset: Writer) -> None:
    """Before: 7 problems from these (`--data /tmp` found matplotlib's sample CSVs: 38,472)."""
    root = write_dataset(
        {
            ".venv/pyvenv.cfg": "home = /usr/bin\n",
            ".venv/lib/python3.11/site-packages/mpl-data/sample_data/Stocks.csv": "Date,AAPL\n",
            "env2/pyvenv.cfg": "home = /usr/bin\n",
            "env2/lib/config.yaml": "foo: 1\n",
            "conda/conda-meta/history.yaml": "foo: 1\n",
            "conda/pkgs/links.csv": "a,b\n1,2\n",
            "lib/site-packages/pkg/data/links.csv": "a,b\n1,2\n",
            "lib/dist-packages/pkg/links.csv": "a,b\n1,2\n",
            ".git/x.yaml": "foo: bar\n",
            "node_modules/pkg/pnpm-lock.yaml": "lockfileVersion: 6\n",
            "__pycache__/junk.yaml": "foo: 1\n",
            ".links.yaml.swp": "foo: 1\n",
        }
    )
    ds = load_dataset(root)
    assert (len(ds.actors), len(ds.links)) == (4, 4)


def test_ordinary_subdirectories_are_read(write_dataset: Writer) -> None:
    """The guard for the rules above: `2024/links.jsonl` is part of the dataset, and so is a
    directory reached through a symbolic link (read once, however often it is reached)."""
    root = write_dataset({"2024/extra.links.jsonl": EXTRA_LINK + "\n"})
    (root / "again").symlink_to(root / "2024")
    (root / "2024" / "up").symlink_to(root)  # a cycle: the walk must end
    links = [link.id for link in load_dataset(root).links]
    assert sorted(links) == ["a-b", "a-d", "b-c", "c-d", "d-a"]  # d-a once
    (root / "2024" / "extra.links.jsonl").write_text("{}\n")
    [(file, _)] = problems_of(root)[:1]
    assert file == "dataset/2024/extra.links.jsonl"  # by its own path, not the link's


@pytest.mark.parametrize("kind", ["dangling", "self-loop", "two-loop"])
def test_a_broken_symbolic_link_is_a_problem_not_skipped(write_dataset: Writer, kind: str) -> None:
    """Before: exit 0, the link ignored."""
    root = write_dataset()
    if kind == "dangling":
        (root / "extra.yaml").symlink_to("nowhere.yaml")
        expected = [
            (
                "dataset/extra.yaml",
                "cannot be read: it is a symbolic link to a missing file (nowhere.yaml)",
            )
        ]
    elif kind == "self-loop":
        (root / "loop.yaml").symlink_to("loop.yaml")
        expected = [("dataset/loop.yaml", "cannot be read: it is a symbolic link loop")]
    else:
        (root / "a.yaml").symlink_to("b.yaml")
        (root / "b.yaml").symlink_to("a.yaml")
        expected = [
            ("dataset/a.yaml", "cannot be read: it is a symbolic link loop"),
            ("dataset/b.yaml", "cannot be read: it is a symbolic link loop"),
        ]
    (root / "notes").symlink_to("nowhere")  # not named as data: not ours to judge
    assert problems_of(root) == expected


def test_a_data_name_that_is_not_a_file_is_a_problem(write_dataset: Writer) -> None:
    root = write_dataset()
    os.mkfifo(root / "pipe.yaml")  # reading it would wait for a writer for ever
    assert [m for _, m in problems_of(root)] == ["cannot be read: not a regular file"]


def test_many_files_naming_no_section_are_one_problem(write_dataset: Writer) -> None:
    """`--data` pointed at a directory of other CSVs says so once, not once per file."""
    root = write_dataset({f"other/table{i:02}.csv": "a,b\n1,2\n" for i in range(21)})
    [(file, message)] = problems_of(root)
    assert file == str(root)
    assert message == (
        "21 files here name no section (e.g. dataset/other/table00.csv, "
        "dataset/other/table01.csv, dataset/other/table02.csv)"
    )


def test_an_unreadable_subdirectory_is_a_problem_not_skipped(write_dataset: Writer) -> None:
    """Before: exit 0, `valid (4 actors ...)`: the fifth actor, in more/, silently lost."""
    root = write_dataset({"more/extra.actors.jsonl": '{"id": "e", "name": "E", "kind": "state"}\n'})
    (root / "more").chmod(0)
    try:
        run = scenarios("validate", "dataset", cwd=root.parent, preexec=as_other_user)
    finally:
        (root / "more").chmod(0o755)
    assert run.code == DATA, run
    assert run.stderr.splitlines()[0] == "dataset/more: cannot be read: permission denied", run


def test_an_unreadable_dataset_directory_exits_like_a_missing_one(
    write_dataset: Writer, tmp_path: Path
) -> None:
    """Before: exit 2 from click (`path ... is not readable`); a missing one exits 1."""
    root = write_dataset()
    missing = scenarios("validate", str(tmp_path / "nothing-here"))
    root.chmod(0)
    try:
        unreadable = scenarios("validate", "dataset", cwd=tmp_path, preexec=as_other_user)
        via_option = scenarios("actors", "--data", "dataset", cwd=tmp_path, preexec=as_other_user)
    finally:
        root.chmod(0o755)
    assert (missing.code, unreadable.code, via_option.code) == (DATA, DATA, DATA)
    assert unreadable.stderr.splitlines()[0] == "dataset: cannot be read: permission denied"
    assert via_option.stderr.splitlines()[0] == (
        "error: dataset: cannot be read: permission denied"
    )
