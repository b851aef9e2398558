"""Synthetic datasets for benchmarks and tests: heavy-tailed degrees, communities, a few bridges.

`generate(spec)` returns raw entries in the data format (docs/data-format.md): plain mappings
that `scenarios.dataset.validate` checks like any file, and that `scenarios synth` writes to a
directory (actors, links and evidence in the bulk CSV format, the rest as YAML). Pure: no files.

The structure imitates event data (GDELT- or ACLED-style actor pairs):

- **communities**: actors fall into communities whose sizes follow a Pareto law (20 actors and
  up, a few of several hundred), in id order;
- **heavy-tailed degrees**: every actor has a Pareto(1.6) activity; a link's source is drawn in
  proportion to activity, its target in proportion to activity among the source's community
  (85 %) or among all actors (15 %). The degree distribution then has a power-law tail
  (exponent about 2.6): a few actors take part in a large share of all links;
- **parallel links**: the same two actors may be linked several times (several events), as in
  event data; the analysis merges them into one tie;
- **bridges**: about 2 % of communities (at least one when there are three or more) are
  *peripheral*: none of their links leaves the community except one, from the community's most
  active member to an active actor elsewhere, a tie whose cut disconnects the community;
- **attributes**: link types, strengths and confidences in the ranges of the seed data; 85 % of
  links dated to a day of 2024-2025, 10 % to a month, 5 % undated; 5 % carry one evidence item.
- **scenarios**: each has `key_actors` key actors (the most active actors of distinct
  communities, plus the most active member of a peripheral community, so one bridge matters),
  reweights three of their links, removes two base links and adds two links between them.

Every random draw comes from `random.Random` streams seeded from `spec.seed` and a purpose
name, so the same spec gives the same entries, and `scenarios synth` the same bytes, on every
machine (with the same version of scenarios).
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from scenarios.errors import UsageError
from scenarios.vocab import ActorKind, BulkFormat, LinkType

ACTIVITY_SHAPE = 1.6  # Pareto shape of actor activity: degree tail exponent about 1 + 1.6
COMMUNITY_SHAPE = 1.2  # Pareto shape of community sizes
MIN_COMMUNITY = 20
MAX_COMMUNITY = 2_000
INSIDE = 0.85  # share of links whose target is drawn in the source's community
PERIPHERAL_SHARE = 0.02
EVIDENCE_SHARE = 0.05
FIRST_DAY = date(2024, 1, 1)
DAYS = 731  # 2024-01-01 .. 2025-12-31

# (type, share of links, strength range): the ranges of docs/data-format.md
TYPE_TABLE: tuple[tuple[LinkType, float, float, float], ...] = (
    (LinkType.NEGOTIATES_WITH, 30, 0.4, 0.8),
    (LinkType.SUPPORTS, 12, 0.4, 0.9),
    (LinkType.OPPOSES, 10, 0.2, 0.3),
    (LinkType.INFLUENCES, 10, 0.4, 0.9),
    (LinkType.ECONOMIC_TIE, 10, 0.4, 0.9),
    (LinkType.ALLIED_WITH, 5, 0.4, 0.9),
    (LinkType.CONSTRAINS, 5, 0.4, 0.9),
    (LinkType.CONCERNS, 5, 0.3, 0.5),
    (LinkType.MEMBER_OF, 4, 0.8, 0.9),
    (LinkType.ENVOY_OF, 2, 0.8, 0.9),
    (LinkType.LEADS, 2, 1.0, 1.0),
    (LinkType.PROPOSES, 2, 0.4, 0.9),
    (LinkType.CONTROLS, 1.5, 0.4, 0.9),
    (LinkType.CLAIMS, 1.5, 0.2, 0.3),
)
CONFIDENCES = (0.3, 0.4, 0.6, 0.8, 1.0)
CONFIDENCE_WEIGHTS = (1, 2, 3, 3, 1)
# the most active actors are states and leaders; the rest are drawn from the other kinds
MINOR_KINDS = tuple(k for k in ActorKind if k not in (ActorKind.STATE, ActorKind.LEADER))
SPEAKERS = ("analyst", "reporter", "narration", "envoy-watch")
PROGRAMMES = (
    ("weekly-brief", "Weekly brief", "2025-12-07"),
    ("wire-digest", "Wire digest", "2025-06-30"),
    ("annual-review", "Annual review", "2024-12-31"),
)


@dataclass(frozen=True, slots=True)
class SynthSpec:
    """What to generate; see the module docstring for the structure."""

    actors: int
    links: int
    scenarios: int = 1
    seed: int = 0
    key_actors: int = 20

    def check(self) -> None:
        """Raise UsageError for a spec that cannot be generated."""
        if self.actors < 2:
            raise UsageError(f"--actors must be at least 2, not {self.actors}")
        if self.links < 1:
            raise UsageError(f"--links must be at least 1, not {self.links}")
        if self.scenarios < 0:
            raise UsageError(f"--scenarios must be 0 or more, not {self.scenarios}")
        if self.key_actors < 2 or self.key_actors > self.actors:
            raise UsageError(
                f"--key-actors must be between 2 and --actors ({self.actors}), "
                f"not {self.key_actors}"
            )
        if self.seed < 0:
            raise UsageError(f"--seed must be 0 or more, not {self.seed}")


class Synthetic:
    """A generated dataset: entries in the data format, streamed section by section.

    Actors, scenarios, speakers and programmes are lists; links and evidence are generated on
    each iteration (the same every time), so a million links never sit in memory as mappings.
    """

    def __init__(self, spec: SynthSpec) -> None:
        spec.check()
        self.spec = spec
        n = spec.actors
        rng = _rng(spec.seed, "structure")
        self.community = _communities(rng, n)
        self.members: list[list[int]] = []
        for i, c in enumerate(self.community):
            if c == len(self.members):
                self.members.append([])
            self.members[c].append(i)
        activity = [rng.paretovariate(ACTIVITY_SHAPE) for _ in range(n)]
        self.activity = activity
        self.peripheral = _peripheral(rng, self.members)
        self.sources, self.targets = _endpoints(rng, spec.links, self)
        degree = [0] * n
        for u, v in zip(self.sources, self.targets, strict=True):
            degree[u] += 1
            degree[v] += 1
        self.degree = degree
        self.actors = _actors(spec.seed, self)
        self.speakers = [{"id": s, "name": s.replace("-", " ").title()} for s in SPEAKERS]
        self.programmes = [{"id": p, "title": t, "date": d} for p, t, d in PROGRAMMES]
        self.scenarios = _scenarios(spec, self)

    @property
    def max_degree(self) -> int:
        return max(self.degree)

    def links(self) -> Iterator[dict[str, Any]]:
        """Base links in the data format, without evidence (see `evidence`)."""
        rng = _rng(self.spec.seed, "attributes")
        random_ = rng.random
        types = [(t.value, low, high - low) for t, _, low, high in TYPE_TABLE]
        type_cum = list(itertools.accumulate(w for _, w, _, _ in TYPE_TABLE))
        type_total = type_cum[-1]
        conf_cum = list(itertools.accumulate(CONFIDENCE_WEIGHTS))
        conf_total = conf_cum[-1]
        days = [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range(DAYS)]
        for j, (u, v) in enumerate(zip(self.sources, self.targets, strict=True)):
            value, low, span = types[bisect.bisect(type_cum, random_() * type_total)]
            link: dict[str, Any] = {
                "id": f"l{j}",
                "source": f"a{u}",
                "target": f"a{v}",
                "type": value,
                "strength": round(low + span * random_(), 2),
                "confidence": CONFIDENCES[bisect.bisect(conf_cum, random_() * conf_total)],
            }
            when = random_()
            day = days[int(random_() * DAYS)]
            if when < 0.85:
                link["date"] = day
            elif when < 0.95:
                link["date"] = day[:7]
            yield link

    def evidence(self) -> Iterator[dict[str, Any]]:
        """Evidence items of 5 % of the base links, each naming its link (`link`)."""
        rng = _rng(self.spec.seed, "evidence")
        for j in range(self.spec.links):
            if rng.random() >= EVIDENCE_SHARE:
                continue
            programme = PROGRAMMES[rng.randrange(len(PROGRAMMES))][0]
            yield {
                "link": f"l{j}",
                "text": f"Synthetic report of event {j}.",
                "speaker": SPEAKERS[rng.randrange(len(SPEAKERS))],
                "programme": programme,
            }


def generate(spec: SynthSpec) -> Synthetic:
    """The synthetic dataset of `spec` (see the module docstring).

    >>> s = generate(SynthSpec(actors=100, links=300, scenarios=1, seed=1, key_actors=3))
    >>> len(s.actors), sum(1 for _ in s.links()), len(s.scenarios[0]["key_actors"])
    (100, 300, 3)
    """
    return Synthetic(spec)


def _rng(seed: int, purpose: str) -> random.Random:
    return random.Random(f"scenarios-synth/{seed}/{purpose}")


def _communities(rng: random.Random, n: int) -> list[int]:
    """The community of each actor, in id order (sizes Pareto-distributed)."""
    community: list[int] = []
    c = 0
    while len(community) < n:
        size = min(MAX_COMMUNITY, int(MIN_COMMUNITY * rng.paretovariate(COMMUNITY_SHAPE)))
        community.extend([c] * min(size, n - len(community)))
        c += 1
    return community


def _peripheral(rng: random.Random, members: list[list[int]]) -> frozenset[int]:
    if len(members) < 3:
        return frozenset()
    count = max(1, round(len(members) * PERIPHERAL_SHARE))
    candidates = [c for c in range(len(members)) if len(members[c]) >= 2]
    return frozenset(rng.sample(candidates, min(count, len(candidates) - 1)))


class _Picker:
    """Draws actors in proportion to activity, from everyone or from one community."""

    def __init__(self, synth: Synthetic) -> None:
        self.activity = synth.activity
        self.cum = list(itertools.accumulate(synth.activity))
        self.members = synth.members
        self.community_cum = [
            list(itertools.accumulate(synth.activity[i] for i in m)) for m in synth.members
        ]

    def anyone(self, rng: random.Random) -> int:
        return bisect.bisect(self.cum, rng.random() * self.cum[-1], 0, len(self.cum) - 1)

    def within(self, rng: random.Random, c: int) -> int:
        cum = self.community_cum[c]
        return self.members[c][bisect.bisect(cum, rng.random() * cum[-1], 0, len(cum) - 1)]


def _endpoints(rng: random.Random, links: int, synth: Synthetic) -> tuple[list[int], list[int]]:
    """Source and target of every base link: activity-proportional, mostly within communities."""
    pick = _Picker(synth)
    community, peripheral = synth.community, synth.peripheral
    sources: list[int] = []
    targets: list[int] = []
    # one bridge per peripheral community: its most active member to an active actor elsewhere
    for c in sorted(peripheral):
        inside = max(synth.members[c], key=lambda i: (synth.activity[i], -i))
        outside = pick.anyone(rng)
        while community[outside] in peripheral:
            outside = pick.anyone(rng)
        sources.append(inside)
        targets.append(outside)
    while len(sources) < links:
        u = pick.anyone(rng)
        c = community[u]
        if len(synth.members[c]) > 1 and (c in peripheral or rng.random() < INSIDE):
            v = pick.within(rng, c)
        else:
            v = pick.anyone(rng)
            while community[v] in peripheral:
                v = pick.anyone(rng)
        if u != v:
            sources.append(u)
            targets.append(v)
    return sources, targets


def _actors(seed: int, synth: Synthetic) -> list[dict[str, Any]]:
    rng = _rng(seed, "actors")
    n = len(synth.activity)
    ranked = sorted(range(n), key=lambda i: (-synth.activity[i], i))
    major = {i: k for k, i in enumerate(ranked[: max(1, n // 100)])}
    heads = {c: max(m, key=lambda i: (synth.activity[i], -i)) for c, m in enumerate(synth.members)}
    actors = []
    for i in range(n):
        if i in major:
            kind = ActorKind.STATE if major[i] % 3 else ActorKind.LEADER
        else:
            kind = MINOR_KINDS[rng.randrange(len(MINOR_KINDS))]
        actor: dict[str, Any] = {"id": f"a{i}", "name": f"Actor {i}", "kind": kind.value}
        if rng.random() < 0.2:
            actor["aliases"] = [f"A-{i}"]
        head = heads[synth.community[i]]
        if head != i and rng.random() < 0.1:
            actor["affiliation"] = f"a{head}"
        actors.append(actor)
    return actors


def _scenarios(spec: SynthSpec, synth: Synthetic) -> list[dict[str, Any]]:
    rng = _rng(spec.seed, "scenarios")
    by_degree = sorted(range(spec.actors), key=lambda i: (-synth.degree[i], i))
    incident: dict[int, list[int]] = {}
    for j, (u, v) in enumerate(zip(synth.sources, synth.targets, strict=True)):
        incident.setdefault(u, []).append(j)
        incident.setdefault(v, []).append(j)
    bridges = len(synth.peripheral)  # the first links; no scenario removes them
    out = []
    for s in range(spec.scenarios):
        keys = _key_actors(spec, synth, by_degree, offset=s)
        touching = sorted({j for k in keys for j in incident.get(k, [])})
        changed = rng.sample(touching, min(3, len(touching)))
        removable = [j for j in range(bridges, spec.links) if j not in changed][:1000]
        removed = rng.sample(removable, min(2, len(removable)))
        adds = []
        for a in range(2):
            u, v = rng.sample(keys, 2)
            adds.append(
                {
                    "id": f"s{s}-add-{a}",
                    "source": f"a{u}",
                    "target": f"a{v}",
                    "type": LinkType.NEGOTIATES_WITH.value,
                    "strength": 0.6,
                    "confidence": 0.5,
                }
            )
        speaker = SPEAKERS[s % len(SPEAKERS)]
        out.append(
            {
                "id": f"s{s}",
                "name": f"Scenario {s}",
                "description": f"Synthetic scenario {s} with {len(keys)} key actors.",
                "key_actors": [f"a{k}" for k in keys],
                "raised_by": [speaker],
                "changes": [
                    {"link": f"l{j}", "strength": 1.0, "note": "reweighted by the scenario"}
                    for j in changed
                ],
                "removes": [f"l{j}" for j in removed],
                "adds": adds,
                "signposts": [{"text": f"The key actors of scenario {s} meet", "speaker": speaker}],
            }
        )
    return out


def _key_actors(spec: SynthSpec, synth: Synthetic, by_degree: list[int], offset: int) -> list[int]:
    """The most active actors of distinct communities (skipping `offset`), and one peripheral."""
    wanted = spec.key_actors
    keys: list[int] = []
    used: set[int] = set()
    periphery = [
        max(synth.members[c], key=lambda i: (synth.degree[i], -i)) for c in sorted(synth.peripheral)
    ]
    if periphery and wanted >= 3:
        keys.append(periphery[offset % len(periphery)])
        used.add(synth.community[keys[0]])
    for i in by_degree[offset:]:
        c = synth.community[i]
        if c not in used and c not in synth.peripheral:
            keys.append(i)
            used.add(c)
            if len(keys) == wanted:
                break
    for i in by_degree:  # fewer communities than key actors: fill with the most active
        if len(keys) == wanted:
            break
        if i not in keys:
            keys.append(i)
    return sorted(keys, key=lambda i: (-synth.degree[i], i))


# -- files -------------------------------------------------------------------------------------


ACTOR_COLUMNS = ("id", "name", "kind", "aliases", "affiliation")
LINK_COLUMNS = ("id", "source", "target", "type", "strength", "confidence", "date")
EVIDENCE_COLUMNS = ("link", "text", "speaker", "programme")


def files(synth: Synthetic, directory: Path, fmt: BulkFormat) -> dict[Path, Iterable[str]]:
    """The files of the dataset, each as an iterable of text chunks (streamed, not held).

    `actors`, `links` and `evidence` in the bulk format, `sources.yaml` (speakers and
    programmes) and `scenarios.yaml`.
    """
    from scenarios.dataset import bulk

    spec = synth.spec
    head = (
        f"# Synthetic dataset: scenarios synth --actors {spec.actors} --links {spec.links} "
        f"--scenarios {spec.scenarios} --key-actors {spec.key_actors} --seed {spec.seed}\n"
    )
    out: dict[Path, Iterable[str]] = {}
    if fmt is BulkFormat.CSV:
        out[directory / "actors.csv"] = bulk.csv_lines("actors", synth.actors, ACTOR_COLUMNS)
        out[directory / "links.csv"] = bulk.csv_lines("links", synth.links(), LINK_COLUMNS)
        out[directory / "evidence.csv"] = bulk.csv_lines(
            "evidence", synth.evidence(), EVIDENCE_COLUMNS
        )
    else:
        out[directory / "actors.jsonl"] = bulk.jsonl_lines(synth.actors)
        out[directory / "links.jsonl"] = bulk.jsonl_lines(synth.links())
        out[directory / "evidence.jsonl"] = bulk.jsonl_lines(synth.evidence())
    out[directory / "sources.yaml"] = [
        head,
        yaml_text({"speakers": synth.speakers, "programmes": synth.programmes}),
    ]
    out[directory / "scenarios.yaml"] = [head, yaml_text({"scenarios": synth.scenarios})]
    return out


def yaml_text(value: Any, indent: int = 0) -> str:
    """Block-style YAML for mappings, lists, text and numbers (text double-quoted as JSON is).

    >>> print(yaml_text({"scenarios": [{"id": "s0", "key_actors": ["a1", "a2"]}]}), end="")
    scenarios:
      - id: "s0"
        key_actors: ["a1", "a2"]
    """
    return "".join(_yaml_lines(value, indent))


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"no YAML for {value!r}")
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _yaml_lines(value: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and item and all(not isinstance(x, dict) for x in item):
                yield f"{pad}{key}: [{', '.join(_scalar(x) for x in item)}]\n"
            elif isinstance(item, dict | list):
                yield f"{pad}{key}:\n"
                yield from _yaml_lines(item, indent + 2)
            else:
                yield f"{pad}{key}: {_scalar(item)}\n"
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                first, *rest = _yaml_lines(item, indent + 2)
                yield f"{pad}- {first.lstrip()}"
                yield from rest
            else:
                yield f"{pad}- {_scalar(item)}\n"
    else:
        yield f"{pad}{_scalar(value)}\n"
