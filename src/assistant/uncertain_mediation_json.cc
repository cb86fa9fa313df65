// The JSON of `parley mediate --samples N --json` (see uncertain_mediation_json.h).
#include "assistant/uncertain_mediation_json.h"

#include <cmath>

#include "assistant/mediation_json.h"

namespace parley {
namespace {

using Json = nlohmann::ordered_json;

std::string_view ShapeName(UncertainNumber::Shape shape) {
  switch (shape) {
    case UncertainNumber::Shape::kUniform: return "uniform";
    case UncertainNumber::Shape::kTriangular: return "triangular";
    case UncertainNumber::Shape::kNormal: return "normal";
  }
  return "uniform";
}

Json Number(double x) { return std::isfinite(x) ? Json(x) : Json(); }

Json RobustJson(const MultiTrackScenario& estimate, const MediationSubject& at_estimate, const RobustPackage& package) {
  Json json = PackageJson(estimate, at_estimate, package.at_estimate);
  json["index"] = package.index;
  json["estimate_rank"] = package.estimate_rank ? Json(package.estimate_rank) : Json();
  json["acceptance"] = package.acceptance;
  json["acceptance_error"] = package.acceptance_error;
  json["expected_nash_product"] = package.expected_nash;
  return json;
}

Json SubjectJson(const MultiTrackScenario& estimate, const UncertainMediationReport& report,
                 const UncertainSubject& subject) {
  const MediationSubject& at_estimate = SubjectAtEstimate(report, subject);
  Json json;
  json["name"] = subject.name;
  json["joint"] = subject.joint;
  json["parties"] = subject.parties;
  json["issues"] = subject.issues;
  json["packages"] = subject.packages;
  json["moments"] = Json::array();
  for (const UncertainMoment& moment : subject.moments) {
    Json m;
    m["time"] = moment.time;
    m["zone"] = {{"probability", moment.zone_probability},
                 {"low", moment.zone_low},
                 {"high", moment.zone_high},
                 {"at_estimate", moment.zone_at_estimate}};
    m["zone_fraction"] = {{"mean", moment.zone_fraction_mean},
                          {"q05", moment.zone_fraction_quantiles[0]},
                          {"q50", moment.zone_fraction_quantiles[1]},
                          {"q95", moment.zone_fraction_quantiles[2]}};
    m["robust"] = Json::array();
    for (const auto& package : moment.robust) m["robust"].push_back(RobustJson(estimate, at_estimate, package));
    m["estimate_best"] = Json::array();
    for (const auto& package : moment.estimate_best) {
      m["estimate_best"].push_back(RobustJson(estimate, at_estimate, package));
    }
    m["stumbling_blocks"] = Json::object();
    for (const auto& [issue, share] : moment.stumbling_blocks) m["stumbling_blocks"][issue] = share;
    m["stumbling_block_at_estimate"] =
        moment.stumbling_block_at_estimate ? Json(*moment.stumbling_block_at_estimate) : Json();
    json["moments"].push_back(std::move(m));
  }
  return json;
}

}  // namespace

const MediationSubject& SubjectAtEstimate(const UncertainMediationReport& report, const UncertainSubject& subject) {
  if (subject.joint) return *report.estimate.joint;
  for (const auto& track : report.estimate.tracks) {
    if (track.name == subject.name) return track;
  }
  return report.estimate.tracks.front();
}

Json UncertainReportJson(const MultiTrackScenario& estimate, const UncertainMediationReport& report) {
  Json json;
  json["scenario"] = report.estimate.scenario;
  json["samples"] = report.samples;
  json["seed"] = report.seed;
  json["evaluations"] = report.evaluations;
  json["numbers"] = Json::array();
  for (const auto& number : report.numbers) {
    Json places = Json::array();
    for (const auto& place : number.places) places.push_back(place.path);
    json["numbers"].push_back({{"name", number.name},
                               {"shape", ShapeName(number.shape)},
                               {"low", number.low},
                               {"high", number.high},
                               {"mode", number.mode},
                               {"mean", number.mean},
                               {"sd", number.sd},
                               {"estimate", number.estimate},
                               {"places", places}});
  }
  json["estimate"] = ReportJson(estimate, report.estimate);
  json["tracks"] = Json::array();
  for (const auto& subject : report.tracks) json["tracks"].push_back(SubjectJson(estimate, report, subject));
  json["joint"] = report.joint ? SubjectJson(estimate, report, *report.joint) : Json();
  json["sensitivity"] = Json::array();
  for (const auto& output : report.sensitivity) {
    Json indices = Json::array();
    for (std::size_t i = 0; i < output.estimate.indices.size(); ++i) {
      const SobolIndex& index = output.estimate.indices[i];
      indices.push_back({{"number", report.numbers[i].name},
                         {"first", Number(index.first)},
                         {"first_error", Number(index.first_error)},
                         {"first_low", Number(index.first_low)},
                         {"first_high", Number(index.first_high)},
                         {"total", Number(index.total)},
                         {"total_error", Number(index.total_error)},
                         {"total_low", Number(index.total_low)},
                         {"total_high", Number(index.total_high)}});
    }
    json["sensitivity"].push_back({{"subject", output.subject},
                                   {"time", output.time},
                                   {"output", output.output},
                                   {"mean", output.estimate.mean},
                                   {"variance", output.estimate.variance},
                                   {"indices", indices}});
  }
  json["notes"] = report.notes;
  return json;
}

}  // namespace parley
