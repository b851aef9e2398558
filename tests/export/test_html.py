"""The HTML export: one self-contained file that a real headless Chromium opens offline, with
every actor drawn, no console error or warning, and not a single network request."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scenarios.export.html import to_html
from scenarios.export.layout import stable_layout
from scenarios.export.records import build_export
from scenarios.model import Dataset
from tests.export.system import require_program

# Debian's Chromium in a closed network: no sandbox (root in a container), no GPU, and none of
# the background services that would flood the log with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_page_is_self_contained(seed: Dataset) -> None:
    page = to_html(build_export(seed, "new-yalta", positions=stable_layout(seed)))
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing to fetch
    assert "<link" not in page and "@import" not in page
    assert page.count("</script>") == 3  # the data, the library, the view script
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert data is not None
    document = json.loads(data.group(1))
    assert [n["data"]["id"] for n in document["elements"]["nodes"]] == [a.id for a in seed.actors]
    assert len(document["elements"]["edges"]) == len(seed.view("new-yalta").links)


def test_the_legend_counts_the_channels_drawn_not_top(seed: Dataset) -> None:
    # three channels of new-yalta score: --top 10 draws three, and the legend and the
    # "Dependency #2 (top N)" heading (doc.top) say 3, as the picture does
    page = to_html(build_export(seed, "new-yalta", positions=stable_layout(seed), top=10))
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert data is not None
    document = json.loads(data.group(1))
    top = [line["text"] for line in document["legend"]["lines"] if line["kind"] == "top"]
    assert top == ["top 3 channels (number: rank; width: score)"] and document["top"] == 3


def test_data_cannot_close_the_script_element(mini: Dataset) -> None:
    graph = build_export(mini, "deal", positions={})
    node = graph.nodes[0]
    hostile = type(node)(node.id, {**node.values, "description": "</script><script>alert(1)"})
    page = to_html(type(graph)(**{**graph.__dict__, "nodes": (hostile, *graph.nodes[1:])}))
    assert "</script><script>alert(1)" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    executable = require_program("chromium", "chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=executable,  # the system's Chromium; never a downloaded browser
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def open_page(context: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """Open `path`; return the page, its console messages and errors, and every request."""
    page = context.new_page()
    messages: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    return page, messages, requests


@pytest.mark.parametrize("view", ["new-yalta", None])
def test_chromium_draws_every_actor_offline_without_errors(
    seed: Dataset, chromium: Any, tmp_path: Path, view: str | None
) -> None:
    graph = build_export(seed, view, positions=stable_layout(seed))
    path = tmp_path / f"{graph.name}.html"
    path.write_text(to_html(graph), encoding="utf-8")
    page, messages, requests = open_page(chromium, path)
    try:
        assert messages == []
        assert requests == [path.as_uri()]  # the file itself, nothing else
        drawn = page.evaluate(
            """() => scenariosView.nodes().map(n => {
                 const p = n.renderedPosition();
                 return [n.id(), p.x, p.y, n.visible()];
               })"""
        )
        assert [d[0] for d in drawn] == [a.id for a in seed.actors]
        box = page.locator("#graph").bounding_box()
        for actor, x, y, visible in drawn:  # after fitting, every actor is inside the canvas
            assert visible and 0 <= x <= box["width"] and 0 <= y <= box["height"], actor
        assert page.evaluate("() => scenariosView.edges().length") == len(graph.edges)
        listed = page.text_content("#actor-items") or ""  # inside a closed <details>
        for actor in seed.actors:
            assert actor.name in listed
        if view is not None:
            top = page.locator("#top-items li").all_inner_texts()
            # one item per channel, as `depends` ranks them (3 score on the seed)
            assert len(top) == 3 and top[0].startswith("Donald Trump – Xi Jinping: cutting")
    finally:
        page.close()


def test_pointing_at_a_link_shows_its_evidence(
    seed: Dataset, chromium: Any, tmp_path: Path
) -> None:
    path = tmp_path / "new-yalta.html"
    path.write_text(to_html(build_export(seed, "new-yalta", positions=stable_layout(seed))))
    page, messages, _ = open_page(chromium, path)
    try:
        box = page.locator("#graph").bounding_box()
        for element, expected in (
            (
                "trump-leads-us",
                "The narration introduces President Trump as once more taking on Ukraine peace",
            ),
            ("witkoff", "Steve Witkoff (ウィトコフ)"),
        ):
            # points along the link (or the actor itself): one of them is free of other elements
            points = page.evaluate(
                """id => { const e = scenariosView.getElementById(id);
                           if (e.isNode()) { return [e.renderedPosition()]; }
                           const a = e.source().renderedPosition();
                           const b = e.target().renderedPosition();
                           return [0.5, 0.35, 0.65, 0.25, 0.75].map(
                             t => ({x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)})); }""",
                element,
            )
            for point in points:
                page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
                page.wait_for_timeout(100)
                if expected in page.inner_text("#info"):
                    break
            assert expected in page.inner_text("#info"), element
        info = page.inner_text("#info")
        assert "Dependency #" not in info or "Top dependencies through it" in info
        page.check("#only-top")
        faded = page.evaluate("() => scenariosView.edges('.faded').length")
        assert faded == len(seed.view("new-yalta").links) - page.evaluate(
            "() => scenariosView.edges('[?top_dependency]').length"
        )
        assert messages == []
    finally:
        page.close()
