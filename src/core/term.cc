#include "core/term.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace bengal {

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool color_enabled_for(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* force = std::getenv("CLICOLOR_FORCE");
  if (force != nullptr && std::strcmp(force, "0") != 0 && force[0] != '\0') return true;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return is_terminal(stream);
}

}  // namespace bengal
