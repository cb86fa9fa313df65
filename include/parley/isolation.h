// Negotiators in a process of their own, so that one that crashes, hangs or eats memory costs
// only its own negotiation.
//
// The negotiator "process" (spec `process(inner=boulware, cpu=2, memory=256, timeout=5)`) is a
// stand-in that starts a worker process (the `parley-worker` program) at Begin, has it create and
// run the inner negotiator, and forwards every call over a socket, waiting at most `timeout`
// seconds for each answer. The worker runs under a CPU-time limit and an address-space limit. When
// the worker crashes, overruns a limit, stops answering or answers nonsense, it is killed and
// reaped and the stand-in throws: the protocol records the fault of that negotiator and ends that
// negotiation, as for any negotiator that throws. A well-behaved negotiator gives exactly the
// results it gives in the engine's own process. docs/reliability.md measures the cost.
#ifndef PARLEY_ISOLATION_H_
#define PARLEY_ISOLATION_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

// The registered name of the stand-in.
inline constexpr std::string_view kIsolatedNegotiator = "process";

// `spec` run in a worker process with the default limits: "process(inner=<spec>)". A spec that is
// already isolated is returned as it is. Throws UsageError for a malformed spec.
std::string IsolatedSpec(std::string_view spec);

// Throws UsageError when `protocol` (a protocol spec) lets parties ask about their own preferences
// (Protocol::AllowsElicitation) and one of `negotiators` (specs) runs in a process of its own:
// questions are not carried to a worker, so such a negotiator could not ask them. (The stand-in
// itself, run anyway, begins its inner negotiator without an oracle, as before.)
void CheckIsolatedNegotiators(std::string_view protocol, const std::vector<std::string>& negotiators);

// The worker program the stand-in starts: $PARLEY_WORKER if set, else `parley-worker` beside the
// running program, else (shared library) the one installed with the library or the one the build
// put beside it, else (static library of the build tree) the one in that build tree. Throws
// UsageError when there is none, naming the places it looked.
std::filesystem::path NegotiatorWorkerPath();

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_ISOLATION_H_
