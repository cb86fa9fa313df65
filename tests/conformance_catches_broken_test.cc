// The conformance suites catch what they are for: a deliberately broken implementation of each
// interface, registered for the length of one test (Registry::ScopedEntry), is put through the
// same suite functions the *_conformance_test.cc suites run, and the violations must name it and
// say what it broke, and name nothing else. Each broken implementation is gone again before the
// next test.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "conformance_gtest.h"
#include "fixtures.h"
#include "parley/boa.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/partial_preferences.h"
#include "parley/preference_estimator.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley::conformance {
namespace {

using testing::Rounds;
namespace fs = std::filesystem;

// Every violation mentions `name`, and at least `at_least` of them also `what`.
void ExpectCaught(const Violations& violations, std::string_view name, std::string_view what,
                  std::size_t at_least = 1) {
  EXPECT_GE(CountMentioning(violations, {name, what}), at_least) << NoViolations(violations).message();
  EXPECT_EQ(CountMentioning(violations, {name}), violations.size())
      << "other implementations were blamed too:" << NoViolations(violations).message();
}

// --- Acceptance: accepts anything, whatever it is worth ------------------------------------------

class AcceptAnything final : public AcceptanceStrategy {
 public:
  void Begin(const NegotiatorContext&) override {}
  bool Accept(const TurnState&, double) override { return true; }
};

TEST(ConformanceCatchesBroken, AnAcceptanceStrategyThatAcceptsBelowTheReservationValue) {
  {
    AcceptanceStrategyRegistry::ScopedEntry broken({"accept-anything", "Accepts every offer.", {}, [](const Spec&) {
                                                      return std::make_unique<AcceptAnything>();
                                                    }});
    ExpectCaught(AcceptanceStrategySuite(), "acceptance strategy 'accept-anything'", "below the reservation value");
    // Through boa(...): the negotiator that uses it, party 0, accepts the opponents' first offers,
    // which a reservation value of 0.7 makes irrational.
    const Scenario base = testing::RandomLinearScenario(101, 2, 3);
    std::vector<Profile> profiles = base.profiles();
    profiles[0] = Profile(profiles[0].name(), profiles[0].shared_utility_function(), 0.7, 1.0);
    const Scenario demanding("demanding", base.shared_space(), std::move(profiles));
    const Violations in_negotiations = BoaSuite(demanding, Rounds(40, 1), {"boulware", "random", "hardliner"});
    ExpectCaught(in_negotiations, "acceptance=accept-anything", "below its reservation value");
  }
  EXPECT_FALSE(AcceptanceStrategyRegistry::Has("accept-anything"));
  EXPECT_TRUE(NoViolations(AcceptanceStrategySuite()));
}

// --- Protocol: stacked alternating offers that run two rounds past the deadline ------------------

class LateProtocol final : public Protocol {
 public:
  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    NegotiationOptions late = options;
    if (late.rounds > 0) late.rounds += 2;
    return ProtocolRegistry::Create("saop")->Start(scenario, negotiators, mediators, late);
  }
};

TEST(ConformanceCatchesBroken, AProtocolThatLetsTheDeadlinePass) {
  ProtocolRegistry::ScopedEntry broken(
      {"late-saop", "SAOP, two rounds late.", {}, [](const Spec&) { return std::make_unique<LateProtocol>(); }});
  const Violations violations = ProtocolSuite(testing::RandomLinearScenario(201, 2, 3), Rounds(10, 1));
  EXPECT_GE(CountMentioning(violations, {"protocol 'late-saop'", "past the deadline"}), 1u)
      << NoViolations(violations).message();
  EXPECT_GE(CountMentioning(violations, {"late-saop", "a deadline of 12 rounds"}), 1u);
  // Only late-saop's cases: each violation's case names it first.
  EXPECT_EQ(CountMentioning(violations, {"late-saop, "}), violations.size()) << NoViolations(violations).message();
}

// --- Negotiator: offers an outcome outside the space ---------------------------------------------

class OffersNothingValid final : public Negotiator {
 public:
  void Begin(const NegotiatorContext&) override {}
  ActionType Act(const TurnState&, Outcome& proposal) override {
    for (std::size_t i = 0; i < proposal.size(); ++i) proposal[i] = std::numeric_limits<double>::quiet_NaN();
    return ActionType::kOffer;
  }
};

TEST(ConformanceCatchesBroken, ANegotiatorThatOffersInvalidOutcomes) {
  NegotiatorRegistry::ScopedEntry broken(
      {"offers-nan", "Offers NaN.", {}, [](const Spec&) { return std::make_unique<OffersNothingValid>(); }});
  const Scenario scenario = testing::RandomLinearScenario(1, 2, 3);
  const Violations violations = NegotiatorSuite(scenario, Rounds(10, 1));
  // In every pair it plays, it faults on its first turn, unless the other party, moving first,
  // walks away before it has one (a negotiator that cannot play this scenario), or the other party
  // cannot start without partial preferences (in either order it faults first).
  std::size_t pairs = 2 * RegisteredNames<Negotiator>().size() - 1;
  for (const auto& name : RegisteredNames<Negotiator>()) {
    if (name == "offers-nan") continue;
    auto first = NegotiatorRegistry::Create(name);
    auto second = NegotiatorRegistry::Create("hardliner");
    const NegotiationResult result =
        ProtocolRegistry::Create("saop")->Run(scenario, {first.get(), second.get()}, Rounds(10, 1));
    if (result.steps == 1 && result.end_reason == EndReason::kEndedByParty) --pairs;
    if (result.fault && IsFullInformationFault(name, result.fault->message)) pairs -= 2;
  }
  EXPECT_GE(CountMentioning(violations, {"negotiator 'offers-nan'", "invalid outcome"}), pairs)
      << NoViolations(violations).message();
  EXPECT_EQ(CountMentioning(violations, {"offers-nan"}), violations.size()) << NoViolations(violations).message();
}

// --- Bidding: offers its worst outcome ---------------------------------------------------------

class WorstFirst final : public BiddingStrategy {
 public:
  void Begin(const NegotiatorContext& context, const OpponentModel&) override { profile_ = context.profile; }
  double Bid(const TurnState&, Outcome& proposal) override {
    profile_->utility_function().ranking().CopyOutcome(0, proposal);
    return profile_->Utility(proposal);
  }

 private:
  const Profile* profile_ = nullptr;
};

TEST(ConformanceCatchesBroken, ABiddingStrategyThatBidsBelowTheReservationValue) {
  BiddingStrategyRegistry::ScopedEntry broken(
      {"worst-first", "Bids its worst outcome.", {}, [](const Spec&) { return std::make_unique<WorstFirst>(); }});
  ExpectCaught(BiddingStrategySuite(), "bidding strategy 'worst-first'", "below the reservation value",
               RegisteredNames<OpponentModel>().size());
}

// --- Opponent model: estimates beyond 1 --------------------------------------------------------

class Overconfident final : public OpponentModel {
 public:
  void Begin(const NegotiatorContext& context) override { BeginCommon(context); }
  void Update(std::size_t, const Outcome&, double) override {}
  double EstimatedUtility(std::size_t, const Outcome&) const override { return 1.5; }
};

TEST(ConformanceCatchesBroken, AnOpponentModelWhoseEstimatesLeaveTheUnitInterval) {
  OpponentModelRegistry::ScopedEntry broken(
      {"overconfident", "Estimates 1.5.", {}, [](const Spec&) { return std::make_unique<Overconfident>(); }});
  ExpectCaught(OpponentModelSuite(), "opponent model 'overconfident'", "outside [0, 1]");
}

// --- Preference estimator: orders every outcome backwards --------------------------------------

class Contrarian final : public PreferenceEstimator {
 public:
  std::shared_ptr<const UtilityFunction> Estimate(const PartialPreferences& known, std::uint64_t) const override {
    // The listed outcomes worth 1 down to 0 from worst to best: the ranking upside down.
    const OutcomeSpace& space = known.space();
    if (!space.enumerable()) throw UsageError("contrarian: countable issues only");
    std::vector<double> utilities(*space.cardinality(), 0.0);
    for (std::size_t k = 0; k < known.size(); ++k) {
      utilities[space.IndexOf(known.outcomes()[k])] =
          1.0 - static_cast<double>(k) / static_cast<double>(std::max<std::size_t>(known.size() - 1, 1));
    }
    return std::make_shared<const TableUtility>(known.shared_space(), std::move(utilities));
  }

 private:
  // Utilities read from a table in OutcomeIndex order.
  class TableUtility final : public UtilityFunction {
   public:
    TableUtility(std::shared_ptr<const OutcomeSpace> space, std::vector<double> utilities)
        : space_(std::move(space)), utilities_(std::move(utilities)) {}
    std::string_view kind() const override { return "table"; }
    double Utility(const Outcome& outcome) const override { return utilities_[space_->IndexOf(outcome)]; }
    const OutcomeSpace& space() const override { return *space_; }

   private:
    std::shared_ptr<const OutcomeSpace> space_;
    std::vector<double> utilities_;
  };
};

TEST(ConformanceCatchesBroken, APreferenceEstimatorThatReversesTheRanking) {
  PreferenceEstimatorRegistry::ScopedEntry broken(
      {"contrarian", "Reverses what it is told.", {}, [](const Spec&) { return std::make_unique<Contrarian>(); }});
  ExpectCaught(PreferenceEstimatorSuite(), "preference estimator 'contrarian'", "Kendall's tau with the truth is -1",
               3);
}

// --- Mediator: writes texts outside the space --------------------------------------------------

class Scribbler final : public Mediator {
 public:
  void Begin(const MediatorContext&) override {}
  bool ProposeText(const TextState&, Outcome& text) override {
    for (std::size_t i = 0; i < text.size(); ++i) text[i] = -1.0;
    return true;
  }
};

TEST(ConformanceCatchesBroken, AMediatorThatWritesInvalidTexts) {
  MediatorRegistry::ScopedEntry broken(
      {"scribbler", "Writes invalid texts.", {}, [](const Spec&) { return std::make_unique<Scribbler>(); }});
  const Violations violations = MediatorSuite(testing::RandomLinearScenario(4242, 3, 3), Rounds(10, 3), 1);
  EXPECT_GE(CountMentioning(violations, {"mediator 'scribbler'", "invalid text"}), 1u)
      << NoViolations(violations).message();
  EXPECT_EQ(CountMentioning(violations, {"scribbler"}), violations.size()) << NoViolations(violations).message();
}

// --- Scenario formats: one that does not round-trip, one that only reads and has no sample -------

// Writes Parley JSON into a folder and reads it back with party 0's reservation value raised.
class LossyFormat final : public ScenarioFormat {
 public:
  bool Recognizes(const fs::path& path) const override { return fs::is_regular_file(path / "lossy.json"); }
  Scenario Read(const fs::path& path) const override {
    const Scenario read = ScenarioFormatRegistry::Create("parley-json")->Read(path / "lossy.json");
    std::vector<Profile> profiles = read.profiles();
    const Profile& first = profiles[0];
    profiles[0] = Profile(first.name(), first.shared_utility_function(), first.reservation_value() + 0.125,
                          first.discount_factor());
    return Scenario(read.name(), read.shared_space(), std::move(profiles));
  }
  bool CanWrite() const override { return true; }
  void Write(const Scenario& scenario, const fs::path& path) const override {
    fs::create_directories(path);
    ScenarioFormatRegistry::Create("parley-json")->Write(scenario, path / "lossy.json");
  }
};

class ReadsNothing final : public ScenarioFormat {
 public:
  bool Recognizes(const fs::path&) const override { return false; }
  Scenario Read(const fs::path& path) const override { throw InputError(path.string() + ": not a scenario"); }
};

TEST(ConformanceCatchesBroken, ScenarioFormatsThatDoNotRoundTripOrLackASample) {
  ScenarioFormatRegistry::ScopedEntry lossy(
      {"lossy", "Loses a reservation value.", {}, [](const Spec&) { return std::make_unique<LossyFormat>(); }});
  ScenarioFormatRegistry::ScopedEntry unsampled(
      {"unsampled", "Reads, and has no sample.", {}, [](const Spec&) { return std::make_unique<ReadsNothing>(); }});
  const fs::path work = testing::TemporaryFolder("conformance-broken-formats");
  const Violations violations = ScenarioFormatSuite({testing::PortableScenario(1, false)}, work,
                                                    parley::testing::SourceDir() / "tests" / "data" / "formats", {});
  EXPECT_GE(CountMentioning(violations, {"scenario format 'lossy'", "reservation value"}), 1u)
      << NoViolations(violations).message();
  EXPECT_EQ(CountMentioning(violations, {"scenario format 'unsampled' only reads", "add a sample scenario",
                                         "tests/data/formats/unsampled"}),
            1u)
      << NoViolations(violations).message();
  EXPECT_EQ(CountMentioning(violations, {"lossy"}) + CountMentioning(violations, {"unsampled"}), violations.size())
      << NoViolations(violations).message();
  fs::remove_all(work);
}

}  // namespace
}  // namespace parley::conformance
