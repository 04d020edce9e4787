// How a `bengal` subcommand plugs into the CLI.
//
// Each subcommand lives in its own cmd_<name>.cc beside main.cc and registers
// itself with a static CommandRegistration. Its setup function adds a CLI11
// subcommand (options, help text with examples) and returns the action to run
// once the command line has parsed. Registrations are collected before main()
// runs and never change afterwards.
//
// Exit codes (kExit*): 0 success, 1 the work failed (build errors, bad input
// file), 2 usage error (unknown option, missing argument).
#pragma once

#include <functional>
#include <string_view>

namespace CLI {
class App;
}

namespace bengal::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

using CommandAction = std::function<int()>;
using CommandSetup = CommandAction (*)(CLI::App& root);

struct CommandRegistration {
  // `order` sorts commands in --help (lower first).
  CommandRegistration(std::string_view name, int order, CommandSetup setup);
};

}  // namespace bengal::cli
