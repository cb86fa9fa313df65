#include "io/yaml_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "io/json_text.h"
#include "parley/error.h"

namespace parley::internal {
namespace {

[[noreturn]] void Fail(const std::string& origin, const YAML::Mark& mark, std::string_view what) {
  if (mark.is_null()) throw InputError(fmt::format("{}: {}", origin, what));
  throw InputError(fmt::format("{}:{}:{}: {}", origin, mark.line + 1, mark.column + 1, what));
}

// A plain scalar's value under YAML 1.1's rules for the types JSON has.
Json ResolvePlain(const std::string& text) {
  static const std::set<std::string> kNull = {"", "~", "null", "Null", "NULL"};
  static const std::set<std::string> kTrue = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
  static const std::set<std::string> kFalse = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
  static const std::regex kInteger("[-+]?(0|[1-9][0-9]*)");
  static const std::regex kFloat("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  static const std::regex kInfinity("[-+]?\\.(inf|Inf|INF)");
  static const std::regex kNan("\\.(nan|NaN|NAN)");
  if (kNull.count(text)) return nullptr;
  if (kTrue.count(text)) return true;
  if (kFalse.count(text)) return false;
  if (std::regex_match(text, kInteger)) {
    std::int64_t value = 0;
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    if (std::from_chars(begin, text.data() + text.size(), value).ec == std::errc()) return value;
  }
  if (std::regex_match(text, kFloat)) {
    double value = 0.0;
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    if (std::from_chars(begin, text.data() + text.size(), value).ec == std::errc()) return value;
  }
  if (std::regex_match(text, kInfinity)) {
    return text[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (std::regex_match(text, kNan)) return std::numeric_limits<double>::quiet_NaN();
  return text;
}

// YAML to JSON within a budget of bytes. Aliases (*name) repeat what an anchor (&name) names
// without repeating its text, so a few lines can describe 10^9 values (the YAML "billion
// laughs"); a document without them converts to a few times its own size.
class Converter {
 public:
  Converter(const std::string& origin, std::uint64_t budget) : origin_(origin), budget_(budget) {}

  Json Convert(const YAML::Node& node) {
    Spend(node, sizeof(Json));
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null: return nullptr;
      case YAML::NodeType::Scalar: {
        Spend(node, node.Scalar().size());
        const std::string& tag = node.Tag();
        // "!" marks a quoted scalar; "?" a plain one, whose type the resolver decides.
        if (tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();
        return ResolvePlain(node.Scalar());
      }
      case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const YAML::Node& element : node) array.push_back(Convert(element));
        return array;
      }
      case YAML::NodeType::Map: {
        std::vector<std::pair<std::string, Json>> members;
        std::set<std::string> keys;
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) Fail(origin_, entry.first.Mark(), "a mapping key that is not a scalar");
          const std::string& key = entry.first.Scalar();
          if (!keys.insert(key).second) {
            Fail(origin_, entry.first.Mark(), fmt::format("the key \"{}\" is given twice", key));
          }
          Spend(entry.first, key.size());
          members.emplace_back(key, Convert(entry.second));
        }
        return ObjectOf(std::move(members));
      }
    }
    return nullptr;
  }

 private:
  void Spend(const YAML::Node& node, std::uint64_t bytes) {
    if (bytes > budget_) {
      Fail(origin_, node.Mark(),
           "the document expands to far more than its own size, through aliases (*name) repeating anchored "
           "values; expected a document without such repetition");
    }
    budget_ -= bytes;
  }

  const std::string& origin_;
  std::uint64_t budget_;
};

// Words PyYAML would read as something other than a string, or that need quotes to be read at all.
bool NeedsQuotes(const std::string& text) {
  static const std::regex kPlainWord("[A-Za-z_][A-Za-z0-9_]*");
  return !std::regex_match(text, kPlainWord) || !ResolvePlain(text).is_string();
}

void Emit(YAML::Emitter& out, const Json& json) {
  switch (json.type()) {
    case Json::value_t::object:
      if (json.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
      }
      out << YAML::BeginMap;
      for (const auto& [key, value] : json.items()) {
        out << YAML::Key;
        if (NeedsQuotes(key)) out << YAML::DoubleQuoted;
        out << key << YAML::Value;
        Emit(out, value);
      }
      out << YAML::EndMap;
      return;
    case Json::value_t::array:
      if (json.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << YAML::BeginSeq;
      for (const Json& element : json) Emit(out, element);
      out << YAML::EndSeq;
      return;
    case Json::value_t::string: {
      const std::string& text = json.get_ref<const std::string&>();
      if (NeedsQuotes(text)) out << YAML::DoubleQuoted;
      out << text;
      return;
    }
    case Json::value_t::boolean: out << (json.get<bool>() ? "true" : "false"); return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: out << json.dump(); return;
    case Json::value_t::number_float: {
      // PyYAML reads a float only with a '.' in it ("1.0e-05", not "1e-05").
      std::string text = ShortestNumber(json.get<double>());
      if (text.find('.') == std::string::npos) {
        const std::size_t e = text.find('e');
        text.insert(e == std::string::npos ? text.size() : e, ".0");
      }
      out << text;
      return;
    }
    default: out << YAML::Null; return;
  }
}

}  // namespace

Json ParseYamlDocument(const std::string& text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's guard against exhausting the stack; its own message is just "bad file".
    Fail(origin, e.mark, fmt::format("nested too deeply ({} levels); NegMAS files nest a few levels", e.depth()));
  } catch (const YAML::Exception& e) {
    Fail(origin, e.mark, fmt::format("not well-formed YAML ({})", e.msg));
  }
  return Converter(origin, 32 * std::uint64_t{text.size()} + (std::uint64_t{1} << 20)).Convert(root);
}

std::string YamlText(const Json& json) {
  YAML::Emitter out;
  out.SetIndent(2);
  Emit(out, json);
  return std::string(out.c_str()) + "\n";
}

}  // namespace parley::internal
