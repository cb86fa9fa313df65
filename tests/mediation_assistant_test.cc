// Tests of the mediator's assistant (parley/mediation_assistant.h) and `parley mediate`. Every
// expectation is derived here, independently of the code under test: zones, Nash products and the
// zone's growth when an issue is settled or removed are brute-forced outcome by outcome with the
// profiles' own Utility(), and the ceasefire-2024 numbers are checked against hand calculations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "fixtures.h"
#include "parley/analysis.h"
#include "parley/error.h"
#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::RunCli;

// One package as the test sees it: the position of every issue's value (over every track of the
// subject, in order), the outcome of each track, and each party's utility.
struct Package {
  std::vector<std::uint64_t> positions;
  std::vector<Outcome> parts;
  std::vector<double> utilities;
};

std::vector<std::uint64_t> Positions(const OutcomeSpace& space, const Outcome& outcome) {
  std::vector<std::uint64_t> positions;
  for (std::size_t i = 0; i < space.issue_count(); ++i) positions.push_back(space.issue(i).PositionOf(outcome[i]));
  return positions;
}

std::vector<Package> TrackPackages(const Scenario& scenario) {
  std::vector<Package> packages;
  for (std::uint64_t index = 0; index < *scenario.space().cardinality(); ++index) {
    const Outcome outcome = scenario.space().OutcomeAt(index);
    Package package{Positions(scenario.space(), outcome), {outcome}, {}};
    for (const auto& profile : scenario.profiles()) package.utilities.push_back(profile.Utility(outcome));
    packages.push_back(std::move(package));
  }
  return packages;
}

// Every combination of one outcome per track, each party's overall utility with every track agreed.
std::vector<Package> JointPackages(const MultiTrackScenario& scenario) {
  std::vector<Package> packages = {Package{}};
  for (const auto& track : scenario.tracks()) {
    std::vector<Package> longer;
    const OutcomeSpace& space = track.stakes.space();
    for (const Package& prefix : packages) {
      for (std::uint64_t index = 0; index < *space.cardinality(); ++index) {
        Package package = prefix;
        const Outcome outcome = space.OutcomeAt(index);
        const auto positions = Positions(space, outcome);
        package.positions.insert(package.positions.end(), positions.begin(), positions.end());
        package.parts.push_back(outcome);
        longer.push_back(std::move(package));
      }
    }
    packages = std::move(longer);
  }
  const std::vector<double> end_times(scenario.tracks().size(), 0.0);
  for (Package& package : packages) {
    const std::vector<std::optional<Outcome>> agreements(package.parts.begin(), package.parts.end());
    for (std::size_t p = 0; p < scenario.parties().size(); ++p) {
      package.utilities.push_back(scenario.OverallUtility(p, agreements, end_times, 0));
    }
  }
  return packages;
}

bool Prefers(double utility, double fallback) { return UtilityKey(utility) > UtilityKey(fallback); }

bool InZone(const std::vector<double>& utilities, const std::vector<double>& fallbacks) {
  for (std::size_t p = 0; p < fallbacks.size(); ++p) {
    if (!Prefers(utilities[p], fallbacks[p])) return false;
  }
  return true;
}

double NashProduct(const std::vector<double>& utilities, const std::vector<double>& fallbacks) {
  double product = 1.0;
  for (std::size_t p = 0; p < fallbacks.size(); ++p) product *= utilities[p] - fallbacks[p];
  return product;
}

struct Expected {
  std::uint64_t zone = 0;
  std::vector<double> products;              // of every zone package, largest first
  std::vector<std::uint64_t> settled;        // per issue: most zone packages for one value
  std::vector<std::uint64_t> settled_value;  // per issue: the first value reaching it
};

Expected BruteForce(const std::vector<Package>& packages, const std::vector<std::uint64_t>& cardinalities,
                    const std::vector<double>& fallbacks) {
  Expected expected;
  std::vector<std::vector<std::uint64_t>> counts;
  for (std::uint64_t c : cardinalities) counts.emplace_back(c, 0);
  for (const Package& package : packages) {
    if (!InZone(package.utilities, fallbacks)) continue;
    ++expected.zone;
    expected.products.push_back(NashProduct(package.utilities, fallbacks));
    for (std::size_t i = 0; i < cardinalities.size(); ++i) ++counts[i][package.positions[i]];
  }
  std::sort(expected.products.rbegin(), expected.products.rend());
  for (const auto& by_value : counts) {
    std::uint64_t best = 0, value = 0;
    for (std::uint64_t v = 0; v < by_value.size(); ++v) {
      if (by_value[v] > best) best = by_value[v], value = v;
    }
    expected.settled.push_back(best);
    expected.settled_value.push_back(value);
  }
  return expected;
}

// A linear additive profile's utility with issue `drop` taken out, by hand: the other terms over
// the other weights.
double UtilityWithout(const Profile& profile, const Outcome& outcome, std::size_t drop) {
  const auto& linear = dynamic_cast<const LinearAdditiveUtility&>(profile.utility_function());
  double sum = 0.0, weights = 0.0;
  for (std::size_t i = 0; i < linear.weights().size(); ++i) {
    if (i == drop) continue;
    sum += linear.weights()[i] * linear.value_functions()[i].Evaluate(linear.space().issue(i), outcome[i]);
    weights += linear.weights()[i];
  }
  return std::min(1.0, sum / weights);
}

// Zone packages once issue `drop` of a single-track scenario is removed (each remaining package
// counted once: the removed issue at its first value).
std::uint64_t RemovedZone(const Scenario& scenario, std::size_t drop, const std::vector<double>& fallbacks) {
  std::uint64_t zone = 0;
  for (const Package& package : TrackPackages(scenario)) {
    if (package.positions[drop] != 0) continue;
    std::vector<double> utilities;
    for (const auto& profile : scenario.profiles())
      utilities.push_back(UtilityWithout(profile, package.parts[0], drop));
    zone += InZone(utilities, fallbacks);
  }
  return zone;
}

std::vector<std::uint64_t> Cardinalities(const OutcomeSpace& space) {
  std::vector<std::uint64_t> cardinalities;
  for (const auto& issue : space.issues()) cardinalities.push_back(issue.cardinality());
  return cardinalities;
}

const IssueGrowth& FindIssue(const MediationMoment& moment, const std::string& name) {
  for (const auto& growth : moment.issues) {
    if (growth.name == name) return growth;
  }
  throw std::runtime_error("no issue " + name);
}

const MediationMoment& At(const MediationSubject& subject, double time) {
  for (const auto& moment : subject.moments) {
    if (moment.time == time) return moment;
  }
  throw std::runtime_error("no moment at " + std::to_string(time));
}

// Checks a subject's zone, proposals and settled growth at one time against brute force.
// `issues[i]` is the issue named `issue_names[i]` (in its track's space).
void ExpectMatches(const MediationMoment& moment, const Expected& expected, std::size_t packages,
                   const std::vector<std::uint64_t>& cardinalities, const std::vector<std::string>& issue_names,
                   const std::vector<const Issue*>& issues, std::size_t top, const std::string& where) {
  SCOPED_TRACE(where);
  ASSERT_TRUE(moment.zone_size);
  EXPECT_EQ(*moment.zone_size, expected.zone);
  EXPECT_EQ(moment.zone_exists, expected.zone > 0);
  EXPECT_NEAR(*moment.zone_fraction, static_cast<double>(expected.zone) / packages, 1e-15);
  ASSERT_EQ(moment.best.size(), std::min<std::size_t>(top, expected.zone));
  for (std::size_t k = 0; k < moment.best.size(); ++k) {
    EXPECT_NEAR(moment.best[k].nash_product, expected.products[k], 1e-12) << "proposal " << k;
    // The package is what it says: in the zone, with these utilities and gains.
    for (std::size_t p = 0; p < moment.fallbacks.size(); ++p) {
      EXPECT_NEAR(moment.best[k].gains[p], moment.best[k].utilities[p] - moment.fallbacks[p], 1e-15);
      EXPECT_TRUE(Prefers(moment.best[k].utilities[p], moment.fallbacks[p]));
    }
  }
  ASSERT_EQ(moment.issues.size(), issue_names.size());
  const double zone_fraction = static_cast<double>(expected.zone) / packages;
  for (std::size_t i = 0; i < issue_names.size(); ++i) {
    const IssueGrowth& growth = FindIssue(moment, issue_names[i]);
    const std::uint64_t remaining = packages / cardinalities[i];
    EXPECT_EQ(growth.remaining_packages, remaining) << issue_names[i];
    EXPECT_EQ(growth.settled_zone_size, expected.settled[i]) << issue_names[i];
    const double fraction = static_cast<double>(expected.settled[i]) / remaining;
    EXPECT_NEAR(growth.settled_fraction, fraction, 1e-12) << issue_names[i];
    if (expected.zone > 0) {
      ASSERT_TRUE(growth.settled_growth);
      EXPECT_NEAR(*growth.settled_growth, fraction / zone_fraction, 1e-9) << issue_names[i];
      EXPECT_EQ(issues[i]->PositionOf(growth.settled_value), expected.settled_value[i]) << issue_names[i];
    } else {
      EXPECT_FALSE(growth.settled_growth);
    }
  }
  // Ranked by settled growth when the zone is not empty.
  if (expected.zone > 0) {
    for (std::size_t k = 1; k < moment.issues.size(); ++k) {
      EXPECT_GE(*moment.issues[k - 1].settled_growth, *moment.issues[k].settled_growth - 1e-12);
    }
  }
}

std::vector<std::string> IssueNames(const OutcomeSpace& space) {
  std::vector<std::string> names;
  for (const auto& issue : space.issues()) names.push_back(issue.name());
  return names;
}

std::vector<const Issue*> Issues(const OutcomeSpace& space) {
  std::vector<const Issue*> issues;
  for (const auto& issue : space.issues()) issues.push_back(&issue);
  return issues;
}

TEST(MediationAssistant, RandomScenariosMatchBruteForce) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const Scenario scenario = testing::RandomLinearScenario(seed, 2 + seed % 2, 2 + seed % 3);
    MediationOptions options;
    options.top = 1 + seed % 6;
    const MediationReport report = AssistMediation(MultiTrackScenario::FromScenario(scenario), options);
    ASSERT_EQ(report.tracks.size(), 1u);
    EXPECT_FALSE(report.joint);
    const MediationSubject& subject = report.tracks.front();
    ASSERT_TRUE(subject.enumerated);
    std::vector<double> fallbacks;
    for (const auto& profile : scenario.profiles()) fallbacks.push_back(profile.reservation_value());
    const auto cardinalities = Cardinalities(scenario.space());
    const Expected expected = BruteForce(TrackPackages(scenario), cardinalities, fallbacks);
    const std::size_t packages = *scenario.space().cardinality();
    ExpectMatches(At(subject, 0.0), expected, packages, cardinalities, IssueNames(scenario.space()),
                  Issues(scenario.space()), options.top, "seed " + std::to_string(seed));
    for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
      const IssueGrowth& growth = FindIssue(At(subject, 0.0), scenario.space().issue(i).name());
      ASSERT_TRUE(growth.removal_defined);
      EXPECT_EQ(growth.removed_zone_size, RemovedZone(scenario, i, fallbacks))
          << "seed " << seed << ", issue " << growth.name;
      EXPECT_NEAR(growth.removed_fraction,
                  static_cast<double>(growth.removed_zone_size) / (packages / cardinalities[i]), 1e-12);
    }
    // The best proposal is the analysis's Nash point.
    const auto analysis = ScenarioAnalysis::Of(scenario);
    if (analysis->nash()) {
      ASSERT_FALSE(At(subject, 0.0).best.empty());
      EXPECT_NEAR(At(subject, 0.0).best.front().nash_product, NashProduct(analysis->nash()->utilities, fallbacks),
                  1e-9);
    }
  }
}

TEST(MediationAssistant, FrontierAnswersWhenTheTrackIsTooLargeToEnumerate) {
  for (std::uint64_t seed = 20; seed < 26; ++seed) {
    const Scenario scenario = testing::RandomLinearScenario(seed, 2, 4);
    MediationOptions options;
    options.track_enumeration_limit = 10;
    options.top = 3;
    const MediationReport report = AssistMediation(MultiTrackScenario::FromScenario(scenario), options);
    const MediationSubject& subject = report.tracks.front();
    EXPECT_FALSE(subject.enumerated);
    std::vector<double> fallbacks;
    for (const auto& profile : scenario.profiles()) fallbacks.push_back(profile.reservation_value());
    const Expected expected = BruteForce(TrackPackages(scenario), Cardinalities(scenario.space()), fallbacks);
    const MediationMoment& now = subject.moments.front();
    EXPECT_EQ(now.zone_exists, expected.zone > 0) << seed;
    EXPECT_FALSE(now.zone_size);
    EXPECT_TRUE(now.issues.empty());
    EXPECT_FALSE(now.stumbling_block);
    if (expected.zone > 0) {
      ASSERT_FALSE(now.best.empty());
      EXPECT_NEAR(now.best.front().nash_product, expected.products.front(), 1e-12) << seed;
    }
  }
}

MultiTrackScenario Ceasefire() { return LoadMultiTrackScenario("ceasefire-2024"); }

// The fallbacks of a track's participants at `time`, from their schedules.
std::vector<double> Fallbacks(const Scenario& scenario, double time) {
  std::vector<double> fallbacks;
  for (const auto& profile : scenario.profiles()) fallbacks.push_back(profile.ReservationValueAt(time));
  return fallbacks;
}

TEST(MediationAssistant, DefaultTimesBracketTheEvent) {
  EXPECT_EQ(DefaultMediationTimes(Ceasefire()), (std::vector<double>{0.0, 0.25, 0.5, 0.59, 0.6, 1.0}));
  const MediationReport report = AssistMediation(Ceasefire());
  EXPECT_EQ(report.times, (std::vector<double>{0.0, 0.25, 0.5, 0.59, 0.6, 1.0}));
  MediationOptions options;
  options.times = {0.7, 0.3};
  EXPECT_EQ(AssistMediation(Ceasefire(), options).times, (std::vector<double>{0.0, 0.3, 0.7}));
}

TEST(MediationAssistant, CeasefireTracksMatchBruteForceBeforeAndAfterTheEvent) {
  const MultiTrackScenario multi = Ceasefire();
  const MediationReport report = AssistMediation(multi);
  for (const std::string track_name : {"ceasefire", "rafah"}) {
    const Scenario scenario = LoadScenario("ceasefire-2024#" + track_name);
    const MediationSubject& subject = report.tracks[*multi.FindTrack(track_name)];
    EXPECT_EQ(subject.parties, multi.tracks()[*multi.FindTrack(track_name)].participants);
    const auto cardinalities = Cardinalities(scenario.space());
    const auto packages = TrackPackages(scenario);
    for (double time : report.times) {
      const std::vector<double> fallbacks = Fallbacks(scenario, time);
      EXPECT_EQ(At(subject, time).fallbacks, fallbacks);
      ExpectMatches(At(subject, time), BruteForce(packages, cardinalities, fallbacks), packages.size(), cardinalities,
                    IssueNames(scenario.space()), Issues(scenario.space()), 5,
                    track_name + " at t = " + std::to_string(time));
      for (std::size_t i = 0; i < cardinalities.size(); ++i) {
        EXPECT_EQ(FindIssue(At(subject, time), scenario.space().issue(i).name()).removed_zone_size,
                  RemovedZone(scenario, i, fallbacks));
      }
    }
  }
  // The schedules: at t = 0.6 Israel's fallback on the cease-fire rises (0.40 to 0.45) and
  // Hamas's falls (0.40 to 0.30); the zone changes with them.
  const MediationSubject& ceasefire = report.tracks[*multi.FindTrack("ceasefire")];
  EXPECT_EQ(At(ceasefire, 0.59).fallbacks, (std::vector<double>{0.40, 0.40}));
  EXPECT_EQ(At(ceasefire, 0.6).fallbacks, (std::vector<double>{0.45, 0.30}));
  const Scenario track = LoadScenario("ceasefire-2024#ceasefire");
  const auto before = BruteForce(TrackPackages(track), Cardinalities(track.space()), {0.40, 0.40});
  const auto after = BruteForce(TrackPackages(track), Cardinalities(track.space()), {0.45, 0.30});
  EXPECT_NE(before.zone, after.zone);
  EXPECT_EQ(*At(ceasefire, 0.59).zone_size, before.zone);
  EXPECT_EQ(*At(ceasefire, 0.6).zone_size, after.zone);
  EXPECT_EQ(*At(ceasefire, 1.0).zone_size, after.zone);
  EXPECT_TRUE(At(ceasefire, 0.6).ended_tracks.empty());
}

TEST(MediationAssistant, RafahByHand) {
  // Egypt: 0.7 * operation + 0.3 * crossing; Israel: 0.8 * operation + 0.2 * crossing.
  // At t = 0 (fallbacks 0.35 and 0.55) only "limited, open for aid" (Egypt 0.51, Israel 0.66)
  // beats both. At t = 0.6 Egypt's fallback is 0.10: "proceed, open" (0.30, 0.90), "limited,
  // open" (0.51, 0.66) and "limited, closed" (0.21, 0.76); Nash products 0.07, 0.0451, 0.0231.
  const MultiTrackScenario multi = Ceasefire();
  const MediationReport report = AssistMediation(multi);
  const MediationSubject& rafah = report.tracks[*multi.FindTrack("rafah")];
  const OutcomeSpace& space = multi.tracks()[*multi.FindTrack("rafah")].stakes.space();
  auto text = [&](const MediationPackage& package) { return space.Format(package.parts.front()); };
  const MediationMoment& now = At(rafah, 0.0);
  EXPECT_EQ(*now.zone_size, 1u);
  ASSERT_EQ(now.best.size(), 1u);
  EXPECT_EQ(text(now.best[0]), "Rafah operation=limited, Rafah crossing=open for aid");
  EXPECT_NEAR(now.best[0].utilities[0], 0.51, 1e-12);
  EXPECT_NEAR(now.best[0].utilities[1], 0.66, 1e-12);
  EXPECT_NEAR(now.best[0].nash_product, 0.16 * 0.11, 1e-12);
  const MediationMoment& later = At(rafah, 0.6);
  EXPECT_EQ(*later.zone_size, 3u);
  ASSERT_EQ(later.best.size(), 3u);
  EXPECT_EQ(text(later.best[0]), "Rafah operation=proceed, Rafah crossing=open for aid");
  EXPECT_NEAR(later.best[0].nash_product, 0.20 * 0.35, 1e-12);
  EXPECT_NEAR(later.best[1].nash_product, 0.41 * 0.11, 1e-12);
  EXPECT_NEAR(later.best[2].nash_product, 0.11 * 0.21, 1e-12);
  EXPECT_EQ(later.ended_tracks, std::vector<std::string>{"rafah"});
  EXPECT_TRUE(At(rafah, 0.59).ended_tracks.empty());
}

TEST(MediationAssistant, CeasefireStumblingBlockIsTheCeaseFire) {
  // Derived here: each issue's settled growth by enumerating the participants' profiles.
  const Scenario scenario = LoadScenario("ceasefire-2024#ceasefire");
  const OutcomeSpace& space = scenario.space();
  for (double time : {0.0, 0.6}) {
    const std::vector<double> fallbacks = Fallbacks(scenario, time);
    std::uint64_t zone = 0;
    std::vector<std::vector<std::uint64_t>> counts(space.issue_count());
    for (std::size_t i = 0; i < space.issue_count(); ++i) counts[i].assign(space.issue(i).cardinality(), 0);
    for (std::uint64_t index = 0; index < *space.cardinality(); ++index) {
      const Outcome outcome = space.OutcomeAt(index);
      bool inside = true;
      for (std::size_t p = 0; p < scenario.party_count(); ++p) {
        inside = inside && UtilityKey(scenario.profile(p).Utility(outcome)) > UtilityKey(fallbacks[p]);
      }
      if (!inside) continue;
      ++zone;
      for (std::size_t i = 0; i < space.issue_count(); ++i) ++counts[i][static_cast<std::size_t>(outcome[i])];
    }
    ASSERT_GT(zone, 0u);
    const double before = static_cast<double>(zone) / static_cast<double>(*space.cardinality());
    std::string argmax;
    double largest = 0.0;
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const double remaining = static_cast<double>(*space.cardinality() / space.issue(i).cardinality());
      const double after = static_cast<double>(*std::max_element(counts[i].begin(), counts[i].end())) / remaining;
      if (after / before > largest + 1e-12) largest = after / before, argmax = space.issue(i).name();
    }
    EXPECT_EQ(argmax, "cease-fire") << "t = " << time;
    EXPECT_GT(largest, 1.0);

    MediationOptions options;
    options.times = {time};
    const MediationReport report = AssistMediation(Ceasefire(), options);
    const MediationMoment& moment = At(report.tracks[0], time);
    ASSERT_TRUE(moment.stumbling_block);
    EXPECT_EQ(*moment.stumbling_block, argmax);
    EXPECT_EQ(moment.issues.front().name, argmax);
    EXPECT_NEAR(*moment.issues.front().settled_growth, largest, 1e-9);
  }
}

TEST(MediationAssistant, JointPackageMatchesBruteForce) {
  const MultiTrackScenario multi = Ceasefire();
  const MediationReport report = AssistMediation(multi);
  ASSERT_TRUE(report.joint);
  const MediationSubject& joint = *report.joint;
  EXPECT_EQ(joint.parties, (std::vector<std::string>{"Israel", "Hamas", "Egypt"}));
  EXPECT_EQ(*joint.packages, 162u * 8u);
  // No deal anywhere, by hand: Israel 0.7 * 0.40 + 0.3 * 0.55, Hamas 0.8 * 0.40 + 0.2 * 0,
  // Egypt 0.3 * 0.2 + 0.7 * 0.35; from t = 0.6: Israel's 0.40 becomes 0.45, Hamas's 0.30,
  // Egypt's 0.35 becomes 0.10.
  const std::vector<double> before = {0.445, 0.32, 0.305}, after = {0.48, 0.24, 0.13};
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_NEAR(At(joint, 0.59).fallbacks[p], before[p], 1e-12);
    EXPECT_NEAR(At(joint, 0.6).fallbacks[p], after[p], 1e-12);
  }
  const auto packages = JointPackages(multi);
  std::vector<std::uint64_t> cardinalities;
  std::vector<std::string> names;
  std::vector<const Issue*> issues;
  for (const auto& track : multi.tracks()) {
    for (const auto& issue : track.stakes.space().issues()) {
      cardinalities.push_back(issue.cardinality());
      names.push_back(track.name + "/" + issue.name());
      issues.push_back(&issue);
    }
  }
  for (double time : report.times) {
    const MediationMoment& moment = At(joint, time);
    const Expected expected = BruteForce(packages, cardinalities, moment.fallbacks);
    ExpectMatches(moment, expected, packages.size(), cardinalities, names, issues, 5,
                  "joint at t = " + std::to_string(time));
    // The best package's parts are a package with the reported utilities.
    for (const Package& package : packages) {
      if (package.parts != moment.best.front().parts) continue;
      for (std::size_t p = 0; p < 3; ++p) EXPECT_NEAR(package.utilities[p], moment.best.front().utilities[p], 1e-12);
    }
  }
  EXPECT_NE(*At(joint, 0.59).zone_size, *At(joint, 0.6).zone_size);
}

TEST(MediationAssistant, JointRemovalDropsTheIssueAndItsInteractions) {
  // With issue (t, i) removed, a party's overall utility is its overall utility with the issue at
  // its first value, minus w * (track utility) plus w * (track utility without the issue): no
  // interaction of this scenario is conditioned on an issue's first value, so none is lost there.
  const MultiTrackScenario multi = Ceasefire();
  for (const auto& party : multi.parties()) {
    for (const auto& interaction : party.interactions) {
      for (const auto& condition : interaction.conditions) {
        const Issue& issue = multi.tracks()[*multi.FindTrack(condition.track)].stakes.space().issue(
            *multi.tracks()[*multi.FindTrack(condition.track)].stakes.space().FindIssue(condition.issue));
        for (const auto& value : condition.values) ASSERT_NE(*issue.Parse(value), 0.0);
      }
    }
  }
  MediationOptions options;
  options.times = {0.0, 0.6};
  const MediationReport report = AssistMediation(multi, options);
  const auto packages = JointPackages(multi);
  std::size_t offset = 0;
  for (std::size_t t = 0; t < multi.tracks().size(); ++t) {
    const Track& track = multi.tracks()[t];
    for (std::size_t i = 0; i < track.stakes.space().issue_count(); ++i) {
      for (double time : options.times) {
        const MediationMoment& moment = At(*report.joint, time);
        std::uint64_t zone = 0;
        for (const Package& package : packages) {
          if (package.positions[offset + i] != 0) continue;
          std::vector<double> utilities = package.utilities;
          for (std::size_t p = 0; p < multi.parties().size(); ++p) {
            const auto stake = track.stakes.FindParty(multi.parties()[p].name);
            if (!stake) continue;
            double weight = 0.0;
            for (const auto& w : multi.parties()[p].weights) {
              if (w.track == track.name) weight = w.weight;
            }
            const Profile& profile = track.stakes.profile(*stake);
            utilities[p] += weight * (UtilityWithout(profile, package.parts[t], i) - profile.Utility(package.parts[t]));
          }
          zone += InZone(utilities, moment.fallbacks);
        }
        const IssueGrowth& growth = FindIssue(moment, track.name + "/" + track.stakes.space().issue(i).name());
        ASSERT_TRUE(growth.removal_defined);
        EXPECT_EQ(growth.removed_zone_size, zone) << growth.name << " at t = " << time;
      }
    }
    offset += track.stakes.space().issue_count();
  }
}

// A utility that is not linear additive: removing an issue is not defined for it.
class SumOfPositions final : public UtilityFunction {
 public:
  explicit SumOfPositions(std::shared_ptr<const OutcomeSpace> space) : space_(std::move(space)) {}
  std::string_view kind() const override { return "sum-of-positions"; }
  double Utility(const Outcome& outcome) const override {
    double sum = 0.0, most = 0.0;
    for (std::size_t i = 0; i < space_->issue_count(); ++i) {
      sum += static_cast<double>(space_->issue(i).PositionOf(outcome[i]));
      most += static_cast<double>(space_->issue(i).cardinality() - 1);
    }
    return sum / most;
  }
  const OutcomeSpace& space() const override { return *space_; }

 private:
  std::shared_ptr<const OutcomeSpace> space_;
};

TEST(MediationAssistant, RemovalIsNotDefinedForOtherUtilities) {
  const Scenario linear = testing::RandomLinearScenario(7, 2, 2);
  std::vector<Profile> profiles = {linear.profile(0),
                                   Profile("other", std::make_shared<SumOfPositions>(linear.shared_space()), 0.1, 1.0)};
  const Scenario scenario("mixed", linear.shared_space(), std::move(profiles));
  const MediationReport report = AssistMediation(MultiTrackScenario::FromScenario(scenario));
  const MediationMoment& now = report.tracks.front().moments.front();
  const Expected expected =
      BruteForce(TrackPackages(scenario), Cardinalities(scenario.space()), Fallbacks(scenario, 0));
  EXPECT_EQ(*now.zone_size, expected.zone);
  for (const auto& growth : now.issues) {
    EXPECT_FALSE(growth.removal_defined);
    EXPECT_NE(growth.removal_undefined_reason.find("not linear additive"), std::string::npos)
        << growth.removal_undefined_reason;
  }
}

TEST(MediationAssistant, RefusesBadOptions) {
  MediationOptions options;
  options.top = 0;
  EXPECT_THROW(AssistMediation(Ceasefire(), options), UsageError);
  options.top = 1;
  options.times = {0.5, 1.5};
  EXPECT_THROW(AssistMediation(Ceasefire(), options), UsageError);
  options.times = {std::nan("")};
  EXPECT_THROW(AssistMediation(Ceasefire(), options), UsageError);
}

TEST(MediateCli, NamesTheStumblingBlock) {
  const auto result = RunCli("mediate");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Track ceasefire"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Track rafah"), std::string::npos);
  EXPECT_NE(result.out.find("Joint package"), std::string::npos);
  EXPECT_NE(result.out.find("Stumbling block now (t = 0): cease-fire"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("hostages released: all"), std::string::npos);
}

TEST(MediateCli, JsonMatchesTheLibrary) {
  const auto result = RunCli("mediate --json --top 3 --times 0.3,0.6");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  MediationOptions options;
  options.top = 3;
  options.times = {0.3, 0.6};
  const MultiTrackScenario multi = Ceasefire();
  const MediationReport report = AssistMediation(multi, options);
  EXPECT_EQ(json["times"].get<std::vector<double>>(), report.times);
  std::vector<const MediationSubject*> subjects;
  for (const auto& subject : report.tracks) subjects.push_back(&subject);
  subjects.push_back(&*report.joint);
  std::vector<nlohmann::json> printed(json["tracks"].begin(), json["tracks"].end());
  printed.push_back(json["joint"]);
  ASSERT_EQ(printed.size(), subjects.size());
  for (std::size_t s = 0; s < subjects.size(); ++s) {
    const MediationSubject& subject = *subjects[s];
    EXPECT_EQ(printed[s]["name"], subject.name);
    ASSERT_EQ(printed[s]["moments"].size(), subject.moments.size());
    for (std::size_t m = 0; m < subject.moments.size(); ++m) {
      const auto& moment = subject.moments[m];
      const auto& out = printed[s]["moments"][m];
      EXPECT_EQ(out["time"].get<double>(), moment.time);
      EXPECT_EQ(out["zone"]["size"].get<std::uint64_t>(), *moment.zone_size);
      EXPECT_EQ(out["stumbling_block"].get<std::string>(), *moment.stumbling_block);
      ASSERT_EQ(out["best"].size(), moment.best.size());
      for (std::size_t k = 0; k < moment.best.size(); ++k) {
        EXPECT_DOUBLE_EQ(out["best"][k]["nash_product"].get<double>(), moment.best[k].nash_product);
        EXPECT_EQ(out["best"][k]["text"].get<std::string>(), DescribePackage(multi, subject, moment.best[k]));
        for (std::size_t p = 0; p < subject.parties.size(); ++p) {
          EXPECT_DOUBLE_EQ(out["best"][k]["gains"][subject.parties[p]].get<double>(), moment.best[k].gains[p]);
        }
      }
      ASSERT_EQ(out["issues"].size(), moment.issues.size());
      for (std::size_t i = 0; i < moment.issues.size(); ++i) {
        EXPECT_EQ(out["issues"][i]["issue"], moment.issues[i].name);
        EXPECT_EQ(out["issues"][i]["settled"]["zone_size"].get<std::uint64_t>(), moment.issues[i].settled_zone_size);
        EXPECT_EQ(out["issues"][i]["removed"]["zone_size"].get<std::uint64_t>(), moment.issues[i].removed_zone_size);
      }
    }
  }
  // The package by issue values.
  EXPECT_TRUE(printed[0]["moments"][0]["best"][0]["package"].contains("cease-fire"));
  EXPECT_TRUE(printed[2]["moments"][0]["best"][0]["package"]["rafah"].contains("Rafah operation"));
}

TEST(MediateCli, OneTrack) {
  const auto result = RunCli("mediate --scenario 'ceasefire-2024#ceasefire' --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["tracks"].size(), 1u);
  EXPECT_TRUE(json["joint"].is_null());
  EXPECT_EQ(json["tracks"][0]["moments"][0]["stumbling_block"], "cease-fire");
}

TEST(MediateCli, RefusesBadInput) {
  struct Case {
    const char* arguments;
    const char* message;
  } cases[] = {
      {"mediate --scenario no-such-scenario", "no-such-scenario"},
      {"mediate --top 0", "--top 0"},
      {"mediate --times 0.2,x", "'x' is not a number"},
      {"mediate --times 0.2,,0.4", "is not a number"},
      {"mediate --times 1.5", "outside [0, 1]"},
  };
  for (const auto& c : cases) {
    const auto result = RunCli(c.arguments);
    EXPECT_NE(result.exit_code, 0) << c.arguments;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << c.arguments << ": " << result.err;
  }
}

}  // namespace
}  // namespace parley
