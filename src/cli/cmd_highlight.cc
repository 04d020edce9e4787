// bengal highlight / bengal highlight-css: the syntax highlighter from the
// command line, for theme authors and for testing the engine from outside.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/command.h"
#include "highlight/highlight.h"

namespace bengal::cli {
namespace {

struct HighlightArgs {
  std::string lang;
  std::string file;
  std::string linenos;
  std::string hl_lines;
  std::string title;
  int linenostart = 1;
  bool list = false;
};

bool read_input(const std::string& file, std::string& out) {
  std::ostringstream ss;
  if (file.empty() || file == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    ss << in.rdbuf();
  }
  out = ss.str();
  return true;
}

int run_highlight(const HighlightArgs& args) {
  highlight::Registry registry = highlight::Registry::with_builtins();
  registry.freeze();
  if (args.list) {
    for (const highlight::Lexer& lexer : highlight::builtin_lexers()) {
      std::printf("%.*s", static_cast<int>(lexer.name.size()), lexer.name.data());
      for (std::string_view alias : lexer.aliases) std::printf(" %.*s", static_cast<int>(alias.size()), alias.data());
      std::printf("\n");
    }
    return kExitOk;
  }
  if (args.lang.empty()) {
    std::fprintf(stderr, "error: --lang is required (see 'bengal highlight --list')\n");
    return kExitUsage;
  }
  std::string code;
  if (!read_input(args.file, code)) {
    std::fprintf(stderr, "error: cannot read '%s'\n", args.file.c_str());
    return kExitFailure;
  }
  highlight::Options options;
  std::string fence = args.hl_lines.empty() ? std::string() : "hl_lines=\"" + args.hl_lines + "\"";
  highlight::parse_fence_options(fence, options);
  options.title = args.title;
  options.linenostart = args.linenostart;
  if (args.linenos == "table") options.linenos = highlight::Options::LineNumbers::kTable;
  else if (args.linenos == "inline") options.linenos = highlight::Options::LineNumbers::kInline;
  std::string html;
  if (!highlight::render_block(registry, code, args.lang, options, html)) {
    std::fprintf(stderr, "warning: unknown language '%s', printed as plain text (see 'bengal highlight --list')\n",
                 args.lang.c_str());
  }
  std::fwrite(html.data(), 1, html.size(), stdout);
  std::fputc('\n', stdout);
  return kExitOk;
}

CommandAction setup_highlight(CLI::App& root) {
  auto args = std::make_shared<HighlightArgs>();
  CLI::App* cmd = root.add_subcommand("highlight", "Print a file as highlighted HTML (Pygments CSS classes)");
  cmd->add_option("file", args->file, "Source file to highlight ('-' or none: standard input)");
  cmd->add_option("-l,--lang", args->lang, "Language name or alias (python, js, go, ...)");
  cmd->add_option("--linenos", args->linenos, "Line numbers: table or inline")
      ->check(CLI::IsMember({"table", "inline"}));
  cmd->add_option("--hl-lines", args->hl_lines, "Lines to highlight, e.g. \"3-5 8\"");
  cmd->add_option("--title", args->title, "Caption above the block");
  cmd->add_option("--linenostart", args->linenostart, "Number of the first line")->check(CLI::Range(0, 1 << 30));
  cmd->add_flag("--list", args->list, "List the languages and their aliases");
  cmd->footer(
      "Examples:\n"
      "  bengal highlight --lang python script.py\n"
      "  bengal highlight --lang go --linenos table --hl-lines 3-5 main.go\n"
      "  bengal highlight --list");
  return [args] { return run_highlight(*args); };
}

CommandAction setup_highlight_css(CLI::App& root) {
  auto style = std::make_shared<std::string>("light");
  CLI::App* cmd = root.add_subcommand("highlight-css", "Print a stylesheet for highlighted code");
  cmd->add_option("-s,--style", *style, "Style name: light or dark");
  cmd->footer("Example:\n  bengal highlight-css --style dark > static/css/highlight.css");
  return [style] {
    std::string_view css = highlight::stylesheet(*style);
    if (css.empty()) {
      std::string names;
      for (std::string_view n : highlight::stylesheet_names()) names += std::string(names.empty() ? "" : ", ") + std::string(n);
      std::fprintf(stderr, "error: unknown style '%s' (available: %s)\n", style->c_str(), names.c_str());
      return kExitFailure;
    }
    std::fwrite(css.data(), 1, css.size(), stdout);
    return kExitOk;
  };
}

const CommandRegistration kHighlight("highlight", 600, &setup_highlight);
const CommandRegistration kHighlightCss("highlight-css", 610, &setup_highlight_css);

}  // namespace
}  // namespace bengal::cli
