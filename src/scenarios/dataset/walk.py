"""What a dataset directory is: the data files below it, and each one that cannot be read.

A dataset directory is any directory. Its files are the `*.yaml`, `*.yml`, `*.csv`, `*.jsonl`
and `*.ndjson` files below it, at any depth, except inside directories that are never data:

- hidden ones (the name starts with `.`: `.git`, `.venv`, `.tox`, `.mypy_cache`), and hidden
  files (editors' swap and backup files);
- `__pycache__`, `node_modules`, `site-packages`, `dist-packages`;
- a Python virtual environment (a directory holding `pyvenv.cfg`) or a conda environment (one
  holding `conda-meta/`), whatever its name.

The directory given is read whatever its name. Nothing below it is skipped in silence: a
directory or file that cannot be read, a symbolic link to nothing and a symbolic link loop are
problems, located by path. Symbolic links to directories are followed, each directory once.
docs/data-format.md ("What a dataset directory is") says the same for users.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from scenarios.errors import Problem

NEVER_DATA = frozenset({"__pycache__", "node_modules", "site-packages", "dist-packages"})
ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")  # a virtual or conda environment's own


def dataset_files(
    root: Path, suffixes: tuple[str, ...], label: Callable[[Path], str]
) -> tuple[list[Path], list[Problem]]:
    """The data files of the dataset at `root` in sorted path order, and what could not be read.

    `root` is a directory or a single file; `label` names a path in problems.
    """
    if not root.is_dir():
        return [root], []
    files: list[Path] = []
    problems: list[Problem] = []
    visited: set[tuple[int, int]] = set()
    pending = [root]
    linked: list[Path] = []  # reached through a symbolic link: walked after the real ones
    while pending or linked:
        directory = pending.pop() if pending else linked.pop(0)
        try:
            status = directory.stat()
            if (status.st_dev, status.st_ino) in visited:
                continue  # reached again through a symbolic link: read once
            visited.add((status.st_dev, status.st_ino))
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as err:
            problems.append(_unreadable(label(directory), err))
            continue
        if directory != root and any(e.name in ENVIRONMENT_MARKERS for e in entries):
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in NEVER_DATA:
                continue
            path = Path(entry.path)
            data = path.suffix in suffixes
            try:
                status = path.stat()  # follows a symbolic link
            except OSError as err:
                if data:  # else not ours: a link to nowhere named like no data file
                    problems.append(_broken(path, label(path), err))
                continue
            if stat.S_ISDIR(status.st_mode):
                (linked if entry.is_symlink() else pending).append(path)
            elif data and stat.S_ISREG(status.st_mode):
                files.append(path)
            elif data:
                problems.append(
                    Problem(
                        label(path),
                        "cannot be read: not a regular file",
                        hint="a dataset file must be a file (not a pipe or a device)",
                    )
                )
    return sorted(files), sorted(problems, key=lambda problem: problem.file)


def _broken(path: Path, where: str, err: OSError) -> Problem:
    """A data-named path whose `stat` failed: a dangling link, a loop, or no permission."""
    if err.errno == errno.ELOOP:
        return Problem(
            where,
            "cannot be read: it is a symbolic link loop",
            hint="point the link at a file, or remove it",
        )
    if err.errno == errno.ENOENT and path.is_symlink():
        return Problem(
            where,
            f"cannot be read: it is a symbolic link to a missing file ({path.readlink()})",
            hint="point the link at a file, or remove it",
        )
    return _unreadable(where, err)


def _unreadable(where: str, err: OSError) -> Problem:
    reason = (err.strerror or str(err)).lower() if err.errno != errno.EACCES else None
    return Problem(
        where,
        f"cannot be read: {reason or 'permission denied'}",
        hint="check its permissions, or move it out of the dataset directory"
        if err.errno == errno.EACCES
        else None,
    )
