"""Reports -> Markdown text that pastes into a pull request (GitHub-flavoured tables).

Pure: every sentence comes from `scenarios.reports.wording`, every number from the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scenarios.reports import wording

if TYPE_CHECKING:
    from scenarios.dataset.changes import EntityChange
    from scenarios.model import Actor
    from scenarios.reports.compare import ChainRow, DependencyShiftRow
    from scenarios.reports.depends import ChannelRow
    from scenarios.reports.diff import DiffReport, ScenarioShift


def _cell(text: object) -> str:
    """Text safe in a table cell: pipes escaped, on one line."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _pair(ends: Sequence[Actor]) -> str:
    return f"{ends[0].name} – {ends[1].name}"


def _rank(rank: int | None) -> str:
    return "–" if rank is None else str(rank)


def _change(change: EntityChange) -> str:
    singular = change.section[:-1] if change.section.endswith("s") else change.section
    head = f"- **{change.change}** {singular} `{change.id}`"
    if change.change == "changed":
        words = [
            wording.field_change(f.field, f.before, f.after, len(f.added), len(f.removed))
            for f in change.fields
        ]
        return f"{head}: " + "; ".join(words)
    return f"{head}: " + wording.entry_words(change.section, change.after or change.before)


def _chains(rows: Sequence[ChainRow]) -> list[str]:
    body = [
        (
            _pair((r.source, r.target)),
            f"{r.strength_before:.3f}" if r.path_before else "not connected",
            f"{r.strength_after:.3f}" if r.path_after else "not connected",
            f"{_rank(r.hops_before)} → {_rank(r.hops_after)}",
            r.change,
        )
        for r in rows
    ]
    return _table(("key pair", "chain before", "chain after", "hops", "change"), body)


def _ranking(before: Sequence[ChannelRow], after: Sequence[ChannelRow]) -> list[str]:
    rows = []
    for n in range(max(len(before), len(after))):
        b = before[n] if n < len(before) else None
        a = after[n] if n < len(after) else None
        rows.append(
            (
                n + 1,
                b.name if b else "",
                f"{b.score:.3f}" if b else "",
                a.name if a else "",
                f"{a.score:.3f}" if a else "",
            )
        )
    return _table(("#", "depends on, before", "score", "depends on, after", "score"), rows)


def _shifts(title: str, rows: Sequence[DependencyShiftRow]) -> list[str]:
    if not rows:
        return []
    body = [
        (
            r.name,
            f"{r.score_before:.3f} → {r.score_after:.3f}",
            f"{_rank(r.rank_before)} → {_rank(r.rank_after)}",
        )
        for r in rows
    ]
    return [f"{title}:", "", *_table(("channel", "score", "rank"), body), ""]


def _scenario(shift: ScenarioShift) -> list[str]:
    lines = [f"### {shift.scenario.name} (`{shift.scenario.id}`)", ""]
    if shift.chains:
        lines += ["Key-actor chains that differ:", "", *_chains(shift.chains), ""]
        lines += [f"- {r.why}" for r in shift.chains if r.change not in ("same", "apart")]
        lines.append("")
    else:
        keys = ", ".join(k.name for k in shift.key_actors)
        lines += [f"Every key-actor chain ({keys}) is the same.", ""]
    lines += ["Dependency ranking, before → after:", ""]
    lines += [*_ranking(shift.depends_before, shift.depends_after), ""]
    lines += _shifts("Channels depended on only before", shift.only_before)
    lines += _shifts("Channels depended on only after", shift.only_after)
    moved = [
        r
        for r in shift.both
        if r.rank_before != r.rank_after or abs(r.score_after - r.score_before) > 1e-9
    ]
    lines += _shifts("Channels whose rank or score moved", moved)
    return lines


def diff_report(report: DiffReport) -> str:
    """The `diff` report as a pull-request comment."""
    lines = [f"## Dataset diff: `{report.old}` → `{report.new}`", ""]
    when = wording.clocks(report.as_of, report.known_by).strip()
    if when:
        lines += [f"{when[0].upper()}{when[1:]}.", ""]
    if report.change_counts:
        rows = [
            (section, row["added"], row["removed"], row["changed"])
            for section, row in report.change_counts.items()
        ]
        lines += [*_table(("section", "added", "removed", "changed"), rows), ""]
        lines += [_change(c) for c in report.differences]
        lines.append("")
    else:
        lines += ["No entry differs.", ""]
    if report.scenarios:
        lines += ["## What it did to the answers", ""]
        for shift in report.scenarios:
            lines += _scenario(shift)
    if report.unmoved:
        lines += [f"Answers unchanged: {', '.join(f'`{s}`' for s in report.unmoved)}.", ""]
    lines.append(f"_{wording.DIFF_LEGEND}._")
    return "\n".join(lines) + "\n"
