// Reading GENIUS's recorded sessions and replaying them through Parley's `saop`. The trace format
// and the GENIUS rules the comparison relies on (time r / (R + 1), agreement on the last offer,
// discounting) are in ../shared/genius-traces/README.md and docs/negotiation.md.
#include "genius_trace.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "test_support.h"

namespace parley::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr double kTolerance = 1e-12;

// The whole file, inflated when it is gzip (zlib reads plain files through the same calls).
std::string ReadMaybeGzip(const fs::path& path) {
  gzFile file = gzopen(path.string().c_str(), "rb");
  if (file == nullptr) throw InputError(fmt::format("{}: cannot be opened", path.string()));
  std::string text;
  char buffer[1 << 16];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(got));
  const bool failed = got < 0;
  gzclose(file);
  if (failed) throw InputError(fmt::format("{}: is not a readable gzip file", path.string()));
  return text;
}

ActionType ParseAction(const std::string& name, const std::string& where) {
  if (name == "Offer") return ActionType::kOffer;
  if (name == "Accept") return ActionType::kAccept;
  if (name == "EndNegotiation") return ActionType::kEndNegotiation;
  throw InputError(fmt::format("{}: action: expected Offer, Accept or EndNegotiation, found \"{}\"", where, name));
}

GeniusBid ParseBid(const Json& node) {
  GeniusBid bid;
  for (const auto& [issue, value] : node.items()) {
    bid.emplace_back(issue, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return bid;
}

template <typename T>
T Get(const Json& line, const char* key, const std::string& where) {
  const auto found = line.find(key);
  if (found == line.end()) throw InputError(fmt::format("{}: expected the field \"{}\"", where, key));
  try {
    return found->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw InputError(fmt::format("{}: {}: unexpected type {}", where, key, found->type_name()));
  }
}

template <typename T>
T GetOr(const Json& line, const char* key, T fallback, const std::string& where) {
  return line.contains(key) ? Get<T>(line, key, where) : fallback;
}

void ReadStart(const Json& line, const std::string& where, GeniusTraceStart& start) {
  start.domain = Get<std::string>(line, "domain", where);
  start.profiles = Get<std::vector<std::string>>(line, "profiles", where);
  start.agents = Get<std::vector<std::string>>(line, "agents", where);
  start.ids = GetOr<std::vector<std::string>>(line, "ids", {}, where);
  start.protocol = GetOr<std::string>(line, "protocol", "SAOP", where);
  start.deadline_rounds = Get<std::uint64_t>(line, "deadline_rounds", where);
  start.reserved_value = GetOr<std::vector<double>>(line, "reserved_value", {}, where);
  start.discount_factor = GetOr<std::vector<double>>(line, "discount_factor", {}, where);
  start.n_parties = GetOr<std::size_t>(line, "n_parties", start.profiles.size(), where);
  start.api = GetOr<std::vector<std::string>>(line, "api", {}, where);
  start.seed = GetOr<std::int64_t>(line, "seed", 0, where);
  start.seed_used = GetOr<std::vector<bool>>(line, "seed_used", {}, where);
  start.genius_version = GetOr<std::string>(line, "genius_version", "", where);
  start.schema = GetOr<int>(line, "schema", 1, where);
  start.deterministic = GetOr<bool>(line, "deterministic", true, where);
  if (start.profiles.size() != start.agents.size() || start.profiles.size() < 2) {
    throw InputError(fmt::format("{}: expected one agent per profile and at least two, found {} profiles and {} agents",
                                 where, start.profiles.size(), start.agents.size()));
  }
}

GeniusTraceAction ReadAction(const Json& line, const std::string& where, std::size_t parties) {
  GeniusTraceAction action;
  action.round = Get<std::uint64_t>(line, "round", where);
  action.turn = GetOr<std::uint64_t>(line, "turn", 0, where);
  action.step = Get<std::uint64_t>(line, "step", where);
  action.time = Get<double>(line, "time", where);
  action.agent = Get<std::size_t>(line, "agent", where);
  action.agent_id = GetOr<std::string>(line, "agent_id", "", where);
  action.action = ParseAction(Get<std::string>(line, "action", where), where);
  if (const auto bid = line.find("bid"); bid != line.end() && bid->is_object()) action.bid = ParseBid(*bid);
  action.util = GetOr<std::vector<double>>(line, "util", {}, where);
  action.util_disc = GetOr<std::vector<double>>(line, "util_disc", {}, where);
  action.agreement = GetOr<bool>(line, "agreement", false, where);
  if (action.agent >= parties) {
    throw InputError(fmt::format("{}: agent: expected a party index below {}, found {}", where, parties, action.agent));
  }
  if (action.action != ActionType::kEndNegotiation && action.bid.empty()) {
    throw InputError(fmt::format("{}: bid: expected the bid of the {}", where, ActionTypeName(action.action)));
  }
  return action;
}

GeniusTraceEnd ReadEnd(const Json& line, const std::string& where) {
  GeniusTraceEnd end;
  end.rounds = Get<std::uint64_t>(line, "rounds", where);
  end.actions = GetOr<std::uint64_t>(line, "actions", 0, where);
  end.end_time = Get<double>(line, "end_time", where);
  end.has_agreement = Get<bool>(line, "has_agreement", where);
  if (const auto agreement = line.find("agreement"); agreement != line.end() && agreement->is_object()) {
    end.agreement = ParseBid(*agreement);
  }
  end.util = GetOr<std::vector<double>>(line, "util", {}, where);
  end.util_disc = GetOr<std::vector<double>>(line, "util_disc", {}, where);
  return end;
}

// A party that plays its recorded actions in order, whatever the others do; past the end of its
// record it ends the negotiation (the comparison has stopped by then).
class ScriptedParty final : public Negotiator {
 public:
  ScriptedParty(std::vector<Outcome> offers, std::vector<ActionType> actions)
      : offers_(std::move(offers)), actions_(std::move(actions)) {}

  void Begin(const NegotiatorContext&) override { next_ = 0; }

  ActionType Act(const TurnState&, Outcome& proposal) override {
    if (next_ >= actions_.size()) return ActionType::kEndNegotiation;
    const std::size_t k = next_++;
    if (actions_[k] == ActionType::kOffer) proposal = offers_[k];
    return actions_[k];
  }

 private:
  std::vector<Outcome> offers_;
  std::vector<ActionType> actions_;
  std::size_t next_ = 0;
};

Outcome BidToOutcome(const GeniusBid& bid, const OutcomeSpace& space, const std::string& where) {
  Outcome outcome(space.issue_count());
  std::vector<bool> seen(space.issue_count(), false);
  for (const auto& [issue_name, value_name] : bid) {
    const std::optional<std::size_t> issue = space.FindIssue(issue_name);
    if (!issue) throw InputError(fmt::format("{}: bid: the domain has no issue \"{}\"", where, issue_name));
    const std::optional<double> value = space.issue(*issue).Parse(value_name);
    if (!value) {
      throw InputError(fmt::format("{}: bid: issue \"{}\" has no value \"{}\"", where, issue_name, value_name));
    }
    outcome[*issue] = *value;
    seen[*issue] = true;
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i])
      throw InputError(fmt::format("{}: bid: expected a value for issue \"{}\"", where, space.issue(i).name()));
  }
  return outcome;
}

std::string FormatBid(const GeniusBid& bid) {
  std::string text;
  for (const auto& [issue, value] : bid) text += fmt::format("{}{}={}", text.empty() ? "" : ", ", issue, value);
  return "{" + text + "}";
}

// GENIUS's action names, to tell the recorded side from Parley's at a glance.
std::string FormatRecorded(const GeniusTraceAction& action) {
  if (action.action == ActionType::kEndNegotiation) return "EndNegotiation";
  return fmt::format("{} {}", action.action == ActionType::kOffer ? "Offer" : "Accept", FormatBid(action.bid));
}

std::string FormatParley(const Trace& trace, std::size_t i, const OutcomeSpace& space) {
  const ActionType type = trace.step(i).action;
  if (!trace.has_offer(i)) return std::string(ActionTypeName(type));
  return fmt::format("{} {{{}}}", ActionTypeName(type), space.Format(trace.offer(i)));
}

// True when the Parley offer holds exactly the recorded values, issue by issue.
bool SameBid(const Outcome& offer, const GeniusBid& bid, const OutcomeSpace& space) {
  for (const auto& [issue_name, value_name] : bid) {
    const std::optional<std::size_t> issue = space.FindIssue(issue_name);
    if (!issue || space.issue(*issue).Format(offer[*issue]) != value_name) return false;
  }
  return bid.size() == space.issue_count();
}

bool Near(double a, double b) { return std::abs(a - b) <= kTolerance; }

// Compares a finished run with the trace: every recorded action in order (for the parties in
// `compared`: the action and its bid; for all: turn order, round, time and utilities), then the
// end. Stops at the first difference.
TraceComparison Compare(const GeniusTrace& trace, const Scenario& scenario, const NegotiationResult& result,
                        const std::vector<bool>& compared) {
  TraceComparison out;
  const OutcomeSpace& space = scenario.space();
  const Trace& run = result.trace;
  const std::size_t n = scenario.party_count();
  auto fail = [&](const GeniusTraceAction& at, std::string what) {
    out.match = false;
    out.step = at.step;
    out.round = at.round;
    out.time = at.time;
    out.difference = std::move(what);
    return out;
  };
  const std::size_t common = std::min(run.size(), trace.actions.size());
  for (std::size_t i = 0; i < common; ++i) {
    const GeniusTraceAction& expected = trace.actions[i];
    const Trace::Step& actual = run.step(i);
    if (actual.party != expected.agent) {
      return fail(expected, fmt::format("GENIUS's party {} acted, Parley's party {}", expected.agent, actual.party));
    }
    if (actual.round + 1 != expected.round) {
      return fail(expected, fmt::format("GENIUS's round {}, Parley's round {}", expected.round, actual.round + 1));
    }
    if (!Near(actual.time, expected.time)) {
      return fail(expected, fmt::format("GENIUS's time {}, Parley's {}", expected.time, actual.time));
    }
    const bool same_action =
        actual.action == expected.action && (!run.has_offer(i) || SameBid(run.offer(i), expected.bid, space));
    if (!same_action) {
      return fail(expected, fmt::format("party {}{}: GENIUS {}, Parley {}", expected.agent,
                                        compared[expected.agent] ? "" : " (scripted)", FormatRecorded(expected),
                                        FormatParley(run, i, space)));
    }
    if (run.has_offer(i)) {
      for (std::size_t p = 0; p < n && p < expected.util.size(); ++p) {
        const double util = run.utility(i, p);
        if (!Near(util, expected.util[p])) {
          return fail(expected,
                      fmt::format("party {}'s utility of the bid: GENIUS {}, Parley {}", p, expected.util[p], util));
        }
        const double discounted = scenario.profile(p).Discount(util, actual.time);
        if (p < expected.util_disc.size() && !Near(discounted, expected.util_disc[p])) {
          return fail(expected, fmt::format("party {}'s discounted utility of the bid: GENIUS {}, Parley {}", p,
                                            expected.util_disc[p], discounted));
        }
      }
    }
    ++out.steps_compared;
  }
  const std::string how_parley_ended =
      fmt::format("{}{}", EndReasonName(result.end_reason), result.fault ? ": " + result.fault->message : "");
  if (run.size() < trace.actions.size()) {
    return fail(trace.actions[run.size()],
                fmt::format("Parley's negotiation ended ({}) where GENIUS's party {} played {}", how_parley_ended,
                            trace.actions[run.size()].agent, FormatRecorded(trace.actions[run.size()])));
  }
  if (trace.failure) {
    out.match = true;
    out.note = fmt::format("GENIUS's session failed after step {} ({}); Parley's run then ended ({})",
                           trace.actions.size(), *trace.failure, how_parley_ended);
    return out;
  }
  const GeniusTraceEnd& end = *trace.end;
  GeniusTraceAction at_end;
  at_end.step = trace.actions.size() + 1;
  at_end.round = end.rounds;
  at_end.time = end.end_time;
  if (run.size() > trace.actions.size()) {
    return fail(at_end,
                fmt::format("GENIUS's session ended, Parley's party {} went on with {}",
                            run.step(trace.actions.size()).party, FormatParley(run, trace.actions.size(), space)));
  }
  if (result.rounds != end.rounds) {
    return fail(at_end, fmt::format("end: GENIUS {} rounds, Parley {}", end.rounds, result.rounds));
  }
  if (!Near(result.time, end.end_time)) {
    return fail(at_end, fmt::format("end: GENIUS's end time {}, Parley's {}", end.end_time, result.time));
  }
  if (result.agreement.has_value() != end.has_agreement ||
      (end.agreement && result.agreement && !SameBid(*result.agreement, *end.agreement, space))) {
    return fail(
        at_end,
        fmt::format("end: GENIUS's agreement {}, Parley's {} ({})", end.agreement ? FormatBid(*end.agreement) : "none",
                    result.agreement ? "{" + space.Format(*result.agreement) + "}" : "none", how_parley_ended));
  }
  for (std::size_t p = 0; p < n; ++p) {
    if (p < end.util.size() && !Near(result.undiscounted_utilities[p], end.util[p])) {
      return fail(at_end, fmt::format("end: party {}'s utility: GENIUS {}, Parley {}", p, end.util[p],
                                      result.undiscounted_utilities[p]));
    }
    if (p < end.util_disc.size() && !Near(result.utilities[p], end.util_disc[p])) {
      return fail(at_end, fmt::format("end: party {}'s discounted utility: GENIUS {}, Parley {}", p, end.util_disc[p],
                                      result.utilities[p]));
    }
  }
  out.match = true;
  return out;
}

NegotiationResult RunSaop(const GeniusTrace& trace, const Scenario& scenario, const std::vector<Negotiator*>& parties) {
  NegotiationOptions options;
  options.rounds = trace.start.deadline_rounds;
  options.party_seeds.assign(parties.size(), static_cast<std::uint64_t>(trace.start.seed));
  options.record_trace = true;
  return ProtocolRegistry::Create("saop")->Run(scenario, parties, options);
}

}  // namespace

GeniusTrace ReadGeniusTrace(const fs::path& path) {
  GeniusTrace trace;
  trace.path = path;
  const std::string text = ReadMaybeGzip(path);
  bool started = false;
  std::size_t line_number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t stop = text.find('\n', begin);
    if (stop == std::string::npos) stop = text.size();
    const std::string_view raw(text.data() + begin, stop - begin);
    begin = stop + 1;
    ++line_number;
    if (raw.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = fmt::format("{}:{}", path.string(), line_number);
    Json line;
    try {
      line = Json::parse(raw);
    } catch (const nlohmann::json::parse_error&) {
      throw InputError(fmt::format("{}: expected one JSON object per line", where));
    }
    if (!line.is_object()) throw InputError(fmt::format("{}: expected one JSON object per line", where));
    const std::string type = Get<std::string>(line, "type", where);
    if (type == "session_start") {
      if (started) throw InputError(fmt::format("{}: a second session_start; expected one session per file", where));
      ReadStart(line, where, trace.start);
      started = true;
      continue;
    }
    if (!started) throw InputError(fmt::format("{}: expected session_start first, found {}", where, type));
    if (type == "action") {
      trace.actions.push_back(ReadAction(line, where, trace.start.profiles.size()));
    } else if (type == "session_end") {
      trace.end = ReadEnd(line, where);
    } else if (type == "session_failed") {
      trace.failure = GetOr<std::string>(line, "error", "", where);
    } else {
      throw InputError(fmt::format(
          "{}: type: expected session_start, action, session_end or session_failed, found \"{}\"", where, type));
    }
  }
  if (!started) throw InputError(fmt::format("{}: expected a session_start line", path.string()));
  if (!trace.end && !trace.failure) {
    throw InputError(fmt::format("{}: expected a session_end or session_failed line at the end", path.string()));
  }
  return trace;
}

fs::path GeniusTraceFolder() { return SharedScenarios().parent_path() / "genius-traces"; }

std::vector<fs::path> TracesOfAgent(const std::string& agent, bool only_ok, const fs::path& folder) {
  const fs::path index_path = folder / "index.json";
  Json index;
  try {
    index = Json::parse(ReadFile(index_path));
  } catch (const nlohmann::json::exception&) {
    throw InputError(fmt::format("{}: expected a JSON object with a \"traces\" list", index_path.string()));
  }
  std::vector<fs::path> files;
  if (!index.is_object() || !index.contains("traces") || !index["traces"].is_array()) {
    throw InputError(fmt::format("{}: expected a JSON object with a \"traces\" list", index_path.string()));
  }
  for (const Json& entry : index["traces"]) {
    const std::string where = fmt::format("{}: trace {}", index_path.string(), files.size());
    if (only_ok && !GetOr<bool>(entry, "ok", true, where)) continue;
    if (!entry.contains("file") || entry["file"].is_null()) continue;  // a setting that left no log
    for (const std::string& name : Get<std::vector<std::string>>(entry, "agents", where)) {
      const std::size_t dot = name.rfind('.');
      if ((dot == std::string::npos ? name : name.substr(dot + 1)) == agent) {
        files.push_back(folder / Get<std::string>(entry, "file", where));
        break;
      }
    }
  }
  return files;
}

Scenario LoadTraceScenario(const GeniusTrace& trace, const fs::path& scenarios) {
  const fs::path root = scenarios.empty() ? SharedScenarios() : scenarios;
  const Scenario folder = LoadScenario((root / fs::path(trace.start.domain).parent_path()).string(), "genius-xml");
  std::vector<std::string> names;
  for (const std::string& profile : trace.start.profiles) names.push_back(fs::path(profile).stem().string());
  try {
    return folder.WithParties(names);
  } catch (const UsageError& error) {
    throw InputError(fmt::format("{}: profiles: {}", trace.path.string(), error.what()));
  }
}

Outcome ToOutcome(const OutcomeSpace& space, const GeniusBid& bid) { return BidToOutcome(bid, space, "GENIUS"); }

std::size_t SeatOf(const GeniusTrace& trace, const std::string& agent_class) {
  const auto& agents = trace.start.agents;
  return static_cast<std::size_t>(std::find(agents.begin(), agents.end(), agent_class) - agents.begin());
}

RecordedAgent MultilateralAgent(const std::string& name, const std::string& agent_class) {
  return {name, agent_class, 3, 5, true};
}

std::vector<GeniusSeat> SeatsOf(const RecordedAgent& agent) {
  const auto ended_normally = TracesOfAgent(agent.name, true);
  const auto recorded = TracesOfAgent(agent.name, false);
  EXPECT_EQ(ended_normally.size(), agent.ended_normally) << agent.name << ": sessions that ended normally";
  EXPECT_EQ(recorded.size(), agent.recorded) << agent.name << ": sessions with a trace";
  std::vector<GeniusSeat> seats;
  for (const fs::path& file : agent.with_aborted ? recorded : ended_normally) {
    const GeniusTrace trace = ReadGeniusTrace(file);
    const std::size_t party = SeatOf(trace, agent.agent_class);
    EXPECT_LT(party, trace.start.agents.size()) << file << ": no " << agent.agent_class;
    seats.push_back({file, party});
  }
  return seats;
}

std::string TraceComparison::Describe(const GeniusTrace& trace) const {
  const std::string name = trace.path.filename().string();
  if (match) {
    return fmt::format("{}: matches GENIUS ({} recorded actions{}{})", name, steps_compared, note.empty() ? "" : "; ",
                       note);
  }
  return fmt::format("{}: differs from GENIUS at step {} (round {}, t = {}) after {} matching actions: {}", name, step,
                     round, time, steps_compared, difference);
}

::testing::AssertionResult MatchesTrace(const GeniusTrace& trace, const TraceComparison& comparison) {
  if (comparison.match) return ::testing::AssertionSuccess() << comparison.Describe(trace);
  return ::testing::AssertionFailure() << comparison.Describe(trace);
}

TraceComparison ReplayAgainstTrace(const GeniusTrace& trace, std::size_t party, const std::string& negotiator_spec,
                                   const fs::path& scenarios) {
  const Scenario scenario = LoadTraceScenario(trace, scenarios);
  const std::size_t n = scenario.party_count();
  if (party >= n) throw UsageError(fmt::format("{}: no party {} among {}", trace.path.string(), party, n));
  std::vector<std::vector<Outcome>> offers(n);
  std::vector<std::vector<ActionType>> actions(n);
  for (const GeniusTraceAction& action : trace.actions) {
    const std::string where = fmt::format("{}: step {}", trace.path.string(), action.step);
    offers[action.agent].push_back(
        action.action == ActionType::kOffer ? BidToOutcome(action.bid, scenario.space(), where) : Outcome());
    actions[action.agent].push_back(action.action);
  }
  std::vector<std::unique_ptr<Negotiator>> owned;
  std::vector<Negotiator*> parties;
  for (std::size_t p = 0; p < n; ++p) {
    owned.push_back(p == party ? NegotiatorRegistry::Create(negotiator_spec)
                               : std::make_unique<ScriptedParty>(std::move(offers[p]), std::move(actions[p])));
    parties.push_back(owned.back().get());
  }
  std::vector<bool> compared(n, false);
  compared[party] = true;
  return Compare(trace, scenario, RunSaop(trace, scenario, parties), compared);
}

TraceComparison RunTraceNatively(const GeniusTrace& trace, const std::vector<std::string>& specs,
                                 const fs::path& scenarios) {
  const Scenario scenario = LoadTraceScenario(trace, scenarios);
  if (specs.size() != scenario.party_count()) {
    throw UsageError(
        fmt::format("{}: {} parties but {} specs", trace.path.string(), scenario.party_count(), specs.size()));
  }
  std::vector<std::unique_ptr<Negotiator>> owned;
  std::vector<Negotiator*> parties;
  for (const std::string& spec : specs) {
    owned.push_back(NegotiatorRegistry::Create(spec));
    parties.push_back(owned.back().get());
  }
  return Compare(trace, scenario, RunSaop(trace, scenario, parties), std::vector<bool>(specs.size(), true));
}

}  // namespace parley::testing
