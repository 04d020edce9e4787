// OutputWriter: puts rendered bytes on disk, touching only what changed.
//
// commit(path, bytes) writes <output>/<path> atomically (temporary name +
// rename) unless the file already holds exactly these bytes; an unchanged
// file keeps its mtime. With a record from the last build whose size, mtime
// and hash still match, the file is not even read. Every commit returns the
// record for the next build's cache.
//
// Thread-safety: commit() may be called from many workers at once for
// distinct paths; the previous cache is only read.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "core/fs.h"
#include "incremental/build_cache.h"

namespace bengal::incremental {

enum class WriteOutcome : std::uint8_t { kWritten, kUnchanged, kFailed };

class OutputWriter {
 public:
  OutputWriter(FileSystem& fs, std::string output_dir, const BuildCache& previous)
      : fs_(fs), output_dir_(std::move(output_dir)), previous_(previous) {}

  // Writes `bytes` to `rel_path` under the output dir if they differ from
  // what is there. Fills `record` on success; errors go to `diags`.
  WriteOutcome commit(const std::string& rel_path, std::string_view bytes, OutputRecord& record,
                      DiagnosticList& diags);

  // Removes the outputs of `records` this build did not produce (their
  // generation is not `generation`): the file, and the record. Returns how
  // many files were removed.
  std::size_t remove_stale(std::map<std::string, OutputRecord>& records, std::uint32_t generation,
                           DiagnosticList& diags);

  const std::string& output_dir() const { return output_dir_; }

 private:
  FileSystem& fs_;
  std::string output_dir_;
  const BuildCache& previous_;
};

}  // namespace bengal::incremental
