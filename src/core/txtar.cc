#include "core/txtar.h"

#include "core/text.h"

namespace bengal {

namespace {
bool marker_name(std::string_view line, std::string_view& name) {
  if (!starts_with(line, "-- ") || !ends_with(line, " --") || line.size() < 7) return false;
  name = trim(line.substr(3, line.size() - 6));
  return !name.empty();
}
}  // namespace

std::vector<std::pair<std::string, std::string>> parse_txtar(std::string_view archive) {
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t pos = 0;
  bool in_file = false;
  while (pos < archive.size()) {
    std::size_t nl = archive.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? archive.size() : nl + 1;
    std::string_view line = archive.substr(pos, end - pos);
    std::string_view bare = line;
    if (!bare.empty() && bare.back() == '\n') bare.remove_suffix(1);
    std::string_view name;
    if (marker_name(bare, name)) {
      files.emplace_back(std::string(name), std::string());
      in_file = true;
    } else if (in_file) {
      files.back().second.append(line);
    }
    pos = end;
  }
  return files;
}

void load_txtar(FileSystem& fs, std::string_view archive, const std::string& root) {
  for (auto& [name, content] : parse_txtar(archive)) (void)fs.write_file(join_path(root, name), content);
}

}  // namespace bengal
