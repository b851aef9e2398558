"""What people see in an 80-column terminal: whole ids, wrapped text, a compact view, a pager,
and outputs that do not contradict themselves (issue 13, on the bundled seed)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scenarios.cli import app
from scenarios.dataset.loader import load_dataset, seed_path
from scenarios.errors import ExitCode

runner = CliRunner()
SEED = load_dataset(seed_path())
NEW_YALTA = next(s for s in SEED.scenarios if s.id == "new-yalta")


def run(*args: str, columns: int = 80, env: dict[str, str] | None = None) -> Any:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def whole(ident: str, lines: list[str]) -> bool:
    """`ident` appears on one line, not cut (…) and not broken across lines."""
    return any(re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", line) for line in lines)


# -- 80 columns ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["actors"], [a.id for a in SEED.actors]),
        (["links"], [link.id for link in SEED.links]),
        (["links", "--brief"], [link.id for link in SEED.links]),
        (["list"], [s.id for s in SEED.scenarios]),
        (["show", "new-yalta", "--brief"], [c.link for c in NEW_YALTA.changes]),
    ],
    ids=["actors", "links", "links-brief", "list", "show-brief"],
)
def test_ids_are_never_cut_or_broken_at_80_columns(args: list[str], ids: list[str]) -> None:
    shown = run(*args)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert [i for i in ids if not whole(i, lines)] == []
    assert all(len(line.rstrip()) <= 80 for line in lines)


NUMBERED = re.compile(r"^ *\d+\. (?=\S)")
DETAIL = re.compile(r"^ {5}(score|together) \d")


def test_numbered_rows_hang_under_their_text_and_no_line_ends_in_a_space() -> None:
    """README's first command at 80 columns: a numbered row's title wraps under its first
    letter (column 5, where its detail lines are), and no line ends in padding."""
    lines = run("depends", "new-yalta").stdout.splitlines()
    assert [line for line in lines if line.endswith(" ")] == []
    continued = 0
    for index, line in enumerate(lines):
        start = NUMBERED.match(line)
        if start is None:
            continue
        assert start.end() == 5, line
        for following in lines[index + 1 :]:  # the title's wrapped lines, up to its details
            if DETAIL.match(following):
                break
            assert re.match(r" {5}\S", following), (line, following)
            continued += 1
    # rows 2 of the channels and of the groups are longer than the line, so this checked them
    assert continued >= 2
    assert "     [negotiates_with, influences, economic_tie, supports]" in lines


@pytest.mark.parametrize(
    ("args", "pairs", "stacks_at_80"),
    [
        (["depends", "new-yalta"], ["United States – China", "United States – Russia"], True),
        (["whatif", "new-yalta", "--cut", "trump~xi"], ["United States – Russia"], False),
        (["whatif", "new-yalta", "--sweep"], ["United States – China"], False),
    ],
    ids=["depends", "whatif", "sweep"],
)
def test_a_key_pair_keeps_its_line_while_the_headers_can_break(
    args: list[str], pairs: list[str], stacks_at_80: bool
) -> None:
    """At 80 columns rich narrowed the widest column, the pairs', so `United States –` and
    `China` took two lines beside a one-line `strongest chain` header. A header now breaks at
    its spaces when, and only when, the table on one-line headers is wider than the terminal;
    at 100 columns (the README's) none does; at 60 a pair wraps again, but no number is cut."""
    for columns, stacks in ((80, stacks_at_80), (100, False)):
        lines = run(*args, columns=columns).stdout.splitlines()
        for pair in pairs:
            row = next((line for line in lines if pair in line), None)
            assert row is not None and re.search(r"\d\.\d{3}", row), (columns, pair, lines[:12])
        headers = [line for line in lines if re.match(r" +(pair|key pair) ", line)]
        assert headers, lines[:12]
        stacked = [line for line in lines if re.match(r" +strongest +fewest$", line)]
        assert bool(stacked) is stacks, (columns, lines[:6])
        assert all("strongest chain" in h for h in headers if not stacks and "before" not in h)
    narrow = run(*args, columns=60).stdout
    assert "…" not in narrow and re.search(r"\b0\.8\d\d\b", narrow), narrow


def test_a_channel_of_background_links_says_so_in_depends_and_signposts() -> None:
    """The status quo's top channels are the two alliances, which the programme never states
    (docs/seed-audit.md): depends marks them, and a proposal to watch one says so."""
    rows = run("depends", "status-quo", columns=120).stdout.splitlines()
    assert "  1. United States – Europe  [allied_with]  [background]" in rows
    assert "  2. United States – Japan  [allied_with]  [background]" in rows
    assert not any("[background]" in line for line in rows if "constrains" in line)
    said = " ".join(run("signposts", "status-quo", columns=200).stdout.split())
    assert (
        "on the United States – Europe channel [allied_with]: Status quo depends on it (score "
        "0.333); US–China G2 and New Yalta do not; a background channel: the programme does not "
        "state it"
    ) in said


def test_a_scenario_is_named_in_the_tables_titles() -> None:
    """`links -s` and `actors -s` printed the report's ScenarioRef object in their titles."""
    for command in ("links", "actors"):
        first = run(command, "-s", "new-yalta").stdout.splitlines()[0]
        assert first.endswith(" in New Yalta") and "ScenarioRef" not in first, first


def test_a_link_record_says_its_grade_basis_and_when_it_counts() -> None:
    """Issue 12's grade and background reason, issue 15's date precision and counted-from day,
    in the record each link gets at 80 columns."""
    lines = [line.rstrip() for line in run("links").stdout.splitlines()]

    def record(ident: str) -> list[str]:
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{ident} "))
        end = next(
            (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
        )
        return lines[start:end]

    call = record("trump-xi-call")
    assert call[0].split() == ["trump-xi-call", "w", "0.60", "fact", "base"]
    assert " ".join(" ".join(call[1:3]).split()).endswith(
        "Xi Jinping 2025-10 (day unknown), from 2025-10-31"
    )
    xi = record("xi-leads-china")
    assert xi[2].strip().startswith("background: The source never names China's leader")
    strategy = next(link for link in SEED.links if link.id == "nss-china")
    assert strategy.date is not None and strategy.date.text == "2025-12"
    assert "2025-12 (day unknown), reported 2025-12-07" in " ".join(
        " ".join(record("nss-china")[1:3]).split()
    )


def test_the_compact_views_take_about_a_line_per_entry() -> None:
    full, brief = run("links"), run("links", "--brief")
    assert len(brief.stdout.splitlines()) == len(SEED.links) + 2  # title and header
    # id, link and date, evidence (the audited seed quotes each item whole: 2-3 lines), and a
    # background link's reason
    assert len(full.stdout.splitlines()) < 6 * len(SEED.links)
    assert "Programme narration" in full.stdout and "Programme narration" not in brief.stdout
    show = run("show", "new-yalta", "--brief").stdout.splitlines()
    assert len(show) <= len(NEW_YALTA.changes) + len(NEW_YALTA.adds) + 10
    timeline = run("timeline", "new-yalta", "--brief").stdout
    assert "kushner-china-channel" in timeline and "Jared Kushner" not in timeline.split("\n\n")[0]


def test_timeline_columns_are_pair_ids_named_below() -> None:
    shown = run("timeline", "new-yalta", "--uncertain", "--samples", "200").stdout
    assert "…" not in shown
    header = next(line for line in shown.splitlines() if line.strip().startswith("as of"))
    assert header.split()[2:5] == ["us–china", "us–russia", "china–russia"]
    assert "us: United States, china: China, russia: Russia" in shown
    assert "rows marked exact needed no draws" in " ".join(shown.split())


def _terminal_run(args: list[str], env: dict[str, str]) -> int:
    """Run the CLI with a pseudo-terminal as stdout; drain it; return the exit code."""
    leader, follower = pty.openpty()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SCENARIOS_", "PAGER"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "scenarios", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**clean, "COLUMNS": "80", "LINES": "24", "TERM": "xterm", **env},
    )
    os.close(follower)
    try:
        while True:
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:
                break
        return process.wait(timeout=120)
    finally:
        os.close(leader)


def test_long_output_is_paged_on_a_terminal_and_only_there(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    script = f"import sys, pathlib; pathlib.Path(r'{paged}').write_text(sys.stdin.read())"
    pager = f'{sys.executable} -c "{script}"'
    assert _terminal_run(["links"], {"PAGER": pager}) == 0
    assert "trump-leads-us" in paged.read_text()
    paged.unlink()
    assert _terminal_run(["list"], {"PAGER": pager}) == 0  # shorter than the screen
    assert _terminal_run(["--no-pager", "links"], {"PAGER": pager}) == 0
    assert _terminal_run(["links"], {"PAGER": pager, "SCENARIOS_PAGER": "cat"}) == 0
    assert _terminal_run(["links", "--json"], {"PAGER": pager}) == 0
    assert not paged.exists()
    assert _terminal_run(["links"], {"PAGER": "false", "SCENARIOS_PAGER": pager}) == 0
    assert paged.exists()  # $SCENARIOS_PAGER comes first
    piped = subprocess.run(
        [sys.executable, "-m", "scenarios", "links"],
        capture_output=True,
        text=True,
        env={**os.environ, "PAGER": pager},
        check=False,
    )
    assert "trump-leads-us" in piped.stdout  # not a terminal: printed, never paged


# -- outputs that do not contradict themselves -----------------------------------------------------


def test_an_exact_holding_probability_says_what_the_draws_are_for() -> None:
    shown = " ".join(run("depends", "new-yalta", "--uncertain", "--samples", "500").stdout.split())
    assert (
        "Holding probability 1.000 (exact): links of confidence 1 alone connect every key " in shown
    )
    assert "(no draws needed)" in shown
    assert "link importance from 500 draws, seed 0, 95% Wilson score interval" in shown


@pytest.mark.parametrize("measure", ["closeness", "betweenness", "degree", "pagerank"])
def test_equal_shown_scores_share_a_rank(measure: str) -> None:
    shown = run("centrality", "--measure", measure, "--top", "40", columns=120)
    rows = [
        (int(m.group(1)), m.group(2))
        for m in (
            re.match(r"^\s+(\d+)\s.*?\s(-?\d+\.\d+)\s*$", line)
            for line in shown.stdout.splitlines()
        )
        if m
    ]
    ranks: dict[str, set[int]] = {}
    for rank, score in rows:
        ranks.setdefault(score, set()).add(rank)
    assert len(rows) == len(SEED.actors)
    assert {score: r for score, r in ranks.items() if len(r) > 1} == {}
    document = json.loads(run("centrality", "-m", measure, "--top", "40", "--json").stdout)
    by_actor = {row["actor"]["id"]: row["rank"] for row in document["rows"]}
    printed = {m.group(1) for m in re.finditer(r"^\s+(\d+)\s", shown.stdout, re.MULTILINE)}
    assert {str(rank) for rank in by_actor.values()} == printed  # the same ranks in --json


def test_a_sample_on_a_small_graph_says_it_computed_exactly() -> None:
    document = json.loads(run("centrality", "--sample", "10", "--json").stdout)
    assert document["sample"] is None and document["sample_requested"] == 10
    assert document["method"].endswith(
        "computed exactly, not estimated: every connected component has at most 64 actors"
    )
    more = json.loads(run("centrality", "--sample", "100", "--json").stdout)
    assert more["method"].endswith(f"100 pivot sources would cover all {len(SEED.actors)} actors")
    assert "computed exactly" in " ".join(run("centrality", "--sample", "10").stdout.split())


def test_a_path_from_an_actor_to_itself_is_a_usage_error() -> None:
    shown = run("path", "putin", "Vladimir Putin")
    assert shown.exit_code == ExitCode.USAGE
    assert shown.stderr.splitlines() == [
        "error: FROM and TO are the same actor (Vladimir Putin)",
        "  hint: give two different actors",
    ]


def test_comparing_a_scenario_with_itself_says_they_are_the_same() -> None:
    shown = run("compare", "g2", "G2")
    assert shown.exit_code == 0
    assert shown.stdout == "g2 and g2 are the same scenario: nothing to compare\n"
