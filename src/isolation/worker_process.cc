#include "isolation/worker_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "isolation/worker_loop.h"
#include "parley/error.h"

extern char** environ;

namespace parley::internal {
namespace {

// Owns posix_spawn's file actions.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

std::string SignalName(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  if (abbreviation == nullptr) return fmt::format("signal {}", signal);
  return fmt::format("SIG{} ({})", abbreviation, description ? description : "unknown");
}

}  // namespace

WorkerProcess::WorkerProcess(const std::filesystem::path& executable, const WorkerLimits& limits) : limits_(limits) {
  int ends[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    throw Error(fmt::format("cannot create a channel to a negotiator worker: {}", std::strerror(errno)));
  }
  int child_end = ends[1];
  // dup2 onto the same number would leave close-on-exec set, so the worker's end must not be 3.
  if (child_end == kWorkerChannelFd) {
    child_end = fcntl(ends[1], F_DUPFD_CLOEXEC, kWorkerChannelFd + 1);
    close(ends[1]);
    if (child_end < 0) {
      close(ends[0]);
      throw Error(fmt::format("cannot create a channel to a negotiator worker: {}", std::strerror(errno)));
    }
  }

  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), 2, 1);
  posix_spawn_file_actions_adddup2(actions.get(), child_end, kWorkerChannelFd);
  // Descriptors other code opened without close-on-exec stay out of the worker too.
  posix_spawn_file_actions_addclosefrom_np(actions.get(), kWorkerChannelFd + 1);

  const std::string program = executable.string();
  const std::string cpu = fmt::format("{}", limits.cpu_seconds);
  const std::string memory = fmt::format("{}", limits.memory_mib);
  std::vector<char*> argv = {const_cast<char*>(program.c_str()), const_cast<char*>("--cpu"),
                             const_cast<char*>(cpu.c_str()),     const_cast<char*>("--memory"),
                             const_cast<char*>(memory.c_str()),  nullptr};
  // Under AddressSanitizer the sanitizer's resident-memory limit stands in for RLIMIT_AS; a crash
  // is left to the kernel, so that it reads as the signal it is; and the sanitizer's own stops
  // get an exit status of their own. These options come last, so they win.
  std::vector<std::string> environment;
  std::vector<char*> envp;
  char** env = environ;
  if (kAddressSanitizer) {
    std::string asan = "ASAN_OPTIONS=";
    for (char** e = environ; *e; ++e) {
      if (std::strncmp(*e, "ASAN_OPTIONS=", 13) == 0) {
        asan += std::string(*e + 13) + ":";
      } else {
        environment.emplace_back(*e);
      }
    }
    asan += fmt::format("handle_segv=0:exitcode={}:hard_rss_limit_mb={}", kWorkerExitSanitizer, limits.memory_mib);
    environment.push_back(asan);
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    env = envp.data();
  }

  pid_t pid = -1;
  const int status = posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv.data(), env);
  close(child_end);
  if (status != 0) {
    close(ends[0]);
    throw Error(fmt::format("cannot start the negotiator worker '{}': {}", program, std::strerror(status)));
  }
  pid_ = pid;
  fd_ = ends[0];
}

WorkerProcess::~WorkerProcess() { Kill(); }

std::string WorkerProcess::End(double grace_seconds) {
  if (pid_ <= 0) return ending_;
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
  int status = 0;
  pid_t reaped = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(grace_seconds);
  auto pause = std::chrono::microseconds(20);
  while (true) {
    reaped = waitpid(pid_, &status, WNOHANG);
    if (reaped == pid_ || (reaped < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      while ((reaped = waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(5000));
  }
  pid_ = -1;
  ending_ = reaped > 0 ? Describe(status) : "could not be waited for";
  return ending_;
}

std::string WorkerProcess::Describe(int status) const {
  if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    if (code == kWorkerExitOutOfMemory) return "ran out of memory";
    if (kAddressSanitizer && code == kWorkerExitSanitizer) {
      return limits_.memory_mib > 0
                 ? fmt::format(
                       "was stopped by AddressSanitizer (over its memory limit of {} MiB, or a memory error: "
                       "see its report on stderr)",
                       limits_.memory_mib)
                 : std::string("was stopped by AddressSanitizer (see its report on stderr)");
    }
    return fmt::format("exited with status {}", code);
  }
  if (!WIFSIGNALED(status)) return "ended";
  const int signal = WTERMSIG(status);
  if (signal == SIGXCPU && limits_.cpu_seconds > 0) {
    return fmt::format("exceeded its CPU time limit of {} s (SIGXCPU)", limits_.cpu_seconds);
  }
  return fmt::format("was killed by {}", SignalName(signal));
}

}  // namespace parley::internal
