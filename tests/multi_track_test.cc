// Multi-track negotiations: tracks advance in lockstep on one clock, negotiators see the other
// tracks' state, events stop tracks at their time with the fallbacks of that time, and overall
// utilities add the tracks with their weights and interaction terms (checked by hand).
#include <gtest/gtest.h>

#include <fstream>

#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley {
namespace {

// One discrete issue with values "low" and "high"; each named party values "high" at `high` and
// "low" at `low`, with the given reservation schedule.
Scenario OneIssueTrack(const std::string& name,
                       const std::vector<std::tuple<std::string, double, double, double>>& parties,
                       std::optional<ReservationSchedule> schedule = std::nullopt) {
  auto space =
      std::make_shared<const OutcomeSpace>(name, std::vector<Issue>{Issue::Discrete("level", {"low", "high"})});
  std::vector<Profile> profiles;
  for (const auto& [party, low, high, reservation] : parties) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::vector<double>{1.0}, std::vector<ValueFunction>{ValueFunction::Table({low, high})});
    Profile profile(party, utility, reservation, 1.0);
    if (schedule) profile = profile.WithSchedule(*schedule);
    profiles.push_back(profile);
  }
  return Scenario(name, space, std::move(profiles));
}

// Records what it sees of the other tracks at each turn, and always offers `offer`.
class TrackWatcher final : public Negotiator {
 public:
  TrackWatcher(double offer, bool accept) : offer_(offer), accept_(accept) {}
  void Begin(const NegotiatorContext& context) override { context_ = context; }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    seen.push_back({state.round, context_.tracks ? context_.tracks->tracks : std::vector<TrackView>{}});
    if (accept_ && state.current_offer) return ActionType::kAccept;
    proposal[0] = offer_;
    return ActionType::kOffer;
  }
  struct Seen {
    std::uint64_t round;
    std::vector<TrackView> tracks;
  };
  std::vector<Seen> seen;

 private:
  double offer_;
  bool accept_;
  NegotiatorContext context_;
};

MultiTrackScenario TwoTracks(std::optional<double> event_time) {
  // Track "a": Alice and Bob; Bob values "high" at 1, Alice "low" at 1. Track "b": Alice and
  // Carol, same shape. Carol has a stake in "a" without taking part.
  const ReservationSchedule falling({{0.0, 0.3}, {0.5, 0.1}}, ReservationSchedule::Interpolation::kStep,
                                    ReservationSchedule::Unit::kTime);
  Scenario a = OneIssueTrack("a", {{"Alice", 1.0, 0.2, 0.3}, {"Bob", 0.0, 1.0, 0.4}, {"Carol", 0.5, 0.9, 0.0}});
  Scenario b = OneIssueTrack("b", {{"Alice", 0.6, 1.0, 0.0}, {"Carol", 1.0, 0.0, 0.0}}, falling);
  Track track_a{"a", "", a, {"Alice", "Bob"}, "saop", {}, {}, {}, {}};
  Track track_b{"b", "", b, {"Alice", "Carol"}, "saop", {}, {}, {}, {}};
  if (event_time) {
    track_b.ends_at = *event_time;
    track_b.ends_because = "the event";
  }
  std::vector<MultiTrackParty> parties = {
      {"Alice", "", {{"a", 0.5}, {"b", 0.5}}, {}},
      {"Bob", "", {{"a", 1.0}}, {}},
      {"Carol",
       "",
       {{"a", 0.25}, {"b", 0.75}},
       {Interaction{{{"a", "level", {"high"}}, {"b", "level", {"low"}}}, 0.2, "both go Carol's way"}}},
  };
  return MultiTrackScenario("two", "", std::move(parties), {track_a, track_b}, {}, {});
}

TEST(MultiTrack, OverallUtilityAddsWeightedTracksAndInteractions) {
  const MultiTrackScenario scenario = TwoTracks(std::nullopt);
  const Outcome high(std::vector<double>{1.0}), low(std::vector<double>{0.0});
  // Both agreed: a = high, b = low.
  EXPECT_DOUBLE_EQ(scenario.OverallUtility(0, {high, low}, {0.5, 0.5}, 10), 0.5 * 0.2 + 0.5 * 0.6);
  EXPECT_DOUBLE_EQ(scenario.OverallUtility(1, {high, low}, {0.5, 0.5}, 10), 1.0);
  EXPECT_DOUBLE_EQ(scenario.OverallUtility(2, {high, low}, {0.5, 0.5}, 10), 0.25 * 0.9 + 0.75 * 1.0 + 0.2);
  // Track b failed at t = 0.6: Carol's fallback there has fallen to 0.1; the interaction needs an
  // agreement on b, so it does not hold.
  EXPECT_DOUBLE_EQ(scenario.OverallUtility(2, {high, std::nullopt}, {0.5, 0.6}, 10), 0.25 * 0.9 + 0.75 * 0.1);
  EXPECT_DOUBLE_EQ(scenario.OverallUtility(2, {high, std::nullopt}, {0.5, 0.4}, 10), 0.25 * 0.9 + 0.75 * 0.3);
}

TEST(MultiTrack, EventsStopTracksAtTheirTimeWithThatTimesFallbacks) {
  const MultiTrackScenario scenario = TwoTracks(0.5);
  MultiTrackOptions options;
  options.rounds = 10;
  options.negotiators = {{"hardliner"}, {"hardliner"}};
  const MultiTrackResult result = RunMultiTrack(scenario, options);
  ASSERT_EQ(result.tracks.size(), 2u);
  EXPECT_EQ(result.tracks[0].end_reason, EndReason::kDeadline);
  EXPECT_EQ(result.tracks[1].end_reason, EndReason::kStopped);
  EXPECT_EQ(result.tracks[1].stop_reason, "the event");
  // Round r of 10 is at r / 11: round 5 at 0.45 is played, round 6 at 6 / 11 = 0.55 is the first
  // at or after the event, and the track stops at its time.
  EXPECT_DOUBLE_EQ(result.tracks[1].time, 6.0 / 11.0);
  EXPECT_EQ(result.tracks[1].rounds, 5u);  // rounds 1..5 were played
  // By then the schedule has stepped down (at 0.5) to 0.1 for both parties of track b.
  EXPECT_DOUBLE_EQ(result.tracks[1].utilities[0], 0.1);
  EXPECT_DOUBLE_EQ(result.tracks[1].utilities[1], 0.1);
  // Overall: nothing agreed; Alice 0.5 * 0.3 (a, at its deadline) + 0.5 * 0.1 (b, at t = 6 / 11).
  EXPECT_DOUBLE_EQ(result.overall_utilities[0], 0.5 * 0.3 + 0.5 * 0.1);
  EXPECT_EQ(result.overall_utilities, result.overall_without_deal);
}

TEST(MultiTrack, LockstepGivesTheSameResultsAsSeparateRuns) {
  const MultiTrackScenario scenario = TwoTracks(std::nullopt);
  MultiTrackOptions options;
  options.rounds = 6;
  options.negotiators = {{"conceder", "conceder"}, {"hardliner", "hardliner"}};
  const MultiTrackResult result = RunMultiTrack(scenario, options);
  // Same negotiations run separately give the same per-track results: lockstep changes nothing
  // for negotiators that ignore the other tracks.
  for (std::size_t t = 0; t < 2; ++t) {
    NegotiationOptions single;
    single.rounds = 6;
    single.seed = DeriveSeed(0, {t});
    const NegotiationResult alone = RunNegotiation(scenario.tracks()[t].Negotiation(), options.negotiators[t], single);
    EXPECT_EQ(alone.agreement.has_value(), result.tracks[t].agreement.has_value()) << t;
    EXPECT_EQ(alone.steps, result.tracks[t].steps) << t;
    EXPECT_EQ(alone.utilities, result.tracks[t].utilities) << t;
  }
}

TEST(MultiTrack, NegotiatorsSeeTheOtherTracksBetweenRounds) {
  const MultiTrackScenario scenario = TwoTracks(std::nullopt);
  const Scenario a = scenario.tracks()[0].Negotiation();
  const Scenario b = scenario.tracks()[1].Negotiation();
  MultiTrackState state;
  state.tracks = {{"a", false, std::nullopt, std::nullopt}, {"b", false, std::nullopt, std::nullopt}};
  // Track a: Alice offers "high" and Bob accepts at once: agreed in round 0.
  TrackWatcher a_alice(1.0, false), a_bob(1.0, true), b_alice(1.0, false), b_carol(0.0, false);
  NegotiationOptions options;
  options.rounds = 4;
  options.tracks = &state;
  auto protocol = ProtocolRegistry::Create("saop");
  options.track = 0;
  auto run_a = protocol->Start(a, {&a_alice, &a_bob}, {}, options);
  options.track = 1;
  auto run_b = protocol->Start(b, {&b_alice, &b_carol}, {}, options);
  // What the runner does between rounds, by hand: step both, then publish the states.
  for (int round = 0; round < 4; ++round) {
    for (auto* run : {run_a.get(), run_b.get()}) {
      if (!run->done()) run->Step();
    }
    for (auto [t, run] : {std::pair{0, run_a.get()}, std::pair{1, run_b.get()}}) {
      state.tracks[t].done = run->done();
      if (run->done()) state.tracks[t].agreement = run->result().agreement;
    }
  }
  ASSERT_TRUE(run_a->done());
  ASSERT_TRUE(run_a->result().agreement.has_value());
  // Track b's negotiators saw track a open in round 0 and agreed on "high" from round 1 on.
  ASSERT_GE(b_alice.seen.size(), 2u);
  EXPECT_FALSE(b_alice.seen[0].tracks[0].done);
  EXPECT_TRUE(b_alice.seen[1].tracks[0].done);
  ASSERT_TRUE(b_alice.seen[1].tracks[0].agreement.has_value());
  EXPECT_EQ((*b_alice.seen[1].tracks[0].agreement)[0], 1.0);
}

TEST(MultiTrack, TheRunnerPublishesTrackStates) {
  // Through RunMultiTrack itself: a scenario file whose first track agrees at once.
  const MultiTrackScenario scenario = TwoTracks(std::nullopt);
  MultiTrackOptions options;
  options.rounds = 5;
  // hardliner vs conceder on a: the conceder accepts the hard-liner's best in time.
  options.negotiators = {{"hardliner", "conceder"}, {"hardliner", "hardliner"}};
  const MultiTrackResult result = RunMultiTrack(scenario, options);
  EXPECT_EQ(result.tracks[1].end_reason, EndReason::kDeadline);
  const double a_alice = *scenario.TrackValue(0, 0, result.tracks[0].agreement, result.tracks[0].time, 5);
  const double b_alice = *scenario.TrackValue(0, 1, result.tracks[1].agreement, result.tracks[1].time, 5);
  EXPECT_DOUBLE_EQ(result.overall_utilities[0], 0.5 * a_alice + 0.5 * b_alice);
}

TEST(MultiTrack, ScenarioChecksItsCrossReferences) {
  Scenario a = OneIssueTrack("a", {{"Alice", 1.0, 0.0, 0.0}, {"Bob", 0.0, 1.0, 0.0}});
  auto make = [&](std::vector<std::string> participants, std::vector<TrackWeight> weights, std::string mediator) {
    Track track{"a", "", a, std::move(participants), "saop", {}, {}, {}, {}};
    if (!mediator.empty()) track.mediators = {mediator};
    return MultiTrackScenario("x", "", {{"Alice", "", std::move(weights), {}}, {"Bob", "", {}, {}}}, {track}, {}, {});
  };
  EXPECT_NO_THROW(make({"Alice", "Bob"}, {{"a", 1.0}}, ""));
  EXPECT_THROW(make({"Alice"}, {}, ""), UsageError);                         // one participant
  EXPECT_THROW(make({"Alice", "Zed"}, {}, ""), UsageError);                  // no stake
  EXPECT_THROW(make({"Alice", "Bob"}, {{"nowhere", 1.0}}, ""), UsageError);  // unknown track
  EXPECT_THROW(make({"Alice", "Bob"}, {{"a", -1.0}}, ""), UsageError);       // negative weight
  EXPECT_THROW(make({"Alice", "Bob"}, {}, "Qatar"), UsageError);             // unknown mediator
}

TEST(MultiTrack, BuiltinCeasefireLoadsWithItsStructure) {
  const MultiTrackScenario scenario = LoadMultiTrackScenario("ceasefire-2024");
  ASSERT_EQ(scenario.tracks().size(), 2u);
  const Track& ceasefire = scenario.tracks()[*scenario.FindTrack("ceasefire")];
  const Track& rafah = scenario.tracks()[*scenario.FindTrack("rafah")];
  EXPECT_EQ(ceasefire.participants, (std::vector<std::string>{"Israel", "Hamas"}));
  EXPECT_EQ(ceasefire.mediators, (std::vector<std::string>{"Egypt", "Qatar", "United States"}));
  EXPECT_EQ(rafah.participants, (std::vector<std::string>{"Egypt", "Israel"}));
  ASSERT_TRUE(rafah.ends_at.has_value());
  EXPECT_FALSE(ceasefire.ends_at.has_value());
  const std::vector<std::string> issues = {"cease-fire", "hostages released", "prisoners released",
                                           "return to northern Gaza", "aid"};
  for (const auto& issue : issues) EXPECT_TRUE(ceasefire.stakes.space().FindIssue(issue)) << issue;
  EXPECT_TRUE(rafah.stakes.space().FindIssue("Rafah operation"));
  EXPECT_TRUE(rafah.stakes.space().FindIssue("Rafah crossing"));
  // The operation changes fallbacks: Israel's and Hamas's on the cease-fire, and Egypt's worsens.
  const double t = *rafah.ends_at;
  for (const char* party : {"Israel", "Hamas"}) {
    const Profile& p = ceasefire.stakes.profile(*ceasefire.stakes.FindParty(party));
    EXPECT_NE(p.ReservationValueAt(t - 0.01), p.ReservationValueAt(t)) << party;
  }
  const Profile& egypt = rafah.stakes.profile(*rafah.stakes.FindParty("Egypt"));
  EXPECT_LT(egypt.ReservationValueAt(t), egypt.ReservationValueAt(t - 0.01));
}

TEST(MultiTrack, MultiTrackFileErrorsNameTheLocation) {
  const auto folder = testing::TemporaryFolder("parley-multi");
  std::ofstream(folder / "bad.json") << R"({"format": "parley-multi-track", "name": "x", "parties": [],
    "tracks": [{"name": "t", "participants": ["A", "B"], "scenario": {"format": "parley-scenario", "name": "t",
      "issues": [{"name": "i", "values": ["x"]}], "parties": [{"name": "A", "utility": {"type": "linear-additive",
      "weights": {"i": 1}, "values": {"i": {"x": "one"}}}},
      {"name": "B", "utility": {"type": "linear-additive", "weights": {"i": 1}, "values": {"i": {"x": 1}}}}]}}]})";
  try {
    LoadMultiTrackScenario((folder / "bad.json").string());
    FAIL() << "accepted a string as a value";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.json"), std::string::npos) << what;
    EXPECT_NE(what.find("tracks[0].scenario.parties[0].utility.values.i.x"), std::string::npos) << what;
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace parley
