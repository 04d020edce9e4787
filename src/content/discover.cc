#include "content/discover.h"

#include <algorithm>
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

std::vector<SourceFile> list_files(const FileSystem& fs, const std::string& root, const std::string& display_root,
                                   DiagnosticList& diags) {
  std::vector<SourceFile> out;
  if (!fs.stat(root).is_dir) return out;
  auto entries = walk(fs, root);
  if (!entries.ok()) {
    diags.add(std::move(entries).error());
    return out;
  }
  for (auto& e : *entries) {
    out.push_back(SourceFile{e.path, join_path(display_root, e.path), e.size, e.mtime_ns});
  }
  return out;
}

}  // namespace

DiscoverResult discover(const FileSystem& fs, const std::string& site_root, const config::Config& config,
                        ThreadPool& pool, const ReuseSource& reuse) {
  DiscoverResult result;
  const std::string content_root = join_path(site_root, config.content_dir);

  std::vector<SourceFile> content_files = list_files(fs, content_root, config.content_dir, result.diagnostics);
  for (SourceFile& f : content_files) {
    if (!is_markdown_path(f.rel_path)) {
      result.resources.push_back(std::move(f));
      continue;
    }
    SourcePage page;
    std::string_view stem = file_stem(f.rel_path);
    page.is_section_index = stem == "_index";
    page.is_leaf_bundle = stem == "index";
    page.rel_path = std::move(f.rel_path);
    page.display_path = std::move(f.display_path);
    page.size = f.size;
    page.mtime_ns = f.mtime_ns;
    result.pages.push_back(std::move(page));
  }

  // Read and parse in parallel; each worker reports into its own list and the
  // lists are merged in page order, so the report is the same for any -j.
  std::vector<DiagnosticList> per_page(result.pages.size());
  pool.parallel_for(result.pages.size(), [&](std::size_t i, unsigned) {
    SourcePage& page = result.pages[i];
    if (reuse && page.size <= config.max_page_bytes && reuse(page)) {
      page.from_cache = true;
      page.ok = true;
      return;
    }
    load_page(fs, join_path(content_root, page.rel_path), config.max_page_bytes, page, per_page[i]);
  });
  for (auto& list : per_page) result.diagnostics.append(std::move(list));

  result.static_files =
      list_files(fs, join_path(site_root, config.static_dir), config.static_dir, result.diagnostics);

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
