#include "common/csv.h"

#include "parley/utf8.h"

namespace parley::internal {

std::string CsvField(std::string_view text) {
  std::string valid = ValidUtf8(text);
  if (valid.find_first_of(",\"\r\n") == std::string::npos) return valid;
  std::string quoted = "\"";
  for (char c : valid) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void CsvFieldWriter::Cell(std::string_view name, std::string_view text) {
  if (!first_) text_ += ',';
  first_ = false;
  if (!header_) {
    text_ += CsvField(text);
  } else if (next_column_ < columns_.size()) {
    text_ += CsvField(columns_[next_column_++]);
  } else {
    text_ += CsvField(prefix_ + std::string(name));
  }
}

}  // namespace parley::internal
