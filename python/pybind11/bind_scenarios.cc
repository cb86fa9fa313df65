// Scenarios from Python: loading and saving with any registered format, and inspecting the
// outcome space (issues, values, outcomes) and each party's profile (utilities, reservation value,
// discounting, the weights and value functions of linear additive profiles).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.h"
#include "common/mapped.h"
#include "conversions.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "parley/scenario_format.h"
#include "parley/utility.h"

namespace parley::python {
namespace {

using SpacePtr = std::shared_ptr<OutcomeSpace>;
using ProfilePtr = std::shared_ptr<Profile>;
using ScenarioPtr = std::shared_ptr<Scenario>;

// The classes are immutable; Python holds them as shared, never modified, objects.
SpacePtr Shared(const std::shared_ptr<const OutcomeSpace>& space) {
  return std::const_pointer_cast<OutcomeSpace>(space);
}

std::size_t IssueIndex(const OutcomeSpace& space, py::handle issue) {
  if (py::isinstance<py::str>(issue)) {
    const std::string name = issue.cast<std::string>();
    if (auto index = space.FindIssue(name)) return *index;
    throw UsageError(fmt::format("space '{}' has no issue '{}'", space.name(), name));
  }
  const auto index = issue.cast<std::int64_t>();
  if (index < 0 || static_cast<std::size_t>(index) >= space.issue_count()) {
    throw UsageError(
        fmt::format("issue {} is out of range: space '{}' has {} issues", index, space.name(), space.issue_count()));
  }
  return static_cast<std::size_t>(index);
}

std::size_t PartyIndex(const Scenario& scenario, py::handle party) {
  if (py::isinstance<py::str>(party)) {
    const std::string name = party.cast<std::string>();
    if (auto index = scenario.FindParty(name)) return *index;
    throw UsageError(fmt::format("scenario '{}' has no party '{}' (its parties: {})", scenario.name(), name,
                                 fmt::join(internal::Mapped(scenario.profiles(), &Profile::name), ", ")));
  }
  const auto index = party.cast<std::int64_t>();
  if (index < 0 || static_cast<std::size_t>(index) >= scenario.party_count()) {
    throw UsageError(fmt::format("party {} is out of range: scenario '{}' has {} parties", index, scenario.name(),
                                 scenario.party_count()));
  }
  return static_cast<std::size_t>(index);
}

void RequireEnumerable(const OutcomeSpace& space) {
  if (!space.enumerable()) {
    throw UsageError(fmt::format("space '{}' cannot be enumerated: {} outcomes", space.name(), space.DescribeSize()));
  }
}

// Tables with a row per outcome are refused beyond this many outcomes (800 MB per column).
constexpr std::uint64_t kTableLimit = 100'000'000;

void RequireTable(const OutcomeSpace& space) {
  RequireEnumerable(space);
  if (*space.cardinality() > kTableLimit) {
    throw UsageError(fmt::format("space '{}' has {} outcomes, too many for a table with a row per outcome (at most {})",
                                 space.name(), *space.cardinality(), kTableLimit));
  }
}

py::object AllOutcomes(const OutcomeSpace& space) {
  RequireTable(space);
  const std::uint64_t count = *space.cardinality();
  const std::size_t n = space.issue_count();
  std::vector<double> values;
  {
    py::gil_scoped_release release;
    values.resize(count * n);
    Outcome outcome(n);
    for (OutcomeIndex index = 0; index < count; ++index) {
      space.Decode(index, outcome);
      std::copy(outcome.values().begin(), outcome.values().end(),
                values.begin() + static_cast<std::ptrdiff_t>(index * n));
    }
  }
  return Matrix(count, n, values);
}

py::object AllUtilities(const Profile& profile) {
  RequireTable(profile.utility_function().space());
  std::vector<double> utilities;
  {
    py::gil_scoped_release release;
    profile.utility_function().EvaluateAll(utilities);
  }
  return Vector(utilities);
}

// Each party's utility of every outcome: outcomes x parties.
py::object UtilityMatrix(const Scenario& scenario) {
  RequireTable(scenario.space());
  const std::size_t parties = scenario.party_count();
  std::vector<double> table;
  {
    py::gil_scoped_release release;
    std::vector<double> column;
    for (std::size_t p = 0; p < parties; ++p) {
      scenario.profile(p).utility_function().EvaluateAll(column);
      if (table.empty()) table.resize(column.size() * parties);
      for (std::size_t i = 0; i < column.size(); ++i) table[i * parties + p] = column[i];
    }
  }
  return Matrix(table.size() / parties, parties, table);
}

const LinearAdditiveUtility* LinearAdditive(const Profile& profile) {
  return dynamic_cast<const LinearAdditiveUtility*>(&profile.utility_function());
}

py::object ValueUtilities(const Profile& profile, py::handle issue_ref) {
  const auto* linear = LinearAdditive(profile);
  if (!linear) return py::none();
  const OutcomeSpace& space = linear->space();
  const std::size_t i = IssueIndex(space, issue_ref);
  const Issue& issue = space.issue(i);
  if (!issue.countable()) return py::none();
  py::list values;
  for (std::uint64_t position = 0; position < issue.cardinality(); ++position) {
    values.append(linear->value_functions()[i].Evaluate(issue, issue.ValueAt(position)));
  }
  return values;
}

std::string Repr(const Scenario& scenario) {
  return fmt::format("<parley.Scenario '{}': {} issues, {} outcomes, parties {}>", scenario.name(),
                     scenario.space().issue_count(), scenario.space().DescribeSize(),
                     fmt::join(internal::Mapped(scenario.profiles(), &Profile::name), ", "));
}

}  // namespace

void BindScenarios(py::module_& m) {
  py::class_<Issue>(m, "Issue", "One issue of an outcome space: discrete (named values), integer or real.")
      .def_property_readonly("name", &Issue::name)
      .def_property_readonly(
          "kind", [](const Issue& issue) { return std::string(IssueKindName(issue.kind())); },
          "'discrete', 'integer' or 'real'.")
      .def_property_readonly("countable", &Issue::countable)
      .def_property_readonly("cardinality", &Issue::cardinality, "Number of values; 0 for a real issue.")
      .def_property_readonly("values", &Issue::values, "A discrete issue's value names, in order; [] otherwise.")
      .def_property_readonly("lower", &Issue::lower, "Lower bound of an integer or real issue.")
      .def_property_readonly("upper", &Issue::upper, "Upper bound of an integer or real issue.")
      .def("format", &Issue::Format, py::arg("value"), "A value (in the outcome encoding) as a person reads it.")
      .def("__repr__", [](const Issue& issue) {
        return fmt::format("<parley.Issue '{}': {}, {} values>", issue.name(), IssueKindName(issue.kind()),
                           issue.countable() ? std::to_string(issue.cardinality()) : std::string("real"));
      });

  py::class_<OutcomeSpace, SpacePtr>(
      m, "OutcomeSpace",
      "The issues of a negotiation and the outcomes they make. Outcomes are tuples with one value per issue: "
      "the value's position for a discrete issue, the number for a numeric one; methods taking an outcome "
      "also accept value names, and dicts from issue names to values.")
      .def_property_readonly("name", &OutcomeSpace::name)
      .def_property_readonly("issues", &OutcomeSpace::issues)
      .def_property_readonly("issue_count", &OutcomeSpace::issue_count)
      .def(
          "issue", [](const OutcomeSpace& space, py::handle issue) { return space.issue(IssueIndex(space, issue)); },
          py::arg("issue"), "An issue by position or name.")
      .def_property_readonly("cardinality", &OutcomeSpace::cardinality,
                             "Number of outcomes; None when the space cannot be enumerated.")
      .def_property_readonly("enumerable", &OutcomeSpace::enumerable)
      .def_property_readonly("log10_cardinality", &OutcomeSpace::log10_cardinality)
      .def("describe_size", &OutcomeSpace::DescribeSize)
      .def(
          "outcome",
          [](const OutcomeSpace& space, OutcomeIndex index) {
            RequireEnumerable(space);
            if (index >= *space.cardinality()) {
              throw UsageError(fmt::format("outcome index {} is out of range: space '{}' has {} outcomes", index,
                                           space.name(), *space.cardinality()));
            }
            return OutcomeToPython(space, space.OutcomeAt(index));
          },
          py::arg("index"), "The outcome at `index` in the enumeration (the last issue varies fastest).")
      .def(
          "index",
          [](const OutcomeSpace& space, py::handle outcome) {
            RequireEnumerable(space);
            return space.IndexOf(OutcomeFromPython(space, outcome));
          },
          py::arg("outcome"), "Position of an outcome in the enumeration.")
      .def("outcomes", &AllOutcomes,
           "Every outcome, in enumeration order: an array of shape (outcomes, issues) in the outcome encoding "
           "(at most 100 million outcomes).")
      .def(
          "is_valid",
          [](const OutcomeSpace& space, py::handle outcome) {
            Outcome read;
            try {
              ReadOutcome(space, outcome, read);
            } catch (const UsageError&) {
              return false;
            }
            return space.IsValid(read);
          },
          py::arg("outcome"))
      .def(
          "format",
          [](const OutcomeSpace& space, py::handle outcome) { return space.Format(OutcomeFromPython(space, outcome)); },
          py::arg("outcome"), "'issue=value, issue=value, ...'.")
      .def(
          "values",
          [](const OutcomeSpace& space, py::handle outcome) {
            return OutcomeValues(space, OutcomeFromPython(space, outcome));
          },
          py::arg("outcome"), "Each issue's value by name: {'issue': 'value', ...}.")
      .def(
          "random_outcome",
          [](const OutcomeSpace& space, std::uint64_t seed) {
            Rng rng(seed);
            Outcome outcome(space.issue_count());
            space.RandomOutcome(rng, outcome);
            return OutcomeToPython(space, outcome);
          },
          py::arg("seed"))
      .def("__repr__", [](const OutcomeSpace& space) {
        return fmt::format("<parley.OutcomeSpace '{}': {} issues, {} outcomes>", space.name(), space.issue_count(),
                           space.DescribeSize());
      });

  py::class_<Profile, ProfilePtr>(m, "Profile",
                                  "One party's preferences: utility function, reservation value, discount factor.")
      .def_property_readonly("name", &Profile::name)
      .def_property_readonly("space", &SpaceOf)
      .def_property_readonly(
          "kind", [](const Profile& p) { return std::string(p.utility_function().kind()); },
          "The utility function's representation: 'linear-additive', 'hyper-rectangle', ...")
      .def_property_readonly("reservation_value", &Profile::reservation_value,
                             "Utility of no agreement at the start of a negotiation.")
      .def_property_readonly("discount_factor", &Profile::discount_factor, "1 when not discounted.")
      .def_property_readonly("discounted", &Profile::discounted)
      .def("reservation_value_at", &Profile::ReservationValueAt, py::arg("time"), py::arg("rounds") = 0,
           "The reservation value at normalised time `time` (it may follow a schedule).")
      .def(
          "utility",
          [](const Profile& p, py::handle outcome) {
            return p.Utility(OutcomeFromPython(p.utility_function().space(), outcome));
          },
          py::arg("outcome"), "Undiscounted utility of an outcome.")
      .def(
          "discounted_utility",
          [](const Profile& p, py::handle outcome, double time) {
            return p.DiscountedUtility(OutcomeFromPython(p.utility_function().space(), outcome), time);
          },
          py::arg("outcome"), py::arg("time"), "u * d^t at normalised time t.")
      .def("utilities", &AllUtilities,
           "Utility of every outcome, in the space's enumeration order (an array of one float per outcome).")
      .def_property_readonly(
          "weights",
          [](const Profile& p) -> py::object {
            const auto* linear = LinearAdditive(p);
            return linear ? py::cast(linear->weights()) : py::none();
          },
          "Issue weights of a linear additive profile, as its utility uses them (as written for a GENIUS XML "
          "profile, whatever their sum, as GENIUS does; normalised for formats that normalise); None otherwise.")
      .def("value_utilities", &ValueUtilities, py::arg("issue"),
           "A linear additive profile's utility of each value of a countable issue (before weighting), in the "
           "issue's order; None for other profiles and real issues.")
      .def("__repr__", [](const Profile& p) {
        return fmt::format("<parley.Profile '{}': {}, reservation value {}, discount factor {}>", p.name(),
                           p.utility_function().kind(), p.reservation_value(), p.discount_factor());
      });

  py::class_<Scenario, ScenarioPtr>(m, "Scenario", "An outcome space and the private profiles of 2..N parties.")
      .def_property_readonly("name", &Scenario::name)
      .def_property_readonly("description", &Scenario::description)
      .def_property_readonly("source", &Scenario::source, "The path it was read from, if any.")
      .def_property_readonly("space", [](const Scenario& s) { return Shared(s.shared_space()); })
      .def_property_readonly("party_count", &Scenario::party_count)
      .def_property_readonly(
          "parties",
          [](const Scenario& s) {
            std::vector<std::string> names;
            for (const auto& profile : s.profiles()) names.push_back(profile.name());
            return names;
          },
          "The parties' (profiles') names, in turn order.")
      .def_property_readonly("profiles",
                             [](const Scenario& s) {
                               std::vector<ProfilePtr> profiles;
                               for (const auto& profile : s.profiles())
                                 profiles.push_back(std::make_shared<Profile>(profile));
                               return profiles;
                             })
      .def(
          "profile",
          [](const Scenario& s, py::handle party) {
            return std::make_shared<Profile>(s.profile(PartyIndex(s, party)));
          },
          py::arg("party"), "A party's profile by position or name.")
      .def(
          "with_parties",
          [](const Scenario& s, const std::vector<std::string>& names) {
            return std::make_shared<Scenario>(s.WithParties(names));
          },
          py::arg("names"), "The same scenario with only the named parties, in that order.")
      .def(
          "utilities",
          [](const Scenario& s, py::handle outcome) {
            const Outcome read = OutcomeFromPython(s.space(), outcome);
            std::vector<double> utilities;
            for (const auto& profile : s.profiles()) utilities.push_back(profile.Utility(read));
            return utilities;
          },
          py::arg("outcome"), "Each party's undiscounted utility of an outcome.")
      .def("utility_matrix", &UtilityMatrix,
           "Each party's utility of every outcome: an array of shape (outcomes, parties), rows in the space's "
           "enumeration order.")
      .def(
          "save",
          [](const Scenario& s, const std::filesystem::path& path, const std::string& format) {
            SaveScenario(s, path, format);
          },
          py::arg("path"), py::arg("format") = "parley-json", "Writes the scenario with a registered format.")
      .def("__repr__", &Repr);

  m.def(
      "load_scenario",
      [](const std::filesystem::path& name_or_path, const std::string& format) {
        return std::make_shared<Scenario>(LoadScenario(name_or_path.string(), format));
      },
      py::arg("name_or_path"), py::arg("format") = "",
      "Loads a built-in scenario by name ('ceasefire-2024#rafah'), or the scenario at a path with the named "
      "format, or with the first registered format that recognises it.");
}

}  // namespace parley::python
