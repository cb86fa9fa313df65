#include "parley/trace_io.h"

#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/csv.h"
#include "io/atomic_file.h"
#include "io/outcome_json.h"
#include "parley/error.h"

namespace parley {

using internal::CsvField;

std::string ActorName(const Scenario& scenario, const NegotiationResult& result, std::size_t actor) {
  if (actor < scenario.party_count()) return scenario.profile(actor).name();
  const std::size_t m = actor - scenario.party_count();
  return fmt::format("mediator {}{}", m, m < result.mediators.size() ? " (" + result.mediators[m] + ")" : "");
}

std::string ActorSpec(const NegotiationResult& result, std::size_t actor, std::size_t party_count) {
  if (actor < party_count) return actor < result.negotiators.size() ? result.negotiators[actor] : "";
  const std::size_t m = actor - party_count;
  return m < result.mediators.size() ? result.mediators[m] : "";
}

void WriteTraceJsonLines(const Scenario& scenario, const NegotiationResult& result, std::ostream& out) {
  const Trace& trace = result.trace;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    nlohmann::ordered_json line;
    line["step"] = step.step;
    line["round"] = step.round;
    line["time"] = step.time;
    line["party"] = ActorName(scenario, result, step.party);
    line["negotiator"] = ActorSpec(result, step.party, scenario.party_count());
    line["action"] = std::string(ActionTypeName(step.action));
    if (trace.has_offer(i)) {
      line["offer"] = OutcomeJson(scenario.space(), trace.offer(i));
      nlohmann::ordered_json utilities = nlohmann::ordered_json::object();
      for (std::size_t p = 0; p < trace.party_count(); ++p) utilities[scenario.profile(p).name()] = trace.utility(i, p);
      line["utilities"] = utilities;
    } else {
      line["offer"] = nullptr;
    }
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
}

void WriteTraceCsv(const Scenario& scenario, const NegotiationResult& result, std::ostream& out) {
  const Trace& trace = result.trace;
  const OutcomeSpace& space = scenario.space();
  out << "step,round,time,party,action";
  for (const auto& issue : space.issues()) out << ',' << CsvField(issue.name());
  for (const auto& profile : scenario.profiles()) out << ',' << CsvField("utility:" + profile.name());
  out << '\n';
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const Trace::Step& step = trace.step(i);
    out << step.step << ',' << step.round << ',' << fmt::format("{}", step.time) << ','
        << CsvField(ActorName(scenario, result, step.party)) << ',' << ActionTypeName(step.action);
    const bool has_offer = trace.has_offer(i);
    const Outcome offer = has_offer ? trace.offer(i) : Outcome();
    for (std::size_t k = 0; k < space.issue_count(); ++k) {
      out << ',';
      if (has_offer) out << CsvField(space.issue(k).Format(offer[k]));
    }
    for (std::size_t p = 0; p < trace.party_count(); ++p) {
      out << ',';
      if (has_offer) out << fmt::format("{}", trace.utility(i, p));
    }
    out << '\n';
  }
}

void WriteTraceFile(const Scenario& scenario, const NegotiationResult& result, const std::filesystem::path& path) {
  std::ostringstream text;
  if (path.extension() == ".csv") {
    WriteTraceCsv(scenario, result, text);
  } else {
    WriteTraceJsonLines(scenario, result, text);
  }
  WriteFileAtomically(path, text.str());
}

std::string ResultToJson(const Scenario& scenario, const NegotiationResult& result) {
  nlohmann::ordered_json json;
  json["scenario"] = scenario.name();
  json["negotiators"] = result.negotiators;
  json["agreement"] = result.agreement.has_value();
  json["end_reason"] = std::string(EndReasonName(result.end_reason));
  json["outcome"] = result.agreement ? OutcomeJson(scenario.space(), *result.agreement) : nlohmann::ordered_json();
  nlohmann::ordered_json utilities = nlohmann::ordered_json::object();
  nlohmann::ordered_json undiscounted = nlohmann::ordered_json::object();
  for (std::size_t p = 0; p < scenario.party_count(); ++p) {
    utilities[scenario.profile(p).name()] = result.utilities[p];
    undiscounted[scenario.profile(p).name()] = result.undiscounted_utilities[p];
  }
  json["utilities"] = utilities;
  json["undiscounted_utilities"] = undiscounted;
  json["steps"] = result.steps;
  json["rounds"] = result.rounds;
  json["time"] = result.time;
  json["elapsed_seconds"] = result.elapsed_seconds;
  if (result.fault) {
    json["fault"] = {{"party", ActorName(scenario, result, result.fault->party)}, {"message", result.fault->message}};
  } else {
    json["fault"] = nullptr;
  }
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace parley
