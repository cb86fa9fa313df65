// Every registered preference estimator through the conformance checks (conformance.h,
// CheckPreferenceEstimator).
#include <gtest/gtest.h>

#include "conformance.h"
#include "conformance_gtest.h"
#include "parley/preference_estimator.h"

namespace parley::conformance {
namespace {

TEST(PreferenceEstimatorConformance, EveryRegisteredEstimator) {
  EXPECT_FALSE(RegisteredNames<PreferenceEstimator>().empty());
  EXPECT_TRUE(NoViolations(PreferenceEstimatorSuite()));
}

}  // namespace
}  // namespace parley::conformance
