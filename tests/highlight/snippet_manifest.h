// The snippet manifest (snippets/languages.txt): one realistic code sample per
// language, with the Pygments alias that tokenizes the same language. Shared
// by the golden, agreement and concurrency tests and the benchmark.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bengal::highlight::testing {

struct Snippet {
  std::string file;      // name under snippets/
  std::string language;  // Bengal language name
  std::string pygments;  // Pygments alias, or "-" when Pygments has none
  std::string code;
};

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads every snippet listed in `dir`/languages.txt; empty if the manifest is missing.
inline std::vector<Snippet> load_snippets(const std::string& dir) {
  std::vector<Snippet> out;
  std::istringstream manifest(read_text_file(dir + "/languages.txt"));
  std::string line;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Snippet s;
    if (!(fields >> s.file >> s.language >> s.pygments)) continue;
    s.code = read_text_file(dir + "/" + s.file);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace bengal::highlight::testing
