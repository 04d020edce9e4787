// Terminal facts and colour: colour only on a TTY and never with NO_COLOR.
//
// Palette returns ANSI escapes when enabled and empty strings otherwise, so
// callers format once for both cases. Thread-safe (immutable values).
#pragma once

#include <cstdio>
#include <string_view>

namespace bengal {

// True when `stream` is a terminal, NO_COLOR is unset (or empty) and TERM is
// not "dumb". CLICOLOR_FORCE=1 forces colour on.
bool color_enabled_for(std::FILE* stream);
bool is_terminal(std::FILE* stream);

class Palette {
 public:
  explicit Palette(bool enabled) : on_(enabled) {}
  std::string_view bold() const { return on_ ? "\x1b[1m" : ""; }
  std::string_view dim() const { return on_ ? "\x1b[2m" : ""; }
  std::string_view red() const { return on_ ? "\x1b[1;31m" : ""; }
  std::string_view green() const { return on_ ? "\x1b[32m" : ""; }
  std::string_view yellow() const { return on_ ? "\x1b[1;33m" : ""; }
  std::string_view cyan() const { return on_ ? "\x1b[36m" : ""; }
  std::string_view reset() const { return on_ ? "\x1b[0m" : ""; }
  bool enabled() const { return on_; }

 private:
  bool on_;
};

}  // namespace bengal
