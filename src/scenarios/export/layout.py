"""One stable layout per dataset: actor positions shared by every view, picture and file.

Positions come from a Kamada-Kawai layout (deterministic: no random start) of every actor
and every link the dataset holds, base and scenario additions alike, with hop distances
(actors in different components are placed one hop further apart than the two most distant
connected ones). So the same dataset always gives the same coordinates, and an actor sits in
the same place in the base graph and in every scenario, which makes pictures of two
scenarios comparable at a glance. The result is turned so its long axis is horizontal, its
sign fixed by the dataset order, scaled into [0, 1] (y up) and rounded to 4 decimals so tiny
floating-point differences between machines do not move anything. Datasets of more than
KAMADA_KAWAI_LIMIT actors use a force-directed layout from a fixed seed instead.
"""

from __future__ import annotations

from scenarios.model import Dataset

Position = tuple[float, float]

# Kamada-Kawai is quadratic in memory and slow beyond a few hundred actors (0.4 s for the 37
# of the seed); larger datasets get a seeded Fruchterman-Reingold layout, equally repeatable.
KAMADA_KAWAI_LIMIT = 300
SPRING_SEED = 20251207


def stable_layout(ds: Dataset) -> dict[str, Position]:
    """Every actor's (x, y) in [0, 1], the same for the same dataset.

    >>> from scenarios.model import Actor, Dataset, Link
    >>> from scenarios.vocab import ActorKind, LinkType
    >>> a, b = Actor("a", "A", ActorKind.STATE), Actor("b", "B", ActorKind.STATE)
    >>> link = Link("ab", "a", "b", LinkType.SUPPORTS, 1.0, 1.0)
    >>> stable_layout(Dataset(actors=(a, b), links=(link,)))
    {'a': (0.0, 0.0), 'b': (1.0, 0.0)}
    """
    import networkx as nx
    import numpy as np

    ids = [actor.id for actor in ds.actors]
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (0.5, 0.5)}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    links = [*ds.links, *(link for s in ds.scenarios for link in s.adds)]
    graph.add_edges_from(sorted({link.pair for link in links if link.source != link.target}))
    if len(ids) <= KAMADA_KAWAI_LIMIT:
        hops = dict(nx.all_pairs_shortest_path_length(graph))
        farthest = max((d for row in hops.values() for d in row.values()), default=0)
        dist = {u: {v: hops[u].get(v, farthest + 1) for v in ids} for u in ids}
        raw = nx.kamada_kawai_layout(graph, dist=dist, pos=nx.circular_layout(graph))
    else:
        raw = nx.spring_layout(graph, seed=SPRING_SEED, iterations=100)
    points = np.array([raw[i] for i in ids], dtype=float)
    points -= points.mean(axis=0)
    # long axis horizontal: rotate onto the principal axes of the point cloud
    _, vectors = np.linalg.eigh(points.T @ points)
    points = points @ vectors[:, ::-1]
    # fix each axis's sign by the dataset order, so an eigen-solver's choice cannot flip it
    for axis in (0, 1):
        for value in points[:, axis]:
            if abs(value) > 1e-9:
                if value > 0:
                    points[:, axis] *= -1
                break
    points -= points.min(axis=0)
    extent = float(points.max())
    if extent > 0:
        points /= extent
    return {
        i: (round(float(x), 4) + 0.0, round(float(y), 4) + 0.0)
        for i, (x, y) in zip(ids, points, strict=True)
    }
