"""Dataset files -> `Dataset`: finds the data, reads YAML an entry at a time, validates.

The only module that reads YAML. A dataset is a directory of `*.yaml` files and bulk files
(`*.csv`, `*.jsonl`, see `scenarios.dataset.bulk`), read in sorted order with sections merged, or a
single such file; which files a directory holds is `scenarios.dataset.walk`'s to say.

YAML is read from libyaml's events (PyYAML's C parser), not through PyYAML's node graph: each
entry of a section is built, handed to the validator and dropped before the next is read, so
memory follows the validated dataset, not the file's text. Building is iterative, so no input
can exhaust Python's recursion, and it is bounded:

- a value nested more than `MAX_DEPTH` levels deep is not built: its field gets an
  `Oversized` stand-in, which the validator reports (`must be text, not a list nested more
  than 64 levels deep`); a file nested more than `MAX_PARSE_DEPTH` (1,000) levels is
  malformed, with the same words whichever libyaml (or none) PyYAML was built with;
- aliases share the value of their anchor (never copied), and each value's size with aliases
  expanded is counted as it is read: a field whose value expands to more than
  `MAX_EXPANSION` values and more than `EXPANSION_RATIO` times what is written (a "billion
  laughs"), or any aliased field once the whole file has expanded that far, gets an
  `Oversized` stand-in too, so no later step walks the expansion;
- an integer of more than 20 digits is a `LongNumber` (Python refuses to read 4,300);
- a key that is a list or mapping (`? [a, b]`) is a problem, not a crash.

Syntax errors name the line where the broken construct starts (an unclosed quote or bracket),
control characters and bytes that are not UTF-8 their line and column.
"""

from __future__ import annotations

import io
import mmap
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from scenarios.config import DATA_ENV
from scenarios.dataset import bulk, walk
from scenarios.dataset.validate import (
    DEPTH_HINT,
    LADDER,
    MAX_DEPTH,
    Document,
    LongNumber,
    Oversized,
    Section,
    SectionStream,
    Warnings,
    build_dataset,
    kind_of,
    nested_too_deep,
)
from scenarios.errors import DataError, Problem, quote, shorten
from scenarios.memory import gc_paused
from scenarios.model import Dataset

YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, *bulk.BULK_SUFFIXES)
MAX_EXPANSION = 100_000  # values an aliased field may expand to ...
EXPANSION_RATIO = 10  # ... when that is also this many times the values written
MANY_UNNAMED = 20  # more bulk files naming no section than this: one problem for them all

_EXPANSION_HINT = (
    "write the values out: anchors and aliases may repeat at most 100,000 values, and no more "
    "than 10 times what the file writes"
)


class LineMapping(dict[Any, Any]):
    """A dict that remembers the line it and each of its keys started on (1-based)."""

    line: int | None = None
    key_lines: dict[str, int]

    def __init__(self) -> None:
        super().__init__()
        self.key_lines = {}


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_PARSE_DEPTH = 1_000  # levels a file may nest at all (libyaml 0.2.6's own bound)


class _Loader(_Base):  # type: ignore[misc]  # the base class is chosen at import time
    """PyYAML's safe parser (C-accelerated when libyaml is present): its events, resolver and
    scalar constructors; the values are built here (`_Reader`)."""


_Safe = yaml.constructor.SafeConstructor
_TAG = "tag:yaml.org,2002:"
_MERGE = object()  # the value of a `<<` key: mappings merged into the one holding it


def _construct_int(loader: Any, node: ScalarNode) -> Any:
    """An int, or a `LongNumber` past 20 digits (Python refuses to read 4,300)."""
    digits = node.value.replace("_", "").lstrip("+-")
    if len(digits) > LongNumber.DIGITS and ":" not in digits:
        return LongNumber(digits[2:] if digits[:2] in ("0x", "0o", "0b") else digits)
    return _Safe.construct_yaml_int(loader, node)


def _construct_timestamp(loader: Any, node: ScalarNode) -> Any:
    """Dates YAML recognises; an impossible one (2025-13-01) stays text for the validator."""
    try:
        return _Safe.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_SCALARS: dict[str, Callable[[Any, ScalarNode], Any]] = {
    _TAG + "null": _Safe.construct_yaml_null,
    _TAG + "bool": _Safe.construct_yaml_bool,
    _TAG + "int": _construct_int,
    _TAG + "float": _Safe.construct_yaml_float,
    _TAG + "timestamp": _construct_timestamp,
    _TAG + "value": lambda loader, node: node.value,  # a plain `=`: text
    _TAG + "merge": lambda loader, node: _MERGE,
}
_COLLECTION_TAGS = (None, "!", _TAG + "seq", _TAG + "map")
_STR = _TAG + "str"
_PENDING = object()  # an anchor whose value is still being read; a key not read yet
_SKIPPED = object()  # an anchor whose value the ladder's look-ahead passed over


class _Rebuild(Exception):
    """The ladder's look-ahead met an alias of a value it passed over: read again, building."""


_DROP = object()  # a key that is no field name: its value is read and dropped


class _Frame:
    """A list or mapping being built, and what is known of it so far."""

    __slots__ = ("anchor", "deep", "key", "key_line", "line", "merges", "size", "value", "written")

    def __init__(self, value: Any, line: int, anchor: str | None) -> None:
        self.value = value
        self.line = line
        self.anchor = anchor
        self.size = 1  # values, aliases expanded
        self.written = 1  # values as written
        self.deep = False  # holds a value nested too deep (not built)
        self.key: Any = _PENDING  # a mapping's key waiting for its value
        self.key_line = 0
        self.merges: list[tuple[Any, int]] = []


class _Reader:
    """Reads one YAML file: its sections one by one, each section's entries one by one."""

    def __init__(self, path: Path, label: str, data: bytes | None = None) -> None:
        self.path = path
        self.label = label
        self.data = data  # the file's bytes when they are not (yet) on disk: an edit's
        self.parser: Any = None
        self.anchors: dict[str, Any] = {}
        self.pending: list[tuple[int, str, str | None]] = []  # (line, message, hint)
        self.failed = False
        self.total_size = 0  # the file's values so far, aliases expanded
        self.total_written = 0
        self.exhausted = False  # the aliases have expanded too far: no more expansion
        self.resolved: dict[str, str] = {}  # the tags of short plain texts, once each
        self.build_all = False  # the ladder's look-ahead builds what it passes over

    # -- the document ---------------------------------------------------------------------

    def parts(self) -> Iterator[Section | Problem]:
        """`Section`s and `Problem`s in file order (see `validate.SectionStream`)."""
        try:
            with self._open() as stream:
                self.parser = _Loader(stream)
                try:
                    yield from self._document()
                finally:
                    self.parser.dispose()
        except (yaml.YAMLError, OSError) as err:
            yield self._problem(err)

    def _open(self) -> IO[bytes]:
        return io.BytesIO(self.data) if self.data is not None else self.path.open("rb")

    def _document(self) -> Iterator[Section | Problem]:
        parser = self.parser
        parser.get_event()  # the stream's start
        if parser.check_event(StreamEndEvent):  # nothing but blanks and comments
            yield Section(None, None, None)
            return
        parser.get_event()  # the document's start
        event = parser.peek_event()
        if _opens_plain(event, MappingStartEvent):
            parser.get_event()
            yield from self._sections()
            if self.failed:
                return
        else:
            value = self._value(0)
            yield from self._pending(None)
            yield Section(None, event.start_mark.line + 1, value)
        parser.get_event()  # the document's end
        after: Any = parser.get_event()
        if type(after) is DocumentStartEvent:
            raise yaml.composer.ComposerError(
                None,
                None,
                "found a second document (after ---): a dataset file holds one",
                cast(Any, after.start_mark),  # libyaml's Mark, typed as PyYAML's
            )

    def _sections(self) -> Iterator[Section | Problem]:
        parser = self.parser
        seen: set[Any] = set()
        while not parser.check_event(MappingEndEvent):
            line = parser.peek_event().start_mark.line + 1
            key = self._value(1)
            yield from self._pending(None)
            if key is _MERGE:
                key = "<<"
            if not _is_key(key):
                yield Problem(
                    self.label, f"a section name must be text, not {kind_of(key)}", line=line
                )
                self._value(1)
                continue
            if key in seen:
                yield Problem(
                    self.label,
                    f"section {quote(str(key))} appears twice in this file",
                    line=line,
                    hint="merge the two into one",
                )
            seen.add(key)
            if _opens_plain(parser.peek_event(), SequenceStartEvent):
                parser.get_event()
                items = self._items(str(key))
                yield Section(key, line, items)
                for left in items:  # what the validator left unread (the ladder, read ahead;
                    if self.failed and type(left) is Problem:  # an unknown section) but where
                        yield left  # the file stops making sense
                if self.failed:
                    return
            else:
                value = self._value(1)
                yield from self._pending(None)
                yield Section(key, line, value)
        parser.get_event()

    def _items(self, section: str) -> Iterator[Any]:
        """A section's entries, each built when asked for (with the problems met building it)."""
        parser = self.parser
        index = 0
        try:
            while not parser.check_event(SequenceEndEvent):
                value = self._value(2)
                if self.pending:
                    yield from self._pending(_entry_label(section, index, value))
                yield value
                index += 1
            parser.get_event()
        except (yaml.YAMLError, OSError) as err:
            self.failed = True
            yield self._problem(err)

    def _pending(self, entry: str | None) -> Iterator[Problem]:
        for line, message, hint in self.pending:
            yield Problem(self.label, message, line=line, entry=entry, hint=hint)
        self.pending.clear()

    # -- the ladder, ahead of the rest ---------------------------------------------------

    def ladder(self) -> Iterator[Section | Problem]:
        """The file's `grades` section alone, built whole (a ladder is a few grades), and the
        problems inside its entries; other sections are passed over unbuilt.

        What is wrong with the file elsewhere is for the main read (`parts`) to say: here it
        just ends the look-ahead. An alias in the ladder to an anchor in a section passed
        over makes it read again, building those sections this time.
        """
        for build in (False, True):
            self.anchors, self.pending, self.build_all = {}, [], build
            self.total_size = self.total_written = 0
            self.exhausted = False
            try:
                with self._open() as stream:
                    self.parser = _Loader(stream)
                    try:
                        found = self._find_ladder()
                    finally:
                        self.parser.dispose()
            except _Rebuild:
                continue
            except (yaml.YAMLError, OSError):
                return
            yield from found
            return

    def _find_ladder(self) -> list[Section | Problem]:
        parser = self.parser
        parser.get_event()  # the stream's start
        if parser.check_event(StreamEndEvent):
            return []
        parser.get_event()  # the document's start
        if not _opens_plain(parser.peek_event(), MappingStartEvent):
            return []
        parser.get_event()
        while not parser.check_event(MappingEndEvent):
            line = parser.peek_event().start_mark.line + 1
            key = self._value(1)
            self.pending.clear()
            if key != LADDER:
                self._pass_over()
                continue
            found: list[Section | Problem] = []
            if _opens_plain(parser.peek_event(), SequenceStartEvent):
                parser.get_event()
                entries: list[Any] = []
                while not parser.check_event(SequenceEndEvent):
                    value = self._value(2)
                    name = value.get("name") if isinstance(value, dict) else None  # a grade's id
                    found.extend(self._pending(_entry_label(LADDER, len(entries), {"id": name})))
                    entries.append(value)
                found.append(Section(LADDER, line, entries))
            else:
                value = self._value(1)
                found.extend(self._pending(None))
                found.append(Section(LADDER, line, value))
            return found
        return []

    def _pass_over(self) -> None:
        """Read past the next value without building it (unless `build_all`)."""
        event = self.parser.peek_event()
        if self.build_all or type(event) not in (SequenceStartEvent, MappingStartEvent):
            self._value(1)  # a scalar or an alias costs nothing to build
            self.pending.clear()
            return
        self.parser.get_event()
        if event.anchor is not None:
            self.anchors[event.anchor] = _SKIPPED
        self._skip(1, _SKIPPED)

    # -- values -------------------------------------------------------------------------

    def _value(self, depth: int) -> Any:
        """The next node's value, at `depth` levels below the document (bounded).

        A list or mapping read here had its fields bounded as they were read, against the
        file's budget too; it is not judged against that budget a second time, as a whole
        (a single alias is: it has no fields of its own).
        """
        value, size, written, deep = self._node(depth)
        value = self._bounded(value, size, written, deep, budget=written == 1)
        self.total_size += size
        self.total_written += written
        return value

    def _bounded(self, value: Any, size: int, written: int, deep: bool, budget: bool = True) -> Any:
        """`value`, or an `Oversized` stand-in when it is nested too deep or expands too far:
        past `MAX_EXPANSION` values and `EXPANSION_RATIO` times what is written, or (with
        `budget`) by aliases at all once the whole file has expanded that far."""
        if deep:
            return nested_too_deep(value)
        if size > written and (
            (size > MAX_EXPANSION and size > EXPANSION_RATIO * written)
            or (budget and self._over_budget())
        ):
            reason = f"that anchors and aliases expand to {size:,} values"
            return Oversized(kind_of(value), reason, _EXPANSION_HINT)
        return value

    def _over_budget(self) -> bool:
        """Whether the file's aliases have expanded too far (from then on, for good)."""
        if not self.exhausted:
            limit = max(MAX_EXPANSION, EXPANSION_RATIO * self.total_written)
            self.exhausted = self.total_size > limit
        return self.exhausted

    def _node(self, depth: int) -> tuple[Any, int, int, bool]:
        """Build the next node: its value, size (aliases expanded), values written, too deep.

        The hot loop of reading YAML (a million events for 10 MB): plain text takes the short
        ways, and anything unusual a method of its own.
        """
        get = self.parser.get_event
        anchors = self.anchors
        resolved = self.resolved
        stack: list[_Frame] = []
        frame: _Frame
        while True:
            event = get()
            kind = type(event)
            if kind is ScalarEvent:
                size = written = 1
                deep = False
                if event.tag is None:
                    value = event.value
                    if event.implicit[0]:  # plain: its tag from its text (cached when short)
                        tag = resolved.get(value)
                        if tag is None:
                            tag = self._resolve(value)
                        if tag != _STR:
                            value = self._scalar(event, tag)
                else:
                    value = self._scalar(event, event.tag)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, False)
            elif kind is AliasEvent:
                value, size, deep = self._alias(event)
                written = 1
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                if event.tag not in _COLLECTION_TAGS:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the tag {event.tag} is not supported", event.start_mark
                    )
                if depth + len(stack) < MAX_DEPTH:
                    line = event.start_mark.line + 1
                    if kind is MappingStartEvent:
                        mapping = LineMapping()
                        mapping.line = line
                        frame = _Frame(mapping, line, event.anchor)
                    else:
                        frame = _Frame([], line, event.anchor)
                    if event.anchor is not None:
                        anchors[event.anchor] = _PENDING
                    stack.append(frame)
                    continue
                value = Oversized("a list" if kind is SequenceStartEvent else "a mapping", "", "")
                written = self._skip(depth + len(stack))
                size, deep = 1, True
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, True)
            else:  # the end of a list or mapping
                frame = stack.pop()
                if frame.merges:
                    self._merge(frame)
                value, size, written, deep = frame.value, frame.size, frame.written, frame.deep
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, size, deep)
            if not stack:
                return value, size, written, deep
            parent = stack[-1]
            parent.written += written
            parent.size += size
            holder = parent.value
            if type(holder) is list:
                holder.append(value)
                if deep:
                    parent.deep = True
            elif parent.key is _PENDING:  # a key
                line = frame.line if kind is MappingEndEvent or kind is SequenceEndEvent else 0
                parent.key = value
                parent.key_line = line or event.start_mark.line + 1
                if type(value) is not str and not _is_key(value):
                    self.pending.append(
                        (parent.key_line, f"a field name must be text, not {kind_of(value)}", None)
                    )
                    parent.key = _DROP
            else:  # a key's value
                key = parent.key
                parent.key = _PENDING
                if (key in holder or type(key) is not str) and not self._unusual_key(
                    parent, key, value
                ):
                    continue
                if deep or size > written:
                    bounded = self._bounded(value, size, written, deep)
                    if bounded is not value:
                        parent.size += 1 - size
                        value = bounded
                holder[key] = value
                holder.key_lines[key if type(key) is str else str(key)] = parent.key_line

    def _resolve(self, value: str) -> str:
        tag: str = self.parser.resolve(ScalarNode, value, (True, False))
        if len(value) <= 32 and len(self.resolved) < 10_000:
            self.resolved[value] = tag
        return tag

    def _alias(self, event: Any) -> tuple[Any, int, bool]:
        found = self.anchors.get(event.anchor, None)
        if found is _SKIPPED:  # the ladder's look-ahead passed over its value
            raise _Rebuild
        if found is None or found is _PENDING:
            which = "undefined" if found is None else "recursive"
            raise yaml.composer.ComposerError(
                None, None, f"found {which} alias {quote(event.anchor)}", event.start_mark
            )
        entry: tuple[Any, int, bool] = found  # what _record stored for this anchor
        return entry

    def _unusual_key(self, frame: _Frame, key: Any, value: Any) -> bool:
        """Whether a key that is repeated or not text takes its value (after saying so)."""
        if key is _DROP:
            return False
        if key is _MERGE:
            frame.merges.append((value, frame.key_line))
            return False
        if key in frame.value:
            self.pending.append(
                (
                    frame.key_line,
                    f"key {quote(str(key))} appears twice in one entry",
                    "remove one of them",
                )
            )
        return True

    def _scalar(self, event: Any, tag: str) -> Any:
        if tag in ("!", _STR):
            return event.value
        construct = _SCALARS.get(tag)
        if construct is None:
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {tag} is not supported", event.start_mark
            )
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return construct(self.parser, node)

    def _skip(self, above: int, anchored: Any = None) -> int:
        """Read past a collection too deep to build (its start read), with `above` levels
        around it; the events it had. An anchor inside it stands for an `Oversized` value, or
        for `anchored`. Past `MAX_PARSE_DEPTH` levels the file is malformed, whichever parser
        reads it (libyaml 0.2.6 stops there itself; 0.2.5 and PyYAML's own parser do not)."""
        get = self.parser.get_event
        level, events = 1, 1
        while level:
            event = get()
            events += 1
            kind = type(event)
            if kind is SequenceStartEvent or kind is MappingStartEvent:
                level += 1
                if above + level > MAX_PARSE_DEPTH:
                    raise yaml.scanner.ScannerError(
                        None, None, "exceeded maximum nesting depth", event.start_mark
                    )
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                level -= 1
            if getattr(event, "anchor", None) is not None and kind is not AliasEvent:
                stand_in = Oversized("a value", "", "")
                self.anchors[event.anchor] = anchored or (stand_in, 1, True)
        return events

    def _merge(self, frame: _Frame) -> None:
        """Apply `<<: *base` (or a list of them): keys the mapping does not set itself."""
        mapping = frame.value
        own = set(mapping)
        for value, line in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    self.pending.append(
                        (line, f"'<<' must merge a mapping, not {kind_of(source)}", None)
                    )
                    continue
                for key, item in source.items():
                    if key not in own and key not in mapping:
                        mapping[key] = item
                        mapping.key_lines[str(key)] = line

    # -- problems -----------------------------------------------------------------------

    def _problem(self, err: Exception) -> Problem:
        if isinstance(err, OSError):
            return Problem(self.label, f"cannot be read: {_reason(err)}")
        if isinstance(err, yaml.reader.ReaderError):
            return _reader_problem(self.path, self.label, err, self.data)
        if isinstance(err, yaml.MarkedYAMLError):
            return _syntax_problem(self.label, err)
        return Problem(self.label, f"malformed YAML: {shorten(str(err), 200)}")


def _opens_plain(event: Any, kind: Any) -> bool:
    """Whether `event` starts a list or mapping (`kind`) with no anchor or tag: one that can
    be streamed, since no alias will ask for it whole."""
    return type(event) is kind and event.anchor is None and event.tag in _COLLECTION_TAGS


def _is_key(value: Any) -> bool:
    """Whether a value can name a field (text, a number, a date; not a list or mapping)."""
    return value is _MERGE or not isinstance(value, list | dict | Oversized)


def _entry_label(section: str, index: int, value: Any) -> str:
    ident = value.get("id") if isinstance(value, dict) else None
    return f"{section}[{shorten(ident) if isinstance(ident, str) and ident else index}]"


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def _syntax_problem(label: str, err: yaml.MarkedYAMLError) -> Problem:
    """A syntax error at the line where the broken construct starts, when it has one."""
    context, problem = err.context or "", err.problem or ""
    mark = err.problem_mark or err.context_mark
    hint = "check the indentation and quoting on that line"
    message = problem or context or "malformed YAML"
    if "maximum nesting depth" in problem:  # libyaml 0.2.6's bound, and `_skip`'s
        message, hint = f"nested more than {MAX_PARSE_DEPTH:,} levels deep", DEPTH_HINT
    elif isinstance(err, yaml.constructor.ConstructorError):  # a tag
        message = message.replace(_TAG, "!!")
        hint = "remove the tag: dataset values need none"
    elif err.context_mark is not None and err.problem_mark is not None:
        later = err.problem_mark.line + 1
        if context.startswith("while scanning a quoted scalar") and "end of stream" in problem:
            mark, message = err.context_mark, "the quoted text starting here is never closed"
            hint = 'close the quote (a quote inside the text is doubled, or written \\")'
        elif context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
            bracket = "[" if "sequence" in context else "{"
            mark = err.context_mark
            message = f"the {bracket} starting here is never closed ({problem} on line {later})"
            hint = "close the bracket, or quote the text if the bracket is part of it"
        elif context.startswith("while scanning a simple key"):
            mark, message = err.context_mark, f"{problem} after the key starting here"
    return Problem(
        label,
        f"malformed YAML: {message}",
        line=mark.line + 1 if mark is not None else None,
        hint=hint,
    )


def _reader_problem(
    path: Path, label: str, err: yaml.reader.ReaderError, data: bytes | None = None
) -> Problem:
    """A byte that is not UTF-8, or a control character, at its line and column."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
    character = err.character
    code = ord(character) if isinstance(character, str) else int(character)
    if "control" not in err.reason:  # the encoding: the first byte that is not UTF-8
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line, column = _position(data, bad.start)
            return Problem(
                label,
                f"cannot be read: not UTF-8 (byte 0x{data[bad.start]:02x} at column {column})",
                line=line,
                hint="save the file as UTF-8",
            )
    elif code < 0x110000 and not 0xD800 <= code < 0xE000:
        at = data.find(chr(code).encode("utf-8"))
        if at >= 0:
            line, column = _position(data, at)
            return Problem(
                label,
                f"malformed YAML: control character U+{code:04X} is not allowed (column {column})",
                line=line,
                hint="remove it (inside double quotes it may be written as an escape, \\x01)",
            )
    return Problem(label, f"cannot be read: {err.reason}", hint="save the file as UTF-8")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (1-based, in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def read_yaml(path: Path, label: str, text: str | None = None) -> Document:
    """A YAML file as a Document read as it is used (nothing is read until then); its ladder
    is looked for ahead of the rest only in a file that may declare one. `text`: the file's
    contents to read instead of what is on disk (an edit validated before it is written)."""
    data = text.encode("utf-8") if text is not None else None
    parts = _Lazy(lambda: _Reader(path, label, data).parts())
    ladder = _Lazy(
        lambda: (
            _Reader(path, label, data).ladder()
            if (
                _LADDER_KEY.search(data) is not None
                if data is not None
                else _may_declare_ladder(path)
            )
            else iter(())
        )
    )
    return Document(label, SectionStream(parts, ladder))


_LADDER_KEY = re.compile(rb"""grades['"]?[ \t]*:""")


def _may_declare_ladder(path: Path) -> bool:
    """Whether the file's bytes hold `grades:` anywhere (searched without reading the file
    into memory): only such a file is read ahead for its ladder."""
    try:
        with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return _LADDER_KEY.search(m) is not None
    except (OSError, ValueError):  # unreadable, or empty: the main read says what it is
        return False


class _Lazy:
    """An iterable that makes its iterator only when iterated (the file is opened then)."""

    def __init__(self, make: Callable[[], Iterator[Any]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[Any]:
        return self.make()


def seed_path() -> Path:
    """Where the bundled seed dataset lives: inside the installed package, or the checkout."""
    packaged = Path(__file__).resolve().parents[1] / "_seed"  # placed there by the wheel build
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def default_data_path() -> Path:
    """`$SCENARIOS_DATA` if set, else the seed dataset."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else seed_path()


def dataset_files(path: Path) -> tuple[list[Path], list[Problem]]:
    """The YAML and bulk files of the dataset at `path` in a stable order, and the problems
    met finding them (see `scenarios.dataset.walk`)."""
    root = path if path.is_dir() else path.parent
    return walk.dataset_files(path, DATA_SUFFIXES, lambda file: file_label(file, root))


def load_dataset(
    path: Path | None = None,
    *,
    warnings: Warnings | None = None,
    texts: Mapping[Path, str] | None = None,
    name: str | None = None,
) -> Dataset:
    """Read and validate the dataset at `path` (default: `default_data_path()`).

    With `warnings`, what is valid but doubtful is appended to it (`validate.build_dataset`).
    `texts`: YAML files' contents to use instead of what is on disk (files not written yet
    included), so an edit is validated before anything is written (`dataset.edit`). `name`:
    what messages call the dataset's directory (`HEAD~1:data`) instead of its path.
    """
    path = path if path is not None else default_data_path()
    label_root = path if path.is_dir() else path.parent
    texts = texts or {}
    if not path.exists():
        raise DataError(
            [
                Problem(
                    str(path),
                    "no such file or directory",
                    hint=f"point --data or ${DATA_ENV} at a dataset directory",
                )
            ]
        )
    files, problems = dataset_files(path)
    extra = {f for f in texts if _within(f, path)} - set(files)
    if extra:  # files an edit adds (not written yet)
        files = sorted({*files, *extra})
    if not files and not problems:
        raise DataError(
            [
                Problem(
                    str(path),
                    "contains no .yaml, .csv or .jsonl files",
                    hint="see docs/data-format.md",
                )
            ]
        )
    labels = {
        file: _named(name, file.relative_to(label_root)) if name else file_label(file, label_root)
        for file in files
    }
    unnamed = {
        file: problem
        for file in files
        if bulk.is_bulk(file) and (problem := bulk.name_problem(file, labels[file])) is not None
    }
    if len(unnamed) > MANY_UNNAMED:
        examples = ", ".join(labels[file] for file in list(unnamed)[:3])
        problems.append(
            Problem(
                str(path),
                f"{len(unnamed):,} files here name no section (e.g. {examples})",
                hint="is this a dataset directory? bulk files are named after their section, "
                "e.g. links.csv (docs/data-format.md)",
            )
        )
    else:
        problems.extend(unnamed.values())
    documents = (
        bulk.read_document(file, labels[file])
        if bulk.is_bulk(file)
        else read_yaml(file, labels[file], texts.get(file))
        for file in files
        if file not in unnamed
    )
    with gc_paused():
        return build_dataset(documents, origin=str(path), problems=problems, warnings=warnings)


def _named(name: str, relative: Path) -> str:
    return f"{name}{'' if name.endswith(':') else '/'}{relative.as_posix()}"


def _within(file: Path, path: Path) -> bool:
    return file == path or (path.is_dir() and file.suffix in YAML_SUFFIXES and path in file.parents)


def dataset_of(file: Path) -> Path | None:
    """The directory `file` is part of a dataset in: its own, when that holds other dataset
    files beside it (`scenarios validate FILE` checks FILE there); None for a file alone."""
    if not file.is_file():
        return None
    directory = file.parent
    files, _ = dataset_files(directory)
    try:
        same = [other for other in files if other.samefile(file)]
    except OSError:
        return None
    return directory if same and len(files) > 1 else None


def file_label(file: Path, root: Path) -> str:
    """How problems name `file` of the dataset at `root`: relative to the working directory
    when it is below it, else from the dataset directory's name."""
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(Path(root.name) / file.relative_to(root))
        except ValueError:
            return str(file)
