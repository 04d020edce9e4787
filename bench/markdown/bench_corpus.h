// Loads benchmark inputs: the Markdown bodies (front matter stripped) of a
// generated site (gen_corpus.py --out DIR), and the CommonMark spec examples
// concatenated into one document. Shared by the benchmark and its fixture test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "markdown/markdown.h"

namespace bengal::markdown::bench {

// Bodies of every *.md under DIR/content (or DIR itself), sorted by path.
std::vector<std::string> load_corpus(const std::string& dir);
// The 652 example inputs of commonmark-spec.json, one after another.
std::string load_spec_examples(const std::string& shared_dir);
// Bengal restricted to md4c's GFM dialect (no heading ids, footnotes,
// directives or math), for side-by-side comparisons.
Options md4c_feature_set();
// Tabs replaced by four spaces: md4c writes a code line's leading tab as
// spaces (it rebuilds indentation from columns) where CommonMark keeps it, so
// differential comparisons expand tabs on both sides.
std::string expand_tabs(std::string_view html);
// Removes a leading "---" YAML or "+++" TOML front matter block.
std::string strip_front_matter(std::string text);

}  // namespace bengal::markdown::bench
