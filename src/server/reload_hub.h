// ReloadHub: the live-reload channel between the rebuild loop and browsers.
//
// Every served page opens a Server-Sent Events stream at /__bengal_reload__.
// The rebuild loop announces each outcome; the hub turns it into events:
//
//   event: hello    data: {"gen":7,"instance":"9f3a…"}          first, on connect
//   event: change   data: {"gen":8,"reload":["/a/"],"css":["/s.css"],
//                          "moved":[{"from":"/m.1f.css","to":"/m.2e.css"}],"all":false}
//   event: failed   data: {"gen":7,"errors":1,"warnings":0,"diagnostics":[…]}
//   : ping                                                      every ping interval
//
// `gen` counts successful builds. A page knows the generation it was served
// at and passes it when it connects (?since=G&instance=I): if the site moved
// on in between, the hub replays the changes it missed (or asks for a full
// reload when its short history no longer reaches back, or the server was
// restarted). A client that falls too far behind is told to reload
// everything.
//
// Each open stream holds one HTTP worker thread, so connect() refuses
// clients beyond `max_clients`; pings let the server notice closed tabs
// within one interval.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "server/published_site.h"

namespace bengal::server {

struct ReloadHubOptions {
  unsigned max_clients = 64;
  std::chrono::milliseconds ping{1000};
  std::size_t history = 64;  // generations remembered for late joiners
  std::string instance;      // identifies this server process; empty: random
};

class ReloadHub {
 public:
  struct Client;

  explicit ReloadHub(ReloadHubOptions options = {});
  ~ReloadHub();
  ReloadHub(const ReloadHub&) = delete;
  ReloadHub& operator=(const ReloadHub&) = delete;

  const std::string& instance() const { return options_.instance; }
  std::uint64_t generation() const;
  std::size_t client_count() const;

  // A successful build published generation `gen` (> every earlier one).
  void announce_change(std::uint64_t gen, const SiteChange& change);
  // A build failed; the site stays at the current generation. Only the first
  // `max_shown` diagnostics are sent (errors first).
  void announce_failure(const DiagnosticList& diagnostics, std::size_t max_shown = 20);

  // Registers a stream for a page served at generation `since` by server
  // `instance` (both may be empty/0 for "unknown"). Null when full or stopped.
  std::shared_ptr<Client> connect(std::uint64_t since, std::string_view instance);
  // Waits until there is something to send (an event, or a ping when
  // `ping` has passed quietly) and appends it to `out` as SSE text. Returns
  // false once the stream should end (the hub stopped or the client was
  // dropped); `out` may still hold a last event to send.
  bool next(Client& client, std::string& out);
  void disconnect(Client& client);

  // Ends every stream; later connects fail.
  void stop();

 private:
  struct Event {
    std::uint64_t seq;
    std::string text;  // complete SSE frame
  };
  struct HistoryEntry {
    std::uint64_t gen;
    SiteChange change;
  };

  void push_locked(std::string text);
  std::string catch_up_locked(std::uint64_t since, std::string_view instance) const;

  ReloadHubOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
  std::uint64_t gen_ = 0;
  std::string failure_;  // the last "failed" frame while the site is broken, else empty
  std::deque<Event> log_;
  std::uint64_t next_seq_ = 1;
  std::deque<HistoryEntry> history_;
  std::size_t clients_ = 0;
};

// The JSON body of a change event (exposed for tests).
std::string change_event_json(std::uint64_t gen, const SiteChange& change);
// The JSON body of a failed event.
std::string failure_event_json(std::uint64_t gen, const DiagnosticList& diagnostics,
                               std::size_t max_shown);

}  // namespace bengal::server
