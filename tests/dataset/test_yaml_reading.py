"""How YAML is read: anchors, aliases and merge keys, the bounds on them, and what is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scenarios.dataset import loader
from scenarios.dataset.loader import load_dataset
from scenarios.errors import DataError, Problem

Writer = Callable[..., Path]


def problems_of(root: Path) -> list[tuple[int | None, str | None, str]]:
    """(line, entry.field, message) of each problem."""
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return [(p.line, _where(p), p.message) for p in info.value.problems]


def _where(problem: Problem) -> str | None:
    return ".".join(part for part in (problem.entry, problem.field) if part) or None


def test_anchors_aliases_and_merge_keys_read_as_yaml_says(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "more.yaml": """\
            actors:
              - &state {id: e, name: Echo, kind: state, description: A state.}
              - <<: *state
                id: f
                name: Foxtrot
            links:
              - id: e-f
                source: e
                target: f
                type: allied_with
                strength: 0.5
                confidence: 0.5
                evidence:
                  - &said {text: They said so., speaker: anna}
              - {id: f-a, source: f, target: a, type: supports, strength: 0.5, confidence: 0.5,
                 evidence: [*said, *said]}
            """
        }
    )
    ds = load_dataset(root)
    foxtrot = ds.actor_by_id["f"]
    assert (foxtrot.name, foxtrot.kind.value, foxtrot.description) == (
        "Foxtrot",
        "state",
        "A state.",
    )
    assert [e.text for e in ds.link_by_id["f-a"].evidence] == ["They said so."] * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "actors:\n  - {id: e, name: *nobody, kind: state}\n",
            (2, None, "malformed YAML: found undefined alias 'nobody'"),
        ),
        (
            "actors:\n  - &loop {id: e, name: Echo, kind: state, aliases: [*loop]}\n",
            (2, None, "malformed YAML: found recursive alias 'loop'"),
        ),
        (
            "actors: []\n---\nlinks: []\n",
            (
                2,
                None,
                "malformed YAML: found a second document (after ---): a dataset file holds one",
            ),
        ),
        (
            "actors:\n  - {id: e, name: !!python/object:os.system x, kind: state}\n",
            (2, None, "malformed YAML: the tag !!python/object:os.system is not supported"),
        ),
        ("- a\n- b\n", (1, None, "must be a mapping of sections, not a list")),
        (
            "actors:\n  - {id: e, name: Echo, kind: state}\n? [x]\n: 1\n",
            (3, None, "a section name must be text, not a list"),
        ),
        (
            "actors: []\nactors:\n  - {id: e, name: Echo, kind: state}\n",
            (2, None, "section 'actors' appears twice in this file"),
        ),
        (
            "actors:\n  - {id: e, name: Echo, kind: state, ? {x: 1} : 2}\n",
            (2, "actors[e]", "a field name must be text, not a mapping"),
        ),
        (
            "actors:\n  - id: e\n    name: Echo\n    name: Echo again\n    kind: state\n",
            (4, "actors[e]", "key 'name' appears twice in one entry"),
        ),
    ],
    ids=[
        "undefined-alias",
        "recursive-alias",
        "two-documents",
        "python-tag",
        "top-level-list",
        "list-as-section-name",
        "section-twice",
        "mapping-as-field-name",
        "key-twice",
    ],
)
def test_what_yaml_cannot_say_in_a_dataset_is_a_located_problem(
    write_dataset: Writer, text: str, expected: tuple[int, str | None, str]
) -> None:
    found = problems_of(write_dataset({"more.yaml": text}))
    assert found[0] == expected


def test_an_anchored_section_is_read_whole(write_dataset: Writer) -> None:
    root = write_dataset(
        {"more.yaml": "actors: &all\n  - {id: e, name: Echo, kind: state}\nnotes: *all\n"}
    )
    assert problems_of(root) == [(3, None, "unknown section 'notes'")]


def test_a_field_that_aliases_expand_too_far_is_refused(
    write_dataset: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted by hand, with the bound at 30 values: `&n [w, x, y, z]` is 5 values, written
    out; `&m [*n x 6]` expands to 1 + 6 x 5 = 31 (7 written), and the field's list of it and
    5 more aliases of it to 1 + 31 + 5 x 31 = 187 values from 13 written: more than 30 and
    more than 10 times 13, so it is refused."""
    monkeypatch.setattr(loader, "MAX_EXPANSION", 30)
    root = write_dataset(
        {
            "more.yaml": """\
            actors:
              - {id: e, name: Echo, kind: state, description: &n [w, x, y, z]}
              - {id: f, name: Fox, kind: state,
                 description: [&m [*n, *n, *n, *n, *n, *n], *m, *m, *m, *m, *m]}
            """
        }
    )
    assert problems_of(root) == [
        (2, "actors[e].description", "must be text, not a list ['w', 'x', 'y', 'z']"),
        (
            4,
            "actors[f].description",
            "must be text, not a list that anchors and aliases expand to 187 values",
        ),
    ]


def test_a_file_whose_aliases_expand_too_far_in_all_is_refused_from_there_on(
    write_dataset: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each field alone may be small while the file adds up: 200 names anchored once and
    aliased by every later actor. Counted by hand with the bound at 1,000 values: the
    section's name is 1 value, the first actor 209 (its mapping, 4 keys, 3 texts, the list
    and its 200 names), all written out; each later actor writes 9 (the alias one of them)
    and expands to 209. Before later actor n is read, the file has written 210 + 9 (n - 1)
    values and expanded 210 + 209 (n - 1), more than 10 times what it wrote (and 1,000) once
    119 (n - 1) > 1,890: from the 17th on, an aliased field is refused."""
    monkeypatch.setattr(loader, "MAX_EXPANSION", 1_000)
    names = ", ".join(f"n{i}" for i in range(200))
    later = "".join(
        f"  - {{id: b{n}, name: B{n}, kind: state, aliases: *names}}\n" for n in range(1, 21)
    )
    first = f"  - {{id: a0, name: A, kind: state, aliases: &names [{names}]}}\n"
    root = write_dataset({"more.yaml": "actors:\n" + first + later})
    found = problems_of(root)
    assert [where for _, where, _ in found] == [f"actors[b{n}].aliases" for n in range(17, 21)]
    assert found[0][2] == "is a list that anchors and aliases expand to 201 values"


def test_a_quoted_value_stays_on_its_line(write_dataset: Writer) -> None:
    root = write_dataset(
        {"more.yaml": 'actors:\n  - {id: "e\\nf", name: [a, "b\\nc"], kind: state}\n'}
    )
    messages = [message for _, _, message in problems_of(root)]
    assert messages == ["'e\\nf' is not a valid id", "must be text, not a list ['a', 'b\\nc']"]


LADDER = """\
grades:
  - {name: sure, value: 0.9, meaning: Sure.}
  - {name: maybe, value: 0.5, meaning: Maybe.}
"""


def test_the_ladder_is_read_before_the_links_that_name_its_grades(write_dataset: Writer) -> None:
    """Links in a file read before the one declaring the ladder (and, in that file, above it)
    name its grades: the ladder is read ahead of every section."""
    root = write_dataset(
        {
            "a.yaml": """\
            links:
              - {id: d-b, source: d, target: b, type: supports, strength: 0.5,
                 confidence: maybe, evidence: [{text: Said., speaker: anna, grade: maybe}]}
            """,
            "zz.yaml": "links:\n"
            "  - {id: b-a2, source: b, target: a, type: supports, strength: 0.5,"
            " confidence: sure, evidence: [{text: Said., speaker: anna}]}\n" + LADDER,
        }
    )
    ds = load_dataset(root)
    assert [g.name for g in ds.ladder] == ["sure", "maybe"]
    assert (ds.link_by_id["d-b"].confidence, ds.link_by_id["d-b"].grade) == (0.5, "maybe")
    assert ds.link_by_id["b-a2"].confidence == 0.9


def test_a_ladder_aliasing_a_value_passed_over_is_read_again(write_dataset: Writer) -> None:
    """The look-ahead passes over other sections unbuilt; an alias into one reads them."""
    root = write_dataset(
        {
            "zz.yaml": """\
            speakers:
              - {id: zed, name: Zed, role: &meaning Commentator.}
            grades:
              - {name: sure, value: 0.9, meaning: *meaning}
            """,
        }
    )
    assert [(g.name, g.meaning) for g in load_dataset(root).ladder] == [("sure", "Commentator.")]


def test_a_broken_ladder_is_said_once(write_dataset: Writer) -> None:
    """Problems in a grade are the look-ahead's to say; a syntax error the main read's."""
    twice = "grades:\n  - {name: sure, value: 0.9, meaning: Sure., value: 0.8}\n"
    assert problems_of(write_dataset({"zz.yaml": twice})) == [
        (2, "grades[sure]", "key 'value' appears twice in one entry")
    ]
    unclosed = 'grades:\n  - {name: sure, value: 0.9, meaning: "Sure.}\n'
    assert [
        (line, message[:30])
        for line, _, message in problems_of(write_dataset({"zz.yaml": unclosed}))
    ] == [(2, "malformed YAML: the quoted tex")]


def test_a_syntax_error_in_an_unknown_section_is_said(write_dataset: Writer) -> None:
    root = write_dataset({"zz.yaml": "actor:\n  - {id: e, name: [Echo}\n"})
    assert [(line, message.split(" (")[0]) for line, _, message in problems_of(root)] == [
        (1, "unknown section 'actor'"),
        (2, "malformed YAML: the [ starting here is never closed"),
    ]
