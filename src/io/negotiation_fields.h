// The fields of a negotiation's records, each listed once (common/record_fields.h): an entry of a
// trace (the JSON Lines and CSV traces, Python's NegotiationResult.trace) and the result as
// `parley negotiate --json` writes it. Who acted, offers and per-party numbers are values of their
// own types, because each format shows them its own way: the files by name, Python by index,
// tuple and list. The files' conversions are in trace_io.cc, Python's in
// python/pybind11/record_dicts.h.
#ifndef PARLEY_IO_NEGOTIATION_FIELDS_H_
#define PARLEY_IO_NEGOTIATION_FIELDS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/record_fields.h"
#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/trace_io.h"

namespace parley::internal {

// Who acted or failed: a party, or the party count + m for mediator m. The files write its name
// (ActorName), Python its index.
struct Actor {
  const Scenario* scenario;
  const NegotiationResult* result;
  std::size_t index;
};

// An offer or an agreement, or none (nullptr): an object of issue name to value in JSON, a column
// per issue in CSV (named by the issue after Field::CsvPrefix), a tuple in Python.
struct Offer {
  const OutcomeSpace* space;
  const Outcome* outcome;
};
inline bool Present(const Offer& offer) { return offer.outcome != nullptr; }

// The options of a comparison request, or none (nullptr): a list of objects in JSON, one CSV field
// of the outcomes as OutcomeSpace::Format writes them separated by " | ", a list of tuples in
// Python.
struct Offers {
  const OutcomeSpace* space;
  const std::vector<Outcome>* outcomes;
};
inline bool Present(const Offers& offers) { return offers.outcomes != nullptr; }

// A number per party (utilities), or none (nullptr): an object by party name in JSON, a column
// per party in CSV (Field::CsvPrefix and its name), a list in Python.
struct PartyValues {
  const Scenario* scenario;
  const double* values;
  std::size_t count;
};
inline bool Present(const PartyValues& values) { return values.values != nullptr; }

// One action of result.trace. `scenario` gives the names the files write; Python, which writes
// indices, may give none.
struct TraceEntry {
  const Scenario* scenario;
  const OutcomeSpace& space;
  const NegotiationResult& result;
  Trace::Step step{};
  std::optional<Outcome> offer;                     // made or accepted, or asked about
  std::vector<double> utilities;                    // each party's of the offer
  const Trace::Elicitation* elicitation = nullptr;  // the question, at a kElicit entry
};

// Entry `index` of result.trace.
inline TraceEntry TraceEntryAt(const Scenario* scenario, const OutcomeSpace& space, const NegotiationResult& result,
                               std::size_t index) {
  const Trace& trace = result.trace;
  TraceEntry entry{scenario, space, result, trace.step(index), std::nullopt, {}};
  if (trace.has_offer(index)) {
    entry.offer = trace.offer(index);
    for (std::size_t p = 0; p < trace.party_count(); ++p) entry.utilities.push_back(trace.utility(index, p));
  }
  entry.elicitation = trace.elicitation(index);
  return entry;
}

template <RecordOf<TraceEntry> Entry, typename Visitor>
void VisitFields(Entry& entry, Visitor& visit) {
  const std::size_t parties = entry.result.trace.party_count();
  visit("step", entry.step.step);
  visit("round", entry.step.round);
  visit("time", entry.step.time);
  visit("party", Actor{entry.scenario, &entry.result, entry.step.party});
  visit(Field("negotiator").Only(kJson), ActorSpec(entry.result, entry.step.party, parties));
  visit("action", ActionTypeName(entry.step.action));
  visit("offer", Offer{&entry.space, entry.offer ? &*entry.offer : nullptr});
  visit(Field("utilities").OmitWhenNone().CsvPrefix("utility:"),
        PartyValues{entry.scenario, entry.offer ? entry.utilities.data() : nullptr, parties});
  // The questions asked of preference oracles: fields only in a trace that has some, so that every
  // other trace is written as before.
  const unsigned places = entry.result.trace.has_elicitations() ? kEverywhere : 0u;
  const Trace::Elicitation* asked = entry.elicitation;
  const bool compared = asked && !asked->options.empty();
  visit(Field("charge").Only(places).OmitWhenNone(), asked ? std::optional<double>(asked->charge) : std::nullopt);
  visit(Field("rank").Only(places).OmitWhenNone(), asked ? asked->rank : std::nullopt);
  visit(Field("options").Only(places).OmitWhenNone(), Offers{&entry.space, compared ? &asked->options : nullptr});
  visit(Field("better").Only(places).OmitWhenNone(),
        compared ? std::optional<std::vector<std::size_t>>(asked->better) : std::nullopt);
  visit(Field("worse").Only(places).OmitWhenNone(),
        compared ? std::optional<std::vector<std::size_t>>(asked->worse) : std::nullopt);
}

// A fault as the negotiation's JSON writes it: who and what.
struct FaultEntry {
  Actor party;
  const std::string& message;
};

template <RecordOf<FaultEntry> Entry, typename Visitor>
void VisitFields(Entry& fault, Visitor& visit) {
  visit("party", fault.party);
  visit("message", fault.message);
}

// A negotiation's result with the scenario that names its parties and issues.
struct ResultEntry {
  const Scenario& scenario;
  const NegotiationResult& result;
};

template <RecordOf<ResultEntry> Entry, typename Visitor>
void VisitFields(Entry& entry, Visitor& visit) {
  const Scenario& scenario = entry.scenario;
  const NegotiationResult& result = entry.result;
  visit("scenario", scenario.name());
  visit("negotiators", result.negotiators);
  visit("agreement", result.agreement.has_value());
  visit("end_reason", EndReasonName(result.end_reason));
  visit("outcome", Offer{&scenario.space(), result.agreement ? &*result.agreement : nullptr});
  visit("utilities", PartyValues{&scenario, result.utilities.data(), scenario.party_count()});
  visit("undiscounted_utilities", PartyValues{&scenario, result.undiscounted_utilities.data(), scenario.party_count()});
  visit("steps", result.steps);
  visit("rounds", result.rounds);
  visit("time", result.time);
  visit("elapsed_seconds", result.elapsed_seconds);
  // Only under a protocol that allows elicitation, so that every other result is written as before.
  const unsigned elicited = result.elicitation_costs.empty() ? 0u : kEverywhere;
  visit(Field("elicitation_costs").Only(elicited),
        PartyValues{&scenario, result.elicitation_costs.data(), result.elicitation_costs.size()});
  visit(Field("elicitation_requests").Only(elicited), result.elicitation_requests);
  std::vector<double> net;
  for (std::size_t p = 0; p < result.elicitation_costs.size() && p < result.utilities.size(); ++p) {
    net.push_back(result.utilities[p] - result.elicitation_costs[p]);
  }
  visit(Field("net_utilities").Only(elicited), PartyValues{&scenario, net.data(), net.size()});
  std::optional<FaultEntry> fault;
  if (result.fault) fault.emplace(FaultEntry{Actor{&scenario, &result, result.fault->party}, result.fault->message});
  visit("fault", fault);
}

}  // namespace parley::internal

#endif  // PARLEY_IO_NEGOTIATION_FIELDS_H_
