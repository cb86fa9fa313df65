// The mediation kernel (src/assistant/mediation_kernel.h) against the code it stands for: its
// tables against LinearAdditiveUtility's, and its answers in a world against AssistMediation run
// on a scenario rebuilt with the world's numbers through the ordinary constructors (Profile,
// LinearAdditiveUtility, MultiTrackScenario). Equality is exact: the same bits.
#include <gtest/gtest.h>

#include <bit>

#include "assistant/issue_removal.h"
#include "assistant/mediation_kernel.h"
#include "fixtures.h"
#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "parley/uncertainty.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

using internal::MediationKernel;
using internal::StakeNumbers;
using internal::SubjectSample;
using internal::WorldNumbers;

// The weights of the built-in ceasefire-2024 as written in its file, per track and profile.
std::vector<double> CeasefireRawWeights(std::size_t track, std::size_t profile) {
  static const UncertainScenario scenario = UncertainScenario::Load("ceasefire-2024");
  return scenario.RawWeights(track, profile);
}

// The scenario whose numbers are `world`'s, built as a reader would build it.
MultiTrackScenario WorldScenario(const MultiTrackScenario& estimate, const WorldNumbers& world) {
  std::vector<Track> tracks = estimate.tracks();
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    const Scenario& stakes = estimate.tracks()[t].stakes;
    std::vector<Profile> profiles;
    for (std::size_t s = 0; s < stakes.party_count(); ++s) {
      const Profile& profile = stakes.profile(s);
      const StakeNumbers& numbers = world.stakes[t][s];
      std::shared_ptr<const UtilityFunction> utility = profile.shared_utility_function();
      if (const auto* linear = dynamic_cast<const LinearAdditiveUtility*>(utility.get())) {
        std::vector<ValueFunction> functions;
        for (const auto& values : numbers.values) functions.push_back(ValueFunction::Table(values));
        utility = std::make_shared<const LinearAdditiveUtility>(stakes.shared_space(), numbers.weights,
                                                                std::move(functions), linear->weight_rule());
      }
      Profile rebuilt(profile.name(), utility, numbers.reservation_value, profile.discount_factor());
      if (!numbers.schedule.empty()) {
        rebuilt = rebuilt.WithSchedule(ReservationSchedule(
            numbers.schedule, profile.reservation_schedule().interpolation(), profile.reservation_schedule().unit()));
      }
      profiles.push_back(std::move(rebuilt));
    }
    Scenario scenario(stakes.name(), stakes.shared_space(), std::move(profiles));
    scenario.set_description(stakes.description());
    tracks[t].stakes = std::move(scenario);
    tracks[t].ends_at = world.ends_at[t];
  }
  std::vector<MultiTrackParty> parties = estimate.parties();
  for (std::size_t p = 0; p < parties.size(); ++p) {
    for (std::size_t e = 0; e < parties[p].weights.size(); ++e)
      parties[p].weights[e].weight = world.track_weights[p][e];
    for (std::size_t k = 0; k < parties[p].interactions.size(); ++k) {
      parties[p].interactions[k].value = world.interactions[p][k];
    }
  }
  return MultiTrackScenario(estimate.name(), estimate.description(), std::move(parties), std::move(tracks),
                            estimate.mediators(), estimate.events());
}

// A world near the estimate: every number moved at random within its valid range.
WorldNumbers RandomWorld(const WorldNumbers& estimate, std::uint64_t seed,
                         const std::vector<std::vector<bool>>& varies = {}) {
  Rng rng(seed);
  auto near = [&](double x, double spread, double low, double high) {
    return std::clamp(x + spread * (2.0 * rng.UniformReal() - 1.0), low, high);
  };
  WorldNumbers world = estimate;
  for (std::size_t t = 0; t < world.stakes.size(); ++t) {
    for (std::size_t s = 0; s < world.stakes[t].size(); ++s) {
      StakeNumbers& stake = world.stakes[t][s];
      if (varies.empty() || varies[t][s]) {
        for (double& w : stake.weights) w = near(w, 0.2, 0.0, 10.0);
        for (auto& column : stake.values) {
          for (double& v : column) v = near(v, 0.3, 0.0, 1.0);
        }
      }
      stake.reservation_value = near(stake.reservation_value, 0.2, 0.0, 1.0);
      for (auto& point : stake.schedule) point.value = near(point.value, 0.2, 0.0, 1.0);
    }
  }
  for (auto& weights : world.track_weights) {
    for (double& w : weights) w = near(w, 0.3, 0.0, 2.0);
  }
  for (auto& values : world.interactions) {
    for (double& v : values) v = near(v, 0.1, -0.2, 0.3);
  }
  return world;
}

void ExpectSameSubject(const MediationSubject& a, const MediationSubject& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.joint, b.joint);
  EXPECT_EQ(a.tracks, b.tracks);
  EXPECT_EQ(a.parties, b.parties);
  EXPECT_EQ(a.packages, b.packages);
  EXPECT_EQ(a.enumerated, b.enumerated);
  EXPECT_EQ(a.method, b.method);
  ASSERT_EQ(a.moments.size(), b.moments.size());
  for (std::size_t m = 0; m < a.moments.size(); ++m) {
    const MediationMoment& x = a.moments[m];
    const MediationMoment& y = b.moments[m];
    SCOPED_TRACE(a.name + " at t = " + std::to_string(x.time));
    EXPECT_EQ(x.time, y.time);
    EXPECT_EQ(x.fallbacks, y.fallbacks);
    EXPECT_EQ(x.ended_tracks, y.ended_tracks);
    EXPECT_EQ(x.zone_exists, y.zone_exists);
    EXPECT_EQ(x.zone_size, y.zone_size);
    EXPECT_EQ(x.zone_fraction, y.zone_fraction);
    EXPECT_EQ(x.stumbling_block, y.stumbling_block);
    ASSERT_EQ(x.best.size(), y.best.size());
    for (std::size_t k = 0; k < x.best.size(); ++k) {
      EXPECT_EQ(x.best[k].parts, y.best[k].parts);
      EXPECT_EQ(x.best[k].utilities, y.best[k].utilities);
      EXPECT_EQ(x.best[k].gains, y.best[k].gains);
      EXPECT_EQ(x.best[k].nash_product, y.best[k].nash_product);
    }
    ASSERT_EQ(x.issues.size(), y.issues.size());
    for (std::size_t i = 0; i < x.issues.size(); ++i) {
      const IssueGrowth& g = x.issues[i];
      const IssueGrowth& h = y.issues[i];
      EXPECT_EQ(g.name, h.name);
      EXPECT_EQ(g.track, h.track);
      EXPECT_EQ(g.issue, h.issue);
      EXPECT_EQ(g.remaining_packages, h.remaining_packages);
      EXPECT_EQ(g.settled_value, h.settled_value);
      EXPECT_EQ(g.settled_zone_size, h.settled_zone_size);
      EXPECT_EQ(g.settled_fraction, h.settled_fraction);
      EXPECT_EQ(g.settled_growth, h.settled_growth);
      EXPECT_EQ(g.removal_defined, h.removal_defined);
      EXPECT_EQ(g.removal_undefined_reason, h.removal_undefined_reason);
      EXPECT_EQ(g.removed_zone_size, h.removed_zone_size);
      EXPECT_EQ(g.removed_fraction, h.removed_fraction);
      EXPECT_EQ(g.removed_growth, h.removed_growth);
    }
  }
}

void ExpectSameReport(const MediationReport& a, const MediationReport& b) {
  EXPECT_EQ(a.scenario, b.scenario);
  EXPECT_EQ(a.times, b.times);
  EXPECT_EQ(a.top, b.top);
  EXPECT_EQ(a.joint_note, b.joint_note);
  ASSERT_EQ(a.tracks.size(), b.tracks.size());
  for (std::size_t t = 0; t < a.tracks.size(); ++t) ExpectSameSubject(a.tracks[t], b.tracks[t]);
  ASSERT_EQ(a.joint.has_value(), b.joint.has_value());
  if (a.joint) ExpectSameSubject(*a.joint, *b.joint);
}

TEST(MediationKernel, TablesEqualLinearAdditiveUtilityBitForBit) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Rng rng(seed);
    const std::size_t issues = 1 + rng.UniformInt(4);
    std::vector<Issue> list;
    std::vector<std::vector<double>> values;
    std::vector<double> weights;
    for (std::size_t i = 0; i < issues; ++i) {
      const std::size_t count = 1 + rng.UniformInt(5);
      std::vector<std::string> names;
      for (std::size_t v = 0; v < count; ++v) names.push_back("v" + std::to_string(v));
      list.push_back(Issue::Discrete("i" + std::to_string(i), names));
      auto& column = values.emplace_back();
      for (std::size_t v = 0; v < count; ++v) column.push_back(rng.UniformReal() * 1.3);  // some sums pass 1
      weights.push_back(rng.UniformReal() * 3.0 + (i == 0 ? 0.01 : 0.0));
    }
    auto space = std::make_shared<const OutcomeSpace>("random", std::move(list));
    for (WeightRule rule : {WeightRule::kNormalise, WeightRule::kAsGiven}) {
      std::vector<ValueFunction> functions;
      for (const auto& column : values) functions.push_back(ValueFunction::Table(column));
      const auto shared = std::make_shared<const LinearAdditiveUtility>(space, weights, functions, rule);
      const LinearAdditiveUtility& utility = *shared;
      std::vector<double> expected, normalised, table, scratch;
      utility.EvaluateAll(expected);
      internal::TabulateLinear(weights, rule, values, normalised, table, scratch);
      ASSERT_EQ(table.size(), expected.size());
      for (std::size_t k = 0; k < table.size(); ++k) {
        ASSERT_EQ(std::bit_cast<std::uint64_t>(table[k]), std::bit_cast<std::uint64_t>(expected[k]))
            << "seed " << seed << " package " << k;
      }
      EXPECT_EQ(normalised, utility.weights());
      if (issues < 2) continue;
      // Without each issue: the table of the profile issue_removal.cc builds.
      const Scenario alone("random", space, {Profile("p", shared, 0.0, 1.0), Profile("q", shared, 0.0, 1.0)});
      for (std::size_t drop = 0; drop < issues; ++drop) {
        std::string why;
        const auto reduced = internal::ScenarioWithout(alone, drop, why);
        if (!reduced) continue;
        std::vector<double> reduced_expected, reduced_table, reduced_weights;
        reduced->profile(0).utility_function().EvaluateAll(reduced_expected);
        internal::TabulateLinearWithout(utility.weights(), WeightRule::kNormalise, values, drop, reduced_weights,
                                        reduced_table, scratch);
        ASSERT_EQ(reduced_table, reduced_expected) << "seed " << seed << " without issue " << drop;
      }
    }
  }
}

MediationKernel CeasefireKernel(const MediationOptions& options = {}) {
  return MediationKernel(LoadMultiTrackScenario("ceasefire-2024"), options, CeasefireRawWeights);
}

TEST(MediationKernel, EstimateReportIsAssistMediations) {
  const MediationKernel kernel = CeasefireKernel();
  const MediationReport expected = AssistMediation(LoadMultiTrackScenario("ceasefire-2024"));
  ExpectSameReport(kernel.estimate_report(), expected);
  ExpectSameReport(kernel.Report(kernel.estimate_numbers()), expected);
}

// Whether every party of the subject prefers the package to its fallback, from the world's own
// profiles and OverallUtility.
bool Accepts(const MultiTrackScenario& world, const MediationSubject& subject, const MediationMoment& moment,
             const MediationPackage& package) {
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    double utility = 0.0;
    if (subject.joint) {
      std::vector<std::optional<Outcome>> agreements(package.parts.begin(), package.parts.end());
      utility = world.OverallUtility(p, agreements, std::vector<double>(agreements.size(), 1.0), 0);
    } else {
      const Scenario negotiation = world.tracks()[subject.tracks.front()].Negotiation();
      utility = negotiation.profile(p).Utility(package.parts.front());
    }
    if (UtilityKey(utility) <= UtilityKey(moment.fallbacks[p])) return false;
  }
  return true;
}

// Every linear profile varying, or only some (the others keep the estimate's tables, computed once).
class KernelWorlds : public ::testing::TestWithParam<bool> {};

TEST_P(KernelWorlds, AnswerAsAssistMediation) {
  const std::vector<std::vector<bool>> varies =
      GetParam() ? std::vector<std::vector<bool>>{}
                 : std::vector<std::vector<bool>>{{true, false, true}, {false, true, false}};
  const MediationKernel kernel(LoadMultiTrackScenario("ceasefire-2024"), {}, CeasefireRawWeights, varies);
  auto workspace = kernel.NewWorkspace();
  std::vector<SubjectSample> samples, light;
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    SCOPED_TRACE("world " + std::to_string(seed));
    const WorldNumbers numbers = RandomWorld(kernel.estimate_numbers(), seed, varies);
    const MultiTrackScenario world = WorldScenario(kernel.estimate(), numbers);
    const MediationReport expected = AssistMediation(world);
    ExpectSameReport(kernel.Report(numbers), expected);

    std::vector<std::vector<std::uint64_t>> visited(kernel.subject_count(),
                                                    std::vector<std::uint64_t>(kernel.times().size()));
    kernel.Sample(
        numbers, *workspace, true, [&](std::size_t s, std::size_t m, const internal::Candidate&) { ++visited[s][m]; },
        samples);
    kernel.Sample(numbers, *workspace, false, nullptr, light);
    std::vector<const MediationSubject*> subjects;
    for (const auto& subject : expected.tracks) subjects.push_back(&subject);
    subjects.push_back(&*expected.joint);
    ASSERT_EQ(samples.size(), subjects.size());
    for (std::size_t s = 0; s < subjects.size(); ++s) {
      const auto& estimate_subject = s < kernel.estimate_report().tracks.size() ? kernel.estimate_report().tracks[s]
                                                                                : *kernel.estimate_report().joint;
      for (std::size_t m = 0; m < kernel.times().size(); ++m) {
        const MediationMoment& moment = subjects[s]->moments[m];
        EXPECT_EQ(samples[s].zone_exists[m], moment.zone_exists);
        EXPECT_EQ(light[s].zone_exists[m], moment.zone_exists);
        EXPECT_EQ(samples[s].zone_size[m], *moment.zone_size);
        EXPECT_EQ(visited[s][m], *moment.zone_size);
        std::int32_t block = -1;
        if (moment.stumbling_block) {
          const IssueGrowth& front = moment.issues.front();
          block = static_cast<std::int32_t>(front.issue);
          if (subjects[s]->joint) {
            for (std::size_t t = 0; t < front.track; ++t)
              block += kernel.estimate().tracks()[t].stakes.space().issue_count();
          }
        }
        EXPECT_EQ(samples[s].stumbling_block[m], block);
        const auto& recommended = estimate_subject.moments[m].best;
        const bool accepted = !recommended.empty() && Accepts(world, *subjects[s], moment, recommended.front());
        EXPECT_EQ(samples[s].recommended_accepted[m], accepted);
        EXPECT_EQ(light[s].recommended_accepted[m], accepted);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(MediationKernel, KernelWorlds, ::testing::Bool());

TEST(MediationKernel, RefusesWhatItCannotSample) {
  MediationOptions options;
  options.track_enumeration_limit = 100;
  try {
    CeasefireKernel(options);
    FAIL() << "no UsageError";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "track 'ceasefire' has 162 packages, too many to enumerate in every sampled world (limit 100); "
              "answer it alone with NAME#TRACK and a smaller space");
  }
}

}  // namespace
}  // namespace parley
