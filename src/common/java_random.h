// java.util.Random, bit for bit: the 48-bit linear congruential generator of the Java platform
// with the exact derivations of its ints, longs, floats, doubles, booleans and Gaussians.
//
// Ports of GENIUS agents draw from it where the original draws from a java.util.Random (or
// Math.random(), which is one), so that the same seed gives the same choices as in GENIUS. It is
// not Parley's own generator (parley::Rng is faster and better); use it only to reproduce Java.
// A value type: copyable, not thread-safe, allocates nothing.
#ifndef PARLEY_COMMON_JAVA_RANDOM_H_
#define PARLEY_COMMON_JAVA_RANDOM_H_

#include <cstdint>

namespace parley {

class JavaRandom {
 public:
  // new Random(seed): the seed is scrambled as Java does (xor with the multiplier).
  explicit JavaRandom(std::int64_t seed);

  // Random.setSeed: scrambles as the constructor does and forgets a cached Gaussian.
  void SetSeed(std::int64_t seed);

  // Random.next(bits): the top `bits` (1..32) bits of the next state, as a Java int (so 32 bits
  // may be negative).
  std::int32_t Next(int bits);

  // Random.nextInt(): any int.
  std::int32_t NextInt() { return Next(32); }
  // Random.nextInt(bound): uniform in [0, bound), with Java's shortcut for powers of two and its
  // rejection loop for the others (so the number of draws consumed matches). Throws UsageError
  // when bound <= 0, where Java throws IllegalArgumentException.
  std::int32_t NextInt(std::int32_t bound);
  // Random.nextLong(): two 32-bit draws.
  std::int64_t NextLong();
  // Random.nextBoolean().
  bool NextBoolean() { return Next(1) != 0; }
  // Random.nextFloat(): 24 random bits over 2^24.
  float NextFloat();
  // Random.nextDouble() (and Math.random()): 53 random bits over 2^53.
  double NextDouble();
  // Random.nextGaussian(): the polar method, StrictMath's log and sqrt, and the second value of
  // each pair kept for the next call.
  double NextGaussian();

  // The raw 48-bit state, for tests.
  std::int64_t state() const { return static_cast<std::int64_t>(state_); }

 private:
  std::uint64_t state_ = 0;
  double next_gaussian_ = 0.0;
  bool have_next_gaussian_ = false;
};

// StrictMath.log: the natural logarithm exactly as Java's StrictMath (the fdlibm algorithm)
// rounds it, which the C library's log need not do.
double StrictLog(double x);

}  // namespace parley

#endif  // PARLEY_COMMON_JAVA_RANDOM_H_
