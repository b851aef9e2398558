"""What `validate` answers: every problem in a dataset's files, or that it is valid, its size,
what is doubtful in it (warnings) and how its links are sourced and graded (the summary).

A file that shares its directory with other dataset files is part of that directory's dataset
(`actors.yaml` beside `links.yaml`), so `validate FILE` checks it there: the directory is read,
and only FILE's problems and warnings are listed (the other files' problems are counted). A
file alone in its directory is a dataset of its own, and so is the file `--data FILE` names
(what every other command loads with it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from scenarios.errors import DataError, Problem
from scenarios.model import Dataset, on_ladder


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
class Summary:
    """How a dataset's base links are sourced and graded, and what its signposts have seen
    (docs/data-format.md, "Warnings and the summary").

    `by_grade` counts each link under the grade it was written as, or whose value its number
    is; a number off the ladder counts under itself (`"0.9"`). Ladder grades come first, in
    ladder order (0 when unused), then the numbers off it, highest first.
    `observations_by_grade` counts the signposts' observations under their grade, in ladder
    order (0 when unused), then `ungraded` for those without one (only when there are some).
    """

    link_count: int
    by_basis: Mapping[str, int]
    by_grade: Mapping[str, int]
    without_evidence: int
    evidence_items: int
    without_locator: int
    signpost_count: int = 0
    observed_count: int = 0  # signposts with at least one observation
    observation_count: int = 0
    observations_by_grade: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ValidDataset(Validation):
    """A dataset that validated: its size, its warnings and its summary.

    `strict`: warnings fail the check (`validate --strict`); `passed` says whether it did.
    """

    __json_extra__: ClassVar[tuple[str, ...]] = ("passed",)

    counts: Mapping[str, int]
    warnings: tuple[Problem, ...] = ()  # at most 1,000 a file, then a line counting the rest
    warnings_total: int = 0  # how many warnings there are in all
    dataset_summary: Summary | None = None
    strict: bool = False

    @property
    def passed(self) -> bool:
        return not (self.strict and self.warnings_total)


def validation(path: Path, *, strict: bool = False, alone: bool = False) -> Validation:
    """Load the dataset at `path` and say whether it is valid, and what is doubtful in it: a
    file with the rest of its directory's dataset, unless `alone` (what `--data FILE` loads:
    the file by itself)."""
    from scenarios.dataset.loader import dataset_files, dataset_of, file_label, load_dataset
    from scenarios.dataset.validate import Warnings

    warnings = Warnings()
    directory = None if alone else dataset_of(path)
    if directory is None:
        try:
            ds = load_dataset(path, warnings=warnings)
        except DataError as err:
            return Validation(False, str(path), err.problems)
        return ValidDataset(
            True,
            str(path),
            (),
            _counts(ds),
            tuple(warnings),
            warnings.total,
            summary(ds),
            strict,
        )
    checked_with, other_files = str(directory), len(dataset_files(directory)[0]) - 1
    label = file_label(path, directory)
    try:
        ds = load_dataset(directory, warnings=warnings)
    except DataError as err:
        mine = tuple(p for p in err.problems if p.file == label)
        return Validation(
            False,
            str(path),
            mine,
            checked_with=checked_with,
            other_files=other_files,
            other_problems=len(err.problems) - len(mine),
        )
    own = tuple(w for w in warnings if w.file == label)
    return ValidDataset(
        True,
        str(path),
        (),
        _counts(ds),
        own,
        warnings.per_file[label],
        summary(ds),
        strict,
        checked_with=checked_with,
        other_files=other_files,
    )


def _counts(ds: Dataset) -> dict[str, int]:
    """Actors, base links, the links scenarios add (as `load` counts its sections), scenarios."""
    return {
        "actors": len(ds.actors),
        "links": len(ds.links),
        "scenario_links": sum(len(scenario.adds) for scenario in ds.scenarios),
        "scenarios": len(ds.scenarios),
    }


def summary(ds: Dataset) -> Summary:
    """Links by basis and by grade, links without evidence, evidence items without a locator;
    signposts, how many are observed, and their observations by grade."""
    ladder = ds.ladder
    by_basis = {"sourced": 0, "background": 0}
    by_grade = {grade.name: 0 for grade in ladder}
    off: dict[float, int] = {}
    without_evidence = items = without_locator = 0
    placed: dict[float, str | None] = {}  # each distinct number placed on the ladder once
    for link in ds.links:
        by_basis[link.basis] += 1
        name = link.grade
        if name is None:
            if link.confidence not in placed:
                grade = on_ladder(link.confidence, ladder)
                placed[link.confidence] = grade.name if grade else None
            name = placed[link.confidence]
        if name is not None:
            by_grade[name] += 1
        else:
            off[link.confidence] = off.get(link.confidence, 0) + 1
        if not link.evidence:
            without_evidence += 1
        items += len(link.evidence)
        without_locator += sum(1 for e in link.evidence if e.locator is None)
    for number in sorted(off, reverse=True):
        by_grade[str(number)] = off[number]
    seen = [item for sign in ds.signposts for item in sign.observations]
    seen_by_grade = {grade.name: 0 for grade in ladder}
    for item in seen:
        key = item.grade if item.grade is not None else "ungraded"
        seen_by_grade[key] = seen_by_grade.get(key, 0) + 1
    return Summary(
        len(ds.links),
        by_basis,
        by_grade,
        without_evidence,
        items,
        without_locator,
        len(ds.signposts),
        sum(1 for sign in ds.signposts if sign.observations),
        len(seen),
        seen_by_grade,
    )
