#include "parley/scenario.h"

#include <map>
#include <mutex>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/mapped.h"
#include "parley/error.h"
#include "parley/utf8.h"

namespace parley {

Profile::Profile(std::string name, std::shared_ptr<const UtilityFunction> utility, double reservation_value,
                 double discount_factor)
    : name_(std::move(name)),
      utility_(std::move(utility)),
      reservation_value_(reservation_value),
      discount_factor_(discount_factor) {
  RequireUtf8Name(name_, "the profile name");
  if (!utility_) throw UsageError(fmt::format("profile '{}' has no utility function", name_));
  if (!std::isfinite(reservation_value_)) {
    throw UsageError(
        fmt::format("profile '{}' has reservation value {}; it must be a finite number", name_, reservation_value_));
  }
  if (!(discount_factor_ > 0.0 && discount_factor_ <= 1.0)) {
    throw UsageError(fmt::format("profile '{}' has discount factor {}; it must be in (0, 1]", name_, discount_factor_));
  }
}

Profile Profile::WithSchedule(ReservationSchedule schedule) const {
  if (schedule.empty()) throw UsageError(fmt::format("profile '{}': a reservation schedule needs a point", name_));
  Profile profile = *this;
  profile.reservation_value_ = schedule.points().front().value;
  profile.schedule_ = std::move(schedule);
  return profile;
}

struct Scenario::Caches {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const void>> values;
};

Scenario::Scenario(std::string name, std::shared_ptr<const OutcomeSpace> space, std::vector<Profile> profiles)
    : name_(std::move(name)),
      space_(std::move(space)),
      profiles_(std::move(profiles)),
      caches_(std::make_shared<Caches>()) {
  RequireUtf8Name(name_, "the scenario name");
  if (!space_) throw UsageError(fmt::format("scenario '{}' has no outcome space", name_));
  if (profiles_.size() < 2) {
    throw UsageError(
        fmt::format("scenario '{}' has {} profile(s); a negotiation needs at least two", name_, profiles_.size()));
  }
  std::unordered_set<std::string> names;
  for (const auto& profile : profiles_) {
    if (&profile.utility_function().space() != space_.get()) {
      throw UsageError(
          fmt::format("profile '{}' of scenario '{}' is defined over another outcome space", profile.name(), name_));
    }
    if (!names.insert(profile.name()).second) {
      throw UsageError(fmt::format("scenario '{}' has two profiles named '{}'", name_, profile.name()));
    }
  }
}

std::shared_ptr<const void> Scenario::Cached(const std::string& key,
                                             const std::function<std::shared_ptr<const void>()>& compute) const {
  // Held while computing, so that concurrent first requests compute once.
  std::lock_guard<std::mutex> lock(caches_->mutex);
  auto& slot = caches_->values[key];
  if (!slot) slot = compute();
  return slot;
}

std::optional<std::size_t> Scenario::FindParty(std::string_view name) const {
  for (std::size_t p = 0; p < profiles_.size(); ++p) {
    if (profiles_[p].name() == name) return p;
  }
  return std::nullopt;
}

Scenario Scenario::WithParties(const std::vector<std::string>& names) const {
  std::vector<Profile> selected;
  for (const auto& name : names) {
    const auto party = FindParty(name);
    if (!party) {
      throw UsageError(fmt::format("scenario '{}' has no party '{}' (its parties: {})", name_, name,
                                   fmt::join(internal::Mapped(profiles_, &Profile::name), ", ")));
    }
    selected.push_back(profiles_[*party]);
  }
  Scenario scenario(name_, space_, std::move(selected));
  scenario.description_ = description_;
  scenario.source_ = source_;
  return scenario;
}

}  // namespace parley
