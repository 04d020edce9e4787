// The frame store: the assembled site saved beside the build cache
// (<cache_dir>/frame.bin), so a build whose assemble inputs are those of the
// build that saved it loads the site instead of assembling it again.
//
// Assembling reads the config, the content file list and each file's front
// matter, and the clock only through what is published when (see the
// assemble stage in build.cc). The store keeps the frame key of those inputs
// (and of the Bengal that assembled them) and the window of time in which
// the site holds, [from, Site::visibility_changes_at). A build uses a stored
// site only when its own frame key is the stored one and the clock is in
// that window: then assembling again would give this site, field for field,
// and the same assemble diagnostics, which the store keeps too.
//
// A one-page body edit leaves the key as it was, so the CLI build skips
// assembling, decoding every page's front matter from the build cache, and
// building the render schedule (saved with the site).
// The file is written only by a build that assembled, never by one that
// loaded it. A missing, foreign, damaged or stale file is simply not used.
//
// Thread-safety: plain functions; the loaded site is the caller's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "content/site.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/hash.h"
#include "core/thread_pool.h"
#include "snapshot/snapshot.h"

namespace bengal::build {

struct StoredFrame {
  Hash128 key;                   // the frame key of the inputs it was assembled from
  std::int64_t from = 0;         // when it was assembled (epoch seconds)
  content::Site site;            // by_path and by_url rebuilt on load
  DiagnosticList diagnostics;    // what assembling reported
  // The frame's render schedule and what building it reported
  // (snapshot::SiteFrame's second constructor takes them).
  std::vector<snapshot::RenderJob> schedule;
  DiagnosticList schedule_diagnostics;
};

// `frame`: the site as assembled, with its schedule; `diagnostics`: what
// assembling it reported.
std::string serialize_frame(const Hash128& key, std::int64_t from, const snapshot::SiteFrame& frame,
                            const DiagnosticList& diagnostics);
// The stored frame if `bytes` hold one with key `key` that holds at `now`;
// nullopt for anything else (another key, out of its window, damaged). The
// key and window are checked before the site is decoded. `source_paths` are
// the content rel_paths by Page::source index (the discovery order the key
// covers), to rebuild Site::by_path. The pages decode on `pool` when given.
std::optional<StoredFrame> deserialize_frame(std::string_view bytes, const Hash128& key, std::int64_t now,
                                             const std::vector<std::string_view>& source_paths, ThreadPool* pool = nullptr);

std::optional<StoredFrame> load_frame(const FileSystem& fs, const std::string& cache_dir, const Hash128& key,
                                      std::int64_t now, const std::vector<std::string_view>& source_paths,
                                      ThreadPool* pool = nullptr);
Status save_frame(FileSystem& fs, const std::string& cache_dir, const Hash128& key, std::int64_t from,
                  const snapshot::SiteFrame& frame, const DiagnosticList& diagnostics);

}  // namespace bengal::build
