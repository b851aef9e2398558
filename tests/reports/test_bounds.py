"""The analysis names its own parameters; the reports say its bounds with the options' names."""

from __future__ import annotations

import pytest

from scenarios.analysis import reliability, whatif
from scenarios.errors import ExitCode, OutOfBounds, UsageError
from scenarios.model import Dataset
from scenarios.reports.common import bounds_as_options
from scenarios.reports.timeline import timeline_report
from scenarios.reports.uncertain import uncertain_report
from scenarios.reports.whatif import sweep_report, whatif_report


def test_sample_count_out_of_bounds_is_a_usage_error(seed: Dataset) -> None:
    with pytest.raises(
        UsageError, match="--samples must be between 100 and 1,000,000, not 99"
    ) as info:
        uncertain_report(seed, "new-yalta", samples=99)
    assert info.value.hint == "the default 10,000 gives intervals about ±1 percentage point"
    assert info.value.exit_code == ExitCode.USAGE
    with pytest.raises(UsageError, match="--samples must be between 100 and 1,000,000, not 0"):
        timeline_report(seed, "new-yalta", uncertain=True, samples=0)


def test_work_bound_names_the_option(seed: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reliability, "MAX_WORK", 100 * 150)
    with pytest.raises(UsageError) as info:
        whatif_report(seed, "new-yalta", cuts=["trump~us"], uncertain=True, samples=200)
    message = info.value.message
    assert message.startswith("--samples 200 is too much work for a graph this size (at most ")
    most = message.split("at most ")[1].split(" here")[0]
    assert (
        info.value.hint == f"use --samples {most} or fewer; intervals shrink with the square root"
    )


def test_negative_seed_is_a_usage_error(seed: Dataset) -> None:
    with pytest.raises(UsageError, match="--seed must be 0 or more, not -1") as info:
        uncertain_report(seed, "new-yalta", samples=100, seed=-1)
    assert info.value.hint == "e.g. --seed 7"


def test_k_bounds_name_the_option(seed: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="--k must be 1 or 2, not 3") as info:
        sweep_report(seed, "new-yalta", k=3)
    assert info.value.hint == "sweep single cuts or pairs"
    monkeypatch.setattr(whatif, "MAX_PAIR_CANDIDATES", 1)
    with pytest.raises(
        UsageError, match=r"--k 2 would try \d+ first cuts, more than the 1 "
    ) as info:
        sweep_report(seed, "new-yalta", k=2)
    assert info.value.hint == (
        "fix one cut and sweep the rest (--cut A~B --sweep), or use fewer key actors"
    )


def test_other_errors_pass_through() -> None:
    with pytest.raises(UsageError, match="unrelated"), bounds_as_options():
        raise UsageError("unrelated")
    assert issubclass(OutOfBounds, Exception) and not issubclass(OutOfBounds, UsageError)
