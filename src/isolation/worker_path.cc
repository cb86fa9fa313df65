// Where the `parley-worker` program is: named by the environment; beside the running program;
// for the shared library, where installation puts it or where the build puts it, both found from
// the library's own file, so that a tree works wherever it was installed, unpacked or built; for
// the static library of the build tree, in that build tree (the tests and benchmarks). Each library
// compiles this file with the places that apply to it (CMakeLists.txt, docs/install.md).
#include <dlfcn.h>
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
namespace {

#ifdef PARLEY_WORKER_FROM_LIBRARY
// Any object of this file: its address names the shared object it was loaded from.
const char kAnchor = 0;

// The folder of the shared library, or empty if the loader cannot say.
std::filesystem::path LibraryFolder() {
  Dl_info info{};
  if (dladdr(&kAnchor, &info) == 0 || info.dli_fname == nullptr) return {};
  return std::filesystem::path(info.dli_fname).parent_path().lexically_normal();
}
#endif

}  // namespace

std::filesystem::path NegotiatorWorkerPath() {
  if (const char* named = std::getenv("PARLEY_WORKER"); named != nullptr && *named != '\0') {
    if (access(named, X_OK) != 0) {
      throw UsageError(fmt::format("PARLEY_WORKER names '{}', which is not an executable program", named));
    }
    return named;
  }
  std::vector<std::string> looked;
  const auto consider = [&looked](const std::filesystem::path& candidate) {
    if (access(candidate.c_str(), X_OK) == 0) return true;
    looked.push_back(candidate.string());
    return false;
  };
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside = self.parent_path() / "parley-worker";
    if (consider(beside)) return beside;
  }
#ifdef PARLEY_WORKER_FROM_LIBRARY
  // PARLEY_WORKER_FROM_LIBRARY is the installed worker's path relative to the installed library;
  // the build puts both in one folder.
  if (const std::filesystem::path folder = LibraryFolder(); !folder.empty()) {
    for (const auto& candidate : {(folder / PARLEY_WORKER_FROM_LIBRARY).lexically_normal(), folder / "parley-worker"}) {
      if (consider(candidate)) return candidate;
    }
  }
#endif
#ifdef PARLEY_WORKER_BUILD_PATH
  if (consider(PARLEY_WORKER_BUILD_PATH)) return PARLEY_WORKER_BUILD_PATH;
#endif
  if (looked.empty()) looked.push_back("nothing");
  throw UsageError(
      fmt::format("cannot find the negotiator worker program parley-worker (looked for {}); build it "
                  "or name it with PARLEY_WORKER",
                  fmt::join(looked, ", ")));
}

}  // namespace parley
