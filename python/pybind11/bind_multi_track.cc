// Multi-track scenarios from Python: the built-in ceasefire-2024 and Parley multi-track files,
// their tracks, and running every track side by side (include/parley/multi_track.h).
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.h"
#include "parley/multi_track.h"
#include "python_negotiator.h"
#include "results.h"

namespace parley::python {
namespace {

using MultiTrackPtr = std::shared_ptr<MultiTrackScenario>;

struct PythonMultiTrackResult {
  std::vector<PythonResult> tracks;
  std::vector<std::string> track_names;
  std::vector<std::string> protocols;
  std::vector<std::string> parties;
  std::vector<double> overall_utilities;
  std::vector<double> overall_without_deal;
};

PythonMultiTrackResult RunTracks(const MultiTrackPtr& scenario, std::uint64_t rounds, double time_limit,
                                 std::uint64_t seed, bool trace,
                                 const std::map<std::string, std::vector<std::string>>& negotiators,
                                 const std::map<std::string, std::string>& protocols,
                                 const std::map<std::string, std::vector<std::string>>& mediators) {
  MultiTrackOptions options;
  options.rounds = rounds;
  options.time_limit_seconds = time_limit;
  options.seed = seed;
  options.record_trace = trace;
  const auto& tracks = scenario->tracks();
  auto check = [&](const auto& by_track, const char* what) {
    for (const auto& [name, value] : by_track) {
      if (!scenario->FindTrack(name)) {
        throw UsageError(fmt::format("{}: scenario '{}' has no track '{}'", what, scenario->name(), name));
      }
    }
  };
  check(negotiators, "negotiators");
  check(protocols, "protocols");
  check(mediators, "mediators");
  options.negotiators.resize(tracks.size());
  options.protocols.resize(tracks.size());
  options.mediators.resize(tracks.size());
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    if (auto it = negotiators.find(tracks[t].name); it != negotiators.end()) options.negotiators[t] = it->second;
    if (auto it = protocols.find(tracks[t].name); it != protocols.end()) options.protocols[t] = it->second;
    if (auto it = mediators.find(tracks[t].name); it != mediators.end()) options.mediators[t] = it->second;
  }
  MultiTrackResult result;
  {
    RunGuard guard;
    py::gil_scoped_release release;
    result = RunMultiTrack(*scenario, options);
  }
  PythonMultiTrackResult out;
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    const Scenario negotiation = tracks[t].Negotiation();
    out.tracks.push_back(PythonResult{std::move(result.tracks[t]), negotiation.shared_space(), tracks[t].participants});
    out.track_names.push_back(tracks[t].name);
  }
  out.protocols = result.protocols;
  for (const auto& party : scenario->parties()) out.parties.push_back(party.name);
  out.overall_utilities = result.overall_utilities;
  out.overall_without_deal = result.overall_without_deal;
  return out;
}

}  // namespace

void BindMultiTrack(py::module_& m) {
  py::class_<Track>(m, "Track", "One track of a multi-track scenario: a negotiation between some of the parties.")
      .def_readonly("name", &Track::name)
      .def_readonly("description", &Track::description)
      .def_property_readonly(
          "scenario", [](const Track& t) { return std::make_shared<Scenario>(t.Negotiation()); },
          "The scenario the participants negotiate.")
      .def_readonly("participants", &Track::participants)
      .def_readonly("protocol", &Track::protocol)
      .def_readonly("mediators", &Track::mediators)
      .def_readonly("negotiators", &Track::negotiators)
      .def_readonly("ends_at", &Track::ends_at, "Normalised time at which an event ends the track, or None.")
      .def("__repr__", [](const Track& t) {
        return fmt::format("<parley.Track '{}': {}>", t.name, fmt::join(t.participants, ", "));
      });

  py::class_<MultiTrackScenario, MultiTrackPtr>(m, "MultiTrackScenario",
                                                "Several negotiations (tracks) on one clock between parties whose "
                                                "overall utility depends on every track.")
      .def_property_readonly("name", &MultiTrackScenario::name)
      .def_property_readonly("description", &MultiTrackScenario::description)
      .def_property_readonly("parties",
                             [](const MultiTrackScenario& s) {
                               std::vector<std::string> names;
                               for (const auto& party : s.parties()) names.push_back(party.name);
                               return names;
                             })
      .def_property_readonly("tracks", &MultiTrackScenario::tracks)
      .def_property_readonly("mediators",
                             [](const MultiTrackScenario& s) {
                               std::vector<std::string> names;
                               for (const auto& mediator : s.mediators()) names.push_back(mediator.name);
                               return names;
                             })
      .def("__repr__", [](const MultiTrackScenario& s) {
        return fmt::format("<parley.MultiTrackScenario '{}': {} tracks>", s.name(), s.tracks().size());
      });

  py::class_<PythonMultiTrackResult>(m, "MultiTrackResult",
                                     "The result of every track and each party's overall utility.")
      .def_readonly("tracks", &PythonMultiTrackResult::tracks, "Each track's NegotiationResult, in track order.")
      .def_readonly("track_names", &PythonMultiTrackResult::track_names)
      .def_readonly("protocols", &PythonMultiTrackResult::protocols)
      .def_readonly("parties", &PythonMultiTrackResult::parties)
      .def_readonly("overall_utilities", &PythonMultiTrackResult::overall_utilities)
      .def_readonly("overall_without_deal", &PythonMultiTrackResult::overall_without_deal,
                    "Each party's overall utility had every track ended without agreement.");

  m.def(
      "load_multi_track",
      [](const std::filesystem::path& name_or_path) {
        return std::make_shared<MultiTrackScenario>(LoadMultiTrackScenario(name_or_path.string()));
      },
      py::arg("name_or_path"),
      "Loads a multi-track scenario: a built-in name ('ceasefire-2024'), a Parley multi-track JSON file, or any "
      "single-track scenario (as one track).");
  m.def("run_multi_track", &RunTracks, py::arg("scenario"), py::kw_only(), py::arg("rounds") = 100,
        py::arg("time_limit") = 0.0, py::arg("seed") = 0, py::arg("trace") = false,
        py::arg("negotiators") = std::map<std::string, std::vector<std::string>>{},
        py::arg("protocols") = std::map<std::string, std::string>{},
        py::arg("mediators") = std::map<std::string, std::vector<std::string>>{},
        "Runs every track side by side. negotiators, protocols and mediators override the scenario's per track "
        "name (negotiators: one spec per participant, or one for all).");
}

}  // namespace parley::python
