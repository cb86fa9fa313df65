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

namespace {

std::uint32_t Spread(std::int32_t hash) {
  const auto u = static_cast<std::uint32_t>(hash);
  return u ^ (u >> 16);
}

}  // namespace

void JavaHashMapKeys::Clear() {
  hashes_.clear();
  buckets_.assign(16, {});
}

// Java splits each bucket into the two it maps to in the doubled table, keeping the keys' order.
void JavaHashMapKeys::Grow() {
  std::vector<std::vector<std::size_t>> grown(buckets_.size() * 2);
  for (const auto& bucket : buckets_) {
    for (std::size_t key : bucket) grown[Spread(hashes_[key]) & (grown.size() - 1)].push_back(key);
  }
  buckets_.swap(grown);
}

void JavaHashMapKeys::Put(std::int32_t hash) {
  const std::size_t key = hashes_.size();
  hashes_.push_back(hash);
  auto& bucket = buckets_[Spread(hash) & (buckets_.size() - 1)];
  bucket.push_back(key);
  if (bucket.size() >= 9 && buckets_.size() < 64) Grow();
  if (hashes_.size() > buckets_.size() * 3 / 4) Grow();
}

std::vector<std::size_t> JavaHashMapOrder(const std::vector<std::int32_t>& hashes) {
  JavaHashMapKeys keys;
  for (std::int32_t hash : hashes) keys.Put(hash);
  std::vector<std::size_t> order;
  order.reserve(hashes.size());
  keys.ForEach([&order](std::size_t key) { order.push_back(key); });
  return order;
}

}  // namespace parley
