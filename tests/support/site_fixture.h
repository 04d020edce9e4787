// Integration-test helper: a whole site declared inline (txtar), built in
// memory with the real pipeline, its outputs readable by path.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "build/build.h"
#include "core/fs.h"

namespace bengal::testing {

struct BuiltSite {
  std::unique_ptr<MemoryFileSystem> fs = std::make_unique<MemoryFileSystem>();
  build::BuildResult result;

  // Output file at `path` (relative to the output dir), or "" when missing.
  std::string out(const std::string& path) const;
  bool has(const std::string& path) const;
  // Every diagnostic, formatted, for failure messages.
  std::string report() const;
};

// Builds `archive` (a txtar site rooted at "site/") with `jobs` threads.
std::unique_ptr<BuiltSite> build_inline(std::string_view archive, unsigned jobs = 2);
// Rebuilds an existing in-memory site after edits to *site.fs.
void rebuild(BuiltSite& site, unsigned jobs = 2);

// Runs xmllint --noout / tidy -errors on `text`; returns their complaints
// (empty when the document is clean).
std::string xmllint_errors(const std::string& text);
std::string tidy_errors(const std::string& html);

}  // namespace bengal::testing
