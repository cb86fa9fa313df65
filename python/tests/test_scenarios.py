"""Loading scenarios and inspecting issues, values, profiles and utilities."""

import itertools
import math

import numpy as np
import pytest

import parley


def test_genius_folder_is_read_with_its_issues_and_parties(car_b):
    assert car_b.party_count == 2
    assert len(car_b.parties) == 2
    space = car_b.space
    assert space.issue_count == 6
    assert space.enumerable
    expected = math.prod(issue.cardinality for issue in space.issues)
    assert space.cardinality == expected == 15625
    for issue in space.issues:
        assert issue.kind == "discrete"
        assert len(issue.values) == issue.cardinality


def test_linear_additive_utility_equals_weighted_sum_of_value_utilities(car_b):
    # The utility of an outcome computed here from the profile's weights and per-value utilities.
    for profile in car_b.profiles:
        assert profile.kind == "linear-additive"
        weights = profile.weights  # as written in the GENIUS file, as GENIUS uses them
        assert sum(weights) == pytest.approx(1.0)
        tables = [profile.value_utilities(i) for i in range(car_b.space.issue_count)]
        for index in (0, 1, 777, 15624):
            outcome = car_b.space.outcome(index)
            expected = min(1.0, sum(w * table[v] for w, table, v in zip(weights, tables, outcome)))
            assert profile.utility(outcome) == pytest.approx(expected, abs=1e-12)


def test_utilities_array_matches_one_outcome_at_a_time(integer_domain):
    space = integer_domain.space
    for profile in integer_domain.profiles:
        table = profile.utilities()
        assert isinstance(table, np.ndarray) and table.shape == (121,)
        for index in range(space.cardinality):
            assert table[index] == profile.utility(space.outcome(index))
    matrix = integer_domain.utility_matrix()
    assert matrix.shape == (121, 2)
    assert np.array_equal(matrix[:, 1], integer_domain.profile(1).utilities())


def test_outcome_enumeration_is_mixed_radix_with_the_last_issue_fastest(integer_domain):
    space = integer_domain.space
    lows = [int(issue.lower) for issue in space.issues]
    sizes = [issue.cardinality for issue in space.issues]
    expected = [tuple(low + v for low, v in zip(lows, combo))
                for combo in itertools.product(*(range(n) for n in sizes))]
    outcomes = space.outcomes()
    assert outcomes.shape == (121, 2)
    assert [tuple(int(x) for x in row) for row in outcomes] == expected
    for index in (0, 5, 120):
        assert space.outcome(index) == expected[index]
        assert space.index(expected[index]) == index


def test_outcomes_may_be_written_with_value_names_or_as_a_dict(car_b):
    space = car_b.space
    outcome = space.outcome(1234)
    by_name = [issue.values[v] for issue, v in zip(space.issues, outcome)]
    as_dict = dict(zip((issue.name for issue in space.issues), by_name))
    profile = car_b.profile(0)
    assert profile.utility(by_name) == profile.utility(outcome) == profile.utility(as_dict)
    assert space.values(outcome) == as_dict
    assert space.format(outcome) == ", ".join(f"{k}={v}" for k, v in as_dict.items())


def test_profile_by_name_and_with_parties(dinner):
    assert dinner.party_count == 3
    last = dinner.parties[2]
    assert dinner.profile(last).name == last
    pair = dinner.with_parties([dinner.parties[2], dinner.parties[0]])
    assert pair.parties == [dinner.parties[2], dinner.parties[0]]


def test_parley_json_round_trip_keeps_every_utility(car_b, tmp_path):
    path = tmp_path / "car.json"
    car_b.save(path, "parley-json")
    again = parley.load_scenario(path)
    assert again.parties == car_b.parties
    assert np.array_equal(again.utility_matrix(), car_b.utility_matrix())


def test_builtin_track_loads_by_name():
    assert "ceasefire-2024" in parley.builtin_scenarios()
    rafah = parley.load_scenario("ceasefire-2024#rafah")
    assert rafah.party_count == 2


def test_errors_are_python_exceptions_with_the_message(car_b, tmp_path):
    with pytest.raises(parley.InputError, match="no such file"):
        parley.load_scenario(tmp_path / "missing")
    with pytest.raises(parley.InputError, match="multi-track"):
        parley.load_scenario("ceasefire-2024")
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    with pytest.raises(parley.InputError, match="broken.json"):
        parley.load_scenario(broken)
    with pytest.raises(parley.UsageError, match="has 6 values"):
        car_b.profile(0).utility((0, 0))
    with pytest.raises(ValueError, match="has no party 'nobody'"):
        car_b.profile("nobody")
    with pytest.raises(parley.UsageError, match="out of range"):
        car_b.space.outcome(15625)
    assert not car_b.space.is_valid((99, 0, 0, 0, 0, 0))
    assert car_b.space.is_valid(car_b.space.outcome(3))
    assert issubclass(parley.InputError, parley.Error) and issubclass(parley.UsageError, parley.Error)


def test_too_large_tables_are_refused(tmp_path):
    from conftest import GENIUS
    big = parley.load_scenario(GENIUS / "10issues")
    with pytest.raises(parley.UsageError, match="too many"):
        big.profile(0).utilities()
