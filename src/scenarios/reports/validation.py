"""What `validate` answers: every problem in a dataset's files, or that it is valid and its size.

A file that shares its directory with other dataset files is part of that directory's dataset
(`actors.yaml` beside `links.yaml`), so `validate FILE` checks it there: the directory is read,
and only FILE's problems are listed (the other files' are counted). A file alone in its
directory is a dataset of its own, and so is the file `--data FILE` names (what every other
command loads with it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scenarios.errors import DataError, Problem


@dataclass(frozen=True, slots=True)
class Validation:
    """A dataset that did not validate: every problem, each with file, line, entry and field.

    `checked_with`: the directory whose dataset a single file was checked in (None when the
    whole of `origin` was checked); `other_files` its other dataset files, and
    `other_problems` the problems in them, counted but not listed.
    """

    valid: bool
    origin: str
    problems: tuple[Problem, ...]
    checked_with: str | None = field(default=None, kw_only=True)
    other_files: int = field(default=0, kw_only=True)
    other_problems: int = field(default=0, kw_only=True)


@dataclass(frozen=True, slots=True)
class ValidDataset(Validation):
    """A dataset that validated, and how many actors, links and scenarios it holds."""

    counts: Mapping[str, int]


def validation(path: Path, *, alone: bool = False) -> Validation:
    """Load the dataset at `path` and say whether it is valid: a file with the rest of its
    directory's dataset, unless `alone` (what `--data FILE` loads: the file by itself)."""
    from scenarios.dataset.loader import dataset_files, dataset_of, file_label, load_dataset

    directory = None if alone else dataset_of(path)
    if directory is None:
        try:
            ds = load_dataset(path)
        except DataError as err:
            return Validation(False, str(path), err.problems)
        return ValidDataset(True, str(path), (), _counts(ds))
    checked_with, other_files = str(directory), len(dataset_files(directory)[0]) - 1
    try:
        ds = load_dataset(directory)
    except DataError as err:
        label = file_label(path, directory)
        mine = tuple(p for p in err.problems if p.file == label)
        return Validation(
            False,
            str(path),
            mine,
            checked_with=checked_with,
            other_files=other_files,
            other_problems=len(err.problems) - len(mine),
        )
    return ValidDataset(
        True,
        str(path),
        (),
        _counts(ds),
        checked_with=checked_with,
        other_files=other_files,
    )


def _counts(ds: object) -> dict[str, int]:
    return {what: len(getattr(ds, what)) for what in ("actors", "links", "scenarios")}
