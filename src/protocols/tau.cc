// TAU, NegMAS's TAUMechanism (negmas 0.15.7, src/negmas/gb/mechanisms/tau.py, with the threads of
// gb/mechanisms/base.py): every party owns a thread in which it proposes and every other party
// responds; a round runs every thread once, in a shuffled order, and then judges the round. An
// outcome is agreed once every party has proposed it and every party has accepted it in another's
// thread. A party may repeat its previous offer but never return to an older one; returning, making
// no offer, or a round in which every party repeats breaks the negotiation (no agreement). The
// rules, NegMAS's quirks kept and Parley's choices: docs/negotiation.md#tau-tau
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

// Outcomes as keys of the protocol's memory (Outcome itself has no order).
using OutcomeKey = std::vector<double>;

// The stream of the round orders ("tau" in ASCII), apart from the parties' own seeds (DeriveSeed(seed, {party})).
constexpr std::uint64_t kThreadOrderStream = 0x7461750000000000ULL;

class TauRun final : public internal::RunBase {
 public:
  TauRun(const Scenario& scenario, const std::vector<Negotiator*>& negotiators, const NegotiationOptions& options,
         bool accept_in_any_thread, bool shuffle)
      // One round per Step(); a round records n proposals, n (n - 1) responses and, when the
      // rules break the negotiation, one closing entry.
      : RunBase(scenario, negotiators, options, 1, scenario.party_count() * scenario.party_count() + 1),
        accept_in_any_thread_(accept_in_any_thread),
        shuffle_(shuffle),
        order_rng_(DeriveSeed(options.seed, {kThreadOrderStream, 0})),
        order_(n_),
        threads_(n_),
        offered_(n_),
        last_offer_(n_) {
    for (Thread& thread : threads_) thread.utilities.assign(n_, 0.0);
    latest_.utilities.assign(n_, 0.0);
    earlier_.utilities.assign(n_, 0.0);
    if (result_.fault) Finish();
  }

  const Outcome* current_offer() const override {
    if (result_.agreement) return &*result_.agreement;
    return latest_.offer ? &*latest_.offer : nullptr;
  }

 private:
  // A thread's moves in the round under way.
  struct Thread {
    std::size_t owner = 0;
    std::optional<Outcome> offer;        // none: its owner walked away (NegMAS's None offer)
    std::vector<double> utilities;       // every party's utility of the offer
    std::vector<std::size_t> acceptors;  // who accepted it, in responder order
  };
  // The latest proposal of a party, as shown on another party's table when it proposes.
  struct Proposal {
    std::optional<Outcome> offer;
    std::size_t proposer = 0;
    std::size_t acceptances = 0;
    std::vector<double> utilities;
  };

  std::uint64_t ClockPosition() const override { return round_; }
  std::uint64_t RoundsPlayed() const override { return rounds_begun_; }
  void Move() override;

  void ShuffleOrder();
  // Runs the thread of party `owner`, at `position` in the round's order; false when a fault ended
  // the run.
  bool RunThread(std::size_t position, std::size_t owner);
  // What `owner` finds on its table: the latest proposal by another party, or nothing.
  const Proposal* TableOf(std::size_t owner) const;
  void Remember(const Thread& thread);
  // Judges the round by TAUMechanism.__call__'s rules; ends the run on an agreement or a break.
  void Judge();
  // _check_agreement: records `acceptor`'s acceptance of `offer` in `owner`'s thread, if any, and
  // tells whether `offer` is now agreed.
  bool AgreementOn(const OutcomeKey& offer, std::optional<std::size_t> acceptor, std::size_t owner);
  void Agree(const Outcome& offer);
  void Break(std::size_t party, std::string why);

  bool accept_in_any_thread_;
  bool shuffle_;
  Rng order_rng_;
  std::vector<std::size_t> order_;  // the round's thread order, by owner
  std::vector<Thread> threads_;     // by position in the round's order
  // The protocol's memory, over the whole negotiation (tau.py's _offers, _last_offer, _proposals,
  // _acceptances and _acceptances_per_negotiator).
  std::vector<std::set<OutcomeKey>> offered_;
  std::vector<std::optional<OutcomeKey>> last_offer_;
  std::map<OutcomeKey, std::set<std::size_t>> proposers_;
  std::map<OutcomeKey, std::set<std::size_t>> acceptors_;
  std::map<OutcomeKey, std::map<std::size_t, std::set<std::size_t>>> acceptor_threads_;
  Proposal latest_;   // the latest proposal
  Proposal earlier_;  // the latest by a party other than latest_'s proposer
  std::uint64_t round_ = 0;
  std::uint64_t rounds_begun_ = 0;
};

void TauRun::Move() {
  if (ReachedDeadline()) return;
  ++rounds_begun_;
  ShuffleOrder();
  for (std::size_t position = 0; position < n_; ++position) {
    if (!RunThread(position, order_[position])) return;
  }
  Judge();
  if (done_) return;
  ++round_;
  // Finish as soon as the deadline has passed, so that a runner sharing the clock sees it done.
  ReachedDeadline();
}

void TauRun::ShuffleOrder() {
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  if (!shuffle_) return;
  // Fisher-Yates from the last position down, the form of Python's random.shuffle, on Parley's
  // seeded stream (NegMAS draws from Python's global generator).
  for (std::size_t i = n_ - 1; i > 0; --i) std::swap(order_[i], order_[order_rng_.UniformInt(i + 1)]);
}

const TauRun::Proposal* TauRun::TableOf(std::size_t owner) const {
  if (latest_.offer && latest_.proposer != owner) return &latest_;
  if (earlier_.offer) return &earlier_;
  return nullptr;
}

bool TauRun::RunThread(std::size_t position, std::size_t owner) {
  Thread& thread = threads_[position];
  thread.owner = owner;
  thread.offer.reset();
  thread.acceptors.clear();
  const Proposal* table = TableOf(owner);
  static const std::vector<double> kNone;
  const std::optional<ActionType> action = AskParty(
      owner, round_, table ? &*table->offer : nullptr, table ? table->proposer : 0, table ? table->acceptances : 0,
      table ? table->utilities : kNone, {"during its proposal at step {}", step_});
  if (!action) return false;
  const std::uint64_t step = step_++;
  if (!CheckAlternatingMove(owner, step, *action, table != nullptr)) return false;
  if (*action == ActionType::kEndNegotiation) {
    // NegMAS's None offer: no responses are asked for; the round goes on and Judge() breaks the
    // negotiation when it reaches this thread.
    if (options_.record_trace) result_.trace.Add({step, round_, time_, owner, *action}, nullptr, nullptr);
    ObservedAction observed{
        .party = owner, .type = *action, .offer = nullptr, .step = step, .round = round_, .time = time_};
    if (!TellParties(observed, nullptr, owner, {"while observing step {}", step})) {
      Finish();
      return false;
    }
    return true;
  }
  // Accepting the offer on its table proposes that offer in its own thread.
  thread.offer = *action == ActionType::kOffer ? proposal_ : *table->offer;
  const Outcome& offer = *thread.offer;
  for (std::size_t p = 0; p < n_; ++p) thread.utilities[p] = scenario_.profile(p).Utility(offer);
  if (options_.record_trace) {
    result_.trace.Add({step, round_, time_, owner, ActionType::kOffer}, &offer, thread.utilities.data());
  }
  ObservedAction proposed{
      .party = owner, .type = ActionType::kOffer, .offer = &offer, .step = step, .round = round_, .time = time_};
  if (!TellParties(proposed, thread.utilities.data(), owner, {"while observing step {}", step})) {
    Finish();
    return false;
  }
  // The responders: every other party, in party order (the order NegMAS adds them).
  for (std::size_t responder = 0; responder < n_; ++responder) {
    if (responder == owner) continue;
    const VoteRequest request{.turn = {.step = step_,
                                       .round = round_,
                                       .time = time_,
                                       .current_offer = &offer,
                                       .offerer = owner,
                                       .acceptances = thread.acceptors.size(),
                                       .current_offer_utility = thread.utilities[responder]},
                              .voter = responder,
                              .ballot = position,
                              .ballots = n_};
    Vote vote;
    if (!CastVote(request, thread.utilities.data(), {"while responding at step {}", step_}, vote)) return false;
    if (vote == Vote::kAccept) thread.acceptors.push_back(responder);
  }
  Remember(thread);
  return true;
}

void TauRun::Remember(const Thread& thread) {
  if (latest_.offer && latest_.proposer != thread.owner) std::swap(earlier_, latest_);
  latest_.offer = thread.offer;
  latest_.proposer = thread.owner;
  latest_.acceptances = thread.acceptors.size();
  latest_.utilities = thread.utilities;
}

void TauRun::Judge() {
  std::size_t repeating = 0;
  std::vector<const OutcomeKey*> new_offers;
  new_offers.reserve(n_);
  for (const Thread& thread : threads_) {
    const std::size_t owner = thread.owner;
    std::optional<OutcomeKey>& last = last_offer_[owner];
    if (!thread.offer) {
      Break(owner, fmt::format("party {} made no offer in round {}, which breaks a TAU negotiation", owner, round_));
      return;
    }
    const OutcomeKey& offer = thread.offer->values();
    const bool repeats = last && *last == offer;
    if (repeats) ++repeating;
    if (!repeats && offered_[owner].contains(offer)) {
      Break(owner, fmt::format("party {} returned in round {} to an offer it made before its last one, which breaks "
                               "a TAU negotiation",
                               owner, round_));
      return;
    }
    last = offer;
    proposers_[offer].insert(owner);
    offered_[owner].insert(offer);
    new_offers.push_back(&offer);
    // NegMAS skips this loop in a bilateral negotiation when nobody accepted: it is empty then.
    for (const std::size_t acceptor : thread.acceptors) {
      if (AgreementOn(offer, acceptor, owner)) {
        Agree(*thread.offer);
        return;
      }
    }
  }
  if (repeating == n_) {
    Break(threads_.back().owner,
          fmt::format("every party repeated its last offer in round {}, which breaks a TAU negotiation", round_));
    return;
  }
  // An outcome whose last missing proposal came this round, with no new acceptance.
  for (const OutcomeKey* offer : new_offers) {
    if (AgreementOn(*offer, std::nullopt, 0)) {
      Agree(Outcome(*offer));
      return;
    }
  }
}

bool TauRun::AgreementOn(const OutcomeKey& offer, std::optional<std::size_t> acceptor, std::size_t owner) {
  const auto proposed = proposers_.find(offer);
  const bool proposed_by_all = proposed != proposers_.end() && proposed->second.size() == n_;
  if (accept_in_any_thread_) {
    std::set<std::size_t>& accepted = acceptors_[offer];
    if (acceptor) accepted.insert(*acceptor);
    return accepted.size() == n_ && proposed_by_all;
  }
  std::map<std::size_t, std::set<std::size_t>>& threads = acceptor_threads_[offer];
  if (acceptor) threads[*acceptor].insert(owner);
  if (threads.size() != n_ || !proposed_by_all) return false;
  for (const auto& [party, in_threads] : threads) {
    if (in_threads.size() != n_ - 1) return false;
  }
  return true;
}

void TauRun::Agree(const Outcome& offer) {
  result_.end_reason = EndReason::kAgreement;
  result_.agreement = offer;
  Finish();
}

void TauRun::Break(std::size_t party, std::string why) {
  // NegMAS's broken state, which is also what its SAOMechanism records when a party ends a
  // negotiation: Parley's walk-away, closed in the trace by `party`'s walk-away entry at the step
  // of the round's last move (it takes no step of its own).
  result_.end_reason = EndReason::kEndedByParty;
  result_.stop_reason = std::move(why);
  if (options_.record_trace) {
    result_.trace.Add({step_ - 1, round_, time_, party, ActionType::kEndNegotiation}, nullptr, nullptr);
  }
  Finish();
}

class Tau final : public Protocol {
 public:
  Tau(bool accept_in_any_thread, bool shuffle) : accept_in_any_thread_(accept_in_any_thread), shuffle_(shuffle) {}

  std::unique_ptr<NegotiationRun> Start(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                                        const std::vector<Mediator*>& mediators,
                                        const NegotiationOptions& options) override {
    internal::CheckSetup(scenario, negotiators, options);
    if (!mediators.empty()) throw UsageError("the tau protocol has no mediators");
    return std::make_unique<TauRun>(scenario, negotiators, options, accept_in_any_thread_, shuffle_);
  }

 private:
  bool accept_in_any_thread_;
  bool shuffle_;
};

const bool kRegistered = ProtocolRegistry::Add(
    {"tau",
     "TAU (NegMAS): every party proposes in its own thread and every other party responds there; an outcome "
     "is agreed once every party has proposed it and accepted it in another's thread. Returning to an older "
     "offer, making none, or a round of repeats only breaks the negotiation.",
     {{"accept_in_any_thread", "true",
       "an outcome needs each party's acceptance in some other party's thread (true), or in every other party's "
       "thread (false)"},
      {"shuffle", "true",
       "run the threads of each round in a seeded random order (NegMAS's parallel=True); false: in party order"}},
     [](const Spec& spec) {
       return std::make_unique<Tau>(spec.GetBool("accept_in_any_thread"), spec.GetBool("shuffle"));
     }});

}  // namespace
}  // namespace parley
