// Java's Collections.shuffle(list, random) for a random-access list, draw for draw: from the last
// position down to the second, swap with a position drawn by nextInt(position + 1). GENIUS agents
// shuffle to break ties at random; a port that shuffles the same list with the same generator
// visits it in the original's order and consumes the same draws.
#ifndef PARLEY_COMMON_GENIUS_SHUFFLE_H_
#define PARLEY_COMMON_GENIUS_SHUFFLE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "common/java_random.h"

namespace parley {

template <class T>
void JavaShuffle(std::vector<T>& list, JavaRandom& random) {
  for (std::size_t i = list.size(); i > 1; --i) {
    using std::swap;
    swap(list[i - 1], list[static_cast<std::size_t>(random.NextInt(static_cast<std::int32_t>(i)))]);
  }
}

}  // namespace parley

#endif  // PARLEY_COMMON_GENIUS_SHUFFLE_H_
