"""docs/json.md documents exactly what `add`, `edit`, `diff` and `pull` print with `--json`.

Each document's keys (and those of its nested entries) are read from the page's tables and
compared with a real document: a key emitted but not documented, or documented but no longer
emitted, fails.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.store.store import Connection

DOC = Path(__file__).resolve().parents[2] / "docs" / "json.md"
runner = CliRunner()
ENVELOPE = {"schema", "kind"}  # every document's (the page's first table)


def section(title: str) -> str:
    """The text of the page's `## title` section."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def tables(text: str) -> list[dict[str, str]]:
    """Each `| key | meaning |` table: documented key -> its meaning (a row naming several keys,
    `` `old`, `new` ``, gives each)."""
    out: list[dict[str, str]] = []
    for block in re.split(r"\n\s*\n", text):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if not rows or not rows[0].startswith("| key |"):
            continue
        table: dict[str, str] = {}
        for row in rows[2:]:
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            for name in re.findall(r"`(\w+)`", cells[0]):
                table[name] = cells[1]
        out.append(table)
    return out


def braced(meaning: str) -> set[str]:
    """The keys a meaning lists as `{a, b, c}` (a nested entry's shape)."""
    found = re.search(r"\{([^}]*)\}", meaning)
    assert found, meaning
    return {name.strip() for name in found.group(1).split(",")}


def document(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--json"], env={"COLUMNS": "120", **(env or {})})
    assert result.exit_code == 0, result.output
    printed: dict[str, Any] = json.loads(result.stdout)
    assert set(printed) >= ENVELOPE
    return printed


def keys(printed: dict[str, Any]) -> set[str]:
    return set(printed) - ENVELOPE


def test_add_and_edit_print_what_the_page_documents(seed_repo: Path) -> None:
    (documented,) = tables(section("`add`, `edit` (kind `add` or `edit`)"))
    data = str(seed_repo / "data")
    added = document(
        "add", "link", "--data", data, "--source", "japan", "--target", "china",
        "--type", "economic_tie", "--strength", "0.5", "--confidence", "fact",
    )  # fmt: skip
    assert added["kind"] == "add" and added["warnings"]  # a sourced link without evidence
    assert keys(added) == set(documented)
    edited = document("edit", "link", "witkoff-putin-moscow", "--data", data, "--strength", "0.3")
    assert edited["kind"] == "edit" and keys(edited) == set(documented)
    problem = set(added["warnings"][0])
    assert problem == {"file", "line", "entry", "field", "message", "hint"}  # "Problem" above


def test_diff_prints_what_the_page_documents(seed_repo: Path) -> None:
    top, difference, scenario = tables(section("`diff` (kind `diff`)"))
    links = seed_repo / "data" / "links.yaml"
    text = links.read_text(encoding="utf-8")
    at = text.index("    strength: ", text.index("  - id: trump-xi-call\n"))
    links.write_text(text[:at] + "    strength: 0.1" + text[text.index("\n", at) :], "utf-8")
    printed = document("diff", str(seed_repo / "data"), "--rev", "HEAD")
    assert keys(printed) == set(top)
    (change,) = printed["differences"]
    assert set(change) == set(difference)
    (field,) = change["fields"]
    assert set(field) == braced(difference["fields"])
    assert printed["scenarios"], "the regrade moved some scenario's answers"
    for entry in printed["scenarios"]:
        assert set(entry) == set(scenario)
    assert set(printed["change_counts"]["links"]) == braced(top["change_counts"])


@pytest.mark.db
def test_pull_prints_what_the_page_documents(
    write_dataset: Callable[..., Path],
    db: Connection,
    db_env: dict[str, str],
    inspect: Callable[..., Any],
) -> None:
    (top,) = tables(section("`pull` (kind `pull`)"))
    (_, difference, _) = tables(section("`diff` (kind `diff`)"))  # "also in `pull`"
    root = write_dataset({"links.yaml": None, "scenarios.yaml": None})
    (root / "links.csv").write_text(
        "id,source,target,type,strength,confidence\na-b,b,a,leads,1,1\n", encoding="utf-8"
    )
    loaded = runner.invoke(app, ["load", "--data", str(root)], env=db_env)
    assert loaded.exit_code == 0, loaded.output
    inspect("MATCH ()-[r {id: 'a-b'}]->() SET r.strength = 0.5")  # in a bulk file: not pulled
    inspect("MATCH (a:Actor {id: 'a'}) SET a.name = 'Alpha Prime', a.nickname = 'A'")
    printed = document("pull", "--data", str(root), env=db_env)
    assert keys(printed) == set(top)
    assert printed["stamped"] == 0 and printed["stamp_failed"] is None  # the edits are data
    for change in printed["differences"]:
        assert set(change) == set(difference)
    (missed,) = printed["not_pulled"]
    assert set(missed) == braced(top["not_pulled"])
    (aside,) = printed["set_aside"]
    assert set(aside) == braced(top["set_aside"])
