// Analysis of the space of deals: the Pareto frontier, the zone of possible agreement, the four
// classic bargaining solutions, and the metrics the ANAC community reports for an agreement.
//
// All of it is computed on undiscounted utilities with the reservation values as the
// disagreement point. Dominance compares the utilities exactly as computed, as GENIUS's BidSpace
// does, so the frontier holds the bids GENIUS's holds; the zone, and the sampled frontier of
// spaces too large to enumerate, compare UtilityKeys (utility.h), so that utilities differing
// only by floating-point noise count as equal. docs/analysis.md says where the two differ.
// Reported utilities are the unrounded values.
//
// ScenarioAnalysis::Of() computes the analysis of a scenario once and shares it (thread-safe)
// with every later caller, so that a tournament measuring thousands of agreements on the same
// scenario computes the frontier once.
#ifndef PARLEY_ANALYSIS_H_
#define PARLEY_ANALYSIS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/outcome_space.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

struct NegotiationResult;

struct AnalysisOptions {
  // Spaces of at most this many outcomes are enumerated; larger ones use a method that does not
  // enumerate (see ParetoFrontier::method). The resource limits (parley/limits.h: max_outcomes,
  // and max_cache_bytes for the utilities of every outcome) can lower it.
  std::uint64_t enumeration_limit = 50'000'000;
  // The most points the dynamic programme over issues keeps at any stage; past it the frontier
  // is computed approximately and says so. Lowered when the stages would not fit in
  // ResourceLimits::max_cache_bytes.
  std::size_t frontier_point_limit = 2'000'000;
  // Samples drawn for estimates (the size of the zone in spaces too large to enumerate, the
  // frontier of hyper-rectangle utilities in such spaces).
  std::size_t samples = 200'000;
  std::uint64_t seed = 0;
};

struct FrontierPoint {
  Outcome outcome;
  std::vector<double> utilities;  // one per party, undiscounted
};

// How utilities are compared when deciding dominance.
enum class UtilityComparison {
  kExact,    // the doubles as computed, no rounding (GENIUS's BidSpace and BidPoint)
  kRounded,  // their UtilityKeys: differences below about 1e-12 count as none
};

struct ParetoFrontier {
  // Every outcome no other outcome dominates (another is at least as good for every party and
  // better for one), under `comparison`. Outcomes with identical utility vectors are all included,
  // so that under kExact this is the list of bids GENIUS's BidSpace.getParetoFrontier() returns.
  // Sorted by the first party's utility, descending, then the next party's, and so on, then by
  // outcome.
  std::vector<FrontierPoint> points;
  // The distinct utility vectors (points in utility space) among them, under `comparison`.
  std::size_t distinct_utility_vectors = 0;
  UtilityComparison comparison = UtilityComparison::kExact;
  bool exact = true;
  // How it was computed, for people: "enumeration of 15,625 outcomes, sort and sweep (2 parties)".
  std::string method;
};

struct ZoneOfAgreement {
  // No outcome gives every party more than its reservation value. Exact whatever the method:
  // the zone is empty exactly when no frontier point lies in it.
  bool empty = true;
  // Number of outcomes in the zone, when the space was enumerated.
  std::optional<std::uint64_t> size;
  // Otherwise an estimate from uniform samples, with a 95% confidence half-width.
  std::optional<double> estimated_size;
  std::optional<double> estimate_half_width;
};

struct AgreementMetrics {
  bool agreement = false;
  std::vector<double> utilities;           // undiscounted; reservation values without agreement
  double social_welfare = 0.0;             // sum of utilities
  double distance_to_pareto = 0.0;         // Euclidean, to the nearest frontier point
  std::optional<double> distance_to_nash;  // absent when the zone is empty
  std::optional<double> distance_to_kalai;
  bool pareto_optimal = false;  // no frontier point dominates it (under the frontier's comparison)
  double opposition = 0.0;      // of the scenario (see ScenarioAnalysis)
};

class ScenarioAnalysis {
 public:
  // Computes everything. Throws UsageError when the options cannot be met.
  explicit ScenarioAnalysis(const Scenario& scenario, const AnalysisOptions& options = {});

  // The analysis of `scenario` with default options, computed on first request and shared by
  // every copy of the scenario. Thread-safe.
  static std::shared_ptr<const ScenarioAnalysis> Of(const Scenario& scenario);

  std::size_t party_count() const { return reservation_values_.size(); }
  const ParetoFrontier& frontier() const { return frontier_; }
  const ZoneOfAgreement& zone() const { return zone_; }

  // Over the zone of agreement (absent when it is empty), each on the Pareto frontier:
  // Nash: maximises the product of gains over the reservation values.
  const std::optional<FrontierPoint>& nash() const { return nash_; }
  // Kalai–Smorodinsky: maximises the smallest gain as a fraction of the party's best gain in
  // the zone, i.e. gains as nearly proportional to the best possible gains as the space allows.
  const std::optional<FrontierPoint>& kalai_smorodinsky() const { return kalai_; }
  // Egalitarian: maximises the smallest gain.
  const std::optional<FrontierPoint>& egalitarian() const { return egalitarian_; }
  // Utilitarian: maximises the sum of utilities.
  const std::optional<FrontierPoint>& utilitarian() const { return utilitarian_; }

  // Each party's best utility over the whole space (the ideal point).
  const std::vector<double>& ideal_point() const { return ideal_point_; }
  const std::vector<double>& reservation_values() const { return reservation_values_; }
  // How opposed the parties are: the Euclidean distance from the ideal point to the nearest
  // outcome in utility space (0 when one outcome is best for everybody).
  double opposition() const { return opposition_; }

  // Metrics of an agreement (or of no agreement) on this scenario.
  AgreementMetrics Measure(const std::optional<Outcome>& agreement) const;
  AgreementMetrics Measure(const std::vector<double>& utilities, bool agreement) const;
  // Metrics of a negotiation's end: of its agreement; of a partial agreement (mopac's coalitions)
  // at the point where each party gets its undiscounted utility of its own coalition's deal, or
  // its reservation value outside every coalition; else of no agreement.
  AgreementMetrics Measure(const NegotiationResult& result) const;

 private:
  std::vector<std::shared_ptr<const UtilityFunction>> utility_functions_;  // for Measure
  std::vector<double> reservation_values_;
  std::vector<double> ideal_point_;
  ParetoFrontier frontier_;
  ZoneOfAgreement zone_;
  std::optional<FrontierPoint> nash_, kalai_, egalitarian_, utilitarian_;
  double opposition_ = 0.0;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_ANALYSIS_H_
