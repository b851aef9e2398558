"""What `scenarios pull` does: the database's entries written back into the YAML dataset.

The database is read as `--source neo4j` reads it (`store.readback`); its dataset is compared
with the files' entity by entity (`dataset.changes`), and each difference is written with
`dataset.edit`: a changed entry is made equal field by field in place (its comments kept), a
new one goes after the entry before it in the database's order (else at the end of the last YAML
file holding its section), a deleted one is removed.
Entries that live in bulk files are not rewritten (reported, never dropped silently), nor is
what the format cannot hold (`set_aside`). The changed files are validated before anything is
written; nothing here writes. Once they are written, `scenarios pull` has the store give what it
adopted from the database the bookkeeping a load writes (`Store.stamp`: `stamped`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenarios.dataset.changes import ADDED, CHANGED, REMOVED, EntityChange, entity_changes
from scenarios.dataset.changes import key as entity_key
from scenarios.dataset.edit import DatasetEdit, Place, sync
from scenarios.dataset.fields import TABLES
from scenarios.model import Dataset


@dataclass(frozen=True, slots=True)
class NotPulled:
    """A difference the files cannot take: the entry lives in a bulk file."""

    section: str
    id: str
    change: str
    file: str


@dataclass(frozen=True)
class PullReport:
    server: str  # the server and database read, as the store describes it
    origin: str  # the dataset directory or file written to
    differences: tuple[EntityChange, ...]  # files -> database, entity by entity
    applied: int  # how many of them the YAML files now hold
    not_pulled: tuple[NotPulled, ...]
    set_aside: tuple[Any, ...]  # store.readback.SetAside: in the database, not in the format
    files: tuple[str, ...]  # the files changed
    diff: str
    dry_run: bool
    saved: bool = False  # whether the files were written
    # entities of the database given the bookkeeping a load writes (None: --dry-run, or failed)
    stamped: int | None = None
    stamp_failed: str | None = None  # why that failed (the next load does it instead)


def plan_pull(
    files: Dataset,
    root: Path,
    database: Dataset,
    raw: Mapping[str, Sequence[Any]],
    *,
    source: str,
    set_aside: Sequence[Any] = (),
    dry_run: bool = False,
) -> tuple[PullReport, DatasetEdit]:
    """The edits that make the YAML files at `root` hold what the database holds.

    `raw`: the database's entries as file entries (section -> list of mappings), the form they
    are written in. Raises `DataError` if the edited files would not validate.
    """
    changes = entity_changes(files, database)
    edit = DatasetEdit(root)
    by_id = {
        section: {str(e.get(TABLES[section].key or "id")): e for e in entries}
        for section, entries in raw.items()
    }
    missed: list[NotPulled] = []
    for change in changes:
        table = TABLES[change.section]
        key = table.key or "id"
        where = _bulk_name(edit, change.section, root)
        if change.change == ADDED:
            entry = by_id[change.section][change.id]
            after = _before_in(database, change.section, change.id, edit, key)
            if after is not None:
                edit.insert_after(after, entry, table)
                continue
            holding = edit.holding(change.section)
            if not holding and where:
                missed.append(NotPulled(change.section, change.id, change.change, where))
                continue
            path = holding[-1] if holding else _new_file(root, change.section)
            edit.append(path, change.section, entry, table)
            continue
        place = edit.find(change.section, key, change.id)
        if place is None:
            missed.append(NotPulled(change.section, change.id, change.change, where or "?"))
            continue
        if change.change == REMOVED:
            edit.remove(place, change.section)
        elif change.change == CHANGED:
            sync(place.entry, by_id[change.section][change.id], table, at=(place.seq, place.index))
    if edit.freeze():
        edit.validate()
    base = root.resolve().parent
    changed_files = tuple(str(p.resolve().relative_to(base)) for p in sorted(edit.texts()))
    report = PullReport(
        server=source,
        origin=str(root),
        differences=changes,
        applied=len(changes) - len(missed),
        not_pulled=tuple(missed),
        set_aside=tuple(set_aside),
        files=changed_files,
        diff=edit.diff(),
        dry_run=dry_run,
    )
    return report, edit


def _before_in(
    database: Dataset, section: str, ident: str, edit: DatasetEdit, key: str
) -> Place | None:
    """Where the entry that comes before `ident` in the database's order is in the YAML files,
    so that an entry added there goes in its place (a grade renamed in Browser stays where it
    was on the ladder); None when it is the first, or its predecessor is in no YAML file (then
    it goes at the end of the section)."""
    ids = [entity_key(e) for e in getattr(database, section, ())]
    at = ids.index(ident) if ident in ids else 0
    if at == 0:
        return None
    return edit.find(section, key, ids[at - 1])


def _bulk_name(edit: DatasetEdit, section: str, root: Path) -> str:
    names = [
        str(p.relative_to(root)) if root.is_dir() else p.name for p in edit.bulk_files(section)
    ]
    return ", ".join(names)


def _new_file(root: Path, section: str) -> Path:
    """Where a section no YAML file has yet starts: `<section>.yaml` beside the others (a
    one-file dataset: that file)."""
    return root / f"{section}.yaml" if root.is_dir() else root
