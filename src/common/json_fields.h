// Records (common/record_fields.h) as JSON objects, and read back from them. Values become JSON
// as nlohmann::json makes them (numbers, strings, booleans, arrays); a nested record becomes an
// object; a type of another layer converts itself with a to_json(nlohmann::ordered_json&, const T&)
// declared beside it.
#ifndef PARLEY_COMMON_JSON_FIELDS_H_
#define PARLEY_COMMON_JSON_FIELDS_H_

#include <optional>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "common/record_fields.h"

namespace parley::internal {

// Writes the JSON fields of a record into `object`, in the order VisitFields lists them.
class JsonFieldWriter {
 public:
  explicit JsonFieldWriter(nlohmann::ordered_json& object) : object_(object) {}

  template <typename T>
  void operator()(const Field& field, const T& value) {
    if (!field.in(kJson)) return;
    if (!field.known_in_files() || !Present(value)) {
      if (!field.omit_when_none()) object_[field.file_name()] = nullptr;
      return;
    }
    object_[field.file_name()] = Value(value);
  }

  // A value that is present (see Present): a record as an object, the wrappers of
  // record_fields.h as they say, anything else as nlohmann::json converts it.
  template <typename T>
  static nlohmann::ordered_json Value(const T& value) {
    if constexpr (HasFields<const T>) {
      return WriteFields<JsonFieldWriter>(value, nlohmann::ordered_json::object());
    } else {
      return nlohmann::ordered_json(value);
    }
  }
  template <typename T>
  static nlohmann::ordered_json Value(const std::optional<T>& value) {
    return Value(*value);
  }
  template <typename Text>
  static nlohmann::ordered_json Value(const OrNone<Text>& value) {
    return nlohmann::ordered_json(value.text);
  }
  template <typename Strings>
  static nlohmann::ordered_json Value(const NamedValues<Strings>& value) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < value.names.size() && i < value.values.size(); ++i) {
      object[value.names[i]] = value.values[i];
    }
    return object;
  }

 private:
  nlohmann::ordered_json& object_;
};

// A record (or any value) as JSON.
template <typename T>
nlohmann::ordered_json ToJson(const T& value) {
  return JsonFieldWriter::Value(value);
}

// Reads a record's JSON fields back from `object`, in the order VisitFields lists them. Throws
// nlohmann::json::exception for a missing field or a value of the wrong type.
class JsonFieldReader {
 public:
  explicit JsonFieldReader(const nlohmann::ordered_json& object) : object_(object) {}

  template <typename T>
  void operator()(const Field& field, T&& value) {
    if (!field.in(kJson)) return;
    // An optional field its writer leaves out when absent may be missing.
    if constexpr (IsOptional<std::remove_cvref_t<T>>::value) {
      if (field.omit_when_none() && !object_.contains(field.file_name())) {
        value.reset();
        return;
      }
    }
    Read(object_.at(field.file_name()), value);
  }

 private:
  template <typename T>
  struct IsOptional : std::false_type {};
  template <typename T>
  struct IsOptional<std::optional<T>> : std::true_type {};

  template <typename T>
  static void Read(const nlohmann::ordered_json& json, T& value) {
    if constexpr (HasFields<T>) {
      JsonFieldReader reader(json);
      VisitFields(value, reader);
    } else {
      value = json.get<T>();
    }
  }
  template <typename T>
  static void Read(const nlohmann::ordered_json& json, std::optional<T>& value) {
    value.reset();
    if (!json.is_null()) Read(json, value.emplace());
  }
  template <typename Text>
  static void Read(const nlohmann::ordered_json& json, OrNone<Text>& value) {
    value.text.clear();
    if (!json.is_null()) value.text = json.get<std::string>();
  }
  template <typename Strings>
  static void Read(const nlohmann::ordered_json& json, NamedValues<Strings>& value) {
    value.names.clear();
    value.values.clear();
    if (json.is_null()) return;
    for (const auto& [name, text] : json.items()) {
      value.names.push_back(name);
      value.values.push_back(text.template get<std::string>());
    }
  }

  const nlohmann::ordered_json& object_;
};

}  // namespace parley::internal

#endif  // PARLEY_COMMON_JSON_FIELDS_H_
