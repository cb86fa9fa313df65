// Caduceus, winner of ANAC 2016 (multilateral): a port of GENIUS's
// agents.anac.y2016.caduceus.Caduceus (GENIUS 9.1.10), reimplemented from its source. A portfolio:
// until the current round reaches 0.83 d of the deadline it offers its best bid; from then on it
// asks five agents for an action every turn — ParsAgent, RandomDance and kawaii (ANAC 2015), Atlas3
// (ANAC 2015) and an agent of its own (caduceus_nash_concession.h) — with fixed scores 500, 10, 5,
// 3 and 1 (normalised). It accepts when the accepting agents outscore the offering ones; when the
// offering ones outscore, it offers one of their bids drawn with probabilities proportional to
// their scores from a java.util.Random seeded with the party's seed; on a tie, its best bid. All
// five see every action the portfolio sees and get the portfolio's profile, deadline and seed.
// Gunes, Arditi, Aydogan, "Collective voice of experts in multilateral negotiation", PRIMA 2017.
// Strategy notes: docs/strategies.md#caduceus--caduceus-anac-2016-multilateral
//
// The five are created as the ports registered under "parsagent", "randomdance", "kawaii" and
// "atlas3", and the unregistered port of its own agent; their deliberate differences (each draws
// what the original draws unseeded from a generator seeded from context.seed) are in their files.
// Deliberate differences of the portfolio itself, each because Parley cannot do otherwise:
// - When the sum of the normalised scores of the offering agents falls short of the draw by
//   rounding (probability about 1e-16), the original offers no bid and GENIUS rejects the action;
//   the port offers the last offering agent's bid.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/caduceus_nash_concession.h"
#include "negotiators/anac/genius_bid_iterator.h"
#include "parley/negotiator.h"
#include "parley/outcome_ranking.h"
#include "parley/registry.h"

namespace parley {
namespace {

class Caduceus final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Finish(const NegotiationResult& result) override;

 private:
  static constexpr double kBestOfferShare = 0.83;
  static constexpr std::size_t kMembers = 5;
  // The registered members, in the original's order; the fifth is its own agent.
  static constexpr std::array<const char*, kMembers - 1> kRegisteredMembers = {"parsagent", "randomdance", "kawaii",
                                                                               "atlas3"};
  static constexpr std::array<double, kMembers> kRawScores = {500, 10, 5, 3, 1};

  bool IsBestOfferTime(const TurnState& state) const;

  std::array<double, kMembers> scores_{};
  std::vector<std::unique_ptr<Negotiator>> members_;
  std::vector<Outcome> proposals_;
  std::vector<ActionType> actions_;
  std::vector<std::size_t> offering_;
  std::vector<double> chances_;
  JavaRandom random_{0};
  std::uint64_t max_rounds_ = 0;
  double best_offer_share_ = kBestOfferShare;
  Outcome best_bid_;
};

// UtilFunctions.normalize: each divided by the sum, summed in order.
template <class Numbers>
void NormaliseInPlace(Numbers& numbers) {
  double sum = 0.0;
  for (double x : numbers) sum += x;
  for (double& x : numbers) x /= sum;
}

void Caduceus::Begin(const NegotiatorContext& context) {
  scores_ = kRawScores;
  NormaliseInPlace(scores_);
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  max_rounds_ = context.max_rounds;
  best_offer_share_ = kBestOfferShare * context.profile->discount_factor();
  best_bid_ = Outcome(context.space->issue_count());
  GeniusMaxUtilityBid(context.profile->utility_function().ranking(), best_bid_);
  members_.clear();
  for (const char* name : kRegisteredMembers) members_.push_back(NegotiatorRegistry::Create(name));
  members_.push_back(MakeCaduceusNashConcession());
  proposals_.assign(kMembers, Outcome(context.space->issue_count()));
  actions_.assign(kMembers, ActionType::kEndNegotiation);
  for (auto& member : members_) member->Begin(context);
}

void Caduceus::Observe(const ObservedAction& action) {
  for (auto& member : members_) member->Observe(action);
}

void Caduceus::Finish(const NegotiationResult& result) {
  for (auto& member : members_) member->Finish(result);
}

bool Caduceus::IsBestOfferTime(const TurnState& state) const {
  // GENIUS compares the current round with the total rounds (N + 1); without a round deadline,
  // seconds with seconds, which is the time.
  if (max_rounds_ == 0) return state.time < best_offer_share_;
  return static_cast<double>(state.round + 1) < static_cast<double>(max_rounds_ + 1) * best_offer_share_;
}

ActionType Caduceus::Act(const TurnState& state, Outcome& proposal) {
  if (IsBestOfferTime(state)) {
    proposal = best_bid_;
    return ActionType::kOffer;
  }
  for (std::size_t m = 0; m < kMembers; ++m) actions_[m] = members_[m]->Act(state, proposals_[m]);
  double accepting = 0.0;
  double offering = 0.0;
  offering_.clear();
  for (std::size_t m = 0; m < kMembers; ++m) {
    if (actions_[m] == ActionType::kAccept) {
      accepting += scores_[m];
    } else if (actions_[m] == ActionType::kOffer) {
      offering += scores_[m];
      offering_.push_back(m);
    }
  }
  if (accepting > offering) return ActionType::kAccept;
  if (offering > accepting) {
    chances_.clear();
    for (std::size_t m : offering_) chances_.push_back(scores_[m]);
    NormaliseInPlace(chances_);
    const double draw = random_.NextDouble();
    double cumulative = 0.0;
    std::size_t chosen = offering_.back();
    for (std::size_t k = 0; k < offering_.size(); ++k) {
      cumulative += chances_[k];
      if (draw < cumulative) {
        chosen = offering_[k];
        break;
      }
    }
    proposal = proposals_[chosen];
    return ActionType::kOffer;
  }
  proposal = best_bid_;
  return ActionType::kOffer;
}

const bool kRegistered = NegotiatorRegistry::Add(
    {"caduceus",
     "Caduceus (ANAC 2016 winner, multilateral), as GENIUS's agents.anac.y2016.caduceus.Caduceus: its best bid until "
     "0.83 d, then the scored vote of ParsAgent, RandomDance, kawaii, Atlas3 and a Nash-seeking agent of its own.",
     {},
     [](const Spec&) { return std::make_unique<Caduceus>(); }});

}  // namespace
}  // namespace parley
