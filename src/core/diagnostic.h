// Diagnostics: every problem Bengal reports to a user is one of these.
//
// A Diagnostic names where (file, line, column), what (message), how to fix it
// (hint) and shows the offending source line. Errors are values: functions that
// can fail on user input return Result<T> (result.h) carrying a Diagnostic;
// programmer errors are assertions.
//
// Thread-safety: Diagnostic is a plain value. DiagnosticList is not
// synchronised; each worker fills its own and the build merges them in a fixed
// order so reports are deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bengal {

enum class Severity : std::uint8_t { kWarning, kError };

struct SourceLocation {
  std::string file;  // path relative to the site root where possible
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
};

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation location;
  std::string message;
  std::string hint;     // "did you mean 'note'?"; empty if none
  std::string excerpt;  // the offending source line, without newline; empty if none
  std::string code;     // stable short id for tools, e.g. "front-matter"; may be empty

  bool is_error() const { return severity == Severity::kError; }
};

Diagnostic make_error(SourceLocation loc, std::string message, std::string hint = {});
Diagnostic make_warning(SourceLocation loc, std::string message, std::string hint = {});

// Fills `excerpt` from `source` at `d.location.line` (if known).
void attach_excerpt(Diagnostic& d, std::string_view source);

// Translates a byte offset into 1-based line and column (column counts bytes).
void offset_to_line_col(std::string_view source, std::size_t offset, int& line, int& column);

struct DiagnosticStyle {
  bool color = false;
};

// "file:line:col: error: message\n  excerpt\n  ^\n  hint: ...\n"
std::string format_diagnostic(const Diagnostic& d, DiagnosticStyle style = {});

class DiagnosticList {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(DiagnosticList&& other);
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool empty() const { return items_.empty(); }
  // Stable order: by file, line, column, then message.
  void sort();
  // Drops repeats of the same problem (same severity, place and message),
  // e.g. one broken template reported by every page that uses it. Expects a
  // sorted list; keeps the first of each.
  void dedupe();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace bengal
