// The preference estimators' checks of conformance.h (CheckPreferenceEstimator).
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "conformance.h"
#include "fixtures.h"
#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "parley/preference_estimator.h"

namespace parley::conformance {
namespace {

// The least Kendall's tau an estimate from a ranking of every outcome must reach: a clearly
// positive correlation. GENIUS's own heuristic (genius-rank-points), whose weights follow how many
// values an issue has more than how much it matters, reaches 0.47 to 0.84 on these scenarios;
// borda and lp reach 0.97 and above.
constexpr double kFullRankingTau = 0.4;

}  // namespace

Violations CheckPreferenceEstimator(const std::string& spec) {
  Violations violations;
  const std::vector<Scenario> scenarios = {testing::RandomLinearScenario(21, 2, 3),
                                           testing::RandomLinearScenario(22, 2, 4),
                                           testing::PortableScenario(5, false)};
  for (const Scenario& scenario : scenarios) {
    const Profile& truth = scenario.profile(0);
    const std::size_t size = *scenario.space().cardinality();
    struct Known {
      std::string what;
      PartialPreferences known;
    };
    std::vector<Known> cases;
    for (std::size_t count : {std::size_t{1}, std::size_t{5}, std::size_t{40}, size}) {
      cases.push_back({fmt::format("a random ranking of {} outcomes", count), RandomRanking(truth, count, 3)});
    }
    cases.push_back({"GENIUS's user model of 10 comparisons", GeniusUserModel(truth, 10)});
    const PartialPreferences& some = cases[2].known;  // 0 >= every other, the others unrelated
    std::vector<PartialPreferences::Relation> star;
    for (std::size_t k = 1; k < some.size(); ++k) star.emplace_back(0, k);
    cases.push_back({"a partial order", PartialPreferences::Order(some.shared_space(), some.outcomes(), star)});
    for (const Known& known : cases) {
      const std::string who =
          fmt::format("preference estimator '{}' on scenario '{}' from {}", spec, scenario.name(), known.what);
      Guarded(violations, who, [&] {
        auto estimator = PreferenceEstimatorRegistry::Create(spec);
        const auto estimate = estimator->Estimate(known.known, 7);
        if (estimate == nullptr) {
          violations.push_back(who + ": returned no function");
          return;
        }
        if (estimate->space().issue_count() != scenario.space().issue_count()) {
          violations.push_back(who + ": returned a function over another space");
          return;
        }
        std::vector<double> utilities, again;
        estimate->EvaluateAll(utilities);
        PreferenceEstimatorRegistry::Create(spec)->Estimate(known.known, 7)->EvaluateAll(again);
        if (utilities != again) violations.push_back(who + ": estimated differently from the same knowledge and seed");
        for (double u : utilities) {
          if (!(std::isfinite(u) && u >= 0.0 && u <= 1.0)) {
            violations.push_back(fmt::format("{}: estimated a utility of {}, outside [0, 1]", who, u));
            break;
          }
        }
        if (known.known.size() == size) {
          const double tau = KendallTau(truth.utility_function(), *estimate);
          if (!(tau >= kFullRankingTau)) {
            violations.push_back(
                fmt::format("{}: Kendall's tau with the truth is {}; expected at least {}", who, tau, kFullRankingTau));
          }
        }
      });
    }
  }
  const Scenario real = testing::SmallScenario(2);
  try {
    PreferenceEstimatorRegistry::Create(spec)->Estimate(RandomRanking(real.profile(0), 5, 1), 0);
    violations.push_back(fmt::format("preference estimator '{}' estimated over a space with a real issue", spec));
  } catch (const UsageError&) {
  } catch (const std::exception& error) {
    violations.push_back(
        fmt::format("preference estimator '{}' threw other than UsageError on a real issue: {}", spec, error.what()));
  }
  return violations;
}

Violations PreferenceEstimatorSuite() {
  Violations violations;
  for (const auto& spec : RegisteredVariants<PreferenceEstimator>()) Append(violations, CheckPreferenceEstimator(spec));
  return violations;
}

}  // namespace parley::conformance
