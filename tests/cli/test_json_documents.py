"""docs/json.md is exact: every command's `--json` emits the documented fields, no more, no
fewer, with the documented types, recursively, object type by object type; and one key has one
meaning (one type) in every document.

The analysis documents name actors as `Actor` ({id, name}); the others show the data as the
dataset holds it: there `Actor` is read as `ActorRecord` and `Link` as `LinkRecord`
(docs/json.md, "Conventions"). The database documents (`load`, `pull`, `cypher NAME`) run
against the suite's Bolt server.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scenarios.dataset.loader import seed_path
from scenarios.render.json import ANALYSIS_KINDS
from scenarios.store.store import Connection
from tests.cli.test_cli import run

DOCS = Path(__file__).resolve().parents[2] / "docs" / "json.md"

COMMANDS = [
    "path us russia --scenario new-yalta",
    "path japan russia --all --hops --as-of 2025-10-05",
    "centrality --top 5",
    "centrality --measure closeness --scenario new-yalta --top 3 --sourced-only",
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
    "signposts",
    "signposts new-yalta --as-of 2025-12-01 --known-by 2025-12-07",
    "list",
    "show new-yalta --as-of 2025-10-05",
    "actors --scenario g2",
    "links --actor trump",
    "validate",
    "cypher",
]
# data documents that need a dataset of their own: `{data}` is a scratch copy of the seed
WRITING = [
    "add link --data {data} --source trump --target putin --type negotiates_with "
    "--strength 0.6 --confidence heard",
    "edit actor witkoff --data {data} --unset description",
    "diff data {data} --top 3",
]
# objects only a failure or the database shows (see the tests below)
ELSEWHERE = {"InvalidDataset", "LoadSummary", "SectionCounts", "PullReport", "NotPulled"}
ELSEWHERE |= {"SetAside", "QueryResult"}

# a record names an entity by id where a report names it by an object (docs/json.md,
# "Conventions"): these types are one meaning in two forms
FORMS = {"ActorRecord": "Actor", "LinkRecord": "Link", "Scenario": "ScenarioRef"}
# dataset records: their fields are the dataset format's (docs/data-format.md), named as the
# files name them; the one-key rule is about the reports' own keys
RECORDS = {"ActorRecord", "Link", "LinkRecord", "Evidence", "Scenario", "LinkChange"}
RECORDS |= {"LinkRemoval", "Signpost", "Observation", "Period"}
# keys whose value is the document's own row type (docs/json.md, "Conventions")
PER_DOCUMENT = {"rows", "scenarios", "result"}


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
            kinds[row[1].strip("`")] = row[2].replace("`", "")
        elif current is not None and len(row) == 3:
            current[row[0].strip("`")] = row[1]
    return objects, common, kinds


OBJECTS, COMMON, KINDS = documented()
SEEN: set[str] = set()


def split_top(text: str, separator: str) -> list[str]:
    """Split at `separator` outside brackets and braces."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += char in "[{"
        depth -= char in "]}"
        if depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
    parts.append(text[start:])
    return [p.strip() for p in parts]


SIMPLE: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "date": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None,
    "any": lambda v: True,
    "object": lambda v: isinstance(v, dict),
}


def check(value: Any, kind: str, where: str, data: bool) -> None:
    """`value` is of the documented type `kind`; `data`: a data document (Actor read as
    ActorRecord, Link as LinkRecord)."""
    alternatives = split_top(kind, "|")
    if len(alternatives) > 1:
        errors = []
        for alternative in alternatives:
            try:
                check(value, alternative, where, data)
                return
            except AssertionError as err:
                errors.append(str(err))
        raise AssertionError(f"{where}: {value!r:.200} is none of {kind}: {errors}")
    if kind.startswith("{"):
        assert isinstance(value, dict), f"{where}: not an object"
        key_kind, item_kind = split_top(kind[1:-1], ":")
        assert key_kind == "string"
        for key, item in value.items():
            check(item, item_kind, f"{where}.{key}", data)
        return
    if kind.startswith("["):
        assert isinstance(value, list), f"{where}: not a list"
        inner = split_top(kind[1:-1], ",")
        if len(inner) == 1:
            for i, item in enumerate(value):
                check(item, inner[0], f"{where}[{i}]", data)
        else:
            assert len(value) == len(inner), f"{where}: {len(value)} items, not {len(inner)}"
            for i, (item, item_kind) in enumerate(zip(value, inner, strict=True)):
                check(item, item_kind, f"{where}[{i}]", data)
        return
    if kind in SIMPLE:
        assert SIMPLE[kind](value), f"{where}: {value!r:.200} is not {kind}"
        return
    if data:
        kind = {"Actor": "ActorRecord", "Link": "LinkRecord"}.get(kind, kind)
    assert kind in OBJECTS, f"{where}: type {kind} is not documented"
    assert isinstance(value, dict), f"{where}: {value!r:.200} is not a {kind} object"
    fields = OBJECTS[kind]
    assert set(value) == set(fields), (
        f"{where} ({kind}): emitted {sorted(set(value) - set(fields))} undocumented, "
        f"documented {sorted(set(fields) - set(value))} missing"
    )
    SEEN.add(kind)
    for name, field_kind in fields.items():
        check(value[name], field_kind, f"{where}.{name}", data)


def check_document(stdout: str) -> None:
    document = json.loads(stdout)
    assert document["schema"] == 2
    kind = KINDS[document["kind"]]
    body = {k: v for k, v in document.items() if k not in COMMON}
    check(body, kind, document["kind"], data=document["kind"] not in ANALYSIS_KINDS)


def check_command(command: str) -> None:
    result = run(*shlex.split(command), "--json")
    assert result.exit_code == 0, result.output
    check_document(result.stdout)


def test_the_documents_are_described() -> None:
    assert COMMON == {"schema": "integer", "kind": "string"}
    assert set(KINDS) >= ANALYSIS_KINDS
    assert set(KINDS) == {
        *ANALYSIS_KINDS,
        *("scenario-list", "scenario", "actors", "links", "validation", "add", "edit"),
        *("diff", "load", "pull", "queries", "cypher"),
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_every_emitted_field_is_documented_and_every_documented_field_emitted(
    command: str,
) -> None:
    check_command(command)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(seed_path(), data)
    return data


def test_the_writing_commands_documents_are_the_documented_ones(scratch: Path) -> None:
    for command in WRITING:
        check_command(command.format(data=scratch))


def test_an_invalid_datasets_validation_is_documented(write_dataset: Callable[..., Path]) -> None:
    root = write_dataset({"links.yaml": "links:\n  - id: x\n"})
    result = run("validate", str(root), "--json")
    assert result.exit_code == 1
    check_document(result.stdout)


def runs_on(env: dict[str, str]) -> Callable[..., None]:
    def runs(*args: str, code: int = 0) -> None:
        result = run(*args, "--json", env=env)
        assert result.exit_code == code, result.output
        check_document(result.stdout)

    return runs


@pytest.mark.db
def test_the_database_documents_are_the_documented_ones(
    scratch: Path,
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
) -> None:
    runs = runs_on(db_env)
    runs("load", "--data", str(scratch))
    runs("cypher", "actor-links")
    inspect("MATCH ()-[r {id: 'witkoff-putin-moscow'}]->() SET r.strength = 0.4")
    inspect("MATCH (a:Actor {id: 'putin'}) SET a.nickname = 'VVP'")
    runs("pull", "--data", str(scratch), "--dry-run")


@pytest.mark.db
def test_a_pull_that_cannot_write_is_documented(
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., list[dict[str, Any]]],
    write_dataset: Callable[..., Path],
) -> None:
    # a difference in a bulk file, which pull does not rewrite: exit 1, the document still
    runs = runs_on(db_env)
    root = write_dataset({"links.yaml": None, "scenarios.yaml": None})
    (root / "links.csv").write_text(
        "id,source,target,type,strength,confidence\na-b,b,a,leads,1,1\n", encoding="utf-8"
    )
    runs("load", "--data", str(root))
    inspect("MATCH ()-[r {id: 'a-b'}]->() SET r.strength = 0.5")
    runs("pull", "--data", str(root), code=1)


def test_every_documented_object_is_emitted_by_some_command(scratch: Path) -> None:
    SEEN.clear()
    for command in [*COMMANDS, *(w.format(data=scratch) for w in WRITING)]:
        check_command(command)
    # the rest are emitted by a failure or the database only: the two tests above
    assert set(OBJECTS) - SEEN == ELSEWHERE


def test_one_key_has_one_meaning_in_every_document() -> None:
    def normal(kind: str) -> str:
        kind = " | ".join(k for k in split_top(kind, "|") if k != "null") or "null"
        return re.sub(r"\w+", lambda m: FORMS.get(m.group(0), m.group(0)), kind)

    types: dict[str, dict[str, str]] = {}
    for name, fields in OBJECTS.items():
        if name in RECORDS:
            continue
        for field, kind in fields.items():
            if field not in PER_DOCUMENT and "any" not in kind:
                types.setdefault(field, {})[name] = normal(kind)
    clashes = {f: t for f, t in types.items() if len(set(t.values())) > 1}
    assert clashes == {}
