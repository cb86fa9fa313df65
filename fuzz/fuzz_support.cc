#include "fuzz_support.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/random.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"

namespace parley::fuzz {
namespace {

// Spaces up to these sizes are walked whole, or negotiated over, on every input that reads.
constexpr std::uint64_t kWalkLimit = 4096;
constexpr std::uint64_t kNegotiateLimit = 1000;
constexpr int kSamples = 8;

bool SameNumber(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) <= 1e-9 * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

}  // namespace

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

// A folder of this process's own, removed when it exits.
struct ScratchFolder {
  std::filesystem::path path;
  ScratchFolder() {
    std::error_code ec;
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
    path = base / fmt::format("parley-fuzz-{}", ::getpid());
  }
  ~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::optional<Scenario> ReadFolderOfParts(const std::vector<std::string>& parts, std::string_view extension,
                                          std::string_view format) {
  static const ScratchFolder folder;
  std::error_code ec;
  std::filesystem::remove_all(folder.path, ec);
  std::filesystem::create_directories(folder.path);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::ofstream out(folder.path / fmt::format("part-{}{}", i + 1, extension), std::ios::binary);
    out << parts[i];
    if (!out) Broken("cannot write a part of the input");
  }
  try {
    return ScenarioFormatRegistry::Create(std::string(format))->Read(folder.path);
  } catch (const InputError&) {
    return std::nullopt;
  }
}

void Broken(std::string_view what) {
  std::fprintf(stderr, "invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void CheckSpace(const OutcomeSpace& space) {
  Rng rng(1);
  Outcome outcome;
  for (int i = 0; i < kSamples; ++i) {
    space.RandomOutcome(rng, outcome);
    std::string why;
    Require(space.IsValid(outcome, &why), fmt::format("a random outcome of the space is invalid: {}", why));
    space.Format(outcome);
    if (space.enumerable()) {
      const OutcomeIndex index = space.IndexOf(outcome);
      Require(index < *space.cardinality(), "IndexOf gave an index beyond the space's cardinality");
      Require(space.OutcomeAt(index) == outcome, "OutcomeAt(IndexOf(outcome)) is another outcome");
    }
  }
  for (const Issue& issue : space.issues()) {
    if (!issue.countable()) continue;
    for (const std::uint64_t position : {std::uint64_t{0}, issue.cardinality() / 2, issue.cardinality() - 1}) {
      const double value = issue.ValueAt(position);
      Require(issue.PositionOf(value) == position, fmt::format("issue '{}': PositionOf(ValueAt(p)) != p", issue.name()));
      const auto parsed = issue.Parse(issue.Format(value));
      Require(parsed && *parsed == value,
              fmt::format("issue '{}': the value '{}' does not parse back to itself", issue.name(), issue.Format(value)));
    }
  }
}

void CheckScenario(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  CheckSpace(space);
  Rng rng(2);
  Outcome outcome;
  for (const Profile& profile : scenario.profiles()) {
    for (int i = 0; i < kSamples; ++i) {
      space.RandomOutcome(rng, outcome);
      profile.Utility(outcome);
      profile.DiscountedUtility(outcome, 0.5);
    }
    if (space.enumerable() && *space.cardinality() <= kWalkLimit) {
      std::vector<double> all;
      profile.utility_function().EvaluateAll(all);
      Require(all.size() == *space.cardinality(), "EvaluateAll gave one utility per outcome");
      for (std::uint64_t index = 0; index < all.size(); ++index) {
        const double utility = profile.Utility(space.OutcomeAt(index));
        Require(SameNumber(all[index], utility),
                fmt::format("profile '{}': EvaluateAll gives {} but Utility gives {} for outcome {}", profile.name(),
                            all[index], utility, index));
      }
    }
  }
  if (space.enumerable() && *space.cardinality() <= kNegotiateLimit) {
    NegotiationOptions options;
    options.rounds = 20;
    options.seed = 3;
    options.record_trace = false;
    const std::vector<std::string> negotiators(scenario.party_count(), "boulware");
    const NegotiationResult result = RunNegotiation(scenario, negotiators, options);
    Require(!result.fault, fmt::format("boulware faulted on a scenario that reads: {}",
                                       result.fault ? result.fault->message : ""));
    if (result.agreement) Require(space.IsValid(*result.agreement), "the agreement is not a valid outcome");
    Require(result.utilities.size() == scenario.party_count(), "one final utility per party");
  }
}

}  // namespace parley::fuzz
