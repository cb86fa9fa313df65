// Tests of the single negotiation text protocol ("single-text") with scripted parties and a
// scripted mediator on a small hand-built scenario: when a text stands and when it is agreed,
// vetoes, what each party and mediator sees, several mediators, stopping, faults, deadlines,
// discounting, traces and seeds; then properties of the registered mediators with truthful parties
// on random scenarios. Every registered negotiator as a voter under every registered mediator is in
// mediator_conformance_test.cc.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <set>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "parley/utility.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::ScriptedMediator;
using testing::ScriptedNegotiator;

// The scenario of saop_test.cc. Issue 0 "color" is discrete {red, green, blue}; issue 1 "size" is
// the integer range 1..4.
const std::vector<double> kX = {1, 2};  // green, 2
const std::vector<double> kY = {2, 1};  // blue, 1
const std::vector<double> kZ = {0, 4};  // red, 4
// A: weights 3:1, color {1, .5, 0}, size {0, .2, .6, 1}: u(X) = .425, u(Y) = 0, u(Z) = 1.
// B: weights 1:1, color {0, .4, 1}, size {1, .8, .4, 0}: u(X) = .6, u(Y) = 1, u(Z) = 0.
// C: weights 1:3, color {.5, 1, .5}, size {0, 1, .5, 0}: u(X) = 1, u(Y) = .125, u(Z) = .125.
constexpr double kUtilityX[] = {0.425, 0.6, 1.0};
constexpr double kUtilityY[] = {0.0, 1.0, 0.125};
constexpr double kUtilityZ[] = {1.0, 0.0, 0.125};
constexpr double kReservation[] = {0.1, 0.2, 0.3};
constexpr double kDiscount[] = {0.8, 0.9, 0.5};
constexpr double kTolerance = 1e-12;

Profile MakeProfile(const std::string& name, const std::shared_ptr<const OutcomeSpace>& space,
                    std::vector<double> weights, std::vector<double> color, std::vector<double> size,
                    double reservation, double discount) {
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::move(weights),
      std::vector<ValueFunction>{ValueFunction::Table(std::move(color)), ValueFunction::Table(std::move(size))});
  return Profile(name, utility, reservation, discount);
}

Scenario MakeScenario(std::size_t parties) {
  auto space = std::make_shared<const OutcomeSpace>(
      "paint", std::vector<Issue>{Issue::Discrete("color", {"red", "green", "blue"}), Issue::Integer("size", 1, 4)});
  std::vector<Profile> profiles;
  profiles.push_back(MakeProfile("A", space, {3, 1}, {1, .5, 0}, {0, .2, .6, 1}, kReservation[0], kDiscount[0]));
  profiles.push_back(MakeProfile("B", space, {1, 1}, {0, .4, 1}, {1, .8, .4, 0}, kReservation[1], kDiscount[1]));
  if (parties == 3) {
    profiles.push_back(MakeProfile("C", space, {1, 3}, {.5, 1, .5}, {0, 1, .5, 0}, kReservation[2], kDiscount[2]));
  }
  return Scenario("paint", space, std::move(profiles));
}

NegotiationOptions Rounds(std::uint64_t rounds) {
  NegotiationOptions options;
  options.rounds = rounds;
  options.seed = 7;
  return options;
}

// Votes for the scripted parties: accept, or veto (a counter-offer the protocol ignores).
ScriptedNegotiator::Move Yes() { return ScriptedNegotiator::Accept(); }
ScriptedNegotiator::Move No() { return ScriptedNegotiator::Offer(kZ); }
ScriptedMediator::Move Put(const std::vector<double>& text) { return ScriptedMediator::Text(text); }

NegotiationResult RunSingleText(const Scenario& scenario, const std::vector<Negotiator*>& parties,
                                const std::vector<ScriptedMediator*>& mediators, const NegotiationOptions& options,
                                std::string_view protocol = "single-text") {
  std::vector<Mediator*> team(mediators.begin(), mediators.end());
  return ProtocolRegistry::Create(protocol)->Run(scenario, parties, team, options);
}

void ExpectFault(const NegotiationResult& result, std::size_t party, const std::string& needle) {
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  ASSERT_TRUE(result.fault.has_value());
  EXPECT_EQ(result.fault->party, party);
  EXPECT_NE(result.fault->message.find(needle), std::string::npos) << result.fault->message;
  EXPECT_FALSE(result.agreement.has_value());
}

void ExpectReservationAt(const NegotiationResult& result, std::size_t parties, double time) {
  ASSERT_EQ(result.utilities.size(), parties);
  EXPECT_FALSE(result.agreement.has_value());
  for (std::size_t p = 0; p < parties; ++p) {
    EXPECT_NEAR(result.undiscounted_utilities[p], kReservation[p], kTolerance) << "party " << p;
    EXPECT_NEAR(result.utilities[p], kReservation[p] * std::pow(kDiscount[p], time), kTolerance) << "party " << p;
  }
}

TEST(SingleTextTest, TheLastTextAllAcceptedIsTheAgreementAtTheDeadline) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({Put(kX), Put(kY), Put(kZ)});
  ScriptedNegotiator a({Yes(), Yes(), No()});
  ScriptedNegotiator b({Yes(), No(), No()});
  const auto result = RunSingleText(scenario, {&a, &b}, {&mediator}, Rounds(3));

  EXPECT_EQ(result.end_reason, EndReason::kAgreement);
  ASSERT_TRUE(result.agreement.has_value());
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_FALSE(result.fault.has_value());
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.steps, 9u);  // three texts and six answers
  // An accepted text is provisional until the end: it is discounted at the deadline, which 3
  // rounds reach at t = 3 / 4.
  EXPECT_DOUBLE_EQ(result.time, 0.75);
  EXPECT_NEAR(result.undiscounted_utilities[0], 0.425, kTolerance);
  EXPECT_NEAR(result.undiscounted_utilities[1], 0.6, kTolerance);
  EXPECT_NEAR(result.utilities[0], 0.425 * std::pow(0.8, 0.75), kTolerance);
  EXPECT_NEAR(result.utilities[1], 0.6 * std::pow(0.9, 0.75), kTolerance);
  EXPECT_EQ(a.finish_reason(), EndReason::kAgreement);
  EXPECT_EQ(b.finish_reason(), EndReason::kAgreement);
  EXPECT_EQ(mediator.asked().size(), 3u);
}

TEST(SingleTextTest, ALaterTextAcceptedByAllReplacesTheEarlierOne) {
  const Scenario scenario = MakeScenario(3);
  ScriptedMediator mediator({Put(kX), Put(kY), Put(kZ), Put(kX)});
  ScriptedNegotiator a({Yes(), Yes(), Yes(), No()});
  ScriptedNegotiator b({Yes(), Yes(), No(), Yes()});
  ScriptedNegotiator c({Yes(), Yes(), Yes(), Yes()});
  const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kY);
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_NEAR(result.undiscounted_utilities[p], kUtilityY[p], kTolerance);
    // Discounted at the deadline: 4 rounds end at t = 4 / 5.
    EXPECT_NEAR(result.utilities[p], kUtilityY[p] * std::pow(kDiscount[p], 0.8), kTolerance);
  }
}

TEST(SingleTextTest, OneVetoKeepsATextFromStanding) {
  const Scenario scenario = MakeScenario(3);
  ScriptedMediator mediator({}, Put(kX));
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({}, Yes());
  ScriptedNegotiator c({}, No());
  const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(5));
  EXPECT_EQ(result.end_reason, EndReason::kDeadline);
  EXPECT_DOUBLE_EQ(result.time, 5.0 / 6.0);  // 5 rounds end at 5 / (5 + 1)
  ExpectReservationAt(result, 3, 5.0 / 6.0);
  EXPECT_EQ(result.rounds, 5u);
  // Nothing was announced.
  for (const ScriptedNegotiator* party : {&a, &b, &c}) EXPECT_TRUE(party->seen().empty());
}

TEST(SingleTextTest, AVetoWithAnInvalidCounterOfferIsJustAVeto) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({}, Put(kX));
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({ScriptedNegotiator::Offer({99, 99, 99}), ScriptedNegotiator::Offer({})}, Yes());
  const auto result = RunSingleText(scenario, {&a, &b}, {&mediator}, Rounds(3));
  EXPECT_FALSE(result.fault.has_value());
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(mediator.answers()[0].votes, (std::vector<Vote>{Vote::kAccept, Vote::kVeto}));
  EXPECT_EQ(mediator.answers()[1].votes, (std::vector<Vote>{Vote::kAccept, Vote::kVeto}));
  EXPECT_EQ(mediator.answers()[2].votes, (std::vector<Vote>{Vote::kAccept, Vote::kAccept}));
  // Every answer gets a buffer sized to the space, even after a party resized it.
  for (const auto& turn : a.turns()) EXPECT_EQ(turn.proposal_size, 2u);
  for (const auto& turn : b.turns()) EXPECT_EQ(turn.proposal_size, 2u);
}

TEST(SingleTextTest, PartiesSeeOnlyTheTextsPutToThemAndTheAnnouncements) {
  const Scenario scenario = MakeScenario(3);
  // Round 0: X, all accept (announced). Round 1: Y, C vetoes. Round 2: Z, all accept (announced).
  // Round 3: Y, A vetoes.
  ScriptedMediator mediator({Put(kX), Put(kY), Put(kZ), Put(kY)});
  ScriptedNegotiator a({Yes(), Yes(), Yes(), No()});
  ScriptedNegotiator b({Yes(), Yes(), Yes(), Yes()});
  ScriptedNegotiator c({Yes(), No(), Yes(), Yes()});
  const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kZ);

  const std::vector<double>* texts[] = {&kX, &kY, &kZ, &kY};
  const double* utilities[] = {kUtilityX, kUtilityY, kUtilityZ, kUtilityY};
  const ScriptedNegotiator* parties[] = {&a, &b, &c};
  for (std::size_t p = 0; p < 3; ++p) {
    SCOPED_TRACE(::testing::Message() << "party " << p);
    const auto& turns = parties[p]->turns();
    ASSERT_EQ(turns.size(), 4u);
    for (std::uint64_t r = 0; r < 4; ++r) {
      ASSERT_TRUE(turns[r].offer.has_value());
      EXPECT_EQ(turns[r].offer->values(), *texts[r]);
      EXPECT_EQ(turns[r].offerer, 3u);      // the mediator
      EXPECT_EQ(turns[r].acceptances, 0u);  // never the others' votes
      EXPECT_NEAR(turns[r].offer_utility, utilities[r][p], kTolerance);
      EXPECT_EQ(turns[r].round, r);
      EXPECT_DOUBLE_EQ(turns[r].time, (r + 1) / 5.0);  // round r + 1 of 4
      EXPECT_EQ(turns[r].step, 4 * r + 1 + p);         // the text is step 4r, the answers follow
    }
    // Observations: exactly the two announcements, by "party" 3, with the party's own utility.
    const auto& seen = parties[p]->seen();
    ASSERT_EQ(seen.size(), 2u);
    for (const auto& s : seen) {
      EXPECT_EQ(s.party, 3u);
      EXPECT_EQ(s.type, ActionType::kAccept);
      ASSERT_TRUE(s.offer.has_value());
    }
    EXPECT_EQ(seen[0].offer->values(), kX);
    EXPECT_NEAR(seen[0].offer_utility, kUtilityX[p], kTolerance);
    EXPECT_EQ(seen[0].round, 0u);
    EXPECT_EQ(seen[0].step, 0u);
    EXPECT_EQ(seen[1].offer->values(), kZ);
    EXPECT_NEAR(seen[1].offer_utility, kUtilityZ[p], kTolerance);
    EXPECT_EQ(seen[1].round, 2u);
    EXPECT_DOUBLE_EQ(seen[1].time, 3.0 / 5.0);
  }
}

TEST(SingleTextTest, TheMediatorSeesTheStateAndEveryAnswer) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({Put(kX), Put(kY), Put(kZ)});
  ScriptedNegotiator a({Yes(), Yes(), No()});
  ScriptedNegotiator b({Yes(), No(), Yes()});
  RunSingleText(scenario, {&a, &b}, {&mediator}, Rounds(3));

  const auto& asked = mediator.asked();
  ASSERT_EQ(asked.size(), 3u);
  EXPECT_EQ(asked[0].round, 0u);
  EXPECT_DOUBLE_EQ(asked[0].time, 1.0 / 4.0);  // round 1 of 3
  EXPECT_FALSE(asked[0].accepted.has_value());
  EXPECT_FALSE(asked[0].previous.has_value());
  EXPECT_FALSE(asked[0].previous_votes.has_value());
  EXPECT_FALSE(asked[0].previous_feedback.has_value());
  EXPECT_EQ(asked[1].round, 1u);
  EXPECT_DOUBLE_EQ(asked[1].time, 2.0 / 4.0);
  ASSERT_TRUE(asked[1].accepted.has_value());
  EXPECT_EQ(asked[1].accepted->values(), kX);
  EXPECT_EQ(asked[1].previous->values(), kX);
  EXPECT_EQ(*asked[1].previous_votes, (std::vector<Vote>{Vote::kAccept, Vote::kAccept}));
  EXPECT_TRUE(asked[1].previous_feedback->empty());  // feedback was not asked for
  EXPECT_EQ(asked[2].accepted->values(), kX);
  EXPECT_EQ(asked[2].previous->values(), kY);
  EXPECT_EQ(*asked[2].previous_votes, (std::vector<Vote>{Vote::kAccept, Vote::kVeto}));

  const auto& answers = mediator.answers();
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[2].text.values(), kZ);
  EXPECT_EQ(answers[2].votes, (std::vector<Vote>{Vote::kVeto, Vote::kAccept}));
  EXPECT_TRUE(answers[2].feedback.empty());

  const MediatorContext& context = mediator.context();
  EXPECT_EQ(context.space, &scenario.space());
  EXPECT_EQ(context.party_count, 2u);
  EXPECT_EQ(context.mediator, 0u);
  EXPECT_EQ(context.mediator_count, 1u);
  EXPECT_EQ(context.max_rounds, 3u);
  EXPECT_EQ(context.seed, DeriveSeed(7, {1000}));
  EXPECT_EQ(context.disclosed, (std::vector<const Profile*>{nullptr, nullptr}));
  EXPECT_EQ(context.own_interests, nullptr);
}

TEST(SingleTextTest, DisclosedGivesEveryMediatorEveryProfile) {
  const Scenario scenario = MakeScenario(3);
  ScriptedMediator lead({}), second({});
  ScriptedNegotiator a({}), b({}), c({});
  RunSingleText(scenario, {&a, &b, &c}, {&lead, &second}, Rounds(2), "single-text(disclosed=true)");
  for (const ScriptedMediator* mediator : {&lead, &second}) {
    ASSERT_EQ(mediator->context().disclosed.size(), 3u);
    for (std::size_t p = 0; p < 3; ++p) EXPECT_EQ(mediator->context().disclosed[p], &scenario.profile(p));
  }
}

// A voter that accepts everything and gives scripted feedback (nullopt leaves it to the protocol).
class FeedbackVoter final : public Negotiator {
 public:
  explicit FeedbackVoter(std::vector<std::optional<Feedback>> script, bool throw_when_comparing = false)
      : script_(std::move(script)), throw_(throw_when_comparing) {}
  void Begin(const NegotiatorContext&) override {}
  ActionType Act(const TurnState&, Outcome&) override { return ActionType::kAccept; }
  void Observe(const ObservedAction& action) override { observed_parties_.insert(action.party); }
  std::optional<Feedback> CompareTexts(const Outcome& previous, const Outcome& next) override {
    if (throw_) throw std::runtime_error("comparison failed");
    compared_.push_back({previous, next});
    return calls_ < script_.size() ? script_[calls_++] : std::nullopt;
  }
  const std::vector<std::pair<Outcome, Outcome>>& compared() const { return compared_; }
  const std::set<std::size_t>& observed_parties() const { return observed_parties_; }

 private:
  std::vector<std::optional<Feedback>> script_;
  bool throw_;
  std::size_t calls_ = 0;
  std::vector<std::pair<Outcome, Outcome>> compared_;
  std::set<std::size_t> observed_parties_;
};

TEST(SingleTextTest, FeedbackIsTruthfulUnlessThePartyAnswersItself) {
  const Scenario scenario = MakeScenario(3);
  // Texts X, Y, Y, Z. Truthful feedback: X->Y A worse, B better, C worse; Y->Y same;
  // Y->Z A better, B worse, C same (0.125 both).
  ScriptedMediator mediator({Put(kX), Put(kY), Put(kY), Put(kZ)});
  FeedbackVoter a({}), b({}), c({std::nullopt, Feedback::kBetter});  // C lies about Y->Y
  const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4), "single-text(feedback=true)");
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);

  const auto& answers = mediator.answers();
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_TRUE(answers[0].feedback.empty());  // no previous text in the first round
  using F = Feedback;
  EXPECT_EQ(answers[1].feedback, (std::vector<F>{F::kWorse, F::kBetter, F::kWorse}));
  EXPECT_EQ(answers[2].feedback, (std::vector<F>{F::kSame, F::kSame, F::kBetter}));
  EXPECT_EQ(answers[3].feedback, (std::vector<F>{F::kBetter, F::kWorse, F::kSame}));
  ASSERT_EQ(mediator.asked().size(), 4u);
  EXPECT_EQ(*mediator.asked()[3].previous_feedback, answers[2].feedback);

  // Each party was asked to compare the previous text with the new one, three times.
  ASSERT_EQ(a.compared().size(), 3u);
  EXPECT_EQ(a.compared()[0].first.values(), kX);
  EXPECT_EQ(a.compared()[0].second.values(), kY);
  EXPECT_EQ(a.compared()[2].second.values(), kZ);
  // Nobody observed anything but the mediators' announcements.
  for (const FeedbackVoter* party : {&a, &b, &c}) EXPECT_EQ(party->observed_parties(), (std::set<std::size_t>{3}));
}

TEST(SingleTextTest, SeveralMediatorsProposeInTurnLeadFirstAndAllSeeEveryAnswer) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator lead({Put(kX), Put(kZ)}), second({Put(kY), Put(kX)}), third({Put(kZ)});
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({No(), Yes(), No(), No(), Yes()});
  const auto result = RunSingleText(scenario, {&a, &b}, {&lead, &second, &third}, Rounds(5));
  // Rounds 0..4 are written by mediators 0, 1, 2, 0, 1: X, Y, Z, Z, X; B accepts Y and X.
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_EQ(lead.asked().size(), 2u);
  EXPECT_EQ(second.asked().size(), 2u);
  EXPECT_EQ(third.asked().size(), 1u);
  EXPECT_EQ(lead.asked()[0].round, 0u);
  EXPECT_EQ(second.asked()[0].round, 1u);
  EXPECT_EQ(third.asked()[0].round, 2u);
  EXPECT_EQ(lead.asked()[1].round, 3u);
  EXPECT_EQ(second.asked()[1].round, 4u);
  // They share the accepted text: the third mediator sees the second's accepted Y.
  ASSERT_TRUE(third.asked()[0].accepted.has_value());
  EXPECT_EQ(third.asked()[0].accepted->values(), kY);
  EXPECT_EQ(third.asked()[0].previous->values(), kY);
  for (const ScriptedMediator* mediator : {&lead, &second, &third}) {
    ASSERT_EQ(mediator->answers().size(), 5u);
    EXPECT_EQ(mediator->answers()[2].text.values(), kZ);
    EXPECT_EQ(mediator->context().mediator_count, 3u);
  }
  EXPECT_EQ(second.context().mediator, 1u);
  EXPECT_EQ(third.context().mediator, 2u);
  std::set<std::uint64_t> seeds = {lead.context().seed, second.context().seed, third.context().seed};
  EXPECT_EQ(seeds.size(), 3u);
  EXPECT_EQ(third.context().seed, DeriveSeed(7, {1002}));
  // The trace names the mediator that wrote each text: party count + mediator index.
  std::vector<std::size_t> writers;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    if (result.trace.step(i).party >= 2) writers.push_back(result.trace.step(i).party);
  }
  EXPECT_EQ(writers, (std::vector<std::size_t>{2, 3, 4, 2, 3}));
}

TEST(SingleTextTest, AMediatorStoppingEndsWithTheAcceptedText) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({Put(kX), Put(kY)}, ScriptedMediator::Stop());
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({Yes(), No()});
  const auto result = RunSingleText(scenario, {&a, &b}, {&mediator}, Rounds(10));
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_EQ(result.rounds, 2u);
  EXPECT_EQ(result.steps, 6u);
  // Stopped at the start of the third round of 10, at t = 3 / 11.
  EXPECT_DOUBLE_EQ(result.time, 3.0 / 11.0);
  EXPECT_NEAR(result.utilities[0], 0.425 * std::pow(0.8, 3.0 / 11.0), kTolerance);
  EXPECT_NEAR(result.utilities[1], 0.6 * std::pow(0.9, 3.0 / 11.0), kTolerance);
}

TEST(SingleTextTest, AMediatorStoppingWithNoAcceptedTextIsNoAgreement) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({Put(kX)}, ScriptedMediator::Stop());
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({}, No());
  const auto result = RunSingleText(scenario, {&a, &b}, {&mediator}, Rounds(4));
  EXPECT_EQ(result.end_reason, EndReason::kStopped);
  EXPECT_FALSE(result.fault.has_value());
  EXPECT_NE(result.stop_reason.find("mediator 0"), std::string::npos) << result.stop_reason;
  // Stopped at the start of the second round of 4.
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 5.0);
  ExpectReservationAt(result, 2, 2.0 / 5.0);
}

TEST(SingleTextTest, StoppingFromOutsideEndsWithoutAgreement) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({}, Put(kX));
  ScriptedNegotiator a({}, Yes()), b({}, Yes());
  std::vector<Negotiator*> parties = {&a, &b};
  std::vector<Mediator*> team = {&mediator};
  auto run = ProtocolRegistry::Create("single-text")->Start(scenario, parties, team, Rounds(10));
  EXPECT_EQ(run->current_offer(), nullptr);
  run->Step();
  ASSERT_NE(run->current_offer(), nullptr);
  EXPECT_EQ(run->current_offer()->values(), kX);
  run->Stop("an operation began");
  EXPECT_TRUE(run->done());
  run->Step();  // does nothing once done
  const auto result = run->TakeResult();
  EXPECT_EQ(result.end_reason, EndReason::kStopped);
  EXPECT_EQ(result.stop_reason, "an operation began");
  EXPECT_FALSE(result.agreement.has_value());
  EXPECT_EQ(result.rounds, 1u);
  EXPECT_EQ(a.finish_reason(), EndReason::kStopped);
}

TEST(SingleTextTest, WalkingAwayEndsWithoutAgreementEvenWithAnAcceptedText) {
  const Scenario scenario = MakeScenario(3);
  ScriptedMediator mediator({}, Put(kX));
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({Yes(), ScriptedNegotiator::End()});
  ScriptedNegotiator c({}, Yes());
  const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
  EXPECT_EQ(result.end_reason, EndReason::kEndedByParty);
  EXPECT_FALSE(result.fault.has_value());
  EXPECT_DOUBLE_EQ(result.time, 2.0 / 5.0);  // in the second round of 4
  ExpectReservationAt(result, 3, 2.0 / 5.0);
  EXPECT_EQ(c.turns().size(), 1u);  // not asked after B walked away
  EXPECT_EQ(mediator.answers().size(), 1u);
  EXPECT_EQ(c.seen().size(), 1u);  // the announcement of round 0 only; walking away is not announced
  EXPECT_EQ(c.finish_reason(), EndReason::kEndedByParty);
  ASSERT_GT(result.trace.size(), 0u);
  const auto& last = result.trace.step(result.trace.size() - 1);
  EXPECT_EQ(last.party, 1u);
  EXPECT_EQ(last.action, ActionType::kEndNegotiation);
}

TEST(SingleTextTest, TraceRecordsTextsAndVotes) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({Put(kX), Put(kY)});
  ScriptedNegotiator a({Yes(), No()});
  ScriptedNegotiator b({Yes(), Yes()});
  const auto result = RunSingleText(scenario, {&a, &b}, {&mediator}, Rounds(2));
  const Trace& trace = result.trace;
  ASSERT_EQ(trace.size(), 6u);
  EXPECT_EQ(trace.party_count(), 2u);
  const std::size_t party[] = {2, 0, 1, 2, 0, 1};
  const ActionType action[] = {ActionType::kOffer, ActionType::kAccept, ActionType::kAccept,
                               ActionType::kOffer, ActionType::kOffer,  ActionType::kAccept};
  const std::vector<double>* offer[] = {&kX, &kX, &kX, &kY, nullptr, &kY};
  for (std::size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE(::testing::Message() << "entry " << i);
    EXPECT_EQ(trace.step(i).step, i);
    EXPECT_EQ(trace.step(i).round, i / 3);
    EXPECT_DOUBLE_EQ(trace.step(i).time, (i / 3 + 1) / 3.0);  // round i / 3 + 1 of 2
    EXPECT_EQ(trace.step(i).party, party[i]);
    EXPECT_EQ(trace.step(i).action, action[i]);
    ASSERT_EQ(trace.has_offer(i), offer[i] != nullptr);
    if (offer[i]) {
      EXPECT_EQ(trace.offer(i).values(), *offer[i]);
      const double* expected = offer[i] == &kX ? kUtilityX : kUtilityY;
      for (std::size_t p = 0; p < 2; ++p) EXPECT_NEAR(trace.utility(i, p), expected[p], kTolerance);
    }
  }

  ScriptedMediator quiet_mediator({Put(kX), Put(kY)});
  ScriptedNegotiator qa({Yes(), No()}), qb({Yes(), Yes()});
  NegotiationOptions options = Rounds(2);
  options.record_trace = false;
  const auto untraced = RunSingleText(scenario, {&qa, &qb}, {&quiet_mediator}, options);
  EXPECT_EQ(untraced.trace.size(), 0u);
  EXPECT_EQ(untraced.steps, 6u);
  EXPECT_EQ(untraced.agreement->values(), kX);
}

TEST(SingleTextTest, MediatorFaultsNameTheMediator) {
  const Scenario scenario = MakeScenario(2);
  {
    SCOPED_TRACE("throws while writing");
    ScriptedMediator lead({}, Put(kX)), second({ScriptedMediator::Throw()});
    ScriptedNegotiator a({}, Yes()), b({}, Yes());
    const auto result = RunSingleText(scenario, {&a, &b}, {&lead, &second}, Rounds(4));
    // The fault discards the text accepted in round 0.
    ExpectFault(result, 3, "mediator 1");
    EXPECT_NE(result.fault->message.find("scripted mediator failure in ProposeText"), std::string::npos);
    // The second mediator writes the second round's text, of 4: t = 2 / 5.
    EXPECT_DOUBLE_EQ(result.time, 2.0 / 5.0);
    ExpectReservationAt(result, 2, 2.0 / 5.0);
    EXPECT_EQ(a.finish_reason(), EndReason::kFault);
  }
  {
    SCOPED_TRACE("invalid texts");
    for (const std::vector<double>& invalid :
         std::vector<std::vector<double>>{{1}, {1, 2, 3}, {3, 2}, {1, 5}, {0.5, 2}, {std::nan(""), 1}}) {
      ScriptedMediator lead({Put(invalid)});
      ScriptedNegotiator a({}, Yes()), b({}, Yes());
      const auto result = RunSingleText(scenario, {&a, &b}, {&lead}, Rounds(4));
      ExpectFault(result, 2, "mediator 0");
      EXPECT_NE(result.fault->message.find("invalid"), std::string::npos);
      EXPECT_TRUE(a.turns().empty());  // an invalid text is never put to anyone
    }
  }
  {
    SCOPED_TRACE("throws in Begin");
    ScriptedMediator lead({}), second({});
    second.set_throw_in_begin(true);
    ScriptedNegotiator a({}, Yes()), b({}, Yes());
    const auto result = RunSingleText(scenario, {&a, &b}, {&lead, &second}, Rounds(4));
    ExpectFault(result, 3, "mediator 1");
    EXPECT_EQ(result.steps, 0u);
    EXPECT_TRUE(lead.asked().empty());
    EXPECT_EQ(a.finish_calls(), 1);
  }
  {
    SCOPED_TRACE("throws while observing answers");
    ScriptedMediator lead({}, Put(kX)), second({}, Put(kY));
    second.set_throw_when_observing(1);
    ScriptedNegotiator a({}, Yes()), b({}, Yes());
    const auto result = RunSingleText(scenario, {&a, &b}, {&lead, &second}, Rounds(4));
    ExpectFault(result, 3, "mediator 1");
    EXPECT_EQ(a.seen().size(), 1u);  // round 1's text was not announced
  }
}

TEST(SingleTextTest, NegotiatorFaults) {
  const Scenario scenario = MakeScenario(3);
  {
    SCOPED_TRACE("throws while answering");
    ScriptedMediator mediator({}, Put(kX));
    ScriptedNegotiator a({}, Yes()), b({Yes(), ScriptedNegotiator::Throw("boom")}), c({}, Yes());
    const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 1, "boom");
    EXPECT_EQ(c.turns().size(), 1u);
    EXPECT_EQ(mediator.answers().size(), 1u);
  }
  {
    SCOPED_TRACE("unknown action");
    ScriptedMediator mediator({}, Put(kX));
    ScriptedNegotiator a({ScriptedNegotiator::BadAction()}), b({}, Yes()), c({}, Yes());
    ExpectFault(RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4)), 0, "unknown action");
  }
  {
    SCOPED_TRACE("throws in Begin");
    ScriptedMediator mediator({}, Put(kX));
    ScriptedNegotiator a({}, Yes()), b({}, Yes()), c({}, Yes());
    c.set_throw_in_begin(true);
    const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4));
    ExpectFault(result, 2, "failed to start");
    EXPECT_EQ(mediator.begin_calls(), 0);
  }
  {
    SCOPED_TRACE("throws while observing an announcement");
    ScriptedMediator mediator({}, Put(kX));
    ScriptedNegotiator a({}, Yes()), b({}, Yes()), c({}, Yes());
    b.set_throw_when_observing_step(4);  // the text of round 1 is step 4
    ExpectFault(RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4)), 1, "observing");
  }
  {
    SCOPED_TRACE("throws while comparing texts");
    ScriptedMediator mediator({}, Put(kX));
    FeedbackVoter a({}), b({}, true), c({});
    const auto result = RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(4), "single-text(feedback=true)");
    ExpectFault(result, 1, "comparison failed");
    EXPECT_EQ(result.rounds, 2u);  // the first comparison is in round 1
  }
}

TEST(SingleTextTest, WallClockDeadline) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({Put(kX)}, Put(kY));
  ScriptedNegotiator a({}, Yes());
  ScriptedNegotiator b({Yes()}, No());
  a.set_sleep_per_turn(std::chrono::milliseconds(20));
  NegotiationOptions options;
  options.time_limit_seconds = 0.2;
  const auto result = RunSingleText(scenario, {&a, &b}, {&mediator}, options);
  ASSERT_EQ(result.end_reason, EndReason::kAgreement);
  EXPECT_EQ(result.agreement->values(), kX);
  EXPECT_DOUBLE_EQ(result.time, 1.0);
  EXPECT_GE(result.elapsed_seconds, 0.2);
  EXPECT_LT(result.elapsed_seconds, 1.2);
  EXPECT_GE(result.rounds, 3u);
  EXPECT_LE(result.rounds, 11u);
  EXPECT_NEAR(result.utilities[0], 0.425 * 0.8, kTolerance);
  for (const auto& turn : b.turns()) EXPECT_LT(turn.time, 1.0);
}

TEST(SingleTextTest, ARoundDeadlineEndsAfterExactlyThatManyTexts) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({}, Put(kX));
  ScriptedNegotiator a({}, No()), b({}, No());
  std::vector<Negotiator*> parties = {&a, &b};
  std::vector<Mediator*> team = {&mediator};
  NegotiationOptions options = Rounds(3);
  options.time_limit_seconds = 60.0;
  auto run = ProtocolRegistry::Create("single-text")->Start(scenario, parties, team, options);
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(run->done());
    run->Step();
  }
  EXPECT_TRUE(run->done());  // done as soon as the last round is played
  EXPECT_EQ(mediator.asked().size(), 3u);
  EXPECT_EQ(run->result().end_reason, EndReason::kDeadline);
  ExpectReservationAt(run->result(), 2, 0.75);  // the end of 3 rounds, long before the clock's
}

TEST(SingleTextTest, SetupErrors) {
  const Scenario scenario = MakeScenario(2);
  ScriptedMediator mediator({});
  ScriptedNegotiator a({}), b({}), c({});
  EXPECT_THROW(RunSingleText(scenario, {&a, &b}, {}, Rounds(3)), UsageError);
  EXPECT_THROW(RunSingleText(scenario, {&a, &b}, {&mediator}, NegotiationOptions{}), UsageError);
  EXPECT_THROW(RunSingleText(scenario, {&a, &b, &c}, {&mediator}, Rounds(3)), UsageError);
  EXPECT_THROW(RunSingleText(scenario, {&a, &b}, {&mediator, nullptr}, Rounds(3)), UsageError);
  EXPECT_THROW(ProtocolRegistry::Create("single-text(votes=2)"), UsageError);
  EXPECT_THROW(MediatorRegistry::Create("hill-climb(objective=median)"), UsageError);
  EXPECT_EQ(a.begin_calls(), 0);
  EXPECT_EQ(mediator.begin_calls(), 0);
}

// A truthful voter: accepts a text iff it is worth at least its reservation value now and at
// least the last text all accepted (which it learns from the announcements).
class TruthfulVoter final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    context_ = context;
    accepted_utility_.reset();
  }
  ActionType Act(const TurnState& state, Outcome&) override {
    const double reservation = context_.profile->ReservationValueAt(state.time, context_.max_rounds);
    const bool good = state.current_offer_utility >= reservation &&
                      (!accepted_utility_ || state.current_offer_utility >= *accepted_utility_);
    return good ? ActionType::kAccept : ActionType::kOffer;
  }
  void Observe(const ObservedAction& action) override {
    if (action.party == context_.party_count && action.type == ActionType::kAccept) {
      accepted_utility_ = action.offer_utility;
    }
  }

 private:
  NegotiatorContext context_;
  std::optional<double> accepted_utility_;
};

// Runs truthful voters under `protocol` and `mediator` on many random scenarios and checks that
// every accepted text is at least as good for everyone as the one before, and the agreement at
// least each reservation value. Returns how many negotiations agreed.
int CheckTruthfulClimb(const std::string& protocol, const std::string& mediator_spec, int scenarios) {
  int agreements = 0;
  for (int s = 0; s < scenarios; ++s) {
    const std::size_t parties = 2 + s % 3;
    const Scenario scenario = testing::RandomLinearScenario(1000 + s, parties, 2 + s % 4);
    SCOPED_TRACE(::testing::Message() << mediator_spec << " on scenario " << s);
    std::vector<TruthfulVoter> voters(parties);
    std::vector<Negotiator*> pointers;
    for (auto& voter : voters) pointers.push_back(&voter);
    auto mediator = MediatorRegistry::Create(mediator_spec);
    NegotiationOptions options = Rounds(60);
    options.seed = s;
    const auto result = ProtocolRegistry::Create(protocol)->Run(scenario, pointers, {mediator.get()}, options);
    EXPECT_FALSE(result.fault.has_value()) << result.fault->message;
    std::optional<std::vector<double>> previous;
    const Trace& trace = result.trace;
    for (std::size_t i = 0; i < trace.size(); ++i) {
      // A text all accepted is the text entry followed by an acceptance from every party.
      if (trace.step(i).party < parties) continue;
      bool all = true;
      for (std::size_t p = 0; p < parties && all; ++p) {
        all = i + 1 + p < trace.size() && trace.step(i + 1 + p).action == ActionType::kAccept;
      }
      if (!all) continue;
      std::vector<double> utilities(parties);
      for (std::size_t p = 0; p < parties; ++p) utilities[p] = trace.utility(i, p);
      if (previous) {
        for (std::size_t p = 0; p < parties; ++p) EXPECT_GE(utilities[p], (*previous)[p]) << "party " << p;
      }
      previous = utilities;
    }
    if (result.agreement) {
      ++agreements;
      EXPECT_EQ(result.end_reason, EndReason::kAgreement);
      for (std::size_t p = 0; p < parties; ++p) {
        EXPECT_GE(result.undiscounted_utilities[p], scenario.profile(p).reservation_value()) << "party " << p;
        EXPECT_DOUBLE_EQ(result.undiscounted_utilities[p], (*previous)[p]);
      }
    }
  }
  return agreements;
}

TEST(SingleTextMediatorsTest, HillClimbWithTruthfulPartiesNeverMakesAnyoneWorseOff) {
  const int blind = CheckTruthfulClimb("single-text", "hill-climb", 60);
  const int told = CheckTruthfulClimb("single-text(disclosed=true)", "hill-climb", 60);
  const int nash = CheckTruthfulClimb("single-text(disclosed=true)", "hill-climb(objective=nash)", 60);
  // Random scenarios have reservation values below 0.5: most have deals acceptable to all.
  EXPECT_GT(blind, 50);
  EXPECT_GT(told, 50);
  EXPECT_GT(nash, 50);
}

TEST(SingleTextMediatorsTest, OtherMediatorsWithTruthfulPartiesNeverMakeAnyoneWorseOff) {
  EXPECT_GT(CheckTruthfulClimb("single-text(feedback=true)", "feedback", 60), 50);
  EXPECT_GT(CheckTruthfulClimb("single-text", "random-walk", 60), 40);
  EXPECT_GT(CheckTruthfulClimb("single-text", "annealing", 60), 50);
}

// With truthful parties, a climbing mediator that stops before the deadline stops at a local
// optimum: no text one issue away is at least as good for every party and better for one.
void CheckStopsAtALocalOptimum(const std::string& protocol, const std::string& mediator_spec) {
  int checked = 0;
  for (int s = 0; s < 30; ++s) {
    const Scenario scenario = testing::RandomLinearScenario(500 + s, 2 + s % 2, 3);
    const std::size_t parties = scenario.party_count();
    std::vector<TruthfulVoter> voters(parties);
    std::vector<Negotiator*> pointers;
    for (auto& voter : voters) pointers.push_back(&voter);
    auto mediator = MediatorRegistry::Create(mediator_spec);
    const auto result = ProtocolRegistry::Create(protocol)->Run(scenario, pointers, {mediator.get()}, Rounds(500));
    if (!result.agreement || result.time >= 1.0) continue;
    ++checked;
    const OutcomeSpace& space = scenario.space();
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      for (std::uint64_t v = 0; v < space.issue(i).cardinality(); ++v) {
        Outcome neighbour = *result.agreement;
        neighbour[i] = space.issue(i).ValueAt(v);
        bool no_loss = true;
        double total_gain = 0.0;
        for (std::size_t p = 0; p < parties; ++p) {
          const double gain = scenario.profile(p).Utility(neighbour) - result.undiscounted_utilities[p];
          no_loss = no_loss && gain >= 0.0;
          total_gain += gain;
        }
        EXPECT_FALSE(no_loss && total_gain > 1e-12)
            << mediator_spec << " on scenario " << s << ": issue " << i << " value " << v;
      }
    }
  }
  EXPECT_GT(checked, 20) << mediator_spec;
}

TEST(SingleTextMediatorsTest, ClimbingMediatorsStopAtALocalOptimum) {
  CheckStopsAtALocalOptimum("single-text(disclosed=true)", "hill-climb");
  CheckStopsAtALocalOptimum("single-text", "hill-climb");
  CheckStopsAtALocalOptimum("single-text(feedback=true)", "feedback");
}

// Real issues, an issue too large to enumerate neighbours of, and an issue with one value: the
// mediators change the first two at random and never the last.
TEST(SingleTextMediatorsTest, MediatorsHandleRealLargeAndFixedIssues) {
  auto space = std::make_shared<const OutcomeSpace>(
      "trade", std::vector<Issue>{Issue::Discrete("venue", {"Geneva"}), Issue::Real("price", 0.0, 100.0),
                                  Issue::Integer("volume", 1, 10000), Issue::Discrete("terms", {"a", "b", "c"})});
  auto make = [&](const std::string& name, double slope, std::vector<double> terms) {
    std::vector<ValueFunction> values = {ValueFunction::Table({1.0}), ValueFunction::Linear(slope / 100, 0.5, 50, true),
                                         ValueFunction::Linear(slope / 10000, 0.5, 5000, true),
                                         ValueFunction::Table(std::move(terms))};
    auto utility =
        std::make_shared<const LinearAdditiveUtility>(space, std::vector<double>{1, 2, 2, 1}, std::move(values));
    return Profile(name, utility, 0.3, 1.0);
  };
  const Scenario scenario("trade", space, {make("buyer", -1, {1, 0.5, 0}), make("seller", 1, {0, 1, 0.5})});
  for (const char* mediator_spec : {"random-walk", "hill-climb", "feedback", "annealing"}) {
    for (const char* protocol : {"single-text", "single-text(feedback=true,disclosed=true)"}) {
      SCOPED_TRACE(::testing::Message() << mediator_spec << " under " << protocol);
      TruthfulVoter buyer, seller;
      auto mediator = MediatorRegistry::Create(mediator_spec);
      const auto result =
          ProtocolRegistry::Create(protocol)->Run(scenario, {&buyer, &seller}, {mediator.get()}, Rounds(200));
      EXPECT_FALSE(result.fault.has_value()) << result.fault->message;
      ASSERT_TRUE(result.agreement.has_value());
      EXPECT_GE(result.undiscounted_utilities[0], 0.3);
      EXPECT_GE(result.undiscounted_utilities[1], 0.3);
      for (std::size_t i = 0; i < result.trace.size(); ++i) {
        if (result.trace.has_offer(i)) {
          EXPECT_EQ(result.trace.offer(i)[0], 0.0);
        }
      }
    }
  }
}

// The registered mediators that write texts (shuttle mediators do not: their ProposeText throws
// UsageError, which the protocol reports as the mediator's fault).
std::vector<std::string> TextMediators(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto* entry : MediatorRegistry::List()) {
    auto mediator = MediatorRegistry::Create(entry->name);
    MediatorContext context;
    context.space = &scenario.space();
    context.party_count = scenario.party_count();
    context.mediator_count = 1;
    context.disclosed.assign(scenario.party_count(), nullptr);
    context.max_rounds = 1;
    mediator->Begin(context);
    Outcome text(scenario.space().issue_count());
    try {
      mediator->ProposeText(TextState{}, text);
    } catch (const UsageError&) {
      continue;
    }
    names.push_back(entry->name);
  }
  return names;
}

TEST(SingleTextMediatorsTest, TheTextMediatorsAreRegistered) {
  const auto names = TextMediators(MakeScenario(2));
  for (const char* name : {"random-walk", "hill-climb", "feedback", "annealing"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

TEST(SingleTextMediatorsTest, RunsAreReproducibleFromTheSeed) {
  const Scenario scenario = testing::RandomLinearScenario(77, 3, 4);
  for (const std::string& name : TextMediators(scenario)) {
    SCOPED_TRACE(name);
    auto run = [&](std::uint64_t seed) {
      NegotiationOptions options = Rounds(40);
      options.seed = seed;
      return RunNegotiation(scenario, {"random(accept=0.5)", "random(accept=0.5)", "random(accept=0.5)"}, options,
                            "single-text(feedback=true)", {name, name});
    };
    const auto first = run(5), again = run(5), other = run(6);
    ASSERT_EQ(first.trace.size(), again.trace.size());
    bool same_as_other = first.trace.size() == other.trace.size();
    for (std::size_t i = 0; i < first.trace.size(); ++i) {
      EXPECT_EQ(first.trace.step(i).party, again.trace.step(i).party);
      EXPECT_EQ(first.trace.step(i).action, again.trace.step(i).action);
      if (first.trace.has_offer(i)) {
        EXPECT_EQ(first.trace.offer(i), again.trace.offer(i));
      }
      if (same_as_other && first.trace.has_offer(i) && other.trace.has_offer(i)) {
        same_as_other = first.trace.offer(i) == other.trace.offer(i);
      }
    }
    EXPECT_EQ(first.agreement, again.agreement);
    EXPECT_FALSE(same_as_other);
    EXPECT_EQ(first.mediators, (std::vector<std::string>{name, name}));
  }
}

}  // namespace
}  // namespace parley
