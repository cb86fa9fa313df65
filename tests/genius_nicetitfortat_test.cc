// Tests of `nicetitfortat` against GENIUS's agents.anac.y2011.Nice_Tit_for_Tat.NiceTitForTat. GENIUS
// recorded no session of it, so the sessions are scripted (tests/genius_scripted_sessions.h): ANAC
// 2012's CarA from ../shared/scenarios, the agent on Car-A-prof1 with its reservation value and
// discount factor replaced, against an opponent that offers a fixed list of bids in turn, for 200
// rounds. What the source implies is derived by hand where it is simple (when it accepts, when it
// offers back the opponent's best bid); every offer is what GENIUS's class made in the same session
// (its init, the opponent's offers as ReceiveMessage, chooseAction each round of a 200-round
// DiscreteTimeline) with its unseeded generator replaced by java.util.Random(42), the seed the port
// is given here. Unseeded, GENIUS's class ended each session in the same round (three runs each).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "genius_scripted_sessions.h"
#include "genius_trace.h"
#include "negotiators/anac/genius_nash_point.h"
#include "parley/protocol.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

using testing::CarABid;
using testing::GeniusBid;

constexpr std::uint64_t kSeed = 42;

// CarA with the agent on Car-A-prof1 (reservation value and discount replaced) at `position`.
Scenario CarAWithAgentAt(std::size_t position, double reservation, double discount) {
  const Scenario scenario = testing::ScriptedCarA(reservation, discount);
  std::vector<Profile> profiles = scenario.profiles();
  if (position == 1) std::swap(profiles[0], profiles[1]);
  return Scenario(scenario.name(), scenario.shared_space(), profiles);
}

// The agent at `position` against the scripted opponent, both seeded kSeed (as GENIUS seeds all).
NegotiationResult RunSession(const Scenario& scenario, std::size_t position, const std::vector<GeniusBid>& script) {
  testing::OpponentScript() = script;
  testing::ScriptedOpponent opponent;
  auto agent = NegotiatorRegistry::Create("nicetitfortat");
  std::vector<Negotiator*> parties = {agent.get(), &opponent};
  if (position == 1) std::swap(parties[0], parties[1]);
  NegotiationOptions options;
  options.rounds = 200;
  options.party_seeds.assign(2, kSeed);
  return ProtocolRegistry::Create("saop")->Run(scenario, parties, options);
}

// The agent's offers, each as the positions of its six values in the domain's order (000000 is
// every issue "good"), separated by spaces.
std::string OffersOf(const NegotiationResult& result, const Scenario& scenario, std::size_t position) {
  std::string offers;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const Trace::Step& step = result.trace.step(i);
    if (step.party != position || step.action != ActionType::kOffer) continue;
    const Outcome offer = result.trace.offer(i);
    if (!offers.empty()) offers += ' ';
    for (std::size_t k = 0; k < offer.size(); ++k)
      offers += std::to_string(scenario.space().issue(k).PositionOf(offer[k]));
  }
  return offers;
}

const GeniusBid kWorth0_30 = CarABid({"none", "none", "none", "none", "standard", "meager"});
const GeniusBid kWorth0_61 = CarABid({"none", "none", "meager", "meager", "standard", "standard"});
const GeniusBid kWorth0_81 = CarABid({"meager", "meager", "meager", "meager", "meager", "meager"});
const GeniusBid kWorth0_90 = CarABid({"meager", "standard", "standard", "meager", "standard", "standard"});
const GeniusBid kWorth0_93 = CarABid({"good", "meager", "standard", "standard", "standard", "standard"});

// An opponent conceding slowly: twelve bids from 0.30 to 0.85 for the agent (each the one best for
// the opponent within 0.01 of 0.30 + 0.05 k), each offered 15 times.
std::vector<GeniusBid> SlowConcession() {
  const std::vector<std::vector<std::string>> steps = {
      {"none", "none", "none", "none", "standard", "meager"},
      {"none", "none", "none", "none", "good", "good"},
      {"meager", "none", "none", "none", "meager", "meager"},
      {"none", "none", "meager", "none", "fairly good", "meager"},
      {"none", "none", "standard", "none", "fairly good", "standard"},
      {"none", "none", "meager", "meager", "meager", "meager"},
      {"none", "none", "meager", "meager", "standard", "standard"},
      {"none", "none", "standard", "meager", "fairly good", "fairly good"},
      {"none", "standard", "meager", "meager", "meager", "meager"},
      {"none", "standard", "meager", "meager", "standard", "standard"},
      {"meager", "meager", "meager", "meager", "meager", "meager"},
      {"meager", "standard", "meager", "meager", "standard", "meager"}};
  std::vector<GeniusBid> script;
  for (const auto& step : steps) script.insert(script.end(), 15, CarABid(step));
  return script;
}

struct Session {
  const char* name;
  std::size_t position;  // the agent's
  double reservation;
  double discount;
  std::vector<GeniusBid> script;
  std::uint64_t accepted_in;  // the round of its acceptance
  std::string offers;         // its offers before, as OffersOf writes them
};

// Its offers while holding against an opponent that does not concede (bids worth at least 0.98),
// the same in the first 196 rounds of "hold" and "offer-back".
const std::string kHoldOffers =
    "000000 000000 100000 000000 100000 100000 000000 100000 000000 000000 100000 000000 100000 100000 "
    "100000 100000 000000 100000 000000 000000 000000 000000 100000 100000 100000 000000 000000 100000 "
    "000000 100000 100000 000000 100000 100000 100000 000000 100000 100000 100000 000000 100000 000000 "
    "000000 000000 100000 000000 100000 000000 000000 100000 100000 100000 100000 000000 100000 100000 "
    "000000 000000 100000 000000 000000 100000 000000 100000 100000 000000 000000 000000 100000 000000 "
    "100000 100000 100000 100000 100000 100000 000000 100000 000000 100000 000000 100000 000000 000000 "
    "100000 100000 100000 000000 000000 100000 000000 100000 000000 100000 100000 100000 000000 000000 "
    "100000 100000 000000 100000 100000 000000 000000 000000 000000 100000 100000 000000 100000 100000 "
    "100000 000000 100000 000000 100000 000000 100000 100000 100000 000000 100000 000000 100000 100000 "
    "100000 000000 100000 000000 000000 100000 000000 100000 000000 000000 000000 000000 000000 100000 "
    "100000 100000 000000 100000 000000 100000 100000 100000 100000 000000 100000 100000 100000 000000 "
    "100000 100000 000000 000000 000000 000000 000000 000000 100000 000000 100000 000000 000000 100000 "
    "100000 000000 100000 100000 000000 000000 100000 100000 000000 100000 100000 100000 000000 100000 "
    "000000 100000 100000 100000 100000 000000 000000 100000 000000 000000 100000 100000 000000 100000";

// What GENIUS's class did in each session, its generator replaced by java.util.Random(42).
std::vector<Session> Sessions() {
  std::vector<GeniusBid> once_better = {kWorth0_90};
  once_better.insert(once_better.end(), 300, kWorth0_81);
  return {
      {"hold", 0, 0.0, 1.0, {kWorth0_93}, 197, kHoldOffers},
      {"offer-back", 0, 0.0, 1.0, once_better, 199, kHoldOffers + " 322322 322322"},
      {"conceding",
       1,
       0.0,
       0.5,
       {kWorth0_30, kWorth0_30, kWorth0_61, kWorth0_61, kWorth0_81, kWorth0_90, kWorth0_93},
       7,
       "000000 000000 300000 200000 310000 320000"},
      {"below-rv",
       0,
       0.5,
       0.75,
       {kWorth0_30},
       197,
       "000000 000000 100000 000000 100000 100000 000000 100000 000000 000000 100000 000000 100000 100000 "
       "100000 100000 000000 100000 000000 000000 000000 000000 100000 100000 100000 000000 000000 100000 "
       "000000 100000 100000 000000 100000 100000 100000 000000 100000 100000 100000 000000 100000 000000 "
       "000000 000000 100000 000000 100000 000000 000000 100000 100000 100000 100000 000000 100000 100000 "
       "000000 000000 100000 000000 000000 100000 000000 100000 100000 000000 000000 000000 100000 000000 "
       "100000 100000 100000 100000 100000 100000 000000 100000 000000 100000 000000 100000 000000 000000 "
       "100000 100000 100000 000000 000000 100000 000000 100000 000000 100000 100000 100000 000000 000000 "
       "100000 100000 000000 100000 100000 000000 000000 000000 000000 100000 100000 000000 100000 100000 "
       "100000 000000 100000 000000 100000 000000 100000 100000 100000 000000 100000 000000 100000 100000 "
       "100000 000000 100000 000000 000000 100000 000000 100000 000000 000000 000000 000000 000000 100000 "
       "100000 100000 000000 100000 000000 100000 100000 100000 100000 000000 100000 100000 100000 000000 "
       "100000 100000 000000 000000 000000 000000 000000 000000 100000 000000 100000 000000 000000 100000 "
       "100000 000000 100000 100000 000000 000000 100000 100000 000000 300000 310000 310000 300000 310000 "
       "300000 310000 310000 310000 310000 300000 300000 310000 300000 300000 310000 310000 300000 310000"},
      {"slow", 0, 0.0, 1.0, SlowConcession(), 167,
       "000000 000000 100000 000000 100000 100000 000000 100000 000000 000000 100000 000000 100000 100000 "
       "100000 100000 000000 100000 000000 000000 000000 000000 100000 100000 100000 000000 000000 100000 "
       "000000 100000 100000 000000 100000 100000 100000 000000 100000 100000 100000 000000 100000 000000 "
       "000000 000000 100000 000000 300000 200000 200000 300000 300000 300000 300000 200000 300000 300000 "
       "200000 200000 300000 200000 200000 310000 300000 310000 310000 300000 300000 300000 310000 300000 "
       "310000 310000 310000 310000 310000 310000 300000 310000 300000 310000 300000 310000 300000 300000 "
       "310000 310000 310000 300000 300000 310000 300000 330000 320000 330000 330000 330000 320000 320000 "
       "330000 330000 320000 330000 330000 320000 320000 320000 330000 331000 331000 330000 331000 331000 "
       "331000 330000 331000 330000 331000 330000 331000 331000 331000 323000 332000 323000 332000 332000 "
       "332000 323000 332000 323000 323000 332000 323000 332000 323000 323000 333000 333000 333000 333100 "
       "333100 333100 333000 333100 333000 333100 333100 333100 333100 333000 333100 410000 410000 400000 "
       "410000 410000 400000 400000 400000 400000 400000 400000 410000 400000 410000 400000"},
      {"slow-discounted", 1, 0.5, 0.75, SlowConcession(), 200,
       "000000 000000 100000 000000 100000 100000 000000 100000 000000 000000 100000 000000 100000 100000 "
       "100000 100000 000000 100000 000000 000000 000000 000000 100000 100000 100000 000000 000000 100000 "
       "000000 100000 100000 000000 100000 100000 100000 000000 100000 100000 100000 000000 100000 000000 "
       "000000 000000 100000 200000 300000 200000 200000 300000 300000 300000 300000 200000 300000 300000 "
       "200000 200000 300000 200000 300000 210000 300000 210000 210000 300000 300000 300000 210000 300000 "
       "210000 210000 210000 210000 210000 310000 300000 310000 300000 310000 300000 310000 300000 300000 "
       "310000 310000 310000 300000 300000 310000 300000 310000 300000 310000 310000 310000 300000 300000 "
       "310000 310000 300000 310000 310000 300000 300000 230000 230000 320000 320000 230000 320000 320000 "
       "320000 230000 320000 230000 320000 230000 320000 320000 331000 330000 331000 330000 331000 331000 "
       "331000 330000 331000 330000 330000 331000 330000 331000 330000 330000 330000 330000 330000 331000 "
       "331000 331000 330000 331000 330000 331000 331000 331000 331000 330000 332000 332000 332000 323000 "
       "332000 332000 323000 323000 323000 323000 323000 323000 332000 323000 332000 333000 333000 333100 "
       "333100 333000 333100 333100 333000 333000 333100 333100 333000 333100 333100 333100 333000 333100 "
       "333000 333100 333100 333100 333100 333000 333000 333100 333000 333000 333100 333100 333000 333100 "
       "323323 323323 323323"},
  };
}

// Every offer and the acceptance, as GENIUS's class made them with the same draws.
TEST(GeniusNiceTitForTat, MakesTheOriginalsOffersAndAcceptance) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const Session& session : Sessions()) {
    SCOPED_TRACE(session.name);
    const Scenario scenario = CarAWithAgentAt(session.position, session.reservation, session.discount);
    const NegotiationResult result = RunSession(scenario, session.position, session.script);
    ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
    EXPECT_EQ(OffersOf(result, scenario, session.position), session.offers);
    ASSERT_EQ(result.end_reason, EndReason::kAgreement);
    EXPECT_EQ(result.rounds, session.accepted_in);
    ASSERT_GT(result.trace.size(), 0u);
    EXPECT_EQ(result.trace.step(result.trace.size() - 1).party, session.position);
    // The opponent's offer of the round before (first mover) or of the same round.
    const std::size_t opponent_turns = session.position == 0 ? session.accepted_in - 1 : session.accepted_in;
    EXPECT_EQ(*result.agreement,
              testing::ToOutcome(scenario.space(), session.script[(opponent_turns - 1) % session.script.size()]));
  }
}

// Its first counter-offer is its best bid, unless the opening offer is worth as much: then it
// accepts at once.
TEST(GeniusNiceTitForTat, AcceptsAnOpeningOfferWorthItsBestBid) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  const Scenario scenario = CarAWithAgentAt(1, 0.0, 1.0);
  const GeniusBid all_good = CarABid({"good", "good", "good", "good", "good", "good"});
  NegotiationResult result = RunSession(scenario, 1, {all_good});
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.rounds, 1u);
  EXPECT_EQ(*result.agreement, testing::ToOutcome(scenario.space(), all_good));
  result = RunSession(scenario, 1, {kWorth0_93});
  EXPECT_EQ(OffersOf(result, scenario, 1).substr(0, 6), "000000");
  // Moving first against an opponent whose offers are worth 1 it accepts at its second turn (as
  // GENIUS's class did): nothing beats the offer. The opponent has not moved from its start and
  // its start is the Nash estimate (1), so its concession is 0/0 and the target NaN, which admits
  // no bid: the original then plans its best bid.
  const Scenario first = CarAWithAgentAt(0, 0.0, 1.0);
  result = RunSession(first, 0, {all_good});
  ASSERT_FALSE(result.fault.has_value()) << result.fault->message;
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.rounds, 2u);
}

// The end phase as the source states it, worked out here for a first mover whose planned bids
// are worth more than every offer it receives (so only the late rule can accept): from the first
// round with t >= 0.98 it accepts the last offer u when at most 10 offers came in (2t - 1, t] and
// none of them was worth more than u (the chance of a better one is then 0), except that, while
// more than one offer came in that window and the opponent once offered more than u, it offers
// that best offer back instead, at most four times. Offers worth 0 count nowhere.
struct EndPhase {
  std::uint64_t accepted_in = 0;  // 0: never
  std::vector<std::uint64_t> offered_back_in;
};

EndPhase ExpectedEndPhase(const std::vector<double>& received) {  // received[k]: the offer of round k + 1
  EndPhase expected;
  for (std::uint64_t r = 2; r <= 200; ++r) {
    const double t = static_cast<double>(r) / 201.0;
    if (t < 0.98) continue;
    const double u = received[r - 2];
    std::size_t to_come = 0, better = 0;
    double best = -1;
    for (std::uint64_t k = 1; k < r; ++k) {
      const double v = received[k - 1];
      best = std::max(best, v);
      const double time = static_cast<double>(k) / 201.0;
      if (t - (1 - t) < time && time <= t && v > 0 && v <= 1) {
        ++to_come;
        if (v > u) ++better;
      }
    }
    if (to_come > 10 || better > 0 || !(u > 0)) continue;
    if (to_come > 1 && best > u && expected.offered_back_in.size() < 4) {
      expected.offered_back_in.push_back(r);
      continue;
    }
    expected.accepted_in = r;
    break;
  }
  return expected;
}

TEST(GeniusNiceTitForTat, EndPhaseFollowsTheSource) {
  if (!fs::is_directory(testing::GeniusTraceFolder())) GTEST_SKIP() << "no GENIUS traces";
  for (const Session& session : Sessions()) {
    const std::string name = session.name;
    if (name != "hold" && name != "offer-back" && name != "below-rv") continue;
    SCOPED_TRACE(name);
    const Scenario scenario = CarAWithAgentAt(0, session.reservation, session.discount);
    std::vector<double> received;
    double best = 0;
    for (std::size_t k = 0; k < 200; ++k) {
      const Outcome offer = testing::ToOutcome(scenario.space(), session.script[k % session.script.size()]);
      received.push_back(scenario.profile(0).Utility(offer));
      best = std::max(best, received.back());
    }
    const EndPhase expected = ExpectedEndPhase(received);
    ASSERT_NE(expected.accepted_in, 0u);
    // Only the opponent's first offer is worth more than its later ones: offered back twice.
    const std::vector<std::uint64_t> backs =
        name == "offer-back" ? std::vector<std::uint64_t>{197, 198} : std::vector<std::uint64_t>{};
    EXPECT_EQ(expected.offered_back_in, backs);
    const NegotiationResult result = RunSession(scenario, 0, session.script);
    ASSERT_EQ(result.end_reason, EndReason::kAgreement);
    EXPECT_EQ(result.rounds, expected.accepted_in);
    // Its planned bids stay above every offer: each offer is worth more, or is the best one back.
    const std::vector<Outcome> offers = testing::OffersOfParty0(result);
    for (std::size_t i = 0; i < offers.size(); ++i) {
      const std::uint64_t round = i + 1;
      const bool back = std::find(expected.offered_back_in.begin(), expected.offered_back_in.end(), round) !=
                        expected.offered_back_in.end();
      if (back) {
        EXPECT_EQ(scenario.profile(0).Utility(offers[i]), best) << "round " << round;
      } else {
        EXPECT_GT(scenario.profile(0).Utility(offers[i]), best) << "round " << round;
      }
    }
  }
}

// GENIUS's BidSpace.getNash worked by hand: the frontier ascending in own utility, the first
// point whose product (own - r)(other - 0) beats every earlier one from -1. Points are given in
// descending own utility.
TEST(GeniusNiceTitForTat, NashPointIsBidSpaceGetNash) {
  struct Case {
    std::vector<std::pair<double, double>> points;
    double own_reservation;
    std::optional<double> nash;
  };
  const std::vector<Case> cases = {
      // (0.6, 0.6) and (0.3, 0.9) are dominated; products 0, 0.4, 0.42, 0.4.
      {{{1.0, 0.0}, {0.8, 0.5}, {0.6, 0.7}, {0.6, 0.6}, {0.4, 1.0}, {0.3, 0.9}}, 0.0, 0.6},
      // Equal products (0.4): the lower own utility.
      {{{0.8, 0.5}, {0.5, 0.8}}, 0.0, 0.5},
      // The reservation value: 0.3 * 0.2 beats 0.1 * 0.5 and -0.1 * 0.9.
      {{{1.0, 0.2}, {0.8, 0.5}, {0.6, 0.9}}, 0.7, 1.0},
      // (0.9, 0) would tie (1.0, 0) at product 0 from below, but it is dominated.
      {{{1.0, 0.0}, {0.9, 0.0}, {0.2, 0.5}}, 0.9, 1.0},
      {{}, 0.0, std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(GeniusNashOwnUtility(c.points, c.own_reservation, 0.0), c.nash);
}

}  // namespace
}  // namespace parley
