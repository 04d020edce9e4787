// Ruby, following Pygments' RubyLexer: def/class/module names, symbols and
// "key:" hash keys, #{} interpolation (in '' too, as Pygments does), %-literals,
// regex literals where an operand may start, heredocs, instance/class/global
// variables, builtins unless called as methods.
#include <algorithm>

#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<128> kKeywords = {
    {"BEGIN", T::kKeyword}, {"END", T::kKeyword}, {"alias", T::kKeyword}, {"begin", T::kKeyword},
    {"break", T::kKeyword}, {"case", T::kKeyword}, {"do", T::kKeyword}, {"else", T::kKeyword},
    {"elsif", T::kKeyword}, {"end", T::kKeyword}, {"ensure", T::kKeyword}, {"for", T::kKeyword},
    {"if", T::kKeyword}, {"in", T::kKeyword}, {"next", T::kKeyword}, {"redo", T::kKeyword},
    {"rescue", T::kKeyword}, {"raise", T::kKeyword}, {"retry", T::kKeyword}, {"return", T::kKeyword},
    {"super", T::kKeyword}, {"then", T::kKeyword}, {"undef", T::kKeyword}, {"unless", T::kKeyword},
    {"until", T::kKeyword}, {"when", T::kKeyword}, {"while", T::kKeyword}, {"yield", T::kKeyword},
    {"initialize", T::kKeywordPseudo}, {"new", T::kKeywordPseudo}, {"loop", T::kKeywordPseudo},
    {"include", T::kKeywordPseudo}, {"extend", T::kKeywordPseudo}, {"attr_reader", T::kKeywordPseudo},
    {"attr_writer", T::kKeywordPseudo}, {"attr_accessor", T::kKeywordPseudo}, {"attr", T::kKeywordPseudo},
    {"catch", T::kKeywordPseudo}, {"throw", T::kKeywordPseudo}, {"private", T::kKeywordPseudo},
    {"module_function", T::kKeywordPseudo}, {"public", T::kKeywordPseudo}, {"protected", T::kKeywordPseudo},
    {"true", T::kKeywordPseudo}, {"false", T::kKeywordPseudo}, {"nil", T::kKeywordPseudo},
    {"not", T::kOperatorWord}, {"and", T::kOperatorWord}, {"or", T::kOperatorWord},
};

// Builtins written with a '?' (checked with the '?').
constexpr scan::KeywordTable<64> kPredicates = {
    {"autoload?", T::kNameBuiltin}, {"block_given?", T::kNameBuiltin}, {"const_defined?", T::kNameBuiltin},
    {"eql?", T::kNameBuiltin}, {"equal?", T::kNameBuiltin}, {"frozen?", T::kNameBuiltin},
    {"include?", T::kNameBuiltin}, {"instance_of?", T::kNameBuiltin}, {"is_a?", T::kNameBuiltin},
    {"iterator?", T::kNameBuiltin}, {"kind_of?", T::kNameBuiltin}, {"method_defined?", T::kNameBuiltin},
    {"nil?", T::kNameBuiltin}, {"private_method_defined?", T::kNameBuiltin},
    {"protected_method_defined?", T::kNameBuiltin}, {"public_method_defined?", T::kNameBuiltin},
    {"respond_to?", T::kNameBuiltin}, {"tainted?", T::kNameBuiltin}, {"chomp!", T::kNameBuiltin},
    {"chop!", T::kNameBuiltin}, {"exit!", T::kNameBuiltin}, {"gsub!", T::kNameBuiltin}, {"sub!", T::kNameBuiltin},
};

constexpr scan::KeywordTable<256> kBuiltins = {
    {"Array", T::kNameBuiltin}, {"Float", T::kNameBuiltin}, {"Integer", T::kNameBuiltin},
    {"String", T::kNameBuiltin}, {"__id__", T::kNameBuiltin}, {"__send__", T::kNameBuiltin},
    {"abort", T::kNameBuiltin}, {"ancestors", T::kNameBuiltin}, {"at_exit", T::kNameBuiltin},
    {"autoload", T::kNameBuiltin}, {"binding", T::kNameBuiltin}, {"callcc", T::kNameBuiltin},
    {"caller", T::kNameBuiltin}, {"catch", T::kNameBuiltin}, {"chomp", T::kNameBuiltin}, {"chop", T::kNameBuiltin},
    {"class_eval", T::kNameBuiltin}, {"class_variables", T::kNameBuiltin}, {"clone", T::kNameBuiltin},
    {"const_get", T::kNameBuiltin}, {"const_missing", T::kNameBuiltin}, {"const_set", T::kNameBuiltin},
    {"constants", T::kNameBuiltin}, {"display", T::kNameBuiltin}, {"dup", T::kNameBuiltin},
    {"eval", T::kNameBuiltin}, {"exec", T::kNameBuiltin}, {"exit", T::kNameBuiltin}, {"extend", T::kNameBuiltin},
    {"fail", T::kNameBuiltin}, {"fork", T::kNameBuiltin}, {"format", T::kNameBuiltin}, {"freeze", T::kNameBuiltin},
    {"getc", T::kNameBuiltin}, {"gets", T::kNameBuiltin}, {"global_variables", T::kNameBuiltin},
    {"gsub", T::kNameBuiltin}, {"hash", T::kNameBuiltin}, {"id", T::kNameBuiltin},
    {"included_modules", T::kNameBuiltin}, {"inspect", T::kNameBuiltin}, {"instance_eval", T::kNameBuiltin},
    {"instance_method", T::kNameBuiltin}, {"instance_methods", T::kNameBuiltin},
    {"instance_variable_get", T::kNameBuiltin}, {"instance_variable_set", T::kNameBuiltin},
    {"instance_variables", T::kNameBuiltin}, {"lambda", T::kNameBuiltin}, {"load", T::kNameBuiltin},
    {"local_variables", T::kNameBuiltin}, {"loop", T::kNameBuiltin}, {"method", T::kNameBuiltin},
    {"method_missing", T::kNameBuiltin}, {"methods", T::kNameBuiltin}, {"module_eval", T::kNameBuiltin},
    {"name", T::kNameBuiltin}, {"object_id", T::kNameBuiltin}, {"open", T::kNameBuiltin}, {"p", T::kNameBuiltin},
    {"print", T::kNameBuiltin}, {"printf", T::kNameBuiltin}, {"private_class_method", T::kNameBuiltin},
    {"private_methods", T::kNameBuiltin}, {"proc", T::kNameBuiltin},
    {"protected_instance_methods", T::kNameBuiltin}, {"protected_methods", T::kNameBuiltin},
    {"public_class_method", T::kNameBuiltin}, {"public_instance_methods", T::kNameBuiltin},
    {"public_methods", T::kNameBuiltin}, {"putc", T::kNameBuiltin}, {"puts", T::kNameBuiltin},
    {"raise", T::kNameBuiltin}, {"rand", T::kNameBuiltin}, {"readline", T::kNameBuiltin},
    {"readlines", T::kNameBuiltin}, {"require", T::kNameBuiltin}, {"scan", T::kNameBuiltin},
    {"select", T::kNameBuiltin}, {"self", T::kNameBuiltin}, {"send", T::kNameBuiltin},
    {"set_trace_func", T::kNameBuiltin}, {"singleton_methods", T::kNameBuiltin}, {"sleep", T::kNameBuiltin},
    {"split", T::kNameBuiltin}, {"sprintf", T::kNameBuiltin}, {"srand", T::kNameBuiltin}, {"sub", T::kNameBuiltin},
    {"syscall", T::kNameBuiltin}, {"system", T::kNameBuiltin}, {"taint", T::kNameBuiltin},
    {"test", T::kNameBuiltin}, {"throw", T::kNameBuiltin}, {"to_a", T::kNameBuiltin}, {"to_s", T::kNameBuiltin},
    {"trace_var", T::kNameBuiltin}, {"trap", T::kNameBuiltin}, {"untaint", T::kNameBuiltin},
    {"untrace_var", T::kNameBuiltin}, {"warn", T::kNameBuiltin},
};

bool name_start(char c) { return scan::is_alpha(c) || c == '_'; }
std::size_t name_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (scan::is_alpha(s[i]) || scan::is_digit(s[i]) || s[i] == '_')) ++i;
  return i;
}
char closer(char c) {
  switch (c) {
    case '{': return '}';
    case '(': return ')';
    case '[': return ']';
    case '<': return '>';
    default: return c;
  }
}

class RubyLexer {
 public:
  RubyLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }
  bool line_start(std::size_t i) const { return i == 0 || s_[i - 1] == '\n'; }

  // Is a '/' at `slash` (after blanks from `from`) the start of a regex?
  bool regex_position(std::size_t from) const {
    if (line_start(from)) return true;
    char p = s_[from - 1];
    if (std::string_view("=<>~!:(,[").find(p) != std::string_view::npos) return true;
    // After these words and one blank.
    std::size_t k = from;
    if (k > 0 && scan::is_space(s_[k - 1])) {
      std::size_t w = k - 1;
      std::size_t b = w;
      while (b > 0 && (scan::is_ident_char(s_[b - 1]) || s_[b - 1] == '!')) --b;
      std::string_view word = s_.substr(b, w - b);
      static constexpr std::string_view kWords[] = {"when", "or", "and", "if", "elsif", "index", "scan", "sub",
                                                    "sub!", "gsub", "gsub!", "match"};
      for (std::string_view x : kWords) {
        if (word == x) return true;
      }
    }
    return false;
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (c == '#') {
      std::size_t e = scan::line_end(s_, i);
      out_.push(i == 0 && at(1) == '!' ? T::kCommentHashbang : T::kCommentSingle, e);
      return e;
    }
    if (c == '=' && line_start(i) && scan::at(s_, i, "=begin") && scan::is_space(at(i + 6))) {
      std::size_t end = scan::find(s_, "\n=end", i, begin_miss_);
      if (end != std::string_view::npos) {
        std::size_t e = scan::line_end(s_, end + 1);
        out_.push(T::kCommentMultiline, e);
        return e;
      }
    }
    if (name_start(c)) return word(i);
    if (c == '<' && at(i + 1) == '<' && !(i > 0 && scan::is_ident_char(s_[i - 1]))) {
      if (std::size_t h = heredoc(i)) return h;
    }
    if (c == '/' && regex_position(i)) return regex_body(i + 1);
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      if (at(e) == '/' && (regex_position(e) || (!scan::is_space(at(e + 1)) && at(e + 1) != '='))) {
        out_.push(T::kText, e);
        return regex_body(e + 1);
      }
      out_.push(T::kText, e);
      return e;
    }
    if (scan::is_digit(c)) return number(i);
    if (c == '@') {
      std::size_t k = at(i + 1) == '@' ? i + 2 : i + 1;
      if (name_start(at(k))) {
        std::size_t e = name_end(s_, k);
        out_.push(k == i + 2 ? T::kNameVariableClass : T::kNameVariableInstance, e);
        return e;
      }
    }
    if (c == '$') {
      if (scan::is_ident_char(at(i + 1))) {
        std::size_t e = scan::skip_ident(s_, i + 1);
        out_.push(T::kNameVariableGlobal, e);
        return e;
      }
      if (at(i + 1) != '\0' && std::string_view("!@&`'+~=/\\,;.<>_*$?:\"^-").find(at(i + 1)) != std::string_view::npos) {
        std::size_t e = i + 2;
        if (at(i + 1) == '-' && at(i + 2) != '\0' && std::string_view("0adFiIlpvw").find(at(i + 2)) != std::string_view::npos) e = i + 3;
        out_.push(T::kNameVariableGlobal, e);
        return e;
      }
    }
    if (c == ':' && at(i + 1) == ':') {
      out_.push(T::kOperator, i + 2);
      if (name_start(at(i + 2))) {
        std::size_t e = name_end(s_, i + 2);
        if (at(e) == '!' || at(e) == '?') ++e;
        bool constant = at(i + 2) >= 'A' && at(i + 2) <= 'Z';
        if (!constant) {
          out_.push(T::kName, e);
          return e;
        }
      }
      return i + 2;
    }
    if (std::size_t e = strings(i)) return e;
    if (c == '?') {
      std::size_t k = i + 1;
      if (at(k) == '\\' && at(k + 1) != '\0') {
        k += 2;
        if (at(k - 1) == 'x') while (scan::is_hex(at(k)) && k < i + 5) ++k;
      } else if (at(k) != '\0' && !scan::is_space(at(k))) {
        k = scan::next_char(s_, k);
      } else {
        k = 0;
      }
      if (k && !scan::is_ident_char(at(k))) {
        out_.push(T::kStringChar, k);
        return k;
      }
    }
    if (c == '.') {
      if (name_start(at(i + 1))) {
        std::size_t e = name_end(s_, i + 1);
        if (at(e) == '!' || at(e) == '?') ++e;
        out_.push(T::kOperator, i + 1);
        out_.push(T::kName, e);
        return e;
      }
    }
    static constexpr std::string_view kOps[] = {"<=>", "===", "...", "**", "<<", ">>", ">=", "<=", "=~", "!~", "&&",
                                                "||", "..", "[", "]", "<", ">", "&", "."};
    for (std::string_view o : kOps) {
      if (scan::at(s_, i, o)) {
        out_.push(T::kOperator, i + o.size());
        return i + o.size();
      }
    }
    if (std::string_view("-+/*%=<>&!^|~").find(c) != std::string_view::npos) {
      std::size_t e = at(i + 1) == '=' ? i + 2 : i + 1;
      out_.push(T::kOperator, e);
      return e;
    }
    if (std::string_view("(){};,/?:\\").find(c) != std::string_view::npos) {
      if (c == '{' && depth_ > 0) ++braces_;
      if (c == '}' && depth_ > 0) {
        if (braces_ == 0) return i;  // closes the interpolation
        --braces_;
      }
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t word(std::size_t i) {
    std::size_t e = name_end(s_, i);
    std::string_view w = s_.substr(i, e - i);
    const bool after_dot = i > 0 && s_[i - 1] == '.';
    if (w == "defined" && at(e) == '?') {
      out_.push(T::kKeyword, e + 1);
      return e + 1;
    }
    if (w == "module" || w == "def" || w == "class") {
      std::size_t sp = scan::skip_spaces(s_, e);
      if (w == "module" && sp > e && name_start(at(sp))) {
        std::size_t n = name_end(s_, sp);
        while (scan::at(s_, n, "::") && name_start(at(n + 2))) n = name_end(s_, n + 2);
        out_.push(T::kKeyword, e);
        out_.push(T::kText, sp);
        out_.push(T::kNameNamespace, n);
        return n;
      }
      if (w == "def" && (sp > e || (at(e) != '\0' && std::string_view("*%&^`~+-/[<>=").find(at(e)) != std::string_view::npos))) {
        out_.push(T::kKeyword, e);
        out_.push(T::kText, sp);
        return method_name(sp);
      }
      if (w == "class" && sp > e) {
        out_.push(T::kKeyword, e);
        out_.push(T::kText, sp);
        if (scan::at(s_, sp, "<<")) {
          out_.push(T::kOperator, sp + 2);
          return sp + 2;
        }
        if ((at(sp) >= 'A' && at(sp) <= 'Z') || at(sp) == '_') {
          std::size_t n = name_end(s_, sp);
          out_.push(T::kNameClass, n);
          return n;
        }
        return sp;
      }
    }
    T t = kKeywords.find(w, T::kText);
    if (t != T::kText) {
      out_.push(t, e);
      return e;
    }
    if ((at(e) == '?' || at(e) == '!') && kPredicates.contains(s_.substr(i, e + 1 - i))) {
      out_.push(T::kNameBuiltin, e + 1);
      return e + 1;
    }
    if (!after_dot && kBuiltins.contains(w) && !(at(e) == ':' && at(e + 1) != ':')) {
      out_.push(T::kNameBuiltin, e);
      return e;
    }
    if (w == "__FILE__" || w == "__LINE__") {
      out_.push(T::kNameBuiltinPseudo, e);
      return e;
    }
    if (w == "__END__") {
      out_.push(T::kCommentPreproc, e);
      std::size_t le = scan::line_end(s_, e);
      out_.push(T::kCommentPreproc, le);
      return le;
    }
    if (at(e) == ':' && at(e + 1) != ':') {  // Ruby 1.9 hash key
      out_.push(T::kStringSymbol, e);
      out_.push(T::kPunctuation, e + 1);
      return e + 1;
    }
    if (w[0] >= 'A' && w[0] <= 'Z' && w.size() >= 2) {
      out_.push(T::kNameConstant, e);
      return e;
    }
    if (at(e) == '!' || at(e) == '?') ++e;
    out_.push(T::kName, e);
    return e;
  }

  std::size_t method_name(std::size_t k) {
    if (at(k) == '(') return k;
    std::size_t scope = name_start(at(k)) ? name_end(s_, k) : k;
    std::size_t n = k;
    if (scope > k && at(scope) == '.') {
      out_.push(T::kNameClass, scope);
      out_.push(T::kOperator, scope + 1);
      n = scope + 1;
    }
    if (scan::is_alpha(at(n)) || scan::is_high(at(n))) {
      std::size_t e = n + 1;
      while (e < s_.size() && (scan::is_ident_char(s_[e]))) ++e;
      if (at(e) == '!' || at(e) == '?' || at(e) == '=') ++e;
      out_.push(T::kNameFunction, e);
      return e;
    }
    static constexpr std::string_view kOps[] = {"[]=", "<=>", "===", "!=", "!~", "=~", "**", "+@", "-@", "!@", "~@",
                                                "<<", "<=", ">>", ">=", "==", "[]", "*", "+", "-", "!", "~", "/",
                                                "%", "&", "|", "^", "<", ">", "`"};
    for (std::string_view o : kOps) {
      if (scan::at(s_, n, o)) {
        out_.push(T::kNameFunction, n + o.size());
        return n + o.size();
      }
    }
    return n;
  }

  std::size_t number(std::size_t i) {
    std::size_t e = i;
    T t = T::kNumberInteger;
    auto run = [&](std::size_t k, auto ok) {
      while (k < s_.size() && (ok(s_[k]) || (s_[k] == '_' && ok(at(k + 1))))) ++k;
      return k;
    };
    if (s_[i] == '0' && at(i + 1) == 'x' && scan::is_hex(at(i + 2))) {
      e = run(i + 2, [](char d) { return scan::is_hex(d); });
      t = T::kNumberHex;
    } else if (s_[i] == '0' && at(i + 1) == 'b' && (at(i + 2) == '0' || at(i + 2) == '1')) {
      e = run(i + 2, [](char d) { return d == '0' || d == '1'; });
      t = T::kNumberBin;
    } else if (s_[i] == '0' && ((at(i + 1) >= '0' && at(i + 1) <= '7') || (at(i + 1) == '_' && at(i + 2) >= '0' && at(i + 2) <= '7'))) {
      e = run(at(i + 1) == '_' ? i + 2 : i + 1, [](char d) { return d >= '0' && d <= '7'; });
      t = T::kNumberOct;
    } else {
      e = run(i, [](char d) { return scan::is_digit(d); });
    }
    out_.push(t, e);
    // A following "/" or "?" is an operator, never a regex or a character.
    std::size_t sp = e;
    while (sp < s_.size() && scan::is_space(s_[sp])) ++sp;
    if (at(sp) == '/' || at(sp) == '?') {
      out_.push(T::kText, sp);
      out_.push(T::kOperator, sp + 1);
      return sp + 1;
    }
    return e;
  }

  // Interpolation and escapes shared by strings; returns the end or 0.
  std::size_t interpolation(std::size_t j, bool escapes) {
    if (at(j) == '#' && at(j + 1) == '{' && depth_ < kMaxNesting) {
      out_.push(T::kStringInterpol, j + 2);
      ++depth_;
      int saved = braces_;
      braces_ = 0;
      std::size_t k = j + 2;
      while (k < s_.size() && !(s_[k] == '}' && braces_ == 0)) {
        std::size_t e = token(k);
        k = e > k ? e : scan::next_char(s_, k);
      }
      braces_ = saved;
      --depth_;
      if (k < s_.size()) out_.push(T::kStringInterpol, ++k);
      return k;
    }
    if (at(j) == '#' && (at(j + 1) == '@' || at(j + 1) == '$')) {
      std::size_t k = j + 2;
      if (at(j + 1) == '@' && at(k) == '@') ++k;
      if (name_start(at(k))) {
        std::size_t e = name_end(s_, k);
        out_.push(T::kStringInterpol, e);
        return e;
      }
    }
    if (escapes && at(j) == '\\') {
      char n = at(j + 1);
      std::size_t e = 0;
      if (n != '\0' && std::string_view("\\abefnrstv#\"'").find(n) != std::string_view::npos) e = j + 2;
      else if (n == 'x' && scan::is_hex(at(j + 2))) e = scan::is_hex(at(j + 3)) ? j + 4 : j + 3;
      else if (n >= '0' && n <= '7') {
        e = j + 1;
        while (e < s_.size() && e - j <= 3 && s_[e] >= '0' && s_[e] <= '7') ++e;
      }
      if (e) {
        out_.push(T::kStringEscape, e);
        return e;
      }
    }
    return 0;
  }

  // A quoted body up to `close` (nesting `open` when it differs).
  std::size_t body(std::size_t j, char open, char close, T t, bool interpolate, bool escapes) {
    int depth = 0;
    while (j < s_.size()) {
      char c = s_[j];
      if (interpolate) {
        if (std::size_t e = interpolation(j, escapes)) {
          j = e;
          continue;
        }
      }
      if (c == '\\' && j + 1 < s_.size() && (s_[j + 1] == close || s_[j + 1] == open || s_[j + 1] == '\\')) {
        out_.push(t, j += 2);
        continue;
      }
      if (open != close && c == open) ++depth;
      if (c == close) {
        if (depth == 0) {
          out_.push(t, j + 1);
          return j + 1;
        }
        --depth;
      }
      out_.push(t, j = scan::next_char(s_, j));
    }
    return j;
  }

  std::size_t strings(std::size_t i) {
    char c = s_[i];
    if (c == ':') {
      std::size_t k = i + 1;
      while (at(k) == '@' && k < i + 3) ++k;
      if (name_start(at(k))) {
        std::size_t e = name_end(s_, k);
        if (at(e) == '!' || at(e) == '?') ++e;
        out_.push(T::kStringSymbol, e);
        return e;
      }
      if (at(i + 1) == '\'') {
        std::size_t j = i + 2;
        while (j < s_.size() && s_[j] != '\'') j += s_[j] == '\\' ? 2 : 1;
        if (j < s_.size()) {
          out_.push(T::kStringSymbol, j + 1);
          return j + 1;
        }
      }
      if (at(i + 1) == '"') {
        out_.push(T::kStringSymbol, i + 2);
        return body(i + 2, '"', '"', T::kStringSymbol, true, true);
      }
      static constexpr std::string_view kOps[] = {"[]=", "<=>", "===", "**", "<<", ">>", "<=", ">=", "==", "=~",
                                                  "!=", "!~", "[]", "+@", "-@", "+", "-", "*", "/", "%", "&",
                                                  "|", "^", "<", ">", "~", "!", "`"};
      for (std::string_view o : kOps) {
        if (scan::at(s_, i + 1, o)) {
          out_.push(T::kStringSymbol, i + 1 + o.size());
          return i + 1 + o.size();
        }
      }
      return 0;
    }
    if (c == '"') {
      out_.push(T::kStringDouble, i + 1);
      return body(i + 1, '"', '"', T::kStringDouble, true, true);
    }
    if (c == '\'') {
      out_.push(T::kStringSingle, i + 1);
      return body(i + 1, '\'', '\'', T::kStringSingle, true, true);
    }
    if (c == '`' && !(i > 0 && s_[i - 1] == '.')) {
      out_.push(T::kStringBacktick, i + 1);
      return body(i + 1, '`', '`', T::kStringBacktick, true, true);
    }
    if (c == '%') {
      char kind = at(i + 1);
      std::size_t d = i + 1;
      if (kind != '\0' && std::string_view("qswQWxr").find(kind) != std::string_view::npos) ++d;
      char open = at(d);
      if (open == '\0' || scan::is_space(open) || scan::is_alpha(open) || scan::is_digit(open)) return 0;
      // "x %= 2" is an operator (Pygments would start a %=...= string there).
      if (d == i + 1 && open == '=' && !line_start(i)) return 0;
      char close = closer(open);
      bool regex = kind == 'r';
      bool interpolate = !(kind == 'q' || kind == 's' || kind == 'w');
      T t = regex ? T::kStringRegex : T::kStringOther;
      out_.push(t, d + 1);
      std::size_t e = body(d + 1, open, close, t, interpolate, interpolate && !regex);
      if (regex) {
        while (at(e) != '\0' && std::string_view("mixounse").find(at(e)) != std::string_view::npos) ++e;
        out_.push(t, e);
      }
      return e;
    }
    return 0;
  }

  std::size_t regex_body(std::size_t j) {
    out_.push(T::kStringRegex, j);
    while (j < s_.size()) {
      if (std::size_t e = interpolation(j, false)) {
        j = e;
        continue;
      }
      if (s_[j] == '\\') {
        out_.push(T::kStringRegex, j = std::min(j + 2, s_.size()));
        continue;
      }
      if (s_[j] == '/') {
        std::size_t e = j + 1;
        while (at(e) != '\0' && std::string_view("mixounse").find(at(e)) != std::string_view::npos) ++e;
        out_.push(T::kStringRegex, e);
        return e;
      }
      out_.push(T::kStringRegex, j = scan::next_char(s_, j));
    }
    return j;
  }

  std::size_t heredoc(std::size_t i) {
    std::size_t j = i + 2;
    if (at(j) == '-' || at(j) == '~') ++j;
    char q = at(j) == '"' || at(j) == '\'' || at(j) == '`' ? at(j) : '\0';
    if (q) ++j;
    if (!name_start(at(j))) return 0;
    std::size_t w = name_end(s_, j);
    std::string_view id = s_.substr(j, w - j);
    std::size_t k = w;
    if (q) {
      if (at(k) != q) return 0;
      ++k;
    }
    std::size_t le = scan::line_end(s_, k);
    if (le >= s_.size()) return 0;
    out_.push(T::kString, j);
    out_.push(T::kStringDelimiter, w);
    out_.push(T::kString, k);
    // The rest of the opening line is ordinary code.
    std::size_t p = k;
    while (p < le) {
      std::size_t e = token(p);
      p = e > p ? e : scan::next_char(s_, p);
    }
    std::size_t line = le + 1;
    while (line < s_.size()) {
      std::size_t end = scan::line_end(s_, line);
      std::size_t b = line;
      while (b < end && scan::is_blank(s_[b])) ++b;
      if (s_.substr(b, end - b) == id) {
        out_.push(T::kStringHeredoc, b);
        out_.push(T::kStringDelimiter, end);
        return end;
      }
      out_.push(T::kStringHeredoc, end < s_.size() ? end + 1 : end);
      if (end >= s_.size()) break;
      line = end + 1;
    }
    return s_.size();
  }

  static constexpr int kMaxNesting = 16;

  std::string_view s_;
  TokenSink& out_;
  int depth_ = 0;   // interpolation nesting
  int braces_ = 0;  // '{' opened inside the current interpolation
  scan::Miss begin_miss_;
};

}  // namespace

void lex_ruby(std::string_view code, TokenSink& out) { RubyLexer(code, out).run(); }

}  // namespace bengal::highlight
