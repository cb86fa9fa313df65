// A worker process (the `parley-worker` program) serving one negotiator: started with
// posix_spawn, which is safe from a multithreaded engine where fork without exec is not; joined
// to the engine by a Unix socket pair; killed and reaped, always, by the engine.
//
// No descriptor leaks into it or out of it: the engine's ends are close-on-exec, the worker gets
// only its standard streams and the socket (descriptor 3), stdout going to the engine's stderr so
// that a chatty negotiator cannot corrupt the engine's output.
#ifndef PARLEY_ISOLATION_WORKER_PROCESS_H_
#define PARLEY_ISOLATION_WORKER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace parley::internal {

// Under AddressSanitizer an address-space limit cannot work (the shadow memory alone exceeds any):
// the worker is then held to the sanitizer's own resident-memory limit instead.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// The descriptor the worker talks on.
inline constexpr int kWorkerChannelFd = 3;

struct WorkerLimits {
  double cpu_seconds = 0.0;      // RLIMIT_CPU; 0: none
  std::uint64_t memory_mib = 0;  // RLIMIT_AS; 0: none
};

class WorkerProcess {
 public:
  // Starts `executable` with the limits. Throws Error when it cannot be started.
  WorkerProcess(const std::filesystem::path& executable, const WorkerLimits& limits);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  int fd() const { return fd_; }
  bool running() const { return pid_ > 0; }

  // Closes the channel and waits up to `grace_seconds` for the worker to end by itself, then kills
  // it; reaps it either way. Returns how it ended ("exited with status 1", "was killed by SIGSEGV
  // (Segmentation fault)", "exceeded its CPU time limit of 2 s"). Only the first call does it.
  std::string End(double grace_seconds);
  // Kills the worker at once and reaps it.
  std::string Kill() { return End(0.0); }

 private:
  std::string Describe(int status) const;

  pid_t pid_ = -1;
  int fd_ = -1;
  WorkerLimits limits_;
  std::string ending_;
};

}  // namespace parley::internal

#endif  // PARLEY_ISOLATION_WORKER_PROCESS_H_
