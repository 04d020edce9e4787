// BuildCache: what the last build learned, kept in <site>/.bengal/cache.bin.
//
//   sources  every content file as discovery last saw it (size, mtime, hash,
//            where its front matter ends, the parsed front matter), so an
//            unchanged file is not read or parsed again;
//   bodies   what parsing each page's Markdown produced (summary, TOC, word
//            count, search text, content hash, diagnostics) and the inputs the
//            parse read, so an unchanged body is not parsed again unless an
//            output needs its HTML;
//   facts    every fact any output or body read, with its hash then;
//   outputs  every file written: size, mtime, content hash, and for rendered
//            outputs the facts they read and the identity of the job; for
//            copies, the source's size and mtime.
//
// On disk (format kVersion):
//   "BENGALCACHE\n", the version (varint), the payload, the checksum: the
//   XXH3-128 of the layout's bytes followed by each part's own XXH3-128.
//   The payload is a layout, then five parts:
//     layout  the byte length of each part, then the fact count (varints);
//     part 0  output dir, frame key and window, fact table (subjects, fields,
//             then the facts in columns: keys, hashes, reaches);
//     part 1  sources (each front matter length-prefixed);
//     part 2  bodies, the first half of them by path (each body's texts,
//             summary, TOC and search text, as one LZ4 block);
//     part 3  bodies, the second half;
//     part 4  outputs.
//   Parts 1-4 start with their record count; records are sorted by path
//   (the bodies across both halves), and a part that is not is damaged. With
//   the layout each part can be found, and its FactIds bounds-checked,
//   without decoding the ones before it, so all five are written and read at
//   once on a ThreadPool (at 10,000 pages the file is ~32 MB; it is written
//   in pieces, without joining them; ~18 MB with the texts compressed). A source, body or output record loaded
//   and not changed since is written as the bytes it was read from
//   (`encoded`): after a one-page edit most of parts 1-4 go from the old
//   file's mapping straight to the new file. What most builds never read of
//   a loaded record (a body's text, a source's front matter until discovery
//   reuses it) stays encoded until asked for.
// load_cache() treats a missing, truncated, foreign-version or corrupt file
// (a bad checksum, a layout that does not tile the payload, a malformed or
// unsorted part) as "no cache" and says why in `notice`; it never fails the
// build.
// save_cache() writes to a temporary name and renames it into place.
//
// Thread-safety: plain data; read concurrently only through const access.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/data.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/hash.h"
#include "core/result.h"
#include "core/toc_entry.h"
#include "core/thread_pool.h"
#include "incremental/facts.h"

namespace bengal::incremental {

struct SourceRecord {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  Hash128 hash;
  Hash128 front_matter_hash;  // content::SourcePage::front_matter_hash
  // Where the front matter sits (content::FrontMatterSplit, as integers).
  std::uint8_t format = 0;
  std::uint64_t text_offset = 0, text_size = 0, body_offset = 0;
  std::int32_t text_line = 1, body_line = 1;
  Data front_matter;
  // Kept only in memory, for a record loaded from a file (BuildCache::file):
  // its bytes there while it is as read (saving copies them), and its front
  // matter's encoding, decoded (decode_front_matter) only when a build
  // reuses the record; `front_matter` is empty until then.
  std::string_view encoded;
  std::string_view front_matter_encoded;
};

// A loaded record's front matter (SourceRecord::front_matter_encoded); false
// if the bytes are malformed.
bool decode_front_matter(std::string_view encoded, Data& front_matter);

using TocRecord = TocEntry;

struct BodyRecord {
  Hash128 provenance;          // of everything the parse read
  std::vector<FactId> deps;    // facts the parse read through hooks (links, includes)
  std::string summary_html;
  bool summary_truncated = false;
  std::vector<TocRecord> toc;
  std::string toc_html;        // kept only in memory (a resident build); rebuilt from `toc` when empty
  std::uint32_t word_count = 0, reading_minutes = 0;
  std::string plain_text;
  Hash128 content_hash;        // of the body HTML
  std::vector<Diagnostic> diagnostics;  // what the parse reported (file = the page)
  // Kept only in memory: the BuildCache::generation of the last build that
  // made or kept this record.
  std::uint32_t generation = 0;
  // Kept only in memory: this record's bytes in the file it was read from
  // (BuildCache::file) while it is as read, so saving copies them instead
  // of encoding the record again; empty otherwise. Whatever changes a
  // loaded record's fields (its deps renumbered) clears it; a record
  // parsed anew is a new record.
  std::string_view encoded;
  // Kept only in memory: summary_html, toc and plain_text are still only in
  // `encoded` (a loaded record; most are never needed: the page is not
  // rendered and nothing shows them). decode_lazy_fields() reads them.
  bool lazy = false;
};

// The fields a lazy record left in its encoded bytes (BodyRecord::lazy).
// False if the bytes are malformed (they were checked when loaded).
bool decode_lazy_fields(std::string_view encoded, std::string& summary_html, std::vector<TocRecord>& toc,
                        std::string& plain_text);

struct OutputRecord {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  Hash128 content;             // hash of the bytes written
  // Rendered outputs: what they read, in first-read order (with the table's
  // hashes, their provenance), and the hash of the job that rendered them.
  std::vector<FactId> facts;
  Hash128 identity;            // zero for copies
  // Copies: the source file as it was when copied.
  std::uint64_t source_size = 0;
  std::int64_t source_mtime_ns = 0;
  // Kept only in memory: the BuildCache::generation of the last build that
  // produced or kept this output (a build removes the outputs it did not).
  std::uint32_t generation = 0;
  // Kept only in memory: this record's bytes in the file it was read from
  // while it is as read (see BodyRecord::encoded); whatever changes a field
  // above clears it.
  std::string_view encoded;
};

// A cache encoded in pieces (BuildCache::serialize_pieces), written without
// joining them: views of buffers in `owned` and, for records unchanged since
// the cache was loaded, of the file it was loaded from (BuildCache::file).
struct CacheBytes {
  std::vector<std::string_view> pieces;
  std::vector<std::shared_ptr<const void>> owned;
};

struct BuildCache {
  static constexpr std::uint32_t kVersion = 11;

  std::string output_dir;                      // the output dir the output records describe
  std::map<std::string, SourceRecord> sources;  // content-relative path -> record
  std::map<std::string, BodyRecord> bodies;     // content-relative path -> record
  FactTable facts;
  std::vector<Hash128> fact_hashes;             // by FactId: the fact's hash when last computed
  // By FactId: what the fact's hash read beyond the snapshot's frame
  // (snapshot::ReadScope::reach: kReachAnything, kReachFrameOnly or the id of
  // the one page whose body it read); missing or kReachAnything means it
  // must be hashed again. On disk as reach + 2.
  static constexpr std::int32_t kReachAnything = -2, kReachFrameOnly = -1;
  std::vector<std::int32_t> fact_reach;
  // The frame the hashes were computed on: the key of everything assembling
  // the site read, and the clock times between which that frame holds (a
  // page's publish or expiry date falls outside them). A build whose frame
  // has the same key, made in that window, stands on an equal frame.
  Hash128 frame_key;
  std::int64_t frame_from = 0, frame_until = 0;
  // Kept only in memory: the table's size when its live facts were last
  // counted (0: never), so a resident build recounts only once it has grown.
  std::size_t facts_counted_at = 0;
  // Kept only in memory: counts the builds this cache has been carried
  // through (OutputRecord::generation).
  std::uint32_t generation = 0;
  std::map<std::string, OutputRecord> outputs;  // output-relative path -> record
  // Kept only in memory: the file the cache was loaded from, while records
  // point into it (`encoded`). Carried to the next cache with the records.
  std::shared_ptr<const FileView> file;

  std::string serialize() const;
  // The same bytes in pieces, the parts built at once on `pool` (when
  // given): concatenated they are serialize().
  CacheBytes serialize_pieces(ThreadPool* pool) const;
  // Parses `bytes`, the parts at once on `pool` (when given); on any problem
  // returns an empty cache and sets `notice`. Given the `file` that holds
  // `bytes`, the records keep their encoded bytes (`encoded`; a body's text
  // and a source's front matter stay undecoded) and the cache keeps the file.
  static BuildCache deserialize(std::string_view bytes, std::string& notice, ThreadPool* pool = nullptr,
                                std::shared_ptr<const FileView> file = nullptr);
  // The checksum a file with this payload carries (see the format above).
  static Hash128 checksum_of(std::string_view payload);
};

// Loads <cache_dir>/cache.bin. Missing file: empty cache, empty notice.
BuildCache load_cache(const FileSystem& fs, const std::string& cache_dir, std::string& notice,
                      ThreadPool* pool = nullptr);
Status save_cache(FileSystem& fs, const std::string& cache_dir, const BuildCache& cache,
                  ThreadPool* pool = nullptr);

}  // namespace bengal::incremental
