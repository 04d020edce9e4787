// `bengal template render`: renders a template from folders with a data file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_bengal.h"

namespace bengal::testing {
namespace {

struct TempTree {
  std::string root = make_temp_dir("bengal-template-cli");
  ~TempTree() { std::filesystem::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = std::filesystem::path(root) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string path(const std::string& rel) const { return root + "/" + rel; }
};

TEST(CliTemplate, RendersATemplateWithAJsonContext) {
  TempTree t;
  t.write("templates/page.html", "{% extends 'base.html' %}{% block b %}{{ title }}{% endblock %}");
  t.write("templates/base.html", "<h1>{% block b %}{% endblock %}</h1>\n");
  t.write("data.json", R"({"title": "A & B"})");
  auto r = run_bengal({"template", "render", "page.html", "--templates", t.path("templates"),
                       "--data", t.path("data.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<h1>A &amp; B</h1>");
}

TEST(CliTemplate, SearchPathPrefersTheFirstFolder) {
  TempTree t;
  t.write("site/nav.txt", "site");
  t.write("theme/nav.txt", "theme");
  t.write("theme/only.txt", "[{% include 'nav.txt' %}]");
  auto r =
      run_bengal({"template", "render", "only.txt", "-t", t.path("site"), "-t", t.path("theme")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[site]");
}

TEST(CliTemplate, TemplateErrorExitsOneWithTheDiagnostic) {
  TempTree t;
  t.write("t/page.txt", "ok\n{{ titel }}");
  t.write("d.json", R"({"title": 1})");
  auto r =
      run_bengal({"template", "render", "page.txt", "-t", t.path("t"), "-d", t.path("d.json")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("page.txt:2:4: error: 'titel' is undefined"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'title'?"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(CliTemplate, LenientFlagPrintsUndefinedAsNothing) {
  TempTree t;
  t.write("t/page.txt", "[{{ nope }}]");
  auto r = run_bengal({"template", "render", "page.txt", "-t", t.path("t"), "--lenient"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[]");
}

TEST(CliTemplate, MissingTemplateAndBadDataExitOne) {
  TempTree t;
  t.write("t/a.txt", "a");
  t.write("bad.json", "{nope");
  EXPECT_EQ(run_bengal({"template", "render", "b.txt", "-t", t.path("t")}).exit_code, 1);
  auto bad =
      run_bengal({"template", "render", "a.txt", "-t", t.path("t"), "-d", t.path("bad.json")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.json"), std::string::npos) << bad.err;
}

TEST(CliTemplate, UsageErrorsExitTwo) {
  EXPECT_EQ(run_bengal({"template", "render", "x.html"}).exit_code, 2);  // no --templates
  EXPECT_EQ(run_bengal({"template"}).exit_code, 2);
  EXPECT_EQ(run_bengal({"template", "render", "--bogus"}).exit_code, 2);
}

}  // namespace
}  // namespace bengal::testing
