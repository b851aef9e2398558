"""Raw mappings (from YAML, bulk files or Neo4j records) -> a validated `Dataset`, or every problem.

The readers hand over plain Python values; a mapping may carry `line` and `key_lines`
attributes (see `loader.LineMapping`, `Row`) so problems can name the line. Nothing here reads
files.

Bulk files hold up to millions of links, so the link and actor parsers first try a fast path
that accepts only entries the full checks would accept, and build the same objects; anything
else (a bad value, an unusual type, nested evidence) takes the full path, which reports each
problem with its file, line, entry and field. Either way the result is the same.
"""

from __future__ import annotations

import difflib
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from typing import Any, NamedTuple, TypeVar

from scenarios.dataset.fields import ACTORS_OR_LINKS, keys
from scenarios.errors import QUOTE_LIMIT, DataError, Problem, quote, shorten
from scenarios.model import (
    DEFAULT_GRADES,
    SLUG,
    Actor,
    Dataset,
    Evidence,
    Grade,
    Link,
    LinkChange,
    LinkRemoval,
    Observation,
    Period,
    Programme,
    Scenario,
    Signpost,
    Speaker,
    ladder_text,
    make_link,
    on_ladder,
)
from scenarios.vocab import ActorKind, LinkRole, LinkType

SECTIONS = ("actors", "links", "scenarios", "speakers", "programmes", "signposts")
BULK_SECTIONS = (*SECTIONS, "evidence")  # bulk files may hold link evidence as rows of its own
LADDER = "grades"  # the confidence ladder: read before every other section, YAML only
YAML_SECTIONS = (*SECTIONS, LADDER)
MAX_PROBLEMS_PER_FILE = 1_000  # beyond this, a file's problems are counted, not listed
MAX_SUGGESTIONS = 100  # "did you mean" for the first unknown ids only (each scans every id)

# each section's fields: the one table the editors (`add`, `edit`, `pull`) share
ACTOR_KEYS = keys("actors")
LINK_KEYS = keys("links")
EVIDENCE_KEYS = keys("evidence")
EVIDENCE_ROW_KEYS = EVIDENCE_KEYS | {"link"}  # an evidence row of a bulk file names its link
_FLAT_LINK_KEYS = LINK_KEYS - {"evidence"}
SCENARIO_KEYS = keys("scenarios")
CHANGE_KEYS = keys("changes")
GRADE_KEYS = keys("grades")
REMOVAL_KEYS = keys("removes")
LEGACY_SIGNPOST_KEYS = keys("scenario_signposts")  # in a scenario
SIGNPOST_KEYS = keys("signposts")
# an observation of a signpost is evidence-like, dated twice: when it happened, when reported
OBSERVATION_KEYS = keys("observations")
RAISED_BY_KEYS = EVIDENCE_KEYS  # who proposed watching a signpost: an evidence item
BEARS_ON = ACTORS_OR_LINKS  # what a signpost's `bears_on` names: an actor id or a link id
SPEAKER_KEYS = keys("speakers")
PROGRAMME_KEYS = keys("programmes")
# the documented values, listed once: building them per entry cost ~20 us each (Enum lookups)
KIND_VALUES = tuple(kind.value for kind in ActorKind)
TYPE_VALUES = tuple(link_type.value for link_type in LinkType)
_KIND_BY_VALUE = {kind.value: kind for kind in ActorKind}
_TYPE_BY_VALUE = {link_type.value: link_type for link_type in LinkType}
# link types that work against their ends: they never make a scenario's connection
URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)

T = TypeVar("T")
_MISSING = object()


@dataclass
class Document:
    """One parsed input file: its label for messages and its top-level value.

    A section's entries are a list, or (from a bulk file) an iterator that yields them one by
    one, and may yield a `Problem` the reader found at that point (a malformed line).
    """

    file: str
    value: Any
    line: int | None = None
    sections: tuple[str, ...] = YAML_SECTIONS


class Section(NamedTuple):
    """One top-level key of a streamed document and its value (a list may be an iterator).

    `name` None: the document's value is `items` as a whole, not a mapping of sections.
    """

    name: str | None
    line: int | None
    items: Any


class SectionStream:
    """A document read as it is used: its sections one by one, and the problems met on the way.

    The YAML reader hands a file over as one of these so that a section's entries are parsed
    and validated one at a time and never held all at once; iterating yields `Section`s and
    `Problem`s, in file order. `ladder` yields the file's `grades` section alone (and the
    problems inside its entries), read ahead of the rest: links name their grades, so the
    ladder is known before any section is parsed; iterating passes over it.
    """

    __slots__ = ("ladder", "parts")

    def __init__(
        self, parts: Iterable[Section | Problem], ladder: Iterable[Section | Problem] = ()
    ) -> None:
        self.parts = parts
        self.ladder = ladder

    def __iter__(self) -> Iterator[Section | Problem]:
        return iter(self.parts)


class LongNumber:
    """An integer too long to be a number here (more than `DIGITS` digits), kept as its text.

    Python refuses to turn text of more than 4,300 digits into an int, and a float cannot
    hold 400; the readers hand such a number over as this, and the validator says how long
    it is.
    """

    DIGITS = 20
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    @property
    def digits(self) -> int:
        return sum(c.isdigit() for c in self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LongNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __str__(self) -> str:
        return f"a {self.digits:,}-digit number"

    __repr__ = __str__


class Oversized:
    """A value a reader refused to hand over whole: nested too deep, or expanded by aliases.

    It stands in for the value of one field, so the validator can say which field holds it
    and what it should have been (`must be text, not a list nested more than 64 levels
    deep`).
    """

    __slots__ = ("hint", "kind", "reason")

    def __init__(self, kind: str, reason: str, hint: str) -> None:
        self.kind = kind  # as `kind_of` says it: "a list", "a mapping"
        self.reason = reason  # "nested more than 64 levels deep"
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.kind} {self.reason}"

    __repr__ = __str__


MAX_DEPTH = 64  # levels of nesting a value may have, from the file's top (the format needs 7)
DEPTH_HINT = f"the format nests at most 7 levels; values deeper than {MAX_DEPTH} are not read"


def nested_too_deep(value: Any) -> Oversized:
    """The stand-in for a value nested more than `MAX_DEPTH` levels deep."""
    return Oversized(_kind(value), f"nested more than {MAX_DEPTH} levels deep", DEPTH_HINT)


def deeper_than(value: Any, levels: int) -> bool:
    """Whether lists and mappings nest in `value` more than `levels` deep (no recursion)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > levels:
            return True
        for child in item.values() if isinstance(item, Mapping) else item:
            if isinstance(child, list | Mapping):
                pending.append((child, depth + 1))
    return False


def quoted_key(key: Any) -> str:
    """A mapping key as a field name in messages: its text, or what it is."""
    return shorten(key) if isinstance(key, str) else shorten(str(key))


class Row(dict[str, Any]):
    """One entry read from a bulk file: a plain mapping and the line it starts on."""

    __slots__ = ("line",)
    line: int


class Chunk:
    """Consecutive rows of a well-formed bulk CSV file, as columns of cells (`""`: empty).

    The links parser checks a chunk a whole column at a time and builds its links at once;
    if any column fails, it parses `rows()`, the same rows as `Row`s, one by one, so every
    problem is reported exactly as without chunks.
    """

    __slots__ = ("columns", "lines", "rows")

    def __init__(
        self,
        columns: dict[str, Sequence[str]],
        lines: Sequence[int],
        rows: Callable[[], Iterable[Row | Problem]],
    ) -> None:
        self.columns = columns
        self.lines = lines  # where each row starts
        self.rows = rows


class _Reference(NamedTuple):  # not a frozen dataclass: a bulk read makes 100,000 of them
    """An id one entry uses that must be defined elsewhere; checked once all files are read."""

    what: str  # the section it must be defined in: actors, links, speakers, programmes
    ident: str
    file: str
    line: int | None
    entry: str
    field: str


@dataclass
class _Problems:
    """Everything one validation run collects, and the lookups its parsers share."""

    items: list[Problem] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)
    # ids of the entries parsed so far, by section: a reference to one needs no later check
    known: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SECTIONS})
    per_file: Counter[str] = field(default_factory=Counter)
    # the fast path's lookups: each valid id once (shared by every link naming it), dates
    slugs: dict[str, str] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    # the chunk parsers' lookups: each distinct cell's value (an empty date cell: undated)
    units: dict[str, float] = field(default_factory=dict)
    dates: dict[str, Period | None] = field(default_factory=lambda: {"": None})
    # the confidence ladder in force (declared, else the default): grade name -> value
    ladder: tuple[Grade, ...] = DEFAULT_GRADES
    grades: dict[str, float] = field(default_factory=lambda: _values(DEFAULT_GRADES))
    # signposts written in a scenario's old text form, converted (with where they came from)
    legacy_signposts: list[tuple[Signpost, str, int | None]] = field(default_factory=list)

    def add(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        entry: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.report(Problem(file, message, line, entry, field, hint))

    def report(self, problem: Problem) -> None:
        self.per_file[problem.file] += 1
        if self.per_file[problem.file] <= MAX_PROBLEMS_PER_FILE:
            self.items.append(problem)

    def unlisted(self) -> list[Problem]:
        """One summary problem for each file with more problems than were listed."""
        return [
            Problem(
                file,
                f"{count - MAX_PROBLEMS_PER_FILE:,} more problems not listed",
                hint="fix the ones above and validate again",
            )
            for file, count in self.per_file.items()
            if count > MAX_PROBLEMS_PER_FILE
        ]


def _values(ladder: Iterable[Grade]) -> dict[str, float]:
    return {grade.name: grade.value for grade in ladder}


def _line(raw: Any, key: str | None = None) -> int | None:
    if type(raw) is dict:  # a plain mapping (bulk files, Neo4j records) knows no lines
        return None
    if key is not None:
        lines = getattr(raw, "key_lines", None)
        if lines and key in lines:
            return int(lines[key])
    line = getattr(raw, "line", None)
    return int(line) if line is not None else None


def _did_you_mean(
    word: str, options: Iterable[str], names: Mapping[str, str] | None = None
) -> str | None:
    """Suggest the closest option; with `names` (name -> id) also match on names."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    if close:
        return f"did you mean {quote(close[0])}?"
    if names:
        by_name = difflib.get_close_matches(word.casefold(), sorted(names), n=1, cutoff=0.6)
        if by_name:
            return f"did you mean {quote(names[by_name[0]])}?"
    return None


class _Entry:
    """Reads one mapping's fields, recording a located problem for each bad one."""

    def __init__(
        self, problems: _Problems, file: str, label: str, raw: Any, allowed: frozenset[str]
    ) -> None:
        self.problems = problems
        self.file = file
        self.raw = raw
        self.ok = True
        self.label = label
        if not isinstance(raw, Mapping):
            self._fail(None, f"must be a mapping of fields, not {_kind(raw)}")
            self.raw = {}
            return
        ident = raw.get("id")
        if isinstance(ident, str) and ident:
            self.label = f"{label.rsplit('[', 1)[0]}[{shorten(ident)}]"
        for key in raw:
            if key not in allowed:
                name = quoted_key(key)
                self._fail(
                    name,
                    "unknown field",
                    hint=_did_you_mean(name, allowed) or f"allowed: {', '.join(sorted(allowed))}",
                )

    def _fail(self, key: str | None, message: str, hint: str | None = None) -> None:
        self.ok = False
        if key is not None:
            value = self.raw.get(key)
            if type(value) is Oversized:  # say how to write it instead
                hint = value.hint
        self.problems.add(
            self.file,
            message,
            line=_line(self.raw, key),
            entry=self.label,
            field=key,
            hint=hint,
        )

    def get(self, key: str, required: bool = False) -> Any:
        value = self.raw.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self._fail(key, "is required")
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self._fail(key, f"must be text, not {_described(value)}", hint="quote the value")
            return None
        if required and not value.strip():
            self._fail(key, "must not be empty")
            return None
        return value

    def slug(self, key: str, required: bool = False, refers_to: str | None = None) -> str | None:
        """An id; with `refers_to` (a section name) it must be defined there."""
        value = self.text(key, required)
        if value is not None and not SLUG.match(value):
            self._fail(
                key,
                f"{quote(value)} is not a valid id",
                hint="use lower-case letters, digits and single hyphens, e.g. 'wang-yi'",
            )
            return None
        if value is not None and refers_to is not None:
            self.refer(refers_to, value, key)
        return value

    def refer(self, what: str, ident: str, key: str) -> None:
        if ident not in self.problems.known.get(what, ()):  # else defined: nothing to check
            self.problems.references.append(
                _Reference(what, ident, self.file, _line(self.raw, key), self.label, key)
            )

    def unit(self, key: str, required: bool = False) -> float | None:
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._fail(key, f"must be a number in [0, 1], not {_described(value)}")
            return None
        if isinstance(value, int) and not -(10**LongNumber.DIGITS) < value < 10**LongNumber.DIGITS:
            # from a source that reads any int (YAML and JSON hand over a LongNumber): not
            # printed, and not a float (one of 309 digits is too large for one)
            self._fail(key, "must be a number in [0, 1], not one of more than 20 digits")
            return None
        number = float(value)
        if math.isnan(number) or not 0.0 <= number <= 1.0:
            self._fail(key, f"{value} is outside [0, 1]")
            return None
        return number

    def confidence(self, key: str, required: bool = False) -> tuple[float, str | None] | None:
        """A number in [0, 1] or the name of a grade of the ladder: (value, grade name)."""
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            number = self.unit(key, required)
            return None if number is None else (number, None)
        grade = self.problems.grades.get(value)
        if grade is not None:
            return grade, value
        self._fail(key, *_not_a_grade(value, self.problems))
        return None

    def grade(self, key: str) -> str | None:
        """The name of a grade of the ladder (an evidence item's `grade`)."""
        number = self.get(key)
        if isinstance(number, int | float) and not isinstance(number, bool):
            ladder = ", ".join(g.name for g in self.problems.ladder)
            self._fail(key, f"must name a grade, not a number {number}", hint=f"use: {ladder}")
            return None
        value = self.text(key)
        if value is None or value in self.problems.grades:
            return value
        self._fail(key, *_not_a_grade(value, self.problems, numbers=False))
        return None

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not URL.match(value.strip()):
            self._fail(
                key,
                f"{quote(value)} is not a URL",
                hint="write it in full, with its scheme: https://example.org/page",
            )
            return None
        return value

    def period(self, key: str) -> Period | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return Period.of_day(value)
        if isinstance(value, bool) or not isinstance(value, str | int):
            self._fail(key, f"must be a date, not {_kind(value)}")
            return None
        try:
            return Period.parse(str(value))
        except ValueError as err:
            self._fail(key, str(err))
            return None

    def day(self, key: str, required: bool = False) -> date | None:
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        shown = quote(value) if isinstance(value, str) else _described(value)
        self._fail(key, f"{shown} is not a day", hint="write it as YYYY-MM-DD")
        return None

    def choice(self, key: str, enum: Callable[[str], T], options: Iterable[str]) -> T | None:
        value = self.text(key, required=True)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            options = list(options)
            self._fail(
                key,
                f"{quote(value)} is not one of the documented values",
                hint=_did_you_mean(value, options) or f"use one of: {', '.join(options)}",
            )
            return None

    def items(self, key: str, required: bool = False) -> list[Any]:
        value = self.get(key, required)
        if value is None:
            return []
        if type(value) is Oversized:
            self._fail(key, f"is {value}")
            return []
        if not isinstance(value, list):
            self._fail(key, f"must be a list, not {_kind(value)}")
            return []
        return value

    def texts(
        self, key: str, required: bool = False, refers_to: str | None = None
    ) -> tuple[str, ...]:
        """A list of text items; with `refers_to`, a list of ids defined in that section."""
        out: list[str] = []
        for item in self.items(key, required):
            if isinstance(item, str) and item.strip() and (refers_to is None or SLUG.match(item)):
                out.append(item)
                if refers_to is not None:
                    self.refer(refers_to, item, key)
            else:
                self._fail(
                    key,
                    f"item {_sample(item)} must be {'an id' if refers_to else 'non-empty text'}",
                )
        return tuple(out)


def _not_a_grade(value: str, problems: _Problems, *, numbers: bool = True) -> tuple[str, str]:
    """The message and hint for text that names no grade of the ladder."""
    ladder = ", ".join(f"{g.name} ({g.value})" for g in problems.ladder)
    try:
        float(value)
    except ValueError:
        pass
    else:
        if numbers:
            return f"must be a number in [0, 1] or a grade, not text {quote(value)}", (
                "write the number without quotes"
            )
    what = "a number in [0, 1] or a grade" if numbers else "a grade"
    return f"{quote(value)} is not a grade of the ladder", (
        _did_you_mean(value, problems.grades) or f"use {what}: {ladder}"
    )


def _described(value: Any) -> str:
    """What a wrong value is, as its writer spelt it: `a yes/no value (true)`, `text 'x'`.

    Never more than a short sample of the value, however large it is (or expands to).
    """
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if type(value) in (Oversized, LongNumber):
        return str(value)
    return f"{_kind(value)} {_sample(value)}"


_SAMPLE_ITEMS = 4  # items of a list or mapping a message shows
_SAMPLE_DEPTH = 2  # levels of nesting it shows


def _sample(value: Any, depth: int = _SAMPLE_DEPTH) -> str:
    """A short, bounded rendering of a value: `['lol', 'lol', 'lol', 'lol', …]`.

    Its cost does not depend on the value's size: at most `_SAMPLE_ITEMS` items on each of
    `_SAMPLE_DEPTH` levels are looked at (a billion aliases of one list cost nothing).

    >>> _sample([["lol"] * 9] * 9)
    "[['lol', 'lol', 'lol', 'lol', …], ['lol', 'lol', 'lol', 'lol', …], ['lol', 'lol', 'lol', '…"
    """
    if isinstance(value, str):  # repr: a line break in it stays on the message's line
        if len(value) <= QUOTE_LIMIT:
            return repr(value)
        text = repr(value[:QUOTE_LIMIT])
        return f"{text[:-1]}…{text[-1]} ({len(value):,} characters)"
    if isinstance(value, list | Mapping):
        if depth == 0:
            return "[…]" if isinstance(value, list) else "{…}"
        if isinstance(value, list):
            parts = [_sample(item, depth - 1) for item in value[:_SAMPLE_ITEMS]]
            opening, closing = "[", "]"
        else:
            pairs = itertools.islice(value.items(), _SAMPLE_ITEMS)
            parts = [f"{_sample(k, 0)}: {_sample(v, depth - 1)}" for k, v in pairs]
            opening, closing = "{", "}"
        if len(value) > _SAMPLE_ITEMS:
            parts.append("…")
        text = opening + ", ".join(parts) + closing
    elif type(value) in (Oversized, LongNumber):
        text = str(value)
    else:
        text = repr(value) if isinstance(value, float | date | None) else type(value).__name__
        if type(value) is int:
            text = repr(value) if value.bit_length() <= 64 else "a long number"
    return text if len(text) <= QUOTE_LIMIT + 30 else text[: QUOTE_LIMIT + 30] + "…"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if type(value) is Oversized:
        return value.kind
    if type(value) is LongNumber:
        return "a number"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    return "text"


# -- entries ---------------------------------------------------------------------------------


def parse_actor(problems: _Problems, file: str, index: int, raw: Any) -> Actor | None:
    fast = _fast_actor(problems, file, raw)
    if fast is not None:
        return fast
    entry = _Entry(problems, file, f"actors[{index}]", raw, ACTOR_KEYS)
    actor_id = entry.slug("id", required=True)
    name = entry.text("name", required=True)
    kind = entry.choice("kind", ActorKind, KIND_VALUES)
    name_ja = entry.text("name_ja")
    aliases = entry.texts("aliases")
    affiliation = entry.slug("affiliation", refers_to="actors")
    description = entry.text("description")
    if not entry.ok or actor_id is None or name is None or kind is None:
        return None
    return Actor(actor_id, name, kind, name_ja, aliases, affiliation, description)


def parse_evidence(problems: _Problems, file: str, label: str, raw: Any) -> Evidence | None:
    return _evidence(_Entry(problems, file, label, raw, EVIDENCE_KEYS))


def parse_evidence_row(
    problems: _Problems, file: str, index: int, raw: Any
) -> tuple[str, Evidence] | None:
    """An evidence row of a bulk file: an evidence item plus the id of its (base) link."""
    link = raw.get("link") if isinstance(raw, Mapping) else None
    label = f"links[{link}].evidence" if isinstance(link, str) and link else f"evidence[{index}]"
    entry = _Entry(problems, file, label, raw, EVIDENCE_ROW_KEYS)
    link_id = entry.slug("link", required=True, refers_to="links")
    evidence = _evidence(entry)
    if evidence is None or link_id is None:
        return None
    return link_id, evidence


def _evidence(entry: _Entry) -> Evidence | None:
    text = entry.text("text", required=True)
    speaker = entry.slug("speaker", refers_to="speakers")
    programme = entry.slug("programme", refers_to="programmes")
    when = entry.period("date")
    cites = entry.text("cites")
    grade = entry.grade("grade")
    locator = entry.text("locator")
    url = entry.url("url")
    accessed = entry.day("accessed")
    if entry.ok and speaker is None and programme is None and cites is None:
        entry._fail(None, "says nothing of who said it", hint="give a speaker, programme or cites")
    if not entry.ok or text is None:
        return None
    return Evidence(text, speaker, programme, when, cites, grade, locator, url, accessed)


def parse_link(problems: _Problems, file: str, label: str, raw: Any) -> Link | None:
    fast = _fast_link(problems, file, label.rsplit("[", 1)[0], raw)
    if fast is not None:
        return fast
    entry = _Entry(problems, file, label, raw, LINK_KEYS)
    link_id = entry.slug("id", required=True)
    source = entry.slug("source", required=True, refers_to="actors")
    target = entry.slug("target", required=True, refers_to="actors")
    link_type = entry.choice("type", LinkType, TYPE_VALUES)
    strength = entry.unit("strength", required=True)
    confidence = entry.confidence("confidence", required=True)
    when = entry.period("date")
    text_label = entry.text("label")
    note = entry.text("note")
    background = entry.text("background")
    if background is not None and not background.strip():
        entry._fail(
            "background", "must not be empty", hint="say in one line why the analysis needs it"
        )
    evidence: list[Evidence] = []
    for i, item in enumerate(entry.items("evidence")):
        parsed = parse_evidence(problems, file, f"{entry.label}.evidence[{i}]", item)
        if parsed is None:
            entry.ok = False
        else:
            evidence.append(parsed)
    if source is not None and source == target:
        entry._fail("target", f"links {quote(source)} to itself", hint="a link joins two actors")
    if (
        not entry.ok
        or link_id is None
        or source is None
        or target is None
        or link_type is None
        or strength is None
        or confidence is None
    ):
        return None
    return Link(
        link_id,
        source,
        target,
        link_type,
        strength,
        confidence[0],
        when,
        text_label,
        tuple(evidence),
        note,
        confidence[1],
        background,
    )


def parse_speaker(problems: _Problems, file: str, index: int, raw: Any) -> Speaker | None:
    entry = _Entry(problems, file, f"speakers[{index}]", raw, SPEAKER_KEYS)
    speaker_id = entry.slug("id", required=True)
    name = entry.text("name", required=True)
    name_ja = entry.text("name_ja")
    role = entry.text("role")
    if not entry.ok or speaker_id is None or name is None:
        return None
    return Speaker(speaker_id, name, name_ja, role)


def parse_programme(problems: _Problems, file: str, index: int, raw: Any) -> Programme | None:
    entry = _Entry(problems, file, f"programmes[{index}]", raw, PROGRAMME_KEYS)
    programme_id = entry.slug("id", required=True)
    title = entry.text("title", required=True)
    day = entry.day("date", required=True)
    title_ja = entry.text("title_ja")
    publisher = entry.text("publisher")
    if not entry.ok or programme_id is None or title is None or day is None:
        return None
    return Programme(programme_id, title, day, title_ja, publisher)


def parse_scenario(problems: _Problems, file: str, index: int, raw: Any) -> Scenario | None:
    entry = _Entry(problems, file, f"scenarios[{index}]", raw, SCENARIO_KEYS)
    scenario_id = entry.slug("id", required=True)
    name = entry.text("name", required=True)
    name_ja = entry.text("name_ja")
    description = entry.text("description") or ""
    key_actors = entry.texts("key_actors", required=True, refers_to="actors")
    if entry.raw.get("key_actors") is not None and len(set(key_actors)) < 2:
        entry._fail(
            "key_actors",
            "needs at least two distinct actors",
            hint="list the actors whose connection makes the scenario",
        )
    raised_by = entry.texts("raised_by", refers_to="speakers")
    adds: list[Link] = []
    for i, item in enumerate(entry.items("adds")):
        link = parse_link(problems, file, f"{entry.label}.adds[{i}]", item)
        entry.ok = entry.ok and link is not None
        if link is not None:
            adds.append(link)
    changes: list[LinkChange] = []
    for i, item in enumerate(entry.items("changes")):
        sub = _Entry(problems, file, f"{entry.label}.changes[{i}]", item, CHANGE_KEYS)
        link_id = sub.slug("link", required=True, refers_to="links")
        strength, confidence = sub.unit("strength"), sub.confidence("confidence")
        note = sub.text("note")
        if sub.ok and strength is None and confidence is None:
            sub._fail(None, "changes nothing", hint="give a new strength and/or confidence")
        if sub.ok and link_id is not None:
            value, grade = confidence if confidence is not None else (None, None)
            changes.append(LinkChange(link_id, strength, value, note, grade))
        entry.ok = entry.ok and sub.ok
    removes: list[LinkRemoval] = []
    for i, item in enumerate(entry.items("removes")):
        removal = {"link": item} if isinstance(item, str) else item
        sub = _Entry(problems, file, f"{entry.label}.removes[{i}]", removal, REMOVAL_KEYS)
        link_id, note = sub.slug("link", required=True, refers_to="links"), sub.text("note")
        if sub.ok and link_id is not None:
            removes.append(LinkRemoval(link_id, note))
        entry.ok = entry.ok and sub.ok
    signposts: list[tuple[Signpost, int | None]] = []
    for i, item in enumerate(entry.items("signposts")):  # the old text form, still read
        sub = _Entry(problems, file, f"{entry.label}.signposts[{i}]", item, LEGACY_SIGNPOST_KEYS)
        text = sub.text("text", required=True)
        meaning = sub.text("meaning")
        speaker = sub.slug("speaker", refers_to="speakers")
        programme = sub.slug("programme", refers_to="programmes")
        if sub.ok and text is not None and scenario_id is not None:
            said = Observation(text, speaker=speaker, programme=programme)
            raised = (said,) if speaker or programme else ()
            sign = Signpost(
                f"{scenario_id}-signpost-{i + 1}",
                text,
                (scenario_id,),
                meaning=meaning,
                raised_by=raised,
            )
            signposts.append((sign, _line(item)))
        entry.ok = entry.ok and sub.ok
    connected_by = _connected_by(entry)
    if not entry.ok or scenario_id is None or name is None:
        return None
    problems.legacy_signposts.extend((sign, file, line) for sign, line in signposts)
    return Scenario(
        scenario_id,
        name,
        key_actors,
        description,
        name_ja,
        raised_by,
        tuple(adds),
        tuple(changes),
        tuple(removes),
        connected_by,
    )


def _connected_by(entry: _Entry) -> tuple[LinkType, ...]:
    """A scenario's `connected_by`: known link types, each once, none adversarial (LinkRole)."""
    if entry.raw.get("connected_by") is None:
        return ()
    carrying = [t.value for t in LinkType if t.role is not LinkRole.ADVERSARIAL]
    names = entry.texts("connected_by")
    if entry.raw.get("connected_by") == []:
        entry._fail(
            "connected_by",
            "is empty: nothing would connect the key actors",
            hint="leave it out for the default (every channel type), or list some types",
        )
    types: list[LinkType] = []
    for name in names:
        link_type = _TYPE_BY_VALUE.get(name)
        if link_type is None:
            entry._fail(
                "connected_by",
                f"{quote(name)} is not one of the documented link types",
                hint=_did_you_mean(name, carrying) or f"use some of: {', '.join(carrying)}",
            )
        elif link_type.role is LinkRole.ADVERSARIAL:
            entry._fail(
                "connected_by",
                f"{quote(name)} is adversarial: it never carries a connection",
                hint="adversarial links are reported as tensions; list channel types, e.g. "
                "constrains, allied_with, supports",
            )
        elif link_type in types:
            entry._fail("connected_by", f"lists {quote(name)} twice", hint="name each type once")
        else:
            types.append(link_type)
    return tuple(types)


def parse_grade(problems: _Problems, file: str, index: int, raw: Any) -> Grade | None:
    """One step of a declared confidence ladder: `{name, value, meaning}`."""
    entry = _Entry(problems, file, f"grades[{index}]", raw, GRADE_KEYS)
    name = entry.slug("name", required=True)
    if name is not None:
        entry.label = f"grades[{name}]"
    value = entry.unit("value", required=True)
    meaning = entry.text("meaning")
    if not entry.ok or name is None or value is None:
        return None
    return Grade(name, value, meaning)


def parse_signpost(problems: _Problems, file: str, index: int, raw: Any) -> Signpost | None:
    entry = _Entry(problems, file, f"signposts[{index}]", raw, SIGNPOST_KEYS)
    signpost_id = entry.slug("id", required=True)
    statement = entry.text("statement", required=True)
    points_to = entry.texts("points_to", refers_to="scenarios")
    against = entry.texts("against", refers_to="scenarios")
    bears_on = entry.texts("bears_on", refers_to=BEARS_ON)
    meaning = entry.text("meaning")
    both = sorted(set(points_to) & set(against))
    if both:
        entry._fail(
            "against",
            f"scenario {quote(both[0])} is also in points_to",
            hint="a signpost points to a scenario or counts against it, not both",
        )
    elif entry.ok and not points_to and not against:
        entry._fail(
            None,
            "names no scenario",
            hint="list the scenarios that expect it (points_to) or that it counts against",
        )
    raised_by = _observations(problems, file, entry, "raised_by", RAISED_BY_KEYS)
    observations = _observations(problems, file, entry, "observations", OBSERVATION_KEYS)
    if not entry.ok or signpost_id is None or statement is None:
        return None
    return Signpost(
        signpost_id, statement, points_to, against, bears_on, meaning, raised_by, observations
    )


def _observations(
    problems: _Problems, file: str, entry: _Entry, key: str, allowed: frozenset[str]
) -> tuple[Observation, ...]:
    out = []
    for i, item in enumerate(entry.items(key)):
        sub = _Entry(problems, file, f"{entry.label}.{key}[{i}]", item, allowed)
        text = sub.text("text", required=True)
        when = sub.period("date")
        reported = sub.period("reported")
        speaker = sub.slug("speaker", refers_to="speakers")
        programme = sub.slug("programme", refers_to="programmes")
        cites, url = sub.text("cites"), sub.url("url")
        accessed = sub.day("accessed")
        locator = sub.text("locator")
        grade = sub.grade("grade")
        if sub.ok and not (speaker or programme or cites or url):
            sub._fail(
                None, "says nothing of who said it", hint="give a speaker, programme, cites or url"
            )
        if sub.ok and key == "observations" and when is None and programme is None:
            sub._fail(
                "date",
                "an observation needs a date",
                hint="give the day it happened (or a programme, whose date then stands in)",
            )
        if sub.ok and text is not None:
            out.append(
                Observation(
                    text, when, reported, speaker, programme, cites, url, accessed, locator, grade
                )
            )
        entry.ok = entry.ok and sub.ok
    return tuple(out)


# -- fast paths ----------------------------------------------------------------------------
#
# Each returns the object the full parser would build, or None to let the full parser decide
# (and report). They accept only plain types, so a None never hides a problem: it only means
# "check properly". tests/test_validate_fast.py compares both paths on random entries.


def _known_slug(problems: _Problems, value: Any) -> str | None:
    """`value` if it is a valid id (as the one shared str object for that id), else None."""
    if type(value) is not str:
        return None
    found = problems.slugs.get(value)
    if found is None and SLUG.match(value):
        found = problems.slugs[value] = value
    return found


def _fast_refer(
    problems: _Problems, what: str, ident: str, file: str, raw: Any, label: str, key: str
) -> None:
    if ident not in problems.known[what]:
        problems.references.append(_Reference(what, ident, file, _line(raw, key), label, key))


def _fast_actor(problems: _Problems, file: str, raw: Any) -> Actor | None:
    if not isinstance(raw, dict) or not raw.keys() <= ACTOR_KEYS:
        return None
    get = raw.get
    ident = get("id")
    name = get("name")
    kind_value = get("kind")
    name_ja = get("name_ja")
    description = get("description")
    if (
        type(ident) is not str
        or not SLUG.match(ident)
        or type(name) is not str
        or not name.strip()
        or type(kind_value) is not str
        or not (name_ja is None or type(name_ja) is str)
        or not (description is None or type(description) is str)
    ):
        return None
    kind = _KIND_BY_VALUE.get(kind_value)
    if kind is None:
        return None
    aliases: tuple[str, ...] = ()
    listed = get("aliases")
    if listed is not None:
        if type(listed) is not list or not all(type(a) is str and a.strip() for a in listed):
            return None
        aliases = tuple(listed)
    affiliation = get("affiliation")
    if affiliation is not None:
        affiliation = _known_slug(problems, affiliation)
        if affiliation is None:
            return None
        _fast_refer(problems, "actors", affiliation, file, raw, f"actors[{ident}]", "affiliation")
    return Actor(ident, name, kind, name_ja, aliases, affiliation, description)


def _unit(value: Any) -> float | None:
    kind = type(value)
    if kind is float:
        return value if 0.0 <= value <= 1.0 else None  # NaN fails both comparisons
    if kind is int:
        return float(value) if 0 <= value <= 1 else None
    return None


def _fast_link(problems: _Problems, file: str, prefix: str, raw: Any) -> Link | None:
    """`prefix`: the entry's label without its index (`links`, `scenarios[g2].adds`)."""
    if not isinstance(raw, dict) or not raw.keys() <= _FLAT_LINK_KEYS:
        return None
    get = raw.get
    ident = get("id")
    if type(ident) is not str or not SLUG.match(ident):
        return None
    source = _known_slug(problems, get("source"))
    target = _known_slug(problems, get("target"))
    type_value = get("type")
    link_type = _TYPE_BY_VALUE.get(type_value) if type(type_value) is str else None
    strength = _unit(get("strength"))
    written = get("confidence")
    grade = None
    if type(written) is str:
        confidence = problems.grades.get(written)
        grade = written
    else:
        confidence = _unit(written)
    text_label = get("label")
    note = get("note")
    background = get("background")
    if (
        source is None
        or target is None
        or source == target
        or link_type is None
        or strength is None
        or confidence is None
        or not (text_label is None or type(text_label) is str)
        or not (note is None or type(note) is str)
        or not (background is None or (type(background) is str and background.strip()))
    ):
        return None
    when = get("date")
    if when is not None:
        if type(when) is not str:
            return None
        period = problems.periods.get(when)
        if period is None:
            try:
                period = problems.periods[when] = Period.parse(when)
            except ValueError:
                return None
        when = period
    known = problems.known["actors"]
    if source not in known or target not in known:  # defined later, or not at all
        entry = f"{prefix}[{ident}]"  # as `_Entry` names an entry with an id
        _fast_refer(problems, "actors", source, file, raw, entry, "source")
        _fast_refer(problems, "actors", target, file, raw, entry, "target")
    return Link(
        ident,
        source,
        target,
        link_type,
        strength,
        confidence,
        when,
        text_label,
        (),
        note,
        grade,
        background,
    )


# -- the whole dataset -----------------------------------------------------------------------


class _Located(NamedTuple):
    """A parsed entry and where it came from, for cross-reference messages."""

    value: Any
    file: str
    line: int | None  # where the entry starts
    id_line: int | None  # where its id is
    raw: Any  # scenarios only: their nested entries' lines; None otherwise


class _Entries:
    """A section's valid entries and where each came from, as parallel lists.

    Not a `_Located` per entry: a bulk read has a million of them. Iterating yields them as
    `_Located`s, for the cross-reference checks that need to say where an entry is.
    """

    __slots__ = ("files", "id_lines", "lines", "raws", "values")

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.files: list[str] = []
        self.lines: list[int | None] = []
        self.id_lines: list[int | None] = []
        self.raws: list[Any] = []  # scenarios only: their nested entries' lines

    def add(self, value: Any, file: str, line: int | None, id_line: int | None, raw: Any) -> None:
        self.values.append(value)
        self.files.append(file)
        self.lines.append(line)
        self.id_lines.append(id_line)
        self.raws.append(raw)

    def extend(self, values: list[Any], file: str, lines: Sequence[int]) -> None:
        """Entries of bulk rows, each starting on its line (where its id is, too)."""
        count = len(values)
        self.values.extend(values)
        self.files.extend(repeat(file, count))
        self.lines.extend(lines)
        self.id_lines.extend(self.lines[-count:] if count else ())
        self.raws.extend(repeat(None, count))

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[_Located]:
        return map(_Located, self.values, self.files, self.lines, self.id_lines, self.raws)


def build_dataset(
    documents: Iterable[Document],
    origin: str = "",
    problems: Sequence[Problem] = (),
    *,
    warnings: Warnings | None = None,
) -> Dataset:
    """Validate every document and cross-reference; return the Dataset or raise `DataError`.

    Each document's value must be a mapping of sections (`actors`, `links`, `scenarios`,
    `speakers`, `programmes`, `signposts`, `grades`; bulk files also `evidence`) to entries.
    Every problem is collected before raising; `problems` are ones the reader already found
    (malformed files) and are reported first. The `grades` sections are read first (links and
    observations name their grades); the others, and bulk sections, are consumed once, in
    order, so a reader can stream them. With `warnings`, what is doubtful but valid
    (docs/data-format.md, "Warnings") is appended to it, located like problems.
    """
    found = _Problems()
    for problem in problems:
        found.report(problem)
    documents = list(documents)
    ladder = _read_ladder(found, documents)
    if ladder is not None:
        found.ladder = ladder
        found.grades = _values(ladder)
    parsed: dict[str, _Entries] = {name: _Entries() for name in BULK_SECTIONS}
    declared: dict[str, set[str]] = {name: set() for name in SECTIONS}
    parsers: dict[str, Callable[[_Problems, str, int, Any], Any]] = {
        "actors": parse_actor,
        "speakers": parse_speaker,
        "programmes": parse_programme,
        "scenarios": parse_scenario,
        "links": _parse_base_link,
        "evidence": parse_evidence_row,
        "signposts": parse_signpost,
    }
    keep_lines = warnings is not None
    for doc in documents:
        if type(doc.value) is SectionStream:
            for part in doc.value:
                if isinstance(part, Problem):  # a reader's problem, reported in its place
                    found.report(part)
                elif part.name is None:
                    _document_value(found, doc.file, part.items, part.line)
                else:
                    name, line, items = part
                    _section(found, doc, name, line, items, parsers, parsed, declared, keep_lines)
            continue
        value = doc.value
        if _document_value(found, doc.file, value, doc.line):
            for section, items in value.items():
                line = _line(value, str(section))
                _section(found, doc, section, line, items, parsers, parsed, declared, keep_lines)

    for sign, file, line in found.legacy_signposts:  # after the written ones, in scenario order
        parsed["signposts"].add(sign, file, line, line, None)
        found.known["signposts"].add(sign.id)
    _check_unique(found, parsed)
    if not any(p.message.startswith(("malformed ", "cannot be read")) for p in found.items):
        # with a file unreadable, every reference into it would be reported too: noise
        _check_references(found, parsed, declared)
    if found.per_file:
        raise DataError([*found.items, *found.unlisted()])
    links = parsed["links"].values
    if parsed["evidence"]:
        links = _with_evidence(links, parsed["evidence"].values)
    if warnings is not None:
        found_warnings = _warnings(found.ladder, links, parsed)
        warnings.extend(found_warnings)
        warnings.total += found_warnings.total
        warnings.per_file.update(found_warnings.per_file)
    return Dataset(
        actors=tuple(parsed["actors"].values),
        links=tuple(links),
        scenarios=tuple(parsed["scenarios"].values),
        speakers=tuple(parsed["speakers"].values),
        programmes=tuple(parsed["programmes"].values),
        signposts=tuple(parsed["signposts"].values),
        grades=ladder or (),
        origin=origin,
    )


def _read_ladder(found: _Problems, documents: Sequence[Document]) -> tuple[Grade, ...] | None:
    """The grades the documents declare, in file order (None: they declare none)."""
    declared: list[Grade] = []
    names: dict[str, str] = {}
    values: dict[float, str] = {}
    any_section = False
    for doc, line, items in _ladder_sections(found, documents):
        any_section = True
        if not isinstance(items, list):
            found.add(
                doc.file, f"must be a list of grades, not {_kind(items)}", line=line, entry=LADDER
            )
            continue
        if not items:
            found.add(
                doc.file,
                "declares no grade",
                line=line,
                entry=LADDER,
                hint="leave the section out for the default ladder, or list {name, value, meaning}",
            )
        for index, raw in enumerate(items):
            grade = parse_grade(found, doc.file, index, raw)
            if grade is None:
                continue
            clash = None
            if grade.name in names:
                first = names[grade.name]
                clash = ("name", f"duplicate grade {quote(grade.name)} (first defined at {first})")
            elif grade.value in values:
                first = values[grade.value]
                clash = ("value", f"{grade.value} is already the value of grade {quote(first)}")
            if clash is not None:
                key, message = clash
                found.add(
                    doc.file,
                    message,
                    line=_line(raw, key),
                    entry=f"grades[{grade.name}]",
                    field=key,
                    hint=f"each grade of the ladder has its own {key}",
                )
                continue
            names[grade.name] = f"{doc.file}:{_line(raw)}" if _line(raw) else doc.file
            values[grade.value] = grade.name
            declared.append(grade)
    return tuple(declared) if any_section else None


def _ladder_sections(
    found: _Problems, documents: Iterable[Document]
) -> Iterator[tuple[Document, int | None, Any]]:
    """Each `grades` section with a value: its document, line and entries (a streamed
    document reads it ahead of its other sections, `SectionStream.ladder`)."""
    for doc in documents:
        if LADDER not in doc.sections:
            continue
        value = doc.value
        if type(value) is SectionStream:
            for part in value.ladder:
                if isinstance(part, Problem):  # in a grade: the main read passes over them
                    found.report(part)
                elif part.name == LADDER and part.items is not None:
                    yield doc, part.line, part.items
        elif isinstance(value, Mapping) and value.get(LADDER) is not None:
            yield doc, _line(value, LADDER), value[LADDER]


# -- warnings: valid, but doubtful -------------------------------------------------------------

NOT_ON_LADDER_HINT = "write a grade or a ladder value"


class Warnings(list[Problem]):
    """What `build_dataset` found doubtful: at most `MAX_PROBLEMS_PER_FILE` listed per file
    (then one line per file counts the rest), `total`, how many there are in all, and
    `per_file`, how many in each file."""

    total: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.per_file: Counter[str] = Counter()


class LadderCheck:
    """The warnings about confidence and evidence of one link, on one ladder.

    Each distinct confidence value is placed on the ladder once (a million links carry a few
    dozen values).
    """

    def __init__(self, ladder: Sequence[Grade]) -> None:
        self.ladder = ladder
        self.values = _values(ladder)
        self._off: dict[float, str | None] = {}

    def off_ladder(self, value: float) -> str | None:
        """The warning for a number that no grade has, or None."""
        if value not in self._off:
            on = on_ladder(value, self.ladder)
            self._off[value] = (
                None if on else f"{value} is not on the ladder ({ladder_text(self.ladder)})"
            )
        return self._off[value]

    def link(self, link: Link) -> Iterator[tuple[str, str, str]]:
        """(field, message, hint) for each doubtful thing about a link (base or added)."""
        if link.grade is None:
            off = self.off_ladder(link.confidence)
            if off:
                yield "confidence", off, NOT_ON_LADDER_HINT
        values = self.values
        graded = [
            (values[e.grade], e.grade)
            for e in link.evidence
            if e.grade is not None and e.grade in values
        ]
        if graded:
            best_value, best = max(graded)
            if link.confidence > best_value + 1e-9:
                grade = on_ladder(link.confidence, self.ladder)
                said = f"{grade.name} ({grade.value})" if grade else str(link.confidence)
                yield (
                    "confidence",
                    f"graded {said} but its best evidence is {best} ({best_value})",
                    "grade the link no higher than its best evidence item, or add the evidence "
                    "that supports it",
                )
        if link.background is None and not link.evidence:
            yield (
                "evidence",
                "is sourced but has no evidence",
                "add evidence with a speaker or programme, or mark it `background:` with the "
                "reason the analysis needs it",
            )


def _warnings(
    ladder: tuple[Grade, ...], links: Sequence[Link], parsed: Mapping[str, _Entries]
) -> Warnings:
    """Numbers off the ladder, links graded above their evidence, sourced links without any."""
    out = Warnings()
    per_file: Counter[str] = Counter()

    def warn(file: str, line: int | None, entry: str, key: str, text: str, hint: str) -> None:
        per_file[file] += 1
        if per_file[file] <= MAX_PROBLEMS_PER_FILE:
            out.append(Problem(file, text, line, entry, key, hint))

    check = LadderCheck(ladder)
    base = parsed["links"]
    for link, file, line, raw in zip(links, base.files, base.lines, base.raws, strict=True):
        for key, text, hint in check.link(link):
            at = (_line(raw, key) or line) if raw is not None else line
            warn(file, at, f"links[{link.id}]", key, text, hint)
    for loc in parsed["scenarios"]:
        scenario: Scenario = loc.value
        label = f"scenarios[{scenario.id}]"
        raws = loc.raw.get("adds") or []
        for link, raw in zip(scenario.adds, raws, strict=False):
            for key, text, hint in check.link(link):
                at = _line(raw, key) or _line(raw)
                warn(loc.file, at, f"{label}.adds[{link.id}]", key, text, hint)
        raws = loc.raw.get("changes") or []
        for i, (change, raw) in enumerate(zip(scenario.changes, raws, strict=False)):
            if change.confidence is None or change.grade is not None:
                continue
            off = check.off_ladder(change.confidence)
            if off:
                at = _line(raw, "confidence")
                warn(loc.file, at, f"{label}.changes[{i}]", "confidence", off, NOT_ON_LADDER_HINT)
    out.total = sum(per_file.values())
    out.per_file = per_file
    for file, count in per_file.items():
        if count > MAX_PROBLEMS_PER_FILE:
            out.append(Problem(file, f"{count - MAX_PROBLEMS_PER_FILE:,} more warnings not listed"))
    return out


def _document_value(found: _Problems, file: str, value: Any, line: int | None) -> bool:
    """Whether a document's value is a mapping of sections; if not, say what it is."""
    if value is None:
        found.add(file, "file is empty", line=line, hint="add an `actors:` or `links:` section")
        return False
    if not isinstance(value, Mapping):
        found.add(
            file,
            f"must be a mapping of sections, not {_kind(value)}",
            line=_line(value) or line,
            hint=f"start with one of: {', '.join(s + ':' for s in SECTIONS)}",
        )
        return False
    return True


def _section(
    found: _Problems,
    doc: Document,
    section: Any,
    line: int | None,
    items: Any,
    parsers: Mapping[str, Callable[[_Problems, str, int, Any], Any]],
    parsed: dict[str, _Entries],
    declared: dict[str, set[str]],
    keep_lines: bool,
) -> None:
    """One top-level key of a document: a known section's entries are parsed (the ladder was
    read before every section, `_read_ladder`)."""
    if section not in doc.sections:
        name = section if isinstance(section, str) else str(section)
        found.add(
            doc.file,
            f"unknown section {quote(name)}",
            line=line,
            hint=_did_you_mean(shorten(name), doc.sections)
            or f"sections are: {', '.join(doc.sections)}",
        )
        return
    if items is None or section == LADDER:
        return
    if not isinstance(items, list | Iterator):
        found.add(
            doc.file,
            f"must be a list of entries, not {_kind(items)}",
            line=line,
            entry=section,
            hint=items.hint if type(items) is Oversized else None,
        )
        return
    _parse_section(
        found,
        doc.file,
        section,
        items,
        parsers[section],
        parsed,
        declared,
        keep_lines=keep_lines,
    )


def _parse_base_link(problems: _Problems, file: str, index: int, raw: Any) -> Link | None:
    return _fast_link(problems, file, "links", raw) or parse_link(
        problems, file, f"links[{index}]", raw
    )


def _parse_section(
    found: _Problems,
    file: str,
    section: str,
    items: Iterable[Any],
    parse: Callable[[_Problems, str, int, Any], Any],
    parsed: dict[str, _Entries],
    declared: dict[str, set[str]],
    *,
    keep_lines: bool = False,
) -> None:
    """Parse one section's entries into `parsed`. `keep_lines`: keep where the keys of each
    YAML link start too, for warnings located like problems."""
    out = parsed[section]
    ids = declared.get(section)  # evidence rows declare nothing
    known = found.known.get(section)
    keep_raw = section == "scenarios" or (keep_lines and section == "links")
    index = 0

    def take(chunk: Chunk) -> bool:
        """Parse a chunk of links column by column; False: parse its rows instead."""
        nonlocal index
        links = _link_columns(found, file, chunk) if section == "links" else None
        if links is None:
            return False
        link_ids = chunk.columns["id"]
        if ids is not None and known is not None:
            ids.update(link_ids)
            known.update(link_ids)
        out.extend(links, file, chunk.lines)
        index += len(links)
        return True

    for raw in _unchunked(items, take):
        kind = type(raw)
        if kind is Problem:  # a bulk reader's problem, reported in its place
            found.report(raw)
            continue
        if ids is not None and (kind is Row or isinstance(raw, Mapping)):
            ident = raw.get("id")
            if isinstance(ident, str):
                ids.add(ident)
        result = parse(found, file, index, raw)
        index += 1
        if result is None:
            continue
        if kind is Row:
            line = id_line = raw.line
        else:
            line, id_line = _line(raw), _line(raw, "id")
        kept = None
        if keep_raw and section != "links":  # a scenario's nested entries (a JSON Lines row too)
            kept = raw
        elif keep_raw and kind is not Row:  # links: their keys' lines only (values may be large)
            kept = _KeyLines(line, getattr(raw, "key_lines", {}))
        out.add(result, file, line, id_line, kept)
        if known is not None:
            known.add(result.id)


class _KeyLines(NamedTuple):
    """Where an entry and each of its keys start (what `_line` asks of a `LineMapping`)."""

    line: int | None
    key_lines: Mapping[str, int]


def _unchunked(items: Iterable[Any], take: Callable[[Chunk], bool]) -> Iterator[Any]:
    """The items, with each chunk `take` does not take replaced by its rows."""
    for item in items:
        if type(item) is Chunk:
            if not take(item):
                yield from item.rows()
        else:
            yield item


# -- chunks of links, a column at a time ----------------------------------------------------------
#
# Each returns the parsed column, or None when any cell would need a message (then the chunk's
# rows take the row-by-row path, which says what and where). Every distinct cell is checked
# once: a million links name a hundred thousand actors, a few hundred dates and numbers.

_MATCH_SLUG = SLUG.match
# every line a valid id: `SLUG` for a whole column at once, its cells joined by line breaks
_SLUG_LINES = re.compile(r"(?:[a-z0-9]+(?:[-_][a-z0-9]+)*\n)*")


def _link_columns(problems: _Problems, file: str, chunk: Chunk) -> list[Link] | None:
    columns = chunk.columns
    ids = columns["id"]
    if not _all_slugs(ids):
        return None
    source = _cached_column(problems.slugs, columns["source"], _slug_or_none)
    target = _cached_column(problems.slugs, columns["target"], _slug_or_none)
    if source is None or target is None or any(map(operator.eq, source, target)):
        return None
    types = _cached_column(_TYPE_BY_VALUE, columns["type"], _no_value)
    strength = _cached_column(problems.units, columns["strength"], _unit_or_none)
    written = columns["confidence"]
    confidence = _cached_column(problems.units, written, _unit_or_none)
    grades: Iterable[str | None] = repeat(None)
    if confidence is None:  # grade names, perhaps: each cell a number or a grade
        confidence = _cached_column(problems.grades, written, _no_value)
        if confidence is None:
            ladder = problems.grades
            mixed = [ladder[cell] if cell in ladder else _unit_or_none(cell) for cell in written]
            confidence = [value for value in mixed if value is not None]
            if len(confidence) < len(mixed):
                return None
        grades = [cell if cell in problems.grades else None for cell in written]
    dates = columns.get("date")
    when = repeat(None) if dates is None else _date_column(problems, dates)
    background = columns.get("background")
    if background is not None and any(cell and not cell.strip() for cell in background):
        return None  # a cell of spaces: the row-by-row path says so
    if types is None or strength is None or confidence is None or when is None:
        return None
    actors = problems.known["actors"]
    if not (actors.issuperset(source) and actors.issuperset(target)):
        _refer_columns(problems, file, ids, source, target, chunk.lines)
    return list(
        map(
            make_link,
            ids,
            source,
            target,
            types,
            strength,
            confidence,
            when,
            _text_column(columns.get("label")),
            repeat(()),
            _text_column(columns.get("note")),
            grades,
            _text_column(background),
        )
    )


def _all_slugs(cells: Sequence[str]) -> bool:
    text = "\n".join(cells) + "\n"
    return text.count("\n") == len(cells) and _SLUG_LINES.fullmatch(text) is not None


def _cached_column(
    cache: dict[str, T], cells: Sequence[str], parse: Callable[[str], T | None]
) -> list[T] | None:
    """Each cell's value, from `cache`; a cell not in it yet is parsed (None: it fails)."""
    values = list(map(cache.get, cells))
    if None not in values:  # the usual case after the first chunk: one pass
        return values  # type: ignore[return-value]  # no None in it
    for text in set(cells).difference(cache):
        value = parse(text)
        if value is None:
            return None
        cache[text] = value
    return list(map(cache.__getitem__, cells))


def _slug_or_none(text: str) -> str | None:
    return text if _MATCH_SLUG(text) else None


def _no_value(text: str) -> None:
    return None


def _unit_or_none(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None  # NaN fails too


def _date_column(problems: _Problems, cells: Sequence[str]) -> list[Period | None] | None:
    dates = problems.dates
    values = list(map(dates.get, cells, repeat(False)))
    if False not in values:
        return values  # type: ignore[return-value]  # no False in it
    for text in set(cells).difference(dates):
        period = problems.periods.get(text)
        if period is None:
            try:
                period = problems.periods[text] = Period.parse(text)
            except ValueError:
                return None
        dates[text] = period
    return list(map(dates.__getitem__, cells))


def _text_column(cells: Sequence[str] | None) -> Iterable[str | None]:
    return repeat(None) if cells is None else [cell or None for cell in cells]


def _refer_columns(
    problems: _Problems,
    file: str,
    ids: Sequence[str],
    source: Sequence[str],
    target: Sequence[str],
    lines: Sequence[int],
) -> None:
    """References to actors not defined yet, as `_fast_link` records them row by row."""
    actors = problems.known["actors"]
    for ident, s, t, line in zip(ids, source, target, lines, strict=True):
        if s not in actors:
            problems.references.append(
                _Reference("actors", s, file, line, f"links[{ident}]", "source")
            )
        if t not in actors:
            problems.references.append(
                _Reference("actors", t, file, line, f"links[{ident}]", "target")
            )


def _with_evidence(links: list[Link], rows: list[tuple[str, Evidence]]) -> list[Link]:
    """Base links with the evidence rows of bulk files appended, in row order."""
    extra: dict[str, list[Evidence]] = {}
    for link_id, evidence in rows:
        extra.setdefault(link_id, []).append(evidence)
    out = list(links)
    has_rows = map(extra.__contains__, map(operator.attrgetter("id"), links))  # a pass in C
    for i in itertools.compress(range(len(out)), has_rows):
        link = out[i]
        out[i] = make_link(
            link.id,
            link.source,
            link.target,
            link.type,
            link.strength,
            link.confidence,
            link.date,
            link.label,
            (*link.evidence, *extra[link.id]),
            link.note,
            link.grade,
            link.background,
        )
    return out


def _check_unique(problems: _Problems, parsed: Mapping[str, _Entries]) -> None:
    known = problems.known
    added = [link.id for loc in parsed["scenarios"] for link in loc.value.adds]
    if (
        all(len(known[section]) == len(parsed[section]) for section in SECTIONS)
        and len(set(added)) == len(added)
        and known["links"].isdisjoint(added)
    ):
        return  # every id is unique (`known` holds each section's distinct ids): nothing to say
    link_ids: dict[str, _Located] = {}
    for section, entries in parsed.items():
        if section == "evidence":
            continue
        seen: dict[str, _Located] = link_ids if section == "links" else {}
        for located in entries:
            _claim(problems, seen, located.value.id, located, section, "id", located.id_line)
        if section == "scenarios":
            for located in entries:
                for link, raw in zip(
                    located.value.adds, located.raw.get("adds") or [], strict=False
                ):
                    field = f"adds[{link.id}].id"
                    _claim(problems, link_ids, link.id, located, section, field, _line(raw, "id"))


def _claim(
    problems: _Problems,
    seen: dict[str, _Located],
    ident: str,
    where: _Located,
    section: str,
    field: str,
    line: int | None,
) -> None:
    first = seen.get(ident)
    if first is None:
        seen[ident] = where
        return
    at = f"{first.file}:{first.line}" if first.line else first.file
    problems.add(
        where.file,
        f"duplicate id {quote(ident)} (first defined at {at})",
        line=line,
        entry=f"{section}[{where.value.id}]",
        field=field,
        hint="ids must be unique within actors, links, scenarios",
    )


_WHAT = {
    "actors": "actor",
    "links": "base link",
    "speakers": "speaker",
    "programmes": "programme",
    "scenarios": "scenario",
    BEARS_ON: "actor or link",
}


def _check_references(
    problems: _Problems, parsed: Mapping[str, _Entries], declared: Mapping[str, set[str]]
) -> None:
    """Every id an entry used (valid entry or not) must be declared in its section."""
    actor_names: dict[str, str] | None = None
    suggested = 0
    either: set[str] | None = None  # actor and link ids (added ones too), if a signpost needs them
    for ref in problems.references:
        if ref.what == BEARS_ON:
            if either is None:
                adds = (link.id for loc in parsed["scenarios"] for link in loc.value.adds)
                either = declared["actors"] | declared["links"] | set(adds)
            known = either
        else:
            known = declared[ref.what]
        if ref.ident in known:
            continue
        what = _WHAT[ref.what]
        hint = None
        if suggested < MAX_SUGGESTIONS:  # each costs a scan of every id: enough for a typo
            suggested += 1
            if ref.what == "actors" and actor_names is None:
                actor_names = {a.value.name.casefold(): a.value.id for a in parsed["actors"]}
            names = actor_names if ref.what == "actors" else None
            hint = _did_you_mean(ref.ident, known, names)
        problems.add(
            ref.file,
            f"unknown {what} {quote(ref.ident)}",
            line=ref.line,
            entry=ref.entry,
            field=ref.field,
            hint=hint or f"define {what} {quote(ref.ident)} first",
        )
    for loc in parsed["scenarios"]:
        scenario: Scenario = loc.value
        touched: dict[str, str] = {}
        edits: tuple[tuple[str, tuple[LinkChange | LinkRemoval, ...], list[Any]], ...] = (
            ("changes", scenario.changes, loc.raw.get("changes") or []),
            ("removes", scenario.removes, loc.raw.get("removes") or []),
        )
        for kind, items, raws in edits:
            for i, (item, raw) in enumerate(zip(items, raws, strict=False)):
                if item.link in touched:
                    problems.add(
                        loc.file,
                        f"link {quote(item.link)} is already in {touched[item.link]}",
                        line=_line(raw, "link"),
                        entry=f"scenarios[{scenario.id}].{kind}[{i}]",
                        field="link",
                        hint="a scenario changes or removes a link once",
                    )
                touched[item.link] = kind


did_you_mean = _did_you_mean  # for the bulk readers' header messages
kind_of = _kind
