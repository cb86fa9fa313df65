// Where the `parley-worker` program is: named by the environment, installed beside the running
// program, or left in the build tree (so that the tests and benchmarks find it where they run).
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "parley/error.h"
#include "parley/isolation.h"

namespace parley {

std::filesystem::path NegotiatorWorkerPath() {
  if (const char* named = std::getenv("PARLEY_WORKER"); named != nullptr && *named != '\0') {
    if (access(named, X_OK) != 0) {
      throw UsageError(fmt::format("PARLEY_WORKER names '{}', which is not an executable program", named));
    }
    return named;
  }
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::vector<std::string> looked;
  if (!ec) {
    const std::filesystem::path beside = self.parent_path() / "parley-worker";
    if (access(beside.c_str(), X_OK) == 0) return beside;
    looked.push_back(beside.string());
  }
#ifdef PARLEY_WORKER_BUILD_PATH
  if (access(PARLEY_WORKER_BUILD_PATH, X_OK) == 0) return PARLEY_WORKER_BUILD_PATH;
  looked.push_back(PARLEY_WORKER_BUILD_PATH);
#endif
  if (looked.empty()) looked.push_back("nothing");
  throw UsageError(fmt::format("cannot find the negotiator worker program parley-worker (looked for {}); build it "
                               "or name it with PARLEY_WORKER",
                               fmt::join(looked, ", ")));
}

}  // namespace parley
