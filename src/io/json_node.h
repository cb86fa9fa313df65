// Reading JSON documents written by people: every value carries its location in the document
// ("parties[1].utility.weights.price"), so that every check can say where it failed, and parsing
// refuses duplicate keys and reports malformed text by line and column. Shared by Parley's JSON
// formats.
#ifndef PARLEY_IO_JSON_NODE_H_
#define PARLEY_IO_JSON_NODE_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "parley/scenario.h"

namespace parley::internal {

// Ordered, so that files keep the order people wrote their keys in and written files read in a
// sensible order ("format" first, issues before parties).
using Json = nlohmann::ordered_json;

// Keys starting with "_" or "comment" are free comments.
bool IsCommentKey(std::string_view key);
// The location of `key` inside the value at `parent` ("" for the top level): "parent.price", or
// parent["Copy of price"] when the key would not read as one word.
std::string ChildPath(const std::string& parent, std::string_view key);
// "the number 3", "an object", ... for messages.
std::string Describe(const Json& json);
// Byte offset (0-based) to "line:column" (1-based), as editors count them.
std::string LineColumn(const std::string& text, std::size_t offset);
// An object of `members`, whose keys the caller has checked are distinct, moved in: building it
// key by key would cost ordered_json's linear search per key and a deep copy of the members so
// far each time its vector grows.
Json ObjectOf(std::vector<std::pair<std::string, Json>> members);
// Parses `text`, refusing duplicate keys (nlohmann would silently keep the last one, and a
// hand-written file that gives "price" two weights is a mistake). Comments (// and /* */) are
// allowed, since people annotate the numbers they write. Throws InputError naming `origin`.
Json ParseDocument(const std::string& text, const std::string& origin);

// One value of the document with its location, so that every check can say where it failed.
class Node {
 public:
  Node(const Json& json, std::string path, const std::string& origin)
      : json_(json), path_(std::move(path)), origin_(origin) {}

  const Json& json() const { return json_; }
  const std::string& path() const { return path_; }
  const std::string& origin() const { return origin_; }

  [[noreturn]] void Fail(std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", origin_, path_.empty() ? "top level" : path_, what));
  }
  [[noreturn]] void Expected(std::string_view what) const {
    Fail(fmt::format("expected {}, found {}", what, Describe(json_)));
  }

  void RequireObject(std::string_view what) const {
    if (!json_.is_object()) Expected(what);
  }
  // Fails on the first key not in `allowed` (comment keys aside).
  void CheckKeys(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : json_.items()) {
      if (IsCommentKey(key) || std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      Child(key).Fail(
          fmt::format("unknown key \"{}\" (expected one of \"{}\"; keys starting with \"_\" or "
                      "\"comment\" are comments)",
                      key, fmt::join(allowed, "\", \"")));
    }
  }

  Node Child(const std::string& key) const { return Node(json_.at(key), ChildPath(path_, key), origin_); }
  // The member `key` whose value `value` came out of json().items(): no look-up, which matters
  // because ordered_json finds keys by a linear search (Child in a loop over items() of a large
  // object would be quadratic).
  Node Member(const std::string& key, const Json& value) const { return Node(value, ChildPath(path_, key), origin_); }
  Node Element(std::size_t index) const { return Node(json_.at(index), fmt::format("{}[{}]", path_, index), origin_); }
  std::optional<Node> Find(const std::string& key) const {
    if (!json_.contains(key)) return std::nullopt;
    return Child(key);
  }
  Node Required(const std::string& key, std::string_view what) const {
    if (!json_.contains(key)) {
      throw InputError(fmt::format("{}: {}: missing; expected {}", origin_, ChildPath(path_, key), what));
    }
    return Child(key);
  }

  double Number(std::string_view what = "a number") const {
    if (!json_.is_number()) Expected(what);
    const double value = json_.get<double>();
    if (!std::isfinite(value)) Expected(what);
    return value;
  }
  std::int64_t Integer(std::string_view what = "an integer") const {
    if (json_.is_number_integer() &&
        !(json_.is_number_unsigned() && json_.get<std::uint64_t>() > std::uint64_t{INT64_MAX})) {
      return json_.get<std::int64_t>();
    }
    Expected(what);
  }
  const std::string& String(std::string_view what = "a string") const {
    if (!json_.is_string()) Expected(what);
    return json_.get_ref<const std::string&>();
  }
  bool Bool() const {
    if (!json_.is_boolean()) Expected("true or false");
    return json_.get<bool>();
  }
  std::size_t ArraySize(std::string_view what) const {
    if (!json_.is_array()) Expected(what);
    return json_.size();
  }

 private:
  const Json& json_;
  std::string path_;
  const std::string& origin_;
};

// Runs a constructor that checks its arguments with UsageError, reporting a refusal at `node`.
template <typename F>
auto Checked(const Node& node, F&& make) -> decltype(make()) {
  try {
    return make();
  } catch (const UsageError& e) {
    node.Fail(e.what());
  }
}

}  // namespace parley::internal

#endif  // PARLEY_IO_JSON_NODE_H_
