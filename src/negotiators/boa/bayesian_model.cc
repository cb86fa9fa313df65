// The "bayesian" opponent model: learns each opponent's linear additive preferences from its
// offers, with one probability distribution per issue weight and per issue value function, updated
// by Bayes' rule on the assumption that the opponent concedes linearly in time.
// After Hindriks & Tykhonov, "Opponent modelling in automated multi-issue negotiation using
// Bayesian learning" (AAMAS 2008), in the paper's scalable form.
// Hypotheses, likelihood, choices and measurements:
// docs/strategies.md#bayesian--bayesian-learning-hindriks--tykhonov-2008
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "negotiators/boa/issue_grid.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

// A triangle over [0, 1] peaking (at 1) at `peak`.
double Triangle(double peak, double z) {
  if (z <= peak) return peak > 0.0 ? z / peak : 1.0;
  return (1.0 - z) / (1.0 - peak);
}

// Multiplies `probabilities` by exp(log_likelihoods) and renormalises. The largest log-likelihood
// is subtracted first so that the best hypothesis never underflows to zero.
void BayesUpdate(std::vector<double>& probabilities, const std::vector<double>& log_likelihoods) {
  const double top = *std::max_element(log_likelihoods.begin(), log_likelihoods.end());
  double total = 0.0;
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    probabilities[k] *= std::exp(log_likelihoods[k] - top);
    total += probabilities[k];
  }
  if (!(total > 0.0)) return;  // every surviving hypothesis had probability 0: keep the prior
  for (double& p : probabilities) p /= total;
}

// Countable issues with at most this many values get a table of weighted expected values. Bidding
// strategies ask for the estimate of up to 64 candidates a turn, and without the table each query
// sums every value shape of every issue; the table, refreshed after each update, holds exactly the
// products a query would compute, so estimates are unchanged.
constexpr std::uint64_t kTabulatedValues = 64;

class BayesianModel final : public OpponentModel {
 public:
  BayesianModel(double concession, double sigma, std::int64_t hypotheses)
      : concession_(concession), sigma_(sigma), hypotheses_(hypotheses) {
    if (!std::isfinite(concession_)) throw UsageError("bayesian model: concession must be a number");
    if (!(sigma_ > 0.0) || !std::isfinite(sigma_)) {
      throw UsageError(fmt::format("bayesian model: sigma must be positive, got {}", sigma_));
    }
    if (hypotheses_ < 2) {
      throw UsageError(fmt::format("bayesian model: hypotheses must be at least 2, got {}", hypotheses_));
    }
  }

  void Begin(const NegotiatorContext& context) override {
    BeginCommon(context);
    const OutcomeSpace& space = *context.space;
    const std::size_t n = space.issue_count();
    const auto cap = static_cast<std::size_t>(hypotheses_);

    // Grids only serve for Coordinate(); cells are not used, so one bin is enough.
    grids_.clear();
    peaks_.assign(n, {});
    cell_values_.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
      const Issue& issue = space.issue(i);
      grids_.emplace_back(issue, 1);
      if (issue.countable() && issue.cardinality() <= kTabulatedValues) {
        // Each value in Outcome's encoding, in cell order (IssueGrid::Cell is exact up to 1000).
        for (std::uint64_t k = 0; k < issue.cardinality(); ++k) {
          const double offset = static_cast<double>(k);
          cell_values_[i].push_back(issue.kind() == IssueKind::kDiscrete ? offset : issue.lower() + offset);
        }
      }
      std::size_t count = issue.upper() > issue.lower() ? cap : 1;
      if (issue.countable()) count = static_cast<std::size_t>(std::min<std::uint64_t>(issue.cardinality(), cap));
      if (count <= 1) {
        peaks_[i] = {0.0};  // a single value (at z = 0): it is worth the most
      } else {
        for (std::size_t k = 0; k < count; ++k) {
          peaks_[i].push_back(static_cast<double>(k) / static_cast<double>(count - 1));
        }
      }
    }
    const std::size_t levels = std::min(n, cap);
    levels_.clear();
    for (std::size_t k = 0; k < levels; ++k) {
      const double rank =
          levels == 1 ? static_cast<double>(n)
                      : 1.0 + static_cast<double>(k) * static_cast<double>(n - 1) / static_cast<double>(levels - 1);
      levels_.push_back(2.0 * rank / (static_cast<double>(n) * static_cast<double>(n + 1)));
    }

    opponents_.assign(context.party_count, Opponent{});
    for (std::size_t p = 0; p < context.party_count; ++p) {
      if (p == party_) continue;
      Opponent& opponent = opponents_[p];
      opponent.weight_probabilities.assign(n, std::vector<double>(levels, 1.0 / static_cast<double>(levels)));
      opponent.shape_probabilities.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        opponent.shape_probabilities[i].assign(peaks_[i].size(), 1.0 / static_cast<double>(peaks_[i].size()));
      }
      opponent.expected_weights.assign(n, 0.0);
      opponent.weighted_values.resize(n);
      for (std::size_t i = 0; i < n; ++i) opponent.weighted_values[i].assign(cell_values_[i].size(), 0.0);
      RefreshWeights(opponent);
    }
    values_.assign(n, 0.0);
    likelihoods_.reserve(std::max(levels, cap));
  }

  void Update(std::size_t party, const Outcome& offer, double time) override {
    if (party >= opponents_.size() || party == party_) return;
    Opponent& opponent = opponents_[party];
    const std::size_t n = grids_.size();
    const double predicted = std::max(0.0, 1.0 - concession_ * time);
    const double scale = -0.5 / (sigma_ * sigma_);

    // Expectations before the offer, shared by every issue's update.
    double weight_sum = 0.0, utility_sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      values_[i] = ExpectedValue(opponent, i, grids_[i].Coordinate(offer[i]));
      weight_sum += opponent.raw_weights[i];
      utility_sum += opponent.raw_weights[i] * values_[i];
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double other_weight = weight_sum - opponent.raw_weights[i];
      const double other_utility = utility_sum - opponent.raw_weights[i] * values_[i];

      likelihoods_.clear();
      for (double weight : levels_) {
        const double utility = (weight * values_[i] + other_utility) / (weight + other_weight);
        likelihoods_.push_back(scale * (utility - predicted) * (utility - predicted));
      }
      BayesUpdate(opponent.weight_probabilities[i], likelihoods_);

      const double z = grids_[i].Coordinate(offer[i]);
      likelihoods_.clear();
      for (double peak : peaks_[i]) {
        const double utility = (opponent.raw_weights[i] * Triangle(peak, z) + other_utility) / weight_sum;
        likelihoods_.push_back(scale * (utility - predicted) * (utility - predicted));
      }
      BayesUpdate(opponent.shape_probabilities[i], likelihoods_);
    }
    RefreshWeights(opponent);
  }

  double EstimatedUtility(std::size_t party, const Outcome& outcome) const override {
    if (party >= opponents_.size() || party == party_) return 0.5;
    const Opponent& opponent = opponents_[party];
    double sum = 0.0;
    for (std::size_t i = 0; i < grids_.size(); ++i) {
      if (!cell_values_[i].empty()) {
        sum += opponent.weighted_values[i][grids_[i].Cell(outcome[i])];
      } else {
        sum += opponent.expected_weights[i] * ExpectedValue(opponent, i, grids_[i].Coordinate(outcome[i]));
      }
    }
    return std::clamp(sum, 0.0, 1.0);
  }

 private:
  struct Opponent {
    std::vector<std::vector<double>> weight_probabilities;  // [issue][level]
    std::vector<std::vector<double>> shape_probabilities;   // [issue][peak]
    std::vector<double> raw_weights;                        // E[w_i] under the rank hypotheses
    std::vector<double> expected_weights;                   // the same normalised to sum to one
    // [issue][cell]: expected_weights[i] * the expected value of that value (tabulated issues).
    std::vector<std::vector<double>> weighted_values;
  };

  double ExpectedValue(const Opponent& opponent, std::size_t issue, double z) const {
    const std::vector<double>& probabilities = opponent.shape_probabilities[issue];
    double value = 0.0;
    for (std::size_t k = 0; k < probabilities.size(); ++k) value += probabilities[k] * Triangle(peaks_[issue][k], z);
    return value;
  }

  // Recomputes the expected weights and the tables of weighted expected values.
  void RefreshWeights(Opponent& opponent) const {
    const std::size_t n = opponent.weight_probabilities.size();
    opponent.raw_weights.assign(n, 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < levels_.size(); ++k) {
        opponent.raw_weights[i] += opponent.weight_probabilities[i][k] * levels_[k];
      }
      total += opponent.raw_weights[i];
    }
    for (std::size_t i = 0; i < n; ++i) opponent.expected_weights[i] = opponent.raw_weights[i] / total;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < cell_values_[i].size(); ++k) {
        opponent.weighted_values[i][k] =
            opponent.expected_weights[i] * ExpectedValue(opponent, i, grids_[i].Coordinate(cell_values_[i][k]));
      }
    }
  }

  double concession_;
  double sigma_;
  std::int64_t hypotheses_;
  std::vector<IssueGrid> grids_;
  std::vector<std::vector<double>> peaks_;  // per issue: the value hypotheses' peaks
  std::vector<double> levels_;              // the weight hypotheses, shared by every issue
  std::vector<Opponent> opponents_;         // indexed by party; the own party's entry stays empty
  std::vector<double> values_;              // scratch: expected value of each issue of an offer
  std::vector<double> likelihoods_;         // scratch: log-likelihoods of one issue's hypotheses
  // Per issue: each value in Outcome's encoding when the issue is tabulated, else empty.
  std::vector<std::vector<double>> cell_values_;
};

const bool kRegistered = OpponentModelRegistry::Add(
    {"bayesian",
     "Bayesian learning (Hindriks & Tykhonov 2008, scalable form): per issue, distributions over rank-based "
     "weights and triangular value functions, updated assuming the opponent concedes linearly in time.",
     {{"concession", "0.2", "predicted utility of the opponent's offer at time t: 1 - concession * t"},
      {"sigma", "0.25", "deviation of the Gaussian likelihood around the predicted utility"},
      {"hypotheses", "32", "the most weight levels and value shapes kept per issue"}},
     [](const Spec& spec) {
       return std::make_unique<BayesianModel>(spec.GetDouble("concession"), spec.GetDouble("sigma"),
                                              spec.GetInt("hypotheses"));
     }});

}  // namespace
}  // namespace parley
