// Java's own hashing conventions that GENIUS ports depend on: java.lang.String.hashCode() and the
// order in which a java.util.HashMap iterates its keys. GENIUS sorts equally good bids by hash
// codes built from String.hashCode(), and lists an evaluator's values in HashMap order, so a port
// must reproduce both to make the same choices. Not for Parley's own hashing.
#ifndef PARLEY_COMMON_JAVA_HASH_H_
#define PARLEY_COMMON_JAVA_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace parley {

// java.lang.String.hashCode() of a UTF-8 string: h = 31 h + c over its UTF-16 code units (a code
// point above U+FFFF counts as its surrogate pair), in 32-bit wrap-around arithmetic. Invalid
// UTF-8 cannot occur (names and values are checked on input).
std::int32_t JavaStringHash(std::string_view utf8);

// The iteration order of a java.util.HashMap (default capacity 16, load factor 0.75) into which
// keys with these hashCode()s were put in this order, as indices into `hashes`: by bucket
// (spread hash masked by the final table size), then by insertion within a bucket. The table
// grows as Java's does: when the size passes three quarters of it, and when a bucket of a table
// smaller than 64 reaches nine entries. (Java turns such buckets of larger tables into trees,
// which reorders them; no GENIUS domain has nine values sharing a bucket of 64 or more.)
std::vector<std::size_t> JavaHashMapOrder(const std::vector<std::int32_t>& hashes);

// The same order kept up to date as keys are put one at a time, for a map that grows during a
// negotiation and is read between puts: rebuilding it from all hashes at each read costs a table
// per read. Keys are numbered by their put, from 0; a key is put once (as a new key of the map).
class JavaHashMapKeys {
 public:
  JavaHashMapKeys() { Clear(); }

  void Clear();
  void Put(std::int32_t hash);
  std::size_t size() const { return hashes_.size(); }

  // Calls visit(key) for every key in the map's iteration order.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (const auto& bucket : buckets_) {
      for (std::size_t key : bucket) visit(key);
    }
  }

 private:
  void Grow();

  std::vector<std::int32_t> hashes_;
  std::vector<std::vector<std::size_t>> buckets_;
};

}  // namespace parley

#endif  // PARLEY_COMMON_JAVA_HASH_H_
