// bengal new: create a site from a scaffold, or a page with front matter.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "content/discover.h"
#include "core/date.h"
#include "core/embedded.h"
#include "core/fs.h"
#include "core/text.h"

namespace bengal::embedded {
std::span<const EmbeddedFile> scaffold_files();
}

namespace bengal::cli {
namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

std::vector<std::string> scaffold_names() {
  std::vector<std::string> names;
  for (const EmbeddedFile& f : embedded::scaffold_files()) {
    std::string name(split(f.path, '/')[0]);
    if (names.empty() || names.back() != name) names.push_back(name);
  }
  return names;
}

int new_site(const std::string& dir, const std::string& scaffold) {
  RealFileSystem fs;
  FileInfo info = fs.stat(dir);
  if (info.exists) {
    auto entries = fs.list_dir(dir);
    if (!info.is_dir || !entries.ok() || !entries->empty()) {
      std::fprintf(stderr, "error: '%s' already exists and is not empty; choose a new folder name\n", dir.c_str());
      return kExitFailure;
    }
  }
  std::string prefix = scaffold + "/";
  std::string title = std::string(file_name(dir));
  std::string today = format_iso_date(now_utc());
  std::size_t written = 0;
  for (const EmbeddedFile& f : embedded::scaffold_files()) {
    if (!starts_with(f.path, prefix)) continue;
    std::string rel(f.path.substr(prefix.size()));
    std::string bytes(f.bytes);
    if (file_name(rel) == ".keep") {
      (void)fs.make_dirs(join_path(dir, std::string(parent_path(rel))));
      continue;
    }
    bytes = replace_all(replace_all(std::move(bytes), "__SITE_TITLE__", title), "__TODAY__", today);
    if (auto s = fs.write_file(join_path(dir, rel), bytes); !s.ok()) {
      std::fputs(format_diagnostic(s.error()).c_str(), stderr);
      return kExitFailure;
    }
    ++written;
  }
  if (written == 0) {
    std::fprintf(stderr, "error: unknown template '%s'\n", scaffold.c_str());
    return kExitUsage;
  }
  std::printf("Created site '%s' (%zu files, template %s).\n\nNext:\n  cd %s\n  bengal serve     # then open http://127.0.0.1:5173/\n",
              title.c_str(), written, scaffold.c_str(), dir.c_str());
  return kExitOk;
}

int new_page(const std::string& source, const std::string& path, bool draft) {
  RealFileSystem fs;
  std::string rel = path;
  if (starts_with(rel, "content/")) rel = rel.substr(8);
  std::string norm;
  if (!normalize_relative_path(rel, norm) || norm.empty()) {
    std::fprintf(stderr, "error: '%s' is not a path inside content/\n", path.c_str());
    return kExitUsage;
  }
  if (!content::is_markdown_path(norm)) norm += ".md";
  std::string full = join_path(join_path(source, "content"), norm);
  if (fs.stat(full).exists) {
    std::fprintf(stderr, "error: %s already exists; not overwriting it\n", full.c_str());
    return kExitFailure;
  }
  std::string stem(file_stem(norm));
  if (stem == "index" || stem == "_index") stem = std::string(file_name(parent_path(norm)));
  std::string title;
  for (char c : stem) title += (c == '-' || c == '_') ? ' ' : c;
  if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 32);
  std::string text = "---\ntitle: \"" + title + "\"\ndate: " + format_rfc3339(now_utc()) + "\n" +
                     (draft ? "draft: true\n" : "") + "---\n\n";
  if (auto s = fs.write_file(full, text); !s.ok()) {
    std::fputs(format_diagnostic(s.error()).c_str(), stderr);
    return kExitFailure;
  }
  std::printf("Created %s%s\n", full.c_str(), draft ? " (draft: build with --drafts to see it)" : "");
  return kExitOk;
}

CommandAction setup(CLI::App& root) {
  struct Options {
    std::string name, scaffold = "default", source = ".", page;
    bool draft = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("new", "Create a new site or page");
  cmd->require_subcommand(1);
  CLI::App* site = cmd->add_subcommand("site", "Create a new site in a new folder");
  site->add_option("NAME", o->name, "Folder to create")->required();
  std::string names;
  for (const auto& n : scaffold_names()) names += (names.empty() ? "" : ", ") + n;
  site->add_option("-t,--template", o->scaffold, "Starting point: " + names)->capture_default_str();
  site->footer("Examples:\n  bengal new site my-blog\n  bengal new site handbook --template docs");
  CLI::App* page = cmd->add_subcommand("page", "Create a Markdown page with front matter");
  page->add_option("PATH", o->page, "Path under content/, e.g. posts/my-post.md")->required();
  page->add_option("-s,--source", o->source, "Site folder")->capture_default_str();
  page->add_flag("--draft", o->draft, "Mark the page draft: true");
  page->footer("Examples:\n  bengal new page posts/launch-day.md\n  bengal new page docs/setup --draft");
  cmd->footer("Examples:\n  bengal new site my-site\n  bengal new page posts/hello.md");
  return [o, site] {
    if (site->parsed()) return new_site(o->name, o->scaffold);
    return new_page(o->source, o->page, o->draft);
  };
}

const CommandRegistration kRegistration("new", 20, &setup);

}  // namespace
}  // namespace bengal::cli
