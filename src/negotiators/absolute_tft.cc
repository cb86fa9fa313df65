// Absolute tit-for-tat, Parley's own: starts at its best outcome and moves its own target by the
// opponents' last concession, measured in its own utility, as Faratin, Sierra & Jennings' absolute
// tit-for-tat (1998) returns the opponent's last step. When an opponent's new offer is worth d
// more to it than that opponent's previous offer, it lowers its target by k * d; when the opponent
// hardens (d < 0), it hardens by the same rule. With several opponents it uses the mean concession
// of those who made a new offer since its last turn. The target stays between the floor
// (reservation value or worst outcome) and the best utility. It offers the outcome just above its
// target and accepts offers worth at least that outcome.
//
// It is neither GENIUS's SimpleTFTAgent nor NegMAS's NaiveTitForTatNegotiator (which, from the
// negotiation's step 3, offers at 1 - u and accepts when u >= 1 - u, with u its normalised utility
// of the partner's latest offer): docs/negotiation.md#absolute-tft--parleys-own-tit-for-tat.
#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "negotiators/own_ranking.h"
#include "parley/error.h"

namespace parley {
namespace {

class AbsoluteTitForTat final : public Negotiator {
 public:
  explicit AbsoluteTitForTat(double factor) : factor_(factor) {
    if (!std::isfinite(factor_) || factor_ < 0.0) {
      throw UsageError(fmt::format("absolute-tft: factor k must be a non-negative number, got {}", factor_));
    }
  }

  void Begin(const NegotiatorContext& context) override {
    ranking_.Reset(context);
    best_ = ranking_.best_utility();
    target_ = best_;
    // One slot per party, and one more for texts and packages from mediators (who appear as
    // party `party_count` and beyond in mediated protocols): their moves count as concessions too.
    last_offer_utility_.assign(context.party_count + 1, kNone);
    concession_sum_ = 0.0;
    concession_count_ = 0;
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer) return;
    double& last = last_offer_utility_[std::min(action.party, last_offer_utility_.size() - 1)];
    if (last != kNone) {
      concession_sum_ += action.offer_utility - last;
      ++concession_count_;
    }
    last = action.offer_utility;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (concession_count_ > 0) {
      target_ -= factor_ * concession_sum_ / static_cast<double>(concession_count_);
      concession_sum_ = 0.0;
      concession_count_ = 0;
    }
    // Clamped at every turn: a reservation schedule can raise the floor above the target.
    target_ = std::clamp(target_, std::min(ranking_.FloorAt(state.time), best_), best_);
    const double offered = ranking_.OfferAtLeast(target_, proposal);
    if (state.current_offer && state.current_offer_utility >= offered) return ActionType::kAccept;
    return ActionType::kOffer;
  }

 private:
  static constexpr double kNone = -INFINITY;

  double factor_;
  OwnRanking ranking_;
  double best_ = 1.0;
  double target_ = 1.0;
  std::vector<double> last_offer_utility_;
  double concession_sum_ = 0.0;
  int concession_count_ = 0;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"absolute-tft",
     "Absolute tit-for-tat (Parley's own): moves its target by k times the opponents' last concession in its own "
     "utility.",
     {{"k", "1", "how much of the opponents' concession it returns"}},
     [](const Spec& spec) { return std::make_unique<AbsoluteTitForTat>(spec.GetDouble("k")); }});

}  // namespace
}  // namespace parley
