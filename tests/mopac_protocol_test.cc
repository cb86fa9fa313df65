// Tests of MOPAC ("mopac", GeniusWeb's Multiple Offers Partial Consensus) with scripted parties on a
// hand-made one-issue scenario of four parties: coalitions from overlapping power ranges, the two
// voting evaluators, Parley's tie-break, opt-ins that do not extend, votes that do not count,
// parties leaving and the rest going on, the deadline and its clock, walk-aways, removals and the
// default votes every negotiator inherits. Every expected value is worked out by hand in the
// comments from the table below and the rules in docs/negotiation.md#mopac-mopac. The evaluator
// cases at the end are GeniusWeb's own unit tests (CollectedVotesTest, LargestAgreementTest,
// LargestAgreementsLoopTest) with their expected results.
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"
#include "protocols/mopac_evaluators.h"

namespace parley {
namespace {

// One issue "option" with values a, b, c, d (positions 0..3); a party's utility of an option is its
// table entry:
//          a    b    c    d
//   A:     1   .6   .3    0
//   B:     0   .7    1   .2
//   C:    .2    1   .5    0
//   D:    .5   .4   .8    1
constexpr double kA = 0, kB = 1, kC = 2, kD = 3;
const std::vector<std::vector<double>> kTables = {{1, .6, .3, 0}, {0, .7, 1, .2}, {.2, 1, .5, 0}, {.5, .4, .8, 1}};

Scenario MakeScenario(std::size_t parties, double discount = 1.0) {
  auto space = std::make_shared<const OutcomeSpace>(
      "options", std::vector<Issue>{Issue::Discrete("option", {"a", "b", "c", "d"})});
  std::vector<Profile> profiles;
  const char* names[] = {"A", "B", "C", "D"};
  for (std::size_t p = 0; p < parties; ++p) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table(kTables[p])});
    profiles.emplace_back(names[p], utility, 0.0, discount);
  }
  return Scenario("options", space, std::move(profiles));
}

// What a scripted party does in one round. Past its script it offers d, votes for nothing and keeps
// its votes.
struct RoundScript {
  double offer = kD;  // the option it offers
  std::vector<PowerVote> votes = {};
  std::optional<std::vector<PowerVote>> opt_in = std::nullopt;  // none: keeps its votes
  bool walk_in_offer = false;
  bool walk_in_vote = false;
  bool walk_in_opt_in = false;
  bool throw_in_opt_in = false;
};

class MopacScripted final : public Negotiator {
 public:
  explicit MopacScripted(std::vector<RoundScript> script = {}) : script_(std::move(script)) {}

  void Begin(const NegotiatorContext& /*context*/) override {}
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    offer_rounds.push_back(state.round);
    offer_times.push_back(state.time);
    const RoundScript now = At(state.round);
    if (now.walk_in_offer) return ActionType::kEndNegotiation;
    proposal[0] = now.offer;
    return ActionType::kOffer;
  }
  bool VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& /*scratch*/) override {
    std::vector<double> shown;
    for (const MopacOffer& offer : voting.offers) shown.push_back((*offer.outcome)[0]);
    offers_shown.push_back(shown);
    powers_shown.assign(voting.powers.begin(), voting.powers.end());
    const RoundScript now = At(voting.round);
    if (now.walk_in_vote) return false;
    votes = now.votes;
    return true;
  }
  bool OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots, std::vector<PowerVote>& mine) override {
    ballots_shown.push_back(ballots.size());
    const RoundScript now = At(voting.round);
    if (now.throw_in_opt_in) throw std::runtime_error("scripted failure in the opt-in");
    if (now.walk_in_opt_in) return false;
    if (now.opt_in) mine = *now.opt_in;
    return true;
  }
  void Observe(const ObservedAction& action) override {
    if (action.offer) observed.push_back((*action.offer)[0]);
  }
  void Finish(const NegotiationResult& /*result*/) override { ++finishes; }

  std::vector<std::uint64_t> offer_rounds;
  std::vector<double> offer_times;
  std::vector<std::vector<double>> offers_shown;
  std::vector<int> powers_shown;
  std::vector<std::size_t> ballots_shown;
  std::vector<double> observed;
  int finishes = 0;

 private:
  RoundScript At(std::uint64_t round) const { return round < script_.size() ? script_[round] : RoundScript{}; }
  std::vector<RoundScript> script_;
};

NegotiationResult RunMopac(std::string_view protocol, std::vector<MopacScripted>& parties, std::uint64_t rounds,
                           double discount = 1.0) {
  const Scenario scenario = MakeScenario(parties.size(), discount);
  std::vector<Negotiator*> negotiators;
  for (auto& party : parties) negotiators.push_back(&party);
  NegotiationOptions options;
  options.rounds = rounds;
  return ProtocolRegistry::Create(protocol)->Run(scenario, negotiators, options);
}

// A coalition as (option, parties, round).
struct Formed {
  double option;
  std::vector<std::size_t> parties;
  std::uint64_t round;
  friend bool operator==(const Formed&, const Formed&) = default;
};

std::vector<Formed> Coalitions(const NegotiationResult& result) {
  std::vector<Formed> formed;
  for (const Coalition& coalition : result.coalitions)
    formed.push_back({coalition.outcome[0], coalition.parties, coalition.round});
  return formed;
}

PowerVote On(std::size_t offer, int min_power, int max_power) { return {offer, min_power, max_power}; }

TEST(Mopac, OverlappingRangesFormThePartialConsensusTheyAllow) {
  // Round 0: A offers a (offer 0), B offers b (offer 1), C offers b (offer 2, the same outcome).
  // Votes on b: A [2,2], B [2,3], C [3,3] (C on its own offer 2, the same bid). Groups on b:
  // {A,B} power 2, needs max(2,2) = 2 <= 2 <= min(2,3) = 2: viable. {A,C}, {B,C}: power 2 < C's 3.
  // {A,B,C}: power 3 > A's 2. So {A,B} agree on b; C is left alone and the negotiation ends.
  std::vector<MopacScripted> parties = {MopacScripted({{kA, {On(1, 2, 2)}}}), MopacScripted({{kB, {On(1, 2, 3)}}}),
                                        MopacScripted({{kB, {On(2, 3, 3)}}})};
  const NegotiationResult result = RunMopac("mopac", parties, 5);
  EXPECT_EQ(result.end_reason, EndReason::kPartialAgreement);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kB, {0, 1}, 0}}));
  // Round 0 of 5 happens at t = 1/6; A gets .6, B .7, C its reservation value 0.
  EXPECT_DOUBLE_EQ(result.coalitions[0].time, 1.0 / 6);
  EXPECT_DOUBLE_EQ(result.time, 1.0 / 6);
  EXPECT_EQ(result.utilities, (std::vector<double>{.6, .7, 0}));
  EXPECT_EQ(result.rounds, 1u);
  // 3 offers, 3 votes, 3 opt-ins.
  EXPECT_EQ(result.steps, 9u);
  for (const auto& party : parties) EXPECT_EQ(party.finishes, 1);
}

// Round 0: A offers a, B offers c, C offers a, D offers c; A and C vote a [2,2], B and D vote c [2,2].
std::vector<MopacScripted> TwoCamps() {
  return {MopacScripted({{kA, {On(0, 2, 2)}}}), MopacScripted({{kC, {On(1, 2, 2)}}, {kC, {On(0, 2, 2)}}}),
          MopacScripted({{kA, {On(2, 2, 2)}}}), MopacScripted({{kC, {On(3, 2, 2)}}, {kC, {On(1, 2, 2)}}})};
}

TEST(Mopac, TheLoopFormsTwoDisjointCoalitionsInOneOptIn) {
  // Bid a (first offered, offer 0): {A,C} power 2. Bid c (offer 1): {B,D} power 2. Equal power and
  // size; {0,2} < {1,3}, so {A,C} on a first, then {B,D} on c from the rest, both in round 0.
  std::vector<MopacScripted> parties = TwoCamps();
  const NegotiationResult result = RunMopac("mopac(evaluator=largest-agreements-loop)", parties, 5);
  EXPECT_EQ(result.end_reason, EndReason::kPartialAgreement);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kA, {0, 2}, 0}, {kC, {1, 3}, 0}}));
  EXPECT_EQ(result.utilities, (std::vector<double>{1, 1, .2, .8}));
  EXPECT_EQ(result.rounds, 1u);
}

TEST(Mopac, LargestAgreementFormsOneCoalitionARoundAndTheRestGoOn) {
  // Round 0 forms {A,C} on a only; A and C leave. Round 1: B offers c (offer 0), D offers c (offer 1);
  // both vote c [2,2] -> {B,D} on c in round 1, at t = 2/6. Discount 0.5: A gets 1 * 0.5^(1/6),
  // C .2 * 0.5^(1/6), B 1 * 0.5^(2/6), D .8 * 0.5^(2/6).
  std::vector<MopacScripted> parties = TwoCamps();
  const NegotiationResult result = RunMopac("mopac(evaluator=largest-agreement)", parties, 5, 0.5);
  EXPECT_EQ(result.end_reason, EndReason::kPartialAgreement);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kA, {0, 2}, 0}, {kC, {1, 3}, 1}}));
  EXPECT_DOUBLE_EQ(result.coalitions[1].time, 2.0 / 6);
  const double early = std::pow(0.5, 1.0 / 6), late = std::pow(0.5, 2.0 / 6);
  EXPECT_DOUBLE_EQ(result.utilities[0], 1 * early);
  EXPECT_DOUBLE_EQ(result.utilities[1], 1 * late);
  EXPECT_DOUBLE_EQ(result.utilities[2], .2 * early);
  EXPECT_DOUBLE_EQ(result.utilities[3], .8 * late);
  EXPECT_EQ(result.undiscounted_utilities, (std::vector<double>{1, 1, .2, .8}));
  // A and C were not asked again; B and D were, and saw only each other's offers.
  EXPECT_EQ(parties[0].offer_rounds, (std::vector<std::uint64_t>{0}));
  EXPECT_EQ(parties[2].offer_rounds, (std::vector<std::uint64_t>{0}));
  EXPECT_EQ(parties[1].offer_rounds, (std::vector<std::uint64_t>{0, 1}));
  EXPECT_EQ(parties[1].offers_shown.back(), (std::vector<double>{kC, kC}));
  for (const auto& party : parties) EXPECT_EQ(party.finishes, 1);
  EXPECT_EQ(result.rounds, 2u);
  // Round 0: 4 + 4 + 4 steps; round 1: 2 + 2 + 2.
  EXPECT_EQ(result.steps, 18u);
}

TEST(Mopac, EqualGroupsOnOneOutcomeGoToTheSmallestListOfParties) {
  // All four offer a and vote a [2,2] (each on its own offer): every pair has power 2 and is
  // viable, no larger group is. Parley's rule takes {0,1}; the loop then {2,3} from the rest.
  auto script = [](std::size_t k) { return MopacScripted({{kA, {On(k, 2, 2)}}}); };
  std::vector<MopacScripted> loop = {script(0), script(1), script(2), script(3)};
  EXPECT_EQ(Coalitions(RunMopac("mopac", loop, 5)), (std::vector<Formed>{{kA, {0, 1}, 0}, {kA, {2, 3}, 0}}));
  std::vector<MopacScripted> once = {script(0), script(1), script(2), script(3)};
  const NegotiationResult result = RunMopac("mopac(evaluator=largest-agreement)", once, 1);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kA, {0, 1}, 0}}));
  // C and D vote nothing after round 0; the deadline of one round ends it.
  EXPECT_EQ(result.end_reason, EndReason::kPartialAgreement);
  EXPECT_EQ(result.utilities, (std::vector<double>{1, 0, 0, 0}));
}

TEST(Mopac, EqualPowerGoesToTheGroupWithMorePartiesThenToTheBidOfferedFirst) {
  // Powers A=2, B=C=D=1. A offers a (offer 0), B, C, D offer c (offers 1-3). Bid a: A and B vote
  // [3,3] -> {A,B} power 3, two parties. Bid c: B, C, D vote [3,3] -> {B,C,D} power 3, three
  // parties; it wins though a was offered first. A is left alone.
  std::vector<MopacScripted> parties = {MopacScripted({{kA, {On(0, 3, 3)}}}),
                                        MopacScripted({{kC, {On(0, 3, 3), On(1, 3, 3)}}}),
                                        MopacScripted({{kC, {On(2, 3, 3)}}}), MopacScripted({{kC, {On(3, 3, 3)}}})};
  const NegotiationResult result = RunMopac("mopac(powers=2:1:1:1)", parties, 5);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kC, {1, 2, 3}, 0}}));
  EXPECT_EQ(parties[0].powers_shown, (std::vector<int>{2, 1, 1, 1}));
  // Two parties both voting a and c [2,2]: the same group on both; c, offered first (by A), wins, and
  // one coalition of every party is the agreement.
  std::vector<MopacScripted> pair = {MopacScripted({{kC, {On(0, 2, 2), On(1, 2, 2)}}}),
                                     MopacScripted({{kA, {On(1, 2, 2), On(0, 2, 2)}}})};
  const NegotiationResult agreed = RunMopac("mopac", pair, 5);
  EXPECT_EQ(agreed.end_reason, EndReason::kAgreement);
  ASSERT_TRUE(agreed.agreement);
  EXPECT_EQ((*agreed.agreement)[0], kC);
  EXPECT_EQ(agreed.utilities, (std::vector<double>{.3, 1}));
}

TEST(Mopac, AnOptInThatDoesNotExtendRemovesThatPartyAlone) {
  // All offer a and vote a [2,3]. In the opt-in A narrows to [2,2] (not extending): removed. B widens
  // its vote on a to [1,3], naming offer 0 instead of its own offer 1 (the same outcome, so it
  // extends); C keeps [2,3]. {B,C}: power 2 in [2,3].
  std::vector<MopacScripted> parties = {MopacScripted({{kA, {On(0, 2, 3)}, std::vector<PowerVote>{On(0, 2, 2)}}}),
                                        MopacScripted({{kA, {On(1, 2, 3)}, std::vector<PowerVote>{On(0, 1, 3)}}}),
                                        MopacScripted({{kA, {On(2, 2, 3)}}})};
  const NegotiationResult result = RunMopac("mopac", parties, 5);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kA, {1, 2}, 0}}));
  EXPECT_EQ(result.end_reason, EndReason::kPartialAgreement);
  EXPECT_FALSE(result.fault);
  ASSERT_EQ(result.removals.size(), 1u);
  EXPECT_EQ(result.removals[0].party, 0u);
  // Steps 0-2 offers, 3-5 votes, 6 A's opt-in.
  EXPECT_EQ(result.removals[0].message,
            "opted in at step 6 without its vote on offer 0 with power range [2, 3] or a wider one");
  // Every party saw the three ballots of the voting phase.
  EXPECT_EQ(parties[2].ballots_shown, (std::vector<std::size_t>{3}));
}

TEST(Mopac, VotesOfAPartyThatDidNotOptInDoNotCount) {
  // All offer a and vote a [3,3]. C walks away in the opt-in: its votes do not count, and {A,B} has
  // power 2 < 3, so nothing forms (with C's votes {A,B,C} would). A and B go on past their script to
  // the deadline of 2 rounds.
  std::vector<MopacScripted> parties = {MopacScripted({{kA, {On(0, 3, 3)}}}), MopacScripted({{kA, {On(0, 3, 3)}}}),
                                        MopacScripted({{kA, {On(0, 3, 3)}, std::nullopt, false, false, true}})};
  const NegotiationResult result = RunMopac("mopac", parties, 2);
  EXPECT_TRUE(result.coalitions.empty());
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 3);
  EXPECT_EQ(parties[2].offer_rounds, (std::vector<std::uint64_t>{0}));
  EXPECT_EQ(parties[0].offer_rounds, (std::vector<std::uint64_t>{0, 1}));
  // The same with C throwing in the opt-in: removed, and again nothing forms.
  std::vector<MopacScripted> again = {MopacScripted({{kA, {On(0, 3, 3)}}}), MopacScripted({{kA, {On(0, 3, 3)}}}),
                                      MopacScripted({{kA, {On(0, 3, 3)}, std::nullopt, false, false, false, true}})};
  const NegotiationResult thrown = RunMopac("mopac", again, 2);
  EXPECT_TRUE(thrown.coalitions.empty());
  ASSERT_EQ(thrown.removals.size(), 1u);
  EXPECT_EQ(thrown.removals[0].message, "threw in the opt-in at step 8: scripted failure in the opt-in");
  EXPECT_EQ(thrown.end_reason, EndReason::kDeadline);
}

TEST(Mopac, TheDeadlineCountsOfferVotingOptInCyclesOnGeniusClock) {
  // Two parties that never agree, 3 rounds: round r (from 0) at t = (r + 1) / 4, the end at 3/4.
  std::vector<MopacScripted> parties(2);
  const NegotiationResult result = RunMopac("mopac", parties, 3);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.steps, 18u);
  EXPECT_DOUBLE_EQ(result.time, 0.75);
  EXPECT_EQ(parties[0].offer_times, (std::vector<double>{0.25, 0.5, 0.75}));
  // Each saw the other's offer as an observed action, and both offers in its vote.
  EXPECT_EQ(parties[0].observed, (std::vector<double>{kD, kD, kD}));
  EXPECT_EQ(parties[0].offers_shown[0], (std::vector<double>{kD, kD}));
}

TEST(Mopac, WalkingAwayOrBreakingTheRulesLeavesTheRestNegotiating) {
  // Three parties: C walks away in round 0's offer phase; A and B go on and agree on a in round 0
  // ({A,B} power 2 in [2,2]), a partial agreement that leaves C with its reservation value.
  std::vector<MopacScripted> parties = {MopacScripted({{kA, {On(0, 2, 2)}}}), MopacScripted({{kA, {On(0, 2, 2)}}}),
                                        MopacScripted({{kA, {}, std::nullopt, true}})};
  const NegotiationResult result = RunMopac("mopac", parties, 5);
  EXPECT_EQ(Coalitions(result), (std::vector<Formed>{{kA, {0, 1}, 0}}));
  EXPECT_EQ(result.end_reason, EndReason::kPartialAgreement);
  EXPECT_EQ(parties[2].finishes, 1);
  // Two parties, B walks away while voting: one party is left, and the walk-away ends it.
  std::vector<MopacScripted> pair = {MopacScripted({{kA, {On(0, 2, 2)}}}),
                                     MopacScripted({{kA, {}, std::nullopt, false, true}})};
  const NegotiationResult ended = RunMopac("mopac", pair, 5);
  EXPECT_EQ(ended.end_reason, EndReason::kEndedByParty);
  ASSERT_GT(ended.trace.size(), 0u);
  EXPECT_EQ(ended.trace.step(ended.trace.size() - 1).action, ActionType::kEndNegotiation);
  // Two parties, A votes on an offer that does not exist: removed, which leaves one: a fault.
  std::vector<MopacScripted> wrong = {MopacScripted({{kA, {On(5, 2, 2)}}}), MopacScripted({{kA, {On(0, 2, 2)}}})};
  const NegotiationResult faulted = RunMopac("mopac", wrong, 5);
  EXPECT_EQ(faulted.end_reason, EndReason::kFault);
  ASSERT_TRUE(faulted.fault);
  EXPECT_EQ(faulted.fault->party, 0u);
  EXPECT_EQ(faulted.fault->message, "voted at step 2 on offer 5, but the round has 2 offers");
  // A power range below 1 and two votes on one outcome are removals too.
  std::vector<MopacScripted> low = {MopacScripted({{kA, {On(0, 0, 2)}}}), MopacScripted({{kA, {On(0, 2, 2)}}})};
  EXPECT_EQ(RunMopac("mopac", low, 5).fault->message,
            "voted at step 2 on offer 0 with power range [0, 2]; expected 1 <= min_power <= max_power");
  std::vector<MopacScripted> twice = {MopacScripted({{kA, {On(0, 2, 2), On(1, 2, 3)}}}),
                                      MopacScripted({{kA, {On(0, 2, 2)}}})};
  EXPECT_EQ(RunMopac("mopac", twice, 5).fault->message,
            "voted at step 2 twice on option=a (offers 0 and 1); expected one vote per outcome");
}

// Accepts whatever is put to it: its default votes show the default range.
class AcceptsAll final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& /*context*/) override {}
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer) return ActionType::kAccept;
    proposal[0] = kB;
    return ActionType::kOffer;
  }
};

TEST(Mopac, DefaultVotesAreTheAcceptedOffersOncePerOutcomeFromTwoToTheTotalPower) {
  // Three parties that accept everything and all offer b: each votes once, on offer 0 (the first b),
  // with [2, 2 + 1 + 1]; the loop's most powerful group is all three (power 4 in [2,4]): agreement.
  std::vector<AcceptsAll> parties(3);
  std::vector<Negotiator*> negotiators;
  for (auto& party : parties) negotiators.push_back(&party);
  NegotiationOptions options;
  options.rounds = 5;
  const NegotiationResult result =
      ProtocolRegistry::Create("mopac(powers=2:1:1)")->Run(MakeScenario(3), negotiators, options);
  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  std::size_t votes = 0;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const Trace::VoteRange* range = result.trace.vote_range(i);
    if (!range) continue;
    ++votes;
    EXPECT_EQ(range->min_power, 2);
    EXPECT_EQ(range->max_power, 4);
    EXPECT_EQ(result.trace.offer(i)[0], kB);
  }
  EXPECT_EQ(votes, 6u);  // three in the voting phase, three in the opt-in
}

TEST(Mopac, BadParametersAreUsageErrors) {
  auto message = [](const std::string& spec, std::size_t parties = 3) {
    try {
      std::vector<MopacScripted> scripted(parties);
      RunMopac(spec, scripted, 5);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("mopac(powers=2:x)"),
            "mopac: powers must be whole numbers >= 1 separated by ':' (e.g. 2:1:1), found '2:x'");
  EXPECT_EQ(message("mopac(powers=0)"),
            "mopac: powers must be whole numbers >= 1 separated by ':' (e.g. 2:1:1), found '0'");
  EXPECT_EQ(message("mopac(powers=1:2)"), "mopac: powers gives 2 values for 3 parties; expected 1 or 3");
  EXPECT_EQ(message("mopac(evaluator=largest)"),
            "mopac: evaluator must be 'largest-agreement' or 'largest-agreements-loop', found 'largest'");
}

// --- GeniusWeb's evaluator unit tests -------------------------------------------------------------

using internal::FormCoalitions;
using internal::MaxPowerGroup;
using internal::MopacEvaluator;
using internal::RangedVote;
using internal::VotedCoalition;

constexpr std::size_t P = 0, Q = 1, R = 2, S = 3;

TEST(MopacEvaluators, CollectedVotesTestCases) {
  const std::vector<int> ones = {1, 1, 1, 1};
  struct Case {
    const char* name;
    std::vector<RangedVote> votes;
    std::vector<int> powers;
    std::vector<std::size_t> expected;
  };
  const std::vector<Case> cases = {
      {"testGetMaxSubset2", {{P, 2, 9}, {Q, 2, 9}}, ones, {P, Q}},
      {"testGetMaxSubset3 (R's 4 cannot be reached)", {{P, 2, 9}, {Q, 2, 9}, {R, 4, 9}}, ones, {P, Q}},
      {"testGetMaxSubset3b", {{P, 2, 9}, {Q, 2, 9}, {R, 3, 9}}, ones, {P, Q, R}},
      {"testNoConsensus", {{Q, 3, 9}, {R, 3, 9}}, ones, {}},
      {"testGetNoAgreements (one voter)", {{P, 2, 9}}, ones, {}},
      // Groups PQ (power 2) and PQR (power 4): the larger power.
      {"testgetConsensusGroupsTestRExtraPower", {{P, 2, 9}, {Q, 2, 9}, {R, 4, 9}}, {1, 1, 2}, {P, Q, R}},
      // Groups of 2 or 3 of four (A,2,3) votes: power 3 is the most; Parley's tie-break takes PQR.
      {"testgetConsensusGroupMaxPower", {{P, 2, 3}, {Q, 2, 3}, {R, 2, 3}, {S, 2, 3}}, ones, {P, Q, R}},
      // PQ = 2, PR = 3, QR = 3 (PQR = 4 > 3 excluded): PR and QR tie; the smaller list is PR.
      {"testgetConsensusGroupMaxPowerModifiedPartyPowers", {{P, 2, 3}, {Q, 2, 3}, {R, 2, 3}}, {1, 1, 2}, {P, R}},
  };
  for (const Case& c : cases) EXPECT_EQ(MaxPowerGroup(c.votes, c.powers), c.expected) << c.name;
}

TEST(MopacEvaluators, GetMaxAgreementsGivesEachBidItsGroup) {
  // P:{A(2,9)}, Q:{A(2,9),B(2,9)}, R:{A(4,9),B(2,9)} -> A: {P,Q}; B: {Q,R}.
  const std::vector<int> ones = {1, 1, 1};
  EXPECT_EQ(MaxPowerGroup({{P, 2, 9}, {Q, 2, 9}, {R, 4, 9}}, ones), (std::vector<std::size_t>{P, Q}));
  EXPECT_EQ(MaxPowerGroup({{Q, 2, 9}, {R, 2, 9}}, ones), (std::vector<std::size_t>{Q, R}));
}

TEST(MopacEvaluators, LargestAgreementTestCollectVotes) {
  // Powers p1..p4 = 1,1,1,4; p1:{bid1(1,99), bid2(1,99)}, p2:{bid1}, p3:{bid1}, p4:{bid2}. bid1:
  // {p1,p2,p3} power 3; bid2: {p1,p4} power 5 -> {p1,p4} on bid2.
  const std::vector<std::vector<RangedVote>> votes = {{{0, 1, 99}, {1, 1, 99}, {2, 1, 99}}, {{0, 1, 99}, {3, 1, 99}}};
  EXPECT_EQ(FormCoalitions(MopacEvaluator::kLargestAgreement, votes, {1, 1, 1, 4}),
            (std::vector<VotedCoalition>{{1, {0, 3}}}));
}

TEST(MopacEvaluators, LargestAgreementsLoopTestCollectVotes) {
  // All power 1, votes (2,9): p1:{a,b}, p2:{a,b}, p3:{c}, p4:{a,c}. a: {p1,p2,p4} power 3; b: {p1,p2};
  // c: {p3,p4}. a wins; p3 alone is left, so nothing more.
  const std::vector<std::vector<RangedVote>> votes = {
      {{0, 2, 9}, {1, 2, 9}, {3, 2, 9}}, {{0, 2, 9}, {1, 2, 9}}, {{2, 2, 9}, {3, 2, 9}}};
  EXPECT_EQ(FormCoalitions(MopacEvaluator::kLargestAgreementsLoop, votes, {1, 1, 1, 1}),
            (std::vector<VotedCoalition>{{0, {0, 1, 3}}}));
  // Under LargestAgreement the same one.
  EXPECT_EQ(FormCoalitions(MopacEvaluator::kLargestAgreement, votes, {1, 1, 1, 1}),
            (std::vector<VotedCoalition>{{0, {0, 1, 3}}}));
}

}  // namespace
}  // namespace parley
