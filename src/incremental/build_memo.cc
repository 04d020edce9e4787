#include "incremental/build_memo.h"

#include <algorithm>
#include <numeric>

#include "incremental/serial.h"

namespace bengal::incremental {

namespace {

constexpr std::string_view kMagic = "BENGALMEMO\n";
constexpr std::uint64_t kVersion = 3;
constexpr std::size_t kNewestFirst = 32;  // inputs checked newest first, before the rest in path order

void write_stamp(Writer& w, const FileStamp& s) {
  w.str(s.path);
  w.u64(s.size);
  w.i64(s.mtime_ns);
}

FileStamp read_stamp(Reader& r) {
  FileStamp s;
  s.path = std::string(r.str());
  s.size = r.u64();
  s.mtime_ns = r.i64();
  return s;
}

void write_stamps(Writer& w, const std::vector<FileStamp>& stamps) {
  w.u64(stamps.size());
  for (const FileStamp& s : stamps) write_stamp(w, s);
}

bool read_stamps(Reader& r, std::vector<FileStamp>& out) {
  std::uint64_t n = r.u64();
  if (r.failed() || n > r.remaining()) return false;  // each stamp takes at least a byte
  out.reserve(n);
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) out.push_back(read_stamp(r));
  return !r.failed();
}

std::string memo_path(const std::string& cache_dir) { return join_path(cache_dir, "memo.bin"); }

bool same_stamp(const FileSystem& fs, const std::string& path, const FileStamp& s) {
  FileInfo info = fs.stat(path);
  return info.exists && !info.is_dir && info.size == s.size && info.mtime_ns == s.mtime_ns;
}

// Indexes of the (up to) kNewestFirst inputs with the latest mtimes, newest first.
std::vector<std::size_t> newest_inputs(const BuildMemo& memo) {
  std::vector<std::size_t> newest(memo.inputs.size());
  std::iota(newest.begin(), newest.end(), std::size_t{0});
  const std::size_t first = std::min<std::size_t>(newest.size(), kNewestFirst);
  std::partial_sort(newest.begin(), newest.begin() + static_cast<std::ptrdiff_t>(first), newest.end(),
                    [&](std::size_t a, std::size_t b) { return memo.inputs[a].mtime_ns > memo.inputs[b].mtime_ns; });
  newest.resize(first);
  return newest;
}

}  // namespace

std::string BuildMemo::serialize() const {
  Writer w;
  const std::size_t payload_start = begin_envelope(w, kMagic, kVersion);
  w.hash(key);
  w.i64(valid_until);
  w.u64(pages);
  w.u64(outputs_skipped);
  w.u64(outputs_unchanged);
  w.u64(files_copied);
  // What disproves a memo most often comes first, so load_memo() can turn it
  // down before decoding 20,000 stamps: the cache's stamp, then the inputs
  // saved last (a writer edits one page all afternoon).
  write_stamp(w, cache);
  std::vector<FileStamp> newest;
  for (std::size_t i : newest_inputs(*this)) newest.push_back(inputs[i]);
  write_stamps(w, newest);
  write_stamps(w, inputs);
  write_stamps(w, outputs);
  end_envelope(w, payload_start);
  return std::move(w.bytes());
}

namespace {

// A payload in two steps: the head (key, clock, stats, the cache's stamp and
// the newest inputs), which is enough to turn most memos down, then the rest.
bool read_head(Reader& r, BuildMemo& m, std::vector<FileStamp>& newest) {
  m.key = r.hash();
  m.valid_until = r.i64();
  m.pages = r.u64();
  m.outputs_skipped = r.u64();
  m.outputs_unchanged = r.u64();
  m.files_copied = r.u64();
  m.cache = read_stamp(r);
  return read_stamps(r, newest);  // a copy of some inputs, for load_memo()
}
bool read_rest(Reader& r, BuildMemo& m) {
  return read_stamps(r, m.inputs) && read_stamps(r, m.outputs) && !r.failed() && r.at_end();
}

}  // namespace

std::optional<BuildMemo> BuildMemo::deserialize(std::string_view bytes) {
  std::string_view payload;
  if (open_envelope(bytes, kMagic, kVersion, payload) != Envelope::kOk) return std::nullopt;
  Reader r(payload);
  BuildMemo m;
  std::vector<FileStamp> newest;
  if (!read_head(r, m, newest) || !read_rest(r, m)) return std::nullopt;
  return m;
}

std::vector<FileStamp> stamp_inputs(const FileSystem& fs, const std::vector<std::string>& dirs,
                                    const std::vector<std::string>& files) {
  std::vector<FileStamp> out;
  for (const std::string& dir : dirs) {
    auto entries = walk(fs, dir);
    if (!entries.ok()) continue;  // a missing folder has no files
    for (WalkEntry& e : *entries) out.push_back({join_path(dir, e.path), e.size, e.mtime_ns});
  }
  for (const std::string& f : files) {
    FileInfo info = fs.stat(f);
    if (info.exists) out.push_back({f, info.size, info.mtime_ns});
  }
  sort_stamps(out);
  return out;
}

void sort_stamps(std::vector<FileStamp>& stamps) {
  // The stamps come as a few sorted runs (each folder's walk is sorted), so
  // the runs are merged pairwise instead of sorting 10,000 paths again.
  auto less = [](const FileStamp& a, const FileStamp& b) { return a.path < b.path; };
  std::vector<std::size_t> bounds = {0};  // where each run starts, then the end
  for (std::size_t i = 1; i < stamps.size(); ++i) {
    if (less(stamps[i], stamps[i - 1])) bounds.push_back(i);
  }
  bounds.push_back(stamps.size());
  const auto at = [&](std::size_t i) { return stamps.begin() + static_cast<std::ptrdiff_t>(i); };
  while (bounds.size() > 2) {
    std::vector<std::size_t> merged;
    std::size_t j = 0;
    for (; j + 2 < bounds.size(); j += 2) {
      std::inplace_merge(at(bounds[j]), at(bounds[j + 1]), at(bounds[j + 2]), less);
      merged.push_back(bounds[j]);
    }
    merged.push_back(bounds[j]);                                // the run left over, or the end
    if (j + 1 < bounds.size()) merged.push_back(bounds.back());  // its end
    bounds = std::move(merged);
  }
}

FileStamp stamp_cache(const FileSystem& fs, const std::string& cache_dir) {
  std::string path = join_path(cache_dir, "cache.bin");
  FileInfo info = fs.stat(path);
  return info.exists ? FileStamp{path, info.size, info.mtime_ns} : FileStamp{};
}

bool memo_holds(const FileSystem& fs, const BuildMemo& memo, const Hash128& key, std::int64_t now,
                const std::vector<std::string>& dirs, const std::vector<std::string>& files,
                const std::string& output_dir, const std::string& cache_dir) {
  if (memo.key != key || now >= memo.valid_until) return false;
  if (memo.cache.path.empty() || stamp_cache(fs, cache_dir) != memo.cache) return false;
  // Cheapest disproofs first, each ending at the first difference: an edited
  // or removed input (the common miss: a page was saved), then an output
  // edited or removed by hand, then a walk for inputs that are new.
  auto same = [&](const std::string& path, const FileStamp& s) { return same_stamp(fs, path, s); };
  // The files saved last are the likeliest to have been saved again (a
  // writer edits one page all afternoon): they are stat-ed first, so a build
  // after such a save falls back after a few stats, not 10,000.
  for (std::size_t i : newest_inputs(memo)) {
    if (!same(memo.inputs[i].path, memo.inputs[i])) return false;
  }
  for (const FileStamp& i : memo.inputs) {
    if (!same(i.path, i)) return false;
  }
  for (const FileStamp& o : memo.outputs) {
    if (!same(join_path(output_dir, o.path), o)) return false;
  }
  return stamp_inputs(fs, dirs, files) == memo.inputs;
}

std::optional<BuildMemo> load_memo(const FileSystem& fs, const std::string& cache_dir, const Hash128& key,
                                   std::int64_t now) {
  auto bytes = fs.read_file(memo_path(cache_dir));
  if (!bytes.ok()) return std::nullopt;
  // The head alone first: the key, the clock, the cache's stamp and the
  // newest inputs disprove most memos without decoding the rest.
  std::string_view payload;
  if (open_envelope(*bytes, kMagic, kVersion, payload) != Envelope::kOk) return std::nullopt;
  Reader r(payload);
  BuildMemo m;
  std::vector<FileStamp> newest;
  if (!read_head(r, m, newest) || r.failed() || m.key != key || now >= m.valid_until) return std::nullopt;
  if (m.cache.path.empty() || stamp_cache(fs, cache_dir) != m.cache) return std::nullopt;
  for (const FileStamp& s : newest) {
    if (!same_stamp(fs, s.path, s)) return std::nullopt;
  }
  if (!read_rest(r, m)) return std::nullopt;
  return m;
}

Status save_memo(FileSystem& fs, const std::string& cache_dir, const BuildMemo& memo) {
  return fs.write_file(memo_path(cache_dir), memo.serialize());
}

void forget_memo(FileSystem& fs, const std::string& cache_dir) {
  if (fs.stat(memo_path(cache_dir)).exists) (void)fs.remove_file(memo_path(cache_dir));
}

}  // namespace bengal::incremental
