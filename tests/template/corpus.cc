#include "corpus.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/data_formats.h"
#include "core/fs.h"
#include "core/text.h"
#include "core/txtar.h"
#include "template/data_value.h"

#include <memory>
#include "template/environment.h"
#include "template/renderer.h"

namespace bengal::tmpl::testing {

std::vector<CorpusCase> parse_corpus(std::string_view text, const std::string& file) {
  std::vector<CorpusCase> cases;
  std::size_t pos = 0;
  // Skip the header comment up to the first "=== " line.
  while (pos < text.size() && text.substr(pos, 4) != "=== ") {
    std::size_t nl = text.find('\n', pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view header = text.substr(pos + 4, nl - pos - 4);
    std::size_t body_start = nl + 1;
    std::size_t next = text.find("\n=== ", nl);
    std::size_t body_end = next == std::string_view::npos ? text.size() : next + 1;
    CorpusCase c;
    c.name = file + ":" + std::string(trim(header));
    for (auto& [name, content] : parse_txtar(text.substr(body_start, body_end - body_start))) {
      if (name == "context.json") {
        c.context_json = content;
      } else if (name == "options") {
        c.lenient = content.find("lenient") != std::string::npos;
        c.trim_blocks = content.find("trim_blocks") != std::string::npos;
        c.lstrip_blocks = content.find("lstrip_blocks") != std::string::npos;
        c.expect_error = content.find("error") != std::string::npos;
      } else {
        if (c.entry.empty()) c.entry = name;
        c.templates.emplace_back(name, content);
      }
    }
    cases.push_back(std::move(c));
    pos = body_end;
  }
  return cases;
}

std::vector<CorpusCase> load_corpus_dir(const std::string& dir) {
  RealFileSystem fs;
  std::vector<CorpusCase> all;
  auto entries = fs.list_dir(dir);
  if (!entries.ok()) return all;
  for (const auto& e : entries.value()) {
    if (e.is_dir || !ends_with(e.name, ".txt")) continue;
    auto text = fs.read_file(join_path(dir, e.name));
    if (!text.ok()) continue;
    auto cases = parse_corpus(text.value(), e.name);
    all.insert(all.end(), cases.begin(), cases.end());
  }
  return all;
}

CorpusCase load_fixture_dir(const std::string& dir, const std::string& entry) {
  RealFileSystem fs;
  CorpusCase c;
  c.name = dir;
  c.entry = entry;
  auto files = walk(fs, dir);
  if (!files.ok()) return c;
  for (const auto& f : files.value()) {
    auto text = fs.read_file(join_path(dir, f.path));
    if (!text.ok()) continue;
    if (f.path == "context.json") {
      c.context_json = text.value();
    } else {
      c.templates.emplace_back(f.path, text.value());
    }
  }
  return c;
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

std::string temp_path(const char* suffix) {
  std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  return dir + "/bengal-jinja-" + std::to_string(::getpid()) + suffix;
}

}  // namespace

Result<std::vector<RenderOutcome>> render_with_jinja(const std::vector<CorpusCase>& cases) {
  std::string req = "[";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const CorpusCase& c = cases[i];
    if (i) req += ",\n";
    req += "{\"name\":";
    append_json_string(req, c.name);
    req += ",\"entry\":";
    append_json_string(req, c.entry);
    req += ",\"templates\":{";
    for (std::size_t k = 0; k < c.templates.size(); ++k) {
      if (k) req += ',';
      append_json_string(req, c.templates[k].first);
      req += ':';
      append_json_string(req, c.templates[k].second);
    }
    req += "},\"context\":";
    req += c.context_json;
    req += ",\"options\":{\"lenient\":";
    req += c.lenient ? "true" : "false";
    req += ",\"trim_blocks\":";
    req += c.trim_blocks ? "true" : "false";
    req += ",\"lstrip_blocks\":";
    req += c.lstrip_blocks ? "true" : "false";
    req += "}}";
  }
  req += "]";

  std::string req_path = temp_path("-req.json"), resp_path = temp_path("-resp.json");
  std::string err_path = temp_path("-err.txt");
  RealFileSystem fs;
  if (!fs.write_file(req_path, req).ok()) return make_error({}, "cannot write " + req_path);
  std::string script = std::string(BENGAL_SOURCE_DIR) + "/tests/template/jinja_oracle.py";
  std::string cmd = "/usr/bin/python3 '" + script + "' '" + req_path + "' '" + resp_path + "' 2>'" +
                    err_path + "'";
  int status = std::system(cmd.c_str());
  auto err_text = fs.read_file(err_path);
  (void)fs.remove_file(req_path);
  (void)fs.remove_file(err_path);
  if (status != 0) {
    (void)fs.remove_file(resp_path);
    std::string why = err_text.ok() ? err_text.value() : std::string();
    if (access("/usr/bin/python3", X_OK) != 0) {
      why = "/usr/bin/python3 not found: run scripts/deps.sh test";
    }
    return make_error(
        {}, "the Jinja2 oracle failed (exit status " + std::to_string(status) + "): " + why);
  }
  auto resp = fs.read_file(resp_path);
  (void)fs.remove_file(resp_path);
  if (!resp.ok()) return resp.error();
  auto parsed = parse_json(resp.value());
  if (!parsed.ok()) return parsed.error();
  std::vector<RenderOutcome> out;
  for (const Data& r : parsed.value().items()) {
    RenderOutcome o;
    o.ok = r.find("ok")->as_bool();
    o.output = r.find("output")->as_string();
    o.error = r.find("error")->as_string();
    out.push_back(std::move(o));
  }
  if (out.size() != cases.size())
    return make_error({}, "the Jinja2 oracle returned too few results");
  return out;
}

RenderOutcome render_with_bengal(const CorpusCase& c, bool frozen) {
  RenderOutcome o;
  std::map<std::string, std::string> files(c.templates.begin(), c.templates.end());
  MemoryLoader loader(files);
  Options options;
  options.strict_undefined = !c.lenient;
  options.trim_blocks = c.trim_blocks;
  options.lstrip_blocks = c.lstrip_blocks;
  Environment env(&loader, options);
  (void)env.load_all();
  env.freeze();
  auto ctx = parse_json(c.context_json);
  if (!ctx.ok()) {
    o.error = "bad context.json: " + ctx.error().message;
    return o;
  }
  std::vector<NamedValue> context;
  const Data& d = ctx.value();
  std::unique_ptr<FrozenData> frozen_data;
  if (frozen && d.is_object()) frozen_data = std::make_unique<FrozenData>(d);
  for (std::size_t i = 0; i < d.keys().size(); ++i) {
    Value v = frozen_data ? frozen_data->value().as_map()[i].value : data_value(d.items()[i]);
    context.push_back(NamedValue{d.keys()[i], v});
  }
  Renderer renderer(env);
  Status st = renderer.render(c.entry, context, o.output);
  o.ok = st.ok();
  if (!st.ok()) o.error = format_diagnostic(st.error());
  return o;
}

}  // namespace bengal::tmpl::testing
