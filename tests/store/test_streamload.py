"""A load into Neo4j holds one batch of rows at a time, not the dataset's worth (real server)."""

from __future__ import annotations

import tracemalloc

import pytest

from scenarios.dataset import synth
from scenarios.dataset.loader import load_dataset
from scenarios.files import write_all
from scenarios.model import Dataset
from scenarios.store import loadplan, records
from scenarios.store.records import Section
from scenarios.store.store import Store
from scenarios.vocab import BulkFormat

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    directory = tmp_path_factory.mktemp("synth")
    generated = synth.generate(synth.SynthSpec(actors=600, links=3000, scenarios=1, seed=3))
    write_all(synth.files(generated, directory, BulkFormat.CSV))
    return load_dataset(directory)


def _traced_peak(work: object) -> int:
    tracemalloc.start()
    try:
        assert callable(work)
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_follows_the_batch_not_the_dataset(store: Store, synthetic: Dataset) -> None:
    """What encoding every row up front costs, against a whole streamed load of 3,000 links."""

    def eager() -> None:
        desired = records.encode(synthetic)
        plan = loadplan.plan(desired, records.GraphRecords(), batch_size=100)
        assert len([step.params for step in plan.steps]) == len(plan.steps)

    written: dict[Section, int] = {}

    def streamed() -> None:
        store.load(
            synthetic,
            batch_size=100,
            tally=lambda section, rows: written.update({section: written.get(section, 0) + rows}),
        )

    up_front, loading = _traced_peak(eager), _traced_peak(streamed)
    assert written[Section.LINKS] == len(synthetic.links)
    assert written.get(Section.SCENARIO_LINKS, 0) == sum(len(s.adds) for s in synthetic.scenarios)
    assert written[Section.ACTORS] == len(synthetic.actors)
    # the rows of every batch but one are freed once sent (the driver keeps each statement's
    # parameters until the commit); planning keeps keys only
    assert loading < up_front / 2, (loading, up_front)
    with Store(store.conn) as again:
        assert len(again.read_dataset().links) == len(synthetic.links)
