// Perl, following Pygments' PerlLexer: sigils start variables, m// s///
// qw() and friends, heredocs, POD blocks, builtins, package names.
#include <algorithm>

#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

// Keywords, word operators, builtin functions and filehandles.
constexpr scan::KeywordTable<512> kWords = {
    {"case", T::kKeyword}, {"continue", T::kKeyword}, {"do", T::kKeyword}, {"else", T::kKeyword},
    {"elsif", T::kKeyword}, {"for", T::kKeyword}, {"foreach", T::kKeyword}, {"if", T::kKeyword},
    {"last", T::kKeyword}, {"my", T::kKeyword}, {"next", T::kKeyword}, {"our", T::kKeyword},
    {"redo", T::kKeyword}, {"reset", T::kKeyword}, {"then", T::kKeyword}, {"unless", T::kKeyword},
    {"until", T::kKeyword}, {"while", T::kKeyword}, {"print", T::kKeyword}, {"new", T::kKeyword},
    {"BEGIN", T::kKeyword}, {"CHECK", T::kKeyword}, {"INIT", T::kKeyword}, {"END", T::kKeyword},
    {"return", T::kKeyword}, {"eq", T::kOperatorWord}, {"lt", T::kOperatorWord}, {"gt", T::kOperatorWord},
    {"le", T::kOperatorWord}, {"ge", T::kOperatorWord}, {"ne", T::kOperatorWord}, {"not", T::kOperatorWord},
    {"and", T::kOperatorWord}, {"or", T::kOperatorWord}, {"cmp", T::kOperatorWord}, {"abs", T::kNameBuiltin},
    {"accept", T::kNameBuiltin}, {"alarm", T::kNameBuiltin}, {"atan2", T::kNameBuiltin},
    {"bind", T::kNameBuiltin}, {"binmode", T::kNameBuiltin}, {"bless", T::kNameBuiltin},
    {"caller", T::kNameBuiltin}, {"chdir", T::kNameBuiltin}, {"chmod", T::kNameBuiltin},
    {"chomp", T::kNameBuiltin}, {"chop", T::kNameBuiltin}, {"chown", T::kNameBuiltin}, {"chr", T::kNameBuiltin},
    {"chroot", T::kNameBuiltin}, {"close", T::kNameBuiltin}, {"closedir", T::kNameBuiltin},
    {"connect", T::kNameBuiltin}, {"cos", T::kNameBuiltin}, {"crypt", T::kNameBuiltin},
    {"dbmclose", T::kNameBuiltin}, {"dbmopen", T::kNameBuiltin}, {"defined", T::kNameBuiltin},
    {"delete", T::kNameBuiltin}, {"die", T::kNameBuiltin}, {"dump", T::kNameBuiltin}, {"each", T::kNameBuiltin},
    {"endgrent", T::kNameBuiltin}, {"endhostent", T::kNameBuiltin}, {"endnetent", T::kNameBuiltin},
    {"endprotoent", T::kNameBuiltin}, {"endpwent", T::kNameBuiltin}, {"endservent", T::kNameBuiltin},
    {"eof", T::kNameBuiltin}, {"eval", T::kNameBuiltin}, {"exec", T::kNameBuiltin}, {"exists", T::kNameBuiltin},
    {"exit", T::kNameBuiltin}, {"exp", T::kNameBuiltin}, {"fcntl", T::kNameBuiltin},
    {"fileno", T::kNameBuiltin}, {"flock", T::kNameBuiltin}, {"fork", T::kNameBuiltin},
    {"format", T::kNameBuiltin}, {"formline", T::kNameBuiltin}, {"getc", T::kNameBuiltin},
    {"getgrent", T::kNameBuiltin}, {"getgrgid", T::kNameBuiltin}, {"getgrnam", T::kNameBuiltin},
    {"gethostbyaddr", T::kNameBuiltin}, {"gethostbyname", T::kNameBuiltin}, {"gethostent", T::kNameBuiltin},
    {"getlogin", T::kNameBuiltin}, {"getnetbyaddr", T::kNameBuiltin}, {"getnetbyname", T::kNameBuiltin},
    {"getnetent", T::kNameBuiltin}, {"getpeername", T::kNameBuiltin}, {"getpgrp", T::kNameBuiltin},
    {"getppid", T::kNameBuiltin}, {"getpriority", T::kNameBuiltin}, {"getprotobyname", T::kNameBuiltin},
    {"getprotobynumber", T::kNameBuiltin}, {"getprotoent", T::kNameBuiltin}, {"getpwent", T::kNameBuiltin},
    {"getpwnam", T::kNameBuiltin}, {"getpwuid", T::kNameBuiltin}, {"getservbyname", T::kNameBuiltin},
    {"getservbyport", T::kNameBuiltin}, {"getservent", T::kNameBuiltin}, {"getsockname", T::kNameBuiltin},
    {"getsockopt", T::kNameBuiltin}, {"glob", T::kNameBuiltin}, {"gmtime", T::kNameBuiltin},
    {"goto", T::kNameBuiltin}, {"grep", T::kNameBuiltin}, {"hex", T::kNameBuiltin}, {"import", T::kNameBuiltin},
    {"index", T::kNameBuiltin}, {"int", T::kNameBuiltin}, {"ioctl", T::kNameBuiltin}, {"join", T::kNameBuiltin},
    {"keys", T::kNameBuiltin}, {"kill", T::kNameBuiltin}, {"lc", T::kNameBuiltin}, {"lcfirst", T::kNameBuiltin},
    {"length", T::kNameBuiltin}, {"link", T::kNameBuiltin}, {"listen", T::kNameBuiltin},
    {"local", T::kNameBuiltin}, {"localtime", T::kNameBuiltin}, {"log", T::kNameBuiltin},
    {"lstat", T::kNameBuiltin}, {"map", T::kNameBuiltin}, {"mkdir", T::kNameBuiltin},
    {"msgctl", T::kNameBuiltin}, {"msgget", T::kNameBuiltin}, {"msgrcv", T::kNameBuiltin},
    {"msgsnd", T::kNameBuiltin}, {"oct", T::kNameBuiltin}, {"open", T::kNameBuiltin},
    {"opendir", T::kNameBuiltin}, {"ord", T::kNameBuiltin}, {"pack", T::kNameBuiltin},
    {"pipe", T::kNameBuiltin}, {"pop", T::kNameBuiltin}, {"pos", T::kNameBuiltin}, {"printf", T::kNameBuiltin},
    {"prototype", T::kNameBuiltin}, {"push", T::kNameBuiltin}, {"quotemeta", T::kNameBuiltin},
    {"rand", T::kNameBuiltin}, {"read", T::kNameBuiltin}, {"readdir", T::kNameBuiltin},
    {"readline", T::kNameBuiltin}, {"readlink", T::kNameBuiltin}, {"readpipe", T::kNameBuiltin},
    {"recv", T::kNameBuiltin}, {"ref", T::kNameBuiltin}, {"rename", T::kNameBuiltin},
    {"reverse", T::kNameBuiltin}, {"rewinddir", T::kNameBuiltin}, {"rindex", T::kNameBuiltin},
    {"rmdir", T::kNameBuiltin}, {"scalar", T::kNameBuiltin}, {"seek", T::kNameBuiltin},
    {"seekdir", T::kNameBuiltin}, {"select", T::kNameBuiltin}, {"semctl", T::kNameBuiltin},
    {"semget", T::kNameBuiltin}, {"semop", T::kNameBuiltin}, {"send", T::kNameBuiltin},
    {"setgrent", T::kNameBuiltin}, {"sethostent", T::kNameBuiltin}, {"setnetent", T::kNameBuiltin},
    {"setpgrp", T::kNameBuiltin}, {"setpriority", T::kNameBuiltin}, {"setprotoent", T::kNameBuiltin},
    {"setpwent", T::kNameBuiltin}, {"setservent", T::kNameBuiltin}, {"setsockopt", T::kNameBuiltin},
    {"shift", T::kNameBuiltin}, {"shmctl", T::kNameBuiltin}, {"shmget", T::kNameBuiltin},
    {"shmread", T::kNameBuiltin}, {"shmwrite", T::kNameBuiltin}, {"shutdown", T::kNameBuiltin},
    {"sin", T::kNameBuiltin}, {"sleep", T::kNameBuiltin}, {"socket", T::kNameBuiltin},
    {"socketpair", T::kNameBuiltin}, {"sort", T::kNameBuiltin}, {"splice", T::kNameBuiltin},
    {"split", T::kNameBuiltin}, {"sprintf", T::kNameBuiltin}, {"sqrt", T::kNameBuiltin},
    {"srand", T::kNameBuiltin}, {"stat", T::kNameBuiltin}, {"study", T::kNameBuiltin},
    {"substr", T::kNameBuiltin}, {"symlink", T::kNameBuiltin}, {"syscall", T::kNameBuiltin},
    {"sysopen", T::kNameBuiltin}, {"sysread", T::kNameBuiltin}, {"sysseek", T::kNameBuiltin},
    {"system", T::kNameBuiltin}, {"syswrite", T::kNameBuiltin}, {"tell", T::kNameBuiltin},
    {"telldir", T::kNameBuiltin}, {"tie", T::kNameBuiltin}, {"tied", T::kNameBuiltin},
    {"time", T::kNameBuiltin}, {"times", T::kNameBuiltin}, {"tr", T::kNameBuiltin},
    {"truncate", T::kNameBuiltin}, {"uc", T::kNameBuiltin}, {"ucfirst", T::kNameBuiltin},
    {"umask", T::kNameBuiltin}, {"undef", T::kNameBuiltin}, {"unlink", T::kNameBuiltin},
    {"unpack", T::kNameBuiltin}, {"unshift", T::kNameBuiltin}, {"untie", T::kNameBuiltin},
    {"utime", T::kNameBuiltin}, {"values", T::kNameBuiltin}, {"vec", T::kNameBuiltin},
    {"wait", T::kNameBuiltin}, {"waitpid", T::kNameBuiltin}, {"wantarray", T::kNameBuiltin},
    {"warn", T::kNameBuiltin}, {"write", T::kNameBuiltin}, {"__DATA__", T::kNameBuiltinPseudo},
    {"__DIE__", T::kNameBuiltinPseudo}, {"__WARN__", T::kNameBuiltinPseudo}, {"STDIN", T::kNameBuiltinPseudo},
    {"STDOUT", T::kNameBuiltinPseudo}, {"STDERR", T::kNameBuiltinPseudo},
};

bool word_char(char c) { return scan::is_ident_char(c); }
bool name_start(char c) { return scan::is_alpha(c) || c == '_'; }

// The closing delimiter for an opening one (balanced pairs, else itself).
char closer(char c) {
  switch (c) {
    case '{': return '}';
    case '(': return ')';
    case '[': return ']';
    case '<': return '>';
    default: return c;
  }
}

class PerlLexer {
 public:
  PerlLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  // A delimited body from the opening delimiter at j (escapes skipped); returns
  // the offset after the closing delimiter, or 0. `newline` allows '\n'.
  std::size_t delimited(std::size_t j, bool newline = true) {
    char close = closer(s_[j]);
    scan::Miss* miss = static_cast<unsigned char>(close) < 128 ? &misses_[newline][static_cast<unsigned char>(close)] : nullptr;
    if (miss != nullptr && miss->covers(j)) return 0;
    std::size_t k = j + 1;
    while (k < s_.size() && s_[k] != close) {
      if (s_[k] == '\n' && !newline) break;
      k += s_[k] == '\\' ? 2 : 1;
    }
    if (k < s_.size() && s_[k] == close) return k + 1;
    if (miss != nullptr) miss->record(j, std::min(k, s_.size()) + 1);
    return 0;
  }
  std::size_t flags(std::size_t k, std::string_view allowed) const {
    while (k < s_.size() && allowed.find(s_[k]) != std::string_view::npos) ++k;
    return k;
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (c == '#') {
      std::size_t e = scan::line_end(s_, i);
      out_.push(i == 0 && at(1) == '!' ? T::kCommentHashbang : T::kCommentSingle, e);
      return e;
    }
    if (c == '=' && (i == 0 || s_[i - 1] == '\n') && scan::is_alpha(at(i + 1))) {
      std::size_t cut = scan::find(s_, "\n=cut", i, pod_miss_);
      if (cut != std::string_view::npos) {
        out_.push(T::kCommentMultiline, cut + 5);
        return cut + 5;
      }
    }
    if (word_char(c) && !scan::is_digit(c)) {
      std::size_t e = scan::skip_ident(s_, i);
      std::string_view w = s_.substr(i, e - i);
      T t = kWords.find(w, T::kText);
      if (t == T::kKeyword || t == T::kOperatorWord) {
        out_.push(t, e);
        return e;
      }
      if (std::size_t r = regex_literal(i, w)) return r;
      if (t == T::kNameBuiltin && w != "format" && w != "tr") {
        out_.push(t, e);
        return e;
      }
      if (w == "format" || w == "tr") {
        out_.push(T::kNameBuiltin, e);
        return e;
      }
      if (t == T::kNameBuiltinPseudo) {
        out_.push(t, e);
        return e;
      }
      if (std::size_t q = quote_like(i, w)) return q;
      if (w == "package" || w == "use" || w == "require" || w == "no") {
        std::size_t sp = scan::skip_spaces(s_, e);
        if (sp > e && name_start(at(sp))) {
          std::size_t n = package_name(sp);
          out_.push(T::kKeyword, e);
          out_.push(T::kText, sp);
          out_.push(T::kNameNamespace, n);
          return n;
        }
        out_.push(T::kKeyword, e);
        return e;
      }
      if (w == "sub") {
        std::size_t sp = scan::skip_spaces(s_, e);
        if (sp > e) {
          out_.push(T::kKeyword, e);
          out_.push(T::kText, sp);
          return function_name(sp);
        }
      }
      if (w == "__END__") {
        out_.push(T::kCommentPreproc, e);
        std::size_t le = scan::line_end(s_, e);
        out_.push(T::kCommentPreproc, le);
        return le;
      }
      return name(i);
    }
    if (c == '/') {
      if (std::size_t r = delimited(i, false)) {
        std::size_t f = flags(r, "gcimosx");
        out_.push(T::kStringRegex, f);
        return f;
      }
    }
    if (scan::is_space(c)) {
      // After "=~" or "(", whitespace and a /regex/ go together.
      if (i > 0 && (s_[i - 1] == '(' || (i > 1 && s_[i - 2] == '=' && s_[i - 1] == '~'))) {
        std::size_t k = scan::skip_spaces(s_, i);
        if (at(k) == '/') {
          if (std::size_t r = delimited(k)) {
            std::size_t f = flags(r, "gcimosx");
            out_.push(T::kText, k);
            out_.push(T::kStringRegex, f);
            return f;
          }
        }
      }
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (c == '<' && at(i + 1) == '<') {
      if (std::size_t h = heredoc(i)) return h;
    }
    if (c == '$' && at(i + 1) == '^' && at(i + 2) != '\0' && std::string_view("ADEFHILMOPSTWX").find(at(i + 2)) != std::string_view::npos) {
      out_.push(T::kNameVariableGlobal, i + 3);
      return i + 3;
    }
    if (c == '$' && at(i + 1) != '\0' && std::string_view("\\\"[]'&`+*.,;=%~?@$!<>(^|/-").find(at(i + 1)) != std::string_view::npos &&
        !word_char(at(i + 2))) {
      out_.push(T::kNameVariableGlobal, i + 2);
      return i + 2;
    }
    if (c == '$' || c == '@' || c == '%') {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("$@%#").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kNameVariable, e);
      return variable_name(e);
    }
    if (scan::is_digit(c) || (c == '.' && scan::is_digit(at(i + 1)))) return number(i);
    if (c == '\'' || c == '"' || c == '`') {
      if (std::size_t r = delimited(i)) {
        out_.push(c == '`' ? T::kStringBacktick : T::kString, r);
        return r;
      }
    }
    if (c == '<' && !angle_miss_.covers(i)) {
      std::size_t j = i + 1;
      while (j < s_.size() && !scan::is_space(s_[j]) && s_[j] != '>') ++j;
      if (j > i + 1 && at(j) == '>') {
        out_.push(T::kStringRegex, j + 1);
        return j + 1;
      }
      angle_miss_.record(i, j);
    }
    static constexpr std::string_view kOps[] = {"<=>", "===", "...", "[]", "**", "::", "<<", ">>", ">=", "<=", "!=",
                                                "=~", "!~", "&&", "||", "..", "&", "."};
    for (std::string_view o : kOps) {
      if (scan::at(s_, i, o)) {
        out_.push(T::kOperator, i + o.size());
        return i + o.size();
      }
    }
    if (std::string_view("-+/*%=<>&^|!\\~").find(c) != std::string_view::npos) {
      std::size_t e = at(i + 1) == '=' ? i + 2 : i + 1;
      out_.push(T::kOperator, e);
      return e;
    }
    if (std::string_view("()[]:;,<>/?{}").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  // s/a/b/, s{a}{b}, m/a/, m{a}
  std::size_t regex_literal(std::size_t i, std::string_view w) {
    std::size_t d = i + w.size();
    char c = at(d);
    if (w == "s" && c != '\0' && std::string_view("/!\\@%").find(c) != std::string_view::npos) {
      std::size_t mid = delimited(d);
      if (mid && c != '\\') {
        std::size_t end = delimited(mid - 1);
        if (end) {
          std::size_t f = flags(end, "egimosx");
          out_.push(T::kStringRegex, f);
          return f;
        }
      }
    }
    if (w == "s" && (c == '{' || c == '<' || c == '[' || c == '(')) {
      std::size_t first = delimited(d);
      if (first) {
        std::size_t k = scan::skip_spaces(s_, first);
        out_.push(T::kStringRegex, k);
        if (k < s_.size()) {
          if (std::size_t second = delimited(k)) {
            std::size_t f = flags(second, "egimosx");
            out_.push(T::kStringRegex, f);
            return f;
          }
        }
        return k;
      }
    }
    if (w == "m" && c == '/') {
      if (std::size_t r = delimited(d, false)) {
        std::size_t f = flags(r, "gcimosx");
        out_.push(T::kStringRegex, f);
        return f;
      }
    }
    if (w == "m" && c != '\0' && std::string_view("/!\\{<[(@%$").find(c) != std::string_view::npos) {
      if (std::size_t r = delimited(d)) {
        std::size_t f = flags(r, "egimosx");
        out_.push(T::kStringRegex, d);
        out_.push(T::kStringRegex, f);
        return f;
      }
    }
    return 0;
  }

  // q{} qq() qw[] qr<> qx, and q/.../ with any other delimiter.
  std::size_t quote_like(std::size_t i, std::string_view w) {
    if (w != "q" && w != "qq" && w != "qw" && w != "qr" && w != "qx") return 0;
    std::size_t d = i + w.size();
    char c = at(d);
    if (c == '\0' || (word_char(c) && c != '_') || scan::is_space(c)) return 0;
    char close = closer(c);
    std::size_t k = d + 1;
    int depth = 1;
    while (k < s_.size()) {
      if (s_[k] == '\\') {
        k += 2;
        continue;
      }
      if (close != c && s_[k] == c) ++depth;
      else if (s_[k] == close && --depth == 0) break;
      ++k;
    }
    std::size_t e = k < s_.size() ? k + 1 : s_.size();
    out_.push(T::kStringOther, e);
    return e;
  }

  std::size_t package_name(std::size_t k) const {
    std::size_t e = scan::skip_ident(s_, k);
    while (scan::at(s_, e, "::") && name_start(at(e + 2))) e = scan::skip_ident(s_, e + 2);
    return e;
  }

  std::size_t function_name(std::size_t j) {
    while (j < s_.size()) {
      char c = s_[j];
      if (name_start(c)) {
        std::size_t e = scan::skip_ident(s_, j);
        if (at(e) == '!' || at(e) == '?') ++e;
        out_.push(T::kNameFunction, j = e);
        continue;
      }
      if (scan::is_space(c)) {
        out_.push(T::kText, j = scan::skip_spaces(s_, j));
        continue;
      }
      if (c == '(') {
        std::size_t k = j + 1;
        while (at(k) == '$' || at(k) == '@' || at(k) == '%') ++k;
        if (at(k) == ')') {
          out_.push(T::kPunctuation, j = k + 1);
          continue;
        }
      }
      if (c == ';') {
        out_.push(T::kPunctuation, j + 1);
        return j + 1;
      }
      std::size_t brace = scan::find(s_, "{", j, brace_miss_);
      if (brace == std::string_view::npos) return j;
      out_.push(T::kPunctuation, brace + 1);
      return brace + 1;
    }
    return j;
  }

  std::size_t variable_name(std::size_t j) {
    while (j < s_.size()) {
      char c = s_[j];
      if (scan::is_space(c)) {
        out_.push(T::kText, j = scan::skip_spaces(s_, j));
        continue;
      }
      if (c == '{' || c == ')' || c == ',') {
        out_.push(T::kPunctuation, j + 1);
        return j + 1;
      }
      if (word_char(c)) {
        std::size_t e = scan::skip_ident(s_, j);
        if (scan::at(s_, e, "::")) {
          out_.push(T::kNameNamespace, j = e + 2);
          continue;
        }
        while (e < s_.size() && (word_char(s_[e]) || s_[e] == ':')) ++e;
        out_.push(T::kNameVariable, e);
        return e;
      }
      if (c == ':') {
        std::size_t e = j;
        while (e < s_.size() && (word_char(s_[e]) || s_[e] == ':')) ++e;
        out_.push(T::kNameVariable, e);
        return e;
      }
      return j;
    }
    return j;
  }

  std::size_t name(std::size_t i) {
    std::size_t e = package_name(i);
    std::size_t k = e;
    if (scan::at(s_, k, "::")) k += 2;
    std::size_t arrow = scan::skip_spaces(s_, k);
    if (scan::at(s_, arrow, "->") && e > i) {
      out_.push(T::kNameNamespace, k);
      return k;
    }
    if (k > e) {
      out_.push(T::kNameNamespace, k);
      return k;
    }
    std::size_t n = i;
    while (n < s_.size() && (word_char(s_[n]) || s_[n] == ':')) ++n;
    out_.push(T::kName, n);
    return n;
  }

  std::size_t number(std::size_t i) {
    auto run = [&](std::size_t k, auto ok) {
      while (k < s_.size() && (ok(s_[k]) || s_[k] == '_')) ++k;
      return k;
    };
    auto dec = [](char d) { return scan::is_digit(d); };
    if (s_[i] == '0' && (at(i + 1) == 'x' || at(i + 1) == 'b')) {
      bool hex = at(i + 1) == 'x';
      std::size_t e = run(i + 2, [hex](char d) { return hex ? scan::is_hex(d) : (d == '0' || d == '1'); });
      if (e > i + 2) {
        out_.push(hex ? T::kNumberHex : T::kNumberBin, e);
        return e;
      }
    }
    if (s_[i] == '0' && (scan::is_digit(at(i + 1)) || at(i + 1) == '_') && at(i + 1) != '8' && at(i + 1) != '9') {
      std::size_t e = run(i + 1, [](char d) { return d >= '0' && d <= '7'; });
      if (at(e) != '.') {
        out_.push(T::kNumberOct, e);
        return e;
      }
    }
    std::size_t a = run(i, dec);
    auto exponent = [&](std::size_t k) -> std::size_t {
      if ((at(k) | 0x20) != 'e') return 0;
      std::size_t m = k + 1;
      if (at(m) == '+' || at(m) == '-') ++m;
      if (!scan::is_digit(at(m))) return 0;
      return run(m, dec);
    };
    if (at(a) == '.' && scan::is_digit(at(a + 1))) {
      std::size_t f = run(a + 1, dec);
      std::size_t x = exponent(f);
      out_.push(T::kNumberFloat, x ? x : f);
      return x ? x : f;
    }
    if (std::size_t x = exponent(a)) {
      out_.push(T::kNumberFloat, x);
      return x;
    }
    out_.push(T::kNumberInteger, a);
    return a;
  }

  // <<"EOT"; ... EOT
  std::size_t heredoc(std::size_t i) {
    std::size_t j = i + 2;
    char q = at(j) == '\'' || at(j) == '"' ? at(j) : '\0';
    if (q) ++j;
    if (!name_start(at(j))) return 0;
    std::size_t w = scan::skip_ident(s_, j);
    std::string_view id = s_.substr(j, w - j);
    std::size_t k = w;
    if (q) {
      if (at(k) != q) return 0;
      ++k;
    }
    if (at(k) == ';') ++k;
    if (at(k) != '\n') return 0;
    if (heredoc_miss_.covers(i) && heredoc_id_ == id) return 0;
    std::size_t line = k + 1;
    while (line < s_.size()) {
      std::size_t le = scan::line_end(s_, line);
      if (s_.substr(line, le - line) == id && le < s_.size()) {
        out_.push(T::kString, j);
        out_.push(T::kStringDelimiter, w);
        out_.push(T::kString, line);
        out_.push(T::kStringDelimiter, le);
        out_.push(T::kText, le + 1);
        return le + 1;
      }
      if (le >= s_.size()) break;
      line = le + 1;
    }
    heredoc_miss_.record(i, s_.size() + 1);
    heredoc_id_ = id;
    return 0;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::Miss misses_[2][128];  // unclosed delimited bodies, by [newline allowed][closing character]
  scan::Miss angle_miss_;
  scan::Miss pod_miss_;
  scan::Miss brace_miss_;
  scan::Miss heredoc_miss_;  // an unterminated heredoc ...
  std::string_view heredoc_id_;  // ... with this terminator
};

}  // namespace

void lex_perl(std::string_view code, TokenSink& out) { PerlLexer(code, out).run(); }

}  // namespace bengal::highlight
