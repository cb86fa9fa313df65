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

// The outcome of `copy`'s space that has, issue by issue, the value of the same name as
// `outcome` has in `original`'s (formats may store a value differently, never rename it).
Outcome Translate(const OutcomeSpace& original, const OutcomeSpace& copy, const Outcome& outcome) {
  std::vector<double> values(outcome.size());
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    const Issue& issue = original.issue(i);
    if (!issue.countable()) {
      values[i] = outcome[i];
      continue;
    }
    const auto parsed = copy.issue(i).Parse(issue.Format(outcome[i]));
    Require(parsed.has_value(), fmt::format("issue '{}': the value '{}' is missing after a round trip", issue.name(),
                                            issue.Format(outcome[i])));
    values[i] = *parsed;
  }
  return Outcome(values);
}

// `copy` (the scenario written in `format` and read back) must describe `original`: the same
// issues, values and parties by name, the same reservation values, discount factors and
// utilities (to a relative 1e-9: formats may store weights as decimals).
void CheckSameScenario(const Scenario& original, const Scenario& copy, std::string_view format) {
  auto require = [&](bool condition, std::string_view what) {
    Require(condition, fmt::format("after a round trip through {}: {}", format, what));
  };
  const OutcomeSpace& a = original.space();
  const OutcomeSpace& b = copy.space();
  require(a.issue_count() == b.issue_count(), "another number of issues");
  for (std::size_t i = 0; i < a.issue_count(); ++i) {
    const Issue& issue = a.issue(i);
    const Issue& other = b.issue(i);
    require(other.name() == issue.name(), fmt::format("issue {} is '{}', was '{}'", i, other.name(), issue.name()));
    require(other.countable() == issue.countable(), fmt::format("issue '{}' changed kind", issue.name()));
    if (!issue.countable()) {
      require(other.lower() == issue.lower() && other.upper() == issue.upper(),
              fmt::format("issue '{}' has other bounds", issue.name()));
      continue;
    }
    require(other.cardinality() == issue.cardinality(), fmt::format("issue '{}' has another value count", issue.name()));
    for (std::uint64_t position = 0; position < std::min<std::uint64_t>(issue.cardinality(), kWalkLimit); ++position) {
      require(other.Format(other.ValueAt(position)) == issue.Format(issue.ValueAt(position)),
              fmt::format("issue '{}': value {} is '{}', was '{}'", issue.name(), position,
                          other.Format(other.ValueAt(position)), issue.Format(issue.ValueAt(position))));
    }
  }
  require(original.party_count() == copy.party_count(), "another number of parties");
  Rng rng(4);
  Outcome outcome;
  for (const Profile& profile : original.profiles()) {
    const auto party = copy.FindParty(profile.name());
    require(party.has_value(), fmt::format("party '{}' is missing", profile.name()));
    const Profile& other = copy.profile(*party);
    for (const double time : {0.0, 0.5, 1.0}) {
      require(SameNumber(other.ReservationValueAt(time, 100), profile.ReservationValueAt(time, 100)),
              fmt::format("party '{}': reservation value {} at time {}, was {}", profile.name(),
                          other.ReservationValueAt(time, 100), time, profile.ReservationValueAt(time, 100)));
    }
    require(SameNumber(other.discount_factor(), profile.discount_factor()),
            fmt::format("party '{}': discount factor {}, was {}", profile.name(), other.discount_factor(),
                        profile.discount_factor()));
    for (int i = 0; i < kSamples; ++i) {
      a.RandomOutcome(rng, outcome);
      const double expected = profile.Utility(outcome);
      const double got = other.Utility(Translate(a, b, outcome));
      require(SameNumber(got, expected), fmt::format("party '{}': utility {} at {}, was {}", profile.name(), got,
                                                     a.Format(outcome), expected));
    }
  }
}

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

void CheckRoundTrips(const Scenario& scenario) {
  static const ScratchFolder scratch("written");
  for (const auto* entry : ScenarioFormatRegistry::List()) {
    const auto format = ScenarioFormatRegistry::Create(entry->name);
    if (!format->CanWrite()) continue;
    const std::filesystem::path path = scratch.Empty() / "scenario";
    try {
      format->Write(scenario, path);
    } catch (const UsageError&) {
      continue;  // the format cannot represent this scenario, and says so
    }
    std::optional<Scenario> copy;
    try {
      copy = format->Read(path);
    } catch (const InputError& e) {
      Broken(fmt::format("{} wrote a scenario it cannot read: {}", entry->name, e.what()));
    }
    CheckSameScenario(scenario, *copy, entry->name);
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
  CheckRoundTrips(scenario);
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
