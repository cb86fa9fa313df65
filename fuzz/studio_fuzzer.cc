// Fuzz target: Parley Studio's request handlers (src/studio/studio.h), which answer whatever a
// browser or a script on the machine sends. The input is a request: its first line is
// "METHOD TARGET" ("POST /api/analyze", "GET /api/runs/r1?since=3"), the rest its body; a first
// character '!' sends a wrong token. Every request must be answered, never with an internal error
// (500), with a status the API documents, JSON where JSON is promised, and an error message of
// one line. Negotiations and tournaments the inputs start run with small budgets, so they end
// while the fuzzer goes on; the studio holds at most four.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "parley/limits.h"
#include "studio/studio.h"

namespace {

using parley::studio::HttpRequest;
using parley::studio::HttpResponse;
using parley::studio::Studio;

constexpr const char* kToken = "fuzzing-token-0123456789";

// Two parties, two issues: what the seeds name as small.json under the root.
constexpr const char* kSmallScenario = R"({"format": "parley-scenario", "version": 1, "name": "small",
  "issues": [{"name": "price", "values": ["low", "mid", "high"]}, {"name": "days", "values": ["one", "two"]}],
  "parties": [
    {"name": "buyer", "reservation_value": 0.3, "utility": {"type": "linear-additive",
     "weights": {"price": 0.6, "days": 0.4}, "values": {"price": {"low": 1, "mid": 0.6, "high": 0}, "days": {"one": 0, "two": 1}}}},
    {"name": "seller", "reservation_value": 0.2, "utility": {"type": "linear-additive",
     "weights": {"price": 0.7, "days": 0.3}, "values": {"price": {"low": 0, "mid": 0.5, "high": 1}, "days": {"one": 1, "two": 0}}}}]})";

Studio& FuzzedStudio() {
  static std::unique_ptr<Studio> studio = [] {
    // Inputs may describe large spaces: keep each analysis quick.
    parley::ResourceLimits limits = parley::DefaultResourceLimits();
    limits.max_outcomes = 200'000;
    limits.max_cache_bytes = std::uint64_t{64} << 20;
    parley::SetDefaultResourceLimits(limits);
    const auto root = std::filesystem::temp_directory_path() / fmt::format("parley-studio-fuzz-{}", ::getpid());
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "folder");
    std::ofstream(root / "small.json") << kSmallScenario;
    parley::studio::StudioOptions options;
    options.roots = {root};
    options.token = kToken;
    options.max_runs = 4;
    options.run_seconds = 0.2;
    options.seat_minutes = 0.0005;  // 30 ms: a seat nobody plays walks away
    options.max_rounds = 200;
    options.max_tournament_negotiations = 8;
    options.max_request_bytes = 1 << 16;
    return std::make_unique<Studio>(options);
  }();
  return *studio;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using parley::fuzz::Require;
  std::string text = parley::fuzz::Text(data, size);
  HttpRequest request;
  request.token = kToken;
  if (!text.empty() && text[0] == '!') {
    request.token = "fuzzing-token-0123456788";
    text.erase(0, 1);
  }
  const std::size_t line_end = std::min(text.find('\n'), text.size());
  const std::string line = text.substr(0, line_end);
  request.body = line_end < text.size() ? text.substr(line_end + 1) : "";
  const std::size_t space = line.find(' ');
  request.method = line.substr(0, space);
  const std::string target = space == std::string::npos ? "/" : line.substr(space + 1);
  const std::size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) {
    for (const auto& pair : parley::fuzz::Split(target.substr(question + 1), '&')) {
      const std::size_t equals = pair.find('=');
      request.query[pair.substr(0, equals)] = equals == std::string::npos ? "" : pair.substr(equals + 1);
    }
  }
  const HttpResponse response = FuzzedStudio().Handle(request);
  static const std::set<int> kStatuses = {200, 400, 403, 404, 405, 409, 413, 429};
  Require(kStatuses.count(response.status) > 0,
          fmt::format("{} {} answered {}: {}", request.method, target, response.status, response.body));
  if (request.token != kToken) Require(response.status == 403, "a wrong token was not refused");
  if (response.content_type == "application/json") {
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    Require(!json.is_discarded(), fmt::format("{} {} answered JSON that does not parse", request.method, target));
    if (response.status != 200) {
      Require(json.is_object() && json.contains("error") && json["error"].is_string(),
              "an error answer without its message");
      Require(json["error"].get<std::string>().find('\n') == std::string::npos,
              fmt::format("an error message of more than one line: {}", json["error"].get<std::string>()));
    }
  } else {
    Require(response.status == 200 && response.content_type.starts_with("text/html"),
            fmt::format("{} {}: unexpected content type {}", request.method, target, response.content_type));
  }
  return 0;
}
