// The "tit-for-tat" bidding strategy: starts at its best outcome and, each time an opponent makes a
// new offer, moves its target utility as that opponent moved, measured in its own utility
// (relatively, by the same amount, or by the mean step over a window of offers).
// The imitative tactics of Faratin, Sierra & Jennings 1998, "Negotiation decision functions for
// autonomous agents", read in utility rather than issue values.
// Formulas, choices and several opponents: docs/strategies.md#tit-for-tat--imitative-tactics
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "negotiators/boa/near_target.h"
#include "parley/error.h"

namespace parley {
namespace {

enum class Mode { kRelative, kAbsolute, kAveraged };

Mode ParseMode(const std::string& text) {
  if (text == "relative") return Mode::kRelative;
  if (text == "absolute") return Mode::kAbsolute;
  if (text == "averaged") return Mode::kAveraged;
  throw UsageError(fmt::format("tit-for-tat bidding: mode must be relative, absolute or averaged, got '{}'", text));
}

class TitForTatBidding final : public BiddingStrategy {
 public:
  static constexpr std::int64_t kMaxWindow = std::int64_t{1} << 20;

  TitForTatBidding(Mode mode, std::int64_t window, NearTarget near)
      : mode_(mode), window_(static_cast<std::size_t>(std::max<std::int64_t>(window, 0))), near_(near) {
    if (window < 2) throw UsageError(fmt::format("tit-for-tat bidding: window must be at least 2, got {}", window));
    // Begin keeps `window` utilities per party: refuse here what it could not allocate.
    if (window > kMaxWindow) {
      throw UsageError(fmt::format("tit-for-tat bidding: window must be at most {}, got {}", kMaxWindow, window));
    }
    if (!(near_.window >= 0.0)) throw UsageError("tit-for-tat bidding: near must be non-negative");
  }

  void Begin(const NegotiatorContext& context, const OpponentModel& model) override {
    own_.Reset(context);
    model_ = &model;
    scratch_ = Outcome(context.space->issue_count());
    best_ = own_.best_utility();
    target_ = best_;
    slots_ = context.party_count + 1;
    history_.assign(slots_ * window_, 0.0);
    counts_.assign(slots_, 0);
    fresh_.assign(slots_, false);
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer) return;
    const std::size_t slot = std::min(action.party, slots_ - 1);
    history_[slot * window_ + counts_[slot] % window_] = action.offer_utility;
    ++counts_[slot];
    fresh_[slot] = true;
  }

  double Bid(const TurnState& state, Outcome& proposal) override {
    double sum = 0.0;
    std::size_t movers = 0;
    for (std::size_t slot = 0; slot < slots_; ++slot) {
      if (!fresh_[slot]) continue;
      fresh_[slot] = false;
      if (counts_[slot] < window_) continue;
      const double latest = history_[slot * window_ + (counts_[slot] - 1) % window_];
      const double earliest = history_[slot * window_ + counts_[slot] % window_];
      switch (mode_) {
        case Mode::kRelative:
          // A ratio to an offer worth nothing says nothing about the opponent's concession.
          if (!(latest > 0.0)) continue;
          sum += earliest / latest;
          break;
        case Mode::kAbsolute: sum += latest - earliest; break;
        case Mode::kAveraged: sum += (latest - earliest) / static_cast<double>(window_ - 1); break;
      }
      ++movers;
    }
    if (movers > 0) {
      const double mean = sum / static_cast<double>(movers);
      target_ = mode_ == Mode::kRelative ? target_ * mean : target_ - mean;
    }
    // Clamped at every turn: a reservation schedule can raise the floor above the target.
    target_ = std::clamp(target_, std::min(own_.FloorAt(state.time), best_), best_);
    return near_.Choose(own_, *model_, target_, proposal, scratch_);
  }

 private:
  Mode mode_;
  std::size_t window_;
  NearTarget near_;
  OwnRanking own_;
  const OpponentModel* model_ = nullptr;
  Outcome scratch_;
  double best_ = 1.0;
  double target_ = 1.0;
  std::size_t slots_ = 0;
  std::vector<double> history_;  // per slot, the last window_ offer utilities (a ring)
  std::vector<std::size_t> counts_;
  std::vector<bool> fresh_;  // a new offer since the last Bid
};

const bool kRegistered = BiddingStrategyRegistry::Add(
    {"tit-for-tat",
     "Faratin et al.'s imitative tactics in utility: moves its target as the opponents moved over their last "
     "`window` offers (relative, absolute or averaged); with an opponent model, the outcome near the target "
     "best for the opponents.",
     {{"mode", "relative", "relative (same proportion), absolute (same amount) or averaged (mean step)"},
      {"window", "2", "how many of an opponent's latest offers the move is measured over (2 to 2^20)"},
      {"near", "0.02", "how far above the target an offer may be when the model chooses"},
      {"candidates", "64", "the most outcomes the model is asked about per offer"}},
     [](const Spec& spec) {
       NearTarget near;
       near.window = spec.GetDouble("near");
       near.max_candidates = static_cast<std::size_t>(std::max<std::int64_t>(1, spec.GetInt("candidates")));
       return std::make_unique<TitForTatBidding>(ParseMode(spec.GetString("mode")), spec.GetInt("window"), near);
     }});

}  // namespace
}  // namespace parley
