// Conformance: every example of the CommonMark 0.31.2 spec, the GFM extension
// examples and md4c's extension suites, loaded at test time from
// BENGAL_SHARED_DIR/conformance and compared after HTML normalisation. Each
// file prints "N passed, M failed".
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/data_formats.h"
#include "html_normalize.h"
#include "markdown/markdown.h"

namespace bengal::markdown {
namespace {

struct Example {
  int number = 0;
  std::string markdown, html, section;
  std::vector<std::string> tags;  // md4c "options" or GFM "extensions"
};

std::vector<Example> load(const std::string& file) {
  std::string path = std::string(BENGAL_SHARED_DIR) + "/conformance/" + file;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  auto data = parse_json(ss.str());
  EXPECT_TRUE(data.ok()) << path;
  std::vector<Example> out;
  if (!data.ok()) return out;
  for (const Data& e : data->items()) {
    Example ex;
    ex.number = static_cast<int>(e.find("example")->as_int());
    ex.markdown = e.find("markdown")->as_string();
    ex.html = e.find("html")->as_string();
    ex.section = e.find("section")->as_string();
    for (const char* key : {"options", "extensions"}) {
      if (const Data* tags = e.find(key)) {
        for (const Data& t : tags->items()) ex.tags.push_back(t.as_string());
      }
    }
    out.push_back(std::move(ex));
  }
  return out;
}

bool has_tag(const Example& ex, std::string_view tag) {
  return std::find(ex.tags.begin(), ex.tags.end(), tag) != ex.tags.end();
}

// Runs `examples` (those `select` accepts) and returns the failures.
// Examples where the file's expected output is md4c's behaviour and the GFM
// spec (which wins) says otherwise, by file and example number, with why.
struct Deviation {
  std::string_view file;
  int example;
  std::string_view reason;
};
constexpr Deviation kDeviations[] = {
    {"gfm-tables.json", 12,
     "GFM splits cells at every unescaped pipe, even inside a code span (GFM example 200 escapes "
     "it)"},
    {"gfm-permissive-autolinks.json", 3,
     "GFM links an e-mail address whatever precedes it (cmark-gfm: ':x@y.z')"},
    {"gfm-permissive-autolinks.json", 4,
     "GFM links www. only after whitespace, '*', '_', '~' or '(' (not '{')"},
    {"gfm-permissive-autolinks.json", 5,
     "GFM extends a www. link to the next whitespace or '<', so '}' belongs to it"},
    {"gfm-permissive-autolinks.json", 8,
     "GFM links an e-mail address after '*' (the '*' is a delimiter run)"},
    {"gfm-permissive-autolinks.json", 15,
     "GFM allows '_' anywhere in the local part of an e-mail address"},
    // With every extension on, these CommonMark examples contain extension
    // syntax: [[...]] cross-references and GFM extended autolinks.
    {"commonmark-spec.json+ext", 548, "[[foo]] is a cross-reference"},
    {"commonmark-spec.json+ext", 559, "[[*foo* bar]] is a cross-reference"},
    {"commonmark-spec.json+ext", 590, "[[foo]] is a cross-reference"},
    {"commonmark-spec.json+ext", 608, "https://foo.bar is an extended autolink"},
    {"commonmark-spec.json+ext", 611, "https://example.com is an extended autolink"},
    {"commonmark-spec.json+ext", 612, "foo@bar.example.com is an extended autolink"},
    {"md4c-footnotes.json", 12,
     "GitHub needs a note's continuation lines indented 4 spaces when its first line is empty, as "
     "list items do"},
};

bool is_deviation(const std::string& file, int example) {
  for (const Deviation& d : kDeviations) {
    if (d.file == file && d.example == example) return true;
  }
  return false;
}

int run_file(const std::string& file, const std::function<bool(const Example&)>& select,
             const std::function<Options(const Example&)>& options_for,
             const std::function<std::string(std::string)>& adjust_expected = nullptr,
             const std::function<std::string(std::string)>& adjust_actual = nullptr,
             const std::string& deviation_key = "") {
  Parser parser;
  int passed = 0, failed = 0, deviations = 0;
  for (const Example& ex : load(file)) {
    if (!select(ex)) continue;
    if (is_deviation(deviation_key.empty() ? file : deviation_key, ex.number)) {
      ++deviations;
      continue;
    }
    Options options = options_for(ex);
    std::string actual = parser.render_html(ex.markdown, options);
    std::string expected = ex.html;
    if (adjust_expected) expected = adjust_expected(expected);
    if (adjust_actual) actual = adjust_actual(actual);
    if (actual == expected ||
        testing::normalize_html(actual) == testing::normalize_html(expected)) {
      ++passed;
    } else {
      ++failed;
      ADD_FAILURE() << file << " example " << ex.number << " (" << ex.section << ")\n--- markdown\n"
                    << ex.markdown << "--- expected\n"
                    << expected << "--- actual\n"
                    << actual;
    }
  }
  std::printf("%s: %d passed, %d failed (%d documented deviations)\n", file.c_str(), passed, failed,
              deviations);
  return failed;
}

Options commonmark() {
  Options o;
  o.commonmark_only = true;
  return o;
}

// GFM and the md4c extension suites: only the extension under test, so
// that e.g. '$' or '[[' mean what the suite expects.
Options only(bool gfm, bool footnotes = false) {
  Options o;
  o.heading_ids = false;
  o.gfm = gfm;
  o.footnotes = footnotes;
  o.directives = false;
  o.math = false;
  return o;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

TEST(Conformance, CommonMark0312AllExamplesPass) {
  EXPECT_EQ(run_file(
                "commonmark-spec.json", [](const Example&) { return true; },
                [](const Example&) { return commonmark(); }),
            0);
}

TEST(Conformance, CommonMarkExamplesHoldWithEveryExtensionOn) {
  // Extensions only claim their own syntax: with all of them on, the spec
  // examples still pass except those that contain that syntax.
  Options o;
  o.heading_ids = false;  // ids change every heading's markup
  EXPECT_EQ(run_file(
                "commonmark-spec.json", [](const Example&) { return true; },
                [&](const Example&) { return o; }, nullptr, nullptr, "commonmark-spec.json+ext"),
            0);
}

TEST(Conformance, GfmSpecExtensionExamplesPass) {
  auto select = [](const Example& ex) { return !ex.tags.empty(); };
  auto options = [](const Example& ex) {
    Options o = only(true);
    o.gfm_tagfilter = has_tag(ex, "tagfilter");
    return o;
  };
  EXPECT_EQ(run_file("gfm-spec-0.29.json", select, options), 0);
}

TEST(Conformance, GfmTablesPass) {
  EXPECT_EQ(run_file(
                "gfm-tables.json", [](const Example&) { return true; },
                [](const Example& ex) { return ex.tags.empty() ? commonmark() : only(true); }),
            0);
}

TEST(Conformance, GfmStrikethroughPass) {
  EXPECT_EQ(run_file(
                "gfm-strikethrough.json", [](const Example&) { return true; },
                [](const Example& ex) { return ex.tags.empty() ? commonmark() : only(true); }),
            0);
}

TEST(Conformance, GfmTaskListsPass) {
  // md4c's markup carries classes and no space after the checkbox; GitHub's
  // (ours) has no classes and a space. Map md4c's shape to GitHub's.
  auto to_github = [](std::string s) {
    replace_all(s, "<li class=\"task-list-item\">", "<li>");
    replace_all(s, "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled checked>",
                "<input checked=\"\" disabled=\"\" type=\"checkbox\" /> ");
    replace_all(s, "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled>",
                "<input disabled=\"\" type=\"checkbox\" /> ");
    return s;
  };
  EXPECT_EQ(
      run_file(
          "gfm-tasklists.json", [](const Example&) { return true; },
          [](const Example& ex) { return ex.tags.empty() ? commonmark() : only(true); }, to_github),
      0);
}

TEST(Conformance, GfmPermissiveAutolinksPass) {
  // md4c's permissive autolinks are GFM's extended autolinks.
  EXPECT_EQ(run_file(
                "gfm-permissive-autolinks.json", [](const Example&) { return true; },
                [](const Example& ex) { return ex.tags.empty() ? commonmark() : only(true); }),
            0);
}

TEST(Conformance, FootnotesMatchMd4cStructure) {
  // md4c numbers notes ("fn-1") and leaves a single paragraph unwrapped;
  // GitHub (ours) keys ids by label, wraps paragraphs and adds data
  // attributes. Both sides are reduced to the shared structure: which notes,
  // in which order, with which text and how many back-references.
  auto reduce = [](std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] == '<') {
        std::size_t e = s.find('>', i);
        std::string tag = s.substr(i, e - i + 1);
        i = e + 1;
        if (tag == "<p>" || tag == "</p>") {
          if (s.find("<section", 0) < i) continue;  // inside the notes section
        }
        if (tag.rfind("<sup", 0) == 0) tag = "<sup>";
        if (tag.rfind("<section", 0) == 0) tag = "<section>";
        if (tag.rfind("<li id=", 0) == 0) tag = "<li>";
        if (tag.rfind("<a href=\"#fn-", 0) == 0) tag = "<a ref>";
        if (tag.rfind("<a href=\"#fnref-", 0) == 0) tag = "<a backref>";
        out += tag;
        continue;
      }
      out += s[i++];
    }
    replace_all(out, "&#8617;", "\xE2\x86\xA9");
    replace_all(out, " <a backref>", "<a backref>");
    return out;
  };
  EXPECT_EQ(run_file(
                "md4c-footnotes.json",
                [](const Example& ex) {
                  // Spoilers and superscripts are md4c-only syntax.
                  return !has_tag(ex, "--fspoilers") && !has_tag(ex, "--fsuperscripts");
                },
                [](const Example& ex) {
                  Options o = only(has_tag(ex, "--fstrikethrough"), has_tag(ex, "--ffootnotes"));
                  if (ex.tags.empty()) o = commonmark();
                  return o;
                },
                reduce, reduce),
            0);
}

}  // namespace
}  // namespace bengal::markdown
