// Fuzz target: a tournament configuration file (tournaments/example.json, docs/tournaments.md).
// Arbitrary bytes must read as a configuration whose specs all create what they name, or be
// refused with InputError. The reader takes a path, so each input is written to a file first
// (in /dev/shm when there is one, to stay off the disk).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "fuzz_support.h"
#include "parley/error.h"
#include "parley/negotiator.h"
#include "parley/protocol.h"
#include "parley/tournament.h"

namespace {

// The file each input is written to, removed when the fuzzer exits.
struct InputFile {
  std::filesystem::path path;
  InputFile() {
    std::error_code ec;
    const std::filesystem::path folder =
        std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
    path = folder / fmt::format("parley-tournament-fuzz-{}.json", ::getpid());
  }
  ~InputFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley;
  static const InputFile file;
  {
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) fuzz::Broken("cannot write the input file");
  }
  TournamentConfig config;
  try {
    config = ReadTournamentConfig(file.path);
  } catch (const InputError&) {
    return 0;
  }
  // What the reader accepted must be usable as it says.
  fuzz::Require(config.repetitions >= 1, "a configuration that reads has at least one repetition");
  for (const auto& spec : config.negotiators) NegotiatorRegistry::Create(spec);
  ProtocolRegistry::Create(config.protocol);
  return 0;
}
