// Scripted sessions for ports of GENIUS agents that GENIUS recorded no session of (the sub-agents
// of CaduceusDC16), and for what a recorded session cannot show: ANAC 2012's CarA (or a recorded
// session's scenario) from ../shared/scenarios with party 0's reservation value and
// discount factor replaced, and an opponent that repeats a fixed list of bids, so that what the
// original's source implies can be derived by hand and checked by driving GENIUS's class through
// the same session. Tests only; the script is process-wide state (gtest runs tests one at a time).
#ifndef PARLEY_TESTS_GENIUS_SCRIPTED_SESSIONS_H_
#define PARLEY_TESTS_GENIUS_SCRIPTED_SESSIONS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "genius_trace.h"
#include "parley/negotiator.h"
#include "parley/partial_preferences.h"
#include "parley/protocol.h"

namespace parley::testing {

// The scenario of the recorded session `trace_file` (in the traces folder), with party 0's
// reservation value and discount factor replaced. Needs the traces folder (callers skip without it).
inline Scenario TraceScenarioWith(const std::string& trace_file, double reservation, double discount) {
  const Scenario recorded = LoadTraceScenario(ReadGeniusTrace(GeniusTraceFolder() / trace_file));
  std::vector<Profile> profiles = recorded.profiles();
  profiles[0] = Profile(profiles[0].name(), profiles[0].shared_utility_function(), reservation, discount);
  return Scenario(recorded.name(), recorded.shared_space(), profiles);
}

// CarA as GENIUS's CarA session of YXAgent names its profiles, with party 0's reservation value and
// discount factor replaced.
inline Scenario ScriptedCarA(double reservation, double discount) {
  return TraceScenarioWith("CarA__YXAgent__TimeDependentAgentBoulware.jsonl.gz", reservation, discount);
}

// A CarA bid from one value name per issue, in the domain's issue order.
inline GeniusBid CarABid(const std::vector<std::string>& values) {
  static const char* const kIssues[] = {"CD player", "Extra speakers", "Airconditioning",
                                        "Tow hedge", "Tow hedge2",     "Tow hedge3"};
  GeniusBid bid;
  for (std::size_t i = 0; i < values.size(); ++i) bid.push_back({kIssues[i], values[i]});
  return bid;
}

// A CarA bid written as one letter per issue, the initial of its value (g good, f fairly good,
// s standard, m meager, n none): the tables of sessions recorded from GENIUS's classes.
inline GeniusBid CarABidOfLetters(const std::string& letters) {
  std::vector<std::string> values;
  for (char letter : letters) {
    switch (letter) {
      case 'g': values.push_back("good"); break;
      case 'f': values.push_back("fairly good"); break;
      case 's': values.push_back("standard"); break;
      case 'm': values.push_back("meager"); break;
      default: values.push_back("none"); break;
    }
  }
  return CarABid(values);
}

// GENIUS's user model of CarA's party 0 (its profile as ScriptedCarA names it) for an uncertain
// profile with 10 comparisons: ComparisonGenerator's ranking of 11 bids with seed 314, worst first,
// in CarABidOfLetters's letters, and the true utilities of its worst and best bid (BidRanking's low
// and high), as GENIUS 9.1.10 built it.
inline const std::vector<std::string>& CarAUserModelLetters() {
  static const std::vector<std::string> letters = {"mfnnnm", "nnnfms", "nfmmmn", "nmmggn", "mmgsgn", "mfgnss",
                                                   "nggsms", "gmnggf", "fsnfgs", "fmmsss", "gffggs"};
  return letters;
}
inline constexpr double kCarAUserModelLow = 0.4144;
inline constexpr double kCarAUserModelHigh = 0.9882000000000001;

// The bids the scripted opponent offers in turn, over and over.
inline std::vector<GeniusBid>& OpponentScript() {
  static std::vector<GeniusBid> script;
  return script;
}

class ScriptedOpponent final : public Negotiator {
 public:
  void Begin(const NegotiatorContext& context) override {
    space_ = context.space;
    turns_ = 0;
  }
  ActionType Act(const TurnState&, Outcome& proposal) override {
    proposal = ToOutcome(*space_, OpponentScript()[turns_++ % OpponentScript().size()]);
    return ActionType::kOffer;
  }

 private:
  const OutcomeSpace* space_ = nullptr;
  std::size_t turns_ = 0;
};

// `agent` as party 0 against the scripted opponent for 200 rounds (unless `options` say otherwise).
inline NegotiationResult RunAgainstScript(const Scenario& scenario, const std::string& agent,
                                          NegotiationOptions options) {
  const NegotiatorRegistry::ScopedEntry entry(
      {"test-scripted-opponent", "Repeats a fixed list of bids (tests only).", {}, [](const Spec&) {
         return std::make_unique<ScriptedOpponent>();
       }});
  if (options.rounds == 0) options.rounds = 200;
  return RunNegotiation(scenario, {agent, "test-scripted-opponent"}, options);
}

inline NegotiationResult RunAgainstScript(const Scenario& scenario, const std::string& agent, std::uint64_t seed) {
  NegotiationOptions options;
  options.seed = seed;
  return RunAgainstScript(scenario, agent, options);
}

// As above with party 0's seed exactly `party_seed`, the seed GENIUS gave the original's generator.
inline NegotiationResult RunAgainstScriptWithPartySeed(const Scenario& scenario, const std::string& agent,
                                                       std::uint64_t party_seed) {
  NegotiationOptions options;
  options.party_seeds = {party_seed, 0};
  return RunAgainstScript(scenario, agent, options);
}

// Party 0's offers, the i-th made in round i + 1.
inline std::vector<Outcome> OffersOfParty0(const NegotiationResult& result) {
  std::vector<Outcome> offers;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const Trace::Step& step = result.trace.step(i);
    if (step.party == 0 && step.action == ActionType::kOffer) offers.push_back(result.trace.offer(i));
  }
  return offers;
}

// `agent` as party 0 against the scripted opponent for 200 rounds, with party seed `party_seed` and
// `known` as what it knows of its preferences (NegotiatorContext::known), its profile still the
// true one: the agents that estimate for themselves read only its reservation value and discount.
inline NegotiationResult RunAgainstScriptKnowing(const Scenario& scenario, const std::string& agent,
                                                 std::uint64_t party_seed, const PartialPreferences& known) {
  class Knowing final : public Negotiator {
   public:
    Knowing(std::unique_ptr<Negotiator> inner, const PartialPreferences* known)
        : inner_(std::move(inner)), known_(known) {}
    void Begin(const NegotiatorContext& context) override {
      NegotiatorContext knowing = context;
      knowing.known = known_;
      inner_->Begin(knowing);
    }
    ActionType Act(const TurnState& state, Outcome& proposal) override { return inner_->Act(state, proposal); }
    void Observe(const ObservedAction& action) override { inner_->Observe(action); }
    void Finish(const NegotiationResult& result) override { inner_->Finish(result); }

   private:
    std::unique_ptr<Negotiator> inner_;
    const PartialPreferences* known_;
  };
  const NegotiatorRegistry::ScopedEntry entry(
      {"test-knowing", "The agent under test, told partial preferences (tests only).", {}, [&](const Spec&) {
         return std::make_unique<Knowing>(NegotiatorRegistry::Create(agent), &known);
       }});
  NegotiationOptions options;
  options.party_seeds = {party_seed, 0};
  return RunAgainstScript(scenario, "test-knowing", options);
}

// Party 0's actions on CarA (`space`), one per turn: its offers as CarABidOfLetters writes them,
// "accept", or "end".
inline std::vector<std::string> CarAActionsOfParty0(const OutcomeSpace& space, const NegotiationResult& result) {
  std::vector<std::string> actions;
  for (std::size_t i = 0; i < result.trace.size(); ++i) {
    const Trace::Step& step = result.trace.step(i);
    if (step.party != 0) continue;
    if (step.action == ActionType::kAccept) {
      actions.push_back("accept");
    } else if (step.action == ActionType::kEndNegotiation) {
      actions.push_back("end");
    } else {
      std::string letters;
      const Outcome& offer = result.trace.offer(i);
      for (std::size_t k = 0; k < offer.size(); ++k) {
        const std::string& value = space.issue(k).values()[space.issue(k).PositionOf(offer[k])];
        letters += value == "fairly good" ? 'f' : value[0];
      }
      actions.push_back(letters);
    }
  }
  return actions;
}

}  // namespace parley::testing

#endif  // PARLEY_TESTS_GENIUS_SCRIPTED_SESSIONS_H_
