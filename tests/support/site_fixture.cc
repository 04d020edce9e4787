#include "support/site_fixture.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "core/txtar.h"

namespace bengal::testing {

std::string BuiltSite::out(const std::string& path) const {
  auto r = fs->read_file("site/public/" + path);
  return r.ok() ? *r : std::string();
}

bool BuiltSite::has(const std::string& path) const { return fs->stat("site/public/" + path).exists; }

std::string BuiltSite::report() const {
  std::string s;
  for (const Diagnostic& d : result.diagnostics.items()) s += format_diagnostic(d);
  return s;
}

void rebuild(BuiltSite& site, unsigned jobs) {
  build::BuildOptions o;
  o.source_dir = "site";
  o.jobs = jobs;
  site.result = build::build_site(*site.fs, o);
}

std::unique_ptr<BuiltSite> build_inline(std::string_view archive, unsigned jobs) {
  auto site = std::make_unique<BuiltSite>();
  load_txtar(*site->fs, archive, "site");
  rebuild(*site, jobs);
  return site;
}

namespace {
std::string run_on_temp_file(const std::string& text, const std::string& command_prefix, const char* suffix) {
  std::string path = std::string("/tmp/bengal-check-XXXXXX") + suffix;
  int fd = ::mkstemps(path.data(), static_cast<int>(std::string_view(suffix).size()));
  if (fd < 0) return "cannot create temp file";
  ::close(fd);
  std::ofstream(path, std::ios::binary) << text;
  std::string cmd = command_prefix + " " + path + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  std::string out;
  char buf[512];
  while (pipe && std::fgets(buf, sizeof buf, pipe.get())) out += buf;
  std::remove(path.c_str());
  return out;
}
}  // namespace

std::string xmllint_errors(const std::string& text) { return run_on_temp_file(text, "xmllint --noout", ".xml"); }

std::string tidy_errors(const std::string& html) {
  return run_on_temp_file(html, "tidy -errors -quiet", ".html");
}

}  // namespace bengal::testing
