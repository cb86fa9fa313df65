// The order in which GENIUS lists the values of a discrete issue when an agent asks a profile's
// evaluator for them (EvaluatorDiscrete.getValues()): the key order of a java.util.HashMap filled
// in file order, which follows the values' Java string hashes, not the file. Agents that
// enumerate bids from the evaluators (AgentLG) break utility ties in that order, so a port must
// reproduce it to make the same choices.
//
// Header-only; JavaHashMapOrder allocates its result and a little scratch.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_VALUE_ORDER_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_VALUE_ORDER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "parley/outcome_space.h"

namespace parley {

// java.lang.String.hashCode() of a UTF-8 string: h = 31 h + c over its UTF-16 code units, in
// 32-bit wrap-around arithmetic. Invalid UTF-8 cannot occur (issue names are checked on input).
inline std::int32_t JavaStringHash(std::string_view text) {
  std::uint32_t h = 0;
  auto add = [&h](std::uint32_t unit) { h = 31u * h + unit; };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::uint32_t code = byte;
    std::size_t length = 1;
    if (byte >= 0xF0) {
      code = byte & 0x07u, length = 4;
    } else if (byte >= 0xE0) {
      code = byte & 0x0Fu, length = 3;
    } else if (byte >= 0xC0) {
      code = byte & 0x1Fu, length = 2;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    i += length;
    if (code >= 0x10000) {  // a surrogate pair in UTF-16
      code -= 0x10000;
      add(0xD800u + (code >> 10));
      add(0xDC00u + (code & 0x3FFu));
    } else {
      add(code);
    }
  }
  return static_cast<std::int32_t>(h);
}

// The iteration order of a java.util.HashMap (default capacity 16, load factor 0.75) into which
// keys with these hashCode()s were put in this order, as indices into `hashes`: by bucket
// (spread hash masked by the final table size), then by insertion within a bucket. The table
// grows as Java's does: when the size passes three quarters of it, and when a bucket of a table
// smaller than 64 reaches nine entries. (Java turns such buckets of larger tables into trees,
// which reorders them; no GENIUS domain has nine values sharing a bucket of 64 or more.)
inline std::vector<std::size_t> JavaHashMapOrder(const std::vector<std::int32_t>& hashes) {
  auto spread = [](std::int32_t h) {
    const auto u = static_cast<std::uint32_t>(h);
    return u ^ (u >> 16);
  };
  std::size_t capacity = 16;
  std::vector<std::vector<std::size_t>> buckets(capacity);
  auto rehash = [&](std::size_t new_capacity) {
    std::vector<std::vector<std::size_t>> grown(new_capacity);
    for (const auto& bucket : buckets) {
      for (std::size_t key : bucket) grown[spread(hashes[key]) & (new_capacity - 1)].push_back(key);
    }
    buckets.swap(grown);
    capacity = new_capacity;
  };
  std::size_t size = 0;
  for (std::size_t key = 0; key < hashes.size(); ++key) {
    auto& bucket = buckets[spread(hashes[key]) & (capacity - 1)];
    bucket.push_back(key);
    if (bucket.size() >= 9 && capacity < 64) rehash(capacity * 2);
    if (++size > capacity * 3 / 4) rehash(capacity * 2);
  }
  std::vector<std::size_t> order;
  order.reserve(hashes.size());
  for (const auto& bucket : buckets) order.insert(order.end(), bucket.begin(), bucket.end());
  return order;
}

// The positions of a discrete issue's values in the order EvaluatorDiscrete.getValues() lists
// them (the evaluator is filled in the profile's file order, which GENIUS requires to match the
// domain's, and copies of it keep that order).
inline std::vector<std::size_t> GeniusEvaluatorValueOrder(const Issue& issue) {
  std::vector<std::int32_t> hashes;
  hashes.reserve(issue.values().size());
  for (const std::string& value : issue.values()) hashes.push_back(JavaStringHash(value));
  return JavaHashMapOrder(hashes);
}

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_VALUE_ORDER_H_
