// Progress: how long-running stages report how far they are. The build calls
// begin/end from its own thread and advance() from workers; implementations
// must make advance() cheap and thread-safe (an atomic add). The default does
// nothing, so library code and tests need no reporter.
#pragma once

#include <cstddef>
#include <string_view>

namespace bengal {

class Progress {
 public:
  virtual ~Progress() = default;
  virtual void begin_stage(std::string_view /*name*/, std::size_t /*total*/) {}
  virtual void advance(std::size_t /*n*/ = 1) {}
  virtual void end_stage() {}
};

}  // namespace bengal
