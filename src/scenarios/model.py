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

from scenarios.errors import NotFound, UsageError, quote
from scenarios.vocab import ActorKind, LinkType

Day = date  # classes below have a field called `date`; annotations inside them use `Day`

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class Precision(StrEnum):
    """How finely a date is known: the coarsest part of what was written."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_COARSENESS = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A day, month, year or range of them, as written in the data (`2025-10-24/2025-10-26`).

    `counted_from` is the first day on which the date alone says it has *certainly* begun: the
    last day of its start part (the day itself for a day; the month's or year's last day for
    `2025-10` or `2025`; for a range `A/B`, the last day of A); a report within the start part
    can make a link count earlier (`counted`). `precision` is the coarsest part written.

    >>> Period.parse("2025-08").end
    datetime.date(2025, 8, 31)
    >>> p = Period.parse("2025-10")
    >>> p.counted_from, p.precision.value
    (datetime.date(2025, 10, 31), 'month')
    >>> Period.parse("2025-10-24/2025-10-26").counted_from
    datetime.date(2025, 10, 24)
    """

    start: date
    end: date
    text: str
    counted_from: date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `A/B` with A and B of those forms."""
        text = text.strip()
        if "/" in text:
            left, _, right = text.partition("/")
            first, last = cls.parse(left), cls.parse(right)
            if last.end < first.start:
                raise ValueError(f"range {quote(text)} ends before it starts")
            coarsest = max(first.precision, last.precision, key=_COARSENESS.__getitem__)
            return cls(first.start, last.end, text, first.end, coarsest)
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not match:
            raise ValueError(f"{quote(text)} is not a date (use YYYY-MM-DD, YYYY-MM, YYYY or A/B)")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            if month is None:
                end = date(year, 12, 31)
                return cls(date(year, 1, 1), end, text, end, Precision.YEAR)
            if day is None:
                end = date(year, month, calendar.monthrange(year, month)[1])
                return cls(date(year, month, 1), end, text, end, Precision.MONTH)
            one = date(year, month, day)
            return cls(one, one, text, one, Precision.DAY)
        except ValueError as err:
            raise ValueError(f"{quote(text)} is not a valid date ({err})") from None

    @classmethod
    def of_day(cls, day: date) -> Period:
        return cls(day, day, day.isoformat(), day, Precision.DAY)

    def __str__(self) -> str:
        return self.text


class CountedBy(StrEnum):
    """What sets the day a dated link or observation counts from under `--as-of`."""

    DATE = "date"  # its date: the last day of the date's start part (`Period.counted_from`)
    REPORT = "report"  # an earlier report of it, made within that start part


@dataclass(frozen=True, slots=True)
class Counted:
    """The day a dated link or observation counts from under `--as-of`, and why that day."""

    day: date
    by: CountedBy


def counted(when: Period, reports: Iterable[date | None]) -> Counted:
    """The day something dated `when` counts from: the last day on which it may have begun
    (`when.counted_from`), or the earliest report of it that falls on or after its first
    possible day (`when.start`) and before that day. A report that it has happened proves it
    had begun by then; a report from before its period (an announcement of something to come)
    changes nothing (docs/data-format.md, "date").

    >>> strategy = Period.parse("2025-12")
    >>> counted(strategy, [date(2025, 12, 7), date(2025, 11, 20)])
    Counted(day=datetime.date(2025, 12, 7), by=<CountedBy.REPORT: 'report'>)
    >>> counted(Period.parse("2025-10"), [date(2025, 12, 7)]).day
    datetime.date(2025, 10, 31)
    """
    start, last = when.start, when.counted_from
    early = [day for day in reports if day is not None and start <= day < last]
    return Counted(min(early), CountedBy.REPORT) if early else Counted(last, CountedBy.DATE)


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
    # the link types that make the scenario's connection (empty: every channel type);
    # structural links always carry, adversarial types never (graph.py)
    connected_by: tuple[LinkType, ...] = ()


@dataclass(frozen=True, slots=True)
class Observation:
    """A sourced, graded statement about a signpost: a sighting of it, or who raised it.

    For a sighting, `date` is when the thing watched for happened (the `--as-of` clock) and
    `reported` when it became known (the `--known-by` clock; by default its programme's date,
    else `date`). For an item of `raised_by`, `date` is when it was said, as for evidence.
    """

    text: str
    date: Period | None = None
    reported: Period | None = None
    speaker: str | None = None
    programme: str | None = None
    cites: str | None = None
    url: str | None = None
    accessed: Day | None = None
    locator: str | None = None
    grade: str | None = None  # a grade of the dataset's ladder, as for evidence


@dataclass(frozen=True, slots=True)
class Signpost:
    """Something observable that would show some scenarios arriving and others not.

    `points_to`: the scenarios that expect it; `against`: those it would count against;
    `bears_on`: the actors or links (ids) it is about.
    """

    id: str
    statement: str
    points_to: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    bears_on: tuple[str, ...] = ()
    meaning: str | None = None
    raised_by: tuple[Observation, ...] = ()
    observations: tuple[Observation, ...] = ()


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
    not_yet: tuple[Link, ...] = ()  # dated links that cannot have begun by `as_of`
    as_of: date | None = None
    possible: tuple[Link, ...] = ()  # may have begun by `as_of`, not certainly: not counted
    known_by: date | None = None
    unreported: tuple[Link, ...] = ()  # left out: none of their evidence is known by `known_by`

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
    signposts: tuple[Signpost, ...] = ()
    grades: tuple[Grade, ...] = ()  # the declared ladder; () means DEFAULT_GRADES
    origin: str = field(default="", compare=False)
    # `sourced_only()`'s: the ids of the background links it left out (None: not asked)
    left_out: tuple[str, ...] | None = field(default=None, compare=False)
    # set by `as_known_by`: the day, and the links it left out (with the scenario adding one)
    known_by: date | None = field(default=None, compare=False)
    unreported: tuple[tuple[str | None, Link], ...] = field(default=(), compare=False)
    unraised: tuple[str, ...] = field(default=(), compare=False)  # signposts raised later
    actor_by_id: Mapping[str, Actor] = field(init=False, repr=False, compare=False)
    scenario_by_id: Mapping[str, Scenario] = field(init=False, repr=False, compare=False)
    speaker_by_id: Mapping[str, Speaker] = field(init=False, repr=False, compare=False)
    programme_by_id: Mapping[str, Programme] = field(init=False, repr=False, compare=False)
    signpost_by_id: Mapping[str, Signpost] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        setter = object.__setattr__
        setter(self, "actor_by_id", _freeze({a.id: a for a in self.actors}))
        setter(self, "scenario_by_id", _freeze({s.id: s for s in self.scenarios}))
        setter(self, "speaker_by_id", _freeze({s.id: s for s in self.speakers}))
        setter(self, "programme_by_id", _freeze({p.id: p for p in self.programmes}))
        setter(self, "signpost_by_id", _freeze({s.id: s for s in self.signposts}))

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
                f"{quote(query)} is ambiguous: it names {', '.join(ids)}",
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
        appended. With `as_of`, a dated link (base or added) counts once it has certainly
        begun (`counts_from`: its date's last possible start day, or an earlier report of
        it); one that may have begun is listed in `possible`, one that cannot have in
        `not_yet`, and neither is in `links`. Undated links always count.

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
        possible: list[Link] = []
        early = self._reported_early if as_of is not None else {}
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
            when = link.date
            if as_of is None or when is None or early.get(link.id, when.counted_from) <= as_of:
                kept.append(link)
                status[link.id] = label
            else:
                (possible if when.start <= as_of else not_yet).append(link)
        for added in adds:  # dated additions follow the same rule as base links
            when = added.date
            if as_of is None or when is None or early.get(added.id, when.counted_from) <= as_of:
                kept.append(added)
                status[added.id] = LinkStatus.ADDED
            else:
                (possible if when.start <= as_of else not_yet).append(added)
        sid = chosen.id if chosen else None
        return ScenarioView(
            scenario=chosen,
            actors=self.actors,
            links=tuple(kept),
            status=MappingProxyType(status),
            removed=tuple(found[r] for r in removes if r in found),
            not_yet=tuple(not_yet),
            as_of=as_of,
            possible=tuple(possible),
            known_by=self.known_by,
            unreported=tuple(
                link
                for by, link in self.unreported
                if (by is None and link.id not in removes) or (by is not None and by == sid)
            ),
        )

    # -- the second clock: what was known by a day -----------------------------------------

    def said_on(self, item: Evidence | Observation) -> Period | None:
        """When an evidence item (or a `raised_by` item) was said: its own `date`, else its
        programme's date; None if nothing dates it. The one place that default is applied."""
        if item.date is not None:
            return item.date
        if item.programme is not None:
            return Period.of_day(self.programme_by_id[item.programme].date)
        return None

    def said_day(self, item: Evidence | Observation) -> Day | None:
        """The day an evidence item (or a `raised_by` item) is certainly known from: the last
        day of the start part of `said_on` (a month-dated item: the month's last day)."""
        said = self.said_on(item)
        return said.counted_from if said is not None else None

    def counted(self, link: Link) -> Counted | None:
        """The day a dated link (base or added) counts from under `--as-of`, and why (None:
        undated, it always counts): `model.counted` over the days its evidence was said
        (`said_day`), as far as this dataset knows them (after `as_known_by`, the evidence
        known by then)."""
        if link.date is None:
            return None
        report = self._reported_early.get(link.id)
        if report is not None:
            return Counted(report, CountedBy.REPORT)
        return Counted(link.date.counted_from, CountedBy.DATE)

    @cached_property
    def _reported_early(self) -> Mapping[str, Day]:
        """Dated links that a report shows had begun before their date's last possible start
        day: id -> that report's day. Only dates with an imprecise start part can have one."""
        out: dict[str, Day] = {}
        for links in (self.links, *(s.adds for s in self.scenarios)):
            for link in links:
                when = link.date
                if when is None or when.start == when.counted_from or not link.evidence:
                    continue
                found = counted(when, (self.said_day(item) for item in link.evidence))
                if found.by is CountedBy.REPORT:
                    out[link.id] = found.day
        return out

    def happened(self, sighting: Observation) -> Counted | None:
        """The day an observation of a signpost counts from (the `--as-of` clock), and why: as
        for a link (`counted`), from its date and the day it was reported (`reported_day`);
        an observation given no date counts from its programme's date (it had happened by
        then); None if nothing dates it."""
        if sighting.date is None:
            said = self.said_day(sighting)
            return None if said is None else Counted(said, CountedBy.REPORT)
        return counted(sighting.date, (self.reported_day(sighting),))

    def happened_day(self, sighting: Observation) -> Day | None:
        """The day of `happened`, or None."""
        found = self.happened(sighting)
        return None if found is None else found.day

    def reported_day(self, sighting: Observation) -> Day | None:
        """The day an observation of a signpost is certainly known from: its `reported` date,
        else its programme's date, else its own date (it cannot be known before it happened)."""
        if sighting.reported is not None:
            return sighting.reported.counted_from
        if sighting.programme is not None:
            return self.programme_by_id[sighting.programme].date
        return sighting.date.counted_from if sighting.date is not None else None

    def as_known_by(self, day: Day) -> Dataset:
        """The dataset as it could be known on `day` (the `--known-by` clock, docs/whatif.md).

        Evidence items known only after `day` are dropped. A link (base or added) that has
        evidence but none of it known by `day` is left out and listed in `unreported`; a link
        with no evidence at all is kept, as nothing dates it. Signposts keep the observations
        reported by `day`; a signpost whose `raised_by` items are all later is left out.

        >>> from scenarios.vocab import LinkType
        >>> said = Evidence("met", cites="a paper", date=Period.parse("2025-12"))
        >>> ds = Dataset((), (Link("x", "a", "b", LinkType.SUPPORTS, 1, 1, evidence=(said,)),))
        >>> [link.id for _, link in ds.as_known_by(date(2025, 12, 30)).unreported]
        ['x']
        >>> len(ds.as_known_by(date(2025, 12, 31)).links)
        1
        """
        unreported: list[tuple[str | None, Link]] = []

        def known(links: Iterable[Link], by: str | None) -> tuple[Link, ...]:
            out = []
            for link in links:
                if not link.evidence:
                    out.append(link)
                    continue
                said = tuple(e for e in link.evidence if self._known(self.said_day(e), day))
                if not said:
                    unreported.append((by, link))
                elif len(said) < len(link.evidence):
                    out.append(replace(link, evidence=said))
                else:
                    out.append(link)
            return tuple(out)

        links = known(self.links, None)
        scenarios = tuple(replace(s, adds=known(s.adds, s.id)) for s in self.scenarios)
        signposts = []
        unraised = []
        for sign in self.signposts:
            raised = tuple(r for r in sign.raised_by if self._known(self.said_day(r), day))
            if sign.raised_by and not raised:
                unraised.append(sign.id)
                continue
            seen = tuple(o for o in sign.observations if self._known(self.reported_day(o), day))
            signposts.append(replace(sign, raised_by=raised, observations=seen))
        return replace(
            self,
            links=links,
            scenarios=scenarios,
            signposts=tuple(signposts),
            known_by=day,
            unreported=tuple(unreported),
            unraised=tuple(unraised),
        )

    @staticmethod
    def _known(known_from: Day | None, day: Day) -> bool:
        return known_from is None or known_from <= day
