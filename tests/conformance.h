// The conformance library: the checks every implementation of an interface must pass, and the
// suites that put every registered implementation through them, so that a new negotiator, BOA
// part, mediator, protocol or scenario format is checked the moment it registers. The
// *_conformance_test.cc suites run the suites; the fuzz targets (fuzz/) run the same checks on
// what the fuzzer drives.
//
// A check returns the violations it found, one sentence each, naming the implementation at fault,
// the case (protocol, deadline, seed, scenario, parties) and what was expected against what was
// found; none is a pass. The library does not depend on GoogleTest: conformance_gtest.h turns
// violations into test failures, fuzz/fuzz_support.h aborts on the first one. An exception an
// implementation throws where its interface forbids it becomes a violation, never escapes.
//
// The contracts, per interface (docs/developing.md, "Conformance checks", says the same for
// contributors):
// - Protocols (CheckProtocolContract): a fault exactly when the end reason is kFault, naming a party
//   or mediator that exists; an agreement exactly when the reason is kAgreement, a valid outcome;
//   the deadline kept (no more rounds than the deadline, every time shown in [0, 1), one turn per
//   party per round, kDeadline only at time 1 (and after the last round when the deadline is in
//   rounds alone), a wall-clock negotiation over within 0.25 s of its limit); every final utility
//   recomputed here from the profiles (the agreement's utility or the reservation value at the end
//   time, discounted to it); the trace consistent with the result (valid offers and their utilities,
//   steps, rounds and times in order, the agreement accepted in it, a walk-away last), and the
//   agreement its referee derives from it by the protocol's rules (RefereeOf); nothing
//   recorded when no trace was asked for; each negotiator begun once with its own profile and
//   position, finished once with the result's end reason, shown valid offers and only its own
//   utilities, never its own actions; each mediator begun once with only the parties' own profiles
//   disclosed, shown valid texts and offers.
// - Negotiators and mediators (CheckPartyContract): no fault (they never throw and never make an
//   invalid move); negotiators never offer or accept an outcome worth less than their reservation
//   value at the time, unless no outcome is worth that much; every party's utility of an
//   agreement is at least its reservation value when it committed to it (its last offer or
//   acceptance of it: a rising reservation value may overtake an offer waiting on the table; a
//   party that did neither, bound by the others' votes under majority, is not held to it);
//   the same seed gives the same negotiation (CheckNegotiation), on any thread
//   (CheckIndependentOfThreads). Faithful ports of GENIUS agents whose original ignores its
//   reservation value (ReservationValueExemptions) are held to everything but the rationality of
//   their own moves and agreements: their differential tests against GENIUS's traces prove them
//   instead, and the parties facing them stay held to it.
// - Acceptance strategies (CheckAcceptanceStrategy): never accept an offer worth less than the
//   reservation value at the time of the turn, given a next offer worth at least that (which
//   bidding strategies promise: AC_next relies on it, the others check the reservation value
//   themselves); the same decisions from the same turns.
// - Bidding strategies (CheckBiddingStrategy, with every registered opponent model): valid
//   offers, the returned utility the offer's own, never below the reservation value at the time
//   unless no outcome reaches it; the same offers from the same turns.
// - Opponent models (CheckOpponentModel): finite estimates in [0, 1] for every opponent on every
//   kind of issue, also averaged over the opponents; the same estimates from the same offers.
// - Scenario formats (CheckFormatRoundTrip, CheckFormatRefusesGarbage, CheckFormatSamples): a format
//   that writes either refuses a scenario with UsageError, leaving nothing behind, or writes what it
//   recognises and reads back as the same scenario (issues and values by name, parties, reservation
//   values, discount factors, every utility), also when LoadScenario has to recognise it (the checks
//   write to paths ending in .json: Parley JSON is known by its extension, the folder formats do not
//   mind it); garbage is refused with InputError and never another exception; a format that only
//   reads has samples under tests/data/formats/<name>/, which it recognises and reads.
//
// Every check creates the implementations it runs; the checks are not thread-safe with
// registrations (Registry::ScopedEntry).
#ifndef PARLEY_TESTS_CONFORMANCE_H_
#define PARLEY_TESTS_CONFORMANCE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/mediator.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/registry.h"
#include "parley/scenario.h"

namespace parley::conformance {

using Violations = std::vector<std::string>;

// Moves `more` to the end of `to`.
void Append(Violations& to, Violations more);

// Runs `body`; an exception it throws becomes a violation "<who> threw: <what>".
void Guarded(Violations& violations, const std::string& who, const std::function<void()>& body);

// The names of every registered implementation that runs unattended, sorted: interactive entries
// (the `human` negotiator, registry.h) would wait for a person.
template <typename T>
std::vector<std::string> RegisteredNames() {
  std::vector<std::string> names;
  for (const auto* entry : Registry<T>::List()) {
    if (!entry->interactive) names.push_back(entry->name);
  }
  return names;
}

// The specs a suite runs for one entry: its name alone (the registered defaults), then the name
// with each boolean parameter flipped, then with all of them flipped when there are several:
// "single-text", "single-text(feedback=true)", "single-text(disclosed=true)",
// "single-text(disclosed=true,feedback=true)".
std::vector<std::string> SpecVariants(const std::string& name, const std::vector<ParameterInfo>& parameters);

template <typename T>
std::vector<std::string> RegisteredVariants() {
  std::vector<std::string> specs;
  for (const auto* entry : Registry<T>::List()) {
    if (entry->interactive) continue;
    for (auto& spec : SpecVariants(entry->name, entry->parameters)) specs.push_back(std::move(spec));
  }
  return specs;
}

// --- Negotiations: protocols, negotiators and mediators ----------------------------------------

// One negotiation to run and check. The scenario must outlive the case.
struct NegotiationCase {
  const Scenario* scenario = nullptr;
  std::string protocol = "saop";         // a protocol spec
  std::vector<std::string> negotiators;  // one spec per party
  std::vector<std::string> mediators;    // specs, lead first; empty for protocols without any
  NegotiationOptions options;
};

// "saop, 40 rounds, seed 3, scenario 'random-1': boulware | conceder (mediators: forward)".
std::string Describe(const NegotiationCase& negotiation);

// What the parties of a case are held to, besides the protocol's contract.
// Negotiators that reproduce another system's agent exactly, irrationality included: the original
// offers or accepts below its reservation value, so the port does too and the rationality contract
// is not checked for it. One entry per registered name, with the original's reason (each is also
// documented in docs/strategies.md).
struct ReservationValueExemption {
  std::string_view negotiator;
  std::string_view reason;
};
const std::vector<ReservationValueExemption>& ReservationValueExemptions();

// Acceptance strategies that reproduce another system's acceptance condition exactly, which
// accepts offers below the reservation value: the acceptance strategy check does not hold them to
// it, nor the rationality contract a boa(...) negotiator built with them. One entry per
// registered acceptance strategy, with the original's reason (also in docs/strategies.md).
struct AcceptanceReservationValueExemption {
  std::string_view acceptance;
  std::string_view reason;
};
const std::vector<AcceptanceReservationValueExemption>& AcceptanceReservationValueExemptions();
bool AcceptanceKeepsReservationValue(std::string_view acceptance_spec);

// Negotiators that reproduce an agent which cannot play with full information (GENIUS gives it no
// user model and it fails): without partial preferences they record a fault on starting that says
// they need them, which the no-fault contract accepts; with them they are held to everything.
struct FullInformationExemption {
  std::string_view negotiator;
  std::string_view reason;
};
const std::vector<FullInformationExemption>& FullInformationExemptions();
// True when `fault` is the start-up fault of a negotiator listed in FullInformationExemptions().
bool IsFullInformationFault(std::string_view negotiator_spec, std::string_view fault);

// False for the negotiators listed in ReservationValueExemptions(), and for boa(...) negotiators
// whose acceptance strategy is listed in AcceptanceReservationValueExemptions().
bool KeepsReservationValue(std::string_view negotiator_spec);

struct PartyContract {
  bool no_faults = true;  // no negotiator or mediator is at fault
  bool rational = true;   // offers, acceptances and agreements worth the reservation value
  // Also: the agreement worth every party's reservation value at the time it is reached (stricter
  // than at each party's commitment when reservation values rise).
  bool rational_at_end = false;
  bool reproducible = true;  // run again from the same seed (round deadlines only)
};

// Stands between a protocol and one negotiator: forwards every call and checks what the protocol
// shows the negotiator (its protocol violations) and what the negotiator does with it (its party
// violations: accepting an offer worth less than its reservation value). `inner` and `scenario`
// must outlive it. Keeps at most 20 violations of each kind.
class NegotiatorWitness final : public Negotiator {
 public:
  NegotiatorWitness(Negotiator& inner, const Scenario& scenario, std::size_t party, const NegotiationOptions& options,
                    std::string protocol, std::string label);

  void Begin(const NegotiatorContext& context) override;
  ActionType Act(const TurnState& state, Outcome& proposal) override;
  void Observe(const ObservedAction& action) override;
  void Finish(const NegotiationResult& result) override;
  std::optional<Feedback> CompareTexts(const Outcome& previous, const Outcome& next) override;
  Vote VoteOn(const VoteRequest& request, Outcome& scratch) override;
  bool VoteRanges(const MopacVoting& voting, std::vector<PowerVote>& votes, Outcome& scratch) override;
  bool OptIn(const MopacVoting& voting, std::span<const MopacBallot> ballots, std::vector<PowerVote>& mine) override;

  int begin_calls() const { return begin_calls_; }
  int finish_calls() const { return finish_calls_; }
  std::optional<EndReason> finish_reason() const { return finish_reason_; }
  // The latest normalised time the protocol showed this negotiator.
  double latest_time() const { return latest_time_; }
  const Violations& protocol_violations() const { return protocol_violations_; }
  const Violations& party_violations() const { return party_violations_; }
  // Whether to report its acceptances below its reservation value (true unless set).
  void set_checks_rationality(bool checks) { checks_rationality_ = checks; }

 private:
  void ProtocolViolation(std::string what);
  void CheckShownOffer(const Outcome* offer, double utility, std::string_view where);
  void CheckTime(double time, std::uint64_t round, std::string_view where);
  // Whether accepting the offer on the table at `time` breaks the party's reservation value.
  void CheckRationalAcceptance(const TurnState& state, std::string_view what);
  // What a MOPAC voting or opt-in phase shows (`where` names it), checked as it is shown.
  void CheckMopacVoting(const MopacVoting& voting, std::string_view where);
  // The votes the party cast: each on an offer shown, with 1 <= min <= max, rational.
  void CheckPowerVotes(const MopacVoting& voting, const std::vector<PowerVote>& votes, std::string_view what);

  Negotiator& inner_;
  const Scenario& scenario_;
  std::size_t party_;
  NegotiationOptions options_;
  std::string protocol_;
  std::string label_;
  int begin_calls_ = 0;
  int finish_calls_ = 0;
  std::optional<EndReason> finish_reason_;
  std::optional<std::uint64_t> last_round_;
  std::optional<std::uint64_t> last_step_;
  double latest_time_ = 0.0;
  Violations protocol_violations_;
  Violations party_violations_;
  bool checks_rationality_ = true;
  const Profile* shown_ = nullptr;  // the profile the protocol began it with, once begun
};

// The same for a mediator: checks what the protocol shows it (its protocol violations).
class MediatorWitness final : public Mediator {
 public:
  MediatorWitness(Mediator& inner, const Scenario& scenario, std::size_t mediator, std::size_t mediator_count,
                  const NegotiationOptions& options, std::string protocol);

  void Begin(const MediatorContext& context) override;
  bool ProposeText(const TextState& state, Outcome& text) override;
  void ObserveAnswers(const Outcome& text, const std::vector<Vote>& votes,
                      const std::vector<Feedback>& feedback) override;
  RelayDecision Relay(const RelayState& state, const Outcome& offer, Outcome& replacement) override;
  void ObserveAcceptance(std::size_t party, const Outcome& offer) override;

  int begin_calls() const { return begin_calls_; }
  // Whether the mediator refused to serve: threw UsageError when asked for a text or a relay
  // decision (as Mediator::ProposeText's default does).
  bool refused() const { return refused_; }
  const Violations& protocol_violations() const { return protocol_violations_; }

 private:
  void ProtocolViolation(std::string what);
  void CheckValid(const Outcome* outcome, std::string_view what);
  void CheckTime(double time, std::uint64_t round, std::string_view where);

  Mediator& inner_;
  const Scenario& scenario_;
  std::size_t mediator_;
  std::size_t mediator_count_;
  NegotiationOptions options_;
  std::string protocol_;
  int begin_calls_ = 0;
  bool refused_ = false;
  Violations protocol_violations_;
};

// What a protocol's rules make of a recorded trace (conformance_referee.cc): the agreement they give
// (none: no agreement), and anything in the trace the rules do not allow.
struct RefereeVerdict {
  std::optional<Outcome> agreement;
  std::vector<Coalition> coalitions;  // mopac's; time is not judged
  Violations violations;
};

// The referee of `protocol` (a spec; its name picks the referee) judging `result`'s trace, or
// nothing when no referee knows the protocol (or, under shuttle, when the trace allows readings
// that end differently: forwarding and withholding leave no entry of their own). Meaningful only for a negotiation that
// ended by the rules (an agreement, the deadline or a walk-away) and recorded its trace.
std::optional<RefereeVerdict> RefereeOf(std::string_view protocol, const Scenario& scenario,
                                        const NegotiationResult& result);

// Checks a finished negotiation against the contract every protocol keeps, from its result and
// from what the witnesses (one per party, and one per mediator or none) saw. `protocol` names the
// protocol in the violations.
Violations CheckProtocolContract(const Scenario& scenario, const NegotiationOptions& options, std::string_view protocol,
                                 const NegotiationResult& result, const std::vector<const NegotiatorWitness*>& parties,
                                 const std::vector<const MediatorWitness*>& mediators);

// Checks the parties of `negotiation` against `contract` from its result and witnesses.
Violations CheckPartyContract(const NegotiationCase& negotiation, const NegotiationResult& result,
                              const std::vector<const NegotiatorWitness*>& parties, const PartyContract& contract);

// How `again` differs from `first` (end, agreement, steps, rounds, time, utilities, fault, every
// trace entry), at most the first difference of each kind.
Violations DifferencesBetween(const NegotiationResult& first, const NegotiationResult& again);
// DifferencesBetween two runs of the same seeded case, each said to break reproducibility.
Violations CompareRuns(const NegotiationResult& first, const NegotiationResult& again);

// Creates the case's negotiators and mediators, runs it with witnesses around every party and
// checks the protocol's contract, the parties' contract and, with a round deadline alone,
// reproducibility. Every violation starts with Describe(negotiation).
Violations CheckNegotiation(const NegotiationCase& negotiation, const PartyContract& contract = {});

// Runs the case alone, then twice at once on two threads: the three results must be the same
// (no implementation keeps state outside its instance). Round deadlines only.
Violations CheckIndependentOfThreads(const NegotiationCase& negotiation);

// Whether `protocol` runs without mediators (it starts when given none).
bool RunsWithoutMediators(const std::string& protocol, const Scenario& scenario);
// The registered mediators (with their variants) that serve `protocol`: in a short negotiation
// under it the protocol takes the mediator and the mediator never refuses with UsageError
// (Mediator::ProposeText's default does, so mediators that only relay do not serve single-text
// negotiations). A mediator that serves but fails is found by the suites, not left out here.
std::vector<std::string> MediatorsServing(const std::string& protocol, const Scenario& scenario);

// --- Suites over negotiations ------------------------------------------------------------------

// Every registered negotiator as party 0 against every registered negotiator in every other seat,
// under SAOP with `options`.
Violations NegotiatorSuite(const Scenario& scenario, const NegotiationOptions& options,
                           const PartyContract& contract = {});

// Every "boa(bidding=..,acceptance=..,model=..)" combination of registered parts (defaults) as
// party 0 against each of `opponents` in every other seat, under SAOP with `options`.
std::vector<std::string> BoaCombinations();
Violations BoaSuite(const Scenario& scenario, const NegotiationOptions& options,
                    const std::vector<std::string>& opponents);

// Every variant of every registered protocol with every registered negotiator: in the k-th case
// party p plays negotiator (k + p) mod N, so each meets the others in every seat. Protocols that
// need a mediator get the first that serves them. Also checks that every case of the first
// protocol, and the first case of every other, runs the same on any thread.
Violations ProtocolSuite(const Scenario& scenario, const NegotiationOptions& options);

// Every variant of every registered mediator under every variant of every registered protocol it
// serves: with every registered negotiator as every party (all parties the same negotiator), or,
// with `mixes` > 0, in `mixes` cases per mediator and protocol of negotiators in turn (party p of
// the j-th case overall plays negotiator (j + p) mod N, so that all take part); and once as a team
// of two.
Violations MediatorSuite(const Scenario& scenario, const NegotiationOptions& options, std::size_t mixes = 0);

// --- BOA parts, directly -----------------------------------------------------------------------

Violations CheckAcceptanceStrategy(const std::string& spec);
Violations CheckBiddingStrategy(const std::string& spec, const std::string& model_spec);
Violations CheckOpponentModel(const std::string& spec);

// Every registered acceptance strategy; every bidding strategy with every opponent model; every
// opponent model.
Violations AcceptanceStrategySuite();
Violations BiddingStrategySuite();
Violations OpponentModelSuite();

// --- Preference estimators ---------------------------------------------------------------------

// Estimates from what generated profiles' parties know (Parley's random rankings of 1, 5 and 40
// outcomes, GENIUS's user model, a partial order that is no ranking): a function over the same
// space, utilities of every outcome finite and in [0, 1], the same estimate from the same
// knowledge and seed; from a ranking of every outcome of a linear additive truth, an order close
// to the truth's (Kendall's tau of at least 0.4); a real issue refused with UsageError.
Violations CheckPreferenceEstimator(const std::string& spec);
// Every registered preference estimator.
Violations PreferenceEstimatorSuite();

// --- Scenario formats --------------------------------------------------------------------------

// How closely a round trip must reproduce a scenario: numbers to `tolerance` (relative to their
// magnitude when it exceeds 1, with `relative`: formats may store large weights as decimals),
// utilities compared on every outcome of spaces up to `enumerate_up_to` outcomes and on `samples`
// seeded random outcomes of larger ones, value names up to `values_up_to` per issue.
struct RoundTripPrecision {
  double tolerance = 1e-12;
  bool relative = false;
  std::uint64_t enumerate_up_to = 100'000;
  int samples = 3000;
  std::uint64_t values_up_to = 100'000;
};

// `copy` must describe `original`: the same issues (in order, by name), the same values by name,
// the same parties by name, reservation values (at times 0, 0.5 and 1), discount factors and
// utilities. `label` says where the copy came from.
Violations CheckSameScenario(const Scenario& original, const Scenario& copy, std::string_view label,
                             const RoundTripPrecision& precision);

// Writes `scenario` with the registered format `format` to `path` (which must not exist) and
// checks the round trip (nothing to check when the format does not write).
Violations CheckFormatRoundTrip(const std::string& format, const Scenario& scenario, const std::filesystem::path& path,
                                const RoundTripPrecision& precision);
// The round trip through every registered format that writes, in fresh paths under `folder`.
Violations CheckRoundTrips(const Scenario& scenario, const std::filesystem::path& folder,
                           const RoundTripPrecision& precision);
// Garbage (missing paths, empty and random files and folders, truncated files of its own) given
// to the format's Recognizes and Read, in `folder`.
Violations CheckFormatRefusesGarbage(const std::string& format, const std::filesystem::path& folder);
// The samples under samples_root/<format>/ (one file or folder each) are recognised and read; a
// format that cannot write must have some.
Violations CheckFormatSamples(const std::string& format, const std::filesystem::path& samples_root);

// Every registered scenario format: round trips of `scenarios`, garbage and samples. `work` is an
// empty folder for the files it writes.
Violations ScenarioFormatSuite(const std::vector<Scenario>& scenarios, const std::filesystem::path& work,
                               const std::filesystem::path& samples_root, const RoundTripPrecision& precision);

}  // namespace parley::conformance

#endif  // PARLEY_TESTS_CONFORMANCE_H_
