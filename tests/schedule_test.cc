// Reservation schedules: values by hand for step and linear schedules in time and in rounds,
// their round trip through Parley JSON, and their use by protocols and negotiators.
#include <gtest/gtest.h>

#include <fstream>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

using Interpolation = ReservationSchedule::Interpolation;
using Unit = ReservationSchedule::Unit;

TEST(ReservationSchedule, StepValues) {
  const ReservationSchedule schedule({{0.0, 0.4}, {0.6, 0.5}, {0.9, 0.1}}, Interpolation::kStep, Unit::kTime);
  EXPECT_EQ(schedule.ValueAt(0.0, 0), 0.4);
  EXPECT_EQ(schedule.ValueAt(0.59, 0), 0.4);
  EXPECT_EQ(schedule.ValueAt(0.6, 0), 0.5);
  EXPECT_EQ(schedule.ValueAt(0.95, 0), 0.1);
  EXPECT_EQ(schedule.ValueAt(1.0, 0), 0.1);
}

TEST(ReservationSchedule, LinearValuesAndHoldingBeforeTheFirstPoint) {
  const ReservationSchedule schedule({{0.2, 0.6}, {0.7, 0.1}}, Interpolation::kLinear, Unit::kTime);
  EXPECT_DOUBLE_EQ(schedule.ValueAt(0.0, 0), 0.6);
  EXPECT_DOUBLE_EQ(schedule.ValueAt(0.45, 0), 0.35);  // halfway: (0.6 + 0.1) / 2
  EXPECT_DOUBLE_EQ(schedule.ValueAt(0.9, 0), 0.1);
}

TEST(ReservationSchedule, RoundsAreReadAgainstTheDeadline) {
  const ReservationSchedule schedule({{0, 0.3}, {30, 0.2}}, Interpolation::kStep, Unit::kRounds);
  // Round r of 100 is at t = r / 101.
  EXPECT_EQ(schedule.ValueAt(29.0 / 101, 100), 0.3);   // round 29
  EXPECT_EQ(schedule.ValueAt(30.0 / 101, 100), 0.2);   // round 30
  EXPECT_EQ(schedule.ValueAt(100.0 / 101, 100), 0.2);  // the end of a negotiation that ran out
  EXPECT_EQ(schedule.ValueAt(0.5, 0), 0.3);            // no round deadline: round points never reached
}

TEST(ReservationSchedule, RejectsDisorderAndNonFiniteValues) {
  EXPECT_THROW(ReservationSchedule({{0.5, 0.1}, {0.5, 0.2}}, Interpolation::kStep, Unit::kTime), UsageError);
  EXPECT_THROW(ReservationSchedule({{0.0, NAN}}, Interpolation::kStep, Unit::kTime), UsageError);
  EXPECT_THROW(ReservationSchedule({{-1.0, 0.1}}, Interpolation::kStep, Unit::kTime), UsageError);
}

Scenario ScheduledScenario(double late_value) {
  const Scenario base = testing::RandomLinearScenario(3, 2, 3);
  std::vector<Profile> profiles;
  for (const auto& p : base.profiles()) {
    profiles.push_back(p.WithSchedule(
        ReservationSchedule({{0.0, p.reservation_value()}, {0.5, late_value}}, Interpolation::kStep, Unit::kTime)));
  }
  return Scenario(base.name(), base.shared_space(), std::move(profiles));
}

TEST(ReservationSchedule, SurvivesParleyJson) {
  const Scenario scenario = ScheduledScenario(0.05);
  const auto folder = testing::TemporaryFolder("parley-schedule");
  SaveScenario(scenario, folder / "s.json", "parley-json");
  const Scenario read = LoadScenario((folder / "s.json").string());
  for (std::size_t p = 0; p < 2; ++p) {
    for (double t : {0.0, 0.3, 0.5, 0.8, 1.0}) {
      EXPECT_EQ(read.profile(p).ReservationValueAt(t), scenario.profile(p).ReservationValueAt(t));
    }
  }
  std::filesystem::remove_all(folder);
}

TEST(ReservationSchedule, ParleyJsonRefusesBothAValueAndASchedule) {
  const auto folder = testing::TemporaryFolder("parley-schedule-bad");
  const Scenario scenario = ScheduledScenario(0.05);
  SaveScenario(scenario, folder / "s.json", "parley-json");
  std::ifstream in(folder / "s.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find("\"reservation_schedule\"");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"reservation_value\": 0.2, ");
  std::ofstream(folder / "bad.json") << text;
  try {
    LoadScenario((folder / "bad.json").string());
    FAIL() << "accepted both";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not both"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(folder);
}

TEST(ReservationSchedule, NoAgreementPaysTheScheduledValueAtTheEnd) {
  const Scenario scenario = ScheduledScenario(0.05);
  NegotiationOptions options;
  options.rounds = 10;
  const NegotiationResult result = RunNegotiation(scenario, {"hardliner", "hardliner"}, options);
  if (result.agreement) GTEST_SKIP() << "the two best outcomes coincide in this scenario";
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.utilities[0], 0.05);
  EXPECT_EQ(result.utilities[1], 0.05);
}

TEST(ReservationSchedule, TimeBasedNegotiatorNeverOffersBelowTheCurrentReservationValue) {
  // The reservation value jumps to 0.9 halfway: from then on every offer must be worth >= 0.9
  // (or be the best outcome when nothing is).
  const Scenario scenario = ScheduledScenario(0.9);
  NegotiationOptions options;
  options.rounds = 40;
  const NegotiationResult result = RunNegotiation(scenario, {"conceder", "hardliner"}, options);
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const auto& step = result.trace.step(i);
    if (step.party != 0 || step.action != ActionType::kOffer || step.time < 0.5) continue;
    EXPECT_GE(result.trace.utility(i, 0),
              std::min(0.9, scenario.profile(0).utility_function().ranking().best_utility()));
  }
}

}  // namespace
}  // namespace parley
