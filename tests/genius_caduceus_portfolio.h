// For the differential tests of the two Caduceus portfolios (genius_caduceus_test.cc,
// genius_caduceusdc16_test.cc): both offer their best bid until round 0.83 d (N + 1) and only then
// ask their members, whose draws are unseeded in GENIUS. Test-only, header-only.
#ifndef PARLEY_TESTS_GENIUS_CADUCEUS_PORTFOLIO_H_
#define PARLEY_TESTS_GENIUS_CADUCEUS_PORTFOLIO_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "genius_recorded_offers.h"
#include "genius_trace.h"

namespace parley::testing {

// The first round in which party 0, a Caduceus portfolio, votes: the first r with
// r >= 0.83 d (N + 1).
inline std::uint64_t CaduceusFirstVoteRound(const GeniusTrace& trace) {
  const double limit = static_cast<double>(trace.start.deadline_rounds + 1) * (0.83 * trace.start.discount_factor[0]);
  std::uint64_t round = 1;
  while (static_cast<double>(round) < limit) ++round;
  return round;
}

// Replays `trace` with `spec` as party 0, its offers from the first vote on taken from the record
// where they differ; its best-bid offers before the first vote must be its own.
inline TraceComparison ReplayWithOffersFromFirstVote(const GeniusTrace& trace, const std::string& spec) {
  const Scenario scenario = LoadTraceScenario(trace);
  RecordedOffers offers = ReadRecordedOffers(trace, scenario.space(), 0);
  const std::uint64_t first_vote = CaduceusFirstVoteRound(trace);
  for (const auto& action : trace.actions) {
    if (action.agent == 0 && action.round < first_vote) offers.deterministic.insert(action.step);
  }
  TraceComparison comparison = ReplayWithRecordedOffers(trace, 0, spec, offers);
  EXPECT_EQ(offers.replaced_deterministic, 0) << trace.path.filename().string();
  return comparison;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_CADUCEUS_PORTFOLIO_H_
