// Reading NegMAS scenario folders: the outcome space file and the linear utility functions, as
// NegMAS serialises them (Scenario.dumpas), into Parley's scenario with the same utilities.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io/json_node.h"
#include "io/json_text.h"
#include "io/negmas_internal.h"
#include "io/scenario_files.h"
#include "io/yaml_text.h"
#include "parley/error.h"
#include "parley/utility.h"

namespace parley::internal {
namespace {

namespace fs = std::filesystem;

// A value table over an integer issue is listed value by value; beyond this it is refused.
constexpr std::uint64_t kMaxTableValues = 1'000'000;

struct NegmasFile {
  fs::path path;
  std::string origin;
  Json json;
  std::string type;  // short class name, "" if none
};

std::string TypeOf(const Json& json) {
  if (!json.is_object()) return "";
  for (const char* key : {"type", "__python_class__"}) {
    if (json.contains(key) && json.at(key).is_string()) return ShortClassName(json.at(key).get<std::string>());
  }
  return "";
}

// The class of a serialised object, required.
std::string RequiredType(const Node& node, std::string_view what) {
  node.RequireObject(what);
  const std::string type = TypeOf(node.json());
  if (type.empty()) node.Fail(fmt::format("no \"type\" (or \"__python_class__\"); expected {}", what));
  return type;
}

// A scalar as NegMAS would print it in a value's name.
std::string ScalarText(const Node& node) {
  const Json& json = node.json();
  if (json.is_string()) return json.get<std::string>();
  if (json.is_boolean()) return json.get<bool>() ? "True" : "False";
  if (json.is_number_integer()) return json.dump();
  if (json.is_number_float()) return ShortestNumber(node.Number("a finite number"));
  node.Expected("a value (a string or a number)");
}

// An issue and, for a listed issue whose values are numbers, those numbers by position.
struct ReadIssue {
  Issue issue;
  std::vector<std::optional<double>> numbers;
};

ReadIssue ReadOneIssue(const Node& node) {
  const std::string type = RequiredType(node, "an issue {\"type\": ..., \"name\": ..., \"values\": ...}");
  const std::string name = node.Required("name", "the issue's name (a string)").String();
  const Node values = node.Required("values", "the issue's values");
  if (type == "ContiguousIssue") {
    if (values.json().is_number_integer()) {
      const std::int64_t n = values.Integer("a number of values");
      if (n <= 0) values.Expected("a positive number of values");
      return {Checked(values, [&] { return Issue::Integer(name, 0, n - 1); }), {}};
    }
    if (values.ArraySize("[min, max] (integers)") != 2) values.Expected("[min, max] (integers)");
    const std::int64_t lower = values.Element(0).Integer(), upper = values.Element(1).Integer();
    if (lower > upper) values.Fail(fmt::format("min {} is above max {}", lower, upper));
    return {Checked(values, [&] { return Issue::Integer(name, lower, upper); }), {}};
  }
  if (type == "ContinuousIssue") {
    if (values.ArraySize("[min, max] (numbers)") != 2) values.Expected("[min, max] (numbers)");
    const double lower = values.Element(0).Number(), upper = values.Element(1).Number();
    if (lower > upper) values.Fail(fmt::format("min {} is above max {}", lower, upper));
    return {Checked(node, [&] { return Issue::Real(name, lower, upper); }), {}};
  }
  static const std::set<std::string> kListed = {"CategoricalIssue",      "DiscreteCategoricalIssue",
                                                "DiscreteCardinalIssue", "DiscreteOrdinalIssue",
                                                "OrdinalIssue",          "CardinalIssue"};
  if (!kListed.count(type)) {
    node.Fail(
        fmt::format("issues of type {} are not supported (Parley reads ContiguousIssue, ContinuousIssue and "
                    "the listed issues: {})",
                    type, fmt::join(kListed, ", ")));
  }
  const std::size_t count = values.ArraySize("a non-empty list of values");
  if (count == 0) values.Fail("expected a non-empty list of values, found an empty list");
  std::vector<std::string> names;
  std::vector<std::optional<double>> numbers;
  std::set<std::string> seen;
  for (std::size_t k = 0; k < count; ++k) {
    const Node element = values.Element(k);
    names.push_back(ScalarText(element));
    if (!seen.insert(names.back()).second) element.Fail(fmt::format("the value '{}' is listed twice", names.back()));
    numbers.push_back(element.json().is_number() ? std::optional<double>(element.Number()) : std::nullopt);
  }
  // Names must be UTF-8; the issue refuses others with UsageError, reported here at the issue.
  return {Checked(node, [&] { return Issue::Discrete(name, std::move(names)); }), std::move(numbers)};
}

// One issue's value function as NegMAS defines it, before weighting: a line a + b x, or a table.
struct Piece {
  bool line = false;
  double intercept = 0.0, slope = 0.0;
  std::vector<double> table;
};

double FiniteNumber(const Node& node, std::string_view what) { return node.Number(what); }

// The position of a table key in a listed issue: by name, or by number when both are numbers.
std::optional<std::size_t> ListedPosition(const ReadIssue& read, const std::string& key) {
  if (auto position = read.issue.FindValue(key)) return position;
  double number = 0.0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
  if (ec != std::errc() || end != key.data() + key.size()) return std::nullopt;
  for (std::size_t p = 0; p < read.numbers.size(); ++p) {
    if (read.numbers[p] && *read.numbers[p] == number) return p;
  }
  return std::nullopt;
}

Piece ReadTable(const Node& mapping, const ReadIssue& read) {
  const Issue& issue = read.issue;
  mapping.RequireObject("a mapping of each value to its utility");
  if (issue.kind() == IssueKind::kReal) {
    mapping.Fail(fmt::format("a table cannot evaluate the continuous issue '{}'", issue.name()));
  }
  if (issue.cardinality() > kMaxTableValues) {
    mapping.Fail(fmt::format("issue '{}' has {} values; Parley reads value tables of at most {}", issue.name(),
                             issue.cardinality(), kMaxTableValues));
  }
  std::vector<std::optional<double>> by_position(issue.cardinality());
  for (const auto& [key, value] : mapping.json().items()) {
    const Node entry = mapping.Member(key, value);
    std::optional<std::size_t> position;
    if (issue.kind() == IssueKind::kDiscrete) {
      position = ListedPosition(read, key);
    } else if (auto parsed = issue.Parse(key); parsed && *parsed == std::floor(*parsed)) {
      position = issue.PositionOf(*parsed);
    }
    if (!position) entry.Fail(fmt::format("'{}' is not a value of issue '{}'", key, issue.name()));
    if (by_position[*position]) entry.Fail(fmt::format("the value '{}' is given twice", key));
    by_position[*position] = FiniteNumber(entry, "a utility (a number)");
  }
  Piece piece;
  for (std::uint64_t p = 0; p < by_position.size(); ++p) {
    if (!by_position[p]) {
      mapping.Fail(fmt::format("no utility for the value '{}' of issue '{}' (every value needs one)",
                               issue.Format(issue.ValueAt(p)), issue.name()));
    }
    piece.table.push_back(*by_position[p]);
  }
  return piece;
}

// intercept + slope * x over the issue: a line for numeric issues, a table for listed numbers.
Piece LineOver(const Node& node, const ReadIssue& read, double intercept, double slope) {
  Piece piece;
  if (read.issue.kind() != IssueKind::kDiscrete) {
    piece.line = true;
    piece.intercept = intercept;
    piece.slope = slope;
    return piece;
  }
  for (std::size_t p = 0; p < read.numbers.size(); ++p) {
    if (!read.numbers[p]) {
      node.Fail(fmt::format("a numeric function cannot evaluate the value '{}' of issue '{}' (not a number)",
                            read.issue.values()[p], read.issue.name()));
    }
    piece.table.push_back(intercept + slope * *read.numbers[p]);
  }
  return piece;
}

Piece ReadValueFunction(const Node& node, const ReadIssue& read) {
  node.RequireObject("a value function {\"type\": \"TableFun\", \"mapping\": {...}} or similar");
  const std::string type = TypeOf(node.json());
  // A bare mapping is a table, as NegMAS makes a TableFun of a dict.
  if (type.empty()) return ReadTable(node, read);
  if (type == "TableFun") return ReadTable(node.Required("mapping", "the table of value utilities"), read);
  auto number = [&](const char* key, double fallback) {
    const auto child = node.Find(key);
    return child ? FiniteNumber(*child, "a number") : fallback;
  };
  if (type == "AffineFun") {
    node.Required("slope", "the slope (a number)");
    return LineOver(node, read, number("bias", 0.0), number("slope", 0.0));
  }
  if (type == "LinearFun")
    return LineOver(node, read, 0.0, FiniteNumber(node.Required("slope", "the slope"), "a number"));
  if (type == "ConstFun")
    return LineOver(node, read, FiniteNumber(node.Required("bias", "the constant"), "a number"), 0.0);
  if (type == "IdentityFun") return LineOver(node, read, 0.0, 1.0);
  node.Fail(
      fmt::format("value functions of type {} are not supported (Parley reads TableFun, AffineFun, LinearFun, "
                  "ConstFun and IdentityFun)",
                  type));
}

// A node that is either a list (one entry per issue) or a mapping by issue name; returns the
// entry of issue i, or nothing when a mapping leaves it out.
std::optional<Node> PerIssue(const Node& node, const OutcomeSpace& space, std::size_t i, std::string_view what) {
  if (node.json().is_array()) {
    if (node.json().size() != space.issue_count()) {
      node.Fail(fmt::format("expected {} (one per issue), found {}", space.issue_count(), node.json().size()));
    }
    return node.Element(i);
  }
  if (!node.json().is_object())
    node.Expected(fmt::format("{}: a list (one per issue) or a mapping by issue name", what));
  if (i == 0) {
    for (const auto& [key, value] : node.json().items()) {
      if (!space.FindIssue(key)) node.Child(key).Fail(fmt::format("there is no issue named '{}'", key));
    }
  }
  return node.Find(space.issue(i).name());
}

// A finite reservation value, or nothing for null / -inf (NegMAS's "no reservation value").
std::optional<double> ReservedValue(const Node& node) {
  const Json& json = node.json();
  if (json.is_null()) return std::nullopt;
  if (!json.is_number()) node.Expected("a reservation value (a number)");
  const double value = json.get<double>();
  if (value == -std::numeric_limits<double>::infinity()) return std::nullopt;
  if (!std::isfinite(value)) node.Expected("a finite reservation value, or -inf for none");
  return value;
}

Profile ReadUtility(const NegmasFile& file, const std::shared_ptr<const OutcomeSpace>& space,
                    const std::vector<ReadIssue>& issues) {
  const Node root(file.json, "", file.origin);
  std::string type = RequiredType(root, "a utility function");
  std::optional<double> reservation;
  double discount = 1.0;
  const bool discounted = type == "ExpDiscountedUFun";
  if (discounted) {
    if (auto d = root.Find("discount"); d && !d->json().is_null()) {
      discount = d->Number("a discount factor in (0, 1]");
      if (!(discount > 0.0 && discount <= 1.0)) d->Expected("a discount factor in (0, 1]");
    }
    const auto factor = root.Find("factor");
    const std::string by = factor ? factor->String("\"relative_time\"") : "step";
    if (by != "relative_time" && discount != 1.0) {
      (factor ? *factor : root)
          .Fail(fmt::format("ExpDiscountedUFun discounts by \"{}\"; Parley discounts by the normalised time of the "
                            "negotiation, which is factor \"relative_time\"",
                            by));
    }
    if (auto r = root.Find("reserved_value")) reservation = ReservedValue(*r);
  } else if (type.ends_with("DiscountedUFun")) {
    root.Fail(fmt::format("{} is not supported; Parley reads exponential discounting (ExpDiscountedUFun)", type));
  }
  const Node ufun = discounted ? root.Required("ufun", "the discounted utility function") : root;
  if (discounted) type = RequiredType(ufun, "a utility function");
  const bool additive = type == "LinearAdditiveUtilityFunction";
  if (!additive && type != "AffineUtilityFunction" && type != "LinearUtilityFunction") {
    ufun.Fail(
        fmt::format("utility functions of type {} are not supported (Parley reads LinearAdditiveUtilityFunction, "
                    "AffineUtilityFunction and LinearUtilityFunction, optionally inside ExpDiscountedUFun)",
                    type));
  }
  if (!reservation) {
    if (auto r = ufun.Find("reserved_value")) reservation = ReservedValue(*r);
  }
  std::string name = file.path.stem().string();
  for (const Node* node : {&root, &ufun}) {
    if (auto n = node->Find("name"); n && n->json().is_string() && !n->json().get<std::string>().empty()) {
      name = n->json().get<std::string>();
      break;
    }
  }

  // NegMAS: u = bias + Σ w_i v_i. Parley: min(1, Σ (w'_i / Σw') v'_i) with w' >= 0. With
  // S = Σ|w_i|, w'_i = |w_i| and v'_i = sign(w_i) S v_i + bias give the same sum exactly.
  const std::size_t n = space->issue_count();
  std::vector<double> weights(n, 1.0);
  if (auto w = ufun.Find("weights"); w && !w->json().is_null()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (auto entry = PerIssue(*w, *space, i, "weights")) weights[i] = entry->Number("a weight (a number)");
    }
  }
  std::vector<Piece> pieces;
  const auto values =
      additive ? std::optional<Node>(ufun.Required("values", "the value function of each issue")) : std::nullopt;
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<Node> entry = values ? PerIssue(*values, *space, i, "values") : std::nullopt;
    pieces.push_back(entry ? ReadValueFunction(*entry, issues[i]) : LineOver(ufun, issues[i], 0.0, 1.0));
  }
  const double bias = ufun.Find("bias") ? ufun.Child("bias").Number("a number") : 0.0;
  double total = 0.0;
  for (double w : weights) total += std::abs(w);
  std::vector<double> parley_weights;
  std::vector<ValueFunction> functions;
  double best = 0.0, worst = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double scale = total > 0.0 ? std::copysign(total, weights[i]) : 0.0;
    const double share = total > 0.0 ? std::abs(weights[i]) / total : 1.0 / static_cast<double>(n);
    parley_weights.push_back(total > 0.0 ? std::abs(weights[i]) : 1.0);
    const Piece& piece = pieces[i];
    const Issue& issue = space->issue(i);
    double hi = -INFINITY, lo = INFINITY;
    if (piece.line) {
      const double intercept = scale * piece.intercept + bias, slope = scale * piece.slope;
      functions.push_back(ValueFunction::Linear(slope, intercept, 0.0, false));
      for (double x : {issue.lower(), issue.upper()}) {
        hi = std::max(hi, intercept + slope * x);
        lo = std::min(lo, intercept + slope * x);
      }
    } else {
      std::vector<double> table;
      for (double v : piece.table) table.push_back(scale * v + bias);
      hi = *std::max_element(table.begin(), table.end());
      lo = *std::min_element(table.begin(), table.end());
      functions.push_back(ValueFunction::Table(std::move(table)));
    }
    best += share * hi;
    worst += share * lo;
  }
  if (best > 1.0 + 1e-9) {
    ufun.Fail(
        fmt::format("the best outcome is worth {}; Parley caps utilities at 1 (as GENIUS does), so this utility "
                    "function cannot be read unchanged",
                    best));
  }
  auto utility = Checked(ufun, [&] {
    return std::make_shared<const LinearAdditiveUtility>(space, std::move(parley_weights), std::move(functions));
  });
  // No reservation value: walking away is worth no more than the worst agreement (and 0 at most,
  // GENIUS's default).
  const double reserved = reservation ? *reservation : std::min(0.0, worst);
  return Checked(root, [&] { return Profile(name, utility, reserved, discount); });
}

NegmasFile Load(const fs::path& path, NegmasSyntax syntax) {
  NegmasFile file{path, path.string(), {}, ""};
  const std::string text = ReadTextFile(path);
  file.json = syntax == NegmasSyntax::kYaml ? ParseYamlDocument(text, file.origin) : ParseDocument(text, file.origin);
  file.type = TypeOf(file.json);
  return file;
}

}  // namespace

bool IsNegmasFile(const fs::path& path, NegmasSyntax syntax) {
  return syntax == NegmasSyntax::kYaml ? HasExtension(path, {".yml", ".yaml"}) : HasExtension(path, {".json"});
}

std::string ShortClassName(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  return std::string(dot == std::string_view::npos ? name : name.substr(dot + 1));
}

Scenario ReadNegmasFolder(const fs::path& folder, NegmasSyntax syntax) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw InputError(
        fmt::format("{}: not a folder; expected a NegMAS scenario folder (an outcome space file and one "
                    "utility function file per party)",
                    folder.string()));
  }
  const auto paths = syntax == NegmasSyntax::kYaml ? FilesIn(folder, {".yml", ".yaml"}) : FilesIn(folder, {".json"});
  std::optional<NegmasFile> domain;
  std::vector<NegmasFile> utilities;
  std::string ignored;
  for (const fs::path& path : paths) {
    NegmasFile file = Load(path, syntax);
    std::string lower = file.type;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (file.type.find("OutcomeSpace") != std::string::npos) {
      if (domain) {
        throw InputError(fmt::format("{}: two outcome space files, {} and {}; expected one", folder.string(),
                                     domain->path.filename().string(), path.filename().string()));
      }
      domain = std::move(file);
    } else if (lower.find("fun") != std::string::npos) {
      utilities.push_back(std::move(file));
    } else {
      ignored += fmt::format(
          "; ignored {}: {}", path.filename().string(),
          file.type.empty() ? "no \"type\"" : "a " + file.type + ", neither an outcome space nor a utility function");
    }
  }
  if (!domain) {
    throw InputError(
        fmt::format("{}: no outcome space file (a file whose \"type\" names an OutcomeSpace) among {} "
                    "file(s)",
                    folder.string(), paths.size()));
  }
  if (utilities.size() < 2) {
    throw InputError(fmt::format("{}: {} utility function file(s); a scenario needs at least two (one per party)",
                                 folder.string(), utilities.size()));
  }
  const Node root(domain->json, "", domain->origin);
  root.RequireObject("an outcome space {\"type\": ..., \"issues\": [...]}");
  const Node issues_node = root.Required("issues", "the list of issues");
  const std::size_t count = issues_node.ArraySize("a list of issues");
  if (count == 0) issues_node.Fail("expected at least one issue, found an empty list");
  std::vector<ReadIssue> issues;
  std::vector<Issue> plain;
  for (std::size_t k = 0; k < count; ++k) {
    issues.push_back(ReadOneIssue(issues_node.Element(k)));
    plain.push_back(issues.back().issue);
  }
  std::string space_name = domain->path.stem().string();
  if (auto name = root.Find("name"); name && name->json().is_string() && !name->json().get<std::string>().empty()) {
    space_name = name->json().get<std::string>();
  }
  const auto space = Checked(root, [&] { return std::make_shared<const OutcomeSpace>(space_name, std::move(plain)); });
  std::vector<Profile> profiles;
  std::string names;
  for (const NegmasFile& file : utilities) {
    profiles.push_back(ReadUtility(file, space, issues));
    names += " " + file.path.filename().string();
  }
  try {
    Scenario scenario(FolderName(folder), space, std::move(profiles));
    scenario.set_description(
        fmt::format("NegMAS scenario folder {}: outcome space {}; utility functions (one per "
                    "party, in this order):{}{}.",
                    folder.string(), domain->path.filename().string(), names, ignored));
    return scenario;
  } catch (const UsageError& error) {
    throw InputError(fmt::format("{}: {}", folder.string(), error.what()));
  }
}

}  // namespace parley::internal
