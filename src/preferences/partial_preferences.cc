// Partial preferences (parley/partial_preferences.h). The formats that carry them and the
// estimators that read them are described in docs/uncertainty.md.
#include "parley/partial_preferences.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley {

struct PartialPreferences::Data {
  std::shared_ptr<const OutcomeSpace> space;
  std::vector<Outcome> outcomes;
  std::vector<Relation> relations;
  std::optional<double> low_utility;
  std::optional<double> high_utility;
  std::optional<Outcome> reservation_outcome;
  std::vector<std::size_t> chain;                   // worst first; empty unless a ranking
  std::map<std::vector<double>, std::size_t> find;  // outcome values -> position
};

namespace {

void CheckUtility(const char* which, std::optional<double> utility) {
  if (utility && !(*utility >= 0.0 && *utility <= 1.0)) {
    throw UsageError(
        fmt::format("partial preferences: the {} utility is {}; expected a number in [0, 1]", which, *utility));
  }
}

// The relations' one chain through every outcome, worst first, or nothing. A directed acyclic
// graph has exactly one topological order when, and only when, each element of it is related to
// the next: so the chain is found by Kahn's algorithm, failing as soon as two outcomes are
// candidates at once or a cycle leaves some unplaced.
std::vector<std::size_t> ChainOf(std::size_t count, const std::vector<PartialPreferences::Relation>& relations) {
  std::vector<std::vector<std::size_t>> worse(count);
  std::vector<std::size_t> better_count(count, 0);
  for (const auto& [better, worse_one] : relations) {
    if (better == worse_one) continue;  // says nothing
    worse[better].push_back(worse_one);
    ++better_count[worse_one];
  }
  std::vector<std::size_t> best_first;
  std::vector<std::size_t> ready;
  for (std::size_t k = 0; k < count; ++k) {
    if (better_count[k] == 0) ready.push_back(k);
  }
  while (ready.size() == 1) {
    const std::size_t next = ready.back();
    ready.pop_back();
    best_first.push_back(next);
    for (std::size_t below : worse[next]) {
      if (--better_count[below] == 0) ready.push_back(below);
    }
  }
  if (best_first.size() != count) return {};
  return {best_first.rbegin(), best_first.rend()};
}

}  // namespace

// Checks the outcomes against the space and indexes them; the one place both constructors share.
std::shared_ptr<PartialPreferences::Data> PartialPreferences::NewData(std::shared_ptr<const OutcomeSpace> space,
                                                                      std::vector<Outcome> outcomes) {
  if (space == nullptr) throw UsageError("partial preferences: no outcome space");
  auto data = std::make_shared<PartialPreferences::Data>();
  for (std::size_t k = 0; k < outcomes.size(); ++k) {
    std::string why;
    if (!space->IsValid(outcomes[k], &why)) {
      throw UsageError(
          fmt::format("partial preferences: outcome {} is not an outcome of '{}': {}", k, space->name(), why));
    }
    const auto [at, added] = data->find.emplace(outcomes[k].values(), k);
    if (!added) throw UsageError(fmt::format("partial preferences: outcome {} repeats outcome {}", k, at->second));
  }
  data->space = std::move(space);
  data->outcomes = std::move(outcomes);
  return data;
}

PartialPreferences PartialPreferences::Ranking(std::shared_ptr<const OutcomeSpace> space,
                                               std::vector<Outcome> worst_first, std::optional<double> low_utility,
                                               std::optional<double> high_utility) {
  if (worst_first.empty()) throw UsageError("partial preferences: a ranking needs at least one outcome; none given");
  CheckUtility("low", low_utility);
  CheckUtility("high", high_utility);
  if (low_utility && high_utility && *high_utility < *low_utility) {
    throw UsageError(fmt::format("partial preferences: the high utility {} is below the low utility {}", *high_utility,
                                 *low_utility));
  }
  auto data = NewData(std::move(space), std::move(worst_first));
  const std::size_t count = data->outcomes.size();
  data->chain.resize(count);
  std::iota(data->chain.begin(), data->chain.end(), std::size_t{0});
  for (std::size_t k = 0; k + 1 < count; ++k) data->relations.emplace_back(k + 1, k);
  data->low_utility = low_utility;
  data->high_utility = high_utility;
  return PartialPreferences(std::move(data));
}

PartialPreferences PartialPreferences::Order(std::shared_ptr<const OutcomeSpace> space, std::vector<Outcome> outcomes,
                                             std::vector<Relation> at_least_as_good,
                                             std::optional<Outcome> reservation_outcome) {
  auto data = NewData(std::move(space), std::move(outcomes));
  const std::size_t count = data->outcomes.size();
  for (std::size_t k = 0; k < at_least_as_good.size(); ++k) {
    const auto [better, worse] = at_least_as_good[k];
    if (better >= count || worse >= count) {
      throw UsageError(fmt::format("partial preferences: relation {} is ({}, {}), but there are only {} outcomes", k,
                                   better, worse, count));
    }
  }
  if (reservation_outcome) {
    std::string why;
    if (!data->space->IsValid(*reservation_outcome, &why)) {
      throw UsageError(fmt::format("partial preferences: the reservation outcome is not an outcome of '{}': {}",
                                   data->space->name(), why));
    }
  }
  data->chain = ChainOf(count, at_least_as_good);
  data->relations = std::move(at_least_as_good);
  data->reservation_outcome = std::move(reservation_outcome);
  return PartialPreferences(std::move(data));
}

PartialPreferences PartialPreferences::WithRelations(
    const std::vector<std::pair<Outcome, Outcome>>& at_least_as_good) const {
  auto data = std::make_shared<Data>(*data_);
  auto position = [&](const Outcome& outcome) {
    const auto [at, added] = data->find.emplace(outcome.values(), data->outcomes.size());
    if (added) {
      std::string why;
      if (!data->space->IsValid(outcome, &why)) {
        throw UsageError(fmt::format("partial preferences: a related outcome is not an outcome of '{}': {}",
                                     data->space->name(), why));
      }
      data->outcomes.push_back(outcome);
    }
    return at->second;
  };
  for (const auto& [better, worse] : at_least_as_good) {
    const std::size_t first = position(better);
    data->relations.emplace_back(first, position(worse));
  }
  data->chain = ChainOf(data->outcomes.size(), data->relations);
  return PartialPreferences(std::move(data));
}

const OutcomeSpace& PartialPreferences::space() const { return *data_->space; }
const std::shared_ptr<const OutcomeSpace>& PartialPreferences::shared_space() const { return data_->space; }
const std::vector<Outcome>& PartialPreferences::outcomes() const { return data_->outcomes; }
const std::vector<PartialPreferences::Relation>& PartialPreferences::relations() const { return data_->relations; }
std::optional<double> PartialPreferences::low_utility() const { return data_->low_utility; }
std::optional<double> PartialPreferences::high_utility() const { return data_->high_utility; }
const std::optional<Outcome>& PartialPreferences::reservation_outcome() const { return data_->reservation_outcome; }
bool PartialPreferences::IsRanking() const { return !data_->chain.empty(); }

const std::vector<std::size_t>& PartialPreferences::WorstFirst() const {
  if (!IsRanking()) {
    throw UsageError(fmt::format("partial preferences: the {} outcomes are not ranked in one chain", size()));
  }
  return data_->chain;
}

std::optional<std::size_t> PartialPreferences::Find(const Outcome& outcome) const {
  const auto found = data_->find.find(outcome.values());
  if (found == data_->find.end()) return std::nullopt;
  return found->second;
}

}  // namespace parley
