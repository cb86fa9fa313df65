// The Java orders that ports of GENIUS agents reproduce (src/common/java_hash.h and
// src/negotiators/anac/genius_*.h): String.hashCode, java.util.HashMap's iteration order, and
// BidIterator's enumeration order.
// Expected values are worked out by hand from the Java definitions (the hash recurrence, the
// spread h ^ h >>> 16, 16 buckets doubling past 3/4 load or at a ninth key in one bucket below
// 64 buckets); each case says which rule it pins.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/java_hash.h"
#include "negotiators/anac/genius_value_order.h"
#include "preferences/genius_bid_iterator.h"

namespace parley {
namespace {

TEST(GeniusOrders, JavaStringHash) {
  EXPECT_EQ(JavaStringHash(""), 0);
  // ((((104·31 + 101)·31 + 108)·31 + 108)·31 + 111
  EXPECT_EQ(JavaStringHash("hello"), 99162322);
  EXPECT_EQ(JavaStringHash("Aa"), 2112);
  EXPECT_EQ(JavaStringHash("BB"), 2112);
  EXPECT_EQ(JavaStringHash("\xC3\xA9"), 0xE9);  // U+00E9, one UTF-16 unit
  // U+1F600 is the surrogate pair D83D DE00: 31·0xD83D + 0xDE00.
  EXPECT_EQ(JavaStringHash("\xF0\x9F\x98\x80"), 31 * 0xD83D + 0xDE00);
  // 32-bit wrap-around: "polygenelubricants" is Java's classic Integer.MIN_VALUE.
  EXPECT_EQ(JavaStringHash("polygenelubricants"), INT32_MIN);
}

TEST(GeniusOrders, JavaStringHashMatchesTheJdk) {
  const struct {
    const char* utf8;
    std::int32_t hash;  // "...".hashCode() printed by OpenJDK 17
  } kCases[] = {
      {"good", 3178685},
      {"fairly good", 383347660},
      {"\xE2\x82\xAC"
       "uro",
       249288006},                                                  // U+20AC then "uro"
      {"caf\xC3\xA9", 3045921},                                     // U+00E9
      {"\xF0\x9F\x98\x80x", 54959989},                              // U+1F600 (a surrogate pair in Java) then "x"
      {"The quick brown fox jumps over the lazy dog", -609428141},  // wraps
  };
  for (const auto& c : kCases) EXPECT_EQ(JavaStringHash(c.utf8), c.hash) << c.utf8;
}

TEST(GeniusOrders, JavaHashMapOrder) {
  struct Case {
    const char* rule;
    std::vector<std::int32_t> hashes;
    std::vector<std::size_t> order;
  };
  const std::vector<Case> cases = {
      {"by bucket", {5, 3}, {1, 0}},
      {"one bucket keeps arrival order", {17, 1, 33}, {0, 1, 2}},
      {"the high half is folded in: 0x10001 lands in bucket 0", {1, 0x10001}, {1, 0}},
      // Thirteen keys pass 3/4 of 16 buckets: in 32 buckets 16 leaves bucket 0 for bucket 16.
      {"resize at 13 keys", {16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0}},
      {"no resize at 12 keys", {16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
      // A ninth key in bucket 0 of 16 doubles the table: 0, 32, 64, 96, 128 stay in bucket 0,
      // 16, 48, 80, 112 move to bucket 16.
      {"resize at a ninth key in a bucket", {0, 16, 32, 48, 64, 80, 96, 112, 128}, {0, 2, 4, 6, 8, 1, 3, 5, 7}},
  };
  for (const Case& c : cases) EXPECT_EQ(JavaHashMapOrder(c.hashes), c.order) << c.rule;
}

TEST(GeniusOrders, EvaluatorValuesFollowTheirHashes) {
  // "c", "a", "b" hash to 99, 97, 98: buckets 3, 1, 2.
  const Issue issue = Issue::Discrete("letters", {"c", "a", "b"});
  EXPECT_EQ(GeniusEvaluatorValueOrder(issue), (std::vector<std::size_t>{1, 2, 0}));
}

TEST(GeniusOrders, BidIteratorTurnsTheFirstIssueFastest) {
  // BidIterator over two two-valued issues: (0,0), (1,0), (0,1), (1,1).
  const std::vector<Outcome> order = {Outcome({0, 0}), Outcome({1, 0}), Outcome({0, 1}), Outcome({1, 1})};
  for (std::size_t a = 0; a < order.size(); ++a) {
    for (std::size_t b = 0; b < order.size(); ++b) {
      EXPECT_EQ(GeniusBidIteratorBefore(order[a], order[b]), a < b) << a << " " << b;
    }
  }
}

}  // namespace
}  // namespace parley
