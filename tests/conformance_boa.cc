// The checks of conformance.h on the BOA parts, driven directly: acceptance and bidding strategies
// through seeded turns and observed offers on scenarios whose reservation values are constant,
// step, rise linearly or lie on a space that cannot be enumerated; opponent models through seeded
// offers on every kind of issue. Two instances are driven side by side to check that the same
// inputs give the same answers. Any exception is a violation.
#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <functional>
#include <memory>

#include "conformance.h"
#include "fixtures.h"
#include "parley/boa.h"
#include "parley/outcome_ranking.h"
#include "parley/random.h"

namespace parley::conformance {
namespace {

constexpr std::uint64_t kRounds = 60;

// The party whose strategy is checked is party 0 of `scenario`, with the setup's reservation.
struct PartSetup {
  std::string description;
  Scenario scenario;
};

Scenario WithFirstProfile(const Scenario& base, double reservation, ReservationSchedule schedule) {
  std::vector<Profile> profiles = base.profiles();
  Profile own(profiles[0].name(), profiles[0].shared_utility_function(), reservation, 1.0);
  profiles[0] = schedule.empty() ? own : own.WithSchedule(std::move(schedule));
  return Scenario(base.name(), base.shared_space(), std::move(profiles));
}

const std::vector<PartSetup>& PartSetups() {
  static const std::vector<PartSetup> setups = [] {
    using Schedule = ReservationSchedule;
    std::vector<PartSetup> list;
    list.push_back({"a constant reservation value of 0.4, two parties",
                    WithFirstProfile(testing::RandomLinearScenario(61, 2, 3), 0.4, {})});
    list.push_back(
        {"a reservation value stepping from 0.2 to 0.6 at t = 0.5, two parties",
         WithFirstProfile(testing::RandomLinearScenario(62, 2, 3), 0.2,
                          Schedule({{0.0, 0.2}, {0.5, 0.6}}, Schedule::Interpolation::kStep, Schedule::Unit::kTime))});
    list.push_back({"a reservation value rising linearly from 0.1 to 0.7, three parties",
                    WithFirstProfile(
                        testing::RandomLinearScenario(63, 3, 4), 0.1,
                        Schedule({{0.0, 0.1}, {1.0, 0.7}}, Schedule::Interpolation::kLinear, Schedule::Unit::kTime))});
    list.push_back({"a constant reservation value of 0.3 on a space with a real issue, three parties",
                    WithFirstProfile(testing::SmallScenario(3), 0.3, {})});
    return list;
  }();
  return setups;
}

NegotiatorContext ContextFor(const Scenario& scenario) {
  NegotiatorContext context;
  context.space = &scenario.space();
  context.profile = &scenario.profile(0);
  context.party = 0;
  context.party_count = scenario.party_count();
  context.max_rounds = kRounds;
  context.seed = 7;
  return context;
}

// One round as party 0 meets it: its time and reservation value, the opponents' offers (seeded:
// random outcomes, and every third one the best outcome party 0 ranks below its reservation
// value, so that strategies are tested at the edge), those offers as party 0 observes them, and
// its turn with the last of them on the table.
struct Round {
  std::uint64_t round = 0;
  double time = 0.0;
  double reservation = 0.0;
  std::vector<Outcome> offers;  // offers[q - 1] is party q's
  std::vector<ObservedAction> seen;
  TurnState turn;
};

// Calls `body` for each of kRounds rounds of `scenario`, drawing the offers from `seed`.
void ForEachRound(const Scenario& scenario, std::uint64_t seed, const std::function<void(const Round&)>& body) {
  const Profile& profile = scenario.profile(0);
  const OutcomeRanking& own = profile.utility_function().ranking();
  const std::size_t n = scenario.party_count();
  Rng rng(seed);
  for (std::uint64_t k = 0; k < kRounds; ++k) {
    Round round;
    round.round = k;
    // Denser towards the deadline, where strategies concede and late acceptance conditions apply
    // (the last round is at 1 - 1/3600).
    const double left = static_cast<double>(kRounds - k) / kRounds;
    round.time = 1.0 - left * left;
    round.reservation = profile.ReservationValueAt(round.time, kRounds);
    const std::size_t first_acceptable = own.LowestAtLeast(round.reservation);
    for (std::size_t q = 1; q < n; ++q) {
      Outcome offer(scenario.space().issue_count());
      if (rng.UniformInt(3) == 0 && first_acceptable > 0) {
        own.CopyOutcome(first_acceptable - 1, offer);
      } else {
        scenario.space().RandomOutcome(rng, offer);
      }
      round.offers.push_back(std::move(offer));
    }
    for (std::size_t q = 1; q < n; ++q) {
      ObservedAction action;
      action.party = q;
      action.offer = &round.offers[q - 1];
      action.offer_utility = profile.Utility(round.offers[q - 1]);
      action.step = k * n + q;
      action.round = k;
      action.time = round.time;
      round.seen.push_back(action);
    }
    round.turn.step = k * n;
    round.turn.round = k;
    round.turn.time = round.time;
    round.turn.current_offer = &round.offers.back();
    round.turn.offerer = n - 1;
    round.turn.current_offer_utility = round.seen.back().offer_utility;
    body(round);
  }
}

// Keeps the first three violations of one check, prefixed with `who`.
class Reporter {
 public:
  Reporter(Violations& violations, std::string who) : violations_(violations), who_(std::move(who)) {}
  void operator()(const std::string& what) {
    if (reported_++ < 3) violations_.push_back(who_ + " " + what);
  }

 private:
  Violations& violations_;
  std::string who_;
  int reported_ = 0;
};

}  // namespace

Violations CheckAcceptanceStrategy(const std::string& spec) {
  Violations violations;
  for (const PartSetup& setup : PartSetups()) {
    const std::string who = fmt::format("acceptance strategy '{}' with {}", spec, setup.description);
    Guarded(violations, who, [&] {
      const Scenario& scenario = setup.scenario;
      const OutcomeRanking& own = scenario.profile(0).utility_function().ranking();
      auto first = AcceptanceStrategyRegistry::Create(spec);
      auto second = AcceptanceStrategyRegistry::Create(spec);
      const NegotiatorContext context = ContextFor(scenario);
      first->Begin(context);
      second->Begin(context);
      Rng rng(DeriveSeed(21, {scenario.party_count()}));
      Reporter violation(violations, who);
      ForEachRound(scenario, DeriveSeed(11, {scenario.party_count()}), [&](const Round& round) {
        for (const ObservedAction& action : round.seen) {
          first->Observe(action);
          second->Observe(action);
        }
        // The bidding strategy's promise: the next offer is worth at least the reservation value.
        const std::size_t lowest = own.LowestAtLeast(round.reservation);
        if (lowest >= own.size()) return;
        const std::size_t rank = rng.UniformInt(3) == 0 ? lowest : lowest + rng.UniformInt(own.size() - lowest);
        const double next = own.utility(rank);
        const bool accepts = first->Accept(round.turn, next);
        if (accepts != second->Accept(round.turn, next)) {
          violation(fmt::format("decided differently on the same turns (round {})", round.round));
        }
        const double utility = round.turn.current_offer_utility;
        if (accepts && utility < round.reservation && AcceptanceKeepsReservationValue(spec)) {
          violation(
              fmt::format("accepted an offer worth {}, below the reservation value {} at time {} (its next "
                          "offer would be worth {})",
                          utility, round.reservation, round.time, next));
        }
      });
    });
  }
  return violations;
}

Violations CheckBiddingStrategy(const std::string& spec, const std::string& model_spec) {
  Violations violations;
  for (const PartSetup& setup : PartSetups()) {
    const std::string who =
        fmt::format("bidding strategy '{}' with opponent model '{}' and {}", spec, model_spec, setup.description);
    Guarded(violations, who, [&] {
      const Scenario& scenario = setup.scenario;
      const OutcomeSpace& space = scenario.space();
      const Profile& profile = scenario.profile(0);
      const NegotiatorContext context = ContextFor(scenario);
      auto first_model = OpponentModelRegistry::Create(model_spec);
      auto second_model = OpponentModelRegistry::Create(model_spec);
      auto first = BiddingStrategyRegistry::Create(spec);
      auto second = BiddingStrategyRegistry::Create(spec);
      first_model->Begin(context);
      second_model->Begin(context);
      first->Begin(context, *first_model);
      second->Begin(context, *second_model);
      Outcome proposal(space.issue_count()), again(space.issue_count());
      Reporter violation(violations, who);
      ForEachRound(scenario, DeriveSeed(12, {scenario.party_count()}), [&](const Round& round) {
        // As a BOA negotiator does: each offer updates the model before the strategy sees it.
        for (const ObservedAction& action : round.seen) {
          first_model->Update(action.party, *action.offer, action.time);
          second_model->Update(action.party, *action.offer, action.time);
          first->Observe(action);
          second->Observe(action);
        }
        const double claimed = first->Bid(round.turn, proposal);
        const double claimed_again = second->Bid(round.turn, again);
        if (!(proposal == again) || claimed != claimed_again) {
          violation(fmt::format("bid differently on the same turns (round {})", round.round));
        }
        std::string why;
        if (!space.IsValid(proposal, &why)) {
          violation(fmt::format("bid an invalid outcome at time {}: {}", round.time, why));
          return;
        }
        const double utility = profile.Utility(proposal);
        if (claimed != utility) {
          violation(
              fmt::format("said its bid {} is worth {}, but it is worth {}", space.Format(proposal), claimed, utility));
        }
        if (utility < round.reservation && profile.utility_function().ranking().best_utility() >= round.reservation) {
          violation(fmt::format("bid an outcome worth {}, below the reservation value {} at time {}", utility,
                                round.reservation, round.time));
        }
      });
    });
  }
  return violations;
}

Violations CheckOpponentModel(const std::string& spec) {
  Violations violations;
  const std::vector<Scenario> scenarios = {testing::EveryIssueKindScenario(5, 4), testing::SmallScenario(3),
                                           testing::RandomLinearScenario(64, 3, 5)};
  for (const Scenario& scenario : scenarios) {
    const std::string who = fmt::format("opponent model '{}' on scenario '{}'", spec, scenario.name());
    Guarded(violations, who, [&] {
      const OutcomeSpace& space = scenario.space();
      const std::size_t n = scenario.party_count();
      const std::size_t own = 1;  // a model never hears of its own party's offers
      NegotiatorContext context = ContextFor(scenario);
      context.profile = &scenario.profile(own);
      context.party = own;
      auto first = OpponentModelRegistry::Create(spec);
      auto second = OpponentModelRegistry::Create(spec);
      first->Begin(context);
      second->Begin(context);
      Rng rng(13);
      Outcome offer, probe;
      Reporter violation(violations, who);
      auto check_estimates = [&](const Outcome& outcome, int updates) {
        for (std::size_t p = 0; p < n; ++p) {
          if (p == own) continue;
          const double estimate = first->EstimatedUtility(p, outcome);
          if (!(estimate >= 0.0 && estimate <= 1.0)) {
            violation(fmt::format("estimated {} for party {} of {} after {} offers, outside [0, 1]", estimate, p,
                                  space.Format(outcome), updates));
          }
          if (estimate != second->EstimatedUtility(p, outcome)) {
            violation(fmt::format("estimated differently from the same {} offers", updates));
          }
        }
        const double mean = first->EstimatedOpponentsUtility(outcome);
        if (!(mean >= 0.0 && mean <= 1.0)) {
          violation(fmt::format("estimated the opponents' mean utility {} of {}, outside [0, 1]", mean,
                                space.Format(outcome)));
        }
      };
      constexpr int kUpdates = 150;
      for (int k = 0; k <= kUpdates; ++k) {
        for (int s = 0; s < 3; ++s) {
          space.RandomOutcome(rng, probe);
          check_estimates(probe, k);
        }
        if (k == kUpdates) break;
        const std::size_t party = (own + 1 + static_cast<std::size_t>(k) % (n - 1)) % n;
        space.RandomOutcome(rng, offer);
        first->Update(party, offer, static_cast<double>(k) / kUpdates);
        second->Update(party, offer, static_cast<double>(k) / kUpdates);
        check_estimates(offer, k + 1);
      }
    });
  }
  return violations;
}

Violations AcceptanceStrategySuite() {
  Violations violations;
  for (const auto& spec : RegisteredNames<AcceptanceStrategy>()) Append(violations, CheckAcceptanceStrategy(spec));
  return violations;
}

Violations BiddingStrategySuite() {
  Violations violations;
  for (const auto& spec : RegisteredNames<BiddingStrategy>()) {
    for (const auto& model : RegisteredNames<OpponentModel>()) Append(violations, CheckBiddingStrategy(spec, model));
  }
  return violations;
}

Violations OpponentModelSuite() {
  Violations violations;
  for (const auto& spec : RegisteredNames<OpponentModel>()) Append(violations, CheckOpponentModel(spec));
  return violations;
}

}  // namespace parley::conformance
