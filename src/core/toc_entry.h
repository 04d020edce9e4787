// TocEntry: one heading in a page's table of contents.
//
// The parse stage makes them, the snapshot serves them to templates, and the
// build cache keeps them between builds: one type for all three, so a cached
// body's TOC moves between the cache and the snapshot without a copy.
//
// Thread-safety: plain data.
#pragma once

#include <string>

namespace bengal {

struct TocEntry {
  int level = 0;     // 1..6
  std::string id;    // the heading's anchor
  std::string text;  // the heading's text, without markup
};

}  // namespace bengal
