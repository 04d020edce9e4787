// Makefiles (GNU and BSD), following Pygments' MakefileLexer: conditionals
// and includes are preprocessor lines, recipes are Bash, assignments and
// targets are recognized per line, $(...) expansions nest.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

bool starts_word(std::string_view line, std::size_t k, std::string_view w) {
  return line.substr(k, w.size()) == w && k + w.size() < line.size() && scan::is_space(line[k + w.size()]);
}

// Conditionals, includes and defines (Pygments' r_special).
bool special_line(std::string_view line) {
  std::size_t k = 0;
  if (!line.empty() && line[0] == '.') {
    std::size_t j = scan::skip_blanks(line, 1);
    for (std::string_view w : {"include", "undef", "error", "warning", "if", "else", "elif", "endif", "for", "endfor"}) {
      if (starts_word(line, j, w)) return true;
    }
  }
  while (k < line.size() && scan::is_space(line[k])) ++k;
  for (std::string_view w : {"ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "-include", "include", "define",
                             "endef", ":", "vpath", "if"}) {
    if (starts_word(line, k, w)) return true;
  }
  return false;
}

class MakeLexer {
 public:
  MakeLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    bool continued_special = false;
    while (i < s_.size()) {
      std::size_t e = scan::line_end(s_, i);
      std::size_t next = e < s_.size() ? e + 1 : e;
      std::string_view line = s_.substr(i, next - i);
      std::size_t k = 0;
      while (k < line.size() && scan::is_space(line[k]) && line[k] != '\n') ++k;
      if (continued_special || special_line(line)) {
        out_.push(T::kCommentPreproc, next);
        std::string_view body = s_.substr(i, e - i);
        while (!body.empty() && scan::is_space(body.back())) body.remove_suffix(1);
        continued_special = !body.empty() && body.back() == '\\';
      } else if (k < line.size() && (line[k] == '#' || (line[k] == '@' && k + 1 < line.size() && line[k + 1] == '#'))) {
        out_.push(T::kComment, next);
      } else if (line.empty() || line[0] == '\t' || line[0] == ' ' || line[0] == '\n') {
        TokenSink::Embed embed(out_, i);
        lex_bash(line, out_);
      } else {
        logical_line(i, next);
        // An assignment may have consumed continuation lines.
        next = pos_ > next ? pos_ : next;
      }
      i = next;
    }
  }

 private:
  void logical_line(std::size_t i, std::size_t next) {
    pos_ = next;
    std::size_t j = i;
    while (j < next) {
      char c = s_[j];
      if (c == '$' && j + 1 < s_.size() && std::string_view("<@$+%?|*").find(s_[j + 1]) != std::string_view::npos) {
        out_.push(T::kKeyword, j += 2);
        continue;
      }
      if (scan::is_space(c)) {
        out_.push(T::kText, j = j + 1);
        continue;
      }
      if (c == '#') {
        out_.push(T::kComment, j = next);
        continue;
      }
      if (scan::at(s_, j, "export") || scan::at(s_, j, "unexport")) {
        std::size_t w = j + (s_[j] == 'u' ? 8 : 6);
        if (w < s_.size() && scan::is_space(s_[w])) {
          std::size_t sp = scan::skip_spaces(s_, w);
          out_.push(T::kKeyword, w);
          out_.push(T::kText, sp);
          bool plain = true;
          for (std::size_t m = sp; m < next && s_[m] != '\n'; ++m) {
            char d = s_[m];
            if (!(scan::is_ident_char(d) || d == '$' || d == '{' || d == '}' || d == '\t' || d == ' ' || d == '-')) plain = false;
          }
          if (plain && next > sp && s_[next - 1] == '\n') {
            for (std::size_t m = sp; m < next;) {
              std::size_t n = m;
              while (n < next && s_[n] != ' ' && s_[n] != '\t' && s_[n] != '\n') ++n;
              out_.push(T::kNameVariable, n);
              while (n < next && (s_[n] == ' ' || s_[n] == '\t' || s_[n] == '\n')) ++n;
              out_.push(T::kText, n);
              m = n;
            }
            return;
          }
          j = sp;
          continue;
        }
      }
      if (std::size_t e = assignment(j, next); e != 0) {
        pos_ = e;
        return;
      }
      if ((c == '"' || c == '\'') && !(c == '"' ? double_miss_ : single_miss_).covers(j)) {
        std::size_t q = j + 1;
        while (q < s_.size() && s_[q] != c) q += s_[q] == '\\' ? 2 : 1;
        if (q < s_.size()) {
          out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, j = q + 1);
          continue;
        }
        (c == '"' ? double_miss_ : single_miss_).record(j, s_.size() + 1);
      }
      // The first ':' at or after j; later tokens of the line reuse it.
      if (!(j >= colon_from_ && j <= colon_)) {
        colon_from_ = j;
        colon_ = j;
        while (colon_ < next && s_[colon_] != ':' && s_[colon_] != '\n') ++colon_;
      }
      std::size_t colon = colon_;
      if (colon < next && s_[colon] == ':' && colon > j) {
        std::size_t ops = colon;
        while (ops < next && s_[ops] == ':') ++ops;
        out_.push(T::kNameFunction, colon);
        out_.push(T::kOperator, ops);
        header(ops, next);
        return;
      }
      if (scan::at(s_, j, "$(")) {
        j = expansion(j);
        continue;
      }
      out_.push(T::kError, j = scan::next_char(s_, j));
    }
  }

  // NAME [!?:+]?= value (the value, with its continuation lines, is Bash).
  std::size_t assignment(std::size_t j, std::size_t next) {
    if (assignment_miss_.covers(j)) return 0;
    std::size_t n = j;
    while (n < next && (scan::is_ident_char(s_[n]) || std::string_view("${}().-").find(s_[n]) != std::string_view::npos)) ++n;
    if (n == j) return 0;
    std::size_t sp = n;
    while (sp < s_.size() && scan::is_space(s_[sp])) ++sp;
    std::size_t op = sp;
    if (op < s_.size() && std::string_view("!?:+").find(s_[op]) != std::string_view::npos) ++op;
    if (op >= s_.size() || s_[op] != '=') {
      assignment_miss_.record(j, n);
      return 0;
    }
    std::size_t v = op + 1;
    while (v < s_.size() && (s_[v] == ' ' || s_[v] == '\t')) ++v;
    std::size_t end = scan::line_end(s_, v);
    while (end < s_.size() && end > v && s_[end - 1] == '\\') end = scan::line_end(s_, end + 1);
    if (end < s_.size()) ++end;  // the end of input counts as the newline
    out_.push(T::kNameVariable, n);
    out_.push(T::kText, sp);
    out_.push(T::kOperator, op + 1);
    out_.push(T::kText, v);
    TokenSink::Embed embed(out_, v);
    lex_bash(s_.substr(v, end - v), out_);
    return end;
  }

  // The prerequisites after "target:".
  void header(std::size_t j, std::size_t next) {
    while (j < next) {
      char c = s_[j];
      if (c == ',' || c == '|') {
        out_.push(T::kPunctuation, ++j);
      } else if (c == '#') {
        out_.push(T::kComment, j = next);
      } else if (c == '\\' && j + 1 < s_.size() && s_[j + 1] == '\n') {
        out_.push(T::kText, j += 2);
      } else if (scan::at(s_, j, "$(")) {
        j = expansion(j);
      } else if (scan::is_alpha(c) || c == '_') {
        while (j < next && (scan::is_alpha(s_[j]) || s_[j] == '_')) ++j;
        out_.push(T::kName, j);
      } else {
        out_.push(T::kText, j = scan::next_char(s_, j));
      }
    }
  }

  std::size_t expansion(std::size_t j) {
    out_.push(T::kKeyword, j += 2);
    int depth = 1;
    while (j < s_.size() && depth > 0) {
      char c = s_[j];
      if (c == '(') {
        ++depth;
        out_.push(T::kKeyword, ++j);
      } else if (c == ')') {
        --depth;
        out_.push(T::kKeyword, ++j);
      } else if (c == '$') {
        out_.push(T::kKeyword, ++j);
      } else if (scan::is_ident_char(c) || c == '.' || c == '-') {
        while (j < s_.size() && (scan::is_ident_char(s_[j]) || s_[j] == '.' || s_[j] == '-')) ++j;
        out_.push(T::kNameVariable, j);
      } else {
        while (j < s_.size() && !(scan::is_ident_char(s_[j]) || std::string_view("$().-").find(s_[j]) != std::string_view::npos)) ++j;
        out_.push(T::kText, j);
      }
    }
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  std::size_t pos_ = 0;
  std::size_t colon_from_ = 1;  // colon_ is the first ':' (or line end) at or after colon_from_
  std::size_t colon_ = 0;
  scan::Miss assignment_miss_;  // a name run not followed by an assignment operator
  scan::Miss double_miss_, single_miss_;
};

}  // namespace

void lex_makefile(std::string_view code, TokenSink& out) { MakeLexer(code, out).run(); }

}  // namespace bengal::highlight
