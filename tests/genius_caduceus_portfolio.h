// For the differential tests of the two Caduceus portfolios (genius_caduceus_test.cc,
// genius_caduceusdc16_test.cc): both offer their best bid until round 0.83 d (N + 1) and only then
// ask their members, whose draws are unseeded in GENIUS. Test-only, header-only.
#ifndef PARLEY_TESTS_GENIUS_CADUCEUS_PORTFOLIO_H_
#define PARLEY_TESTS_GENIUS_CADUCEUS_PORTFOLIO_H_

#include <cstdint>

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

// For ExpectEveryDecisionWithRecordedOffers (genius_port_checks.h): the portfolio's best-bid
// offers before its first vote are its own.
inline void OwnOffersBeforeFirstVote(const GeniusTrace& trace, std::size_t party, RecordedOffers& offers) {
  const std::uint64_t first_vote = CaduceusFirstVoteRound(trace);
  for (const auto& action : trace.actions) {
    if (action.agent == party && action.round < first_vote) offers.deterministic.insert(action.step);
  }
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_CADUCEUS_PORTFOLIO_H_
