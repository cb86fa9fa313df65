// What the fuzz targets share: turning the fuzzer's bytes into text, checking the invariants a
// successfully read scenario must keep, and stopping with a message when one is broken. The
// checks every implementation of an interface must pass are the conformance library's
// (tests/conformance.h), which the fuzz targets link; a violation stops the fuzzer like a broken
// invariant.
//
// A reader given arbitrary bytes must either throw InputError or return something the rest of
// Parley can use; anything else (another exception, a crash, a sanitizer report, a broken
// invariant checked here) is a bug the fuzzer reports.
#ifndef PARLEY_FUZZ_FUZZ_SUPPORT_H_
#define PARLEY_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance.h"
#include "parley/outcome_space.h"
#include "parley/scenario.h"

namespace parley::fuzz {

inline std::string Text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// The parts of `text` between occurrences of `separator` (the whole text when it has none).
std::vector<std::string> Split(const std::string& text, char separator);

// For readers of scenario folders: writes `parts` as the files part-1<extension>,
// part-2<extension>, ... of a folder of this process's own (emptied first, in /dev/shm when there
// is one) and reads the folder with the registered scenario format `format`. nullopt when the
// reader refuses it with InputError.
std::optional<Scenario> ReadFolderOfParts(const std::vector<std::string>& parts, std::string_view extension,
                                          std::string_view format);

// Prints "invariant broken: <what>" and aborts, so that the fuzzer keeps the input.
[[noreturn]] void Broken(std::string_view what);
inline void Require(bool condition, std::string_view what) {
  if (!condition) Broken(what);
}
// Breaks on the first violation of a conformance check (tests/conformance.h), if any.
void RequireNone(const conformance::Violations& violations);

// Checks an outcome space: random outcomes are valid, indices round-trip, every countable
// value formats and parses back to itself.
void CheckSpace(const OutcomeSpace& space);

// Checks a scenario: its space, every profile's utility at some outcomes, its round trips
// through every format that writes (conformance::CheckRoundTrips), and, when the space is small,
// a short negotiation of Boulware negotiators on it (conformance::CheckNegotiation).
void CheckScenario(const Scenario& scenario);

}  // namespace parley::fuzz

#endif  // PARLEY_FUZZ_FUZZ_SUPPORT_H_
