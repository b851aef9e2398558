"""Reports -> JSON text for `--json`: stable keys, ISO dates, no NaN or Infinity."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

from scenarios.errors import Problem
from scenarios.model import Actor, Link, Period

SCHEMA_VERSION = 2

ANALYSIS_KINDS = frozenset(
    {
        "path",
        "centrality",
        "depends",
        "depends-ties",
        "depends-uncertain",
        "compare",
        "whatif",
        "whatif-sweep",
        "timeline",
        "signposts",
    }
)
"""Documents of the analysis commands (docs/json.md): actors in them are `{"id", "name"}`.

The other documents show the data as the dataset holds it: an actor's full record, a link's
ends as ids."""


def to_plain(value: Any, *, refs: bool = False) -> Any:
    """Convert reports, models and containers into JSON-ready values.

    Actors are written as their full record, or with `refs` (the analysis documents) as
    `{"id", "name"}` (the full record lives in `scenarios actors --json`); periods as their
    text, first and last day, precision and the day they count from; non-finite floats as
    null. A dataclass may name properties to add (`__json_extra__`) and fields to leave out
    (`__json_skip__`).
    """
    if refs:
        names = actor_names(value)

        def link_refs(link: Link) -> dict[str, Any]:
            found = link_dict(link)
            for end in ("source", "target"):
                ident = found[end]
                found[end] = {"id": ident, "name": names.get(ident, ident)}
            return found

        return _plain(value, actor_ref, link_refs)
    return _plain(value, actor_dict, link_dict)


def actor_names(value: Any) -> dict[str, str]:
    """Every actor a report names, id -> name: how an analysis document names a link's ends
    (each link in a report stands beside its end actors)."""
    found: dict[str, str] = {}
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Actor):
            found[item.id] = item.name
        elif isinstance(item, Link | Period | Enum | str | int | float | date) or item is None:
            continue
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
    return found


def _plain(value: Any, actor: Any, link: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Period):  # one shape for every date of the data (docs/json.md)
        return {
            "text": value.text,
            "start": value.start.isoformat(),
            "end": value.end.isoformat(),
            "precision": value.precision.value,
            "counted_from": value.counted_from.isoformat(),
        }
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Problem):
        return value.as_dict()
    if isinstance(value, Actor):
        return actor(value)
    if isinstance(value, Link):
        return link(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = getattr(type(value), "__json_skip__", ())
        out = {
            f.name: _plain(getattr(value, f.name), actor, link)
            for f in dataclasses.fields(value)
            if f.name not in skip
        }
        for name in getattr(type(value), "__json_extra__", ()):
            out[name] = _plain(getattr(value, name), actor, link)
        return out
    if isinstance(value, Mapping):
        return {str(k): _plain(v, actor, link) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v, actor, link) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return value


def actor_ref(actor: Actor) -> dict[str, Any]:
    """An actor named in an analysis document: id and name."""
    return {"id": actor.id, "name": actor.name}


def actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "name_ja": actor.name_ja,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "affiliation": actor.affiliation,
        "description": actor.description,
    }


def link_dict(link: Link) -> dict[str, Any]:
    return {
        "id": link.id,
        "source": link.source,
        "target": link.target,
        "type": link.type.value,
        "strength": link.strength,
        "confidence": link.confidence,
        "grade": link.grade,
        "weight": link.weight,
        "basis": link.basis,
        "background": link.background,
        "date": to_plain(link.date),
        "label": link.label,
        "note": link.note,
        "evidence": [to_plain(e) for e in link.evidence],
    }


def dumps(kind: str, report: Any, *, one_line: bool = False) -> str:
    """The JSON document a command prints: `{"schema": ..., "kind": ..., **report}`.

    Indented, with text as it is. `one_line`: on one line with non-ASCII text escaped, as
    `validate --json` has always printed a valid dataset's document (scripts may read it so).
    """
    body = to_plain(report, refs=kind in ANALYSIS_KINDS)
    document = {
        "schema": SCHEMA_VERSION,
        "kind": kind,
        **(body if isinstance(body, dict) else {"result": body}),
    }
    if one_line:
        return json.dumps(document, allow_nan=False)
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
