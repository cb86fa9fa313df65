// Isolated negotiators: a well-behaved negotiator gives exactly the results it gives in process;
// a worker that dies, hangs, overruns a limit or talks nonsense becomes a fault of its own
// negotiation only, with no process or descriptor left behind; and through the real `parley`
// program, with the misbehaving negotiators of tests/plugins/misbehaving.cc (loaded only by the
// programs these tests start), negotiations record those faults. isolation_tournament_test.cc
// does the same for whole tournaments.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance.h"
#include "conformance_gtest.h"
#include "isolation/worker_process.h"  // kAddressSanitizer: a sanitizer build enforces memory otherwise
#include "parley/error.h"
#include "parley/isolation.h"
#include "parley/plugin.h"
#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "parley/tournament.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

Scenario Shipped(const char* name) { return LoadScenario((testing::ShippedScenarios() / "genius" / name).string()); }

std::size_t OpenDescriptors() {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++count;
  return count;
}

// True when this process has no child left, running or zombie.
bool NoChildren() {
  int status = 0;
  return waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

void ExpectSameNegotiation(const NegotiationResult& a, const NegotiationResult& b) {
  EXPECT_TRUE(conformance::NoViolations(conformance::DifferencesBetween(a, b)));
}

std::vector<std::string> Isolated(const std::vector<std::string>& specs) {
  std::vector<std::string> isolated;
  for (const auto& spec : specs) isolated.push_back(IsolatedSpec(spec));
  return isolated;
}

// A fake worker program: a shell script standing in for parley-worker.
class FakeWorker {
 public:
  explicit FakeWorker(const std::string& script) : folder_(testing::TemporaryFolder("parley-fake-worker")) {
    path_ = folder_ / "worker";
    { std::ofstream(path_) << "#!/bin/sh\n" << script << "\n"; }
    fs::permissions(path_, fs::perms::owner_all);
    setenv("PARLEY_WORKER", path_.c_str(), 1);
  }
  ~FakeWorker() {
    unsetenv("PARLEY_WORKER");
    fs::remove_all(folder_);
  }

 private:
  fs::path folder_;
  fs::path path_;
};

// The fault of a negotiation between an isolated boulware (party 0) and a hard-liner.
std::string FaultWith(const std::string& process_parameters) {
  NegotiationOptions options;
  options.rounds = 10;
  const NegotiationResult result =
      RunNegotiation(Shipped("CarB"), {"process(inner=boulware" + process_parameters + ")", "hardliner"}, options);
  EXPECT_EQ(result.end_reason, EndReason::kFault);
  if (!result.fault) return {};
  EXPECT_EQ(result.fault->party, 0u);
  EXPECT_FALSE(result.agreement);
  return result.fault->message;
}

TEST(Isolation, SpecsAndParametersAreChecked) {
  EXPECT_EQ(IsolatedSpec("time(e=0.5)"), "process(inner=time(e=0.5))");
  EXPECT_EQ(IsolatedSpec("process(inner=boulware,cpu=2)"), "process(cpu=2,inner=boulware)");
  EXPECT_THROW(NegotiatorRegistry::Create("process(inner=no-such-negotiator)"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("process(inner=time(q=1))"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("process(cpu=-1)"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("process(timeout=x)"), UsageError);
  EXPECT_THROW(NegotiatorRegistry::Create("process(stack=1)"), UsageError);
  EXPECT_NE(NegotiatorRegistry::Create("process"), nullptr);  // boulware by default
  EXPECT_EQ(NegotiatorWorkerPath().filename(), "parley-worker");
}

// Exactly the same negotiations in and out of process: every action, offer and utility, for
// negotiators that use rankings, opponent models, randomness and discounting, on two-party and
// three-party scenarios, under alternating offers and a mediated protocol with feedback.
TEST(Isolation, WellBehavedNegotiatorsGiveExactlyTheInProcessResults) {
  LoadPlugin(parley::testing::ExamplePlugin());
  const std::size_t descriptors = OpenDescriptors();
  struct Case {
    const char* scenario;
    std::vector<std::string> negotiators;
    std::string protocol = "saop";
    std::vector<std::string> mediators = {};
  };
  const std::vector<Case> cases = {
      {"CarA", {"boulware", "absolute-tft"}},
      {"CarA", {"hardheaded", "random(accept=0.3)"}},
      {"CarB", {"boa(bidding=time(e=0.2),acceptance=combi(t=0.98),model=frequency)", "agentk"}},
      {"CarB", {"stubborn(accept=0.6)", "micro"}},
      {"IntegerDomain", {"atlas3", "cuhkagent"}},
      {"10issues", {"linear", "conceder"}},
      {"group2-dinner", {"boulware", "random", "absolute-tft"}},
      {"CarB", {"boulware", "absolute-tft"}, "single-text(feedback=true)", {"hill-climb"}},
  };
  for (const auto& c : cases) {
    const Scenario scenario = Shipped(c.scenario);
    SCOPED_TRACE(std::string(c.scenario) + " " + c.negotiators[0] + " vs " + c.negotiators[1]);
    NegotiationOptions options;
    options.rounds = 150;
    options.seed = 17;
    const NegotiationResult in_process = RunNegotiation(scenario, c.negotiators, options, c.protocol, c.mediators);
    const NegotiationResult isolated =
        RunNegotiation(scenario, Isolated(c.negotiators), options, c.protocol, c.mediators);
    ASSERT_FALSE(isolated.fault) << isolated.fault->message;
    ExpectSameNegotiation(in_process, isolated);
    // One side isolated, the other not.
    std::vector<std::string> mixed = c.negotiators;
    mixed[1] = IsolatedSpec(mixed[1]);
    ExpectSameNegotiation(in_process, RunNegotiation(scenario, mixed, options, c.protocol, c.mediators));
  }
  EXPECT_EQ(OpenDescriptors(), descriptors);
  EXPECT_TRUE(NoChildren());
}

// Questions to a party's preference oracle are not carried to a worker: parley negotiate and
// tournaments refuse isolated negotiators under a protocol that allows them, before anything runs.
TEST(Isolation, ProtocolsWithElicitationRefuseIsolatedNegotiators) {
  const std::vector<std::string> one_isolated = {"boulware", "process(inner=boulware)"};
  EXPECT_NO_THROW(CheckIsolatedNegotiators("saop", one_isolated));
  EXPECT_NO_THROW(CheckIsolatedNegotiators("saop(elicitation_cost=0)", one_isolated));
  EXPECT_NO_THROW(CheckIsolatedNegotiators("shaop", {"boulware", "boulware"}));
  const std::string refusal =
      "lets parties ask about their preferences, but a negotiator in a process of its own cannot ask about its "
      "preferences (elicitation); run it without isolation";
  for (const char* protocol : {"saop(elicitation_cost=0.1)", "shaop"}) {
    try {
      CheckIsolatedNegotiators(protocol, one_isolated);
      ADD_FAILURE() << protocol << " took an isolated negotiator";
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()), fmt::format("protocol '{}' {}", protocol, refusal));
    }
  }
  // Run anyway through the library, the inner negotiator begins without an oracle and plays on.
  NegotiationOptions options;
  options.rounds = 10;
  const NegotiationResult result = RunNegotiation(Shipped("CarA"), one_isolated, options, "shaop");
  EXPECT_FALSE(result.fault) << result.fault->message;
  EXPECT_EQ(result.elicitation_requests, (std::vector<std::uint64_t>{0, 0}));
  EXPECT_TRUE(NoChildren());

  TournamentConfig tournament;
  tournament.negotiators = {"process(inner=boulware)", "conceder"};
  tournament.scenarios = {(testing::ShippedScenarios() / "genius" / "CarA").string()};
  tournament.protocol = "shaop";
  try {
    PlanTournament(tournament);
    ADD_FAILURE() << "a tournament took an isolated negotiator under shaop";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "protocol 'shaop' " + refusal);
  }

  const auto cli =
      testing::RunCli("negotiate --scenario '" + (testing::ShippedScenarios() / "genius" / "CarA").string() +
                      "' --rounds 10 --isolate --protocol shaop");
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("protocol 'shaop' " + refusal), std::string::npos) << cli.err;
  EXPECT_EQ(std::count(cli.err.begin(), cli.err.end(), '\n'), 1) << cli.err;
}

TEST(Isolation, WorkerThatExitsAtOnceIsAFaultAtTheStart) {
  const std::size_t descriptors = OpenDescriptors();
  {
    FakeWorker worker("exit 3");
    const std::string message = FaultWith("");
    EXPECT_NE(message.find("failed to start"), std::string::npos) << message;
    EXPECT_NE(message.find("exited with status 3"), std::string::npos) << message;
  }
  EXPECT_EQ(OpenDescriptors(), descriptors);
  EXPECT_TRUE(NoChildren());
}

TEST(Isolation, WorkerThatNeverAnswersIsKilledAtTheDeadline) {
  const std::size_t descriptors = OpenDescriptors();
  {
    FakeWorker worker("exec sleep 30");
    const auto start = std::chrono::steady_clock::now();
    const std::string message = FaultWith(",timeout=0.3");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));  // not the 30 s sleep
    EXPECT_NE(message.find("did not answer within 0.3 s; its process was killed"), std::string::npos) << message;
  }
  EXPECT_EQ(OpenDescriptors(), descriptors);
  EXPECT_TRUE(NoChildren());
}

TEST(Isolation, WorkerThatSendsNonsenseIsKilled) {
  {
    // A frame header announcing a 1.9 GB message.
    FakeWorker worker("printf 'qqqqqqqq' >&3; exec sleep 30");
    const std::string message = FaultWith(",timeout=5");
    EXPECT_NE(message.find("malformed message"), std::string::npos) << message;
  }
  {
    // A well-formed frame of an unknown type in answer to begin.
    FakeWorker worker("printf '\\001\\000\\000\\000\\143' >&3; exec sleep 30");
    const std::string message = FaultWith(",timeout=5");
    EXPECT_NE(message.find("sent message 99 out of turn"), std::string::npos) << message;
  }
  EXPECT_TRUE(NoChildren());
}

TEST(Isolation, MissingWorkerProgramIsAFaultNamingIt) {
  setenv("PARLEY_WORKER", "/nonexistent/parley-worker", 1);
  const std::string message = FaultWith("");
  unsetenv("PARLEY_WORKER");
  EXPECT_NE(message.find("/nonexistent/parley-worker"), std::string::npos) << message;
}

TEST(Isolation, WorkerRefusesToRunByHand) {
  const std::string command = "'" + NegotiatorWorkerPath().string() + "' --cpu 1 </dev/null >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

// --- through the `parley` program, with the misbehaving plugin -----------------------------------

std::string MisbehavingPlugin() { return (parley::testing::TestPluginDir() / "misbehaving.so").string(); }

Json NegotiateJson(const std::string& negotiators, const std::string& extra = "") {
  const auto result =
      testing::RunCli("negotiate --plugin '" + MisbehavingPlugin() + "' --scenario '" +
                      (testing::ShippedScenarios() / "genius" / "CarB").string() +
                      "' --rounds 50 --seed 4 --json --no-metrics --negotiators '" + negotiators + "' " + extra);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  try {
    return Json::parse(result.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON: " << result.out << result.err;
    return Json::object();
  }
}

// Party 0 misbehaves at its third turn (step 4), after playing well.
void ExpectFaultOfParty0(const Json& result, const std::string& expected) {
  ASSERT_TRUE(result.contains("fault") && result["fault"].is_object()) << result.dump();
  EXPECT_EQ(result["end_reason"], "fault");
  EXPECT_EQ(result["agreement"], false);
  EXPECT_EQ(result["steps"], 4);
  const std::string message = result["fault"]["message"];
  EXPECT_NE(message.find("at step 4"), std::string::npos) << message;
  EXPECT_NE(message.find(expected), std::string::npos) << message;
}

TEST(IsolationCli, SegfaultIsRecordedAsTheNegotiatorsFault) {
  ExpectFaultOfParty0(NegotiateJson("process(inner=segfault),boulware"), "killed by SIGSEGV (Segmentation fault)");
}

TEST(IsolationCli, EndlessLoopIsStoppedByTheCallDeadline) {
  ExpectFaultOfParty0(NegotiateJson("process(inner=spin,timeout=1),boulware"),
                      "did not answer within 1 s; its process was killed");
}

TEST(IsolationCli, EndlessLoopIsStoppedByTheCpuLimit) {
  ExpectFaultOfParty0(NegotiateJson("process(inner=spin,cpu=1,timeout=0),boulware"),
                      "exceeded its CPU time limit of 1 s (SIGXCPU)");
}

TEST(IsolationCli, UnboundedAllocationIsStoppedByTheMemoryLimit) {
  ExpectFaultOfParty0(NegotiateJson("process(inner=hog,memory=300),boulware"),
                      internal::kAddressSanitizer ? "stopped by AddressSanitizer (over its memory limit of 300 MiB"
                                                  : "ran out of memory (its limit is 300 MiB)");
}

// A negotiator's own exception reads the same, and ends the negotiation the same, in and out of
// process.
TEST(IsolationCli, ExceptionIsTheSameFaultInAndOutOfProcess) {
  Json in_process = NegotiateJson("thrower,boulware");
  Json isolated = NegotiateJson("thrower,boulware", "--isolate");
  ExpectFaultOfParty0(in_process, "gave up on purpose at turn 2");
  EXPECT_EQ(isolated["negotiators"], Json::array({"process(inner=thrower)", "process(inner=boulware)"}));
  for (Json* result : {&in_process, &isolated}) {
    result->erase("negotiators");
    result->erase("elapsed_seconds");
  }
  EXPECT_EQ(in_process, isolated);
}

}  // namespace
}  // namespace parley
