"""Issue 12's format: grades and the ladder, link basis, checkable evidence, warnings, summary.

Every rule of docs/data-format.md ("Confidence grades", "Basis", "Evidence", "Warnings",
"The summary") against a tiny dataset whose answer is worked out by hand here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from scenarios.dataset.loader import load_dataset
from scenarios.dataset.validate import MAX_PROBLEMS_PER_FILE, Warnings
from scenarios.errors import DataError, Problem
from scenarios.model import DEFAULT_GRADES, Grade
from scenarios.reports.validation import ValidDataset, summary, validation
from scenarios.vocab import LinkType

Writer = Callable[..., Path]

GRADED_LINKS = """
links:
  - id: a-b
    source: b
    target: a
    type: leads
    strength: 1.0
    confidence: fact
    evidence:
      - text: Bravo leads Alpha.
        speaker: anna
        programme: prog
        grade: fact
        locator: ¶3
        url: https://example.org/programme
        accessed: 2025-12-08
  - id: b-c
    source: c
    target: b
    type: envoy_of
    strength: 0.5
    confidence: 0.9
    evidence:
      - text: Anna thinks Charlie speaks for Bravo.
        speaker: anna
        programme: prog
        grade: assessed
  - id: c-d
    source: c
    target: d
    type: negotiates_with
    strength: 0.5
    confidence: heard
  - id: a-d
    source: a
    target: d
    type: economic_tie
    strength: 0.1
    confidence: 1.0
    background: Alpha and Delta trade; everyone knows it, no source says it.
"""


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return list(info.value.problems)


def by_place(found: list[Problem]) -> dict[tuple[str | None, str | None], Problem]:
    return {(p.entry, p.field): p for p in found}


# -- grades and the ladder -------------------------------------------------------------------


def test_a_grade_name_is_its_ladder_value_and_is_kept(write_dataset: Writer) -> None:
    ds = load_dataset(write_dataset({"links.yaml": GRADED_LINKS}))
    link = ds.link_by_id["c-d"]
    assert (link.confidence, link.grade) == (0.4, "heard")
    assert link.weight == pytest.approx(0.5 * 0.4)
    numeric = ds.link_by_id["b-c"]
    assert (numeric.confidence, numeric.grade) == (0.9, None)  # a number stays a number
    assert ds.grades == () and ds.ladder == DEFAULT_GRADES


def test_a_declared_ladder_replaces_the_default_even_from_a_later_file(
    write_dataset: Writer,
) -> None:
    # zz.yaml is read after links.yaml, yet its ladder is the one the links are graded on
    root = write_dataset(
        {
            "links.yaml": GRADED_LINKS.replace("confidence: heard", "confidence: rumour"),
            "zz.yaml": """
            grades:
              - {name: fact, value: 1.0, meaning: on the record}
              - {name: assessed, value: 0.6}
              - {name: rumour, value: 0.25}
            """,
        }
    )
    ds = load_dataset(root)
    assert ds.grades == (
        Grade("fact", 1.0, "on the record"),
        Grade("assessed", 0.6),
        Grade("rumour", 0.25),
    )
    assert ds.link_by_id["c-d"].confidence == 0.25
    # `heard` is not on this ladder
    root = write_dataset({"links.yaml": GRADED_LINKS})
    [problem] = problems_of(root)
    assert (problem.entry, problem.field) == ("links[c-d]", "confidence")
    assert problem.message == "'heard' is not a grade of the ladder"
    assert problem.hint == (
        "use a number in [0, 1] or a grade: fact (1.0), assessed (0.6), rumour (0.25)"
    )


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("asessed", "'asessed' is not a grade of the ladder", "did you mean 'assessed'?"),
        ('"0.5"', "must be a number in [0, 1] or a grade, not text '0.5'", "without quotes"),
        ("1.5", "1.5 is outside [0, 1]", None),
    ],
)
def test_a_confidence_that_is_no_grade_is_located(
    write_dataset: Writer, value: str, message: str, hint: str | None
) -> None:
    links = GRADED_LINKS.replace("confidence: heard", f"confidence: {value}")
    root = write_dataset({"links.yaml": links})
    [problem] = problems_of(root)
    assert (problem.entry, problem.field, problem.line) == ("links[c-d]", "confidence", 33)
    assert problem.message == message
    assert hint is None or (problem.hint is not None and hint in problem.hint)


def test_a_broken_ladder_is_reported_entry_by_entry(write_dataset: Writer) -> None:
    root = write_dataset(
        {
            "grades.yaml": """
            grades:
              - {name: sure, value: 1.0}
              - {name: sure, value: 0.9}
              - {name: likely, value: 1.0}
              - {name: Maybe, value: 0.5}
              - {name: wild, value: 2}
              - {name: odd, value: 0.1, colour: red}
            """
        }
    )
    found = by_place(problems_of(root))
    assert found[("grades[sure]", "name")].message.startswith("duplicate grade 'sure'")
    assert found[("grades[likely]", "value")].message == (
        "1.0 is already the value of grade 'sure'"
    )
    assert found[("grades[3]", "name")].message == "'Maybe' is not a valid id"
    assert found[("grades[wild]", "value")].message == "2 is outside [0, 1]"
    assert found[("grades[5]", "colour")].message == "unknown field"
    # the links of the mini dataset use numbers: the broken ladder is all that is wrong
    assert len(found) == 5


def test_an_empty_ladder_is_an_error(write_dataset: Writer) -> None:
    [problem] = problems_of(write_dataset({"grades.yaml": "grades: []\n"}))
    assert problem.message == "declares no grade"
    assert problem.hint is not None and "leave the section out" in problem.hint


def test_a_scenario_change_and_an_add_take_grades(write_dataset: Writer) -> None:
    scenarios = """
    scenarios:
      - id: deal
        name: The deal
        key_actors: [a, d]
        changes:
          - {link: c-d, confidence: assessed}
        adds:
          - {id: b-d, source: b, target: d, type: negotiates_with, strength: 0.2,
             confidence: speculation}
    """
    ds = load_dataset(write_dataset({"scenarios.yaml": scenarios}))
    [change] = ds.scenarios[0].changes
    assert (change.confidence, change.grade) == (0.6, "assessed")
    assert ds.scenarios[0].adds[0].grade == "speculation"
    view = ds.view("deal")
    changed = next(link for link in view.links if link.id == "c-d")
    assert (changed.confidence, changed.grade) == (0.6, "assessed")


# -- basis, evidence, connected_by -----------------------------------------------------------


def test_background_links_and_checkable_evidence(write_dataset: Writer) -> None:
    ds = load_dataset(write_dataset({"links.yaml": GRADED_LINKS}))
    assert [link.basis for link in ds.links] == ["sourced", "sourced", "sourced", "background"]
    assert ds.link_by_id["a-d"].background == (
        "Alpha and Delta trade; everyone knows it, no source says it."
    )
    item = ds.link_by_id["a-b"].evidence[0]
    assert (item.grade, item.locator, item.url, item.accessed) == (
        "fact",
        "¶3",
        "https://example.org/programme",
        date(2025, 12, 8),
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("grade", "certain", "'certain' is not a grade of the ladder"),
        ("grade", "0.6", "must name a grade, not a number 0.6"),
        ("grade", "'0.6'", "'0.6' is not a grade of the ladder"),
        ("url", "example.org/page", "'example.org/page' is not a URL"),
        ("accessed", "2025-13-01", "'2025-13-01' is not a day"),
        ("locator", "[12]", "must be text, not a list [12]"),
    ],
)
def test_bad_evidence_fields_are_located(
    write_dataset: Writer, key: str, value: str, message: str
) -> None:
    links = GRADED_LINKS.replace("        grade: assessed\n", f"        {key}: {value}\n")
    [problem] = problems_of(write_dataset({"links.yaml": links}))
    assert (problem.entry, problem.field) == ("links[b-c].evidence[0]", key)
    assert problem.message == message


def test_an_empty_background_is_an_error(write_dataset: Writer) -> None:
    links = GRADED_LINKS.replace(
        "background: Alpha and Delta trade; everyone knows it, no source says it.",
        'background: "  "',
    )
    [problem] = problems_of(write_dataset({"links.yaml": links}))
    assert (problem.entry, problem.field, problem.message) == (
        "links[a-d]",
        "background",
        "must not be empty",
    )


def test_connected_by_takes_link_types_and_refuses_adversarial_ones(
    write_dataset: Writer,
) -> None:
    scenario = """
    scenarios:
      - id: deal
        name: The deal
        key_actors: [a, d]
        connected_by: [negotiates_with, {types}]
    """
    ds = load_dataset(write_dataset({"scenarios.yaml": scenario.replace("{types}", "leads")}))
    assert ds.scenarios[0].connected_by == (LinkType.NEGOTIATES_WITH, LinkType.LEADS)
    for bad, message in (
        ("opposes", "'opposes' is adversarial: it never carries a connection"),
        ("claims", "'claims' is adversarial: it never carries a connection"),
        ("negotiate", "'negotiate' is not one of the documented link types"),
    ):
        root = write_dataset({"scenarios.yaml": scenario.replace("{types}", bad)})
        [problem] = problems_of(root)
        assert (problem.entry, problem.field, problem.line) == (
            "scenarios[deal]",
            "connected_by",
            6,
        )
        assert problem.message == message
    root = write_dataset({"scenarios.yaml": scenario.replace("[negotiates_with, {types}]", "[]")})
    [problem] = problems_of(root)
    assert problem.message == "is empty: nothing would connect the key actors"


# -- warnings and the summary -----------------------------------------------------------------


def test_warnings_are_located_and_never_block_loading(write_dataset: Writer) -> None:
    scenarios = """
    scenarios:
      - id: deal
        name: The deal
        key_actors: [a, d]
        changes:
          - link: c-d
            confidence: 0.55
        adds:
          - id: b-d
            source: b
            target: d
            type: negotiates_with
            strength: 0.2
            confidence: fact
            evidence:
              - {text: Anna heard of it., speaker: anna, grade: heard}
    """
    root = write_dataset({"links.yaml": GRADED_LINKS, "scenarios.yaml": scenarios})
    warnings = Warnings()
    load_dataset(root, warnings=warnings)
    found = [(w.entry, w.field, w.line, w.message) for w in warnings]
    assert found == [  # at the line of the field, or of the entry when the field is missing
        (
            "links[b-c]",
            "confidence",
            22,
            "0.9 is not on the ladder (fact 1.0, reported 0.8, assessed 0.6, heard 0.4, "
            "speculation 0.3)",
        ),
        ("links[b-c]", "confidence", 22, "graded 0.9 but its best evidence is assessed (0.6)"),
        ("links[c-d]", "evidence", 28, "is sourced but has no evidence"),
        (
            "scenarios[deal].adds[b-d]",
            "confidence",
            15,
            "graded fact (1.0) but its best evidence is heard (0.4)",
        ),
        (
            "scenarios[deal].changes[0]",
            "confidence",
            8,
            "0.55 is not on the ladder (fact 1.0, reported 0.8, assessed 0.6, heard 0.4, "
            "speculation 0.3)",
        ),
    ]
    assert warnings[0].file.endswith("links.yaml") and warnings[0].hint == (
        "write a grade or a ladder value"
    )
    # a background link without evidence (a-d) and a graded fact with fact evidence (a-b): fine


def test_the_summary_counts_by_basis_and_grade(write_dataset: Writer) -> None:
    ds = load_dataset(write_dataset({"links.yaml": GRADED_LINKS}))
    found = summary(ds)
    assert found.link_count == 4
    assert found.by_basis == {"sourced": 3, "background": 1}
    # a-b fact (named), b-c 0.9 (off the ladder), c-d heard, a-d 1.0 (the number of `fact`)
    assert found.by_grade == {
        "fact": 2,
        "reported": 0,
        "assessed": 0,
        "heard": 1,
        "speculation": 0,
        "0.9": 1,
    }
    assert (found.without_evidence, found.evidence_items, found.without_locator) == (2, 2, 1)


def test_the_summary_counts_signposts_and_their_observations(write_dataset: Writer) -> None:
    # three signposts (one the mini scenario's old text signpost, converted): two observed,
    # with three observations, graded fact, assessed and none
    signposts = """
    signposts:
      - id: handshake
        statement: The two leaders shake hands
        points_to: [deal]
        observations:
          - {text: They shook hands., date: 2025-12-01, speaker: anna, grade: fact}
          - {text: Again., date: 2025-12-05, speaker: anna, grade: assessed}
      - id: silence
        statement: Nobody talks
        against: [deal]
        observations:
          - {text: Nobody talked., date: 2025-12-02, speaker: anna}
    """
    ds = load_dataset(write_dataset({"signposts.yaml": signposts}))
    found = summary(ds)
    assert (found.signpost_count, found.observed_count, found.observation_count) == (3, 2, 3)
    assert found.observations_by_grade == {
        "fact": 1,
        "reported": 0,
        "assessed": 1,
        "heard": 0,
        "speculation": 0,
        "ungraded": 1,
    }
    table = validation(write_dataset({"signposts.yaml": signposts}))
    assert isinstance(table, ValidDataset) and table.dataset_summary == found


def test_validate_strict_fails_on_warnings_only(write_dataset: Writer) -> None:
    root = write_dataset({"links.yaml": GRADED_LINKS})
    loose, strict = validation(root), validation(root, strict=True)
    assert isinstance(loose, ValidDataset) and isinstance(strict, ValidDataset)
    # b-c off the ladder and above its evidence; c-d without evidence; the mini scenario's
    # add b-d: 0.5 off the ladder, and no evidence
    assert loose.valid and loose.passed and len(loose.warnings) == 5
    assert strict.valid and not strict.passed and strict.warnings == loose.warnings
    graded = GRADED_LINKS.replace("confidence: 0.9", "confidence: assessed").replace(
        "    confidence: heard\n", "    confidence: heard\n    background: it is known\n"
    )
    scenarios = "scenarios:\n  - {id: deal, name: The deal, key_actors: [a, d]}\n"
    root = write_dataset({"links.yaml": graded, "scenarios.yaml": scenarios})
    clean = validation(root, strict=True)
    assert isinstance(clean, ValidDataset) and clean.warnings == () and clean.passed


OLD_FORMAT = """
programmes:
  - {id: prog, title: A programme, date: 2025-12-07}
speakers:
  - {id: anna, name: Anna Analyst}
actors:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Bravo, kind: leader}
links:
  - id: a-b
    source: b
    target: a
    type: leads
    strength: 1.0
    confidence: 0.9
    evidence:
      - {text: Bravo leads Alpha., speaker: anna, programme: prog, cites: public record}
scenarios:
  - id: s
    name: S
    key_actors: [a, b]
    changes:
      - {link: a-b, strength: 0.5, confidence: 0.85}
    signposts:
      - {text: A handshake, meaning: the deal is near, speaker: anna, programme: prog}
"""


def test_a_dataset_in_the_old_format_still_loads(tmp_path: Path) -> None:
    file = tmp_path / "old.yaml"
    file.write_text(OLD_FORMAT, encoding="utf-8")
    warnings = Warnings()
    ds = load_dataset(file, warnings=warnings)
    link = ds.links[0]
    assert (link.confidence, link.grade, link.basis, link.background) == (
        0.9,
        None,
        "sourced",
        None,
    )
    assert ds.grades == () and ds.scenarios[0].changes[0].confidence == 0.85
    assert ds.scenarios[0].connected_by == ()
    # only warned: both numbers are off the default ladder
    assert [(w.entry, w.field) for w in warnings] == [
        ("links[a-b]", "confidence"),
        ("scenarios[s].changes[0]", "confidence"),
    ]


def test_beyond_the_cap_warnings_are_counted_not_listed(tmp_path: Path) -> None:
    many = MAX_PROBLEMS_PER_FILE + 2
    rows = "".join(f"l{i},a,b,supports,0.5,0.9\n" for i in range(many))
    (tmp_path / "actors.csv").write_text("id,name,kind\na,A,state\nb,B,state\n", encoding="utf-8")
    (tmp_path / "links.csv").write_text(
        "id,source,target,type,strength,confidence\n" + rows, encoding="utf-8"
    )
    report = validation(tmp_path)
    assert isinstance(report, ValidDataset)
    # each link: 0.9 off the ladder, and no evidence
    assert report.warnings_total == 2 * many
    listed = [w for w in report.warnings if w.entry is not None]
    assert len(listed) == MAX_PROBLEMS_PER_FILE
    assert (
        report.warnings[-1].message
        == f"{2 * many - MAX_PROBLEMS_PER_FILE:,} more warnings not listed"
    )
