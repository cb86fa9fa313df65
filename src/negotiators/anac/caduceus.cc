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
// The portfolio's frame (members, scores, best-bid phase, tally) is shared with CaduceusDC16 in
// caduceus_portfolio.h.
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
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/caduceus_nash_concession.h"
#include "negotiators/anac/caduceus_portfolio.h"
#include "parley/negotiator.h"
#include "parley/registry.h"

namespace parley {
namespace {

class Caduceus final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override;
  void Observe(const ObservedAction& action) override { portfolio_.Observe(action); }
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Finish(const NegotiationResult& result) override { portfolio_.Finish(result); }

 private:
  static constexpr std::size_t kMembers = CaduceusPortfolio::kMembers;
  // The registered members, in the original's order; the fifth is its own agent.
  static constexpr std::array<const char*, kMembers - 1> kRegisteredMembers = {"parsagent", "randomdance", "kawaii",
                                                                               "atlas3"};
  static constexpr std::array<double, kMembers> kRawScores = {500, 10, 5, 3, 1};

  CaduceusPortfolio portfolio_;
  std::vector<double> chances_;
  JavaRandom random_{0};
};

void Caduceus::Begin(const NegotiatorContext& context) {
  random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
  std::vector<std::unique_ptr<Negotiator>> members;
  for (const char* name : kRegisteredMembers) members.push_back(NegotiatorRegistry::Create(name));
  members.push_back(MakeCaduceusNashConcession());
  portfolio_.Begin(context, std::move(members), kRawScores);
}

ActionType Caduceus::Act(const TurnState& state, Outcome& proposal) {
  if (portfolio_.IsBestOfferTime(state)) {
    proposal = portfolio_.best_bid();
    return ActionType::kOffer;
  }
  portfolio_.Ask(state);
  if (portfolio_.accepting() > portfolio_.offering()) return ActionType::kAccept;
  if (portfolio_.offering() > portfolio_.accepting()) {
    const std::vector<std::size_t>& offering = portfolio_.offering_members();
    chances_.clear();
    for (std::size_t m : offering) chances_.push_back(portfolio_.score(m));
    NormaliseAsCaduceus(chances_);
    const double draw = random_.NextDouble();
    double cumulative = 0.0;
    std::size_t chosen = offering.back();
    for (std::size_t k = 0; k < offering.size(); ++k) {
      cumulative += chances_[k];
      if (draw < cumulative) {
        chosen = offering[k];
        break;
      }
    }
    proposal = portfolio_.proposal(chosen);
    return ActionType::kOffer;
  }
  proposal = portfolio_.best_bid();
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
