"""Shared options: a bundle parameter shows typer its options in place, and arrives as one.

No `from __future__ import annotations`: like the commands, the test's annotations are objects.
"""

import inspect

import pytest

from scenarios.cli.options import (
    Evidence,
    GraphSource,
    JsonOption,
    Neo4j,
    Source,
    SourcedEvidence,
    Uncertainty,
    expand_bundles,
)
from scenarios.errors import UsageError


def command(
    scenario: str,
    uncertainty: Uncertainty = Uncertainty(),
    json_out: JsonOption = False,
    graph: GraphSource = GraphSource(),
) -> None:
    """A command with two bundles."""
    received.append((scenario, uncertainty, json_out, graph))


received: list[tuple[str, Uncertainty, bool, GraphSource]] = []


def test_bundles_expand_in_place_and_arrive_as_objects() -> None:
    expanded = expand_bundles(command)
    names = list(inspect.signature(expanded).parameters)
    assert names == [
        "scenario",
        "uncertainty_uncertain",
        "uncertainty_samples",
        "uncertainty_seed",
        "json_out",
        "graph_source",
        "graph_uri",
        "graph_user",
        "graph_password",
        "graph_database",
    ]
    assert expanded.__annotations__["graph_uri"] == GraphSource.options()["uri"]
    assert expanded.__doc__ == command.__doc__ and expanded.__name__ == "command"
    defaults = {name: p.default for name, p in inspect.signature(expanded).parameters.items()}
    expanded(**{**defaults, "scenario": "g2", "graph_uri": "bolt://h:7687", "uncertainty_seed": 3})
    scenario, uncertainty, json_out, graph = received.pop()
    assert (scenario, json_out, uncertainty.seed, graph.source) == ("g2", False, 3, Source.FILES)
    assert graph.neo4j.uri == "bolt://h:7687" and isinstance(graph.neo4j, Neo4j)


def test_a_command_without_bundles_is_left_as_it_is() -> None:
    def plain(json_out: JsonOption = False) -> None:
        """No bundle."""

    assert expand_bundles(plain) is plain


def test_samples_and_seed_need_uncertain() -> None:
    assert Uncertainty(uncertain=True, seed=5).seed_value() == 5
    assert Uncertainty().seed_value() == 0
    with pytest.raises(UsageError, match="--samples and --seed apply with --uncertain"):
        Uncertainty(samples=500).seed_value()


def test_a_bundle_that_extends_another_lists_its_options_after_the_others() -> None:
    assert list(Evidence.options()) == ["as_of", "known_by", "data"]
    assert list(SourcedEvidence.options()) == ["as_of", "known_by", "data", "sourced_only"]
    got: list[SourcedEvidence] = []

    def analysis(
        evidence: SourcedEvidence = SourcedEvidence(), json_out: JsonOption = False
    ) -> None:
        """--sourced-only where it stood before the bundle took it in: after --data."""
        got.append(evidence)

    expanded = expand_bundles(analysis)
    names = list(inspect.signature(expanded).parameters)
    assert names == [*(f"evidence_{name}" for name in SourcedEvidence.options()), "json_out"]
    defaults = {name: p.default for name, p in inspect.signature(expanded).parameters.items()}
    assert defaults["evidence_sourced_only"] is False
    expanded(**{**defaults, "evidence_sourced_only": True, "evidence_as_of": "2025-11-30"})
    [evidence] = got
    assert isinstance(evidence, SourcedEvidence)
    assert (evidence.sourced_only, evidence.as_of, evidence.data) == (True, "2025-11-30", None)
