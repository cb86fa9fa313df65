// The BOA parts (boa.h) against their contracts (conformance.h): every registered acceptance
// strategy, bidding strategy (with every opponent model) and opponent model driven directly, and
// every combination of them as a boa(...) negotiator against a few fixed opponents under stacked
// alternating offers, on generated scenarios of two and three parties, under rising reservation
// values and a wall-clock deadline, and on shipped scenarios up to 10^10 outcomes. A part is in
// these cases the moment it registers.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/boa.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley::conformance {
namespace {

using testing::RandomLinearScenario;
using testing::Rounds;

TEST(AcceptanceStrategyConformance, NoneAcceptsBelowTheReservationValue) {
  EXPECT_TRUE(NoViolations(AcceptanceStrategySuite()));
}

TEST(AcceptanceStrategyConformance, OnlyRegisteredStrategiesAreExemptFromRationality) {
  for (const AcceptanceReservationValueExemption& exemption : AcceptanceReservationValueExemptions()) {
    EXPECT_TRUE(AcceptanceStrategyRegistry::Has(std::string(exemption.acceptance))) << exemption.acceptance;
    EXPECT_FALSE(exemption.reason.empty()) << exemption.acceptance;
    EXPECT_FALSE(KeepsReservationValue(fmt::format("boa(acceptance={})", exemption.acceptance)));
  }
  EXPECT_TRUE(KeepsReservationValue("boa(acceptance=combi(t=0.9))"));
}

TEST(BiddingStrategyConformance, EveryStrategyWithEveryModelBidsValidRationalOutcomes) {
  EXPECT_TRUE(NoViolations(BiddingStrategySuite()));
}

TEST(OpponentModelConformance, EstimatesStayInTheUnitIntervalOnEveryIssueKind) {
  EXPECT_TRUE(NoViolations(OpponentModelSuite()));
}

// The fixed opponents every combination meets.
const std::vector<std::string> kBoaOpponents = {"boulware", "absolute-tft", "random"};

TEST(BoaConformance, EveryCombinationOnGeneratedBilateralScenarios) {
  ASSERT_GE(BoaCombinations().size(), 12u);
  EXPECT_TRUE(NoViolations(BoaSuite(RandomLinearScenario(101, 2, 3), Rounds(40, 1), kBoaOpponents)));
  EXPECT_TRUE(NoViolations(BoaSuite(RandomLinearScenario(102, 2, 4, true), Rounds(40, 2), kBoaOpponents)));
}

TEST(BoaConformance, EveryCombinationOnAGeneratedTrilateralScenario) {
  EXPECT_TRUE(NoViolations(BoaSuite(RandomLinearScenario(103, 3, 3, true), Rounds(30, 3), kBoaOpponents)));
}

TEST(BoaConformance, EveryCombinationUnderRisingReservationValues) {
  // Each party's reservation value climbs linearly by 0.3 over the negotiation: agreements must
  // beat it at the time each party commits to them.
  const Scenario base = RandomLinearScenario(105, 2, 3);
  std::vector<Profile> profiles;
  for (const Profile& profile : base.profiles()) {
    const double start = profile.reservation_value();
    profiles.push_back(profile.WithSchedule(ReservationSchedule({{0.0, start}, {1.0, start + 0.3}},
                                                                ReservationSchedule::Interpolation::kLinear,
                                                                ReservationSchedule::Unit::kTime)));
  }
  const Scenario rising("rising", base.shared_space(), std::move(profiles));
  EXPECT_TRUE(NoViolations(BoaSuite(rising, Rounds(40, 6), kBoaOpponents)));
}

TEST(BoaConformance, EveryCombinationUnderAWallClockDeadline) {
  NegotiationOptions options;
  options.time_limit_seconds = 0.01;
  options.seed = 4;
  EXPECT_TRUE(NoViolations(BoaSuite(RandomLinearScenario(104, 2, 3), options, kBoaOpponents)));
}

TEST(BoaConformance, EveryCombinationOnShippedScenarios) {
  const auto genius = testing::ShippedScenarios() / "genius";
  // Few rounds on the 10^10-outcome nonlinear space: the point is that every part copes with it.
  const std::vector<std::pair<std::string, std::uint64_t>> cases = {
      {"CarB", 60}, {"group2-dinner", 30}, {"10issues", 15}};
  for (const auto& [name, rounds] : cases) {
    const Scenario scenario = LoadScenario((genius / name).string());
    EXPECT_TRUE(NoViolations(BoaSuite(scenario, Rounds(rounds, 5), kBoaOpponents)));
  }
}

}  // namespace
}  // namespace parley::conformance
