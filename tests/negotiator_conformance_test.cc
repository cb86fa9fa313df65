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

// One test per generated scenario, so that the suite's runners share them out; the sanitizer
// run keeps the first (CMakePresets.json: every pair still meets there, on one scenario).
void EveryPairOnAGeneratedBilateralScenario(std::uint64_t seed) {
  ASSERT_GE(RegisteredNames<Negotiator>().size(), 4u);
  const Scenario scenario = RandomLinearScenario(seed, 2, 3, seed == 2);
  EXPECT_TRUE(NoViolations(NegotiatorSuite(scenario, Rounds(40, seed))));
}

TEST(NegotiatorConformance, EveryPairOnGeneratedBilateralScenario1) { EveryPairOnAGeneratedBilateralScenario(1); }
TEST(NegotiatorConformance, EveryPairOnGeneratedBilateralScenario2Discounted) {
  EveryPairOnAGeneratedBilateralScenario(2);
}
TEST(NegotiatorConformance, EveryPairOnGeneratedBilateralScenario3) { EveryPairOnAGeneratedBilateralScenario(3); }

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

TEST(NegotiatorConformance, OnlyRegisteredNegotiatorsAreExemptFromRationality) {
  // An exemption names a registered port and says why its original ignores the reservation
  // value; a stale or misspelt entry would silently exempt nothing, or the wrong agent later.
  for (const ReservationValueExemption& exemption : ReservationValueExemptions()) {
    EXPECT_TRUE(NegotiatorRegistry::Has(std::string(exemption.negotiator))) << exemption.negotiator;
    EXPECT_FALSE(exemption.reason.empty()) << exemption.negotiator;
    EXPECT_FALSE(KeepsReservationValue(exemption.negotiator));
  }
  EXPECT_TRUE(KeepsReservationValue("time(e=0.2)"));
}

}  // namespace
}  // namespace parley::conformance
