// Parley Studio's request handling: the JSON API and the page of docs/studio.md, independent of
// any HTTP library, so that the server (src/cli/serve_command.cc), the tests and the fuzz target
// call the same code. A Studio answers one request at a time per calling thread and many threads
// at once; negotiations and tournaments run on threads of their own and are polled.
//
// Thread safety: Handle() may be called from any number of threads. The destructor stops every
// negotiation and tournament and waits for their threads.
#ifndef PARLEY_STUDIO_STUDIO_H_
#define PARLEY_STUDIO_STUDIO_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace parley::studio {

struct HttpRequest {
  std::string method;                        // "GET", "POST", ...
  std::string path;                          // "/api/runs/r3", without the query
  std::map<std::string, std::string> query;  // decoded query parameters
  std::string token;                         // the X-Parley-Token header, else the query's token
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// The bounds and rights of one studio; the defaults are the `parley serve` defaults.
struct StudioOptions {
  // Folders whose scenarios may be read and where scenarios may be saved (canonical paths).
  std::vector<std::filesystem::path> roots;
  // Required by every request; at least 16 characters.
  std::string token;
  std::uint64_t max_request_bytes = std::uint64_t{8192} << 10;
  // Negotiations and tournaments kept at once, running or finished.
  std::size_t max_runs = 64;
  // Wall-clock budget of a negotiation without people, and of a tournament.
  double run_seconds = 60.0;
  // How long a seat waits for its person's move before walking away.
  double seat_minutes = 30.0;
  // The longest deadline in rounds a negotiation may have.
  std::uint64_t max_rounds = 100'000;
  // The most negotiations a tournament started from the studio may hold.
  std::uint64_t max_tournament_negotiations = 100'000;
  // What GET /api/info reports as the version.
  std::string version;
};

class Studio {
 public:
  // Throws UsageError for a token shorter than 16 characters or a root that is not a folder.
  explicit Studio(StudioOptions options);
  ~Studio();
  Studio(const Studio&) = delete;
  Studio& operator=(const Studio&) = delete;

  // Answers one request; never throws.
  HttpResponse Handle(const HttpRequest& request);

  const StudioOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// 128 random bits from the operating system, as 32 hexadecimal digits: an access token, which
// must not be reproducible, so it takes no seed.
std::string RandomToken();

}  // namespace parley::studio

#endif  // PARLEY_STUDIO_STUDIO_H_
