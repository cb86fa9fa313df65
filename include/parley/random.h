// Seeded pseudo-random numbers that give the same sequence on every platform and compiler.
//
// Every random choice in Parley draws from an Rng built from an explicit seed. The standard
// library's distributions are implementation-defined, so Rng implements its own (xoshiro256**
// seeded through splitmix64, Lemire's unbiased bounded integers), and DeriveSeed gives
// independent streams to each party, negotiation or repetition from one master seed.
#ifndef PARLEY_RANDOM_H_
#define PARLEY_RANDOM_H_

#include <cstdint>
#include <initializer_list>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// Mixes a master seed with identifying numbers (party index, repetition, ...) into a new seed.
// Equal inputs give equal seeds; changing any input gives an unrelated seed.
std::uint64_t DeriveSeed(std::uint64_t seed, std::initializer_list<std::uint64_t> tags);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // A uniformly distributed 64-bit word.
  std::uint64_t Next();
  // Uniform integer in [0, bound); bound must be positive.
  std::uint64_t UniformInt(std::uint64_t bound);
  // Uniform real in [0, 1).
  double UniformReal();
  // True with probability p.
  bool Bernoulli(double p) { return UniformReal() < p; }

 private:
  std::uint64_t state_[4];
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_RANDOM_H_
