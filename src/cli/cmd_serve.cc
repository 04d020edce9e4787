// bengal serve: build in memory, serve over HTTP, rebuild and live-reload on change.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/command.h"
#include "cli/reporter.h"
#include "core/term.h"
#include "server/dev_server.h"

extern char** environ;

namespace bengal::cli {
namespace {

struct Options {
  server::ServeOptions serve;
  bool port_given = false;
  bool open = false;
  bool no_reload = false;
  bool quiet = false;
  bool verbose = false;
};

std::string clock_now() {
  std::time_t t = std::time(nullptr);
  struct tm tm;
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return with_commas(n) + " " + (n == 1 ? one : many);
}

// "content/a.md", "content/a.md and 2 more files"
std::string describe_inputs(const server::BuildReport& r) {
  if (r.overflow && r.inputs.empty()) return "files changed (events were lost; rebuilt everything)";
  if (r.inputs.empty()) return "rebuild";
  std::string out = r.inputs.front();
  if (r.inputs.size() > 1) out += " and " + plural(r.inputs.size() - 1, "more file", "more files");
  return out + " changed";
}

std::string describe_change(const server::SiteChange& c) {
  if (c.empty()) return "no output changed";
  if (c.subresources) return "reloading every page";
  std::string out;
  if (!c.pages.empty()) out += "reloading " + plural(c.pages.size(), "page", "pages");
  if (!c.stylesheets.empty()) {
    if (!out.empty()) out += ", ";
    out += "swapping " + plural(c.stylesheets.size(), "stylesheet", "stylesheets");
  }
  return out.empty() ? "no page affected" : out;
}

class Printer {
 public:
  Printer(Verbosity v, bool color) : v_(v), color_(color), p_(color) {}

  void report(const server::BuildReport& r) {
    std::lock_guard lock(mu_);
    const build::BuildResult& res = r.result;
    print_diagnostics(res.diagnostics, v_, color_);
    if (v_ == Verbosity::kQuiet) return;
    if (r.initial) {
      if (res.failed()) {
        std::fprintf(stderr,
                     "%sBuild failed%s: %s; serving what was built. Fix and save to rebuild.\n",
                     std::string(p_.red()).c_str(), std::string(p_.reset()).c_str(),
                     plural(res.stats.errors, "error", "errors").c_str());
      } else {
        std::fprintf(
            stderr,
            "%sBuilt%s %s in %.0f ms (kept in memory; nothing is written to the output folder)\n",
            std::string(p_.green()).c_str(), std::string(p_.reset()).c_str(),
            plural(res.stats.pages, "page", "pages").c_str(), r.build_ms);
      }
      return;
    }
    std::string when = std::string(p_.dim()) + clock_now() + std::string(p_.reset());
    if (!r.published) {
      std::fprintf(stderr, "%s %s: %sbuild failed%s (%s); still serving the last good build\n",
                   when.c_str(), describe_inputs(r).c_str(), std::string(p_.red()).c_str(),
                   std::string(p_.reset()).c_str(),
                   plural(res.stats.errors, "error", "errors").c_str());
      return;
    }
    std::fprintf(stderr, "%s %s: rebuilt in %.0f ms, %s\n", when.c_str(),
                 describe_inputs(r).c_str(), r.build_ms, describe_change(r.change).c_str());
    if (v_ == Verbosity::kVerbose) {
      for (const std::string& u : r.change.pages) std::fprintf(stderr, "  reload %s\n", u.c_str());
      for (const std::string& u : r.change.stylesheets)
        std::fprintf(stderr, "  swap   %s\n", u.c_str());
    }
  }

 private:
  Verbosity v_;
  bool color_;
  Palette p_;
  std::mutex mu_;
};

void open_browser(const std::string& url) {
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc =
      posix_spawnp(&pid, "xdg-open", &actions, nullptr, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::fprintf(stderr, "note: could not start a browser (xdg-open: %s); open %s yourself\n",
                 std::strerror(rc), url.c_str());
    return;
  }
  std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
}

int run(Options& o) {
  Verbosity v = o.quiet ? Verbosity::kQuiet : o.verbose ? Verbosity::kVerbose : Verbosity::kNormal;
  bool color = color_enabled_for(stderr);
  Palette p(color);
  o.serve.build.env = config::process_environment();
  o.serve.live_reload = !o.no_reload;
  // Without --port, a taken default port moves on to the next free one.
  o.serve.port_attempts = o.port_given ? 1 : 20;

  // Signals are taken by sigwait() below; block them before any thread starts
  // so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto printer = std::make_shared<Printer>(v, color);
  server::DevServer server(o.serve);
  server.on_build([printer](const server::BuildReport& r) { printer->report(r); });
  Status started = server.start();
  if (!started.ok()) {
    std::fprintf(stderr, "%s", format_diagnostic(started.error(), DiagnosticStyle{color}).c_str());
    return kExitFailure;
  }
  if (!o.port_given && server.port() != o.serve.port) {
    std::fprintf(stderr,
                 "note: port %d is in use; serving on port %d instead (choose one with --port)\n",
                 o.serve.port, server.port());
  }
  if (!server::is_loopback_host(o.serve.host)) {
    std::fprintf(
        stderr,
        "%swarning%s: listening on %s: anyone who can reach this machine can read the site, drafts "
        "included\n",
        std::string(p.yellow()).c_str(), std::string(p.reset()).c_str(), o.serve.host.c_str());
  }
  if (std::string notice = server.watch_notice(); !notice.empty()) {
    std::fprintf(stderr, "note: %s\n", notice.c_str());
  }
  if (v != Verbosity::kQuiet) {
    std::fprintf(
        stderr, "Serving %s at %s%s%s\n  live reload %s, watching with %s. Press Ctrl+C to stop.\n",
        server.source_dir().c_str(), std::string(p.bold()).c_str(), server.url().c_str(),
        std::string(p.reset()).c_str(), o.no_reload ? "off" : "on", server.watch_mode().c_str());
  }
  if (o.open) open_browser(server.url());

  int sig = 0;
  sigwait(&stop_signals, &sig);
  if (v != Verbosity::kQuiet) std::fprintf(stderr, "\nStopping.\n");
  server.stop();
  return kExitOk;
}

CommandAction setup(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "serve", "Build the site in memory, serve it and live-reload on every change");
  cmd->add_option("-s,--source", o->serve.build.source_dir,
                  "Site folder (holds bengal.toml and content/)")
      ->capture_default_str();
  cmd->add_option("-p,--port", o->serve.port, "Port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", o->serve.host, "Address to listen on (0.0.0.0: every interface)")
      ->capture_default_str();
  cmd->add_flag("-D,--drafts", o->serve.build.drafts, "Include pages marked draft: true");
  cmd->add_flag("-F,--future", o->serve.build.future, "Include pages dated in the future");
  cmd->add_option("-j,--jobs", o->serve.build.jobs,
                  "Worker threads for builds (default: every core)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("-b,--base-url", o->serve.build.base_url,
                  "Override base_url (default: / so links work anywhere)");
  cmd->add_flag("--open", o->open, "Open the site in a browser");
  cmd->add_flag("--poll", o->serve.force_polling,
                "Watch by polling instead of inotify (network drives, containers)");
  cmd->add_flag("--no-reload", o->no_reload, "Do not inject the live-reload script");
  auto* quiet = cmd->add_flag("-q,--quiet", o->quiet, "Print errors only");
  cmd->add_flag("-v,--verbose", o->verbose, "Print every diagnostic and each reloaded URL")
      ->excludes(quiet);
  cmd->footer(
      "Nothing is written to disk: the output and the build cache stay in memory.\n"
      "\nExamples:\n"
      "  bengal serve                      serve ./ at http://127.0.0.1:5173/\n"
      "  bengal serve -s docs --drafts     serve the site in docs/, drafts included\n"
      "  bengal serve --port 8080 --open   choose the port and open a browser\n"
      "  bengal serve --bind 0.0.0.0       let other machines (phones, tablets) see it\n"
      "\nExit status: 0 stopped with Ctrl+C, 1 could not start (port taken, no site), 2 bad "
      "command line.");
  return [o, cmd] {
    o->port_given = cmd->count("--port") > 0;
    return run(*o);
  };
}

const CommandRegistration kRegistration("serve", 15, &setup);

}  // namespace
}  // namespace bengal::cli
