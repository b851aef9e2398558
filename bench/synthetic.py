"""A reproducible synthetic Dataset for benchmarks: heavy-tailed degrees, communities, bridges.

    from synthetic import synthetic_dataset
    ds = synthetic_dataset(actors=10_000, links=50_000, scenarios=1, key_actors=20, seed=7)

Structure: actors fall into communities of ~50; each link picks a source by preferential
attachment (a degree-proportional draw, so degrees are heavy-tailed) and, with probability
0.9, a target in the same community, else anywhere. Every community is first chained to the
next by a single link, so a few ties are bridges. Strength and confidence are drawn from the
ranges the seed data uses. Each scenario has `key_actors` key actors (high-degree actors from
different communities), and adds, reweights and removes a few links.
"""

from __future__ import annotations

import random

from scenarios.model import (
    Actor,
    Dataset,
    Link,
    LinkChange,
    LinkRemoval,
    Scenario,
)
from scenarios.vocab import ActorKind, LinkType

KINDS = list(ActorKind)
TYPES = list(LinkType)


def synthetic_dataset(
    actors: int, links: int, *, scenarios: int = 1, key_actors: int = 20, seed: int = 0
) -> Dataset:
    """A valid Dataset with the given numbers of actors and base links (see module docstring)."""
    if actors < 2 or links < actors - 1:
        raise ValueError("need at least 2 actors and actors - 1 links (to chain communities)")
    rng = random.Random(seed)
    ids = [f"a{i}" for i in range(actors)]
    community = [i // 50 for i in range(actors)]
    members: dict[int, list[int]] = {}
    for i, c in enumerate(community):
        members.setdefault(c, []).append(i)
    actor_list = tuple(
        Actor(ids[i], f"Actor {i}", rng.choice(KINDS), aliases=(f"actor-{i}",))
        for i in range(actors)
    )
    out: list[Link] = []
    seen: set[tuple[int, int]] = set()
    endpoints: list[int] = []  # every link end, for preferential attachment

    def add(u: int, v: int) -> bool:
        key = (min(u, v), max(u, v))
        if u == v or key in seen:
            return False
        seen.add(key)
        endpoints.extend((u, v))
        out.append(
            Link(
                f"l{len(out)}",
                ids[u],
                ids[v],
                rng.choice(TYPES),
                round(rng.uniform(0.2, 1.0), 2),
                round(rng.choice([0.3, 0.4, 0.6, 0.8, 1.0]), 2),
            )
        )
        return True

    # a spanning chain: within each community, then one bridge to the next community
    for i in range(1, actors):
        add(i - 1, i)
    while len(out) < links:
        u = rng.choice(endpoints) if endpoints and rng.random() < 0.7 else rng.randrange(actors)
        v = rng.choice(members[community[u]]) if rng.random() < 0.9 else rng.randrange(actors)
        add(u, v)

    degree: dict[int, int] = {}
    for end in endpoints:
        degree[end] = degree.get(end, 0) + 1
    by_degree = sorted(range(actors), key=lambda i: (-degree.get(i, 0), i))
    scenario_list = []
    for s in range(scenarios):
        keys: list[str] = []
        used: set[int] = set()
        for i in by_degree[s:]:
            if community[i] not in used:
                keys.append(ids[i])
                used.add(community[i])
            if len(keys) == min(key_actors, len(members)):
                break
        picked = rng.sample(out, k=min(6, len(out)))
        scenario_list.append(
            Scenario(
                id=f"s{s}",
                name=f"Scenario {s}",
                key_actors=tuple(keys),
                changes=tuple(LinkChange(link.id, strength=1.0) for link in picked[:3]),
                removes=tuple(LinkRemoval(link.id) for link in picked[3:]),
                adds=(Link(f"s{s}-add", keys[0], keys[-1], LinkType.NEGOTIATES_WITH, 0.6, 0.5),),
            )
        )
    return Dataset(actor_list, tuple(out), tuple(scenario_list), origin=f"synthetic(seed={seed})")
