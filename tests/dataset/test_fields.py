"""The field table (dataset/fields.py) says what the validator accepts: same fields, same rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scenarios.dataset.fields import ACTORS_OR_LINKS, ENTRY_KINDS, TABLES, Field, Holds
from scenarios.dataset.loader import load_dataset
from scenarios.errors import DataError

# ids the tiny dataset of tests/conftest.py defines, for fields that refer to a section
EXISTING = {
    "actors": ["a", "b", "c", "d"],
    "speakers": ["anna"],
    "programmes": ["prog"],
    "scenarios": ["deal"],
    ACTORS_OR_LINKS: ["a", "a-b"],
}
TOP = ("programmes", "speakers", "actors", "links", "signposts")  # what `add` writes on top
NESTED = {"evidence": ("links", "evidence"), "observations": ("signposts", "observations")}


# text fields the validator reads further: a grade's name, a URL
TEXT_SAMPLES = {"grade": "reported", "url": "https://example.org/report"}


def sample(spec: Field, n: int) -> Any:
    """A valid value for `spec` (the n-th field of its entry, so references differ)."""
    if spec.name in TEXT_SAMPLES and spec.holds is Holds.TEXT:
        return TEXT_SAMPLES[spec.name]
    if spec.refers_to in EXISTING:
        ids = EXISTING[spec.refers_to]
        return ids[n % len(ids)] if spec.holds is Holds.ID else ids[:2]
    return {
        Holds.ID: "new-entry",
        Holds.TEXT: "some text",
        Holds.UNIT: 0.5,
        Holds.GRADE: "reported",
        Holds.PERIOD: "2025-12",
        Holds.DAY: "2025-12-07",
        Holds.CHOICE: spec.choices[0] if spec.choices else "",
        Holds.TEXTS: list(spec.choices[:2]) or ["one", "two"],
        Holds.IDS: ["x"],
        Holds.ENTRIES: [],
    }[spec.holds]


def full_entry(section: str) -> dict[str, Any]:
    table = TABLES[section]
    out = {spec.name: sample(spec, n) for n, spec in enumerate(table.fields)}
    if section == "links":
        out["evidence"] = [full_entry("evidence")]
    if section == "signposts":
        out["against"] = []  # a scenario it points to cannot count against it too
        out["observations"] = [full_entry("observations")]
    return out


WRONG = {  # a value each kind of field must refuse
    Holds.ID: "Not A Slug",
    Holds.TEXT: 3,
    Holds.UNIT: 1.5,
    Holds.GRADE: "no-such-grade",
    Holds.PERIOD: "2025-13",
    Holds.DAY: "someday",
    Holds.CHOICE: "no-such-choice",
    Holds.TEXTS: "not a list",
    Holds.IDS: "not a list",
    Holds.ENTRIES: "not a list",
}


def validate(write_dataset: Callable[..., Path], section: str, entry: dict[str, Any]) -> None:
    root = write_dataset()
    extra = root / "extra.yaml"
    extra.write_text(yaml.safe_dump({section: [entry]}, allow_unicode=True), encoding="utf-8")
    load_dataset(root)


@pytest.mark.parametrize("section", TOP)
def test_an_entry_with_every_field_of_the_table_is_valid(
    write_dataset: Callable[..., Path], section: str
) -> None:
    validate(write_dataset, section, full_entry(section))


@pytest.mark.parametrize(
    ("section", "name"),
    [(s, f.name) for s in TOP for f in TABLES[s].fields if f.required],
)
def test_a_required_field_of_the_table_is_required(
    write_dataset: Callable[..., Path], section: str, name: str
) -> None:
    entry = full_entry(section)
    del entry[name]
    with pytest.raises(DataError) as caught:
        validate(write_dataset, section, entry)
    assert any(p.field == name and p.message == "is required" for p in caught.value.problems)


@pytest.mark.parametrize(
    ("section", "name"),
    [(s, f.name) for s in (*TOP, *NESTED) for f in TABLES[s].fields],
)
def test_each_field_refuses_a_value_of_the_wrong_kind(
    write_dataset: Callable[..., Path], section: str, name: str
) -> None:
    spec = TABLES[section].field(name)
    assert spec is not None
    if section in NESTED:
        section, within = NESTED[section]
        entry = full_entry(section)
        entry[within][0][name] = WRONG[spec.holds]
    else:
        entry = full_entry(section)
        entry[name] = WRONG[spec.holds]
    with pytest.raises(DataError) as caught:
        validate(write_dataset, section, entry)
    assert any(p.field == name for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize("section", TOP)
def test_a_field_the_table_lacks_is_unknown(
    write_dataset: Callable[..., Path], section: str
) -> None:
    entry = {**full_entry(section), "nickname": "x"}
    with pytest.raises(DataError) as caught:
        validate(write_dataset, section, entry)
    assert [p.message for p in caught.value.problems] == ["unknown field"]


def test_every_kind_add_writes_has_a_table_and_a_section() -> None:
    for kind in ENTRY_KINDS.values():
        assert kind.table in TABLES and kind.section in TABLES
        if kind.within is not None:
            parent = TABLES[kind.section].field(kind.within)
            assert parent is not None and parent.entries == kind.table
