"""Negotiations run from Python: specs, results, traces, and negotiators written in Python."""

import numpy as np
import pytest

import parley


def best_outcome(scenario, party):
    """The party's best outcome, by brute force over every outcome (first of equals)."""
    profile = scenario.profile(party)
    space = scenario.space
    best = max(range(space.cardinality), key=lambda i: (profile.utility(space.outcome(i)), -i))
    return space.outcome(best)


class Hardliner(parley.Negotiator):
    """Always offers its best outcome; accepts only that."""

    def begin(self, context):
        utilities = context.profile.utilities()
        self.best = context.space.outcome(int(np.argmax(utilities)))
        self.context = context

    def act(self, state):
        if state.current_offer == self.best:
            return parley.ACCEPT
        return self.best


class Recorder(Hardliner):
    """A hardliner that records everything it is told."""

    def __init__(self):
        self.observed = []
        self.turns = []
        self.finished = None

    def act(self, state):
        self.turns.append((state.step, state.round, state.current_offer, state.current_offer_utility))
        return super().act(state)

    def observe(self, action):
        self.observed.append((action.party, action.action, action.offer, action.offer_utility, action.step))

    def finish(self, result):
        self.finished = result


def test_cpp_negotiators_by_spec(car_b):
    result = parley.negotiate(car_b, ["boulware", "absolute-tft"], rounds=1000, seed=7)
    assert result.negotiators == ["boulware", "absolute-tft"]
    assert result.parties == car_b.parties
    assert result.agreed
    assert result.end_reason == "agreement"
    assert result.utilities == pytest.approx(car_b.utilities(result.agreement))
    assert result.agreement_values == car_b.space.values(result.agreement)
    again = parley.negotiate(car_b, ["boulware", "absolute-tft"], rounds=1000, seed=7)
    assert again.agreement == result.agreement and again.steps == result.steps


def test_trace_entries_hold_each_partys_utility_of_each_offer(car_b):
    result = parley.negotiate(car_b, "conceder", rounds=200, seed=1)  # one spec for both parties
    assert result.negotiators == ["conceder", "conceder"]
    trace = result.trace
    assert len(trace) == result.steps
    utilities = result.trace_utilities()
    offers = result.trace_offers()
    assert utilities.shape == (len(trace), 2) and offers.shape == (len(trace), 6)
    for i, entry in enumerate(trace):
        assert entry["step"] == i
        assert entry["party"] == i % 2
        if entry["offer"] is None:
            assert np.all(np.isnan(utilities[i]))
            continue
        assert entry["utilities"] == pytest.approx(car_b.utilities(entry["offer"]))
        assert list(utilities[i]) == entry["utilities"]
        assert tuple(int(v) for v in offers[i]) == entry["offer"]
    assert trace[-1]["action"] == "accept"
    assert trace[-1]["offer"] == result.agreement


def test_boa_spec_and_other_protocols(car_b, dinner):
    result = parley.negotiate(car_b, ["boa(bidding=time(e=0.2),acceptance=next)", "hardheaded"], rounds=300)
    assert result.negotiators[0].startswith("boa(")
    assert result.fault is None
    mediated = parley.negotiate(dinner, "boulware", protocol="single-text", mediators=["hill-climb"], rounds=50)
    assert mediated.mediators == ["hill-climb"]
    assert len(mediated.utilities) == 3


def test_python_hardliner_gets_its_best_outcome_from_a_conceder(dinner):
    # The conceder's reservation value is 0: it ends up accepting the hardliner's best outcome.
    pair = dinner.with_parties(dinner.parties[:2])
    best = best_outcome(pair, 0)
    result = parley.negotiate(pair, [Hardliner(), "conceder"], rounds=200, seed=3)
    assert result.negotiators == ["Hardliner", "conceder"]
    assert result.agreement == best
    assert result.utilities[0] == pair.profile(0).utility(best)
    assert result.utilities[1] == pair.profile(1).utility(best)
    # With two conceders, both must accept it.
    result = parley.negotiate(dinner, [Hardliner(), "conceder", "conceder"], rounds=200)
    assert result.agreement == best_outcome(dinner, 0)


def test_python_negotiator_plays_second_and_sees_every_action(car_b):
    recorder = Recorder()
    result = parley.negotiate(car_b, ["boulware", recorder], rounds=50, seed=5)
    context = recorder.context
    assert context.party == 1 and context.party_count == 2 and context.max_rounds == 50
    assert context.profile.name == car_b.parties[1]
    # Every action of the other party was observed, with this party's utility of its offer.
    others = [entry for entry in result.trace if entry["party"] == 0]
    assert len(recorder.observed) == len(others)
    for (party, action, offer, utility, step), entry in zip(recorder.observed, others):
        assert party == 0 and step == entry["step"] and offer == entry["offer"]
        assert action == parley.OFFER if entry["action"] == "offer" else True
        if offer is not None:
            assert utility == car_b.profile(1).utility(offer)
    # On each turn it saw the offer just made.
    for step, _round, offer, utility in recorder.turns:
        assert offer == result.trace[step - 1]["offer"]
        assert utility == car_b.profile(1).utility(offer)
    assert recorder.finished is not None and recorder.finished.steps == result.steps


def test_python_negotiators_vote_through_act_under_the_voting_protocols(dinner):
    # amop with three parties and two rounds (a bidding and a voting round): the recorder bids once,
    # is asked to act on each of the two other offers (its own it votes for unasked), and sees the
    # others' bids and votes, votes against as REJECT.
    recorder = Recorder()
    result = parley.negotiate(dinner, ["boulware", recorder, "conceder"], protocol="amop", rounds=2, seed=2)
    assert [entry["action"] for entry in result.trace[:3]] == ["offer"] * 3
    votes = result.trace[3:]
    assert {entry["action"] for entry in votes} <= {"accept", "reject"}
    # The votes come offer by offer, each from parties 0, 1, 2: vote i is on the offer of party i // 3.
    mine = [(i // 3, entry) for i, entry in enumerate(votes) if entry["party"] == 1]
    assert len(recorder.turns) == 1 + sum(1 for ballot, _entry in mine if ballot != 1)
    # A vote for its own offer, and for another's only when it is its best (a hardliner's rule).
    for ballot, entry in mine:
        expected = "accept" if ballot == 1 or entry["offer"] == recorder.best else "reject"
        assert entry["action"] == expected
    seen = [action for _party, action, _offer, _utility, _step in recorder.observed]
    assert len(seen) == 2 + len([entry for entry in votes if entry["party"] != 1])
    if any(entry["action"] == "reject" and entry["party"] != 1 for entry in votes):
        assert parley.REJECT in seen


class ThresholdVoter(Hardliner):
    """Offers its best outcome; votes for an offer worth at least `threshold` to it (vote())."""

    def __init__(self, threshold):
        self.threshold = threshold
        self.requests = []

    def vote(self, request):
        self.requests.append((request.voter, request.ballot, request.ballots, request.offerer, request.offer,
                              request.offer_utility))
        return request.offer_utility >= self.threshold


def test_python_negotiators_can_vote_themselves(dinner):
    # amop, three parties, two rounds: party 1 votes on each of the three bids (its own included:
    # vote() decides every vote once it is overridden), for exactly those worth 0.5 to it.
    voter = ThresholdVoter(0.5)
    result = parley.negotiate(dinner, ["boulware", voter, "conceder"], protocol="amop", rounds=2, seed=2)
    bids = [entry["offer"] for entry in result.trace[:3]]
    assert [(v, b, n, o) for v, b, n, o, _offer, _u in voter.requests] == [(1, b, 3, b) for b in range(3)]
    for (_v, ballot, _n, _o, offer, utility) in voter.requests:
        assert offer == bids[ballot]
        assert utility == pytest.approx(dinner.profile(1).utility(offer))
    mine = [entry for entry in result.trace[3:] if entry["party"] == 1]
    assert [entry["action"] for entry in mine] == [
        "accept" if dinner.profile(1).utility(bids[b]) >= 0.5 else "reject" for b in range(len(mine))]


def test_a_python_vote_that_is_not_a_vote_is_a_fault(dinner):
    class Unsure(Hardliner):
        def vote(self, request):
            return "maybe"

    result = parley.negotiate(dinner, ["boulware", Unsure(), "conceder"], protocol="amop", rounds=4)
    assert result.end_reason == "fault"
    assert result.fault_party == 1
    assert "vote() returned 'maybe'" in result.fault


class AllOfUs(parley.Negotiator):
    """Under mopac: offers `outcome`, votes for the first offer only in an agreement of all three
    parties, and records what its opt-in shows it."""

    def __init__(self, outcome):
        self.outcome = outcome
        self.ballots = None
        self.mine = None

    def act(self, state):
        return self.outcome

    def vote_ranges(self, voting):
        self.powers = list(voting.powers)
        self.offers = [(offer.maker, offer.outcome) for offer in voting.offers]
        return [(0, 3, 3)]

    def opt_in(self, voting, ballots, mine):
        self.ballots = [(ballot.party, list(ballot.votes)) for ballot in ballots]
        self.mine = list(mine)
        return mine


def test_python_negotiators_cast_mopac_votes_with_ranges(dinner):
    # Every party offers the same outcome and votes for offer 0 with the range [3, 3]: one
    # coalition of all three, so a full agreement in the first round.
    outcome = dinner.space.outcome(5)
    parties = [AllOfUs(outcome) for _ in range(3)]
    result = parley.negotiate(dinner, parties, protocol="mopac", rounds=5)
    assert result.end_reason == "agreement"
    assert result.agreement == outcome
    assert result.rounds == 1
    for party in parties:
        assert party.powers == [1, 1, 1]
        assert party.offers == [(p, outcome) for p in range(3)]
        assert party.mine == [parley.PowerVote(0, 3, 3)]
        assert party.ballots == [(p, [parley.PowerVote(offer=0, min_power=3, max_power=3)]) for p in range(3)]


def test_a_python_mopac_vote_that_is_not_a_vote_removes_the_party(dinner):
    class Confused(AllOfUs):
        def vote_ranges(self, voting):
            return ["everything"]

    outcome = dinner.space.outcome(5)
    result = parley.negotiate(dinner, [AllOfUs(outcome), Confused(outcome), AllOfUs(outcome)], protocol="mopac",
                              rounds=3)
    assert [party for party, _why in result.removals] == [1]
    assert "vote_ranges() returned a vote 'everything'" in result.removals[0][1]


def test_python_negotiator_classes_are_made_once_per_party(integer_domain):
    result = parley.negotiate(integer_domain, Hardliner, rounds=20)
    assert result.negotiators == ["Hardliner", "Hardliner"]
    # Both hold out for their own best outcome: agreement only if they share it.
    same = best_outcome(integer_domain, 0) == best_outcome(integer_domain, 1)
    assert result.agreed == same


def test_an_exception_in_a_python_negotiator_is_its_fault(car_b):
    class Failing(parley.Negotiator):
        def act(self, state):
            raise RuntimeError("out of ideas")

    result = parley.negotiate(car_b, ["boulware", Failing()], rounds=10)
    assert result.end_reason == "fault"
    assert result.fault_party == 1
    assert "RuntimeError: out of ideas" in result.fault
    assert not result.agreed


@pytest.mark.parametrize("answer, message", [
    (None, "returned None"),
    ((0, 0), "has 6 values"),
    (parley.OFFER, "OFFER without an outcome"),
    ((99, 0, 0, 0, 0, 0), ""),
])
def test_bad_answers_are_faults_with_a_message(car_b, answer, message):
    class Bad(parley.Negotiator):
        def act(self, state):
            return answer

    result = parley.negotiate(car_b, [Bad(), "boulware"], rounds=10)
    assert result.end_reason == "fault" and result.fault_party == 0
    assert message in result.fault


def test_python_negotiator_may_offer_by_value_names(car_b):
    names = {issue.name: issue.values[0] for issue in car_b.space.issues}

    class ByName(parley.Negotiator):
        def act(self, state):
            return parley.ACCEPT if state.current_offer is not None else names

    result = parley.negotiate(car_b, [ByName(), ByName()], rounds=10)
    assert result.agreement == (0, 0, 0, 0, 0, 0)


def test_usage_errors(car_b):
    with pytest.raises(parley.UsageError, match="unknown negotiator 'nobody'"):
        parley.negotiate(car_b, ["nobody", "boulware"])
    with pytest.raises(parley.UsageError, match="has 2 parties but 3"):
        parley.negotiate(car_b, ["boulware"] * 3)
    same = Hardliner()
    with pytest.raises(parley.UsageError, match="same negotiator object"):
        parley.negotiate(car_b, [same, same])
    with pytest.raises(parley.UsageError, match="no parameter 'x'"):
        parley.negotiate(car_b, ["boulware(x=1)", "boulware"])
    with pytest.raises(TypeError, match="act"):
        parley.negotiate(car_b, [object(), "boulware"])


def test_python_registered_negotiator_takes_parameters(car_b):
    class Patient(Hardliner):
        def __init__(self, until=0.5):
            self.until = until

        def act(self, state):
            if state.time >= self.until and state.current_offer is not None:
                return parley.ACCEPT
            return super().act(state)

    parley.register_negotiator("patient", Patient)
    entry = next(e for e in parley.registered("negotiators") if e["name"] == "patient")
    assert entry["parameters"] == [{"name": "until", "default": "0.5", "description": ""}]
    result = parley.negotiate(car_b, ["patient(until=0.1)", "hardliner"], rounds=100)
    assert result.agreed and result.agreement == best_outcome(car_b, 1)
    # The first turn at or after time 0.1 accepts: round r of 100 is at r / 101, so round 11.
    assert result.trace[-1]["time"] == pytest.approx(11 / 101)
    with pytest.raises(parley.UsageError, match="already registered by Parley"):
        parley.register_negotiator("boulware", Patient)


def test_python_registered_negotiator_keeps_its_own_defaults(car_b):
    # The registry fills in every registered parameter a spec leaves out; a Python factory still
    # gets its own keyword defaults, whatever their type, and explicit values as before.
    seen = []

    def make(flag=True, label="two words", nothing=None, empty="", ratio=0.5):
        seen.append(dict(flag=flag, label=label, nothing=nothing, empty=empty, ratio=ratio))
        return Hardliner()

    parley.register_negotiator("keeps-defaults", make)
    entry = next(e for e in parley.registered("negotiators") if e["name"] == "keeps-defaults")
    # Written as a spec reads them back.
    assert [p["default"] for p in entry["parameters"]] == ["True", '"two words"', "None", '""', "0.5"]
    parley.negotiate(car_b, ["keeps-defaults", "hardliner"], rounds=2)
    assert seen[-1] == dict(flag=True, label="two words", nothing=None, empty="", ratio=0.5)
    parley.negotiate(car_b, ["keeps-defaults(ratio=0.25,label=other,flag=false)", "hardliner"], rounds=2)
    assert seen[-1] == dict(flag=False, label="other", nothing=None, empty="", ratio=0.25)


def test_gil_is_released_while_the_engine_runs(car_b):
    import threading
    import time

    stamps = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            stamps.append(time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        start = time.monotonic()
        # Two hardliners never agree here: the negotiation runs until its wall-clock deadline.
        result = parley.negotiate(car_b, ["hardliner", "hardliner"], rounds=0, time_limit=0.5, trace=False)
        end = time.monotonic()
    finally:
        stop.set()
        thread.join()
    assert result.end_reason == "deadline"
    inside = [t for t in stamps if start + 0.1 < t < end - 0.1]
    assert len(inside) > 10
