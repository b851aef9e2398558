"""Two datasets entity by entity: what was added, removed or changed, and in which fields.

Used by `scenarios diff` (two versions of the files) and `scenarios pull` (the files against
the database). Entries are matched by id within each section and compared as the validated
model objects, so `1` and `1.0`, a quoted and an unquoted day, or a reordered YAML mapping are
the same; a field's change lists its old and new value, and for a list of records (a link's
evidence, a scenario's adds) the items added and removed. Generic over the model's fields:
a field added to the format is compared with no change here.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from scenarios.model import Dataset

SECTIONS = ("grades", "programmes", "speakers", "actors", "links", "scenarios")
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an entry, before and after; for a list of records, the items that came
    and went (the others are in both)."""

    field: str
    before: Any
    after: Any
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityChange:
    """An entry added, removed or changed (then `fields` says how)."""

    section: str
    id: str
    change: str  # added, removed, changed
    fields: tuple[FieldChange, ...] = ()
    before: Any = None  # the entry as it was (removed, changed)
    after: Any = None  # the entry as it is (added, changed)


def key(entry: Any) -> str:
    """What identifies an entry within its section: its id (a grade: its name)."""
    ident = getattr(entry, "id", None)
    return str(ident if ident is not None else getattr(entry, "name", ""))


def sections(ds: Dataset) -> tuple[str, ...]:
    """The dataset's sections of entries, in `SECTIONS` order, then any others it has."""
    names = [f.name for f in dataclasses.fields(ds) if f.init and f.compare]
    return tuple(sorted(names, key=lambda n: SECTIONS.index(n) if n in SECTIONS else 99))


def entity_changes(
    old: Dataset, new: Dataset, only: Iterable[str] | None = None
) -> tuple[EntityChange, ...]:
    """Every entry added, removed or changed from `old` to `new`, section by section (removed
    in `old`'s order, then changed, then added in `new`'s order)."""
    out: list[EntityChange] = []
    for section in only or sections(new):
        before = {key(e): e for e in getattr(old, section, ())}
        after = {key(e): e for e in getattr(new, section, ())}
        out += [
            EntityChange(section, ident, REMOVED, before=entry)
            for ident, entry in before.items()
            if ident not in after
        ]
        for ident, entry in before.items():
            other = after.get(ident)
            if other is not None and other != entry:
                fields = field_changes(entry, other)
                out.append(EntityChange(section, ident, CHANGED, fields, entry, other))
        out += [
            EntityChange(section, ident, ADDED, after=entry)
            for ident, entry in after.items()
            if ident not in before
        ]
    return tuple(out)


def field_changes(before: Any, after: Any) -> tuple[FieldChange, ...]:
    """The fields in which two versions of one entry differ, in the model's field order."""
    out = []
    for spec in dataclasses.fields(before):
        a, b = getattr(before, spec.name), getattr(after, spec.name)
        if a == b:
            continue
        if _records(a) and _records(b):
            came, went = _difference(b, a), _difference(a, b)
            out.append(FieldChange(spec.name, a, b, came, went))
        else:
            out.append(FieldChange(spec.name, a, b))
    return tuple(out)


def _records(value: Any) -> bool:
    return isinstance(value, tuple) and all(dataclasses.is_dataclass(v) for v in value)


def _difference(a: Sequence[Any], b: Sequence[Any]) -> tuple[Any, ...]:
    """Items of `a` not in `b`, counting repeats, in `a`'s order."""
    left = Counter(b)
    out = []
    for item in a:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return tuple(out)


def counts(changes: Iterable[EntityChange]) -> dict[str, dict[str, int]]:
    """section -> {added, removed, changed} counts (sections with none left out)."""
    out: dict[str, dict[str, int]] = {}
    for change in changes:
        row = out.setdefault(change.section, {ADDED: 0, REMOVED: 0, CHANGED: 0})
        row[change.change] += 1
    return out
