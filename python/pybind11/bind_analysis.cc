// The analysis of a scenario from Python: the Pareto frontier as arrays, the zone of agreement,
// the bargaining solutions and the metrics of an agreement (include/parley/analysis.h).
#include <fmt/format.h>
#include <pybind11/stl.h>

#include "analysis/metrics_fields.h"
#include "bindings.h"
#include "conversions.h"
#include "parley/analysis.h"
#include "record_dicts.h"

namespace parley::python {
namespace {

using AnalysisPtr = std::shared_ptr<ScenarioAnalysis>;

// A point of the frontier as Python sees it.
struct Point {
  py::tuple outcome;
  std::vector<double> utilities;
};

// An analysis together with the space its outcomes belong to.
struct Analysis {
  std::shared_ptr<const ScenarioAnalysis> analysis;
  std::shared_ptr<const OutcomeSpace> space;
};

py::object ToPoint(const Analysis& a, const std::optional<FrontierPoint>& point) {
  if (!point) return py::none();
  return py::cast(Point{OutcomeToPython(*a.space, point->outcome), point->utilities});
}

// One row per frontier point: the numbers `row` picks from it.
template <typename Row>
py::object FrontierTable(const Analysis& a, std::size_t columns, Row row) {
  const auto& points = a.analysis->frontier().points;
  std::vector<double> data;
  data.reserve(points.size() * columns);
  for (const auto& point : points) data.insert(data.end(), row(point)->begin(), row(point)->end());
  return Matrix(points.size(), columns, data);
}

Analysis Analyze(const std::shared_ptr<Scenario>& scenario, std::optional<std::uint64_t> enumeration_limit,
                 std::optional<std::size_t> frontier_point_limit, std::optional<std::size_t> samples,
                 std::uint64_t seed) {
  Analysis result{nullptr, scenario->shared_space()};
  py::gil_scoped_release release;
  if (!enumeration_limit && !frontier_point_limit && !samples && seed == 0) {
    result.analysis = ScenarioAnalysis::Of(*scenario);  // shared with every later caller
  } else {
    AnalysisOptions options;
    if (enumeration_limit) options.enumeration_limit = *enumeration_limit;
    if (frontier_point_limit) options.frontier_point_limit = *frontier_point_limit;
    if (samples) options.samples = *samples;
    options.seed = seed;
    result.analysis = std::make_shared<const ScenarioAnalysis>(*scenario, options);
  }
  return result;
}

}  // namespace

void BindAnalysis(py::module_& m) {
  py::class_<Point>(m, "Point", "A point of the Pareto frontier: an outcome and each party's utility of it.")
      .def_readonly("outcome", &Point::outcome)
      .def_readonly("utilities", &Point::utilities)
      .def("__repr__", [](const Point& p) {
        return fmt::format("<parley.Point {} utilities {}>", std::string(py::repr(p.outcome)),
                           std::string(py::repr(py::cast(p.utilities))));
      });

  py::class_<ZoneOfAgreement>(m, "Zone", "The zone of possible agreement: outcomes every party prefers to no deal.")
      .def_readonly("empty", &ZoneOfAgreement::empty)
      .def_readonly("size", &ZoneOfAgreement::size, "Number of outcomes in the zone, when the space was enumerated.")
      .def_readonly("estimated_size", &ZoneOfAgreement::estimated_size, "Otherwise, an estimate from samples.")
      .def_readonly("estimate_half_width", &ZoneOfAgreement::estimate_half_width, "Its 95% confidence half-width.")
      .def("__repr__", [](const ZoneOfAgreement& z) {
        return fmt::format("<parley.Zone empty={} size={}>", z.empty ? "True" : "False",
                           z.size ? std::to_string(*z.size) : std::string("None"));
      });

  py::class_<Analysis>(m, "Analysis",
                       "The Pareto frontier, the zone of agreement and the bargaining solutions of a scenario, on "
                       "undiscounted utilities with the reservation values as the disagreement point.")
      .def_property_readonly("party_count", [](const Analysis& a) { return a.analysis->party_count(); })
      .def_property_readonly(
          "frontier",
          [](const Analysis& a) {
            return FrontierTable(a, a.analysis->party_count(), [](const FrontierPoint& p) { return &p.utilities; });
          },
          "The Pareto frontier's utilities: an array of shape (points, parties), sorted by the first party's "
          "utility, descending.")
      .def_property_readonly(
          "frontier_outcomes",
          [](const Analysis& a) {
            return FrontierTable(a, a.space->issue_count(), [](const FrontierPoint& p) { return &p.outcome.values(); });
          },
          "The frontier's outcomes, row by row as in `frontier`: shape (points, issues), outcome encoding.")
      .def_property_readonly("frontier_exact", [](const Analysis& a) { return a.analysis->frontier().exact; })
      .def_property_readonly("frontier_method", [](const Analysis& a) { return a.analysis->frontier().method; })
      .def_property_readonly(
          "distinct_utility_vectors", [](const Analysis& a) { return a.analysis->frontier().distinct_utility_vectors; },
          "The distinct points in utility space among the frontier's outcomes (len(frontier) counts the outcomes, as "
          "GENIUS's BidSpace counts its bids).")
      .def_property_readonly(
          "frontier_comparison",
          [](const Analysis& a) {
            return a.analysis->frontier().comparison == UtilityComparison::kExact ? "exact" : "rounded";
          },
          "How dominance compared utilities: 'exact' (the doubles as computed, GENIUS's rule; enumerated spaces) or "
          "'rounded' (to 2^-40; spaces too large to enumerate).")
      .def_property_readonly("zone", [](const Analysis& a) { return a.analysis->zone(); })
      .def_property_readonly(
          "nash", [](const Analysis& a) { return ToPoint(a, a.analysis->nash()); },
          "Maximises the product of gains over the reservation values; None if the zone is empty.")
      .def_property_readonly("kalai_smorodinsky",
                             [](const Analysis& a) { return ToPoint(a, a.analysis->kalai_smorodinsky()); })
      .def_property_readonly("egalitarian", [](const Analysis& a) { return ToPoint(a, a.analysis->egalitarian()); })
      .def_property_readonly("utilitarian", [](const Analysis& a) { return ToPoint(a, a.analysis->utilitarian()); })
      .def_property_readonly("ideal_point", [](const Analysis& a) { return a.analysis->ideal_point(); })
      .def_property_readonly("reservation_values", [](const Analysis& a) { return a.analysis->reservation_values(); })
      .def_property_readonly("opposition", [](const Analysis& a) { return a.analysis->opposition(); })
      .def(
          "measure",
          [](const Analysis& a, py::handle agreement) {
            std::optional<Outcome> outcome;
            if (!agreement.is_none()) outcome = OutcomeFromPython(*a.space, agreement);
            return ToDict(a.analysis->Measure(outcome));
          },
          py::arg("agreement"),
          "Metrics of an agreement (an outcome) or of no agreement (None): a dict with 'agreement', "
          "'utilities', 'social_welfare', 'pareto_optimal', 'distance_to_pareto', 'distance_to_nash', "
          "'distance_to_kalai', 'opposition'.")
      .def("__repr__", [](const Analysis& a) {
        return fmt::format("<parley.Analysis: {} frontier points, zone {}>", a.analysis->frontier().points.size(),
                           a.analysis->zone().empty ? "empty" : "not empty");
      });

  m.def("analyze", &Analyze, py::arg("scenario"), py::kw_only(), py::arg("enumeration_limit") = py::none(),
        py::arg("frontier_point_limit") = py::none(), py::arg("samples") = py::none(), py::arg("seed") = 0,
        "Analyses a scenario. With the default options the analysis is computed once per scenario and shared.");
}

}  // namespace parley::python
