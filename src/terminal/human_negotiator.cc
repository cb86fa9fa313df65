// The `human` negotiator: a person plays a party's seat at the terminal, one move per line on
// standard input, everything shown on standard error (standard output stays the program's
// result). Parley's own; the moves and what a turn shows are those of a browser seat of Parley
// Studio (docs/studio.md), the commands are in docs/strategies.md#human.
#include "terminal/human_negotiator.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iostream>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "parley/protocol.h"
#include "parley/registry.h"

namespace parley {
namespace {

// Integer issues with at most this many values are listed value by value by `values`; larger
// ones are shown as their range.
constexpr std::uint64_t kMostListedIntegers = 25;

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// The fields of an offer: separated by commas when the line has one (so that value names with
// spaces can be typed), by spaces otherwise.
std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  if (line.find(',') != std::string_view::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(Trim(line.substr(start, comma == std::string_view::npos ? comma : comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return fields;
  }
  std::size_t start = 0;
  while (start < line.size()) {
    const std::size_t end = std::min(line.find_first_of(" \t", start), line.size());
    if (end > start) fields.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return fields;
}

enum class Command { kAccept, kWalk, kValues, kBest, kSame, kHelp, kNone };

Command CommandOf(std::string_view line) {
  const std::string word = Lower(line);
  if (word == "a" || word == "accept") return Command::kAccept;
  if (word == "w" || word == "walk") return Command::kWalk;
  if (word == "v" || word == "values") return Command::kValues;
  if (word == "b" || word == "best") return Command::kBest;
  if (word == "s" || word == "same") return Command::kSame;
  if (word == "?" || word == "help") return Command::kHelp;
  return Command::kNone;
}

}  // namespace

HumanNegotiator::HumanNegotiator(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

std::string HumanNegotiator::PartyName(std::size_t party) const {
  if (party == context_.party) return "you";
  if (party >= context_.party_count) return fmt::format("mediator {}", party - context_.party_count + 1);
  return fmt::format("party {}", party + 1);
}

std::string HumanNegotiator::Worth(double utility, double time) const {
  const Profile& profile = *context_.profile;
  if (!profile.discounted()) return fmt::format("{:.4f} to you", utility);
  return fmt::format("{:.4f} to you, {:.4f} discounted at t = {:.3f}", utility, profile.Discount(utility, time), time);
}

void HumanNegotiator::Begin(const NegotiatorContext& context) {
  context_ = context;
  additive_ = dynamic_cast<const LinearAdditiveUtility*>(&context.profile->utility_function());
  last_offer_.reset();
  input_ended_ = false;
  start_ = std::chrono::steady_clock::now();
  const Profile& profile = *context.profile;
  const OutcomeSpace& space = *context.space;
  std::vector<std::string_view> issues;
  for (const Issue& issue : space.issues()) issues.push_back(issue.name());
  out_ << fmt::format("You play {} (party {} of {}) over {} issue{}: {}.\n", profile.name(), context.party + 1,
                      context.party_count, space.issue_count(), space.issue_count() == 1 ? "" : "s",
                      fmt::join(issues, ", "));
  std::vector<std::string> deadline;
  if (context.max_rounds) deadline.push_back(fmt::format("{} rounds", context.max_rounds));
  if (context.time_limit_seconds > 0) deadline.push_back(fmt::format("{} s", context.time_limit_seconds));
  out_ << fmt::format("Deadline {}. Your reservation value is {:.4f}{}.\n", fmt::join(deadline, " or "),
                      profile.reservation_value(),
                      profile.reservation_schedule().empty() ? "" : " now; it changes over time");
  if (profile.discounted()) {
    out_ << fmt::format(
        "Your utilities are discounted by {} to the power of the time t (0 at the start, 1 at the "
        "deadline).\n",
        profile.discount_factor());
  }
  out_ << "Type ? for the moves.\n";
  out_.flush();
}

void HumanNegotiator::ShowTurn(const TurnState& state) const {
  std::vector<std::string> when;
  if (context_.max_rounds) when.push_back(fmt::format("Round {} of {}", state.round + 1, context_.max_rounds));
  if (context_.time_limit_seconds > 0) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    when.push_back(fmt::format("{:.0f} s of {} s", elapsed, context_.time_limit_seconds));
  }
  out_ << fmt::format("\n{} (t = {:.3f})\n", fmt::join(when, ", "), state.time);
  if (state.current_offer == nullptr) {
    out_ << "No offer on the table yet.\n";
  } else {
    const OutcomeSpace& space = *context_.space;
    std::size_t width = 0;
    for (const Issue& issue : space.issues()) width = std::max(width, issue.name().size());
    const std::string by = PartyName(state.offerer);
    out_ << fmt::format("On the table: {}{}\n", by == "you" ? "your offer" : by + "'s offer",
                        state.acceptances ? fmt::format(" (accepted by {} so far)", state.acceptances) : "");
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      out_ << fmt::format("  {:<{}}  {}\n", space.issue(i).name(), width,
                          space.issue(i).Format((*state.current_offer)[i]));
    }
    out_ << fmt::format("  worth {}\n", Worth(state.current_offer_utility, state.time));
  }
  out_ << fmt::format("Your reservation value now: {:.4f}\n",
                      context_.profile->ReservationValueAt(state.time, context_.max_rounds));
}

void HumanNegotiator::ShowValues() const {
  const OutcomeSpace& space = *context_.space;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const auto worth = [&](double value) {
      return additive_ ? additive_->weights()[i] * additive_->value_functions()[i].Evaluate(issue, value) : 0.0;
    };
    if (issue.kind() == IssueKind::kReal ||
        (issue.kind() == IssueKind::kInteger && issue.cardinality() > kMostListedIntegers)) {
      const char* what = issue.kind() == IssueKind::kReal ? "a number" : "an integer";
      const std::string ends =
          additive_ ? fmt::format(" (worth {:.4f} to you at {}, {:.4f} at {})", worth(issue.lower()),
                                  issue.Format(issue.lower()), worth(issue.upper()), issue.Format(issue.upper()))
                    : "";
      out_ << fmt::format("{}: {} from {} to {}{}\n", issue.name(), what, issue.Format(issue.lower()),
                          issue.Format(issue.upper()), ends);
      continue;
    }
    out_ << fmt::format("{}{}:\n", issue.name(), additive_ ? " (what each value adds to your utility)" : "");
    std::size_t width = 0;
    for (std::uint64_t k = 0; k < issue.cardinality(); ++k)
      width = std::max(width, issue.Format(issue.ValueAt(k)).size());
    for (std::uint64_t k = 0; k < issue.cardinality(); ++k) {
      const double value = issue.ValueAt(k);
      // A discrete value is typed by its name or this number; an integer is typed as itself.
      const std::string number = issue.kind() == IssueKind::kDiscrete ? std::to_string(k + 1) : "";
      if (additive_) {
        out_ << fmt::format("  {:>3}  {:<{}}  {:.4f}\n", number, issue.Format(value), width, worth(value));
      } else {
        out_ << fmt::format("  {:>3}  {}\n", number, issue.Format(value));
      }
    }
  }
}

void HumanNegotiator::ShowHelp() const {
  std::vector<std::string_view> issues;
  for (const Issue& issue : context_.space->issues()) issues.push_back(issue.name());
  out_ << fmt::format(
      "Moves, one per line:\n"
      "  a, accept   accept the offer on the table\n"
      "  w, walk     walk away: the negotiation ends without agreement\n"
      "  an offer    one value per issue, separated by spaces, or by commas when a value's name has a\n"
      "              space; each a value's name or its number in the list `v` shows (integer and real\n"
      "              issues: the number itself). The issues, in order: {}\n"
      "  v, values   every issue's values and what each adds to your utility\n"
      "  b, best     offer your best outcome\n"
      "  s, same     offer your last offer again\n"
      "  ?, help     this list\n"
      "The end of input walks away.\n",
      fmt::join(issues, ", "));
}

bool HumanNegotiator::ParseValue(std::size_t issue_index, std::string_view text, double& value,
                                 std::string& error) const {
  const Issue& issue = context_.space->issue(issue_index);
  if (issue.kind() == IssueKind::kDiscrete) {
    // A value's name first, so that a value named "2" is that value, not the second one.
    if (const auto position = issue.FindValue(text)) {
      value = issue.ValueAt(*position);
      return true;
    }
    std::uint64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc() && end == text.data() + text.size() && number >= 1 && number <= issue.cardinality()) {
      value = issue.ValueAt(number - 1);
      return true;
    }
    error = fmt::format(
        "issue '{}': expected one of its values' names or a number from 1 to {} (v lists them), "
        "found '{}'",
        issue.name(), issue.cardinality(), text);
    return false;
  }
  if (const auto parsed = issue.Parse(text)) {
    value = *parsed;
    return true;
  }
  error = fmt::format("issue '{}': expected {} from {} to {}, found '{}'", issue.name(),
                      issue.kind() == IssueKind::kInteger ? "an integer" : "a number", issue.Format(issue.lower()),
                      issue.Format(issue.upper()), text);
  return false;
}

bool HumanNegotiator::ParseOffer(std::string_view line, Outcome& offer, std::string& error) const {
  const OutcomeSpace& space = *context_.space;
  const std::vector<std::string_view> fields = SplitFields(line);
  if (fields.size() == 1 && space.issue_count() > 1) {
    error = fmt::format("unknown move '{}': expected a, w, v, b, s, ? or an offer of {} values, one per issue", line,
                        space.issue_count());
    return false;
  }
  if (fields.size() != space.issue_count()) {
    error = fmt::format("expected {} values, one per issue, separated by spaces or commas; found {}",
                        space.issue_count(), fields.size());
    return false;
  }
  offer = Outcome(space.issue_count());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!ParseValue(i, fields[i], offer[i], error)) return false;
  }
  return true;
}

ActionType HumanNegotiator::Propose(const Outcome& offer, double time, Outcome& proposal) {
  proposal = offer;
  last_offer_ = offer;
  out_ << fmt::format("You offer {} (worth {}).\n", context_.space->Format(offer),
                      Worth(context_.profile->Utility(offer), time));
  out_.flush();
  return ActionType::kOffer;
}

ActionType HumanNegotiator::Act(const TurnState& state, Outcome& proposal) {
  if (input_ended_) return ActionType::kEndNegotiation;
  ShowTurn(state);
  while (true) {
    out_ << "Your move (? for help)> ";
    out_.flush();
    std::string text;
    if (!std::getline(in_, text)) {
      input_ended_ = true;
      out_ << "\nEnd of input: you walk away.\n";
      out_.flush();
      return ActionType::kEndNegotiation;
    }
    const std::string_view line = Trim(text);
    switch (CommandOf(line)) {
      case Command::kAccept:
        if (state.current_offer == nullptr) {
          out_ << "There is no offer on the table to accept: make an offer (? for help).\n";
          continue;
        }
        out_ << "You accept.\n";
        out_.flush();
        return ActionType::kAccept;
      case Command::kWalk:
        out_ << "You walk away.\n";
        out_.flush();
        return ActionType::kEndNegotiation;
      case Command::kValues: ShowValues(); continue;
      case Command::kHelp: ShowHelp(); continue;
      case Command::kBest: {
        const OutcomeRanking& ranking = context_.profile->utility_function().ranking();
        Outcome best(context_.space->issue_count());
        ranking.CopyOutcome(ranking.size() - 1, best);
        return Propose(best, state.time, proposal);
      }
      case Command::kSame:
        if (!last_offer_) {
          out_ << "You have made no offer yet: make one (? for help).\n";
          continue;
        }
        return Propose(Outcome(*last_offer_), state.time, proposal);
      case Command::kNone: break;
    }
    if (line.empty()) {
      out_ << "Expected a move: a, w, v, b, s, ? or an offer (? for help).\n";
      continue;
    }
    Outcome offer;
    std::string error;
    if (!ParseOffer(line, offer, error)) {
      out_ << error << "\n";
      continue;
    }
    return Propose(offer, state.time, proposal);
  }
}

void HumanNegotiator::Observe(const ObservedAction& action) {
  const std::string who = PartyName(action.party);
  const auto offer = [&] {
    return action.offer ? fmt::format("{} (worth {})", context_.space->Format(*action.offer),
                                      Worth(action.offer_utility, action.time))
                        : std::string("the offer");
  };
  switch (action.type) {
    case ActionType::kOffer: out_ << fmt::format("Round {}: {} offers {}.\n", action.round + 1, who, offer()); break;
    case ActionType::kAccept: out_ << fmt::format("Round {}: {} accepts {}.\n", action.round + 1, who, offer()); break;
    case ActionType::kReject:
      out_ << fmt::format("Round {}: {} votes against {}.\n", action.round + 1, who, offer());
      break;
    case ActionType::kEndNegotiation: out_ << fmt::format("Round {}: {} walks away.\n", action.round + 1, who); break;
    case ActionType::kElicit:
      out_ << fmt::format("Round {}: {} asks about its own preferences.\n", action.round + 1, who);
      break;
  }
  out_.flush();
}

void HumanNegotiator::Finish(const NegotiationResult& result) {
  const OutcomeSpace& space = *context_.space;
  std::string how;
  bool settled = result.agreement.has_value();  // false: the person's utility is their reservation value
  switch (result.end_reason) {
    case EndReason::kAgreement:
      how = fmt::format("agreement in round {} (t = {:.3f}) on {}", result.rounds, result.time,
                        result.agreement ? space.Format(*result.agreement) : std::string("the offer"));
      break;
    case EndReason::kDeadline:
      how = fmt::format("no agreement: the deadline passed after {} rounds", result.rounds);
      break;
    case EndReason::kEndedByParty:
      how = result.stop_reason.empty() ? "no agreement: a party walked away" : "no agreement: " + result.stop_reason;
      break;
    case EndReason::kFault:
      how = result.fault
                ? fmt::format("no agreement: {} failed: {}", PartyName(result.fault->party), result.fault->message)
                : "no agreement: a party failed";
      break;
    case EndReason::kStopped: how = "no agreement: stopped: " + result.stop_reason; break;
    case EndReason::kPartialAgreement: {
      how = "partial agreement";
      for (const Coalition& coalition : result.coalitions) {
        if (std::find(coalition.parties.begin(), coalition.parties.end(), context_.party) != coalition.parties.end()) {
          how += "; your coalition agreed on " + space.Format(coalition.outcome);
          settled = true;
        }
      }
      break;
    }
  }
  out_ << fmt::format("\nThe negotiation is over: {}.\n", how);
  if (context_.party < result.utilities.size()) {
    const bool discounted = context_.profile->discounted() && context_.party < result.undiscounted_utilities.size();
    out_ << fmt::format(
        "Your utility: {:.4f}{}{}.\n", result.utilities[context_.party],
        discounted ? fmt::format(" (undiscounted {:.4f})", result.undiscounted_utilities[context_.party]) : "",
        settled ? "" : ", your reservation value");
  }
  out_.flush();
}

namespace {

const bool kRegistered = NegotiatorRegistry::Add(
    {"human",
     "A person at the terminal: each turn shows the offer on the table and reads a move from standard input "
     "(prompts on standard error); interactive, so tournaments and the conformance suites leave it out.",
     {},
     [](const Spec&) { return std::make_unique<HumanNegotiator>(std::cin, std::cerr); },
     /*interactive=*/true});

}  // namespace
}  // namespace parley
