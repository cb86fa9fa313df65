#include "io/json_text.h"

#include <cmath>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley::internal {
namespace {

constexpr std::size_t kLineWidth = 100;

std::string Scalar(const Json& json, NumberStyle numbers) {
  if (json.is_number_float() && numbers == NumberStyle::kShortest) return ShortestNumber(json.get<double>());
  try {
    return json.dump();
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(fmt::format("cannot write {} as JSON: {}", json.is_string() ? "a name" : "a value", e.what()));
  }
}

std::string Key(const std::string& key) { return Scalar(Json(key), NumberStyle::kShortest) + ": "; }

// `json` on one line, or "" when that would pass column kLineWidth from `column`.
std::string OneLine(const Json& json, std::size_t column, NumberStyle numbers) {
  if (!json.is_structured()) return Scalar(json, numbers);
  std::string line = json.is_object() ? "{" : "[";
  bool first = true;
  for (const auto& [key, value] : json.items()) {
    line += first ? "" : ", ";
    first = false;
    if (json.is_object()) line += Key(key);
    const std::string inner = OneLine(value, column + line.size(), numbers);
    if (inner.empty()) return "";
    line += inner;
    if (column + line.size() > kLineWidth) return "";
  }
  line += json.is_object() ? "}" : "]";
  return column + line.size() <= kLineWidth ? line : "";
}

void Append(const Json& json, std::size_t indent, std::size_t column, NumberStyle numbers, std::string& out) {
  if (!json.is_structured()) {
    out += Scalar(json, numbers);
    return;
  }
  if (json.empty()) {
    out += json.is_object() ? "{}" : "[]";
    return;
  }
  if (std::string line = OneLine(json, column, numbers); !line.empty()) {
    out += line;
    return;
  }
  const std::string inner(indent + 2, ' ');
  out += json.is_object() ? "{\n" : "[\n";
  bool first = true;
  for (const auto& [key, value] : json.items()) {
    out += first ? "" : ",\n";
    first = false;
    out += inner;
    std::size_t value_column = inner.size();
    if (json.is_object()) {
      const std::string quoted = Key(key);
      out += quoted;
      value_column += quoted.size();
    }
    Append(value, indent + 2, value_column, numbers, out);
  }
  out += '\n' + std::string(indent, ' ') + (json.is_object() ? '}' : ']');
}

}  // namespace

std::string ShortestNumber(double value) {
  if (!std::isfinite(value)) throw UsageError(fmt::format("cannot write the number {} as JSON", value));
  return fmt::format("{}", value);
}

std::string JsonText(const Json& json, NumberStyle numbers) {
  std::string out;
  Append(json, 0, 0, numbers, out);
  return out + '\n';
}

}  // namespace parley::internal
