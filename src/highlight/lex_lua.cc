// Lua, following Pygments' LuaLexer: long strings and comments, labels,
// "function a.b:c" names, standard-library functions as builtins.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

// Lua 5.4's standard library (global and module functions).
constexpr scan::KeywordTable<512> kBuiltins = {
    {"_G", T::kNameBuiltin}, {"_VERSION", T::kNameBuiltin}, {"assert", T::kNameBuiltin},
    {"bit32.arshift", T::kNameBuiltin}, {"bit32.band", T::kNameBuiltin}, {"bit32.bnot", T::kNameBuiltin},
    {"bit32.bor", T::kNameBuiltin}, {"bit32.btest", T::kNameBuiltin}, {"bit32.bxor", T::kNameBuiltin},
    {"bit32.extract", T::kNameBuiltin}, {"bit32.lrotate", T::kNameBuiltin}, {"bit32.lshift", T::kNameBuiltin},
    {"bit32.replace", T::kNameBuiltin}, {"bit32.rrotate", T::kNameBuiltin}, {"bit32.rshift", T::kNameBuiltin},
    {"collectgarbage", T::kNameBuiltin}, {"coroutine.close", T::kNameBuiltin},
    {"coroutine.create", T::kNameBuiltin}, {"coroutine.isyieldable", T::kNameBuiltin},
    {"coroutine.resume", T::kNameBuiltin}, {"coroutine.running", T::kNameBuiltin},
    {"coroutine.status", T::kNameBuiltin}, {"coroutine.wrap", T::kNameBuiltin},
    {"coroutine.yield", T::kNameBuiltin}, {"debug.debug", T::kNameBuiltin}, {"debug.gethook", T::kNameBuiltin},
    {"debug.getinfo", T::kNameBuiltin}, {"debug.getlocal", T::kNameBuiltin},
    {"debug.getmetatable", T::kNameBuiltin}, {"debug.getregistry", T::kNameBuiltin},
    {"debug.getupvalue", T::kNameBuiltin}, {"debug.getuservalue", T::kNameBuiltin},
    {"debug.sethook", T::kNameBuiltin}, {"debug.setlocal", T::kNameBuiltin},
    {"debug.setmetatable", T::kNameBuiltin}, {"debug.setupvalue", T::kNameBuiltin},
    {"debug.setuservalue", T::kNameBuiltin}, {"debug.traceback", T::kNameBuiltin},
    {"debug.upvalueid", T::kNameBuiltin}, {"debug.upvaluejoin", T::kNameBuiltin}, {"dofile", T::kNameBuiltin},
    {"error", T::kNameBuiltin}, {"getmetatable", T::kNameBuiltin}, {"io.close", T::kNameBuiltin},
    {"io.flush", T::kNameBuiltin}, {"io.input", T::kNameBuiltin}, {"io.lines", T::kNameBuiltin},
    {"io.open", T::kNameBuiltin}, {"io.output", T::kNameBuiltin}, {"io.popen", T::kNameBuiltin},
    {"io.read", T::kNameBuiltin}, {"io.stderr", T::kNameBuiltin}, {"io.stdin", T::kNameBuiltin},
    {"io.stdout", T::kNameBuiltin}, {"io.tmpfile", T::kNameBuiltin}, {"io.type", T::kNameBuiltin},
    {"io.write", T::kNameBuiltin}, {"ipairs", T::kNameBuiltin}, {"load", T::kNameBuiltin},
    {"loadfile", T::kNameBuiltin}, {"math.abs", T::kNameBuiltin}, {"math.acos", T::kNameBuiltin},
    {"math.asin", T::kNameBuiltin}, {"math.atan", T::kNameBuiltin}, {"math.atan2", T::kNameBuiltin},
    {"math.ceil", T::kNameBuiltin}, {"math.cos", T::kNameBuiltin}, {"math.cosh", T::kNameBuiltin},
    {"math.deg", T::kNameBuiltin}, {"math.exp", T::kNameBuiltin}, {"math.floor", T::kNameBuiltin},
    {"math.fmod", T::kNameBuiltin}, {"math.frexp", T::kNameBuiltin}, {"math.huge", T::kNameBuiltin},
    {"math.ldexp", T::kNameBuiltin}, {"math.log", T::kNameBuiltin}, {"math.max", T::kNameBuiltin},
    {"math.maxinteger", T::kNameBuiltin}, {"math.min", T::kNameBuiltin}, {"math.mininteger", T::kNameBuiltin},
    {"math.modf", T::kNameBuiltin}, {"math.pi", T::kNameBuiltin}, {"math.pow", T::kNameBuiltin},
    {"math.rad", T::kNameBuiltin}, {"math.random", T::kNameBuiltin}, {"math.randomseed", T::kNameBuiltin},
    {"math.sin", T::kNameBuiltin}, {"math.sinh", T::kNameBuiltin}, {"math.sqrt", T::kNameBuiltin},
    {"math.tan", T::kNameBuiltin}, {"math.tanh", T::kNameBuiltin}, {"math.tointeger", T::kNameBuiltin},
    {"math.type", T::kNameBuiltin}, {"math.ult", T::kNameBuiltin}, {"next", T::kNameBuiltin},
    {"os.clock", T::kNameBuiltin}, {"os.date", T::kNameBuiltin}, {"os.difftime", T::kNameBuiltin},
    {"os.execute", T::kNameBuiltin}, {"os.exit", T::kNameBuiltin}, {"os.getenv", T::kNameBuiltin},
    {"os.remove", T::kNameBuiltin}, {"os.rename", T::kNameBuiltin}, {"os.setlocale", T::kNameBuiltin},
    {"os.time", T::kNameBuiltin}, {"os.tmpname", T::kNameBuiltin}, {"package.config", T::kNameBuiltin},
    {"package.cpath", T::kNameBuiltin}, {"package.loaded", T::kNameBuiltin},
    {"package.loadlib", T::kNameBuiltin}, {"package.path", T::kNameBuiltin},
    {"package.preload", T::kNameBuiltin}, {"package.searchers", T::kNameBuiltin},
    {"package.searchpath", T::kNameBuiltin}, {"pairs", T::kNameBuiltin}, {"pcall", T::kNameBuiltin},
    {"print", T::kNameBuiltin}, {"rawequal", T::kNameBuiltin}, {"rawget", T::kNameBuiltin},
    {"rawlen", T::kNameBuiltin}, {"rawset", T::kNameBuiltin}, {"require", T::kNameBuiltin},
    {"select", T::kNameBuiltin}, {"setmetatable", T::kNameBuiltin}, {"string.byte", T::kNameBuiltin},
    {"string.char", T::kNameBuiltin}, {"string.dump", T::kNameBuiltin}, {"string.find", T::kNameBuiltin},
    {"string.format", T::kNameBuiltin}, {"string.gmatch", T::kNameBuiltin}, {"string.gsub", T::kNameBuiltin},
    {"string.len", T::kNameBuiltin}, {"string.lower", T::kNameBuiltin}, {"string.match", T::kNameBuiltin},
    {"string.pack", T::kNameBuiltin}, {"string.packsize", T::kNameBuiltin}, {"string.rep", T::kNameBuiltin},
    {"string.reverse", T::kNameBuiltin}, {"string.sub", T::kNameBuiltin}, {"string.unpack", T::kNameBuiltin},
    {"string.upper", T::kNameBuiltin}, {"table.concat", T::kNameBuiltin}, {"table.insert", T::kNameBuiltin},
    {"table.move", T::kNameBuiltin}, {"table.pack", T::kNameBuiltin}, {"table.remove", T::kNameBuiltin},
    {"table.sort", T::kNameBuiltin}, {"table.unpack", T::kNameBuiltin}, {"tonumber", T::kNameBuiltin},
    {"tostring", T::kNameBuiltin}, {"type", T::kNameBuiltin}, {"utf8.char", T::kNameBuiltin},
    {"utf8.charpattern", T::kNameBuiltin}, {"utf8.codepoint", T::kNameBuiltin}, {"utf8.codes", T::kNameBuiltin},
    {"utf8.len", T::kNameBuiltin}, {"utf8.offset", T::kNameBuiltin}, {"warn", T::kNameBuiltin},
    {"xpcall", T::kNameBuiltin},
};

constexpr scan::KeywordTable<64> kWords = {
    {"and", T::kOperatorWord}, {"or", T::kOperatorWord}, {"not", T::kOperatorWord},
    {"break", T::kKeywordReserved}, {"do", T::kKeywordReserved}, {"else", T::kKeywordReserved},
    {"elseif", T::kKeywordReserved}, {"end", T::kKeywordReserved}, {"for", T::kKeywordReserved},
    {"if", T::kKeywordReserved}, {"in", T::kKeywordReserved}, {"repeat", T::kKeywordReserved},
    {"return", T::kKeywordReserved}, {"then", T::kKeywordReserved}, {"until", T::kKeywordReserved},
    {"while", T::kKeywordReserved}, {"goto", T::kKeywordReserved}, {"local", T::kKeywordDeclaration},
    {"true", T::kKeywordConstant}, {"false", T::kKeywordConstant}, {"nil", T::kKeywordConstant},
    {"function", T::kKeywordReserved},
};

bool name_start(char c) { return scan::is_alpha(c) || c == '_'; }

class LuaLexer {
 public:
  LuaLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    if (scan::at(s_, 0, "#!")) out_.push(T::kCommentPreproc, i = scan::line_end(s_, 0));
    while (i < s_.size()) i = token(i);
  }

 private:
  // [==[ ... ]==] starting at s_[i] == '['; returns the end or 0.
  std::size_t long_bracket(std::size_t i) {
    std::size_t j = i + 1;
    while (j < s_.size() && s_[j] == '=') ++j;
    if (j >= s_.size() || s_[j] != '[') return 0;
    const std::size_t level = j - i - 1;
    if (bracket_miss_.covers(i) && bracket_level_ == level) return 0;
    for (std::size_t c = s_.find(']', j + 1); c != std::string_view::npos; c = s_.find(']', c + 1)) {
      std::size_t k = c + 1;
      while (k < s_.size() && s_[k] == '=' && k - c - 1 < level) ++k;
      if (k - c - 1 == level && k < s_.size() && s_[k] == ']') return k + 1;
    }
    bracket_miss_.record(i, s_.size() + 1);
    bracket_level_ = level;
    return 0;
  }

  // Whitespace and comments; returns i when there are none.
  std::size_t ws(std::size_t i) {
    if (scan::is_space(s_[i])) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (scan::at(s_, i, "--")) {
      if (i + 2 < s_.size() && s_[i + 2] == '[') {
        if (std::size_t e = long_bracket(i + 2)) {
          out_.push(T::kCommentMultiline, e);
          return e;
        }
      }
      std::size_t e = scan::line_end(s_, i);
      out_.push(T::kCommentSingle, e);
      return e;
    }
    return i;
  }

  std::size_t name_end(std::size_t i) const {
    std::size_t e = i;
    while (e < s_.size() && scan::is_ident_char(s_[e])) ++e;
    return e;
  }

  std::size_t token(std::size_t i) {
    if (std::size_t e = ws(i); e != i) return e;
    char c = s_[i];
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    if (c == '0' && (at(i + 1) | 0x20) == 'x') {
      std::size_t e = i + 2;
      while (scan::is_hex(at(e))) ++e;
      if (at(e) == '.') {
        ++e;
        while (scan::is_hex(at(e))) ++e;
      }
      if ((at(e) | 0x20) == 'p') {
        std::size_t k = e + 1;
        if (at(k) == '+' || at(k) == '-') ++k;
        if (scan::is_digit(at(k))) {
          while (scan::is_digit(at(k))) ++k;
          e = k;
        }
      }
      out_.push(T::kNumberHex, e);
      return e;
    }
    if (scan::is_digit(c) || (c == '.' && scan::is_digit(at(i + 1)))) {
      std::size_t e = i;
      while (scan::is_digit(at(e))) ++e;
      bool is_float = false;
      if (at(e) == '.' && !(at(e + 1) == '.')) {
        ++e;
        while (scan::is_digit(at(e))) ++e;
        is_float = true;
      }
      if ((at(e) | 0x20) == 'e') {
        std::size_t k = e + 1;
        if (at(k) == '+' || at(k) == '-') ++k;
        if (scan::is_digit(at(k))) {
          while (scan::is_digit(at(k))) ++k;
          e = k;
          is_float = true;
        }
      }
      out_.push(is_float ? T::kNumberFloat : T::kNumberInteger, e);
      return e;
    }
    if (c == '[') {
      if (std::size_t e = long_bracket(i)) {
        out_.push(T::kString, e);
        return e;
      }
    }
    if (c == ':' && at(i + 1) == ':') {
      out_.push(T::kPunctuation, i + 2);
      std::size_t j = i + 2;
      for (;;) {
        if (j >= s_.size()) return j;
        std::size_t w = ws(j);
        if (w != j) {
          j = w;
          continue;
        }
        if (scan::at(s_, j, "::")) {
          out_.push(T::kPunctuation, j + 2);
          return j + 2;
        }
        if (name_start(s_[j]) || scan::is_high(s_[j])) {
          j = name_end(j);
          out_.push(T::kNameLabel, j);
          continue;
        }
        return j;
      }
    }
    if (scan::at(s_, i, "...")) {
      out_.push(T::kPunctuation, i + 3);
      return i + 3;
    }
    if (std::string_view("=<>|~&+-*/%#^").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("=<>|~&+-*/%#^").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kOperator, e);
      return e;
    }
    if (c == '.' && at(i + 1) == '.') {
      out_.push(T::kOperator, i + 2);
      return i + 2;
    }
    if (std::string_view("[]{}().,:;").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (name_start(c)) {
      std::size_t e = name_end(i);
      std::string_view w = s_.substr(i, e - i);
      T t = kWords.find(w, T::kName);
      if (t != T::kName) {
        out_.push(t, e);
        if (w == "function") return function_name(e);
        if (w == "goto") return goto_label(e);
        return e;
      }
      // name(.name)? as one token: a builtin, or split at the dot.
      std::size_t full = e;
      if (at(e) == '.' && name_start(at(e + 1))) full = name_end(e + 1);
      if (kBuiltins.contains(s_.substr(i, full - i))) {
        out_.push(T::kNameBuiltin, full);
        return full;
      }
      out_.push(T::kName, e);
      if (full > e) {
        out_.push(T::kPunctuation, e + 1);
        out_.push(T::kName, full);
      }
      return full;
    }
    if (c == '\'' || c == '"') return string(i);
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t function_name(std::size_t j) {
    for (;;) {
      if (j >= s_.size()) return j;
      std::size_t w = ws(j);
      if (w != j) {
        j = w;
        continue;
      }
      char c = s_[j];
      if (c == '.' || c == ':') {
        out_.push(T::kPunctuation, ++j);
        continue;
      }
      if (name_start(c) || scan::is_high(c)) {
        std::size_t e = name_end(j);
        std::size_t k = e;
        while (k < s_.size() && scan::is_space(s_[k])) ++k;
        if (k < s_.size() && (s_[k] == '.' || s_[k] == ':')) {
          out_.push(T::kNameClass, e);
          j = e;
          continue;
        }
        out_.push(T::kNameFunction, e);
        return e;
      }
      if (c == '(') {
        out_.push(T::kPunctuation, j + 1);
        return j + 1;
      }
      return j;
    }
  }

  std::size_t goto_label(std::size_t j) {
    while (j < s_.size()) {
      std::size_t w = ws(j);
      if (w == j) break;
      j = w;
    }
    if (j < s_.size() && (name_start(s_[j]) || scan::is_high(s_[j]))) {
      std::size_t e = name_end(j);
      out_.push(T::kNameLabel, e);
      return e;
    }
    return j;
  }

  std::size_t string(std::size_t i) {
    char q = s_[i];
    T t = q == '"' ? T::kStringDouble : T::kStringSingle;
    std::size_t j = i + 1;
    out_.push(t, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == q) {
        out_.push(t, ++j);
        return j;
      }
      if (c == '\\') {
        std::size_t e = escape(j);
        if (e == j) {
          out_.push(T::kError, ++j);
          continue;
        }
        out_.push(T::kStringEscape, j = e);
        continue;
      }
      out_.push(t, ++j);
    }
    return j;
  }

  std::size_t escape(std::size_t j) const {
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    char n = at(j + 1);
    if (n != '\0' && std::string_view("abfnrtv\\\"'").find(n) != std::string_view::npos) return j + 2;
    if (n == '\r' || n == '\n') {
      std::size_t e = j + 2;
      if ((at(e) == '\r' || at(e) == '\n')) ++e;
      return e;
    }
    if (n == 'z') return scan::skip_spaces(s_, j + 2);
    if (n == 'x' && scan::is_hex(at(j + 2)) && scan::is_hex(at(j + 3))) return j + 4;
    if (scan::is_digit(n)) {
      std::size_t e = j + 1;
      while (e < s_.size() && e - j <= 3 && scan::is_digit(s_[e])) ++e;
      return e;
    }
    if (n == 'u' && at(j + 2) == '{') {
      std::size_t e = j + 3;
      while (scan::is_hex(at(e))) ++e;
      if (e > j + 3 && at(e) == '}') return e + 1;
    }
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::Miss bracket_miss_;  // an unclosed long bracket ...
  std::size_t bracket_level_ = 0;  // ... of this level
};

}  // namespace

void lex_lua(std::string_view code, TokenSink& out) { LuaLexer(code, out).run(); }

}  // namespace bengal::highlight
