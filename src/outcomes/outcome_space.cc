#include "parley/outcome_space.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/format_count.h"
#include "parley/error.h"
#include "parley/limits.h"
#include "parley/random.h"
#include "parley/utf8.h"

namespace parley {
namespace {

// Positions 0..n-1 sorted by the names at those positions.
template <typename Name>
std::vector<std::size_t> SortedByName(std::size_t n, Name name) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return name(a) < name(b); });
  return order;
}

// Binary search of `order` (as SortedByName made it) for `wanted`.
template <typename Name>
std::optional<std::size_t> FindByName(const std::vector<std::size_t>& order, std::string_view wanted, Name name) {
  const auto it = std::lower_bound(order.begin(), order.end(), wanted,
                                   [&](std::size_t position, std::string_view key) { return name(position) < key; });
  if (it == order.end() || name(*it) != wanted) return std::nullopt;
  return *it;
}

}  // namespace

std::string_view IssueKindName(IssueKind kind) {
  switch (kind) {
    case IssueKind::kDiscrete: return "discrete";
    case IssueKind::kInteger: return "integer";
    case IssueKind::kReal: return "real";
  }
  return "unknown";
}

Issue::Issue(std::string name, IssueKind kind) : name_(std::move(name)), kind_(kind) {
  RequireUtf8Name(name_, "the issue name");
}

Issue Issue::Discrete(std::string name, std::vector<std::string> values) {
  Issue issue(std::move(name), IssueKind::kDiscrete);
  if (values.empty()) throw UsageError(fmt::format("discrete issue '{}' has no values", issue.name_));
  for (const auto& value : values) RequireUtf8Name(value, fmt::format("a value name of issue '{}'", issue.name_));
  auto name_at = [&](std::size_t position) -> std::string_view { return values[position]; };
  issue.by_name_ = SortedByName(values.size(), name_at);
  for (std::size_t k = 1; k < issue.by_name_.size(); ++k) {
    if (values[issue.by_name_[k]] == values[issue.by_name_[k - 1]]) {
      throw UsageError(
          fmt::format("discrete issue '{}' lists the value '{}' twice", issue.name_, values[issue.by_name_[k]]));
    }
  }
  issue.cardinality_ = values.size();
  issue.upper_ = static_cast<double>(values.size() - 1);
  issue.values_ = std::move(values);
  return issue;
}

Issue Issue::Integer(std::string name, std::int64_t lower, std::int64_t upper) {
  Issue issue(std::move(name), IssueKind::kInteger);
  // Outcome stores integers as doubles, exact up to 2^53.
  constexpr std::int64_t kLimit = std::int64_t{1} << 53;
  if (lower > upper) {
    throw UsageError(
        fmt::format("integer issue '{}' has lower bound {} above upper bound {}", issue.name_, lower, upper));
  }
  if (lower < -kLimit || upper > kLimit) {
    throw UsageError(fmt::format("integer issue '{}' has bounds beyond +-2^53", issue.name_));
  }
  issue.lower_ = static_cast<double>(lower);
  issue.upper_ = static_cast<double>(upper);
  issue.cardinality_ = static_cast<std::uint64_t>(upper - lower) + 1;
  return issue;
}

Issue Issue::Real(std::string name, double lower, double upper) {
  Issue issue(std::move(name), IssueKind::kReal);
  if (!std::isfinite(lower) || !std::isfinite(upper) || lower > upper) {
    throw UsageError(fmt::format("real issue '{}' has invalid bounds [{}, {}]", issue.name_, lower, upper));
  }
  issue.lower_ = lower;
  issue.upper_ = upper;
  return issue;
}

std::optional<std::size_t> Issue::FindValue(std::string_view value) const {
  return FindByName(by_name_, value, [&](std::size_t position) -> std::string_view { return values_[position]; });
}

bool Issue::Contains(double value) const {
  if (!(value >= lower_ && value <= upper_)) return false;  // also rejects NaN
  return kind_ == IssueKind::kReal || value == std::floor(value);
}

std::string Issue::Format(double value) const {
  switch (kind_) {
    case IssueKind::kDiscrete: return Contains(value) ? values_[PositionOf(value)] : fmt::format("<invalid {}>", value);
    case IssueKind::kInteger: return fmt::format("{}", static_cast<std::int64_t>(value));
    case IssueKind::kReal: return fmt::format("{}", value);
  }
  return {};
}

std::optional<double> Issue::Parse(std::string_view text) const {
  if (kind_ == IssueKind::kDiscrete) {
    auto position = FindValue(text);
    if (!position) return std::nullopt;
    return static_cast<double>(*position);
  }
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !Contains(value)) return std::nullopt;
  return value;
}

OutcomeSpace::OutcomeSpace(std::string name, std::vector<Issue> issues)
    : name_(std::move(name)), issues_(std::move(issues)) {
  RequireUtf8Name(name_, "the outcome space name");
  if (issues_.empty()) throw UsageError(fmt::format("outcome space '{}' has no issues", name_));
  const std::uint64_t max_issues = DefaultResourceLimits().max_issues;
  if (issues_.size() > max_issues) {
    throw UsageError(fmt::format("outcome space '{}' has {} issues, more than {}", name_,
                                 internal::FormatCount(issues_.size()),
                                 DescribeLimit(max_issues, "issues", "--max-issues")));
  }
  auto name_at = [&](std::size_t position) -> std::string_view { return issues_[position].name(); };
  by_name_ = SortedByName(issues_.size(), name_at);
  for (std::size_t k = 1; k < by_name_.size(); ++k) {
    if (name_at(by_name_[k]) == name_at(by_name_[k - 1])) {
      throw UsageError(fmt::format("outcome space '{}' has two issues named '{}'", name_, name_at(by_name_[k])));
    }
  }
  std::uint64_t product = 1;
  bool fits = true;
  log10_cardinality_ = 0.0;
  for (const auto& issue : issues_) {
    if (!issue.countable()) {
      fits = false;
      log10_cardinality_ = std::numeric_limits<double>::infinity();
      continue;
    }
    log10_cardinality_ += std::log10(static_cast<double>(issue.cardinality()));
    if (fits && __builtin_mul_overflow(product, issue.cardinality(), &product)) fits = false;
  }
  if (fits) {
    cardinality_ = product;
    strides_.assign(issues_.size(), 1);
    for (std::size_t i = issues_.size() - 1; i > 0; --i) strides_[i - 1] = strides_[i] * issues_[i].cardinality();
  }
}

std::optional<std::size_t> OutcomeSpace::FindIssue(std::string_view name) const {
  return FindByName(by_name_, name, [&](std::size_t position) -> std::string_view { return issues_[position].name(); });
}

std::string OutcomeSpace::DescribeSize() const {
  if (cardinality_) return fmt::format("{}", *cardinality_);
  if (std::isinf(log10_cardinality_)) return "infinite (real-valued issues)";
  return fmt::format("about {:.1e} (too large to enumerate)", std::pow(10.0, log10_cardinality_));
}

OutcomeIndex OutcomeSpace::IndexOf(const Outcome& outcome) const {
  if (!cardinality_) throw UsageError(fmt::format("outcome space '{}' is not enumerable", name_));
  OutcomeIndex index = 0;
  for (std::size_t i = 0; i < issues_.size(); ++i) index += issues_[i].PositionOf(outcome[i]) * strides_[i];
  return index;
}

void OutcomeSpace::Decode(OutcomeIndex index, Outcome& out) const {
  if (out.size() != issues_.size()) out = Outcome(issues_.size());
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    const std::uint64_t position = index / strides_[i];
    index -= position * strides_[i];
    out[i] = issues_[i].ValueAt(position);
  }
}

Outcome OutcomeSpace::OutcomeAt(OutcomeIndex index) const {
  if (!cardinality_ || index >= *cardinality_) {
    throw UsageError(fmt::format("outcome index {} is outside space '{}' of size {}", index, name_, DescribeSize()));
  }
  Outcome out(issues_.size());
  Decode(index, out);
  return out;
}

bool OutcomeSpace::IsValid(const Outcome& outcome, std::string* why) const {
  if (outcome.size() != issues_.size()) {
    if (why) *why = fmt::format("outcome has {} values but the space has {} issues", outcome.size(), issues_.size());
    return false;
  }
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    if (!issues_[i].Contains(outcome[i])) {
      if (why) *why = fmt::format("value {} is not a legal value of issue '{}'", outcome[i], issues_[i].name());
      return false;
    }
  }
  return true;
}

void OutcomeSpace::RandomOutcome(Rng& rng, Outcome& out) const {
  if (out.size() != issues_.size()) out = Outcome(issues_.size());
  for (std::size_t i = 0; i < issues_.size(); ++i) {
    const Issue& issue = issues_[i];
    out[i] = issue.countable() ? issue.ValueAt(rng.UniformInt(issue.cardinality()))
                               : issue.lower() + (issue.upper() - issue.lower()) * rng.UniformReal();
  }
}

std::string OutcomeSpace::Format(const Outcome& outcome) const {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < issues_.size() && i < outcome.size(); ++i) {
    values.push_back(issues_[i].name() + "=" + issues_[i].Format(outcome[i]));
  }
  return fmt::format("{}", fmt::join(values, ", "));
}

}  // namespace parley
