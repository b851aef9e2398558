"""`actors` on a tiny dataset built by hand: ties are carrying links, links are every link."""

from __future__ import annotations

from scenarios.model import Actor, Dataset, Link, Scenario
from scenarios.reports.browse import actor_table
from scenarios.vocab import ActorKind as K
from scenarios.vocab import LinkType as T

DATA = Dataset(
    (
        Actor("a", "Alpha", K.STATE),
        Actor("b", "Bravo", K.STATE),
        Actor("c", "Charlie", K.STATE),
        Actor("d", "Delta", K.STATE),
        Actor("m", "Mike", K.OFFICIAL, affiliation="a"),
    ),
    (
        Link("a-b-talks", "a", "b", T.NEGOTIATES_WITH, 0.5, 1.0),
        Link("a-b-trade", "a", "b", T.ECONOMIC_TIE, 0.5, 1.0),  # one tie with the talks
        Link("a-c", "a", "c", T.OPPOSES, 0.3, 1.0),  # adversarial: no tie
        Link("a-d", "a", "d", T.SUPPORTS, 0.0, 1.0),  # weight 0: no tie
        Link("m-a", "m", "a", T.MEMBER_OF, 0.9, 1.0),  # structural inside a's side
    ),
    (Scenario("support", "Support only", ("a", "b"), connected_by=(T.SUPPORTS,)),),
)


def test_ties_count_actors_joined_by_carrying_links_and_links_count_every_link() -> None:
    rows = {r.actor.id: (r.tie_count, r.link_count) for r in actor_table(DATA).rows}
    # a: ties with b (two links, one tie) and m; c (opposes) and d (weight 0) are no ties
    assert rows == {"a": (2, 5), "b": (1, 2), "c": (0, 1), "d": (0, 1), "m": (1, 1)}
    # connected_by [supports]: neither the talks nor the trade carries, the structural link
    # inside a's side always does; the links are counted all the same
    support = {
        r.actor.id: (r.tie_count, r.link_count) for r in actor_table(DATA, scenario="support").rows
    }
    assert support == {"a": (1, 5), "b": (0, 2), "c": (0, 1), "d": (0, 1), "m": (1, 1)}
