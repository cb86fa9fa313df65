"""Resource limits from Python: the same limits as the parley program's --max-* options
(docs/reliability.md), read and set process-wide."""

import pytest

import parley
from conftest import GENIUS


@pytest.fixture
def restore_limits():
    before = parley.resource_limits()
    yield
    parley.set_resource_limits(before)


def test_defaults_are_the_documented_ones():
    # docs/reliability.md, "Resource limits": 50,000,000 outcomes, 1024 MiB, 10,000 issues,
    # 2^24 tabulated values, 100 levels of nesting.
    limits = parley.ResourceLimits()
    assert (limits.max_outcomes, limits.max_cache_bytes, limits.max_issues, limits.max_tabulated_values,
            limits.max_depth) == (50_000_000, 1024 * 2**20, 10_000, 2**24, 100)
    assert parley.resource_limits() == limits


def test_an_issue_limit_refuses_larger_scenarios_and_restoring_it_reads_them(restore_limits):
    # Car B has 6 issues (scenarios/genius/CarB).
    previous = parley.set_resource_limits(max_issues=5)
    assert previous == parley.ResourceLimits()
    assert parley.resource_limits().max_issues == 5
    assert parley.resource_limits().max_outcomes == previous.max_outcomes  # the others are kept
    with pytest.raises(parley.InputError, match="limit of 5 issues"):
        parley.load_scenario(GENIUS / "CarB")
    parley.set_resource_limits(max_issues=6)
    assert parley.load_scenario(GENIUS / "CarB").space.issue_count == 6


def test_an_outcome_limit_makes_the_analysis_use_another_method(restore_limits):
    # Car B has 5^6 = 15,625 outcomes: enumerated under the default limit, not under 1,000. A
    # scenario's analysis is kept once made, so each is of a scenario loaded afresh.
    assert "not enumerated" not in parley.analyze(parley.load_scenario(GENIUS / "CarB")).frontier_method
    parley.set_resource_limits(max_outcomes=1000)
    method = parley.analyze(parley.load_scenario(GENIUS / "CarB")).frontier_method
    assert "not enumerated" in method and "1,000 outcomes" in method


def test_a_whole_limits_object_can_be_set(restore_limits):
    limits = parley.ResourceLimits()
    limits.max_depth = 7
    limits.max_tabulated_values = 0  # allowed: every issue is evaluated from its function
    parley.set_resource_limits(limits)
    assert parley.resource_limits() == limits


def test_a_zero_limit_is_refused_and_changes_nothing(restore_limits):
    before = parley.resource_limits()
    with pytest.raises(parley.UsageError, match="max_depth must be at least 1"):
        parley.set_resource_limits(max_depth=0)
    zero = parley.ResourceLimits()
    zero.max_outcomes = 0
    with pytest.raises(parley.UsageError, match="max_outcomes must be at least 1"):
        parley.set_resource_limits(zero)
    assert parley.resource_limits() == before
