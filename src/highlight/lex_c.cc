// C and C++, following Pygments' CFamilyLexer: preprocessor lines, function
// definitions recognized at statement level ("int f(...) {"), labels, case
// values, stdlib type names, raw strings (C++).
#include <algorithm>
#include <string>
#include <vector>

#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

// Words after which a class/namespace/enum name follows.
enum class After : std::uint8_t { kNone, kClassName, kEnumName, kNamespace, kCase };

constexpr KeywordTable<256> kCommon = {
    {"asm", T::kKeyword}, {"auto", T::kKeyword}, {"break", T::kKeyword}, {"const", T::kKeyword},
    {"continue", T::kKeyword}, {"default", T::kKeyword}, {"do", T::kKeyword}, {"else", T::kKeyword},
    {"enum", T::kKeyword}, {"extern", T::kKeyword}, {"for", T::kKeyword}, {"goto", T::kKeyword},
    {"if", T::kKeyword}, {"register", T::kKeyword}, {"restricted", T::kKeyword}, {"return", T::kKeyword},
    {"sizeof", T::kKeyword}, {"struct", T::kKeyword}, {"static", T::kKeyword}, {"switch", T::kKeyword},
    {"typedef", T::kKeyword}, {"volatile", T::kKeyword}, {"while", T::kKeyword}, {"union", T::kKeyword},
    {"thread_local", T::kKeyword}, {"alignas", T::kKeyword}, {"alignof", T::kKeyword},
    {"static_assert", T::kKeyword}, {"_Pragma", T::kKeyword}, {"case", T::kKeyword},
    {"inline", T::kKeywordReserved}, {"_inline", T::kKeywordReserved}, {"__inline", T::kKeywordReserved},
    {"naked", T::kKeywordReserved}, {"restrict", T::kKeywordReserved}, {"thread", T::kKeywordReserved},
    {"__m128i", T::kKeywordReserved}, {"__m128d", T::kKeywordReserved}, {"__m128", T::kKeywordReserved},
    {"__m64", T::kKeywordReserved}, {"__asm", T::kKeywordReserved}, {"__based", T::kKeywordReserved},
    {"__except", T::kKeywordReserved}, {"__stdcall", T::kKeywordReserved}, {"__cdecl", T::kKeywordReserved},
    {"__fastcall", T::kKeywordReserved}, {"__declspec", T::kKeywordReserved},
    {"__finally", T::kKeywordReserved}, {"__try", T::kKeywordReserved}, {"__leave", T::kKeywordReserved},
    {"__w64", T::kKeywordReserved}, {"__unaligned", T::kKeywordReserved}, {"__raise", T::kKeywordReserved},
    {"__noop", T::kKeywordReserved}, {"__identifier", T::kKeywordReserved},
    {"__forceinline", T::kKeywordReserved}, {"__assume", T::kKeywordReserved},
    {"__int8", T::kKeywordReserved}, {"__int16", T::kKeywordReserved}, {"__int32", T::kKeywordReserved},
    {"__int64", T::kKeywordReserved}, {"__wchar_t", T::kKeywordReserved},
    // C only
    {"_Alignas", T::kKeyword}, {"_Alignof", T::kKeyword}, {"_Noreturn", T::kKeyword}, {"_Generic", T::kKeyword},
    {"_Thread_local", T::kKeyword}, {"_Static_assert", T::kKeyword}, {"_Imaginary", T::kKeyword},
    {"noreturn", T::kKeyword}, {"imaginary", T::kKeyword}, {"complex", T::kKeyword},
    // C++ only
    {"catch", T::kKeyword}, {"const_cast", T::kKeyword}, {"delete", T::kKeyword},
    {"dynamic_cast", T::kKeyword}, {"explicit", T::kKeyword}, {"export", T::kKeyword}, {"friend", T::kKeyword},
    {"mutable", T::kKeyword}, {"new", T::kKeyword}, {"operator", T::kKeyword}, {"private", T::kKeyword},
    {"protected", T::kKeyword}, {"public", T::kKeyword}, {"reinterpret_cast", T::kKeyword},
    {"class", T::kKeyword}, {"static_cast", T::kKeyword}, {"template", T::kKeyword}, {"this", T::kKeyword},
    {"throw", T::kKeyword}, {"throws", T::kKeyword}, {"try", T::kKeyword}, {"typeid", T::kKeyword},
    {"using", T::kKeyword}, {"virtual", T::kKeyword}, {"constexpr", T::kKeyword}, {"nullptr", T::kKeyword},
    {"concept", T::kKeyword}, {"decltype", T::kKeyword}, {"noexcept", T::kKeyword}, {"override", T::kKeyword},
    {"final", T::kKeyword}, {"constinit", T::kKeyword}, {"consteval", T::kKeyword}, {"co_await", T::kKeyword},
    {"co_return", T::kKeyword}, {"co_yield", T::kKeyword}, {"requires", T::kKeyword}, {"import", T::kKeyword},
    {"module", T::kKeyword}, {"typename", T::kKeyword}, {"namespace", T::kKeyword},
};

// Words that are keywords only in one of the two languages.
constexpr KeywordTable<32> kCOnly = {
    {"_Alignas", T::kKeyword}, {"_Alignof", T::kKeyword}, {"_Noreturn", T::kKeyword}, {"_Generic", T::kKeyword},
    {"_Thread_local", T::kKeyword}, {"_Static_assert", T::kKeyword}, {"_Imaginary", T::kKeyword},
    {"noreturn", T::kKeyword}, {"imaginary", T::kKeyword}, {"complex", T::kKeyword},
};

constexpr KeywordTable<256> kTypes = {
    {"bool", T::kKeywordType}, {"int", T::kKeywordType}, {"long", T::kKeywordType}, {"float", T::kKeywordType},
    {"short", T::kKeywordType}, {"double", T::kKeywordType}, {"char", T::kKeywordType},
    {"unsigned", T::kKeywordType}, {"signed", T::kKeywordType}, {"void", T::kKeywordType},
    {"_Bool", T::kKeywordType}, {"_Complex", T::kKeywordType}, {"_Atomic", T::kKeywordType},
    {"char16_t", T::kKeywordType}, {"char32_t", T::kKeywordType}, {"char8_t", T::kKeywordType},
};

// Library type names Pygments promotes from Name to Keyword.Type.
constexpr KeywordTable<256> kLibraryTypes = {
    {"size_t", T::kKeywordType}, {"ssize_t", T::kKeywordType}, {"off_t", T::kKeywordType},
    {"wchar_t", T::kKeywordType}, {"ptrdiff_t", T::kKeywordType}, {"sig_atomic_t", T::kKeywordType},
    {"fpos_t", T::kKeywordType}, {"clock_t", T::kKeywordType}, {"time_t", T::kKeywordType},
    {"va_list", T::kKeywordType}, {"jmp_buf", T::kKeywordType}, {"FILE", T::kKeywordType},
    {"DIR", T::kKeywordType}, {"div_t", T::kKeywordType}, {"ldiv_t", T::kKeywordType},
    {"mbstate_t", T::kKeywordType}, {"wctrans_t", T::kKeywordType}, {"wint_t", T::kKeywordType},
    {"wctype_t", T::kKeywordType}, {"int8_t", T::kKeywordType}, {"int16_t", T::kKeywordType},
    {"int32_t", T::kKeywordType}, {"int64_t", T::kKeywordType}, {"uint8_t", T::kKeywordType},
    {"uint16_t", T::kKeywordType}, {"uint32_t", T::kKeywordType}, {"uint64_t", T::kKeywordType},
    {"int_least8_t", T::kKeywordType}, {"int_least16_t", T::kKeywordType}, {"int_least32_t", T::kKeywordType},
    {"int_least64_t", T::kKeywordType}, {"uint_least8_t", T::kKeywordType},
    {"uint_least16_t", T::kKeywordType}, {"uint_least32_t", T::kKeywordType},
    {"uint_least64_t", T::kKeywordType}, {"int_fast8_t", T::kKeywordType}, {"int_fast16_t", T::kKeywordType},
    {"int_fast32_t", T::kKeywordType}, {"int_fast64_t", T::kKeywordType}, {"uint_fast8_t", T::kKeywordType},
    {"uint_fast16_t", T::kKeywordType}, {"uint_fast32_t", T::kKeywordType},
    {"uint_fast64_t", T::kKeywordType}, {"intptr_t", T::kKeywordType}, {"uintptr_t", T::kKeywordType},
    {"intmax_t", T::kKeywordType}, {"uintmax_t", T::kKeywordType}, {"clockid_t", T::kKeywordType},
    {"cpu_set_t", T::kKeywordType}, {"cpumask_t", T::kKeywordType}, {"dev_t", T::kKeywordType},
    {"gid_t", T::kKeywordType}, {"id_t", T::kKeywordType}, {"ino_t", T::kKeywordType},
    {"key_t", T::kKeywordType}, {"mode_t", T::kKeywordType}, {"nfds_t", T::kKeywordType},
    {"pid_t", T::kKeywordType}, {"rlim_t", T::kKeywordType}, {"sig_t", T::kKeywordType},
    {"sighandler_t", T::kKeywordType}, {"siginfo_t", T::kKeywordType}, {"sigset_t", T::kKeywordType},
    {"sigval_t", T::kKeywordType}, {"socklen_t", T::kKeywordType}, {"timer_t", T::kKeywordType},
    {"uid_t", T::kKeywordType}, {"atomic_bool", T::kKeywordType}, {"atomic_char", T::kKeywordType},
    {"atomic_int", T::kKeywordType}, {"atomic_uint", T::kKeywordType}, {"atomic_long", T::kKeywordType},
    {"atomic_ulong", T::kKeywordType}, {"atomic_size_t", T::kKeywordType}, {"atomic_llong", T::kKeywordType},
    {"atomic_ullong", T::kKeywordType}, {"atomic_short", T::kKeywordType}, {"atomic_ushort", T::kKeywordType},
};

bool ident_char(char c) { return scan::is_ident_char(c) || c == '$'; }
bool ident_start(char c) { return scan::is_ident_start(c) || c == '$'; }

class CLexer {
 public:
  CLexer(std::string_view s, TokenSink& out, bool cpp) : s_(s), out_(out), cpp_(cpp) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = whitespace(i);
      if (e != i) {
        i = e;
        continue;
      }
      i = token(i);
    }
  }

 private:
  enum class State : std::uint8_t { kRoot, kStatement, kFunction };

  bool line_start(std::size_t i) const {
    std::size_t k = i;
    while (k > 0 && scan::is_blank(s_[k - 1])) --k;
    return k == 0 || s_[k - 1] == '\n';
  }

  // Whitespace, comments, preprocessor lines and labels; returns i if none.
  std::size_t whitespace(std::size_t i) {
    char c = s_[i];
    if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      if (c == '\n') at_line_start_ = true;
      std::size_t e = i + 1;
      while (e < s_.size() && scan::is_blank(s_[e])) ++e;
      out_.push(T::kText, e);
      return e;
    }
    if (c == '#' && line_start(i)) return preprocessor(i);
    if (c == '\\' && i + 1 < s_.size() && s_[i + 1] == '\n') {
      out_.push(T::kText, i + 2);
      return i + 2;
    }
    if (c == '/' && i + 1 < s_.size()) {
      if (s_[i + 1] == '/') {
        std::size_t e = i + 2;
        while (e < s_.size() && !(s_[e] == '\n' && s_[e - 1] != '\\')) ++e;
        out_.push(T::kCommentSingle, e < s_.size() ? e + 1 : e);
        at_line_start_ = true;
        return e < s_.size() ? e + 1 : e;
      }
      if (s_[i + 1] == '*') {
        std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
        std::size_t e = close == std::string_view::npos ? s_.size() : close + 2;
        out_.push(T::kCommentMultiline, e);
        return e;
      }
    }
    if (ident_start(c) && !scan::is_digit(c) && line_start(i)) {
      std::size_t w = scan::skip_ident(s_, i);
      while (w < s_.size() && s_[w] == '$') w = scan::skip_ident(s_, w + 1);
      std::string_view word = s_.substr(i, w - i);
      std::size_t k = scan::skip_spaces(s_, w);
      if (k < s_.size() && s_[k] == ':' && !(k + 1 < s_.size() && s_[k + 1] == ':') && word != "public" &&
          word != "private" && word != "protected" && word != "default") {
        out_.push(T::kNameLabel, w);
        out_.push(T::kText, k);
        out_.push(T::kPunctuation, k + 1);
        return k + 1;
      }
    }
    return i;
  }

  std::size_t preprocessor(std::size_t i) {
    std::size_t k = scan::skip_blanks(s_, i + 1);
    std::size_t w = scan::skip_ident(s_, k);
    std::string_view directive = s_.substr(k, w - k);
    if (directive == "if") {
      std::size_t z = scan::skip_blanks(s_, w);
      if (z > w && z < s_.size() && s_[z] == '0' && !(z + 1 < s_.size() && scan::is_ident_char(s_[z + 1]))) {
        return if0(i);
      }
    }
    out_.push(T::kCommentPreproc, i + 1);
    if (directive == "include") {
      out_.push(T::kText, k);
      out_.push(T::kCommentPreproc, w);
      std::size_t p = scan::skip_blanks(s_, w);
      out_.push(T::kText, p);
      if (p < s_.size() && (s_[p] == '"' || s_[p] == '<')) {
        char close = s_[p] == '"' ? '"' : '>';
        std::size_t le = scan::line_end(s_, p);
        std::size_t e = s_.substr(0, le).find(close, p + 1);
        if (e != std::string_view::npos && e > p + 1) {
          out_.push(T::kCommentPreprocFile, e + 1);
          out_.push(T::kCommentSingle, le);
          i = le;
        }
      }
    }
    // The rest of the directive, with continuation lines and comments.
    std::size_t j = i;
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '\n') {
        if (j > 0 && s_[j - 1] == '\\') {
          out_.push(T::kCommentPreproc, ++j);
          continue;
        }
        out_.push(T::kCommentPreproc, j + 1);
        at_line_start_ = true;
        return j + 1;
      }
      if (c == '/' && j + 1 < s_.size() && s_[j + 1] == '*') {
        out_.push(T::kCommentPreproc, j);
        std::size_t close = scan::find(s_, "*/", j + 2, comment_miss_);
        j = close == std::string_view::npos ? s_.size() : close + 2;
        out_.push(T::kCommentMultiline, j);
        continue;
      }
      if (c == '/' && j + 1 < s_.size() && s_[j + 1] == '/') {
        out_.push(T::kCommentPreproc, j);
        std::size_t e = scan::line_end(s_, j);
        out_.push(T::kCommentSingle, e < s_.size() ? e + 1 : e);
        return e < s_.size() ? e + 1 : e;
      }
      ++j;
    }
    out_.push(T::kCommentPreproc, j);
    return j;
  }

  // "#if 0" ... "#endif" (nesting counted) is a comment.
  std::size_t if0(std::size_t i) {
    std::size_t e = scan::line_end(s_, i);
    out_.push(T::kCommentPreproc, e < s_.size() ? e + 1 : e);
    std::size_t j = e < s_.size() ? e + 1 : e;
    int depth = 1;
    while (j < s_.size()) {
      std::size_t le = scan::line_end(s_, j);
      std::size_t next = le < s_.size() ? le + 1 : le;
      std::size_t k = scan::skip_spaces(s_, j);
      std::string_view line = s_.substr(k, le > k ? le - k : 0);
      if (line.starts_with("#if")) {
        ++depth;
        out_.push(T::kCommentPreproc, next);
      } else if (line.starts_with("#endif") || line.starts_with("#else") || line.starts_with("#elif")) {
        out_.push(T::kCommentPreproc, next);
        if (--depth == 0) return next;
      } else {
        out_.push(T::kComment, next);
      }
      j = next;
    }
    return j;
  }

  // Inside a recognized function signature, which Pygments lexes in one go
  // without entering the statement state.
  bool in_signature(std::size_t i) const { return signature_end_ != std::string_view::npos && i > function_start_ && i <= signature_end_; }

  State state() const { return stack_.empty() ? State::kRoot : stack_.back(); }
  void pop() {
    if (!stack_.empty()) stack_.pop_back();
  }

  // Pygments' function-definition pattern at statement start:
  // ident [&*\s]+ ident ( signature ) [^;{/"']* {   (or ... ;)
  bool function_definition(std::size_t i, std::size_t& name_begin, std::size_t& name_end, std::size_t& brace) {
    auto ns_ident = [&](std::size_t k) {
      if (k >= s_.size() || scan::is_digit(s_[k])) return k;
      std::size_t e = k;
      while (e < s_.size() && (ident_char(s_[e]) || s_[e] == ':')) ++e;
      return e;
    };
    std::size_t a = ns_ident(i);
    if (a == i) return false;
    std::size_t b = a;
    while (b < s_.size() && (s_[b] == '&' || s_[b] == '*' || scan::is_space(s_[b]))) ++b;
    if (b == a) return false;
    std::size_t n = ns_ident(b);
    if (n == b) return false;
    std::size_t p = scan::skip_spaces(s_, n);
    if (p >= s_.size() || s_[p] != '(') return false;
    // Lookahead is bounded so that input full of "a b(" stays linear.
    const std::size_t limit = std::min(s_.size(), p + kMaxSignature);
    std::size_t q = p + 1;
    while (q < limit && s_[q] != ')' && s_[q] != ';' && s_[q] != '"' && s_[q] != '\'') ++q;
    if (q >= limit || s_[q] != ')') return false;
    std::size_t r = q + 1;
    while (r < limit && s_[r] != ';' && s_[r] != '{' && s_[r] != '/' && s_[r] != '"' && s_[r] != '\'') ++r;
    if (r >= limit || (s_[r] != '{' && s_[r] != ';')) return false;
    name_begin = b;
    name_end = n;
    brace = s_[r] == '{' ? r : std::string_view::npos;
    signature_end_ = r;
    return true;
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    at_line_start_ = false;
    if (ident_start(c)) {
      std::size_t e = i;
      while (e < s_.size() && ident_char(s_[e])) ++e;
      std::string_view word = s_.substr(i, e - i);
      T kw = kCommon.find(word, T::kName);
      if (kw != T::kName && !cpp_ && kw == T::kKeyword) {
        // C++-only words are plain names in C.
        static constexpr KeywordTable<64> kCppOnly = {
            {"catch", T::kKeyword}, {"const_cast", T::kKeyword}, {"delete", T::kKeyword},
            {"dynamic_cast", T::kKeyword}, {"explicit", T::kKeyword}, {"export", T::kKeyword},
            {"friend", T::kKeyword}, {"mutable", T::kKeyword}, {"new", T::kKeyword}, {"operator", T::kKeyword},
            {"private", T::kKeyword}, {"protected", T::kKeyword}, {"public", T::kKeyword},
            {"reinterpret_cast", T::kKeyword}, {"class", T::kKeyword}, {"static_cast", T::kKeyword},
            {"template", T::kKeyword}, {"this", T::kKeyword}, {"throw", T::kKeyword}, {"throws", T::kKeyword},
            {"try", T::kKeyword}, {"typeid", T::kKeyword}, {"using", T::kKeyword}, {"virtual", T::kKeyword},
            {"constexpr", T::kKeyword}, {"nullptr", T::kKeyword}, {"concept", T::kKeyword},
            {"decltype", T::kKeyword}, {"noexcept", T::kKeyword}, {"override", T::kKeyword},
            {"final", T::kKeyword}, {"constinit", T::kKeyword}, {"consteval", T::kKeyword},
            {"co_await", T::kKeyword}, {"co_return", T::kKeyword}, {"co_yield", T::kKeyword},
            {"requires", T::kKeyword}, {"import", T::kKeyword}, {"module", T::kKeyword},
            {"typename", T::kKeyword}, {"namespace", T::kKeyword},
        };
        if (kCppOnly.contains(word)) kw = T::kName;
      } else if (kw != T::kName && cpp_ && kCOnly.contains(word)) {
        kw = T::kName;
      }
      if (cpp_ && (word == "R" || word == "LR" || word == "uR" || word == "UR" || word == "u8R")) {
        if (e < s_.size() && s_[e] == '"') {
          if (std::size_t r = raw_string(i, e); r != 0) return r;
        }
      }
      if ((word == "L" || word == "u" || word == "U" || word == "u8") && e < s_.size() &&
          (s_[e] == '"' || s_[e] == '\'')) {
        out_.push(T::kStringAffix, e);
        return s_[e] == '"' ? string(e) : character(e);
      }
      if (kw != T::kName) return keyword(e, word, kw);
      if (state() == State::kRoot && !in_signature(i)) {
        std::size_t nb, ne, brace;
        if (function_definition(i, nb, ne, brace)) {
          function_start_ = i;
          function_name_ = nb;
          function_name_end_ = ne;
          function_brace_ = brace;
        } else if (!kTypes.contains(word)) {
          stack_.push_back(State::kStatement);
        }
      }
      if (pending_ != After::kNone) return after_keyword(i, e, word);
      T t = T::kName;
      if (i == function_name_) {
        t = T::kNameFunction;
        e = function_name_end_;
      } else if (kTypes.contains(word)) {
        t = T::kKeywordType;
      } else if (word == "true" || word == "false" || word == "NULL") {
        t = T::kNameBuiltin;
      } else if (in_case_) {
        t = T::kNameConstant;
      } else {
        t = kLibraryTypes.find(word, T::kName);
      }
      out_.push(t, e);
      return e;
    }
    if (state() == State::kRoot && pending_ == After::kNone && !in_signature(i)) {
      std::size_t nb, ne, brace;
      if (c == ':' && function_definition(i, nb, ne, brace)) {
        function_start_ = i;
        function_name_ = nb;
        function_name_end_ = ne;
        function_brace_ = brace;
      } else {
        stack_.push_back(State::kStatement);
      }
    }
    if (pending_ != After::kNone && c != '<') pending_ = After::kNone;
    if (scan::is_digit(c) || (c == '.' && i + 1 < s_.size() && scan::is_digit(s_[i + 1])) ||
        (c == '-' && i + 1 < s_.size() && (scan::is_digit(s_[i + 1]) ||
                                           (s_[i + 1] == '.' && i + 2 < s_.size() && scan::is_digit(s_[i + 2]))))) {
      return number(i);
    }
    switch (c) {
      case '"': return string(i);
      case '\'': return character(i);
      case '{':
        out_.push(T::kPunctuation, i + 1);
        if (i == function_brace_) {
          function_brace_ = std::string_view::npos;
          stack_.push_back(State::kFunction);
        } else if (state() == State::kFunction) {
          stack_.push_back(State::kFunction);
        } else {
          pop();
        }
        return i + 1;
      case '}':
        out_.push(T::kPunctuation, i + 1);
        if (state() == State::kFunction) pop();
        return i + 1;
      case ';':
        out_.push(T::kPunctuation, i + 1);
        in_case_ = false;
        if (state() == State::kStatement && !(i == signature_end_)) pop();
        return i + 1;
      case ':':
        if (in_case_ && !(i + 1 < s_.size() && s_[i + 1] == ':') && !(i > 0 && s_[i - 1] == ':')) {
          in_case_ = false;
          out_.push(T::kPunctuation, i + 1);
          return i + 1;
        }
        out_.push(T::kOperator, i + 1);
        return i + 1;
      case '~': case '!': case '%': case '^': case '&': case '*': case '+': case '=': case '|': case '?':
      case '<': case '>': case '/': case '-':
        out_.push(T::kOperator, i + 1);
        return i + 1;
      case '(': case ')': case '[': case ']': case ',': case '.':
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      default: {
        std::size_t e = scan::next_char(s_, i);
        out_.push(T::kError, e);
        return e;
      }
    }
  }

  std::size_t keyword(std::size_t e, std::string_view word, T kw) {
    out_.push(kw, e);
    if (word == "case") {
      in_case_ = true;
      if (state() == State::kRoot) stack_.push_back(State::kStatement);
      return e;
    }
    bool needs_space = word == "struct" || word == "union" || word == "class" || word == "concept" ||
                       word == "typename" || word == "enum";
    if (needs_space) {
      std::size_t k = scan::skip_spaces(s_, e);
      if (k == e) return e;
      out_.push(T::kText, k);
      pending_ = (cpp_ && word == "enum") ? After::kEnumName : After::kClassName;
      if (word == "struct" || word == "union" || (word == "enum" && !cpp_)) pending_ = After::kClassName;
      if (word == "enum" && !cpp_) pending_ = After::kNone;
      return k;
    }
    if (word == "namespace" && cpp_) pending_ = After::kNamespace;
    return e;
  }

  std::size_t after_keyword(std::size_t i, std::size_t e, std::string_view word) {
    After p = pending_;
    pending_ = After::kNone;
    if (p == After::kEnumName && (word == "class" || word == "struct")) {
      out_.push(T::kKeyword, e);
      pending_ = After::kEnumName;
      return e;
    }
    if (p == After::kNamespace) {
      out_.push(word == "inline" ? T::kKeywordReserved : T::kNameNamespace, e);
      pending_ = After::kNamespace;
      return e;
    }
    out_.push(T::kNameClass, e);
    (void)i;
    return e;
  }

  std::size_t raw_string(std::size_t i, std::size_t quote) {
    std::size_t d = quote + 1;
    std::size_t p = d;
    while (p < s_.size() && p - d <= 16 && s_[p] != '(' && s_[p] != '\\' && s_[p] != ')' && !scan::is_space(s_[p])) ++p;
    if (p >= s_.size() || s_[p] != '(') return 0;
    std::string close = ")" + std::string(s_.substr(d, p - d)) + "\"";
    if (raw_miss_.covers(p) && raw_delimiter_ == close) return 0;
    std::size_t c = s_.find(close, p + 1);
    if (c == std::string_view::npos) {
      raw_miss_.record(p, s_.size() + 1);
      raw_delimiter_ = close;
      return 0;
    }
    out_.push(T::kStringAffix, quote);
    out_.push(T::kString, quote + 1);
    out_.push(T::kStringDelimiter, p + 1);
    out_.push(T::kString, c);
    out_.push(T::kStringDelimiter, c + close.size() - 1);
    out_.push(T::kString, c + close.size());
    (void)i;
    return c + close.size();
  }

  std::size_t string(std::size_t i) {
    std::size_t j = i + 1;
    out_.push(T::kString, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '"') {
        out_.push(T::kString, ++j);
        return j;
      }
      if (c == '\n') return j;
      if (c == '\\') {
        std::size_t e = escape(j);
        out_.push(e > j + 1 ? T::kStringEscape : T::kString, e > j + 1 ? e : j + 1);
        j = e > j + 1 ? e : j + 1;
        if (j < s_.size() && s_[j] == '\n' && s_[j - 1] == '\\') out_.push(T::kString, ++j);
        continue;
      }
      out_.push(T::kString, ++j);
    }
    return j;
  }

  std::size_t escape(std::size_t j) {
    if (j + 1 >= s_.size()) return j + 1;
    char n = s_[j + 1];
    if (std::string_view("\\abfnrtv\"'").find(n) != std::string_view::npos) return j + 2;
    auto hex = [&](std::size_t k, std::size_t min, std::size_t max) {
      std::size_t e = k;
      while (e < s_.size() && e - k < max && scan::is_hex(s_[e])) ++e;
      return e - k >= min ? e : j + 1;
    };
    if (n == 'x') return hex(j + 2, 2, 4);
    if (n == 'u') return hex(j + 2, 4, 4);
    if (n == 'U') return hex(j + 2, 8, 8);
    if (n >= '0' && n <= '7') {
      std::size_t e = j + 1;
      while (e < s_.size() && e - j <= 3 && s_[e] >= '0' && s_[e] <= '7') ++e;
      return e;
    }
    return j + 1;
  }

  std::size_t character(std::size_t i) {
    std::size_t j = i + 1;
    if (j < s_.size() && s_[j] == '\\') {
      j = escape(j);
      if (j == i + 2 && j < s_.size()) j = scan::next_char(s_, j);
    } else if (j < s_.size() && s_[j] != '\'' && s_[j] != '\n') {
      j = scan::next_char(s_, j);
    } else {
      out_.push(T::kError, i + 1);
      return i + 1;
    }
    if (j < s_.size() && s_[j] == '\'') {
      out_.push(T::kStringChar, j + 1);
      return j + 1;
    }
    out_.push(T::kError, i + 1);
    return i + 1;
  }

  std::size_t number(std::size_t i) {
    std::size_t j = i;
    if (s_[j] == '-') ++j;
    auto dec = [&](std::size_t k) {
      if (k >= s_.size() || !scan::is_digit(s_[k])) return k;
      ++k;
      while (k < s_.size() && (scan::is_digit(s_[k]) || (s_[k] == '\'' && k + 1 < s_.size() && scan::is_digit(s_[k + 1])))) ++k;
      return k;
    };
    auto int_suffix = [&](std::size_t k) {
      if (k < s_.size() && (s_[k] == 'u' || s_[k] == 'U')) {
        ++k;
        for (int n = 0; n < 2 && k < s_.size() && (s_[k] == 'l' || s_[k] == 'L'); ++n) ++k;
      } else if (k < s_.size() && (s_[k] == 'l' || s_[k] == 'L')) {
        ++k;
        if (k < s_.size() && (s_[k] == 'l' || s_[k] == 'L')) ++k;
        if (k < s_.size() && (s_[k] == 'u' || s_[k] == 'U')) ++k;
      }
      return k;
    };
    if (s_[j] == '0' && j + 2 < s_.size() && (s_[j + 1] | 0x20) == 'x' && scan::is_hex(s_[j + 2])) {
      std::size_t k = j + 2;
      while (k < s_.size() && (scan::is_hex(s_[k]) || (s_[k] == '\'' && k + 1 < s_.size() && scan::is_hex(s_[k + 1])))) ++k;
      out_.push(T::kNumberHex, int_suffix(k));
      return int_suffix(k);
    }
    if (s_[j] == '0' && j + 2 < s_.size() && (s_[j + 1] | 0x20) == 'b' && (s_[j + 2] == '0' || s_[j + 2] == '1')) {
      std::size_t k = j + 2;
      while (k < s_.size() && (s_[k] == '0' || s_[k] == '1' || s_[k] == '\'')) ++k;
      out_.push(T::kNumberBin, int_suffix(k));
      return int_suffix(k);
    }
    std::size_t a = dec(j);
    bool is_float = false;
    std::size_t k = a;
    if (k < s_.size() && s_[k] == '.') {
      std::size_t f = dec(k + 1);
      if (a > j || f > k + 1) {
        is_float = true;
        k = f;
      }
    }
    if (k < s_.size() && (s_[k] | 0x20) == 'e') {
      std::size_t x = k + 1;
      if (x < s_.size() && (s_[x] == '+' || s_[x] == '-')) ++x;
      std::size_t d = dec(x);
      if (d > x) {
        is_float = true;
        k = d;
      }
    }
    if (is_float) {
      if (k < s_.size() && std::string_view("fFlL").find(s_[k]) != std::string_view::npos) ++k;
      out_.push(T::kNumberFloat, k);
      return k;
    }
    if (a < s_.size() && (s_[a] == 'f' || s_[a] == 'F')) {
      out_.push(T::kNumberFloat, a + 1);
      return a + 1;
    }
    if (s_[j] == '0' && a > j + 1) {
      out_.push(T::kNumberOct, int_suffix(a));
      return int_suffix(a);
    }
    if (a == j) {  // a lone '-'
      out_.push(T::kOperator, j);
      return j;
    }
    out_.push(T::kNumberInteger, int_suffix(a));
    return int_suffix(a);
  }

  static constexpr std::size_t kMaxSignature = 4096;

  std::string_view s_;
  TokenSink& out_;
  bool cpp_;
  std::vector<State> stack_;
  After pending_ = After::kNone;
  bool in_case_ = false;
  bool at_line_start_ = true;
  std::size_t function_name_ = std::string_view::npos;
  std::size_t function_name_end_ = 0;
  std::size_t function_brace_ = std::string_view::npos;
  std::size_t function_start_ = 0;
  std::size_t signature_end_ = std::string_view::npos;
  scan::Miss comment_miss_;
  scan::Miss raw_miss_;        // an unclosed raw string ...
  std::string raw_delimiter_;  // ... with this closing delimiter
};

}  // namespace

void lex_c(std::string_view code, TokenSink& out) { CLexer(code, out, false).run(); }
void lex_cpp(std::string_view code, TokenSink& out) { CLexer(code, out, true).run(); }

}  // namespace bengal::highlight
