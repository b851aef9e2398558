"""The vocabularies: every link type has its documented role in analysis."""

from __future__ import annotations

from pathlib import Path

from scenarios.vocab import ActorKind, LinkRole, LinkType


def test_every_link_type_has_a_role() -> None:
    roles = {t: t.role for t in LinkType}
    assert {t for t, r in roles.items() if r is LinkRole.STRUCTURAL} == {
        LinkType.LEADS,
        LinkType.MEMBER_OF,
        LinkType.ENVOY_OF,
    }
    assert {t for t, r in roles.items() if r is LinkRole.ADVERSARIAL} == {
        LinkType.OPPOSES,
        LinkType.CLAIMS,
    }
    assert all(isinstance(r, LinkRole) for r in roles.values())


def test_sides_are_states_and_blocs_with_their_people() -> None:
    assert {k for k in ActorKind if k.heads_side} == {ActorKind.STATE, ActorKind.BLOC}
    assert {k for k in ActorKind if k.joins_side} == {
        ActorKind.LEADER,
        ActorKind.ENVOY,
        ActorKind.OFFICIAL,
    }


def test_the_data_format_documents_every_role() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "data-format.md").read_text(encoding="utf-8")
    for link_type in LinkType:
        assert f"| `{link_type.value}` | {link_type.role.value} |" in docs, link_type
