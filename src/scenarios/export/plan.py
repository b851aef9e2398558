"""What `scenarios export` writes where, and the content of each file (pure: no I/O).

`plan` (`plan_files`, or `plan_all` for --all) turns the command's arguments into `Target`s
(a view, a format, the paths it writes); `Exporter.render` produces a target's bytes;
`index_files` describes what `--all` wrote. The CLI checks the paths, writes the bytes
atomically and reports progress.

File names: `<view><suffix>`, the view being a scenario id or `base`
(`new-yalta.graphml`, `base.nodes.csv`); a dataset-wide format is `dataset<suffix>`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from scenarios.errors import UsageError
from scenarios.export.formats import (
    DATASET,
    FORMAT_BY_NAME,
    FORMATS,
    Format,
    Lang,
    Note,
    format_for_suffix,
)
from scenarios.export.records import DEFAULT_TOP, ExportGraph, Position, build_export, items
from scenarios.model import Dataset
from scenarios.reports.wording import clocks_caption

STDOUT = Path("-")
BASE = "base"
DATASET_STEM = "dataset"
INDEX_JSON = "index.json"
INDEX_HTML = "index.html"


@dataclass(frozen=True, slots=True)
class Target:
    """One export: a view (scenario id, or None for the base graph) in one format."""

    view: str | None
    format: Format
    paths: tuple[Path, ...]  # one per suffix of the format; (STDOUT,) for standard output

    @property
    def view_name(self) -> str:
        if self.format.scope == DATASET:
            return DATASET_STEM
        return self.view or BASE


def _target(directory: Path, view: str | None, fmt: Format) -> Target:
    """The target writing `view` in `fmt` into `directory`, as `<view name><suffix>`."""
    stem = Target(view, fmt, ()).view_name
    return Target(view, fmt, tuple(directory / f"{stem}{suffix}" for suffix in fmt.suffixes))


def plan(
    ds: Dataset,
    scenarios: Sequence[str],
    fmt_name: str | None,
    output: str | None,
    all_dir: Path | None,
) -> list[Target]:
    """The targets of `scenarios export`: `plan_all` with --all, else `plan_files`."""
    if all_dir is None:
        return plan_files(ds, scenarios, fmt_name, output)
    if scenarios or fmt_name or output:
        raise UsageError(
            "--all writes every format of every scenario", hint="drop the scenarios, --format, -o"
        )
    return plan_all(ds, all_dir)


def plan_files(
    ds: Dataset, scenarios: Sequence[str], fmt_name: str | None, output: str | None
) -> list[Target]:
    """The targets of `scenarios export [SCENARIO ...] [--format F] -o OUTPUT`.

    One view and a one-file format: OUTPUT is the file (or `-`, standard output; or a
    directory, existing or written with a trailing `/`, to write `<view><suffix>` into).
    Several views, or a format of several files: OUTPUT is a directory, created if missing.
    """
    if output is None:
        raise UsageError(
            "say where to write", hint="add -o FILE (or -o - for standard output), or use --all DIR"
        )
    fmt = _format(fmt_name, output)
    views: list[str | None] = list(dict.fromkeys(ds.resolve_scenario(s).id for s in scenarios))
    if fmt.scope == DATASET and views:
        raise UsageError(
            f"--format {fmt.name} writes the whole dataset, not one scenario",
            hint=f"drop the scenario arguments: scenarios export --format {fmt.name} -o FILE",
        )
    if not views:
        views = [None]
    several = len(views) > 1 or fmt.multi_file
    what = "several scenarios" if len(views) > 1 else f"--format {fmt.name} (several files)"
    if output == "-":
        if several:
            raise UsageError(
                f"cannot write {what} to standard output", hint="give a directory with -o DIR"
            )
        return [Target(views[0], fmt, (STDOUT,))]
    path = Path(output)
    # a trailing separator says "a directory", existing or not (`-o views/`)
    as_directory = output.endswith(("/", os.sep)) or path.is_dir()
    if several or as_directory:
        if (path.exists() and not path.is_dir()) or format_for_suffix(path.name):
            raise UsageError(
                f"'{output}' names a file, but {what} need a directory",
                hint="give a directory with -o DIR; the files are named after the scenarios",
            )
        return [_target(path, view, fmt) for view in views]
    implied = format_for_suffix(path.name)
    if implied is not None and implied is not fmt:
        raise UsageError(
            f"'{output}' is named like {implied.title}, not {fmt.title}",
            hint=f"name the file *{fmt.suffixes[0]}, or drop --format",
        )
    return [Target(views[0], fmt, (path,))]


def _format(name: str | None, output: str) -> Format:
    if name is not None:
        return FORMAT_BY_NAME[name]
    found = format_for_suffix(Path(output).name) if output != "-" else None
    if found is None:
        choices = ", ".join(f.name for f in FORMATS)
        raise UsageError(
            f"cannot tell the format from '{output}'", hint=f"add --format ({choices})"
        )
    return found


def plan_all(ds: Dataset, directory: Path) -> list[Target]:
    """Every view-format pair (base first, then scenarios in dataset order), then the
    dataset-wide formats."""
    views: list[str | None] = [None, *(s.id for s in ds.scenarios)]
    targets = [_target(directory, v, f) for v in views for f in FORMATS if f.scope != DATASET]
    return targets + [_target(directory, None, f) for f in FORMATS if f.scope == DATASET]


@dataclass
class Exporter:
    """Renders targets of one dataset, building each view's records (and the layout) once."""

    dataset: Dataset
    as_of: date | None = None
    top: int = DEFAULT_TOP
    lang: Lang = Lang.EN
    _positions: dict[str, Position] | None = field(default=None, init=False)
    _graphs: dict[str | None, ExportGraph] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if self.top < 0:
            raise UsageError(f"--top must be 0 or more, not {self.top}")

    @property
    def positions(self) -> dict[str, Position]:
        if self._positions is None:
            from scenarios.export.layout import stable_layout

            self._positions = stable_layout(self.dataset)
        return self._positions

    def graph(self, view: str | None, *, layout: bool = True) -> ExportGraph:
        """The view's records; without `layout`, no positions (and no layout computed)."""
        if view not in self._graphs:
            self._graphs[view] = build_export(
                self.dataset, view, positions={}, as_of=self.as_of, top=self.top, lang=self.lang
            )
        graph = self._graphs[view]
        return replace(graph, positions=self.positions) if layout else graph

    def render(self, target: Target, note: Note | None = None) -> dict[Path, bytes]:
        """The target's files and their bytes, in the format's suffix order."""
        render = target.format.render_function()
        if target.format.scope == DATASET:
            rendered = render(self.dataset)
        else:
            graph = self.graph(target.view, layout=target.format.uses_layout)
            rendered = render(graph, note)  # type: ignore[call-arg]
        if isinstance(rendered, str | bytes):
            return {target.paths[0]: _bytes(rendered)}
        return {
            path: _bytes(rendered[suffix])
            for path, suffix in zip(target.paths, target.format.suffixes, strict=True)
        }


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


# -- the index of `--all` ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    """A file `--all` wrote: its path relative to the directory, what it is, its size and hash."""

    path: str
    view: str
    format: str
    size: int
    sha256: str

    @classmethod
    def of(cls, directory: Path, path: Path, target: Target, content: bytes) -> Written:
        return cls(
            path.relative_to(directory).as_posix(),
            target.view_name,
            target.format.name,
            len(content),
            hashlib.sha256(content).hexdigest(),
        )


def index_files(exporter: Exporter, written: Sequence[Written]) -> dict[str, bytes]:
    """`index.json` (for programs) and `index.html` (for people) describing `written`."""
    from scenarios.export.neo4j_csv import import_command

    ds = exporter.dataset
    views: list[dict[str, Any]] = []
    for name in [BASE, *(s.id for s in ds.scenarios)]:
        graph = exporter.graph(None if name == BASE else name, layout=False)
        files: dict[str, list[str]] = {}
        for item in written:
            if item.view == name:
                files.setdefault(item.format, []).append(item.path)
        entry: dict[str, Any] = {
            "name": name,
            "title": graph.title,
            "title_ja": graph.graph.get("title_ja"),
            "scenario": graph.graph.get("scenario"),
            "key_actors": list(items(graph.graph, "key_actors")),
            "actors": len(graph.nodes),
            "links": len(graph.edges),
            "top_dependencies": _top_ties(graph),
            "files": files,
        }
        if "csv" in files:
            entry["neo4j_import"] = import_command(graph)
        views.append(entry)
    document = {
        "schema": 1,
        "kind": "export-index",
        "generator": exporter.graph(None, layout=False).graph.get("generator"),
        "as_of": exporter.as_of.isoformat() if exporter.as_of else None,
        "known_by": ds.known_by.isoformat() if ds.known_by else None,
        "top": exporter.top,
        "lang": str(exporter.lang),
        "dataset": {
            "actors": len(ds.actors),
            "links": len(ds.links),
            "scenarios": len(ds.scenarios),
        },
        "formats": [
            {"name": f.name, "title": f.title, "suffixes": list(f.suffixes), "opens_in": f.opens_in}
            for f in FORMATS
        ],
        "views": views,
        "files": [
            {
                "path": w.path,
                "view": w.view,
                "format": w.format,
                "bytes": w.size,
                "sha256": w.sha256,
            }
            for w in written
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return {INDEX_JSON: text.encode("utf-8"), INDEX_HTML: _index_html(document).encode("utf-8")}


def _top_ties(graph: ExportGraph) -> list[dict[str, Any]]:
    """The highlighted channels, each once, with their ties, by rank."""
    seen: dict[int, dict[str, Any]] = {}
    for edge in graph.edges:
        values = edge.values
        if not values.get("top_dependency"):
            continue
        rank = int(str(values["rank"]))
        found = seen.setdefault(
            rank,
            {
                "rank": rank,
                "channel": values.get("channel"),
                "name": values.get("channel_name"),
                "score": values["score"],
                "why": values.get("why"),
                "ties": [],
            },
        )
        if values["tie"] not in found["ties"]:
            found["ties"].append(values["tie"])
    return [seen[rank] for rank in sorted(seen)]


def _index_html(document: dict[str, Any]) -> str:
    esc: Callable[[object], str] = lambda value: html.escape(str(value))  # noqa: E731
    formats = document["formats"]
    head = "".join(f"<th>{esc(f['title'])}</th>" for f in formats)
    rows = []
    for view in document["views"]:
        title = esc(view["title"]) + (
            f' <span lang="ja">({esc(view["title_ja"])})</span>' if view.get("title_ja") else ""
        )
        cells = []
        for fmt in formats:
            links = [
                f'<a href="{esc(path)}">{esc(Path(path).name)}</a>'
                for path in view["files"].get(fmt["name"], [])
            ]
            cells.append(f"<td>{'<br>'.join(links)}</td>")
        rows.append(
            f"<tr><th>{title}<br><small>{view['actors']} actors, {view['links']} links</small></th>"
            + "".join(cells)
            + "</tr>"
        )
    pictures = "".join(
        f'<figure><a href="{esc(p)}"><img src="{esc(p)}" alt="{esc(v["title"])}" width="480">'
        f"</a><figcaption>{esc(v['title'])}</figcaption></figure>"
        for v in document["views"]
        for p in v["files"].get("png", [])
    )
    tools = "".join(
        f"<tr><td>{esc(f['title'])}</td><td>{esc(', '.join(f['suffixes']))}</td>"
        f"<td>{esc(f['opens_in'])}</td></tr>"
        for f in formats
    )
    imports = "".join(
        f"<li>{esc(v['title'])}: <code>{esc(v['neo4j_import'])}</code></li>"
        for v in document["views"]
        if v.get("neo4j_import")
    )
    extra = []
    for f in document["files"]:
        if f["view"] == DATASET_STEM:
            extra.append(f'<li><a href="{esc(f["path"])}">{esc(f["path"])}</a></li>')
    caption = clocks_caption(document["as_of"], document["known_by"])
    as_of = f" {esc(caption)}" if caption else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>scenarios export</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 16px; color: #222; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }}
figure {{ display: inline-block; margin: 0 12px 12px 0; }}
code {{ font-size: 12px; }}
</style></head><body>
<h1>scenarios export</h1>
<p>{esc(document["generator"])}: {document["dataset"]["actors"]} actors,
{document["dataset"]["links"]} base links, {document["dataset"]["scenarios"]} scenarios.{as_of}
Scenario files carry each link's dependency metrics; the channels each scenario depends on most
(up to {document["top"]}, only those that score) are highlighted.
Machine-readable: <a href="{INDEX_JSON}">{INDEX_JSON}</a>.</p>
<table><tr><th>view</th>{head}</tr>
{"".join(rows)}
</table>
{f"<ul>{''.join(extra)}</ul>" if extra else ""}
<h2>Pictures</h2>
{pictures}
<h2>Which tool opens which file</h2>
<table><tr><th>format</th><th>files</th><th>opens in</th></tr>{tools}</table>
{f"<h2>Importing into Neo4j</h2><ul>{imports}</ul>" if imports else ""}
</body></html>
"""
