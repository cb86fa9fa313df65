// Tests of reading uncertain numbers in Parley JSON (docs/formats/parley-json.md "Uncertain
// numbers"): every malformed form and every range that leaves its place's valid interval is
// refused with one exact line, places where uncertain numbers are not allowed say where they are,
// and the valid forms are read with the estimates the documented rule gives.
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/parley_json_internal.h"
#include "parley/error.h"
#include "parley/uncertainty.h"

namespace parley {
namespace {

constexpr std::string_view kForms =
    R"(an uncertain number ({"uniform": [lo, hi]}, {"triangular": [lo, mode, hi]}, {"normal": {"mean": m, "sd": s}}, {"variable": name}))";
constexpr std::string_view kAllowed =
    R"((uncertain numbers are allowed for issue weights, table values, reservation values, schedule points (with "unit": "time"), discount factors, track weights, interaction values and event times))";

// A two-party, two-issue scenario; each slot holds the text of one place (defaults: plain numbers).
std::string Single(std::map<std::string, std::string> slots) {
  const std::map<std::string, std::string> defaults = {{"VARS", ""}, {"PARTY", ""}, {"W", "1"},
                                                       {"V", "0.5"}, {"AID", ""},   {"U", ""}};
  for (const auto& [key, value] : defaults) slots.emplace(key, value);
  if (slots["AID"].empty()) slots["AID"] = R"({"none": 0, "surge": )" + slots["V"] + "}";
  if (slots["U"].empty()) {
    slots["U"] = R"({"type": "linear-additive", "weights": {"price": )" + slots["W"] +
                 R"(, "aid": 1}, "values": {"price": {"low": 1, "high": 0}, "aid": )" + slots["AID"] + "}}";
  }
  return R"({"format": "parley-scenario", "name": "x", )" + slots["VARS"] +
         R"("issues": [{"name": "price", "values": ["low", "high"]}, {"name": "aid", "values": ["none", "surge"]}],
  "parties": [{"name": "A", )" +
         slots["PARTY"] + R"("utility": )" + slots["U"] + R"(},
  {"name": "B", "utility": {"type": "linear-additive", "weights": {"price": 1, "aid": 1},
   "values": {"price": {"low": 0, "high": 1}, "aid": {"none": 1, "surge": 0}}}}]})";
}

std::string ErrorOf(const std::string& text) {
  try {
    UncertainScenario::FromText(text, "x.json");
  } catch (const InputError& e) {
    // The ordinary reader, which reads ranges as their estimates, refuses the same way.
    try {
      internal::ReadParleyJsonText(text, "x.json");
      return "the ordinary reader accepted it";
    } catch (const InputError& plain) {
      if (std::string(plain.what()) != e.what()) return "the ordinary reader said: " + std::string(plain.what());
    }
    return e.what();
  }
  return "accepted";
}

TEST(UncertainNumberReadTest, EveryErrorIsOneExactLine) {
  struct Row {
    std::map<std::string, std::string> slots;
    std::string message;
  };
  const std::string surge = "x.json: parties[0].utility.values.aid.surge";
  const std::string price = "x.json: parties[0].utility.weights.price";
  const std::vector<Row> rows = {
      {{{"W", R"("high")"}},
       price + ": expected a weight (a number >= 0) or " + std::string(kForms) + R"(, found the string "high")"},
      {{{"V", "[0.1, 0.2]"}},
       surge + ": expected a number or " + std::string(kForms) + ", found an array of 2 elements"},
      {{{"W", R"({"uniform": [0.1, 0.2], "normal": {"mean": 1, "sd": 0}})"}},
       price +
           R"(: give exactly one of "uniform", "triangular", "normal" or "variable" (found "uniform" and "normal"))"},
      {{{"W", R"({"estimate": 1})"}},
       price + R"(: give exactly one of "uniform", "triangular", "normal" or "variable" (found none))"},
      {{{"W", R"({"uniform": [0, 1], "mode": 2})"}},
       price +
           R"(.mode: unknown key "mode" (expected one of "uniform", "triangular", "normal", "variable", "estimate"; keys starting with "_" or "comment" are comments))"},
      {{{"W", R"({"uniform": [0.5, 0.3]})"}}, price + ".uniform: expected [lo, hi] with lo <= hi, found [0.5, 0.3]"},
      {{{"W", R"({"uniform": [0.5]})"}},
       price + ".uniform: expected [lo, hi] with lo <= hi, found an array of 1 elements"},
      {{{"W", R"({"uniform": [0.5, "x"]})"}}, price + R"(.uniform[1]: expected a number, found the string "x")"},
      {{{"W", R"({"triangular": [0, 1e200, 1e300]})"}},
       price + ".triangular: [0, 1e+200, 1e+300] is too wide to sample"},
      {{{"W", R"({"normal": {"mean": -0.1, "sd": 0.1}})"}},
       price + ".normal.mean: -0.1 lies outside [0, inf), the valid range of a weight"},
      {{{"V", R"({"uniform": [-0.1, 0.3]})"}},
       surge + ".uniform: [-0.1, 0.3] leaves [0, 1], the valid range of a value's utility"},
      {{{"V", R"({"triangular": [0.2, 0.9, 0.6]})"}}, surge + ".triangular: the mode 0.9 lies outside [0.2, 0.6]"},
      {{{"V", R"({"triangular": [0.6, 0.5, 0.2]})"}},
       surge + ".triangular: expected [lo, mode, hi] with lo <= mode <= hi, found [0.6, 0.5, 0.2]"},
      {{{"V", R"({"triangular": [0.5, 0.9, 1.5]})"}},
       surge + ".triangular: [0.5, 0.9, 1.5] leaves [0, 1], the valid range of a value's utility"},
      {{{"V", R"({"normal": {"mean": 0.5, "sd": -1}})"}}, surge + ".normal.sd: expected a number >= 0, found -1"},
      {{{"V", R"({"normal": {"mean": 0.5}})"}},
       surge + ".normal.sd: missing; expected the standard deviation (a number >= 0)"},
      {{{"V", R"({"uniform": [0.2, 0.6], "estimate": 0.7})"}},
       surge + ".estimate: 0.7 lies outside the range [0.2, 0.6]"},
      {{{"V", R"({"normal": {"mean": 0.5, "sd": 0.1}, "estimate": 1.5})"}},
       surge + ".estimate: 1.5 lies outside [0, 1], the valid range of a value's utility"},
      {{{"PARTY", R"("reservation_value": {"normal": {"mean": 1.2, "sd": 0.1}}, )"}},
       "x.json: parties[0].reservation_value.normal.mean: 1.2 lies outside [0, 1], the valid range of a reservation "
       "value"},
      {{{"PARTY", R"("discount_factor": {"uniform": [0, 0.9]}, )"}},
       "x.json: parties[0].discount_factor.uniform: [0, 0.9] leaves (0, 1], the valid range of a discount factor"},
      {{{"PARTY", R"("reservation_schedule": {"points": [[{"uniform": [0.5, 0.7]}, 0.2], [0.6, 0.3]]}, )"}},
       "x.json: parties[0].reservation_schedule.points: the times of points 0 and 1 may overlap ([0.5, 0.7] and "
       "[0.6, 0.6]); their ranges must be ordered"},
      {{{"PARTY", R"("reservation_schedule": {"points": [[0, {"uniform": [0.5, 1.1]}]]}, )"}},
       "x.json: parties[0].reservation_schedule.points[0][1].uniform: [0.5, 1.1] leaves [0, 1], the valid range of "
       "a schedule point's value"},
      {{{"VARS", R"("variables": {"operation start": {"uniform": [0.5, 0.7]}}, )"},
        {"V", R"({"variable": "operation strat"})"}},
       surge + R"(.variable: no variable "operation strat" (did you mean "operation start"?))"},
      {{{"V", R"({"variable": "start"})"}}, surge + R"(.variable: no variable "start" (no variables are declared))"},
      {{{"VARS", R"("variables": {"operation start": {"uniform": [0.5, 0.7]}}, )"}},
       R"(x.json: variables["operation start"]: used nowhere)"},
      {{{"VARS", R"("variables": {"d": {"uniform": [0, 0.7]}}, )"},
        {"PARTY", R"("discount_factor": {"variable": "d"}, )"}},
       "x.json: variables.d: [0, 0.7] leaves (0, 1], the valid range of a discount factor (used at "
       "parties[0].discount_factor)"},
      {{{"VARS", R"("variables": {"r": {"normal": {"mean": 1.2, "sd": 0.1}}}, )"},
        {"PARTY", R"("reservation_value": {"variable": "r"}, )"}},
       "x.json: variables.r: the mean 1.2 lies outside [0, 1], the valid range of a reservation value (used at "
       "parties[0].reservation_value)"},
      {{{"VARS", R"("variables": {"s": {"uniform": [0, 1]}}, )"}, {"V", R"({"variable": "s", "estimate": 0.5})"}},
       surge + R"(.estimate: a variable's estimate is written where it is declared, in "variables")"},
      {{{"VARS", R"("variables": {"s": {"variable": "t"}}, )"}},
       R"(x.json: variables.s.variable: a variable is declared by its distribution, not by another variable)"},
      {{{"VARS", R"("variables": {"A/weights/price": {"uniform": [0, 1]}}, )"},
        {"W", R"({"uniform": [0, 1]})"},
        {"V", R"({"variable": "A/weights/price"})"}},
       price + R"(: its name "A/weights/price" is also that of the uncertain number at variables["A/weights/price"])"},
      // Places where uncertain numbers are refused say where they are allowed.
      {{{"PARTY", R"("reservation_schedule": {"unit": "rounds", "points": [[{"uniform": [1, 2]}, 0.2]]}, )"}},
       "x.json: parties[0].reservation_schedule.points[0][0]: expected a number, found an object " +
           std::string(kAllowed)},
      {{{"U", R"({"type": "hyper-rectangle", "max_utility": {"uniform": [1, 2]}, "function": {}})"}},
       "x.json: parties[0].utility.max_utility: expected a number, found an object " + std::string(kAllowed)},
      {{{"U",
         R"({"type": "hyper-rectangle", "max_utility": 1, "function": {"rectangles": [{"utility": {"uniform": [1, 2]}}]}})"}},
       "x.json: parties[0].utility.function.rectangles[0].utility: expected a number, found an object " +
           std::string(kAllowed)},
      {{{"AID", R"({"shape": "linear", "slope": {"uniform": [0, 1]}, "offset": 0})"}},
       "x.json: parties[0].utility.values.aid.slope: expected a number, found an object " + std::string(kAllowed)},
      {{{"AID", R"({"shape": "triangular", "lower": 0, "upper": 1, "top": {"uniform": [0, 1]}})"}},
       "x.json: parties[0].utility.values.aid.top: expected a number, found an object " + std::string(kAllowed)},
  };
  for (const Row& row : rows) EXPECT_EQ(ErrorOf(Single(row.slots)), row.message);
}

// A multi-track document of one track; slots as in Single.
std::string Multi(std::map<std::string, std::string> slots) {
  const std::map<std::string, std::string> defaults = {
      {"VARS", ""}, {"TW", "1"}, {"IV", "0.1"}, {"ET", "0.6"}, {"TRACK", Single({})}};
  for (const auto& [key, value] : defaults) slots.emplace(key, value);
  return R"({"format": "parley-multi-track", "name": "m", )" + slots["VARS"] + R"("parties": [
    {"name": "A", "weights": {"x": )" +
         slots["TW"] + R"(}, "interactions": [{"when": {"x": {"aid": "surge"}}, "value": )" + slots["IV"] + R"(}]},
    {"name": "B", "weights": {"x": 1}}],
  "events": [{"name": "operation", "time": )" +
         slots["ET"] + R"(, "ends": ["x"]}],
  "tracks": [{"name": "x", "participants": ["A", "B"], "scenario": )" +
         slots["TRACK"] + "}]}";
}

std::string MultiErrorOf(const std::string& text) {
  try {
    UncertainScenario::FromText(text, "m.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(UncertainNumberReadTest, MultiTrackErrors) {
  struct Row {
    std::map<std::string, std::string> slots;
    std::string message;
  };
  const std::vector<Row> rows = {
      {{{"VARS", R"("variables": {"operation start": {"uniform": [0, 0.7]}}, )"},
        {"ET", R"({"variable": "operation start"})"}},
       R"(m.json: variables["operation start"]: [0, 0.7] leaves (0, 1], the valid range of an event time (used at events[0].time))"},
      {{{"ET", R"({"uniform": [0.5, 1.2]})"}},
       "m.json: events[0].time.uniform: [0.5, 1.2] leaves (0, 1], the valid range of an event time"},
      {{{"ET", "0"}}, "m.json: events[0].time: expected a normalised time in (0, 1], found the number 0"},
      {{{"TW", R"({"triangular": [-1, 0, 1]})"}},
       "m.json: parties[0].weights.x.triangular: [-1, 0, 1] leaves [0, inf), the valid range of a track weight"},
      {{{"IV", R"({"uniform": [0.2, 0.1]})"}},
       "m.json: parties[0].interactions[0].value.uniform: expected [lo, hi] with lo <= hi, found [0.2, 0.1]"},
      {{{"IV", R"({"uniform": [-1e308, 1e308]})"}},
       "m.json: parties[0].interactions[0].value.uniform: [-1e+308, 1e+308] is too wide to sample"},
      {{{"IV", R"("big")"}},
       "m.json: parties[0].interactions[0].value: expected a number or " + std::string(kForms) +
           R"(, found the string "big")"},
      // Embedded scenarios use the document's variables and declare none of their own.
      {{{"TRACK", Single({{"VARS", R"("variables": {"s": {"uniform": [0, 1]}}, )"}})}},
       "m.json: tracks[0].scenario.variables: variables are declared at the top level of the multi-track document"},
      {{{"VARS", R"("variables": {"s": {"uniform": [0, 0.5]}}, )"},
        {"TRACK", Single({{"W", R"({"variable": "s"})"}, {"V", R"({"variable": "t"})"}})}},
       R"(m.json: tracks[0].scenario.parties[0].utility.values.aid.surge.variable: no variable "t" (the variables: "s"))"},
      {{{"VARS", R"("variables": {"s": {"uniform": [0, 0.5]}}, )"}}, "m.json: variables.s: used nowhere"},
  };
  for (const Row& row : rows) EXPECT_EQ(MultiErrorOf(Multi(row.slots)), row.message);
  // A variable of the document reaches into its tracks, and names there start with the track.
  const UncertainScenario linked = UncertainScenario::FromText(
      Multi({{"VARS", R"("variables": {"s": {"uniform": [0.25, 0.5]}}, )"},
             {"IV", R"({"variable": "s"})"},
             {"TRACK", Single({{"V", R"({"variable": "s"})"}, {"W", R"({"uniform": [1, 2]})"}})}}),
      "m.json");
  ASSERT_EQ(linked.dimension(), 2u);
  EXPECT_EQ(linked.numbers()[1].name, "x/A/weights/price");
  EXPECT_EQ(linked.numbers()[1].places[0].path, "tracks[0].scenario.parties[0].utility.weights.price");
  ASSERT_EQ(linked.numbers()[0].places.size(), 2u);
  EXPECT_EQ(linked.numbers()[0].places[1].path, "tracks[0].scenario.parties[0].utility.values.aid.surge");
  const MultiTrackScenario world = linked.WorldWith(std::vector<double>{0.3, 1.5});
  EXPECT_EQ(world.parties()[0].interactions[0].value, 0.3);
  const auto& a = dynamic_cast<const LinearAdditiveUtility&>(world.tracks()[0].stakes.profile(0).utility_function());
  EXPECT_EQ(a.value_functions()[1].table()[1], 0.3);
}

TEST(UncertainNumberReadTest, ValidFormsAndTheirEstimates) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  using Shape = UncertainNumber::Shape;
  struct Row {
    std::string slot, text;
    Shape shape;
    double low, high, mode, mean, sd, estimate;
  };
  const std::vector<Row> rows = {
      // The estimate rule: midpoint, mode, mean, unless "estimate" is written.
      {"V", R"({"uniform": [0.2, 0.6]})", Shape::kUniform, 0.2, 0.6, 0, 0, 0, 0.4},
      {"V", R"({"triangular": [0, 0.3, 1]})", Shape::kTriangular, 0, 1, 0.3, 0, 0, 0.3},
      {"V", R"({"normal": {"mean": 0.5, "sd": 0.1}})", Shape::kNormal, 0, 1, 0, 0.5, 0.1, 0.5},
      {"V", R"({"uniform": [0.2, 0.6], "estimate": 0.25, "_why": "a comment"})", Shape::kUniform, 0.2, 0.6, 0, 0, 0,
       0.25},
      {"V", R"({"normal": {"mean": 0.5, "sd": 0.1}, "estimate": 0.45})", Shape::kNormal, 0, 1, 0, 0.5, 0.1, 0.45},
      // Weights: truncated at 0 only.
      {"W", R"({"normal": {"mean": 1, "sd": 2}})", Shape::kNormal, 0, kInfinity, 0, 1, 2, 1},
      {"W", R"({"uniform": [3, 3]})", Shape::kUniform, 3, 3, 0, 0, 0, 3},
  };
  for (const Row& row : rows) {
    const UncertainScenario scenario = UncertainScenario::FromText(Single({{row.slot, row.text}}), "x.json");
    ASSERT_EQ(scenario.dimension(), 1u) << row.text;
    const UncertainNumber& n = scenario.numbers()[0];
    EXPECT_EQ(n.shape, row.shape) << row.text;
    EXPECT_EQ(n.low, row.low) << row.text;
    EXPECT_EQ(n.high, row.high) << row.text;
    if (row.shape == Shape::kTriangular) {
      EXPECT_EQ(n.mode, row.mode) << row.text;
    }
    if (row.shape == Shape::kNormal) {
      EXPECT_EQ(n.mean, row.mean) << row.text;
      EXPECT_EQ(n.sd, row.sd) << row.text;
    }
    EXPECT_DOUBLE_EQ(n.estimate, row.estimate) << row.text;
    EXPECT_FALSE(n.variable);
    ASSERT_EQ(n.places.size(), 1u);
    // The estimate is the number the scenario is read with.
    const Scenario& stakes = scenario.estimate().tracks()[0].stakes;
    const auto& a = dynamic_cast<const LinearAdditiveUtility&>(stakes.profile(0).utility_function());
    if (row.slot == "V") {
      EXPECT_EQ(n.name, "A/values/aid/surge");
      EXPECT_EQ(n.path, "parties[0].utility.values.aid.surge");
      EXPECT_EQ(n.places[0].kind, NumberPlace::Kind::kValueUtility);
      EXPECT_EQ(n.places[0].path, "parties[0].utility.values.aid.surge");
      EXPECT_EQ(n.places[0].party, 0u);
      EXPECT_EQ(n.places[0].issue, 1u);
      EXPECT_EQ(n.places[0].position, 1u);
      EXPECT_EQ(a.value_functions()[1].table()[1], n.estimate);
    } else {
      EXPECT_EQ(n.name, "A/weights/price");
      EXPECT_EQ(n.places[0].kind, NumberPlace::Kind::kIssueWeight);
      EXPECT_EQ(n.places[0].issue, 0u);
      EXPECT_EQ(scenario.RawWeights(0, 0), (std::vector<double>{n.estimate, 1.0}));
      EXPECT_EQ(a.weights()[0], n.estimate / (n.estimate + 1.0));
    }
  }
}

// The ordinary reader reads a document with ranges and variables as its estimates.
TEST(UncertainNumberReadTest, OrdinaryReadingGivesTheEstimate) {
  const std::string ranged = Single({{"VARS", R"("variables": {"s": {"triangular": [0.1, 0.2, 0.9]}}, )"},
                                     {"W", R"({"uniform": [1, 3]})"},
                                     {"V", R"({"variable": "s"})"},
                                     {"PARTY", R"("reservation_value": {"variable": "s"}, )"}});
  const std::string plain = Single({{"W", "2"}, {"V", "0.2"}, {"PARTY", R"("reservation_value": 0.2, )"}});
  const Scenario a = internal::ReadParleyJsonText(ranged, "x.json");
  const Scenario b = internal::ReadParleyJsonText(plain, "x.json");
  EXPECT_EQ(internal::WriteParleyJsonText(a), internal::WriteParleyJsonText(b));
  EXPECT_EQ(a.profile(0).reservation_value(), 0.2);
  const UncertainScenario uncertain = UncertainScenario::FromText(ranged, "x.json");
  ASSERT_EQ(uncertain.dimension(), 2u);
  EXPECT_EQ(uncertain.numbers()[0].name, "s");
  EXPECT_EQ(uncertain.numbers()[0].path, "variables.s");
  EXPECT_TRUE(uncertain.numbers()[0].variable);
  ASSERT_EQ(uncertain.numbers()[0].places.size(), 2u);
  EXPECT_EQ(uncertain.numbers()[0].places[0].kind, NumberPlace::Kind::kReservationValue);
  EXPECT_EQ(uncertain.numbers()[0].places[1].kind, NumberPlace::Kind::kValueUtility);
  EXPECT_EQ(uncertain.numbers()[1].name, "A/weights/price");
}

}  // namespace
}  // namespace parley
