#include "server/published_site.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/fs.h"
#include "core/text.h"

namespace bengal::server {

namespace {

bool path_less(const std::shared_ptr<const Asset>& a, std::string_view b) {
  return a->path < b;
}

std::shared_ptr<const Asset> make_asset(std::string path, SharedBytes bytes, Hash128 hash,
                                        std::uint64_t generation, std::int64_t now_unix) {
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

std::string strip_fingerprint(std::string_view path) {
  std::string_view ext = file_extension(path);
  std::string_view stem = path.substr(0, path.size() - ext.size());
  std::size_t dot = stem.rfind('.');
  if (ext.empty() || dot == std::string_view::npos || dot < stem.rfind('/') + 1 ||
      stem.size() - dot - 1 < 8) {
    return {};
  }
  for (char c : stem.substr(dot + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return {};
  }
  return std::string(stem.substr(0, dot)) + std::string(ext);
}

namespace {

struct Update {
  const Asset* old = nullptr;          // null: added
  std::shared_ptr<const Asset> fresh;  // null: removed
  const std::string& path() const { return fresh ? fresh->path : old->path; }
};

std::string replace_all(std::string_view text,
                        const std::vector<std::pair<std::string, std::string>>& subs) {
  std::string out(text);
  for (const auto& [from, to] : subs) {
    for (std::size_t at = out.find(from); at != std::string::npos;
         at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

// Fills `change` from the updates (sorted by path).
void describe(const std::vector<Update>& updates, SiteChange& change) {
  // Pair removed and added stylesheets that differ only in their fingerprint.
  std::map<std::string, const Update*> removed_css;
  for (const Update& u : updates) {
    if (!u.fresh && u.old->mime.kind == AssetKind::kStylesheet) {
      std::string stem = strip_fingerprint(u.old->path);
      if (!stem.empty()) removed_css.emplace(std::move(stem), &u);
    }
  }
  std::set<const Update*> paired;
  std::vector<std::pair<std::string, std::string>> renames;  // output paths, old -> new
  for (const Update& u : updates) {
    if (u.old || u.fresh->mime.kind != AssetKind::kStylesheet) continue;
    auto it = removed_css.find(strip_fingerprint(u.fresh->path));
    if (it == removed_css.end() || paired.count(it->second) != 0) continue;
    paired.insert(it->second);
    paired.insert(&u);
    renames.emplace_back(it->second->old->path, u.fresh->path);
    change.moved_stylesheets.push_back(
        {url_for_output(it->second->old->path), url_for_output(u.fresh->path)});
  }

  for (const Update& u : updates) {
    if (!u.old) {
      ++change.added;
    } else if (!u.fresh) {
      ++change.removed;
    } else {
      ++change.changed;
    }
    if (paired.count(&u) != 0) continue;
    const Asset& a = u.fresh ? *u.fresh : *u.old;
    switch (a.mime.kind) {
      case AssetKind::kPage:
      case AssetKind::kDocument:
        // A page that differs only in the names of moved stylesheets needs no reload.
        if (u.old && u.fresh && !renames.empty() &&
            replace_all(*u.old->bytes, renames) == *u.fresh->bytes)
          break;
        change.pages.push_back(url_for_output(a.path));
        break;
      case AssetKind::kStylesheet:
        // One that came or went changes which <link>s resolve: reload instead.
        if (u.old && u.fresh) {
          change.stylesheets.push_back(url_for_output(a.path));
        } else {
          change.subresources = true;
        }
        break;
      case AssetKind::kSubresource:
        change.subresources = true;
        break;
    }
  }
  std::sort(change.pages.begin(), change.pages.end());
  std::sort(change.stylesheets.begin(), change.stylesheets.end());
}

}  // namespace

std::shared_ptr<const PublishedSite> publish(
    const PublishedSite* previous, std::uint64_t generation,
    const std::vector<std::string>& touched,
    const std::function<SharedBytes(const std::string&)>& read, std::int64_t now_unix,
    SiteChange& change) {
  change = SiteChange{};
  std::vector<std::string> paths = touched;
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  // Resolve every touched path; unchanged ones drop out.
  std::vector<Update> updates;
  for (const std::string& path : paths) {
    const Asset* old = previous ? previous->find(path) : nullptr;
    SharedBytes bytes = read(path);
    if (!bytes) {
      if (old != nullptr) updates.push_back(Update{old, nullptr});
      continue;
    }
    Hash128 hash = hash_bytes(*bytes);
    if (old != nullptr && old->hash == hash) continue;
    updates.push_back(Update{old, make_asset(path, std::move(bytes), hash, generation, now_unix)});
  }
  describe(updates, change);

  // Merge the sorted updates into the previous generation's sorted list.
  auto next = std::make_shared<PublishedSite>();
  next->generation_ = generation;
  const std::vector<std::shared_ptr<const Asset>> none;
  const auto& old_assets = previous ? previous->assets_ : none;
  next->assets_.reserve(old_assets.size() + change.added);
  std::size_t i = 0, j = 0;
  while (i < old_assets.size() || j < updates.size()) {
    if (j == updates.size() || (i < old_assets.size() && old_assets[i]->path < updates[j].path())) {
      next->assets_.push_back(old_assets[i++]);
      continue;
    }
    if (i < old_assets.size() && old_assets[i]->path == updates[j].path())
      ++i;  // replaced or removed
    if (updates[j].fresh) next->assets_.push_back(updates[j].fresh);
    ++j;
  }
  return next;
}

}  // namespace bengal::server
