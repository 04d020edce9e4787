// bengal: the command-line entry point. Parses the command line with CLI11 and
// runs the chosen subcommand; every subcommand lives in its own cmd_*.cc.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"

namespace bengal::cli {
namespace {

struct Entry {
  std::string_view name;
  int order;
  CommandSetup setup;
};

std::vector<Entry>& registry() {
  static std::vector<Entry> entries;  // filled by static registrations before main()
  return entries;
}

}  // namespace

CommandRegistration::CommandRegistration(std::string_view name, int order, CommandSetup setup) {
  registry().push_back(Entry{name, order, setup});
}

}  // namespace bengal::cli

int main(int argc, char** argv) {
  using namespace bengal::cli;
  CLI::App app{
      "Bengal: a fast static site generator.\n\n"
      "  bengal new site my-site     create a site\n"
      "  bengal build                build ./ into ./public\n"
      "  bengal serve                build, serve and live-reload while you write\n",
      "bengal"};
  app.require_subcommand(1);
  app.set_version_flag("-V,--version", BENGAL_VERSION);
  app.footer("Run 'bengal COMMAND --help' for a command's options and examples.");

  auto entries = registry();
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<std::pair<std::string_view, CommandAction>> actions;
  for (const auto& e : entries) actions.emplace_back(e.name, e.setup(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // prints help, returns 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  for (auto& [name, action] : actions) {
    for (const CLI::App* sub : app.get_subcommands()) {
      if (sub->get_name() == name && action) return action();
    }
  }
  return kExitUsage;
}
