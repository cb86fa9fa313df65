// `parley serve`: Parley Studio on this machine (docs/studio.md). cpp-httplib listens and hands
// every request to studio::Studio, which knows nothing of HTTP libraries; this file only
// translates, binds the port, prints the address and stops cleanly on Ctrl-C.
#include <spawn.h>
#include <sys/wait.h>
#include <csignal>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <httplib.h>

#include "cli/commands.h"
#include "cli/version_text.h"
#include "parley/error.h"
#include "studio/studio.h"

extern char** environ;

namespace parley::cli {
namespace {

// Threads answering requests: each open connection holds one while it is kept alive, and pages
// poll, so there are many more than cores (they mostly wait).
constexpr std::size_t kRequestThreads = 128;

struct ServeOptions {
  int port = 8080;
  std::string host = "127.0.0.1";
  std::vector<std::string> roots;
  bool open = false;
  std::string token;
  std::uint64_t max_request_kb = studio::StudioOptions{}.max_request_bytes >> 10;
  studio::StudioOptions studio;
};

studio::HttpRequest Translate(const httplib::Request& request) {
  studio::HttpRequest translated;
  translated.method = request.method;
  translated.path = request.path;
  for (const auto& [name, value] : request.params) translated.query.emplace(name, value);
  translated.token = request.get_header_value("X-Parley-Token");
  if (translated.token.empty()) translated.token = request.get_param_value("token");
  translated.body = request.body;
  return translated;
}

void OpenInBrowser(const std::string& url) {
  pid_t child = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  if (posix_spawnp(&child, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0) {
    fmt::print(stderr, "parley serve: could not run xdg-open; open the address above in a browser\n");
    return;
  }
  // Reaped on a thread of its own: xdg-open may wait for the browser.
  std::thread([child] { waitpid(child, nullptr, 0); }).detach();
}

void Serve(ServeOptions& cli) {
  cli.studio.roots.assign(cli.roots.begin(), cli.roots.end());
  cli.studio.token = cli.token.empty() ? studio::RandomToken() : cli.token;
  cli.studio.max_request_bytes = cli.max_request_kb << 10;
  cli.studio.version = std::string(kVersionText);
  studio::Studio studio(cli.studio);

  // Ctrl-C and SIGTERM stop the server from a thread that waits for them, so that the studio's
  // negotiations end and its threads are joined before the program exits.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kRequestThreads); };
  server.set_payload_max_length(cli.studio.max_request_bytes);
  server.set_keep_alive_timeout(2);
  auto handle = [&studio](const httplib::Request& request, httplib::Response& response) {
    const studio::HttpResponse answer = studio.Handle(Translate(request));
    response.status = answer.status;
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    if (answer.content_type.starts_with("text/html")) {
      // The page's own script and styles only, and requests only to this server; reports need
      // nothing at all.
      response.set_header("Content-Security-Policy",
                          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                          "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'");
    }
    response.set_content(answer.body, answer.content_type.c_str());
  };
  // Every method reaches the studio, which answers those it does not take with 405.
  server.Get(".*", handle);
  server.Post(".*", handle);
  server.Put(".*", handle);
  server.Delete(".*", handle);
  server.Patch(".*", handle);
  server.Options(".*", handle);
  // What cpp-httplib answers itself (a body over the limit, a malformed request) is JSON too.
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    const std::string what = response.status == 413
                                 ? "request body larger than the limit (--max-request-kb)"
                                 : fmt::format("malformed request (HTTP status {})", response.status);
    response.set_content(fmt::format("{{\"error\": \"{}\"}}", what), "application/json");
  });

  errno = 0;
  const bool bound =
      cli.port == 0 ? (cli.port = server.bind_to_any_port(cli.host)) > 0 : server.bind_to_port(cli.host, cli.port);
  if (!bound) {
    const int error = errno;
    throw UsageError(fmt::format("cannot listen on port {} of {}: {} (choose another with --port)", cli.port, cli.host,
                                 error ? std::strerror(error) : "the address is not available"));
  }
  const std::string host = cli.host.find(':') != std::string::npos ? "[" + cli.host + "]" : cli.host;
  const std::string url = fmt::format("http://{}:{}/?token={}", host, cli.port, cli.studio.token);
  fmt::print("Parley Studio: {}   (Ctrl-C stops it)\n", url);
  std::fflush(stdout);
  if (cli.open) OpenInBrowser(url);

  std::thread stopper([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
  server.listen_after_bind();
  // Stopped by a signal, the waiting thread has returned; stopped otherwise, it still waits.
  if (server.is_running()) server.stop();
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto cli = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand(
      "serve", "Run Parley Studio, the negotiation workbench in the browser, on this machine (docs/studio.md).");
  serve->add_option("--port", cli->port, "TCP port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->add_option("--host", cli->host, "Address to listen on (anything but loopback exposes the studio)")
      ->capture_default_str();
  serve
      ->add_option("--root", cli->roots,
                   "Folder whose scenarios the studio may open and where it may save (repeatable)")
      ->check(CLI::ExistingDirectory);
  serve->add_flag("--open", cli->open, "Open the studio in the default browser");
  serve->add_option("--token", cli->token, "Access token (at least 16 characters); default: 128 random bits");
  serve->add_option("--max-request-kb", cli->max_request_kb, "Largest request body accepted, in KiB")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  serve->add_option("--max-runs", cli->studio.max_runs, "Negotiations and tournaments kept at once")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  serve
      ->add_option("--run-seconds", cli->studio.run_seconds,
                   "Wall-clock budget of a negotiation between agents, and of a tournament's each negotiation")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  serve
      ->add_option("--seat-minutes", cli->studio.seat_minutes,
                   "How long a person's seat waits for a move before walking away")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  serve->callback([cli] { Serve(*cli); });
}

}  // namespace parley::cli
