// Elicitation with a scripted negotiator that asks fixed questions in its first turn, under "saop"
// with elicitation_cost (GENIUS 10.4's rank questions) and under "shaop" (GeniusWeb's comparison
// requests): every answer is checked against a second computation from the true profile, every
// charge against a hand calculation, the score against utility minus charges, and the trace
// against the questions in the order they were asked.
#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "parley/partial_preferences.h"
#include "parley/preference_oracle.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/trace_io.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Issue 0 "color" {red, green, blue} (positions 0..2), issue 1 "size" the integers 1..4.
// Party A: weights 3:1 -> .75, .25; color {1, .5, 0}; size {0, .2, .6, 1}. Its utilities:
//            size 1   2     3     4
//   red      .75    .8    .9    1
//   green    .375   .425  .525  .625
//   blue     0      .05   .15   .25
// all different, so GENIUS's hash tie-break never decides. Worst: (blue, 1); best: (red, 4).
// Party B: weights 1:1; color {0, .4, 1}; size {1, .8, .4, 0}: u_B(red, 4) = 0.
// No discounting, reservation values 0.
const Outcome kBlue1({2, 1});
const Outcome kBlue3({2, 3});
const Outcome kGreen2({1, 2});
const Outcome kGreen4({1, 4});
const Outcome kRed1({0, 1});
const Outcome kRed4({0, 4});

Scenario MakeScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "paint", std::vector<Issue>{Issue::Discrete("color", {"red", "green", "blue"}), Issue::Integer("size", 1, 4)});
  auto profile = [&](const std::string& name, std::vector<double> weights, std::vector<double> color,
                     std::vector<double> size) {
    auto utility = std::make_shared<const LinearAdditiveUtility>(
        space, std::move(weights),
        std::vector<ValueFunction>{ValueFunction::Table(std::move(color)), ValueFunction::Table(std::move(size))});
    return Profile(name, utility, 0.0, 1.0);
  };
  std::vector<Profile> profiles;
  profiles.push_back(profile("A", {3, 1}, {1, .5, 0}, {0, .2, .6, 1}));
  profiles.push_back(profile("B", {1, 1}, {0, .4, 1}, {1, .8, .4, 0}));
  return Scenario("paint", space, std::move(profiles));
}

// Asks its questions in its first turn, then offers (red, 4); accepts any offer on the table.
class Elicitor final : public Negotiator {
 public:
  struct Question {
    Outcome outcome;
    std::vector<Outcome> options;  // empty: a rank question
  };
  explicit Elicitor(std::vector<Question> questions) : questions_(std::move(questions)) {}

  void Begin(const NegotiatorContext& context) override { oracle_ = context.oracle; }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer) return ActionType::kAccept;
    for (const Question& question : questions_) {
      if (question.options.empty()) {
        ranks.push_back(oracle_->ElicitRank(question.outcome));
        rankings.push_back(oracle_->Ranking());
      } else {
        answers.push_back(oracle_->Compare(question.outcome, question.options));
      }
      costs.push_back(oracle_->cost());
    }
    proposal = kRed4;
    return ActionType::kOffer;
  }

  PreferenceOracle* oracle_ = nullptr;
  std::vector<std::size_t> ranks;
  std::vector<std::vector<Outcome>> rankings;
  std::vector<ComparisonAnswer> answers;
  std::vector<double> costs;

 private:
  std::vector<Question> questions_;
};

// Accepts whatever is on the table; offers (blue, 1) otherwise.
class Acceptor final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override { oracle = context.oracle; }
  ActionType Act(const TurnState& state, Outcome& proposal) override {
    if (state.current_offer) return ActionType::kAccept;
    proposal = kBlue1;
    return ActionType::kOffer;
  }
  PreferenceOracle* oracle = nullptr;
};

NegotiationResult RunUnder(const Scenario& scenario, std::string_view protocol, Negotiator& first, Negotiator& second) {
  NegotiationOptions options;
  options.rounds = 10;
  return ProtocolRegistry::Create(protocol)->Run(scenario, {&first, &second}, options);
}

TEST(Elicitation, RankQuestionsAreAnsweredTruthfullyAndChargedOncePerNewOutcome) {
  const Scenario scenario = MakeScenario();
  Elicitor elicitor({{kGreen2, {}}, {kRed1, {}}, {kGreen2, {}}, {kBlue1, {}}, {kBlue3, {}}});
  Acceptor acceptor;
  const NegotiationResult result = RunUnder(scenario, "saop(elicitation_cost=0.05)", elicitor, acceptor);

  // By hand: the ranking starts as [(blue,1), (red,4)]; (green,2) at .425 goes between them (1);
  // (red,1) at .75 after it (2); (green,2) again: free, still 1; (blue,1): ranked, free, 0;
  // (blue,3) at .15 between (blue,1) and (green,2): 1.
  ASSERT_FALSE(result.fault) << result.fault->message;
  EXPECT_EQ(elicitor.ranks, (std::vector<std::size_t>{1, 2, 1, 0, 1}));
  EXPECT_EQ(elicitor.rankings.back(), (std::vector<Outcome>{kBlue1, kBlue3, kGreen2, kRed1, kRed4}));
  EXPECT_EQ(elicitor.costs, (std::vector<double>{0.05, 0.05 + 0.05, 0.1, 0.1, 0.1 + 0.05}));
  // A second computation: every ranking is sorted by A's true utility.
  for (const auto& ranking : elicitor.rankings) {
    EXPECT_TRUE(std::is_sorted(ranking.begin(), ranking.end(), [&](const Outcome& x, const Outcome& y) {
      return scenario.profile(0).Utility(x) < scenario.profile(0).Utility(y);
    }));
  }

  ASSERT_TRUE(result.agreement);
  EXPECT_EQ(*result.agreement, kRed4);
  ASSERT_EQ(result.elicitation_costs.size(), 2u);
  EXPECT_DOUBLE_EQ(result.elicitation_costs[0], 0.15);
  EXPECT_EQ(result.elicitation_costs[1], 0.0);
  EXPECT_EQ(result.elicitation_requests, (std::vector<std::uint64_t>{5, 0}));
  EXPECT_EQ(result.utilities[0], 1.0);

  // The trace: five questions at step 0, then A's offer and B's acceptance.
  ASSERT_EQ(result.trace.size(), 7u);
  const std::vector<double> charges = {0.05, 0.05, 0.0, 0.0, 0.05};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(result.trace.step(i).action, ActionType::kElicit);
    EXPECT_EQ(result.trace.step(i).step, 0u);
    EXPECT_EQ(result.trace.step(i).party, 0u);
    ASSERT_NE(result.trace.elicitation(i), nullptr);
    EXPECT_EQ(result.trace.elicitation(i)->charge, charges[i]);
    EXPECT_EQ(result.trace.elicitation(i)->rank, elicitor.ranks[i]);
  }
  EXPECT_EQ(result.trace.step(5).action, ActionType::kOffer);
  EXPECT_EQ(result.trace.step(6).action, ActionType::kAccept);
  EXPECT_EQ(result.trace.elicitation(5), nullptr);

  // The result: net utility = utility - charges.
  const auto json = nlohmann::json::parse(ResultToJson(scenario, result));
  EXPECT_DOUBLE_EQ(json["net_utilities"]["A"].get<double>(), 1.0 - 0.15);
  EXPECT_EQ(json["elicitation_requests"], nlohmann::json::array({5, 0}));
}

TEST(Elicitation, RankQuestionsStartFromTheRankingThePartyKnows) {
  const Scenario scenario = MakeScenario();
  Elicitor elicitor({{kGreen2, {}}, {kGreen4, {}}});
  Acceptor acceptor;
  NegotiationOptions options;
  options.rounds = 10;
  options.knowledge = {std::make_shared<const PartialPreferences>(
                           PartialPreferences::Ranking(scenario.shared_space(), {kBlue3, kGreen2, kRed1})),
                       nullptr};
  const NegotiationResult result =
      ProtocolRegistry::Create("saop(elicitation_cost=0.05)")->Run(scenario, {&elicitor, &acceptor}, options);

  // By hand: A knows [(blue,3), (green,2), (red,1)]; (green,2) is in it: rank 1, free;
  // (green,4) at .625 goes between (green,2) at .425 and (red,1) at .75: rank 2, charged.
  ASSERT_FALSE(result.fault) << result.fault->message;
  EXPECT_EQ(elicitor.ranks, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(elicitor.rankings.back(), (std::vector<Outcome>{kBlue3, kGreen2, kGreen4, kRed1}));
  EXPECT_EQ(elicitor.costs, (std::vector<double>{0.0, 0.05}));
}

TEST(Elicitation, ComparisonRequestsAreAnsweredTruthfullyAndEachIsCharged) {
  const Scenario scenario = MakeScenario();
  const std::vector<Outcome> options = {kRed1, kBlue3, kGreen2, kGreen4, kBlue1};
  Elicitor elicitor({{kGreen2, options}, {kRed4, {kBlue1}}});
  Acceptor acceptor;
  const NegotiationResult result = RunUnder(scenario, "shaop", elicitor, acceptor);

  // By hand from the table: (green,2) = .425 is beaten by (red,1) .75 and (green,4) .625, beats
  // (blue,3) .15 and (blue,1) 0, and ties with itself (in neither list).
  ASSERT_EQ(elicitor.answers.size(), 2u);
  EXPECT_EQ(elicitor.answers[0].better, (std::vector<Outcome>{kRed1, kGreen4}));
  EXPECT_EQ(elicitor.answers[0].worse, (std::vector<Outcome>{kBlue3, kBlue1}));
  EXPECT_TRUE(elicitor.answers[1].better.empty());
  EXPECT_EQ(elicitor.answers[1].worse, (std::vector<Outcome>{kBlue1}));
  // A second computation from the true profile.
  const Profile& truth = scenario.profile(0);
  for (const Outcome& option : options) {
    const auto& [better, worse] = std::pair(elicitor.answers[0].better, elicitor.answers[0].worse);
    EXPECT_EQ(std::count(better.begin(), better.end(), option), truth.Utility(option) > truth.Utility(kGreen2));
    EXPECT_EQ(std::count(worse.begin(), worse.end(), option), truth.Utility(option) < truth.Utility(kGreen2));
  }
  // GeniusWeb's default cost 0.1 per request.
  EXPECT_EQ(elicitor.costs, (std::vector<double>{0.1, 0.1 + 0.1}));
  EXPECT_EQ(result.elicitation_costs, (std::vector<double>{0.1 + 0.1, 0.0}));
  EXPECT_EQ(result.elicitation_requests, (std::vector<std::uint64_t>{2, 0}));

  ASSERT_EQ(result.trace.size(), 4u);
  EXPECT_EQ(result.trace.step(0).action, ActionType::kElicit);
  EXPECT_EQ(result.trace.offer(0), kGreen2);
  EXPECT_EQ(result.trace.elicitation(0)->options, options);
  EXPECT_EQ(result.trace.elicitation(0)->better, (std::vector<std::size_t>{0, 3}));
  EXPECT_EQ(result.trace.elicitation(0)->worse, (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(result.trace.step(1).action, ActionType::kElicit);
  EXPECT_EQ(result.trace.step(2).action, ActionType::kOffer);
  EXPECT_EQ(result.trace.step(3).action, ActionType::kAccept);

  // Trace files name the question's fields only in traces that have questions.
  std::ostringstream lines;
  WriteTraceJsonLines(scenario, result, lines);
  std::istringstream in(lines.str());
  std::string first;
  std::getline(in, first);
  const auto entry = nlohmann::json::parse(first);
  EXPECT_EQ(entry["action"], "elicit");
  EXPECT_EQ(entry["charge"], 0.1);
  EXPECT_EQ(entry["better"], nlohmann::json::array({0, 3}));
  EXPECT_EQ(entry["options"].size(), 5u);
  std::ostringstream csv;
  WriteTraceCsv(scenario, result, csv);
  EXPECT_NE(csv.str().find(",charge,rank,options,better,worse"), std::string::npos) << csv.str();
}

TEST(Elicitation, QuestionsOutsideTheProtocolsRulesAreFaults) {
  const Scenario scenario = MakeScenario();
  {
    Elicitor asks_comparison({{kGreen2, {kRed1}}});
    Acceptor acceptor;
    const NegotiationResult result = RunUnder(scenario, "saop(elicitation_cost=0.01)", asks_comparison, acceptor);
    ASSERT_TRUE(result.fault);
    EXPECT_EQ(result.fault->message,
              "threw during its turn at step 0: asked for a comparison under a protocol that does not allow it");
  }
  {
    Elicitor asks_rank({{kGreen2, {}}});
    Acceptor acceptor;
    const NegotiationResult result = RunUnder(scenario, "shaop", asks_rank, acceptor);
    ASSERT_TRUE(result.fault);
    EXPECT_EQ(result.fault->message,
              "threw during its turn at step 0: asked for a rank under a protocol that does not allow it");
  }
  // Without elicitation there is no oracle, and results carry no costs.
  Acceptor first;
  Acceptor second;
  const NegotiationResult plain = RunUnder(scenario, "saop", first, second);
  EXPECT_EQ(first.oracle, nullptr);
  EXPECT_TRUE(plain.elicitation_costs.empty());
  EXPECT_FALSE(plain.trace.has_elicitations());
  EXPECT_THROW(ProtocolRegistry::Create("saop(elicitation_cost=-1)"), UsageError);
}

TEST(Elicitation, TheExampleAgentAsksUntilItsCostReachesItsLimit) {
  // GENIUS 10.4's ElicitationAgentExample asks while its cost is below 0.15: at 0.04 a question it
  // asks at most 4 times (after 3: 0.12 < 0.15, after 4: 0.16), each time about a new offer.
  const Scenario scenario = MakeScenario();
  NegotiationOptions options;
  options.rounds = 30;
  const NegotiationResult result =
      RunNegotiation(scenario, {"genius-elicitation-example", "random"}, options, "saop(elicitation_cost=0.04)");
  ASSERT_FALSE(result.fault) << result.fault->message;
  ASSERT_EQ(result.elicitation_requests.size(), 2u);
  EXPECT_GE(result.elicitation_requests[0], 1u);
  EXPECT_LE(result.elicitation_requests[0], 4u);
  double charged = 0.0;
  for (std::uint64_t k = 0; k < result.elicitation_requests[0]; ++k) charged += 0.04;
  EXPECT_EQ(result.elicitation_costs[0], charged);
}

// Asks its questions in its first turn and offers (red, 4); accepts in its second. Copies what it
// knows (context.known) when its first turn begins, just before it ends, and in its second turn.
class Learner final : public Negotiator {
 public:
  explicit Learner(std::vector<Elicitor::Question> questions) : questions_(std::move(questions)) {}

  void Begin(const NegotiatorContext& context) override {
    known_ = context.known;
    oracle_ = context.oracle;
  }
  ActionType Act(const TurnState& /*state*/, Outcome& proposal) override {
    seen.push_back(known_ ? std::optional<PartialPreferences>(*known_) : std::nullopt);
    if (seen.size() > 1) return ActionType::kAccept;
    for (const Elicitor::Question& question : questions_) {
      if (question.options.empty()) {
        oracle_->ElicitRank(question.outcome);
      } else {
        oracle_->Compare(question.outcome, question.options);
      }
    }
    seen.push_back(known_ ? std::optional<PartialPreferences>(*known_) : std::nullopt);
    proposal = kRed4;
    return ActionType::kOffer;
  }

  std::vector<std::optional<PartialPreferences>> seen;  // first turn's start and end, second turn

 private:
  std::vector<Elicitor::Question> questions_;
  const PartialPreferences* known_ = nullptr;
  PreferenceOracle* oracle_ = nullptr;
};

// Never accepts; offers (blue, 1).
class Holdout final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& /*context*/) override {}
  ActionType Act(const TurnState& /*state*/, Outcome& proposal) override {
    proposal = kBlue1;
    return ActionType::kOffer;
  }
};

std::vector<Outcome> WorstFirst(const PartialPreferences& known) {
  std::vector<Outcome> outcomes;
  for (std::size_t k : known.WorstFirst()) outcomes.push_back(known.outcomes()[k]);
  return outcomes;
}

NegotiationResult RunKnowing(const Scenario& scenario, std::string_view protocol, const PartialPreferences& known,
                             Negotiator& first, Negotiator& second) {
  NegotiationOptions options;
  options.rounds = 10;
  options.knowledge = {std::make_shared<const PartialPreferences>(known), nullptr};
  return ProtocolRegistry::Create(protocol)->Run(scenario, {&first, &second}, options);
}

TEST(Elicitation, RankAnswersGrowTheRankingThePartyKnowsAfterItsTurn) {
  const Scenario scenario = MakeScenario();
  const PartialPreferences start =
      PartialPreferences::Ranking(scenario.shared_space(), {kBlue3, kGreen2, kRed1}, 0.15, 0.75);
  Learner learner({{kGreen4, {}}, {kBlue1, {}}, {kGreen2, {}}, {kRed4, {}}});
  Holdout holdout;
  const NegotiationResult result = RunKnowing(scenario, "saop(elicitation_cost=0.05)", start, learner, holdout);

  // By hand (utilities in the table above): (green,4) .625 goes between (green,2) .425 and
  // (red,1) .75; (blue,1) 0 below (blue,3) .15; (green,2) is known; (red,4) 1 is better than every
  // ranked outcome, so GENIUS's elicitRank leaves it out. Low and high stay as they were told.
  ASSERT_FALSE(result.fault) << result.fault->message;
  ASSERT_EQ(learner.seen.size(), 3u);
  EXPECT_EQ(WorstFirst(*learner.seen[0]), (std::vector<Outcome>{kBlue3, kGreen2, kRed1}));
  EXPECT_EQ(WorstFirst(*learner.seen[1]), (std::vector<Outcome>{kBlue3, kGreen2, kRed1}));  // during the turn
  const PartialPreferences& after = *learner.seen[2];
  EXPECT_EQ(WorstFirst(after), (std::vector<Outcome>{kBlue1, kBlue3, kGreen2, kGreen4, kRed1}));
  EXPECT_EQ(after.outcomes(), WorstFirst(after));
  EXPECT_EQ(after.low_utility(), 0.15);
  EXPECT_EQ(after.high_utility(), 0.75);
  EXPECT_FALSE(after.Find(kRed4));
  // The knowledge given to the run is not changed: a tournament gives it to the next run.
  EXPECT_EQ(start.size(), 3u);
  EXPECT_DOUBLE_EQ(result.elicitation_costs[0], 0.05 * 3);
}

TEST(Elicitation, ComparisonAnswersAddRelationsToWhatThePartyKnows) {
  const Scenario scenario = MakeScenario();
  const PartialPreferences start =
      PartialPreferences::Ranking(scenario.shared_space(), {kBlue3, kGreen2, kRed1}, 0.15, 0.75);
  Learner learner({{kGreen4, {kRed1, kBlue1, kGreen4}}});
  Holdout holdout;
  const NegotiationResult result = RunKnowing(scenario, "shaop", start, learner, holdout);

  // By hand: (red,1) .75 is better than (green,4) .625, (blue,1) 0 worse; (green,4) against
  // itself says nothing. New outcomes come after the known ones, new relations after theirs.
  // (blue,1) and (blue,3) are not related, so the outcomes are no longer one chain.
  ASSERT_FALSE(result.fault) << result.fault->message;
  ASSERT_EQ(learner.seen.size(), 3u);
  EXPECT_EQ(learner.seen[1]->size(), 3u);
  const PartialPreferences& after = *learner.seen[2];
  EXPECT_EQ(after.outcomes(), (std::vector<Outcome>{kBlue3, kGreen2, kRed1, kGreen4, kBlue1}));
  using Relation = PartialPreferences::Relation;
  EXPECT_EQ(after.relations(), (std::vector<Relation>{{1, 0}, {2, 1}, {2, 3}, {3, 4}}));
  EXPECT_FALSE(after.IsRanking());
  EXPECT_EQ(after.low_utility(), 0.15);
  EXPECT_EQ(after.high_utility(), 0.75);
}

TEST(Elicitation, APartyWithFullInformationKnowsNothingMore) {
  const Scenario scenario = MakeScenario();
  Learner learner({{kGreen4, {}}});
  Holdout holdout;
  const NegotiationResult result = RunUnder(scenario, "saop(elicitation_cost=0.05)", learner, holdout);
  ASSERT_FALSE(result.fault) << result.fault->message;
  ASSERT_EQ(learner.seen.size(), 3u);
  EXPECT_FALSE(learner.seen[2]);
}

}  // namespace
}  // namespace parley
