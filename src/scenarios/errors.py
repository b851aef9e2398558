"""One exception root for everything a user can get wrong, and the exit codes the CLI maps it to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; documented in the README. Never renumber, only add."""

    OK = 0
    DATA = 1  # the dataset is invalid, or the question has no answer (no path)
    USAGE = 2  # a command-line argument is wrong (unknown actor, bad date, bad option)
    UNREACHABLE = 3  # no Bolt server answers at the URI, or the TLS handshake failed
    AUTH = 4  # the server refused the login (credentials, or locked after failed logins)
    NO_DATABASE = 5  # the server has no such database
    UNSUPPORTED = 6  # the server lacks a feature a command needs
    OUTPUT = 7  # an output file could not be written, or exists without --force
    DATABASE = 8  # the database failed or refused a statement (nothing was written)
    EDITED = 9  # `load` would overwrite edits made in the database since the last load
    INTERNAL = 70  # a bug: please report it (rerun with --debug for the traceback)
    INTERRUPTED = 130


class ScenarioError(Exception):
    """Root of every foreseeable error; the CLI prints `message` and `hint`, never a traceback."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


QUOTE_LIMIT = 60  # characters of a value a message quotes; the rest is counted
_PART_LIMIT = 300  # a problem's message, entry, field or hint longer than this is cut


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    r"""`text` on one line (a control character written as its escape), or its first `limit`
    characters and how long it was.

    >>> shorten("x" * 1_000_000, 8), shorten("a\nb")
    ('xxxxxxxx… (1,000,000 characters)', 'a\\nb')
    """
    head = text[:limit]
    if not head.isprintable():  # a control character, or just a wide space (U+3000)?
        head = "".join(repr(c)[1:-1] if _breaks_lines(c) else c for c in head)
    return head if len(text) <= limit else f"{head}… ({len(text):,} characters)"


def _breaks_lines(character: str) -> bool:
    import unicodedata

    return unicodedata.category(character) in ("Cc", "Zl", "Zp")


def quote(text: str) -> str:
    r"""A value as a message quotes it: `'abc'`, never more than a short prefix, and on one
    line (see `shorten`).

    >>> quote("wang-yi"), quote("x" * 100)[-20:], quote("a\nb")
    ("'wang-yi'", "x…' (100 characters)", "'a\\nb'")
    """
    short = shorten(text)
    if len(text) <= QUOTE_LIMIT:
        return f"'{short}'"
    head, _, length = short.rpartition("… (")
    return f"'{head}…' ({length}"


class Problem:
    """One thing wrong with a dataset, located as precisely as the input allows.

    A plain class rather than a dataclass: this module is imported on the `--help` path.
    Each part is at most a few hundred characters (a huge value in the data is cut, never
    printed whole), whatever the caller quoted.
    """

    __slots__ = ("entry", "field", "file", "hint", "line", "message")

    def __init__(
        self,
        file: str,
        message: str,
        line: int | None = None,
        entry: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = file
        self.message = _cut(message)
        self.line = line
        self.entry = entry if entry is None else _cut(entry)
        self.field = field if field is None else _cut(field)
        self.hint = hint if hint is None else _cut(hint)

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            name: getattr(self, name)
            for name in ("file", "line", "entry", "field", "message", "hint")
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().values()))

    def __repr__(self) -> str:
        return f"Problem({self})"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = ".".join(part for part in (self.entry, self.field) if part)
        return f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"


def _cut(text: str) -> str:
    return text if len(text) <= _PART_LIMIT else shorten(text, _PART_LIMIT - 40)


class DataError(ScenarioError):
    """The dataset is invalid; carries every problem found, not just the first."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = tuple(problems)
        first = self.problems[0]
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        hint = first.hint or "run `scenarios validate` to list every problem"
        super().__init__(f"{first}{suffix}", hint=hint)


_LISTING = {"actor": "actors", "scenario": "list", "link": "links"}


class NotFound(ScenarioError):
    """A name given on the command line matches no actor, scenario or link."""

    exit_code = ExitCode.USAGE

    def __init__(self, what: str, query: str, suggestions: Iterable[str] = ()) -> None:
        self.what = what
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = (
            "did you mean " + ", ".join(f"'{s}'" for s in self.suggestions) + "?"
            if self.suggestions
            else f"list them with `scenarios {_LISTING[what]}`"
            if what in _LISTING
            else None
        )
        super().__init__(f"no {what} matches '{query}'", hint=hint)


class NoPath(ScenarioError):
    """The question has no answer on this graph (e.g. two actors are not connected)."""

    exit_code = ExitCode.DATA


class UsageError(ScenarioError):
    """An argument or option value is malformed or out of range."""

    exit_code = ExitCode.USAGE


class OutOfBounds(ScenarioError):
    """An analysis was asked for more than its documented bounds allow (too many samples, say).

    The pure layers raise it in their own words: `parameter` names the argument, and the message
    is the parameter followed by `reason`. The report layer says it again with the option that
    sets the parameter (`scenarios.reports.common.bounds_as_options`).
    """

    exit_code = ExitCode.USAGE

    def __init__(
        self, parameter: str, reason: str, *, hint: str | None = None, limit: int | None = None
    ) -> None:
        super().__init__(f"{parameter} {reason}", hint=hint)
        self.parameter = parameter
        self.reason = reason
        self.limit = limit  # the largest value allowed here, where the bound depends on the input


class OutputError(ScenarioError):
    """An output file cannot be written, or exists and --force was not given."""

    exit_code = ExitCode.OUTPUT


class StoreError(ScenarioError):
    """The graph database could not do what was asked."""

    exit_code = ExitCode.UNREACHABLE


class Unreachable(StoreError):
    """No Bolt server answered at the configured URI."""

    exit_code = ExitCode.UNREACHABLE


class AuthFailed(StoreError):
    """The server refused the username or password."""

    exit_code = ExitCode.AUTH


class DatabaseMissing(StoreError):
    """The server has no database of the configured name."""

    exit_code = ExitCode.NO_DATABASE


class Unsupported(StoreError):
    """The server lacks a feature the command needs (e.g. a procedure or syntax)."""

    exit_code = ExitCode.UNSUPPORTED


class QueryFailed(StoreError):
    """The server failed or refused a statement for another reason; the transaction rolled back."""

    exit_code = ExitCode.DATABASE


class EditedInDatabase(StoreError):
    """A load would overwrite (or prune) what was edited in the database since the last load."""

    exit_code = ExitCode.EDITED
    SHOWN = 5  # edits listed; the rest are counted

    def __init__(self, edits: Sequence[str], *, dry_run: bool = False) -> None:
        self.edits = tuple(edits)
        count = len(self.edits)
        lines = [
            f"the load would overwrite {count} edit{'s' if count != 1 else ''} made in the "
            "database since the last load; nothing was written" + (" (dry run)" if dry_run else ""),
            *(f"  {edit}" for edit in self.edits[: self.SHOWN]),
        ]
        if count > self.SHOWN:
            lines.append(f"  (and {count - self.SHOWN} more)")
        super().__init__(
            "\n".join(lines),
            hint="put the edits in the dataset (then the load keeps them), or add "
            "--overwrite-edits to replace them with the dataset's values",
        )
