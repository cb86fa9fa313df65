// Tests of `parley tournament` under the real mpirun (built only with -DPARLEY_WITH_MPI=ON): 1 and
// 3 ranks write the files of an in-process single-thread run; a job killed with SIGKILL (mpirun
// and every rank) resumes with the same rank count to the same files; resuming with another rank
// count, and an error on the ranks, stop the whole job with a clear message.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

extern char** environ;

namespace parley {
namespace {

using testing::CommandResult;
using testing::RunCli;
using testing::ShippedScenarios;
using testing::TemporaryFolder;

// What the tests need of OpenMPI, set here so that nobody has to set it by hand: CI runs as root,
// and 3 ranks on a 2-core machine oversubscribe it (the flags say so as well).
void SetMpiEnvironment() {
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  ::setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);
  // Containers often forbid the cross-memory attach of the shared-memory transport.
  ::setenv("OMPI_MCA_btl_vader_single_copy_mechanism", "none", 1);
}

std::vector<std::string> MpirunPrefix(int ranks) {
  return {PARLEY_MPIEXEC,        "-np",
          std::to_string(ranks), "--oversubscribe",
          "--allow-run-as-root", parley::testing::CliPath()};
}

std::string Quote(const std::vector<std::string>& words) {
  std::string line;
  for (const auto& w : words) line += "'" + w + "' ";
  return line;
}

CommandResult RunMpi(int ranks, const std::vector<std::string>& arguments) {
  SetMpiEnvironment();
  const auto folder = TemporaryFolder("parley-mpirun");
  auto all = MpirunPrefix(ranks);
  all.insert(all.end(), arguments.begin(), arguments.end());
  const std::string command =
      Quote(all) + " >'" + (folder / "out").string() + "' 2>'" + (folder / "err").string() + "' </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  };
  result.out = slurp(folder / "out");
  result.err = slurp(folder / "err");
  std::filesystem::remove_all(folder);
  return result;
}

using testing::CountLines;
using testing::ReadFile;
using testing::WithoutElapsed;

// The summary table without the last line, which names the folder and the time taken.
std::string Table(const std::string& out) { return out.substr(0, out.find("negotiations in")); }

void ExpectSameFiles(const std::filesystem::path& a, const std::filesystem::path& b) {
  EXPECT_EQ(WithoutElapsed(ReadFile(a / "results.jsonl"), false), WithoutElapsed(ReadFile(b / "results.jsonl"), false));
  EXPECT_EQ(WithoutElapsed(ReadFile(a / "results.csv"), true), WithoutElapsed(ReadFile(b / "results.csv"), true));
  for (const char* name : {"summary.csv", "summary.json", "config.json"}) {
    EXPECT_EQ(ReadFile(a / name), ReadFile(b / name)) << name;
  }
}

std::vector<std::string> SmallTournament() {
  return {"tournament",
          "--negotiators",
          "boulware,absolute-tft,random(accept=0.2)",
          "--scenarios",
          (ShippedScenarios() / "genius" / "CarA").string(),
          "ceasefire-2024#rafah",
          (ShippedScenarios() / "genius" / "group2-dinner").string(),
          "--repetitions",
          "3",
          "--rounds",
          "40",
          "--seed",
          "11",
          "--quiet"};
}

TEST(TournamentMpi, OneAndThreeRanksWriteTheFilesOfOneProcess) {
  const auto folder = TemporaryFolder("parley-tournament-mpi");
  auto single = SmallTournament();
  single.insert(single.end(), {"--threads", "1", "--out", (folder / "single").string()});
  const auto reference = RunCli(Quote(single));
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  for (int ranks : {1, 3}) {
    SCOPED_TRACE(ranks);
    const auto out = folder / ("ranks-" + std::to_string(ranks));
    auto args = SmallTournament();
    args.insert(args.end(), {"--out", out.string()});
    const auto run = RunMpi(ranks, args);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ExpectSameFiles(out, folder / "single");
    EXPECT_EQ(CountLines(out / "results.jsonl"), (9 + 9 + 27) * 3u);
    // Rank 0 alone prints the summary, the same table as one process.
    EXPECT_EQ(Table(run.out), Table(reference.out));
  }
  for (int share = 0; share < 3; ++share) {
    EXPECT_EQ(CountLines(folder / "ranks-3" / ("results.part-" + std::to_string(share) + "-of-3.jsonl")), 45u);
  }
}

// The session of `leader`'s processes still alive (not zombies): mpirun and its ranks.
std::vector<pid_t> SessionProcesses(pid_t leader) {
  std::vector<pid_t> pids;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    std::getline(stat, text);
    const auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(text.substr(close + 2));
    char state = 0;
    long parent = 0, group = 0, session = 0;
    fields >> state >> parent >> group >> session;
    if (session == leader && state != 'Z') pids.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return pids;
}

TEST(TournamentMpi, ResumesAfterTheWholeJobIsKilledWithTheSameRankCount) {
  SetMpiEnvironment();
  // Ranks orphaned by the kill of mpirun become this process's children, so that they are reaped.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  const auto folder = TemporaryFolder("parley-tournament-mpi-resume");
  const std::string car_a = (ShippedScenarios() / "genius" / "CarA").string();
  const std::string car_b = (ShippedScenarios() / "genius" / "CarB").string();
  const std::vector<std::string> common = {"tournament",  "--negotiators", "boulware,absolute-tft,conceder,random",
                                           "--scenarios", car_a,           car_b,
                                           "--rounds",    "1000",          "--repetitions",
                                           "300",         "--seed",        "5",
                                           "--quiet"};
  // 4^2 assignments * 2 scenarios * 300 repetitions = 9,600 negotiations of 1000 rounds.
  const auto killed = folder / "killed";
  auto args = MpirunPrefix(3);
  args.insert(args.end(), common.begin(), common.end());
  args.insert(args.end(), {"--out", killed.string()});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);  // mpirun and its ranks in a session of their own
  pid_t mpirun = 0;
  ASSERT_EQ(posix_spawn(&mpirun, argv[0], &actions, &attributes, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);

  auto written = [&] {
    std::size_t lines = 0;
    for (int share = 0; share < 3; ++share) {
      const auto part = killed / ("results.part-" + std::to_string(share) + "-of-3.jsonl");
      if (std::filesystem::exists(part)) lines += CountLines(part);
    }
    return lines;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && written() < 300) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  // Like a power cut: every process of the job at once, mpirun and the ranks.
  for (int pass = 0; pass < 3; ++pass) {
    for (pid_t pid : SessionProcesses(mpirun)) ::kill(pid, SIGKILL);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(mpirun, &status, 0), mpirun);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the tournament ended before it could be killed; make it larger";
  while (::waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
  }
  ASSERT_TRUE(SessionProcesses(mpirun).empty());
  ASSERT_FALSE(std::filesystem::exists(killed / "results.jsonl"));
  const std::size_t rows_before = written();
  EXPECT_GE(rows_before, 300u);
  EXPECT_LT(rows_before, 9600u);
  // As if the kill had cut a line short.
  std::ofstream(killed / "results.part-1-of-3.jsonl", std::ios::app) << "{\"id\": 16, \"scenario\": \"Ca";

  auto resume = common;
  resume.insert(resume.end(), {"--out", killed.string(), "--resume"});
  // Another rank count is refused: each rank resumes its own part.
  const auto refused = RunMpi(2, resume);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("rank 0: cannot resume the tournament in " + killed.string() +
                             " with 2 ranks: it was run with 3 ranks"),
            std::string::npos)
      << refused.err;
  const auto resumed = RunMpi(3, resume);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;

  auto whole = common;
  whole.insert(whole.end(), {"--threads", "1", "--out", (folder / "whole").string()});
  const auto uninterrupted = RunCli(Quote(whole));
  ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.err;
  EXPECT_EQ(CountLines(killed / "results.jsonl"), 9600u);
  ExpectSameFiles(killed, folder / "whole");
  EXPECT_EQ(Table(resumed.out), Table(uninterrupted.out));
}

TEST(TournamentMpi, ErrorsStopTheWholeJobAndNameTheRank) {
  const auto folder = TemporaryFolder("parley-tournament-mpi-errors");
  auto args = SmallTournament();
  args[2] = "boulware,no-such-negotiator";
  args.insert(args.end(), {"--out", (folder / "out").string()});
  const auto bad = RunMpi(3, args);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find(": error: rank "), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("no-such-negotiator"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.out, "");

  args = SmallTournament();
  args.insert(args.end(), {"--out", (folder / "used").string()});
  ASSERT_EQ(RunMpi(3, args).exit_code, 0);
  const auto again = RunMpi(3, args);  // a used folder needs --resume
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("rank 0: " + (folder / "used").string() + " already holds a tournament"), std::string::npos)
      << again.err;
  args.push_back("--resume");  // resuming a finished run with the same rank count changes nothing
  const auto resumed = RunMpi(3, args);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
}

}  // namespace
}  // namespace parley
