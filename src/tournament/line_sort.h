// Sorting a results file by negotiation id in bounded memory, for tournaments whose results do
// not fit in memory: the rows of a tournament reach its files in the order they finish, and the
// final files list them in id order.
#ifndef PARLEY_TOURNAMENT_LINE_SORT_H_
#define PARLEY_TOURNAMENT_LINE_SORT_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// The id a results line starts with: `{"id":N,` (JSON Lines) or `N,` (CSV); nullopt otherwise.
std::optional<std::uint64_t> LeadingId(std::string_view line);

struct LineSortInput {
  std::filesystem::path path;
  bool has_header = false;  // its first line is a header, not a row
};

// Writes every row line of `inputs` to `output` in increasing id order, after `header` (a line
// without its newline; none when empty), replacing `output` atomically (it may be one of the
// inputs). Memory stays within about `memory_budget` bytes of lines: rows arrive nearly in order,
// so replacement selection usually yields a single sorted run and no merge pass; otherwise the
// runs go to temporary files beside `output` and are merged. Throws InputError naming the file
// and line of a line without an id.
void SortLinesById(const std::vector<LineSortInput>& inputs, const std::filesystem::path& output,
                   const std::string& header, std::size_t memory_budget = std::size_t{64} << 20);

}  // namespace parley

#endif  // PARLEY_TOURNAMENT_LINE_SORT_H_
