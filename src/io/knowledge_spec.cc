// Knowledge specs (parley/knowledge.h).
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/genius_xml_internal.h"
#include "parley/error.h"
#include "parley/knowledge.h"
#include "parley/random.h"
#include "parley/spec.h"
#include "protocols/run_support.h"

namespace parley {
namespace {

// Throws UsageError naming a parameter that `kind` does not take.
void CheckParameters(const Spec& spec, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : spec.parameters()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw UsageError(fmt::format("knowledge '{}' has no parameter '{}' (its parameters: {})", spec.name(), key,
                                   fmt::join(known, ", ")));
    }
  }
}

// The parameter as a count or seed: a non-negative integer.
std::uint64_t Natural(const Spec& spec, std::string_view key, std::uint64_t otherwise) {
  if (!spec.has(key)) return otherwise;
  const std::int64_t value = spec.GetInt(key);
  if (value < 0)
    throw UsageError(fmt::format("knowledge '{}': {} is {}; expected a number >= 0", spec.name(), key, value));
  return static_cast<std::uint64_t>(value);
}

}  // namespace

std::shared_ptr<const PartialPreferences> KnowledgeFromSpec(const Scenario& scenario, std::size_t party,
                                                            std::string_view text, std::uint64_t party_seed) {
  const Spec spec = Spec::Parse(text);
  const Profile& truth = scenario.profile(party);
  if (spec.name() == "full") {
    CheckParameters(spec, {});
    return nullptr;
  }
  if (spec.name() == "ranked") {
    CheckParameters(spec, {"k", "seed"});
    const std::uint64_t k = Natural(spec, "k", 10);
    if (k == 0) throw UsageError("knowledge 'ranked': k is 0; expected at least 1 ranked outcome");
    return std::make_shared<const PartialPreferences>(RandomRanking(truth, k, Natural(spec, "seed", 0)));
  }
  if (spec.name() == "genius" || spec.name() == "genius10") {
    // GENIUS 9.1.10's user model, or 10.4's, which always ranks the worst and the best bid.
    CheckParameters(spec, {"comparisons", "seed"});
    const auto user_model = spec.name() == "genius" ? &GeniusUserModel : &Genius10UserModel;
    const std::uint64_t seed = Natural(spec, "seed", 314);
    return std::make_shared<const PartialPreferences>(
        user_model(truth, Natural(spec, "comparisons", 10), static_cast<std::int64_t>(seed != 0 ? seed : party_seed)));
  }
  if (spec.name() == "auto") {
    // What a GENIUS uncertain profile declares (genius_xml_internal.h), else the whole profile.
    CheckParameters(spec, {});
    const auto declared =
        internal::UncertainProfileField(scenario.description(), truth.name(), internal::kUncertainKnowledge);
    return declared ? KnowledgeFromSpec(scenario, party, *declared, party_seed) : nullptr;
  }
  if (spec.name() == "file") {
    CheckParameters(spec, {"path"});
    if (!spec.has("path")) throw UsageError("knowledge 'file' needs parameter 'path': write file(path=...)");
    return std::make_shared<const PartialPreferences>(
        ReadPartialPreferences(spec.GetString("path"), scenario.shared_space()));
  }
  throw UsageError(
      fmt::format("unknown knowledge '{}' (known: full, ranked, genius, genius10, file, auto)", spec.name()));
}

void SetKnowledge(const Scenario& scenario, const std::vector<std::string>& specs,
                  const std::vector<std::string>& estimators, NegotiationOptions& options) {
  const std::size_t n = scenario.party_count();
  auto per_party = [n](const std::vector<std::string>& list, std::string_view what) {
    if (list.empty() || list.size() == n) return list;
    if (list.size() == 1) return std::vector<std::string>(n, list.front());
    throw UsageError(fmt::format("{} {} given for {} parties; give one, or one per party", list.size(), what, n));
  };
  const std::vector<std::string> knowledge = per_party(specs, "knowledge specs");
  options.knowledge.assign(knowledge.size(), nullptr);
  for (std::size_t p = 0; p < knowledge.size(); ++p) {
    options.knowledge[p] = KnowledgeFromSpec(scenario, p, knowledge[p], internal::SeedOfParty(options, p));
  }
  options.estimators = per_party(estimators, "estimators");
}

}  // namespace parley
