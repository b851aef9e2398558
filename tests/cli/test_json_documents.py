"""docs/json.md is exact: every analysis command's `--json` emits the documented fields, no more,
no fewer, with the documented types, recursively, object type by object type."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from scenarios.render.json import ANALYSIS_KINDS
from tests.cli.test_cli import run

DOCS = Path(__file__).resolve().parents[2] / "docs" / "json.md"

COMMANDS = [
    "path us russia --scenario new-yalta",
    "path japan russia --all --hops",
    "centrality --top 5",
    "centrality --measure closeness --scenario new-yalta --top 3",
    "depends new-yalta",
    "depends g2",
    "depends status-quo --rank score",
    "depends new-yalta --ties",
    "depends new-yalta --uncertain --samples 200 --as-of 2025-09-01",
    "compare status-quo g2",
    "compare base new-yalta",
    "whatif new-yalta --cut witkoff~putin --uncertain --samples 200",
    "whatif new-yalta --remove trump",
    "whatif g2 --sweep --k 2",
    "timeline new-yalta --uncertain --samples 200",
]


def cells(line: str) -> list[str]:
    """A Markdown table row's cells (`\\|` inside a cell is a literal bar)."""
    parts = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [part.strip().replace("\\|", "|") for part in parts]


def documented() -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str]]:
    """Object types and their fields (field -> type), the fields of every document, and the
    object of each document kind."""
    objects: dict[str, dict[str, str]] = {}
    common: dict[str, str] = {}
    kinds: dict[str, str] = {}
    current: dict[str, str] | None = common
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"### `(\w+)`", line)
        if heading:
            current = objects.setdefault(heading.group(1), {})
            continue
        if line.startswith("## "):
            current = None
            continue
        if not line.startswith("| `"):
            continue
        row = cells(line)
        if len(row) == 3 and row[0].startswith("`scenarios "):
            kinds[row[1].strip("`")] = row[2].strip("`")
        elif current is not None and len(row) == 3:
            current[row[0].strip("`")] = row[1]
    return objects, common, kinds


OBJECTS, COMMON, KINDS = documented()
SEEN: set[str] = set()


def split_top(text: str, separator: str) -> list[str]:
    """Split at `separator` outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += char == "["
        depth -= char == "]"
        if depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
    parts.append(text[start:])
    return [p.strip() for p in parts]


def check(value: Any, kind: str, where: str) -> None:
    alternatives = split_top(kind, "|")
    if len(alternatives) > 1:
        errors = []
        for alternative in alternatives:
            try:
                check(value, alternative, where)
                return
            except AssertionError as err:
                errors.append(str(err))
        raise AssertionError(f"{where}: {value!r} is none of {kind}: {errors}")
    if kind.startswith("["):
        assert isinstance(value, list), f"{where}: not a list"
        inner = split_top(kind[1:-1], ",")
        if len(inner) == 1:
            for i, item in enumerate(value):
                check(item, inner[0], f"{where}[{i}]")
        else:
            assert len(value) == len(inner), f"{where}: {len(value)} items, not {len(inner)}"
            for i, (item, item_kind) in enumerate(zip(value, inner, strict=True)):
                check(item, item_kind, f"{where}[{i}]")
        return
    simple = {
        "string": lambda v: isinstance(v, str),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
        "date": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v),
    }
    if kind in simple:
        assert simple[kind](value), f"{where}: {value!r} is not {kind}"
        return
    assert kind in OBJECTS, f"{where}: type {kind} is not documented"
    assert isinstance(value, dict), f"{where}: {value!r} is not a {kind} object"
    fields = OBJECTS[kind]
    assert set(value) == set(fields), (
        f"{where} ({kind}): emitted {sorted(set(value) - set(fields))} undocumented, "
        f"documented {sorted(set(fields) - set(value))} missing"
    )
    SEEN.add(kind)
    for name, field_kind in fields.items():
        check(value[name], field_kind, f"{where}.{name}")


def test_the_documents_are_described() -> None:
    assert COMMON == {"schema": "integer", "kind": "string"}
    assert set(KINDS) == ANALYSIS_KINDS  # every analysis document is described


def check_command(command: str) -> None:
    result = run(*shlex.split(command), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == 2
    kind = KINDS[document["kind"]]
    body = {k: v for k, v in document.items() if k not in COMMON}
    check(body, kind, document["kind"])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_emitted_field_is_documented_and_every_documented_field_emitted(
    command: str,
) -> None:
    check_command(command)


def test_every_documented_object_is_emitted_by_some_command() -> None:
    SEEN.clear()
    for command in COMMANDS:
        check_command(command)
    assert set(OBJECTS) - SEEN == set()
