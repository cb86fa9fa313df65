// java.util.Random as specified in its Javadoc (the generator, next(bits) and every derived
// draw), and StrictMath.log as Java computes it: the fdlibm algorithm (reduce x to 2^k (1 + f)
// with 1 + f near 1, then log(1 + f) from s = f / (2 + f) and a degree-14 polynomial in s),
// evaluated in the same order so that every rounding is the same.
#include "common/java_random.h"

#include <bit>
#include <cmath>
#include <limits>

#include "parley/error.h"

namespace parley {
namespace {

constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
constexpr std::uint64_t kIncrement = 0xBULL;
constexpr std::uint64_t kMask = (std::uint64_t{1} << 48) - 1;

std::uint64_t Scramble(std::int64_t seed) { return (static_cast<std::uint64_t>(seed) ^ kMultiplier) & kMask; }

// The high and low 32-bit words of a double, and a double with a new high word.
std::int32_t HighWord(double x) { return static_cast<std::int32_t>(std::bit_cast<std::uint64_t>(x) >> 32); }
std::uint32_t LowWord(double x) { return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(x)); }
double WithHighWord(double x, std::int32_t high) {
  const std::uint64_t low = std::bit_cast<std::uint64_t>(x) & 0xffffffffULL;
  return std::bit_cast<double>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(high)) << 32) | low);
}

}  // namespace

JavaRandom::JavaRandom(std::int64_t seed) : state_(Scramble(seed)) {}

void JavaRandom::SetSeed(std::int64_t seed) {
  state_ = Scramble(seed);
  have_next_gaussian_ = false;
}

std::int32_t JavaRandom::Next(int bits) {
  state_ = (state_ * kMultiplier + kIncrement) & kMask;
  // Java's (int)(seed >>> (48 - bits)): keep the low 32 bits, reinterpreted as signed.
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(state_ >> (48 - bits)));
}

std::int32_t JavaRandom::NextInt(std::int32_t bound) {
  if (bound <= 0) throw UsageError("JavaRandom::NextInt: bound must be positive");
  std::int32_t r = Next(31);
  const std::int32_t m = bound - 1;
  if ((bound & m) == 0) {
    // A power of two: the high bits, which are the better ones of an LCG.
    return static_cast<std::int32_t>((static_cast<std::int64_t>(bound) * r) >> 31);
  }
  // Rejects the draws from the incomplete last block of `bound` values. The test is Java's
  // u - r + m < 0 in wrapping 32-bit arithmetic: it overflows exactly for those draws.
  for (std::int32_t u = r;; u = Next(31)) {
    r = u % bound;
    const auto sum = static_cast<std::int32_t>(static_cast<std::uint32_t>(u) - static_cast<std::uint32_t>(r) +
                                               static_cast<std::uint32_t>(m));
    if (sum >= 0) return r;
  }
}

std::int64_t JavaRandom::NextLong() {
  const auto high = static_cast<std::uint64_t>(static_cast<std::int64_t>(Next(32)));
  const auto low = static_cast<std::uint64_t>(static_cast<std::int64_t>(Next(32)));
  // Java adds the sign-extended low word, so a negative low word borrows from the high one.
  return static_cast<std::int64_t>((high << 32) + low);
}

float JavaRandom::NextFloat() { return static_cast<float>(Next(24)) / static_cast<float>(1 << 24); }

double JavaRandom::NextDouble() {
  const auto high = static_cast<std::int64_t>(Next(26));
  const auto low = static_cast<std::int64_t>(Next(27));
  return static_cast<double>((high << 27) + low) * 0x1.0p-53;
}

double JavaRandom::NextGaussian() {
  if (have_next_gaussian_) {
    have_next_gaussian_ = false;
    return next_gaussian_;
  }
  double v1 = 0.0;
  double v2 = 0.0;
  double s = 0.0;
  do {
    v1 = 2 * NextDouble() - 1;
    v2 = 2 * NextDouble() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s >= 1 || s == 0);
  // IEEE square root is correctly rounded, as StrictMath.sqrt is; the log must be fdlibm's.
  const double multiplier = std::sqrt(-2 * StrictLog(s) / s);
  next_gaussian_ = v2 * multiplier;
  have_next_gaussian_ = true;
  return v1 * multiplier;
}

double StrictLog(double x) {
  // ln 2 split in two so that k * kLn2High is exact for the exponents a double can have.
  constexpr double kLn2High = 6.93147180369123816490e-01;
  constexpr double kLn2Low = 1.90821492927058770002e-10;
  constexpr double kTwo54 = 1.80143985094819840000e+16;
  // Minimax coefficients of (log(1 + f) - 2s) / s over s^2 in fdlibm's reduced range.
  constexpr double kLg1 = 6.666666666666735130e-01;
  constexpr double kLg2 = 3.999999999940941908e-01;
  constexpr double kLg3 = 2.857142874366239149e-01;
  constexpr double kLg4 = 2.222219843214978396e-01;
  constexpr double kLg5 = 1.818357216161805012e-01;
  constexpr double kLg6 = 1.531383769920937332e-01;
  constexpr double kLg7 = 1.479819860511658591e-01;

  std::int32_t high = HighWord(x);
  int k = 0;
  if (high < 0x00100000) {  // zero, subnormal or negative
    if (((high & 0x7fffffff) | static_cast<std::int32_t>(LowWord(x))) == 0) {
      return -std::numeric_limits<double>::infinity();
    }
    if (high < 0) return std::numeric_limits<double>::quiet_NaN();
    k -= 54;
    x *= kTwo54;
    high = HighWord(x);
  }
  if (high >= 0x7ff00000) return x + x;  // infinity or NaN
  k += (high >> 20) - 1023;
  high &= 0x000fffff;
  // Chooses between x and x / 2 so that the mantissa lands in [sqrt(2)/2, sqrt(2)).
  const std::int32_t half = (high + 0x95f64) & 0x100000;
  x = WithHighWord(x, high | (half ^ 0x3ff00000));
  k += half >> 20;
  const double f = x - 1.0;
  const double dk = static_cast<double>(k);

  if ((0x000fffff & (2 + high)) < 3) {  // |f| < 2^-20: two terms of the series suffice
    if (f == 0.0) return k == 0 ? 0.0 : dk * kLn2High + dk * kLn2Low;
    const double r = f * f * (0.5 - 0.33333333333333333 * f);
    return k == 0 ? f - r : dk * kLn2High - ((r - dk * kLn2Low) - f);
  }
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double odd = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double even = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = even + odd;
  // Away from 1 the half-square form keeps more bits; both bounds are fdlibm's.
  const bool far_from_one = ((high - 0x6147a) | (0x6b851 - high)) > 0;
  if (far_from_one) {
    const double half_square = 0.5 * f * f;
    return k == 0 ? f - (half_square - s * (half_square + r))
                  : dk * kLn2High - ((half_square - (s * (half_square + r) + dk * kLn2Low)) - f);
  }
  return k == 0 ? f - s * (f - r) : dk * kLn2High - ((s * (f - r) - dk * kLn2Low) - f);
}

}  // namespace parley
