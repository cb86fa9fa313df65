// Every registered negotiator against every other (conformance.h, NegotiatorSuite): under stacked
// alternating offers on generated bilateral and trilateral scenarios and on the built-in
// cease-fire track, no negotiator faults, every offer and acceptance is worth its maker's
// reservation value, every agreement is worth every party's reservation value, the protocol keeps
// its contract, and the same seed gives the same negotiation. A negotiator is in these cases the
// moment it registers.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/negotiator.h"
#include "parley/scenario_format.h"

namespace parley::conformance {
namespace {

using testing::RandomLinearScenario;
using testing::Rounds;

TEST(NegotiatorConformance, EveryPairOnGeneratedBilateralScenarios) {
  ASSERT_GE(RegisteredNames<Negotiator>().size(), 4u);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const Scenario scenario = RandomLinearScenario(seed, 2, 3, seed == 2);
    EXPECT_TRUE(NoViolations(NegotiatorSuite(scenario, Rounds(40, seed))));
  }
}

TEST(NegotiatorConformance, EveryNegotiatorOnGeneratedTrilateralScenarios) {
  // Each negotiator as party 0 against every negotiator in the two other seats.
  EXPECT_TRUE(NoViolations(NegotiatorSuite(RandomLinearScenario(7, 3, 3, true), Rounds(30, 11))));
}

TEST(NegotiatorConformance, EveryPairOnTheBuiltinScenario) {
  // The cease-fire track's reservation values follow schedules: agreements must be worth them both
  // when each party committed and when the agreement is reached.
  const Scenario scenario = LoadScenario(std::string(kDefaultScenario) + "#ceasefire");
  PartyContract contract;
  contract.rational_at_end = true;
  EXPECT_TRUE(NoViolations(NegotiatorSuite(scenario, Rounds(40, 5), contract)));
}

TEST(NegotiatorConformance, OnlyRegisteredPortsAreExemptFromRationality) {
  // The exemption (conformance.h, kIgnoresReservationValue) names ports of GENIUS agents that
  // ignore their reservation value; a name that is not registered would exempt nothing but hide
  // a typo, and the list must stay short.
  const auto names = RegisteredNames<Negotiator>();
  for (const std::string& exempt : kIgnoresReservationValue) {
    EXPECT_NE(std::find(names.begin(), names.end(), exempt), names.end()) << exempt;
  }
  EXPECT_LE(kIgnoresReservationValue.size(), 4u);
}

}  // namespace
}  // namespace parley::conformance
