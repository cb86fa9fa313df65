"""The mediator's assistant over sampled worlds from Python: the report of `parley mediate --samples N
--json` with each world's answers as arrays, the same for a seed whatever the threads."""

import numpy as np
import pytest

import parley

SAMPLES = 300


@pytest.fixture(scope="module")
def ceasefire():
    return parley.UncertainScenario("ceasefire-2024")


@pytest.fixture(scope="module")
def report(ceasefire):
    return parley.mediate_under_uncertainty(ceasefire, samples=SAMPLES, seed=7, threads=1)


def subjects(result):
    return result["tracks"] + ([result["joint"]] if result["joint"] else [])


def assert_same(first, second):
    assert first.keys() == second.keys()
    for key in first:
        if isinstance(first[key], np.ndarray):
            assert np.array_equal(first[key], second[key]), key
        elif isinstance(first[key], dict):
            assert_same(first[key], second[key])
        elif isinstance(first[key], list) and first[key] and isinstance(first[key][0], dict):
            for a, b in zip(first[key], second[key], strict=True):
                assert_same(a, b)
        else:
            assert first[key] == second[key], key


def test_the_same_seed_gives_the_same_report_on_one_and_two_threads(ceasefire, report):
    assert_same(report, parley.mediate_under_uncertainty(ceasefire, samples=SAMPLES, seed=7, threads=2))
    assert_same(report, parley.mediate_under_uncertainty("ceasefire-2024", samples=SAMPLES, seed=7))
    other = parley.mediate_under_uncertainty(ceasefire, samples=SAMPLES, seed=8, threads=1)
    assert not np.array_equal(other["values"], report["values"])


def test_arrays_have_one_row_per_moment_and_one_column_per_world(ceasefire, report):
    assert report["values"].shape == (SAMPLES, ceasefire.dimension)
    # The numbers of world j are sample j of the scenario's, as UncertainScenario draws them.
    assert np.array_equal(report["values"], ceasefire.sample_values(seed=7, n=SAMPLES))
    assert len(subjects(report)) == 3  # two tracks and the joint package
    for subject in subjects(report):
        shape = (len(subject["moments"]), SAMPLES)
        for name, dtype in (("zone_exists", np.bool_), ("recommended_accepted", np.bool_),
                            ("zone_size", np.uint32), ("stumbling_block", np.int32)):
            assert subject[name].shape == shape, name
            assert subject[name].dtype == dtype, name


def test_shares_in_the_arrays_are_the_summary_shares(report):
    for subject in subjects(report):
        for m, moment in enumerate(subject["moments"]):
            # Counted here from the arrays, then compared with the summaries the report computed.
            assert np.count_nonzero(subject["zone_exists"][m]) / SAMPLES == pytest.approx(
                moment["zone"]["probability"], abs=1e-15)
            assert np.all((subject["zone_size"][m] > 0) == subject["zone_exists"][m])
            assert subject["zone_size"][m].mean() / subject["packages"] == pytest.approx(
                moment["zone_fraction"]["mean"], rel=1e-12)
            for i, issue in enumerate(subject["issues"] + ["none"]):
                code = i if issue != "none" else -1
                share = np.count_nonzero(subject["stumbling_block"][m] == code) / SAMPLES
                assert share == pytest.approx(moment["stumbling_blocks"][issue], abs=1e-15), issue
            if moment["estimate_best"]:
                assert np.count_nonzero(subject["recommended_accepted"][m]) / SAMPLES == pytest.approx(
                    moment["estimate_best"][0]["acceptance"], abs=1e-15)
            else:
                assert not subject["recommended_accepted"][m].any()


def test_the_report_has_the_content_of_the_command_line_json(report):
    assert list(report) == ["scenario", "samples", "seed", "evaluations", "numbers", "estimate", "tracks", "joint",
                            "sensitivity", "notes", "values"]
    assert report["samples"] == SAMPLES and report["seed"] == 7 and report["evaluations"] == SAMPLES
    assert report["estimate"]["top"] == 5
    assert report["sensitivity"] == []


def test_sobol_indices_of_the_zone(ceasefire):
    result = parley.mediate_under_uncertainty(ceasefire, samples=64, sobol=True, sobol_times=[0.6], bootstrap=20,
                                              sobol_errors="clt")
    assert result["evaluations"] == 64 * (ceasefire.dimension + 2)
    assert {output["time"] for output in result["sensitivity"]} == {0.6}
    for output in result["sensitivity"]:
        assert len(output["indices"]) == ceasefire.dimension


@pytest.mark.parametrize("arguments, message", [
    ({"samples": 0}, "the number of sampled worlds must be at least 1"),
    ({"samples": 10, "sobol": True, "sobol_errors": "exact"}, "sobol_errors 'exact': expected bootstrap or clt"),
    ({"samples": 10, "sobol_times": [0.5]}, "sobol_times: only with sobol=True"),
    ({"samples": 1, "sobol": True}, "Sobol indices need at least 2 sampled worlds, found 1"),
    ({"samples": 10, "sobol": True, "sobol_times": [0.3]},
     "Sobol indices at t = 0.3: not an answer time (the answer times are 0, 0.25, 0.5, 0.59, 0.6, 1)"),
])
def test_bad_arguments_are_refused_with_their_messages(ceasefire, arguments, message):
    with pytest.raises(parley.UsageError) as error:
        parley.mediate_under_uncertainty(ceasefire, **arguments)
    assert str(error.value) == message


def test_a_scenario_without_uncertain_numbers_is_refused():
    with pytest.raises(parley.UsageError) as error:
        parley.mediate_under_uncertainty("ceasefire-2024#rafah", samples=10)
    assert str(error.value) == "the scenario has no uncertain numbers (docs/uncertainty.md says how to give ranges)"
