"""Raw mappings (from YAML, bulk files or Neo4j records) -> a validated `Dataset`, or every problem.

The readers hand over plain Python values; a mapping may carry `line` and `key_lines`
attributes (see `loader.LineMapping`) so problems can name the line. Nothing here reads files.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

from scenarios.errors import DataError, Problem
from scenarios.model import (
    SLUG,
    Actor,
    Dataset,
    Evidence,
    Link,
    LinkChange,
    LinkRemoval,
    Period,
    Programme,
    Scenario,
    Signpost,
    Speaker,
)
from scenarios.vocab import ActorKind, LinkType

SECTIONS = ("actors", "links", "scenarios", "speakers", "programmes")

ACTOR_KEYS = frozenset({"id", "name", "kind", "name_ja", "aliases", "affiliation", "description"})
LINK_KEYS = frozenset(
    {
        "id",
        "source",
        "target",
        "type",
        "strength",
        "confidence",
        "date",
        "label",
        "evidence",
        "note",
    }
)
EVIDENCE_KEYS = frozenset({"text", "speaker", "programme", "date", "cites"})
SCENARIO_KEYS = frozenset(
    {
        "id",
        "name",
        "name_ja",
        "description",
        "key_actors",
        "raised_by",
        "adds",
        "changes",
        "removes",
        "signposts",
    }
)
CHANGE_KEYS = frozenset({"link", "strength", "confidence", "note"})
REMOVAL_KEYS = frozenset({"link", "note"})
SIGNPOST_KEYS = frozenset({"text", "meaning", "speaker", "programme"})
SPEAKER_KEYS = frozenset({"id", "name", "name_ja", "role"})
PROGRAMME_KEYS = frozenset({"id", "title", "title_ja", "date", "publisher"})
# the documented values, listed once: building them per entry cost ~20 us each (Enum lookups)
KIND_VALUES = tuple(kind.value for kind in ActorKind)
TYPE_VALUES = tuple(link_type.value for link_type in LinkType)

T = TypeVar("T")
_MISSING = object()


@dataclass
class Document:
    """One parsed input file: its label for messages and its top-level value."""

    file: str
    value: Any
    line: int | None = None


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
    items: list[Problem] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)

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
        self.items.append(Problem(file, message, line, entry, field, hint))


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
        return f"did you mean '{close[0]}'?"
    if names:
        by_name = difflib.get_close_matches(word.casefold(), sorted(names), n=1, cutoff=0.6)
        if by_name:
            return f"did you mean '{names[by_name[0]]}'?"
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
            self.label = f"{label.rsplit('[', 1)[0]}[{ident}]"
        for key in raw:
            if key not in allowed:
                self._fail(
                    str(key),
                    "unknown field",
                    hint=_did_you_mean(str(key), allowed)
                    or f"allowed: {', '.join(sorted(allowed))}",
                )

    def _fail(self, key: str | None, message: str, hint: str | None = None) -> None:
        self.ok = False
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
            self._fail(key, f"must be text, not {_kind(value)} {value!r}", hint="quote the value")
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
                f"'{value}' is not a valid id",
                hint="use lower-case letters, digits and single hyphens, e.g. 'wang-yi'",
            )
            return None
        if value is not None and refers_to is not None:
            self.refer(refers_to, value, key)
        return value

    def refer(self, what: str, ident: str, key: str) -> None:
        self.problems.references.append(
            _Reference(what, ident, self.file, _line(self.raw, key), self.label, key)
        )

    def unit(self, key: str, required: bool = False) -> float | None:
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self._fail(key, f"must be a number in [0, 1], not {_kind(value)} {value!r}")
            return None
        number = float(value)
        if math.isnan(number) or not 0.0 <= number <= 1.0:
            self._fail(key, f"{value} is outside [0, 1]")
            return None
        return number

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
        self._fail(key, f"'{value}' is not a day", hint="write it as YYYY-MM-DD")
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
                f"'{value}' is not one of the documented values",
                hint=_did_you_mean(value, options) or f"use one of: {', '.join(options)}",
            )
            return None

    def items(self, key: str, required: bool = False) -> list[Any]:
        value = self.get(key, required)
        if value is None:
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
                    key, f"item {item!r} must be {'an id' if refers_to else 'non-empty text'}"
                )
        return tuple(out)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
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
    entry = _Entry(problems, file, label, raw, EVIDENCE_KEYS)
    text = entry.text("text", required=True)
    speaker = entry.slug("speaker", refers_to="speakers")
    programme = entry.slug("programme", refers_to="programmes")
    when = entry.period("date")
    cites = entry.text("cites")
    if entry.ok and speaker is None and programme is None and cites is None:
        entry._fail(None, "says nothing of who said it", hint="give a speaker, programme or cites")
    if not entry.ok or text is None:
        return None
    return Evidence(text, speaker, programme, when, cites)


def parse_link(problems: _Problems, file: str, label: str, raw: Any) -> Link | None:
    entry = _Entry(problems, file, label, raw, LINK_KEYS)
    link_id = entry.slug("id", required=True)
    source = entry.slug("source", required=True, refers_to="actors")
    target = entry.slug("target", required=True, refers_to="actors")
    link_type = entry.choice("type", LinkType, TYPE_VALUES)
    strength = entry.unit("strength", required=True)
    confidence = entry.unit("confidence", required=True)
    when = entry.period("date")
    text_label = entry.text("label")
    note = entry.text("note")
    evidence: list[Evidence] = []
    for i, item in enumerate(entry.items("evidence")):
        parsed = parse_evidence(problems, file, f"{entry.label}.evidence[{i}]", item)
        if parsed is None:
            entry.ok = False
        else:
            evidence.append(parsed)
    if source is not None and source == target:
        entry._fail("target", f"links '{source}' to itself", hint="a link joins two actors")
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
        confidence,
        when,
        text_label,
        tuple(evidence),
        note,
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
        strength, confidence = sub.unit("strength"), sub.unit("confidence")
        note = sub.text("note")
        if sub.ok and strength is None and confidence is None:
            sub._fail(None, "changes nothing", hint="give a new strength and/or confidence")
        if sub.ok and link_id is not None:
            changes.append(LinkChange(link_id, strength, confidence, note))
        entry.ok = entry.ok and sub.ok
    removes: list[LinkRemoval] = []
    for i, item in enumerate(entry.items("removes")):
        removal = {"link": item} if isinstance(item, str) else item
        sub = _Entry(problems, file, f"{entry.label}.removes[{i}]", removal, REMOVAL_KEYS)
        link_id, note = sub.slug("link", required=True, refers_to="links"), sub.text("note")
        if sub.ok and link_id is not None:
            removes.append(LinkRemoval(link_id, note))
        entry.ok = entry.ok and sub.ok
    signposts: list[Signpost] = []
    for i, item in enumerate(entry.items("signposts")):
        sub = _Entry(problems, file, f"{entry.label}.signposts[{i}]", item, SIGNPOST_KEYS)
        text = sub.text("text", required=True)
        meaning = sub.text("meaning")
        speaker = sub.slug("speaker", refers_to="speakers")
        programme = sub.slug("programme", refers_to="programmes")
        if sub.ok and text is not None:
            signposts.append(Signpost(text, meaning, speaker, programme))
        entry.ok = entry.ok and sub.ok
    if not entry.ok or scenario_id is None or name is None:
        return None
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
        tuple(signposts),
    )


# -- the whole dataset -----------------------------------------------------------------------


@dataclass
class _Located:
    """A parsed entry with where it came from, for cross-reference messages."""

    value: Any
    file: str
    raw: Any
    label: str


def build_dataset(
    documents: Sequence[Document], origin: str = "", problems: Sequence[Problem] = ()
) -> Dataset:
    """Validate every document and cross-reference; return the Dataset or raise `DataError`.

    Each document's value must be a mapping of sections (`actors`, `links`, `scenarios`,
    `speakers`, `programmes`) to lists of entries. Every problem is collected before raising;
    `problems` are ones the reader already found (malformed files) and are reported first.
    """
    found = _Problems(list(problems))
    parsed: dict[str, list[_Located]] = {name: [] for name in SECTIONS}
    parsers: dict[str, Callable[[_Problems, str, int, Any], Any]] = {
        "actors": parse_actor,
        "speakers": parse_speaker,
        "programmes": parse_programme,
        "scenarios": parse_scenario,
        "links": lambda p, f, i, raw: parse_link(p, f, f"links[{i}]", raw),
    }
    for doc in documents:
        value = doc.value
        if value is None:
            found.add(
                doc.file,
                "file is empty",
                line=doc.line,
                hint="add an `actors:` or `links:` section",
            )
            continue
        if not isinstance(value, Mapping):
            found.add(
                doc.file,
                f"must be a mapping of sections, not {_kind(value)}",
                line=_line(value) or doc.line,
                hint=f"start with one of: {', '.join(s + ':' for s in SECTIONS)}",
            )
            continue
        for section, items in value.items():
            if section not in SECTIONS:
                found.add(
                    doc.file,
                    f"unknown section '{section}'",
                    line=_line(value, str(section)),
                    hint=_did_you_mean(str(section), SECTIONS)
                    or f"sections are: {', '.join(SECTIONS)}",
                )
                continue
            if items is None:
                continue
            if not isinstance(items, list):
                found.add(
                    doc.file,
                    f"must be a list of entries, not {_kind(items)}",
                    line=_line(value, section),
                    entry=section,
                )
                continue
            for index, raw in enumerate(items):
                result = parsers[section](found, doc.file, index, raw)
                if result is not None:
                    parsed[section].append(
                        _Located(result, doc.file, raw, f"{section}[{result.id}]")
                    )

    _check_unique(found, parsed)
    if not any(p.message.startswith("malformed YAML") for p in found.items):
        # with a file unreadable, every reference into it would be reported too: noise
        _check_references(found, parsed, _declared_ids(documents))
    if found.items:
        raise DataError(found.items)
    return Dataset(
        actors=tuple(x.value for x in parsed["actors"]),
        links=tuple(x.value for x in parsed["links"]),
        scenarios=tuple(x.value for x in parsed["scenarios"]),
        speakers=tuple(x.value for x in parsed["speakers"]),
        programmes=tuple(x.value for x in parsed["programmes"]),
        origin=origin,
    )


def _check_unique(problems: _Problems, parsed: Mapping[str, list[_Located]]) -> None:
    link_ids: dict[str, _Located] = {}
    for section, entries in parsed.items():
        seen: dict[str, _Located] = link_ids if section == "links" else {}
        for located in entries:
            _claim(problems, seen, located.value.id, located, "id", located.raw)
        if section == "scenarios":
            for located in entries:
                for link, raw in zip(
                    located.value.adds, located.raw.get("adds") or [], strict=False
                ):
                    _claim(problems, link_ids, link.id, located, f"adds[{link.id}].id", raw)


def _claim(
    problems: _Problems,
    seen: dict[str, _Located],
    ident: str,
    where: _Located,
    field: str,
    raw: Any,
) -> None:
    first = seen.get(ident)
    if first is None:
        seen[ident] = where
        return
    first_line = _line(first.raw)
    at = f"{first.file}:{first_line}" if first_line else first.file
    problems.add(
        where.file,
        f"duplicate id '{ident}' (first defined at {at})",
        line=_line(raw, "id"),
        entry=where.label,
        field=field,
        hint="ids must be unique within actors, links, scenarios",
    )


def _declared_ids(documents: Sequence[Document]) -> dict[str, set[str]]:
    """Ids every entry declares, valid or not, so a broken entry causes no knock-on errors."""
    declared: dict[str, set[str]] = {name: set() for name in SECTIONS}
    for doc in documents:
        if not isinstance(doc.value, Mapping):
            continue
        for section, items in doc.value.items():
            if section in declared and isinstance(items, list):
                declared[section].update(
                    item["id"]
                    for item in items
                    if isinstance(item, Mapping) and isinstance(item.get("id"), str)
                )
    return declared


_WHAT = {"actors": "actor", "links": "base link", "speakers": "speaker", "programmes": "programme"}


def _check_references(
    problems: _Problems, parsed: Mapping[str, list[_Located]], declared: Mapping[str, set[str]]
) -> None:
    """Every id an entry used (valid entry or not) must be declared in its section."""
    actor_names = {a.value.name.casefold(): a.value.id for a in parsed["actors"]}
    for ref in problems.references:
        known = declared[ref.what]
        if ref.ident in known:
            continue
        what = _WHAT[ref.what]
        problems.add(
            ref.file,
            f"unknown {what} '{ref.ident}'",
            line=ref.line,
            entry=ref.entry,
            field=ref.field,
            hint=_did_you_mean(ref.ident, known, actor_names if ref.what == "actors" else None)
            or f"define {what} '{ref.ident}' first",
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
                        f"link '{item.link}' is already in {touched[item.link]}",
                        line=_line(raw, "link"),
                        entry=f"{loc.label}.{kind}[{i}]",
                        field="link",
                        hint="a scenario changes or removes a link once",
                    )
                touched[item.link] = kind
