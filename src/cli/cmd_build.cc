// bengal build: build a site into its output folder.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "build/build.h"
#include "cli/command.h"
#include "cli/reporter.h"
#include "core/term.h"

namespace bengal::cli {
namespace {

struct Options {
  build::BuildOptions build;
  bool quiet = false;
  bool verbose = false;
  std::string stats;    // "", "text" or "json"
  std::string explain;  // "", "text" or "json"
  bool no_incremental = false;
};

int run(Options& o) {
  RealFileSystem fs;
  if (!fs.stat(o.build.source_dir).is_dir) {
    std::fprintf(stderr, "error: site folder '%s' does not exist\n", o.build.source_dir.c_str());
    return kExitFailure;
  }
  Verbosity v = o.quiet ? Verbosity::kQuiet : o.verbose ? Verbosity::kVerbose : Verbosity::kNormal;
  bool color = color_enabled_for(stderr);
  o.build.env = config::process_environment();
  o.build.incremental = !o.no_incremental;
  o.build.lock_site = true;
  o.build.on_lock_wait = [](long pid) {
    std::fprintf(stderr, "Waiting for another bengal build of this site%s to finish...\n",
                 pid > 0 ? (" (pid " + std::to_string(pid) + ")").c_str() : "");
  };
  TerminalProgress progress(v != Verbosity::kQuiet && is_terminal(stderr));
  o.build.progress = &progress;
  // The process exits after this build: what the build retains is never
  // freed (the OS takes it back far faster than destructors would).
  static build::BuildState* const kept = new build::BuildState();
  o.build.state = kept;
  build::BuildResult result = build::build_site(fs, o.build);
  print_diagnostics(result.diagnostics, v, color);
  if (o.explain == "json") {
    std::printf("%s\n", build::explanations_json(result.explanations).c_str());
  } else if (o.explain == "text") {
    for (const auto& e : result.explanations) std::printf("/%s: %s\n", e.output.c_str(), e.reason.c_str());
  }
  if (o.stats == "json") {
    std::printf("%s\n", build::stats_json(result.stats).c_str());
  } else {
    print_build_summary(result, v, color);
  }
  return result.failed() ? kExitFailure : kExitOk;
}

CommandAction setup(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("build", "Build the site into its output folder");
  cmd->add_option("-s,--source", o->build.source_dir, "Site folder (holds bengal.toml and content/)")
      ->capture_default_str();
  cmd->add_option("-o,--output", o->build.output_dir, "Output folder (default: <source>/public)");
  cmd->add_option("-j,--jobs", o->build.jobs, "Worker threads (default: every core)")->check(CLI::Range(0, 1024));
  cmd->add_flag("-D,--drafts", o->build.drafts, "Include pages marked draft: true");
  cmd->add_flag("-F,--future", o->build.future, "Include pages dated in the future");
  cmd->add_option("-b,--base-url", o->build.base_url, "Override base_url (e.g. https://example.org/)");
  cmd->add_flag("--strict", o->build.strict, "Treat warnings as errors (exit 1)");
  auto* quiet = cmd->add_flag("-q,--quiet", o->quiet, "Print errors only");
  cmd->add_flag("-v,--verbose", o->verbose, "Print every diagnostic and notice")->excludes(quiet);
  cmd->add_option("--stats", o->stats, "Print build statistics; --stats=json prints one JSON object on stdout")
      ->expected(0, 1)
      ->default_str("text")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--explain", o->explain,
                  "List each rendered output with the first input that changed; --explain=json for tools")
      ->expected(0, 1)
      ->default_str("text")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--no-incremental", o->no_incremental, "Render everything, ignoring the build cache");
  cmd->footer(
      "Examples:\n"
      "  bengal build                          build ./ into ./public\n"
      "  bengal build -s docs -o /tmp/site     build the site in docs/ into /tmp/site\n"
      "  bengal build --drafts -j 4            include drafts, use 4 threads\n"
      "  bengal build --stats=json > stats.json\n"
      "  bengal build --explain                why each output was rebuilt\n"
      "\nExit status: 0 success, 1 the build reported errors, 2 bad command line.");
  return [o] { return run(*o); };
}

const CommandRegistration kRegistration("build", 10, &setup);

}  // namespace
}  // namespace bengal::cli
