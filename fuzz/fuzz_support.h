// What the fuzz targets share: turning the fuzzer's bytes into text, checking the invariants a
// successfully read scenario must keep, and stopping with a message when one is broken.
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

// Checks an outcome space: random outcomes are valid, indices round-trip, every countable
// value formats and parses back to itself.
void CheckSpace(const OutcomeSpace& space);

// Checks that every registered format that can write `scenario` either refuses it with
// UsageError or writes what it reads back as the same scenario (issues, values, parties,
// reservation values, discount factors, utilities).
void CheckRoundTrips(const Scenario& scenario);

// Checks a scenario: its space, every profile's utility at some outcomes, its round trips
// through every format that writes, and, when the space is small, a short negotiation between
// two registered strategies on it.
void CheckScenario(const Scenario& scenario);

}  // namespace parley::fuzz

#endif  // PARLEY_FUZZ_FUZZ_SUPPORT_H_
