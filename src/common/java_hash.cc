// String.hashCode() and java.util.HashMap's iteration order as the Java platform specifies them
// (the hash recurrence; HashMap's spread h ^ (h >>> 16), power-of-two tables and growth rules).
#include "common/java_hash.h"

namespace parley {

std::int32_t JavaStringHash(std::string_view utf8) {
  std::uint32_t hash = 0;  // unsigned: Java's int arithmetic wraps
  auto add = [&hash](std::uint32_t unit) { hash = 31u * hash + unit; };
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::uint32_t code = length == 1 ? lead : length == 2 ? lead & 0x1Fu : length == 3 ? lead & 0x0Fu : lead & 0x07u;
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    }
    i += length;
    if (code < 0x10000) {
      add(code);
    } else {  // a surrogate pair, as Java stores it
      code -= 0x10000;
      add(0xD800u + (code >> 10));
      add(0xDC00u + (code & 0x3FFu));
    }
  }
  return static_cast<std::int32_t>(hash);
}

std::vector<std::size_t> JavaHashMapOrder(const std::vector<std::int32_t>& hashes) {
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

}  // namespace parley
