// bengal markdown: render one Markdown document to HTML on stdout, like the
// `cmark` tool. Diagnostics go to stderr; --commonmark turns every extension
// off for plain CommonMark 0.31.2.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "cli/command.h"
#include "core/diagnostic.h"
#include "markdown/markdown.h"

namespace bengal::cli {
namespace {

struct MarkdownArgs {
  std::string file = "-";
  bool commonmark = false;
  bool safe = false;
  bool typographer = false;
};

CommandAction setup(CLI::App& root) {
  auto args = std::make_shared<MarkdownArgs>();
  CLI::App* cmd = root.add_subcommand("markdown", "Render one Markdown document to HTML");
  cmd->add_option("file", args->file, "Markdown file, or - for standard input")
      ->capture_default_str();
  cmd->add_flag("--commonmark", args->commonmark,
                "Plain CommonMark 0.31.2: no extensions, no heading ids");
  cmd->add_flag("--safe", args->safe, "Escape raw HTML and drop dangerous URLs");
  cmd->add_flag("--typographer", args->typographer, "Smart quotes, dashes and ellipses");
  cmd->footer(
      "Examples:\n  bengal markdown README.md\n  echo '# Hi' | bengal markdown --commonmark -");
  return [args] {
    std::string text;
    if (args->file == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      text = ss.str();
    } else {
      std::ifstream in(args->file, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "error: cannot read '%s'\n", args->file.c_str());
        return kExitFailure;
      }
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    markdown::Options options;
    options.commonmark_only = args->commonmark;
    options.safe_mode = args->safe;
    options.typographer = args->typographer;
    markdown::Parser parser;
    markdown::Document doc;
    parser.render(text, options, markdown::Hooks{}, doc);
    std::fwrite(doc.html.data(), 1, doc.html.size(), stdout);
    for (Diagnostic& d : doc.diagnostics) {
      d.location.file = args->file == "-" ? "<stdin>" : args->file;
      std::fputs(format_diagnostic(d).c_str(), stderr);
    }
    return kExitOk;
  };
}

const CommandRegistration kRegistration("markdown", 500, &setup);

}  // namespace
}  // namespace bengal::cli
