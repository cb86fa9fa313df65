// The JSON of `parley mediate --json` (see mediation_json.h).
#include "assistant/mediation_json.h"

#include "io/outcome_json.h"

namespace parley {

using Json = nlohmann::ordered_json;

std::string IssueValue(const MultiTrackScenario& scenario, const IssueGrowth& growth) {
  return scenario.tracks()[growth.track].stakes.space().issue(growth.issue).Format(growth.settled_value);
}

Json PackageJson(const MultiTrackScenario& scenario, const MediationSubject& subject, const MediationPackage& package) {
  Json json;
  if (subject.joint) {
    Json parts = Json::object();
    for (std::size_t k = 0; k < package.parts.size(); ++k) {
      const Track& track = scenario.tracks()[subject.tracks[k]];
      parts[track.name] = OutcomeJson(track.stakes.space(), package.parts[k]);
    }
    json["package"] = parts;
  } else {
    json["package"] = OutcomeJson(scenario.tracks()[subject.tracks.front()].stakes.space(), package.parts.front());
  }
  json["text"] = DescribePackage(scenario, subject, package);
  Json utilities = Json::object(), gains = Json::object();
  for (std::size_t p = 0; p < subject.parties.size(); ++p) {
    utilities[subject.parties[p]] = package.utilities[p];
    gains[subject.parties[p]] = package.gains[p];
  }
  json["utilities"] = utilities;
  json["gains"] = gains;
  json["nash_product"] = package.nash_product;
  return json;
}

namespace {

Json Optional(const std::optional<double>& value) { return value ? Json(*value) : Json(); }

Json IssueJson(const MultiTrackScenario& scenario, const IssueGrowth& growth, bool zone_exists) {
  Json json;
  json["issue"] = growth.name;
  json["track"] = scenario.tracks()[growth.track].name;
  json["remaining_packages"] = growth.remaining_packages;
  json["settled"] = {{"value", zone_exists ? Json(IssueValue(scenario, growth)) : Json()},
                     {"zone_size", growth.settled_zone_size},
                     {"fraction", growth.settled_fraction},
                     {"growth", Optional(growth.settled_growth)}};
  Json removed = {{"defined", growth.removal_defined}};
  if (growth.removal_defined) {
    removed["zone_size"] = growth.removed_zone_size;
    removed["fraction"] = growth.removed_fraction;
    removed["growth"] = Optional(growth.removed_growth);
  } else {
    removed["reason"] = growth.removal_undefined_reason;
  }
  json["removed"] = removed;
  return json;
}

Json SubjectJson(const MultiTrackScenario& scenario, const MediationSubject& subject) {
  Json json;
  json["name"] = subject.name;
  json["joint"] = subject.joint;
  json["tracks"] = Json::array();
  for (std::size_t t : subject.tracks) json["tracks"].push_back(scenario.tracks()[t].name);
  json["parties"] = subject.parties;
  json["packages"] = subject.packages ? Json(*subject.packages) : Json();
  json["enumerated"] = subject.enumerated;
  json["method"] = subject.method;
  json["moments"] = Json::array();
  for (const MediationMoment& moment : subject.moments) {
    Json m;
    m["time"] = moment.time;
    Json fallbacks = Json::object();
    for (std::size_t p = 0; p < subject.parties.size(); ++p) fallbacks[subject.parties[p]] = moment.fallbacks[p];
    m["fallbacks"] = fallbacks;
    m["ended_tracks"] = moment.ended_tracks;
    m["zone"] = {{"exists", moment.zone_exists},
                 {"size", moment.zone_size ? Json(*moment.zone_size) : Json()},
                 {"fraction", Optional(moment.zone_fraction)}};
    m["best"] = Json::array();
    for (const auto& package : moment.best) m["best"].push_back(PackageJson(scenario, subject, package));
    m["issues"] = Json::array();
    for (const auto& growth : moment.issues) m["issues"].push_back(IssueJson(scenario, growth, moment.zone_exists));
    m["stumbling_block"] = moment.stumbling_block ? Json(*moment.stumbling_block) : Json();
    json["moments"].push_back(std::move(m));
  }
  return json;
}

}  // namespace

Json ReportJson(const MultiTrackScenario& scenario, const MediationReport& report) {
  Json json;
  json["scenario"] = report.scenario;
  json["times"] = report.times;
  json["top"] = report.top;
  json["tracks"] = Json::array();
  for (const auto& subject : report.tracks) json["tracks"].push_back(SubjectJson(scenario, subject));
  json["joint"] = report.joint ? SubjectJson(scenario, *report.joint) : Json();
  if (!report.joint) json["joint_note"] = report.joint_note;
  return json;
}

}  // namespace parley
