// Issues, outcomes and the space of all outcomes of a negotiation.
//
// An issue is discrete (a list of named values), an integer range or a real range. An Outcome
// assigns one value to every issue of a space. When every issue is countable and the product of
// their sizes fits in 64 bits, the space is *enumerable*: each outcome also has a compact
// OutcomeIndex (mixed radix over the issues, the last issue varying fastest), so that engines can
// enumerate, sample and cache per-outcome numbers without allocating. Spaces too large for that
// (ANAC 2014 has 10^50 outcomes) report their size as a logarithm instead of overflowing.
//
// OutcomeSpace is immutable after construction and safe to share between threads.
#ifndef PARLEY_OUTCOME_SPACE_H_
#define PARLEY_OUTCOME_SPACE_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#pragma GCC visibility push(default)  // docs/install.md#symbol-visibility

namespace parley {

class Rng;

enum class IssueKind { kDiscrete, kInteger, kReal };

std::string_view IssueKindName(IssueKind kind);

// Position of an outcome in the mixed-radix enumeration of an enumerable space.
using OutcomeIndex = std::uint64_t;

// One value per issue, stored as a double: for a discrete issue the 0-based position of the value
// in the issue's list, for an integer issue the integer itself, for a real issue the number.
// (Every integer an ANAC domain uses is exactly representable.) Copying an Outcome into one of the
// same size does not allocate.
class Outcome {
 public:
  Outcome() = default;
  explicit Outcome(std::size_t issue_count) : values_(issue_count, 0.0) {}
  explicit Outcome(std::vector<double> values) : values_(std::move(values)) {}
  // Values written out: Outcome({0, 2}). A braced list always means values, so Outcome({2}) is
  // the one-issue outcome 2, not two zeros (list constructors win over the size constructor).
  Outcome(std::initializer_list<double> values) : values_(values) {}

  std::size_t size() const { return values_.size(); }
  double operator[](std::size_t issue) const { return values_[issue]; }
  double& operator[](std::size_t issue) { return values_[issue]; }
  const std::vector<double>& values() const { return values_; }

  friend bool operator==(const Outcome& a, const Outcome& b) { return a.values_ == b.values_; }

 private:
  std::vector<double> values_;
};

class Issue {
 public:
  // Each throws UsageError for an empty or reversed range, a value listed twice, or a name that
  // is not valid UTF-8.
  static Issue Discrete(std::string name, std::vector<std::string> values);
  static Issue Integer(std::string name, std::int64_t lower, std::int64_t upper);
  static Issue Real(std::string name, double lower, double upper);

  const std::string& name() const { return name_; }
  IssueKind kind() const { return kind_; }
  bool countable() const { return kind_ != IssueKind::kReal; }
  // Number of values of a countable issue; 0 for a real issue.
  std::uint64_t cardinality() const { return cardinality_; }

  // Discrete issues: the value names, in file order.
  const std::vector<std::string>& values() const { return values_; }
  // Position of a discrete value by name, in O(log n).
  std::optional<std::size_t> FindValue(std::string_view value) const;

  // Integer and real issues: inclusive bounds.
  double lower() const { return lower_; }
  double upper() const { return upper_; }

  // The value at position `position` (0-based) of a countable issue, in Outcome's encoding.
  double ValueAt(std::uint64_t position) const {
    return kind_ == IssueKind::kDiscrete ? static_cast<double>(position) : lower_ + static_cast<double>(position);
  }
  // Inverse of ValueAt for a countable issue.
  std::uint64_t PositionOf(double value) const {
    return static_cast<std::uint64_t>(kind_ == IssueKind::kDiscrete ? value : value - lower_);
  }
  // True if `value` is a legal value of this issue in Outcome's encoding.
  bool Contains(double value) const;
  // The value as a person reads it: the discrete value's name, the integer or the real number.
  std::string Format(double value) const;
  // Parses a value as written by Format (a discrete name, an integer or a real number).
  std::optional<double> Parse(std::string_view text) const;

 private:
  Issue(std::string name, IssueKind kind);

  std::string name_;
  IssueKind kind_;
  std::vector<std::string> values_;
  std::vector<std::size_t> by_name_;  // positions of values_ sorted by name, for FindValue
  double lower_ = 0.0;
  double upper_ = 0.0;
  std::uint64_t cardinality_ = 0;
};

class OutcomeSpace {
 public:
  // Throws UsageError if there are no issues, two issues share a name, there are more issues
  // than ResourceLimits::max_issues, or the name is not valid UTF-8.
  OutcomeSpace(std::string name, std::vector<Issue> issues);

  const std::string& name() const { return name_; }
  std::size_t issue_count() const { return issues_.size(); }
  const Issue& issue(std::size_t i) const { return issues_[i]; }
  const std::vector<Issue>& issues() const { return issues_; }
  // Position of an issue by name, in O(log n).
  std::optional<std::size_t> FindIssue(std::string_view name) const;

  // Number of outcomes when every issue is countable and the product fits in 64 bits.
  std::optional<std::uint64_t> cardinality() const { return cardinality_; }
  bool enumerable() const { return cardinality_.has_value(); }
  // log10 of the number of outcomes (infinity if an issue is real).
  double log10_cardinality() const { return log10_cardinality_; }
  // "15625", or "about 1.0e+50 (too large to enumerate)", or "infinite (real issues)".
  std::string DescribeSize() const;

  // Mixed-radix index of an outcome; the space must be enumerable and the outcome valid.
  OutcomeIndex IndexOf(const Outcome& outcome) const;
  // Writes the outcome at `index` into `out`, resizing it if needed (no allocation otherwise).
  void Decode(OutcomeIndex index, Outcome& out) const;
  Outcome OutcomeAt(OutcomeIndex index) const;

  // True if `outcome` has one legal value per issue; otherwise false with the reason in `why`.
  bool IsValid(const Outcome& outcome, std::string* why = nullptr) const;
  // A uniformly random outcome (real issues uniform over their range), written into `out`.
  void RandomOutcome(Rng& rng, Outcome& out) const;

  // "issue=value, issue=value, ..." with values by name.
  std::string Format(const Outcome& outcome) const;

 private:
  std::string name_;
  std::vector<Issue> issues_;
  std::vector<std::size_t> by_name_;    // positions of issues_ sorted by name, for FindIssue
  std::vector<std::uint64_t> strides_;  // only meaningful when enumerable
  std::optional<std::uint64_t> cardinality_;
  double log10_cardinality_ = 0.0;
};

}  // namespace parley

#pragma GCC visibility pop

#endif  // PARLEY_OUTCOME_SPACE_H_
