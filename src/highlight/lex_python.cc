// Python 3 (and the interactive console), following Pygments' PythonLexer:
// docstrings, f-strings with nested expressions, %- and {}-format fields,
// import/def/class context, builtins, exceptions and magic names.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

constexpr KeywordTable<128> kWords = {
    {"assert", T::kKeyword}, {"async", T::kKeyword}, {"await", T::kKeyword}, {"break", T::kKeyword},
    {"continue", T::kKeyword}, {"del", T::kKeyword}, {"elif", T::kKeyword}, {"else", T::kKeyword},
    {"except", T::kKeyword}, {"finally", T::kKeyword}, {"for", T::kKeyword}, {"global", T::kKeyword},
    {"if", T::kKeyword}, {"lambda", T::kKeyword}, {"pass", T::kKeyword}, {"raise", T::kKeyword},
    {"nonlocal", T::kKeyword}, {"return", T::kKeyword}, {"try", T::kKeyword}, {"while", T::kKeyword},
    {"yield", T::kKeyword}, {"as", T::kKeyword}, {"with", T::kKeyword}, {"True", T::kKeywordConstant},
    {"False", T::kKeywordConstant}, {"None", T::kKeywordConstant}, {"in", T::kOperatorWord},
    {"is", T::kOperatorWord}, {"and", T::kOperatorWord}, {"or", T::kOperatorWord}, {"not", T::kOperatorWord},
};

// Names that are builtins unless they follow a '.'.
constexpr KeywordTable<512> kBuiltins = {
    {"__import__", T::kNameBuiltin}, {"abs", T::kNameBuiltin}, {"all", T::kNameBuiltin},
    {"any", T::kNameBuiltin}, {"bin", T::kNameBuiltin}, {"bool", T::kNameBuiltin},
    {"bytearray", T::kNameBuiltin}, {"breakpoint", T::kNameBuiltin}, {"bytes", T::kNameBuiltin},
    {"chr", T::kNameBuiltin}, {"classmethod", T::kNameBuiltin}, {"compile", T::kNameBuiltin},
    {"complex", T::kNameBuiltin}, {"delattr", T::kNameBuiltin}, {"dict", T::kNameBuiltin},
    {"dir", T::kNameBuiltin}, {"divmod", T::kNameBuiltin}, {"enumerate", T::kNameBuiltin},
    {"eval", T::kNameBuiltin}, {"filter", T::kNameBuiltin}, {"float", T::kNameBuiltin},
    {"format", T::kNameBuiltin}, {"frozenset", T::kNameBuiltin}, {"getattr", T::kNameBuiltin},
    {"globals", T::kNameBuiltin}, {"hasattr", T::kNameBuiltin}, {"hash", T::kNameBuiltin},
    {"hex", T::kNameBuiltin}, {"id", T::kNameBuiltin}, {"input", T::kNameBuiltin}, {"int", T::kNameBuiltin},
    {"isinstance", T::kNameBuiltin}, {"issubclass", T::kNameBuiltin}, {"iter", T::kNameBuiltin},
    {"len", T::kNameBuiltin}, {"list", T::kNameBuiltin}, {"locals", T::kNameBuiltin}, {"map", T::kNameBuiltin},
    {"max", T::kNameBuiltin}, {"memoryview", T::kNameBuiltin}, {"min", T::kNameBuiltin},
    {"next", T::kNameBuiltin}, {"object", T::kNameBuiltin}, {"oct", T::kNameBuiltin},
    {"open", T::kNameBuiltin}, {"ord", T::kNameBuiltin}, {"pow", T::kNameBuiltin},
    {"print", T::kNameBuiltin}, {"property", T::kNameBuiltin}, {"range", T::kNameBuiltin},
    {"repr", T::kNameBuiltin}, {"reversed", T::kNameBuiltin}, {"round", T::kNameBuiltin},
    {"set", T::kNameBuiltin}, {"setattr", T::kNameBuiltin}, {"slice", T::kNameBuiltin},
    {"sorted", T::kNameBuiltin}, {"staticmethod", T::kNameBuiltin}, {"str", T::kNameBuiltin},
    {"sum", T::kNameBuiltin}, {"super", T::kNameBuiltin}, {"tuple", T::kNameBuiltin},
    {"type", T::kNameBuiltin}, {"vars", T::kNameBuiltin}, {"zip", T::kNameBuiltin},
    {"self", T::kNameBuiltinPseudo}, {"Ellipsis", T::kNameBuiltinPseudo},
    {"NotImplemented", T::kNameBuiltinPseudo}, {"cls", T::kNameBuiltinPseudo},
    {"ArithmeticError", T::kNameException}, {"AssertionError", T::kNameException},
    {"AttributeError", T::kNameException}, {"BaseException", T::kNameException},
    {"BufferError", T::kNameException}, {"BytesWarning", T::kNameException},
    {"DeprecationWarning", T::kNameException}, {"EOFError", T::kNameException},
    {"EnvironmentError", T::kNameException}, {"Exception", T::kNameException},
    {"FloatingPointError", T::kNameException}, {"FutureWarning", T::kNameException},
    {"GeneratorExit", T::kNameException}, {"IOError", T::kNameException}, {"ImportError", T::kNameException},
    {"ImportWarning", T::kNameException}, {"IndentationError", T::kNameException},
    {"IndexError", T::kNameException}, {"KeyError", T::kNameException},
    {"KeyboardInterrupt", T::kNameException}, {"LookupError", T::kNameException},
    {"MemoryError", T::kNameException}, {"NameError", T::kNameException},
    {"NotImplementedError", T::kNameException}, {"OSError", T::kNameException},
    {"OverflowError", T::kNameException}, {"PendingDeprecationWarning", T::kNameException},
    {"ReferenceError", T::kNameException}, {"ResourceWarning", T::kNameException},
    {"RuntimeError", T::kNameException}, {"RuntimeWarning", T::kNameException},
    {"StopIteration", T::kNameException}, {"SyntaxError", T::kNameException},
    {"SyntaxWarning", T::kNameException}, {"SystemError", T::kNameException},
    {"SystemExit", T::kNameException}, {"TabError", T::kNameException}, {"TypeError", T::kNameException},
    {"UnboundLocalError", T::kNameException}, {"UnicodeDecodeError", T::kNameException},
    {"UnicodeEncodeError", T::kNameException}, {"UnicodeError", T::kNameException},
    {"UnicodeTranslateError", T::kNameException}, {"UnicodeWarning", T::kNameException},
    {"UserWarning", T::kNameException}, {"ValueError", T::kNameException}, {"VMSError", T::kNameException},
    {"Warning", T::kNameException}, {"WindowsError", T::kNameException},
    {"ZeroDivisionError", T::kNameException}, {"BlockingIOError", T::kNameException},
    {"ChildProcessError", T::kNameException}, {"ConnectionError", T::kNameException},
    {"BrokenPipeError", T::kNameException}, {"ConnectionAbortedError", T::kNameException},
    {"ConnectionRefusedError", T::kNameException}, {"ConnectionResetError", T::kNameException},
    {"FileExistsError", T::kNameException}, {"FileNotFoundError", T::kNameException},
    {"InterruptedError", T::kNameException}, {"IsADirectoryError", T::kNameException},
    {"NotADirectoryError", T::kNameException}, {"PermissionError", T::kNameException},
    {"ProcessLookupError", T::kNameException}, {"TimeoutError", T::kNameException},
    {"StopAsyncIteration", T::kNameException}, {"ModuleNotFoundError", T::kNameException},
    {"RecursionError", T::kNameException}, {"EncodingWarning", T::kNameException},
};

// Dunder names: magic methods are functions, the rest magic variables.
constexpr KeywordTable<256> kMagic = {
    {"__abs__", T::kNameFunctionMagic}, {"__add__", T::kNameFunctionMagic}, {"__aenter__", T::kNameFunctionMagic},
    {"__aexit__", T::kNameFunctionMagic}, {"__aiter__", T::kNameFunctionMagic}, {"__and__", T::kNameFunctionMagic},
    {"__anext__", T::kNameFunctionMagic}, {"__await__", T::kNameFunctionMagic}, {"__bool__", T::kNameFunctionMagic},
    {"__bytes__", T::kNameFunctionMagic}, {"__call__", T::kNameFunctionMagic},
    {"__complex__", T::kNameFunctionMagic}, {"__contains__", T::kNameFunctionMagic},
    {"__del__", T::kNameFunctionMagic}, {"__delattr__", T::kNameFunctionMagic},
    {"__delete__", T::kNameFunctionMagic}, {"__delitem__", T::kNameFunctionMagic},
    {"__dir__", T::kNameFunctionMagic}, {"__divmod__", T::kNameFunctionMagic}, {"__enter__", T::kNameFunctionMagic},
    {"__eq__", T::kNameFunctionMagic}, {"__exit__", T::kNameFunctionMagic}, {"__float__", T::kNameFunctionMagic},
    {"__floordiv__", T::kNameFunctionMagic}, {"__format__", T::kNameFunctionMagic},
    {"__ge__", T::kNameFunctionMagic}, {"__get__", T::kNameFunctionMagic}, {"__getattr__", T::kNameFunctionMagic},
    {"__getattribute__", T::kNameFunctionMagic}, {"__getitem__", T::kNameFunctionMagic},
    {"__gt__", T::kNameFunctionMagic}, {"__hash__", T::kNameFunctionMagic}, {"__iadd__", T::kNameFunctionMagic},
    {"__iand__", T::kNameFunctionMagic}, {"__ifloordiv__", T::kNameFunctionMagic},
    {"__ilshift__", T::kNameFunctionMagic}, {"__imatmul__", T::kNameFunctionMagic},
    {"__imod__", T::kNameFunctionMagic}, {"__imul__", T::kNameFunctionMagic}, {"__index__", T::kNameFunctionMagic},
    {"__init__", T::kNameFunctionMagic}, {"__instancecheck__", T::kNameFunctionMagic},
    {"__int__", T::kNameFunctionMagic}, {"__invert__", T::kNameFunctionMagic}, {"__ior__", T::kNameFunctionMagic},
    {"__ipow__", T::kNameFunctionMagic}, {"__irshift__", T::kNameFunctionMagic}, {"__isub__", T::kNameFunctionMagic},
    {"__iter__", T::kNameFunctionMagic}, {"__itruediv__", T::kNameFunctionMagic},
    {"__ixor__", T::kNameFunctionMagic}, {"__le__", T::kNameFunctionMagic}, {"__len__", T::kNameFunctionMagic},
    {"__length_hint__", T::kNameFunctionMagic}, {"__lshift__", T::kNameFunctionMagic},
    {"__lt__", T::kNameFunctionMagic}, {"__matmul__", T::kNameFunctionMagic},
    {"__missing__", T::kNameFunctionMagic}, {"__mod__", T::kNameFunctionMagic}, {"__mul__", T::kNameFunctionMagic},
    {"__ne__", T::kNameFunctionMagic}, {"__neg__", T::kNameFunctionMagic}, {"__new__", T::kNameFunctionMagic},
    {"__next__", T::kNameFunctionMagic}, {"__or__", T::kNameFunctionMagic}, {"__pos__", T::kNameFunctionMagic},
    {"__pow__", T::kNameFunctionMagic}, {"__prepare__", T::kNameFunctionMagic}, {"__radd__", T::kNameFunctionMagic},
    {"__rand__", T::kNameFunctionMagic}, {"__rdivmod__", T::kNameFunctionMagic}, {"__repr__", T::kNameFunctionMagic},
    {"__reversed__", T::kNameFunctionMagic}, {"__rfloordiv__", T::kNameFunctionMagic},
    {"__rlshift__", T::kNameFunctionMagic}, {"__rmatmul__", T::kNameFunctionMagic},
    {"__rmod__", T::kNameFunctionMagic}, {"__rmul__", T::kNameFunctionMagic}, {"__ror__", T::kNameFunctionMagic},
    {"__round__", T::kNameFunctionMagic}, {"__rpow__", T::kNameFunctionMagic}, {"__rrshift__", T::kNameFunctionMagic},
    {"__rshift__", T::kNameFunctionMagic}, {"__rsub__", T::kNameFunctionMagic},
    {"__rtruediv__", T::kNameFunctionMagic}, {"__rxor__", T::kNameFunctionMagic}, {"__set__", T::kNameFunctionMagic},
    {"__setattr__", T::kNameFunctionMagic}, {"__setitem__", T::kNameFunctionMagic},
    {"__str__", T::kNameFunctionMagic}, {"__sub__", T::kNameFunctionMagic},
    {"__subclasscheck__", T::kNameFunctionMagic}, {"__truediv__", T::kNameFunctionMagic},
    {"__xor__", T::kNameFunctionMagic}, {"__annotations__", T::kNameVariableMagic},
    {"__bases__", T::kNameVariableMagic}, {"__class__", T::kNameVariableMagic}, {"__closure__", T::kNameVariableMagic},
    {"__code__", T::kNameVariableMagic}, {"__defaults__", T::kNameVariableMagic}, {"__dict__", T::kNameVariableMagic},
    {"__doc__", T::kNameVariableMagic}, {"__file__", T::kNameVariableMagic}, {"__func__", T::kNameVariableMagic},
    {"__globals__", T::kNameVariableMagic}, {"__kwdefaults__", T::kNameVariableMagic},
    {"__module__", T::kNameVariableMagic}, {"__mro__", T::kNameVariableMagic}, {"__name__", T::kNameVariableMagic},
    {"__objclass__", T::kNameVariableMagic}, {"__qualname__", T::kNameVariableMagic},
    {"__self__", T::kNameVariableMagic}, {"__slots__", T::kNameVariableMagic}, {"__weakref__", T::kNameVariableMagic},
};

bool is_quote(char c) { return c == '"' || c == '\''; }

struct StringKind {
  bool raw = false;
  bool bytes = false;
  bool f = false;
};

// Recognizes a string prefix (r, b, u, f, rb, br, rf, fr in any case).
bool string_prefix(std::string_view p, StringKind& kind) {
  if (p.size() > 2) return false;
  for (char c : p) {
    switch (c | 0x20) {
      case 'r': if (kind.raw) return false; kind.raw = true; break;
      case 'b': if (kind.bytes) return false; kind.bytes = true; break;
      case 'f': if (kind.f) return false; kind.f = true; break;
      case 'u': if (p.size() != 1) return false; break;
      default: return false;
    }
  }
  return !(kind.bytes && kind.f);
}

class PythonLexer {
 public:
  PythonLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    bool line_start = true;
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '\n') {
        out_.push(T::kText, ++i);
        line_start = true;
        continue;
      }
      if (line_start) {
        line_start = false;
        std::size_t j = scan::skip_blanks(s_, i);
        if (std::size_t e = docstring(j); e != 0) {
          out_.push(T::kText, j);
          i = e;
          continue;
        }
        std::size_t w = scan::skip_ident(s_, j);
        std::string_view word = s_.substr(j, w - j);
        if ((word == "match" || word == "case") && soft_keyword(w)) {
          out_.push(T::kText, j);
          out_.push(T::kKeyword, w);
          i = w;
          continue;
        }
      }
      i = root_token(i);
    }
  }

 private:
  // A docstring-like triple-quoted string at the start of a line; 0 if none.
  std::size_t docstring(std::size_t j) {
    std::size_t k = j;
    while (k < s_.size() && k - j < 2 && std::string_view("rRuUbB").find(s_[k]) != std::string_view::npos) ++k;
    if (!(scan::at(s_, k, "\"\"\"") || scan::at(s_, k, "'''"))) return 0;
    std::size_t close = scan::find(s_, s_.substr(k, 3), k + 3, s_[k] == '"' ? docstring_miss_[0] : docstring_miss_[1]);
    if (close == std::string_view::npos) return 0;  // Pygments falls back to a plain string
    out_.push(T::kStringAffix, k);
    out_.push(T::kStringDoc, close + 3);
    return close + 3;
  }

  // `match`/`case` is a keyword unless an operator or keyword follows it.
  bool soft_keyword(std::size_t w) {
    if (w >= s_.size() || !scan::is_blank(s_[w])) return false;
    std::size_t k = scan::skip_blanks(s_, w);
    if (k >= s_.size()) return false;
    if (std::string_view(":,;=^&|@~)]}").find(s_[k]) != std::string_view::npos) return false;
    std::size_t e = scan::skip_ident(s_, k);
    return !kWords.contains(s_.substr(k, e - k));
  }

  std::size_t root_token(std::size_t i) {
    char c = s_[i];
    if (c == '#') {
      std::size_t e = scan::line_end(s_, i);
      out_.push(i == 0 && scan::at(s_, 0, "#!") ? T::kCommentHashbang : T::kCommentSingle, e);
      return e;
    }
    if (scan::is_ident_start(c)) {
      std::size_t e = scan::skip_ident(s_, i);
      std::string_view word = s_.substr(i, e - i);
      if (word == "def" || word == "class") {
        out_.push(T::kKeyword, e);
        std::size_t n = scan::skip_spaces(s_, e);
        if (n == e) return e;
        out_.push(T::kText, n);
        std::size_t ne = scan::skip_ident(s_, n);
        if (ne > n && !scan::is_digit(s_[n])) {
          T t = word == "class" ? T::kNameClass : kMagic.find(s_.substr(n, ne - n), T::kNameFunction);
          if (word == "class") t = T::kNameClass;
          else if (t != T::kNameFunctionMagic) t = T::kNameFunction;
          out_.push(t, ne);
          return ne;
        }
        return n;
      }
      if (word == "import") return import_names(i, e);
      if (word == "from") return from_import(i, e);
    }
    return expr_token(i);
  }

  std::size_t import_names(std::size_t i, std::size_t e) {
    out_.push(T::kKeywordNamespace, e);
    std::size_t n = scan::skip_spaces(s_, e);
    if (n == e) return e;
    out_.push(T::kText, n);
    i = n;
    while (i < s_.size()) {
      if (s_[i] == '.') {
        out_.push(T::kNameNamespace, ++i);
        continue;
      }
      if (scan::is_ident_start(s_[i])) {
        i = scan::skip_ident(s_, i);
        out_.push(T::kNameNamespace, i);
        continue;
      }
      std::size_t k = scan::skip_spaces(s_, i);
      if (k > i && scan::at(s_, k, "as") && k + 2 < s_.size() && scan::is_space(s_[k + 2])) {
        out_.push(T::kText, k);
        out_.push(T::kKeyword, k + 2);
        i = scan::skip_spaces(s_, k + 2);
        out_.push(T::kText, i);
        continue;
      }
      if (k < s_.size() && s_[k] == ',') {
        out_.push(T::kText, k);
        out_.push(T::kOperator, k + 1);
        i = scan::skip_spaces(s_, k + 1);
        out_.push(T::kText, i);
        continue;
      }
      break;
    }
    return i;
  }

  std::size_t from_import(std::size_t i, std::size_t e) {
    out_.push(T::kKeywordNamespace, e);
    std::size_t n = scan::skip_spaces(s_, e);
    if (n == e) return e;
    out_.push(T::kText, n);
    i = n;
    while (i < s_.size()) {
      if (s_[i] == '.') {
        out_.push(T::kNameNamespace, ++i);
        continue;
      }
      if (scan::is_ident_start(s_[i])) {
        std::size_t w = scan::skip_ident(s_, i);
        if (s_.substr(i, w - i) == "None") {
          out_.push(T::kNameBuiltinPseudo, w);
          return w;
        }
        out_.push(T::kNameNamespace, w);
        i = w;
        continue;
      }
      std::size_t k = scan::skip_spaces(s_, i);
      if (k > i && scan::at(s_, k, "import") && !(k + 6 < s_.size() && scan::is_ident_char(s_[k + 6]))) {
        out_.push(T::kText, k);
        out_.push(T::kKeywordNamespace, k + 6);
        return k + 6;
      }
      break;
    }
    return i;
  }

  std::size_t expr_token(std::size_t i) {
    char c = s_[i];
    if (scan::is_ident_start(c)) {
      std::size_t e = scan::skip_ident(s_, i);
      std::string_view word = s_.substr(i, e - i);
      if (e < s_.size() && is_quote(s_[e])) {
        StringKind kind;
        if (string_prefix(word, kind)) {
          out_.push(T::kStringAffix, e);
          return string(e, kind);
        }
      }
      T t = kWords.find(word, T::kName);
      if (t == T::kName) {
        bool after_dot = i > 0 && s_[i - 1] == '.';
        if (!after_dot) t = kBuiltins.find(word, T::kName);
        if (t == T::kName && word.size() > 4 && word[0] == '_' && word[1] == '_') t = kMagic.find(word, T::kName);
      }
      out_.push(t, e);
      return e;
    }
    if (scan::is_digit(c) || (c == '.' && i + 1 < s_.size() && scan::is_digit(s_[i + 1]))) return number(i);
    if (is_quote(c)) return string(i, StringKind{});
    switch (c) {
      case ' ': case '\t': case '\r': case '\f': case '\n': {
        std::size_t e = i + 1;
        while (e < s_.size() && scan::is_space(s_[e]) && s_[e] != '\n') ++e;
        out_.push(T::kText, e);
        return e;
      }
      case '\\': {
        std::size_t e = i + 1 < s_.size() && s_[i + 1] == '\n' ? i + 2 : i + 1;
        out_.push(T::kText, e);
        return e;
      }
      case '@': {
        std::size_t e = scan::skip_ident(s_, i + 1);
        if (e > i + 1 && !scan::is_digit(s_[i + 1])) {
          out_.push(T::kNameDecorator, e);
          return e;
        }
        out_.push(T::kOperator, i + 1);
        return i + 1;
      }
      case '!':
        if (i + 1 < s_.size() && s_[i + 1] == '=') {
          out_.push(T::kOperator, i + 2);
          return i + 2;
        }
        out_.push(T::kError, i + 1);
        return i + 1;
      case '-': case '~': case '+': case '/': case '*': case '%': case '=': case '<': case '>':
      case '&': case '^': case '|': case '.':
        out_.push(T::kOperator, i + 1);
        return i + 1;
      case ':':
        if (i + 1 < s_.size() && s_[i + 1] == '=') {
          out_.push(T::kOperator, i + 2);
          return i + 2;
        }
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      case '[': case ']': case '{': case '}': case '(': case ')': case ',': case ';':
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      default: {
        std::size_t e = scan::next_char(s_, i);
        out_.push(T::kError, e);
        return e;
      }
    }
  }

  std::size_t number(std::size_t i) {
    auto digits = [&](std::size_t j) {
      if (j >= s_.size() || !scan::is_digit(s_[j])) return j;
      ++j;
      while (j < s_.size()) {
        if (scan::is_digit(s_[j])) ++j;
        else if (s_[j] == '_' && j + 1 < s_.size() && scan::is_digit(s_[j + 1])) j += 2;
        else break;
      }
      return j;
    };
    auto exponent = [&](std::size_t j) {
      if (j < s_.size() && (s_[j] | 0x20) == 'e') {
        std::size_t k = j + 1;
        if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
        std::size_t d = digits(k);
        if (d > k) return d;
      }
      return j;
    };
    if (s_[i] == '0' && i + 2 < s_.size()) {
      char p = static_cast<char>(s_[i + 1] | 0x20);
      if (p == 'x' || p == 'o' || p == 'b') {
        std::size_t j = i + 2;
        auto ok = [&](char ch) { return p == 'x' ? scan::is_hex(ch) : p == 'o' ? (ch >= '0' && ch <= '7') : (ch == '0' || ch == '1'); };
        while (j < s_.size()) {
          if (ok(s_[j])) ++j;
          else if (s_[j] == '_' && j + 1 < s_.size() && ok(s_[j + 1])) j += 2;
          else break;
        }
        if (j > i + 2) {
          out_.push(p == 'x' ? T::kNumberHex : p == 'o' ? T::kNumberOct : T::kNumberBin, j);
          return j;
        }
      }
    }
    std::size_t j = digits(i);
    if (j < s_.size() && s_[j] == '.') {
      j = exponent(digits(j + 1));
      out_.push(T::kNumberFloat, j);
      return j;
    }
    std::size_t x = exponent(j);
    if (x > j) {
      if (x < s_.size() && s_[x] == 'j') ++x;
      out_.push(T::kNumberFloat, x);
      return x;
    }
    out_.push(T::kNumberInteger, j);
    return j;
  }

  // A string body from the opening quote at s_[i].
  std::size_t string(std::size_t i, StringKind kind) {
    char q = s_[i];
    const T body = q == '"' ? T::kStringDouble : T::kStringSingle;
    const bool triple = i + 2 < s_.size() && s_[i + 1] == q && s_[i + 2] == q;
    std::size_t j = i + (triple ? 3 : 1);
    out_.push(body, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == q) {
        if (!triple) {
          out_.push(body, ++j);
          return j;
        }
        if (j + 2 < s_.size() && s_[j + 1] == q && s_[j + 2] == q) {
          out_.push(body, j + 3);
          return j + 3;
        }
        out_.push(body, ++j);
        continue;
      }
      if (c == '\n') {
        if (!triple) return j;
        out_.push(body, ++j);
        continue;
      }
      if (c == '\\') {
        std::size_t e = escape(j, kind, q);
        if (e > j) {
          out_.push(T::kStringEscape, e);
          j = e;
        } else {
          out_.push(body, ++j);
        }
        continue;
      }
      if (kind.f) {
        if (c == '{' || c == '}') {
          if (j + 1 < s_.size() && s_[j + 1] == c) {
            out_.push(T::kStringEscape, j + 2);
            j += 2;
            continue;
          }
          out_.push(T::kStringInterpol, ++j);
          if (c == '{' && nesting_ < kMaxNesting) {
            ++nesting_;
            j = fstring_expr(j, q);
            --nesting_;
          }
          continue;
        }
      } else if (c == '%' || c == '{') {
        std::size_t e = c == '%' ? percent_format(j) : brace_format(j);
        out_.push(e > j ? T::kStringInterpol : body, e > j ? e : j + 1);
        j = e > j ? e : j + 1;
        continue;
      }
      out_.push(body, ++j);
    }
    return j;
  }

  std::size_t escape(std::size_t j, StringKind kind, char q) {
    if (j + 1 >= s_.size()) return j;
    char n = s_[j + 1];
    if (n == '\\' || n == q || n == '\n') return j + 2;
    if (kind.raw) return j;
    auto hex = [&](std::size_t k, std::size_t count) {
      for (std::size_t m = 0; m < count; ++m) {
        if (k + m >= s_.size() || !scan::is_hex(s_[k + m])) return j;
      }
      return k + count;
    };
    switch (n) {
      case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '"': case '\'':
        return j + 2;
      case 'x': return hex(j + 2, 2);
      case 'u': return kind.bytes ? j : hex(j + 2, 4);
      case 'U': return kind.bytes ? j : hex(j + 2, 8);
      case 'N': {
        if (kind.bytes || j + 2 >= s_.size() || s_[j + 2] != '{') return j;
        if (name_miss_.covers(j)) return j;
        std::size_t close = j + 3;
        while (close < s_.size() && s_[close] != '}' && s_[close] != '\n') ++close;
        if (close < s_.size() && s_[close] == '}') return close + 1;
        name_miss_.record(j, close);
        return j;
      }
      default: break;
    }
    if (n >= '0' && n <= '7') {
      std::size_t k = j + 1;
      while (k < s_.size() && k - j <= 3 && s_[k] >= '0' && s_[k] <= '7') ++k;
      return k;
    }
    return j;
  }

  // %(name)-08.3f style fields.
  std::size_t percent_format(std::size_t j) {
    std::size_t k = j + 1;
    if (k < s_.size() && s_[k] == '(') {
      std::size_t e = k + 1;
      while (e < s_.size() && scan::is_ident_char(s_[e])) ++e;
      if (e >= s_.size() || s_[e] != ')') return j;
      k = e + 1;
    }
    while (k < s_.size() && std::string_view("-#0 +").find(s_[k]) != std::string_view::npos) ++k;
    if (k < s_.size() && s_[k] == '*') ++k;
    else while (k < s_.size() && scan::is_digit(s_[k])) ++k;
    if (k < s_.size() && s_[k] == '.') {
      std::size_t d = k + 1;
      if (d < s_.size() && s_[d] == '*') ++d;
      else while (d < s_.size() && scan::is_digit(s_[d])) ++d;
      if (d > k + 1) k = d;
    }
    if (k < s_.size() && (s_[k] == 'h' || s_[k] == 'l' || s_[k] == 'L')) ++k;
    if (k < s_.size()) {
      char c = s_[k];
      if ((c >= 'E' && c <= 'G') || c == 'X' || (c >= 'c' && c <= 'g') || c == 'i' || c == 'o' || c == 'r' ||
          c == 's' || c == 'u' || c == 'a' || c == 'x' || c == '%') {
        return k + 1;
      }
    }
    return j;
  }

  // {name.attr[key]!r:>10.2f} style fields.
  std::size_t brace_format(std::size_t j) {
    std::size_t k = j + 1;
    std::size_t w = k;
    while (w < s_.size() && scan::is_ident_char(s_[w])) ++w;
    if (w > k) {
      k = w;
      while (k < s_.size()) {
        if (s_[k] == '.') {
          std::size_t e = k + 1;
          while (e < s_.size() && scan::is_ident_char(s_[e])) ++e;
          if (e == k + 1) break;
          k = e;
        } else if (s_[k] == '[') {
          if (index_miss_.covers(k)) break;
          std::size_t e = k + 1;
          while (e < s_.size() && s_[e] != ']' && s_[e] != '\n') ++e;
          if (e >= s_.size() || s_[e] != ']' || e == k + 1) {
            if (e >= s_.size() || s_[e] != ']') index_miss_.record(k, e);
            break;
          }
          k = e + 1;
        } else {
          break;
        }
      }
    }
    if (k + 1 < s_.size() && s_[k] == '!' && (s_[k + 1] == 's' || s_[k + 1] == 'r' || s_[k + 1] == 'a')) k += 2;
    if (k < s_.size() && s_[k] == ':') {
      ++k;
      if (k + 1 < s_.size() && std::string_view("<>=^").find(s_[k + 1]) != std::string_view::npos && s_[k] != '}') {
        k += 2;
      } else if (k < s_.size() && std::string_view("<>=^").find(s_[k]) != std::string_view::npos) {
        ++k;
      }
      if (k < s_.size() && (s_[k] == '-' || s_[k] == '+' || s_[k] == ' ')) ++k;
      if (k < s_.size() && s_[k] == '#') ++k;
      if (k < s_.size() && s_[k] == '0') ++k;
      while (k < s_.size() && scan::is_digit(s_[k])) ++k;
      if (k < s_.size() && s_[k] == ',') ++k;
      if (k + 1 < s_.size() && s_[k] == '.' && scan::is_digit(s_[k + 1])) {
        ++k;
        while (k < s_.size() && scan::is_digit(s_[k])) ++k;
      }
      if (k < s_.size() && ((s_[k] >= 'E' && s_[k] <= 'G') || s_[k] == 'X' || (s_[k] >= 'b' && s_[k] <= 'g') ||
                            s_[k] == 'n' || s_[k] == 'o' || s_[k] == 's' || s_[k] == 'x' || s_[k] == '%')) {
        ++k;
      }
    }
    return k < s_.size() && s_[k] == '}' ? k + 1 : j;
  }

  // The expression inside an f-string field, up to its closing '}' or ':'.
  std::size_t fstring_expr(std::size_t j, char quote) {
    int depth = 0;
    while (j < s_.size()) {
      char c = s_[j];
      if (depth == 0) {
        std::size_t k = j;
        if (c == '=') k = scan::skip_spaces(s_, j + 1);
        if (k + 1 < s_.size() && s_[k] == '!' && std::string_view("sraf").find(s_[k + 1]) != std::string_view::npos) {
          k += 2;
        }
        if (k < s_.size() && (s_[k] == '}' || s_[k] == ':') && (k > j || c == '}' || c == ':')) {
          out_.push(T::kStringInterpol, k + 1);
          return k + 1;
        }
      }
      if (c == '{' || c == '(' || c == '[') {
        ++depth;
        out_.push(T::kPunctuation, ++j);
        continue;
      }
      if (depth > 0 && (c == '}' || c == ')' || c == ']')) {
        --depth;
        out_.push(T::kPunctuation, ++j);
        continue;
      }
      if (c == quote) return j;  // the enclosing string ends, and the field with it
      if (c == '"' || c == '\'') {
        j = string(j, StringKind{});
        continue;
      }
      if (scan::is_space(c)) {
        std::size_t e = scan::skip_spaces(s_, j);
        out_.push(T::kText, e);
        j = e;
        continue;
      }
      j = expr_token(j);
    }
    return j;
  }

  // f-strings nest (f"{f'{x}'}"); deeper ones are left as string text so
  // that hostile input cannot exhaust the stack.
  static constexpr int kMaxNesting = 16;

  std::string_view s_;
  TokenSink& out_;
  int nesting_ = 0;
  scan::Miss docstring_miss_[2];  // unclosed triple quotes: double, single
  scan::Miss name_miss_;          // unclosed \N{
  scan::Miss index_miss_;         // unclosed [ in a {field[key]}
};

}  // namespace

void lex_python(std::string_view code, TokenSink& out) { PythonLexer(code, out).run(); }

// The interactive console: ">>> " and "... " prompts before code, tracebacks,
// and everything else as output (Pygments' PythonConsoleLexer).
void lex_pycon(std::string_view code, TokenSink& out) {
  std::size_t i = 0;
  bool in_traceback = false;
  while (i < code.size()) {
    std::size_t e = scan::line_end(code, i);
    std::size_t next = e < code.size() ? e + 1 : e;
    std::string_view line = code.substr(i, e - i);
    if (line.starts_with(">>> ") || line.starts_with("... ")) {
      in_traceback = false;
      out.push(T::kGenericPrompt, i + 4);
      TokenSink::Embed embed(out, i + 4);
      lex_python(code.substr(i + 4, next - i - 4), out);
    } else if (line == "..." && !in_traceback) {
      out.push(T::kGenericPrompt, e);
    } else if (line.starts_with("Traceback (most recent call last):")) {
      in_traceback = true;
      out.push(T::kGenericTraceback, next);
    } else if (in_traceback && line.starts_with("  File \"")) {
      std::size_t q = line.find('"', 8);
      if (q == std::string_view::npos) {
        out.push(T::kText, next);
      } else {
        out.push(T::kText, i + 7);
        out.push(T::kNameBuiltin, i + q + 1);
        std::size_t n = line.find(", line ", q);
        if (n != std::string_view::npos) {
          std::size_t d = n + 7;
          while (d < line.size() && scan::is_digit(line[d])) ++d;
          out.push(T::kText, i + n + 7);
          out.push(T::kNumber, i + d);
          if (scan::at(line, d, ", in ")) {
            out.push(T::kText, i + d + 5);
            out.push(T::kName, e);
          }
        }
        out.push(T::kText, next);
      }
    } else if (in_traceback && line.starts_with("    ")) {
      out.push(T::kText, i + 4);
      TokenSink::Embed embed(out, i + 4);
      lex_python(code.substr(i + 4, e - i - 4), out);
    } else if (in_traceback) {
      in_traceback = false;
      std::size_t colon = line.find(": ");
      if (colon != std::string_view::npos && colon > 0) {
        out.push(T::kGenericError, i + colon);
        out.push(T::kText, i + colon + 2);
        out.push(T::kName, e);
      } else {
        out.push(T::kGenericError, e);
      }
      out.push(T::kText, next);
    } else {
      out.push(T::kGenericOutput, next);
    }
    i = next;
  }
}

}  // namespace bengal::highlight
