// Records written to several places (JSON and CSV files, Python values) list their fields once:
//
//   template <RecordOf<TournamentRow> Row, typename Visitor>
//   void VisitFields(Row& row, Visitor& visit) {
//     visit("id", row.id);
//     visit(Field("assignment").Only(kJson | kPython), row.assignment);
//     ...
//   }
//
// Every writer is a visitor that the record's VisitFields walks in order (common/json_fields.h:
// JSON, and reading it back, for which Row is not const; common/csv.h: a CSV header and line;
// python/pybind11/record_dicts.h: a Python dict), so that a field added to the list reaches every
// format. A field is a name and a value; Field's options say where the formats differ, and the
// wrappers below give the values whose absence each format shows in its own way. VisitFields is
// declared beside its record's type (found by argument-dependent lookup).
#ifndef PARLEY_COMMON_RECORD_FIELDS_H_
#define PARLEY_COMMON_RECORD_FIELDS_H_

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace parley::internal {

// The places a field is written to.
enum FieldPlace : unsigned {
  kJson = 1,
  kCsv = 2,
  kPython = 4,
  kEverywhere = kJson | kCsv | kPython,
};

// A field's name and how the formats differ for it. Built from its name (`visit("id", row.id)`)
// and refined by the options, each of which returns a changed copy.
class Field {
 public:
  // Implicit, so that a plain field is named by its name alone.
  constexpr Field(const char* name) : name_(name), file_name_(name) {}

  // Written only to these places (FieldPlace bits).
  constexpr Field Only(unsigned places) const {
    Field field = *this;
    field.places_ = places;
    return field;
  }
  // Its name in the JSON and CSV files, where it differs from its name in Python.
  constexpr Field FileName(const char* name) const {
    Field field = *this;
    field.file_name_ = name;
    return field;
  }
  // The files show the value only when `known` (otherwise null in JSON, an empty CSV field);
  // Python always has it.
  constexpr Field FilesOnlyIf(bool known) const {
    Field field = *this;
    field.known_in_files_ = known;
    return field;
  }
  // An absent value leaves the key out of the JSON object instead of writing null.
  constexpr Field OmitWhenNone() const {
    Field field = *this;
    field.omit_when_none_ = true;
    return field;
  }
  // A value spread over several CSV columns (one per issue, per party) names each column
  // `prefix` followed by the item's name.
  constexpr Field CsvPrefix(std::string_view prefix) const {
    Field field = *this;
    field.csv_prefix_ = prefix;
    return field;
  }
  // A nested record's CSV columns, in order, where they are not "<name>_<field>" (`columns` must
  // outlive the visit: a static array).
  constexpr Field CsvColumns(std::span<const std::string_view> columns) const {
    Field field = *this;
    field.csv_columns_ = columns;
    return field;
  }

  const char* name() const { return name_; }
  const char* file_name() const { return file_name_; }
  bool in(FieldPlace place) const { return (places_ & place) != 0; }
  bool known_in_files() const { return known_in_files_; }
  bool omit_when_none() const { return omit_when_none_; }
  std::string_view csv_prefix() const { return csv_prefix_; }
  std::span<const std::string_view> csv_columns() const { return csv_columns_; }

 private:
  const char* name_;
  const char* file_name_;
  unsigned places_ = kEverywhere;
  bool known_in_files_ = true;
  bool omit_when_none_ = false;
  std::string_view csv_prefix_;
  std::span<const std::string_view> csv_columns_;
};

// `Record` is T or const T: VisitFields serves writers (const) and readers alike.
template <typename Record, typename T>
concept RecordOf = std::same_as<std::remove_const_t<Record>, T>;

// A visitor that looks at nothing, to ask whether a type lists its fields.
struct FieldProbe {
  template <typename T>
  void operator()(const Field&, T&&) {}
};

// A type with a VisitFields: written as a nested object (JSON, Python) or as columns (CSV).
template <typename T>
concept HasFields = requires(T& record, FieldProbe& probe) {
  VisitFields(record, probe);
};

// Text that stands for nothing when empty (a row's fault): null in JSON, None in Python, an
// empty CSV field. `Text` is std::string, const for writing.
template <typename Text>
struct OrNone {
  Text& text;
};
template <typename Text>
OrNone(Text&) -> OrNone<Text>;

// Values named one by one and kept as two parallel lists (an outcome: issue names, value names):
// an object of name to value in JSON (null unless `present`), "name=value;..." in one CSV field,
// the list of values in Python (whose record lists the names as a field of their own).
template <typename Strings>
struct NamedValues {
  Strings& names;
  Strings& values;
  bool present = true;
};
template <typename Strings>
NamedValues(Strings&, Strings&, bool) -> NamedValues<Strings>;

// Whether a value is there to be written; the files write null or nothing otherwise. A type of
// another layer that can be absent declares its own Present beside it.
template <typename T>
bool Present(const T&) {
  return true;
}
template <typename T>
bool Present(const std::optional<T>& value) {
  return value.has_value();
}
template <typename Text>
bool Present(const OrNone<Text>& value) {
  return !value.text.empty();
}
template <typename Strings>
bool Present(const NamedValues<Strings>& value) {
  return value.present;
}

// A nested record written into a fresh `container` (a JSON object, a Python dict) by a Writer
// made on it.
template <typename Writer, typename Container, typename Record>
Container WriteFields(const Record& record, Container container) {
  Writer writer(container);
  VisitFields(record, writer);
  return container;
}

}  // namespace parley::internal

#endif  // PARLEY_COMMON_RECORD_FIELDS_H_
