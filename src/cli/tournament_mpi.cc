// `parley tournament` under mpirun: shares of the work list per MPI rank, a barrier, and the merge
// on rank 0 (see tournament_mpi.h). Only this file of Parley includes <mpi.h>; the library itself
// knows nothing of MPI, only of shares (TournamentConfig::share_index and share_count).
#include "cli/tournament_mpi.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "parley/error.h"

namespace parley::cli {
namespace {

// The rank counts of the results.part-R-of-N.jsonl files in `out`.
std::set<std::size_t> PartCounts(const std::filesystem::path& out) {
  std::set<std::size_t> counts;
  std::error_code ec;
  if (!std::filesystem::is_directory(out, ec)) return counts;
  static const std::regex kPart(R"(results\.part-\d+-of-(\d+)\.jsonl)");
  for (const auto& entry : std::filesystem::directory_iterator(out, ec)) {
    std::smatch match;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, match, kPart)) counts.insert(std::stoul(match[1].str()));
  }
  return counts;
}

bool NonEmpty(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > 0;
}

// Run by rank 0 before any rank touches the folder: a resumed run must have the rank count of
// the interrupted one, because each rank resumes its own part; a new run needs a fresh folder.
void CheckFolder(const TournamentConfig& config, std::size_t ranks) {
  const auto& out = config.out;
  const std::set<std::size_t> counts = PartCounts(out);
  const bool single = NonEmpty(out / "results.jsonl");
  if (!config.resume) {
    if (std::filesystem::exists(out / "config.json") || single || !counts.empty()) {
      throw UsageError(
          fmt::format("{} already holds a tournament; resume it with --resume or choose another --out", out.string()));
    }
    return;
  }
  for (std::size_t count : counts) {
    if (count == ranks) continue;
    throw UsageError(
        fmt::format("cannot resume the tournament in {} with {} rank{}: it was run with {} ranks "
                    "(results.part-*-of-{}.jsonl) and each rank resumes its own part; resume it "
                    "with mpirun -np {}",
                    out.string(), ranks, ranks == 1 ? "" : "s", count, count, count));
  }
  if (ranks > 1 && counts.empty() && single) {
    throw UsageError(
        fmt::format("cannot resume the tournament in {} with {} ranks: it was run by one process; "
                    "resume it with one process (no mpirun, or mpirun -np 1)",
                    out.string(), ranks));
  }
}

// Ranks on this machine, for the default thread count.
int LocalRanks() {
  MPI_Comm local;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
  int size = 1;
  MPI_Comm_size(local, &size);
  MPI_Comm_free(&local);
  return std::max(1, size);
}

[[noreturn]] void Abort(int rank, const std::string& message) {
  std::fflush(stdout);
  fmt::print(stderr, "parley: error: rank {}: {}\n", rank, message);
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::abort();  // MPI_Abort does not return; this only tells the compiler so
}

}  // namespace

bool StartedByMpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

void RunTournamentUnderMpi(TournamentConfig config, const TournamentProgressCallback& progress,
                           const std::function<void(const TournamentResult&, double)>& report) {
  MPI_Init(nullptr, nullptr);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const auto start = std::chrono::steady_clock::now();
  try {
    const auto ranks = static_cast<std::size_t>(size);
    if (config.threads == 0) {
      const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
      config.threads = std::max(1u, cores / static_cast<unsigned>(LocalRanks()));
    }
    if (rank == 0 && !config.out.empty()) CheckFolder(config, ranks);
    if (size > 1 && config.out.empty()) throw UsageError("a run across MPI ranks needs the results folder (--out)");
    MPI_Barrier(MPI_COMM_WORLD);
    config.share_index = static_cast<std::size_t>(rank);
    config.share_count = ranks;
    TournamentResult result = RunTournament(config, rank == 0 ? progress : TournamentProgressCallback{});
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) {
      if (size > 1) {
        for (int share = 0; share < size; ++share) {
          const auto part = config.out / fmt::format("results.part-{}-of-{}.jsonl", share, size);
          if (!std::filesystem::exists(part)) {
            throw InputError(
                fmt::format("{} is missing after every rank finished; with ranks on several machines, "
                            "--out must be a folder they all share",
                            part.string()));
          }
        }
        result = MergeTournamentShares(config);
      }
      report(result, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  } catch (const std::exception& e) {
    Abort(rank, e.what());
  }
  MPI_Finalize();
}

}  // namespace parley::cli
