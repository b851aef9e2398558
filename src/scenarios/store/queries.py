"""Cypher statements, loaded by name from `cypher/`: the only place the project reads Cypher text.

A query's name is its path under `cypher/` without `.cypher`: `schema`, `load/merge-links`,
`queries/bridges`. Each file starts with a `//` header: a title line, a description, and
`// :param name => value` lines that Neo4j Browser and cypher-shell accept as they are and that
`scenarios cypher` uses as default parameters.

Values always travel as parameters (`$rows`, `$scenario`). A label or relationship type cannot
be a parameter in Neo4j 5, so the few statements whose label or type varies carry a `{{slot}}`
placeholder that `Query.render` fills from a member of the fixed enums (`ActorKind`,
`LinkType`, `records.NodeLabel`), never from text a user typed.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from scenarios.errors import NotFound, UsageError
from scenarios.vocab import ActorKind, LinkType

CYPHER_SUFFIX = ".cypher"
ANALYST_FOLDER = "queries"
_SLOT = re.compile(r"\{\{(\w+)\}\}")
_TOKEN = re.compile(r"[A-Z][A-Za-z_]*")
_PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$")
_PARAMETER = re.compile(r"\$(\w+)")


def cypher_dir() -> Path:
    """Where the `.cypher` files live: inside the installed package, or the source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "_cypher"  # placed there by the wheel build
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "cypher"


def slot_token(value: Enum) -> str:
    """The label or relationship type a fixed-vocabulary member stands for in Cypher."""
    from scenarios.store.records import NodeLabel, SignpostRole  # they import nothing of queries

    if isinstance(value, ActorKind):
        token = value.label
    elif isinstance(value, LinkType):
        token = value.rel_type
    elif isinstance(value, NodeLabel | SignpostRole):
        token = value.value
    else:
        raise TypeError(
            f"a Cypher slot takes ActorKind, LinkType, NodeLabel or SignpostRole, not {value!r}"
        )
    if not _TOKEN.fullmatch(token):  # belt and braces: the enums are ours, but check anyway
        raise ValueError(f"{token!r} is not a safe label or relationship type")
    return token


@dataclass(frozen=True)
class Query:
    """One `.cypher` file: its statement(s), header and parameters.

    In `--json` its parameters' names are `parameter_names` (`parameters`, in a `cypher`
    document, are the values a query ran with: docs/json.md).
    """

    __json_skip__: ClassVar[tuple[str, ...]] = ("parameters",)
    __json_extra__: ClassVar[tuple[str, ...]] = ("parameter_names",)

    name: str
    text: str
    title: str
    description: str
    examples: Mapping[str, Any]
    parameters: tuple[str, ...]
    slots: tuple[str, ...]

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return self.parameters

    def statements(self, **slots: Enum) -> list[str]:
        """The file's statements with comments removed and `{{slot}}`s filled (see module doc)."""
        missing = set(self.slots) - set(slots)
        extra = set(slots) - set(self.slots)
        if missing or extra:
            raise ValueError(
                f"{self.name}: slots {sorted(self.slots)} expected, got {sorted(slots)}"
            )
        tokens = {key: slot_token(value) for key, value in slots.items()}
        code = _SLOT.sub(lambda m: tokens[m.group(1)], self.text)
        return split_statements(code)

    def statement(self, **slots: Enum) -> str:
        """The file's single statement (see `statements`)."""
        found = self.statements(**slots)
        if len(found) != 1:
            raise ValueError(f"{self.name} holds {len(found)} statements, not one")
        return found[0]


@functools.cache
def load(name: str) -> Query:
    """The query stored in `cypher/<name>.cypher`; `KeyError` if there is none."""
    root = cypher_dir()
    path = (root / name).with_suffix(CYPHER_SUFFIX)
    if not path.is_file() or root.resolve() not in path.resolve().parents:
        raise KeyError(name)
    return parse(name, path.read_text(encoding="utf-8"))


def names(folder: str | None = None) -> list[str]:
    """Every query name, or those in one folder of `cypher/` (e.g. `queries`)."""
    root = cypher_dir()
    base = root / folder if folder else root
    return sorted(
        path.relative_to(root).with_suffix("").as_posix()
        for path in base.rglob(f"*{CYPHER_SUFFIX}")
    )


def analyst_queries() -> list[Query]:
    """The ready-made queries for analysts (`cypher/queries/`), run by `scenarios cypher`."""
    return [load(name) for name in names(ANALYST_FOLDER)]


def analyst_query(name: str) -> Query:
    """An analyst query by its short name (`bridges`); `NotFound`, with suggestions, if none."""
    try:
        if "/" in name or "\\" in name or name.startswith("."):
            raise KeyError(name)
        return load(f"{ANALYST_FOLDER}/{name}")
    except KeyError:
        known = [path.rsplit("/", 1)[-1] for path in names(ANALYST_FOLDER)]
        error = NotFound("query", name, difflib.get_close_matches(name, known, n=3, cutoff=0.5))
        error.hint = error.hint or "list them with `scenarios cypher`"
        raise error from None


def short_name(query: Query) -> str:
    return query.name.rsplit("/", 1)[-1]


def parse_param(text: str) -> tuple[str, Any]:
    """`NAME=VALUE` from the command line; VALUE is a Cypher literal (3, null, 'g2') or text."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise UsageError(
            f"--param '{text}' is not NAME=VALUE",
            hint="e.g. --param scenario=g2 --param max_hops=3 --param as_of=null",
        )
    try:
        parsed = parse_literal(value)
    except ValueError:
        parsed = value
    return name.strip(), parsed


def bind(query: Query, given: Mapping[str, Any]) -> dict[str, Any]:
    """The query's parameters: its `:param` examples, overridden by `given`."""
    unknown = sorted(set(given) - set(query.parameters))
    if unknown:
        raise UsageError(
            f"query '{short_name(query)}' has no parameter '{unknown[0]}'",
            hint=f"its parameters: {', '.join(query.parameters) or 'none'}",
        )
    params = {name: query.examples[name] for name in query.parameters if name in query.examples}
    params.update(given)
    missing = [name for name in query.parameters if name not in params]
    if missing:
        raise UsageError(
            f"query '{short_name(query)}' needs a value for '{missing[0]}'",
            hint=f"add --param {missing[0]}=VALUE",
        )
    return params


def parse(name: str, text: str) -> Query:
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//") and stripped:
            break
        header.append(stripped)
    examples: dict[str, Any] = {}
    prose: list[str] = []
    for line in header:
        match = _PARAM_LINE.match(line)
        if match:
            examples[match.group(1)] = parse_literal(match.group(2))
        elif line.startswith("//"):
            prose.append(line[2:].strip())
    while prose and not prose[-1]:
        prose.pop()
    title = prose[0] if prose else name
    description = "\n".join(prose[1:]).strip()
    code = "\n".join(_code_only(text))
    parameters = tuple(dict.fromkeys(_PARAMETER.findall(code)))
    slots = tuple(dict.fromkeys(_SLOT.findall(code)))
    return Query(name, text, title, description, examples, parameters, slots)


# -- a small Cypher lexer: statements, comments, literals ---------------------------------------


def _scan(text: str) -> Iterator[tuple[str, str]]:
    """Split Cypher into ("code" | "comment" | "quoted", piece) tokens.

    Quoted pieces are string literals and backtick-quoted names, whose `;` and `//` are text.
    """
    i, n = 0, len(text)
    start = 0
    while i < n:
        ch = text[i]
        if ch in "'\"`":
            end = i + 1
            while end < n and text[end] != ch:
                end += 2 if text[end] == "\\" and ch != "`" else 1
            end = min(end + 1, n)
            kind = "quoted"
        elif text.startswith("//", i):
            found = text.find("\n", i)
            end, kind = (n if found == -1 else found), "comment"
        elif text.startswith("/*", i):
            found = text.find("*/", i + 2)
            end, kind = (n if found == -1 else found + 2), "comment"
        else:
            i += 1
            continue
        if i > start:
            yield "code", text[start:i]
        yield kind, text[i:end]
        i = start = end
    if start < n:
        yield "code", text[start:]


def _code_only(text: str) -> Iterator[str]:
    """The code of `text` with comments and string literals blanked (for finding `$names`)."""
    for kind, piece in _scan(text):
        if kind == "code":
            yield piece


def split_statements(text: str) -> list[str]:
    """Statements separated by `;` (outside strings and comments), comments removed."""
    statements: list[str] = []
    current: list[str] = []
    for kind, piece in _scan(text):
        if kind == "comment":
            continue
        if kind == "quoted":
            current.append(piece)
            continue
        parts = piece.split(";")
        for index, part in enumerate(parts):
            if index:
                statements.append("".join(current))
                current = []
            current.append(part)
    statements.append("".join(current))
    cleaned = ("\n".join(line.rstrip() for line in s.strip().splitlines()) for s in statements)
    return [s for s in cleaned if s]


_NUMBER = re.compile(r"-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def parse_literal(text: str) -> Any:
    """A Cypher literal (string, number, true/false/null, list, map) -> Python; ValueError else.

    >>> parse_literal("['us', 3, {a: null}]")
    ['us', 3, {'a': None}]
    """
    value, end = _literal(text.strip(), 0)
    if end != len(text.strip()):
        raise ValueError(f"unexpected text after a literal: {text.strip()[end:]!r}")
    return value


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _literal(text: str, i: int) -> tuple[Any, int]:
    i = _skip(text, i)
    if i >= len(text):
        raise ValueError("a value is missing")
    ch = text[i]
    if ch in "'\"":
        out: list[str] = []
        j = i + 1
        while j < len(text) and text[j] != ch:
            if text[j] == "\\" and j + 1 < len(text):
                code = text[j + 1]
                if code == "u" and j + 5 < len(text):
                    out.append(chr(int(text[j + 2 : j + 6], 16)))
                    j += 6
                    continue
                out.append(_ESCAPES.get(code, "\\" + code))
                j += 2
                continue
            out.append(text[j])
            j += 1
        if j >= len(text):
            raise ValueError("unterminated string")
        return "".join(out), j + 1
    if ch == "[":
        items: list[Any] = []
        j = _skip(text, i + 1)
        if j < len(text) and text[j] == "]":
            return items, j + 1
        while True:
            item, j = _literal(text, j)
            items.append(item)
            j = _skip(text, j)
            if j < len(text) and text[j] == ",":
                j += 1
                continue
            if j < len(text) and text[j] == "]":
                return items, j + 1
            raise ValueError("expected ',' or ']' in a list")
    if ch == "{":
        mapping: dict[str, Any] = {}
        j = _skip(text, i + 1)
        if j < len(text) and text[j] == "}":
            return mapping, j + 1
        while True:
            j = _skip(text, j)
            key_match = re.compile(r"`([^`]+)`|(\w+)").match(text, j)
            if not key_match:
                raise ValueError("expected a key in a map")
            key = key_match.group(1) or key_match.group(2)
            j = _skip(text, key_match.end())
            if j >= len(text) or text[j] != ":":
                raise ValueError("expected ':' after a map key")
            mapping[key], j = _literal(text, j + 1)
            j = _skip(text, j)
            if j < len(text) and text[j] == ",":
                j += 1
                continue
            if j < len(text) and text[j] == "}":
                return mapping, j + 1
            raise ValueError("expected ',' or '}' in a map")
    for word, value in (("true", True), ("false", False), ("null", None)):
        if text.startswith(word, i) and not text[i + len(word) : i + len(word) + 1].isalnum():
            return value, i + len(word)
    number = _NUMBER.match(text, i)
    if number:
        raw = number.group(0)
        is_float = any(c in raw for c in ".eE")
        return (float(raw) if is_float else int(raw)), number.end()
    raise ValueError(f"not a Cypher literal: {text[i:]!r}")
