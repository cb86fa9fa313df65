// The `parley-worker` program: runs one negotiator for an engine that isolates it (see
// parley/isolation.h). The engine starts it with the socket on descriptor 3 and the limits as
// arguments; the limits are set before any negotiator or plugin code runs.
//
//   parley-worker --cpu SECONDS --memory MIB
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "isolation/worker_loop.h"
#include "isolation/worker_process.h"

namespace {

int Usage(const char* why) {
  std::fprintf(stderr,
               "parley-worker: %s\nparley-worker runs one negotiator for the parley engine, which starts it; it is "
               "not meant to be started by hand.\nusage: parley-worker --cpu SECONDS --memory MIB (0: no limit), "
               "with the engine's socket on descriptor 3\n",
               why);
  return 2;
}

// Lowers a limit (never above what the engine itself was given, which could not be raised).
bool Limit(int resource, rlim_t soft, rlim_t hard) {
  rlimit limit{};
  if (getrlimit(resource, &limit) != 0) return false;
  if (limit.rlim_max != RLIM_INFINITY) {
    soft = std::min(soft, limit.rlim_max);
    hard = std::min(hard, limit.rlim_max);
  }
  limit.rlim_cur = soft;
  limit.rlim_max = hard;
  return setrlimit(resource, &limit) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  double cpu = 0.0;
  double memory = 0.0;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if ((flag != "--cpu" && flag != "--memory") || i + 1 == argc) return Usage(("unexpected argument " + flag).c_str());
    char* end = nullptr;
    const double value = std::strtod(argv[++i], &end);
    if (end == argv[i] || *end != '\0' || !(value >= 0.0) || !std::isfinite(value)) {
      return Usage((flag + " takes a number >= 0").c_str());
    }
    (flag == "--cpu" ? cpu : memory) = value;
  }
  struct stat channel {};
  if (fstat(parley::internal::kWorkerChannelFd, &channel) != 0 || !S_ISSOCK(channel.st_mode)) {
    return Usage("descriptor 3 is not the engine's socket");
  }

  // Before anything else runs: nothing inherited but the standard streams and the channel, no
  // core files, and the limits.
  close_range(parley::internal::kWorkerChannelFd + 1, ~0U, 0);
  signal(SIGPIPE, SIG_IGN);
  Limit(RLIMIT_CORE, 0, 0);
  if (cpu > 0) {
    // The soft limit sends SIGXCPU, which the engine reports as such; the hard one a second later
    // kills a negotiator that catches SIGXCPU.
    const auto seconds = static_cast<rlim_t>(std::ceil(cpu));
    if (!Limit(RLIMIT_CPU, seconds, seconds + 1)) {
      std::fprintf(stderr, "parley-worker: cannot limit CPU time: %s\n", std::strerror(errno));
      return 1;
    }
  }
  if (memory > 0 && !parley::internal::kAddressSanitizer) {
    const auto bytes = static_cast<rlim_t>(memory * 1024.0 * 1024.0);
    if (!Limit(RLIMIT_AS, bytes, bytes)) {
      std::fprintf(stderr, "parley-worker: cannot limit memory: %s\n", std::strerror(errno));
      return 1;
    }
  }
  return parley::internal::ServeIsolatedNegotiator(parley::internal::kWorkerChannelFd);
}
