// Stacked alternating offers (SAOP), as in GENIUS's multilateral protocol and NegMAS's
// SAOMechanism: parties take turns in a fixed order; on its turn a party accepts the offer on the
// table, replaces it with its own offer, or ends the negotiation. An offer is agreed when every
// other party has accepted it in turn. Time is normalised: with a deadline of R rounds and N
// parties, turn s happens at t = s / (R N); with a wall-clock limit L, at elapsed / L; with both,
// the later of the two. At the deadline with no agreement every party gets its reservation value
// discounted at t = 1.
#include <chrono>
#include <exception>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/random.h"

namespace parley {
namespace {

using Clock = std::chrono::steady_clock;

class StackedAlternatingOffers final : public Protocol {
 public:
  NegotiationResult Run(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                        const NegotiationOptions& options) override;
};

std::string DescribeException(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

NegotiationResult StackedAlternatingOffers::Run(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                                const NegotiationOptions& options) {
  const std::size_t n = scenario.party_count();
  const OutcomeSpace& space = scenario.space();
  if (negotiators.size() != n) {
    throw UsageError(fmt::format("scenario '{}' has {} parties but {} negotiators were given", scenario.name(), n,
                                 negotiators.size()));
  }
  if (options.rounds == 0 && !(options.time_limit_seconds > 0.0)) {
    throw UsageError("a negotiation needs a deadline: a number of rounds, a time limit, or both");
  }
  const bool timed = options.time_limit_seconds > 0.0;
  const double total_steps = static_cast<double>(options.rounds) * static_cast<double>(n);

  NegotiationResult result;
  result.utilities.assign(n, 0.0);
  result.undiscounted_utilities.assign(n, 0.0);
  if (options.record_trace) {
    result.trace.Reset(space.issue_count(), n, options.rounds ? options.rounds * n : 1024);
  } else {
    result.trace.Reset(space.issue_count(), n, 0);
  }

  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };

  auto fail = [&](std::size_t party, std::string message, double time) {
    result.fault = Fault{party, std::move(message)};
    result.end_reason = EndReason::kFault;
    result.time = time;
  };

  // Begin: each negotiator gets its own seed derived from the negotiation's. Only those begun
  // are told Finish: one that never saw Begin has no context to finish with.
  std::size_t begun = 0;
  for (std::size_t p = 0; p < n; ++p) {
    NegotiatorContext context;
    context.space = &space;
    context.profile = &scenario.profile(p);
    context.party = p;
    context.party_count = n;
    context.max_rounds = options.rounds;
    context.time_limit_seconds = options.time_limit_seconds;
    context.seed = DeriveSeed(options.seed, {p});
    ++begun;
    try {
      negotiators[p]->Begin(context);
    } catch (...) {
      fail(p, fmt::format("failed to start: {}", DescribeException(std::current_exception())), 0.0);
      break;
    }
  }

  Outcome current(space.issue_count());
  Outcome proposal(space.issue_count());
  std::vector<double> current_utilities(n, 0.0);
  bool has_offer = false;
  std::size_t offerer = 0;
  std::size_t acceptances = 0;
  std::string why;

  std::uint64_t step = 0;
  double time = 0.0;
  while (!result.fault) {
    const std::uint64_t round = step / n;
    const std::size_t party = step % n;
    if (options.rounds && round >= options.rounds) {
      time = 1.0;
      result.end_reason = EndReason::kDeadline;
      break;
    }
    time = options.rounds ? static_cast<double>(step) / total_steps : 0.0;
    if (timed) {
      const double wall = elapsed() / options.time_limit_seconds;
      if (wall >= 1.0) {
        time = 1.0;
        result.end_reason = EndReason::kDeadline;
        break;
      }
      if (wall > time) time = wall;
    }

    TurnState state;
    state.step = step;
    state.round = round;
    state.time = time;
    state.current_offer = has_offer ? &current : nullptr;
    state.offerer = offerer;
    state.acceptances = acceptances;
    state.current_offer_utility = has_offer ? current_utilities[party] : 0.0;

    // The buffer is shared by every party's turn; a negotiator may have resized it.
    if (proposal.size() != space.issue_count()) proposal = Outcome(space.issue_count());
    ActionType action;
    try {
      action = negotiators[party]->Act(state, proposal);
    } catch (...) {
      fail(party, fmt::format("threw during its turn at step {}: {}", step, DescribeException(std::current_exception())),
           time);
      break;
    }
    ++step;

    bool agreed = false;
    switch (action) {
      case ActionType::kOffer:
        if (!space.IsValid(proposal, &why)) {
          fail(party, fmt::format("proposed an invalid outcome at step {}: {}", step - 1, why), time);
          break;
        }
        current = proposal;
        for (std::size_t p = 0; p < n; ++p) current_utilities[p] = scenario.profile(p).Utility(current);
        has_offer = true;
        offerer = party;
        acceptances = 0;
        break;
      case ActionType::kAccept:
        if (!has_offer) {
          fail(party, fmt::format("accepted at step {} when no offer was on the table", step - 1), time);
          break;
        }
        agreed = ++acceptances == n - 1;
        break;
      case ActionType::kEndNegotiation:
        break;
      default:
        fail(party, fmt::format("returned an unknown action at step {}", step - 1), time);
        break;
    }
    if (result.fault) break;

    const bool ended = action == ActionType::kEndNegotiation;
    if (options.record_trace) {
      result.trace.Add({step - 1, round, time, party, action}, ended ? nullptr : &current,
                       ended ? nullptr : current_utilities.data());
    }

    ObservedAction observed;
    observed.party = party;
    observed.type = action;
    observed.offer = ended ? nullptr : &current;
    observed.step = step - 1;
    observed.round = round;
    observed.time = time;
    for (std::size_t p = 0; p < n && !result.fault; ++p) {
      if (p == party) continue;
      observed.offer_utility = ended ? 0.0 : current_utilities[p];
      try {
        negotiators[p]->Observe(observed);
      } catch (...) {
        fail(p, fmt::format("threw while observing step {}: {}", step - 1, DescribeException(std::current_exception())),
             time);
      }
    }
    if (result.fault) break;

    if (agreed) {
      result.end_reason = EndReason::kAgreement;
      result.agreement = current;
      break;
    }
    if (ended) {
      result.end_reason = EndReason::kEndedByParty;
      result.fault = std::nullopt;
      result.time = time;
      break;
    }
  }

  result.steps = step;
  result.rounds = (step + n - 1) / n;
  result.time = time;
  result.elapsed_seconds = elapsed();
  for (std::size_t p = 0; p < n; ++p) {
    const Profile& profile = scenario.profile(p);
    if (result.agreement) {
      result.undiscounted_utilities[p] = current_utilities[p];
      result.utilities[p] = profile.Discount(current_utilities[p], time);
    } else {
      result.undiscounted_utilities[p] = profile.reservation_value();
      result.utilities[p] = profile.DiscountedReservationValue(time);
    }
  }
  for (std::size_t p = 0; p < begun; ++p) {
    try {
      negotiators[p]->Finish(result);
    } catch (...) {
      // The negotiation is over; a failure while being told so cannot change its result.
    }
  }
  return result;
}

const bool kRegistered = ProtocolRegistry::Add(
    {"saop",
     "Stacked alternating offers: parties take turns to accept, counter-offer or walk away; an offer is agreed "
     "when every other party has accepted it in turn.",
     {},
     [](const Spec&) { return std::make_unique<StackedAlternatingOffers>(); }});

}  // namespace
}  // namespace parley
