// Tournaments from Python: the configuration as keyword arguments, the rows and the ranking as
// lists of dicts (ready for pandas.DataFrame), progress reported to a Python callable. Python
// negotiators take part through their registered names (parley.register_negotiator).
#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.h"
#include "conversions.h"
#include "parley/tournament.h"
#include "python_negotiator.h"
#include "record_dicts.h"
#include "tournament/tournament_fields.h"

namespace parley::python {
namespace {

py::list Ranking(const std::vector<NegotiatorStatistics>& statistics) {
  py::list list;
  for (const auto& s : statistics) list.append(ToDict(s));
  return list;
}

py::dict TournamentToPython(const TournamentResult& result) {
  py::list rows;
  for (const auto& row : result.rows) rows.append(ToDict(row));
  py::list scenarios;
  for (const auto& s : result.summary.scenarios) {
    py::dict d;
    d["scenario"] = s.scenario;
    d["negotiations"] = s.negotiations;
    d["ranking"] = Ranking(s.negotiators);
    scenarios.append(d);
  }
  py::dict d;
  d["rows"] = rows;
  d["ranking"] = Ranking(result.summary.negotiators);
  d["scenarios"] = scenarios;
  d["negotiations"] = result.summary.negotiations;
  d["agreements"] = result.summary.agreements;
  d["faults"] = result.summary.faults;
  d["match_count"] = result.plan.match_count;
  d["scenario_ids"] = result.plan.scenario_ids;
  d["negotiator_specs"] = result.plan.config.negotiators;
  return d;
}

py::dict Tournament(const std::vector<std::string>& negotiators, const std::vector<std::string>& scenarios,
                    std::uint64_t repetitions, std::uint64_t rounds, double time_limit, std::uint64_t seed,
                    const std::string& protocol, const std::vector<std::string>& mediators, bool self_play,
                    double budget, unsigned threads, const std::optional<std::filesystem::path>& out, bool resume,
                    const std::optional<std::function<void(std::uint64_t, std::uint64_t)>>& progress) {
  TournamentConfig config;
  config.negotiators = negotiators;
  config.scenarios = scenarios;
  config.repetitions = repetitions;
  config.rounds = rounds;
  config.time_limit_seconds = time_limit;
  config.seed = seed;
  config.protocol = protocol;
  config.mediators = mediators;
  config.self_play = self_play;
  config.budget_seconds = budget;
  config.threads = threads;
  if (out) config.out = *out;
  config.resume = resume;
  TournamentProgressCallback callback;
  if (progress) {
    // pybind11's wrapper of a Python callable takes the GIL for each call.
    callback = [report = *progress](const TournamentProgress& p) { report(p.done, p.total); };
  }
  TournamentResult result;
  {
    RunGuard guard;
    py::gil_scoped_release release;
    result = RunTournament(config, callback);
  }
  return TournamentToPython(result);
}

}  // namespace

void BindTournament(py::module_& m) {
  m.def("_tournament", &Tournament, py::arg("negotiators"), py::arg("scenarios"), py::arg("repetitions"),
        py::arg("rounds"), py::arg("time_limit"), py::arg("seed"), py::arg("protocol"), py::arg("mediators"),
        py::arg("self_play"), py::arg("budget"), py::arg("threads"), py::arg("out"), py::arg("resume"),
        py::arg("progress"));
}

}  // namespace parley::python
