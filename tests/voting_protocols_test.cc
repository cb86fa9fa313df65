// Tests of GENIUS's voting protocols, "amop" and "majority", with scripted parties on a hand-made
// one-issue scenario: the phase structure and its clock, the first unanimous offer ending AMOP at
// once, majority's standing offer (ties, its ratchet across rounds, the deadline after a voting or
// a bidding round), walk-aways, acceptances while bidding, the default vote every negotiator
// inherits, what parties observe, and faults. Every expected number is worked out by hand from
// the table below and GENIUS's rules (docs/negotiation.md#voting-protocols-amop-and-majority).
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

using testing::ScriptedNegotiator;

// One issue "option" with values a, b, c, d (positions 0..3); one weight, so a party's utility of
// an option is its table entry:
//          a    b    c    d
//   A:     1   .6   .3    0
//   B:     0   .7    1   .2
//   C:    .2    1   .5    0
constexpr double kA = 0, kB = 1, kC = 2, kD = 3;
const std::vector<std::vector<double>> kTables = {{1, .6, .3, 0}, {0, .7, 1, .2}, {.2, 1, .5, 0}};

Scenario MakeScenario(double discount = 1.0) {
  auto space = std::make_shared<const OutcomeSpace>(
      "options", std::vector<Issue>{Issue::Discrete("option", {"a", "b", "c", "d"})});
  std::vector<Profile> profiles;
  const char* names[] = {"A", "B", "C"};
  for (std::size_t p = 0; p < 3; ++p) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table(kTables[p])});
    profiles.emplace_back(names[p], utility, 0.0, discount);
  }
  return Scenario("options", space, std::move(profiles));
}

// A party that bids and votes from a script: bids[i] is its offer in bidding round i (GENIUS round
// 2i), votes[i][k] its vote in voting round i on the k-th offer. Past the script it bids d and
// votes against everything. It records the time and round of every move.
class ScriptedVoter final : public Negotiator {
 public:
  ScriptedVoter(std::vector<double> bids, std::vector<std::vector<bool>> votes)
      : bids_(std::move(bids)), votes_(std::move(votes)) {}

  void Begin(const NegotiatorContext& context) override { party_ = context.party; }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    moves.push_back({state.round, state.time, std::nullopt});
    proposal[0] = bids_made_ < bids_.size() ? bids_[bids_made_] : kD;
    ++bids_made_;
    return ActionType::kOffer;
  }
  Vote VoteOn(const VoteRequest& request, Outcome& /*scratch*/) override {
    if (throw_on_vote) throw std::runtime_error("scripted failure while voting");
    moves.push_back({request.turn.round, request.turn.time, request.ballot});
    requests.push_back(request);
    offers_voted.push_back((*request.turn.current_offer)[0]);
    const std::size_t round = request.turn.round / 2;
    const bool yes = round < votes_.size() && request.ballot < votes_[round].size() && votes_[round][request.ballot];
    return yes ? Vote::kAccept : Vote::kVeto;
  }
  void Observe(const ObservedAction& action) override {
    seen.push_back(
        {action.party, action.type, action.offer ? std::optional<double>((*action.offer)[0]) : std::nullopt});
  }

  struct MoveSeen {
    std::uint64_t round;
    double time;
    std::optional<std::size_t> ballot;  // none for a bid
  };
  struct ActionSeen {
    std::size_t party;
    ActionType type;
    std::optional<double> offer;
  };
  std::vector<MoveSeen> moves;
  std::vector<VoteRequest> requests;
  std::vector<double> offers_voted;
  std::vector<ActionSeen> seen;
  bool throw_on_vote = false;

 private:
  std::vector<double> bids_;
  std::vector<std::vector<bool>> votes_;
  std::size_t bids_made_ = 0;
  std::size_t party_ = 0;
};

NegotiationOptions Rounds(std::uint64_t rounds) {
  NegotiationOptions options;
  options.rounds = rounds;
  return options;
}

NegotiationResult RunVoters(std::string_view protocol, std::vector<ScriptedVoter>& voters, std::uint64_t rounds,
                            const Scenario& scenario = MakeScenario()) {
  std::vector<Negotiator*> negotiators;
  for (auto& voter : voters) negotiators.push_back(&voter);
  return ProtocolRegistry::Create(protocol)->Run(scenario, negotiators, Rounds(rounds));
}

std::vector<ActionType> Actions(const Trace& trace) {
  std::vector<ActionType> actions;
  for (std::size_t i = 0; i < trace.size(); ++i) actions.push_back(trace.step(i).action);
  return actions;
}

constexpr auto kOffer = ActionType::kOffer;
constexpr auto kYes = ActionType::kAccept;
constexpr auto kNo = ActionType::kReject;

TEST(Amop, TheFirstOfferEveryPartyAcceptsIsAgreedAtOnce) {
  // Bids a, c, b. Offer a: A only. Offer c: everyone -> agreed after C's vote on it; offer b,
  // which everyone would also accept, is never voted on.
  std::vector<ScriptedVoter> voters{
      {{kA}, {{true, true, true}}}, {{kC}, {{false, true, true}}}, {{kB}, {{false, true, true}}}};
  const NegotiationResult result = RunVoters("amop", voters, 10);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kC);
  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.steps, 3u + 6u);
  EXPECT_EQ(result.rounds, 2u);
  // Round 2 (1-based) of 10: t = 2 / 11.
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 11.0);
  EXPECT_EQ(result.utilities, (std::vector<double>{.3, 1, .5}));
  EXPECT_EQ(Actions(result.trace), (std::vector<ActionType>{kOffer, kOffer, kOffer, kYes, kNo, kNo, kYes, kYes, kYes}));
  for (const auto& voter : voters) EXPECT_EQ(voter.offers_voted, (std::vector<double>{kA, kC}));
}

TEST(Amop, PhasesAlternateOnGeniusClockAndRunOutWithoutAgreement) {
  // Nobody accepts another's offer: four rounds (bid, vote, bid, vote), each move of 1-based round
  // r at t = r / 5, and no agreement at 4 / 5.
  std::vector<ScriptedVoter> voters{{{kA, kA}, {{true}, {true}}},
                                    {{kC, kC}, {{false, true}, {false, true}}},
                                    {{kB, kB}, {{false, false, true}, {false, false, true}}}};
  const NegotiationResult result = RunVoters("amop", voters, 4);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.rounds, 4u);
  EXPECT_EQ(result.steps, 2u * (3u + 9u));
  EXPECT_DOUBLE_EQ(result.time, 4.0 / 5.0);
  EXPECT_EQ(result.utilities, (std::vector<double>{0, 0, 0}));
  const ScriptedVoter& a = voters[0];
  ASSERT_EQ(a.moves.size(), 2u * (1u + 3u));
  for (const auto& move : a.moves) EXPECT_DOUBLE_EQ(move.time, (move.round + 1) / 5.0);
  EXPECT_EQ(a.moves[0].round, 0u);
  EXPECT_FALSE(a.moves[0].ballot);
  EXPECT_EQ(a.moves[1].round, 1u);
  EXPECT_EQ(a.moves[3].ballot, 2u);
  EXPECT_EQ(a.moves[4].round, 2u);
  EXPECT_EQ(a.moves[7].round, 3u);
}

TEST(Amop, VotesCarryTheBallotTheVotesSoFarAndTheVotersOwnUtility) {
  std::vector<ScriptedVoter> voters{
      {{kA}, {{true, false, true}}}, {{kC}, {{true, true, false}}}, {{kB}, {{false, true, true}}}};
  RunVoters("amop", voters, 2);
  // Party C's votes: on a (made by A, one vote so far from A and one from B), on c, on b.
  const auto& requests = voters[2].requests;
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].voter, 2u);
  EXPECT_EQ(requests[0].ballots, 3u);
  EXPECT_EQ(requests[0].turn.offerer, 0u);
  EXPECT_EQ(requests[0].turn.acceptances, 2u);
  EXPECT_DOUBLE_EQ(requests[0].turn.current_offer_utility, .2);
  EXPECT_EQ(requests[1].turn.offerer, 1u);
  EXPECT_EQ(requests[1].turn.acceptances, 1u);
  EXPECT_DOUBLE_EQ(requests[1].turn.current_offer_utility, .5);
  EXPECT_EQ(requests[2].ballot, 2u);
  EXPECT_DOUBLE_EQ(requests[2].turn.current_offer_utility, 1.0);
  EXPECT_EQ(requests[2].turn.step, 3u + 8u);
}

TEST(Amop, EveryPartySeesEveryOtherPartysBidsAndVotesButNotItsOwn) {
  std::vector<ScriptedVoter> voters{
      {{kA}, {{true, false, false}}}, {{kC}, {{false, true, false}}}, {{kB}, {{false, false, true}}}};
  RunVoters("amop", voters, 2);
  // Party B sees A's bid, C's bid, then for each offer the votes of A and C.
  const auto& seen = voters[1].seen;
  ASSERT_EQ(seen.size(), 2u + 3u * 2u);
  EXPECT_EQ(seen[0].party, 0u);
  EXPECT_EQ(seen[0].type, kOffer);
  EXPECT_EQ(seen[0].offer, kA);
  EXPECT_EQ(seen[1].party, 2u);
  EXPECT_EQ(seen[1].offer, kB);
  EXPECT_EQ(seen[2].party, 0u);
  EXPECT_EQ(seen[2].type, kYes);
  EXPECT_EQ(seen[2].offer, kA);
  EXPECT_EQ(seen[3].party, 2u);
  EXPECT_EQ(seen[3].type, kNo);
  EXPECT_EQ(seen[5].party, 2u);
  EXPECT_EQ(seen[5].type, kNo);
  EXPECT_EQ(seen[5].offer, kC);
  EXPECT_EQ(seen[7].type, kYes);
  EXPECT_EQ(seen[7].offer, kB);
  for (const auto& action : seen) EXPECT_NE(action.party, 1u);
}

TEST(Majority, TheOfferWithMostVotesStandsAndTiesKeepTheEarlierOne) {
  // Voting round 1: a has A and B (2 votes, stands); c has B and C (2, a tie: a stays); b has C.
  // Voting round 2: d gets A and B (2, not more than the 2 a had: a stays). At the deadline of 4
  // rounds the last complete round is a voting round: a binds everyone, B and C included.
  std::vector<ScriptedVoter> voters{{{kA, kD}, {{true, false, false}, {true}}},
                                    {{kC, kC}, {{true, true, false}, {true}}},
                                    {{kB, kB}, {{false, true, true}, {false}}}};
  const NegotiationResult result = RunVoters("majority", voters, 4);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kA);
  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_DOUBLE_EQ(result.time, 4.0 / 5.0);
  EXPECT_EQ(result.rounds, 4u);
  EXPECT_EQ(result.steps, 24u);
  EXPECT_EQ(result.utilities, (std::vector<double>{1, 0, .2}));
}

TEST(Majority, TheStandingOfferDoesNotBindWhenTheDeadlineFollowsABiddingRound) {
  // The same votes, three rounds: bid, vote, bid. GENIUS asks for the agreement only after a
  // voting round, so a stands but does not bind.
  std::vector<ScriptedVoter> voters{
      {{kA, kD}, {{true, false, false}}}, {{kC, kC}, {{true, true, false}}}, {{kB, kB}, {{false, true, true}}}};
  const NegotiationResult result = RunVoters("majority", voters, 3);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_DOUBLE_EQ(result.time, 3.0 / 4.0);
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.steps, 3u + 9u + 3u);
}

TEST(Majority, AnOfferEveryPartyAcceptsEndsTheNegotiationAtOnce) {
  // Voting round 1: a stands with 2 votes; voting round 2: b gets all three after a with 1.
  std::vector<ScriptedVoter> voters{{{kA, kA}, {{true, false, false}, {true, true, true}}},
                                    {{kC, kB}, {{true, true, false}, {false, true, true}}},
                                    {{kB, kB}, {{false, false, true}, {false, true, true}}}};
  const NegotiationResult result = RunVoters("majority", voters, 20);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  EXPECT_EQ(result.rounds, 4u);
  EXPECT_EQ(result.steps, 12u + 3u + 6u);
  EXPECT_DOUBLE_EQ(result.time, 4.0 / 21.0);
}

TEST(Majority, NoOfferStandsWithoutAVote) {
  std::vector<ScriptedVoter> voters{{{kA}, {{false}}}, {{kC}, {{false, false}}}, {{kB}, {{false, false, false}}}};
  const NegotiationResult result = RunVoters("majority", voters, 2);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
}

TEST(VotingProtocols, DiscountingAtTheAgreementsTime) {
  std::vector<ScriptedVoter> voters{{{kB}, {{true}}}, {{kB}, {{true}}}, {{kB}, {{true}}}};
  const NegotiationResult result = RunVoters("majority", voters, 9, MakeScenario(0.5));
  ASSERT_TRUE(result.agreement);
  // Agreed on b in round 2 of 9 (t = 0.2) after the first three votes.
  EXPECT_EQ(result.steps, 6u);
  EXPECT_DOUBLE_EQ(result.time, 0.2);
  EXPECT_DOUBLE_EQ(result.utilities[0], .6 * std::pow(0.5, 0.2));
  EXPECT_DOUBLE_EQ(result.utilities[2], 1.0 * std::pow(0.5, 0.2));
}

TEST(VotingProtocols, TheDefaultVoteAsksActAsIfTheOfferWereOnTheTable) {
  // Scripted alternating-offers parties: a bid, then one Act per other party's offer. A accepts
  // B's offer and counter-offers C's (a vote against); B walks away from A's (against) and
  // accepts C's; C accepts both. Its own offer each party accepts without being asked.
  using S = ScriptedNegotiator;
  ScriptedNegotiator a({S::Offer({kA}), S::Accept(), S::Offer({kD})});
  ScriptedNegotiator b({S::Offer({kC}), S::End(), S::Accept()});
  ScriptedNegotiator c({S::Offer({kB}), S::Accept(), S::Accept()});
  const NegotiationResult result = ProtocolRegistry::Create("amop")->Run(MakeScenario(), {&a, &b, &c}, Rounds(2));
  EXPECT_EQ(Actions(result.trace),
            (std::vector<ActionType>{kOffer, kOffer, kOffer, kYes, kNo, kYes, kYes, kYes, kYes}));
  // Offer c (B's) had everyone's vote: agreed.
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kC);
  ASSERT_EQ(a.turns().size(), 2u);
  EXPECT_EQ(a.turns()[1].offer, Outcome({kC}));
  EXPECT_EQ(a.turns()[1].offerer, 1u);
  EXPECT_EQ(b.turns().size(), 2u);
  EXPECT_EQ(b.turns()[1].offer, Outcome({kA}));
  EXPECT_EQ(c.turns().size(), 3u);
}

TEST(VotingProtocols, AcceptingWhileBiddingPutsTheLastOfferForward) {
  using S = ScriptedNegotiator;
  ScriptedNegotiator a({S::Offer({kA})}, S::Accept());
  ScriptedNegotiator b({S::Accept()}, S::Accept());
  ScriptedNegotiator c({S::Offer({kB})}, S::Accept());
  const NegotiationResult result = ProtocolRegistry::Create("amop")->Run(MakeScenario(), {&a, &b, &c}, Rounds(4));
  ASSERT_GE(result.trace.size(), 3u);
  EXPECT_EQ(result.trace.step(1).action, kOffer);
  EXPECT_EQ(result.trace.offer(1), Outcome({kA}));
  // Everyone accepts everything: the first offer, a, is agreed.
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kA);
}

TEST(VotingProtocols, AcceptingWithNothingOnTheTableIsAFault) {
  using S = ScriptedNegotiator;
  ScriptedNegotiator a({S::Accept()});
  ScriptedNegotiator b({S::Offer({kA})});
  ScriptedNegotiator c({S::Offer({kA})});
  const NegotiationResult result = ProtocolRegistry::Create("majority")->Run(MakeScenario(), {&a, &b, &c}, Rounds(4));
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault);
  EXPECT_EQ(result.fault->party, 0u);
  EXPECT_NE(result.fault->message.find("no offer was on the table"), std::string::npos) << result.fault->message;
}

TEST(VotingProtocols, WalkingAwayWhileBiddingEndsTheNegotiation) {
  using S = ScriptedNegotiator;
  ScriptedNegotiator a({S::Offer({kA})});
  ScriptedNegotiator b({S::End()});
  ScriptedNegotiator c({S::Offer({kA})});
  const NegotiationResult result = ProtocolRegistry::Create("majority")->Run(MakeScenario(), {&a, &b, &c}, Rounds(4));
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.steps, 2u);
  EXPECT_TRUE(c.turns().empty());
  ASSERT_EQ(c.seen().size(), 2u);
  EXPECT_EQ(c.seen()[1].type, ActionType::kEndNegotiation);
}

TEST(VotingProtocols, AVoterThatThrowsIsAFault) {
  std::vector<ScriptedVoter> voters{{{kA}, {}}, {{kC}, {}}, {{kB}, {}}};
  voters[1].throw_on_vote = true;
  const NegotiationResult result = RunVoters("amop", voters, 4);
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault);
  EXPECT_EQ(result.fault->party, 1u);
  EXPECT_NE(result.fault->message.find("while voting at step 4"), std::string::npos) << result.fault->message;
}

TEST(VotingProtocols, RefuseMediators) {
  const Scenario scenario = MakeScenario();
  std::vector<ScriptedVoter> voters{{{kA}, {}}, {{kC}, {}}, {{kB}, {}}};
  testing::ScriptedMediator mediator({});
  for (const char* protocol : {"amop", "majority"}) {
    EXPECT_THROW(
        ProtocolRegistry::Create(protocol)->Run(scenario, {&voters[0], &voters[1], &voters[2]}, {&mediator}, Rounds(4)),
        UsageError)
        << protocol;
  }
}

}  // namespace
}  // namespace parley
