// The GoogleTest side of the conformance library (conformance.h): a check's violations reported
// as one test failure that lists them.
//
//   EXPECT_TRUE(NoViolations(conformance::AcceptanceStrategySuite()));
#ifndef PARLEY_TESTS_CONFORMANCE_GTEST_H_
#define PARLEY_TESTS_CONFORMANCE_GTEST_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "conformance.h"

namespace parley::conformance {

// Success when there are none; otherwise a failure listing the first 25.
inline ::testing::AssertionResult NoViolations(const Violations& violations) {
  if (violations.empty()) return ::testing::AssertionSuccess();
  constexpr std::size_t kListed = 25;
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << violations.size() << " violation" << (violations.size() == 1 ? "" : "s") << " of the contract:";
  for (std::size_t i = 0; i < std::min(kListed, violations.size()); ++i) failure << "\n  " << violations[i];
  if (violations.size() > kListed) failure << "\n  ... and " << violations.size() - kListed << " more";
  return failure;
}

// How many violations mention every one of `words`.
inline std::size_t CountMentioning(const Violations& violations, std::initializer_list<std::string_view> words) {
  return static_cast<std::size_t>(std::count_if(violations.begin(), violations.end(), [&](const std::string& v) {
    return std::all_of(words.begin(), words.end(), [&](std::string_view word) { return v.find(word) != v.npos; });
  }));
}

}  // namespace parley::conformance

#endif  // PARLEY_TESTS_CONFORMANCE_GTEST_H_
