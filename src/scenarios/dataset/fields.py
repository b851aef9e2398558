"""The dataset format's fields, section by section: one table for the validator and the editors.

`validate` takes each entry's allowed keys from here; `add`, `edit` and `pull` take from here
which fields a section has, which are required, what each holds (and so the type of its
command-line flag and how it is written to YAML), which section an id refers to, and how the
items of a nested list are matched (by id, by the link they name, or by position). A new field
of the format is one row here (and its parsing in `validate`); the editors need no new code.

The order of a table is the order the seed dataset writes the fields in: a new entry is
written in it, and a field added to an existing entry is placed after the fields that come
before it here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from scenarios.vocab import ActorKind, LinkType


class Holds(StrEnum):
    """What a field's value is (docs/data-format.md)."""

    ID = "id"  # a slug
    TEXT = "text"
    UNIT = "unit"  # a number in [0, 1]
    GRADE = "grade"  # a number in [0, 1] or the name of a grade of the ladder
    PERIOD = "period"  # YYYY, YYYY-MM, YYYY-MM-DD or A/B of those
    DAY = "day"  # YYYY-MM-DD
    CHOICE = "choice"  # one of `choices`
    TEXTS = "texts"  # a list of text
    IDS = "ids"  # a list of ids
    ENTRIES = "entries"  # a list of nested entries (the table `entries`)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an entry."""

    name: str
    holds: Holds
    help: str
    required: bool = False
    refers_to: str | None = None  # the section whose ids it names (ID, IDS)
    choices: tuple[str, ...] = ()  # CHOICE
    entries: str | None = None  # ENTRIES: the table of its items

    @property
    def is_list(self) -> bool:
        return self.holds in (Holds.TEXTS, Holds.IDS, Holds.ENTRIES)


@dataclass(frozen=True, slots=True)
class Table:
    """The fields of one kind of entry, and how an entry is told apart from its siblings."""

    name: str
    fields: tuple[Field, ...]
    key: str | None = "id"  # the field that identifies an entry; None: its position
    shorthand: str | None = None  # an entry may be written as just this field's value

    @property
    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def order(self, name: str) -> int:
        """Where a field goes among its siblings (unknown ones last)."""
        for position, item in enumerate(self.fields):
            if item.name == name:
                return position
        return len(self.fields)


_KINDS = tuple(kind.value for kind in ActorKind)
_TYPES = tuple(link_type.value for link_type in LinkType)
ACTORS_OR_LINKS = "actors or links"  # what a signpost's `bears_on` names: an actor or a link
# an evidence item's fields; a signpost's observations are evidence dated twice
_EVIDENCE = (
    Field("text", Holds.TEXT, "Your own short paraphrase of what was said.", True),
    Field("speaker", Holds.ID, "Who said it.", refers_to="speakers"),
    Field("programme", Holds.ID, "Where it was said.", refers_to="programmes"),
    Field("date", Holds.PERIOD, "When it was said [default: the programme's date]."),
    Field("cites", Holds.TEXT, "What the speaker relays, or a public record."),
    Field("grade", Holds.TEXT, "The grade this item alone supports (e.g. assessed)."),
    Field("locator", Holds.TEXT, "Where in the source: a paragraph ¶12, a timestamp."),
    Field("url", Holds.TEXT, "Where the source can be read, with its scheme."),
    Field("accessed", Holds.DAY, "The day the url was read, YYYY-MM-DD."),
)

TABLES: Mapping[str, Table] = {
    table.name: table
    for table in (
        Table(
            "grades",
            (
                Field("name", Holds.ID, "The grade's name, e.g. assessed.", True),
                Field("value", Holds.UNIT, "The confidence it stands for, 0 to 1.", True),
                Field("meaning", Holds.TEXT, "What evidence earns it."),
            ),
            key="name",
        ),
        Table(
            "programmes",
            (
                Field("id", Holds.ID, "Programme id, e.g. nichiyo-scoop-2025-12-07.", True),
                Field("title", Holds.TEXT, "Title of the broadcast, article or report.", True),
                Field("title_ja", Holds.TEXT, "Japanese title."),
                Field("publisher", Holds.TEXT, "Broadcaster or publisher."),
                Field("date", Holds.DAY, "Broadcast or publication day, YYYY-MM-DD.", True),
            ),
        ),
        Table(
            "speakers",
            (
                Field("id", Holds.ID, "Speaker id, e.g. kotani.", True),
                Field("name", Holds.TEXT, "Name.", True),
                Field("name_ja", Holds.TEXT, "Japanese name."),
                Field("role", Holds.TEXT, "Role or affiliation."),
            ),
        ),
        Table(
            "actors",
            (
                Field("id", Holds.ID, "Actor id, e.g. wang-yi.", True),
                Field("name", Holds.TEXT, "English name.", True),
                Field("name_ja", Holds.TEXT, "Japanese name."),
                Field("aliases", Holds.TEXTS, "Another name it answers to (repeatable)."),
                Field("kind", Holds.CHOICE, "What sort of actor.", True, choices=_KINDS),
                Field("affiliation", Holds.ID, "The actor it belongs to.", refers_to="actors"),
                Field("description", Holds.TEXT, "One or two sentences."),
            ),
        ),
        Table(
            "links",
            (
                Field("id", Holds.ID, "Link id [default: SOURCE-TYPE-TARGET].", True),
                Field("source", Holds.ID, "Actor it starts from.", True, refers_to="actors"),
                Field("target", Holds.ID, "Actor it goes to.", True, refers_to="actors"),
                Field("type", Holds.CHOICE, "Link type.", True, choices=_TYPES),
                Field("strength", Holds.UNIT, "How much it binds its ends, 0 to 1.", True),
                Field(
                    "confidence",
                    Holds.GRADE,
                    "How sure the evidence is: a grade (fact, reported, assessed, heard, "
                    "speculation, or the dataset's own) or a number 0 to 1.",
                    True,
                ),
                Field("date", Holds.PERIOD, "When: YYYY-MM-DD, YYYY-MM, YYYY or A/B."),
                Field("label", Holds.TEXT, "Short caption."),
                Field(
                    "background",
                    Holds.TEXT,
                    "Makes it a background link: why the analysis needs a fact no source states.",
                ),
                Field("note", Holds.TEXT, "Free text."),
                Field("evidence", Holds.ENTRIES, "Why we believe it.", entries="evidence"),
            ),
        ),
        Table("evidence", _EVIDENCE, key=None),
        Table(
            "signposts",
            (
                Field("id", Holds.ID, "Signpost id, e.g. trade-deal-over-sea-lanes.", True),
                Field("statement", Holds.TEXT, "What would be seen.", True),
                Field(
                    "points_to",
                    Holds.IDS,
                    "A scenario that expects it (repeatable).",
                    refers_to="scenarios",
                ),
                Field(
                    "against",
                    Holds.IDS,
                    "A scenario it would count against (repeatable).",
                    refers_to="scenarios",
                ),
                Field(
                    "bears_on",
                    Holds.IDS,
                    "An actor or link it is about (repeatable).",
                    refers_to=ACTORS_OR_LINKS,
                ),
                Field("meaning", Holds.TEXT, "What it would mean."),
                Field(
                    "raised_by",
                    Holds.ENTRIES,
                    "Who proposed watching it (evidence items).",
                    entries="evidence",
                ),
                Field(
                    "observations",
                    Holds.ENTRIES,
                    "Sightings of it, dated when they happened.",
                    entries="observations",
                ),
            ),
        ),
        Table(
            "observations",
            (
                _EVIDENCE[0],
                Field("date", Holds.PERIOD, "When it happened [default: the programme's date]."),
                Field("reported", Holds.PERIOD, "When it became known [default: its programme's]."),
                *_EVIDENCE[1:3],
                *_EVIDENCE[4:],
            ),
            key=None,
        ),
        Table(
            "scenarios",
            (
                Field("id", Holds.ID, "Scenario id, e.g. new-yalta.", True),
                Field("name", Holds.TEXT, "Name.", True),
                Field("name_ja", Holds.TEXT, "Japanese name."),
                Field("description", Holds.TEXT, "What the future is."),
                Field("key_actors", Holds.IDS, "Actors whose connection makes it.", True, "actors"),
                Field(
                    "connected_by",
                    Holds.TEXTS,
                    "The link types that make its connection.",
                    choices=_TYPES,
                ),
                Field("raised_by", Holds.IDS, "Speakers who raised it.", refers_to="speakers"),
                Field("changes", Holds.ENTRIES, "Base links reweighted.", entries="changes"),
                Field("adds", Holds.ENTRIES, "Hypothetical links.", entries="links"),
                Field("removes", Holds.ENTRIES, "Base links dropped.", entries="removes"),
                Field(
                    "signposts",
                    Holds.ENTRIES,
                    "What to watch for (the old, scenario-nested form).",
                    entries="scenario_signposts",
                ),
            ),
        ),
        Table(
            "changes",
            (
                Field("link", Holds.ID, "Base link reweighted.", True, refers_to="links"),
                Field("strength", Holds.UNIT, "New strength."),
                Field("confidence", Holds.GRADE, "New confidence: a grade or a number."),
                Field("note", Holds.TEXT, "Why."),
            ),
            key="link",
        ),
        Table(
            "removes",
            (
                Field("link", Holds.ID, "Base link dropped.", True, refers_to="links"),
                Field("note", Holds.TEXT, "Why."),
            ),
            key="link",
            shorthand="link",
        ),
        Table(
            "scenario_signposts",
            (
                Field("text", Holds.TEXT, "What would be seen.", True),
                Field("meaning", Holds.TEXT, "What it would mean."),
                Field("speaker", Holds.ID, "Who pointed to it.", refers_to="speakers"),
                Field("programme", Holds.ID, "Where.", refers_to="programmes"),
            ),
            key=None,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class EntryKind:
    """What `scenarios add KIND` adds: an entry of a section, or an item nested in one.

    A nested item (evidence) goes in the list field `within` of the entry that its `parent`
    flag names (a link, by id).
    """

    name: str
    table: str
    section: str  # the top-level section it lives in
    within: str | None = None  # the parent's list field that holds it
    parent: str | None = None  # the flag naming the parent entry (its id)

    def parent_field(self) -> Field:
        """The field (flag) naming the entry a nested item goes under: `--link` for evidence."""
        assert self.parent is not None
        return Field(self.parent, Holds.ID, f"The {self.parent} it belongs to (its id).", True)


ENTRY_KINDS: Mapping[str, EntryKind] = {
    kind.name: kind
    for kind in (
        EntryKind("programme", "programmes", "programmes"),
        EntryKind("speaker", "speakers", "speakers"),
        EntryKind("actor", "actors", "actors"),
        EntryKind("link", "links", "links"),
        EntryKind("evidence", "evidence", "links", within="evidence", parent="link"),
        EntryKind("signpost", "signposts", "signposts"),
        EntryKind(
            "observation", "observations", "signposts", within="observations", parent="signpost"
        ),
    )
}
# `scenarios edit KIND ID` changes the fields of an entry found by its id
EDIT_KINDS = tuple(k.name for k in ENTRY_KINDS.values() if k.within is None)


def keys(table: str) -> frozenset[str]:
    """The fields an entry of `table` may have."""
    return TABLES[table].names
