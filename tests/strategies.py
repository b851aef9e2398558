"""Hypothesis strategies for the property tests: small datasets, valid by construction.

`datasets()` draws the raw entries of a dataset (what a YAML file holds) and builds the
`Dataset` through the real validator, so a property holds for what users can write: actors of
every kind, parallel and symmetric links, dated periods, nested evidence (graded, located,
with a URL), confidence as a number or a grade of the default or a declared ladder,
background links, and scenarios that add, reweight and remove links. Texts are non-empty (the
format's optional texts are absent rather than empty in every store) and free of control
characters (XML formats cannot hold them).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from scenarios.dataset.validate import Document, build_dataset
from scenarios.model import DEFAULT_GRADES, Dataset
from scenarios.vocab import ActorKind, LinkRole, LinkType

TEXT = (
    st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=16)
    .map(str.strip)
    .filter(bool)
)
UNIT = st.floats(min_value=0.0, max_value=1.0, allow_subnormal=False)
CARRYING = st.sampled_from([t.value for t in LinkType if t.role is not LinkRole.ADVERSARIAL])
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
DEFAULT_LADDER = [grade.name for grade in DEFAULT_GRADES]
DECLARED_LADDER = [  # a dataset's own ladder, replacing the default
    {"name": "certain", "value": 1.0, "meaning": "on the record"},
    {"name": "likely", "value": 0.7},
    {"name": "doubtful", "value": 0.2, "meaning": "one voice, hedged"},
]
URLS = st.sampled_from(["https://example.org/a", "http://example.org/b?c=d#e"])


@st.composite
def periods(draw: st.DrawFn) -> str:
    """A day, or a period of days (`2025-10-24/2025-10-26`)."""
    first = draw(DAYS)
    if draw(st.booleans()):
        return first.isoformat()
    last = draw(st.dates(min_value=first, max_value=date(2030, 12, 31)))
    return f"{first.isoformat()}/{last.isoformat()}"


def _optional(
    draw: st.DrawFn, entry: dict[str, Any], key: str, values: st.SearchStrategy[Any]
) -> None:
    if draw(st.booleans()):
        entry[key] = draw(values)


@st.composite
def evidence(draw: st.DrawFn, grades: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"text": draw(TEXT)}
    source = draw(st.sampled_from(["speaker", "programme", "cites", "all"]))
    if source in ("speaker", "all"):
        item["speaker"] = "speaker"
    if source in ("programme", "all"):
        item["programme"] = "programme"
    if source in ("cites", "all"):
        item["cites"] = draw(TEXT)
    _optional(draw, item, "date", periods())
    _optional(draw, item, "grade", st.sampled_from(grades))
    _optional(draw, item, "locator", TEXT)
    if draw(st.booleans()):
        item["url"] = draw(URLS)
        _optional(draw, item, "accessed", DAYS)
    return item


def confidence(grades: list[str]) -> st.SearchStrategy[Any]:
    """A number in [0, 1], or a grade's name."""
    return st.one_of(UNIT, st.sampled_from(grades))


@st.composite
def link(draw: st.DrawFn, link_id: str, actors: list[str], grades: list[str]) -> dict[str, Any]:
    source, target = draw(st.permutations(actors))[:2]
    entry: dict[str, Any] = {
        "id": link_id,
        "source": source,
        "target": target,
        "type": draw(st.sampled_from(LinkType)).value,
        "strength": draw(UNIT),
        "confidence": draw(confidence(grades)),
    }
    _optional(draw, entry, "date", periods())
    _optional(draw, entry, "label", TEXT)
    _optional(draw, entry, "note", TEXT)
    _optional(draw, entry, "background", TEXT)
    _optional(draw, entry, "evidence", st.lists(evidence(grades), min_size=1, max_size=2))
    return entry


@st.composite
def scenario(
    draw: st.DrawFn, index: int, actors: list[str], links: list[str], grades: list[str]
) -> dict[str, Any]:
    scenario_id = f"scenario-{index}"
    keys = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=4, unique=True))
    touched = draw(st.permutations(links))
    split = draw(st.integers(0, len(touched)))
    changed = touched[: min(split, 2)]
    removed = touched[split : split + 2]
    entry: dict[str, Any] = {"id": scenario_id, "name": draw(TEXT), "key_actors": keys}
    _optional(draw, entry, "name_ja", TEXT)
    _optional(draw, entry, "description", TEXT)
    _optional(draw, entry, "raised_by", st.just(["speaker"]))
    if changed:
        entry["changes"] = [
            {"link": link_id, "strength": draw(UNIT), "confidence": draw(confidence(grades))}
            for link_id in changed
        ]
    if removed:
        entry["removes"] = list(removed)
    adds = draw(st.integers(0, 2))
    if adds:
        entry["adds"] = [draw(link(f"{scenario_id}-add-{k}", actors, grades)) for k in range(adds)]
    _optional(draw, entry, "signposts", st.lists(st.builds(dict, text=TEXT), max_size=2))
    _optional(draw, entry, "connected_by", st.lists(CARRYING, min_size=1, max_size=3, unique=True))
    return entry


@st.composite
def datasets(draw: st.DrawFn, *, max_actors: int = 7, max_links: int = 10) -> Dataset:
    """A small valid dataset; its scenarios each have two key actors or more."""
    actor_ids = [f"actor-{i}" for i in range(draw(st.integers(2, max_actors)))]
    actors = []
    for i, actor_id in enumerate(actor_ids):
        actor: dict[str, Any] = {
            "id": actor_id,
            "name": f"{draw(TEXT)} {i}",
            "kind": draw(st.sampled_from(ActorKind)).value,
        }
        _optional(draw, actor, "name_ja", TEXT)
        _optional(draw, actor, "aliases", st.lists(TEXT, min_size=1, max_size=2, unique=True))
        _optional(draw, actor, "affiliation", st.sampled_from(actor_ids))
        _optional(draw, actor, "description", TEXT)
        actors.append(actor)
    declared = draw(st.booleans())
    grades = [g["name"] for g in DECLARED_LADDER] if declared else DEFAULT_LADDER
    link_ids = [f"link-{j}" for j in range(draw(st.integers(0, max_links)))]
    links = [draw(link(link_id, actor_ids, grades)) for link_id in link_ids]
    scenarios = [
        draw(scenario(k, actor_ids, link_ids, grades)) for k in range(draw(st.integers(0, 2)))
    ]
    document: dict[str, Any] = {
        "programmes": [{"id": "programme", "title": draw(TEXT), "date": draw(DAYS).isoformat()}],
        "speakers": [{"id": "speaker", "name": draw(TEXT)}],
        "actors": actors,
        "links": links,
        "scenarios": scenarios,
    }
    if declared:
        document["grades"] = DECLARED_LADDER
    return build_dataset([Document("drawn.yaml", document)], origin="drawn")
