// The mediator's assistant in the studio (docs/mediate.md): the answers of `parley mediate
// --json` for the scenario the page has open, edited or not, which is how what-if works: the page
// moves a fallback or a weight and asks again.
#include <fmt/format.h>

#include "assistant/mediation_json.h"
#include "parley/mediation_assistant.h"
#include "parley/multi_track.h"
#include "studio/studio_internal.h"

namespace parley::studio {

namespace {

// More times make the page wait longer for little: one moment per point of a slider is plenty.
constexpr std::size_t kMostTimes = 20;
constexpr std::uint64_t kMostPackages = 50;

}  // namespace

HttpResponse Mediate(const StudioOptions& options, const HttpRequest& request) {
  const Json body = ParseBody(request);
  const auto scenario = ScenarioOfRequest(options, body);
  MediationOptions mediation;
  mediation.top = CountField(body, "top", mediation.top, kMostPackages);
  mediation.rounds = CountField(body, "rounds", mediation.rounds, options.max_rounds);
  if (body.contains("times")) {
    const Json& times = body["times"];
    if (!times.is_array() || times.size() > kMostTimes) {
      throw HttpError(400, fmt::format("\"times\" must be a list of at most {} times in [0, 1]", kMostTimes));
    }
    for (const auto& time : times) {
      if (!time.is_number() || !(time.get<double>() >= 0.0 && time.get<double>() <= 1.0)) {
        throw HttpError(400, "\"times\" must hold numbers from 0 to 1");
      }
      mediation.times.push_back(time.get<double>());
    }
  }
  const MultiTrackScenario multi = MultiTrackScenario::FromScenario(*scenario);
  return JsonResponse(ReportJson(multi, AssistMediation(multi, mediation)));
}

}  // namespace parley::studio
