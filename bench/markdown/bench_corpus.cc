#include "bench_corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/data_formats.h"

namespace bengal::markdown::bench {

namespace fs = std::filesystem;

Options md4c_feature_set() {
  Options o;
  o.heading_ids = false;
  o.footnotes = false;
  o.directives = false;
  o.math = false;
  return o;
}

std::string expand_tabs(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (char c : html) {
    if (c == '\t') {
      out += "    ";
    } else {
      out += c;
    }
  }
  return out;
}

std::string strip_front_matter(std::string text) {
  for (const char* fence : {"---", "+++"}) {
    if (text.rfind(std::string(fence) + "\n", 0) == 0) {
      std::size_t end = text.find(std::string("\n") + fence + "\n", 3);
      if (end != std::string::npos) return text.substr(end + 5);
    }
  }
  return text;
}

static std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> load_corpus(const std::string& dir) {
  std::vector<fs::path> paths;
  fs::path root = fs::exists(fs::path(dir) / "content") ? fs::path(dir) / "content" : fs::path(dir);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".md") paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> docs;
  for (const auto& p : paths) docs.push_back(strip_front_matter(read_file(p)));
  return docs;
}

std::string load_spec_examples(const std::string& shared_dir) {
  auto data = parse_json(read_file(fs::path(shared_dir) / "conformance" / "commonmark-spec.json"));
  std::string out;
  if (!data.ok()) return out;
  for (const Data& e : data->items()) {
    out += e.find("markdown")->as_string();
    out += '\n';
  }
  return out;
}

}  // namespace bengal::markdown::bench
