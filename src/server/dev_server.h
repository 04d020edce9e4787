// DevServer: `bengal serve` as a library. Builds the site once, keeps its
// outputs in memory, serves them over HTTP, and rebuilds when files change.
//
// A rebuild is build::build_site() — the very entry point `bengal build`
// uses — run on an OverlayFileSystem that reads the site from disk and keeps
// the output dir in memory. Its build cache stays resident in a
// build::BuildState, so a rebuild plans from the last build's records without
// reading or writing cache.bin, with the same planner as `bengal build`.
//
// A build during which the watcher saw further changes (or a file still being
// written) may have read a file halfway through, so it is not published: the
// next batch builds again (at most kMaxBuildsPerBatch times in a row, then
// the last build is published anyway so a constantly changing tree still
// updates).
//
// After each build the outputs the overlay saw change are published as a new
// immutable PublishedSite generation (one pointer swap; see
// published_site.h) and the reload hub tells browsers which pages to reload
// or which stylesheets to swap. A failed build publishes nothing: the last
// good site stays up and browsers show the diagnostics in an overlay until a
// build succeeds. (The very first build is published even when it has
// errors, so there is something to look at.)
//
// Threads: start() runs the first build on the caller's thread; afterwards one
// rebuild thread waits on the watcher and builds, and the HTTP pool answers
// requests from the published site without ever waiting for a build.
//
// Thread-safety: start() and stop() from the owning thread (stop() is also
// safe from another thread once start() returned); the accessors from any
// thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "build/build.h"
#include "core/fs.h"
#include "core/result.h"
#include "server/http_server.h"
#include "server/overlay_fs.h"
#include "server/published_site.h"
#include "server/reload_hub.h"
#include "server/watcher.h"

namespace bengal::server {

inline constexpr int kMaxBuildsPerBatch = 4;

struct ServeOptions {
  // What to build. source_dir is made absolute; base_url defaults to "/" so
  // links work whatever address the browser uses.
  build::BuildOptions build;
  std::string host = "127.0.0.1";
  int port = 5173;        // 0: any free port
  int port_attempts = 1;  // >1: when the port is taken, try the next ones
  bool live_reload = true;
  unsigned request_threads = 32;
  unsigned max_reload_clients = 64;
  std::chrono::milliseconds ping{1000};
  // Watching.
  bool force_polling = false;
  std::chrono::milliseconds settle{10};
  std::chrono::milliseconds settle_after_close{2};
  std::chrono::milliseconds poll_interval{250};
  std::size_t watch_limit = 0;  // test hook, see WatchOptions
};

// One finished build, as the rebuild loop saw it.
struct BuildReport {
  std::uint64_t generation = 0;     // the generation served after this build
  bool initial = false;             // the build start() ran
  bool published = false;           // false: failed, the previous site stays up
  std::vector<std::string> inputs;  // changed files that caused it, relative to the site root
  bool overflow = false;            // the watcher lost events; everything was considered
  build::BuildResult result;
  SiteChange change;      // what the published generation changed (empty if not published)
  int builds = 1;         // build_site() runs (more than one when files changed during a build)
  double build_ms = 0;    // build_site(), all runs
  double publish_ms = 0;  // diff + pointer swap + announcement
  std::chrono::steady_clock::time_point first_event{};  // when the watcher saw the first change
};

class DevServer {
 public:
  using BuildListener = std::function<void(const BuildReport&)>;

  explicit DevServer(ServeOptions options);
  ~DevServer();
  DevServer(const DevServer&) = delete;
  DevServer& operator=(const DevServer&) = delete;

  // Called on the building thread after every build, the first included.
  // Set before start().
  void on_build(BuildListener listener) { listener_ = std::move(listener); }

  // Binds the port (trying further ones if allowed), runs the first build,
  // then serves and watches in the background. Errors: the site folder is
  // missing, the port is taken (code "port-in-use"), the address is invalid.
  Status start();
  // Stops watching, ends the reload streams, stops the HTTP server and joins
  // every thread. Idempotent.
  void stop();

  int port() const { return port_; }
  const std::string& host() const { return options_.host; }
  std::string url() const;  // "http://127.0.0.1:5173/"
  const std::string& source_dir() const { return options_.build.source_dir; }
  std::string watch_mode() const;
  std::string watch_notice() const;

  std::shared_ptr<const PublishedSite> site() const;
  std::uint64_t generation() const;
  const ReloadHub& hub() const { return hub_; }

 private:
  struct Dirs {
    std::string output;
    std::string cache;
    bool operator==(const Dirs&) const = default;
  };
  Dirs site_dirs() const;
  std::unique_ptr<Watcher> make_site_watcher(const Dirs& dirs) const;
  // Builds for `batch` (null: the first build) and publishes, unless files
  // changed meanwhile (then the next batch builds again).
  void rebuild(const ChangeBatch* batch);
  void rebuild_loop();

  ServeOptions options_;
  RealFileSystem disk_;
  OverlayFileSystem overlay_;
  ReloadHub hub_;
  std::unique_ptr<HttpServer> http_;
  int port_ = 0;
  BuildListener listener_;

  // Owned by the rebuild thread (and by start() before it exists).
  Dirs dirs_;
  std::string published_output_;   // the output dir the published site came from
  std::set<std::string> pending_;  // outputs touched by builds not yet published
  struct Unpublished {             // batches built but not yet published
    std::set<std::string> inputs;
    bool overflow = false;
    std::chrono::steady_clock::time_point first_event{};
    int builds = 0;
    double build_ms = 0;
  } unpublished_;
  // The build cache stays resident between rebuilds (no cache.bin is read
  // or written); what a build leaves behind is freed after publishing.
  build::BuildState build_state_;
  std::unique_ptr<Watcher> watcher_;
  mutable std::mutex watcher_mu_;  // guards watcher_ replacement against stop() and accessors

  mutable std::mutex site_mu_;
  std::shared_ptr<const PublishedSite> site_;

  std::atomic<bool> stopping_{false};
  std::thread rebuild_thread_;
  bool started_ = false;
};

}  // namespace bengal::server
