// GeniusWeb's DefaultPartialOrdering profiles (docs/formats/geniusweb-json.md, "Partial
// orderings"), read into partial preferences (parley/knowledge.h) over a scenario's space. The
// keys are those of the GeniusWeb wiki's example of the jobs domain; the "domain" member is not
// checked against the space beyond what the bids name.
#include <fmt/format.h>

#include "io/json_node.h"
#include "io/scenario_files.h"
#include "parley/error.h"
#include "parley/knowledge.h"

namespace parley {
namespace {

using internal::Node;

// {"issuevalues": {issue: value}} with a value for every issue of the space.
Outcome ReadBid(const Node& bid, const OutcomeSpace& space) {
  bid.RequireObject("a bid {\"issuevalues\": {issue: value, ...}}");
  bid.CheckKeys({"issuevalues"});
  const Node values = bid.Required("issuevalues", "an object of issue: value");
  values.RequireObject("an object of issue: value");
  Outcome outcome(space.issue_count());
  std::vector<bool> given(space.issue_count(), false);
  for (const auto& [key, json] : values.json().items()) {
    const Node value = values.Member(key, json);
    const auto issue = space.FindIssue(key);
    if (!issue) value.Fail(fmt::format("'{}' is not an issue of '{}'", key, space.name()));
    const std::string text = json.is_string() ? json.get<std::string>() : json.is_number() ? json.dump() : "";
    if (text.empty()) value.Expected("a value (a string, or a number for a number issue)");
    const auto parsed = space.issue(*issue).Parse(text);
    if (!parsed || !space.issue(*issue).Contains(*parsed)) {
      value.Fail(fmt::format("\"{}\" is not a value of issue '{}'", text, key));
    }
    outcome[*issue] = *parsed;
    given[*issue] = true;
  }
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    if (!given[i]) values.Fail(fmt::format("no value for issue '{}'", space.issue(i).name()));
  }
  return outcome;
}

}  // namespace

PartialPreferences ReadPartialPreferences(const std::string& path, std::shared_ptr<const OutcomeSpace> space) {
  const std::string text = internal::ReadTextFile(path);
  const internal::Json document = internal::ParseDocument(text, path);
  const Node root(document, "", path);
  root.RequireObject("a GeniusWeb profile {\"DefaultPartialOrdering\": {...}}");
  root.CheckKeys({"DefaultPartialOrdering"});
  const Node ordering = root.Required("DefaultPartialOrdering", "the partial ordering");
  ordering.RequireObject("an object with \"name\", \"domain\", \"bids\", \"better\" and \"reservationBid\"");
  ordering.CheckKeys({"name", "domain", "bids", "better", "reservationBid"});
  const Node bids = ordering.Required("bids", "a list of bids");
  std::vector<Outcome> outcomes;
  for (std::size_t k = 0; k < bids.ArraySize("a list of bids"); ++k)
    outcomes.push_back(ReadBid(bids.Element(k), *space));
  const Node better = ordering.Required("better", "a list of pairs [i, j] of bid positions");
  std::vector<PartialPreferences::Relation> relations;
  for (std::size_t k = 0; k < better.ArraySize("a list of pairs [i, j] of bid positions"); ++k) {
    const Node pair = better.Element(k);
    if (pair.ArraySize("a pair [i, j] of bid positions") != 2) pair.Expected("a pair [i, j] of bid positions");
    std::size_t ends[2];
    for (std::size_t e = 0; e < 2; ++e) {
      const std::int64_t position = pair.Element(e).Integer("a bid position");
      if (position < 0 || static_cast<std::size_t>(position) >= outcomes.size()) {
        pair.Element(e).Fail(fmt::format("bid {} does not exist; there are {} bids", position, outcomes.size()));
      }
      ends[e] = static_cast<std::size_t>(position);
    }
    relations.emplace_back(ends[0], ends[1]);
  }
  std::optional<Outcome> reservation;
  if (auto node = ordering.Find("reservationBid"); node && !node->json().is_null()) {
    reservation = ReadBid(*node, *space);
  }
  return internal::Checked(bids, [&] {
    return PartialPreferences::Order(std::move(space), std::move(outcomes), std::move(relations),
                                     std::move(reservation));
  });
}

}  // namespace parley
