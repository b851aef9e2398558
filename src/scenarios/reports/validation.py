"""What `validate` answers: every problem in a dataset's files, or that it is valid and its size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scenarios.errors import DataError, Problem


@dataclass(frozen=True, slots=True)
class Validation:
    """A dataset that did not validate: every problem, each with file, line, entry and field."""

    valid: bool
    origin: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class ValidDataset(Validation):
    """A dataset that validated, and how many actors, links and scenarios it holds."""

    counts: Mapping[str, int]


def validation(path: Path) -> Validation:
    """Load the dataset at `path` and say whether it is valid."""
    from scenarios.dataset.loader import load_dataset

    try:
        ds = load_dataset(path)
    except DataError as err:
        return Validation(False, str(path), err.problems)
    counts = {"actors": len(ds.actors), "links": len(ds.links), "scenarios": len(ds.scenarios)}
    return ValidDataset(True, str(path), (), counts)
