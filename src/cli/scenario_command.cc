// `parley scenario info PATH` and `parley scenario convert PATH OUT`: inspect a scenario and
// write it in another format.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.h"
#include "common/mapped.h"
#include "parley/error.h"
#include "parley/multi_track.h"
#include "parley/scenario_format.h"
#include "parley/uncertainty.h"

namespace parley::cli {
namespace {

std::string DescribeIssue(const Issue& issue) {
  switch (issue.kind()) {
    case IssueKind::kDiscrete: {
      const auto& values = issue.values();
      if (values.size() > 8) {
        return fmt::format("{}, ... ({} more)", fmt::join(values.begin(), values.begin() + 6, ", "), values.size() - 6);
      }
      return fmt::format("{}", fmt::join(values, ", "));
    }
    case IssueKind::kInteger: return fmt::format("integers {} to {}", issue.lower(), issue.upper());
    case IssueKind::kReal: return fmt::format("reals in [{}, {}]", issue.lower(), issue.upper());
  }
  return {};
}

void PrintScenario(const Scenario& scenario);

// "  (scheduled: 0.4 from t=0, 0.45 from t=0.6)" for a profile with a reservation schedule.
std::string ScheduleText(const Profile& profile) {
  const ReservationSchedule& schedule = profile.reservation_schedule();
  if (schedule.empty()) return "";
  std::vector<std::string> points;
  const bool rounds = schedule.unit() == ReservationSchedule::Unit::kRounds;
  for (const auto& point : schedule.points()) {
    points.push_back(fmt::format("{} {} {}={}", point.value,
                                 schedule.interpolation() == ReservationSchedule::Interpolation::kStep ? "from" : "at",
                                 rounds ? "round" : "t", point.at));
  }
  return fmt::format("  (scheduled: {})", fmt::join(points, ", "));
}

// "uniform [0.5, 0.7]", "normal mean 0.4, sd 0.05 on [0, 1]".
std::string DescribeDistribution(const UncertainNumber& number) {
  switch (number.shape) {
    case UncertainNumber::Shape::kUniform: return fmt::format("uniform [{}, {}]", number.low, number.high);
    case UncertainNumber::Shape::kTriangular:
      return fmt::format("triangular [{}, {}, {}]", number.low, number.mode, number.high);
    case UncertainNumber::Shape::kNormal: {
      std::string text = fmt::format("normal mean {}, sd {}", number.mean, number.sd);
      if (std::isfinite(number.low) || std::isfinite(number.high)) {
        text += fmt::format(" on [{}, {}]", number.low, number.high);
      }
      return text;
    }
  }
  return {};
}

// The uncertain numbers, after everything else; nothing when there are none.
void PrintUncertainNumbers(const UncertainScenario& uncertain) {
  if (uncertain.dimension() == 0) return;
  fmt::print("\nUncertain   {} numbers (estimates shown above; docs/uncertainty.md)\n", uncertain.dimension());
  std::size_t width = 4, shape_width = 12;
  for (const auto& number : uncertain.numbers()) {
    width = std::max(width, number.name.size());
    shape_width = std::max(shape_width, DescribeDistribution(number).size());
  }
  fmt::print("  {:<{}}  {:<{}}  {:>8}  {}\n", "name", width, "distribution", shape_width, "estimate", "used at");
  for (const auto& number : uncertain.numbers()) {
    fmt::print("  {:<{}}  {:<{}}  {:>8}  {}\n", number.name, width, DescribeDistribution(number), shape_width,
               number.estimate, fmt::join(internal::Mapped(number.places, &NumberPlace::path), ", "));
  }
}

// A multi-track scenario: its parties, mediators and events, then every track, then its uncertain
// numbers.
void Info(const std::string& path) {
  const UncertainScenario uncertain = UncertainScenario::Load(path);
  const MultiTrackScenario& multi = uncertain.estimate();
  if (multi.tracks().size() == 1 && multi.mediators().empty() && multi.events().empty()) {
    PrintScenario(multi.tracks().front().stakes);
    PrintUncertainNumbers(uncertain);
    return;
  }
  fmt::print("Scenario    {} (multi-track)\n", multi.name());
  fmt::print("Source      {}\n", multi.source);
  fmt::print("Parties     {}\n", multi.parties().size());
  for (const auto& party : multi.parties()) {
    std::vector<std::string> weights;
    for (const auto& w : party.weights) weights.push_back(fmt::format("{} {}", w.track, w.weight));
    fmt::print("  {}: track weights {}; {} interaction term(s)\n", party.name, fmt::join(weights, ", "),
               party.interactions.size());
  }
  if (!multi.mediators().empty()) {
    fmt::print("Mediators   {}\n", multi.mediators().size());
    for (const auto& mediator : multi.mediators()) {
      fmt::print("  {}: {}{}\n", mediator.name, mediator.strategy,
                 mediator.interests ? fmt::format(", with the interests of {}", *mediator.interests) : "");
    }
  }
  for (const auto& event : multi.events()) fmt::print("Event       {} at t = {}\n", event.name, event.time);
  for (const auto& track : multi.tracks()) {
    fmt::print("\nTrack {}: {} between {}{}{}\n", track.name, track.protocol, fmt::join(track.participants, ", "),
               track.mediators.empty() ? "" : fmt::format(", mediated by {}", fmt::join(track.mediators, ", ")),
               track.ends_at ? fmt::format("; ends at t = {} ({})", *track.ends_at, track.ends_because) : "");
    PrintScenario(track.stakes);
  }
  if (!multi.description().empty()) fmt::print("\nDescription {}\n", multi.description());
  PrintUncertainNumbers(uncertain);
}

void PrintScenario(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  fmt::print("Scenario    {}\n", scenario.name());
  fmt::print("Source      {}\n", scenario.source());
  fmt::print("Outcomes    {}\n", space.DescribeSize());
  fmt::print("Issues      {}\n", space.issue_count());
  std::size_t width = 4;
  for (const auto& issue : space.issues()) width = std::max(width, issue.name().size());
  fmt::print("  {:<{}}  {:<8}  {:>6}  {}\n", "name", width, "kind", "values", "range");
  for (const auto& issue : space.issues()) {
    fmt::print("  {:<{}}  {:<8}  {:>6}  {}\n", issue.name(), width, IssueKindName(issue.kind()),
               issue.countable() ? fmt::format("{}", issue.cardinality()) : "inf", DescribeIssue(issue));
  }
  fmt::print("Parties     {}\n", scenario.party_count());
  std::size_t name_width = 4;
  for (const auto& profile : scenario.profiles()) name_width = std::max(name_width, profile.name().size());
  fmt::print("  {:<{}}  {:<16}  {:>11}  {:>15}\n", "name", name_width, "utility", "reservation", "discount factor");
  for (const auto& profile : scenario.profiles()) {
    fmt::print("  {:<{}}  {:<16}  {:>11.4f}  {:>15}{}\n", profile.name(), name_width, profile.utility_function().kind(),
               profile.reservation_value(),
               profile.discounted() ? fmt::format("{}", profile.discount_factor()) : "none", ScheduleText(profile));
  }
  if (!scenario.description().empty()) fmt::print("Description {}\n", scenario.description());
}

void Convert(const std::string& input, const std::string& output, const std::string& format) {
  const Scenario scenario = LoadScenario(input);
  SaveScenario(scenario, output, format);
  // Ranges are read as their estimates, and no other format holds them.
  const std::size_t uncertain = input.ends_with(".json") ? UncertainScenario::Load(input).dimension() : 0;
  fmt::print("Wrote {} ({}) to {}{}\n", scenario.name(), format, output,
             uncertain == 0 ? ""
                            : fmt::format(", with the estimates of its {} uncertain number{} (ranges are not written)",
                                          uncertain, uncertain == 1 ? "" : "s"));
}

}  // namespace

void AddScenarioCommand(CLI::App& app) {
  auto* scenario = app.add_subcommand("scenario", "Inspect or convert scenarios.");
  scenario->require_subcommand(1);

  auto info_path = std::make_shared<std::string>();
  auto* info = scenario->add_subcommand("info", "Issues, space size, parties, reservation values, discounting.");
  info->add_option("PATH", *info_path, "Built-in scenario name, GENIUS XML folder or Parley JSON file")->required();
  info->callback([info_path] { Info(*info_path); });

  auto input = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("parley-json");
  auto* convert = scenario->add_subcommand("convert", "Write a scenario in another format.");
  convert->add_option("PATH", *input, "Scenario to read (any known format)")->required();
  convert->add_option("-o,--output", *output, "Where to write it")->required();
  convert->add_option("--to", *format, "Format to write (see `parley list formats`)")->capture_default_str();
  convert->callback([input, output, format] { Convert(*input, *output, *format); });
}

}  // namespace parley::cli
