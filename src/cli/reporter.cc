#include "cli/reporter.h"

#include <chrono>

#include "core/term.h"

namespace bengal::cli {

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

TerminalProgress::TerminalProgress(bool enabled) : enabled_(enabled) {
  if (enabled_) thread_ = std::thread([this] { draw_loop(); });
}

TerminalProgress::~TerminalProgress() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void TerminalProgress::begin_stage(std::string_view name, std::size_t total) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  stage_ = std::string(name);
  total_ = total;
  done_.store(0, std::memory_order_relaxed);
  started_ = std::chrono::steady_clock::now();
  active_ = true;
}

void TerminalProgress::end_stage() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  active_ = false;
  std::fputs("\r\x1b[2K", stderr);  // clear the line
  std::fflush(stderr);
}

void TerminalProgress::draw_loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::milliseconds(100));
    if (stop_ || !active_) continue;
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (elapsed < 0.25) continue;  // fast stages finish before a line is worth drawing
    std::size_t done = done_.load(std::memory_order_relaxed);
    double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    std::fprintf(stderr, "\r\x1b[2K  %s %s/%s pages (%s/s)", stage_.c_str(), with_commas(done).c_str(),
                 with_commas(total_).c_str(), with_commas(static_cast<std::size_t>(rate)).c_str());
    std::fflush(stderr);
  }
}

std::size_t print_diagnostics(const DiagnosticList& diags, Verbosity v, bool color) {
  constexpr std::size_t kCap = 50;
  std::size_t printed = 0;
  for (const Diagnostic& d : diags.items()) {
    if (v == Verbosity::kQuiet && !d.is_error()) continue;
    if (printed == kCap && v != Verbosity::kVerbose) {
      std::fprintf(stderr, "... and %zu more (run with --verbose to see all)\n", diags.items().size() - printed);
      break;
    }
    std::fputs(format_diagnostic(d, {color}).c_str(), stderr);
    ++printed;
  }
  return printed;
}

void print_build_summary(const build::BuildResult& r, Verbosity v, bool color) {
  if (v == Verbosity::kQuiet) return;
  Palette p(color);
  const build::BuildStats& s = r.stats;
  for (const std::string& n : r.notices) std::fprintf(stderr, "note: %s\n", n.c_str());
  std::string headline;
  if (r.failed()) {
    headline = std::string(p.red()) + "Build failed" + std::string(p.reset()) + ": " + with_commas(s.errors) +
               (s.errors == 1 ? " error" : " errors");
    if (s.warnings) headline += ", " + with_commas(s.warnings) + (s.warnings == 1 ? " warning" : " warnings");
    if (r.strict && s.errors == 0) headline += " (--strict)";
    headline += "; the other pages were built.";
  } else {
    headline = std::string(p.green()) + "Built" + std::string(p.reset()) + " " + with_commas(s.pages) +
               (s.pages == 1 ? " page" : " pages");
    if (s.warnings) headline += " with " + with_commas(s.warnings) + (s.warnings == 1 ? " warning" : " warnings");
  }
  std::fprintf(stderr, "%s\n", headline.c_str());
  std::fprintf(stderr, "  %s files written, %s unchanged (%s rendered, %s copied), %s removed -> %s\n",
               with_commas(s.outputs_written).c_str(), with_commas(s.outputs_unchanged).c_str(),
               with_commas(s.outputs_rendered).c_str(), with_commas(s.files_copied).c_str(),
               with_commas(s.outputs_removed).c_str(), r.output_dir.c_str());
  std::string stages;
  for (const auto& st : s.stages) {
    if (!stages.empty()) stages += " · ";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %.0f", st.name.c_str(), st.ms);
    stages += buf;
  }
  std::fprintf(stderr, "  %s%.0f ms on %u %s%s (%s ms)\n", std::string(p.dim()).c_str(), s.wall_ms, s.threads,
               s.threads == 1 ? "thread" : "threads", std::string(p.reset()).c_str(), stages.c_str());
}

}  // namespace bengal::cli
