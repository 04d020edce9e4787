// Rust, following Pygments' RustLexer: doc comments, attributes, lifetimes,
// macros, raw strings, number suffixes, and type positions after ':' / '->'.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

constexpr KeywordTable<128> kWords = {
    {"as", T::kKeyword}, {"async", T::kKeyword}, {"await", T::kKeyword}, {"box", T::kKeyword},
    {"const", T::kKeyword}, {"crate", T::kKeyword}, {"dyn", T::kKeyword}, {"else", T::kKeyword},
    {"extern", T::kKeyword}, {"for", T::kKeyword}, {"if", T::kKeyword}, {"impl", T::kKeyword},
    {"in", T::kKeyword}, {"loop", T::kKeyword}, {"match", T::kKeyword}, {"move", T::kKeyword},
    {"mut", T::kKeyword}, {"pub", T::kKeyword}, {"ref", T::kKeyword}, {"return", T::kKeyword},
    {"static", T::kKeyword}, {"super", T::kKeyword}, {"trait", T::kKeyword}, {"unsafe", T::kKeyword},
    {"use", T::kKeyword}, {"where", T::kKeyword}, {"while", T::kKeyword}, {"abstract", T::kKeywordReserved},
    {"become", T::kKeywordReserved}, {"do", T::kKeywordReserved}, {"final", T::kKeywordReserved},
    {"macro", T::kKeywordReserved}, {"override", T::kKeywordReserved}, {"priv", T::kKeywordReserved},
    {"typeof", T::kKeywordReserved}, {"try", T::kKeywordReserved}, {"unsized", T::kKeywordReserved},
    {"virtual", T::kKeywordReserved}, {"yield", T::kKeywordReserved}, {"true", T::kKeywordConstant},
    {"false", T::kKeywordConstant}, {"self", T::kNameBuiltinPseudo}, {"Self", T::kNameBuiltinPseudo},
    {"let", T::kKeywordDeclaration}, {"mod", T::kKeyword}, {"fn", T::kKeyword}, {"struct", T::kKeyword},
    {"enum", T::kKeyword}, {"type", T::kKeyword}, {"union", T::kKeyword}, {"break", T::kKeyword},
    {"continue", T::kKeyword},
};

constexpr KeywordTable<64> kTypes = {
    {"u8", T::kKeywordType}, {"u16", T::kKeywordType}, {"u32", T::kKeywordType}, {"u64", T::kKeywordType},
    {"u128", T::kKeywordType}, {"i8", T::kKeywordType}, {"i16", T::kKeywordType}, {"i32", T::kKeywordType},
    {"i64", T::kKeywordType}, {"i128", T::kKeywordType}, {"usize", T::kKeywordType}, {"isize", T::kKeywordType},
    {"f32", T::kKeywordType}, {"f64", T::kKeywordType}, {"char", T::kKeywordType}, {"str", T::kKeywordType},
    {"bool", T::kKeywordType},
};

constexpr KeywordTable<64> kPrelude = {
    {"Copy", T::kNameBuiltin}, {"Send", T::kNameBuiltin}, {"Sized", T::kNameBuiltin}, {"Sync", T::kNameBuiltin},
    {"Unpin", T::kNameBuiltin}, {"Drop", T::kNameBuiltin}, {"Fn", T::kNameBuiltin}, {"FnMut", T::kNameBuiltin},
    {"FnOnce", T::kNameBuiltin}, {"drop", T::kNameBuiltin}, {"Box", T::kNameBuiltin},
    {"ToOwned", T::kNameBuiltin}, {"Clone", T::kNameBuiltin}, {"PartialEq", T::kNameBuiltin},
    {"PartialOrd", T::kNameBuiltin}, {"Eq", T::kNameBuiltin}, {"Ord", T::kNameBuiltin}, {"AsRef", T::kNameBuiltin},
    {"AsMut", T::kNameBuiltin}, {"Into", T::kNameBuiltin}, {"From", T::kNameBuiltin},
    {"Default", T::kNameBuiltin}, {"Iterator", T::kNameBuiltin}, {"Extend", T::kNameBuiltin},
    {"IntoIterator", T::kNameBuiltin}, {"DoubleEndedIterator", T::kNameBuiltin},
    {"ExactSizeIterator", T::kNameBuiltin}, {"Option", T::kNameBuiltin}, {"Some", T::kNameBuiltin},
    {"None", T::kNameBuiltin}, {"Result", T::kNameBuiltin}, {"Ok", T::kNameBuiltin}, {"Err", T::kNameBuiltin},
    {"String", T::kNameBuiltin}, {"ToString", T::kNameBuiltin}, {"Vec", T::kNameBuiltin},
};

constexpr KeywordTable<128> kMacros = {
    {"asm", T::kNameFunctionMagic}, {"assert", T::kNameFunctionMagic}, {"assert_eq", T::kNameFunctionMagic},
    {"assert_ne", T::kNameFunctionMagic}, {"cfg", T::kNameFunctionMagic}, {"column", T::kNameFunctionMagic},
    {"compile_error", T::kNameFunctionMagic}, {"concat", T::kNameFunctionMagic},
    {"concat_idents", T::kNameFunctionMagic}, {"dbg", T::kNameFunctionMagic},
    {"debug_assert", T::kNameFunctionMagic}, {"debug_assert_eq", T::kNameFunctionMagic},
    {"debug_assert_ne", T::kNameFunctionMagic}, {"env", T::kNameFunctionMagic}, {"eprint", T::kNameFunctionMagic},
    {"eprintln", T::kNameFunctionMagic}, {"file", T::kNameFunctionMagic}, {"format", T::kNameFunctionMagic},
    {"format_args", T::kNameFunctionMagic}, {"format_args_nl", T::kNameFunctionMagic},
    {"global_asm", T::kNameFunctionMagic}, {"include", T::kNameFunctionMagic},
    {"include_bytes", T::kNameFunctionMagic}, {"include_str", T::kNameFunctionMagic},
    {"line", T::kNameFunctionMagic}, {"llvm_asm", T::kNameFunctionMagic}, {"log_syntax", T::kNameFunctionMagic},
    {"macro_rules", T::kNameFunctionMagic}, {"matches", T::kNameFunctionMagic},
    {"module_path", T::kNameFunctionMagic}, {"option_env", T::kNameFunctionMagic},
    {"panic", T::kNameFunctionMagic}, {"print", T::kNameFunctionMagic}, {"println", T::kNameFunctionMagic},
    {"stringify", T::kNameFunctionMagic}, {"thread_local", T::kNameFunctionMagic},
    {"todo", T::kNameFunctionMagic}, {"trace_macros", T::kNameFunctionMagic},
    {"unimplemented", T::kNameFunctionMagic}, {"unreachable", T::kNameFunctionMagic},
    {"vec", T::kNameFunctionMagic}, {"write", T::kNameFunctionMagic}, {"writeln", T::kNameFunctionMagic},
};

bool ascii_ident_start(char c) { return scan::is_alpha(c) || c == '_'; }
std::size_t ascii_ident_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (scan::is_alpha(s[i]) || scan::is_digit(s[i]) || s[i] == '_')) ++i;
  return i;
}

class RustLexer {
 public:
  RustLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    if (scan::at(s_, 0, "#!") && s_.size() > 2 && s_[2] != '[' && s_[2] != '\n' && s_[2] != '\r') {
      i = scan::line_end(s_, 0);
      out_.push(T::kCommentPreproc, i);
    }
    while (i < s_.size()) i = token(i);
  }

 private:
  enum class Mode : std::uint8_t { kBase, kTypeName, kFuncName, kModName, kLifetime };

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      if (mode_ == Mode::kLifetime) mode_ = lifetime_return_;
      return e;
    }
    Mode mode = mode_;
    mode_ = mode == Mode::kLifetime ? lifetime_return_ : Mode::kBase;
    switch (mode) {
      case Mode::kFuncName:
      case Mode::kModName:
        if (ascii_ident_start(c)) {
          std::size_t e = ascii_ident_end(s_, i);
          out_.push(mode == Mode::kFuncName ? T::kNameFunction : T::kNameNamespace, e);
          return e;
        }
        break;
      case Mode::kTypeName:
        if (c == '&') {
          out_.push(T::kKeywordPseudo, i + 1);
          mode_ = Mode::kTypeName;
          return i + 1;
        }
        if (c == '\'') {
          out_.push(T::kOperator, i + 1);
          mode_ = Mode::kLifetime;
          lifetime_return_ = Mode::kTypeName;
          return i + 1;
        }
        if (ascii_ident_start(c)) {
          std::size_t e = ascii_ident_end(s_, i);
          std::string_view w = s_.substr(i, e - i);
          if (T t = kPrelude.find(w, T::kText); t != T::kText) {
            out_.push(t, e);
            mode_ = Mode::kTypeName;
            return e;
          }
          if (T t = kTypes.find(w, T::kText); t != T::kText) {
            out_.push(t, e);
            mode_ = Mode::kTypeName;
            return e;
          }
          out_.push(T::kNameClass, e);
          return e;
        }
        break;
      case Mode::kLifetime:
        if (ascii_ident_start(c)) {
          std::size_t e = ascii_ident_end(s_, i);
          std::string_view w = s_.substr(i, e - i);
          bool builtin = w == "static" || w == "_";
          if (builtin || w.starts_with("static") || w[0] == '_') {
            // (static|_) matches a prefix and stays in the lifetime state.
            std::size_t n = w.starts_with("static") ? i + 6 : i + 1;
            out_.push(T::kNameBuiltin, n);
            mode_ = Mode::kLifetime;
            return n;
          }
          out_.push(T::kNameAttribute, e);
          mode_ = Mode::kLifetime;
          return e;
        }
        if (lifetime_return_ != Mode::kBase && lifetime_return_ != Mode::kLifetime) {
          mode_ = lifetime_return_;  // the lifetime ends; the type position resumes
          lifetime_return_ = Mode::kBase;
          return token(i);
        }
        break;
      case Mode::kBase: break;
    }
    return base(i);
  }

  std::size_t base(std::size_t i) {
    char c = s_[i];
    if (c == '/' && i + 1 < s_.size()) {
      if (s_[i + 1] == '/') return line_comment(i);
      if (s_[i + 1] == '*') return block_comment(i);
    }
    if (c == '$') {
      std::size_t e = i + 1;
      if (e < s_.size() && ascii_ident_start(s_[e])) {
        e = ascii_ident_end(s_, e);
      } else if (e < s_.size() && (s_[e] == '(' || s_[e] == ')')) {
        ++e;
        if (e < s_.size() && s_[e] == ',') ++e;
      } else if (e < s_.size() && s_[e] == ',') {
        ++e;
      }
      out_.push(T::kCommentPreproc, e);
      return e;
    }
    if (c == '\'' || (c == 'b' && i + 1 < s_.size() && s_[i + 1] == '\'')) {
      if (std::size_t e = char_literal(c == 'b' ? i + 1 : i, c == 'b'); e != 0) {
        out_.push(T::kStringChar, e);
        return e;
      }
      if (c == '\'') {
        out_.push(T::kOperator, i + 1);
        mode_ = Mode::kLifetime;
        lifetime_return_ = Mode::kBase;
        return i + 1;
      }
    }
    if (scan::is_digit(c)) return number(i);
    if (c == '"' || (c == 'b' && i + 1 < s_.size() && s_[i + 1] == '"')) return string(c == 'b' ? i + 1 : i);
    if (c == 'r' || c == 'b') {
      if (std::size_t e = raw_string(i); e != 0) return e;
    }
    if (ascii_ident_start(c)) return word(i);
    switch (c) {
      case '.':
        if (i + 1 < s_.size() && s_[i + 1] == '.') {
          std::size_t e = i + 2 < s_.size() && s_[i + 2] == '=' ? i + 3 : i + 2;
          out_.push(T::kOperator, e);
          return e;
        }
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      case ':':
        if (i + 2 < s_.size() && s_[i + 1] == ':' && scan::is_ident_char(s_[i + 2])) {
          out_.push(T::kText, i + 2);
          return i + 2;
        }
        out_.push(T::kText, i + 1);
        mode_ = Mode::kTypeName;
        return i + 1;
      case '-':
        if (i + 1 < s_.size() && s_[i + 1] == '>') {
          out_.push(T::kText, i + 2);
          mode_ = Mode::kTypeName;
          return i + 2;
        }
        out_.push(T::kOperator, i + 1);
        return i + 1;
      case '{': case '}': case '(': case ')': case '[': case ']': case ',': case ';':
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      case '+': case '*': case '/': case '%': case '&': case '|': case '<': case '>': case '^': case '!':
      case '~': case '@': case '=': case '?':
        out_.push(T::kOperator, i + 1);
        return i + 1;
      case '#':
        if (i + 1 < s_.size() && (s_[i + 1] == '[' || (s_[i + 1] == '!' && i + 2 < s_.size() && s_[i + 2] == '['))) {
          return attribute(i);
        }
        out_.push(T::kText, i + 1);
        return i + 1;
      default: {
        std::size_t e = scan::next_char(s_, i);
        out_.push(T::kError, e);
        return e;
      }
    }
  }

  std::size_t line_comment(std::size_t i) {
    std::size_t e = scan::line_end(s_, i);
    // The patterns need the newline; a comment on the last line without one
    // is lexed as operators by Pygments. Bengal keeps it a comment.
    bool doc = scan::at(s_, i, "//!") || (scan::at(s_, i, "///") && !scan::at(s_, i, "////"));
    out_.push(doc ? T::kStringDoc : T::kCommentSingle, e < s_.size() ? e + 1 : e);
    return e < s_.size() ? e + 1 : e;
  }

  std::size_t block_comment(std::size_t i) {
    bool doc = scan::at(s_, i, "/*!") ||
               (scan::at(s_, i, "/**") && i + 3 < s_.size() && s_[i + 3] != '/' && s_[i + 3] != '*');
    T t = doc ? T::kStringDoc : T::kCommentMultiline;
    int depth = 0;
    std::size_t j = i;
    while (j < s_.size()) {
      if (scan::at(s_, j, "/*")) {
        ++depth;
        j += 2;
      } else if (scan::at(s_, j, "*/")) {
        j += 2;
        if (--depth == 0) break;
      } else {
        ++j;
      }
    }
    out_.push(t, j);
    return j;
  }

  std::size_t char_literal(std::size_t q, bool byte) {
    std::size_t j = q + 1;
    if (j >= s_.size()) return 0;
    if (s_[j] == '\\') {
      char n = j + 1 < s_.size() ? s_[j + 1] : '\0';
      if (std::string_view("'\"\\nrt0").find(n) != std::string_view::npos && n != '\0') {
        j += 2;
      } else if (n == 'x' && j + 3 < s_.size() && scan::is_hex(s_[j + 2]) && scan::is_hex(s_[j + 3]) &&
                 (byte || (s_[j + 2] >= '0' && s_[j + 2] <= '7'))) {
        j += 4;
      } else if (n == 'u' && j + 2 < s_.size() && s_[j + 2] == '{') {
        std::size_t k = j + 3;
        while (k < s_.size() && scan::is_hex(s_[k]) && k - j - 3 < 6) ++k;
        if (k == j + 3 || k >= s_.size() || s_[k] != '}') return 0;
        j = k + 1;
      } else {
        j = scan::next_char(s_, j);  // '\' itself as the "." alternative
      }
    } else if (s_[j] != '\n') {
      j = scan::next_char(s_, j);
    } else {
      return 0;
    }
    return j < s_.size() && s_[j] == '\'' ? j + 1 : 0;
  }

  std::size_t number(std::size_t i) {
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    std::size_t j = i;
    T t = T::kNumberInteger;
    char p = at(i + 1);
    if (s_[i] == '0' && p == 'b' && (at(i + 2) == '0' || at(i + 2) == '1' || at(i + 2) == '_')) {
      j = i + 2;
      while (at(j) == '0' || at(j) == '1' || at(j) == '_') ++j;
      t = T::kNumberBin;
    } else if (s_[i] == '0' && p == 'o' && ((at(i + 2) >= '0' && at(i + 2) <= '7') || at(i + 2) == '_')) {
      j = i + 2;
      while ((at(j) >= '0' && at(j) <= '7') || at(j) == '_') ++j;
      t = T::kNumberOct;
    } else if (s_[i] == '0' && (p | 0x20) == 'x' && (scan::is_hex(at(i + 2)) || at(i + 2) == '_')) {
      j = i + 2;
      while (scan::is_hex(at(j)) || at(j) == '_') ++j;
      t = T::kNumberHex;
    } else {
      j = i + 1;
      while (scan::is_digit(at(j)) || at(j) == '_') ++j;
      auto digits_ = [&](std::size_t k) {
        while (scan::is_digit(at(k)) || at(k) == '_') ++k;
        return k;
      };
      auto exponent = [&](std::size_t k) -> std::size_t {
        if ((at(k) | 0x20) != 'e') return 0;
        std::size_t m = k + 1;
        if (at(m) == '+' || at(m) == '-') ++m;
        std::size_t d = digits_(m);
        return d > m ? d : 0;
      };
      if (at(j) == '.') {
        std::size_t f = digits_(j + 1);
        if (std::size_t x = f > j + 1 ? exponent(f) : 0; x != 0) {
          j = x;
          t = T::kNumberFloat;
        } else if (at(f) != '.') {
          j = f;
          t = T::kNumberFloat;
        }
      } else if (std::size_t x = exponent(j); x != 0) {
        j = x;
        t = T::kNumberFloat;
      }
    }
    out_.push(t, j);
    // Type suffix: u8..usize, i8..isize, f32/f64.
    auto suffix = [&](std::string_view sfx) { return scan::at(s_, j, sfx); };
    for (std::string_view sfx : {"u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64"}) {
      if (suffix(sfx)) {
        out_.push(T::kKeyword, j + sfx.size());
        return j + sfx.size();
      }
    }
    return j;
  }

  std::size_t string(std::size_t q) {
    bool bytes = q > 0 && s_[q - 1] == 'b' && q + 0 < s_.size();
    std::size_t j = q + 1;
    out_.push(T::kString, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '"') {
        out_.push(T::kString, ++j);
        return j;
      }
      if (c == '\\') {
        std::size_t e = escape(j, bytes);
        out_.push(e > j ? T::kStringEscape : T::kString, e > j ? e : j + 1);
        j = e > j ? e : j + 1;
        continue;
      }
      out_.push(T::kString, ++j);
    }
    return j;
  }

  std::size_t escape(std::size_t j, bool bytes) {
    char n = j + 1 < s_.size() ? s_[j + 1] : '\0';
    if (n != '\0' && std::string_view("'\"\\nrt0").find(n) != std::string_view::npos) return j + 2;
    if (n == 'x' && j + 3 < s_.size() && scan::is_hex(s_[j + 3]) &&
        ((s_[j + 2] >= '0' && s_[j + 2] <= '7') || (bytes && scan::is_hex(s_[j + 2])))) {
      return j + 4;
    }
    if (n == 'u' && j + 2 < s_.size() && s_[j + 2] == '{') {
      std::size_t k = j + 3;
      while (k < s_.size() && scan::is_hex(s_[k]) && k - j - 3 < 6) ++k;
      if (k > j + 3 && k < s_.size() && s_[k] == '}') return k + 1;
    }
    return j;
  }

  std::size_t raw_string(std::size_t i) {
    std::size_t j = i;
    if (s_[j] == 'b') ++j;
    if (j >= s_.size() || s_[j] != 'r') return 0;
    ++j;
    std::size_t hashes = 0;
    while (j < s_.size() && s_[j] == '#') ++j, ++hashes;
    if (j >= s_.size() || s_[j] != '"') return 0;
    if (raw_miss_.covers(i) && raw_hashes_ == hashes) return 0;
    std::string_view rest = s_.substr(j + 1);
    for (std::size_t k = 0; k < rest.size(); ++k) {
      if (rest[k] != '"') continue;
      std::size_t h = 0;
      while (h < hashes && k + 1 + h < rest.size() && rest[k + 1 + h] == '#') ++h;
      if (h == hashes) {
        std::size_t e = j + 1 + k + 1 + hashes;
        out_.push(T::kString, e);
        return e;
      }
    }
    raw_miss_.record(i, s_.size() + 1);
    raw_hashes_ = hashes;
    return 0;
  }

  std::size_t word(std::size_t i) {
    std::size_t e = ascii_ident_end(s_, i);
    std::string_view w = s_.substr(i, e - i);
    if (e < s_.size() && s_[e] == '!' && kMacros.contains(w)) {
      out_.push(T::kNameFunctionMagic, e + 1);
      return e + 1;
    }
    if (w == "r" && e < s_.size() && s_[e] == '#') {
      std::size_t n = ascii_ident_end(s_, e + 1);
      if (n > e + 1) {
        out_.push(T::kName, n);
        return n;
      }
    }
    T t = kWords.find(w, T::kName);
    if (t == T::kName) t = kTypes.find(w, T::kName);
    if (t == T::kName) t = kPrelude.find(w, T::kName);
    out_.push(t, e);
    if (w == "mod") mode_ = Mode::kModName;
    else if (w == "fn") mode_ = Mode::kFuncName;
    else if (w == "struct" || w == "enum" || w == "type" || w == "union") mode_ = Mode::kTypeName;
    else if (w == "break" || w == "continue") {
      std::size_t k = scan::skip_spaces(s_, e);
      if (k < s_.size() && s_[k] == '\'' && k + 1 < s_.size() && ascii_ident_start(s_[k + 1])) {
        std::size_t n = ascii_ident_end(s_, k + 1);
        out_.push(T::kText, k);
        out_.push(T::kNameLabel, n);
        return n;
      }
    } else if (w == "default") {
      std::size_t k = scan::skip_spaces(s_, e);
      if (k > e && (scan::at(s_, k, "type") || scan::at(s_, k, "fn"))) {
        std::size_t n = ascii_ident_end(s_, k);
        if (n - k == (s_[k] == 't' ? 4u : 2u)) {
          out_.push(T::kText, k);
          out_.push(T::kKeyword, n);
          return n;
        }
      }
    }
    return e;
  }

  std::size_t attribute(std::size_t i) {
    std::size_t j = s_[i + 1] == '!' ? i + 3 : i + 2;
    out_.push(T::kCommentPreproc, j);
    int depth = 1;
    while (j < s_.size() && depth > 0) {
      char c = s_[j];
      if (c == '"') {
        j = string(j);
        continue;
      }
      if (c == '[') ++depth;
      if (c == ']') --depth;
      out_.push(T::kCommentPreproc, ++j);
    }
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  Mode mode_ = Mode::kBase;
  Mode lifetime_return_ = Mode::kBase;  // the mode a lifetime was entered from
  scan::Miss raw_miss_;        // an unclosed raw string ...
  std::size_t raw_hashes_ = 0;  // ... with this many '#'
};

}  // namespace

void lex_rust(std::string_view code, TokenSink& out) { RustLexer(code, out).run(); }

}  // namespace bengal::highlight
