"""`scenarios add` and `scenarios edit` on a copy of the seed kept in a scratch git repository."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset
from scenarios.errors import ExitCode
from tests.gitrepo import diff_lines, git

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def data_of(repo: Path) -> str:
    return str(repo / "data")


# -- add ----------------------------------------------------------------------------------------


def test_add_a_link_then_validate_and_git_diff_shows_only_the_added_lines(seed_repo: Path) -> None:
    result = run(
        "add", "link", "--data", data_of(seed_repo), "--source", "Witkoff", "--target", "習近平",
        "--type", "negotiates_with", "--strength", "0.4", "--confidence", "0.6",
        "--date", "2025-12-10", "--label", "a first call",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "added link witkoff-negotiates_with-xi to data/links.yaml" in result.stderr
    size = (seed_repo / "data" / "links.yaml").stat().st_size
    assert f"wrote data/links.yaml ({size / 1000:.1f} kB)" in result.stderr.splitlines()
    assert run("validate", data_of(seed_repo)).exit_code == 0
    removed, added = diff_lines(seed_repo)
    assert removed == []
    assert added == [
        "",
        "  - id: witkoff-negotiates_with-xi",
        "    source: witkoff",
        "    target: xi",
        "    type: negotiates_with",
        "    strength: 0.4",
        "    confidence: 0.6",
        "    date: 2025-12-10",
        "    label: a first call",
    ]
    link = load_dataset(seed_repo / "data").link_by_id["witkoff-negotiates_with-xi"]
    assert (link.source, link.target, link.strength, link.confidence) == ("witkoff", "xi", 0.4, 0.6)


def test_add_evidence_an_actor_a_speaker_and_a_programme(seed_repo: Path) -> None:
    data = data_of(seed_repo)
    steps = [
        ("programme", "--id", "prime-news-2025-12-14", "--title", "Prime News",
         "--publisher", "BS Fuji", "--date", "2025-12-14"),
        ("speaker", "--id", "sato", "--name", "Masaru Sato", "--name-ja", "佐藤優"),
        ("actor", "--id", "hegseth", "--name", "Pete Hegseth", "--kind", "official",
         "--affiliation", "United States", "--aliases", "Hegseth", "--aliases", "ヘグセス"),
        ("evidence", "--link", "trump-xi-call", "--text", "They spoke again in December.",
         "--speaker", "Masaru Sato", "--programme", "prime-news-2025-12-14"),
    ]  # fmt: skip
    for kind, *flags in steps:
        result = run("add", kind, "--data", data, *flags)
        assert result.exit_code == 0, result.output
    assert run("validate", data).exit_code == 0
    removed, added = diff_lines(seed_repo)
    assert removed == []
    assert "    aliases: [Hegseth, ヘグセス]" in added
    assert "    name_ja: 佐藤優" in added
    ds = load_dataset(seed_repo / "data")
    evidence = ds.link_by_id["trump-xi-call"].evidence[-1]
    assert (evidence.speaker, evidence.programme) == ("sato", "prime-news-2025-12-14")
    assert ds.actor_by_id["hegseth"].affiliation == "us"


@pytest.mark.parametrize(
    ("flags", "message", "hint"),
    [
        (("--source", "witkof"), "no actor matches 'witkof'", "did you mean 'witkoff"),
        (("--confidence", "1.5"), "--confidence: 1.5 is outside [0, 1]", None),
        (("--id", "trump-leads-us"), "--id: duplicate id 'trump-leads-us'", "ids must be unique"),
        (("--type", "support"), "--type: 'support' is not one of", "did you mean 'supports'?"),
        (("--strength", "strong"), "--strength: must be a number in [0, 1]", None),
        (("--date", "2025-13"), "--date: '2025-13' is not a valid date", None),
    ],
)
def test_a_bad_add_writes_nothing_and_exits_2(
    seed_repo: Path, flags: tuple[str, ...], message: str, hint: str | None
) -> None:
    good = {"--source": "witkoff", "--target": "xi", "--type": "supports"}
    good |= {"--strength": "0.5", "--confidence": "0.5"}
    values = dict(good)
    values[flags[0]] = flags[1]
    args = [item for pair in values.items() for item in pair]
    result = run("add", "link", "--data", data_of(seed_repo), *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert message in result.stderr
    if hint:
        assert hint in result.stderr
    assert "Traceback" not in result.output
    assert git(seed_repo, "status", "--porcelain") == ""


def test_missing_values_are_named_without_a_terminal(seed_repo: Path) -> None:
    result = run(
        "add", "link", "--data", data_of(seed_repo), "--source", "witkoff", "--type", "leads"
    )
    assert result.exit_code == ExitCode.USAGE
    assert "missing --target, --strength, --confidence" in result.stderr
    assert git(seed_repo, "status", "--porcelain") == ""


def test_missing_values_are_asked_for_on_a_terminal(
    seed_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scenarios.cli.entries.interactive", lambda: True)
    result = run(
        "add", "link", "--data", data_of(seed_repo), "--source", "witkoff", "--type", "supports",
        stdin="xi\n0.5\nsure\n",
    )  # fmt: skip
    assert result.exit_code == ExitCode.USAGE  # the third answer is neither a grade nor a number
    assert "--confidence: 'sure' is not a grade of the ladder" in result.stderr
    result = run(
        "add", "link", "--data", data_of(seed_repo), "--source", "witkoff", "--type", "supports",
        stdin="xi\n0.5\nassessed\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "target" in result.stderr and "strength" in result.stderr  # the questions
    link = load_dataset(seed_repo / "data").link_by_id["witkoff-supports-xi"]
    assert (link.confidence, link.grade) == (0.6, "assessed")  # a grade of the ladder


def test_dry_run_prints_the_diff_and_writes_nothing(seed_repo: Path) -> None:
    result = run(
        "add", "speaker", "--data", data_of(seed_repo), "--id", "sato", "--name", "Masaru Sato",
        "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["--- a/data/sources.yaml", "+++ b/data/sources.yaml"]
    assert "+  - id: sato" in result.stdout
    assert git(seed_repo, "status", "--porcelain") == ""


def test_json_says_what_was_added_and_where(seed_repo: Path) -> None:
    result = run(
        "add", "speaker", "--data", data_of(seed_repo), "--id", "sato", "--name", "Masaru Sato",
        "--json",
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert {k: document[k] for k in ("kind", "action", "entry_kind", "id", "file", "saved")} == {
        "kind": "add",
        "action": "added",
        "entry_kind": "speaker",
        "id": "sato",
        "file": "data/sources.yaml",
        "saved": True,
    }
    assert "+  - id: sato" in document["diff"]


def test_a_link_id_is_made_unique(seed_repo: Path) -> None:
    flags = ["--source", "trump", "--target", "us", "--type", "leads"]
    flags += ["--strength", "1", "--confidence", "1"]
    first = run("add", "link", "--data", data_of(seed_repo), *flags, "--json")
    second = run("add", "link", "--data", data_of(seed_repo), *flags, "--json")
    assert json.loads(first.stdout)["id"] == "trump-leads-us-2"  # trump-leads-us exists
    assert json.loads(second.stdout)["id"] == "trump-leads-us-3"


def test_add_needs_a_dataset_to_change() -> None:
    result = run("add", "speaker", "--id", "x", "--name", "X")
    assert result.exit_code == ExitCode.USAGE
    assert "say which dataset to change" in result.stderr


def test_file_chooses_or_starts_a_yaml_file(seed_repo: Path) -> None:
    new = seed_repo / "data" / "december.yaml"
    flags = ["--id", "sato", "--name", "Masaru Sato"]
    result = run("add", "speaker", "--data", data_of(seed_repo), *flags, "--file", str(new))
    assert result.exit_code == 0, result.output
    assert new.read_text(encoding="utf-8") == "speakers:\n  - id: sato\n    name: Masaru Sato\n"
    outside = run(
        "add", "speaker", "--data", data_of(seed_repo), *flags, "--file", str(seed_repo / "x.yaml")
    )
    assert outside.exit_code == ExitCode.USAGE
    assert "is not part of the dataset" in outside.stderr


def test_a_relative_file_is_taken_from_here_else_from_the_dataset(
    seed_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = seed_repo / "data"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # not inside the dataset: new.yaml is the dataset's new.yaml
    flags = ["--id", "sato", "--name", "Masaru Sato"]
    result = run("add", "speaker", "--data", str(data), *flags, "--file", "new.yaml")
    assert result.exit_code == 0, result.output
    assert (data / "new.yaml").read_text(encoding="utf-8").startswith("speakers:\n  - id: sato")
    assert not (elsewhere / "new.yaml").exists()
    # from the repository, data/more.yaml is inside the dataset as given: taken from here
    monkeypatch.chdir(seed_repo)
    flags = ["--id", "ueda", "--name", "Ueda"]
    assert (
        run("add", "speaker", "--data", "data", *flags, "--file", "data/more.yaml").exit_code == 0
    )
    assert (data / "more.yaml").exists() and not (data / "data").exists()
    # outside both ways: refused, and the hint says how a relative path is read
    outside = run("add", "speaker", "--data", "data", *flags, "--file", "../x.yaml")
    assert outside.exit_code == ExitCode.USAGE
    assert "--file ../x.yaml is not part of the dataset data" in outside.stderr
    assert "from the current directory, else from the dataset's" in " ".join(outside.stderr.split())


def test_a_section_kept_in_bulk_files_is_not_written(
    tmp_path: Path, write_dataset: Callable[..., Path]
) -> None:
    root = write_dataset({"links.yaml": None})
    (root / "links.csv").write_text(
        "id,source,target,type,strength,confidence\na-b,b,a,leads,1,1\n", encoding="utf-8"
    )
    (root / "scenarios.yaml").unlink()
    flags = ["--source", "a", "--target", "c", "--type", "supports"]
    flags += ["--strength", "0.5", "--confidence", "0.5"]
    result = run("add", "link", "--data", str(root), *flags)
    assert result.exit_code == ExitCode.USAGE
    assert "keeps its links in bulk files (dataset/links.csv)" in result.stderr
    assert (
        run("add", "link", "--data", str(root), *flags, "--file", str(root / "more.yaml")).exit_code
        == 0
    )
    assert len(load_dataset(root).links) == 2


def test_an_invalid_dataset_is_not_edited(seed_repo: Path) -> None:
    links = seed_repo / "data" / "links.yaml"
    links.write_text(links.read_text(encoding="utf-8").replace("strength: 1.0", "strength: 2", 1))
    result = run("add", "speaker", "--data", data_of(seed_repo), "--id", "sato", "--name", "S")
    assert result.exit_code == ExitCode.DATA
    assert "2 is outside [0, 1]" in result.stderr


# -- edit ---------------------------------------------------------------------------------------


def test_edit_regrades_and_redates_a_link_in_place(seed_repo: Path) -> None:
    old = load_dataset(seed_repo / "data").link_by_id["trump-xi-call"]
    result = run(
        "edit", "link", "trump-xi-call", "--data", data_of(seed_repo), "--confidence", "heard",
        "--date", "2025-10-30",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "changed link trump-xi-call in data/links.yaml" in result.stderr
    removed, added = diff_lines(seed_repo)
    assert removed == [f"    confidence: {old.grade or old.confidence}", f"    date: {old.date}"]
    assert added == ["    confidence: heard", "    date: 2025-10-30"]
    assert run("validate", data_of(seed_repo)).exit_code == 0


def test_edit_an_actor_by_name_and_unset_a_field(seed_repo: Path) -> None:
    result = run(
        "edit", "actor", "ウィトコフ", "--data", data_of(seed_repo), "--unset", "description"
    )
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(seed_repo)
    assert removed[0].startswith("    description: ")  # and its folded lines, if any
    assert all(line.startswith("      ") for line in removed[1:])
    assert added == []
    assert load_dataset(seed_repo / "data").actor_by_id["witkoff"].description is None


def test_edit_refuses_what_it_cannot_do(seed_repo: Path) -> None:
    data = data_of(seed_repo)
    unknown = run("edit", "link", "trump-xi-cal", "--data", data, "--strength", "0.5")
    assert unknown.exit_code == ExitCode.USAGE
    assert "no link matches 'trump-xi-cal'" in unknown.stderr
    assert "did you mean 'trump-xi-call'" in unknown.stderr
    required = run("edit", "link", "trump-xi-call", "--data", data, "--unset", "strength")
    assert required.exit_code == ExitCode.USAGE and "needs its strength" in required.stderr
    nothing = run("edit", "link", "trump-xi-call", "--data", data)
    assert nothing.exit_code == ExitCode.USAGE and "nothing to change" in nothing.stderr
    bad = run("edit", "link", "trump-xi-call", "--data", data, "--strength", "-1")
    assert bad.exit_code == ExitCode.USAGE and "--strength: -1.0 is outside [0, 1]" in bad.stderr
    assert git(seed_repo, "status", "--porcelain") == ""
    same = run("edit", "link", "trump-xi-call", "--data", data, "--strength", "0.6")
    assert same.exit_code == 0 and "already says that" in same.stderr


def test_add_says_what_is_doubtful_about_the_new_entry(seed_repo: Path) -> None:
    flags = ["--source", "witkoff", "--target", "xi", "--type", "supports"]
    flags += ["--strength", "0.5", "--confidence", "fact", "--json"]
    document = json.loads(run("add", "link", "--data", data_of(seed_repo), *flags).stdout)
    assert [(w["entry"], w["field"]) for w in document["warnings"]] == [
        ("links[witkoff-supports-xi]", "evidence")
    ]
    evidence = ["--link", "witkoff-supports-xi", "--text", "Said so.", "--cites", "a rumour"]
    result = run("add", "evidence", "--data", data_of(seed_repo), *evidence, "--grade", "heard")
    assert result.exit_code == 0
    # graded fact, but its best evidence is heard: the validator's warning, about this link
    assert "warning: " in result.stderr and "links[witkoff-supports-xi]" in result.stderr


def test_add_a_signpost_and_an_observation_then_edit_it(seed_repo: Path) -> None:
    data = data_of(seed_repo)
    signpost = [
        "--id", "direct-leader-calls", "--statement", "Trump and Putin speak without envoys",
        "--points-to", "New Yalta", "--against", "status-quo",
        "--bears-on", "Witkoff", "--bears-on", "witkoff-putin-moscow",
    ]  # fmt: skip
    assert run("add", "signpost", "--data", data, *signpost).exit_code == 0
    observation = [
        "--signpost", "direct-leader-calls", "--text", "A call is reported.",
        "--date", "2025-12-14", "--cites", "a wire report", "--grade", "reported",
    ]  # fmt: skip
    result = run("add", "observation", "--data", data, *observation)
    assert result.exit_code == 0, result.output
    assert "added an observation of signpost direct-leader-calls" in result.stderr
    assert (
        run("edit", "signpost", "direct-leader-calls", "--data", data, "--meaning", "x").exit_code
        == 0
    )
    assert run("validate", data).exit_code == 0
    removed, added = diff_lines(seed_repo)
    assert removed == []
    assert "    points_to: [new-yalta]" in added
    assert "    bears_on: [witkoff, witkoff-putin-moscow]" in added
    sign = next(
        s for s in load_dataset(seed_repo / "data").signposts if s.id == "direct-leader-calls"
    )
    assert (sign.against, sign.meaning) == (("status-quo",), "x")
    assert [o.text for o in sign.observations] == ["A call is reported."]


def test_a_dataset_file_that_is_a_symbolic_link_is_refused_and_nothing_is_written(
    seed_repo: Path, tmp_path: Path
) -> None:
    """Rewriting data/links.yaml in place would replace the link, not the file it points to."""
    real = tmp_path / "elsewhere.yaml"
    links = seed_repo / "data" / "links.yaml"
    real.write_bytes(links.read_bytes())
    links.unlink()
    links.symlink_to(real)
    before = real.read_bytes()
    result = run(
        "edit", "link", "witkoff-putin-moscow", "--data", data_of(seed_repo), "--strength", "0.3"
    )
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert "is a symbolic link to" in result.stderr and "nothing was written" in result.stderr
    assert "wrote" not in result.stderr
    assert links.is_symlink() and real.read_bytes() == before
    assert not [p.name for p in links.parent.iterdir() if p.name.endswith(".tmp")]
