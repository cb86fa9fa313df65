// Plain-text tables and numbers for the `parley` program's reports.
#ifndef PARLEY_CLI_TEXT_TABLE_H_
#define PARLEY_CLI_TEXT_TABLE_H_

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace parley::cli {

// A share in [0, 1] as a percentage with one decimal: "12.5%".
inline std::string Percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }
// A normalised time as short as it can be written: "0.25", "1".
inline std::string TimeText(double time) { return fmt::format("{:g}", time); }

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
