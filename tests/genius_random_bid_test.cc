// GENIUS's Java conventions that ports of its agents share (src/negotiators/anac/genius_*.h):
// Collections.shuffle and the three random-bid recipes draw for draw, and the BidIterator walk.
// The expected draws were printed by OpenJDK 17 running the same calls on java.util.Random; the
// walk's order is BidIterator's odometer (first issue fastest) written out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "common/genius_shuffle.h"
#include "common/java_random.h"
#include "negotiators/anac/genius_domain.h"
#include "negotiators/anac/genius_random_bid.h"

namespace parley {
namespace {

TEST(GeniusConventions, ShuffleDrawsAsCollectionsShuffle) {
  // Lists 0..n-1 for n = 1..6 shuffled one after the other with one generator.
  const std::vector<std::vector<std::vector<int>>> expected = {
      {{0}, {0, 1}, {2, 1, 0}, {2, 1, 3, 0}, {3, 4, 1, 2, 0}, {3, 4, 0, 1, 5, 2}},  // new Random(42)
      {{0}, {0, 1}, {0, 1, 2}, {2, 3, 1, 0}, {4, 1, 0, 2, 3}, {3, 4, 1, 5, 2, 0}},  // new Random(7)
  };
  const std::vector<std::int64_t> seeds = {42, 7};
  for (std::size_t s = 0; s < seeds.size(); ++s) {
    JavaRandom random(seeds[s]);
    for (std::size_t n = 1; n <= 6; ++n) {
      std::vector<int> list;
      for (std::size_t i = 0; i < n; ++i) list.push_back(static_cast<int>(i));
      JavaShuffle(list, random);
      EXPECT_EQ(list, expected[s][n - 1]) << "seed " << seeds[s] << ", " << n << " elements";
    }
  }
}

OutcomeSpace EveryKind() {
  return OutcomeSpace("kinds", {Issue::Discrete("a", {"x", "y", "z"}), Issue::Integer("b", 2, 6),
                                Issue::Discrete("c", {"p", "q", "r", "s"}), Issue::Real("d", 0.0, 1.0)});
}

TEST(GeniusConventions, RandomBidsDrawAsGenius) {
  const OutcomeSpace space = EveryKind();
  Outcome bid(space.issue_count());
  // AbstractNegotiationParty.generateRandomBid on new Random(42), three bids.
  const std::vector<Outcome> party = {Outcome({2, 5, 2, 0.8095238095238095}), Outcome({0, 2, 1, 0.8095238095238095}),
                                      Outcome({1, 5, 3, 0.5238095238095237})};
  JavaRandom random(42);
  for (const Outcome& expected : party) {
    GeniusPartyRandomBid(space, random, bid);
    EXPECT_EQ(bid, expected) << space.Format(bid);
  }
  // The agents' own recipe (lower + nextInt(upper - lower), nextInt(steps - 1) / steps).
  const std::vector<Outcome> agent = {Outcome({2, 2, 2, 0.19047619047619047}), Outcome({0, 5, 1, 0.8571428571428571}),
                                      Outcome({1, 2, 3, 0.09523809523809523})};
  random = JavaRandom(42);
  for (const Outcome& expected : agent) {
    GeniusAgentRandomBid(space, random, bid);
    EXPECT_EQ(bid, expected) << space.Format(bid);
  }
}

TEST(GeniusConventions, DomainRandomBidsDrawAsGenius) {
  // Domain.getRandomBid(new Random(42)): index (int)(nextDouble() * values) per issue, a real issue
  // on lower + (upper - lower) / 21 * index; three bids, as OpenJDK 17 computes them.
  const OutcomeSpace space = EveryKind();
  Outcome bid(space.issue_count());
  const std::vector<Outcome> expected = {Outcome({2, 5, 1, 0.23809523809523808}),
                                         Outcome({1, 6, 1, 0.23809523809523808}),
                                         Outcome({1, 5, 3, 0.42857142857142855})};
  JavaRandom random(42);
  for (const Outcome& want : expected) {
    GeniusDomainRandomBid(space, random, bid);
    EXPECT_EQ(bid, want) << space.Format(bid);
  }
}

TEST(GeniusConventions, TheWalkFollowsBidIterator) {
  const OutcomeSpace space("small", {Issue::Discrete("a", {"x", "y"}), Issue::Integer("b", 4, 6)});
  std::vector<Outcome> walked;
  Outcome scratch;
  EXPECT_EQ(ForEachGeniusBid(space, 100, scratch, [&](const Outcome& bid) { walked.push_back(bid); }), 6u);
  const std::vector<Outcome> expected = {Outcome({0, 4}), Outcome({1, 4}), Outcome({0, 5}),
                                         Outcome({1, 5}), Outcome({0, 6}), Outcome({1, 6})};
  EXPECT_EQ(walked, expected);
  walked.clear();
  EXPECT_EQ(ForEachGeniusBid(space, 4, scratch, [&](const Outcome& bid) { walked.push_back(bid); }), 4u);
  EXPECT_EQ(walked.back(), Outcome({1, 5}));

  // A real issue counts as IssueReal's 21 steps, its k-th value lower + k (upper - lower) / 20.
  const OutcomeSpace kinds = EveryKind();
  EXPECT_EQ(GeniusBidCount(kinds), 3.0 * 5.0 * 4.0 * 21.0);
  EXPECT_EQ(GeniusValueCount(kinds.issue(3)), 21u);
  EXPECT_EQ(GeniusValueAt(kinds.issue(3), 20), 1.0);
  EXPECT_EQ(GeniusValueAt(kinds.issue(3), 5), 0.25);
  EXPECT_EQ(GeniusValueAt(kinds.issue(1), 3), 5.0);
}

}  // namespace
}  // namespace parley
