// The files Parley writes its records to, byte for byte: a negotiation's trace (JSON Lines and
// CSV) and result (JSON), a tournament's result rows (JSON line, CSV header and line, read back)
// and summary (CSV and JSON). The expected texts are written out by hand from the formats as
// documented (docs/tournaments.md, trace_io.h): field order, number formatting (the JSON files
// write nlohmann::json's shortest round trip, "1.0"; the CSV files fmt's, "1"), nulls and empty
// fields, ';'-joined lists and CSV quoting. Names with commas and quotes make the quoting show.
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "parley/protocol.h"
#include "parley/scenario.h"
#include "parley/tournament.h"
#include "parley/trace_io.h"
#include "parley/utility.h"

namespace parley {
namespace {

// Two parties over "color" (discrete; a value with a comma) and "size" (integers 1 to 4). The
// utilities do not matter here: every number written below is set by hand.
Scenario PaintScenario() {
  auto space = std::make_shared<const OutcomeSpace>(
      "paint",
      std::vector<Issue>{Issue::Discrete("color", {"red", "green, light", "blue"}), Issue::Integer("size", 1, 4)});
  auto utility = std::make_shared<const LinearAdditiveUtility>(
      space, std::vector<double>{1, 1},
      std::vector<ValueFunction>{ValueFunction::Table({0, .5, 1}), ValueFunction::Table({0, .25, .5, 1})});
  return Scenario("paint", space, {Profile("A", utility, 0.1, 1.0), Profile("B, the second", utility, 0.2, 1.0)});
}

// A trace of three actions: A offers (green, light; 2), mediator 0 replaces it with (blue; 4), B
// walks away.
NegotiationResult TracedResult() {
  NegotiationResult result;
  result.negotiators = {"boulware", "linear"};
  result.mediators = {"hill-climb"};
  result.trace.Reset(2, 2, 3);
  const Outcome first({1, 2}), second({2, 4});
  const double first_utilities[] = {0.5, 0.25}, second_utilities[] = {1.0, 0.75};
  result.trace.Add({0, 0, 0.0, 0, ActionType::kOffer}, &first, first_utilities);
  result.trace.Add({1, 0, 0.25, 2, ActionType::kOffer}, &second, second_utilities);
  result.trace.Add({2, 1, 0.5, 1, ActionType::kEndNegotiation}, nullptr, nullptr);
  return result;
}

TEST(RecordFormats, TraceAsJsonLines) {
  const Scenario scenario = PaintScenario();
  std::ostringstream out;
  WriteTraceJsonLines(scenario, TracedResult(), out);
  EXPECT_EQ(out.str(),
            R"j({"step":0,"round":0,"time":0.0,"party":"A","negotiator":"boulware","action":"offer",)j"
            R"j("offer":{"color":"green, light","size":2},"utilities":{"A":0.5,"B, the second":0.25}})j"
            "\n"
            R"j({"step":1,"round":0,"time":0.25,"party":"mediator 0 (hill-climb)","negotiator":"hill-climb",)j"
            R"j("action":"offer","offer":{"color":"blue","size":4},"utilities":{"A":1.0,"B, the second":0.75}})j"
            "\n"
            R"j({"step":2,"round":1,"time":0.5,"party":"B, the second","negotiator":"linear","action":"end",)j"
            R"j("offer":null})j"
            "\n");
}

TEST(RecordFormats, TraceAsCsv) {
  const Scenario scenario = PaintScenario();
  std::ostringstream out;
  WriteTraceCsv(scenario, TracedResult(), out);
  EXPECT_EQ(out.str(),
            "step,round,time,party,action,color,size,utility:A,\"utility:B, the second\"\n"
            "0,0,0,A,offer,\"green, light\",2,0.5,0.25\n"
            "1,0,0.25,mediator 0 (hill-climb),offer,blue,4,1,0.75\n"
            "2,1,0.5,\"B, the second\",end,,,,\n");
}

TEST(RecordFormats, ResultAsJson) {
  const Scenario scenario = PaintScenario();
  const NegotiationResult agreed{.agreement = Outcome({1, 2}),
                                 .end_reason = EndReason::kAgreement,
                                 .coalitions = {},
                                 .removals = {},
                                 .utilities = {0.5, 0.25},
                                 .undiscounted_utilities = {0.625, 0.25},
                                 .steps = 2,
                                 .rounds = 1,
                                 .time = 0.25,
                                 .elapsed_seconds = 0.5,
                                 .fault = std::nullopt,
                                 .stop_reason = "",
                                 .negotiators = {"boulware", "linear"},
                                 .mediators = {},
                                 .elicitation_costs = {},
                                 .elicitation_requests = {},
                                 .trace = {}};
  EXPECT_EQ(ResultToJson(scenario, agreed),
            "{\n"
            "  \"scenario\": \"paint\",\n"
            "  \"negotiators\": [\n"
            "    \"boulware\",\n"
            "    \"linear\"\n"
            "  ],\n"
            "  \"agreement\": true,\n"
            "  \"end_reason\": \"agreement\",\n"
            "  \"outcome\": {\n"
            "    \"color\": \"green, light\",\n"
            "    \"size\": 2\n"
            "  },\n"
            "  \"utilities\": {\n"
            "    \"A\": 0.5,\n"
            "    \"B, the second\": 0.25\n"
            "  },\n"
            "  \"undiscounted_utilities\": {\n"
            "    \"A\": 0.625,\n"
            "    \"B, the second\": 0.25\n"
            "  },\n"
            "  \"steps\": 2,\n"
            "  \"rounds\": 1,\n"
            "  \"time\": 0.25,\n"
            "  \"elapsed_seconds\": 0.5,\n"
            "  \"fault\": null\n"
            "}");

  NegotiationResult failed = agreed;
  failed.agreement.reset();
  failed.end_reason = EndReason::kFault;
  failed.mediators = {"hill-climb"};
  failed.fault = Fault{2, "threw \"no\""};
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(ResultToJson(scenario, failed));
  EXPECT_EQ(json["agreement"], false);
  EXPECT_TRUE(json["outcome"].is_null());
  EXPECT_EQ(json["fault"].dump(), R"j({"party":"mediator 0 (hill-climb)","message":"threw \"no\""})j");
}

TournamentRow AgreedRow() {
  TournamentRow row;
  row.id = 7;
  row.scenario = "dir,with comma/CarA";
  row.repetition = 1;
  row.roles = {"A", "B"};
  row.negotiators = {"boulware", "time(e=0.5)"};
  row.assignment = {0, 1};
  row.seed = 42;
  row.agreement = true;
  row.issues = {"color", "size"};
  row.outcome = {"green, light", "2"};
  row.utilities = {0.5, 0.25};
  row.undiscounted_utilities = {0.625, 0.25};
  row.reservation_values = {0.1, 0.0};
  row.rounds = 3;
  row.steps = 5;
  row.time = 0.5;
  row.social_welfare = 0.75;
  row.distance_to_pareto = 0.0;
  row.pareto_optimal = true;
  row.opposition = 0.125;
  row.end_reason = "agreement";
  row.elapsed_seconds = 0.001;
  return row;
}

TournamentRow FaultRow() {
  TournamentRow row = AgreedRow();
  row.agreement = false;
  row.issues.clear();
  row.outcome.clear();
  row.pareto_optimal = false;
  row.end_reason = "fault";
  row.fault = "B (time(e=0.5)): threw \"bad\" \xFF";
  row.fault_party = 1;
  return row;
}

TEST(RecordFormats, TournamentRowAsJsonLine) {
  EXPECT_EQ(RowToJsonLine(AgreedRow()),
            R"j({"id":7,"scenario":"dir,with comma/CarA","repetition":1,"roles":["A","B"],)j"
            R"j("negotiators":["boulware","time(e=0.5)"],"assignment":[0,1],"seed":42,"agreement":true,)j"
            R"j("outcome":{"color":"green, light","size":"2"},"utilities":[0.5,0.25],)j"
            R"j("undiscounted_utilities":[0.625,0.25],"reservation_values":[0.1,0.0],"rounds":3,"steps":5,)j"
            R"j("time":0.5,"social_welfare":0.75,"distance_to_pareto":0.0,"distance_to_nash":null,)j"
            R"j("distance_to_kalai":null,"pareto_optimal":true,"opposition":0.125,"end_reason":"agreement",)j"
            R"j("fault":null,"fault_party":null,"elapsed_seconds":0.001})j");
  const std::string fault = RowToJsonLine(FaultRow());
  EXPECT_NE(fault.find(R"j("agreement":false,"outcome":null,)j"), std::string::npos) << fault;
  EXPECT_NE(fault.find(R"j("fault":"B (time(e=0.5)): threw \"bad\" )j"
                       "\xEF\xBF\xBD"
                       R"j(","fault_party":1,)j"),
            std::string::npos)
      << fault;
}

TEST(RecordFormats, TournamentRowAsCsv) {
  EXPECT_EQ(CsvHeader(),
            "id,scenario,repetition,roles,negotiators,seed,agreement,outcome,utilities,undiscounted_utilities,"
            "reservation_values,rounds,steps,time,social_welfare,distance_to_pareto,distance_to_nash,"
            "distance_to_kalai,pareto_optimal,opposition,end_reason,fault,fault_party,elapsed_seconds");
  EXPECT_EQ(RowToCsvLine(AgreedRow()),
            "7,\"dir,with comma/CarA\",1,A;B,boulware;time(e=0.5),42,true,\"color=green, light;size=2\","
            "0.5;0.25,0.625;0.25,0.1;0,3,5,0.5,0.75,0,,,true,0.125,agreement,,,0.001");
  EXPECT_EQ(RowToCsvLine(FaultRow()),
            "7,\"dir,with comma/CarA\",1,A;B,boulware;time(e=0.5),42,false,,"
            "0.5;0.25,0.625;0.25,0.1;0,3,5,0.5,0.75,0,,,false,0.125,fault,"
            "\"B (time(e=0.5)): threw \"\"bad\"\" \xEF\xBF\xBD\",1,0.001");
}

TEST(RecordFormats, TournamentRowReadBack) {
  const TournamentRow row = RowFromJsonLine(RowToJsonLine(AgreedRow()), "test");
  EXPECT_EQ(row.issues, AgreedRow().issues);
  EXPECT_EQ(row.outcome, AgreedRow().outcome);
  EXPECT_EQ(row.assignment, AgreedRow().assignment);
  EXPECT_FALSE(row.distance_to_nash.has_value());
  EXPECT_EQ(row.pareto_optimal, std::optional<bool>(true));
  EXPECT_TRUE(row.fault.empty());
  EXPECT_EQ(RowToJsonLine(row), RowToJsonLine(AgreedRow()));

  const TournamentRow fault = RowFromJsonLine(RowToJsonLine(FaultRow()), "test");
  EXPECT_TRUE(fault.issues.empty());
  EXPECT_EQ(fault.fault, "B (time(e=0.5)): threw \"bad\" \xEF\xBF\xBD");
  EXPECT_EQ(fault.fault_party, std::optional<std::size_t>(1));
  EXPECT_EQ(RowToJsonLine(fault), RowToJsonLine(FaultRow()));
}

TournamentSummary SmallSummary() {
  NegotiatorStatistics s;
  s.negotiator = "time(e=0.5)";
  s.rank = 1;
  s.utility = {2, 0.5, 0.25};
  s.advantage = {1, 0.125, 0.0};
  s.welfare = {0, 0.0, 0.0};
  s.agreement = {2, 1.0, 0.0};
  s.distance_to_pareto = {2, 0.0, 0.0};
  s.distance_to_nash = {0, 0.0, 0.0};
  s.faults = 1;
  TournamentSummary summary;
  summary.negotiations = 3;
  summary.agreements = 2;
  summary.faults = 1;
  summary.negotiators = {s};
  summary.scenarios = {{"a,b", 3, {s}}};
  return summary;
}

TEST(RecordFormats, SummaryAsCsv) {
  EXPECT_EQ(SummaryToCsv(SmallSummary()),
            "scope,rank,negotiator,n,utility_mean,utility_ci95,advantage_mean,advantage_ci95,welfare_mean,"
            "welfare_ci95,agreement_rate,agreement_rate_ci95,distance_to_pareto_mean,distance_to_pareto_ci95,nash_n,"
            "distance_to_nash_mean,distance_to_nash_ci95,faults\n"
            "all,1,time(e=0.5),2,0.5,0.25,0.125,,,,1,0,0,0,0,,,1\n"
            "\"a,b\",1,time(e=0.5),2,0.5,0.25,0.125,,,,1,0,0,0,0,,,1\n");
}

TEST(RecordFormats, SummaryAsJson) {
  const std::string text = SummaryToJson(SmallSummary());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(text);
  const std::string statistics =
      R"j({"rank":1,"negotiator":"time(e=0.5)","utility":{"n":2,"mean":0.5,"ci95":0.25},)j"
      R"j("advantage":{"n":1,"mean":0.125,"ci95":null},"welfare":{"n":0,"mean":null,"ci95":null},)j"
      R"j("agreement_rate":{"n":2,"mean":1.0,"ci95":0.0},"distance_to_pareto":{"n":2,"mean":0.0,"ci95":0.0},)j"
      R"j("distance_to_nash":{"n":0,"mean":null,"ci95":null},"faults":1})j";
  EXPECT_EQ(json.dump(),
            R"j({"negotiations":3,"agreements":2,"faults":1,)j"
            R"j("confidence_intervals":"95%, Student's t with n - 1 degrees of freedom; ci95 is the half-width",)j"
            R"j("negotiators":[)j" +
                statistics + R"j(],"scenarios":[{"scenario":"a,b","negotiations":3,"negotiators":[)j" + statistics +
                "]}]}");
}

}  // namespace
}  // namespace parley
