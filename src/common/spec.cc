#include "parley/spec.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "parley/error.h"

namespace parley {
namespace {

class SpecParser {
 public:
  explicit SpecParser(std::string_view text) : text_(text) {}

  Spec ParseAll() {
    Spec spec = ParseSpec();
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the end");
    return spec;
  }

 private:
  [[noreturn]] void Fail(std::string_view what) const {
    throw UsageError(fmt::format("cannot parse '{}' at character {}: {}", text_, pos_ + 1, what));
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Accept(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  static bool IsWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '+' || c == '/' ||
           c == ':' || c == '*';
  }
  std::string ParseWord() {
    SkipSpace();
    if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'')) {
      const char quote = text_[pos_++];
      std::string word;
      while (pos_ < text_.size() && text_[pos_] != quote) word += text_[pos_++];
      if (pos_ == text_.size()) Fail("unterminated quoted string");
      ++pos_;
      return word;
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && IsWordChar(text_[pos_])) ++pos_;
    if (start == pos_) Fail("expected a name or a value");
    return std::string(text_.substr(start, pos_ - start));
  }
  Spec ParseSpec() {
    Spec spec(ParseWord());
    if (!Accept('(')) return spec;
    if (Accept(')')) return spec;
    do {
      std::string key = ParseWord();
      if (!Accept('=')) Fail(fmt::format("expected '=' after parameter '{}'", key));
      if (spec.has(key)) Fail(fmt::format("parameter '{}' given twice", key));
      spec.Set(std::move(key), ParseSpec());
    } while (Accept(','));
    if (!Accept(')')) Fail("expected ',' or ')'");
    return spec;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool NeedsQuotes(const std::string& word) {
  if (word.empty()) return true;
  for (char c : word) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.' && c != '+' && c != '/' &&
        c != ':' && c != '*') {
      return true;
    }
  }
  return false;
}

// A name, key or value as the parser reads it back: bare when it is one word, else quoted. The
// parser has no escapes: a word containing '"' is written between single quotes (a parsed word
// never holds both kinds of quote).
std::string Written(const std::string& word) {
  if (!NeedsQuotes(word)) return word;
  const char quote = word.find('"') == std::string::npos ? '"' : '\'';
  return quote + word + quote;
}

}  // namespace

Spec Spec::Parse(std::string_view text) { return SpecParser(text).ParseAll(); }

std::vector<std::string> Spec::SplitList(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (char c : text) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  items.push_back(current);
  for (auto& item : items) {
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    item = first == std::string::npos ? std::string() : item.substr(first, last - first + 1);
  }
  return items;
}

const Spec& Spec::At(std::string_view key) const {
  auto it = parameters_.find(key);
  if (it == parameters_.end()) {
    throw UsageError(
        fmt::format("{}: parameter '{}' is not registered, so the spec has no value for it (a factory "
                    "reads only the parameters its registration declares, which the registry fills in)",
                    name_, key));
  }
  return it->second;
}

double Spec::GetDouble(std::string_view key) const {
  const Spec& value_spec = At(key);
  const std::string& text = value_spec.name_;
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      !value_spec.parameters_.empty()) {
    throw UsageError(fmt::format("{}: parameter '{}' must be a number, got '{}'", name_, key, value_spec.ToString()));
  }
  return value;
}

std::int64_t Spec::GetInt(std::string_view key) const {
  const Spec& value_spec = At(key);
  const std::string& text = value_spec.name_;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !value_spec.parameters_.empty()) {
    throw UsageError(fmt::format("{}: parameter '{}' must be an integer, got '{}'", name_, key, value_spec.ToString()));
  }
  return value;
}

bool Spec::GetBool(std::string_view key) const {
  const std::string& text = At(key).name_;
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  throw UsageError(fmt::format("{}: parameter '{}' must be true or false, got '{}'", name_, key, text));
}

std::string Spec::GetString(std::string_view key) const {
  const Spec& value_spec = At(key);
  if (!value_spec.parameters_.empty()) {
    throw UsageError(
        fmt::format("{}: parameter '{}' must be a plain value, got '{}'", name_, key, value_spec.ToString()));
  }
  return value_spec.name_;
}

const Spec& Spec::GetSpec(std::string_view key) const { return At(key); }

void Spec::CheckKnown(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : parameters_) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found) {
      throw UsageError(fmt::format("{}: unknown parameter '{}' (known: {})", name_, key,
                                   known.size() ? fmt::format("{}", fmt::join(known, ", ")) : "none"));
    }
  }
}

std::string Spec::ToString() const {
  if (parameters_.empty()) return Written(name_);
  std::vector<std::string> parameters;
  for (const auto& [key, value] : parameters_) parameters.push_back(Written(key) + "=" + value.ToString());
  return fmt::format("{}({})", Written(name_), fmt::join(parameters, ","));
}

}  // namespace parley
