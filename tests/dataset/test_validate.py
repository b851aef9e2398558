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
    assert problem.line == 3  # where the bracket that is never closed opens
    assert problem.message == (
        "malformed YAML: the [ starting here is never closed"
        " (did not find expected ',' or ']' on line 4)"
    )


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


def test_connected_by_names_carrying_link_types_once(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "scenarios.yaml": """
        scenarios:
          - id: held
            name: Held
            key_actors: [a, d]
            connected_by: [constrains, suports, opposes, constrains, 3]
          - id: empty
            name: Empty
            key_actors: [a, d]
            connected_by: []
        """
        }
    )
    found = [(p.line, p.entry, p.field, p.message, p.hint) for p in problems_of(root)]
    assert found == [
        (6, "scenarios[held]", "connected_by", "item 3 must be non-empty text", None),
        (6, "scenarios[held]", "connected_by",
         "'suports' is not one of the documented link types", "did you mean 'supports'?"),
        (6, "scenarios[held]", "connected_by",
         "'opposes' is adversarial: it never carries a connection",
         "adversarial links are reported as tensions; list channel types, e.g. constrains, "
         "allied_with, supports"),
        (6, "scenarios[held]", "connected_by", "lists 'constrains' twice", "name each type once"),
        (10, "scenarios[empty]", "connected_by", "is empty: nothing would connect the key actors",
         "leave it out for the default (every channel type), or list some types"),
    ]  # fmt: skip


def test_connected_by_loads_as_link_types(write_dataset: Writer) -> None:
    from scenarios.vocab import LinkType

    root = write_dataset(
        {
            "scenarios.yaml": """
        scenarios:
          - id: held
            name: Held
            key_actors: [a, d]
            connected_by: [negotiates_with, leads]
        """
        }
    )
    [held] = load_dataset(root).scenarios
    assert held.connected_by == (LinkType.NEGOTIATES_WITH, LinkType.LEADS)


# -- signposts ---------------------------------------------------------------------------------

SIGNPOSTS = """
signposts:
  - id: handshake
    statement: The two leaders shake hands in public
    points_to: [deal]
    bears_on: [a, b-d]
    meaning: the deal is made in the open
    raised_by:
      - text: Anna would watch for a handshake.
        speaker: anna
        programme: prog
        locator: ¶3
        grade: assessed
    observations:
      - text: They shook hands.
        date: 2025-12
        speaker: anna
        programme: prog
        grade: reported
      - text: A second handshake, reported later.
        reported: 2026-01-05
        url: https://example.org/handshake
        accessed: 2026-01-06
        grade: fact
        date: 2025-12-30
"""


def test_signposts_load_with_their_observations(write_dataset: Writer) -> None:
    from datetime import date

    ds = load_dataset(write_dataset({"signposts.yaml": SIGNPOSTS}))
    written, converted = ds.signposts  # the scenario's old text signpost comes after
    assert (written.id, written.points_to, written.against) == ("handshake", ("deal",), ())
    assert written.bears_on == ("a", "b-d")  # an actor and a link a scenario adds
    assert written.raised_by[0].grade == "assessed"  # a grade of the ladder, as for evidence
    assert written.raised_by[0].locator == "¶3"
    first, second = written.observations
    assert first.grade == "reported" and str(first.date) == "2025-12"
    # a month counts from its last day, or from a report within it: its programme, 7 December
    assert ds.happened_day(first) == date(2025, 12, 7)
    assert ds.reported_day(first) == date(2025, 12, 7)  # its programme's date
    assert (second.url, second.accessed) == ("https://example.org/handshake", date(2026, 1, 6))
    assert ds.reported_day(second) == date(2026, 1, 5)
    assert converted.id == "deal-signpost-1"


def test_observation_grades_are_grades_of_the_declared_ladder(write_dataset: Writer) -> None:
    # the dataset's own ladder replaces the default for observations too, and, as for
    # evidence, an observation names a grade: a number is no grade
    ladder = """
    grades:
      - {name: sure, value: 0.9, meaning: confirmed twice}
      - {name: maybe, value: 0.5}
    signposts:
      - id: handshake
        statement: The two leaders shake hands in public
        points_to: [deal]
        raised_by:
          - {text: Anna would watch for it., speaker: anna, grade: maybe}
        observations:
          - {text: They shook hands., date: 2025-12-01, speaker: anna, grade: sure}
    """
    ds = load_dataset(write_dataset({"signposts.yaml": ladder}))
    sign = ds.signpost_by_id["handshake"]
    assert (sign.raised_by[0].grade, sign.observations[0].grade) == ("maybe", "sure")
    default = ladder.replace("grade: sure", "grade: fact").replace("grade: maybe", "grade: 0.5")
    found = {
        (p.entry, p.field, p.message, p.hint)
        for p in problems_of(write_dataset({"signposts.yaml": default}))
    }
    assert found == {
        (
            "signposts[handshake].observations[0]",
            "grade",
            "'fact' is not a grade of the ladder",
            "use a grade: sure (0.9), maybe (0.5)",
        ),
        (
            "signposts[handshake].raised_by[0]",
            "grade",
            "must name a grade, not a number 0.5",
            "use: sure, maybe",
        ),
    }


def test_old_text_signposts_become_signposts_of_their_scenario(write_dataset: Writer) -> None:
    ds = load_dataset(write_dataset())
    (sign,) = ds.signposts
    assert (sign.id, sign.statement, sign.points_to, sign.against) == (
        "deal-signpost-1",
        "A handshake",
        ("deal",),
        (),
    )
    (raised,) = sign.raised_by
    assert (raised.speaker, raised.programme, raised.text) == ("anna", "prog", "A handshake")


def test_signpost_problems_are_located(write_dataset: Writer) -> None:
    broken = """
    signposts:
      - id: Bad Id
        statement: ""
      - id: both
        statement: For and against the same scenario
        points_to: [deal]
        against: [deal]
      - id: nowhere
        statement: Names no scenario
      - id: refs
        statement: Unknown references
        points_to: [nope]
        bears_on: [zulu]
        raised_by:
          - text: no source at all
        observations:
          - text: undated and from no programme
            speaker: anna
          - text: a grade off the ladder
            date: 2025-12-01
            speaker: anna
            grade: certain
      - id: deal-signpost-1
        statement: clashes with the converted old-form signpost
        points_to: [deal]
    """
    found = {(p.entry, p.field, p.message) for p in problems_of(write_dataset({"s.yaml": broken}))}
    assert ("signposts[Bad Id]", "id", "'Bad Id' is not a valid id") in found
    assert ("signposts[Bad Id]", "statement", "must not be empty") in found
    assert ("signposts[both]", "against", "scenario 'deal' is also in points_to") in found
    assert ("signposts[nowhere]", None, "names no scenario") in found
    assert ("signposts[refs]", "points_to", "unknown scenario 'nope'") in found
    assert ("signposts[refs]", "bears_on", "unknown actor or link 'zulu'") in found
    assert ("signposts[refs].raised_by[0]", None, "says nothing of who said it") in found
    assert ("signposts[refs].observations[0]", "date", "an observation needs a date") in found
    off = "'certain' is not a grade of the ladder"
    assert ("signposts[refs].observations[1]", "grade", off) in found
    duplicate = [p for p in found if p[2].startswith("duplicate id 'deal-signpost-1'")]
    assert duplicate == [("signposts[deal-signpost-1]", "id", duplicate[0][2])]
