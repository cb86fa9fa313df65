// What every protocol does the same way: starting negotiators with their derived seeds, telling
// time, turning a negotiator's exception into a recorded fault, settling the final utilities,
// and telling every negotiator the result. Protocols share these so that their results mean the
// same thing.
#ifndef PARLEY_PROTOCOLS_RUN_SUPPORT_H_
#define PARLEY_PROTOCOLS_RUN_SUPPORT_H_

#include <chrono>
#include <exception>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "parley/mediator.h"
#include "parley/mediator.h"
#include "parley/protocol.h"

namespace parley::internal {

// The message of the exception in flight (for catch (...) blocks).
std::string DescribeCurrentException();

// Normalised time: step / (rounds * steps_per_round) with a round deadline, elapsed / limit with
// a wall-clock one, the larger with both.
class NegotiationClock {
 public:
  NegotiationClock(const NegotiationOptions& options, std::size_t steps_per_round);
  double elapsed_seconds() const;
  // Time of step `step`; sets `past_deadline` when the deadline has been reached before it.
  double TimeOfStep(std::uint64_t step, bool& past_deadline) const;
  std::uint64_t rounds() const { return rounds_; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::uint64_t rounds_;
  double time_limit_;
  double total_steps_;
  std::size_t steps_per_round_;
};

// Throws UsageError unless there is one negotiator per party of the scenario and a deadline (in
// rounds, wall-clock time or both): the checks every protocol's Start makes.
void CheckSetup(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                const NegotiationOptions& options);

// Calls Begin on each negotiator with seed DeriveSeed(options.seed, {party}). Returns how many
// were begun; on an exception records the fault in `result` and stops.
std::size_t BeginNegotiators(const Scenario& scenario, const std::vector<Negotiator*>& negotiators,
                             const NegotiationOptions& options, NegotiationResult& result);

// Records a fault: the negotiation ends now, without agreement.
void RecordFault(NegotiationResult& result, std::size_t party, std::string message, double time);

// Records a fault of mediator `mediator` under party index party_count + mediator, with a message
// naming it ("mediator 1 <message>").
void RecordMediatorFault(NegotiationResult& result, std::size_t party_count, std::size_t mediator,
                         std::string_view message, double time);

// Calls Begin on each mediator with seed DeriveSeed(options.seed, {1000 + m}) and its own
// interests from options.mediator_interests; with `disclosed` every mediator is given every
// party's profile, otherwise none. On an exception records that mediator's fault in `result`,
// stops and returns false.
bool BeginMediators(const Scenario& scenario, const std::vector<Mediator*>& mediators,
                    const NegotiationOptions& options, bool disclosed, NegotiationResult& result);

// Fills the final utilities: with an agreement each party's discounted utility of it at
// `result.time`, without one its reservation value at that time (following its schedule),
// discounted. Sets steps, rounds and elapsed time as given.
void SettleUtilities(const Scenario& scenario, NegotiationResult& result, std::uint64_t rounds_deadline);

// Tells the first `begun` negotiators the result, ignoring their failures (the result is final).
void FinishNegotiators(const std::vector<Negotiator*>& negotiators, std::size_t begun,
                       const NegotiationResult& result);

}  // namespace parley::internal

#endif  // PARLEY_PROTOCOLS_RUN_SUPPORT_H_
