// AgentK, winner of ANAC 2010, reimplemented from its published description: it estimates from
// the opponents' offers the most it can expect, and concedes towards that estimate the faster the
// more their offers vary and the better they already are; below its target it accepts with a
// probability that grows with time.
// Kawaguchi, Fujita & Ito, "AgentK: Compromising strategy based on estimated maximum utility for
// automated negotiating agents", in New Trends in Agent-Based Complex Automated Negotiations
// (Studies in Computational Intelligence 383, 2012).
// Formulas and the choices where the description is open: docs/strategies.md#agentk--agentk-anac-2010
#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "negotiators/anac/offer_statistics.h"
#include "negotiators/own_ranking.h"
#include "parley/error.h"
#include "parley/random.h"

namespace parley {
namespace {

class AgentK final : public Negotiator {
 public:
  explicit AgentK(double tremor) : tremor_(tremor) {
    if (!(tremor_ >= 0.0) || !std::isfinite(tremor_)) {
      throw UsageError(fmt::format("agentk: tremor must be a non-negative number, got {}", tremor_));
    }
  }

  void Begin(const NegotiatorContext& context) override {
    own_.Reset(context);
    party_count_ = context.party_count;
    rng_ = Rng(context.seed);
    statistics_.Reset();
  }

  void Observe(const ObservedAction& action) override {
    if (action.type == ActionType::kOffer && action.offer && action.party < party_count_) {
      statistics_.Add(action.offer_utility);
    }
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double best = own_.best_utility();
    const double floor = std::min(own_.FloorAt(state.time), best);
    if (statistics_.count() == 0) {
      own_.OfferAtLeast(best, proposal);
      if (state.current_offer && state.current_offer_utility >= best) return ActionType::kAccept;
      return ActionType::kOffer;
    }
    const double t = state.time;
    const double mean = statistics_.mean() / std::max(best, 1e-12);
    const double alpha = 1.0 + tremor_ + 10.0 * mean - 2.0 * tremor_ * mean;
    const double beta = alpha + rng_.UniformReal() * tremor_ - tremor_ / 2.0;
    const double emax = statistics_.EstimatedMax(best);
    const double target = std::clamp(Target(t, alpha, emax), floor, best);
    const double bid_target = std::clamp(Target(t, beta, emax), floor, best);

    if (state.current_offer && state.current_offer_utility >= own_.ReservationValueAt(t)) {
      const double u = state.current_offer_utility;
      if (u >= target) return ActionType::kAccept;
      double p = std::pow(t, alpha) / 5.0 + (u - emax) + (u - target);
      if (p < 0.1) p = 0.0;
      if (p > 0.0 && rng_.UniformReal() < p) return ActionType::kAccept;
    }
    // Uniform over the outcomes worth at least the bid target: a uniform rank above it.
    const OutcomeRanking& ranking = own_.ranking();
    const std::size_t lowest = own_.RankAtLeast(bid_target);
    const std::size_t rank = lowest + rng_.UniformInt(ranking.size() - lowest);
    ranking.CopyOutcome(rank, proposal);
    return ActionType::kOffer;
  }

 private:
  double Target(double t, double exponent, double emax) const {
    const double best = own_.best_utility();
    const double pre = best - (best - emax) * std::pow(t, exponent);
    const double gap = best - pre;
    const double ratio = gap > 0.0 ? std::min(2.0, (statistics_.width() + 0.1) / gap) : 2.0;
    double target = best - ratio * gap;
    if (target > emax) {
      const double r = target - emax;
      const double m = 400.0 - 300.0 * t;
      const double f = std::min(m, 1.0 / (r * r));
      target -= r * f / m;
    } else {
      target = emax;
    }
    return target;
  }

  double tremor_;
  OwnRanking own_;
  std::size_t party_count_ = 0;
  Rng rng_{0};
  OfferStatistics statistics_;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"agentk",
     "AgentK (ANAC 2010 winner): target from the mean and variance of the opponents' offers (their estimated "
     "maximum), random offers above it, and a time-dependent probability of accepting below it.",
     {{"tremor", "2", "spread of the random exponent of the bid target (tau); 0 makes offers follow the target"}},
     [](const Spec& spec) { return std::make_unique<AgentK>(spec.GetDouble("tremor", 2.0)); }});

}  // namespace
}  // namespace parley
