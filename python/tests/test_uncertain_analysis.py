"""The analysis over sampled worlds from Python: the report of `parley analyze --samples N --json` with
each world's answers as arrays."""

import numpy as np
import pytest

import parley

SAMPLES = 120
SOLUTIONS = ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]


@pytest.fixture(scope="module")
def report():
    return parley.analyze_under_uncertainty("ceasefire-2024", samples=SAMPLES, seed=3, threads=1)


def test_the_same_seed_gives_the_same_arrays_on_one_and_two_threads(report):
    again = parley.analyze_under_uncertainty(parley.UncertainScenario("ceasefire-2024"), samples=SAMPLES, seed=3,
                                             threads=2)
    assert np.array_equal(again["values"], report["values"])
    for mine, theirs in zip(report["tracks"], again["tracks"], strict=True):
        assert np.array_equal(mine["zone_sizes"], theirs["zone_sizes"])
        for name in SOLUTIONS:
            assert np.array_equal(mine["solutions"][name]["world_utilities"],
                                  theirs["solutions"][name]["world_utilities"], equal_nan=True)
            assert mine["solutions"][name]["frequent"] == theirs["solutions"][name]["frequent"]


def test_arrays_have_one_entry_per_world_and_give_the_summaries(report):
    assert report["values"].shape == (SAMPLES, len(report["numbers"]))
    for track in report["tracks"]:
        parties = len(track["parties"])
        assert track["zone_exists"].shape == (SAMPLES,) and track["zone_exists"].dtype == np.bool_
        assert np.count_nonzero(track["zone_exists"]) / SAMPLES == pytest.approx(track["zone"]["probability"],
                                                                                abs=1e-15)
        assert track["zone_sizes"].mean() == pytest.approx(track["zone_size"]["mean"], rel=1e-12)
        assert np.quantile(track["frontier_sizes"], 0.95) == pytest.approx(track["frontier_size"]["q95"], rel=1e-12)
        for name in SOLUTIONS:
            solution = track["solutions"][name]
            assert solution["world_utilities"].shape == (SAMPLES, parties)
            assert np.count_nonzero(solution["matches"]) / SAMPLES == pytest.approx(solution["same_as_estimate"],
                                                                                   abs=1e-15)
            assert np.count_nonzero(solution["accepted"]) / SAMPLES == pytest.approx(solution["acceptance"],
                                                                                    abs=1e-15)
            has = ~np.isnan(solution["world_utilities"][:, 0])
            assert np.count_nonzero(~has) / SAMPLES == pytest.approx(solution["none"], abs=1e-15)
            for p, party in enumerate(track["parties"]):
                assert solution["world_utilities"][has, p].mean() == pytest.approx(
                    solution["utilities"][party]["mean"], rel=1e-12)


def test_bad_arguments_are_refused_with_their_messages():
    with pytest.raises(parley.UsageError) as error:
        parley.analyze_under_uncertainty("ceasefire-2024", samples=0)
    assert str(error.value) == "the number of sampled worlds must be at least 1"
    with pytest.raises(parley.UsageError) as error:
        parley.analyze_under_uncertainty("ceasefire-2024#rafah", samples=5)
    assert str(error.value) == "the scenario has no uncertain numbers (docs/uncertainty.md says how to give ranges)"
