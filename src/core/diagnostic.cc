#include "core/diagnostic.h"

#include <algorithm>
#include <tuple>

#include "core/term.h"

namespace bengal {

Diagnostic make_error(SourceLocation loc, std::string message, std::string hint) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.location = std::move(loc);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic make_warning(SourceLocation loc, std::string message, std::string hint) {
  Diagnostic d = make_error(std::move(loc), std::move(message), std::move(hint));
  d.severity = Severity::kWarning;
  return d;
}

void offset_to_line_col(std::string_view source, std::size_t offset, int& line, int& column) {
  offset = std::min(offset, source.size());
  line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (source[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  column = static_cast<int>(offset - line_start) + 1;
}

void attach_excerpt(Diagnostic& d, std::string_view source) {
  if (d.location.line <= 0) return;
  int line = 1;
  std::size_t pos = 0;
  while (line < d.location.line && pos < source.size()) {
    std::size_t nl = source.find('\n', pos);
    if (nl == std::string_view::npos) return;
    pos = nl + 1;
    ++line;
  }
  if (line != d.location.line) return;
  std::size_t end = source.find('\n', pos);
  if (end == std::string_view::npos) end = source.size();
  std::string_view text = source.substr(pos, end - pos);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  constexpr std::size_t kMaxExcerpt = 200;
  if (text.size() > kMaxExcerpt) text = text.substr(0, kMaxExcerpt);
  d.excerpt = std::string(text);
}

std::string format_diagnostic(const Diagnostic& d, DiagnosticStyle style) {
  Palette p(style.color);
  std::string out;
  const auto& loc = d.location;
  if (!loc.file.empty()) {
    out += p.bold();
    out += loc.file;
    if (loc.line > 0) {
      out += ':' + std::to_string(loc.line);
      if (loc.column > 0) out += ':' + std::to_string(loc.column);
    }
    out += ": ";
    out += p.reset();
  }
  out += d.is_error() ? p.red() : p.yellow();
  out += d.is_error() ? "error: " : "warning: ";
  out += p.reset();
  out += d.message;
  out += '\n';
  if (!d.excerpt.empty()) {
    out += "    ";
    // Tabs would misalign the caret; show them as single spaces.
    for (char c : d.excerpt) out += (c == '\t' ? ' ' : c);
    out += '\n';
    if (loc.column > 0 && static_cast<std::size_t>(loc.column) <= d.excerpt.size() + 1) {
      out += "    ";
      out.append(static_cast<std::size_t>(loc.column - 1), ' ');
      out += p.green();
      out += '^';
      out += p.reset();
      out += '\n';
    }
  }
  if (!d.hint.empty()) {
    out += "    ";
    out += p.cyan();
    out += "hint: ";
    out += p.reset();
    out += d.hint;
    out += '\n';
  }
  return out;
}

void DiagnosticList::append(DiagnosticList&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()),
                std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

std::size_t DiagnosticList::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.is_error(); }));
}

std::size_t DiagnosticList::warning_count() const { return items_.size() - error_count(); }

void DiagnosticList::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.message) <
           std::tie(b.location.file, b.location.line, b.location.column, b.message);
  });
}

void DiagnosticList::dedupe() {
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.severity == b.severity && a.location.file == b.location.file && a.location.line == b.location.line &&
           a.location.column == b.location.column && a.message == b.message;
  };
  items_.erase(std::unique(items_.begin(), items_.end(), same), items_.end());
}

}  // namespace bengal
