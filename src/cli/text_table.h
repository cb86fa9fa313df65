// Plain-text tables for the `parley` program's reports.
#ifndef PARLEY_CLI_TEXT_TABLE_H_
#define PARLEY_CLI_TEXT_TABLE_H_

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace parley::cli {

// Rows of cells, left-aligned in columns two spaces apart.
inline void PrintTable(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += c + 1 < row.size() ? fmt::format("{:<{}}  ", row[c], widths[c]) : row[c];
    }
    fmt::print("{}\n", line);
  }
}

}  // namespace parley::cli

#endif  // PARLEY_CLI_TEXT_TABLE_H_
