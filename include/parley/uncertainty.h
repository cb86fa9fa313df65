// Scenarios whose numbers are uncertain: each uncertain number of a Parley JSON file (single- or
// multi-track) with its distribution, the scenario at the numbers' estimates, and the scenario
// ("world") at any point of the unit cube. A world is the image of a point u of (0, 1)^k through
// each number's quantile function, so sampling worlds is sampling unit points.
//
// Immutable after Load; every method is const and thread-safe. WorldAt, WorldWith and SampleWorld
// allocate the world they return (they read the document again with the drawn numbers);
// UnitPointInto and ValuesInto allocate nothing. docs/uncertainty.md explains the choices.
#ifndef PARLEY_UNCERTAINTY_H_
#define PARLEY_UNCERTAINTY_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "parley/multi_track.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// Where one uncertain number goes (a variable may go to several places).
struct NumberPlace {
  enum class Kind {
    kIssueWeight,       // parties[p].utility.weights.<issue>
    kValueUtility,      // parties[p].utility.values.<issue>.<value>
    kReservationValue,  // parties[p].reservation_value
    kScheduleValue,     // parties[p].reservation_schedule.points[k][1]
    kScheduleTime,      // parties[p].reservation_schedule.points[k][0] ("unit": "time")
    kDiscountFactor,    // parties[p].discount_factor
    kTrackWeight,       // multi-track parties[p].weights.<track>
    kInteractionValue,  // multi-track parties[p].interactions[k].value
    kEventTime,         // multi-track events[e].time
  };
  Kind kind = Kind::kIssueWeight;
  std::string path;          // JSON location, as messages give it: tracks[0].scenario.parties[0]...
  std::size_t track = 0;     // kIssueWeight..kDiscountFactor: the track (0 in single-track files)
  std::size_t party = 0;     // profile index in the track's stakes; kTrackWeight, kInteractionValue:
                             // the party's index in the multi-track scenario
  std::size_t issue = 0;     // kIssueWeight, kValueUtility: the issue's index in the track's space
  std::size_t position = 0;  // kValueUtility: value position; kScheduleValue/Time: point index;
                             // kTrackWeight: entry of the party's weights; kInteractionValue:
                             // interaction index; kEventTime: event index
};

// The valid interval of a place (docs/uncertainty.md): a range must lie inside it, a normal is
// truncated to it. Open ends are marked; an unbounded end is infinite.
struct ValidInterval {
  double low = 0.0, high = 0.0;
  bool low_open = false, high_open = false;
};
ValidInterval ValidIntervalOf(NumberPlace::Kind kind);
// "a weight", "a value's utility", ... for messages and listings.
std::string_view PlaceKindName(NumberPlace::Kind kind);

struct UncertainNumber {
  enum class Shape { kUniform, kTriangular, kNormal };
  // The variable's name, or one made from the place: "<track>/<party>/weights/<issue>",
  // "<track>/<party>/values/<issue>/<value>", "<track>/<party>/reservation_value",
  // "<track>/<party>/reservation_schedule/<k>/value" (or "/time"), "<track>/<party>/discount_factor",
  // "<party>/weights/<track>", "<party>/interactions/<k>", "events/<event>/time"; single-track
  // files drop "<track>/".
  std::string name;
  std::string path;       // where the distribution is written (a place, or variables["name"])
  bool variable = false;  // declared in "variables" (then it may have several places)
  Shape shape = Shape::kUniform;
  double low = 0.0, high = 0.0;  // support: as written, or the normal's truncation interval
  double mode = 0.0;             // kTriangular
  double mean = 0.0, sd = 0.0;   // kNormal, before truncation
  double estimate = 0.0;         // "estimate" if written; else midpoint, mode or mean
  std::vector<NumberPlace> places;

  // The number at unit coordinate `unit` in (0, 1): the inverse of the (truncated) CDF. Zero
  // width gives `low` (the mean for sd 0) bit for bit. Pure; allocates nothing.
  double Quantile(double unit) const;
  // P(X <= x), for checks of the sampling.
  double Cdf(double x) const;
};

// The seed tag of unit points: the unit point of sample j is drawn from
// Rng(DeriveSeed(seed, {kUnitPointStreamTag, j})).
inline constexpr std::uint64_t kUnitPointStreamTag = 0x756e6974;  // "unit"

class UncertainScenario {
 public:
  // A built-in name or a Parley JSON file (either format); any other scenario (other formats,
  // NAME#TRACK) has no uncertain numbers (dimension 0). Throws InputError, naming the file and
  // the JSON location.
  static UncertainScenario Load(const std::string& name_or_path);
  // The same from a document's text (`origin` names it in messages and becomes the source).
  static UncertainScenario FromText(const std::string& json, const std::string& origin);

  // The scenario at the estimates: LoadMultiTrackScenario(name_or_path), bit for bit.
  const MultiTrackScenario& estimate() const;
  // In the order the document gives them: variables first, then every other number as read.
  const std::vector<UncertainNumber>& numbers() const;
  std::size_t dimension() const;

  // The world whose numbers are numbers()[i].Quantile(unit[i]). Throws UsageError when `unit`
  // has the wrong size or a coordinate outside (0, 1).
  MultiTrackScenario WorldAt(std::span<const double> unit) const;
  // The world whose numbers are `values` (each inside its number's support). Throws UsageError.
  MultiTrackScenario WorldWith(std::span<const double> values) const;
  // numbers()[i].Quantile(unit[i]) for every i. Throws UsageError as WorldAt.
  std::vector<double> Values(std::span<const double> unit) const;

  // The unit point of sample `index`: Rng(DeriveSeed(seed, {kUnitPointStreamTag, index})), one
  // 64-bit draw per number in order, each ((draw >> 11) + 0.5) * 2^-53, so never 0 or 1. The same
  // whatever other samples were drawn before, so samples can be spread over threads.
  std::vector<double> UnitPoint(std::uint64_t seed, std::uint64_t index) const;
  MultiTrackScenario SampleWorld(std::uint64_t seed, std::uint64_t index) const;
  // The same into caller-owned buffers of size dimension(), allocating nothing (hot loops).
  // Throws UsageError on a wrong size (ValuesInto: also on a coordinate outside (0, 1)).
  void UnitPointInto(std::uint64_t seed, std::uint64_t index, std::span<double> unit) const;
  void ValuesInto(std::span<const double> unit, std::span<double> values) const;

  // The weights of linear-additive profile `party` of track `track` at the estimates, as written
  // (before normalisation; LinearAdditiveUtility::weights() gives them normalised), for code that
  // rebuilds utilities itself. Empty for other kinds of utility. Throws UsageError out of range.
  const std::vector<double>& RawWeights(std::size_t track, std::size_t party) const;

 private:
  struct State;
  explicit UncertainScenario(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_UNCERTAINTY_H_
