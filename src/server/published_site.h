// PublishedSite: one immutable generation of the files `bengal serve` serves.
//
// A rebuild never edits what requests read. It publishes a new PublishedSite
// (sharing every unchanged Asset with the previous one) and swaps a single
// pointer; a request holds the shared_ptr of the generation it started with
// until its response is written, so it sees either the old site or the new
// one, never a mix.
//
// publish() also says what changed between two generations, by content hash:
// which page URLs to reload, which stylesheets to swap in place, and whether
// a script/image/font changed (then every page reloads, since we cannot tell
// which pages use it). Fingerprinted theme stylesheets change their name with
// their content, which rewrites the <link> in every page; a page whose only
// difference is that name is not reloaded: the stylesheet is swapped.
//
// Thread-safety: a PublishedSite and its Assets are immutable once published
// and may be read from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "server/mime.h"
#include "server/overlay_fs.h"
#include "server/request_target.h"

namespace bengal::server {

struct Asset {
  std::string path;  // relative to the output root: "blog/a/index.html"
  SharedBytes bytes;
  Hash128 hash;
  std::string etag;  // quoted strong validator
  MimeInfo mime;
  std::size_t inject_at = std::string::npos;  // pages: where the live-reload tag goes
  std::uint64_t generation = 0;               // the generation that published these bytes
  std::int64_t modified_unix = 0;             // when (seconds since the epoch), for Last-Modified
};

// What a request resolves to.
struct Lookup {
  enum Kind : unsigned char { kFile, kRedirect, kNotFound } kind = kNotFound;
  const Asset* asset = nullptr;  // kFile
  std::string location;          // kRedirect: "/blog/?x=1"
};

// A fingerprinted stylesheet that got a new name ("/css/main.3f2a9c1e.css"
// -> "/css/main.8b0d44e1.css") because its content changed.
struct StylesheetMove {
  std::string from;
  std::string to;
  bool operator==(const StylesheetMove&) const = default;
};

// What changed between two published generations.
struct SiteChange {
  std::vector<std::string> pages;  // URLs of pages/documents added, changed or removed, sorted
  std::vector<std::string> stylesheets;  // URLs of stylesheets whose bytes changed in place, sorted
  std::vector<StylesheetMove> moved_stylesheets;  // fingerprinted stylesheets renamed by an edit
  bool subresources =
      false;  // a script, image or font changed, or a stylesheet came or went: reload all
  std::size_t added = 0, changed = 0, removed = 0;  // files

  bool empty() const { return added == 0 && changed == 0 && removed == 0; }
};

class PublishedSite {
 public:
  PublishedSite() = default;

  std::uint64_t generation() const { return generation_; }
  std::size_t size() const { return assets_.size(); }
  const Asset* find(std::string_view path) const;

  // Index files for folders ("/blog/" -> blog/index.html), "/blog" ->
  // redirect to "/blog/" when blog/index.html exists, else not found.
  Lookup resolve(const RequestTarget& target) const;

  // The site's own 404 page (404.html at the output root), or null.
  const Asset* not_found_page() const { return find("404.html"); }

  // Paths of every asset, sorted (for tests and tools).
  std::vector<std::string> paths() const;

 private:
  friend std::shared_ptr<const PublishedSite> publish(
      const PublishedSite*, std::uint64_t, const std::vector<std::string>&,
      const std::function<SharedBytes(const std::string&)>&, std::int64_t, SiteChange&);
  std::uint64_t generation_ = 0;
  std::vector<std::shared_ptr<const Asset>> assets_;  // sorted by path
};

// The next generation: `previous` (may be null) with every path in
// `touched` (output-relative) re-read through `read`: a null result means the
// file is gone. Paths whose bytes hash the same as before are kept as they
// were. `now_unix` stamps new assets. `change` receives the difference.
std::shared_ptr<const PublishedSite> publish(
    const PublishedSite* previous, std::uint64_t generation,
    const std::vector<std::string>& touched,
    const std::function<SharedBytes(const std::string&)>& read, std::int64_t now_unix,
    SiteChange& change);

// The URL a browser uses for an output path: "a/index.html" -> "/a/",
// "index.html" -> "/", "feed.xml" -> "/feed.xml".
std::string url_for_output(std::string_view path);

// Where the live-reload tag goes in an HTML page: before the last </body>
// (any case), else at the end.
std::size_t find_injection_point(std::string_view html);

// "css/main.3f2a9c1e.css" -> "css/main.css" (a name with a hex fingerprint of
// 8+ digits before its extension); empty when the name has none.
std::string strip_fingerprint(std::string_view path);

}  // namespace bengal::server
