// Tournaments from Python: the configuration as keyword arguments, the rows and the ranking as
// lists of dicts (ready for pandas.DataFrame), progress reported to a Python callable. Python
// negotiators take part through their registered names (parley.register_negotiator).
#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "parley/tournament.h"
#include "bindings.h"
#include "conversions.h"
#include "python_negotiator.h"

namespace parley::python {
namespace {

py::dict RowToPython(const TournamentRow& row) {
  py::dict d;
  d["id"] = row.id;
  d["scenario"] = row.scenario;
  d["repetition"] = row.repetition;
  d["roles"] = row.roles;
  d["negotiators"] = row.negotiators;
  d["assignment"] = row.assignment;
  d["seed"] = row.seed;
  d["agreement"] = row.agreement;
  d["issues"] = row.issues;
  d["outcome"] = row.outcome;
  d["utilities"] = row.utilities;
  d["undiscounted_utilities"] = row.undiscounted_utilities;
  d["reservation_values"] = row.reservation_values;
  d["rounds"] = row.rounds;
  d["steps"] = row.steps;
  d["time"] = row.time;
  d["social_welfare"] = OptionalToPython(row.social_welfare);
  d["distance_to_pareto"] = OptionalToPython(row.distance_to_pareto);
  d["distance_to_nash"] = OptionalToPython(row.distance_to_nash);
  d["distance_to_kalai"] = OptionalToPython(row.distance_to_kalai);
  d["pareto_optimal"] = OptionalToPython(row.pareto_optimal);
  d["opposition"] = OptionalToPython(row.opposition);
  d["end_reason"] = row.end_reason;
  d["fault"] = row.fault.empty() ? py::object(py::none()) : py::cast(row.fault);
  d["fault_party"] = OptionalToPython(row.fault_party);
  d["elapsed_seconds"] = row.elapsed_seconds;
  return d;
}

py::dict StatisticToPython(const Statistic& s) {
  py::dict d;
  d["n"] = s.n;
  d["mean"] = s.mean;
  d["half_width"] = s.half_width;
  return d;
}

py::dict NegotiatorStatisticsToPython(const NegotiatorStatistics& s) {
  py::dict d;
  d["negotiator"] = s.negotiator;
  d["rank"] = s.rank;
  d["utility"] = StatisticToPython(s.utility);
  d["advantage"] = StatisticToPython(s.advantage);
  d["welfare"] = StatisticToPython(s.welfare);
  d["agreement"] = StatisticToPython(s.agreement);
  d["distance_to_pareto"] = StatisticToPython(s.distance_to_pareto);
  d["distance_to_nash"] = StatisticToPython(s.distance_to_nash);
  d["faults"] = s.faults;
  return d;
}

py::list Ranking(const std::vector<NegotiatorStatistics>& statistics) {
  py::list list;
  for (const auto& s : statistics) list.append(NegotiatorStatisticsToPython(s));
  return list;
}

py::dict TournamentToPython(const TournamentResult& result) {
  py::list rows;
  for (const auto& row : result.rows) rows.append(RowToPython(row));
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
