// The "frequency" opponent model: issues whose value an opponent keeps unchanged from offer to offer
// gain weight, and values score by how often they are offered.
// The frequency analysis of HardHeaded (van Krimpen, Looije & Hajizadeh, ANAC 2011 winner), which
// GENIUS ships as HardHeadedFrequencyModel (learnCoef 0.2 is `learning`) and Baarslag et al.,
// "Learning about the opponent in automated bilateral negotiation" (2016, section 5.2) describe
// as the typical frequency model.
// Update rule, parameters and measurements: docs/strategies.md#frequency--frequency-analysis-hardheaded
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

class FrequencyModel final : public OpponentModel {
 public:
  FrequencyModel(double learning, std::int64_t bins) : learning_(learning), bins_(bins) {
    if (!(learning_ >= 0.0) || !std::isfinite(learning_)) {
      throw UsageError(fmt::format("frequency model: learning must be a non-negative number, got {}", learning_));
    }
    if (bins_ < 1) throw UsageError(fmt::format("frequency model: bins must be at least 1, got {}", bins_));
  }

  void Begin(const NegotiatorContext& context) override {
    BeginCommon(context);
    const OutcomeSpace& space = *context.space;
    grids_.clear();
    for (const Issue& issue : space.issues()) grids_.emplace_back(issue, static_cast<std::size_t>(bins_));
    opponents_.assign(context.party_count, Opponent{});
    for (std::size_t p = 0; p < context.party_count; ++p) {
      if (p == party_) continue;
      Opponent& opponent = opponents_[p];
      const std::size_t n = grids_.size();
      opponent.weights.assign(n, 1.0 / static_cast<double>(n));
      opponent.counts.resize(n);
      for (std::size_t i = 0; i < n; ++i) opponent.counts[i].assign(grids_[i].size(), 0.0);
      opponent.largest.assign(n, 0.0);
      opponent.previous.assign(n, 0);
    }
  }

  void Update(std::size_t party, const Outcome& offer, double /*time*/) override {
    if (party >= opponents_.size() || party == party_) return;
    Opponent& opponent = opponents_[party];
    const std::size_t n = grids_.size();
    const double gain = learning_ / static_cast<double>(n);
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t cell = grids_[i].Cell(offer[i]);
      if (opponent.offers > 0 && cell == opponent.previous[i]) opponent.weights[i] += gain;
      total += opponent.weights[i];
      opponent.previous[i] = cell;
      const double count = ++opponent.counts[i][cell];
      opponent.largest[i] = std::max(opponent.largest[i], count);
    }
    for (double& weight : opponent.weights) weight /= total;
    ++opponent.offers;
  }

  double EstimatedUtility(std::size_t party, const Outcome& outcome) const override {
    if (party >= opponents_.size() || party == party_) return 0.5;
    const Opponent& opponent = opponents_[party];
    double sum = 0.0;
    for (std::size_t i = 0; i < grids_.size(); ++i) {
      const double count = opponent.counts[i][grids_[i].Cell(outcome[i])];
      sum += opponent.weights[i] * (count + 1.0) / (opponent.largest[i] + 1.0);
    }
    return std::clamp(sum, 0.0, 1.0);
  }

 private:
  struct Opponent {
    std::vector<double> weights;              // sum to one
    std::vector<std::vector<double>> counts;  // counts[issue][cell]: times offered
    std::vector<double> largest;              // the largest count of each issue
    std::vector<std::size_t> previous;        // cells of the previous offer
    std::size_t offers = 0;
  };

  double learning_;
  std::int64_t bins_;
  std::vector<IssueGrid> grids_;
  std::vector<Opponent> opponents_;  // indexed by party; the own party's entry stays empty
};

const bool kRegistered = OpponentModelRegistry::Add(
    {"frequency",
     "Frequency analysis (HardHeaded, GENIUS): issues whose value the opponent keeps unchanged gain weight; "
     "values score by how often they are offered.",
     {{"learning", "0.2", "weight gain of an unchanged issue, divided by the number of issues, before renormalising"},
      {"bins", "10", "bins per real range (and per integer range of more than 1000 values)"}},
     [](const Spec& spec) {
       return std::make_unique<FrequencyModel>(spec.GetDouble("learning"), spec.GetInt("bins"));
     }});

}  // namespace
}  // namespace parley
