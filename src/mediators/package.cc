// The "package" mediator (shuttle protocol): when the parties have told it their preferences, it
// puts a better deal on the table in place of an offer that is worse for the others than a package
// it can find, never giving the offerer less than its own offer did.
// When it looks, how it searches and what "better" means: docs/mediation.md#mediators
#include <algorithm>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/limits.h"
#include "parley/mediator.h"
#include "parley/random.h"

namespace parley {
namespace {

// A candidate must beat the best so far by this much, so that rounding noise never replaces an
// offer by an equally good package.
constexpr double kMargin = 1e-12;

class PackageMediator final : public Mediator {
 public:
  PackageMediator(std::int64_t every, std::int64_t limit, std::int64_t samples)
      : every_(every), limit_(limit), samples_(samples) {
    if (every_ < 0) throw UsageError(fmt::format("package mediator: every must be 0 or more, got {}", every_));
    if (limit_ < 0) throw UsageError(fmt::format("package mediator: limit must be 0 or more, got {}", limit_));
    if (samples_ < 1) throw UsageError(fmt::format("package mediator: samples must be positive, got {}", samples_));
  }

  void Begin(const MediatorContext& context) override {
    space_ = context.space;
    disclosed_ = context.disclosed;
    max_rounds_ = context.max_rounds;
    rng_ = Rng(context.seed);
    relayed_ = 0;
    const std::size_t n = disclosed_.size();
    informed_ = n > 0;
    for (const Profile* profile : disclosed_) informed_ = informed_ && profile != nullptr;
    reservations_.assign(n, 0.0);
    offer_utilities_.assign(n, 0.0);
    candidate_ = Outcome(space_->issue_count());
    tables_.clear();
    tabulated_ = informed_ && space_->enumerable() &&
                 *space_->cardinality() <= std::min<std::uint64_t>(limit_, DefaultResourceLimits().max_outcomes);
    if (tabulated_) {
      tables_.resize(n);
      for (std::size_t p = 0; p < n; ++p) disclosed_[p]->utility_function().EvaluateAll(tables_[p]);
    }
  }

  RelayDecision Relay(const RelayState& state, const Outcome& offer, Outcome& replacement) override {
    if (!informed_) return RelayDecision::kForward;
    ++relayed_;
    const std::size_t n = disclosed_.size();
    // From the tables when there are any, so that the offer and the candidates are scored alike.
    const OutcomeIndex offer_index = tabulated_ ? space_->IndexOf(offer) : 0;
    bool non_starter = false;
    for (std::size_t p = 0; p < n; ++p) {
      reservations_[p] = disclosed_[p]->ReservationValueAt(state.time, max_rounds_);
      offer_utilities_[p] = tabulated_ ? tables_[p][offer_index] : disclosed_[p]->Utility(offer);
      if (p != state.from && offer_utilities_[p] < reservations_[p]) non_starter = true;
    }
    const bool due = every_ > 0 && relayed_ % static_cast<std::uint64_t>(every_) == 0;
    if (!non_starter && !due) return RelayDecision::kForward;

    const double floor = offer_utilities_[state.from];
    double best = NashProduct([&](std::size_t p) { return offer_utilities_[p]; });
    bool found = false;
    if (tabulated_) {
      const std::vector<double>& offerer = tables_[state.from];
      OutcomeIndex best_index = 0;
      for (OutcomeIndex i = 0; i < offerer.size(); ++i) {
        if (offerer[i] < floor) continue;
        const double product = NashProduct([&](std::size_t p) { return tables_[p][i]; });
        if (product > best + kMargin) {
          best = product;
          best_index = i;
          found = true;
        }
      }
      if (found) space_->Decode(best_index, replacement);
    } else {
      for (std::int64_t s = 0; s < samples_; ++s) {
        space_->RandomOutcome(rng_, candidate_);
        if (disclosed_[state.from]->Utility(candidate_) < floor) continue;
        const double product = NashProduct([&](std::size_t p) { return disclosed_[p]->Utility(candidate_); });
        if (product > best + kMargin) {
          best = product;
          replacement = candidate_;
          found = true;
        }
      }
    }
    return found ? RelayDecision::kReplace : RelayDecision::kForward;
  }

 private:
  // The product of every party's gain over its reservation value, or -1 when some party would
  // lose (below every rational outcome, whose product is at least 0).
  template <typename UtilityOf>
  double NashProduct(UtilityOf utility_of) const {
    double product = 1.0;
    for (std::size_t p = 0; p < reservations_.size(); ++p) {
      const double gain = utility_of(p) - reservations_[p];
      if (gain < 0.0) return -1.0;
      product *= gain;
    }
    return product;
  }

  std::int64_t every_;
  std::int64_t limit_;
  std::int64_t samples_;

  const OutcomeSpace* space_ = nullptr;
  std::vector<const Profile*> disclosed_;
  std::uint64_t max_rounds_ = 0;
  Rng rng_{0};
  std::uint64_t relayed_ = 0;
  bool informed_ = false;
  bool tabulated_ = false;
  std::vector<std::vector<double>> tables_;  // tables_[p][index]: party p's utility of each outcome
  std::vector<double> reservations_;
  std::vector<double> offer_utilities_;
  Outcome candidate_;
};

const bool kRegistered = MediatorRegistry::Add(
    {"package",
     "Shuttle: with the parties' preferences disclosed, replaces a non-starter or every k-th offer by the package "
     "maximising the Nash product of gains that gives the offerer at least as much, when that package is better; "
     "forwards otherwise.",
     {{"every", "3", "look for a better package at every k-th offer relayed (0: only for non-starters)"},
      {"limit", "200000", "enumerable spaces up to this many outcomes are searched exhaustively"},
      {"samples", "5000", "outcomes sampled (seeded) when the space is larger"}},
     [](const Spec& spec) {
       return std::make_unique<PackageMediator>(spec.GetInt("every", 3), spec.GetInt("limit", 200000),
                                                spec.GetInt("samples", 5000));
     }});

}  // namespace
}  // namespace parley
