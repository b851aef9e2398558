"""SVG and PNG pictures: real images of the right size, the same bytes for the same input,
every actor labelled, Japanese labels drawn with a CJK font or replaced with a warning."""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET

import pytest

from scenarios.export import picture, style
from scenarios.export.layout import stable_layout
from scenarios.export.records import ExportGraph, build_export
from scenarios.model import Dataset
from scenarios.reports.wording import heavy_caption, heavy_legend
from tests.export.system import require_package_file

IPA_GOTHIC = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"  # Debian fonts-ipafont-gothic


@pytest.fixture(scope="module")
def new_yalta(seed: Dataset) -> ExportGraph:
    return build_export(seed, "new-yalta", positions=stable_layout(seed), top=5)


@pytest.fixture(scope="module")
def png(new_yalta: ExportGraph) -> bytes:
    return picture.to_png(new_yalta)


def test_png_is_a_real_image_of_the_stated_size(png: bytes) -> None:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (picture.WIDTH_IN * picture.DPI, picture.HEIGHT_IN * picture.DPI)
    assert 50_000 < len(png) < 2_000_000


def test_png_shows_kind_colours_and_heavy_top_dependencies(png: bytes) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert len(colours) > 200  # anti-aliased drawing, not a blank or flat image
    for expected in ("leader", "envoy", "state", "document"):  # actors of these kinds exist
        assert style.hex_rgb(style.kind_colour(expected)) in colours, expected
    counts = {colour: n for n, colour in image.getcolors(maxcolors=1 << 20) or []}
    # the three scoring channels' heavy dark lines plus rank badges (--top 5 asks for five):
    # thousands of pixels of the top colour
    assert counts.get(style.hex_rgb(style.TOP_COLOUR), 0) > 2000


def test_the_caption_and_legend_count_the_channels_drawn_not_top(seed: Dataset) -> None:
    # new-yalta has 3 scoring channels (README, `depends new-yalta`): with --top 10 the picture
    # draws 3 heavy and says 3, not 10; with --top 2 it draws the 2 it depends on most
    positions = stable_layout(seed)
    asked_ten = build_export(seed, "new-yalta", positions=positions, top=10)
    assert asked_ten.drawn_heavy == 3
    svg = picture.to_svg(asked_ten)
    texts = re.findall(r"<!-- (.*?) -->", svg)  # matplotlib notes each text it draws as paths
    subtitle = "the ties of the 3 channels it depends on are drawn heavy"
    assert f"key actors: United States, China, Russia · {subtitle}" in texts
    assert "top 3 channels" in texts and not any("10" in t for t in texts)
    asked_two = build_export(seed, "new-yalta", positions=positions, top=2)
    texts = re.findall(r"<!-- (.*?) -->", picture.to_svg(asked_two))
    assert "top 2 channels" in texts
    assert any(
        t.endswith("the ties of the 2 channels it depends on most are drawn heavy") for t in texts
    )


def test_the_heavy_wording_for_one_and_for_none() -> None:
    assert heavy_caption(1, 10) == "the ties of the 1 channel it depends on are drawn heavy"
    assert heavy_caption(0, 10) == "no channel scores, so no tie is drawn heavy"
    assert (heavy_legend(1), heavy_legend(10)) == ("top 1 channel", "top 10 channels")


def test_same_input_same_bytes(new_yalta: ExportGraph, png: bytes, seed: Dataset) -> None:
    again = build_export(seed, "new-yalta", positions=stable_layout(seed), top=5)
    assert picture.to_png(again) == png
    assert picture.to_svg(again) == picture.to_svg(new_yalta)


def test_svg_is_well_formed_and_self_contained(new_yalta: ExportGraph) -> None:
    svg = picture.to_svg(new_yalta)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<text" not in svg  # text drawn as paths: displays without the font
    assert 'xlink:href="http' not in svg and "Date" not in svg


def test_every_actor_is_labelled_and_overlaps_are_moved(new_yalta: ExportGraph) -> None:
    figure = picture._figure(new_yalta, lambda _: None)
    texts = [t for ax in figure.axes for t in ax.texts]
    labels = {t.get_text() for t in texts}
    assert {str(n.values["label"]) for n in new_yalta.nodes} <= labels
    ranks = {t.get_text() for t in texts if t.get_text().isdigit()}
    assert ranks == {"1", "2", "3"}  # the ties of the channels that score carry their rank
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts if not t.get_text().isdigit()]
    overlapping = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert overlapping <= 2  # the greedy placement leaves at most a couple in a crowd


def test_base_graph_picture_has_no_dependency_highlights(seed: Dataset) -> None:
    base = build_export(seed, None, positions=stable_layout(seed))
    figure = picture._figure(base, lambda _: None)
    assert not [t for ax in figure.axes for t in ax.texts if t.get_text().isdigit()]


def test_labels_fall_back_to_english_names_with_a_warning(seed: Dataset) -> None:
    japanese = build_export(seed, "new-yalta", positions={}, lang="ja")
    ascii_only = picture.FontChoice(("DejaVu Sans",), frozenset(chr(c) for c in range(32, 127)))
    heard: list[str] = []
    labels = picture._labels(japanese, ascii_only, heard.append)
    assert labels["putin"] == "Vladimir Putin" and labels["us"] == "United States"
    assert len(heard) == 1 and heard[0].startswith("warning: no installed font draws")
    assert "fonts-noto-cjk" in heard[0]


def test_without_a_cjk_font_the_picture_warns_and_still_renders(
    seed: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(picture, "font_candidates", lambda: [])
    heard: list[str] = []
    png = picture.to_png(
        build_export(seed, "new-yalta", positions=stable_layout(seed), lang="ja"), heard.append
    )
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(heard) == 1 and "pictures use English names instead" in heard[0]


def test_japanese_labels_are_drawn_with_a_font_that_has_them(seed: Dataset) -> None:
    require_package_file(IPA_GOTHIC, "fonts-ipafont-gothic")
    japanese = build_export(seed, "new-yalta", positions=stable_layout(seed), lang="ja")
    texts = [str(n.values["label"]) for n in japanese.nodes]
    font = picture.choose_font(texts)
    assert len(font.families) == 2 and all(picture.drawable(t, font) for t in texts)
    heard: list[str] = []
    figure = picture._figure(japanese, heard.append)
    assert heard == []
    assert "プーチン" in {t.get_text() for ax in figure.axes for t in ax.texts}
