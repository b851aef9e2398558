"""The stable layout: the same coordinates every time, shared by every view, inside [0, 1]."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from scenarios.dataset.loader import load_dataset
from scenarios.export.layout import stable_layout
from scenarios.model import Dataset

EXTRA_ACTOR = """
  - id: e
    name: Echo
    kind: public
"""


def test_every_actor_gets_a_position_inside_the_unit_box(seed: Dataset) -> None:
    layout = stable_layout(seed)
    assert list(layout) == [a.id for a in seed.actors]
    xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
    assert min(xs) == 0.0 and max(xs) == 1.0  # the long axis is horizontal and spans [0, 1]
    assert min(ys) == 0.0 and max(ys) <= 1.0
    assert len(set(layout.values())) == len(layout)  # no two actors on the same spot


def test_same_dataset_same_coordinates_even_in_another_process(seed: Dataset) -> None:
    here = stable_layout(seed)
    assert stable_layout(seed) == here
    code = (
        "from scenarios.dataset.loader import load_dataset, seed_path;"
        "from scenarios.export.layout import stable_layout;"
        "print(repr(stable_layout(load_dataset(seed_path()))))"
    )
    there = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert eval(there) == here  # a fresh interpreter: nothing cached, same numbers


def test_two_linked_actors_sit_at_the_ends() -> None:
    from scenarios.model import Actor, Link
    from scenarios.vocab import ActorKind, LinkType

    a, b = Actor("a", "A", ActorKind.STATE), Actor("b", "B", ActorKind.STATE)
    layout = stable_layout(
        Dataset(actors=(a, b), links=(Link("l", "a", "b", LinkType.SUPPORTS, 1, 1),))
    )
    assert layout == {"a": (0.0, 0.0), "b": (1.0, 0.0)}


def test_an_actor_without_links_is_placed_too(write_dataset: Callable[..., Path]) -> None:
    from tests.conftest import MINI_ACTORS

    ds = load_dataset(write_dataset({"actors.yaml": MINI_ACTORS + EXTRA_ACTOR}))
    layout = stable_layout(ds)
    assert set(layout) == {"a", "b", "c", "d", "e"}
    others = [layout[i] for i in "abcd"]
    nearest = min(abs(layout["e"][0] - x) + abs(layout["e"][1] - y) for x, y in others)
    assert nearest > 0.1  # kept apart, not piled onto a linked actor
