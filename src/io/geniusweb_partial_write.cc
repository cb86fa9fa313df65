// GeniusWeb's DefaultPartialOrdering profiles written from partial preferences
// (parley/knowledge.h; docs/formats/geniusweb-json.md, "Partial orderings").
#include <fmt/format.h>

#include "io/atomic_file.h"
#include "io/json_node.h"
#include "io/scenario_files.h"
#include "parley/error.h"
#include "parley/knowledge.h"

namespace parley {
namespace {

internal::Json Bid(const OutcomeSpace& space, const Outcome& outcome) {
  internal::Json values = internal::Json::object();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    if (issue.kind() == IssueKind::kDiscrete) {
      values[issue.name()] = issue.Format(outcome[i]);
    } else {
      values[issue.name()] = static_cast<std::int64_t>(outcome[i]);
    }
  }
  return {{"issuevalues", values}};
}

}  // namespace

void WritePartialPreferences(const PartialPreferences& known, const std::string& name, const std::string& path) {
  const OutcomeSpace& space = known.space();
  internal::Json issues = internal::Json::object();
  for (const Issue& issue : space.issues()) {
    if (!issue.countable()) {
      throw UsageError(fmt::format("a GeniusWeb partial ordering lists values; issue '{}' is real", issue.name()));
    }
    internal::CheckListable(issue, "a GeniusWeb partial ordering");
    internal::Json values = internal::Json::array();
    for (std::uint64_t k = 0; k < issue.cardinality(); ++k) values.push_back(issue.Format(issue.ValueAt(k)));
    issues[issue.name()] = {{"values", values}};
  }
  internal::Json bids = internal::Json::array();
  for (const Outcome& outcome : known.outcomes()) bids.push_back(Bid(space, outcome));
  internal::Json better = internal::Json::array();
  for (const auto& [a, b] : known.relations()) better.push_back({a, b});
  internal::Json ordering = internal::Json::object();
  ordering["name"] = name;
  ordering["domain"] = {{"name", space.name()}, {"issuesValues", issues}};
  ordering["bids"] = bids;
  ordering["better"] = better;
  ordering["reservationBid"] =
      known.reservation_outcome() ? Bid(space, *known.reservation_outcome()) : internal::Json(nullptr);
  internal::Json document = internal::Json::object();
  document["DefaultPartialOrdering"] = ordering;
  WriteFileAtomically(path, document.dump(2) + "\n");
}

}  // namespace parley
