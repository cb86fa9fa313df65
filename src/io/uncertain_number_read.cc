// Reading numbers that may be uncertain (docs/uncertainty.md, docs/formats/parley-json.md
// "Uncertain numbers"): the syntax, the checks against each place's valid interval, the
// variables table and the estimate rule. Every error is one line naming the JSON location.
#include "io/uncertain_number_read.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace parley::internal {
namespace {

using Kind = NumberPlace::Kind;

constexpr std::string_view kForms =
    "an uncertain number ({\"uniform\": [lo, hi]}, {\"triangular\": [lo, mode, hi]}, "
    "{\"normal\": {\"mean\": m, \"sd\": s}}, {\"variable\": name})";

constexpr std::string_view kWhereAllowed =
    "uncertain numbers are allowed for issue weights, table values, reservation values, schedule points (with "
    "\"unit\": \"time\"), discount factors, track weights, interaction values and event times";

// How a plain number at a place was checked before uncertain numbers existed; kept as it was.
std::string_view PlainWhat(Kind kind) {
  switch (kind) {
    case Kind::kIssueWeight: return "a weight (a number >= 0)";
    case Kind::kScheduleValue: return "a reservation value";
    case Kind::kScheduleTime: return "a time";
    case Kind::kDiscountFactor: return "a discount factor in (0, 1]";
    case Kind::kTrackWeight: return "a weight";
    case Kind::kEventTime: return "a normalised time in (0, 1]";
    default: return "a number";
  }
}

double CheckedPlain(const Node& node, Kind kind) {
  const double value = node.Number(PlainWhat(kind));
  if (kind == Kind::kIssueWeight && value < 0.0) node.Fail(fmt::format("expected a weight >= 0, found {}", value));
  if ((kind == Kind::kDiscountFactor || kind == Kind::kEventTime) && !(value > 0.0 && value <= 1.0)) {
    node.Expected(PlainWhat(kind));
  }
  return value;
}

std::string Interval(const ValidInterval& v) {
  const auto end = [](double x) { return std::isinf(x) ? std::string(x < 0 ? "-inf" : "inf") : fmt::format("{}", x); };
  return fmt::format("{}{}, {}{}", v.low_open || std::isinf(v.low) ? "(" : "[", end(v.low), end(v.high),
                     v.high_open || std::isinf(v.high) ? ")" : "]");
}

bool Inside(double x, const ValidInterval& v) {
  return (v.low_open ? x > v.low : x >= v.low) && (v.high_open ? x < v.high : x <= v.high);
}

std::string List(const std::vector<double>& numbers) { return fmt::format("[{}]", fmt::join(numbers, ", ")); }

// Levenshtein distance, for "did you mean".
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The numbers of an array of `count` numbers at `node`, or a failure saying `what` was expected.
std::vector<double> Numbers(const Node& node, std::size_t count, std::string_view what) {
  if (node.ArraySize(what) != count) node.Expected(what);
  std::vector<double> numbers;
  for (std::size_t i = 0; i < count; ++i) numbers.push_back(node.Element(i).Number());
  return numbers;
}

// The distribution written at `node` (an object), without its places; `estimate` not yet checked
// against a valid interval. Fails on every malformed form.
UncertainNumber ReadDistribution(const Node& node) {
  node.CheckKeys({"uniform", "triangular", "normal", "variable", "estimate"});
  std::vector<std::string> forms;
  for (const char* key : {"uniform", "triangular", "normal", "variable"}) {
    if (node.json().contains(key)) forms.push_back(fmt::format("\"{}\"", key));
  }
  if (forms.size() != 1) {
    std::string found = "none";
    if (forms.size() > 1) {
      const std::string last = forms.back();
      forms.pop_back();
      found = fmt::format("{} and {}", fmt::join(forms, ", "), last);
    }
    node.Fail(
        fmt::format("give exactly one of \"uniform\", \"triangular\", \"normal\" or \"variable\" (found {})", found));
  }
  UncertainNumber number;
  number.path = node.path();
  if (auto uniform = node.Find("uniform")) {
    const auto ends = Numbers(*uniform, 2, "[lo, hi] with lo <= hi");
    if (!(ends[0] <= ends[1])) uniform->Fail(fmt::format("expected [lo, hi] with lo <= hi, found {}", List(ends)));
    if (!std::isfinite(ends[1] - ends[0])) uniform->Fail(fmt::format("{} is too wide to sample", List(ends)));
    number.shape = UncertainNumber::Shape::kUniform;
    number.low = ends[0];
    number.high = ends[1];
    number.estimate = (ends[0] + ends[1]) / 2.0;
  } else if (auto triangular = node.Find("triangular")) {
    const auto points = Numbers(*triangular, 3, "[lo, mode, hi] with lo <= mode <= hi");
    if (!(points[0] <= points[2])) {
      triangular->Fail(fmt::format("expected [lo, mode, hi] with lo <= mode <= hi, found {}", List(points)));
    }
    if (!(points[0] <= points[1] && points[1] <= points[2])) {
      triangular->Fail(fmt::format("the mode {} lies outside [{}, {}]", points[1], points[0], points[2]));
    }
    // The quantile multiplies the width by the mode's distance to either end.
    if (!std::isfinite((points[2] - points[0]) * std::max(points[1] - points[0], points[2] - points[1]))) {
      triangular->Fail(fmt::format("{} is too wide to sample", List(points)));
    }
    number.shape = UncertainNumber::Shape::kTriangular;
    number.low = points[0];
    number.mode = points[1];
    number.high = points[2];
    number.estimate = points[1];
  } else if (auto normal = node.Find("normal")) {
    normal->RequireObject("{\"mean\": m, \"sd\": s}");
    normal->CheckKeys({"mean", "sd"});
    number.shape = UncertainNumber::Shape::kNormal;
    number.mean = normal->Required("mean", "the mean (a number)").Number();
    const Node sd = normal->Required("sd", "the standard deviation (a number >= 0)");
    number.sd = sd.Number("a number >= 0");
    if (number.sd < 0.0) sd.Fail(fmt::format("expected a number >= 0, found {}", number.sd));
    number.low = -std::numeric_limits<double>::infinity();
    number.high = std::numeric_limits<double>::infinity();
    number.estimate = number.mean;
  }
  if (auto estimate = node.Find("estimate")) {
    if (node.json().contains("variable")) {
      estimate->Fail("a variable's estimate is written where it is declared, in \"variables\"");
    }
    number.estimate = estimate->Number();
    if (number.shape != UncertainNumber::Shape::kNormal &&
        !(number.low <= number.estimate && number.estimate <= number.high)) {
      estimate->Fail(fmt::format("{} lies outside the range [{}, {}]", number.estimate, number.low, number.high));
    }
  }
  return number;
}

// Fits `number` to the valid interval of the place `site`: a range must lie inside, a normal's
// mean (and estimate) must, and the normal is truncated to it. `where` is where a failure is
// reported; `used_at` says which place, for variables.
void FitToPlace(UncertainNumber& number, Kind kind, const Node& where, const std::string& used_at) {
  const ValidInterval valid = ValidIntervalOf(kind);
  const std::string why = fmt::format("{}, the valid range of {}{}", Interval(valid), PlaceKindName(kind), used_at);
  if (number.shape == UncertainNumber::Shape::kNormal) {
    if (!Inside(number.mean, valid)) {
      (used_at.empty() ? where.Child("normal").Child("mean") : where)
          .Fail(fmt::format("{}{} lies outside {}", used_at.empty() ? "" : "the mean ", number.mean, why));
    }
    if (!Inside(number.estimate, valid)) {
      (used_at.empty() ? where.Child("estimate") : where)
          .Fail(fmt::format("{}{} lies outside {}", used_at.empty() ? "" : "the estimate ", number.estimate, why));
    }
    // An open end cannot be reached: the smallest number beyond it stands for it.
    const double low = valid.low_open && std::isfinite(valid.low) ? std::nextafter(valid.low, valid.high) : valid.low;
    const double high =
        valid.high_open && std::isfinite(valid.high) ? std::nextafter(valid.high, valid.low) : valid.high;
    number.low = std::max(number.low, low);
    number.high = std::min(number.high, high);
    if (number.sd == 0.0) number.low = number.high = number.mean;
    return;
  }
  if (!Inside(number.low, valid) || !Inside(number.high, valid)) {
    const std::vector<double> written = number.shape == UncertainNumber::Shape::kUniform
                                            ? std::vector<double>{number.low, number.high}
                                            : std::vector<double>{number.low, number.mode, number.high};
    (used_at.empty() ? where.Child(number.shape == UncertainNumber::Shape::kUniform ? "uniform" : "triangular") : where)
        .Fail(fmt::format("{} leaves {}", List(written), why));
  }
}

}  // namespace

double PlainNumber(const Node& node, std::string_view what) {
  RefuseUncertain(node);
  return node.Number(what);
}

void RefuseUncertain(const Node& node) {
  if (node.json().is_object()) node.Fail(fmt::format("expected a number, found an object ({})", kWhereAllowed));
}

void UncertainReader::ReadVariables(const Node& root) {
  if (!collecting() || !root.json().is_object()) return;
  const auto variables = root.Find("variables");
  if (!variables) return;
  variables->RequireObject("an object of named uncertain numbers");
  for (const auto& [name, value] : variables->json().items()) {
    if (IsCommentKey(name)) continue;
    const Node node = variables->Member(name, value);
    node.RequireObject(
        "an uncertain number ({\"uniform\": [lo, hi]}, {\"triangular\": [lo, mode, hi]} or {\"normal\": {\"mean\": m, "
        "\"sd\": s}})");
    if (node.json().contains("variable")) {
      node.Child("variable").Fail("a variable is declared by its distribution, not by another variable");
    }
    UncertainNumber number = ReadDistribution(node);
    number.name = name;
    number.path = node.path();
    number.variable = true;
    variables_.emplace(name, std::pair<std::size_t, const Json*>{numbers_.size(), &value});
    numbers_.push_back(std::move(number));
  }
}

void UncertainReader::SetTrack(std::size_t index, std::string_view name) {
  has_track_ = true;
  track_ = index;
  track_name_ = std::string(name);
}

void UncertainReader::RecordRawWeights(std::size_t party, const std::vector<double>& weights) {
  if (collecting()) raw_weights_[{track_, party}] = weights;
}

std::string UncertainReader::NameOf(const NumberSite& site) const {
  const std::string track = has_track_ ? track_name_ + "/" : std::string();
  switch (site.kind) {
    case Kind::kIssueWeight: return fmt::format("{}{}/weights/{}", track, site.party_name, site.key);
    case Kind::kValueUtility: return fmt::format("{}{}/values/{}/{}", track, site.party_name, site.key, site.value);
    case Kind::kReservationValue: return fmt::format("{}{}/reservation_value", track, site.party_name);
    case Kind::kScheduleValue:
      return fmt::format("{}{}/reservation_schedule/{}/value", track, site.party_name, site.position);
    case Kind::kScheduleTime:
      return fmt::format("{}{}/reservation_schedule/{}/time", track, site.party_name, site.position);
    case Kind::kDiscountFactor: return fmt::format("{}{}/discount_factor", track, site.party_name);
    case Kind::kTrackWeight: return fmt::format("{}/weights/{}", site.party_name, site.key);
    case Kind::kInteractionValue: return fmt::format("{}/interactions/{}", site.party_name, site.position);
    case Kind::kEventTime: return fmt::format("events/{}/time", site.key);
  }
  return "";
}

NumberPlace UncertainReader::PlaceOf(const Node& node, const NumberSite& site) const {
  const bool in_track =
      site.kind != Kind::kTrackWeight && site.kind != Kind::kInteractionValue && site.kind != Kind::kEventTime;
  return {site.kind, node.path(), in_track ? track_ : 0, site.party, site.issue, site.position};
}

UncertainReader::Read UncertainReader::ReadNumber(const Node& node, const NumberSite& site) {
  if (!node.json().is_object()) {
    if (!node.json().is_number()) node.Expected(fmt::format("{} or {}", PlainWhat(site.kind), kForms));
    const double value = CheckedPlain(node, site.kind);
    return {value, value, value, false};
  }
  if (!collecting()) {
    const auto it = std::lower_bound(world_places_->begin(), world_places_->end(),
                                     std::pair<const Json*, std::size_t>{&node.json(), 0},
                                     [](const auto& a, const auto& b) { return std::less<>()(a.first, b.first); });
    if (it != world_places_->end() && it->first == &node.json()) {
      const double value = world_values_[it->second];
      return {value, value, value, true};
    }
    node.Fail("not an uncertain number of the document read first");
  }
  if (node.json().contains("variable")) return UseVariable(node, site);
  UncertainNumber number = ReadDistribution(node);
  FitToPlace(number, site.kind, node, "");
  number.name = NameOf(site);
  number.places.push_back(PlaceOf(node, site));
  addresses_.emplace_back(&node.json(), numbers_.size());
  numbers_.push_back(std::move(number));
  const UncertainNumber& read = numbers_.back();
  return {read.estimate, read.low, read.high, true};
}

UncertainReader::Read UncertainReader::UseVariable(const Node& node, const NumberSite& site) {
  ReadDistribution(node);  // checks the keys: "variable" alone, comments allowed
  const Node name_node = node.Child("variable");
  const std::string& name = name_node.String("the name of an entry of \"variables\"");
  const auto it = variables_.find(name);
  if (it == variables_.end()) {
    std::string closest;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (const auto& [candidate, entry] : variables_) {
      if (const std::size_t d = EditDistance(name, candidate); d < best) {
        best = d;
        closest = candidate;
      }
    }
    if (variables_.empty()) name_node.Fail(fmt::format("no variable \"{}\" (no variables are declared)", name));
    if (best >= name.size() || best > std::max<std::size_t>(2, name.size() / 3)) {
      std::vector<std::string> names;
      for (const auto& [candidate, entry] : variables_) names.push_back(fmt::format("\"{}\"", candidate));
      name_node.Fail(fmt::format("no variable \"{}\" (the variables: {})", name, fmt::join(names, ", ")));
    }
    name_node.Fail(fmt::format("no variable \"{}\" (did you mean \"{}\"?)", name, closest));
  }
  UncertainNumber& number = numbers_[it->second.first];
  // A variable that does not fit a place where it is used fails at its declaration.
  FitToPlace(number, site.kind, Node(*it->second.second, number.path, node.origin()),
             fmt::format(" (used at {})", node.path()));
  number.places.push_back(PlaceOf(node, site));
  addresses_.emplace_back(&node.json(), it->second.first);
  return {number.estimate, number.low, number.high, true};
}

void UncertainReader::Finish(const Node& root) {
  if (!collecting()) return;
  std::map<std::string_view, const UncertainNumber*> names;
  for (const UncertainNumber& number : numbers_) {
    if (number.variable && number.places.empty()) {
      throw InputError(fmt::format("{}: {}: used nowhere", root.origin(), number.path));
    }
    if (number.variable && number.shape == UncertainNumber::Shape::kNormal &&
        !(number.low <= number.estimate && number.estimate <= number.high)) {
      throw InputError(fmt::format("{}: {}: the estimate {} lies outside [{}, {}], where the variable is used",
                                   root.origin(), number.path, number.estimate, number.low, number.high));
    }
    if (auto [it, inserted] = names.emplace(number.name, &number); !inserted) {
      throw InputError(fmt::format("{}: {}: its name \"{}\" is also that of the uncertain number at {}", root.origin(),
                                   number.path, number.name, it->second->path));
    }
  }
}

std::vector<std::pair<const Json*, std::size_t>> UncertainReader::PlacesByAddress() const {
  auto sorted = addresses_;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return std::less<>()(a.first, b.first); });
  return sorted;
}

}  // namespace parley::internal
