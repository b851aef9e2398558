"""Validation: every kind of broken dataset yields located problems, all of them at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scenarios.dataset.loader import load_dataset
from scenarios.errors import DataError, Problem

Writer = Callable[..., Path]


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return list(info.value.problems)


def test_valid_mini_dataset_loads(write_dataset: Writer) -> None:
    ds = load_dataset(write_dataset())
    assert [a.id for a in ds.actors] == ["a", "b", "c", "d"]
    assert ds.actor_by_id["a"].name_ja == "アルファ"
    assert ds.link_by_id["b-c"].date is not None
    assert ds.link_by_id["a-b"].evidence[0].speaker == "anna"


def test_unknown_key_is_named_with_line_and_suggestion(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "actors.yaml": """
        actors:
          - id: a
            name: Alpha
            kind: state
            nmae_ja: アルファ
          - {id: b, name: Bravo, kind: leader}
          - {id: c, name: Charlie, kind: envoy}
          - {id: d, name: Delta, kind: state}
        """
        }
    )
    [problem] = problems_of(root)
    assert problem.file.endswith("actors.yaml")
    assert problem.line == 6
    assert problem.entry == "actors[a]"
    assert problem.field == "nmae_ja"
    assert problem.message == "unknown field"
    assert problem.hint == "did you mean 'name_ja'?"
    assert str(problem).endswith("actors.yaml:6: actors[a].nmae_ja: unknown field")


def test_duplicate_ids(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "more.yaml": """
        actors:
          - {id: a, name: Another Alpha, kind: state}
        """
        }
    )
    [problem] = problems_of(root)
    assert "duplicate id 'a'" in problem.message
    assert "actors.yaml:3" in problem.message
    assert problem.file.endswith("more.yaml")


def test_link_to_unknown_actor_and_scenario_to_unknown_link(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "links.yaml": """
        links:
          - {id: a-b, source: b, target: a, type: leads, strength: 1, confidence: 1}
          - {id: c-d, source: c, target: dleta, type: negotiates_with, strength: 0.5, confidence: 1}
          - {id: a-d, source: a, target: d, type: economic_tie, strength: 0.1, confidence: 1}
          - {id: b-c, source: c, target: b, type: envoy_of, strength: 0.5, confidence: 1}
        """,
            "scenarios.yaml": """
        scenarios:
          - id: deal
            name: The deal
            key_actors: [a, d]
            removes: [a-x]
        """,
        }
    )
    found = problems_of(root)
    messages = {(p.entry, p.field): p for p in found}
    assert messages[("links[c-d]", "target")].message == "unknown actor 'dleta'"
    assert messages[("links[c-d]", "target")].hint == "did you mean 'd'?"
    assert messages[("scenarios[deal].removes[0]", "link")].message == "unknown base link 'a-x'"
    assert len(found) == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("confidence", "1.4", "1.4 is outside [0, 1]"),
        ("confidence", "-0.1", "-0.1 is outside [0, 1]"),
        ("strength", "high", "must be a number in [0, 1], not text 'high'"),
        ("strength", ".nan", "nan is outside [0, 1]"),
        ("date", "2025-13-01", "'2025-13-01' is not a valid date (month must be in 1..12)"),
        ("date", "soon", "'soon' is not a date (use YYYY-MM-DD, YYYY-MM, YYYY or A/B)"),
        ("type", "negotiate_with", "'negotiate_with' is not one of the documented values"),
    ],
)
def test_bad_field_values(write_dataset: Writer, field: str, value: str, message: str) -> None:
    fields = {
        "id": "a-d",
        "source": "a",
        "target": "d",
        "type": "economic_tie",
        "strength": "0.1",
        "confidence": "1",
    }
    fields[field] = value
    entry = "{" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}"
    root = write_dataset(
        {
            "links.yaml": f"""
        links:
          - {{id: a-b, source: b, target: a, type: leads, strength: 1, confidence: 1}}
          - {{id: b-c, source: c, target: b, type: envoy_of, strength: 0.5, confidence: 1}}
          - {{id: c-d, source: c, target: d, type: negotiates_with, strength: 0.5, confidence: 1}}
          - {entry}
        """
        }
    )
    [problem] = problems_of(root)
    assert (problem.entry, problem.field, problem.line) == ("links[a-d]", field, 6)
    assert problem.message == message


def test_malformed_yaml_names_the_line(write_dataset: Writer) -> None:
    root = write_dataset({"links.yaml": "links:\n  - id: a-b\n    source: [b\n    target: a\n"})
    [problem] = problems_of(root)
    assert problem.file.endswith("links.yaml")
    assert problem.line == 4
    assert problem.message.startswith("malformed YAML")


def test_empty_file(write_dataset: Writer) -> None:
    root = write_dataset({"notes.yaml": "\n# nothing yet\n"})
    [problem] = problems_of(root)
    assert problem.file.endswith("notes.yaml")
    assert problem.message == "file is empty"


def test_duplicate_key_in_one_entry(write_dataset: Writer) -> None:
    root = write_dataset(
        {"more.yaml": "actors:\n  - id: e\n    name: Echo\n    kind: state\n    name: Echo again\n"}
    )
    [problem] = problems_of(root)
    assert (problem.line, problem.message) == (5, "key 'name' appears twice in one entry")


def test_every_problem_is_reported_not_just_the_first(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "actors.yaml": """
        actors:
          - {id: a, name: Alpha, kind: stat}
          - {id: B, name: Bravo, kind: leader}
          - {id: c, kind: envoy}
          - {id: d, name: Delta, kind: state, colour: red}
        """,
            "notes.yaml": "",
        }
    )
    found = problems_of(root)
    summary = sorted((p.entry or "", p.field or "", p.message) for p in found)
    assert ("actors[a]", "kind", "'stat' is not one of the documented values") in summary
    assert ("actors[B]", "id", "'B' is not a valid id") in summary
    assert ("actors[c]", "name", "is required") in summary
    assert ("actors[d]", "colour", "unknown field") in summary
    assert any(p.message == "file is empty" for p in found)
    # links to the broken actors are reported too, never silently dropped
    assert any(p.message == "unknown actor 'b'" for p in found)


def test_unknown_section_and_wrong_shapes(write_dataset: Writer) -> None:
    root = write_dataset(
        {"extra.yaml": "actor:\n  - {id: e, name: Echo, kind: state}\nlinks: {}\n"}
    )
    found = problems_of(root)
    assert [(p.message, p.hint) for p in found] == [
        ("unknown section 'actor'", "did you mean 'actors'?"),
        ("must be a list of entries, not a mapping", None),
    ]


def test_scenario_needs_two_key_actors_and_known_speakers(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "scenarios.yaml": """
        scenarios:
          - id: solo
            name: Solo
            key_actors: [a]
            changes:
              - link: a-b
          - id: pair
            name: Pair
            key_actors: [a, b]
            raised_by: [nobody]
        """
        }
    )
    found = {(p.entry, p.field, p.message) for p in problems_of(root)}
    assert found == {
        ("scenarios[solo]", "key_actors", "needs at least two distinct actors"),
        ("scenarios[solo].changes[0]", None, "changes nothing"),
        ("scenarios[pair]", "raised_by", "unknown speaker 'nobody'"),
    }


def test_scenario_added_link_ids_must_not_clash(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "scenarios.yaml": """
        scenarios:
          - id: deal
            name: The deal
            key_actors: [a, d]
            adds:
              - {id: a-b, source: a, target: c, type: supports, strength: 0.5, confidence: 0.5}
        """
        }
    )
    [problem] = problems_of(root)
    assert "duplicate id 'a-b'" in problem.message


def test_self_link_and_quoted_numbers(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "more.yaml": """
        links:
          - {id: loop, source: a, target: a, type: supports, strength: 0.5, confidence: 0.5}
          - {id: quoted, source: a, target: c, type: supports, strength: "0.5", confidence: 0.5}
        """
        }
    )
    found = {(p.entry, p.field, p.message) for p in problems_of(root)}
    assert ("links[loop]", "target", "links 'a' to itself") in found
    assert ("links[quoted]", "strength", "must be a number in [0, 1], not text '0.5'") in found


def test_missing_path_and_directory_without_yaml(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file or directory"):
        load_dataset(tmp_path / "nowhere")
    with pytest.raises(DataError, match=r"contains no \.yaml, \.csv or \.jsonl files"):
        load_dataset(tmp_path)


def test_single_file_dataset(tmp_path: Path) -> None:
    file = tmp_path / "one.yaml"
    file.write_text(
        "actors:\n  - {id: x, name: X, kind: state}\n  - {id: y, name: Y, kind: state}\n"
        "links:\n  - {id: x-y, source: x, target: y, type: allied_with,"
        " strength: 0.5, confidence: 0.5}\n",
        encoding="utf-8",
    )
    ds = load_dataset(file)
    assert [link.id for link in ds.links] == ["x-y"]


def test_seed_dataset_is_valid_and_every_link_has_evidence(seed) -> None:  # type: ignore[no-untyped-def]
    assert len(seed.actors) >= 35
    links = [*seed.links, *(link for s in seed.scenarios for link in s.adds)]
    assert all(link.evidence for link in links), [link.id for link in links if not link.evidence]
    for link in links:
        for ev in link.evidence:
            assert ev.speaker or ev.cites
            # a short paraphrase: one claim with its speaker and hedges (the audited seed's
            # longest, midterms-constrain-trump, is 185 characters)
            assert len(ev.text) < 200, link.id
    required = {
        "us",
        "russia",
        "china",
        "ukraine",
        "japan",
        "europe",
        "taiwan",
        "trump",
        "witkoff",
        "kushner",
        "rubio",
        "bessent",
        "putin",
        "dmitriev",
        "shoigu",
        "wang-yi",
        "xi",
        "us-congress",
        "us-public-opinion",
        "frozen-russian-assets",
        "arctic-minerals",
        "taiwan-sea-lanes",
        "peace-plan-28",
        "peace-plan-19",
        "us-nss",
        "japan-strategy-documents",
        "crimea",
        "donetsk",
        "luhansk",
    }
    assert required <= set(seed.actor_by_id)
    assert {s.id for s in seed.scenarios} == {"g2", "new-yalta", "status-quo"}
    assert all(a.name_ja for a in seed.actors)
