// The JSON of `parley analyze --samples N --json` (see uncertain_analysis_json.h).
#include "assistant/uncertain_analysis_json.h"

#include <cmath>

#include "io/outcome_json.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;

Json Number(double x) { return std::isfinite(x) ? Json(x) : Json(); }

Json SummaryJson(const SampleSummary& summary) {
  return {{"mean", Number(summary.mean)},
          {"q05", Number(summary.quantiles[0])},
          {"q50", Number(summary.quantiles[1])},
          {"q95", Number(summary.quantiles[2])}};
}

Json ByParty(const std::vector<std::string>& parties, const std::vector<double>& values) {
  Json json = Json::object();
  for (std::size_t p = 0; p < parties.size(); ++p) json[parties[p]] = values[p];
  return json;
}

Json SolutionJson(const OutcomeSpace& space, const UncertainTrackAnalysis& track, const UncertainSolution& solution) {
  Json json;
  json["at_estimate"] = solution.at_estimate
                            ? Json{{"outcome", OutcomeJson(space, solution.at_estimate->outcome)},
                                   {"utilities", ByParty(track.parties, solution.at_estimate->utilities)}}
                            : Json();
  json["same_as_estimate"] = solution.same_as_estimate;
  json["none"] = solution.none;
  json["frequent"] = Json::array();
  for (const auto& entry : solution.frequent) {
    json["frequent"].push_back({{"outcome", OutcomeJson(space, entry.outcome)}, {"share", entry.share}});
  }
  json["utilities"] = Json::object();
  for (std::size_t p = 0; p < track.parties.size(); ++p) {
    json["utilities"][track.parties[p]] = SummaryJson(solution.utilities[p]);
  }
  json["acceptance"] = solution.acceptance ? Json(*solution.acceptance) : Json();
  json["acceptance_error"] = solution.acceptance_error ? Json(*solution.acceptance_error) : Json();
  return json;
}

Json TrackJson(const MultiTrackScenario& estimate, const UncertainTrackAnalysis& track, std::size_t t) {
  const OutcomeSpace& space = estimate.tracks()[t].stakes.space();
  const ScenarioAnalysis& at_estimate = *track.estimate;
  Json json;
  json["name"] = track.name;
  json["parties"] = track.parties;
  json["zone"] = {{"probability", track.zone_probability},
                  {"low", track.zone_low},
                  {"high", track.zone_high},
                  {"at_estimate", !at_estimate.zone().empty}};
  json["zone_size"] = SummaryJson(track.zone_size);
  json["zone_size"]["at_estimate"] = at_estimate.zone().size             ? Json(*at_estimate.zone().size)
                                     : at_estimate.zone().estimated_size ? Json(*at_estimate.zone().estimated_size)
                                                                         : Json();
  json["frontier_size"] = SummaryJson(track.frontier_size);
  json["frontier_size"]["at_estimate"] = at_estimate.frontier().points.size();
  json["solutions"] = Json::object();
  for (const auto& solution : track.solutions) json["solutions"][solution.name] = SolutionJson(space, track, solution);
  return json;
}

}  // namespace

Json UncertainAnalysisJson(const MultiTrackScenario& estimate, const UncertainAnalysisReport& report) {
  Json json;
  json["scenario"] = report.scenario;
  json["samples"] = report.samples;
  json["seed"] = report.seed;
  json["numbers"] = Json::array();
  for (const auto& number : report.numbers) json["numbers"].push_back(number.name);
  json["tracks"] = Json::array();
  for (std::size_t t = 0; t < report.tracks.size(); ++t) {
    json["tracks"].push_back(TrackJson(estimate, report.tracks[t], t));
  }
  return json;
}

}  // namespace parley
