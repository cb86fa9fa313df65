// RunMultiTrack: every track of a multi-track negotiation advanced one round at a time on one
// clock, so that a negotiator on one track sees what has happened on the others, and events end
// tracks when their time comes.
#include <memory>

#include <fmt/format.h>

#include "parley/error.h"
#include "parley/mediator.h"
#include "parley/multi_track.h"
#include "parley/random.h"

namespace parley {
namespace {

// Everything one track needs while it runs; the scenario and the negotiators must outlive the run.
struct RunningTrack {
  std::unique_ptr<Scenario> negotiation;
  std::vector<std::unique_ptr<Negotiator>> negotiators;
  std::vector<std::unique_ptr<Mediator>> mediators;
  std::vector<std::string> negotiator_specs;
  std::vector<std::string> mediator_specs;
  std::string protocol;
  std::unique_ptr<Protocol> mechanism;
  std::unique_ptr<NegotiationRun> run;
};

std::vector<std::string> NegotiatorSpecs(const Track& track, std::size_t index, const MultiTrackOptions& options) {
  if (index < options.negotiators.size() && !options.negotiators[index].empty()) {
    const auto& given = options.negotiators[index];
    if (given.size() == 1) return std::vector<std::string>(track.participants.size(), given.front());
    if (given.size() != track.participants.size()) {
      throw UsageError(fmt::format("track '{}' has {} participants but {} negotiators were given", track.name,
                                   track.participants.size(), given.size()));
    }
    return given;
  }
  if (!track.negotiators.empty()) return track.negotiators;
  if (options.default_negotiators.empty()) throw UsageError("no negotiators given");
  std::vector<std::string> specs;
  for (std::size_t p = 0; p < track.participants.size(); ++p) {
    specs.push_back(options.default_negotiators[std::min(p, options.default_negotiators.size() - 1)]);
  }
  return specs;
}

}  // namespace

MultiTrackResult RunMultiTrack(const MultiTrackScenario& scenario, const MultiTrackOptions& options) {
  const auto& tracks = scenario.tracks();
  if (options.rounds == 0 && !(options.time_limit_seconds > 0.0)) {
    throw UsageError("a negotiation needs a deadline: a number of rounds, a time limit, or both");
  }
  MultiTrackState state;
  std::vector<RunningTrack> running(tracks.size());
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    const Track& track = tracks[t];
    RunningTrack& r = running[t];
    state.tracks.push_back({track.name, false, std::nullopt, std::nullopt});
    r.negotiation = std::make_unique<Scenario>(track.Negotiation());
    r.negotiator_specs = NegotiatorSpecs(track, t, options);
    r.protocol = t < options.protocols.size() && !options.protocols[t].empty() ? options.protocols[t] : track.protocol;
    NegotiationOptions negotiation;
    negotiation.rounds = options.rounds;
    negotiation.time_limit_seconds = options.time_limit_seconds;
    negotiation.seed = DeriveSeed(options.seed, {t});
    negotiation.record_trace = options.record_trace;
    negotiation.tracks = &state;
    negotiation.track = t;
    if (t < options.mediators.size() && !options.mediators[t].empty()) {
      r.mediator_specs = options.mediators[t];
    } else {
      for (const auto& name : track.mediators) {
        const MediatorRole& role = scenario.mediators()[*scenario.FindMediator(name)];
        r.mediator_specs.push_back(role.strategy);
        const Profile* interests = nullptr;
        if (role.interests) {
          if (auto stake = track.stakes.FindParty(*role.interests)) interests = &track.stakes.profile(*stake);
        }
        negotiation.mediator_interests.push_back(interests);
      }
    }
    std::vector<Negotiator*> negotiators;
    for (const auto& spec : r.negotiator_specs) {
      r.negotiators.push_back(NegotiatorRegistry::Create(spec));
      negotiators.push_back(r.negotiators.back().get());
    }
    std::vector<Mediator*> mediators;
    for (const auto& spec : r.mediator_specs) {
      r.mediators.push_back(MediatorRegistry::Create(spec));
      mediators.push_back(r.mediators.back().get());
    }
    r.mechanism = ProtocolRegistry::Create(r.protocol);
    try {
      r.run = r.mechanism->Start(*r.negotiation, negotiators, mediators, negotiation);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("track '{}': {}", track.name, e.what()));
    }
  }

  for (std::uint64_t round = 0;; ++round) {
    bool all_done = true;
    for (std::size_t t = 0; t < tracks.size(); ++t) {
      NegotiationRun& run = *running[t].run;
      if (run.done()) continue;
      // The time of this round, 1-based round + 1 of R: (round + 1) / (R + 1), as the protocols count it.
      const double time =
          options.rounds ? static_cast<double>(round + 1) / (static_cast<double>(options.rounds) + 1.0) : 0.0;
      if (tracks[t].ends_at && options.rounds && time >= *tracks[t].ends_at) {
        run.Stop(tracks[t].ends_because.empty() ? "an event ended the track" : tracks[t].ends_because);
      } else {
        run.Step();
      }
      all_done = all_done && run.done();
    }
    for (std::size_t t = 0; t < tracks.size(); ++t) {
      const NegotiationRun& run = *running[t].run;
      TrackView& view = state.tracks[t];
      view.done = run.done();
      const Outcome* offer = run.current_offer();
      view.current_offer = offer ? std::optional<Outcome>(*offer) : std::nullopt;
      if (run.done()) view.agreement = run.result().agreement;
    }
    if (all_done) break;
  }

  MultiTrackResult result;
  std::vector<std::optional<Outcome>> agreements;
  std::vector<double> end_times;
  for (auto& r : running) {
    NegotiationResult track_result = r.run->TakeResult();
    track_result.negotiators = r.negotiator_specs;
    track_result.mediators = r.mediator_specs;
    agreements.push_back(track_result.agreement);
    end_times.push_back(track_result.time);
    result.protocols.push_back(r.protocol);
    result.tracks.push_back(std::move(track_result));
  }
  const std::vector<std::optional<Outcome>> none(tracks.size());
  for (std::size_t p = 0; p < scenario.parties().size(); ++p) {
    result.overall_utilities.push_back(scenario.OverallUtility(p, agreements, end_times, options.rounds));
    result.overall_without_deal.push_back(scenario.OverallUtility(p, none, end_times, options.rounds));
  }
  return result;
}

}  // namespace parley
