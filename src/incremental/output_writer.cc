#include "incremental/output_writer.h"

namespace bengal::incremental {

WriteOutcome OutputWriter::commit(const std::string& rel_path, std::string_view bytes, OutputRecord& record,
                                  DiagnosticList& diags) {
  const std::string path = join_path(output_dir_, rel_path);
  const Hash128 hash = hash_bytes(bytes);
  FileInfo info = fs_.stat(path);
  if (info.exists && !info.is_dir && info.size == bytes.size()) {
    auto prev = previous_.outputs.find(rel_path);
    bool trusted = prev != previous_.outputs.end() && prev->second.size == info.size &&
                   prev->second.mtime_ns == info.mtime_ns;
    if (trusted && prev->second.content == hash) {
      record = prev->second;
      return WriteOutcome::kUnchanged;
    }
    if (!trusted) {
      // No record, or the file was touched since: compare the bytes.
      auto existing = fs_.read_file(path);
      if (existing.ok() && *existing == bytes) {
        record = OutputRecord{info.size, info.mtime_ns, hash};
        return WriteOutcome::kUnchanged;
      }
    }
  }
  if (auto s = fs_.write_file(path, bytes); !s.ok()) {
    diags.add(std::move(s).error());
    return WriteOutcome::kFailed;
  }
  FileInfo after = fs_.stat(path);
  record = OutputRecord{after.size, after.mtime_ns, hash};
  return WriteOutcome::kWritten;
}

std::size_t OutputWriter::remove_stale(std::map<std::string, OutputRecord>& records, std::uint32_t generation,
                                       DiagnosticList& diags) {
  std::size_t removed = 0;
  for (auto it = records.begin(); it != records.end();) {
    if (it->second.generation == generation) {
      ++it;
      continue;
    }
    std::string path = join_path(output_dir_, it->first);
    it = records.erase(it);
    if (!fs_.stat(path).exists) continue;
    if (auto s = fs_.remove_file(path); !s.ok()) {
      diags.add(std::move(s).error());
      continue;
    }
    fs_.prune_empty_dirs(std::string(parent_path(path)), output_dir_);
    ++removed;
  }
  return removed;
}

}  // namespace bengal::incremental
