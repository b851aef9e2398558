"""Bulk files (CSV, JSON Lines): the same Dataset as the YAML, the same located problems."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from scenarios.dataset import bulk
from scenarios.dataset.loader import load_dataset
from scenarios.errors import DataError, Problem

Writer = Callable[..., Path]

# the conftest's MINI_ACTORS and MINI_LINKS, written as bulk files
ACTORS_CSV = """\
id,name,kind,name_ja,aliases,affiliation
a,Alpha,state,アルファ,First,
b,Bravo,leader,,,a
c,Charlie,envoy,,,
d,Delta,state,,,
"""
LINKS_CSV = """\
id,source,target,type,strength,confidence,date
a-b,b,a,leads,1.0,1.0,
b-c,c,b,envoy_of,0.5,1.0,2025-10-24/2025-10-26
c-d,c,d,negotiates_with,0.5,1,2025-12-02
a-d,a,d,economic_tie,0.1,1.0,
"""
EVIDENCE_CSV = """\
link,text,speaker,programme
a-b,Bravo leads Alpha.,anna,prog
"""
ACTORS_JSONL = """\
{"id": "a", "name": "Alpha", "kind": "state", "name_ja": "アルファ", "aliases": ["First"]}
{"id": "b", "name": "Bravo", "kind": "leader", "affiliation": "a"}
{"id": "c", "name": "Charlie", "kind": "envoy"}

{"id": "d", "name": "Delta", "kind": "state"}
"""
LINKS_JSONL = """\
{"id": "a-b", "source": "b", "target": "a", "type": "leads", "strength": 1.0, "confidence": 1.0, \
"evidence": [{"text": "Bravo leads Alpha.", "speaker": "anna", "programme": "prog"}]}
{"id": "b-c", "source": "c", "target": "b", "type": "envoy_of", "strength": 0.5, \
"confidence": 1.0, "date": "2025-10-24/2025-10-26"}
{"id": "c-d", "source": "c", "target": "d", "type": "negotiates_with", "strength": 0.5, \
"confidence": 1, "date": "2025-12-02"}
{"id": "a-d", "source": "a", "target": "d", "type": "economic_tie", "strength": 0.1, \
"confidence": 1.0}
"""
CSV_FILES = {"actors.csv": ACTORS_CSV, "links.csv": LINKS_CSV, "evidence.csv": EVIDENCE_CSV}
JSONL_FILES = {"actors.jsonl": ACTORS_JSONL, "links.jsonl": LINKS_JSONL}
NO_YAML = {"actors.yaml": None, "links.yaml": None}


@pytest.fixture(autouse=True, params=[50_000, 2], ids=["one-chunk", "chunks-of-2"])
def chunk_rows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every test runs with links.csv read as one chunk and in chunks of two rows."""
    monkeypatch.setattr(bulk, "CHUNK_ROWS", request.param)
    return int(request.param)


def bulk_dataset(write_dataset: Writer, files: dict[str, str]) -> Path:
    """The mini dataset with its actors and links in bulk files (sources, scenarios in YAML)."""
    root = write_dataset(NO_YAML)
    for name in NO_YAML:
        (root / name).unlink(missing_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return list(info.value.problems)


def located(problems: list[Problem]) -> list[tuple[str, int | None, str | None, str | None, str]]:
    return [(Path(p.file).name, p.line, p.entry, p.field, p.message) for p in problems]


# -- the same Dataset --------------------------------------------------------------------------


@pytest.mark.parametrize("files", [CSV_FILES, JSONL_FILES], ids=["csv", "jsonl"])
def test_bulk_files_give_the_same_dataset_as_yaml(
    write_dataset: Writer, files: dict[str, str]
) -> None:
    from_yaml = load_dataset(write_dataset())
    from_bulk = load_dataset(bulk_dataset(write_dataset, files))
    assert from_bulk == from_yaml
    link = from_bulk.link_by_id["a-b"]
    assert link.evidence[0].text == "Bravo leads Alpha."
    assert from_bulk.actor_by_id["a"].aliases == ("First",)
    assert from_bulk.link_by_id["b-c"].date is not None
    assert from_bulk.link_by_id["b-c"].date.text == "2025-10-24/2025-10-26"


def test_csv_quoting_lists_and_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text(
        "id,name,kind,aliases,description\n"
        'a,"Alpha, the first",state,"A; Alf ;Al",\n'
        "\n"
        'b,Bravo,leader,,"two\nlines"\n',
        encoding="utf-8",
    )
    (tmp_path / "links.csv").write_text(
        'id,source,target,type,strength,confidence,label\na-b,a,b,leads,1,1,"x, ""y"""\n',
        encoding="utf-8",
    )
    ds = load_dataset(tmp_path)
    alpha, bravo = ds.actors
    assert alpha.name == "Alpha, the first"
    assert alpha.aliases == ("A", "Alf", "Al")
    assert alpha.description is None  # an empty cell is an absent field
    assert bravo.description == "two\nlines"
    assert ds.links[0].label == 'x, "y"'


def test_sections_of_several_bulk_files_are_merged_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text(
        "id,name,kind\na,Alpha,state\nb,Bravo,state\n", encoding="utf-8"
    )
    (tmp_path / "2024.links.csv").write_text(
        "id,source,target,type,strength,confidence\nl1,a,b,supports,1,1\n", encoding="utf-8"
    )
    (tmp_path / "2025.links.jsonl").write_text(
        '{"id":"l2","source":"b","target":"a","type":"opposes","strength":0.2,"confidence":1}\n',
        encoding="utf-8",
    )
    ds = load_dataset(tmp_path)
    assert [link.id for link in ds.links] == ["l1", "l2"]


# -- the same problems, located ------------------------------------------------------------------


def test_unknown_csv_column_is_named_with_a_suggestion(write_dataset: Writer) -> None:
    root = bulk_dataset(
        write_dataset, {**CSV_FILES, "actors.csv": ACTORS_CSV.replace("name_ja", "nmae_ja")}
    )
    [problem] = problems_of(root)
    assert located([problem]) == [("actors.csv", 1, None, "nmae_ja", "unknown field")]
    assert problem.hint == "did you mean 'name_ja'?"


def test_unknown_jsonl_key_is_named_with_line_entry_and_suggestion(write_dataset: Writer) -> None:
    root = bulk_dataset(
        write_dataset,
        {**JSONL_FILES, "actors.jsonl": ACTORS_JSONL.replace('"affiliation"', '"afiliation"')},
    )
    [problem] = problems_of(root)
    assert located([problem]) == [("actors.jsonl", 2, "actors[b]", "afiliation", "unknown field")]
    assert problem.hint == "did you mean 'affiliation'?"


def test_missing_required_column_is_one_problem(write_dataset: Writer) -> None:
    root = bulk_dataset(
        write_dataset, {**CSV_FILES, "links.csv": LINKS_CSV.replace(",confidence,", ",conf,")}
    )
    found = located(problems_of(root))
    assert found[0] == ("links.csv", 1, None, "conf", "unknown field")
    assert found[1][:2] == ("links.csv", 1)
    assert found[1][4].startswith("malformed CSV header: no 'confidence' column")
    assert len(found) == 2  # the rows are not read, and references into them not reported


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_duplicate_ids_name_both_places(write_dataset: Writer, suffix: str) -> None:
    files = dict(CSV_FILES if suffix == "csv" else JSONL_FILES)
    lines = files[f"links.{suffix}"].splitlines(keepends=True)
    files[f"links.{suffix}"] = "".join([*lines, lines[-1]])
    root = bulk_dataset(write_dataset, files)
    [problem] = problems_of(root)
    assert located([problem]) == [
        (
            f"links.{suffix}",
            len(lines) + 1,
            "links[a-d]",
            "id",
            f"duplicate id 'a-d' (first defined at {Path(problem.file).parent.name}/"
            f"links.{suffix}:{len(lines)})",
        )
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("target", "dleta", "unknown actor 'dleta'"),
        ("confidence", "1.5", "1.5 is outside [0, 1]"),
        ("strength", "-0.1", "-0.1 is outside [0, 1]"),
        ("strength", "nan", "nan is outside [0, 1]"),
        ("strength", "high", "must be a number in [0, 1], not text 'high'"),
        ("date", "2025-13-01", "'2025-13-01' is not a valid date (month must be in 1..12)"),
        ("date", "soon", "'soon' is not a date (use YYYY-MM-DD, YYYY-MM, YYYY or A/B)"),
        ("type", "negotiate_with", "'negotiate_with' is not one of the documented values"),
        ("source", "D", "'D' is not a valid id"),
        ("target", "a", "links 'a' to itself"),
    ],
)
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_bad_link_values_are_located(
    write_dataset: Writer, suffix: str, field: str, value: str, message: str
) -> None:
    fields = {"id": "a-d", "source": "a", "target": "d", "type": "economic_tie"}
    fields |= {"strength": "0.1", "confidence": "1", field: value}
    if suffix == "csv":
        header, *rows = LINKS_CSV.splitlines()
        text = "\n".join([header, *rows[:3], _csv_row(header, fields)]) + "\n"
    else:
        entry: dict[str, object] = dict(fields)
        for key in ("strength", "confidence"):
            with contextlib.suppress(ValueError):  # "high" stays text
                entry[key] = float(str(entry[key]))
        text = "".join(LINKS_JSONL.splitlines(keepends=True)[:3]) + json.dumps(entry) + "\n"
    files = dict(CSV_FILES if suffix == "csv" else JSONL_FILES)
    files[f"links.{suffix}"] = text
    root = bulk_dataset(write_dataset, files)
    found = problems_of(root)
    line = 5 if suffix == "csv" else 4  # after the header, or not
    assert located(found) == [(f"links.{suffix}", line, "links[a-d]", field, message)]
    if value == "dleta":
        assert found[0].hint == "did you mean 'd'?"


def _csv_row(header: str, fields: dict[str, str]) -> str:
    return ",".join(fields.get(column, "") for column in header.split(","))


def test_ragged_csv_row_names_its_line(write_dataset: Writer) -> None:
    text = LINKS_CSV.replace("a-d,a,d,economic_tie,0.1,1.0,", "a-d,a,d,economic,tie,0.1,1.0,")
    text = text.replace("c-d,c,d,negotiates_with,0.5,1,2025-12-02", "c-d,c,d")
    root = bulk_dataset(write_dataset, {**CSV_FILES, "links.csv": text})
    found = problems_of(root)
    assert located(found) == [
        ("links.csv", 4, None, None, "has 3 cells, the header has 7"),
        ("links.csv", 5, None, None, "has 8 cells, the header has 7"),
        # the scenario changes and removes the dropped links: reported, never silently ignored
        ("scenarios.yaml", 8, "scenarios[deal].changes[0]", "link", "unknown base link 'c-d'"),
        ("scenarios.yaml", 11, "scenarios[deal].removes[0]", "link", "unknown base link 'a-d'"),
    ]
    assert found[0].hint == "quote cells that contain commas or line breaks"


def test_malformed_csv_quoting_stops_the_file(write_dataset: Writer) -> None:
    text = LINKS_CSV.replace("c-d,c,d,", 'c-d,c,"d"x,')
    root = bulk_dataset(write_dataset, {**CSV_FILES, "links.csv": text})
    found = problems_of(root)
    assert located(found)[0][:2] == ("links.csv", 4)
    assert found[0].message.startswith("malformed CSV")
    assert len(found) == 1  # references into a file that could not be read are not reported


def test_malformed_json_line_and_non_objects(write_dataset: Writer) -> None:
    lines = LINKS_JSONL.splitlines(keepends=True)
    text = "".join([lines[0], '{"id": "b-c", "source": "c",\n', "[1, 2]\n", *lines[2:]])
    root = bulk_dataset(write_dataset, {**JSONL_FILES, "links.jsonl": text})
    found = problems_of(root)
    assert located(found) == [
        (
            "links.jsonl",
            2,
            None,
            None,
            "malformed JSON: Expecting property name enclosed in double quotes (column 29)",
        ),
        ("links.jsonl", 3, None, None, "must be a mapping of fields, not a list"),
    ]
    assert found[0].hint == "each line must be one JSON object"


def test_an_unreadable_actors_file_is_one_problem_not_one_per_link(write_dataset: Writer) -> None:
    root = bulk_dataset(write_dataset, CSV_FILES)
    (root / "actors.csv").write_bytes(b"\xff\xfe" + ACTORS_CSV.encode())
    [problem] = problems_of(root)
    assert (problem.line, problem.message) == (
        1,
        "cannot be read: not UTF-8 (byte 0xff at column 1)",
    )
    assert problem.hint == "save the file as UTF-8"


def test_a_json_boolean_is_named_as_json_spells_it(write_dataset: Writer) -> None:
    lines = LINKS_JSONL.splitlines(keepends=True)
    first = json.loads(lines[0]) | {"confidence": True}
    text = "".join([json.dumps(first) + "\n", *lines[1:]])
    found = problems_of(bulk_dataset(write_dataset, {**JSONL_FILES, "links.jsonl": text}))
    assert [p.message for p in found] == ["must be a number in [0, 1], not a yes/no value (true)"]


@pytest.mark.parametrize("name", ["links.csv", "links.jsonl", "actors.jsonl"])
def test_empty_bulk_file(write_dataset: Writer, name: str) -> None:
    root = bulk_dataset(write_dataset, {**CSV_FILES, name: ""})
    if name == "links.csv":
        root.joinpath("links.csv").write_text("", encoding="utf-8")
    found = problems_of(root)
    assert ("file is empty" in [p.message for p in found]) and Path(found[0].file).name == name
    assert found[0].line is None


def test_bulk_file_named_after_no_section(write_dataset: Writer) -> None:
    root = bulk_dataset(write_dataset, {**CSV_FILES, "linkz.csv": LINKS_CSV})
    [problem] = problems_of(root)
    assert problem.message == "names no section: 'linkz' is not one of " + ", ".join(
        bulk.CSV_COLUMNS
    )
    assert problem.hint == "did you mean 'links'?"


def test_evidence_row_for_unknown_link(write_dataset: Writer) -> None:
    root = bulk_dataset(
        write_dataset, {**CSV_FILES, "evidence.csv": EVIDENCE_CSV + "x-y,Nothing.,anna,\n"}
    )
    [problem] = problems_of(root)
    assert located([problem]) == [
        ("evidence.csv", 3, "links[x-y].evidence", "link", "unknown base link 'x-y'")
    ]


def test_every_problem_of_every_bulk_file_at_once(write_dataset: Writer) -> None:
    actors = ACTORS_CSV.replace("c,Charlie,envoy", "c,Charlie,envoi") + "e,Echo\n"
    links = LINKS_CSV.replace("0.5,1,2025-12-02", "0.5,7,2025-12-02") + "a-b,a,b,leads,1,1,\n"
    problems_ = problems_of(
        bulk_dataset(write_dataset, {**CSV_FILES, "actors.csv": actors, "links.csv": links})
    )
    assert located(problems_) == [
        ("actors.csv", 4, "actors[c]", "kind", "'envoi' is not one of the documented values"),
        ("actors.csv", 6, None, None, "has 2 cells, the header has 6"),
        ("links.csv", 4, "links[c-d]", "confidence", "7.0 is outside [0, 1]"),
        (
            "links.csv",
            6,
            "links[a-b]",
            "id",
            f"duplicate id 'a-b' (first defined at {problems_[0].file.rsplit('/', 1)[0]}"
            "/links.csv:2)",
        ),
    ]  # links to the invalid actor c are not reported again: its id is declared


# -- writing ---------------------------------------------------------------------------------------


def test_written_csv_reads_back_the_same(tmp_path: Path) -> None:
    entries = [
        {"id": "a", "name": 'Alpha, "the first"', "kind": "state", "aliases": ["A", "Alf"]},
        {"id": "b", "name": "Bravo\nsecond line", "kind": "leader"},
    ]
    text = "".join(bulk.csv_lines("actors", entries, ("id", "name", "kind", "aliases")))
    (tmp_path / "actors.csv").write_text(text, encoding="utf-8")
    ds = load_dataset(tmp_path)
    assert [(a.id, a.name, a.aliases) for a in ds.actors] == [
        ("a", 'Alpha, "the first"', ("A", "Alf")),
        ("b", "Bravo\nsecond line", ()),
    ]


# -- chunks: a column at a time, the same answers and problems as row by row ------------------


def test_line_numbers_survive_multi_line_cells_and_blank_lines(write_dataset: Writer) -> None:
    text = (
        "id,source,target,type,strength,confidence,label\n"
        'a-b,b,a,leads,1,1,"first\nsecond\r\nthird"\n'  # lines 2-4
        "\n"  # line 5
        "b-c,c,b,envoy_of,0.5,1,\n"
        "c-d,c,d,negotiates_with,0.5,2,\n"  # line 7
        "a-d,a,d,economic_tie,0.1,1,\n"
    )
    root = bulk_dataset(write_dataset, {**CSV_FILES, "links.csv": text})
    assert located(problems_of(root)) == [
        ("links.csv", 7, "links[c-d]", "confidence", "2.0 is outside [0, 1]")
    ]
    root.joinpath("links.csv").write_text(text.replace(",2,", ",1,"), encoding="utf-8")
    assert load_dataset(root).link_by_id["a-b"].label == "first\nsecond\r\nthird"


def test_problems_before_malformed_quoting_in_the_same_chunk(write_dataset: Writer) -> None:
    text = LINKS_CSV.replace("b-c,c,b,envoy_of,0.5,1.0", "b-c,c,b,envoy_of,0.5,3")
    text = text.replace("a-d,a,d,", 'a-d,a,"d"x,')
    root = bulk_dataset(write_dataset, {**CSV_FILES, "links.csv": text})
    found = located(problems_of(root))
    assert found[0] == ("links.csv", 3, "links[b-c]", "confidence", "3.0 is outside [0, 1]")
    assert found[1][:2] == ("links.csv", 5)
    assert found[1][4].startswith("malformed CSV")


def _random_links(rng: random.Random, count: int) -> str:
    """A links.csv of `count` rows over actors a-d, some of them broken in some way."""
    lines = ["id,source,target,type,strength,confidence,date,label,note"]
    for i in range(count):
        cells = [f"l{i}", "a", "b", "supports", "0.5", "1", "2025-01", "", ""]
        cells[1], cells[2] = rng.sample(["a", "b", "c", "d"], 2)
        broken = rng.random() < 0.15
        if broken:
            column = rng.randrange(9)
            cells[column] = rng.choice(
                ["", "x y", "e", "A", "1.5", "nan", "2025-13", "soon", "supprots", "a", '"q"']
            )
        if rng.random() < 0.2:
            cells[7] = rng.choice(["Label", '"two, parts"', '"two\nlines"'])
        lines.append(",".join(cells))
        if rng.random() < 0.05:
            lines.append(rng.choice(["", "l-extra,a,b", f"l{i},b,c,opposes,0.2,0.4,,,"]))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(30))
def test_chunks_report_exactly_what_rows_report(
    write_dataset: Writer, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    text = _random_links(random.Random(seed), 12)
    root = bulk_dataset(write_dataset, {**CSV_FILES, "links.csv": text})
    (root / "scenarios.yaml").unlink()  # it names links of the mini dataset
    (root / "evidence.csv").unlink()

    def outcome() -> object:
        try:
            return load_dataset(root)
        except DataError as err:
            return [str(p) + str(p.hint) for p in err.problems]

    results = []
    for size in (3, 5, 50_000):
        monkeypatch.setattr(bulk, "CHUNK_ROWS", size)
        results.append(outcome())
    monkeypatch.setattr(bulk, "CHUNKED_SECTIONS", frozenset())  # no chunks: row by row
    assert results == [outcome()] * 3


def test_yaml_uses_the_c_loader_when_pyyaml_has_it() -> None:
    import yaml

    from scenarios.dataset import loader

    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml (its wheels have it)")
    assert issubclass(loader._Loader, yaml.CSafeLoader)


def test_a_scenarios_connected_by_reads_from_json_lines(write_dataset: Writer) -> None:
    from scenarios.vocab import LinkType

    root = bulk_dataset(write_dataset, JSONL_FILES)
    (root / "scenarios.yaml").unlink()
    (root / "scenarios.jsonl").write_text(
        '{"id": "held", "name": "Held", "key_actors": ["a", "d"], '
        '"connected_by": ["negotiates_with", "leads"]}\n'
        '{"id": "bad", "name": "Bad", "key_actors": ["a", "d"], "connected_by": ["claims"]}\n',
        encoding="utf-8",
    )
    [problem] = problems_of(root)
    assert located([problem]) == [
        (
            "scenarios.jsonl",
            2,
            "scenarios[bad]",
            "connected_by",
            "'claims' is adversarial: it never carries a connection",
        )
    ]
    (root / "scenarios.jsonl").write_text(
        '{"id": "held", "name": "Held", "key_actors": ["a", "d"], '
        '"connected_by": ["negotiates_with", "leads"]}\n',
        encoding="utf-8",
    )
    [held] = load_dataset(root).scenarios
    assert held.connected_by == (LinkType.NEGOTIATES_WITH, LinkType.LEADS)


GRADED_LINKS_CSV = """\
id,source,target,type,strength,confidence,date,background
a-b,b,a,leads,1.0,fact,,
b-c,c,b,envoy_of,0.5,0.9,2025-10-24/2025-10-26,
c-d,c,d,negotiates_with,0.5,heard,2025-12-02,
a-d,a,d,economic_tie,0.1,1.0,,"Alpha and Delta trade, as everyone knows"
"""
GRADED_EVIDENCE_CSV = """\
link,text,speaker,programme,grade,locator,url,accessed
a-b,Bravo leads Alpha.,anna,prog,fact,¶3,https://example.org/p,2025-12-08
"""
GRADED_YAML = """
links:
  - {id: a-b, source: b, target: a, type: leads, strength: 1.0, confidence: fact,
     evidence: [{text: Bravo leads Alpha., speaker: anna, programme: prog, grade: fact,
                 locator: ¶3, url: "https://example.org/p", accessed: 2025-12-08}]}
  - {id: b-c, source: c, target: b, type: envoy_of, strength: 0.5, confidence: 0.9,
     date: 2025-10-24/2025-10-26}
  - {id: c-d, source: c, target: d, type: negotiates_with, strength: 0.5, confidence: heard,
     date: 2025-12-02}
  - {id: a-d, source: a, target: d, type: economic_tie, strength: 0.1, confidence: 1.0,
     background: "Alpha and Delta trade, as everyone knows"}
"""


def test_grades_background_and_evidence_fields_in_csv_are_the_yaml_ones(
    write_dataset: Writer,
) -> None:
    # a confidence column of numbers and grade names still goes a column at a time
    from_yaml = load_dataset(write_dataset({"links.yaml": GRADED_YAML}))
    files = {
        "actors.csv": ACTORS_CSV,
        "links.csv": GRADED_LINKS_CSV,
        "evidence.csv": GRADED_EVIDENCE_CSV,
    }
    from_csv = load_dataset(bulk_dataset(write_dataset, files))
    assert from_csv.links == from_yaml.links
    assert [(link.confidence, link.grade) for link in from_csv.links] == [
        (1.0, "fact"),
        (0.9, None),
        (0.4, "heard"),
        (1.0, None),
    ]
    assert from_csv.link_by_id["a-d"].basis == "background"


def test_a_csv_grade_that_is_no_grade_is_located(write_dataset: Writer) -> None:
    links = GRADED_LINKS_CSV.replace("heard", "herd")
    root = bulk_dataset(write_dataset, {"actors.csv": ACTORS_CSV, "links.csv": links})
    [problem] = problems_of(root)
    assert (problem.entry, problem.field, problem.line) == ("links[c-d]", "confidence", 4)
    assert problem.message == "'herd' is not a grade of the ladder"
    assert problem.hint == "did you mean 'heard'?"


def test_signposts_in_json_lines_load_like_yaml(write_dataset: Writer) -> None:
    line = (
        '{"id": "handshake", "statement": "They shake hands", "points_to": ["deal"], '
        '"observations": [{"text": "Seen", "date": "2025-12", "speaker": "anna", "grade": "fact"}]}'
    )
    root = bulk_dataset(write_dataset, {**JSONL_FILES, "signposts.jsonl": line + "\n"})
    sign = load_dataset(root).signpost_by_id["handshake"]
    assert (sign.points_to, str(sign.observations[0].date)) == (("deal",), "2025-12")
    bad = line.replace('"grade": "fact"', '"grade": "sure"')
    root = bulk_dataset(write_dataset, {**JSONL_FILES, "signposts.jsonl": bad + "\n"})
    assert located(problems_of(root)) == [
        (
            "signposts.jsonl",
            1,
            "signposts[handshake].observations[0]",
            "grade",
            "'sure' is not a grade of the ladder",
        )
    ]
