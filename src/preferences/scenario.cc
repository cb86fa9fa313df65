#include "parley/scenario.h"

#include <unordered_set>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {

Profile::Profile(std::string name, std::shared_ptr<const UtilityFunction> utility, double reservation_value,
                 double discount_factor)
    : name_(std::move(name)),
      utility_(std::move(utility)),
      reservation_value_(reservation_value),
      discount_factor_(discount_factor) {
  if (!utility_) throw UsageError(fmt::format("profile '{}' has no utility function", name_));
  if (!std::isfinite(reservation_value_)) {
    throw UsageError(fmt::format("profile '{}' has reservation value {}; it must be a finite number", name_,
                                 reservation_value_));
  }
  if (!(discount_factor_ > 0.0 && discount_factor_ <= 1.0)) {
    throw UsageError(fmt::format("profile '{}' has discount factor {}; it must be in (0, 1]", name_, discount_factor_));
  }
}

Scenario::Scenario(std::string name, std::shared_ptr<const OutcomeSpace> space, std::vector<Profile> profiles)
    : name_(std::move(name)), space_(std::move(space)), profiles_(std::move(profiles)) {
  if (!space_) throw UsageError(fmt::format("scenario '{}' has no outcome space", name_));
  if (profiles_.size() < 2) {
    throw UsageError(fmt::format("scenario '{}' has {} profile(s); a negotiation needs at least two", name_,
                                 profiles_.size()));
  }
  std::unordered_set<std::string> names;
  for (const auto& profile : profiles_) {
    if (&profile.utility_function().space() != space_.get()) {
      throw UsageError(fmt::format("profile '{}' of scenario '{}' is defined over another outcome space",
                                   profile.name(), name_));
    }
    if (!names.insert(profile.name()).second) {
      throw UsageError(fmt::format("scenario '{}' has two profiles named '{}'", name_, profile.name()));
    }
  }
}

}  // namespace parley
