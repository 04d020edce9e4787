#include "server/dev_server.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "config/config.h"
#include "core/text.h"
#include "core/timer.h"

namespace bengal::server {

namespace {

std::string normalized(const std::string& path) {
  std::string out;
  return OverlayFileSystem::normalize(path, out) ? out : path;
}

}  // namespace

DevServer::DevServer(ServeOptions options)
    : options_(std::move(options)),
      overlay_(disk_, {}),
      hub_(ReloadHubOptions{options_.max_reload_clients, options_.ping, 64, ""}) {}

DevServer::~DevServer() {
  stop();
}

std::string DevServer::url() const {
  std::string host = options_.host;
  if (host == "0.0.0.0" || host == "::" || host.empty()) host = "localhost";
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port_) + "/";
}

std::string DevServer::watch_mode() const {
  std::lock_guard lock(watcher_mu_);
  return watcher_ ? std::string(watcher_->mode()) : std::string();
}

std::string DevServer::watch_notice() const {
  std::lock_guard lock(watcher_mu_);
  return watcher_ ? watcher_->notice() : std::string();
}

std::shared_ptr<const PublishedSite> DevServer::site() const {
  std::lock_guard lock(site_mu_);
  return site_;
}

std::uint64_t DevServer::generation() const {
  auto s = site();
  return s ? s->generation() : 0;
}

DevServer::Dirs DevServer::site_dirs() const {
  const std::string& root = options_.build.source_dir;
  // A broken bengal.toml still yields the defaults here; the build reports it.
  config::LoadResult loaded = config::load(disk_, root, options_.build.env);
  Dirs d;
  d.output =
      normalized(options_.build.output_dir.empty() ? join_path(root, loaded.config.output_dir)
                                                   : options_.build.output_dir);
  d.cache = normalized(join_path(root, loaded.config.cache_dir));
  return d;
}

std::unique_ptr<Watcher> DevServer::make_site_watcher(const Dirs& dirs) const {
  WatchOptions w;
  w.root = options_.build.source_dir;
  w.ignored_dirs = {dirs.output, dirs.cache};
  w.settle = options_.settle;
  w.settle_after_close = options_.settle_after_close;
  w.poll_interval = options_.poll_interval;
  w.force_polling = options_.force_polling;
  w.watch_limit = options_.watch_limit;
  return make_watcher(w);
}

Status DevServer::start() {
  if (started_) return Ok{};
  std::error_code ec;
  std::filesystem::path root =
      std::filesystem::absolute(options_.build.source_dir, ec).lexically_normal();
  std::string root_str = root.string();
  while (root_str.size() > 1 && root_str.back() == '/') root_str.pop_back();
  if (ec || !disk_.stat(root_str).is_dir) {
    return make_error({}, "site folder '" + options_.build.source_dir + "' does not exist");
  }
  options_.build.source_dir = root_str;
  if (options_.build.base_url.empty()) options_.build.base_url = "/";
  options_.build.state = &build_state_;
  options_.build.save_cache = false;

  // Bind before building, so a taken port is reported at once.
  int attempts = std::max(1, options_.port_attempts);
  for (int i = 0; i < attempts; ++i) {
    HttpOptions http;
    http.host = options_.host;
    http.port = options_.port == 0 ? 0 : options_.port + i;
    http.request_threads = options_.request_threads;
    http.live_reload = options_.live_reload;
    auto server = std::make_unique<HttpServer>([this] { return site(); }, hub_, http);
    Status bound = server->bind();
    if (bound.ok()) {
      http_ = std::move(server);
      port_ = http_->port();
      break;
    }
    bool taken = bound.error().code == "port-in-use";
    if (!taken || i + 1 == attempts) {
      Diagnostic d = std::move(bound).error();
      if (taken) {
        for (int p = http.port + 1; p < http.port + 100 && p < 65536; ++p) {
          if (probe_bind(options_.host, p) == 0) {
            d.hint =
                "stop the other server, or choose another port, e.g. --port " + std::to_string(p);
            break;
          }
        }
      }
      return d;
    }
  }

  dirs_ = site_dirs();
  overlay_.set_memory_roots({dirs_.output, dirs_.cache});
  {
    // Watch before the first build, so edits made while it runs are seen.
    std::lock_guard lock(watcher_mu_);
    watcher_ = make_site_watcher(dirs_);
  }
  rebuild(nullptr);
  http_->start();
  rebuild_thread_ = std::thread([this] { rebuild_loop(); });
  started_ = true;
  return Ok{};
}

void DevServer::stop() {
  stopping_.store(true);
  {
    std::lock_guard lock(watcher_mu_);
    if (watcher_) watcher_->stop();
  }
  if (rebuild_thread_.joinable()) rebuild_thread_.join();
  hub_.stop();  // ends the reload streams, which hold HTTP workers
  if (http_) http_->stop();
}

void DevServer::rebuild_loop() {
  const std::string config_file = join_path(options_.build.source_dir, "bengal.toml");
  while (!stopping_.load()) {
    Watcher* watcher;
    {
      std::lock_guard lock(watcher_mu_);
      watcher = watcher_.get();
    }
    // A build held back because a file was still being written is published
    // once things are quiet, even if no further event comes.
    bool held_back = unpublished_.builds > 0;
    std::optional<ChangeBatch> batch =
        watcher->wait(std::chrono::milliseconds(held_back ? 400 : 500));
    if (stopping_.load()) continue;
    if (!batch) {
      if (held_back) rebuild(nullptr);
      continue;
    }

    bool config_changed = batch->overflow || std::find(batch->paths.begin(), batch->paths.end(),
                                                       config_file) != batch->paths.end();
    if (config_changed) {
      // The output or cache dir may have moved: keep both in memory and
      // out of the watch.
      Dirs now = site_dirs();
      if (!(now == dirs_)) {
        dirs_ = now;
        overlay_.set_memory_roots({dirs_.output, dirs_.cache});
        auto fresh = make_site_watcher(dirs_);
        std::lock_guard lock(watcher_mu_);
        if (stopping_.load()) fresh->stop();
        watcher_ = std::move(fresh);
      }
    }
    rebuild(&*batch);
  }
}

void DevServer::rebuild(const ChangeBatch* batch) {
  const std::string& root = options_.build.source_dir;
  Unpublished& u = unpublished_;
  // What changed since the last build, relative to the site root.
  std::vector<std::string> changed;
  if (batch != nullptr) {
    for (const std::string& p : batch->paths) {
      changed.push_back(starts_with(p, root + "/") ? p.substr(root.size() + 1) : p);
    }
    u.inputs.insert(changed.begin(), changed.end());
    u.overflow = u.overflow || batch->overflow;
    if (u.builds == 0 || batch->first_event < u.first_event) u.first_event = batch->first_event;
  } else if (u.builds == 0) {
    u.first_event = std::chrono::steady_clock::now();
  }

  // Discovery need not walk the tree when it knows what changed (not after
  // lost events, nor for the first build).
  options_.build.changed = batch != nullptr && !batch->overflow ? &changed : nullptr;
  Stopwatch build_watch;
  build::BuildResult result = build::build_site(overlay_, options_.build);
  options_.build.changed = nullptr;
  u.build_ms += build_watch.elapsed_ms();
  ++u.builds;

  const std::string out_root =
      result.output_dir.empty() ? dirs_.output : normalized(result.output_dir);
  for (std::string& path : overlay_.take_changes(out_root)) pending_.insert(std::move(path));
  std::shared_ptr<const PublishedSite> current = site();
  if (current && published_output_ != out_root) {
    // The output dir moved: every file, old and new, counts as touched.
    for (auto& [path, bytes] : overlay_.files(out_root)) pending_.insert(path);
    for (std::string& path : current->paths()) pending_.insert(std::move(path));
  }
  // Files changed while it ran: what it read may be torn (a file truncated
  // but not yet rewritten). Build again with the next batch instead.
  if (current && u.builds < kMaxBuildsPerBatch && watcher_->pending()) return;

  BuildReport report;
  report.initial = !current;
  report.inputs.assign(u.inputs.begin(), u.inputs.end());
  report.overflow = u.overflow;
  report.first_event = u.first_event;
  report.builds = u.builds;
  report.build_ms = u.build_ms;
  report.result = std::move(result);
  unpublished_ = Unpublished{};

  Stopwatch publish_watch;
  if (!report.result.failed() || !current) {
    std::vector<std::string> touched(pending_.begin(), pending_.end());
    pending_.clear();
    std::uint64_t gen = (current ? current->generation() : 0) + 1;
    auto read = [&](const std::string& rel) {
      return overlay_.shared_bytes(join_path(out_root, rel));
    };
    auto next = publish(current.get(), gen, touched, read,
                        static_cast<std::int64_t>(std::time(nullptr)), report.change);
    {
      std::lock_guard lock(site_mu_);
      site_ = std::move(next);
    }
    published_output_ = out_root;
    report.published = true;
    report.generation = gen;
    hub_.announce_change(gen, report.change);
    if (report.result.failed()) hub_.announce_failure(report.result.diagnostics);
  } else {
    report.generation = current->generation();
    hub_.announce_failure(report.result.diagnostics);
  }
  report.publish_ms = publish_watch.elapsed_ms();
  if (listener_) listener_(report);
  build_state_.release();  // after the reload went out: freeing a big site takes a while
}

}  // namespace bengal::server
