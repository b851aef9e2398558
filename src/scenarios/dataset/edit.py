"""Round-trip editing of a dataset's YAML files: comments, order and layout survive a rewrite.

The only importer of ruamel.yaml (PyYAML in `loader` stays the fast reader). A file is parsed
into ruamel's round-trip tree, changed in place (a field set, an entry appended, removed, or
made equal to a desired mapping) and dumped again; a file that was not changed dumps to the
same bytes (tests/dataset/test_edit.py checks every seed file). `DatasetEdit` plans changes
over a whole dataset, validates the changed texts with the same validator as `validate`
before anything is written, shows them as a unified diff and writes them whole-or-nothing
through `files.write_all`.

**Gaps.** What lies between two entries of a list (a blank line, a comment heading the next
group) is kept between them: appending an entry moves the gap that followed the old last
entry (before the next section, say) to after the new one; removing an entry removes it with
the gap before it. ruamel keeps such lines in one of three places (after the deepest last
scalar of the entry, before the next item, or at the end of the list), so `_take_gap` reads
all three and `_put_gap` writes the one ruamel itself would have used.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from scenarios.dataset import bulk
from scenarios.dataset.fields import TABLES, Holds, Table
from scenarios.dataset.loader import YAML_SUFFIXES, dataset_files, load_dataset
from scenarios.dataset.validate import Warnings
from scenarios.errors import DataError, Problem
from scenarios.files import refuse_links, write_all
from scenarios.model import Dataset

WIDTH = 96  # a folded text is broken before this column, as in the seed files
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


Layout = tuple[int, int]  # a list's items: the column of their text, and of their dash
SEED_LAYOUT: Layout = (4, 2)  # `  - id: x`: the dash at 2, the entry's keys at 4
_DASH = re.compile(r"^( *)-( +)\S", flags=re.M)


def layout(text: str) -> Layout:
    """How a file indents its lists, from its first block list item (the seed's if none):
    `  - id` is (4, 2), `-   id` (4, 0), `    - id` (6, 4)."""
    found = _DASH.search(text)
    if found is None:
        return SEED_LAYOUT
    dash, gap = len(found.group(1)), len(found.group(2))
    return dash + 1 + gap, dash


def _yaml(indent: Layout = SEED_LAYOUT) -> YAML:
    """A round-trip YAML that writes lists as `indent` says, and everything else as it was."""
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=indent[0], offset=indent[1])
    yaml.width = 4096  # never re-wrap a line; folded texts keep their own breaks
    yaml.allow_unicode = True
    return yaml


def parse(text: str, label: str = "<text>") -> Any:
    """The round-trip tree of one YAML document; malformed YAML is a `DataError` at its line."""
    try:
        return _yaml().load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err)
        raise DataError([Problem(label, f"malformed YAML: {reason}", line=line)]) from None


def dump(tree: Any, indent: Layout = SEED_LAYOUT) -> str:
    out = io.StringIO()
    _yaml(indent).dump(tree, out)
    return out.getvalue()


# -- values ----------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A value read from YAML or the database as plain, comparable Python.

    Days become their ISO text (YAML reads `2025-12-07` as a date, Neo4j returns dates, a
    link's date is text), whole floats stay floats (1 == 1.0 anyway), containers recurse.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def same(a: Any, b: Any, table: Table | None = None) -> bool:
    """Whether two values say the same (a removal written as just its link equals its mapping)."""
    return bool(_canonical(a, table) == _canonical(b, table))


def _canonical(value: Any, table: Table | None) -> Any:
    value = plain(value)
    if table is not None and table.shorthand and isinstance(value, str):
        value = {table.shorthand: value}
    if isinstance(value, dict) and table is not None:
        out = {}
        for key, item in value.items():
            spec = table.field(key)
            nested = TABLES[spec.entries] if spec and spec.entries else None
            out[key] = (
                [_canonical(v, nested) for v in item]
                if nested is not None and isinstance(item, list)
                else _canonical(item, None)
            )
        return out
    return value


def node(value: Any, table: Table | None = None, holds: Holds | None = None) -> Any:
    """A plain value as a round-trip node: fields in the table's order, short lists in brackets
    (as the seed writes `aliases` and `key_actors`), days as dates (written unquoted)."""
    if isinstance(value, Mapping):
        out = CommentedMap()
        names = sorted(value, key=lambda k: table.order(k) if table else 0)
        for key in names:
            spec = table.field(key) if table else None
            nested = TABLES[spec.entries] if spec and spec.entries else None
            out[key] = node(value[key], nested, spec.holds if spec else None)
        return out
    if isinstance(value, list | tuple):
        seq = CommentedSeq(node(item, table) for item in value)
        if holds in (Holds.TEXTS, Holds.IDS):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and holds in (Holds.DAY, Holds.PERIOD) and _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # the validator says what is wrong with it
    return value


def _styled(old: Any, new: Any) -> Any:
    """`new` written as `old` was: a folded text stays folded (broken before `WIDTH`)."""
    if not isinstance(new, str) or not isinstance(old, FoldedScalarString | LiteralScalarString):
        return new
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(new)
    folded = FoldedScalarString(new)
    folded.fold_pos = list(_fold_positions(new, WIDTH - 6))
    return folded


def _fold_positions(text: str, width: int) -> Iterator[int]:
    """Where to break a folded text: at spaces, lines at most `width` characters."""
    start = 0
    last_space = -1
    for i, char in enumerate(text):
        if char == " ":
            if i - start > width and last_space > start:
                yield last_space
                start = last_space + 1
            last_space = i
    if len(text) - start > width and last_space > start:
        yield last_space


# -- gaps: the lines between two entries of a list --------------------------------------------


def _is_block(value: Any) -> bool:
    return isinstance(value, CommentedMap | CommentedSeq) and len(value) > 0 and not _flow(value)


def _flow(value: Any) -> bool:
    return bool(value.fa.flow_style())


def _last_path(item: Any) -> tuple[list[CommentedSeq], tuple[Any, Any] | None]:
    """The block lists on the way to an entry's last scalar, and that scalar's slot.

    The slot is `(container, key)`; None when the entry ends in a bracketed list (or is one).
    """
    seqs: list[CommentedSeq] = []
    current = item
    while True:
        if isinstance(current, CommentedMap) and current and not _flow(current):
            key = next(reversed(current))
            value = current[key]
            if _is_block(value):
                current = value
                continue
            return seqs, None if isinstance(value, CommentedMap | CommentedSeq) else (current, key)
        if isinstance(current, CommentedSeq) and current and not _flow(current):
            seqs.append(current)
            index = len(current) - 1
            value = current[index]
            if _is_block(value):
                current = value
                continue
            if isinstance(value, CommentedMap | CommentedSeq):
                return seqs, None
            return seqs, (current, index)
        return seqs, None


def _block_scalar(slot: tuple[Any, Any]) -> bool:
    container, key = slot
    return isinstance(container[key], FoldedScalarString | LiteralScalarString)


def _slot_token(slot: tuple[Any, Any]) -> CommentToken | None:
    container, key = slot
    entry = container.ca.items.get(key)
    if not entry:
        return None
    position = 0 if isinstance(container, CommentedSeq) else 2
    token = entry[position]
    return token if isinstance(token, CommentToken) else None


def _set_slot_token(slot: tuple[Any, Any], token: CommentToken | None) -> None:
    container, key = slot
    position = 0 if isinstance(container, CommentedSeq) else 2
    entry = container.ca.items.get(key)
    if entry is None:
        if token is None:
            return
        entry = container.ca.items[key] = [None, None, None, None]
    entry[position] = token
    if not any(entry):
        del container.ca.items[key]


def _token(value: str, column: int) -> CommentToken:
    return CommentToken(value, CommentMark(column), None)


def _token_lines(tokens: Iterable[CommentToken]) -> list[str]:
    """Comment tokens as the lines they stand for (a blank line is '')."""
    lines: list[str] = []
    for token in tokens:
        text = token.value
        indent = " " * (token.column or 0) if text.lstrip(" ").startswith("#") else ""
        parts = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
        for n, part in enumerate(parts):
            lines.append((indent + part.lstrip(" ") if n == 0 and part.strip() else part).rstrip())
    return lines


def _line_tokens(lines: Sequence[str]) -> list[CommentToken]:
    out = []
    for line in lines:
        stripped = line.lstrip(" ")
        column = len(line) - len(stripped)
        out.append(_token(stripped + "\n" if stripped else "\n", column))
    return out


def _take_gap(seq: CommentedSeq, index: int) -> tuple[list[str], str]:
    """Remove and return the lines after entry `index` (up to the next entry or the list's end)
    and its own end-of-line comment (kept with the entry)."""
    seqs, slot = _last_path(seq[index])
    lines: list[str] = []
    eol = ""
    if slot is not None:
        token = _slot_token(slot)
        if token is not None:
            value = token.value
            if _block_scalar(slot):  # it ends its own line: the token holds only the gap
                first, rest = "", value
            else:
                first, _, rest = value.partition("\n")
            if first.strip():
                eol = first.strip()
            lines += rest.split("\n")[:-1] if rest.endswith("\n") else rest.split("\n")
            lines = [line.rstrip() for line in lines]
            _set_slot_token(slot, _token(eol + "\n", token.column) if eol else None)
    for inner in reversed(seqs):
        if inner.ca.end:
            lines += _token_lines(inner.ca.end)
            inner.ca.end = []
    if index + 1 < len(seq):
        entry = seq.ca.items.get(index + 1)
        if entry and entry[1]:
            lines += _token_lines(entry[1])
            entry[1] = None
            if not any(entry):
                del seq.ca.items[index + 1]
    elif index == len(seq) - 1 and seq.ca.end:
        lines += _token_lines(seq.ca.end)
        seq.ca.end = []
    return lines, eol


def _put_gap(seq: CommentedSeq, index: int, lines: Sequence[str], eol: str = "") -> None:
    """Write `lines` after entry `index`, where ruamel would have kept them."""
    seqs, slot = _last_path(seq[index])
    if slot is not None:
        column = 0
        old = _slot_token(slot)
        if old is not None:
            first = old.value.partition("\n")[0]
            eol = eol or first.strip()
            column = old.column or 0
        if not lines and not eol:
            _set_slot_token(slot, None)
            return
        start = "" if _block_scalar(slot) else (eol + "\n" if eol else "\n")
        text = start + "".join(line + "\n" for line in lines)
        _set_slot_token(slot, _token(text, column) if text else None)
        return
    if not lines:
        return
    if index + 1 < len(seq):
        entry = seq.ca.items.setdefault(index + 1, [None, None, None, None])
        entry[1] = _line_tokens(lines)
    else:
        (seqs[-1] if seqs else seq).ca.end = _line_tokens(lines)


def _entry_separator(seq: CommentedSeq, top: bool) -> list[str]:
    """The gap to leave between two entries of this list: a blank line in a top-level section
    (the seed's style) unless its entries are written without one, none in nested lists."""
    if len(seq) >= 2:
        lines = _peek_gap(seq, len(seq) - 2)
        return [""] if lines and lines[0] == "" else []
    return [""] if top else []


def _peek_gap(seq: CommentedSeq, index: int) -> list[str]:
    _seqs, slot = _last_path(seq[index])
    if slot is not None:
        token = _slot_token(slot)
        if token is not None:
            rest = token.value if _block_scalar(slot) else token.value.partition("\n")[2]
            return [line.rstrip() for line in rest.split("\n")[:-1]]
    entry = seq.ca.items.get(index + 1)
    if entry and entry[1]:
        return _token_lines(entry[1])
    return []


def insert_entry(seq: CommentedSeq, index: int, value: Any, *, top: bool = False) -> None:
    """Insert a node at `index`, with the list's usual gap before it; the gap that followed the
    entry before it (a blank line and the heading of the next group, say) now follows it."""
    separator = _entry_separator(seq, top)
    if index == 0 or not seq:
        seq.insert(index, value)
        if len(seq) > 1:
            _put_gap(seq, 0, separator)
        return
    lines, _eol = _take_gap(seq, index - 1)
    seq.insert(index, value)
    _put_gap(seq, index - 1, separator)
    _put_gap(seq, index, lines)


def append_entry(seq: CommentedSeq, value: Any, *, top: bool = False) -> None:
    insert_entry(seq, len(seq), value, top=top)


def remove_entry(seq: CommentedSeq, index: int) -> None:
    """Remove entry `index` and the gap before it; what followed it now follows its
    predecessor. The comment heading the first entry heads the new first one."""
    after, _eol = _take_gap(seq, index)
    if index > 0:
        _take_gap(seq, index - 1)
        del seq[index]
        _put_gap(seq, index - 1, after)
        return
    old = seq[0]
    heading = old.ca.comment if isinstance(old, CommentedMap) else None
    del seq[0]
    if seq and isinstance(seq[0], CommentedMap):
        kept = [line for line in after if line.strip()]
        tokens = list(heading[1] or []) if heading and len(heading) > 1 else []
        tokens += _line_tokens(kept)
        if tokens:
            seq[0].ca.comment = [None, tokens]


# -- fields of a mapping ---------------------------------------------------------------------
#
# Each takes `at`, the list and position holding the entry: when the field changed is the
# entry's last, the gap after the entry moves to the new last field, and where ruamel keeps
# that gap can depend on the list (see "Gaps"). Without `at` the entry is taken alone.

At = tuple[CommentedSeq, int]


def _holder(entry: CommentedMap, at: At | None) -> At:
    return at if at is not None else (CommentedSeq([entry]), 0)


def set_field(
    entry: CommentedMap, name: str, value: Any, table: Table, *, at: At | None = None
) -> None:
    """Set one field (added in the table's order when new), keeping comments and layout."""
    spec = table.field(name)
    nested = TABLES[spec.entries] if spec and spec.entries else None
    holds = spec.holds if spec else None
    if name not in entry:
        position = sum(1 for key in entry if table.order(key) <= table.order(name))
        _keeping_gap(
            entry,
            at,
            position >= len(entry),
            lambda: entry.insert(position, name, node(value, nested, holds)),
        )
        return
    old = entry[name]
    if same(old, value, nested):
        return
    if isinstance(old, CommentedSeq) and isinstance(value, list | tuple) and nested is not None:
        sync_list(old, value, nested)
        return
    if isinstance(old, CommentedSeq) and isinstance(value, list | tuple) and _flow(old):
        old[:] = [node(item) for item in value]  # a bracketed list keeps its brackets
        return
    new = _styled(old, node(value, nested, holds))

    def replace() -> None:
        entry[name] = new

    _keeping_gap(entry, at, _ends_with(entry, name), replace)


def _keeping_gap(entry: CommentedMap, at: At | None, last: bool, change: Any) -> None:
    """Run `change`; when it touches the entry's last field, the gap after the entry stays."""
    if not last or not entry:
        change()
        return
    seq, index = _holder(entry, at)
    lines, eol = _take_gap(seq, index)
    change()
    _put_gap(seq, index, lines, eol)


def _ends_with(entry: CommentedMap, name: str) -> bool:
    return bool(entry) and next(reversed(entry)) == name


def unset_field(entry: CommentedMap, name: str, *, at: At | None = None) -> None:
    """Remove one field; a blank line or comment that followed the entry stays after it."""
    if name not in entry:
        return
    if not _ends_with(entry, name):
        entry.ca.items.pop(name, None)
        del entry[name]
        return
    seq, index = _holder(entry, at)
    lines, _eol = _take_gap(seq, index)  # the field's own end-of-line comment goes with it
    entry.ca.items.pop(name, None)
    del entry[name]
    if entry:
        _put_gap(seq, index, lines)


def sync(
    entry: CommentedMap, desired: Mapping[str, Any], table: Table, *, at: At | None = None
) -> None:
    """Make a mapping say what `desired` says, changing only the fields that differ."""
    for name in [key for key in entry if key not in desired]:
        unset_field(entry, name, at=at)
    for name, value in desired.items():
        set_field(entry, name, value, table, at=at)


def sync_list(seq: CommentedSeq, desired: Sequence[Any], table: Table) -> None:
    """Make a list of entries say what `desired` says: entries matched by their key (or, for a
    list without one, the longest run of equal entries), changed in place, removed, added."""
    if table.key is not None:
        _sync_keyed(seq, desired, table, table.key)
    else:
        _sync_positional(seq, desired, table)


def _key_of(item: Any, table: Table, key: str) -> Any:
    if isinstance(item, str) and table.shorthand == key:
        return item
    return plain(item.get(key)) if isinstance(item, Mapping) else None


def _sync_keyed(seq: CommentedSeq, desired: Sequence[Any], table: Table, key: str) -> None:
    wanted = {_key_of(item, table, key): item for item in desired}
    for index in reversed(range(len(seq))):
        if _key_of(seq[index], table, key) not in wanted:
            remove_entry(seq, index)
    have = {_key_of(item, table, key): i for i, item in enumerate(seq)}
    for ident, value in wanted.items():
        if ident in have:
            _sync_item(seq, have[ident], value, table)
        else:
            append_entry(seq, node(value, table))


def _sync_item(seq: CommentedSeq, index: int, value: Any, table: Table) -> None:
    current = seq[index]
    if same(current, value, table):
        return
    if isinstance(current, CommentedMap) and isinstance(value, Mapping):
        sync(current, value, table, at=(seq, index))
    else:
        lines, eol = _take_gap(seq, index)
        seq[index] = node(value, table)
        _put_gap(seq, index, lines, eol)


def _sync_positional(seq: CommentedSeq, desired: Sequence[Any], table: Table) -> None:
    have = [json.dumps(_canonical(item, table), sort_keys=True) for item in seq]
    want = [json.dumps(_canonical(item, table), sort_keys=True) for item in desired]
    opcodes = difflib.SequenceMatcher(a=have, b=want, autojunk=False).get_opcodes()
    for tag, a0, a1, b0, b1 in reversed(opcodes):  # from the end: indexes stay valid
        if tag == "equal":
            continue
        common = min(a1 - a0, b1 - b0) if tag == "replace" else 0
        for offset in range(common):
            _sync_item(seq, a0 + offset, desired[b0 + offset], table)
        for index in reversed(range(a0 + common, a1)):
            remove_entry(seq, index)
        for offset, value in enumerate(desired[b0 + common : b1]):
            insert_entry(seq, a0 + common + offset, node(value, table))


# -- a whole dataset -------------------------------------------------------------------------


@dataclass
class _File:
    path: Path
    text: str
    tree: Any = None
    indent: Layout = SEED_LAYOUT


@dataclass(frozen=True, slots=True)
class Place:
    """Where an entry is: its file and list, and its position in the list."""

    path: Path
    seq: CommentedSeq
    index: int

    @property
    def entry(self) -> Any:
        return self.seq[self.index]


@dataclass
class DatasetEdit:
    """Changes planned over one dataset's YAML files, validated before they are written."""

    root: Path
    _files: dict[Path, _File] = field(default_factory=dict)
    _order: list[Path] = field(default_factory=list)
    _texts: dict[Path, str] | None = None  # set by `freeze`: the planned files' texts

    def __post_init__(self) -> None:
        self._order = dataset_files(self.root)[0]

    # reading

    def yaml_files(self) -> list[Path]:
        return [p for p in self._order if p.suffix in YAML_SUFFIXES]

    def bulk_files(self, section: str) -> list[Path]:
        return [p for p in self._order if bulk.is_bulk(p) and bulk.section_of(p) == section]

    def _text(self, path: Path) -> str:
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def tree(self, path: Path) -> Any:
        assert self._texts is None, "the edit is frozen: plan every change before freeze()"
        loaded = self._files.get(path)
        if loaded is None:
            text = self._text(path)
            tree = parse(text, str(path)) if text else None
            loaded = self._files[path] = _File(path, text, tree, layout(text))
        if loaded.tree is None:
            loaded.tree = CommentedMap()
        return loaded.tree

    def section(self, path: Path, name: str) -> CommentedSeq | None:
        tree = self.tree(path)
        seq = tree.get(name) if isinstance(tree, CommentedMap) else None
        return seq if isinstance(seq, CommentedSeq) else None

    def holding(self, name: str) -> list[Path]:
        """The YAML files with a section `name`, in dataset order.

        Only files whose text has a top-level `name:` line are parsed (ruamel is slow on large
        files); if none has one, every file is (a section may be written in flow style).
        """
        files = self.yaml_files()
        line = re.compile(rf"^{re.escape(name)}\s*:", flags=re.M)
        likely = [p for p in files if p in self._files or line.search(self._text(p))]
        found = [p for p in likely if self.section(p, name) is not None]
        return found or [p for p in files if self.section(p, name) is not None]

    def find(self, section: str, key: str, ident: str) -> Place | None:
        for path in self.holding(section):
            seq = self.section(path, section)
            assert seq is not None
            for index, item in enumerate(seq):
                if isinstance(item, Mapping) and plain(item.get(key)) == ident:
                    return Place(path, seq, index)
        return None

    def find_nested(self, section: str, within: str, ident: str) -> Place | None:
        """An entry with id `ident` in `section` or in a list `within` one of its entries
        (a scenario's added link)."""
        for path in self.holding(section):
            seq = self.section(path, section)
            assert seq is not None
            for item in seq:
                inner = item.get(within) if isinstance(item, CommentedMap) else None
                if isinstance(inner, CommentedSeq):
                    for index, sub in enumerate(inner):
                        if isinstance(sub, Mapping) and plain(sub.get("id")) == ident:
                            return Place(path, inner, index)
        return None

    # changing

    def section_to_append(self, path: Path, name: str) -> CommentedSeq:
        """The list of section `name` in `path`, made (at the file's end) if it has none."""
        tree = self.tree(path)
        seq = tree.get(name)
        if isinstance(seq, CommentedSeq):
            return seq
        seq = CommentedSeq()
        last = next(reversed(tree), None) if tree else None
        before = tree.get(last) if last is not None else None
        if isinstance(before, CommentedSeq) and before:  # a blank line before the new section
            lines, eol = _take_gap(before, len(before) - 1)
            _put_gap(before, len(before) - 1, lines or [""], eol)
        tree[name] = seq
        return seq

    def append(self, path: Path, section: str, value: Mapping[str, Any], table: Table) -> Place:
        """Add an entry at the end of section `section` of `path` (made if the file has none)."""
        seq = self.section_to_append(path, section)
        append_entry(seq, node(value, table), top=True)
        return Place(path, seq, len(seq) - 1)

    def insert_after(self, place: Place, value: Mapping[str, Any], table: Table) -> Place:
        """Add an entry right after the one at `place`, in its list."""
        insert_entry(place.seq, place.index + 1, node(value, table), top=True)
        return Place(place.path, place.seq, place.index + 1)

    def append_within(
        self, place: Place, parent: Table, within: str, value: Mapping[str, Any]
    ) -> None:
        """Add an item to the list field `within` of the entry at `place` (a link's evidence)."""
        spec = parent.field(within)
        assert spec is not None and spec.entries is not None
        items = place.entry.get(within)
        if isinstance(items, CommentedSeq):
            append_entry(items, node(value, TABLES[spec.entries]))
        else:
            set_field(place.entry, within, [value], parent, at=(place.seq, place.index))

    def remove(self, place: Place, section: str) -> None:
        """Remove the entry at `place`; a section left empty goes from its file."""
        remove_entry(place.seq, place.index)
        tree = self.tree(place.path)
        if not place.seq and tree.get(section) is place.seq:
            del tree[section]
            tree.ca.items.pop(section, None)

    def texts(self) -> dict[Path, str]:
        """The new text of every file that changed (dumped once `freeze` has been called)."""
        if self._texts is not None:
            return self._texts
        out: dict[Path, str] = {}
        for path, loaded in self._files.items():
            if loaded.tree is None:
                continue
            text = dump(loaded.tree, loaded.indent) if loaded.tree else ""
            if text != loaded.text:
                out[path] = text
        return out

    def freeze(self) -> dict[Path, str]:
        """Dump the planned files once; `texts`, `diff`, `validate` and `write` use that."""
        self._texts = None
        self._texts = self.texts()
        return self._texts

    def diff(self) -> str:
        """The changes as a unified diff, files named from the directory holding the dataset."""
        chunks: list[str] = []
        for path, text in sorted(self.texts().items()):
            name = _display(path, self.root.resolve().parent)
            old = self._files[path].text
            chunks += difflib.unified_diff(
                old.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"a/{name}" if old else "/dev/null",
                tofile=f"b/{name}",
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)

    def validate(self, warnings: Warnings | None = None) -> Dataset:
        """The dataset the changed files would make (raises `DataError` with every problem);
        with `warnings`, what is valid but doubtful is appended to it."""
        return load_dataset(self.root, texts=self.texts(), warnings=warnings)

    def write(self) -> dict[Path, int]:
        """Write every changed file, all of them or none (whole-or-nothing, `files.write_all`);
        their sizes. A file that is a symbolic link is refused (`files.refuse_links`): the
        link would be replaced, not the file it points to."""
        changed = self.texts()
        if not changed:
            return {}
        refuse_links(changed)
        return write_all({p: [t] for p, t in changed.items()}, force=True)

    def name(self, path: Path) -> str:
        """A file as the diff names it: from the directory that holds the dataset."""
        return _display(path, self.root.resolve().parent)


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base))
    except ValueError:
        return str(path)
