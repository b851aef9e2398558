"""Properties of the Neo4j side door, over drawn datasets (tests/strategies.py).

The records a load writes read back as the same Dataset through the validator, and a load is
idempotent: planning a load against what the last one wrote plans nothing. The first two
properties run without a server; the last writes to the test database and reads it back.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from scenarios.model import Dataset
from scenarios.store.loadplan import plan
from scenarios.store.records import decode, encode, encode_lazily
from scenarios.store.store import Store
from tests.strategies import datasets


@given(datasets())
def test_a_dataset_round_trips_through_its_records(ds: Dataset) -> None:
    assert decode(encode(ds), "neo4j") == ds


@given(datasets())
def test_planning_against_the_records_a_load_writes_plans_nothing(ds: Dataset) -> None:
    assert plan(encode_lazily(ds), encode(ds)).steps == ()


@pytest.mark.db
@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ds=datasets())
def test_a_load_reads_back_as_written_and_a_reload_plans_nothing(store: Store, ds: Dataset) -> None:
    store.load(ds, prune=True)  # prune: what an earlier example loaded goes
    held = store.read_records()
    assert plan(encode_lazily(ds), held, prune=True).steps == ()
    assert decode(held, "neo4j") == ds
    assert not store.load(ds, prune=True).changed
