// Shell: Bash scripts (Pygments' BashLexer: keywords, builtins, variables,
// ${...} / $(...) / $((...)) nesting, here-documents) and console sessions
// (prompts, commands lexed as Bash, output).
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

constexpr KeywordTable<64> kKeywords = {
    {"if", T::kKeyword}, {"fi", T::kKeyword}, {"else", T::kKeyword}, {"while", T::kKeyword},
    {"in", T::kKeyword}, {"do", T::kKeyword}, {"done", T::kKeyword}, {"for", T::kKeyword},
    {"then", T::kKeyword}, {"return", T::kKeyword}, {"function", T::kKeyword}, {"case", T::kKeyword},
    {"select", T::kKeyword}, {"continue", T::kKeyword}, {"until", T::kKeyword}, {"esac", T::kKeyword},
    {"elif", T::kKeyword},
};

constexpr KeywordTable<128> kBuiltins = {
    {"alias", T::kNameBuiltin}, {"bg", T::kNameBuiltin}, {"bind", T::kNameBuiltin}, {"break", T::kNameBuiltin},
    {"builtin", T::kNameBuiltin}, {"caller", T::kNameBuiltin}, {"cd", T::kNameBuiltin},
    {"command", T::kNameBuiltin}, {"compgen", T::kNameBuiltin}, {"complete", T::kNameBuiltin},
    {"declare", T::kNameBuiltin}, {"dirs", T::kNameBuiltin}, {"disown", T::kNameBuiltin},
    {"echo", T::kNameBuiltin}, {"enable", T::kNameBuiltin}, {"eval", T::kNameBuiltin}, {"exec", T::kNameBuiltin},
    {"exit", T::kNameBuiltin}, {"export", T::kNameBuiltin}, {"false", T::kNameBuiltin}, {"fc", T::kNameBuiltin},
    {"fg", T::kNameBuiltin}, {"getopts", T::kNameBuiltin}, {"hash", T::kNameBuiltin}, {"help", T::kNameBuiltin},
    {"history", T::kNameBuiltin}, {"jobs", T::kNameBuiltin}, {"kill", T::kNameBuiltin}, {"let", T::kNameBuiltin},
    {"local", T::kNameBuiltin}, {"logout", T::kNameBuiltin}, {"popd", T::kNameBuiltin},
    {"printf", T::kNameBuiltin}, {"pushd", T::kNameBuiltin}, {"pwd", T::kNameBuiltin}, {"read", T::kNameBuiltin},
    {"readonly", T::kNameBuiltin}, {"set", T::kNameBuiltin}, {"shift", T::kNameBuiltin},
    {"shopt", T::kNameBuiltin}, {"source", T::kNameBuiltin}, {"suspend", T::kNameBuiltin},
    {"test", T::kNameBuiltin}, {"time", T::kNameBuiltin}, {"times", T::kNameBuiltin}, {"trap", T::kNameBuiltin},
    {"true", T::kNameBuiltin}, {"type", T::kNameBuiltin}, {"typeset", T::kNameBuiltin},
    {"ulimit", T::kNameBuiltin}, {"umask", T::kNameBuiltin}, {"unalias", T::kNameBuiltin},
    {"unset", T::kNameBuiltin}, {"wait", T::kNameBuiltin},
};

bool word_char(char c) { return scan::is_ident_char(c); }

class BashLexer {
 public:
  BashLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = step(i);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  enum class State : std::uint8_t { kRoot, kString, kCurly, kParen, kMath, kBackticks };
  State state() const { return stack_.top(); }
  void push(State s) { stack_.push(s); }
  void pop() { stack_.pop(); }
  bool boundary(std::size_t i) const { return i == 0 || !word_char(s_[i - 1]); }

  std::size_t step(std::size_t i) {
    char c = s_[i];
    switch (state()) {
      case State::kString: return string_step(i);
      case State::kCurly:
        if (c == '}') {
          out_.push(T::kStringInterpol, i + 1);
          pop();
          return i + 1;
        }
        if (c == ':' && i + 1 < s_.size() && s_[i + 1] == '-') {
          out_.push(T::kKeyword, i + 2);
          return i + 2;
        }
        if (word_char(c)) {
          std::size_t e = scan::skip_ident(s_, i);
          out_.push(T::kNameVariable, e);
          return e;
        }
        if (std::string_view("}:\"'`$\\").find(c) == std::string_view::npos) {
          std::size_t e = i + 1;
          while (e < s_.size() && std::string_view("}:\"'`$\\").find(s_[e]) == std::string_view::npos) ++e;
          out_.push(T::kPunctuation, e);
          return e;
        }
        if (c == ':') {
          out_.push(T::kPunctuation, i + 1);
          return i + 1;
        }
        break;
      case State::kParen:
        if (c == ')') {
          out_.push(T::kKeyword, i + 1);
          pop();
          return i + 1;
        }
        break;
      case State::kMath:
        if (c == ')' && i + 1 < s_.size() && s_[i + 1] == ')') {
          out_.push(T::kKeyword, i + 2);
          pop();
          return i + 2;
        }
        if (std::string_view("-+*/%^|&").find(c) != std::string_view::npos) {
          out_.push(T::kOperator, i + 1);
          return i + 1;
        }
        if (scan::is_digit(c)) {
          std::size_t e = i;
          while (e < s_.size() && scan::is_digit(s_[e])) ++e;
          if (e < s_.size() && s_[e] == '#') {
            std::size_t d = e + 1;
            while (d < s_.size() && scan::is_digit(s_[d])) ++d;
            if (d > e + 1 || d >= s_.size() || s_[d] != ' ') e = d;
          }
          out_.push(T::kNumber, e);
          return e;
        }
        break;
      case State::kBackticks:
        if (c == '`') {
          out_.push(T::kStringBacktick, i + 1);
          pop();
          return i + 1;
        }
        break;
      case State::kRoot: break;
    }
    return root_step(i);
  }

  std::size_t root_step(std::size_t i) {
    if (std::size_t e = basic(i); e != 0) return e;
    char c = s_[i];
    if (c == '`') {
      out_.push(T::kStringBacktick, i + 1);
      push(State::kBackticks);
      return i + 1;
    }
    if (std::size_t e = data(i); e != 0) return e;
    return interp(i);
  }

  std::size_t basic(std::size_t i) {
    char c = s_[i];
    if (word_char(c) && boundary(i)) {
      std::size_t e = scan::skip_ident(s_, i);
      std::string_view w = s_.substr(i, e - i);
      if (kKeywords.contains(w)) {
        // (kw)(\s*)\b: the spaces are kept only when a word follows them.
        std::size_t sp = e;
        while (sp < s_.size() && scan::is_space(s_[sp])) ++sp;
        out_.push(T::kKeyword, e);
        if (sp < s_.size() && word_char(s_[sp])) {
          out_.push(T::kText, sp);
          return sp;
        }
        return e;  // (\s*)\b backtracks to no spaces
      }
      if (kBuiltins.contains(w) && e < s_.size() && (scan::is_space(s_[e]) || s_[e] == ')' || s_[e] == '`')) {
        out_.push(T::kNameBuiltin, e);
        return e;
      }
    }
    if (c == '#') {
      std::size_t e = scan::line_end(s_, i);
      out_.push(i == 0 && scan::at(s_, 0, "#!") && e > 2 ? T::kCommentHashbang : T::kCommentSingle, e);
      return e < s_.size() ? e + 1 : e;  // the end of input counts as a newline
    }
    if (c == '\\' && i + 1 < s_.size()) {
      std::size_t e = scan::next_char(s_, i + 1);
      out_.push(T::kStringEscape, e);
      return e;
    }
    if (word_char(c) && boundary(i)) {
      std::size_t e = scan::skip_ident(s_, i);
      std::size_t k = e;
      while (k < s_.size() && scan::is_space(s_[k])) ++k;
      std::size_t op = k;
      if (op < s_.size() && s_[op] == '+') ++op;
      if (op < s_.size() && s_[op] == '=') {
        out_.push(T::kNameVariable, e);
        out_.push(T::kText, k);
        out_.push(T::kOperator, op + 1);
        return op + 1;
      }
    }
    if (std::string_view("[]{}()=").find(c) != std::string_view::npos) {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (c == '<' && scan::at(s_, i, "<<<")) {
      out_.push(T::kOperator, i + 3);
      return i + 3;
    }
    if (c == '<' && scan::at(s_, i, "<<")) {
      if (std::size_t e = heredoc(i); e != 0) return e;
    }
    if ((c == '&' && scan::at(s_, i, "&&")) || (c == '|' && scan::at(s_, i, "||"))) {
      out_.push(T::kOperator, i + 2);
      return i + 2;
    }
    return 0;
  }

  // <<-? \s* '? \\? WORD ... WORD
  std::size_t heredoc(std::size_t i) {
    std::size_t j = i + 2;
    if (j < s_.size() && s_[j] == '-') ++j;
    while (j < s_.size() && scan::is_space(s_[j])) ++j;
    bool quote = j < s_.size() && s_[j] == '\'';
    if (quote) ++j;
    if (j < s_.size() && s_[j] == '\\') ++j;
    std::size_t w = j;
    while (w < s_.size() && word_char(s_[w])) ++w;
    if (w == j) return 0;
    std::string_view word = s_.substr(j, w - j);
    // [\w\W]+? takes at least one character before the closing word.
    if (heredoc_miss_.covers(i) && heredoc_word_ == word) return 0;
    std::size_t end = s_.find(word, w + 1);
    if (end == std::string_view::npos) {
      heredoc_miss_.record(i, s_.size() + 1);
      heredoc_word_ = word;
      return 0;
    }
    std::size_t e = end + word.size();
    out_.push(T::kString, e);
    return e;
  }

  std::size_t data(std::size_t i) {
    char c = s_[i];
    if (c == '"' || (c == '$' && i + 1 < s_.size() && s_[i + 1] == '"')) {
      // A double-quoted string without expansions is one token.
      std::size_t j = c == '$' ? i + 2 : i + 1;
      while (j < s_.size() && s_[j] != '"' && s_[j] != '$') j += s_[j] == '\\' ? 2 : 1;
      if (j < s_.size() && s_[j] == '"') {
        out_.push(T::kStringDouble, j + 1);
        return j + 1;
      }
      if (c == '"') {
        out_.push(T::kStringDouble, i + 1);
        push(State::kString);
        return i + 1;
      }
    }
    if (c == '$' && i + 1 < s_.size() && s_[i + 1] == '\'') {
      std::size_t j = i + 2;
      while (j < s_.size() && s_[j] != '\'') j += s_[j] == '\\' ? 2 : 1;
      if (j < s_.size()) {
        out_.push(T::kStringSingle, j + 1);
        return j + 1;
      }
    }
    if (c == '\'') {
      std::size_t j = s_.find('\'', i + 1);
      if (j != std::string_view::npos) {
        out_.push(T::kStringSingle, j + 1);
        return j + 1;
      }
    }
    if (c == ';' || c == '&' || c == '|') {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (scan::is_digit(c)) {
      std::size_t e = i;
      while (e < s_.size() && scan::is_digit(s_[e])) ++e;
      if (e >= s_.size() || !word_char(s_[e])) {
        out_.push(T::kNumber, e);
        return e;
      }
    }
    if (std::string_view("=[]{}()$\"'`\\<&|;").find(c) == std::string_view::npos && !scan::is_space(c)) {
      std::size_t e = i + 1;
      while (e < s_.size() && !scan::is_space(s_[e]) &&
             std::string_view("=[]{}()$\"'`\\<&|;").find(s_[e]) == std::string_view::npos) {
        ++e;
      }
      out_.push(T::kText, e);
      return e;
    }
    if (c == '<') {
      out_.push(T::kText, i + 1);
      return i + 1;
    }
    return 0;
  }

  std::size_t interp(std::size_t i) {
    if (s_[i] != '$') {
      std::size_t e = scan::next_char(s_, i);
      out_.push(T::kError, e);
      return e;
    }
    if (scan::at(s_, i, "$((")) {
      out_.push(T::kKeyword, i + 3);
      push(State::kMath);
      return i + 3;
    }
    if (scan::at(s_, i, "$(")) {
      out_.push(T::kKeyword, i + 2);
      push(State::kParen);
      return i + 2;
    }
    if (scan::at(s_, i, "${")) {
      std::size_t e = i + 2 < s_.size() && s_[i + 2] == '#' ? i + 3 : i + 2;
      out_.push(T::kStringInterpol, e);
      push(State::kCurly);
      return e;
    }
    if (i + 1 < s_.size() && (scan::is_alpha(s_[i + 1]) || s_[i + 1] == '_')) {
      std::size_t e = scan::skip_ident(s_, i + 1);
      out_.push(T::kNameVariable, e);
      return e;
    }
    if (i + 1 < s_.size() && scan::is_digit(s_[i + 1])) {
      std::size_t e = i + 1;
      while (e < s_.size() && scan::is_digit(s_[e])) ++e;
      out_.push(T::kNameVariable, e);
      return e;
    }
    if (i + 1 < s_.size() && std::string_view("#$?!_*@-").find(s_[i + 1]) != std::string_view::npos) {
      out_.push(T::kNameVariable, i + 2);
      return i + 2;
    }
    out_.push(T::kText, i + 1);
    return i + 1;
  }

  std::size_t string_step(std::size_t i) {
    char c = s_[i];
    if (c == '"') {
      out_.push(T::kStringDouble, i + 1);
      pop();
      return i + 1;
    }
    if (c == '$') return interp(i);
    std::size_t j = i;
    while (j < s_.size() && s_[j] != '"' && s_[j] != '$') {
      if (s_[j] == '\\' && j + 1 < s_.size()) j = scan::next_char(s_, j + 1);
      else ++j;
    }
    out_.push(T::kStringDouble, j);
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::StateStack<State, 48> stack_;
  scan::Miss heredoc_miss_;        // an unterminated here-document ...
  std::string_view heredoc_word_;  // ... ending with this word
};

// The prompt at the start of a console line (Pygments' BashSessionLexer
// shapes: "$ ", "# ", "% ", "user@host:~/dir$ ", "[user@host dir]$ ",
// "(venv) $ "); returns its length, 0 if the line is output.
std::size_t prompt_length(std::string_view line) {
  auto finish = [&](std::size_t k) -> std::size_t {
    // k is just past the prompt character; trailing blanks belong to it.
    while (k < line.size() && scan::is_blank(line[k])) ++k;
    return k;
  };
  auto is_prompt_char = [](char c) { return c == '$' || c == '#' || c == '%'; };
  std::size_t i = 0;
  if (i < line.size() && line[i] == '(') {
    std::size_t close = line.find(')');
    if (close != std::string_view::npos && close > 1 && line.substr(1, close - 1).find(' ') == std::string_view::npos) {
      i = close + 1;
    }
  }
  std::size_t k = i;
  while (k < line.size() && scan::is_blank(line[k])) ++k;
  if (k < line.size() && is_prompt_char(line[k])) return finish(k + 1);
  if (k < line.size() && line[k] == '[') {
    std::size_t close = line.find(']', k);
    if (close != std::string_view::npos) {
      std::size_t p = close + 1;
      while (p < line.size() && scan::is_blank(line[p])) ++p;
      if (p < line.size() && is_prompt_char(line[p])) return finish(p + 1);
    }
  }
  // user@host:dir$ — a word with '@' or ':' that ends in the prompt character.
  std::size_t e = k;
  while (e < line.size() && !scan::is_space(line[e])) ++e;
  std::string_view word = line.substr(k, e - k);
  if (word.size() >= 2 && is_prompt_char(word.back()) &&
      (word.starts_with("sh") ||
       (scan::is_ident_char(word[0]) && word.substr(1).find_first_of("@:") != std::string_view::npos))) {
    return finish(e);
  }
  return 0;
}

}  // namespace

void lex_bash(std::string_view code, TokenSink& out) { BashLexer(code, out).run(); }

void lex_console(std::string_view code, TokenSink& out) {
  std::size_t i = 0;
  bool continuation = false;
  while (i < code.size()) {
    std::size_t e = scan::line_end(code, i);
    std::size_t next = e < code.size() ? e + 1 : e;
    std::string_view line = code.substr(i, e - i);
    std::size_t p = 0;
    bool command = false;
    if (continuation) {
      p = line.starts_with("> ") ? 2 : 0;
      command = true;
    } else if ((p = prompt_length(line)) != 0) {
      command = true;
    }
    if (command) {
      out.push(T::kGenericPrompt, i + p);
      TokenSink::Embed embed(out, i + p);
      lex_bash(code.substr(i + p, next - i - p), out);
      continuation = e > i && code[e - 1] == '\\';
    } else {
      out.push(T::kGenericOutput, next);
      continuation = false;
    }
    i = next;
  }
}

}  // namespace bengal::highlight
