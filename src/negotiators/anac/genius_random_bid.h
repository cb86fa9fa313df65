// The two ways GENIUS agents draw a random bid from a java.util.Random, draw for draw, so that a
// port consumes the same numbers in the same order:
// - GeniusPartyRandomBid: AbstractNegotiationParty.generateRandomBid, which new-style parties call
//   on their seeded generator: nextInt(values) per issue, a real issue on its 21-step grid
//   (lower + (upper - lower) / steps * k).
// - GeniusAgentRandomBid: the recipe many ANAC agents carry in their own code: nextInt(values) for
//   a discrete issue, lower + nextInt(upper - lower) for an integer one (never its upper bound),
//   lower + (upper - lower) * nextInt(steps - 1) / steps for a real one.
// - GeniusDomainRandomBid: Domain.getRandomBid(Random), which some agents call on their seeded
//   generator: per issue, the index (int)(nextDouble() * values) (at most values - 1); a real issue
//   on the grid lower + (upper - lower) / steps * k.
// - GeniusAgentRandomBidReaching: the agents' recipe repeated until a bid reaches a target, as
//   several agents do (with no end when no bid does; here at most `tries` draws, then the best).
// All write every issue of `bid` (sized to the space) and allocate nothing. Java's int bounds
// are respected: a range too wide for an int is cut to the largest int, an empty integer range
// (where Java would throw) gives its lower bound without a draw.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_RANDOM_BID_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_RANDOM_BID_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "parley/outcome_space.h"
#include "parley/scenario.h"

namespace parley {

// nextInt(bound) for a bound held as a double, within Java's int range.
inline std::int32_t GeniusNextInt(JavaRandom& random, double bound) {
  return random.NextInt(static_cast<std::int32_t>(std::min(bound, 2147483647.0)));
}

// One issue's draw of GeniusPartyRandomBid: AbstractNegotiationParty.getRandomValue, which some
// agents also call on its own to change one issue of a bid.
inline double GeniusPartyRandomValue(const Issue& issue, JavaRandom& random) {
  if (issue.countable()) {
    return issue.ValueAt(static_cast<std::uint64_t>(GeniusNextInt(random, static_cast<double>(issue.cardinality()))));
  }
  const auto steps = static_cast<std::int32_t>(kGeniusRealSteps);
  return issue.lower() + (issue.upper() - issue.lower()) / steps * random.NextInt(steps);
}

inline void GeniusPartyRandomBid(const OutcomeSpace& space, JavaRandom& random, Outcome& bid) {
  for (std::size_t i = 0; i < space.issue_count(); ++i) bid[i] = GeniusPartyRandomValue(space.issue(i), random);
}

inline void GeniusAgentRandomBid(const OutcomeSpace& space, JavaRandom& random, Outcome& bid) {
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    if (issue.kind() == IssueKind::kDiscrete) {
      bid[i] = static_cast<double>(GeniusNextInt(random, static_cast<double>(issue.cardinality())));
    } else if (issue.kind() == IssueKind::kInteger) {
      const double width = issue.upper() - issue.lower();
      bid[i] = issue.lower() + (width >= 1.0 ? GeniusNextInt(random, width) : 0);
    } else {
      const auto steps = static_cast<std::int32_t>(kGeniusRealSteps);
      bid[i] = issue.lower() + (issue.upper() - issue.lower()) * random.NextInt(steps - 1) / steps;
    }
  }
}

// `work` is scratch of the same size as `bid`.
inline void GeniusAgentRandomBidReaching(const OutcomeSpace& space, const Profile& profile, JavaRandom& random,
                                         double target, int tries, Outcome& bid, Outcome& work) {
  double best = -1.0;
  for (int n = 0; n < tries; ++n) {
    GeniusAgentRandomBid(space, random, work);
    const double u = profile.Utility(work);
    if (u > best) {
      best = u;
      bid = work;
    }
    if (u >= target) return;
  }
}

inline void GeniusDomainRandomBid(const OutcomeSpace& space, JavaRandom& random, Outcome& bid) {
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const double options = std::min(static_cast<double>(GeniusValueCount(issue)), 2147483647.0);  // an int in GENIUS
    // Java's double-to-int conversion truncates (and saturates); the original then caps the index.
    const double index = std::min(std::floor(random.NextDouble() * options), options - 1.0);
    if (issue.countable()) {
      bid[i] = issue.ValueAt(static_cast<std::uint64_t>(index));
    } else {
      bid[i] = issue.lower() + (issue.upper() - issue.lower()) / options * index;
    }
  }
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_RANDOM_BID_H_
