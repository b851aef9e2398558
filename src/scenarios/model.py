"""The validated, immutable domain: actors, links, scenarios, and the dataset that holds them.

Instances are built by `scenarios.dataset.validate` (from YAML, bulk files or Neo4j records)
and trusted everywhere else. Nothing here does I/O.
"""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import TypeVar

from scenarios.errors import NotFound, UsageError
from scenarios.vocab import ActorKind, LinkType

Day = date  # classes below have a field called `date`; annotations inside them use `Day`

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A day, month, year or range of them, as written in the data (`2025-10-24/2025-10-26`).

    >>> Period.parse("2025-08").end
    datetime.date(2025, 8, 31)
    """

    start: date
    end: date
    text: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `A/B` with A and B of those forms."""
        text = text.strip()
        if "/" in text:
            left, _, right = text.partition("/")
            first, last = cls.parse(left), cls.parse(right)
            if last.end < first.start:
                raise ValueError(f"range '{text}' ends before it starts")
            return cls(first.start, last.end, text)
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not match:
            raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD, YYYY-MM, YYYY or A/B)")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            if month is None:
                return cls(date(year, 1, 1), date(year, 12, 31), text)
            if day is None:
                last_day = calendar.monthrange(year, month)[1]
                return cls(date(year, month, 1), date(year, month, last_day), text)
            return cls(date(year, month, day), date(year, month, day), text)
        except ValueError as err:
            raise ValueError(f"'{text}' is not a valid date ({err})") from None

    @classmethod
    def of_day(cls, day: date) -> Period:
        return cls(day, day, day.isoformat())

    def __str__(self) -> str:
        return self.text


def parse_day(text: str) -> date:
    """Parse a command-line date (YYYY-MM-DD, or YYYY-MM / YYYY meaning their last day)."""
    try:
        return Period.parse(text).end
    except ValueError as err:
        raise UsageError(str(err), hint="write dates as YYYY-MM-DD, e.g. 2025-12-02") from None


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone whose statement is evidence: a commentator, an anchor, the narration."""

    id: str
    name: str
    name_ja: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Programme:
    """A broadcast, article or report that evidence comes from."""

    id: str
    title: str
    date: Day
    title_ja: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Grade:
    """A named step of the confidence ladder: `assessed` is 0.6, a commentator's assessment."""

    name: str
    value: float
    meaning: str | None = None


DEFAULT_GRADES = (
    Grade("fact", 1.0, "on-record fact"),
    Grade("reported", 0.8, "reported by named media"),
    Grade("assessed", 0.6, "a commentator's assessment"),
    Grade("heard", 0.4, 'second-hand ("I heard")'),
    Grade("speculation", 0.3, "speculation"),
)
"""The ladder a dataset uses unless it declares its own in a `grades:` section."""


def ladder_text(grades: Iterable[Grade]) -> str:
    """`fact 1.0, reported 0.8, ...`: a ladder in one line, for messages.

    >>> ladder_text(DEFAULT_GRADES[:2])
    'fact 1.0, reported 0.8'
    """
    return ", ".join(f"{g.name} {float(g.value)}" for g in grades)


def on_ladder(value: float, grades: Iterable[Grade]) -> Grade | None:
    """The grade whose value `value` is (to 1e-9), or None: the number is off the ladder."""
    return next((g for g in grades if abs(g.value - value) <= 1e-9), None)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why we believe a link: our own short paraphrase, who said it, where and when.

    `grade` names the ladder grade this item by itself supports; `locator` says where in the
    source it is (a paragraph `¶12`, a timestamp), `url` and `accessed` where it can be read.
    """

    text: str
    speaker: str | None = None
    programme: str | None = None
    date: Period | None = None
    cites: str | None = None
    grade: str | None = None
    locator: str | None = None
    url: str | None = None
    accessed: Day | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A node: a state, person, institution, asset, document or territory."""

    id: str
    name: str
    kind: ActorKind
    name_ja: str | None = None
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    description: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the actor answers to: id, English and Japanese names, aliases."""
        extra = (self.name_ja,) if self.name_ja else ()
        return (self.id, self.name, *extra, *self.aliases)


@dataclass(frozen=True, slots=True)
class Link:
    """A typed, directed, weighted relationship between two actors, with its evidence."""

    id: str
    source: str
    target: str
    type: LinkType
    strength: float
    confidence: float
    date: Period | None = None
    label: str | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    grade: str | None = None  # the ladder grade `confidence` was written as, if it was
    background: str | None = None  # why the analysis needs a fact no source states

    @property
    def basis(self) -> str:
        """`background` (analyst knowledge the sources do not state) or `sourced`."""
        return "sourced" if self.background is None else "background"

    @property
    def weight(self) -> float:
        """How much the link carries: strength discounted by our confidence in it."""
        return self.strength * self.confidence

    @property
    def pair(self) -> tuple[str, str]:
        """The unordered actor pair, as a sorted tuple (the identity of a tie)."""
        return (
            (self.source, self.target) if self.source <= self.target else (self.target, self.source)
        )

    def in_evidence(self, as_of: Day | None) -> bool:
        """Whether the link was in evidence on `as_of` (undated links always are)."""
        return as_of is None or self.date is None or self.date.start <= as_of


class _LinkMaker:
    """Builds a `Link` five times faster than `Link(...)`, for readers of a million links.

    A frozen dataclass sets each field through `object.__setattr__` (about 1.7 us a link).
    This class has the same slots in the same order, so it stores the fields plainly and then
    becomes a `Link` (a `__class__` change Python allows between identical slot layouts):
    the result is a `Link` like any other, equal to and as frozen as `Link(...)`'s.
    tests/test_model.py checks both give equal links.
    """

    __slots__ = Link.__slots__  # the same slots: the layouts match

    def __init__(
        self,
        id: str,
        source: str,
        target: str,
        type: LinkType,
        strength: float,
        confidence: float,
        date: Period | None,
        label: str | None,
        evidence: tuple[Evidence, ...],
        note: str | None,
        grade: str | None = None,
        background: str | None = None,
    ) -> None:
        self.id = id
        self.source = source
        self.target = target
        self.type = type
        self.strength = strength
        self.confidence = confidence
        self.date = date
        self.label = label
        self.evidence = evidence
        self.note = note
        self.grade = grade
        self.background = background
        self.__class__ = Link  # type: ignore[assignment]


make_link: Callable[
    [
        str,
        str,
        str,
        LinkType,
        float,
        float,
        Period | None,
        str | None,
        tuple[Evidence, ...],
        str | None,
        str | None,
        str | None,
    ],
    Link,
] = _LinkMaker  # type: ignore[assignment]
"""`Link(...)` with every field given positionally, made fast (see `_LinkMaker`)."""


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A scenario's reweighting of a base link."""

    link: str
    strength: float | None = None
    confidence: float | None = None
    note: str | None = None
    grade: str | None = None  # the ladder grade `confidence` was written as, if it was


@dataclass(frozen=True, slots=True)
class LinkRemoval:
    """A scenario's removal of a base link."""

    link: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Signpost:
    """Something observable that would show the scenario arriving (or failing)."""

    text: str
    meaning: str | None = None
    speaker: str | None = None
    programme: str | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    """An alternative future: the base graph plus the links it adds, reweights or removes."""

    id: str
    name: str
    key_actors: tuple[str, ...]
    description: str = ""
    name_ja: str | None = None
    raised_by: tuple[str, ...] = ()
    adds: tuple[Link, ...] = ()
    changes: tuple[LinkChange, ...] = ()
    removes: tuple[LinkRemoval, ...] = ()
    signposts: tuple[Signpost, ...] = ()
    connected_by: tuple[LinkType, ...] = ()  # the link types that make its connection


class LinkStatus(StrEnum):
    """How a link in a scenario view relates to the base graph."""

    BASE = "base"
    ADDED = "added"
    STRENGTHENED = "strengthened"
    WEAKENED = "weakened"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class ScenarioView:
    """The links in force for one scenario (or the base graph) on one date."""

    scenario: Scenario | None
    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    status: Mapping[str, LinkStatus]
    removed: tuple[Link, ...] = ()
    not_yet: tuple[Link, ...] = ()
    as_of: date | None = None

    @property
    def key_actors(self) -> tuple[str, ...]:
        return self.scenario.key_actors if self.scenario else ()

    @property
    def name(self) -> str:
        return self.scenario.id if self.scenario else "base"


def normalise(text: str) -> str:
    """Fold a name for lookup: Unicode NFKC (full/half width), case-folded, spaces squeezed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


K = TypeVar("K")
V = TypeVar("V")


def _freeze(items: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(items))


@dataclass(frozen=True)
class Dataset:
    """Everything one dataset holds, in file order, with lookups by id."""

    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    scenarios: tuple[Scenario, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    programmes: tuple[Programme, ...] = ()
    grades: tuple[Grade, ...] = ()  # the declared ladder; () means DEFAULT_GRADES
    origin: str = field(default="", compare=False)
    # `sourced_only()`'s: the ids of the background links it left out (None: not asked)
    left_out: tuple[str, ...] | None = field(default=None, compare=False)
    actor_by_id: Mapping[str, Actor] = field(init=False, repr=False, compare=False)
    scenario_by_id: Mapping[str, Scenario] = field(init=False, repr=False, compare=False)
    speaker_by_id: Mapping[str, Speaker] = field(init=False, repr=False, compare=False)
    programme_by_id: Mapping[str, Programme] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        setter = object.__setattr__
        setter(self, "actor_by_id", _freeze({a.id: a for a in self.actors}))
        setter(self, "scenario_by_id", _freeze({s.id: s for s in self.scenarios}))
        setter(self, "speaker_by_id", _freeze({s.id: s for s in self.speakers}))
        setter(self, "programme_by_id", _freeze({p.id: p for p in self.programmes}))

    # built on first use: with a million links and 100,000 actors they take about a second,
    # which commands that never look a link up by id or an actor up by name should not pay

    @property
    def ladder(self) -> tuple[Grade, ...]:
        """The confidence ladder in force: the declared `grades`, else the default ladder."""
        return self.grades or DEFAULT_GRADES

    def sourced_only(self) -> Dataset:
        """The dataset without its background links, base and added (`--sourced-only`).

        Scenario changes and removals of a dropped base link go with it; `left_out` lists the
        ids dropped, in dataset order.

        >>> Dataset(actors=(), links=()).sourced_only().left_out
        ()
        """
        dropped = [link.id for link in self.links if link.background is not None]
        gone = set(dropped)
        scenarios = []
        for scenario in self.scenarios:
            added = [link for link in scenario.adds if link.background is not None]
            dropped += [link.id for link in added]
            if not added and not gone:
                scenarios.append(scenario)
                continue
            scenarios.append(
                replace(
                    scenario,
                    adds=tuple(link for link in scenario.adds if link.background is None),
                    changes=tuple(c for c in scenario.changes if c.link not in gone),
                    removes=tuple(r for r in scenario.removes if r.link not in gone),
                )
            )
        links = tuple(link for link in self.links if link.id not in gone) if gone else self.links
        return replace(self, links=links, scenarios=tuple(scenarios), left_out=tuple(dropped))

    @cached_property
    def link_by_id(self) -> Mapping[str, Link]:
        return _freeze({link.id: link for link in self.links})

    @cached_property
    def _names(self) -> Mapping[str, tuple[str, ...]]:
        names: dict[str, list[str]] = {}
        for actor in self.actors:
            for name in actor.names:
                ids = names.setdefault(normalise(name), [])
                if actor.id not in ids:
                    ids.append(actor.id)
        return _freeze({k: tuple(v) for k, v in names.items()})

    # -- lookups ---------------------------------------------------------------------------

    def resolve_actor(self, query: str) -> Actor:
        """Find an actor by id, name, Japanese name or alias, case- and width-insensitively.

        A unique word of a name also matches (`putin` finds "Vladimir Putin"). A miss raises
        `NotFound` with the closest names as suggestions.
        """
        key = normalise(query)
        ids = self._names.get(key)
        if ids is None:
            ids = tuple(
                sorted({a.id for a in self.actors for n in a.names if key in normalise(n).split()})
            )
        if len(ids) == 1:
            return self.actor_by_id[ids[0]]
        if len(ids) > 1:
            raise UsageError(
                f"'{query}' is ambiguous: it names {', '.join(ids)}",
                hint="use the actor id",
            )
        raise NotFound("actor", query, self._suggest(key))

    def _suggest(self, key: str) -> list[str]:
        close = difflib.get_close_matches(key, list(self._names), n=5, cutoff=0.6)
        contains = [name for name in self._names if key and (key in name or name in key)]
        ids: list[str] = []
        for name in [*close, *contains]:
            for actor_id in self._names[name]:
                if actor_id not in ids:
                    ids.append(actor_id)
        return [f"{i} ({self.actor_by_id[i].name})" for i in ids[:3]]

    def resolve_scenario(self, query: str) -> Scenario:
        """Find a scenario by id or name (case-insensitive), or raise `NotFound`."""
        key = normalise(query)
        for scenario in self.scenarios:
            if key in {normalise(scenario.id), normalise(scenario.name)} or (
                scenario.name_ja and key == normalise(scenario.name_ja)
            ):
                return scenario
        candidates = [s.id for s in self.scenarios]
        raise NotFound(
            "scenario", query, difflib.get_close_matches(key, candidates, n=3, cutoff=0.4)
        )

    def links_touching(self, actor_id: str) -> Iterable[Link]:
        return (link for link in self.links if actor_id in (link.source, link.target))

    # -- scenario views --------------------------------------------------------------------

    def view(self, scenario: str | None = None, *, as_of: date | None = None) -> ScenarioView:
        """The links in force for `scenario` (None: the shared base graph) as of a date.

        Base links the scenario removes are dropped, reweighted ones replaced, added ones
        appended. With `as_of`, dated links whose period starts after that day are left out;
        undated links (including a scenario's hypothetical additions) stay in.

        >>> ds = Dataset(actors=(), links=())
        >>> ds.view().links
        ()
        """
        chosen = self.scenario_by_id[scenario] if scenario is not None else None
        removes = {r.link: r for r in chosen.removes} if chosen else {}
        changes = {c.link: c for c in chosen.changes} if chosen else {}
        adds = chosen.adds if chosen else ()
        status: dict[str, LinkStatus] = {}
        found: dict[str, Link] = {}
        kept: list[Link] = []
        not_yet: list[Link] = []
        base = LinkStatus.BASE
        # one pass over the base links, in order (a million of them at scale)
        for base_link in self.links:
            link = base_link
            if removes and link.id in removes:
                found[link.id] = link
                continue
            if changes and link.id in changes:
                change = changes[link.id]
                link = replace(
                    base_link,
                    strength=link.strength if change.strength is None else change.strength,
                    confidence=link.confidence if change.confidence is None else change.confidence,
                    grade=link.grade if change.confidence is None else change.grade,
                )
                label = (
                    LinkStatus.WEAKENED
                    if link.weight < base_link.weight
                    else LinkStatus.STRENGTHENED
                )
            else:
                label = base
            if as_of is None or link.date is None or link.date.start <= as_of:
                kept.append(link)
                status[link.id] = label
            else:
                not_yet.append(link)
        for added in adds:
            if added.in_evidence(as_of):
                kept.append(added)
                status[added.id] = LinkStatus.ADDED
            else:
                not_yet.append(added)
        return ScenarioView(
            scenario=chosen,
            actors=self.actors,
            links=tuple(kept),
            status=MappingProxyType(status),
            removed=tuple(found[r] for r in removes),
            not_yet=tuple(not_yet),
            as_of=as_of,
        )
