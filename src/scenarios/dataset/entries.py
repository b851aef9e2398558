"""`scenarios add` and `scenarios edit`: one entry from command-line values, into the YAML files.

Values arrive as text (lists as lists of text), one per field of the format's table
(`dataset.fields`); ids that refer to other entries are resolved like everywhere else (an
actor by id, name, Japanese name or alias; a speaker, programme or link by id or name, with
"did you mean"). The entry is written with `dataset.edit` into the file that holds its section,
and the whole changed dataset is validated before anything is written: the dataset was valid
before (the command loaded it), so every problem is the new values' fault and is reported as a
bad argument (exit 2) naming its flag. Nothing here writes: the caller shows the returned
`DatasetEdit`'s diff, or writes it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenarios.dataset.edit import DatasetEdit, Place, set_field, unset_field
from scenarios.dataset.fields import (
    ACTORS_OR_LINKS,
    ENTRY_KINDS,
    TABLES,
    EntryKind,
    Field,
    Holds,
    Table,
)
from scenarios.dataset.validate import Warnings
from scenarios.errors import DataError, NotFound, Problem, UsageError, quote, shorten
from scenarios.model import Dataset, normalise


@dataclass(frozen=True)
class EntryChange:
    """What `add` or `edit` did (or, with --dry-run, would do)."""

    action: str  # added, edited, unchanged
    entry_kind: str  # what sort of entry: link, evidence, actor, speaker, programme, ...
    id: str  # its id (evidence: its link's)
    file: str  # where the entry is, as `git diff` names it
    diff: str  # unified diff of the files
    saved: bool = False  # whether the files were written
    warnings: tuple[Problem, ...] = ()  # what is valid but doubtful about the entry now


def flag(name: str) -> str:
    """The command-line flag of a field (`name_ja` -> `--name-ja`)."""
    return "--" + name.replace("_", "-")


def missing(kind: str, values: Mapping[str, Any]) -> list[Field]:
    """The required fields `values` lacks (a link's id has a default)."""
    entry = ENTRY_KINDS[kind]
    table = TABLES[entry.table]
    out = [f for f in table.fields if f.required and _empty(values.get(f.name))]
    if entry.name == "link":
        out = [f for f in out if f.name != "id"]
    if entry.parent and _empty(values.get(entry.parent)):
        out.insert(0, entry.parent_field())
    return out


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple) and not value)


def from_text(spec: Field, value: Any) -> Any:
    """A command-line value as the YAML value: numbers for [0, 1] fields where it is one (a
    word stays a word: a grade name, or a mistake the validator names)."""
    if spec.holds in (Holds.UNIT, Holds.GRADE) and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


# -- resolving references -----------------------------------------------------------------------


def _resolve(ds: Dataset, section: str, query: str) -> str:
    if section == "actors":
        return ds.resolve_actor(query).id
    if section == "links":
        return _find_link(ds, query)
    if section == "scenarios":
        return ds.resolve_scenario(query).id
    if section == ACTORS_OR_LINKS:  # a link by its id, else an actor by any of its names
        return query if query in set(_all_links(ds)) else ds.resolve_actor(query).id
    if section == "signposts":
        ids = [sign.id for sign in ds.signposts]
        if query in ids:
            return query
        raise NotFound("signpost", query, difflib.get_close_matches(query, ids, n=3, cutoff=0.5))
    entries = ds.speakers if section == "speakers" else ds.programmes
    key = normalise(query)
    for entry in entries:
        names = [
            entry.id,
            *(getattr(entry, n, None) for n in ("name", "name_ja", "title", "title_ja")),
        ]
        if key in {normalise(n) for n in names if n}:
            return entry.id
    what = section[:-1]
    close = difflib.get_close_matches(query, [e.id for e in entries], n=3, cutoff=0.5)
    raise NotFound(what, query, close)


def _all_links(ds: Dataset) -> list[str]:
    return [link.id for link in ds.links] + [a.id for s in ds.scenarios for a in s.adds]


def _find_link(ds: Dataset, query: str) -> str:
    ids = _all_links(ds)
    if query in ids:
        return query
    raise NotFound("link", query, difflib.get_close_matches(query, ids, n=3, cutoff=0.5))


def resolved(ds: Dataset, table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` with every reference resolved to an id and numbers read, in the table's order."""
    out: dict[str, Any] = {}
    for spec in table.fields:
        value = values.get(spec.name)
        if _empty(value):
            continue
        if spec.refers_to and spec.holds is Holds.ID:
            value = _resolve(ds, spec.refers_to, str(value))
        elif spec.refers_to and spec.holds is Holds.IDS:
            value = [_resolve(ds, spec.refers_to, str(item)) for item in value or ()]
        out[spec.name] = from_text(spec, value)
    return out


def link_id(ds: Dataset, source: str, link_type: str, target: str) -> str:
    """`<source>-<type>-<target>`, with `-2`, `-3`, ... if a link has it already."""
    taken = set(_all_links(ds))
    base = f"{source}-{link_type}-{target}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


# -- add ----------------------------------------------------------------------------------------


def plan_add(
    ds: Dataset, root: Path, kind: str, values: Mapping[str, Any], *, file: Path | None = None
) -> tuple[EntryChange, DatasetEdit]:
    """Add one entry of `kind` (`ENTRY_KINDS`) with `values`; validated, not written."""
    entry = ENTRY_KINDS[kind]
    table = TABLES[entry.table]
    lacking = missing(kind, values)
    if lacking:
        raise UsageError(
            f"missing {', '.join(flag(f.name) for f in lacking)}",
            hint=f"give them, or run `scenarios add {kind}` in a terminal to be asked",
        )
    value = resolved(ds, table, values)
    if kind == "link" and "id" not in value:
        value = {"id": link_id(ds, value["source"], value["type"], value["target"]), **value}
    edit = DatasetEdit(root)
    if entry.within is not None:
        assert entry.parent is not None
        parent_id = _resolve(ds, entry.section, str(values[entry.parent]))
        place = _place(edit, entry.section, parent_id, root)
        edit.append_within(place, TABLES[entry.section], entry.within, value)
        ident, path = parent_id, place.path
    else:
        path = _target_file(edit, entry, root, file)
        edit.append(path, entry.section, value, table)
        ident = str(value.get(table.key or "id", ""))
    edit.freeze()
    doubts = _check(edit, kind, table, f"{entry.section}[{ident}]")
    change = EntryChange("added", kind, ident, _name(path, root), edit.diff(), warnings=doubts)
    return change, edit


def _target_file(edit: DatasetEdit, entry: EntryKind, root: Path, file: Path | None) -> Path:
    section = entry.section
    if file is not None:
        chosen = _inside(file, root.resolve())
        if chosen is None:
            raise UsageError(
                f"--file {file} is not part of the dataset {root}",
                hint="name a .yaml file inside the dataset directory (a relative path is "
                "taken from the current directory, else from the dataset's)",
            )
        if chosen.suffix not in (".yaml", ".yml"):
            raise UsageError(f"--file {file} is not a YAML file", hint="end its name in .yaml")
        return _same_path(edit, chosen)
    holding = edit.holding(section)
    if holding:
        return holding[-1]
    bulk = edit.bulk_files(section)
    if bulk:
        names = ", ".join(_name(p, root) for p in bulk)
        raise UsageError(
            f"the dataset keeps its {section} in bulk files ({names}), which add does not write",
            hint=f"add a row there, or give --file NEW.yaml to start a YAML `{section}:` section",
        )
    raise UsageError(
        f"no YAML file of the dataset has a `{section}:` section",
        hint="give --file FILE.yaml (a new or existing file in the dataset)",
    )


def _inside(file: Path, top: Path) -> Path | None:
    """`--file` resolved inside the dataset `top`, or None: an absolute path as it is; a
    relative one from the current directory, else (when that is outside) from the dataset's
    directory, so `--file new.yaml` works from anywhere (docs/data-format.md)."""
    base = top if top.is_dir() else top.parent
    tries = [file] if file.is_absolute() else [Path.cwd() / file, base / file]
    for chosen in (path.resolve() for path in tries):
        if chosen == top or (top.is_dir() and top in chosen.parents):
            return chosen
    return None


def _same_path(edit: DatasetEdit, chosen: Path) -> Path:
    """The dataset's own spelling of `chosen` (relative or absolute), so edits share a tree."""
    for path in edit.yaml_files():
        if path.resolve() == chosen:
            return path
    try:
        return edit.root / chosen.relative_to(edit.root.resolve())
    except ValueError:
        return chosen


def _place(edit: DatasetEdit, section: str, ident: str, root: Path) -> Place:
    place = edit.find(section, "id", ident) or (
        edit.find_nested("scenarios", "adds", ident) if section == "links" else None
    )
    if place is None:
        bulk = ", ".join(_name(p, root) for p in edit.bulk_files(section)) or "a bulk file"
        raise UsageError(
            f"{section[:-1]} {quote(ident)} is in {bulk}, which this command does not write",
            hint="edit the row there",
        )
    return place


# -- edit ---------------------------------------------------------------------------------------


def plan_edit(
    ds: Dataset,
    root: Path,
    kind: str,
    ident: str,
    values: Mapping[str, Any],
    unset: Sequence[str] = (),
) -> tuple[EntryChange, DatasetEdit]:
    """Change the fields of one entry in place (`unset` removes optional ones); not written."""
    entry = ENTRY_KINDS[kind]
    table = TABLES[entry.table]
    found = _resolve(ds, entry.section, ident)
    if not any(not _empty(v) for v in values.values()) and not unset:
        raise UsageError(
            f"nothing to change for {kind} {quote(found)}",
            hint=f"give a field to set, e.g. {flag(table.fields[-1].name)}; see --help",
        )
    for name in unset:
        spec = table.field(name.replace("-", "_"))
        if spec is None or spec.name == table.key:
            raise UsageError(
                f"--unset {shorten(name)}: not an optional field of {kind}",
                hint=f"fields: {', '.join(f.name for f in table.fields if not f.required)}",
            )
        if spec.required:
            raise UsageError(f"--unset {name}: a {kind} needs its {spec.name}")
    edit = DatasetEdit(root)
    place = _place(edit, entry.section, found, root)
    for name, value in resolved(ds, table, values).items():
        set_field(place.entry, name, value, table, at=(place.seq, place.index))
    for name in unset:
        unset_field(place.entry, name.replace("-", "_"), at=(place.seq, place.index))
    edit.freeze()
    doubts = _check(edit, kind, table, f"{entry.section}[{found}]")
    action = "edited" if edit.texts() else "unchanged"
    name = _name(place.path, root)
    return EntryChange(action, kind, found, name, edit.diff(), warnings=doubts), edit


# -- validation and names --------------------------------------------------------------------


def _check(edit: DatasetEdit, kind: str, table: Table, entry: str) -> tuple[Problem, ...]:
    """Validate the dataset the edit makes; every problem is the new values' (exit 2). Returns
    the warnings about `entry` (`links[x]`, its evidence included)."""
    found = Warnings()
    try:
        edit.validate(found)
    except DataError as err:
        first = err.problems[0]
        name = first.field.rsplit(".", 1)[-1] if first.field else None
        message = f"{flag(name)}: {first.message}" if name and table.field(name) else str(first)
        more = len(err.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise UsageError(
            f"{message}{suffix}; nothing was written",
            hint=first.hint or f"see `scenarios add {kind} --help`",
        ) from None
    return tuple(w for w in found if w.entry == entry or (w.entry or "").startswith(entry + "."))


def _name(path: Path, root: Path) -> str:
    """A file as the diff names it: from the directory that holds the dataset."""
    try:
        return str(path.resolve().relative_to(root.resolve().parent))
    except ValueError:
        return str(path)
