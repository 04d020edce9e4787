// JavaScript and TypeScript, following Pygments' JavascriptLexer and
// TypeScriptLexer (regex literals where an expression may start, template
// strings with ${} interpolation, "name: Type" annotations), plus JSX/TSX
// elements in expression position (tags, attributes, {expressions}, text).
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

constexpr KeywordTable<256> kJsWords = {
    {"typeof", T::kOperatorWord}, {"instanceof", T::kOperatorWord}, {"in", T::kOperatorWord},
    {"void", T::kOperatorWord}, {"delete", T::kOperatorWord}, {"new", T::kOperatorWord},
    {"constructor", T::kKeywordReserved}, {"from", T::kKeywordReserved}, {"as", T::kKeywordReserved},
    {"for", T::kKeyword}, {"while", T::kKeyword}, {"do", T::kKeyword}, {"break", T::kKeyword},
    {"return", T::kKeyword}, {"continue", T::kKeyword}, {"switch", T::kKeyword}, {"case", T::kKeyword},
    {"default", T::kKeyword}, {"if", T::kKeyword}, {"else", T::kKeyword}, {"throw", T::kKeyword},
    {"try", T::kKeyword}, {"catch", T::kKeyword}, {"finally", T::kKeyword}, {"yield", T::kKeyword},
    {"await", T::kKeyword}, {"async", T::kKeyword}, {"this", T::kKeyword}, {"of", T::kKeyword},
    {"static", T::kKeyword}, {"export", T::kKeyword}, {"import", T::kKeyword}, {"debugger", T::kKeyword},
    {"extends", T::kKeyword}, {"super", T::kKeyword}, {"var", T::kKeywordDeclaration},
    {"let", T::kKeywordDeclaration}, {"const", T::kKeywordDeclaration}, {"with", T::kKeywordDeclaration},
    {"function", T::kKeywordDeclaration}, {"class", T::kKeywordDeclaration}, {"abstract", T::kKeywordReserved},
    {"boolean", T::kKeywordReserved}, {"byte", T::kKeywordReserved}, {"char", T::kKeywordReserved},
    {"double", T::kKeywordReserved}, {"enum", T::kKeywordReserved}, {"final", T::kKeywordReserved},
    {"float", T::kKeywordReserved}, {"goto", T::kKeywordReserved}, {"implements", T::kKeywordReserved},
    {"int", T::kKeywordReserved}, {"interface", T::kKeywordReserved}, {"long", T::kKeywordReserved},
    {"native", T::kKeywordReserved}, {"package", T::kKeywordReserved}, {"private", T::kKeywordReserved},
    {"protected", T::kKeywordReserved}, {"public", T::kKeywordReserved}, {"short", T::kKeywordReserved},
    {"synchronized", T::kKeywordReserved}, {"throws", T::kKeywordReserved},
    {"transient", T::kKeywordReserved}, {"volatile", T::kKeywordReserved}, {"true", T::kKeywordConstant},
    {"false", T::kKeywordConstant}, {"null", T::kKeywordConstant}, {"NaN", T::kKeywordConstant},
    {"Infinity", T::kKeywordConstant}, {"undefined", T::kKeywordConstant}, {"Array", T::kNameBuiltin},
    {"Boolean", T::kNameBuiltin}, {"Date", T::kNameBuiltin}, {"BigInt", T::kNameBuiltin},
    {"Function", T::kNameBuiltin}, {"Math", T::kNameBuiltin}, {"ArrayBuffer", T::kNameBuiltin},
    {"Number", T::kNameBuiltin}, {"Object", T::kNameBuiltin}, {"RegExp", T::kNameBuiltin},
    {"String", T::kNameBuiltin}, {"Promise", T::kNameBuiltin}, {"Proxy", T::kNameBuiltin},
    {"decodeURI", T::kNameBuiltin}, {"decodeURIComponent", T::kNameBuiltin}, {"encodeURI", T::kNameBuiltin},
    {"encodeURIComponent", T::kNameBuiltin}, {"eval", T::kNameBuiltin}, {"isFinite", T::kNameBuiltin},
    {"isNaN", T::kNameBuiltin}, {"parseFloat", T::kNameBuiltin}, {"parseInt", T::kNameBuiltin},
    {"DataView", T::kNameBuiltin}, {"document", T::kNameBuiltin}, {"window", T::kNameBuiltin},
    {"globalThis", T::kNameBuiltin}, {"global", T::kNameBuiltin}, {"Symbol", T::kNameBuiltin},
    {"Intl", T::kNameBuiltin}, {"WeakSet", T::kNameBuiltin}, {"WeakMap", T::kNameBuiltin},
    {"Set", T::kNameBuiltin}, {"Map", T::kNameBuiltin}, {"Reflect", T::kNameBuiltin}, {"JSON", T::kNameBuiltin},
    {"Atomics", T::kNameBuiltin}, {"Int8Array", T::kNameBuiltin}, {"Int16Array", T::kNameBuiltin},
    {"Int32Array", T::kNameBuiltin}, {"BigInt64Array", T::kNameBuiltin}, {"Float32Array", T::kNameBuiltin},
    {"Float64Array", T::kNameBuiltin}, {"Uint8ClampedArray", T::kNameBuiltin}, {"Uint8Array", T::kNameBuiltin},
    {"Uint16Array", T::kNameBuiltin}, {"Uint32Array", T::kNameBuiltin}, {"BigUint64Array", T::kNameBuiltin},
    {"Error", T::kNameException}, {"EvalError", T::kNameException}, {"InternalError", T::kNameException},
    {"RangeError", T::kNameException}, {"ReferenceError", T::kNameException},
    {"SyntaxError", T::kNameException}, {"TypeError", T::kNameException}, {"URIError", T::kNameException},
};

// TypeScript's additions, checked before the JavaScript words.
constexpr KeywordTable<32> kTsWords = {
    {"abstract", T::kKeyword}, {"implements", T::kKeyword}, {"private", T::kKeyword},
    {"protected", T::kKeyword}, {"public", T::kKeyword}, {"readonly", T::kKeyword},
    {"enum", T::kKeywordDeclaration}, {"interface", T::kKeywordDeclaration},
    {"override", T::kKeywordDeclaration}, {"declare", T::kKeywordReserved}, {"type", T::kKeywordReserved},
    {"string", T::kKeywordType}, {"boolean", T::kKeywordType}, {"number", T::kKeywordType},
};

bool js_ident_start(char c) { return scan::is_ident_start(c) || c == '$'; }
bool js_ident_char(char c) { return scan::is_ident_char(c) || c == '$'; }
bool ts_name_char(char c) { return scan::is_ident_char(c) || c == '?' || c == '.' || c == '$'; }

class JsLexer {
 public:
  JsLexer(std::string_view s, TokenSink& out, bool ts, bool jsx) : s_(s), out_(out), ts_(ts), jsx_(jsx) {}

  void run() {
    std::size_t i = 0;
    if (scan::at(s_, 0, "#!")) {
      i = scan::line_end(s_, 0);
      out_.push(T::kCommentHashbang, i);
    }
    while (i < s_.size()) i = token(i, 0);
  }

 private:
  std::size_t ident_end(std::size_t i) const {
    while (i < s_.size() && js_ident_char(s_[i])) ++i;
    return i;
  }

  // One token at i. `brace_depth` > 0 inside a ${...} or JSX {...}: an
  // unmatched '}' there ends the embedded expression (returns i unchanged).
  std::size_t token(std::size_t i, int brace_depth) {
    char c = s_[i];
    if (c == '\n' || scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      // A line that starts with whitespace or '/' may start with a regex.
      for (std::size_t k = i; k < e; ++k) {
        if (s_[k] == '\n') regex_ok_ = true;
      }
      return e;
    }
    if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '/') {
      std::size_t e = scan::line_end(s_, i);
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '*') {
      std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
      std::size_t e = close == std::string_view::npos ? i + 1 : close + 2;
      out_.push(close == std::string_view::npos ? T::kOperator : T::kCommentMultiline, e);
      return e;
    }
    if (scan::at(s_, i, "<!--")) {
      out_.push(T::kComment, i + 4);
      return i + 4;
    }
    if (c == '/' && regex_ok_) {
      if (std::size_t e = regex(i); e != 0) {
        regex_ok_ = false;
        return e;
      }
    }
    if (c == '<' && jsx_ && regex_ok_ && i + 1 < s_.size() && (js_ident_start(s_[i + 1]) || s_[i + 1] == '>')) {
      regex_ok_ = false;
      return jsx_element(i);
    }
    regex_ok_ = false;
    if (ts_ && (ts_name_char(c))) {
      if (std::size_t e = ts_annotation(i); e != 0) return e;
    }
    if (ts_ && c == '@' && i + 1 < s_.size() && js_ident_start(s_[i + 1])) {
      std::size_t e = ident_end(i + 1);
      out_.push(T::kKeywordDeclaration, e);
      return e;
    }
    if (scan::is_digit(c) || (c == '.' && i + 1 < s_.size() && scan::is_digit(s_[i + 1]))) return number(i);
    if (js_ident_start(c) || (c == '\\' && i + 1 < s_.size() && s_[i + 1] == 'u')) return word(i);
    switch (c) {
      case '"':
      case '\'': {
        scan::Miss& miss = c == '"' ? double_miss_ : single_miss_;
        std::size_t j = i + 1;
        if (!miss.covers(i)) {
          while (j < s_.size() && s_[j] != c) j += s_[j] == '\\' ? 2 : 1;
        }
        if (miss.covers(i) || j >= s_.size()) {
          miss.record(i, s_.size() + 1);
          out_.push(T::kError, i + 1);
          return i + 1;
        }
        out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, j + 1);
        return j + 1;
      }
      case '`': return template_string(i);
      case '.':
        if (scan::at(s_, i, "...")) {
          out_.push(T::kPunctuation, i + 3);
          return i + 3;
        }
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      case '=':
        if (i + 1 < s_.size() && s_[i + 1] == '>') {
          out_.push(T::kPunctuation, i + 2);
          regex_ok_ = jsx_;  // JSX commonly follows an arrow
          return i + 2;
        }
        break;
      case '{': case '(': case '[': case ';': case ',':
        out_.push(T::kPunctuation, i + 1);
        regex_ok_ = true;
        if (c == '{' && brace_depth > 0) ++depth_[brace_depth - 1 < 8 ? brace_depth - 1 : 7];
        return i + 1;
      case '}':
        if (brace_depth > 0) {
          int& d = depth_[brace_depth - 1 < 8 ? brace_depth - 1 : 7];
          if (d == 0) return i;
          --d;
        }
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      case ')': case ']':
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      default: break;
    }
    if (std::size_t e = op(i); e > i) {
      out_.push(T::kOperator, e);
      regex_ok_ = true;
      return e;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  // Pygments' operator pattern; returns i when there is none.
  std::size_t op(std::size_t i) const {
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    char c = s_[i];
    if ((c == '+' && at(i + 1) == '+') || (c == '-' && at(i + 1) == '-')) return i + 2;
    if (c == '~' || c == ':') return i + 1;
    if (c == '?') {
      if (at(i + 1) == '?') return at(i + 2) == '=' ? i + 3 : i + 2;
      return i + 1;
    }
    if (c == '\\' && at(i + 1) == '\n') return i + 1;
    std::size_t e = i;
    if (c == '<' && at(i + 1) == '<') e = i + 2;
    else if (c == '>' && at(i + 1) == '>') e = at(i + 2) == '>' ? i + 3 : i + 2;
    else if (c == '=' || c == '!') e = at(i + 1) == '=' ? i + 2 : i + 1;
    else if ((c == '*' && at(i + 1) == '*') || (c == '|' && at(i + 1) == '|') || (c == '&' && at(i + 1) == '&')) e = i + 2;
    else if (std::string_view("-<>+*%&|^/").find(c) != std::string_view::npos) e = i + 1;
    else return i;
    return at(e) == '=' ? e + 1 : e;
  }

  std::size_t word(std::size_t i) {
    std::size_t e = ident_end(i);
    while (e + 1 < s_.size() && s_[e] == '\\' && s_[e + 1] == 'u') e = ident_end(e + 2);
    std::string_view w = s_.substr(i, e - i);
    T t = T::kNameOther;
    if (ts_) t = kTsWords.find(w, T::kNameOther);
    if (t == T::kNameOther) t = kJsWords.find(w, T::kNameOther);
    if (ts_ && w == "module") {
      std::size_t k = scan::skip_spaces(s_, e);
      std::size_t n = k;
      while (n < s_.size() && ts_name_char(s_[n])) ++n;
      if (n > k) {
        out_.push(T::kKeywordReserved, e);
        out_.push(T::kText, k);
        out_.push(T::kNameOther, n);
        std::size_t m = scan::skip_spaces(s_, n);
        out_.push(T::kText, m);
        regex_ok_ = true;
        return m;
      }
    }
    out_.push(t, e);
    regex_ok_ = t == T::kOperatorWord || t == T::kKeyword || t == T::kKeywordDeclaration;
    return e;
  }

  // TypeScript's "name: Type" rule (it also fires on "a ? b : c").
  std::size_t ts_annotation(std::size_t i) {
    if (annotation_miss_.covers(i)) return 0;
    std::size_t a = i;
    while (a < s_.size() && ts_name_char(s_[a])) ++a;
    if (a == i) return 0;
    annotation_miss_.record(i, a);  // cleared below when this is an annotation
    std::size_t b = a;
    while (b < s_.size() && scan::is_space(s_[b])) ++b;
    if (b >= s_.size() || s_[b] != ':') return 0;
    std::size_t c = b + 1;
    while (c < s_.size() && scan::is_space(s_[c])) ++c;
    std::size_t d = c;
    while (d < s_.size() && ts_name_char(s_[d])) ++d;
    if (d == c) return 0;
    // The keyword rules come first: "type: x" is the keyword "type".
    std::string_view head = s_.substr(i, a - i);
    if (kTsWords.contains(head) && scan::is_ident_start(head[0])) {
      std::size_t w = ident_end(i);
      if (w == a) return 0;
    }
    annotation_miss_.record(1, 0);
    out_.push(T::kNameOther, a);
    out_.push(T::kText, b);
    out_.push(T::kOperator, b + 1);
    out_.push(T::kText, c);
    out_.push(T::kKeywordType, d);
    return d;
  }

  std::size_t number(std::size_t i) {
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    if (s_[i] == '0') {
      char p = static_cast<char>(at(i + 1) | 0x20);
      std::size_t j = i + 2;
      if (p == 'b' && (at(j) == '0' || at(j) == '1')) {
        while (at(j) == '0' || at(j) == '1') ++j;
        if (at(j) == 'n') ++j;
        out_.push(T::kNumberBin, j);
        return j;
      }
      if (p == 'x' && scan::is_hex(at(j))) {
        while (scan::is_hex(at(j))) ++j;
        if (at(j) == 'n') ++j;
        out_.push(T::kNumberHex, j);
        return j;
      }
      j = p == 'o' ? i + 2 : i + 1;
      if (at(j) >= '0' && at(j) <= '7') {
        while (at(j) >= '0' && at(j) <= '7') ++j;
        if (at(j) == 'n') ++j;
        out_.push(T::kNumberOct, j);
        return j;
      }
    }
    std::size_t j = i;
    while (scan::is_digit(at(j))) ++j;
    if (j > i && at(j) == 'n') {
      out_.push(T::kNumberInteger, j + 1);
      return j + 1;
    }
    if (at(j) == '.') {
      ++j;
      while (scan::is_digit(at(j))) ++j;
    }
    if ((at(j) | 0x20) == 'e') {
      std::size_t k = j + 1;
      if (at(k) == '+' || at(k) == '-') ++k;
      if (scan::is_digit(at(k))) {
        while (scan::is_digit(at(k))) ++k;
        j = k;
      }
    }
    out_.push(T::kNumberFloat, j);
    return j;
  }

  // /body/flags at i, or 0 when this is no regex literal.
  std::size_t regex(std::size_t i) {
    std::size_t j = i + 1;
    bool any = false;
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '\n') return bad_regex(i);
      if (c == '/') break;
      if (c == '\\') {
        if (j + 1 >= s_.size() || s_[j + 1] == '\n') return bad_regex(i);
        j = scan::next_char(s_, j + 1);
      } else if (c == '[') {
        ++j;
        while (j < s_.size() && s_[j] != ']' && s_[j] != '\n') j += s_[j] == '\\' ? 2 : 1;
        if (j >= s_.size() || s_[j] != ']') return bad_regex(i);
        ++j;
      } else {
        j = scan::next_char(s_, j);
      }
      any = true;
    }
    if (!any || j >= s_.size()) return bad_regex(i);
    ++j;
    std::size_t f = j;
    while (f < s_.size() && std::string_view("gimuysd").find(s_[f]) != std::string_view::npos) ++f;
    if (f > j && f < s_.size() && scan::is_ident_char(s_[f])) f = j;
    out_.push(T::kStringRegex, f);
    return f;
  }

  // Pygments gives up on a '/' it cannot read as a regex: the rest of the
  // line is an error. Only "/ " style division after a line break lands here.
  std::size_t bad_regex(std::size_t i) {
    std::size_t e = scan::line_end(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t template_string(std::size_t i) {
    std::size_t j = i + 1;
    out_.push(T::kStringBacktick, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '`') {
        out_.push(T::kStringBacktick, ++j);
        return j;
      }
      if (c == '\\') {
        j = j + 1 < s_.size() ? scan::next_char(s_, j + 1) : j + 1;
        out_.push(T::kStringBacktick, j);
        continue;
      }
      if (c == '$' && j + 1 < s_.size() && s_[j + 1] == '{') {
        out_.push(T::kStringInterpol, j + 2);
        j = embedded_expression(j + 2);
        if (j < s_.size() && s_[j] == '}') out_.push(T::kStringInterpol, ++j);
        continue;
      }
      out_.push(T::kStringBacktick, ++j);
    }
    return j;
  }

  // Lexes tokens until the '}' that closes an embedded expression.
  std::size_t embedded_expression(std::size_t j) {
    if (nesting_ >= 8) return j;  // deeper nesting is lexed flat
    ++nesting_;
    depth_[nesting_ - 1] = 0;
    regex_ok_ = true;
    while (j < s_.size()) {
      std::size_t e = token(j, nesting_);
      if (e == j) break;
      j = e;
    }
    --nesting_;
    return j;
  }

  // <tag attr="v" {...spread} attr={expr}> children </tag>, or <tag/>.
  std::size_t jsx_element(std::size_t i) {
    std::size_t j = jsx_tag(i);
    if (j == 0) {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (s_[j - 2] == '/' || jsx_depth_ >= 32) return j;  // self-closing
    ++jsx_depth_;
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '<' && j + 1 < s_.size() && s_[j + 1] == '/') {
        std::size_t e = j + 2;
        while (e < s_.size() && (js_ident_char(s_[e]) || s_[e] == '.' || s_[e] == '-' || s_[e] == ':')) ++e;
        out_.push(T::kPunctuation, j + 2);
        out_.push(T::kNameTag, e);
        std::size_t g = scan::skip_spaces(s_, e);
        out_.push(T::kText, g);
        if (g < s_.size() && s_[g] == '>') out_.push(T::kPunctuation, ++g);
        --jsx_depth_;
        return g;
      }
      if (c == '<' && j + 1 < s_.size() && (js_ident_start(s_[j + 1]) || s_[j + 1] == '>')) {
        j = jsx_element(j);
        continue;
      }
      if (c == '{') {
        out_.push(T::kPunctuation, j + 1);
        j = embedded_expression(j + 1);
        if (j < s_.size() && s_[j] == '}') out_.push(T::kPunctuation, ++j);
        continue;
      }
      std::size_t e = j + 1;
      while (e < s_.size() && s_[e] != '<' && s_[e] != '{') ++e;
      out_.push(T::kText, e);
      j = e;
    }
    --jsx_depth_;
    return j;
  }

  // An opening tag; returns the offset after its '>' (0 if not a tag).
  std::size_t jsx_tag(std::size_t i) {
    std::size_t n = i + 1;
    while (n < s_.size() && (js_ident_char(s_[n]) || s_[n] == '.' || s_[n] == '-' || s_[n] == ':')) ++n;
    out_.push(T::kPunctuation, i + 1);
    out_.push(T::kNameTag, n);
    std::size_t j = n;
    while (j < s_.size()) {
      char c = s_[j];
      if (scan::is_space(c)) {
        j = scan::skip_spaces(s_, j);
        out_.push(T::kText, j);
      } else if (c == '>') {
        out_.push(T::kPunctuation, ++j);
        return j;
      } else if (c == '/' && j + 1 < s_.size() && s_[j + 1] == '>') {
        out_.push(T::kPunctuation, j + 2);
        return j + 2;
      } else if (c == '{') {
        out_.push(T::kPunctuation, j + 1);
        j = embedded_expression(j + 1);
        if (j < s_.size() && s_[j] == '}') out_.push(T::kPunctuation, ++j);
      } else if (c == '=') {
        out_.push(T::kOperator, ++j);
      } else if (c == '"' || c == '\'') {
        std::size_t e = s_.find(c, j + 1);
        e = e == std::string_view::npos ? s_.size() : e + 1;
        out_.push(T::kString, e);
        j = e;
      } else if (js_ident_start(c)) {
        std::size_t e = j;
        while (e < s_.size() && (js_ident_char(s_[e]) || s_[e] == '-' || s_[e] == ':')) ++e;
        out_.push(T::kNameAttribute, e);
        j = e;
      } else {
        std::size_t e = scan::next_char(s_, j);
        out_.push(T::kError, e);
        j = e;
      }
    }
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  bool ts_;
  bool jsx_;
  bool regex_ok_ = true;
  int nesting_ = 0;
  int jsx_depth_ = 0;
  scan::Miss comment_miss_;
  scan::Miss double_miss_;
  scan::Miss single_miss_;
  scan::Miss annotation_miss_;  // a "name" run not followed by ": Type"
  int depth_[8] = {};
};

}  // namespace

void lex_javascript(std::string_view code, TokenSink& out) { JsLexer(code, out, false, false).run(); }
void lex_typescript(std::string_view code, TokenSink& out) { JsLexer(code, out, true, false).run(); }
void lex_jsx(std::string_view code, TokenSink& out) { JsLexer(code, out, false, true).run(); }
void lex_tsx(std::string_view code, TokenSink& out) { JsLexer(code, out, true, true).run(); }

}  // namespace bengal::highlight
