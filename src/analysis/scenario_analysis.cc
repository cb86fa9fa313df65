// ScenarioAnalysis: chooses how to compute the frontier, then derives the zone of agreement, the
// bargaining solutions, the ideal point and the opposition from it, and measures agreements.
//
// Every bargaining solution maximises a function that increases with every party's utility over
// the zone, so a maximiser can always be found on the Pareto frontier; the solutions are searched
// among the frontier points inside the zone. Objectives are compared with a relative tolerance of
// 1e-12, so that floating-point noise does not decide between equally good points; ties go to the
// point with the larger secondary objective named below, then to the first point in frontier order.
#include "parley/analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/frontier_methods.h"
#include "analysis/non_dominated.h"
#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/utility.h"

namespace parley {
namespace {

constexpr double kTieTolerance = 1e-12;

bool Better(double candidate, double best) { return candidate > best + kTieTolerance * std::max(1.0, std::abs(best)); }
bool Tied(double candidate, double best) { return !Better(candidate, best) && !Better(best, candidate); }

bool AllLinearAdditive(const Scenario& scenario) {
  for (const auto& profile : scenario.profiles()) {
    if (!dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function())) return false;
  }
  for (const auto& issue : scenario.space().issues()) {
    if (!issue.countable()) return false;
  }
  return true;
}

// The issue-by-issue programme tabulates every value of every issue for every party.
bool IssueTablesFit(const Scenario& scenario, std::uint64_t bytes) {
  std::uint64_t entries = 0;
  for (const auto& issue : scenario.space().issues()) {
    if (issue.cardinality() > bytes) return false;
    entries += issue.cardinality();
  }
  return entries <= bytes / (sizeof(double) * scenario.party_count());
}

double Distance(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0.0;
  for (std::size_t p = 0; p < a.size(); ++p) sum += (a[p] - b[p]) * (a[p] - b[p]);
  return std::sqrt(sum);
}

// The frontier point maximising `primary`, ties broken by `secondary`, then by frontier order.
template <typename Primary, typename Secondary>
std::optional<FrontierPoint> BestPoint(const std::vector<const FrontierPoint*>& zone, Primary primary,
                                       Secondary secondary) {
  const FrontierPoint* best = nullptr;
  double best_primary = 0.0, best_secondary = 0.0;
  for (const FrontierPoint* point : zone) {
    const double a = primary(*point), b = secondary(*point);
    if (!best || Better(a, best_primary) || (Tied(a, best_primary) && Better(b, best_secondary))) {
      best = point;
      best_primary = a;
      best_secondary = b;
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace

ScenarioAnalysis::ScenarioAnalysis(const Scenario& scenario, const AnalysisOptions& options) {
  const std::size_t parties = scenario.party_count();
  const OutcomeSpace& space = scenario.space();
  for (const auto& profile : scenario.profiles()) {
    utility_functions_.push_back(profile.shared_utility_function());
    reservation_values_.push_back(profile.reservation_value());
  }

  // Each method is used only within the resource limits; the method sentence of the frontier
  // says which was used, and which resource limit ruled out a better one.
  const ResourceLimits limits = DefaultResourceLimits();
  const std::uint64_t megabytes = limits.max_cache_bytes >> 20;
  std::vector<std::string> limited;  // why a better method was not used
  if (space.cardinality() && *space.cardinality() <= options.enumeration_limit) {
    if (*space.cardinality() > limits.max_outcomes) {
      limited.push_back(fmt::format("not enumerated: {} outcomes, more than {}",
                                    internal::FormatCount(*space.cardinality()),
                                    DescribeLimit(limits.max_outcomes, "outcomes", "--max-outcomes")));
    } else if (*space.cardinality() > limits.max_cache_bytes / (sizeof(double) * (parties + 1))) {
      limited.push_back(fmt::format("not enumerated: the utilities of {} outcomes would take more than {}",
                                    internal::FormatCount(*space.cardinality()),
                                    DescribeLimit(megabytes, "MiB", "--max-memory-mb")));
    }
  }
  const bool linear = AllLinearAdditive(scenario);
  if (space.cardinality() && *space.cardinality() <= options.enumeration_limit && limited.empty()) {
    internal::EnumeratedFrontier enumerated = internal::EnumerateFrontier(scenario);
    frontier_ = std::move(enumerated.frontier);
    zone_.size = enumerated.zone_size;
  } else if (linear && IssueTablesFit(scenario, limits.max_cache_bytes)) {
    frontier_ = internal::IssueByIssueFrontier(scenario, options);
  } else {
    if (linear) {
      limited.push_back(fmt::format("not solved issue by issue: its tables would take more than {}",
                                    DescribeLimit(megabytes, "MiB", "--max-memory-mb")));
    }
    frontier_ = internal::SampledFrontier(scenario, options);
  }
  if (!limited.empty()) frontier_.method += fmt::format(" ({})", fmt::join(limited, "; "));

  // The zone: frontier points that give everybody more than the reservation value. If any
  // outcome is in the zone, so is every frontier point that dominates it.
  std::vector<std::int64_t> reservation_keys;
  for (double r : reservation_values_) reservation_keys.push_back(UtilityKey(r));
  std::vector<const FrontierPoint*> zone;
  for (const auto& point : frontier_.points) {
    bool inside = true;
    for (std::size_t p = 0; p < parties && inside; ++p) inside = UtilityKey(point.utilities[p]) > reservation_keys[p];
    if (inside) zone.push_back(&point);
  }
  zone_.empty = zone.empty();
  if (!zone_.size) {
    // Estimate the zone's size from uniform samples: the space is too large to count.
    Rng rng(DeriveSeed(options.seed, {0x7a6f6e65}));
    Outcome outcome;
    std::size_t inside_count = 0;
    const std::size_t samples = std::max<std::size_t>(options.samples, 1);
    for (std::size_t s = 0; s < samples; ++s) {
      space.RandomOutcome(rng, outcome);
      bool inside = true;
      for (std::size_t p = 0; p < parties && inside; ++p) {
        inside = UtilityKey(utility_functions_[p]->Utility(outcome)) > reservation_keys[p];
      }
      inside_count += inside;
    }
    const double fraction = static_cast<double>(inside_count) / static_cast<double>(samples);
    const double total = std::pow(10.0, space.log10_cardinality());
    zone_.estimated_size = fraction * total;
    zone_.estimate_half_width = 1.96 * std::sqrt(fraction * (1.0 - fraction) / static_cast<double>(samples)) * total;
  }

  ideal_point_.assign(parties, -std::numeric_limits<double>::infinity());
  for (const auto& point : frontier_.points) {
    for (std::size_t p = 0; p < parties; ++p) ideal_point_[p] = std::max(ideal_point_[p], point.utilities[p]);
  }
  opposition_ = std::numeric_limits<double>::infinity();
  for (const auto& point : frontier_.points)
    opposition_ = std::min(opposition_, Distance(point.utilities, ideal_point_));
  if (frontier_.points.empty()) opposition_ = 0.0;

  // Gains over the reservation values, and each party's best gain within the zone.
  auto gain = [&](const FrontierPoint& point, std::size_t p) { return point.utilities[p] - reservation_values_[p]; };
  std::vector<double> best_gain(parties, 0.0);
  for (const FrontierPoint* point : zone) {
    for (std::size_t p = 0; p < parties; ++p) best_gain[p] = std::max(best_gain[p], gain(*point, p));
  }
  auto product = [&](const FrontierPoint& point) {
    double value = 1.0;
    for (std::size_t p = 0; p < parties; ++p) value *= gain(point, p);
    return value;
  };
  auto smallest_gain = [&](const FrontierPoint& point) {
    double value = INFINITY;
    for (std::size_t p = 0; p < parties; ++p) value = std::min(value, gain(point, p));
    return value;
  };
  auto smallest_relative_gain = [&](const FrontierPoint& point) {
    double value = INFINITY;
    for (std::size_t p = 0; p < parties; ++p) value = std::min(value, gain(point, p) / best_gain[p]);
    return value;
  };
  auto welfare = [&](const FrontierPoint& point) {
    double value = 0.0;
    for (double u : point.utilities) value += u;
    return value;
  };
  nash_ = BestPoint(zone, product, welfare);
  kalai_ = BestPoint(zone, smallest_relative_gain, welfare);
  egalitarian_ = BestPoint(zone, smallest_gain, welfare);
  utilitarian_ = BestPoint(zone, welfare, smallest_gain);
}

std::shared_ptr<const ScenarioAnalysis> ScenarioAnalysis::Of(const Scenario& scenario) {
  return std::static_pointer_cast<const ScenarioAnalysis>(scenario.Cached(
      "analysis", [&] { return std::static_pointer_cast<const void>(std::make_shared<ScenarioAnalysis>(scenario)); }));
}

AgreementMetrics ScenarioAnalysis::Measure(const std::optional<Outcome>& agreement) const {
  std::vector<double> utilities;
  for (std::size_t p = 0; p < utility_functions_.size(); ++p) {
    utilities.push_back(agreement ? utility_functions_[p]->Utility(*agreement) : reservation_values_[p]);
  }
  return Measure(utilities, agreement.has_value());
}

AgreementMetrics ScenarioAnalysis::Measure(const NegotiationResult& result) const {
  if (!result.agreement && !result.coalitions.empty()) return Measure(result.undiscounted_utilities, true);
  return Measure(result.agreement);
}

AgreementMetrics ScenarioAnalysis::Measure(const std::vector<double>& utilities, bool agreement) const {
  if (utilities.size() != party_count()) {
    throw UsageError(fmt::format("{} utilities given for a scenario of {} parties", utilities.size(), party_count()));
  }
  AgreementMetrics metrics;
  metrics.agreement = agreement;
  metrics.utilities = utilities;
  for (double u : utilities) metrics.social_welfare += u;
  metrics.distance_to_pareto = INFINITY;
  // Dominated as the frontier's points were decided: an agreement on the frontier is optimal.
  const UtilityComparison comparison = frontier_.comparison;
  std::vector<std::int64_t> keys, point_keys(utilities.size());
  for (double u : utilities) keys.push_back(internal::ComparisonKey(u, comparison));
  bool dominated = false;
  for (const auto& point : frontier_.points) {
    metrics.distance_to_pareto = std::min(metrics.distance_to_pareto, Distance(point.utilities, utilities));
    for (std::size_t p = 0; p < utilities.size(); ++p) {
      point_keys[p] = internal::ComparisonKey(point.utilities[p], comparison);
    }
    bool at_least = true, larger = false;
    for (std::size_t p = 0; p < utilities.size(); ++p) {
      at_least = at_least && point_keys[p] >= keys[p];
      larger = larger || point_keys[p] > keys[p];
    }
    dominated = dominated || (at_least && larger);
  }
  if (frontier_.points.empty()) metrics.distance_to_pareto = 0.0;
  metrics.pareto_optimal = agreement && !dominated;
  if (nash_) metrics.distance_to_nash = Distance(nash_->utilities, utilities);
  if (kalai_) metrics.distance_to_kalai = Distance(kalai_->utilities, utilities);
  metrics.opposition = opposition_;
  return metrics;
}

}  // namespace parley
