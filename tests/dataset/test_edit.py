"""Round-trip YAML editing: unchanged files keep their bytes; an edit's diff is only that edit."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenarios.dataset import edit
from scenarios.dataset.fields import TABLES
from scenarios.dataset.loader import seed_path

SEED_FILES = sorted(seed_path().glob("*.yaml"))
SEED_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in SEED_FILES}
SECTIONS = [
    (name, section, len(items))
    for name, text in SEED_TEXTS.items()
    for section, items in edit.parse(text).items()
]

# a file whose entries end in bracketed lists, with comments between groups: ruamel keeps the
# lines after such an entry in other places than after a scalar (see dataset/edit.py, "Gaps")
FLOWING = """\
# head
actors:
  # group one
  - id: x
    aliases: [one, two]

  # group two
  - id: y
    aliases: [three]

  - id: z
    name: zed  # its own note
    description: >-
      a folded text that
      goes on

links:
  - id: p
    evidence:
      - text: first
        tags: [a]
  - id: q
    evidence:
      - text: second
"""


def changes(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    """The non-equal runs between two texts: (tag, lines removed, lines added)."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [
        (tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_an_unchanged_seed_file_dumps_to_the_same_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert edit.dump(edit.parse(text)) == text


def test_the_flowing_file_dumps_to_the_same_bytes() -> None:
    assert edit.dump(edit.parse(FLOWING)) == FLOWING


def _cases() -> list[tuple[str, str, int]]:
    out = [(name, section, i) for name, section, n in SECTIONS for i in range(n)]
    tree = edit.parse(FLOWING)
    out += [("flowing", section, i) for section in tree for i in range(len(tree[section]))]
    return out


CASES = _cases()


def _text(name: str) -> str:
    return FLOWING if name == "flowing" else SEED_TEXTS[name]


@given(st.sampled_from(CASES))
def test_removing_an_entry_removes_only_its_lines(case: tuple[str, str, int]) -> None:
    name, section, index = case
    text = _text(name)
    tree = edit.parse(text)
    plain = edit.plain(tree[section])
    edit.remove_entry(tree[section], index)
    out = edit.dump(tree)
    runs = changes(text, out)
    assert [tag for tag, _, _ in runs] == ["delete"]
    assert edit.plain(edit.parse(out)[section]) == plain[:index] + plain[index + 1 :]


@given(st.sampled_from(CASES), st.data())
def test_inserting_an_entry_adds_only_its_lines(
    case: tuple[str, str, int], data: st.DataObject
) -> None:
    name, section, index = case
    text = _text(name)
    tree = edit.parse(text)
    plain = edit.plain(tree[section])
    copy = plain[index]
    at = data.draw(st.integers(0, len(plain)))
    edit.insert_entry(tree[section], at, edit.node(copy, TABLES.get(section)), top=True)
    out = edit.dump(tree)
    runs = changes(text, out)
    assert [tag for tag, _, _ in runs] == ["insert"]
    assert edit.plain(edit.parse(out)[section]) == [*plain[:at], copy, *plain[at:]]


def test_an_appended_entry_keeps_the_blank_line_and_the_next_section_in_place() -> None:
    text = SEED_TEXTS["sources.yaml"]
    tree = edit.parse(text)
    last = tree["programmes"][-1]["date"].isoformat()
    entry = {"id": "prime-news", "title": "Prime News", "date": "2025-12-14"}
    edit.append_entry(tree["programmes"], edit.node(entry, TABLES["programmes"]), top=True)
    before = f"    date: {last}\n\nspeakers:"
    assert before in text
    added = "  - id: prime-news\n    title: Prime News\n    date: 2025-12-14\n"
    assert edit.dump(tree) == text.replace(before, f"    date: {last}\n\n{added}\nspeakers:")


def test_a_group_heading_stays_with_the_group_it_heads() -> None:
    tree = edit.parse(FLOWING)
    edit.remove_entry(tree["actors"], 0)  # x goes; "# group one" now heads y
    out = edit.dump(tree)
    assert out.startswith("# head\nactors:\n  # group one\n  # group two\n  - id: y\n")
    tree = edit.parse(FLOWING)
    edit.remove_entry(tree["actors"], 1)  # y goes with the heading before it
    assert "group two" not in edit.dump(tree)


def test_set_field_changes_one_line_and_adds_new_fields_in_the_table_order() -> None:
    text = SEED_TEXTS["links.yaml"]
    tree = edit.parse(text)
    entry = tree["links"][0]
    edit.set_field(entry, "strength", 0.5, TABLES["links"])
    edit.set_field(entry, "note", "regraded", TABLES["links"])
    edit.set_field(entry, "date", "2025-12-14", TABLES["links"])
    runs = changes(text, edit.dump(tree))
    assert runs == [
        (
            "replace",
            ["    strength: 1.0"],
            ["    strength: 0.5"],
        ),
        ("insert", [], ["    date: 2025-12-14", "    note: regraded"]),
    ]


def test_unset_field_keeps_the_gap_after_the_entry() -> None:
    text = SEED_TEXTS["actors.yaml"]
    tree = edit.parse(text)
    seq = tree["actors"]
    last_field = next(reversed(seq[0]))
    edit.unset_field(seq[0], last_field, at=(seq, 0))
    runs = changes(text, edit.dump(tree))
    assert [(tag, len(old), new) for tag, old, new in runs] == [("delete", 1, [])]


def test_a_changed_folded_text_stays_folded_within_the_width() -> None:
    tree = edit.parse(FLOWING)
    long = "word " * 40 + "end"
    edit.set_field(tree["actors"][2], "description", long.strip(), TABLES["actors"])
    out = edit.dump(tree)
    assert "    description: >-\n" in out
    assert max(len(line) for line in out.splitlines()) <= edit.WIDTH
    assert edit.plain(edit.parse(out))["actors"][2]["description"] == long.strip()


def test_sync_list_removes_the_one_evidence_item_that_went() -> None:
    text = SEED_TEXTS["links.yaml"]
    tree = edit.parse(text)
    link = next(item for item in tree["links"] if len(item.get("evidence") or []) >= 2)
    items = edit.plain(link["evidence"])
    edit.sync(link, {**edit.plain(link), "evidence": items[1:]}, TABLES["links"])
    out = edit.dump(tree)
    runs = changes(text, out)
    assert len(runs) == 1 and runs[0][0] == "delete"
    assert [line.strip()[:8] for line in runs[0][1]].count("- text: ") == 1  # one item went
    kept = next(item for item in edit.parse(out)["links"] if item["id"] == link["id"])
    assert edit.plain(kept["evidence"]) == items[1:]


def test_sync_of_an_equal_mapping_changes_nothing() -> None:
    text = SEED_TEXTS["scenarios.yaml"]
    tree = edit.parse(text)
    for scenario in tree["scenarios"]:
        edit.sync(scenario, edit.plain(scenario), TABLES["scenarios"])
    assert edit.dump(tree) == text


def test_a_removal_written_as_its_link_equals_its_mapping() -> None:
    assert edit.same("x", {"link": "x"}, TABLES["removes"])
    assert not edit.same("x", {"link": "x", "note": "why"}, TABLES["removes"])
    assert edit.same({"date": edit.parse("d: 2025-12-07")["d"]}, {"date": "2025-12-07"})


LINKS = edit.plain(edit.parse(SEED_TEXTS["links.yaml"])["links"])


@given(
    st.integers(0, len(LINKS) - 1),
    st.fixed_dictionaries(
        {},
        optional={
            "strength": st.sampled_from([0.1, 0.25, 0.9]),
            "confidence": st.sampled_from([0.3, 0.45, 1.0]),
            "label": st.sampled_from(["a call", "talks: round two", "覚書"]),
        },
    ),
)
def test_sync_rewrites_exactly_the_fields_that_differ(index: int, new: dict[str, object]) -> None:
    text = SEED_TEXTS["links.yaml"]
    tree = edit.parse(text)
    seq = tree["links"]
    desired = {**LINKS[index], **new}
    edit.sync(seq[index], desired, TABLES["links"], at=(seq, index))
    out = edit.dump(tree)
    assert edit.plain(edit.parse(out)["links"][index]) == desired
    differs = {k for k, v in new.items() if LINKS[index].get(k) != v}
    touched = [line for _, old, new_lines in changes(text, out) for line in (*old, *new_lines)]
    assert len([line for line in touched if line.startswith("    ")]) == len(touched)
    assert {line.split(":")[0].strip() for line in touched} == differs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("actors:\n-   id: a\n    name: A\n", (4, 0)),
        ("actors:\n    - id: a\n      name: A\n", (6, 4)),
        ("programmes: []\n", edit.SEED_LAYOUT),
    ],
)
def test_a_file_keeps_its_own_list_layout(
    tmp_path: Path, text: str, expected: tuple[int, int]
) -> None:
    assert edit.layout(text) == expected
    tree = edit.parse(text)
    assert edit.dump(tree, expected) == text
    (tmp_path / "actors.yaml").write_text(text, encoding="utf-8")
    planned = edit.DatasetEdit(tmp_path)
    if "actors" in tree:
        place = planned.find("actors", "id", "a")
        assert place is not None
        planned.append(place.path, "actors", {"id": "b", "name": "B"}, TABLES["actors"])
        out = planned.freeze()[place.path]
        indent = " " * expected[1]
        keys = " " * expected[0]
        added = f"{indent}-{' ' * (expected[0] - expected[1] - 1)}id: b\n{keys}name: B\n"
        assert out == text + "\n" + added  # the style of the file, a blank line before it
