// The Java collection behaviours that ports of GENIUS agents reproduce (src/negotiators/anac/
// genius_tree_map.h, src/common/java_hash.h): what entries kept from a java.util.TreeMap hold after
// removals and the order in which a java.util.HashMap iterates its keys (String.hashCode is tested
// in genius_orders_test.cc). The expected values were printed by OpenJDK 17's own
// classes running the same sequences.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/java_hash.h"
#include "negotiators/anac/genius_tree_map.h"

namespace parley {
namespace {

// Puts 40 keys k / 8 (value k), in descending or a scattered order; then 30 times takes the entry
// at position (7 round) mod size in key order, keeps it and removes its key. Returns what the
// kept entries hold at the end: a removed entry with two children takes its successor's key and
// value and stays in the tree.
std::vector<int> KeptAfterRemovals(bool descending) {
  JavaTreeMap<int> map;
  const int n = 40;
  for (int i = 0; i < n; ++i) {
    const int k = descending ? n - i : (i * 17) % n;
    map.Put(k / 8.0, k);
  }
  std::vector<int> kept_nodes;
  for (int round = 0; round < 30; ++round) {
    const int target = (round * 7) % static_cast<int>(map.size());
    int node = map.First();
    for (int position = 0; position < target; ++position) node = map.Next(node);
    kept_nodes.push_back(node);
    map.Remove(map.key(node));
  }
  std::vector<int> values;
  for (int node : kept_nodes) values.push_back(map.value(node));
  return values;
}

TEST(JavaCollectionsOrder, TreeMapEntriesKeptAcrossRemovalsHoldWhatJavasHold) {
  EXPECT_EQ(KeptAfterRemovals(true), (std::vector<int>{1,  10, 20, 28, 37, 2, 12, 22, 32, 4,  16, 31, 3,  19, 35,
                                                       11, 31, 10, 37, 20, 5, 37, 28, 24, 24, 31, 6,  28, 15, 21}));
  EXPECT_EQ(KeptAfterRemovals(false), (std::vector<int>{0,  8,  16, 25, 33, 1, 12, 21, 31, 4,  15, 36, 2,  18, 35,
                                                        10, 36, 12, 33, 19, 4, 35, 25, 27, 27, 36, 5,  27, 14, 20}));
}

TEST(JavaCollectionsOrder, TreeMapPutReplacesTheValueOfAnEqualKey) {
  JavaTreeMap<int> map;
  map.Put(0.5, 1);
  map.Put(0.25, 2);
  map.Put(0.5, 3);
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map.value(map.Last()), 3);
  EXPECT_EQ(map.value(map.First()), 2);
}

// Integer keys hash as themselves, so their order shows the map's buckets and resizing.
std::vector<int> HashMapOrder(const std::vector<int>& keys) {
  const std::vector<std::size_t> positions = JavaHashMapOrder(std::vector<std::int32_t>(keys.begin(), keys.end()));
  std::vector<int> ordered;
  for (std::size_t p : positions) ordered.push_back(keys[p]);
  return ordered;
}

TEST(JavaCollectionsOrder, HashMapIteratesAsJavasDoes) {
  std::vector<int> scattered, one_bucket, high_bits;
  for (int i = 0; i < 30; ++i) scattered.push_back((i * 37) % 101);     // grows to 64 buckets
  for (int i = 0; i < 9; ++i) one_bucket.push_back(16 * (9 - i));       // a ninth key in one bucket doubles
  for (int i = 0; i < 20; ++i) high_bits.push_back(i * 65536 + 3 * i);  // spread by h ^ h >>> 16
  EXPECT_EQ(HashMapOrder(scattered), (std::vector<int>{0,  67, 3,  70, 6,  74, 10, 77, 13, 80, 16, 84, 20, 87, 23,
                                                       90, 26, 94, 30, 97, 33, 37, 40, 43, 47, 50, 53, 57, 60, 63}));
  EXPECT_EQ(HashMapOrder(one_bucket), (std::vector<int>{128, 96, 64, 32, 144, 112, 80, 48, 16}));
  EXPECT_EQ(HashMapOrder(high_bits),
            (std::vector<int>{0,      1048624, 65539,  983085, 1114163, 131078, 917546, 1179702, 262156, 786468,
                              196617, 327695,  720929, 852007, 1245241, 524312, 458773, 589851,  393234, 655390}));
}

}  // namespace
}  // namespace parley
