// Replacement selection: a heap of lines ordered by (run, id) holds at most the memory budget;
// each line popped goes to the current run file, and a line whose id is below the last one
// written waits for the next run. Rows that arrive at most a heap's worth out of order (those of
// parallel workers) come out as one run, which becomes the output by a rename.
#include "tournament/line_sort.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <memory>
#include <queue>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "parley/error.h"

namespace parley {
namespace {

struct Pending {
  std::uint64_t run;
  std::uint64_t id;
  std::string line;
};

struct Later {
  bool operator()(const Pending& a, const Pending& b) const { return a.run != b.run ? a.run > b.run : a.id > b.id; }
};

std::filesystem::path RunPath(const std::filesystem::path& output, std::size_t run) {
  std::filesystem::path path = output;
  path += fmt::format(".run-{}", run);
  return path;
}

constexpr std::size_t kMaxFanIn = 64;

void SyncToDisk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw InputError(fmt::format("{}: cannot write: {}", path.string(), why));
  }
  ::close(fd);
}

// Merges sorted runs (each starting with `header` when it is not empty) into `output` and removes
// them. `durable`: the output is the final file, synced to disk.
void MergeRuns(const std::vector<std::filesystem::path>& runs, const std::filesystem::path& output,
               const std::string& header, bool durable) {
  std::vector<std::ifstream> streams;
  std::vector<std::string> lines(runs.size());
  for (std::size_t k = 0; k < runs.size(); ++k) {
    streams.emplace_back(runs[k], std::ios::binary);
    if (!streams.back()) throw InputError(fmt::format("{}: cannot open", runs[k].string()));
    if (!header.empty()) std::getline(streams[k], lines[k]);
  }
  using Head = std::pair<std::uint64_t, std::size_t>;  // (id, run)
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
  auto advance = [&](std::size_t k) {
    if (std::getline(streams[k], lines[k])) heads.emplace(*LeadingId(lines[k]), k);
  };
  for (std::size_t k = 0; k < runs.size(); ++k) advance(k);
  AtomicFileWriter out(output, durable);
  if (!header.empty()) out.Write(header + "\n");
  while (!heads.empty()) {
    const std::size_t k = heads.top().second;
    heads.pop();
    out.Write(lines[k]);
    out.Write("\n");
    advance(k);
  }
  out.Commit();
  streams.clear();
  for (const auto& run : runs) std::filesystem::remove(run);
}

}  // namespace

std::optional<std::uint64_t> LeadingId(std::string_view line) {
  constexpr std::string_view kJsonPrefix = R"({"id":)";
  if (line.starts_with(kJsonPrefix)) line.remove_prefix(kJsonPrefix.size());
  std::uint64_t id = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), id);
  if (error != std::errc() || end == line.data() || end == line.data() + line.size() || *end != ',') {
    return std::nullopt;
  }
  return id;
}

void SortLinesById(const std::vector<LineSortInput>& inputs, const std::filesystem::path& output,
                   const std::string& header, std::size_t memory_budget) {
  std::vector<Pending> heap;  // a heap under Later: the next line to write on top
  std::size_t held = 0;
  // Run k is written to RunPath(output, k), each starting with the header, so that a single run
  // becomes the output by a rename.
  std::vector<std::unique_ptr<AtomicFileWriter>> runs;
  std::optional<std::uint64_t> last_written;

  auto pop = [&] {
    std::pop_heap(heap.begin(), heap.end(), Later());
    Pending next = std::move(heap.back());
    heap.pop_back();
    held -= next.line.size();
    if (next.run >= runs.size()) {
      if (!runs.empty()) runs.back()->Commit();  // complete: its buffer is released
      runs.push_back(std::make_unique<AtomicFileWriter>(RunPath(output, runs.size()), false));
      if (!header.empty()) runs.back()->Write(header + "\n");
      last_written.reset();
    }
    runs.back()->Write(next.line);
    runs.back()->Write("\n");
    last_written = next.id;
  };

  for (const auto& input : inputs) {
    std::ifstream in(input.path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot open", input.path.string()));
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
      ++number;
      if ((number == 1 && input.has_header) || line.empty()) continue;
      const auto id = LeadingId(line);
      if (!id) {
        throw InputError(
            fmt::format("{}:{}: expected a results row starting with its id", input.path.string(), number));
      }
      // A line that can still follow the last one written joins the current run, others the next.
      const std::uint64_t current = runs.empty() ? 0 : runs.size() - 1;
      const std::uint64_t run = (last_written && *id < *last_written) ? current + 1 : current;
      held += line.size();
      heap.push_back({run, *id, std::move(line)});
      std::push_heap(heap.begin(), heap.end(), Later());
      while (held > memory_budget) pop();
    }
  }
  while (!heap.empty()) pop();

  if (runs.empty()) {
    AtomicFileWriter out(output);
    if (!header.empty()) out.Write(header + "\n");
    out.Commit();
    return;
  }
  runs.back()->Commit();
  std::vector<std::filesystem::path> paths;
  for (std::size_t k = 0; k < runs.size(); ++k) paths.push_back(RunPath(output, k));
  runs.clear();
  // Merged kMaxFanIn runs at a time (open files are limited), until one is left.
  std::size_t next_run = paths.size();
  while (paths.size() > 1) {
    std::vector<std::filesystem::path> merged;
    for (std::size_t first = 0; first < paths.size(); first += kMaxFanIn) {
      const std::size_t last = std::min(paths.size(), first + kMaxFanIn);
      if (last - first == 1) {
        merged.push_back(paths[first]);
        continue;
      }
      merged.push_back(RunPath(output, next_run++));
      MergeRuns({paths.begin() + static_cast<std::ptrdiff_t>(first), paths.begin() + static_cast<std::ptrdiff_t>(last)},
                merged.back(), header, paths.size() <= kMaxFanIn);
    }
    paths = std::move(merged);
  }
  // The last run holds everything, header first; a run written without merging is synced first.
  if (next_run == 1) SyncToDisk(paths.front());
  {
    std::error_code ec;
    std::filesystem::rename(paths.front(), output, ec);
    if (ec) throw InputError(fmt::format("{}: cannot write: {}", output.string(), ec.message()));
  }
}

}  // namespace parley
