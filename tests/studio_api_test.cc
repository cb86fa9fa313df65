// Parley Studio's JSON API (docs/studio.md), called in-process through studio::Studio::Handle:
// every endpoint with good input, bad input (4xx with a message), without or with a wrong token
// (403), and with paths outside the roots (403). Expected numbers come from hand calculation or
// brute force over the small scenario below, or from running the same negotiation without the
// studio.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "parley/protocol.h"
#include "parley/scenario_format.h"
#include "studio/studio.h"
#include "test_support.h"

namespace parley::studio {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kToken = "0123456789abcdef0123";

// Two parties, two issues, six outcomes. Utilities (buyer, seller), weights times values:
//   price  low:  buyer 0.6*1.0 = 0.6, seller 0.7*0.0 = 0.0;  mid: 0.36, 0.35;  high: 0.0, 0.7
//   days   one:  buyer 0.4*0.0 = 0.0, seller 0.3*1.0 = 0.3;  two: 0.4, 0.0
// so (low, one) = (0.6, 0.3), (low, two) = (1.0, 0.0), (mid, one) = (0.36, 0.65),
// (mid, two) = (0.76, 0.35), (high, one) = (0.0, 1.0), (high, two) = (0.4, 0.7).
Json SmallScenario(double buyer_price_weight = 0.6, double buyer_reservation = 0.3) {
  return Json::parse(R"({
    "format": "parley-scenario", "version": 1, "name": "small",
    "issues": [{"name": "price", "values": ["low", "mid", "high"]}, {"name": "days", "values": ["one", "two"]}],
    "parties": [
      {"name": "buyer", "reservation_value": 0.3,
       "utility": {"type": "linear-additive", "weights": {"price": 0.6, "days": 0.4},
                   "values": {"price": {"low": 1, "mid": 0.6, "high": 0}, "days": {"one": 0, "two": 1}}}},
      {"name": "seller", "reservation_value": 0.2,
       "utility": {"type": "linear-additive", "weights": {"price": 0.7, "days": 0.3},
                   "values": {"price": {"low": 0, "mid": 0.5, "high": 1}, "days": {"one": 1, "two": 0}}}}]})")
      .patch(Json::array(
          {{{"op", "replace"}, {"path", "/parties/0/utility/weights/price"}, {"value", buyer_price_weight}},
           {{"op", "replace"}, {"path", "/parties/0/utility/weights/days"}, {"value", 1.0 - buyer_price_weight}},
           {{"op", "replace"}, {"path", "/parties/0/reservation_value"}, {"value", buyer_reservation}}}));
}

// Brute force over the six outcomes, from the numbers above and not from Parley's evaluation.
struct SmallPoint {
  std::string price, days;
  double buyer, seller;
};
std::vector<SmallPoint> SmallOutcomes(double buyer_price_weight) {
  const std::map<std::string, double> buyer_price{{"low", 1}, {"mid", 0.6}, {"high", 0}};
  const std::map<std::string, double> seller_price{{"low", 0}, {"mid", 0.5}, {"high", 1}};
  std::vector<SmallPoint> points;
  for (const char* price : {"low", "mid", "high"}) {
    for (const char* days : {"one", "two"}) {
      const double buyer_days = std::string(days) == "two" ? 1.0 : 0.0;
      points.push_back({price, days, buyer_price_weight * buyer_price.at(price) + (1 - buyer_price_weight) * buyer_days,
                        0.7 * seller_price.at(price) + 0.3 * (1.0 - buyer_days)});
    }
  }
  return points;
}
const SmallPoint* BruteNash(const std::vector<SmallPoint>& points, double buyer_reservation, std::size_t* zone) {
  const SmallPoint* best = nullptr;
  double best_product = 0;
  *zone = 0;
  for (const auto& point : points) {
    if (point.buyer > buyer_reservation && point.seller > 0.2) {
      ++*zone;
      const double product = (point.buyer - buyer_reservation) * (point.seller - 0.2);
      if (!best || product > best_product) best = &point, best_product = product;
    }
  }
  return best;
}

class StudioApi : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::canonical(testing::TemporaryFolder("studio-root"));
    outside_ = fs::canonical(testing::TemporaryFolder("studio-outside"));
    fs::copy(testing::ShippedScenarios() / "genius" / "CarA", root_ / "CarA", fs::copy_options::recursive);
    std::ofstream(root_ / "small.json") << SmallScenario().dump(2);
    std::ofstream(outside_ / "secret.json") << SmallScenario().dump(2);
    fs::create_directory_symlink(outside_, root_ / "link-out");
    Start({});
  }

  void Start(StudioOptions options) {
    studio_.reset();
    options.roots = {root_};
    options.token = kToken;
    studio_ = std::make_unique<Studio>(options);
  }

  struct Answer {
    int status = 0;
    Json json;
    std::string body;
  };
  Answer Call(const std::string& method, const std::string& target, const Json& body = nullptr,
              const std::string& token = kToken) {
    HttpRequest request;
    request.method = method;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) {
      const std::string query = target.substr(question + 1);
      for (std::size_t start = 0; start < query.size();) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string pair = query.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        request.query[pair.substr(0, equals)] = equals == std::string::npos ? "" : pair.substr(equals + 1);
        start = end + 1;
      }
    }
    request.token = token;
    if (!body.is_null()) request.body = body.dump();
    const HttpResponse response = studio_->Handle(request);
    Answer answer{response.status, nullptr, response.body};
    if (response.content_type == "application/json") answer.json = Json::parse(response.body);
    return answer;
  }
  Answer Get(const std::string& target) { return Call("GET", target); }
  Answer Post(const std::string& target, const Json& body) { return Call("POST", target, body); }

  // Polls a run until it is done (or `waiting` when a seat waits and `until_waiting`).
  Json Await(const std::string& id, bool until_waiting = false) {
    for (int i = 0; i < 2000; ++i) {
      const Answer state = Get("/api/runs/" + id);
      EXPECT_EQ(state.status, 200) << state.body;
      const std::string name = state.json.value("state", "");
      if (name == "done" || (until_waiting && name == "waiting")) return state.json;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "run " << id << " did not finish";
    return nullptr;
  }

  static void ExpectError(const Answer& answer, int status, const std::string& part) {
    EXPECT_EQ(answer.status, status) << answer.body;
    ASSERT_TRUE(answer.json.is_object()) << answer.body;
    EXPECT_NE(answer.json.value("error", "").find(part), std::string::npos) << answer.body;
  }

  fs::path root_, outside_;
  std::unique_ptr<Studio> studio_;
};

TEST_F(StudioApi, EveryEndpointNeedsTheToken) {
  const std::vector<std::pair<std::string, std::string>> endpoints = {
      {"GET", "/"},
      {"GET", "/api/info"},
      {"GET", "/api/registry"},
      {"GET", "/api/scenarios"},
      {"GET", "/api/scenario?source=ceasefire-2024%23rafah"},
      {"POST", "/api/scenario/upload"},
      {"POST", "/api/scenario/save"},
      {"POST", "/api/analyze"},
      {"POST", "/api/utility"},
      {"POST", "/api/mediate"},
      {"POST", "/api/runs"},
      {"GET", "/api/runs/r1"},
      {"POST", "/api/runs/r1/stop"},
      {"GET", "/api/runs/r1/report"},
      {"GET", "/api/runs/r1/seats/0"},
      {"POST", "/api/runs/r1/seats/0"},
      {"POST", "/api/runs/r1/seats/0/utility"},
      {"POST", "/api/tournaments"},
      {"GET", "/api/tournaments/t1"},
      {"GET", "/api/tournaments/t1/report"},
      {"POST", "/api/tournaments/t1/stop"},
      {"GET", "/no/such/page"}};
  for (const auto& [method, target] : endpoints) {
    SCOPED_TRACE(method + " " + target);
    ExpectError(Call(method, target, Json::object(), ""), 403, "needs its token");
    ExpectError(Call(method, target, Json::object(), "0123456789abcdef0124"), 403, "wrong token");
    ExpectError(Call(method, target, Json::object(), "0123"), 403, "wrong token");
  }
}

TEST_F(StudioApi, RefusesUnknownPathsWrongMethodsAndLargeBodies) {
  ExpectError(Get("/api/nothing"), 404, "no such endpoint");
  ExpectError(Get("/favicon.ico"), 404, "no such page");
  ExpectError(Call("DELETE", "/api/info"), 405, "does not take DELETE");
  ExpectError(Get("/api/analyze"), 405, "does not take GET");
  StudioOptions small;
  small.max_request_bytes = 100;
  Start(small);
  ExpectError(Post("/api/analyze", {{"scenario", SmallScenario()}}), 413, "larger than the limit");
  Answer not_json = Call("POST", "/api/analyze");
  ExpectError(not_json, 400, "not JSON");
}

TEST_F(StudioApi, ServesThePageAndTheInfo) {
  const Answer page = Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<html"), std::string::npos);
  // The style sheet and the script are inline: the page makes no other request.
  EXPECT_EQ(page.body.find("src=\"studio.js\""), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"studio.css\""), std::string::npos);
  const Answer info = Get("/api/info");
  ASSERT_EQ(info.status, 200);
  EXPECT_EQ(info.json["roots"], Json::array({root_.string()}));
  EXPECT_EQ(info.json["limits"]["max_runs"], 64);
}

TEST_F(StudioApi, ListsTheRegistries) {
  const Answer registry = Get("/api/registry");
  ASSERT_EQ(registry.status, 200);
  std::map<std::string, Json> negotiators;
  for (const auto& entry : registry.json["negotiators"]) negotiators[entry["name"]] = entry;
  EXPECT_EQ(negotiators.size(), NegotiatorRegistry::List().size());
  ASSERT_TRUE(negotiators.count("boulware"));
  EXPECT_FALSE(negotiators["boulware"]["interactive"].get<bool>());
  ASSERT_TRUE(negotiators.count("human"));
  EXPECT_TRUE(negotiators["human"]["interactive"].get<bool>());
  EXPECT_FALSE(registry.json["protocols"].empty());
  EXPECT_FALSE(registry.json["mediators"].empty());
}

TEST_F(StudioApi, ListsBuiltinScenariosAndThoseUnderTheRoots) {
  const Answer list = Get("/api/scenarios");
  ASSERT_EQ(list.status, 200);
  std::set<std::string> sources;
  for (const auto& entry : list.json["scenarios"]) sources.insert(entry["source"]);
  EXPECT_TRUE(sources.count("ceasefire-2024#ceasefire"));
  EXPECT_TRUE(sources.count("ceasefire-2024#rafah"));
  EXPECT_TRUE(sources.count((root_ / "CarA").string()));
  EXPECT_TRUE(sources.count((root_ / "small.json").string()));
  // Nothing reached through the link that leads out of the root.
  for (const auto& source : sources) EXPECT_EQ(source.find("link-out"), std::string::npos) << source;
}

TEST_F(StudioApi, OpensScenariosUnderTheRootsOnly) {
  const Answer car = Get("/api/scenario?source=" + (root_ / "CarA").string());
  ASSERT_EQ(car.status, 200) << car.body;
  EXPECT_EQ(car.json["scenario"]["format"], "parley-scenario");
  EXPECT_EQ(car.json["scenario"]["parties"].size(), 2u);
  const Scenario loaded = LoadScenario((testing::ShippedScenarios() / "genius" / "CarA").string());
  EXPECT_EQ(car.json["outcomes"], *loaded.space().cardinality());
  EXPECT_EQ(Get("/api/scenario?source=small.json").status, 200);  // relative to the root
  EXPECT_EQ(Get("/api/scenario?source=ceasefire-2024#rafah").status, 200);
  ExpectError(Get("/api/scenario?source=" + (outside_ / "secret.json").string()), 403, "outside the studio's roots");
  ExpectError(Get("/api/scenario?source=" + (root_ / "link-out" / "secret.json").string()), 403, "outside");
  ExpectError(Get("/api/scenario?source=" + (root_ / ".." / fs::path(outside_).filename() / "secret.json").string()),
              403, "outside");
  ExpectError(Get("/api/scenario?source=/etc/passwd"), 403, "outside");
  ExpectError(Get("/api/scenario?source=" + (root_ / "missing.json").string()), 404, "no such file");
  ExpectError(Get("/api/scenario"), 400, "needs ?source=");
  StudioOptions without_roots;
  without_roots.token = kToken;
  studio_ = std::make_unique<Studio>(without_roots);
  ExpectError(Get("/api/scenario?source=" + (root_ / "small.json").string()), 403, "without --root");
  EXPECT_EQ(Get("/api/scenario?source=ceasefire-2024#rafah").status, 200);
}

TEST_F(StudioApi, UploadsOneFileOrAFolderOfFiles) {
  const Answer one = Post("/api/scenario/upload", {{"name", "mine.json"}, {"text", SmallScenario().dump()}});
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json["scenario"]["name"], "small");
  EXPECT_TRUE(one.json["source"].is_null());
  Json files = Json::array();
  for (const auto& entry : fs::directory_iterator(testing::ShippedScenarios() / "genius" / "CarA")) {
    files.push_back({{"name", entry.path().filename().string()}, {"text", testing::ReadFile(entry.path())}});
  }
  const Answer folder = Post("/api/scenario/upload", {{"files", files}});
  ASSERT_EQ(folder.status, 200) << folder.body;
  EXPECT_EQ(folder.json["outcomes"],
            *LoadScenario((testing::ShippedScenarios() / "genius" / "CarA").string()).space().cardinality());
  ExpectError(Post("/api/scenario/upload", {{"name", "../escape.json"}, {"text", "{}"}}), 400, "plain file name");
  const Answer broken = Post("/api/scenario/upload", {{"name", "broken.json"}, {"text", "{\"format\": 3}"}});
  EXPECT_EQ(broken.status, 400);
  // The message names the upload, not the studio's private folder.
  EXPECT_EQ(broken.json["error"].get<std::string>().find("parley-studio-upload"), std::string::npos) << broken.body;
  ExpectError(Post("/api/scenario/upload", {{"files", Json::array()}}), 400, "\"files\"");
}

TEST_F(StudioApi, AnalysisFollowsAnEditedWeight) {
  for (const double weight : {0.6, 0.2}) {
    SCOPED_TRACE(weight);
    const Answer analysis = Post("/api/analyze", {{"scenario", SmallScenario(weight)}});
    ASSERT_EQ(analysis.status, 200) << analysis.body;
    std::size_t zone = 0;
    const std::vector<SmallPoint> outcomes = SmallOutcomes(weight);
    const SmallPoint* nash = BruteNash(outcomes, 0.3, &zone);
    ASSERT_NE(nash, nullptr);
    // Hand derivation: with weight 0.6 the Nash point is (mid, two), gains 0.46 * 0.15; with 0.2 the
    // buyer values days most and it moves to (high, two), gains 0.5 * 0.5.
    EXPECT_EQ(std::string(nash->price), weight == 0.6 ? "mid" : "high");
    EXPECT_EQ(analysis.json["nash"]["outcome"], Json::array({nash->price, nash->days}));
    EXPECT_NEAR(analysis.json["nash"]["utilities"][0].get<double>(), nash->buyer, 1e-12);
    EXPECT_NEAR(analysis.json["nash"]["utilities"][1].get<double>(), nash->seller, 1e-12);
    EXPECT_EQ(analysis.json["zone"]["size"], zone);
    EXPECT_EQ(analysis.json["points"].size(), 6u);
    EXPECT_FALSE(analysis.json["sampled"].get<bool>());
  }
  Json bad = SmallScenario();
  bad["parties"][0]["utility"]["weights"]["price"] = "heavy";
  ExpectError(Post("/api/analyze", {{"scenario", bad}}), 400, "weights");
  ExpectError(Post("/api/analyze", Json::object()), 400, "\"source\"");
  ExpectError(Post("/api/analyze", {{"source", "small.json"}, {"scenario", SmallScenario()}}), 400, "one of the two");
  ExpectError(Post("/api/analyze", {{"source", (outside_ / "secret.json").string()}}), 403, "outside");
}

TEST_F(StudioApi, SavesUnderTheRootsOnly) {
  const std::string path = (root_ / "saved.json").string();
  const Answer saved = Post("/api/scenario/save", {{"path", path}, {"scenario", SmallScenario(0.2)}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  // Read back by the command-line program's loader: the edit is in the file.
  const Scenario loaded = LoadScenario(path);
  EXPECT_NEAR(loaded.profile(0).Utility(Outcome({2, 1})), 0.2 * 0 + 0.8 * 1, 1e-12);
  ExpectError(Post("/api/scenario/save", {{"path", path}, {"scenario", SmallScenario()}}), 409, "exists");
  EXPECT_EQ(Post("/api/scenario/save", {{"path", path}, {"scenario", SmallScenario()}, {"overwrite", true}}).status,
            200);
  ExpectError(Post("/api/scenario/save", {{"path", (outside_ / "x.json").string()}, {"scenario", SmallScenario()}}),
              403, "outside");
  ExpectError(
      Post("/api/scenario/save", {{"path", (root_ / "link-out" / "x.json").string()}, {"scenario", SmallScenario()}}),
      403, "outside");
  EXPECT_FALSE(fs::exists(outside_ / "x.json"));
  ExpectError(Post("/api/scenario/save", {{"path", (root_ / "x.txt").string()}, {"scenario", SmallScenario()}}), 400,
              ".json");
  ExpectError(Post("/api/scenario/save", {{"path", (root_ / "no" / "x.json").string()}, {"scenario", SmallScenario()}}),
              400, "no such folder");
}

TEST_F(StudioApi, UtilityOfAnOutcome) {
  const Answer utility =
      Post("/api/utility", {{"source", "small.json"}, {"party", 1}, {"outcome", Json::array({"mid", "one"})}});
  ASSERT_EQ(utility.status, 200) << utility.body;
  EXPECT_NEAR(utility.json["utility"].get<double>(), 0.7 * 0.5 + 0.3 * 1.0, 1e-12);
  ExpectError(
      Post("/api/utility", {{"source", "small.json"}, {"party", 0}, {"outcome", Json::array({"cheap", "one"})}}), 400,
      "issue 'price' takes one of low, mid, high");
  ExpectError(Post("/api/utility", {{"source", "small.json"}, {"party", 2}, {"outcome", Json::array({"low", "one"})}}),
              400, "\"party\"");
  ExpectError(Post("/api/utility", {{"source", "small.json"}, {"outcome", Json::array({"low"})}}), 400, "2 values");
}

TEST_F(StudioApi, MediateAnswersWhatIf) {
  // With the buyer's fallback at 0.3 the zone has 4 packages (brute force above); raised to 0.7,
  // only (mid, two) at 0.76 is left.
  for (const double fallback : {0.3, 0.7}) {
    std::size_t zone = 0;
    BruteNash(SmallOutcomes(0.6), fallback, &zone);
    const Answer answer =
        Post("/api/mediate", {{"scenario", SmallScenario(0.6, fallback)}, {"times", {0.0}}, {"top", 3}});
    ASSERT_EQ(answer.status, 200) << answer.body;
    const Json& moment = answer.json["tracks"][0]["moments"][0];
    EXPECT_EQ(moment["zone"]["size"], zone) << moment.dump();
  }
  ExpectError(Post("/api/mediate", {{"source", "small.json"}, {"times", {1.5}}}), 400, "\"times\"");
  ExpectError(Post("/api/mediate", {{"source", "small.json"}, {"top", -1}}), 400, "\"top\"");
}

TEST_F(StudioApi, ARunStreamsEveryActionOfTheNegotiation) {
  const Answer started = Post(
      "/api/runs",
      {{"source", (root_ / "CarA").string()}, {"negotiators", {"boulware", "conceder"}}, {"rounds", 60}, {"seed", 7}});
  ASSERT_EQ(started.status, 200) << started.body;
  const std::string id = started.json["id"];
  EXPECT_TRUE(started.json["seats"].empty());
  // Polled a few events at a time, as the page does.
  std::vector<Json> events;
  for (int i = 0; i < 2000; ++i) {
    const Answer state = Get("/api/runs/" + id + "?since=" + std::to_string(events.size()));
    ASSERT_EQ(state.status, 200);
    for (const auto& event : state.json["events"]) events.push_back(event);
    EXPECT_EQ(state.json["next"], events.size());
    if (state.json["state"] == "done") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  // The same negotiation without the studio.
  const Scenario scenario = LoadScenario((root_ / "CarA").string());
  NegotiationOptions options;
  options.rounds = 60;
  options.seed = 7;
  const NegotiationResult direct = RunNegotiation(scenario, {"boulware", "conceder"}, options);
  ASSERT_EQ(events.size(), direct.trace.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["party"], direct.trace.step(i).party);
    EXPECT_EQ(events[i]["action"], std::string(ActionTypeName(direct.trace.step(i).action)));
    if (direct.trace.has_offer(i)) {
      EXPECT_EQ(events[i]["offer"][0], scenario.space().issue(0).Format(direct.trace.offer(i)[0]));
      EXPECT_DOUBLE_EQ(events[i]["utilities"][1].get<double>(), direct.trace.utility(i, 1));
    }
  }
  const Json done = Get("/api/runs/" + id).json;
  EXPECT_EQ(done["result"]["agreement"].get<bool>(), direct.agreement.has_value());
  const Answer report = Get("/api/runs/" + id + "/report");
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("class=\"offer"), std::string::npos);
  ExpectError(Get("/api/runs/r99"), 404, "no run or tournament 'r99'");
  ExpectError(Get("/api/runs/" + id + "?since=x"), 400, "since=");
  ExpectError(Get("/api/runs/" + id + "/seats/0"), 404, "not a seat for a person");
}

TEST_F(StudioApi, RefusesBadRuns) {
  ExpectError(Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"boulware"}}}), 400, "2 specs");
  ExpectError(Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"boulware", "nobody"}}}), 400,
              "unknown negotiator 'nobody'");
  ExpectError(
      Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"boulware", "boulware"}}, {"rounds", 1000000}}),
      400, "\"rounds\"");
  ExpectError(
      Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"boulware", "boulware"}}, {"protocol", "x"}}), 400,
      "unknown protocol 'x'");
  ExpectError(Post("/api/runs", {{"source", (outside_ / "secret.json").string()}, {"negotiators", {"a", "b"}}}), 403,
              "outside");
  ExpectError(Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"human(x=1)", "boulware"}}}), 400,
              "takes no parameters");
}

TEST_F(StudioApi, APersonPlaysASeatToAnAgreement) {
  const Answer started =
      Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"boulware", "human"}}, {"rounds", 20}});
  ASSERT_EQ(started.status, 200) << started.body;
  const std::string id = started.json["id"];
  ASSERT_EQ(started.json["seats"].size(), 1u);
  EXPECT_EQ(started.json["seats"][0]["party"], 1);
  EXPECT_EQ(started.json["seats"][0]["link"], std::string("/?token=") + kToken + "#play/" + id + "/1");
  const std::string seat = "/api/runs/" + id + "/seats/1";
  ASSERT_EQ(Await(id, true)["waiting_for"], 1);
  Json view = Get(seat).json;
  EXPECT_TRUE(view["your_turn"].get<bool>());
  EXPECT_EQ(view["name"], "seller");
  EXPECT_DOUBLE_EQ(view["reservation_value"].get<double>(), 0.2);
  // The seller's best outcome is (high, one): 0.7 + 0.3.
  EXPECT_EQ(view["best"]["outcome"], Json::array({"high", "one"}));
  // Boulware opens with the buyer's best, (low, two), worth 0.0 to the seller; the seat shows the
  // seller's own utility of it and nothing of the buyer's.
  EXPECT_EQ(view["offer"]["outcome"], Json::array({"low", "two"}));
  EXPECT_DOUBLE_EQ(view["offer"]["utility"].get<double>(), 0.0);
  EXPECT_EQ(view.dump().find("utilities"), std::string::npos);
  const Answer utility = Post(seat + "/utility", {{"outcome", {"mid", "one"}}});
  EXPECT_NEAR(utility.json["utility"].get<double>(), 0.65, 1e-12);
  ExpectError(Post(seat, {{"action", "offer"}, {"outcome", {"cheap", "one"}}}), 400, "issue 'price'");
  ExpectError(Post(seat, {{"action", "dance"}}), 400, "\"action\"");
  // The person offers (mid, two), worth 0.76 to the buyer, then accepts whatever the buyer offers.
  const Answer offered = Post(seat, {{"action", "offer"}, {"outcome", {"mid", "two"}}});
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_FALSE(offered.json["your_turn"].get<bool>());
  Json state = Await(id, true);
  while (state["state"] != "done") {
    ASSERT_EQ(Post(seat, {{"action", "accept"}}).status, 200);
    state = Await(id, true);
  }
  ASSERT_TRUE(state["result"]["agreement"].get<bool>()) << state.dump();
  view = Get(seat).json;
  ASSERT_FALSE(view["result"].is_null());
  // The agreement's utility for the seller, from the numbers at the top of this file.
  const Json outcome = view["result"]["agreement"];
  double seller = 0;
  for (const auto& point : SmallOutcomes(0.6)) {
    if (Json::array({point.price, point.days}) == outcome) seller = point.seller;
  }
  EXPECT_NEAR(view["result"]["undiscounted_utility"].get<double>(), seller, 1e-12);
  EXPECT_NEAR(state["result"]["undiscounted_utilities"]["seller"].get<double>(), seller, 1e-12);
  ExpectError(Post(seat, {{"action", "accept"}}), 409, "has ended");
}

TEST_F(StudioApi, StopEndsARunThatWaitsForAPerson) {
  // Two people: the second waits while the first has the first move.
  const Answer started =
      Post("/api/runs", {{"source", "small.json"}, {"negotiators", {"human", "human"}}, {"rounds", 20}});
  ASSERT_EQ(started.status, 200);
  const std::string id = started.json["id"];
  EXPECT_EQ(started.json["seats"].size(), 2u);
  EXPECT_EQ(Await(id, true)["waiting_for"], 0);
  ExpectError(Get("/api/runs/" + id + "/report"), 409, "still running");
  ExpectError(Post("/api/runs/" + id + "/seats/0", {{"action", "accept"}}), 409, "no offer on the table");
  ExpectError(Post("/api/runs/" + id + "/seats/1", {{"action", "end"}}), 409, "not this seat's turn");
  EXPECT_FALSE(Get("/api/runs/" + id + "/seats/1").json["your_turn"].get<bool>());
  EXPECT_EQ(Post("/api/runs/" + id + "/stop", Json::object()).status, 200);
  const Json state = Await(id);
  EXPECT_EQ(state["result"]["end_reason"], "stopped") << state.dump();
}

TEST_F(StudioApi, KeepsAtMostMaxRunsAndForgetsTheOldestFinished) {
  StudioOptions two;
  two.max_runs = 2;
  Start(two);
  const Json waiting = {{"source", "small.json"}, {"negotiators", {"human", "boulware"}}, {"rounds", 5}};
  const std::string first = Post("/api/runs", waiting).json["id"];
  const std::string second = Post("/api/runs", waiting).json["id"];
  ExpectError(Post("/api/runs", waiting), 429, "--max-runs");
  Post("/api/runs/" + first + "/stop", Json::object());
  Await(first);
  const Answer third = Post("/api/runs", waiting);
  ASSERT_EQ(third.status, 200) << third.body;
  ExpectError(Get("/api/runs/" + first), 404, "forgotten");
  EXPECT_EQ(Get("/api/runs/" + second).status, 200);
}

TEST_F(StudioApi, ATournamentShowsItsRankingAndReport) {
  const Answer started = Post(
      "/api/tournaments", {{"negotiators", {"boulware", "conceder"}}, {"scenarios", {"small.json"}}, {"rounds", 30}});
  ASSERT_EQ(started.status, 200) << started.body;
  const std::string id = started.json["id"];
  Json state;
  for (int i = 0; i < 2000; ++i) {
    state = Get("/api/tournaments/" + id).json;
    if (state["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(state["state"], "done") << state.dump();
  // Two negotiators in two roles with self-play: 2 x 2 assignments of one scenario.
  EXPECT_EQ(state["total"], 4);
  EXPECT_EQ(state["done"], 4);
  ASSERT_EQ(state["ranking"].size(), 2u);
  EXPECT_EQ(state["ranking"][0]["negotiations"].get<int>() + state["ranking"][1]["negotiations"].get<int>(), 8);
  const Answer report = Get("/api/tournaments/" + id + "/report");
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("boulware"), std::string::npos);
  ExpectError(Post("/api/tournaments", {{"negotiators", {"human", "boulware"}}, {"scenarios", {"small.json"}}}), 400,
              "needs a person");
  ExpectError(Post("/api/tournaments", {{"negotiators", {"boulware"}}, {"scenarios", {"*.json"}}}), 400, "no patterns");
  ExpectError(
      Post("/api/tournaments", {{"negotiators", {"boulware"}}, {"scenarios", {(outside_ / "secret.json").string()}}}),
      403, "outside");
  ExpectError(Post("/api/tournaments", {{"negotiators", {"boulware"}}, {"scenarios", Json::array()}}), 400,
              "at least one");
  ExpectError(Get("/api/tournaments/" + id + "/nothing"), 404, "no such endpoint");
  ExpectError(Get("/api/runs/" + id), 404, "a tournament");
}

TEST(Studio, RefusesAShortTokenAndAMissingRoot) {
  StudioOptions options;
  options.token = "short";
  EXPECT_THROW(Studio{options}, UsageError);
  options.token = kToken;
  options.roots = {"/no/such/folder"};
  EXPECT_THROW(Studio{options}, UsageError);
}

TEST(Studio, RandomTokensDiffer) {
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace parley::studio
