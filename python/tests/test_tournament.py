"""Tournaments from Python, with negotiators written in Python playing in the worker threads."""

import numpy as np
import pytest

import parley
from conftest import GENIUS


class Stubborn(parley.Negotiator):
    """Offers its best outcome until the end; accepts only that."""

    name = "stubborn"

    def begin(self, context):
        self.best = context.space.outcome(int(np.argmax(context.profile.utilities())))

    def act(self, state):
        return parley.ACCEPT if state.current_offer == self.best else self.best


def dinner_pair():
    dinner = parley.load_scenario(GENIUS / "group2-dinner")
    return dinner.with_parties(dinner.parties[:2])


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    """A two-party scenario file in which a conceder ends up accepting the other's best outcome."""
    path = tmp_path_factory.mktemp("scenarios") / "dinner-pair.json"
    dinner_pair().save(path)
    return path


def test_python_negotiator_in_a_threaded_tournament(scenario_file):
    scenario = parley.load_scenario(scenario_file)
    result = parley.tournament([Stubborn, "conceder"], [scenario_file], rounds=200, repetitions=3, threads=2,
                               seed=11)
    # Every assignment of the 2 negotiators to the 2 roles, 3 times each.
    assert result.match_count == 4 * 3 == len(result.rows)
    assert result.negotiator_specs == ["stubborn", "conceder"]
    for row in result.rows:
        assert row["fault"] is None
        if row["negotiators"] == ["stubborn", "conceder"] or row["negotiators"] == ["conceder", "stubborn"]:
            party = row["negotiators"].index("stubborn")
            profile = scenario.profile(party)
            best_utility = max(profile.utility(scenario.space.outcome(i)) for i in range(scenario.space.cardinality))
            assert row["agreement"]
            assert row["utilities"][party] == best_utility
    ranking = {entry["negotiator"]: entry for entry in result.ranking}
    assert ranking["stubborn"]["utility"]["n"] == 3 * 4  # two roles in each of its 2 self-play rows too


def test_results_do_not_depend_on_the_thread_count(scenario_file):
    runs = [parley.tournament([Stubborn, "boulware", "absolute-tft"], [scenario_file], rounds=60, repetitions=2,
                              threads=threads, seed=5) for threads in (1, 2)]

    def comparable(rows):
        return [{k: v for k, v in row.items() if k != "elapsed_seconds"} for row in rows]

    assert comparable(runs[0].rows) == comparable(runs[1].rows)


def test_progress_is_reported_for_each_negotiation(scenario_file):
    calls = []
    result = parley.tournament(["boulware", Stubborn], [scenario_file], rounds=20, threads=2,
                               progress=lambda done, total: calls.append((done, total)))
    assert len(calls) == result.match_count
    assert sorted(done for done, _ in calls) == list(range(1, result.match_count + 1))
    assert all(total == result.match_count for _, total in calls)


def test_results_are_written_when_asked(scenario_file, tmp_path):
    out = tmp_path / "results"
    result = parley.tournament(["boulware", "conceder"], [scenario_file], rounds=20, out=out)
    lines = (out / "results.jsonl").read_text().splitlines()
    assert len(lines) == len(result.rows) == result.match_count
    assert (out / "summary.csv").exists()


def test_tournament_errors(scenario_file):
    with pytest.raises(TypeError, match="give the class"):
        parley.tournament([Stubborn(), "boulware"], [scenario_file])
    with pytest.raises(parley.UsageError, match="nobody"):
        parley.tournament(["nobody", "boulware"], [scenario_file])
    with pytest.raises(parley.UsageError, match="matches no file"):
        parley.tournament(["boulware"], [str(scenario_file.parent / "*.missing")])


def test_a_failing_python_factory_is_reported(scenario_file):
    class Broken(parley.Negotiator):
        def __init__(self):
            raise RuntimeError("cannot start")

        def act(self, state):
            return parley.END_NEGOTIATION

    with pytest.raises(parley.UsageError, match="RuntimeError: cannot start"):
        parley.tournament([Broken, "boulware"], [scenario_file], rounds=10)


def test_python_negotiators_default_to_one_worker_thread(scenario_file):
    import threading

    threads = set()
    parley.tournament([Stubborn, "boulware"], [scenario_file], rounds=20, repetitions=4,
                      progress=lambda done, total: threads.add(threading.get_ident()))
    assert threads == {threading.get_ident()}  # the one worker is the calling thread


def test_an_exception_in_the_progress_callback_stops_the_tournament(scenario_file):
    def interrupt(done, total):
        raise KeyError("enough")

    with pytest.raises(KeyError, match="enough"):
        parley.tournament(["boulware", "conceder"], [scenario_file], rounds=20, repetitions=20, threads=2,
                          progress=interrupt)
