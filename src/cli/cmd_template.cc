// bengal template render: renders one template with a JSON (or YAML/TOML)
// context and prints the result, so theme authors can try a partial without
// building a site.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/data_formats.h"
#include "core/fs.h"
#include "core/term.h"
#include "template/data_value.h"
#include "template/environment.h"
#include "template/renderer.h"

namespace bengal::cli {
namespace {

struct TemplateArgs {
  std::string name;
  std::vector<std::string> dirs;
  std::string data_file;
  bool lenient = false;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
};

void print_diagnostic(const Diagnostic& d) {
  std::fputs(format_diagnostic(d, DiagnosticStyle{color_enabled_for(stderr)}).c_str(), stderr);
}

int run_render(const TemplateArgs& args) {
  RealFileSystem fs;
  Data data = Data::object();
  if (!args.data_file.empty()) {
    auto text = fs.read_file(args.data_file);
    if (!text.ok()) {
      print_diagnostic(text.error());
      return kExitFailure;
    }
    auto parsed = parse_data_file(args.data_file, text.value());
    if (!parsed.ok()) {
      print_diagnostic(parsed.error());
      return kExitFailure;
    }
    if (!parsed.value().is_object()) {
      print_diagnostic(make_error(SourceLocation{args.data_file, 1, 1},
                                  "the data file must hold an object (name: value pairs)"));
      return kExitFailure;
    }
    data = std::move(parsed.value());
  }

  tmpl::FileSystemLoader loader(fs, args.dirs);
  tmpl::Options options;
  options.strict_undefined = !args.lenient;
  options.trim_blocks = args.trim_blocks;
  options.lstrip_blocks = args.lstrip_blocks;
  tmpl::Environment env(&loader, options);
  // Only the template asked for (and what it names) matters; a broken
  // sibling in the same folder must not fail this command.
  (void)env.load_all();
  env.freeze();

  std::vector<tmpl::NamedValue> context;
  std::optional<tmpl::FrozenData> frozen;
  if (data.is_object()) frozen.emplace(data);
  for (std::size_t i = 0; i < data.keys().size(); ++i) {
    context.push_back(tmpl::NamedValue{data.keys()[i], frozen->value().as_map()[i].value});
  }
  tmpl::Renderer renderer(env);
  std::string out;
  Status st = renderer.render(args.name, context, out);
  if (!st.ok()) {
    print_diagnostic(st.error());
    return kExitFailure;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

CommandAction setup(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("template", "Work with templates");
  cmd->require_subcommand(1);
  CLI::App* render =
      cmd->add_subcommand("render", "Render one template with a data file as context");
  auto args = std::make_shared<TemplateArgs>();
  render->add_option("name", args->name, "Template name, relative to the template folders")
      ->required();
  render->add_option("-t,--templates", args->dirs, "Template folder (repeat for a search path)")
      ->required();
  render->add_option("-d,--data", args->data_file,
                     "JSON, YAML or TOML file whose keys become variables");
  render->add_flag("--lenient", args->lenient,
                   "Undefined variables print as nothing (Jinja's default)");
  render->add_flag("--trim-blocks", args->trim_blocks,
                   "Remove the first newline after a block tag");
  render->add_flag("--lstrip-blocks", args->lstrip_blocks,
                   "Strip spaces before a block tag at the start of a line");
  render->footer(
      "Examples:\n"
      "  bengal template render partials/nav.html --templates templates --data nav.json\n"
      "  bengal template render page.html -t templates -t themes/default/templates");
  return [args, render] {
    if (!render->parsed()) return kExitUsage;
    return run_render(*args);
  };
}

const CommandRegistration kRegistration("template", 500, &setup);

}  // namespace
}  // namespace bengal::cli
