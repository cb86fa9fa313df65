// Tests of the "tau" protocol (NegMAS's TAUMechanism) with scripted parties on a hand-made one-issue
// scenario: the agreement rule (every party's proposal and every party's acceptance, in any other
// thread or in every other thread), the final sweep, the breaks (a return to an older offer, a
// walk-away, a round of repeats) and the order in which a round is judged, the clock, the seeded
// thread order, what parties see and faults. Every expected value is worked out by hand from the
// rules in docs/negotiation.md#tau-tau; each test's comment gives the derivation.
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "conformance.h"
#include "fixtures.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/utility.h"

namespace parley {
namespace {

// One issue "option" with values a..e (positions 0..4); a party's utility of an option is its entry:
//          a    b    c    d    e
//   A:     1   .8   .6   .4   .2
//   B:    .2   .6    1   .8   .4
//   C:    .4    1   .6   .2   .8
constexpr double kA = 0, kB = 1, kC = 2, kD = 3, kE = 4;
// Script entries that are not outcomes.
constexpr double kWalk = -1;    // walk away (NegMAS's None offer)
constexpr double kTakeIt = -2;  // accept the offer on its table
const std::vector<std::vector<double>> kTables = {{1, .8, .6, .4, .2}, {.2, .6, 1, .8, .4}, {.4, 1, .6, .2, .8}};

Scenario MakeScenario(std::size_t parties) {
  auto space = std::make_shared<const OutcomeSpace>(
      "options", std::vector<Issue>{Issue::Discrete("option", {"a", "b", "c", "d", "e"})});
  std::vector<Profile> profiles;
  const char* names[] = {"A", "B", "C"};
  for (std::size_t p = 0; p < parties; ++p) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table(kTables[p])});
    profiles.emplace_back(names[p], utility, 0.0, 1.0);
  }
  return Scenario("options", space, std::move(profiles));
}

// Whether a party accepts `offer` (an option) made by `owner` in `round`.
using Acceptance = std::function<bool(std::uint64_t round, std::size_t owner, double offer)>;

Acceptance AcceptsOnly(std::set<double> options) {
  return [options](std::uint64_t, std::size_t, double offer) { return options.contains(offer); };
}
Acceptance AcceptsNothing() { return AcceptsOnly({}); }

// A party that proposes from a script (past its end it repeats the last entry) and responds by an
// acceptance rule. It records what it was shown.
class ScriptedThreadParty final : public Negotiator {
 public:
  ScriptedThreadParty(std::vector<double> proposals, Acceptance accepts)
      : proposals_(std::move(proposals)), accepts_(std::move(accepts)) {}

  void Begin(const NegotiatorContext& context) override { party_ = context.party; }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    turns.push_back(state);
    tables.push_back(state.current_offer ? std::optional<double>((*state.current_offer)[0]) : std::nullopt);
    const double next = proposals_[std::min(made_++, proposals_.size() - 1)];
    if (next == kWalk) return ActionType::kEndNegotiation;
    if (next == kTakeIt) return ActionType::kAccept;
    proposal[0] = next;
    return ActionType::kOffer;
  }
  Vote VoteOn(const VoteRequest& request, Outcome& /*scratch*/) override {
    if (throw_on_response) throw std::runtime_error("scripted failure while responding");
    requests.push_back(request);
    return accepts_(request.turn.round, request.turn.offerer, (*request.turn.current_offer)[0]) ? Vote::kAccept
                                                                                                : Vote::kVeto;
  }
  void Observe(const ObservedAction& action) override {
    seen.push_back(
        {action.party, action.type, action.offer ? std::optional<double>((*action.offer)[0]) : std::nullopt});
  }

  struct ActionSeen {
    std::size_t party;
    ActionType type;
    std::optional<double> offer;
    bool operator==(const ActionSeen&) const = default;
  };
  std::vector<TurnState> turns;
  std::vector<std::optional<double>> tables;
  std::vector<VoteRequest> requests;
  std::vector<ActionSeen> seen;
  bool throw_on_response = false;

 private:
  std::vector<double> proposals_;
  Acceptance accepts_;
  std::size_t made_ = 0;
  std::size_t party_ = 0;
};

NegotiationResult Play(std::vector<ScriptedThreadParty>& parties, std::uint64_t rounds,
                       std::string_view protocol = "tau(shuffle=false)", std::uint64_t seed = 0) {
  std::vector<Negotiator*> negotiators;
  for (auto& party : parties) negotiators.push_back(&party);
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  return ProtocolRegistry::Create(protocol)->Run(MakeScenario(parties.size()), negotiators, options);
}

struct Entry {
  std::size_t party;
  ActionType action;
  std::optional<double> offer;
  bool operator==(const Entry&) const = default;
};

std::vector<Entry> Entries(const Trace& trace) {
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    entries.push_back({trace.step(i).party, trace.step(i).action,
                       trace.has_offer(i) ? std::optional<double>(trace.offer(i)[0]) : std::nullopt});
  }
  return entries;
}

constexpr auto kOffer = ActionType::kOffer;
constexpr auto kYes = ActionType::kAccept;
constexpr auto kNo = ActionType::kReject;
constexpr auto kEnd = ActionType::kEndNegotiation;

TEST(Tau, AnAgreementNeedsEveryPartysProposalAndAcceptance) {
  // Threads in party order. Everyone accepts b, nothing else.
  // Round 0: A offers b (accepted by B, C: b accepted by {B, C}, proposed by {A}); B offers c
  // (rejected); C offers b (accepted by A, B: accepted by all three, proposed by {A, C}: not yet).
  // The sweep finds b proposed by two of three. Round 1: A repeats b (proposed by {A, C} still);
  // B offers b: proposed by all, and A's acceptance in B's thread completes it: b at round 1, time
  // 2/11, after all nine moves of the round (every thread runs before the round is judged).
  std::vector<ScriptedThreadParty> parties{
      {{kB}, AcceptsOnly({kB})}, {{kC, kB}, AcceptsOnly({kB})}, {{kB}, AcceptsOnly({kB})}};
  const NegotiationResult result = Play(parties, 10);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.rounds, 2u);
  EXPECT_EQ(result.steps, 18u);
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 11.0);
  EXPECT_EQ(result.utilities, (std::vector<double>{.8, .6, 1}));
  EXPECT_EQ(result.trace.size(), 18u);
  const std::vector<Entry> round0{{0, kOffer, kB}, {1, kYes, kB},   {2, kYes, kB}, {1, kOffer, kC}, {0, kNo, kC},
                                  {2, kNo, kC},    {2, kOffer, kB}, {0, kYes, kB}, {1, kYes, kB}};
  const std::vector<Entry> entries = Entries(result.trace);
  EXPECT_EQ(std::vector<Entry>(entries.begin(), entries.begin() + 9), round0);
}

TEST(Tau, TheFinalSweepCatchesTheLastMissingProposal) {
  // Round 0: A offers b, accepted by B and C; B offers b, accepted by A (C rejects in B's thread);
  // C offers c. b: accepted by all three, proposed by {A, B}. Round 1: A and B repeat b (each
  // acceptance is checked while b still lacks C's proposal); C offers b and both others reject it
  // in C's thread, so no acceptance completes it, but the sweep after the round finds b proposed
  // and accepted by all: agreed at round 1.
  auto a_accepts = [](std::uint64_t, std::size_t owner, double offer) { return offer == kB && owner != 2; };
  auto c_accepts = [](std::uint64_t, std::size_t owner, double offer) { return offer == kB && owner == 0; };
  std::vector<ScriptedThreadParty> parties{{{kB}, a_accepts}, {{kB}, a_accepts}, {{kC, kB}, c_accepts}};
  const NegotiationResult result = Play(parties, 10);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  EXPECT_EQ(result.rounds, 2u);
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 11.0);
  // The last thread: C's offer of b, rejected by A and B.
  const std::vector<Entry> entries = Entries(result.trace);
  ASSERT_EQ(entries.size(), 18u);
  EXPECT_EQ(entries[15], (Entry{2, kOffer, kB}));
  EXPECT_EQ(entries[16], (Entry{0, kNo, kB}));
  EXPECT_EQ(entries[17], (Entry{1, kNo, kB}));
}

TEST(Tau, AcceptanceInEveryOtherThreadWhenAskedFor) {
  // Everyone offers b every round and accepts it, except C in B's thread in round 0.
  // Any thread: round 0, C's thread: b proposed by all; A's acceptance there makes A, B, C all
  // acceptors (B and C in A's thread): agreed at round 0 (9 moves, time 1/11).
  // Every thread: after round 0, C has accepted b in A's thread only. Round 1 (every party repeats,
  // but the acceptances are judged first): C accepts in B's thread, and every party has now accepted
  // in both other threads: agreed at round 1 (18 moves, time 2/11).
  auto accepts = [](std::uint64_t, std::size_t, double offer) { return offer == kB; };
  auto c_accepts = [](std::uint64_t round, std::size_t owner, double offer) {
    return offer == kB && !(round == 0 && owner == 1);
  };
  for (const bool any : {true, false}) {
    std::vector<ScriptedThreadParty> parties{{{kB}, accepts}, {{kB}, accepts}, {{kB}, c_accepts}};
    const NegotiationResult result =
        Play(parties, 10, any ? "tau(shuffle=false)" : "tau(shuffle=false,accept_in_any_thread=false)");
    ASSERT_TRUE(result.agreement) << any;
    EXPECT_EQ((*result.agreement)[0], kB);
    EXPECT_EQ(result.steps, any ? 9u : 18u);
    EXPECT_DOUBLE_EQ(result.time, any ? 1.0 / 11.0 : 2.0 / 11.0);
  }
}

TEST(Tau, TheFinalSweepNeedsEveryThreadWhenAskedFor) {
  // The sweep's case above: under accept_in_any_thread=false B has accepted b only in A's thread
  // and A only in B's, so nothing is agreed in round 1; round 2 repeats everything: broken.
  auto a_accepts = [](std::uint64_t, std::size_t owner, double offer) { return offer == kB && owner != 2; };
  auto c_accepts = [](std::uint64_t, std::size_t owner, double offer) { return offer == kB && owner == 0; };
  std::vector<ScriptedThreadParty> parties{{{kB}, a_accepts}, {{kB}, a_accepts}, {{kC, kB}, c_accepts}};
  const NegotiationResult result = Play(parties, 10, "tau(shuffle=false,accept_in_any_thread=false)");
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.rounds, 3u);
}

TEST(Tau, TwoPartiesAgreeWhereAThirdWhoNeitherProposesNorAcceptsBlocksIt) {
  // A and B offer and accept b. Alone: A's thread makes B an acceptor, B's thread (b now proposed
  // by both) makes A one: agreed at round 0 after 4 moves. With C, who offers e and accepts
  // nothing: never agreed; round 1 repeats everything: broken by the last thread's owner, C.
  std::vector<ScriptedThreadParty> two{{{kB}, AcceptsOnly({kB})}, {{kB}, AcceptsOnly({kB})}};
  const NegotiationResult bilateral = Play(two, 10);
  ASSERT_TRUE(bilateral.agreement);
  EXPECT_EQ((*bilateral.agreement)[0], kB);
  EXPECT_EQ(bilateral.steps, 4u);
  std::vector<ScriptedThreadParty> three{
      {{kB}, AcceptsOnly({kB})}, {{kB}, AcceptsOnly({kB})}, {{kE}, AcceptsNothing()}};
  const NegotiationResult trilateral = Play(three, 10);
  EXPECT_FALSE(trilateral.agreement);
  EXPECT_EQ(trilateral.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(trilateral.rounds, 2u);
  EXPECT_EQ(trilateral.steps, 18u);
  ASSERT_EQ(trilateral.trace.size(), 19u);
  EXPECT_EQ(Entries(trilateral.trace).back(), (Entry{2, kEnd, std::nullopt}));
}

TEST(Tau, ReturningToAnOlderOfferBreaksTheNegotiation) {
  // A offers a, b, a; B offers c, d, e; nobody accepts. Round 2: A's a was offered before and is
  // not its last offer (b): broken by A at round 2 (time 3/11), after all 12 moves, with A's closing
  // walk-away entry.
  std::vector<ScriptedThreadParty> parties{{{kA, kB, kA}, AcceptsNothing()}, {{kC, kD, kE}, AcceptsNothing()}};
  const NegotiationResult result = Play(parties, 10);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.steps, 12u);
  EXPECT_DOUBLE_EQ(result.time, 3.0 / 11.0);
  EXPECT_EQ(result.utilities, (std::vector<double>{0, 0}));
  ASSERT_EQ(result.trace.size(), 13u);
  EXPECT_EQ(Entries(result.trace).back(), (Entry{0, kEnd, std::nullopt}));
  EXPECT_EQ(result.trace.step(12).round, 2u);
  EXPECT_EQ(result.trace.step(12).step, 11u);
  EXPECT_NE(result.stop_reason.find("party 0 returned in round 2"), std::string::npos) << result.stop_reason;
  EXPECT_EQ(parties[0].turns.size(), 3u);
  EXPECT_EQ(parties[1].turns.size(), 3u);
}

TEST(Tau, RepeatingTheLastOfferIsAllowedAndAnAgreementBeforeABreakWins) {
  // Party X offers a, e, b, accepting only b; party Y offers b, c, b (a return), accepting only b.
  // Round 0: X accepts b in Y's thread (b: accepted by X, proposed by Y). Round 1: nothing.
  // Round 2 with X first: X offers b, proposed by both now, and Y's acceptance completes it: agreed
  // before Y's return is judged. With Y first: Y's return breaks the negotiation before X's thread.
  const std::vector<double> x{kA, kE, kB}, y{kB, kC, kB};
  std::vector<ScriptedThreadParty> x_first{{x, AcceptsOnly({kB})}, {y, AcceptsOnly({kB})}};
  const NegotiationResult agreed = Play(x_first, 10);
  ASSERT_TRUE(agreed.agreement);
  EXPECT_EQ((*agreed.agreement)[0], kB);
  EXPECT_EQ(agreed.rounds, 3u);
  EXPECT_EQ(agreed.steps, 12u);
  std::vector<ScriptedThreadParty> y_first{{y, AcceptsOnly({kB})}, {x, AcceptsOnly({kB})}};
  const NegotiationResult broken = Play(y_first, 10);
  EXPECT_FALSE(broken.agreement);
  EXPECT_EQ(broken.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(broken.rounds, 3u);
  EXPECT_EQ(Entries(broken.trace).back(), (Entry{0, kEnd, std::nullopt}));
}

TEST(Tau, ARoundInWhichEveryPartyRepeatsBreaksTheNegotiation) {
  // Sheet example: A offers a then has nothing left, B offers c likewise; nobody accepts. Round 1:
  // both repeat: broken at round 1 (8 moves) by the last thread's owner, B.
  std::vector<ScriptedThreadParty> parties{{{kA}, AcceptsNothing()}, {{kC}, AcceptsNothing()}};
  const NegotiationResult result = Play(parties, 10);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.rounds, 2u);
  EXPECT_EQ(result.steps, 8u);
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 11.0);
  EXPECT_EQ(Entries(result.trace).back(), (Entry{1, kEnd, std::nullopt}));
  EXPECT_NE(result.stop_reason.find("every party repeated"), std::string::npos) << result.stop_reason;
}

TEST(Tau, AnAgreementInARoundOfRepeatsWins) {
  // Both offer b twice; nobody accepts in round 0, both accept in round 1. Round 1 repeats
  // everything, but B's thread completes b before the repeats are counted: agreed at round 1.
  auto later = [](std::uint64_t round, std::size_t, double offer) { return round == 1 && offer == kB; };
  std::vector<ScriptedThreadParty> parties{{{kB}, later}, {{kB}, later}};
  const NegotiationResult result = Play(parties, 10);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kB);
  EXPECT_EQ(result.rounds, 2u);
}

TEST(Tau, MakingNoOfferBreaksTheNegotiationAfterTheRoundIsPlayed) {
  // B walks away in round 0: its thread has no responses, C's thread still runs, and the round is
  // then judged: A's thread is fine, B's breaks it. Moves: 3 + 1 + 3.
  std::vector<ScriptedThreadParty> parties{
      {{kA}, AcceptsNothing()}, {{kWalk}, AcceptsNothing()}, {{kC}, AcceptsNothing()}};
  const NegotiationResult result = Play(parties, 10);
  EXPECT_FALSE(result.agreement);
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_EQ(result.steps, 7u);
  EXPECT_EQ(result.rounds, 1u);
  const std::vector<Entry> expected{{0, kOffer, kA}, {1, kNo, kA}, {2, kNo, kA}, {1, kEnd, std::nullopt},
                                    {2, kOffer, kC}, {0, kNo, kC}, {1, kNo, kC}, {1, kEnd, std::nullopt}};
  EXPECT_EQ(Entries(result.trace), expected);
  EXPECT_EQ(parties[2].turns.size(), 1u);
  EXPECT_NE(result.stop_reason.find("party 1 made no offer"), std::string::npos) << result.stop_reason;
}

TEST(Tau, AWalkAwayAsAResponseIsARejection) {
  // NegMAS counts an END_NEGOTIATION response as a non-acceptance and nothing more. B here is an
  // alternating-offers party voting through Negotiator::VoteOn's default: its Act is asked about
  // A's offer first (its script's 1st move, an offer: a vote against), then proposes (2nd), then in
  // round 1 walks away from A's offer (3rd: a vote against, recorded as a rejection) and proposes
  // (4th). Nothing breaks: the deadline of 2 rounds ends it.
  using S = testing::ScriptedNegotiator;
  ScriptedThreadParty a({kA, kB}, AcceptsNothing());
  S b({S::Offer({kC}), S::Offer({kC}), S::End(), S::Offer({kD})});
  NegotiationOptions options;
  options.rounds = 2;
  const NegotiationResult result =
      ProtocolRegistry::Create("tau(shuffle=false)")->Run(MakeScenario(2), {&a, &b}, options);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.rounds, 2u);
  const std::vector<Entry> expected{{0, kOffer, kA}, {1, kNo, kA}, {1, kOffer, kC}, {0, kNo, kC},
                                    {0, kOffer, kB}, {1, kNo, kB}, {1, kOffer, kD}, {0, kNo, kD}};
  EXPECT_EQ(Entries(result.trace), expected);
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 3.0);
}

TEST(Tau, AcceptingTheOfferOnItsTableProposesIt) {
  // A offers a; B, whose table shows A's a (made in this round's first thread, accepted by B there),
  // accepts it, which proposes a in B's thread; A accepts a there: proposed and accepted by both,
  // agreed at round 0. A, first in the round with nothing offered yet, had an empty table.
  std::vector<ScriptedThreadParty> parties{{{kA}, AcceptsOnly({kA})}, {{kTakeIt}, AcceptsOnly({kA})}};
  const NegotiationResult result = Play(parties, 10);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ((*result.agreement)[0], kA);
  EXPECT_EQ(Entries(result.trace),
            (std::vector<Entry>{{0, kOffer, kA}, {1, kYes, kA}, {1, kOffer, kA}, {0, kYes, kA}}));
  EXPECT_EQ(parties[0].tables, (std::vector<std::optional<double>>{std::nullopt}));
  ASSERT_EQ(parties[1].turns.size(), 1u);
  EXPECT_EQ(parties[1].tables[0], kA);
  EXPECT_EQ(parties[1].turns[0].offerer, 0u);
  EXPECT_EQ(parties[1].turns[0].acceptances, 1u);
  EXPECT_DOUBLE_EQ(parties[1].turns[0].current_offer_utility, .2);
}

TEST(Tau, TheTableShowsTheLatestOfferOfAnotherParty) {
  // Three parties offering new options each round, party order: A's table in round 1 is C's offer
  // of round 0 (the latest); B's is A's of round 1; C's is B's. In round 0 B sees A's and C sees B's.
  std::vector<ScriptedThreadParty> parties{
      {{kA, kB}, AcceptsNothing()}, {{kC, kD}, AcceptsNothing()}, {{kE, kA}, AcceptsNothing()}};
  Play(parties, 2);
  EXPECT_EQ(parties[0].tables, (std::vector<std::optional<double>>{std::nullopt, kE}));
  EXPECT_EQ(parties[1].tables, (std::vector<std::optional<double>>{kA, kB}));
  EXPECT_EQ(parties[2].tables, (std::vector<std::optional<double>>{kC, kD}));
}

TEST(Tau, AcceptingWithNothingOnTheTableIsAFault) {
  std::vector<ScriptedThreadParty> parties{{{kTakeIt}, AcceptsNothing()}, {{kC}, AcceptsNothing()}};
  const NegotiationResult result = Play(parties, 10);
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault);
  EXPECT_EQ(result.fault->party, 0u);
  EXPECT_EQ(result.fault->message, "accepted at step 0 when no offer was on the table");
}

TEST(Tau, AResponderThatThrowsIsAFault) {
  std::vector<ScriptedThreadParty> parties{{{kA}, AcceptsNothing()}, {{kC}, AcceptsNothing()}};
  parties[1].throw_on_response = true;
  const NegotiationResult result = Play(parties, 10);
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault);
  EXPECT_EQ(result.fault->party, 1u);
  EXPECT_EQ(result.fault->message, "threw while responding at step 1: scripted failure while responding");
}

TEST(Tau, EveryPartySeesEveryOtherPartysProposalsAndResponses) {
  // Round 0 in party order; A accepts nothing, B accepts c, C accepts a. A sees B's and C's
  // responses in its thread, B's offer, C's response to it, C's offer and B's response to it.
  std::vector<ScriptedThreadParty> parties{
      {{kA}, AcceptsNothing()}, {{kB}, AcceptsOnly({kC})}, {{kC}, AcceptsOnly({kA})}};
  Play(parties, 1);
  using Seen = ScriptedThreadParty::ActionSeen;
  EXPECT_EQ(
      parties[0].seen,
      (std::vector<Seen>{{1, kNo, kA}, {2, kYes, kA}, {1, kOffer, kB}, {2, kNo, kB}, {2, kOffer, kC}, {1, kYes, kC}}));
  // B's requests: on A's offer (position 0 of 3, no acceptance yet) and on C's (position 2, A
  // rejected it).
  ASSERT_EQ(parties[1].requests.size(), 2u);
  EXPECT_EQ(parties[1].requests[0].ballot, 0u);
  EXPECT_EQ(parties[1].requests[0].ballots, 3u);
  EXPECT_EQ(parties[1].requests[0].turn.offerer, 0u);
  EXPECT_EQ(parties[1].requests[0].turn.acceptances, 0u);
  EXPECT_EQ(parties[1].requests[0].turn.step, 1u);
  EXPECT_DOUBLE_EQ(parties[1].requests[0].turn.current_offer_utility, .2);
  EXPECT_EQ(parties[1].requests[1].ballot, 2u);
  EXPECT_EQ(parties[1].requests[1].turn.offerer, 2u);
  EXPECT_EQ(parties[1].requests[1].turn.step, 8u);
  EXPECT_EQ(parties[2].requests[1].turn.acceptances, 0u);
}

TEST(Tau, RoundsRunOnTheGeniusClockToTheDeadline) {
  // New offers every round, nothing accepted: 3 rounds of 4 moves, each move of round k at
  // (k + 1) / 4, no agreement at 3 / 4.
  std::vector<ScriptedThreadParty> parties{{{kA, kB, kC}, AcceptsNothing()}, {{kE, kD, kC}, AcceptsNothing()}};
  const NegotiationResult result = Play(parties, 3);
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.steps, 12u);
  EXPECT_DOUBLE_EQ(result.time, 0.75);
  ASSERT_EQ(parties[1].turns.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(parties[1].turns[k].round, k);
    EXPECT_DOUBLE_EQ(parties[1].turns[k].time, (k + 1) / 4.0);
    EXPECT_EQ(parties[1].turns[k].step, 4 * k + 2);
  }
}

// The order the threads ran in, round by round, read from the proposals in the trace.
std::vector<std::vector<std::size_t>> ThreadOrders(const Trace& trace) {
  std::vector<std::vector<std::size_t>> orders;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    if (step.action != kOffer) continue;
    if (orders.size() <= step.round) orders.resize(step.round + 1);
    orders[step.round].push_back(step.party);
  }
  return orders;
}

TEST(Tau, TheThreadOrderIsShuffledFromTheSeedEveryRound) {
  // Three parties with four new offers each, nothing accepted: four full rounds. Every round's
  // order is a permutation; the same seed gives the same orders; over 20 seeds the first round
  // takes more than one order (each of the 6 has probability 1/6; all 20 alike: 6 * 6^-20).
  auto play = [](std::uint64_t seed, std::string_view protocol) {
    std::vector<ScriptedThreadParty> parties{{{kA, kB, kC, kD}, AcceptsNothing()},
                                             {{kB, kC, kD, kE}, AcceptsNothing()},
                                             {{kC, kD, kE, kA}, AcceptsNothing()}};
    return ThreadOrders(Play(parties, 4, protocol, seed).trace);
  };
  std::set<std::vector<std::size_t>> first_orders;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto orders = play(seed, "tau");
    ASSERT_EQ(orders.size(), 4u);
    for (const auto& order : orders) {
      EXPECT_EQ(std::set<std::size_t>(order.begin(), order.end()), (std::set<std::size_t>{0, 1, 2})) << seed;
    }
    EXPECT_EQ(play(seed, "tau"), orders) << seed;
    first_orders.insert(orders[0]);
  }
  EXPECT_GT(first_orders.size(), 1u);
  const std::vector<std::vector<std::size_t>> party_order(4, {0, 1, 2});
  EXPECT_EQ(play(7, "tau(shuffle=false)"), party_order);
}

TEST(Tau, NeedsADeadlineAndRefusesMediators) {
  std::vector<ScriptedThreadParty> parties{{{kA}, AcceptsNothing()}, {{kC}, AcceptsNothing()}};
  const Scenario scenario = MakeScenario(2);
  EXPECT_THROW(ProtocolRegistry::Create("tau")->Run(scenario, {&parties[0], &parties[1]}, NegotiationOptions{}),
               UsageError);
  testing::ScriptedMediator mediator({});
  NegotiationOptions options;
  options.rounds = 4;
  try {
    ProtocolRegistry::Create("tau")->Run(scenario, {&parties[0], &parties[1]}, {&mediator}, options);
    FAIL() << "no UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "the tau protocol has no mediators");
  }
}

// The first `count` entries of `trace`.
Trace Prefix(const Trace& trace, std::size_t count) {
  Trace prefix;
  prefix.Reset(trace.issue_count(), trace.party_count(), count);
  for (std::size_t i = 0; i < count; ++i) {
    std::vector<double> utilities;
    for (std::size_t p = 0; p < trace.party_count(); ++p) utilities.push_back(trace.utility(i, p));
    const Outcome offer = trace.has_offer(i) ? trace.offer(i) : Outcome();
    prefix.Add(trace.step(i), trace.has_offer(i) ? &offer : nullptr, utilities.data());
  }
  return prefix;
}

TEST(TauReferee, AgreesWithTheRunsAndCatchesWrongEndings) {
  // The first test's run: the referee derives b at round 1 from the trace alone.
  std::vector<ScriptedThreadParty> parties{
      {{kB}, AcceptsOnly({kB})}, {{kC, kB}, AcceptsOnly({kB})}, {{kB}, AcceptsOnly({kB})}};
  NegotiationResult agreed = Play(parties, 10);
  const Scenario scenario = MakeScenario(3);
  auto verdict = conformance::RefereeOf("tau(shuffle=false)", scenario, agreed);
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->violations.empty());
  ASSERT_TRUE(verdict->agreement);
  EXPECT_EQ((*verdict->agreement)[0], kB);
  // AcceptanceInEveryOtherThreadWhenAskedFor's run agreed at round 0 with acceptances in any
  // thread; judged as accept_in_any_thread=false its trace gives none (C accepted b in A's thread
  // only).
  auto accepts = [](std::uint64_t, std::size_t, double offer) { return offer == kB; };
  auto c_accepts = [](std::uint64_t round, std::size_t owner, double offer) {
    return offer == kB && !(round == 0 && owner == 1);
  };
  std::vector<ScriptedThreadParty> early{{{kB}, accepts}, {{kB}, accepts}, {{kB}, c_accepts}};
  const NegotiationResult any = Play(early, 10);
  verdict = conformance::RefereeOf("tau(shuffle=false,accept_in_any_thread=false)", scenario, any);
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->agreement);
  // Cut after round 0: no agreement by the rules.
  agreed.trace = Prefix(agreed.trace, 9);
  verdict = conformance::RefereeOf("tau", scenario, agreed);
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->agreement);

  // A break reported as a deadline.
  std::vector<ScriptedThreadParty> returning{{{kA, kB, kA}, AcceptsNothing()}, {{kC, kD, kE}, AcceptsNothing()}};
  NegotiationResult broken = Play(returning, 10);
  const Scenario two = MakeScenario(2);
  verdict = conformance::RefereeOf("tau", two, broken);
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->violations.empty());
  EXPECT_FALSE(verdict->agreement);
  broken.end_reason = EndReason::kDeadline;
  verdict = conformance::RefereeOf("tau", two, broken);
  ASSERT_TRUE(verdict);
  ASSERT_EQ(verdict->violations.size(), 1u);
  EXPECT_EQ(verdict->violations[0], "ended with 'deadline' where the rules break the negotiation in round 2");
  // A break without its closing entry.
  broken.end_reason = EndReason::kEndedByParty;
  broken.trace = Prefix(broken.trace, 12);
  verdict = conformance::RefereeOf("tau", two, broken);
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->violations.size(), 1u);
}

}  // namespace
}  // namespace parley
