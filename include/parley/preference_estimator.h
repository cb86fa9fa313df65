// Estimators of a utility function from partial preferences: how a negotiator that knows only a
// ranking of some outcomes (parley/partial_preferences.h) gets a utility function to negotiate
// with. Registered by name like negotiators ("genius-rank-points", GENIUS's own default; "borda";
// "lp", linear programming over the ranking, when Parley is built with COIN-OR CLP); the formulas
// are in docs/uncertainty.md ("Partial preferences").
//
// Implementations are stateless once created and safe to call from many threads. Estimate()
// allocates the function it returns, draws from `seed` only, and throws UsageError when it cannot
// estimate over the space (every estimator needs countable issues: a real issue has no values to
// score).
#ifndef PARLEY_PREFERENCE_ESTIMATOR_H_
#define PARLEY_PREFERENCE_ESTIMATOR_H_

#include <cstdint>
#include <memory>

#include "parley/partial_preferences.h"
#include "parley/registry.h"
#include "parley/utility.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class PreferenceEstimator {
 public:
  virtual ~PreferenceEstimator() = default;
  // A utility function over known.space() consistent, as far as the method goes, with what is
  // known.
  virtual std::shared_ptr<const UtilityFunction> Estimate(const PartialPreferences& known,
                                                          std::uint64_t seed) const = 0;
};

template <>
struct RegistryTraits<PreferenceEstimator> {
  static constexpr const char* kKind = "preference estimator";
};

using PreferenceEstimatorRegistry = Registry<PreferenceEstimator>;

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_PREFERENCE_ESTIMATOR_H_
