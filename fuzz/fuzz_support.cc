#include "fuzz_support.h"

#include <algorithm>
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
// Round trips: utilities at kSamples random outcomes, value names up to kWalkLimit per issue, to
// a relative 1e-9 (formats may store weights as decimals).
constexpr conformance::RoundTripPrecision kRoundTrip{1e-9, true, 0, kSamples, kWalkLimit};

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

namespace {

// A folder of this process's own, removed when it exits.
struct ScratchFolder {
  std::filesystem::path path;
  explicit ScratchFolder(std::string_view purpose) {
    std::error_code ec;
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
    path = base / fmt::format("parley-fuzz-{}-{}", ::getpid(), purpose);
  }
  ~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  // The folder, emptied.
  const std::filesystem::path& Empty() const {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    std::filesystem::create_directories(path);
    return path;
  }
};

}  // namespace

std::optional<Scenario> ReadFolderOfParts(const std::vector<std::string>& parts, std::string_view extension,
                                          std::string_view format) {
  static const ScratchFolder scratch("input");
  const std::filesystem::path& folder = scratch.Empty();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::ofstream out(folder / fmt::format("part-{}{}", i + 1, extension), std::ios::binary);
    out << parts[i];
    if (!out) Broken("cannot write a part of the input");
  }
  try {
    return ScenarioFormatRegistry::Create(std::string(format))->Read(folder);
  } catch (const InputError&) {
    return std::nullopt;
  }
}

void Broken(std::string_view what) {
  std::fprintf(stderr, "invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void RequireNone(const conformance::Violations& violations) {
  if (violations.empty()) return;
  std::string what = violations.front();
  if (violations.size() > 1) what += fmt::format(" (and {} more violations)", violations.size() - 1);
  Broken(what);
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
      Require(issue.PositionOf(value) == position,
              fmt::format("issue '{}': PositionOf(ValueAt(p)) != p", issue.name()));
      const auto parsed = issue.Parse(issue.Format(value));
      Require(parsed && *parsed == value, fmt::format("issue '{}': the value '{}' does not parse back to itself",
                                                      issue.name(), issue.Format(value)));
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
  static const ScratchFolder scratch("written");
  RequireNone(conformance::CheckRoundTrips(scenario, scratch.Empty(), kRoundTrip));
  if (space.enumerable() && *space.cardinality() <= kNegotiateLimit) {
    conformance::NegotiationCase negotiation;
    negotiation.scenario = &scenario;
    negotiation.negotiators.assign(scenario.party_count(), "boulware");
    negotiation.options.rounds = 20;
    negotiation.options.seed = 3;
    negotiation.options.record_trace = false;
    // Boulware must not fault and SAOP must keep its contract; whether an agreement is rational
    // is not asked of scenarios whose numbers are arbitrary.
    conformance::PartyContract contract;
    contract.rational = false;
    contract.reproducible = false;
    RequireNone(conformance::CheckNegotiation(negotiation, contract));
  }
}

}  // namespace parley::fuzz
