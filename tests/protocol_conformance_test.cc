// Every registered protocol, in every variant of its boolean parameters, with every registered
// negotiator (and, where it needs one, the first registered mediator that serves it) on generated
// scenarios of two to five parties (conformance.h, ProtocolSuite): valid moves only, the
// deadline kept, every final utility as recomputed from the profiles, the trace consistent with
// the result, each party shown only its own profile and utilities and never its own actions, the
// same result from the same seed, alone or beside another run on a second thread. A protocol is in
// these cases the moment it registers.
#include <gtest/gtest.h>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/protocol.h"

namespace parley::conformance {
namespace {

using testing::Rounds;
// One test per number of parties, so that they run side by side.
void EveryProtocolWithEveryNegotiatorOn(std::size_t parties) {
  ASSERT_GE(RegisteredNames<Protocol>().size(), 3u);
  EXPECT_TRUE(
      NoViolations(ProtocolSuite(testing::RandomLinearScenario(200 + parties, parties, 3, true), Rounds(20, parties))));
}

TEST(ProtocolConformance, EveryProtocolWithEveryNegotiatorOnTwoAndThreeParties) {
  EveryProtocolWithEveryNegotiatorOn(2);
  EveryProtocolWithEveryNegotiatorOn(3);
}
TEST(ProtocolConformance, EveryProtocolWithEveryNegotiatorOnFourParties) { EveryProtocolWithEveryNegotiatorOn(4); }
TEST(ProtocolConformance, EveryProtocolWithEveryNegotiatorOnFiveParties) { EveryProtocolWithEveryNegotiatorOn(5); }

TEST(ProtocolConformance, EveryProtocolWithEveryNegotiatorOnASpaceWithARealIssue) {
  // A space that cannot be enumerated: every negotiator works from a sampled ranking.
  EXPECT_TRUE(NoViolations(ProtocolSuite(testing::SmallScenario(3), Rounds(12, 13))));
}

TEST(ProtocolConformance, EveryProtocolWithoutATrace) {
  NegotiationOptions options = Rounds(15, 3);
  options.record_trace = false;
  EXPECT_TRUE(NoViolations(ProtocolSuite(testing::RandomLinearScenario(210, 3, 3), options)));
}

TEST(ProtocolConformance, EveryProtocolUnderAWallClockDeadline) {
  NegotiationOptions options;
  options.time_limit_seconds = 0.01;
  options.seed = 4;
  EXPECT_TRUE(NoViolations(ProtocolSuite(testing::RandomLinearScenario(211, 2, 3), options)));
}

TEST(ProtocolConformance, EveryNegotiatorWhereItMayAskForRanksAtACost) {
  // saop with elicitation: negotiators that ask (genius-elicitation-example) are charged, and the
  // charges in the trace add up to the costs in the result.
  const Scenario scenario = testing::RandomLinearScenario(220, 2, 3, true);
  const auto names = RegisteredNames<Negotiator>();
  Violations violations;
  for (std::size_t k = 0; k < names.size(); ++k) {
    NegotiationCase negotiation;
    negotiation.scenario = &scenario;
    negotiation.protocol = "saop(elicitation_cost=0.02)";
    negotiation.negotiators = {names[k], names[(k + 1) % names.size()]};
    negotiation.options = Rounds(20, 2);
    Append(violations, CheckNegotiation(negotiation));
  }
  EXPECT_TRUE(NoViolations(violations));
}

}  // namespace
}  // namespace parley::conformance
