// The "genius-hardheaded-frequency" opponent model: GENIUS 9.1.10's
// negotiator.boaframework.opponentmodel.HardHeadedFrequencyModel, the frequency analysis of
// HardHeaded (van Krimpen, Looije & Hajizadeh, ANAC 2011) as the BOA framework packages it, with
// GENIUS's arithmetic kept so that its estimates are GENIUS's to the last bit.
//
// What GENIUS does and Parley's own "frequency" model does not:
// - the first offer of an opponent teaches nothing (not even its values' counts);
// - every value starts at a count of 1 and gains 1 each time it is offered;
// - an issue unchanged since the previous offer gains l / n before the division by
//   1 + (l / n) * unchanged, unless its weight has reached the cap 1 - n * (l / n) / that divisor;
// - each new weight is written through AdditiveUtilitySpace.setWeight, which at once re-spreads
//   every issue's weight (w <- w - (S - 1) * (w + 0.05) / (S + 0.05 * n), floored at 0, where S is
//   the sum just after the write) and takes the write back when the sum leaves (0.98, 1.02); the
//   issues are written in ascending issue number, so each later issue reads a weight already moved;
// - the estimate is sum of weight * count / (largest count of the issue), capped at 1.
// The estimate ignores Parley's reservation value and time, as GENIUS's does.
//
// Deliberate differences, each because Parley cannot express the original's behaviour there:
// - GENIUS keeps one opponent bid history per agent; the port keeps one per opponent party, which
//   is the same thing in a bilateral negotiation.
// - Issues are written in Parley's issue order; GENIUS writes them in ascending issue number,
//   which is the same order in every scenario whose issues are numbered as listed (all of the
//   corpus's GENIUS domains).
// - GENIUS's class only handles discrete issues: it keeps its own profile's evaluation for
//   integer and real issues and stops counting at the first of them in its evaluator map. The port
//   counts integer and real values on the cells of an IssueGrid (10 bins) as if they were discrete.
// The proof against GENIUS: docs/strategies.md#genius-hardheaded-frequency--hardheadedfrequencymodel
#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "negotiators/boa/issue_grid.h"
#include "parley/boa.h"
#include "parley/error.h"

namespace parley {
namespace {

// AdditiveUtilitySpace.normalizeChildren adds this to every weight when it spreads a correction.
constexpr double kRenormalisationMargin = 0.05;
constexpr std::size_t kBinsForRanges = 10;

class GeniusHardHeadedFrequencyModel final : public OpponentModel {
 public:
  explicit GeniusHardHeadedFrequencyModel(double learning) : learning_(learning) {
    if (!std::isfinite(learning_)) {
      throw UsageError(fmt::format("genius-hardheaded-frequency model: l must be a number, got {}", learning_));
    }
  }

  void Begin(const NegotiatorContext& context) override {
    BeginCommon(context);
    grids_.clear();
    for (const Issue& issue : context.space->issues()) grids_.emplace_back(issue, kBinsForRanges);
    const std::size_t n = grids_.size();
    golden_ = learning_ / static_cast<double>(n);
    opponents_.assign(context.party_count, Opponent{});
    for (std::size_t p = 0; p < context.party_count; ++p) {
      if (p == party_) continue;
      Opponent& opponent = opponents_[p];
      opponent.weights.assign(n, 1.0 / static_cast<double>(n));
      opponent.counts.resize(n);
      for (std::size_t i = 0; i < n; ++i) opponent.counts[i].assign(grids_[i].size(), 1);
      opponent.previous.assign(n, 0);
    }
    unchanged_.assign(n, false);
  }

  void Update(std::size_t party, const Outcome& offer, double /*time*/) override {
    if (party >= opponents_.size() || party == party_) return;
    Opponent& opponent = opponents_[party];
    const std::size_t n = grids_.size();
    const bool first = opponent.offers++ == 0;
    if (!first) {
      std::size_t unchanged = 0;
      for (std::size_t i = 0; i < n; ++i) {
        unchanged_[i] = grids_[i].Cell(offer[i]) == opponent.previous[i];
        if (unchanged_[i]) ++unchanged;
      }
      const double divisor = 1.0 + golden_ * static_cast<double>(unchanged);
      const double cap = 1.0 - static_cast<double>(n) * golden_ / divisor;
      for (std::size_t i = 0; i < n; ++i) {
        const double weight = opponent.weights[i];
        const double raised = unchanged_[i] && weight < cap ? (weight + golden_) / divisor : weight / divisor;
        WriteWeight(opponent.weights, i, raised);
      }
      for (std::size_t i = 0; i < n; ++i) ++opponent.counts[i][grids_[i].Cell(offer[i])];
    }
    for (std::size_t i = 0; i < n; ++i) opponent.previous[i] = grids_[i].Cell(offer[i]);
  }

  double EstimatedUtility(std::size_t party, const Outcome& outcome) const override {
    if (party >= opponents_.size() || party == party_) return 0.5;
    const Opponent& opponent = opponents_[party];
    double sum = 0.0;
    for (std::size_t i = 0; i < grids_.size(); ++i) {
      const std::vector<long long>& counts = opponent.counts[i];
      const double largest = static_cast<double>(*std::max_element(counts.begin(), counts.end()));
      const double value = static_cast<double>(counts[grids_[i].Cell(outcome[i])]) / largest;
      sum += opponent.weights[i] * value;
    }
    return std::min(sum, 1.0);
  }

 private:
  struct Opponent {
    std::vector<double> weights;
    std::vector<std::vector<long long>> counts;  // [issue][cell], from 1
    std::vector<std::size_t> previous;           // cells of the previous offer
    std::size_t offers = 0;
  };

  // Writes weight `issue` and re-spreads all weights as GENIUS's setWeight does.
  static void WriteWeight(std::vector<double>& weights, std::size_t issue, double weight) {
    const double old = weights[issue];
    weights[issue] = weight;
    if (weights.size() == 1) {
      weights[0] = 1.0;
      return;
    }
    double sum = 0.0;
    for (double w : weights) sum += w;
    const double excess = sum - 1.0;
    const double spread = sum + kRenormalisationMargin * static_cast<double>(weights.size());
    for (double& w : weights) w = std::max(0.0, w - excess * (w + kRenormalisationMargin) / spread);
    double check = 0.0;
    for (double w : weights) check += w;
    if (!(check > 0.98 && check < 1.02)) weights[issue] = old;
  }

  double learning_;
  double golden_ = 0.0;
  std::vector<IssueGrid> grids_;
  std::vector<Opponent> opponents_;  // indexed by party; the own party's entry stays empty
  std::vector<bool> unchanged_;      // scratch: issues whose value the latest offer kept
};

const bool kRegistered = OpponentModelRegistry::Add(
    {"genius-hardheaded-frequency",
     "GENIUS's HardHeadedFrequencyModel, number for number: unchanged issues gain l/n of weight through "
     "GENIUS's renormalising setWeight; values count from 1 and score count / largest count.",
     {{"l", "0.2", "learning coefficient: the weight an unchanged issue gains, divided by the number of issues"}},
     [](const Spec& spec) { return std::make_unique<GeniusHardHeadedFrequencyModel>(spec.GetDouble("l")); }});

}  // namespace
}  // namespace parley
