#include "template/loader.h"

namespace bengal::tmpl {

bool normalize_template_name(std::string_view name, std::string& out) {
  if (name.empty() || name.front() == '/') return false;
  if (!normalize_relative_path(name, out)) return false;
  return !out.empty() && out != ".";
}

Result<bool> FileSystemLoader::load(std::string_view name, LoadedSource& out) const {
  std::string clean;
  if (!normalize_template_name(name, clean)) return false;
  for (const auto& dir : dirs_) {
    std::string path = join_path(dir, clean);
    FileInfo info = fs_.stat(path);
    if (!info.exists || info.is_dir) continue;
    auto text = fs_.read_file(path);
    if (!text.ok()) return text.error();
    out.text = std::move(text.value());
    out.origin = std::move(path);
    return true;
  }
  return false;
}

void FileSystemLoader::list(std::vector<std::string>& names) const {
  for (const auto& dir : dirs_) {
    if (!fs_.stat(dir).is_dir) continue;
    auto files = walk(fs_, dir);
    if (!files.ok()) continue;
    for (const auto& f : files.value()) names.push_back(f.path);
  }
}

std::string FileSystemLoader::describe() const {
  std::string out;
  for (const auto& d : dirs_) {
    if (!out.empty()) out += ", ";
    out += d.empty() ? "." : d;
  }
  return out;
}

Result<bool> MemoryLoader::load(std::string_view name, LoadedSource& out) const {
  std::string clean;
  if (!normalize_template_name(name, clean)) return false;
  auto it = templates_.find(clean);
  if (it == templates_.end()) return false;
  out.text = it->second;
  out.origin = label_ == "<memory>" ? clean : label_ + "/" + clean;
  return true;
}

void MemoryLoader::list(std::vector<std::string>& names) const {
  for (const auto& [name, text] : templates_) names.push_back(name);
}

Result<bool> ChainLoader::load(std::string_view name, LoadedSource& out) const {
  for (const Loader* l : loaders_) {
    auto r = l->load(name, out);
    if (!r.ok() || r.value()) return r;
  }
  return false;
}

void ChainLoader::list(std::vector<std::string>& names) const {
  for (const Loader* l : loaders_) l->list(names);
}

std::string ChainLoader::describe() const {
  std::string out;
  for (const Loader* l : loaders_) {
    if (!out.empty()) out += ", ";
    out += l->describe();
  }
  return out;
}

}  // namespace bengal::tmpl
