"""scenarios.export.cypher: a standalone script that recreates exactly what `load` writes."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import neo4j
import pytest

from scenarios.export.cypher import bind, literal, to_cypher_script
from scenarios.model import Dataset, Evidence
from scenarios.store import queries
from scenarios.store.store import Store

NASTY = 'O\'Brien "x" \\ }) MATCH (n) DETACH DELETE n // ; $rows\n\t\u2028end'


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (0.1, "0.1"),
        (1e-05, "1e-05"),
        ("it's", "'it\\'s'"),
        ('a "b" \\ c', "'a \"b\" \\\\ c'"),
        ("line\nbreak\ttab", "'line\\nbreak\\ttab'"),
        ("\x01\u2028", "'\\u0001\\u2028'"),
        ("日本", "'日本'"),
        (date(2025, 12, 7), "date('2025-12-07')"),
        ([1, "a"], "[1, 'a']"),
        ({"a": 1, "b c": [True]}, "{a: 1, `b c`: [true]}"),
    ],
)
def test_literals_are_escaped(value: object, text: str) -> None:
    assert literal(value) == text


def test_literals_read_back_as_the_same_value() -> None:
    for value in (NASTY, [NASTY, 0.25, None], {"k": NASTY}):
        assert queries.parse_literal(literal(value)) == value


def test_non_finite_numbers_have_no_literal() -> None:
    with pytest.raises(ValueError):
        literal(float("nan"))


def test_bind_fills_every_parameter() -> None:
    assert bind("UNWIND $rows AS row RETURN row, $marker", {"rows": [1], "marker": "m"}) == (
        "UNWIND [1] AS row RETURN row, 'm'"
    )
    with pytest.raises(ValueError, match=r"\$rows"):
        bind("UNWIND $rows AS row RETURN row", {})


def test_the_script_is_constraints_then_data_with_no_parameters_left(seed: Dataset) -> None:
    script = to_cypher_script(seed)
    statements = queries.split_statements(script)
    assert statements[0].startswith("CREATE CONSTRAINT scenarios_actor_id IF NOT EXISTS")
    assert all(s.startswith(("CREATE CONSTRAINT", "UNWIND [")) for s in statements)
    assert not any(queries.parse("s", s).parameters for s in statements)
    assert not any("{{" in code for s in statements for code in queries._code_only(s))


def run_retrying(session: neo4j.Session, statement: str) -> None:
    """Run one auto-commit statement; retry the transient conflicts ArcadeDB reports between
    back-to-back transactions on the same records (the script is all MERGEs, so safe to rerun)."""
    for attempt in range(10):
        try:
            session.run(statement).consume()
            return
        except neo4j.exceptions.TransientError:
            if attempt == 9:
                raise
            time.sleep(0.1)


@pytest.mark.db
def test_the_script_recreates_what_load_writes(store: Store, seed: Dataset) -> None:
    ugly_evidence = (*seed.links[0].evidence, Evidence(NASTY, cites=NASTY))
    dataset = replace(
        seed,
        links=(replace(seed.links[0], note=NASTY, evidence=ugly_evidence), *seed.links[1:]),
    )
    script = to_cypher_script(dataset, batch_size=25)
    with store.driver.session(database=store.conn.database) as session:
        for statement in queries.split_statements(script):  # one by one, as cypher-shell -f
            run_retrying(session, statement)
    assert store.read_dataset() == dataset
    again = store.load(dataset)  # `scenarios load` finds exactly its own graph: nothing to do
    assert not again.changed and again.statements == 0
