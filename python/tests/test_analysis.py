"""The analysis as numpy arrays, checked against brute force over every outcome."""

import numpy as np
import pytest

import parley


def brute_force_frontier(utilities: np.ndarray) -> set:
    """Rows of `utilities` (outcomes x parties) that no other row dominates."""
    frontier = set()
    for i, u in enumerate(utilities):
        dominated = np.any(np.all(utilities >= u, axis=1) & np.any(utilities > u, axis=1))
        if not dominated:
            frontier.add(i)
    return frontier


@pytest.mark.parametrize("fixture", ["integer_domain", "dinner"])
def test_frontier_is_exactly_the_non_dominated_outcomes(fixture, request):
    scenario = request.getfixturevalue(fixture)
    analysis = parley.analyze(scenario)
    utilities = scenario.utility_matrix()
    expected = brute_force_frontier(utilities)
    assert isinstance(analysis.frontier, np.ndarray)
    assert analysis.frontier.shape == (len(expected), scenario.party_count)
    indices = {scenario.space.index(row) for row in analysis.frontier_outcomes}
    assert indices == expected
    for row, outcome in zip(analysis.frontier, analysis.frontier_outcomes):
        assert np.allclose(row, scenario.utilities(outcome))


def test_nash_point_maximises_the_product_of_gains(integer_domain):
    analysis = parley.analyze(integer_domain)
    utilities = integer_domain.utility_matrix()
    reservation = np.array([p.reservation_value for p in integer_domain.profiles])
    gains = utilities - reservation
    in_zone = np.all(gains > 0, axis=1)
    assert analysis.zone.size == int(in_zone.sum())
    best = np.max(np.prod(gains[in_zone], axis=1))
    nash = analysis.nash
    assert np.prod(np.array(nash.utilities) - reservation) == pytest.approx(best)
    assert integer_domain.utilities(nash.outcome) == pytest.approx(nash.utilities)
    assert analysis.ideal_point == pytest.approx(list(utilities.max(axis=0)))


def test_measure_of_the_nash_point(integer_domain):
    analysis = parley.analyze(integer_domain)
    metrics = analysis.measure(analysis.nash.outcome)
    assert metrics["agreement"] is True
    assert metrics["pareto_optimal"] is True
    assert metrics["distance_to_nash"] == pytest.approx(0.0)
    assert metrics["social_welfare"] == pytest.approx(sum(analysis.nash.utilities))
    none = analysis.measure(None)
    assert none["agreement"] is False


def test_frontier_without_enumeration_equals_the_enumerated_one(car_b):
    # Below the enumeration limit the frontier is computed issue by issue (exact for linear
    # additive profiles): the same outcomes as enumerating, compared the same way (GENIUS's rule).
    enumerated = parley.analyze(car_b)
    by_issue = parley.analyze(car_b, enumeration_limit=10)
    assert by_issue.frontier_method != enumerated.frontier_method
    assert by_issue.frontier_exact
    assert by_issue.frontier_comparison == enumerated.frontier_comparison == "exact"
    assert np.array_equal(by_issue.frontier, enumerated.frontier)
    assert np.array_equal(by_issue.frontier_outcomes, enumerated.frontier_outcomes)


def test_frontier_counts_bids_as_genius_does(car_b):
    # CarB has ANAC 2012 CarA's utilities, on which GENIUS 9.1.10's BidSpace finds 73 bids and 53
    # distinct utility pairs; so does the brute force above, comparing the same doubles.
    analysis = parley.analyze(car_b)
    assert analysis.frontier_comparison == "exact"
    assert len(analysis.frontier) == 73
    assert analysis.distinct_utility_vectors == 53
    expected = brute_force_frontier(car_b.utility_matrix())
    assert len(expected) == 73
    assert {car_b.space.index(row) for row in analysis.frontier_outcomes} == expected
