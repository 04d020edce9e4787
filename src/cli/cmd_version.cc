// bengal version: print the version and the build configuration.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command.h"

namespace bengal::cli {
namespace {

CommandAction setup(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("version", "Print Bengal's version");
  cmd->footer("Example:\n  bengal version");
  return [] {
    std::printf("bengal %s (C++20, %s)\n", BENGAL_VERSION,
#ifdef NDEBUG
                "release"
#else
                "debug"
#endif
    );
    return kExitOk;
  };
}

const CommandRegistration kRegistration("version", 900, &setup);

}  // namespace
}  // namespace bengal::cli
