// Tests of UncertainScenario: zero-width ranges give the point scenario bit for bit in every
// world, WorldWith changes exactly the numbers it names (every place of a variable together), the
// estimate is what the ordinary loader reads, and unit points depend only on the seed and the
// sample's index.
#include <bit>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/uncertainty.h"
#include "test_support.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;

std::uint64_t Bits(double x) { return std::bit_cast<std::uint64_t>(x); }

bool IsComment(const std::string& key) { return key.starts_with("_") || key.starts_with("comment"); }

// Calls `rewrite` on every number at a place that may be uncertain (`schedule_time` for the times
// of schedule points); returns how many. Written apart from the reader, from the table of places in
// docs/formats/parley-json.md.
std::size_t RewritePlaces(Json& document, const std::function<void(Json& number, bool schedule_time)>& rewrite) {
  std::size_t count = 0;
  const auto one = [&](Json& number, bool schedule_time = false) {
    rewrite(number, schedule_time);
    ++count;
  };
  const auto each_number = [&](Json& object) {
    for (auto& [key, value] : object.items()) {
      if (!IsComment(key)) one(value);
    }
  };
  for (Json& party : document["parties"]) {
    if (party.contains("weights")) each_number(party["weights"]);
    if (party.contains("interactions")) {
      for (Json& term : party["interactions"]) one(term["value"]);
    }
  }
  if (document.contains("events")) {
    for (Json& event : document["events"]) one(event["time"]);
  }
  for (Json& track : document["tracks"]) {
    for (Json& party : track["scenario"]["parties"]) {
      Json& utility = party["utility"];
      each_number(utility["weights"]);
      for (auto& [issue, values] : utility["values"].items()) {
        if (IsComment(issue)) continue;
        if (values.contains("shape")) {
          if (values["shape"] == "table") each_number(values["values"]);
        } else {
          each_number(values);
        }
      }
      if (party.contains("reservation_value")) one(party["reservation_value"]);
      if (party.contains("discount_factor")) one(party["discount_factor"]);
      if (party.contains("reservation_schedule")) {
        Json& schedule = party["reservation_schedule"];
        const bool in_time = !schedule.contains("unit") || schedule["unit"] == "time";
        for (Json& point : schedule["points"]) {
          if (in_time) one(point[0], true);
          one(point[1]);
        }
      }
    }
  }
  return count;
}

// Every number as a zero-width range, the three shapes in turn.
std::size_t MakeZeroWidth(Json& document) {
  std::size_t turn = 0;
  return RewritePlaces(document, [&turn](Json& number, bool) {
    const double x = number.get<double>();
    switch (turn++ % 3) {
      case 0: number = Json{{"uniform", {x, x}}}; break;
      case 1: number = Json{{"triangular", {x, x, x}}}; break;
      default: number = Json{{"normal", {{"mean", x}, {"sd", 0}}}};
    }
  });
}

// Every number as a range whose estimate is the number: a uniform with "estimate", a triangular
// with its mode there, a normal with its mean there (schedule times: uniforms, which cannot
// overlap).
std::size_t MakeRanged(Json& document) {
  std::size_t turn = 0;
  return RewritePlaces(document, [&turn](Json& number, bool schedule_time) {
    const double x = number.get<double>();
    const double low = std::min(0.9 * x, x);
    switch (schedule_time ? 0 : turn++ % 3) {
      case 0: number = Json{{"uniform", {low, x}}, {"estimate", x}}; break;
      case 1: number = Json{{"triangular", {low, x, x}}}; break;
      default: number = Json{{"normal", {{"mean", x}, {"sd", 0.05}}}};
    }
  });
}

// The built-in at its estimates (it carries ranges of its own: docs/ceasefire-2024.md).
Json CeasefireDocument() { return Json::parse(testing::CeasefireAtEstimatesText()); }

// Every number of two scenarios, compared bit for bit: utilities of every outcome of every track,
// reservation values and schedules, discount factors, track weights, interactions, events, and
// every party's overall utility of every joint package. Returns the first difference, or "".
std::string FirstDifference(const MultiTrackScenario& a, const MultiTrackScenario& b) {
  const auto differ = [](double x, double y) { return Bits(x) != Bits(y); };
  if (a.tracks().size() != b.tracks().size()) return "track count";
  for (std::size_t t = 0; t < a.tracks().size(); ++t) {
    const Track& x = a.tracks()[t];
    const Track& y = b.tracks()[t];
    const std::string where = fmt::format("track {} ", t);
    if (x.ends_at.has_value() != y.ends_at.has_value() || (x.ends_at && differ(*x.ends_at, *y.ends_at))) {
      return where + "end";
    }
    if (x.stakes.party_count() != y.stakes.party_count()) return where + "party count";
    for (std::size_t p = 0; p < x.stakes.party_count(); ++p) {
      const Profile& px = x.stakes.profile(p);
      const Profile& py = y.stakes.profile(p);
      const std::string who = where + fmt::format("party {} ", p);
      if (differ(px.reservation_value(), py.reservation_value())) return who + "reservation value";
      if (differ(px.discount_factor(), py.discount_factor())) return who + "discount factor";
      const auto& sx = px.reservation_schedule().points();
      const auto& sy = py.reservation_schedule().points();
      if (sx.size() != sy.size()) return who + "schedule size";
      for (std::size_t k = 0; k < sx.size(); ++k) {
        if (differ(sx[k].at, sy[k].at) || differ(sx[k].value, sy[k].value)) return who + fmt::format("point {}", k);
      }
      std::vector<double> ux, uy;
      px.utility_function().EvaluateAll(ux);
      py.utility_function().EvaluateAll(uy);
      if (ux.size() != uy.size()) return who + "outcome count";
      for (std::size_t o = 0; o < ux.size(); ++o) {
        if (differ(ux[o], uy[o])) return who + fmt::format("utility of outcome {}", o);
      }
    }
  }
  if (a.parties().size() != b.parties().size()) return "party count";
  for (std::size_t p = 0; p < a.parties().size(); ++p) {
    const MultiTrackParty& x = a.parties()[p];
    const MultiTrackParty& y = b.parties()[p];
    if (x.weights.size() != y.weights.size() || x.interactions.size() != y.interactions.size()) return "party shape";
    for (std::size_t w = 0; w < x.weights.size(); ++w) {
      if (differ(x.weights[w].weight, y.weights[w].weight)) return fmt::format("party {} track weight {}", p, w);
    }
    for (std::size_t k = 0; k < x.interactions.size(); ++k) {
      if (differ(x.interactions[k].value, y.interactions[k].value)) return fmt::format("party {} interaction {}", p, k);
    }
  }
  if (a.events().size() != b.events().size()) return "event count";
  for (std::size_t e = 0; e < a.events().size(); ++e) {
    if (differ(a.events()[e].time, b.events()[e].time)) return fmt::format("event {}", e);
  }
  // Joint packages: every combination of one outcome per track (mixed radix, last track fastest).
  std::vector<std::uint64_t> sizes;
  std::uint64_t joint = 1;
  for (const Track& track : a.tracks()) {
    sizes.push_back(*track.stakes.space().cardinality());
    joint *= sizes.back();
  }
  std::vector<std::optional<Outcome>> agreements(sizes.size());
  const std::vector<double> end_times(sizes.size(), 0.5);
  for (std::uint64_t index = 0; index < joint; ++index) {
    std::uint64_t rest = index;
    for (std::size_t t = sizes.size(); t-- > 0;) {
      agreements[t] = a.tracks()[t].stakes.space().OutcomeAt(rest % sizes[t]);
      rest /= sizes[t];
    }
    for (std::size_t p = 0; p < a.parties().size(); ++p) {
      if (differ(a.OverallUtility(p, agreements, end_times, 0), b.OverallUtility(p, agreements, end_times, 0))) {
        return fmt::format("party {} overall utility of package {}", p, index);
      }
    }
  }
  // Without agreements the fallbacks count, before and after the event.
  const std::vector<std::optional<Outcome>> none(sizes.size());
  for (double time : {0.1, 0.7}) {
    const std::vector<double> ends(sizes.size(), time);
    for (std::size_t p = 0; p < a.parties().size(); ++p) {
      if (differ(a.OverallUtility(p, none, ends, 0), b.OverallUtility(p, none, ends, 0))) {
        return fmt::format("party {} overall utility without agreement at {}", p, time);
      }
    }
  }
  return "";
}

TEST(UncertainScenarioTest, ZeroWidthRangesGiveThePointScenarioInEveryWorld) {
  Json document = CeasefireDocument();
  // 105 places on ceasefire-2024, counted by hand: 81 weights and table values, 15 reservation
  // values and schedule numbers, 6 track weights, 2 interaction values, 1 event time.
  EXPECT_EQ(MakeZeroWidth(document), 105u);
  const UncertainScenario scenario = UncertainScenario::FromText(document.dump(), "zero-width.json");
  ASSERT_EQ(scenario.dimension(), 105u);
  const MultiTrackScenario point = LoadMultiTrackScenario("ceasefire-2024");
  EXPECT_EQ(FirstDifference(scenario.estimate(), point), "");
  for (std::uint64_t j : {0u, 1u, 7u}) EXPECT_EQ(FirstDifference(scenario.SampleWorld(42, j), point), "") << j;
  EXPECT_EQ(FirstDifference(scenario.WorldAt(std::vector<double>(105, 1e-300)), point), "");
}

// The comparison can fail: one value changed by one unit in the last place is seen.
TEST(UncertainScenarioTest, TheBitComparisonSeesTheLastPlace) {
  Json document = CeasefireDocument();
  double& value = document["tracks"][1]["scenario"]["parties"][0]["utility"]["weights"].begin()->get_ref<double&>();
  value = std::nextafter(value, 2.0);
  const UncertainScenario scenario = UncertainScenario::FromText(document.dump(), "changed.json");
  EXPECT_TRUE(FirstDifference(scenario.estimate(), LoadMultiTrackScenario("ceasefire-2024"))
                  .starts_with("track 1 party 0 utility"));
}

constexpr std::string_view kLinked = R"({
  "format": "parley-multi-track", "name": "linked",
  "variables": {"start": {"uniform": [0.4, 0.8]}},
  "parties": [
    {"name": "P", "weights": {"t": {"uniform": [0.5, 1.5]}},
     "interactions": [{"when": {"t": {"i": "a"}}, "value": {"normal": {"mean": 0, "sd": 0.1}}}]},
    {"name": "Q", "weights": {"t": 1}}],
  "events": [{"name": "go", "time": {"variable": "start"}, "ends": ["t"]}],
  "tracks": [{"name": "t", "participants": ["P", "Q"], "scenario": {
    "format": "parley-scenario", "name": "t",
    "issues": [{"name": "i", "values": ["a", "b"]}, {"name": "j", "values": ["a", "b"]}, {"name": "k", "values": ["a", "b"]}],
    "parties": [
      {"name": "P", "reservation_schedule": {"points": [[0, 0.4], [{"variable": "start"}, 0.2]]},
       "utility": {"type": "linear-additive", "weights": {"i": {"uniform": [0, 1]}, "j": 1, "k": 2},
                   "values": {"i": {"a": 1, "b": 0}, "j": {"a": 1, "b": 0}, "k": {"a": 0, "b": 1}}}},
      {"name": "Q", "reservation_value": 0.3,
       "utility": {"type": "linear-additive", "weights": {"i": 1, "j": 1, "k": 1},
                   "values": {"i": {"a": 0, "b": 1}, "j": {"a": 0, "b": 1}, "k": {"a": 1, "b": 0}}}}]}}]
})";

TEST(UncertainScenarioTest, MultiTrackPlacesAndSharedVariables) {
  const UncertainScenario scenario = UncertainScenario::FromText(std::string(kLinked), "linked.json");
  ASSERT_EQ(scenario.dimension(), 4u);
  const auto& n = scenario.numbers();
  EXPECT_EQ(n[0].name, "start");
  EXPECT_EQ(n[1].name, "P/weights/t");
  EXPECT_EQ(n[2].name, "P/interactions/0");
  EXPECT_EQ(n[3].name, "t/P/weights/i");
  ASSERT_EQ(n[0].places.size(), 2u);
  EXPECT_EQ(n[0].places[0].kind, NumberPlace::Kind::kEventTime);
  EXPECT_EQ(n[0].places[0].path, "events[0].time");
  EXPECT_EQ(n[0].places[1].kind, NumberPlace::Kind::kScheduleTime);
  EXPECT_EQ(n[0].places[1].path, "tracks[0].scenario.parties[0].reservation_schedule.points[1][0]");
  EXPECT_EQ(n[0].places[1].track, 0u);
  EXPECT_EQ(n[0].places[1].position, 1u);
  EXPECT_EQ(n[2].places[0].kind, NumberPlace::Kind::kInteractionValue);
  // The interaction's normal is not truncated; the track weight's is at 0 only (uniform here).
  EXPECT_EQ(n[2].low, -std::numeric_limits<double>::infinity());
  // Estimates: midpoints and the mean.
  const MultiTrackScenario& estimate = scenario.estimate();
  EXPECT_EQ(estimate.events()[0].time, (0.4 + 0.8) / 2);
  EXPECT_EQ(*estimate.tracks()[0].ends_at, (0.4 + 0.8) / 2);
  EXPECT_EQ(estimate.parties()[0].weights[0].weight, 1.0);
  EXPECT_EQ(scenario.RawWeights(0, 0), (std::vector<double>{0.5, 1.0, 2.0}));
  EXPECT_EQ(scenario.RawWeights(0, 1), (std::vector<double>{1.0, 1.0, 1.0}));

  // A world with the variable at 0.5 moves the event, the track's end and the schedule together.
  const std::vector<double> values = {0.5, 1.2, -0.05, 0.7};
  const MultiTrackScenario world = scenario.WorldWith(values);
  EXPECT_EQ(world.events()[0].time, 0.5);
  EXPECT_EQ(*world.tracks()[0].ends_at, 0.5);
  EXPECT_EQ(world.tracks()[0].stakes.profile(0).reservation_schedule().points()[1].at, 0.5);
  EXPECT_EQ(world.parties()[0].weights[0].weight, 1.2);
  EXPECT_EQ(world.parties()[0].interactions[0].value, -0.05);
  const auto& p = dynamic_cast<const LinearAdditiveUtility&>(world.tracks()[0].stakes.profile(0).utility_function());
  EXPECT_DOUBLE_EQ(p.weights()[0], 0.7 / 3.7);
  EXPECT_DOUBLE_EQ(p.weights()[2], 2.0 / 3.7);
  // Everything else as in the estimate.
  EXPECT_EQ(world.tracks()[0].stakes.profile(1).reservation_value(), 0.3);
  EXPECT_EQ(world.parties()[1].weights[0].weight, 1.0);
  // P's overall utility of (a, a, b): 1.2 times (0.7 + 1 + 2) / 3.7 = 1, plus the interaction -0.05.
  const std::vector<std::optional<Outcome>> deal = {world.tracks()[0].stakes.space().OutcomeAt(1)};
  EXPECT_NEAR(world.OverallUtility(0, deal, {0.2}, 0), 1.2 * 1.0 - 0.05, 1e-15);
}

TEST(UncertainScenarioTest, WorldsRefuseWhatTheyCannotBe) {
  const UncertainScenario scenario = UncertainScenario::FromText(std::string(kLinked), "linked.json");
  const auto message = [&](auto&& call) {
    try {
      call();
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([&] { scenario.WorldAt(std::vector<double>{0.5}); }),
            "a unit point of 1 coordinates for a scenario of 4 uncertain numbers");
  EXPECT_EQ(message([&] {
              scenario.WorldAt(std::vector<double>{0.5, 0.5, 1.0, 0.5});
            }),
            "unit coordinate 2 is 1; coordinates lie in (0, 1)");
  EXPECT_EQ(message([&] {
              scenario.WorldWith(std::vector<double>{0.9, 1, 0, 0.5});
            }),
            "start is 0.9, outside its support [0.4, 0.8]");
  EXPECT_EQ(message([&] { scenario.RawWeights(1, 0); }), "no profile 0 in track 1");
  std::vector<double> small(3);
  EXPECT_EQ(message([&] { scenario.UnitPointInto(1, 2, small); }),
            "a buffer of 3 coordinates for a scenario of 4 uncertain numbers");
}

TEST(UncertainScenarioTest, UnitPointsDependOnlyOnSeedAndIndex) {
  const UncertainScenario scenario = UncertainScenario::FromText(std::string(kLinked), "linked.json");
  std::vector<std::vector<double>> forward;
  for (std::uint64_t j = 0; j < 50; ++j) forward.push_back(scenario.UnitPoint(9, j));
  std::vector<double> into(scenario.dimension());
  for (std::uint64_t j = 50; j-- > 0;) {
    scenario.UnitPointInto(9, j, into);
    EXPECT_EQ(into, forward[j]);
    for (double u : into) {
      EXPECT_GT(u, 0.0);
      EXPECT_LT(u, 1.0);
    }
  }
  EXPECT_NE(forward[0], forward[1]);
  EXPECT_NE(scenario.UnitPoint(10, 0), forward[0]);
  // Values follow the quantiles, coordinate by coordinate.
  std::vector<double> values(scenario.dimension());
  scenario.ValuesInto(forward[3], values);
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], scenario.numbers()[i].Quantile(forward[3][i]));
  EXPECT_EQ(scenario.Values(forward[3]), values);
  // A sampled world is the world at that unit point.
  EXPECT_EQ(scenario.SampleWorld(9, 3).parties()[0].weights[0].weight, values[1]);
}

// Load reads files and built-ins as LoadMultiTrackScenario does; other scenarios have no numbers.
TEST(UncertainScenarioTest, LoadGivesWhatTheLoaderGives) {
  Json document = CeasefireDocument();
  MakeZeroWidth(document);
  const auto folder = testing::TemporaryFolder("uncertain-load");
  const std::string path = (folder / "zero.json").string();
  std::ofstream(path) << document.dump(2);
  const UncertainScenario from_file = UncertainScenario::Load(path);
  EXPECT_EQ(from_file.dimension(), 105u);
  EXPECT_EQ(from_file.estimate().source, path);
  EXPECT_EQ(FirstDifference(from_file.estimate(), LoadMultiTrackScenario(path)), "");
  const UncertainScenario builtin = UncertainScenario::Load("ceasefire-2024");
  EXPECT_EQ(builtin.dimension(), 12u);  // the ranges of docs/ceasefire-2024.md
  EXPECT_EQ(builtin.estimate().source, "builtin:ceasefire-2024");
  const UncertainScenario track = UncertainScenario::Load("ceasefire-2024#rafah");
  EXPECT_EQ(track.dimension(), 0u);
  EXPECT_EQ(track.estimate().tracks().size(), 1u);
  EXPECT_EQ(track.SampleWorld(1, 1).tracks()[0].name, "rafah");
}

// A command's output without the lines giving wall-clock times.
std::string WithoutElapsed(const std::string& text) {
  std::string kept;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start + 1);
    if (line.find("\"elapsed_seconds\"") == std::string::npos) kept += line;
    start = end + 1;
  }
  return kept;
}

// Every existing command reads a file with ranges as its estimate: the same output, byte for byte,
// as for the file with plain numbers.
TEST(UncertainScenarioTest, CommandsReadTheEstimate) {
  const auto folder = testing::TemporaryFolder("uncertain-commands");
  std::filesystem::create_directories(folder / "plain");
  std::filesystem::create_directories(folder / "ranged");
  Json document = CeasefireDocument();
  std::ofstream(folder / "plain" / "c.json") << document.dump(2);
  EXPECT_EQ(MakeRanged(document), 105u);
  std::ofstream(folder / "ranged" / "c.json") << document.dump(2);
  for (const std::string command : {"mediate --scenario '{}' --json", "negotiate --scenario '{}' --rounds 40 --json",
                                    "analyze '{}#rafah' --json", "scenario info '{}'"}) {
    const auto plain = testing::RunCli(fmt::format(fmt::runtime(command), (folder / "plain" / "c.json").string()));
    const auto ranged = testing::RunCli(fmt::format(fmt::runtime(command), (folder / "ranged" / "c.json").string()));
    ASSERT_EQ(plain.exit_code, 0) << command << plain.err;
    ASSERT_EQ(ranged.exit_code, 0) << command << ranged.err;
    std::string out = ranged.out;
    for (std::size_t at; (at = out.find("/ranged/")) != std::string::npos;) out.replace(at, 8, "/plain/");
    if (command.starts_with("scenario info")) {
      // The listing of the uncertain numbers follows what the plain file shows.
      ASSERT_TRUE(out.starts_with(plain.out)) << out;
      EXPECT_TRUE(out.substr(plain.out.size())
                      .starts_with("\nUncertain   105 numbers (estimates shown above; docs/uncertainty.md)\n"))
          << out.substr(plain.out.size());
      const std::size_t line = out.find("\n  Israel/weights/ceasefire ");
      ASSERT_NE(line, std::string::npos) << out;
      const std::string text = out.substr(line + 1, out.find('\n', line + 1) - line - 1);
      EXPECT_NE(text.find(" uniform [0.63, 0.7] "), std::string::npos) << text;
      EXPECT_TRUE(text.ends_with(" 0.7  parties[0].weights.ceasefire")) << text;
    } else {
      EXPECT_EQ(WithoutElapsed(out), WithoutElapsed(plain.out)) << command;
    }
  }
}

// The answers about ceasefire-2024 recorded before it had ranges (tests/data/golden/): once its
// numbers become ranges, their estimates must still give exactly these outputs.
TEST(UncertainScenarioTest, CeasefireEstimatesKeepTheRecordedAnswers) {
  const std::filesystem::path golden = parley::testing::SourceDir() / "tests" / "data" / "golden";
  const auto mediate = testing::RunCli("mediate --json");
  ASSERT_EQ(mediate.exit_code, 0) << mediate.err;
  EXPECT_EQ(mediate.out, testing::ReadFile(golden / "ceasefire-2024-mediate.json"));
  const auto info = testing::RunCli("scenario info ceasefire-2024");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_TRUE(info.out.starts_with(testing::ReadFile(golden / "ceasefire-2024-info.txt"))) << info.out;
}

// Worlds may be built on several threads at once, each the same as built alone.
TEST(UncertainScenarioTest, WorldsBuiltOnThreadsAreTheSame) {
  Json document = CeasefireDocument();
  MakeRanged(document);
  const UncertainScenario scenario = UncertainScenario::FromText(document.dump(), "ranged.json");
  std::vector<std::optional<MultiTrackScenario>> alone(8), together(8);
  for (std::uint64_t j = 0; j < 8; ++j) alone[j] = scenario.SampleWorld(3, j);
  std::vector<std::thread> threads;
  for (std::uint64_t j = 0; j < 8; ++j) threads.emplace_back([&, j] { together[j] = scenario.SampleWorld(3, j); });
  for (auto& thread : threads) thread.join();
  for (std::uint64_t j = 0; j < 8; ++j) {
    EXPECT_EQ(FirstDifference(*together[j], *alone[j]), "") << j;
    // Ranged numbers do move: every sampled world differs from the estimate somewhere.
    EXPECT_NE(FirstDifference(*alone[j], scenario.estimate()), "") << j;
  }
}

TEST(UncertainScenarioTest, ConvertWritesTheEstimatesAndSaysSo) {
  const auto folder = testing::TemporaryFolder("uncertain-convert");
  const Json document = CeasefireDocument();
  Json track = document["tracks"][1]["scenario"];
  std::ofstream(folder / "plain.json") << track.dump(2);
  Json ranged_document = document;
  MakeRanged(ranged_document);
  std::ofstream(folder / "ranged.json") << ranged_document["tracks"][1]["scenario"].dump(2);
  const auto plain =
      testing::RunCli(fmt::format("scenario convert '{}' -o '{}' --to parley-json", (folder / "plain.json").string(),
                                  (folder / "plain-out.json").string()));
  const auto ranged =
      testing::RunCli(fmt::format("scenario convert '{}' -o '{}' --to parley-json", (folder / "ranged.json").string(),
                                  (folder / "ranged-out.json").string()));
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(ranged.exit_code, 0) << ranged.err;
  // 30 numbers in the track rafah: 3 profiles of 2 weights and 6 values (24), Egypt's schedule of
  // two points (4), Israel's and Hamas's reservation values (2).
  EXPECT_EQ(ranged.out, fmt::format("Wrote rafah (parley-json) to {}, with the estimates of its 30 uncertain numbers "
                                    "(ranges are not written)\n",
                                    (folder / "ranged-out.json").string()));
  EXPECT_EQ(plain.out, fmt::format("Wrote rafah (parley-json) to {}\n", (folder / "plain-out.json").string()));
  EXPECT_EQ(testing::ReadFile(folder / "plain-out.json"), testing::ReadFile(folder / "ranged-out.json"));
}

}  // namespace
}  // namespace parley
