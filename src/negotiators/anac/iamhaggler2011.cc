// IAMhaggler2011 (ANAC 2011, third place), as GENIUS 9.1.10 runs it:
// agents.anac.y2011.IAMhaggler2011.IAMhaggler2011 with its RandomBidCreator. It records the best
// offer of each 1/36 of the time, fits a Gaussian-process mixture to those maxima (relative to a
// line from the first one towards 0.9, gaussian_process_mixture.h), and from the predicted
// distribution of the opponent's future offers picks the time and utility that maximise its
// expected discounted, risk-weighted (u^3) utility; its target moves on a straight line from its
// previous target towards that point. It offers a random bid within 0.025 of the target (the best
// offer received, once the target falls to it) and accepts an offer worth 1/1.02 of its last or
// planned offer, or 0.9/1.02.
// Williams, Robu, Gerding and Jennings, "Using Gaussian processes to optimise concession in
// complex negotiations against unknown opponents", IJCAI 2011.
// Docs: docs/strategies.md#iamhaggler2011--iamhaggler2011-anac-2011
//
// Reproduces the original's targets and decisions (tests/genius_iamhaggler2011_test.cc replays
// GENIUS's traces). Deliberate differences, where Parley cannot do what GENIUS does:
//  - Randomness: the original draws its bids from an unseeded java.util.Random, so GENIUS's own
//    runs differ from its second offer on; the port draws the same recipe (per issue nextInt over
//    the values, lower + nextDouble() * width for a real issue) from JavaRandom(context.seed) so
//    that a Parley run is reproducible.
//  - Its best bid is GENIUS's getMaxUtilityBid from the profile's ranking (a sample beyond 2^21
//    outcomes, where GENIUS walks every bid).
//  - With several opponents it answers the last offer made; an Accept that did not close the deal
//    (after which the original returns no action and GENIUS aborts the session) is passed over.
//  - Like the original it ignores the reservation value (it accepts and offers below it).
// Its acceptance compares with its last offer as made; an Observe() of its own offer, which
// Parley's protocols never send but a wrapper that changed the offer may, records the bid actually
// offered (the differential test replays GENIUS's random offers that way).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "common/java_random.h"
#include "negotiators/anac/gaussian_process_mixture.h"
#include "parley/negotiator.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

constexpr int kUtilitySamples = 100;
constexpr int kTimeSamples = 101;  // 0, 0.01, ..., 1
constexpr int kSlots = 36;
constexpr double kRisk = 3.0;
constexpr double kMaximumAspiration = 0.9;
constexpr double kAcceptMultiplier = 1.02;
constexpr double kBand = 0.025;

// The agent's erf: commons-math's, cut off beyond |x| > 6 and clamped to [-1, 1].
double AgentErf(double x) {
  if (x > 6) return 1;
  if (x < -6) return -1;
  return std::clamp(CommonsMathErf(x), -1.0, 1.0);
}

class IAMhaggler2011 final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    profile_ = context.profile;
    space_ = context.space;
    party_ = context.party;
    random_ = JavaRandom(static_cast<std::int64_t>(context.seed));
    max_bid_ = Outcome(space_->issue_count());
    GeniusMaxUtilityBid(profile_->utility_function().ranking(), max_bid_);
    double d = profile_->discount_factor();
    if (d == 0) d = 1;
    for (int i = 0; i < kUtilitySamples; ++i) utility_samples_[i] = 1.0 - (i + 0.5) / (kUtilitySamples + 1.0);
    for (int j = 0; j < kTimeSamples; ++j) time_samples_[j] = static_cast<double>(j) / (kTimeSamples - 1);
    const double lowest = std::pow(0.0, kRisk), highest = std::pow(1.0, kRisk), range = highest - lowest;
    for (int i = 0; i < kUtilitySamples; ++i) {
      const double risk = range == 0 ? utility_samples_[i] : (std::pow(utility_samples_[i], kRisk) - lowest) / range;
      for (int j = 0; j < kTimeSamples; ++j) worth_[i][j] = risk * std::pow(d, time_samples_[j]);
    }
    last_regression_time_ = 0;
    last_regression_utility_ = 1;
    slot_times_.clear();
    slot_maxima_.clear();
    slot_max_ = 0;
    last_slot_ = -1;
    predicted_ = false;
    max_utility_ = 0;
    best_received_.reset();
    previous_target_ = 1;
    opponent_bid_.reset();
    acted_ = false;
    my_last_bid_ = Outcome(space_->issue_count());
    my_last_utility_ = 0;
  }

  void Observe(const ObservedAction& action) override {
    if (action.type != ActionType::kOffer || action.offer == nullptr) return;
    if (action.party == party_) {
      my_last_bid_ = *action.offer;
      my_last_utility_ = profile_->Utility(my_last_bid_);
      return;
    }
    opponent_bid_ = *action.offer;
    opponent_utility_ = action.offer_utility;
  }

  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (!opponent_bid_ || !acted_) return Offer(max_bid_, proposal);
    const double offered = opponent_utility_ * kAcceptMultiplier;
    if (offered >= my_last_utility_ || offered >= kMaximumAspiration) return ActionType::kAccept;
    const std::optional<Outcome> planned = NextBid(state.time);
    // Where the original throws (no regression yet), it offers its last bid again.
    if (!planned) return Offer(my_last_bid_, proposal);
    if (offered >= profile_->Utility(*planned)) return ActionType::kAccept;
    return Offer(*planned, proposal);
  }

 private:
  ActionType Offer(const Outcome& bid, Outcome& proposal) {
    proposal = bid;
    if (&bid != &my_last_bid_) {
      my_last_bid_ = bid;
      my_last_utility_ = profile_->Utility(bid);
    }
    acted_ = true;
    return ActionType::kOffer;
  }

  // proposeNextBid: the best offer received once the target falls to it, else a random bid
  // within the band around the target.
  std::optional<Outcome> NextBid(double t) {
    if (opponent_utility_ > max_utility_) {
      best_received_ = opponent_bid_;
      max_utility_ = opponent_utility_;
    }
    const std::optional<double> target = Target(opponent_utility_, t);
    if (!target) return std::nullopt;
    if (*target <= max_utility_ && previous_target_ > max_utility_) return best_received_;
    previous_target_ = *target;
    return RandomBidWithin(*target - kBand, *target + kBand);
  }

  // RandomBidCreator.getBid: random bids until one lies in [low, high], widening the top by 0.01
  // every 500 draws; a range reaching 1 asks only for at least `low`, lowered likewise.
  Outcome RandomBidWithin(double low, double high) {
    Outcome bid(space_->issue_count());
    for (int tries = 0;;) {
      const bool open_top = high >= 1;
      DrawBid(bid);
      const double u = profile_->Utility(bid);
      if (u >= low && (open_top || u <= high)) return bid;
      if (++tries == 500) {
        if (open_top) {
          low -= 0.01;
        } else {
          high += 0.01;
        }
        tries = 0;
      }
    }
  }

  void DrawBid(Outcome& bid) {
    for (std::size_t i = 0; i < space_->issue_count(); ++i) {
      const Issue& issue = space_->issue(i);
      if (issue.countable()) {
        bid[i] =
            issue.ValueAt(static_cast<std::uint64_t>(random_.NextInt(static_cast<std::int32_t>(issue.cardinality()))));
      } else {
        bid[i] = issue.lower() + random_.NextDouble() * (issue.upper() - issue.lower());
      }
    }
  }

  // getTarget: the target at time t after an offer worth `offered`; nullopt where the original
  // throws (a regression without data, or no prediction yet).
  std::optional<double> Target(double offered, double t) {
    const int slot = static_cast<int>(std::floor(t * kSlots));
    bool refit = last_slot_ == -1;
    if (slot != last_slot_) {
      if (last_slot_ != -1) {
        slot_times_.push_back((last_slot_ + 0.5) / kSlots);
        slot_maxima_.push_back(slot_max_);
        refit = true;
      }
      last_slot_ = slot;
      slot_max_ = 0;
    }
    slot_max_ = std::max(slot_max_, offered);
    if (slot == 0) return 1.0 - t / 2.0;
    if (refit && !Refit()) return std::nullopt;
    if (!predicted_) return std::nullopt;
    return MoveTarget(t);
  }

  // The mixture's prediction of the opponent's best offers at every time sample, relative to the
  // line from the first slot's best offer (at t = 0) to 0.9 (at t = 1).
  bool Refit() {
    if (slot_maxima_.empty()) return false;
    const double intercept = slot_maxima_.front();
    const double gradient = 0.9 - intercept;
    std::vector<double> residual(slot_maxima_.size());
    for (std::size_t i = 0; i < residual.size(); ++i)
      residual[i] = slot_maxima_[i] - (intercept + gradient * slot_times_[i]);
    std::vector<double> test(time_samples_, time_samples_ + kTimeSamples), mean, variance;
    if (!regression_.Predict(slot_times_, residual, test, mean, variance)) return false;
    for (int j = 0; j < kTimeSamples; ++j) {
      means_[j] = mean[j] + (intercept + gradient * time_samples_[j]);
      variances_[j] = variance[j];
    }
    predicted_ = true;
    std::fill(std::begin(column_ready_), std::end(column_ready_), false);
    return true;
  }

  // From the predicted distribution of the opponent's offers at each future time sample: the
  // probability that it offers each utility sample (and at least it), weighed by that utility's
  // worth then; the time whose column sums highest, the utility whose cumulative worth is highest
  // there; the target moves on the line from the last target to that point. A column depends only
  // on the prediction at its time, so it is computed once per fit.
  double MoveTarget(double t) {
    int first = 0;
    while (first < kTimeSamples && !(time_samples_[first] > t)) ++first;
    int best_column = 0;
    double best_column_sum = 0;
    for (int i = first; i < kTimeSamples; ++i) {
      if (!column_ready_[i]) FillColumn(i);
      if (column_sums_[i] >= best_column_sum) {
        best_column_sum = column_sums_[i];
        best_column = i - first;
      }
    }
    int best_row = 0;
    double best_row_value = 0;
    for (int j = 0; j < kUtilitySamples; ++j) {
      const double value = first + best_column < kTimeSamples ? cumulative_[j][first + best_column] : 0.0;
      if (value > best_row_value) {
        best_row_value = value;
        best_row = j;
      }
    }
    const double best_time = time_samples_[std::min(best_column + first, kTimeSamples - 1)];
    const double best_utility = utility_samples_[best_row];
    const double target =
        last_regression_utility_ +
        ((t - last_regression_time_) * (best_utility - last_regression_utility_) / (best_time - last_regression_time_));
    last_regression_utility_ = target;
    last_regression_time_ = t;
    return target;
  }

  void FillColumn(int i) {
    const double interval = 1.0 / kUtilitySamples;
    const double s = std::sqrt(2 * variances_[i]);
    const double m = means_[i];
    const double min_p = 1.0 - 0.5 * (1 + AgentErf((utility_samples_[0] + interval / 2.0 - m) / s));
    const double max_p = 1.0 - 0.5 * (1 + AgentErf((utility_samples_[kUtilitySamples - 1] - interval / 2.0 - m) / s));
    double column_sum = 0;
    for (int j = 0; j < kUtilitySamples; ++j) {
      const double u = utility_samples_[j];
      const double p = 1.0 - 0.5 * (1 + AgentErf((u - m) / s));
      const double p1 = 1.0 - 0.5 * (1 + AgentErf((u - interval / 2.0 - m) / s));
      const double p2 = 1.0 - 0.5 * (1 + AgentErf((u + interval / 2.0 - m) / s));
      cumulative_[j][i] = (p - min_p) / (max_p - min_p) * worth_[j][i];
      column_sum += (p1 - p2) / (max_p - min_p) * worth_[j][i];
    }
    column_sums_[i] = column_sum;
    column_ready_[i] = true;
  }

  const Profile* profile_ = nullptr;
  const OutcomeSpace* space_ = nullptr;
  std::size_t party_ = 0;
  JavaRandom random_{0};
  GaussianProcessMixture regression_;
  Outcome max_bid_;
  double utility_samples_[kUtilitySamples] = {};
  double time_samples_[kTimeSamples] = {};
  double worth_[kUtilitySamples][kTimeSamples] = {};  // risk-weighted, discounted utility
  double cumulative_[kUtilitySamples][kTimeSamples] = {};
  double column_sums_[kTimeSamples] = {};
  bool column_ready_[kTimeSamples] = {};
  double means_[kTimeSamples] = {};
  double variances_[kTimeSamples] = {};
  bool predicted_ = false;
  double last_regression_time_ = 0;
  double last_regression_utility_ = 1;
  std::vector<double> slot_times_, slot_maxima_;
  double slot_max_ = 0;
  int last_slot_ = -1;
  double max_utility_ = 0;
  std::optional<Outcome> best_received_;
  double previous_target_ = 1;
  std::optional<Outcome> opponent_bid_;
  double opponent_utility_ = 0;
  bool acted_ = false;
  Outcome my_last_bid_;
  double my_last_utility_ = 0;
};

const bool kRegistered = NegotiatorRegistry::Add(
    {"iamhaggler2011",
     "IAMhaggler2011 (ANAC 2011, third), as GENIUS runs it: predicts the opponent's concessions with a "
     "Gaussian-process mixture, aims at the time and utility of the best expected agreement, offers random bids "
     "near its target.",
     {},
     [](const Spec&) { return std::make_unique<IAMhaggler2011>(); }});

}  // namespace
}  // namespace parley
