"""Bulk data files, CSV and JSON Lines, beside the YAML: read as streams of rows, and written.

A bulk file's name says its section: the last dot-separated part of its stem, so `links.csv`,
`2024-q1.links.csv` and `links.jsonl` hold links (docs/data-format.md, "Bulk files"). Rows are
handed to `scenarios.dataset.validate` one at a time as `Row` mappings carrying their line, so a
million links are never held as text or mappings all at once, and every problem is reported
with the file, line, entry and field, exactly as in YAML.

- **CSV** (`actors`, `links`, `evidence`, `speakers`, `programmes`): a header row naming the
  fields, then one entry per row. An empty cell is an absent field; `strength` and
  `confidence` are numbers (`confidence` may name a grade instead); list fields (`aliases`)
  are `;`-separated. A link's evidence is in `evidence.csv`, one row per item, naming its
  link in a `link` column.
- **JSON Lines** (every section, `evidence` too): one JSON object per line with the fields of
  the YAML format, lists as JSON lists and evidence nested or as rows of its own.

Reading never raises for bad content: malformed lines become `Problem`s yielded in their place.
A line that is not UTF-8 is one problem at its line and column; the other lines are still read.
"""

from __future__ import annotations

import collections
import csv
import functools
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from scenarios.dataset.validate import (
    ACTOR_KEYS,
    BULK_SECTIONS,
    EVIDENCE_ROW_KEYS,
    LINK_KEYS,
    MAX_DEPTH,
    PROGRAMME_KEYS,
    SPEAKER_KEYS,
    Chunk,
    Document,
    LongNumber,
    Row,
    deeper_than,
    did_you_mean,
    kind_of,
    nested_too_deep,
)
from scenarios.errors import Problem, quote

CSV_SUFFIX = ".csv"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
BULK_SUFFIXES = (CSV_SUFFIX, *JSONL_SUFFIXES)
LIST_SEPARATOR = ";"

# CSV columns, in the order `write_csv` writes them; each section's fields minus nested ones
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "kind", "name_ja", "aliases", "affiliation", "description"),
    "links": (
        "id",
        "source",
        "target",
        "type",
        "strength",
        "confidence",
        "date",
        "label",
        "note",
        "background",
    ),
    "evidence": (
        "link",
        "text",
        "speaker",
        "programme",
        "date",
        "cites",
        "grade",
        "locator",
        "url",
        "accessed",
    ),
    "speakers": ("id", "name", "name_ja", "role"),
    "programmes": ("id", "title", "date", "title_ja", "publisher"),
}
assert set(CSV_COLUMNS["actors"]) == ACTOR_KEYS
assert set(CSV_COLUMNS["links"]) == LINK_KEYS - {"evidence"}
assert set(CSV_COLUMNS["evidence"]) == EVIDENCE_ROW_KEYS
assert set(CSV_COLUMNS["speakers"]) == SPEAKER_KEYS
assert set(CSV_COLUMNS["programmes"]) == PROGRAMME_KEYS
REQUIRED_COLUMNS = {
    "actors": ("id", "name", "kind"),
    "links": ("id", "source", "target", "type", "strength", "confidence"),
    "evidence": ("link", "text"),
    "speakers": ("id", "name"),
    "programmes": ("id", "title", "date"),
}
NUMBER_COLUMNS = frozenset({"strength", "confidence"})
LIST_COLUMNS = frozenset({"aliases"})


def section_of(path: Path) -> str:
    """The section a bulk file holds, from its name: `a.b.links.csv` -> `links`."""
    return path.name[: -len(path.suffix)].rsplit(".", 1)[-1]


def is_bulk(path: Path) -> bool:
    return path.suffix in BULK_SUFFIXES


def name_problem(path: Path, label: str) -> Problem | None:
    """A problem if the file's name names no section its format can hold."""
    section = section_of(path)
    allowed = tuple(CSV_COLUMNS) if path.suffix == CSV_SUFFIX else BULK_SECTIONS
    if section in allowed:
        return None
    return Problem(
        label,
        f"names no section: {quote(section)} is not one of {', '.join(allowed)}",
        hint=did_you_mean(section, allowed)
        or f"name a bulk file after its section: links{path.suffix}, 2024.links{path.suffix}",
    )


def read_document(path: Path, label: str) -> Document:
    """A bulk file as a Document whose one section streams its rows (and problems)."""
    section = section_of(path)
    if path.suffix == CSV_SUFFIX:
        return Document(label, {section: _csv_rows(path, label, section)}, sections=BULK_SECTIONS)
    return Document(label, {section: _jsonl_rows(path, label)}, sections=BULK_SECTIONS)


# -- reading CSV ------------------------------------------------------------------------------


def _open(path: Path, label: str, binary: bool = False) -> tuple[IO[Any] | None, Problem | None]:
    try:
        if binary:
            return path.open("rb"), None
        return path.open(encoding="utf-8-sig", newline=""), None
    except OSError as err:
        return None, Problem(label, f"cannot be read: {(err.strerror or str(err)).lower()}")


class _Lines:
    """A binary file's lines decoded one by one, noting each that is not UTF-8.

    A bad line is decoded with its bad bytes kept as escapes (so a CSV reader still finds
    where its row ends) and `bad[line]` says where the first bad byte is; the rows it
    belongs to are reported instead of read.
    """

    def __init__(self, stream: IO[bytes], label: str) -> None:
        self.stream = stream
        self.label = label
        self.bad: dict[int, Problem] = {}  # line -> its problem
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            self.number += 1
            raw = line[3:] if self.number == 1 and line.startswith(b"\xef\xbb\xbf") else line
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as err:
                self.bad[self.number] = _not_utf8(self.label, self.number, raw, err.start)
                yield raw.decode("utf-8", "surrogateescape")

    def problem(self, first: int, last: int) -> Problem | None:
        """A problem if any of lines `first`..`last` is not UTF-8."""
        bad = self.bad
        if not bad:
            return None
        return next((bad[line] for line in range(first, last + 1) if line in bad), None)


def _not_utf8(label: str, line: int, raw: bytes, start: int) -> Problem:
    """The problem of a line whose bytes from `start` are not UTF-8."""
    column = len(raw[:start].decode("utf-8", "replace")) + 1
    return Problem(
        label,
        f"cannot be read: not UTF-8 (byte 0x{raw[start]:02x} at column {column})",
        line=line,
        hint="save the file as UTF-8",
    )


def _number(text: str) -> float | str | LongNumber:
    """A number cell as a float; anything else stays text, for the validator to report."""
    digits = text.strip().lstrip("+-")
    if len(digits) > LongNumber.DIGITS and digits.isdigit():
        return LongNumber(digits)  # not inf: the message says how long it is
    try:
        return float(text)
    except ValueError:
        return text


# links.csv is read in chunks of rows checked a column at a time (scenarios.dataset.validate.Chunk)
CHUNKED_SECTIONS = frozenset({"links"})
CHUNK_ROWS = 50_000


def _csv_rows(path: Path, label: str, section: str) -> Iterator[Row | Chunk | Problem]:
    stream, problem = _open(path, label)
    if stream is None:
        assert problem is not None
        yield problem
        return
    with stream:
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader, None)
        except UnicodeDecodeError:  # read it again, line by line, to say where
            stream.close()
            yield from _lenient_csv(path, label, section)
            return
        except csv.Error as err:
            yield _unreadable(label, err, 1)
            return
        if header is None:
            yield Problem(label, "file is empty", hint="start with a header row naming the fields")
            return
        cells_to_row, problems = _row_maker(label, section, header)
        yield from problems
        if cells_to_row is None:
            return
        if problems or section not in CHUNKED_SECTIONS:
            yield from _rows(reader, cells_to_row, label, path)
            return
        yield from _chunks(path, reader, cells_to_row, label)


def _row_maker(
    label: str, section: str, header: list[str]
) -> tuple[_RowMaker | None, list[Problem]]:
    """What makes the rows under `header` (None: the header is malformed), and its problems."""
    columns, problems = _header(label, section, header)
    if any(p.message.startswith("malformed") for p in problems):
        return None, problems
    return _RowMaker(columns, len(header), label), problems


def _lenient_csv(path: Path, label: str, section: str) -> Iterator[Row | Problem]:
    """A CSV file read line by line, each line not UTF-8 a problem (the slow, careful way)."""
    return _rows_after(path, 0, None, label, section)


class _RowMaker:
    """One CSV row's cells -> a `Row` (or a Problem): skipped columns, empty cells, numbers."""

    def __init__(self, columns: list[str | None], width: int, label: str) -> None:
        self.columns = columns
        self.names = [c if c is not None else f"\0{i}" for i, c in enumerate(columns)]
        self.skipped = [n for n, c in zip(self.names, columns, strict=True) if c is None]
        self.numbers = [c for c in columns if c in NUMBER_COLUMNS]
        self.lists = [c for c in columns if c in LIST_COLUMNS]
        self.parsed: dict[str, float | str | LongNumber] = {}  # each number's text parsed once
        self.width = width
        self.label = label

    def __call__(self, cells: list[str], line: int) -> Row | Problem | None:
        """None: a blank line."""
        if len(cells) != self.width:
            if not any(cells):
                return None
            return Problem(
                self.label,
                f"has {len(cells)} cells, the header has {self.width}",
                line=line,
                hint="quote cells that contain commas or line breaks",
            )
        row = Row(zip(self.names, cells, strict=True))
        row.line = line
        for name in self.skipped:
            del row[name]
        if "" in cells:
            for name in [n for n, v in row.items() if v == ""]:
                del row[name]
        parsed = self.parsed
        for name in self.numbers:
            text = row.get(name)
            if text is not None:
                value = parsed.get(text)
                if value is None:
                    value = parsed[text] = _number(text)
                row[name] = value
        for name in self.lists:
            text = row.get(name)
            if text is not None:
                row[name] = _split(text)
        return row


def _rows(
    reader: Any,
    cells_to_row: _RowMaker,
    label: str,
    path: Path | None,
    lines: _Lines | None = None,
) -> Iterator[Row | Problem]:
    """The rest of the file, row by row.

    `path`: where to read the file again, line by line, if it turns out not to be UTF-8;
    `lines`: the line-by-line reader this one reads from (then a bad line is a problem).
    """
    end = reader.line_num
    done = 0
    try:
        for cells in reader:
            done += 1
            start, end = end + 1, reader.line_num
            bad = lines.problem(start, end) if lines is not None else None
            row = bad or cells_to_row(cells, start)
            if row is not None:
                yield row
    except UnicodeDecodeError:
        assert path is not None  # a `_Lines` reader never raises it
        yield from _rows_after(path, done, cells_to_row, label)
    except csv.Error as err:  # the row that starts after the last one read is malformed
        yield _unreadable(label, err, end + 1)


def _unreadable(label: str, err: Exception, line: int) -> Problem:
    return Problem(
        label,
        f"malformed CSV: {err}",
        line=line,
        hint="check the quoting on that line; nothing after it was read",
    )


def _chunks(
    path: Path, reader: Any, cells_to_row: _RowMaker, label: str
) -> Iterator[Chunk | Row | Problem]:
    """The rest of the file as Chunks of up to CHUNK_ROWS rows (a header without problems)."""
    names = [c for c in cells_to_row.columns if c is not None]
    width = cells_to_row.width
    end = reader.line_num
    done = 0  # rows (blank ones too) handed out so far
    while True:
        try:
            rows = list(itertools.islice(reader, CHUNK_ROWS))
        except (csv.Error, UnicodeDecodeError):
            # a chunk's rows before the bad one must still be checked: read them again, one
            # by one, up to the error (rare: this file cannot be used anyway)
            yield from _rows_after(path, done, cells_to_row, label)
            return
        if not rows:
            return
        done += len(rows)
        start, end = end + 1, reader.line_num
        lines = _row_lines(rows, start, end)
        widths = set(map(len, rows))
        if 0 in widths and widths <= {0, width}:  # blank lines: drop them
            kept = [(cells, line) for cells, line in zip(rows, lines, strict=True) if cells]
            rows, lines = [cells for cells, _ in kept], [line for _, line in kept]
            widths.discard(0)
        if widths == {width}:
            yield Chunk(
                dict(zip(names, zip(*rows, strict=True), strict=True)),
                lines,
                functools.partial(_rows_of, rows, lines, cells_to_row),
            )
        elif rows:
            yield from _rows_of(rows, lines, cells_to_row)


def _rows_of(
    rows: list[list[str]], lines: Sequence[int], cells_to_row: _RowMaker
) -> Iterator[Row | Problem]:
    for cells, line in zip(rows, lines, strict=True):
        row = cells_to_row(cells, line)
        if row is not None:
            yield row


def _row_lines(rows: list[list[str]], start: int, end: int) -> Sequence[int]:
    """The line each row starts on, given the chunk's first and last line."""
    if end - start + 1 == len(rows):  # no cell spans lines: one row a line
        return range(start, end + 1)
    lines: list[int] = []
    line = start
    for cells in rows:
        lines.append(line)
        line += 1
        for cell in cells:
            if "\n" in cell or "\r" in cell:  # line breaks as a file's lines count them
                line += cell.count("\n") + cell.count("\r") - cell.count("\r\n")
    return lines


def _rows_after(
    path: Path,
    skip: int,
    cells_to_row: _RowMaker | None,
    label: str,
    section: str = "",
) -> Iterator[Row | Problem]:
    """The file's rows after the header and `skip` rows, one by one, reopened and read line by
    line: a line that is not UTF-8 is a problem at its line. Without `cells_to_row`, the
    header is read (for `section`) as well."""
    stream, problem = _open(path, label, binary=True)
    if stream is None:
        assert problem is not None
        yield problem
        return
    with stream:
        lines = _Lines(stream, label)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader, None)
            collections.deque(itertools.islice(reader, skip), maxlen=0)
        except csv.Error as err:
            yield _unreadable(label, err, reader.line_num)
            return
        if cells_to_row is None:  # the header too
            bad = lines.problem(1, reader.line_num)
            if bad is not None or header is None:
                yield bad or Problem(label, "file is empty", hint="start with a header row")
                return
            cells_to_row, problems = _row_maker(label, section, header)
            yield from problems
            if cells_to_row is None:
                return
        yield from _rows(reader, cells_to_row, label, None, lines)


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR)]


def _header(label: str, section: str, header: list[str]) -> tuple[list[str | None], list[Problem]]:
    """The field of each column (None: skipped) and the header's problems."""
    allowed = CSV_COLUMNS[section]
    problems: list[Problem] = []
    columns: list[str | None] = []
    seen: set[str] = set()
    for name in header:
        column = name.strip()
        if column not in allowed:
            problems.append(
                Problem(
                    label,
                    "unknown field",
                    line=1,
                    field=column,
                    hint=did_you_mean(column, allowed) or f"allowed: {', '.join(allowed)}",
                )
            )
            columns.append(None)
        elif column in seen:
            problems.append(
                Problem(label, "column appears twice in the header", line=1, field=column)
            )
            columns.append(None)
        else:
            seen.add(column)
            columns.append(column)
    missing = [column for column in REQUIRED_COLUMNS[section] if column not in seen]
    if missing:  # every row would fail the same way: one problem, and the rows are not read
        problems.append(
            Problem(
                label,
                f"malformed CSV header: no {', '.join(repr(c) for c in missing)} column; "
                f"every entry of {section} needs one",
                line=1,
                hint=f"the {section} columns are: {', '.join(allowed)} (a header row first)",
            )
        )
    return columns, problems


# -- reading JSON Lines -----------------------------------------------------------------------


def _jsonl_rows(path: Path, label: str) -> Iterator[Any]:
    stream, problem = _open(path, label, binary=True)
    if stream is None:
        assert problem is not None
        yield problem
        return
    duplicates: list[str] = []

    def mapping(pairs: list[tuple[str, Any]]) -> Row:
        row = Row(pairs)
        row.line = number
        if len(row) != len(pairs):
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            duplicates.extend(key for key, n in counts.items() if n > 1)
        return row

    decode = json.JSONDecoder(object_pairs_hook=mapping, parse_int=_json_int).decode
    number = 0
    entries = 0
    with stream:
        for number, raw in enumerate(stream, start=1):  # `mapping` reads `number`
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                entries += 1
                yield _not_utf8(label, number, raw, err.start)
                continue
            if number == 1:
                text = text.removeprefix("\ufeff")  # a byte-order mark
            if not text.strip():
                continue
            entries += 1
            try:
                value = decode(text.rstrip("\r\n"))  # errors at a line's end name its column
            except json.JSONDecodeError as err:
                yield Problem(
                    label,
                    f"malformed JSON: {err.msg} (column {err.colno})",
                    line=number,
                    hint="each line must be one JSON object",
                )
                continue
            except RecursionError:
                yield Problem(
                    label,
                    f"nested more than {MAX_DEPTH} levels deep",
                    line=number,
                    hint="each line must be one JSON object, nested as in the YAML format",
                )
                continue
            for key in duplicates:
                yield Problem(
                    label,
                    f"key {quote(key)} appears twice in one entry",
                    line=number,
                    hint="remove one of them",
                )
            duplicates.clear()
            if not isinstance(value, Row):
                yield Problem(
                    label,
                    f"must be a mapping of fields, not {kind_of(value)}",
                    line=number,
                    hint="each line must be one JSON object",
                )
                continue
            if text.count("[") + text.count("{") > _ENTRY_DEPTH:  # else it cannot nest so deep
                for key, field in value.items():
                    if isinstance(field, list | Row) and deeper_than(field, _ENTRY_DEPTH):
                        value[key] = nested_too_deep(field)
            yield value
    if not entries:
        yield Problem(label, "file is empty", hint="write one JSON object per line, or delete it")


_ENTRY_DEPTH = MAX_DEPTH - 3  # a JSON line is an entry: in YAML, 2 levels below the top


def _json_int(text: str) -> int | LongNumber:
    """An integer of a JSON line; a `LongNumber` past 20 digits (Python refuses 4,300)."""
    if len(text) > LongNumber.DIGITS + 1 and len(text.lstrip("-")) > LongNumber.DIGITS:
        return LongNumber(text.lstrip("-"))
    return int(text)


# -- writing ------------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """A field's value as a CSV cell (the inverse of reading it)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def csv_lines(
    section: str, entries: Iterable[dict[str, Any]], columns: tuple[str, ...]
) -> Iterator[str]:
    """CSV text of `entries` (mappings in the data format) with the given columns, line by line."""
    allowed = CSV_COLUMNS[section]
    if not set(columns) <= set(allowed):
        raise ValueError(f"not {section} columns: {sorted(set(columns) - set(allowed))}")
    buffer = _LineBuffer()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    yield buffer.take()
    for entry in entries:
        writer.writerow([csv_cell(entry.get(column)) for column in columns])
        yield buffer.take()


def jsonl_lines(entries: Iterable[dict[str, Any]]) -> Iterator[str]:
    """JSON Lines text of `entries`, line by line (keys in the entries' order)."""
    for entry in entries:
        yield json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"


class _LineBuffer:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text
