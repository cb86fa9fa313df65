// Writing a negotiation's trace and result for people and other programs.
//
// The trace is one record per action: step, round, relative time, party, action, the offer by
// issue value names, and each party's undiscounted utility of it. JSON Lines gives one object per
// line; CSV one row per line with a header. The result summary is one JSON object.
#ifndef PARLEY_TRACE_IO_H_
#define PARLEY_TRACE_IO_H_

#include <filesystem>
#include <ostream>
#include <string>

#include "parley/protocol.h"
#include "parley/scenario.h"

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// Who acted at a trace step or faulted: the party's name, or "mediator m (spec)" for the
// mediators of mediated protocols, who appear after the parties (index party count + m).
std::string ActorName(const Scenario& scenario, const NegotiationResult& result, std::size_t actor);
// The spec of the negotiator or mediator behind `actor`.
std::string ActorSpec(const NegotiationResult& result, std::size_t actor, std::size_t party_count);

void WriteTraceJsonLines(const Scenario& scenario, const NegotiationResult& result, std::ostream& out);
void WriteTraceCsv(const Scenario& scenario, const NegotiationResult& result, std::ostream& out);
// Chooses CSV for a path ending in .csv and JSON Lines otherwise; writes to a temporary file and
// renames it, so a failure never leaves a partial file. Throws InputError on I/O failure.
void WriteTraceFile(const Scenario& scenario, const NegotiationResult& result, const std::filesystem::path& path);

// The result as one JSON object (agreement, utilities, end reason, fault, rounds, time).
std::string ResultToJson(const Scenario& scenario, const NegotiationResult& result);

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_TRACE_IO_H_
