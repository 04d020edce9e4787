#include "server/published_site.h"

#include <algorithm>

#include "core/text.h"

namespace bengal::server {

namespace {

bool path_less(const std::shared_ptr<const Asset>& a, std::string_view b) { return a->path < b; }

std::shared_ptr<const Asset> make_asset(std::string path, SharedBytes bytes, Hash128 hash, std::uint64_t generation,
                                        std::int64_t now_unix) {
  auto a = std::make_shared<Asset>();
  a->path = std::move(path);
  a->mime = mime_for_path(a->path);
  a->hash = hash;
  a->etag = "\"" + hash.short_hex(20) + "\"";
  if (a->mime.kind == AssetKind::kPage) a->inject_at = find_injection_point(*bytes);
  a->bytes = std::move(bytes);
  a->generation = generation;
  a->modified_unix = now_unix;
  return a;
}

void note(SiteChange& change, const Asset& asset, bool added_or_removed) {
  switch (asset.mime.kind) {
    case AssetKind::kPage:
    case AssetKind::kDocument:
      change.pages.push_back(url_for_output(asset.path));
      break;
    case AssetKind::kStylesheet:
      // A new or deleted stylesheet changes which <link>s resolve: reload the
      // pages instead of swapping.
      if (added_or_removed) {
        change.subresources = true;
      } else {
        change.stylesheets.push_back(url_for_output(asset.path));
      }
      break;
    case AssetKind::kSubresource:
      change.subresources = true;
      break;
  }
}

}  // namespace

std::string url_for_output(std::string_view path) {
  std::string url = "/";
  if (path == "index.html") return url;
  if (ends_with(path, "/index.html")) {
    url += path.substr(0, path.size() - std::string_view("index.html").size());
    return url;
  }
  url += path;
  return url;
}

std::size_t find_injection_point(std::string_view html) {
  constexpr std::string_view kTag = "</body";
  if (html.size() >= kTag.size()) {
    for (std::size_t i = html.size() - kTag.size() + 1; i-- > 0;) {
      bool match = true;
      for (std::size_t j = 0; j < kTag.size() && match; ++j) {
        char c = html[i + j];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        match = c == kTag[j];
      }
      if (match) return i;
    }
  }
  return html.size();
}

const Asset* PublishedSite::find(std::string_view path) const {
  auto it = std::lower_bound(assets_.begin(), assets_.end(), path, path_less);
  return it != assets_.end() && (*it)->path == path ? it->get() : nullptr;
}

Lookup PublishedSite::resolve(const RequestTarget& target) const {
  Lookup out;
  const std::string& p = target.path;
  if (p.empty() || target.trailing_slash) {
    out.asset = find(p.empty() ? std::string("index.html") : p + "/index.html");
    out.kind = out.asset ? Lookup::kFile : Lookup::kNotFound;
    return out;
  }
  if ((out.asset = find(p)) != nullptr) {
    out.kind = Lookup::kFile;
    return out;
  }
  if (find(p + "/index.html") != nullptr) {
    out.kind = Lookup::kRedirect;
    out.location = "/" + p + "/";
    if (!target.query.empty()) out.location += "?" + target.query;
  }
  return out;
}

std::vector<std::string> PublishedSite::paths() const {
  std::vector<std::string> out;
  out.reserve(assets_.size());
  for (const auto& a : assets_) out.push_back(a->path);
  return out;
}

std::shared_ptr<const PublishedSite> publish(const PublishedSite* previous, std::uint64_t generation,
                                             const std::vector<std::string>& touched,
                                             const std::function<SharedBytes(const std::string&)>& read,
                                             std::int64_t now_unix, SiteChange& change) {
  change = SiteChange{};
  std::vector<std::string> paths = touched;
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  // Resolve every touched path first; unchanged ones drop out.
  std::vector<std::shared_ptr<const Asset>> updates;  // sorted by path; null = removed
  std::vector<std::string_view> update_paths;
  for (const std::string& path : paths) {
    const Asset* old = previous ? previous->find(path) : nullptr;
    SharedBytes bytes = read(path);
    if (!bytes) {
      if (old == nullptr) continue;
      ++change.removed;
      note(change, *old, true);
      updates.push_back(nullptr);
      update_paths.push_back(path);
      continue;
    }
    Hash128 hash = hash_bytes(*bytes);
    if (old != nullptr && old->hash == hash) continue;
    auto asset = make_asset(path, std::move(bytes), hash, generation, now_unix);
    if (old == nullptr) {
      ++change.added;
    } else {
      ++change.changed;
    }
    note(change, *asset, old == nullptr);
    updates.push_back(std::move(asset));
    update_paths.push_back(path);
  }
  std::sort(change.pages.begin(), change.pages.end());
  std::sort(change.stylesheets.begin(), change.stylesheets.end());

  // Merge the sorted updates into the previous generation's sorted list.
  auto next = std::make_shared<PublishedSite>();
  next->generation_ = generation;
  const std::vector<std::shared_ptr<const Asset>> none;
  const auto& old_assets = previous ? previous->assets_ : none;
  next->assets_.reserve(old_assets.size() + change.added);
  std::size_t i = 0, j = 0;
  while (i < old_assets.size() || j < updates.size()) {
    if (j == updates.size() || (i < old_assets.size() && old_assets[i]->path < update_paths[j])) {
      next->assets_.push_back(old_assets[i++]);
      continue;
    }
    if (i < old_assets.size() && old_assets[i]->path == update_paths[j]) ++i;  // replaced or removed
    if (updates[j]) next->assets_.push_back(updates[j]);
    ++j;
  }
  return next;
}

}  // namespace bengal::server
