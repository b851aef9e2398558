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

SCHEMA_VERSION = 1


def to_plain(value: Any) -> Any:
    """Convert reports, models and containers into JSON-ready values.

    Actors nested inside reports are written as their id plus name and kind (a full record
    lives in `scenarios actors --json`); periods as their text, first and last day, precision
    and the day they count from; non-finite floats as null.
    """
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
        return actor_dict(value)
    if isinstance(value, Link):
        return link_dict(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in getattr(type(value), "__json_extra__", ()):
            out[name] = to_plain(getattr(value, name))
        return out
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return value


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
    body = to_plain(report)
    document = {
        "schema": SCHEMA_VERSION,
        "kind": kind,
        **(body if isinstance(body, dict) else {"result": body}),
    }
    if one_line:
        return json.dumps(document, allow_nan=False)
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
