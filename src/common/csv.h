// CSV as Parley writes it (traces, tournament results and summaries): RFC 4180 fields, quoted
// only where needed, always valid UTF-8; and records (common/record_fields.h) as CSV rows.
#ifndef PARLEY_COMMON_CSV_H_
#define PARLEY_COMMON_CSV_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/record_fields.h"

namespace parley::internal {

// `text` as one CSV field: quoted, with quotes doubled, when it holds a comma, a quote, a line
// feed or a carriage return; unchanged otherwise. Bytes that are not valid UTF-8 (a path, a
// negotiator's message) are first replaced by U+FFFD, as in the JSON files.
std::string CsvField(std::string_view text);

// The text of a value that fits in one CSV field (quoted later, by CsvField): text as it is,
// numbers and booleans as fmt's "{}" writes them, lists joined by ';', named values as
// "name=value;...". A type of another layer declares its own CsvText beside it.
inline std::string CsvText(std::string_view text) { return std::string(text); }
inline std::string CsvText(const std::string& text) { return text; }
template <typename T>
concept Arithmetic = std::is_arithmetic_v<T>;
template <Arithmetic T>
std::string CsvText(T value) {
  return fmt::format("{}", value);
}
template <typename T>
std::string CsvText(const std::vector<T>& values) {
  return fmt::format("{}", fmt::join(values, ";"));
}
template <typename T>
std::string CsvText(const std::optional<T>& value) {
  return CsvText(*value);
}
template <typename Text>
std::string CsvText(const OrNone<Text>& value) {
  return value.text;
}
template <typename Strings>
std::string CsvText(const NamedValues<Strings>& value) {
  std::vector<std::string> pairs;
  for (std::size_t i = 0; i < value.names.size() && i < value.values.size(); ++i) {
    pairs.push_back(value.names[i] + "=" + value.values[i]);
  }
  return fmt::format("{}", fmt::join(pairs, ";"));
}

class CsvFieldWriter;
// A type of another layer that spreads over several columns (one per issue, one per party)
// declares WriteCsv(CsvFieldWriter&, const Field&, const T&) beside it, calling Cell per column.
template <typename T>
concept WritesCsvColumns = requires(CsvFieldWriter& out, const Field& field, const T& value) {
  WriteCsv(out, field, value);
};

// Writes one row of a record's CSV: its header (the columns' names) or a line (their values), in
// the order VisitFields lists the fields. A value fits in one column (CsvText; an empty field
// when absent), a nested record takes a column per field ("<name>_<field>", or the names
// Field::CsvColumns gives), a WritesCsvColumns type as many as it writes.
class CsvFieldWriter {
 public:
  enum class Row { kHeader, kLine };
  explicit CsvFieldWriter(Row row) : header_(row == Row::kHeader) {}

  template <typename T>
  void operator()(const Field& field, const T& value) {
    if (!field.in(kCsv)) return;
    if constexpr (HasFields<const T>) {
      const std::string prefix = prefix_;
      const std::span<const std::string_view> columns = columns_;
      const std::size_t next_column = next_column_;
      prefix_ += std::string(field.file_name()) + "_";
      columns_ = field.csv_columns();
      next_column_ = 0;
      VisitFields(value, *this);
      prefix_ = prefix;
      columns_ = columns;
      next_column_ = next_column;
    } else if constexpr (WritesCsvColumns<T>) {
      WriteCsv(*this, field, value);
    } else {
      Cell(field.file_name(), header_ || !field.known_in_files() || !Present(value) ? "" : CsvText(value));
    }
  }

  // One column: `name` in a header, `text` in a line.
  void Cell(std::string_view name, std::string_view text);
  bool header() const { return header_; }
  // The row so far, without a line end.
  const std::string& text() const { return text_; }

 private:
  bool header_;
  std::string text_;
  bool first_ = true;
  std::string prefix_;                         // of a nested record's column names
  std::span<const std::string_view> columns_;  // a nested record's column names, when given
  std::size_t next_column_ = 0;
};

// The header and a line of a record's CSV; the header's values are not looked at.
template <typename Record>
std::string CsvHeader(const Record& record) {
  CsvFieldWriter writer(CsvFieldWriter::Row::kHeader);
  VisitFields(record, writer);
  return writer.text();
}
template <typename Record>
std::string CsvLine(const Record& record) {
  CsvFieldWriter writer(CsvFieldWriter::Row::kLine);
  VisitFields(record, writer);
  return writer.text();
}

}  // namespace parley::internal

#endif  // PARLEY_COMMON_CSV_H_
