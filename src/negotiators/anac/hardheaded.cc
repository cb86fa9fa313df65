// HardHeaded, winner of ANAC 2011, reimplemented from its published description: a very Boulware
// time-dependent target, offers chosen near it with the frequency opponent model (its own learning
// rule), and acceptance of anything at least as good as what it would offer or has offered.
// van Krimpen, Looije & Hajizadeh, "HardHeaded", in Complex Automated Negotiations: Theories,
// Models, and Software Competitions (Studies in Computational Intelligence 435, 2013); the BOA
// decoupling of Baarslag et al. (2012).
// Formulas and choices (discounting, the window): docs/strategies.md#hardheaded--hardheaded-anac-2011
#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "negotiators/anac/best_received.h"
#include "negotiators/boa/near_target.h"
#include "negotiators/own_ranking.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

class HardHeaded final : public Negotiator {
 public:
  HardHeaded(double exponent, double minimum, NearTarget near) : exponent_(exponent), minimum_(minimum), near_(near) {
    if (!(exponent_ > 0.0) || !std::isfinite(exponent_)) {
      throw UsageError(fmt::format("hardheaded: exponent e must be positive, got {}", exponent_));
    }
    if (!std::isfinite(minimum_)) throw UsageError("hardheaded: min must be a number");
    if (!(near_.window >= 0.0)) throw UsageError("hardheaded: window must be non-negative");
  }

  void Begin(const NegotiatorContext& context) override {
    own_.Reset(context);
    party_count_ = context.party_count;
    discount_ = context.profile->discount_factor();
    model_ = OpponentModelRegistry::Create("frequency");
    model_->Begin(context);
    scratch_ = Outcome(context.space->issue_count());
    best_received_.Reset(context.space->issue_count());
    lowest_offered_ = INFINITY;
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || !action.offer || action.party >= party_count_) return;
    model_->Update(action.party, *action.offer, action.time);
    best_received_.Observe(*action.offer, action.offer_utility);
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    const double target = Target(state.time);
    const double next = best_received_.Bid(target, near_, own_, *model_, proposal, scratch_);
    if (state.current_offer) {
      const double offered = state.current_offer_utility;
      if (offered >= own_.ReservationValueAt(state.time) && (offered >= next || offered >= lowest_offered_)) {
        return ActionType::kAccept;
      }
    }
    lowest_offered_ = std::min(lowest_offered_, next);
    return ActionType::kOffer;
  }

 private:
  // The concession target p(t) = floor + (best - floor) (1 - t^(1/e)); with a discount factor d
  // below 0.9 the Boulware phase ends at t = d and a Conceder phase follows (docs/strategies.md).
  double Target(double time) const {
    const double best = own_.best_utility();
    const double floor = std::min(best, std::max(own_.FloorAt(time), minimum_));
    const double range = best - floor;
    if (discount_ >= kIgnoreDiscountAbove) return best - range * std::pow(time, 1.0 / exponent_);
    const double step = discount_;
    const double middle = floor + range * step;
    if (time <= step) return best - (best - middle) * std::pow(time / step, 1.0 / exponent_);
    return middle - (middle - floor) * std::pow((time - step) / (1.0 - step), 1.0 / kLateExponent);
  }

  static constexpr double kIgnoreDiscountAbove = 0.9;
  static constexpr double kLateExponent = 30.0;

  double exponent_;
  double minimum_;
  NearTarget near_;
  OwnRanking own_;
  std::unique_ptr<OpponentModel> model_;
  std::size_t party_count_ = 0;
  double discount_ = 1.0;
  Outcome scratch_;
  BestReceived best_received_;
  double lowest_offered_ = INFINITY;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"hardheaded",
     "HardHeaded (ANAC 2011 winner): very Boulware concession with a late drop, frequency opponent model to pick "
     "among near-target offers, accepts offers at least as good as its next or its lowest offer so far.",
     {{"e", "0.05", "concession exponent (target = floor + (best - floor) * (1 - t^(1/e)))"},
      {"min", "0.585", "the least utility it ever aims for (raised to the reservation value)"},
      {"window", "0.02", "how far above the target an offer may be when the model chooses"},
      {"candidates", "16", "the most near-target outcomes the model is asked about per offer"}},
     [](const Spec& spec) {
       NearTarget near;
       near.window = spec.GetDouble("window");
       near.max_candidates = static_cast<std::size_t>(std::max<std::int64_t>(1, spec.GetInt("candidates")));
       return std::make_unique<HardHeaded>(spec.GetDouble("e"), spec.GetDouble("min"), near);
     }});

}  // namespace
}  // namespace parley
