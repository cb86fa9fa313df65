// Every registered mediator, in every variant of its boolean parameters, under every variant of
// every registered protocol it serves, with every registered negotiator on three parties and with
// mixed negotiators on two and four (conformance.h, MediatorSuite): no mediator or negotiator
// faults (no exception, no invalid text or package), rational agreements, the protocol's
// contract, the same negotiation from the same seed. Which protocols a mediator serves is found
// by running it (Mediator::ProposeText's default refuses single-text negotiations). A mediator is
// in these cases the moment it registers.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/mediator.h"

namespace parley::conformance {
namespace {

using testing::Rounds;
TEST(MediatorConformance, EveryMediatorUnderEveryProtocolItServesOnThreeParties) {
  EXPECT_TRUE(NoViolations(MediatorSuite(testing::RandomLinearScenario(4242, 3, 3, true), Rounds(25, 3))));
}

TEST(MediatorConformance, EveryMediatorUnderEveryProtocolItServesOnTwoAndFourParties) {
  // Two cases of mixed negotiators per mediator and protocol: the three-party suite above has
  // every negotiator under every mediator already.
  EXPECT_TRUE(NoViolations(MediatorSuite(testing::RandomLinearScenario(4243, 2, 4), Rounds(15, 4), 2)));
  EXPECT_TRUE(NoViolations(MediatorSuite(testing::RandomLinearScenario(4244, 4, 2), Rounds(15, 5), 2)));
}

TEST(MediatorConformance, EveryMediatorServesSomeProtocol) {
  const Scenario scenario = testing::RandomLinearScenario(4245, 2, 3);
  std::vector<std::string> serving;
  for (const auto& protocol : RegisteredVariants<Protocol>()) {
    if (RunsWithoutMediators(protocol, scenario)) continue;
    for (const auto& mediator : MediatorsServing(protocol, scenario)) serving.push_back(mediator);
  }
  for (const auto& mediator : RegisteredNames<Mediator>()) {
    EXPECT_NE(std::find(serving.begin(), serving.end(), mediator), serving.end())
        << "mediator '" << mediator << "' serves no registered protocol, so no conformance suite runs it";
  }
}

}  // namespace
}  // namespace parley::conformance
