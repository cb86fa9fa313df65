// The checks of conformance.h on scenario formats: round trips compared value by value and
// outcome by outcome, garbage given to every reader, and the samples of formats that only read.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <fstream>
#include <functional>

#include "conformance.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/scenario_format.h"

namespace parley::conformance {
namespace {

namespace fs = std::filesystem;

// Utility mismatches listed per party before the rest are only counted.
constexpr int kListedMismatches = 3;

bool Close(double a, double b, const RoundTripPrecision& precision) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  const double scale = precision.relative ? std::max({1.0, std::abs(a), std::abs(b)}) : 1.0;
  return std::abs(a - b) <= precision.tolerance * scale;
}

// The outcome of `copy` that has, issue by issue, the value of the same name as `outcome` has in
// `original` (a format may store a value differently, never rename it); nullopt when one is
// missing. Real values are taken as they are.
std::optional<Outcome> Translate(const OutcomeSpace& original, const OutcomeSpace& copy, const Outcome& outcome) {
  Outcome translated(outcome.size());
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    const Issue& issue = original.issue(i);
    if (!issue.countable()) {
      translated[i] = outcome[i];
      continue;
    }
    const auto value = copy.issue(i).Parse(issue.Format(outcome[i]));
    if (!value) return std::nullopt;
    translated[i] = *value;
  }
  return translated;
}

// Every outcome of a space up to `enumerate_up_to` outcomes, else `samples` seeded random ones.
std::vector<Outcome> OutcomesToCompare(const OutcomeSpace& space, const RoundTripPrecision& precision) {
  std::vector<Outcome> outcomes;
  if (space.enumerable() && *space.cardinality() <= precision.enumerate_up_to) {
    for (OutcomeIndex k = 0; k < *space.cardinality(); ++k) outcomes.push_back(space.OutcomeAt(k));
    return outcomes;
  }
  Rng rng(20240611);
  Outcome outcome;
  for (int k = 0; k < precision.samples; ++k) {
    space.RandomOutcome(rng, outcome);
    outcomes.push_back(outcome);
  }
  return outcomes;
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string Noise(std::uint64_t seed, std::size_t size) {
  Rng rng(seed);
  std::string text(size, '\0');
  for (char& c : text) c = static_cast<char>(rng.UniformInt(256));
  return text;
}

// Read must refuse `path` with InputError (or, when `may_read`, may read it); Recognizes must
// answer without throwing.
void ExpectRefused(Violations& violations, const ScenarioFormat& format, const std::string& name, const fs::path& path,
                   const std::string& what, bool may_read = false) {
  try {
    format.Recognizes(path);
  } catch (const std::exception& e) {
    violations.push_back(fmt::format("scenario format '{}' threw from Recognizes given {}: {}", name, what, e.what()));
  }
  try {
    format.Read(path);
    if (!may_read) violations.push_back(fmt::format("scenario format '{}' read {} as a scenario", name, what));
  } catch (const InputError&) {
    // Refused, as it should be.
  } catch (const std::exception& e) {
    violations.push_back(
        fmt::format("scenario format '{}' threw another exception than InputError given {}: {}", name, what, e.what()));
  } catch (...) {
    violations.push_back(fmt::format("scenario format '{}' threw a non-exception given {}", name, what));
  }
}

}  // namespace

Violations CheckSameScenario(const Scenario& original, const Scenario& copy, std::string_view label,
                             const RoundTripPrecision& precision) {
  Violations violations;
  auto violation = [&](std::string what) { violations.push_back(fmt::format("{}: {}", label, what)); };
  const OutcomeSpace& a = original.space();
  const OutcomeSpace& b = copy.space();
  if (a.issue_count() != b.issue_count()) {
    violation(fmt::format("{} issues, expected {}", b.issue_count(), a.issue_count()));
    return violations;
  }
  for (std::size_t i = 0; i < a.issue_count(); ++i) {
    const Issue& issue = a.issue(i);
    const Issue& other = b.issue(i);
    if (other.name() != issue.name())
      violation(fmt::format("issue {} is '{}', expected '{}'", i, other.name(), issue.name()));
    if (other.countable() != issue.countable()) {
      violation(fmt::format("issue '{}' changed kind", issue.name()));
      return violations;
    }
    if (!issue.countable()) {
      if (other.lower() != issue.lower() || other.upper() != issue.upper()) {
        violation(fmt::format("issue '{}' ranges over [{}, {}], expected [{}, {}]", issue.name(), other.lower(),
                              other.upper(), issue.lower(), issue.upper()));
      }
      continue;
    }
    if (other.cardinality() != issue.cardinality()) {
      violation(
          fmt::format("issue '{}' has {} values, expected {}", issue.name(), other.cardinality(), issue.cardinality()));
      return violations;
    }
    const std::uint64_t checked = std::min<std::uint64_t>(issue.cardinality(), precision.values_up_to);
    for (std::uint64_t position = 0; position < checked; ++position) {
      const std::string expected = issue.Format(issue.ValueAt(position));
      const std::string found = other.Format(other.ValueAt(position));
      if (found != expected) {
        violation(fmt::format("issue '{}': value {} is '{}', expected '{}'", issue.name(), position, found, expected));
        break;
      }
    }
  }
  if (original.party_count() != copy.party_count()) {
    violation(fmt::format("{} parties, expected {}", copy.party_count(), original.party_count()));
    return violations;
  }
  const std::vector<Outcome> outcomes = OutcomesToCompare(a, precision);
  for (const Profile& profile : original.profiles()) {
    const auto party = copy.FindParty(profile.name());
    if (!party) {
      violation(fmt::format("party '{}' is missing", profile.name()));
      continue;
    }
    const Profile& other = copy.profile(*party);
    for (const double time : {0.0, 0.5, 1.0}) {
      const double expected = profile.ReservationValueAt(time, 100);
      const double found = other.ReservationValueAt(time, 100);
      if (!Close(found, expected, precision)) {
        violation(fmt::format("party '{}': reservation value {} at time {}, expected {}", profile.name(), found, time,
                              expected));
      }
    }
    if (!Close(other.discount_factor(), profile.discount_factor(), precision)) {
      violation(fmt::format("party '{}': discount factor {}, expected {}", profile.name(), other.discount_factor(),
                            profile.discount_factor()));
    }
    int wrong = 0;
    for (const Outcome& outcome : outcomes) {
      const auto translated = Translate(a, b, outcome);
      if (!translated) {
        violation(fmt::format("a value of {} is missing", a.Format(outcome)));
        return violations;
      }
      const double expected = profile.Utility(outcome);
      const double found = other.Utility(*translated);
      if (!Close(found, expected, precision) && ++wrong <= kListedMismatches) {
        violation(fmt::format("party '{}': utility {} at {}, expected {}", profile.name(), found, a.Format(outcome),
                              expected));
      }
    }
    if (wrong > kListedMismatches) {
      violation(fmt::format("party '{}': {} of {} utilities differ", profile.name(), wrong, outcomes.size()));
    }
  }
  return violations;
}

Violations CheckFormatRoundTrip(const std::string& format, const Scenario& scenario, const fs::path& path,
                                const RoundTripPrecision& precision) {
  Violations violations;
  const std::string who = fmt::format("scenario format '{}' with scenario '{}'", format, scenario.name());
  Guarded(violations, who, [&] {
    const auto writer = ScenarioFormatRegistry::Create(format);
    if (!writer->CanWrite()) return;
    try {
      writer->Write(scenario, path);
    } catch (const UsageError&) {
      std::error_code ec;
      if (fs::exists(path, ec))
        violations.push_back(fmt::format("{} refused to write it but left {}", who, path.string()));
      return;
    } catch (const std::exception& e) {
      violations.push_back(fmt::format("{} neither wrote it nor refused it with UsageError: {}", who, e.what()));
      return;
    }
    if (!writer->Recognizes(path)) violations.push_back(fmt::format("{} does not recognise what it wrote", who));
    std::optional<Scenario> copy;
    try {
      copy = writer->Read(path);
    } catch (const InputError& e) {
      violations.push_back(fmt::format("{} cannot read what it wrote: {}", who, e.what()));
      return;
    }
    Append(violations, CheckSameScenario(scenario, *copy, who + ", read back", precision));
    // As LoadScenario finds it, by asking every registered format in turn.
    std::string chosen = "none";
    for (const auto* entry : ScenarioFormatRegistry::List()) {
      if (ScenarioFormatRegistry::Create(entry->name)->Recognizes(path)) {
        chosen = entry->name;
        break;
      }
    }
    try {
      Append(violations, CheckSameScenario(scenario, LoadScenario(path.string()),
                                           fmt::format("{}, read back by "
                                                       "LoadScenario as {}",
                                                       who, chosen),
                                           precision));
    } catch (const InputError& e) {
      violations.push_back(
          fmt::format("{}: LoadScenario, recognising it as {}, cannot read it: {}", who, chosen, e.what()));
    }
  });
  return violations;
}

Violations CheckRoundTrips(const Scenario& scenario, const fs::path& folder, const RoundTripPrecision& precision) {
  Violations violations;
  for (const auto& name : RegisteredNames<ScenarioFormat>()) {
    // Parley JSON is known by its extension; the folder formats do not mind it.
    const fs::path path = folder / (name + ".json");
    std::error_code ec;
    fs::remove_all(path, ec);
    Append(violations, CheckFormatRoundTrip(name, scenario, path, precision));
    fs::remove_all(path, ec);
  }
  return violations;
}

Violations CheckFormatRefusesGarbage(const std::string& name, const fs::path& folder) {
  Violations violations;
  Guarded(violations, fmt::format("scenario format '{}' given garbage", name), [&] {
    const auto format = ScenarioFormatRegistry::Create(name);
    std::error_code ec;
    fs::remove_all(folder, ec);
    fs::create_directories(folder);
    ExpectRefused(violations, *format, name, folder / "missing", "a path that does not exist");
    ExpectRefused(violations, *format, name, folder / "missing.json", "a file that does not exist");
    fs::create_directories(folder / "empty-folder");
    ExpectRefused(violations, *format, name, folder / "empty-folder", "an empty folder");
    // Files that start like each format and stop, and noise, under each extension.
    const std::vector<std::string> texts = {"",
                                            "{",
                                            "[1, 2",
                                            "null",
                                            "<?xml version=\"1.0\"?><",
                                            "<utility_space>",
                                            "a: [",
                                            "- :\n  - ]",
                                            "{\"format\": \"parley-scenario\"",
                                            Noise(1, 300),
                                            Noise(2, 4096)};
    int file = 0;
    for (const char* extension : {".json", ".xml", ".yml", ".yaml"}) {
      for (const std::string& text : texts) {
        const fs::path path = folder / fmt::format("file-{}{}", file++, extension);
        WriteFile(path, text);
        ExpectRefused(violations, *format, name, path, fmt::format("the file {}", path.filename().string()));
        // The same text as the only file of a folder, and beside noise.
        const fs::path alone = folder / fmt::format("folder-{}", file);
        WriteFile(alone / fmt::format("domain{}", extension), text);
        WriteFile(alone / fmt::format("profile{}", extension), Noise(file, 200));
        ExpectRefused(violations, *format, name, alone,
                      fmt::format("a folder of a {} file and noise", path.filename().string()));
      }
    }
  });
  return violations;
}

Violations CheckFormatSamples(const std::string& name, const fs::path& samples_root) {
  Violations violations;
  Guarded(violations, fmt::format("scenario format '{}' given its samples", name), [&] {
    const auto format = ScenarioFormatRegistry::Create(name);
    const fs::path folder = samples_root / name;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      if (!format->CanWrite()) {
        violations.push_back(
            fmt::format("scenario format '{}' only reads, so no scenario can be written to check it: "
                        "add a sample scenario in that format (a file or a folder) under {}/",
                        name, folder.string()));
      }
      return;
    }
    std::vector<fs::path> samples;
    for (const auto& entry : fs::directory_iterator(folder)) samples.push_back(entry.path());
    std::sort(samples.begin(), samples.end());
    if (samples.empty() && !format->CanWrite()) {
      violations.push_back(
          fmt::format("scenario format '{}' only reads, and {} holds no sample", name, folder.string()));
    }
    for (const fs::path& sample : samples) {
      if (!format->Recognizes(sample)) {
        violations.push_back(
            fmt::format("scenario format '{}' does not recognise its sample {}", name, sample.string()));
      }
      try {
        format->Read(sample);
        LoadScenario(sample.string());
      } catch (const InputError& e) {
        violations.push_back(fmt::format("scenario format '{}' cannot read its sample: {}", name, e.what()));
      }
    }
  });
  return violations;
}

Violations ScenarioFormatSuite(const std::vector<Scenario>& scenarios, const fs::path& work,
                               const fs::path& samples_root, const RoundTripPrecision& precision) {
  Violations violations;
  std::size_t variant = 0;
  for (const auto& spec : RegisteredVariants<ScenarioFormat>()) {
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
      // Parley JSON is known by its extension; the folder formats do not mind it.
      Append(violations,
             CheckFormatRoundTrip(spec, scenarios[k], work / fmt::format("{}-{}.json", variant, k), precision));
    }
    ++variant;
  }
  for (const auto& name : RegisteredNames<ScenarioFormat>()) {
    Append(violations, CheckFormatRefusesGarbage(name, work / (name + "-garbage")));
    Append(violations, CheckFormatSamples(name, samples_root));
  }
  return violations;
}

}  // namespace parley::conformance
