#include "server/reload_hub.h"

#include <algorithm>
#include <random>
#include <set>

#include "core/hash.h"
#include "core/text.h"

namespace bengal::server {

namespace {

constexpr std::size_t kLogLimit = 256;

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    append_json_escaped(out, items[i]);
    out += '"';
  }
  out += ']';
}

std::string frame(std::string_view event, std::string_view data) {
  std::string out = "event: ";
  out += event;
  out += "\ndata: ";
  out += data;  // JSON from this file never contains a raw newline
  out += "\n\n";
  return out;
}

std::string random_instance() {
  std::random_device rd;
  Hasher h;
  h.add((static_cast<std::uint64_t>(rd()) << 32) | rd());
  h.add(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  return h.digest().short_hex(12);
}

SiteChange reload_everything() {
  SiteChange c;
  c.subresources = true;
  c.changed = 1;
  return c;
}

}  // namespace

struct ReloadHub::Client {
  std::uint64_t cursor = 0;  // next log seq to send
  std::string pending;       // hello + catch-up, sent first
  bool closed = false;
};

std::string change_event_json(std::uint64_t gen, const SiteChange& change) {
  std::string out = "{\"gen\":" + std::to_string(gen) + ",\"reload\":";
  append_string_array(out, change.pages);
  out += ",\"css\":";
  append_string_array(out, change.stylesheets);
  out += ",\"moved\":[";
  for (std::size_t i = 0; i < change.moved_stylesheets.size(); ++i) {
    if (i) out += ',';
    out += "{\"from\":\"";
    append_json_escaped(out, change.moved_stylesheets[i].from);
    out += "\",\"to\":\"";
    append_json_escaped(out, change.moved_stylesheets[i].to);
    out += "\"}";
  }
  out += "],\"all\":";
  out += change.subresources ? "true" : "false";
  out += '}';
  return out;
}

std::string failure_event_json(std::uint64_t gen, const DiagnosticList& diagnostics,
                               std::size_t max_shown) {
  std::vector<const Diagnostic*> shown;
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.is_error()) shown.push_back(&d);
  }
  for (const Diagnostic& d : diagnostics.items()) {
    if (!d.is_error()) shown.push_back(&d);
  }
  if (shown.size() > max_shown) shown.resize(max_shown);
  std::string out = "{\"gen\":" + std::to_string(gen) +
                    ",\"errors\":" + std::to_string(diagnostics.error_count()) +
                    ",\"warnings\":" + std::to_string(diagnostics.warning_count()) +
                    ",\"diagnostics\":[";
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const Diagnostic& d = *shown[i];
    if (i) out += ',';
    out += "{\"severity\":\"";
    out += d.is_error() ? "error" : "warning";
    out += "\",\"file\":\"";
    append_json_escaped(out, d.location.file);
    out += "\",\"line\":" + std::to_string(d.location.line) +
           ",\"column\":" + std::to_string(d.location.column);
    out += ",\"message\":\"";
    append_json_escaped(out, d.message);
    out += "\",\"hint\":\"";
    append_json_escaped(out, d.hint);
    out += "\",\"excerpt\":\"";
    append_json_escaped(out, d.excerpt);
    out += "\"}";
  }
  out += "]}";
  return out;
}

ReloadHub::ReloadHub(ReloadHubOptions options) : options_(std::move(options)) {
  if (options_.instance.empty()) options_.instance = random_instance();
}

ReloadHub::~ReloadHub() {
  stop();
}

std::uint64_t ReloadHub::generation() const {
  std::lock_guard lock(mu_);
  return gen_;
}

std::size_t ReloadHub::client_count() const {
  std::lock_guard lock(mu_);
  return clients_;
}

void ReloadHub::push_locked(std::string text) {
  log_.push_back(Event{next_seq_++, std::move(text)});
  while (log_.size() > kLogLimit) log_.pop_front();
  cv_.notify_all();
}

void ReloadHub::announce_change(std::uint64_t gen, const SiteChange& change) {
  std::lock_guard lock(mu_);
  gen_ = gen;
  failure_.clear();
  history_.push_back(HistoryEntry{gen, change});
  while (history_.size() > options_.history) history_.pop_front();
  push_locked(frame("change", change_event_json(gen, change)));
}

void ReloadHub::announce_failure(const DiagnosticList& diagnostics, std::size_t max_shown) {
  std::lock_guard lock(mu_);
  failure_ = frame("failed", failure_event_json(gen_, diagnostics, max_shown));
  push_locked(failure_);
}

std::string ReloadHub::catch_up_locked(std::uint64_t since, std::string_view instance) const {
  std::string out;
  bool other_server = !instance.empty() && instance != options_.instance;
  if (other_server) {
    out += frame("change", change_event_json(gen_, reload_everything()));
  } else if (since != 0 && since < gen_) {
    if (history_.empty() || history_.front().gen > since + 1) {
      out += frame("change", change_event_json(gen_, reload_everything()));
    } else {
      SiteChange merged;
      std::set<std::string> pages, css;
      for (const HistoryEntry& h : history_) {
        if (h.gen <= since) continue;
        pages.insert(h.change.pages.begin(), h.change.pages.end());
        css.insert(h.change.stylesheets.begin(), h.change.stylesheets.end());
        // Moves chain (a -> b, then b -> c): keep their order.
        merged.moved_stylesheets.insert(merged.moved_stylesheets.end(),
                                        h.change.moved_stylesheets.begin(),
                                        h.change.moved_stylesheets.end());
        merged.subresources = merged.subresources || h.change.subresources;
      }
      merged.pages.assign(pages.begin(), pages.end());
      merged.stylesheets.assign(css.begin(), css.end());
      out += frame("change", change_event_json(gen_, merged));
    }
  }
  out += failure_;
  return out;
}

std::shared_ptr<ReloadHub::Client> ReloadHub::connect(std::uint64_t since,
                                                      std::string_view instance) {
  std::lock_guard lock(mu_);
  if (stopped_ || clients_ >= options_.max_clients) return nullptr;
  auto client = std::make_shared<Client>();
  client->cursor = next_seq_;
  // retry: how long a browser waits before reconnecting after the stream drops.
  client->pending = "retry: 1000\n" +
                    frame("hello", "{\"gen\":" + std::to_string(gen_) + ",\"instance\":\"" +
                                       options_.instance + "\"}") +
                    catch_up_locked(since, instance);
  ++clients_;
  return client;
}

bool ReloadHub::next(Client& client, std::string& out) {
  std::unique_lock lock(mu_);
  if (!client.pending.empty()) {
    out += client.pending;
    client.pending.clear();
    return !stopped_ && !client.closed;
  }
  auto deadline = std::chrono::steady_clock::now() + options_.ping;
  while (true) {
    if (stopped_ || client.closed) return false;
    if (!log_.empty() && log_.back().seq >= client.cursor) {
      if (log_.front().seq > client.cursor) {
        out += frame("change", change_event_json(gen_, reload_everything()));
        out += failure_;
      } else {
        for (const Event& e : log_) {
          if (e.seq >= client.cursor) out += e.text;
        }
      }
      client.cursor = next_seq_;
      return true;
    }
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout) {
      if (stopped_ || client.closed) return false;
      out += ": ping\n\n";
      return true;
    }
  }
}

void ReloadHub::disconnect(Client& client) {
  std::lock_guard lock(mu_);
  if (client.closed) return;
  client.closed = true;
  --clients_;
  cv_.notify_all();
}

void ReloadHub::stop() {
  std::lock_guard lock(mu_);
  stopped_ = true;
  cv_.notify_all();
}

}  // namespace bengal::server
