// The worker's side of an isolated negotiator: read a message, make the call, answer, until the
// negotiation is finished or the engine hangs up. Used by the `parley-worker` program.
#ifndef PARLEY_ISOLATION_WORKER_LOOP_H_
#define PARLEY_ISOLATION_WORKER_LOOP_H_

namespace parley::internal {

// Exit statuses of the worker (the engine reports them if it sees them).
inline constexpr int kWorkerExitProtocolError = 70;
inline constexpr int kWorkerExitOutOfMemory = 71;
// Under AddressSanitizer: the sanitizer stopped the worker (its memory limit, or an error it found).
inline constexpr int kWorkerExitSanitizer = 72;

// Serves one negotiator on `fd` and returns the process's exit status: 0 after Finish or when the
// engine has gone.
int ServeIsolatedNegotiator(int fd);

}  // namespace parley::internal

#endif  // PARLEY_ISOLATION_WORKER_LOOP_H_
