// bengal clean: remove the output folder and the build cache.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "config/config.h"
#include "core/fs.h"
#include "core/text.h"

namespace bengal::cli {
namespace {

int run(const std::string& source) {
  RealFileSystem fs;
  if (!fs.stat(source).is_dir) {
    std::fprintf(stderr, "error: site folder '%s' does not exist\n", source.c_str());
    return kExitFailure;
  }
  config::LoadResult loaded = config::load(fs, source, config::process_environment());
  for (const Diagnostic& d : loaded.diagnostics.items()) std::fputs(format_diagnostic(d).c_str(), stderr);
  if (!loaded.ok()) return kExitFailure;
  const config::Config& c = loaded.config;
  // Refuse to delete a folder that holds the site's own sources.
  std::string out;
  if (!normalize_relative_path(c.output_dir, out) || out.empty() || out == c.content_dir ||
      out == c.static_dir || out == c.templates_dir || out == c.data_dir || out == c.themes_dir) {
    std::fprintf(stderr, "error: output_dir '%s' is not a separate folder; not deleting it\n",
                 c.output_dir.c_str());
    return kExitFailure;
  }
  int removed = 0;
  for (const std::string& dir : {join_path(source, out), join_path(source, c.cache_dir)}) {
    if (!fs.stat(dir).exists) continue;
    if (auto s = fs.remove_tree(dir); !s.ok()) {
      std::fputs(format_diagnostic(s.error()).c_str(), stderr);
      return kExitFailure;
    }
    std::printf("Removed %s\n", dir.c_str());
    ++removed;
  }
  if (removed == 0) std::printf("Nothing to clean.\n");
  return kExitOk;
}

CommandAction setup(CLI::App& root) {
  auto source = std::make_shared<std::string>(".");
  CLI::App* cmd = root.add_subcommand("clean", "Remove the output folder and the build cache");
  cmd->add_option("-s,--source", *source, "Site folder")->capture_default_str();
  cmd->footer("Examples:\n  bengal clean\n  bengal clean -s docs");
  return [source] { return run(*source); };
}

const CommandRegistration kRegistration("clean", 40, &setup);

}  // namespace
}  // namespace bengal::cli
