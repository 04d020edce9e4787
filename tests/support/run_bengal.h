// Runs the built `bengal` binary as a child process, for CLI tests.
// Thread-safe (no shared state); each call forks once.
#pragma once

#include <string>
#include <vector>

namespace bengal::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Path of the bengal binary under test (set by CMake).
const char* bengal_binary();

// Runs bengal with `args`, feeding `stdin_text`, in `cwd` (empty = current),
// with `env` entries ("NAME=value") added to a minimal environment.
CommandResult run_bengal(const std::vector<std::string>& args, const std::string& stdin_text = "",
                         const std::string& cwd = "", const std::vector<std::string>& env = {});

// A fresh empty directory under the system temp dir, removed by the caller.
std::string make_temp_dir(const std::string& prefix);

}  // namespace bengal::testing
