"""Partial preferences: negotiating with them (scored by the truth), and estimates of them."""

import itertools

import pytest

import parley


def key(utility):
    """Utilities as the library compares them (UtilityKey, utility.h): rounded to 2^-40, half to even."""
    return round(utility * 2**40)


def kendall_tau_b(xs, ys):
    """Kendall's tau-b by brute force over every pair, a second computation of the library's."""
    xs, ys = [key(x) for x in xs], [key(y) for y in ys]
    concordant = discordant = ties_x = ties_y = 0
    for i, j in itertools.combinations(range(len(xs)), 2):
        dx, dy = xs[i] - xs[j], ys[i] - ys[j]
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    denominator = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denominator


@pytest.mark.parametrize("estimator", ["genius-rank-points", "borda"])
def test_estimate_next_to_the_truth(integer_domain, estimator):
    known = parley.estimate_preferences(integer_domain, 1, knowledge="ranked(k=12,seed=3)", estimator=estimator)
    assert known["known"] == 12
    profile = integer_domain.profile(1)
    space = integer_domain.space
    truth = [profile.utility(space.outcome(i)) for i in range(space.cardinality)]
    assert list(known["truth"]) == truth
    estimate = list(known["estimate"])
    assert len(estimate) == len(truth) and all(0.0 <= u <= 1.0 for u in estimate)
    assert known["kendall_tau"] == pytest.approx(kendall_tau_b(estimate, truth), abs=1e-12)


def test_estimators_are_registered():
    names = [entry["name"] for entry in parley.registered("estimators")]
    assert {"genius-rank-points", "borda"} <= set(names)


def test_estimates_need_partial_knowledge(car_b):
    with pytest.raises(parley.UsageError, match="whole profile"):
        parley.estimate_preferences(car_b, 0, knowledge="full")
    with pytest.raises(parley.UsageError):
        parley.estimate_preferences(car_b, 2, knowledge="ranked(k=5,seed=1)")


def test_negotiate_with_partial_knowledge_is_scored_by_the_truth(car_b):
    full = parley.negotiate(car_b, ["conceder", "boulware"], rounds=60, seed=1)
    partial = parley.negotiate(car_b, ["conceder", "boulware"], rounds=60, seed=1,
                               knowledge=["ranked(k=8,seed=2)", "full"])
    assert partial.agreement is not None
    assert partial.utilities[0] == car_b.profile(0).utility(partial.agreement)
    assert partial.utilities[1] == car_b.profile(1).utility(partial.agreement)
    # Party 0 bids by the estimate it perceives, not by its profile, so the negotiation differs.
    assert partial.trace != full.trace
