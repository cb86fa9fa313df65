// Generated scenarios: see fixtures.h.
#include "fixtures.h"

#include <fmt/format.h>

#include <memory>
#include <string>

#include "parley/random.h"
#include "parley/utility.h"

namespace parley::testing {

Scenario RandomLinearScenario(std::uint64_t seed, std::size_t parties, std::size_t discrete_issues, bool discounted) {
  Rng rng(seed);
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < discrete_issues; ++i) {
    std::vector<std::string> values;
    const std::uint64_t count = 2 + rng.UniformInt(5);
    for (std::uint64_t v = 0; v < count; ++v) values.push_back("v" + std::to_string(v));
    issues.push_back(Issue::Discrete("issue" + std::to_string(i), std::move(values)));
  }
  issues.push_back(Issue::Integer("amount", 1, 4));
  auto space = std::make_shared<const OutcomeSpace>("random-" + std::to_string(seed), std::move(issues));
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<double> weights;
    std::vector<ValueFunction> functions;
    for (std::size_t i = 0; i < space->issue_count(); ++i) {
      weights.push_back(0.05 + rng.UniformReal());
      const Issue& issue = space->issue(i);
      if (issue.kind() == IssueKind::kInteger) {
        const bool rising = rng.Bernoulli(0.5);
        functions.push_back(ValueFunction::Linear(rising ? 1.0 / 3.0 : -1.0 / 3.0, rising ? 0.0 : 1.0, 1.0, true));
      } else {
        std::vector<double> table;
        for (std::uint64_t v = 0; v < issue.cardinality(); ++v) table.push_back(rng.UniformReal());
        functions.push_back(ValueFunction::Table(std::move(table)));
      }
    }
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    const double reservation = 0.5 * rng.UniformReal();
    const double discount = discounted ? 0.5 + 0.5 * rng.UniformReal() : 1.0;
    profiles.emplace_back("party" + std::to_string(p), utility, reservation, discount);
  }
  return Scenario("random-" + std::to_string(seed), space, std::move(profiles));
}

Scenario SmallScenario(std::size_t parties) {
  auto space = std::make_shared<const OutcomeSpace>(
      "fuzz", std::vector<Issue>{Issue::Discrete("colour", {"red", "green", "blue"}), Issue::Integer("days", 0, 4),
                                 Issue::Real("share", 0.0, 1.0)});
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    const double a = static_cast<double>(p % 3) / 2.0;  // 0, 0.5, 1: parties want different things
    std::vector<ValueFunction> functions = {
        ValueFunction::Table({a, 1.0 - a, 0.5}),
        ValueFunction::Linear(p % 2 == 0 ? 0.25 : -0.25, p % 2 == 0 ? 0.0 : 1.0, 0.0, true),
        ValueFunction::Triangular(0.0, 1.0, a)};
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1.0 + static_cast<double>(p), 2.0, 1.0}, std::move(functions));
    profiles.emplace_back(fmt::format("party{}", p), std::move(utility), 0.1 * static_cast<double>(p % 4),
                          p == 1 ? 0.9 : 1.0);
  }
  return Scenario("fuzz", space, std::move(profiles));
}

Scenario TwoCampsScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "options", std::vector<Issue>{Issue::Discrete("option", {"a", "b", "c", "d"})});
  const std::vector<std::vector<double>> tables = {{1, .6, .3, 0}, {0, .7, 1, .2}, {1, .5, .2, 0}, {.1, .4, 1, .5}};
  std::vector<Profile> profiles;
  const char* names[] = {"A", "B", "C", "D"};
  for (std::size_t p = 0; p < 4; ++p) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1}, std::vector<ValueFunction>{ValueFunction::Table(tables[p])});
    profiles.emplace_back(names[p], utility, 0.0, 1.0);
  }
  return Scenario("options", space, std::move(profiles));
}

Scenario PortableScenario(std::uint64_t seed, bool discounted) {
  Rng rng(seed);
  std::vector<Issue> issues;
  for (int i = 0; i < 3; ++i) {
    std::vector<std::string> values;
    const std::uint64_t count = 2 + rng.UniformInt(4);
    for (std::uint64_t v = 0; v < count; ++v) values.push_back(fmt::format("value {}-{}", i, v));
    issues.push_back(Issue::Discrete(fmt::format("issue {}", i), std::move(values)));
  }
  issues.push_back(Issue::Integer("amount", 3, 9));
  auto space = std::make_shared<const OutcomeSpace>("portable", std::move(issues));
  std::vector<Profile> profiles;
  for (int p = 0; p < 3; ++p) {
    std::vector<double> weights;
    std::vector<ValueFunction> functions;
    for (std::size_t i = 0; i < space->issue_count(); ++i) {
      weights.push_back(0.1 + rng.UniformReal());
      const Issue& issue = space->issue(i);
      if (issue.kind() == IssueKind::kInteger) {
        functions.push_back(ValueFunction::Linear(p == 1 ? -0.125 : 1.0 / 6.0, p == 1 ? 1.0 : 0.0, 3.0, true));
        continue;
      }
      std::vector<double> table;
      for (std::uint64_t v = 0; v < issue.cardinality(); ++v) table.push_back(rng.UniformReal());
      table[rng.UniformInt(table.size())] = 1.0;
      functions.push_back(ValueFunction::Table(std::move(table)));
    }
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    const double reservation = p == 0 ? utility->Utility(space->OutcomeAt(5)) : 0.25 * p;
    profiles.emplace_back(fmt::format("party {}", p), utility, reservation, discounted ? 0.5 + 0.1 * p : 1.0);
  }
  return Scenario("portable", space, std::move(profiles));
}

Scenario AsWrittenWeightsScenario(std::uint64_t seed, double weight_sum) {
  const Scenario portable = PortableScenario(seed, false);
  std::vector<Profile> profiles;
  for (const Profile& profile : portable.profiles()) {
    const auto& linear = dynamic_cast<const LinearAdditiveUtility&>(profile.utility_function());
    std::vector<double> weights = linear.weights();
    for (double& w : weights) w *= weight_sum;
    auto utility = std::make_shared<const LinearAdditiveUtility>(portable.shared_space(), std::move(weights),
                                                                 linear.value_functions(), WeightRule::kAsGiven);
    profiles.emplace_back(profile.name(), std::move(utility), profile.reservation_value(), profile.discount_factor());
  }
  return Scenario(fmt::format("weights {}", weight_sum), portable.shared_space(), std::move(profiles));
}

Scenario EveryIssueKindScenario(std::uint64_t seed, std::size_t parties) {
  Rng rng(seed);
  auto space = std::make_shared<const OutcomeSpace>(
      "kinds", std::vector<Issue>{Issue::Discrete("A", {"v0", "v1", "v2", "v3", "v4", "v5", "v6"}),
                                  Issue::Integer("small", -5, 5), Issue::Integer("large", 0, 1000000),
                                  Issue::Real("x", -2.5, 7.0), Issue::Real("point", 1.0, 1.0),
                                  Issue::Discrete("single", {"only"})});
  std::vector<Profile> profiles;
  for (std::size_t p = 0; p < parties; ++p) {
    std::vector<double> weights;
    std::vector<ValueFunction> functions;
    for (const Issue& issue : space->issues()) {
      weights.push_back(0.1 + rng.UniformReal());
      if (issue.kind() == IssueKind::kDiscrete) {
        std::vector<double> table;
        for (std::uint64_t v = 0; v < issue.cardinality(); ++v) table.push_back(rng.UniformReal());
        functions.push_back(ValueFunction::Table(std::move(table)));
      } else if (issue.upper() > issue.lower()) {
        const bool rising = rng.Bernoulli(0.5);
        const double slope = 1.0 / (issue.upper() - issue.lower());
        functions.push_back(ValueFunction::Linear(rising ? slope : -slope, rising ? 0.0 : 1.0, issue.lower(), true));
      } else {
        functions.push_back(ValueFunction::Linear(0.0, 0.5, issue.lower(), true));
      }
    }
    auto utility = std::make_shared<const LinearAdditiveUtility>(space, std::move(weights), std::move(functions));
    profiles.emplace_back(fmt::format("party{}", p), std::move(utility), 0.3 * rng.UniformReal(), 1.0);
  }
  return Scenario("kinds", space, std::move(profiles));
}

NegotiationOptions Rounds(std::uint64_t rounds, std::uint64_t seed) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = seed;
  return options;
}

}  // namespace parley::testing
