// The differential corpus: template cases rendered by both Bengal and Jinja2.
//
// A corpus file holds many cases. Each starts with a "=== name" line and is a
// txtar archive: the first file is the template to render, other template
// files are what it extends/includes/imports, "context.json" is the render
// context and "options" lists flags (lenient trim_blocks lstrip_blocks, and
// error: Jinja must reject the case, and so must Bengal).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace bengal::tmpl::testing {

struct CorpusCase {
  std::string name;  // "file.txt:case-name"
  std::string entry;
  std::vector<std::pair<std::string, std::string>> templates;
  std::string context_json = "{}";
  bool lenient = false;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool expect_error = false;
};

struct RenderOutcome {
  bool ok = false;
  std::string output;
  std::string error;
};

std::vector<CorpusCase> parse_corpus(std::string_view text, const std::string& file);
// Every *.txt file under `dir`, in name order.
std::vector<CorpusCase> load_corpus_dir(const std::string& dir);
// A folder of templates plus context.json as one case (the bench fixture).
CorpusCase load_fixture_dir(const std::string& dir, const std::string& entry);

// Runs /usr/bin/python3 with jinja_oracle.py once for all cases. Fails with a
// clear diagnostic when python or jinja2 is missing.
Result<std::vector<RenderOutcome>> render_with_jinja(const std::vector<CorpusCase>& cases);

// `frozen`: the JSON context as FrozenData (the engine's own dicts and
// lists) instead of data_value() host objects; both must render alike.
RenderOutcome render_with_bengal(const CorpusCase& c, bool frozen = false);

}  // namespace bengal::tmpl::testing
