// A negotiation scenario: one outcome space and the private profiles of 2..N parties.
//
// A Profile is what one party brings: its utility function, its reservation value (the utility
// of no agreement) and its discount factor. At normalised time t in [0, 1] an agreement worth u is
// worth u * d^t and no agreement r * d^t, as in GENIUS. Scenarios are immutable once built and
// are shared read-only (by shared_ptr) between negotiations and threads.
#ifndef PARLEY_SCENARIO_H_
#define PARLEY_SCENARIO_H_

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/outcome_space.h"
#include "parley/schedule.h"
#include "parley/utility.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class Profile {
 public:
  // `discount_factor` in (0, 1) discounts; 1 means no discounting. Throws UsageError when the
  // reservation value is not finite, the discount factor is outside (0, 1] or the name is not
  // valid UTF-8.
  Profile(std::string name, std::shared_ptr<const UtilityFunction> utility, double reservation_value,
          double discount_factor);

  // The same profile whose reservation value follows `schedule` (its first value is then the
  // reservation value at the start). Throws UsageError for an empty schedule.
  Profile WithSchedule(ReservationSchedule schedule) const;

  const std::string& name() const { return name_; }
  const UtilityFunction& utility_function() const { return *utility_; }
  const std::shared_ptr<const UtilityFunction>& shared_utility_function() const { return utility_; }
  // The reservation value at the start of the negotiation.
  double reservation_value() const { return reservation_value_; }
  const ReservationSchedule& reservation_schedule() const { return schedule_; }
  // The reservation value at normalised time `time` of a negotiation with a deadline of `rounds`
  // rounds (0 if none): the schedule's value, or the constant reservation value.
  double ReservationValueAt(double time, std::uint64_t rounds = 0) const {
    return schedule_.empty() ? reservation_value_ : schedule_.ValueAt(time, rounds);
  }
  double discount_factor() const { return discount_factor_; }
  bool discounted() const { return discount_factor_ < 1.0; }

  // Undiscounted utility.
  double Utility(const Outcome& outcome) const { return utility_->Utility(outcome); }
  // u * d^t.
  double Discount(double utility, double time) const {
    return discounted() ? utility * std::pow(discount_factor_, time) : utility;
  }
  double DiscountedUtility(const Outcome& outcome, double time) const { return Discount(Utility(outcome), time); }
  double DiscountedReservationValue(double time, std::uint64_t rounds = 0) const {
    return Discount(ReservationValueAt(time, rounds), time);
  }

 private:
  std::string name_;
  std::shared_ptr<const UtilityFunction> utility_;
  double reservation_value_;
  double discount_factor_;
  ReservationSchedule schedule_;
};

class Scenario {
 public:
  // Needs at least two profiles, all over `space`, with distinct names, and a valid UTF-8 name.
  // Throws UsageError.
  Scenario(std::string name, std::shared_ptr<const OutcomeSpace> space, std::vector<Profile> profiles);

  const std::string& name() const { return name_; }
  const OutcomeSpace& space() const { return *space_; }
  const std::shared_ptr<const OutcomeSpace>& shared_space() const { return space_; }
  std::size_t party_count() const { return profiles_.size(); }
  const Profile& profile(std::size_t party) const { return profiles_[party]; }
  const std::vector<Profile>& profiles() const { return profiles_; }

  // The same scenario with only the named parties, in the given order (to negotiate with a few
  // of the many profiles some GENIUS folders hold). Throws UsageError naming an unknown party.
  Scenario WithParties(const std::vector<std::string>& names) const;
  // Position of the party named `name`, if any.
  std::optional<std::size_t> FindParty(std::string_view name) const;

  // Derived data computed once per scenario and shared by its copies (the analysis, ...):
  // returns the value cached under `key`, computing it with `compute` on first request.
  // Thread-safe; `compute` runs at most once per key.
  std::shared_ptr<const void> Cached(const std::string& key,
                                     const std::function<std::shared_ptr<const void>()>& compute) const;

  // Free text: where the scenario comes from, what its numbers mean.
  const std::string& description() const { return description_; }
  void set_description(std::string text) { description_ = std::move(text); }
  // The path the scenario was read from, if any.
  const std::string& source() const { return source_; }
  void set_source(std::string path) { source_ = std::move(path); }

 private:
  std::string name_;
  std::shared_ptr<const OutcomeSpace> space_;
  std::vector<Profile> profiles_;
  std::string description_;
  std::string source_;
  struct Caches;
  std::shared_ptr<Caches> caches_;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_SCENARIO_H_
