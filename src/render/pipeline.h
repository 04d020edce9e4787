// RenderPipeline: turns one RenderJob of the frozen snapshot into the bytes
// of its output file. One pipeline per worker, created once per build and
// reused for every job (its buffers are kept between jobs).
//
// STAND-IN: until the template engine (src/template, issue #4) lands, every
// page is a fixed HTML shell around its body and its list members. Delete the
// shell when templates arrive.
//
// Thread-safety: not thread-safe; one per worker. Reads the snapshot only.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "snapshot/snapshot.h"

namespace bengal::render {

class RenderPipeline {
 public:
  explicit RenderPipeline(const snapshot::SiteSnapshot& snap) : snap_(snap) {}

  // Renders `job`; the returned view stays valid until the next call.
  // Errors go to `diags` and return false.
  bool render(const snapshot::RenderJob& job, std::string_view& bytes, DiagnosticList& diags);

 private:
  const snapshot::SiteSnapshot& snap_;
  std::string buffer_;
};

}  // namespace bengal::render
