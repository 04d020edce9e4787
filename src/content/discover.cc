#include "content/discover.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/data_formats.h"
#include "core/text.h"

namespace bengal::content {

bool is_markdown_path(std::string_view path) {
  std::string ext = to_lower_ascii(file_extension(path));
  return ext == ".md" || ext == ".markdown";
}

namespace {

// Reads, hashes, validates and parses one content file. Any failure is
// reported and leaves page.ok false.
void load_page(const FileSystem& fs, const std::string& path, std::uint64_t max_bytes, SourcePage& page,
               DiagnosticList& diags) {
  auto fail = [&](Diagnostic d) {
    d.location.file = page.display_path;
    diags.add(std::move(d));
  };
  if (page.size > max_bytes) {
    fail(make_error({}, "file is " + std::to_string(page.size >> 20) + " MiB; pages over " +
                            std::to_string(max_bytes >> 20) + " MiB are skipped",
                    "split the page, or raise build.max_page_bytes in bengal.toml"));
    return;
  }
  auto bytes = fs.read_file(path);
  if (!bytes.ok()) {
    fail(std::move(bytes).error());
    return;
  }
  page.raw = std::move(bytes).value();
  page.size = page.raw.size();
  page.hash = hash_bytes(page.raw);
  if (std::size_t bad = find_invalid_utf8(page.raw); bad != std::string::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "%02X", static_cast<unsigned char>(page.raw[bad]));
    Diagnostic d = make_error({}, std::string("file is not valid UTF-8 (byte 0x") + byte + " at offset " +
                                      std::to_string(bad) + ")",
                              "save the file as UTF-8");
    offset_to_line_col(page.raw, bad, d.location.line, d.location.column);
    d.code = "utf8";
    fail(std::move(d));
    return;
  }
  auto split = split_front_matter(page.raw);
  if (!split.ok()) {
    fail(std::move(split).error());
    return;
  }
  page.split = *split;
  page.front_matter_hash = hash_bytes(std::string_view(page.raw).substr(0, page.split.body_offset));
  auto fm = parse_front_matter(page.raw, page.split);
  if (!fm.ok()) {
    fail(std::move(fm).error());
    return;
  }
  page.front_matter = std::move(fm).value();
  page.ok = true;
}

}  // namespace

void read_page(const FileSystem& fs, const std::string& content_root, const config::Config& config, SourcePage& page,
               DiagnosticList& diags) {
  load_page(fs, join_path(content_root, page.rel_path), config.max_page_bytes, page, diags);
}

namespace {

std::vector<SourceFile> list_files(const FileSystem& fs, const std::string& root, const std::string& display_root,
                                   DiagnosticList& diags, ThreadPool* pool = nullptr) {
  std::vector<SourceFile> out;
  if (!fs.stat(root).is_dir) return out;
  auto entries = walk(fs, root, false, pool);
  if (!entries.ok()) {
    diags.add(std::move(entries).error());
    return out;
  }
  for (auto& e : *entries) {
    if (!is_input_path(e.path)) continue;
    out.push_back(SourceFile{e.path, join_path(display_root, e.path), e.size, e.mtime_ns});
  }
  return out;
}

// Applies `changed` (site-root-relative) to the listing of `dir` (relative
// to the site root). False when a change is not a file edit, addition or
// removal: the caller walks instead.
bool patch_listing(const FileSystem& fs, const std::string& site_root, std::string_view dir,
                   std::vector<SourceFile>& files, const std::vector<std::string>& changed) {
  const std::string prefix = std::string(dir) + "/";
  for (const std::string& path : changed) {
    if (path_within(dir, path)) return false;  // the folder itself, or one above it
    if (!starts_with(path, prefix)) continue;
    std::string rel = path.substr(prefix.size());
    if (!is_input_path(rel)) continue;  // walks never list it
    FileInfo info = fs.stat(join_path(site_root, path));
    if (info.is_dir) return false;
    auto at = std::lower_bound(files.begin(), files.end(), rel,
                               [](const SourceFile& f, const std::string& r) { return f.rel_path < r; });
    bool listed = at != files.end() && at->rel_path == rel;
    if (!info.exists) {
      if (listed) {
        files.erase(at);
      } else if (at != files.end() && starts_with(at->rel_path, rel + "/")) {
        return false;  // a folder went away
      }
      continue;
    }
    if (listed) {
      at->size = info.size;
      at->mtime_ns = info.mtime_ns;
    } else {
      files.insert(at, SourceFile{rel, join_path(dir, rel), info.size, info.mtime_ns});
    }
  }
  return true;
}

}  // namespace

bool is_input_path(std::string_view rel_path) {
  std::vector<std::string_view> segs = split(rel_path, '/');
  for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
    if (segs[i].empty() || is_skipped_dir_name(segs[i])) return false;
  }
  std::string_view name = segs.back();
  return !name.empty() && name.front() != '.' && !is_editor_noise(name);
}

DiscoverResult discover(const FileSystem& fs, const std::string& site_root, const config::Config& config,
                        ThreadPool& pool, const ReuseSource& reuse, Listing* listing,
                        const std::vector<std::string>* changed) {
  DiscoverResult result;
  const std::string content_root = join_path(site_root, config.content_dir);

  // The tree's files: the last listing patched with what changed, or a walk.
  // (A failed patch leaves the listing half-patched; the walk replaces it.)
  bool patched = listing != nullptr && listing->known && changed != nullptr &&
                 listing->content_dir == config.content_dir && listing->static_dir == config.static_dir &&
                 is_plain_relative(config.content_dir) && is_plain_relative(config.static_dir) &&
                 patch_listing(fs, site_root, config.content_dir, listing->content, *changed) &&
                 patch_listing(fs, site_root, config.static_dir, listing->static_files, *changed);
  // The pages the last build left, if they were listed from this content dir
  // (and this build may reuse anything).
  std::vector<SourcePage> carried;
  if (listing != nullptr && reuse && listing->known && listing->content_dir == config.content_dir) {
    carried = std::move(listing->pages);
  }
  if (listing != nullptr) listing->pages.clear();
  std::vector<SourceFile> walked;
  if (!patched) {
    walked = list_files(fs, content_root, config.content_dir, result.diagnostics, &pool);
    result.static_files =
        list_files(fs, join_path(site_root, config.static_dir), config.static_dir, result.diagnostics, &pool);
    if (listing != nullptr) {
      listing->content = walked;
      listing->static_files = result.static_files;
      listing->content_dir = config.content_dir;
      listing->static_dir = config.static_dir;
      listing->known = result.diagnostics.empty();
    }
  } else {
    result.static_files = listing->static_files;
  }
  std::vector<SourceFile>& content_files = patched ? listing->content : walked;
  const bool own_files = !patched;  // a walk's list is this build's alone: its paths can be moved out
  // Both lists are sorted by path: one pass pairs each Markdown file with the
  // page it was last time (-1: none, or its file changed; -2: not a page).
  constexpr std::int32_t kNew = -1, kResource = -2;
  std::vector<std::int32_t> pairs(content_files.size(), kResource);
  std::size_t page_count = 0;
  bool all_carried = true;  // each page is the carried one at the same index
  std::size_t next_carried = 0;
  for (std::size_t k = 0; k < content_files.size(); ++k) {
    const SourceFile& f = content_files[k];
    if (!is_markdown_path(f.rel_path)) {
      result.resources.push_back(f);
      continue;
    }
    while (next_carried < carried.size() && carried[next_carried].rel_path < f.rel_path) ++next_carried;
    std::int32_t pair = kNew;
    if (next_carried < carried.size()) {
      const SourcePage& old = carried[next_carried];
      if (old.ok && old.rel_path == f.rel_path && old.size == f.size && old.mtime_ns == f.mtime_ns &&
          old.size <= config.max_page_bytes) {
        pair = static_cast<std::int32_t>(next_carried);
      }
    }
    all_carried = all_carried && pair == static_cast<std::int32_t>(page_count);
    pairs[k] = pair;
    ++page_count;
  }
  if (all_carried && page_count == carried.size()) {
    // Nothing under content/ changed: the pages are the last build's as they are.
    result.pages = std::move(carried);
    for (SourcePage& page : result.pages) page.from_cache = true;
  } else {
    result.pages.reserve(page_count);
    for (std::size_t k = 0; k < content_files.size(); ++k) {
      SourceFile& f = content_files[k];
      const std::int32_t pair = pairs[k];
      if (pair == kResource) continue;
      if (pair >= 0) {
        SourcePage& old = carried[static_cast<std::size_t>(pair)];
        old.from_cache = true;
        result.pages.push_back(std::move(old));
        continue;
      }
      result.not_carried.push_back(result.pages.size());
      SourcePage page;
      std::string_view stem = file_stem(f.rel_path);
      page.is_section_index = stem == "_index";
      page.is_leaf_bundle = stem == "index";
      page.rel_path = own_files ? std::move(f.rel_path) : f.rel_path;
      page.display_path = own_files ? std::move(f.display_path) : f.display_path;
      page.size = f.size;
      page.mtime_ns = f.mtime_ns;
      result.pages.push_back(std::move(page));
    }
  }

  // Read and parse in parallel; each worker reports into its own list and the
  // lists are merged in page order, so the report is the same for any -j.
  std::vector<DiagnosticList> per_page(result.pages.size());
  pool.parallel_for(result.pages.size(), [&](std::size_t i, unsigned) {
    SourcePage& page = result.pages[i];
    if (page.from_cache) return;  // carried over as the last build left it
    if (reuse && page.size <= config.max_page_bytes && reuse(page)) {
      page.from_cache = true;
      page.ok = true;
      return;
    }
    read_page(fs, content_root, config, page, per_page[i]);
  });
  for (auto& list : per_page) result.diagnostics.append(std::move(list));

  for (const SourceFile& f : list_files(fs, join_path(site_root, config.data_dir), config.data_dir,
                                        result.diagnostics)) {
    std::string ext = to_lower_ascii(file_extension(f.rel_path));
    if (ext != ".json" && ext != ".yaml" && ext != ".yml" && ext != ".toml") continue;
    auto text = fs.read_file(join_path(join_path(site_root, config.data_dir), f.rel_path));
    if (!text.ok()) {
      result.diagnostics.add(std::move(text).error());
      continue;
    }
    auto value = parse_data_file(f.display_path, *text);
    if (!value.ok()) {
      result.diagnostics.add(std::move(value).error());
      continue;
    }
    std::string key(f.rel_path.substr(0, f.rel_path.size() - file_extension(f.rel_path).size()));
    result.data_files.push_back(DataFile{std::move(key), f.display_path, std::move(value).value(), hash_bytes(*text)});
  }
  return result;
}

}  // namespace bengal::content
