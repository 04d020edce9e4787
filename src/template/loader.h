// Loaders: where template text comes from. A name ("partials/nav.html") is
// resolved to its text and an origin (the file path shown in errors).
//
//   FileSystemLoader  a search path of directories on a core FileSystem
//                     (site templates first, then the theme's)
//   MemoryLoader      name -> text, for the embedded default theme and tests
//   ChainLoader       several loaders; the first that has a name wins
//
// Names are '/'-separated and relative; a name that climbs out of its root
// ("../secret") is not found. list() returns every name a loader can load,
// so the Environment can compile a whole theme before freezing.
// Thread-safety: loaders are used only while compiling (before freeze), but
// are safe to share: they hold no mutable state.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/fs.h"
#include "core/result.h"

namespace bengal::tmpl {

struct LoadedSource {
  std::string text;
  std::string origin;  // file path for diagnostics
};

class Loader {
 public:
  virtual ~Loader() = default;
  // true and fills `out` when found; false when the name does not exist; an
  // error when it exists but cannot be read.
  virtual Result<bool> load(std::string_view name, LoadedSource& out) const = 0;
  // Appends every loadable name (duplicates across sources are fine).
  virtual void list(std::vector<std::string>& names) const = 0;
  // Where this loader looks, for "template not found" messages.
  virtual std::string describe() const = 0;
};

// Normalises a template name: strips "./", collapses "a/../b"; false when
// the name is empty, absolute or climbs above the root.
bool normalize_template_name(std::string_view name, std::string& out);

class FileSystemLoader final : public Loader {
 public:
  FileSystemLoader(const FileSystem& fs, std::vector<std::string> directories)
      : fs_(fs), dirs_(std::move(directories)) {}
  Result<bool> load(std::string_view name, LoadedSource& out) const override;
  void list(std::vector<std::string>& names) const override;
  std::string describe() const override;

 private:
  const FileSystem& fs_;
  std::vector<std::string> dirs_;
};

class MemoryLoader final : public Loader {
 public:
  MemoryLoader() = default;
  explicit MemoryLoader(const std::map<std::string, std::string>& templates,
                        std::string label = "<memory>")
      : templates_(templates.begin(), templates.end()), label_(std::move(label)) {}
  void add(std::string name, std::string text) { templates_[std::move(name)] = std::move(text); }
  Result<bool> load(std::string_view name, LoadedSource& out) const override;
  void list(std::vector<std::string>& names) const override;
  std::string describe() const override { return label_; }

 private:
  std::map<std::string, std::string, std::less<>> templates_;
  std::string label_ = "<memory>";
};

class ChainLoader final : public Loader {
 public:
  explicit ChainLoader(std::vector<const Loader*> loaders) : loaders_(std::move(loaders)) {}
  Result<bool> load(std::string_view name, LoadedSource& out) const override;
  void list(std::vector<std::string>& names) const override;
  std::string describe() const override;

 private:
  std::vector<const Loader*> loaders_;
};

}  // namespace bengal::tmpl
