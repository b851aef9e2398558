"""The format registry: every `--format` choice has a renderer that exists and file suffixes."""

from __future__ import annotations

import inspect

import pytest

from scenarios.export.formats import (
    DATASET,
    FORMAT_BY_NAME,
    FORMATS,
    VIEW,
    ExportFormat,
    format_for_suffix,
)


def test_every_choice_is_a_format_and_back() -> None:
    assert [choice.value for choice in ExportFormat] == [f.name for f in FORMATS]
    assert set(FORMAT_BY_NAME) == {choice.value for choice in ExportFormat}


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_renderer_exists_with_the_calling_convention(fmt: object) -> None:
    from scenarios.export.formats import Format

    assert isinstance(fmt, Format)
    render = fmt.render_function()
    parameters = list(inspect.signature(render).parameters)
    if fmt.scope == VIEW:
        assert parameters[:2] == ["graph", "note"]
    else:
        assert fmt.scope == DATASET and len(parameters) >= 1
    assert fmt.suffixes and all(s.startswith(".") for s in fmt.suffixes)
    assert fmt.opens_in and fmt.title


def test_suffixes_are_unique() -> None:
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("new-yalta.graphml", "graphml"),
        ("x.GEXF", "gexf"),
        ("x.json", "json"),
        ("x.cyjs", "cytoscape"),
        ("x.gv", "dot"),
        ("x.dot", "dot"),
        ("x.htm", "html"),
        ("x.svg", "svg"),
        ("x.png", "png"),
        ("x.csv", None),  # csv is two files: give a directory
        ("x.xml", None),
        ("noext", None),
    ],
)
def test_format_for_suffix(filename: str, expected: str | None) -> None:
    found = format_for_suffix(filename)
    assert (found.name if found else None) == expected
