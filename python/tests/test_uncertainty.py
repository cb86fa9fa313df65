"""Scenarios with uncertain numbers: the numbers, their values at unit points, sampled values."""

import math
import statistics

import pytest

import parley

LINKED = """{
  "format": "parley-multi-track", "name": "linked",
  "variables": {"start": {"uniform": [0.4, 0.8], "estimate": 0.6}},
  "parties": [{"name": "P", "weights": {"t": {"triangular": [0.5, 1, 1.5]}}}, {"name": "Q", "weights": {"t": 1}}],
  "events": [{"name": "go", "time": {"variable": "start"}, "ends": ["t"]}],
  "tracks": [{"name": "t", "participants": ["P", "Q"], "scenario": {
    "format": "parley-scenario", "name": "t", "issues": [{"name": "i", "values": ["a", "b"]}],
    "parties": [
      {"name": "P", "reservation_value": {"normal": {"mean": 0.3, "sd": 0.1}},
       "utility": {"type": "linear-additive", "weights": {"i": 1}, "values": {"i": {"a": 1, "b": 0}}}},
      {"name": "Q", "utility": {"type": "linear-additive", "weights": {"i": 1}, "values": {"i": {"a": 0, "b": 1}}}}]}}]
}"""


@pytest.fixture(scope="module")
def linked():
    return parley.UncertainScenario.from_text(LINKED, "linked.json")


def test_numbers_in_document_order(linked):
    assert linked.dimension == 3
    names = [number["name"] for number in linked.numbers]
    assert names == ["start", "P/weights/t", "t/P/reservation_value"]
    start = linked.numbers[0]
    assert start["variable"] and start["shape"] == "uniform" and start["estimate"] == 0.6
    assert start["places"] == ["events[0].time"]
    normal = linked.numbers[2]
    assert (normal["low"], normal["high"], normal["mean"], normal["sd"]) == (0, 1, 0.3, 0.1)
    assert linked.estimate.tracks[0].ends_at == 0.6


def test_values_are_the_quantiles(linked):
    # Uniform [0.4, 0.8] at 0.25: 0.5. Triangular [0.5, 1, 1.5] at 0.5: the mode. Normal (0.3, 0.1)
    # truncated to [0, 1] at 0.5: the median of the truncated law, by Python's own NormalDist.
    values = linked.values([0.25, 0.5, 0.5])
    assert values[0] == pytest.approx(0.5, abs=1e-15)
    assert values[1] == pytest.approx(1.0, abs=1e-15)
    normal = statistics.NormalDist(0.3, 0.1)
    assert values[2] == pytest.approx(normal.inv_cdf((normal.cdf(0) + normal.cdf(1)) / 2), abs=1e-12)
    world = linked.world_at([0.25, 0.5, 0.5])
    assert world.tracks[0].ends_at == values[0]


def test_sample_values_are_the_rows_of_the_unit_points(linked):
    table = linked.sample_values(seed=5, n=40)
    assert len(table) == 40 and len(table[0]) == 3
    for j in (0, 17, 39):
        assert list(table[j]) == list(linked.values(linked.unit_point(5, j)))
    for row in table:
        assert 0.4 <= row[0] <= 0.8 and 0.5 <= row[1] <= 1.5 and 0 <= row[2] <= 1
    # The same seed gives the same samples; another seed others.
    assert [list(r) for r in linked.sample_values(5, 3)] == [list(r) for r in table[:3]]
    assert list(linked.sample_values(6, 1)[0]) != list(table[0])
    assert math.isclose(sum(row[0] for row in table) / 40, 0.6, abs_tol=0.06)


def test_errors(linked):
    with pytest.raises(parley.UsageError, match=r"unit coordinate 1 is 1; coordinates lie in \(0, 1\)"):
        linked.values([0.5, 1.0, 0.5])
    with pytest.raises(parley.InputError, match=r"x.json: variables.s: used nowhere"):
        parley.UncertainScenario.from_text(
            LINKED.replace('"variables": {', '"variables": {"s": {"uniform": [0, 1]}, '), "x.json")


def test_builtin_has_no_ranges_yet():
    assert parley.UncertainScenario("ceasefire-2024").estimate.name == "ceasefire-2024"
