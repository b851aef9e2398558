"""The fixed vocabularies: actor kinds, link types and their roles, centrality measures.

Kept apart from the models so the command line can offer them as choices without importing
anything heavier than `enum`.
"""

from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    """What sort of actor a node is; each kind becomes a Neo4j label."""

    STATE = "state"
    BLOC = "bloc"
    LEADER = "leader"
    ENVOY = "envoy"
    OFFICIAL = "official"
    INSTITUTION = "institution"
    PUBLIC = "public"
    ASSET = "asset"
    DOCUMENT = "document"
    TERRITORY = "territory"
    REGION = "region"
    EVENT = "event"

    @property
    def label(self) -> str:
        """The Neo4j node label for this kind (fixed allow-list, never user text)."""
        return self.value.title()

    @property
    def description(self) -> str:
        return _KIND_DESCRIPTIONS[self]

    @property
    def heads_side(self) -> bool:
        """A state or bloc: the root of a *side* (docs: "Sides")."""
        return self in _SIDE_ROOTS

    @property
    def joins_side(self) -> bool:
        """A person (leader, envoy, official): of the side its `affiliation` leads to."""
        return self in _SIDE_PEOPLE


_SIDE_ROOTS = frozenset({ActorKind.STATE, ActorKind.BLOC})
_SIDE_PEOPLE = frozenset({ActorKind.LEADER, ActorKind.ENVOY, ActorKind.OFFICIAL})

_KIND_DESCRIPTIONS = {
    ActorKind.STATE: "a sovereign state or self-governing polity",
    ActorKind.BLOC: "a group of states acting together (e.g. Europe)",
    ActorKind.LEADER: "a head of state or government",
    ActorKind.ENVOY: "a person negotiating on a principal's behalf",
    ActorKind.OFFICIAL: "a minister or senior official",
    ActorKind.INSTITUTION: "a legislature, agency or other body",
    ActorKind.PUBLIC: "public opinion or a constituency",
    ActorKind.ASSET: "money, resources or infrastructure that can be traded or controlled",
    ActorKind.DOCUMENT: "a plan, strategy, clause or agreement",
    ActorKind.TERRITORY: "land whose control is disputed",
    ActorKind.REGION: "a geographic region a policy is aimed at",
    ActorKind.EVENT: "an event that bears on the others: an election, a summit",
}


class LinkRole(StrEnum):
    """What a link type does in analysis (README, "What a link carries").

    - channel: coordination, influence, a deal passes along it; it carries chains and is cut;
    - structural: one actor is part of or acts for another; it carries chains but is how
      actors are organised, so `depends` never cuts a tie made only of such links;
    - adversarial: friction; it never carries a chain and is reported apart, as a tension.
    """

    CHANNEL = "channel"
    STRUCTURAL = "structural"
    ADVERSARIAL = "adversarial"


class LinkType(StrEnum):
    """The documented link vocabulary; each type becomes a Neo4j relationship type."""

    NEGOTIATES_WITH = "negotiates_with"
    ENVOY_OF = "envoy_of"
    MEMBER_OF = "member_of"
    LEADS = "leads"
    ALLIED_WITH = "allied_with"
    SUPPORTS = "supports"
    ECONOMIC_TIE = "economic_tie"
    PROPOSES = "proposes"
    CONCERNS = "concerns"
    INFLUENCES = "influences"
    CONSTRAINS = "constrains"
    OPPOSES = "opposes"
    CONTROLS = "controls"
    CLAIMS = "claims"

    @property
    def rel_type(self) -> str:
        """The Neo4j relationship type (fixed allow-list, never user text)."""
        return self.value.upper()

    @property
    def symmetric(self) -> bool:
        """Whether `a type b` means the same as `b type a`."""
        return self in _SYMMETRIC

    @property
    def description(self) -> str:
        return _TYPE_DESCRIPTIONS[self]

    @property
    def role(self) -> LinkRole:
        """What the type does in analysis: channel, structural or adversarial."""
        return _ROLES[self]


_SYMMETRIC = frozenset({LinkType.NEGOTIATES_WITH, LinkType.ALLIED_WITH, LinkType.ECONOMIC_TIE})

_ROLES = {
    LinkType.NEGOTIATES_WITH: LinkRole.CHANNEL,
    LinkType.ENVOY_OF: LinkRole.STRUCTURAL,
    LinkType.MEMBER_OF: LinkRole.STRUCTURAL,
    LinkType.LEADS: LinkRole.STRUCTURAL,
    LinkType.ALLIED_WITH: LinkRole.CHANNEL,
    LinkType.SUPPORTS: LinkRole.CHANNEL,
    LinkType.ECONOMIC_TIE: LinkRole.CHANNEL,
    LinkType.PROPOSES: LinkRole.CHANNEL,
    LinkType.CONCERNS: LinkRole.CHANNEL,
    LinkType.INFLUENCES: LinkRole.CHANNEL,
    LinkType.CONSTRAINS: LinkRole.CHANNEL,
    LinkType.OPPOSES: LinkRole.ADVERSARIAL,
    LinkType.CONTROLS: LinkRole.CHANNEL,
    LinkType.CLAIMS: LinkRole.ADVERSARIAL,
}

_TYPE_DESCRIPTIONS = {
    LinkType.NEGOTIATES_WITH: "the two sides meet or talk (a channel)",
    LinkType.ENVOY_OF: "source acts on target's behalf",
    LinkType.MEMBER_OF: "source is part of target (an official of a state, a clause of a plan)",
    LinkType.LEADS: "source heads target",
    LinkType.ALLIED_WITH: "a standing alliance or declared alignment",
    LinkType.SUPPORTS: "source backs target politically",
    LinkType.ECONOMIC_TIE: "money, trade or business ties",
    LinkType.PROPOSES: "source authors or tables target (a plan, a deal)",
    LinkType.CONCERNS: "a document or proposal that disposes of or addresses target",
    LinkType.INFLUENCES: "source can move target's decisions",
    LinkType.CONSTRAINS: "source limits what target can do",
    LinkType.OPPOSES: "source works against target",
    LinkType.CONTROLS: "source holds or administers target",
    LinkType.CLAIMS: "source asserts a right to target",
}


class Measure(StrEnum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    CLOSENESS = "closeness"
    PAGERANK = "pagerank"
    EIGENVECTOR = "eigenvector"

    @property
    def method(self) -> str:
        """One line saying exactly what is computed, shown beside every result."""
        return _METHODS[self]


_METHODS = {
    Measure.DEGREE: "weighted degree: sum of the actor's tie weights / (n - 1)",
    Measure.BETWEENNESS: (
        "betweenness: share of strongest chains between other actors that pass through the "
        "actor, normalised by (n - 1)(n - 2) / 2; equally strong chains (within 1e-9 in -ln "
        "strength) split the count"
    ),
    Measure.CLOSENESS: (
        "closeness: mean over every other actor of the strength of the strongest chain to it "
        "(product of tie weights; 0 if unreachable), in [0, 1]"
    ),
    Measure.PAGERANK: "PageRank (damping 0.85) on the undirected graph, ties weighted by weight",
    Measure.EIGENVECTOR: (
        "eigenvector centrality of the weighted adjacency matrix (leading eigenvector of the "
        "largest connected component; actors outside it score 0)"
    ),
}


class BulkFormat(StrEnum):
    """The bulk file formats for large datasets (docs/data-format.md, "Bulk files")."""

    CSV = "csv"
    JSONL = "jsonl"
