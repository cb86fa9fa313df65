// HardHeaded, winner of ANAC 2011, reimplemented from its published description: van Krimpen,
// Looije & Hajizadeh, "HardHeaded", in Complex Automated Negotiations: Theories, Models, and
// Software Competitions (Studies in Computational Intelligence 435, 2013), and the BOA
// decoupling of Baarslag et al. (2012).
//
// Bidding. A very Boulware time-dependent target, p(t) = floor + (best - floor) * (1 - t^(1/e))
// with e = 0.05, so that by t = 0.9 it has given up only 0.9^20 = 12% of its range and does most
// of its conceding in the last tenth of the negotiation. The floor is the larger of the minimum
// utility (0.585, HardHeaded's constant) and the reservation value at the time. Among the
// outcomes whose utility lies in [p, p + window] it offers the one the frequency opponent model
// (HardHeaded's own learning rule, registered as the "frequency" model) rates best for the
// opponents; and when an opponent has already offered something worth at least p, it offers
// that best received offer instead.
//
// Discounting. The description speeds the concession up when the discount factor d is low.
// Choice (documented in docs/strategies.md): for d >= 0.9 the discount is ignored; otherwise
// the Boulware phase is squeezed into [0, d], ending at floor + (best - floor) * d, and after d it
// concedes to the floor as a Conceder (exponent 30), since waiting then costs more than it buys.
//
// Acceptance. It accepts an offer worth at least its own next offer or at least the lowest offer
// it has made so far (and never one below its reservation value at the time).
//
// Several opponents (the description is bilateral): the model keeps one frequency table per
// opponent and the offer chosen maximises their mean estimate; "best received" is over every
// opponent's offers; the offer judged for acceptance is the one on the table.
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
  HardHeaded(double exponent, double minimum, NearTarget near)
      : exponent_(exponent), minimum_(minimum), near_(near) {
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
  // The concession target p(t) described in the file comment.
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
       near.window = spec.GetDouble("window", 0.02);
       near.max_candidates = static_cast<std::size_t>(std::max<std::int64_t>(1, spec.GetInt("candidates", 16)));
       return std::make_unique<HardHeaded>(spec.GetDouble("e", 0.05), spec.GetDouble("min", 0.585), near);
     }});

}  // namespace
}  // namespace parley
