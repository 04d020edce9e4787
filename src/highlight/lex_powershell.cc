// PowerShell, following Pygments' PowerShellLexer (case-insensitive):
// Verb-Noun cmdlets and common aliases as builtins, -operators, $variables,
// [types], <# #> comments with .HELP keywords, "strings" with $( ) blocks.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<128> kKeywords = {
    {"alias", T::kKeyword}, {"begin", T::kKeyword}, {"break", T::kKeyword}, {"catch", T::kKeyword},
    {"cmdletbinding", T::kKeyword}, {"continue", T::kKeyword}, {"default", T::kKeyword}, {"do", T::kKeyword},
    {"dynamicparam", T::kKeyword}, {"else", T::kKeyword}, {"elseif", T::kKeyword}, {"end", T::kKeyword},
    {"filter", T::kKeyword}, {"finally", T::kKeyword}, {"for", T::kKeyword}, {"foreach", T::kKeyword},
    {"function", T::kKeyword}, {"helpmessage", T::kKeyword}, {"if", T::kKeyword}, {"in", T::kKeyword},
    {"mandatory", T::kKeyword}, {"param", T::kKeyword}, {"parameter", T::kKeyword},
    {"parametersetname", T::kKeyword}, {"position", T::kKeyword}, {"process", T::kKeyword},
    {"ref", T::kKeyword}, {"return", T::kKeyword}, {"switch", T::kKeyword}, {"throw", T::kKeyword},
    {"trap", T::kKeyword}, {"try", T::kKeyword}, {"until", T::kKeyword}, {"validatecount", T::kKeyword},
    {"validatelength", T::kKeyword}, {"validatepattern", T::kKeyword}, {"validaterange", T::kKeyword},
    {"validateset", T::kKeyword}, {"valuefrompipeline", T::kKeyword},
    {"valuefrompipelinebypropertyname", T::kKeyword}, {"valuefromremainingarguments", T::kKeyword},
    {"while", T::kKeyword},
};

constexpr scan::KeywordTable<256> kOperators = {
    {"and", T::kOperator}, {"as", T::kOperator}, {"band", T::kOperator}, {"bnot", T::kOperator},
    {"bor", T::kOperator}, {"bxor", T::kOperator}, {"casesensitive", T::kOperator}, {"ccontains", T::kOperator},
    {"ceq", T::kOperator}, {"cge", T::kOperator}, {"cgt", T::kOperator}, {"cle", T::kOperator},
    {"clike", T::kOperator}, {"clt", T::kOperator}, {"cmatch", T::kOperator}, {"cne", T::kOperator},
    {"cnotcontains", T::kOperator}, {"cnotlike", T::kOperator}, {"cnotmatch", T::kOperator},
    {"contains", T::kOperator}, {"creplace", T::kOperator}, {"eq", T::kOperator}, {"exact", T::kOperator},
    {"f", T::kOperator}, {"file", T::kOperator}, {"ge", T::kOperator}, {"gt", T::kOperator},
    {"icontains", T::kOperator}, {"ieq", T::kOperator}, {"ige", T::kOperator}, {"igt", T::kOperator},
    {"ile", T::kOperator}, {"ilike", T::kOperator}, {"ilt", T::kOperator}, {"imatch", T::kOperator},
    {"ine", T::kOperator}, {"inotcontains", T::kOperator}, {"inotlike", T::kOperator},
    {"inotmatch", T::kOperator}, {"ireplace", T::kOperator}, {"is", T::kOperator}, {"isnot", T::kOperator},
    {"le", T::kOperator}, {"like", T::kOperator}, {"lt", T::kOperator}, {"match", T::kOperator},
    {"ne", T::kOperator}, {"not", T::kOperator}, {"notcontains", T::kOperator}, {"notlike", T::kOperator},
    {"notmatch", T::kOperator}, {"or", T::kOperator}, {"regex", T::kOperator}, {"replace", T::kOperator},
    {"wildcard", T::kOperator},
};

constexpr scan::KeywordTable<256> kVerbs = {
    {"add", T::kNameBuiltin}, {"aggregate", T::kNameBuiltin}, {"approve", T::kNameBuiltin},
    {"assert", T::kNameBuiltin}, {"backup", T::kNameBuiltin}, {"block", T::kNameBuiltin},
    {"checkpoint", T::kNameBuiltin}, {"clear", T::kNameBuiltin}, {"close", T::kNameBuiltin},
    {"compare", T::kNameBuiltin}, {"complete", T::kNameBuiltin}, {"compress", T::kNameBuiltin},
    {"confirm", T::kNameBuiltin}, {"connect", T::kNameBuiltin}, {"convert", T::kNameBuiltin},
    {"convertfrom", T::kNameBuiltin}, {"convertto", T::kNameBuiltin}, {"copy", T::kNameBuiltin},
    {"cxnew", T::kNameBuiltin}, {"debug", T::kNameBuiltin}, {"deny", T::kNameBuiltin},
    {"disable", T::kNameBuiltin}, {"disconnect", T::kNameBuiltin}, {"dismount", T::kNameBuiltin},
    {"edit", T::kNameBuiltin}, {"enable", T::kNameBuiltin}, {"enter", T::kNameBuiltin},
    {"exit", T::kNameBuiltin}, {"expand", T::kNameBuiltin}, {"export", T::kNameBuiltin},
    {"find", T::kNameBuiltin}, {"foreach", T::kNameBuiltin}, {"format", T::kNameBuiltin},
    {"get", T::kNameBuiltin}, {"grant", T::kNameBuiltin}, {"group", T::kNameBuiltin}, {"hide", T::kNameBuiltin},
    {"import", T::kNameBuiltin}, {"initialize", T::kNameBuiltin}, {"install", T::kNameBuiltin},
    {"invoke", T::kNameBuiltin}, {"join", T::kNameBuiltin}, {"limit", T::kNameBuiltin},
    {"lock", T::kNameBuiltin}, {"measure", T::kNameBuiltin}, {"merge", T::kNameBuiltin},
    {"mount", T::kNameBuiltin}, {"move", T::kNameBuiltin}, {"new", T::kNameBuiltin}, {"open", T::kNameBuiltin},
    {"optimize", T::kNameBuiltin}, {"out", T::kNameBuiltin}, {"ping", T::kNameBuiltin},
    {"pop", T::kNameBuiltin}, {"protect", T::kNameBuiltin}, {"publish", T::kNameBuiltin},
    {"push", T::kNameBuiltin}, {"read", T::kNameBuiltin}, {"receive", T::kNameBuiltin},
    {"redo", T::kNameBuiltin}, {"register", T::kNameBuiltin}, {"remove", T::kNameBuiltin},
    {"rename", T::kNameBuiltin}, {"repair", T::kNameBuiltin}, {"request", T::kNameBuiltin},
    {"reset", T::kNameBuiltin}, {"resize", T::kNameBuiltin}, {"resolve", T::kNameBuiltin},
    {"restart", T::kNameBuiltin}, {"restore", T::kNameBuiltin}, {"resume", T::kNameBuiltin},
    {"revoke", T::kNameBuiltin}, {"save", T::kNameBuiltin}, {"scroll", T::kNameBuiltin},
    {"search", T::kNameBuiltin}, {"select", T::kNameBuiltin}, {"send", T::kNameBuiltin},
    {"set", T::kNameBuiltin}, {"show", T::kNameBuiltin}, {"skip", T::kNameBuiltin}, {"sort", T::kNameBuiltin},
    {"split", T::kNameBuiltin}, {"start", T::kNameBuiltin}, {"step", T::kNameBuiltin},
    {"stop", T::kNameBuiltin}, {"submit", T::kNameBuiltin}, {"suspend", T::kNameBuiltin},
    {"switch", T::kNameBuiltin}, {"sync", T::kNameBuiltin}, {"take", T::kNameBuiltin}, {"tee", T::kNameBuiltin},
    {"test", T::kNameBuiltin}, {"trace", T::kNameBuiltin}, {"unblock", T::kNameBuiltin},
    {"undo", T::kNameBuiltin}, {"uninstall", T::kNameBuiltin}, {"unlock", T::kNameBuiltin},
    {"unprotect", T::kNameBuiltin}, {"unpublish", T::kNameBuiltin}, {"unregister", T::kNameBuiltin},
    {"update", T::kNameBuiltin}, {"use", T::kNameBuiltin}, {"wait", T::kNameBuiltin},
    {"watch", T::kNameBuiltin}, {"where", T::kNameBuiltin}, {"write", T::kNameBuiltin},
};

constexpr scan::KeywordTable<512> kAliases = {
    {"ac", T::kNameBuiltin}, {"asnp", T::kNameBuiltin}, {"cat", T::kNameBuiltin}, {"cd", T::kNameBuiltin},
    {"cfs", T::kNameBuiltin}, {"chdir", T::kNameBuiltin}, {"clc", T::kNameBuiltin}, {"clear", T::kNameBuiltin},
    {"clhy", T::kNameBuiltin}, {"cli", T::kNameBuiltin}, {"clp", T::kNameBuiltin}, {"cls", T::kNameBuiltin},
    {"clv", T::kNameBuiltin}, {"cnsn", T::kNameBuiltin}, {"compare", T::kNameBuiltin},
    {"copy", T::kNameBuiltin}, {"cp", T::kNameBuiltin}, {"cpi", T::kNameBuiltin}, {"cpp", T::kNameBuiltin},
    {"curl", T::kNameBuiltin}, {"cvpa", T::kNameBuiltin}, {"dbp", T::kNameBuiltin}, {"del", T::kNameBuiltin},
    {"diff", T::kNameBuiltin}, {"dir", T::kNameBuiltin}, {"dnsn", T::kNameBuiltin}, {"ebp", T::kNameBuiltin},
    {"echo", T::kNameBuiltin}, {"epal", T::kNameBuiltin}, {"epcsv", T::kNameBuiltin}, {"epsn", T::kNameBuiltin},
    {"erase", T::kNameBuiltin}, {"etsn", T::kNameBuiltin}, {"exsn", T::kNameBuiltin}, {"fc", T::kNameBuiltin},
    {"fhx", T::kNameBuiltin}, {"fl", T::kNameBuiltin}, {"foreach", T::kNameBuiltin}, {"ft", T::kNameBuiltin},
    {"fw", T::kNameBuiltin}, {"gal", T::kNameBuiltin}, {"gbp", T::kNameBuiltin}, {"gc", T::kNameBuiltin},
    {"gci", T::kNameBuiltin}, {"gcm", T::kNameBuiltin}, {"gcs", T::kNameBuiltin}, {"gdr", T::kNameBuiltin},
    {"ghy", T::kNameBuiltin}, {"gi", T::kNameBuiltin}, {"gjb", T::kNameBuiltin}, {"gl", T::kNameBuiltin},
    {"gm", T::kNameBuiltin}, {"gmo", T::kNameBuiltin}, {"gp", T::kNameBuiltin}, {"gps", T::kNameBuiltin},
    {"gpv", T::kNameBuiltin}, {"group", T::kNameBuiltin}, {"gsn", T::kNameBuiltin}, {"gsnp", T::kNameBuiltin},
    {"gsv", T::kNameBuiltin}, {"gu", T::kNameBuiltin}, {"gv", T::kNameBuiltin}, {"gwmi", T::kNameBuiltin},
    {"h", T::kNameBuiltin}, {"history", T::kNameBuiltin}, {"icm", T::kNameBuiltin}, {"iex", T::kNameBuiltin},
    {"ihy", T::kNameBuiltin}, {"ii", T::kNameBuiltin}, {"ipal", T::kNameBuiltin}, {"ipcsv", T::kNameBuiltin},
    {"ipmo", T::kNameBuiltin}, {"ipsn", T::kNameBuiltin}, {"irm", T::kNameBuiltin}, {"ise", T::kNameBuiltin},
    {"iwmi", T::kNameBuiltin}, {"iwr", T::kNameBuiltin}, {"kill", T::kNameBuiltin}, {"lp", T::kNameBuiltin},
    {"ls", T::kNameBuiltin}, {"man", T::kNameBuiltin}, {"md", T::kNameBuiltin}, {"measure", T::kNameBuiltin},
    {"mi", T::kNameBuiltin}, {"mount", T::kNameBuiltin}, {"move", T::kNameBuiltin}, {"mp", T::kNameBuiltin},
    {"mv", T::kNameBuiltin}, {"nal", T::kNameBuiltin}, {"ndr", T::kNameBuiltin}, {"ni", T::kNameBuiltin},
    {"nmo", T::kNameBuiltin}, {"npssc", T::kNameBuiltin}, {"nsn", T::kNameBuiltin}, {"nv", T::kNameBuiltin},
    {"ogv", T::kNameBuiltin}, {"oh", T::kNameBuiltin}, {"popd", T::kNameBuiltin}, {"ps", T::kNameBuiltin},
    {"pushd", T::kNameBuiltin}, {"pwd", T::kNameBuiltin}, {"r", T::kNameBuiltin}, {"rbp", T::kNameBuiltin},
    {"rcjb", T::kNameBuiltin}, {"rcsn", T::kNameBuiltin}, {"rd", T::kNameBuiltin}, {"rdr", T::kNameBuiltin},
    {"ren", T::kNameBuiltin}, {"ri", T::kNameBuiltin}, {"rjb", T::kNameBuiltin}, {"rm", T::kNameBuiltin},
    {"rmdir", T::kNameBuiltin}, {"rmo", T::kNameBuiltin}, {"rni", T::kNameBuiltin}, {"rnp", T::kNameBuiltin},
    {"rp", T::kNameBuiltin}, {"rsn", T::kNameBuiltin}, {"rsnp", T::kNameBuiltin}, {"rujb", T::kNameBuiltin},
    {"rv", T::kNameBuiltin}, {"rvpa", T::kNameBuiltin}, {"rwmi", T::kNameBuiltin}, {"sajb", T::kNameBuiltin},
    {"sal", T::kNameBuiltin}, {"saps", T::kNameBuiltin}, {"sasv", T::kNameBuiltin}, {"sbp", T::kNameBuiltin},
    {"sc", T::kNameBuiltin}, {"select", T::kNameBuiltin}, {"set", T::kNameBuiltin}, {"shcm", T::kNameBuiltin},
    {"si", T::kNameBuiltin}, {"sl", T::kNameBuiltin}, {"sleep", T::kNameBuiltin}, {"sls", T::kNameBuiltin},
    {"sort", T::kNameBuiltin}, {"sp", T::kNameBuiltin}, {"spjb", T::kNameBuiltin}, {"spps", T::kNameBuiltin},
    {"spsv", T::kNameBuiltin}, {"start", T::kNameBuiltin}, {"sujb", T::kNameBuiltin}, {"sv", T::kNameBuiltin},
    {"swmi", T::kNameBuiltin}, {"tee", T::kNameBuiltin}, {"trcm", T::kNameBuiltin}, {"type", T::kNameBuiltin},
    {"wget", T::kNameBuiltin}, {"where", T::kNameBuiltin}, {"wjb", T::kNameBuiltin}, {"write", T::kNameBuiltin},
};

constexpr scan::KeywordTable<64> kCommentHelp = {
    {"component", T::kStringDoc}, {"description", T::kStringDoc}, {"example", T::kStringDoc},
    {"externalhelp", T::kStringDoc}, {"forwardhelpcategory", T::kStringDoc},
    {"forwardhelptargetname", T::kStringDoc}, {"functionality", T::kStringDoc}, {"inputs", T::kStringDoc},
    {"link", T::kStringDoc}, {"notes", T::kStringDoc}, {"outputs", T::kStringDoc}, {"parameter", T::kStringDoc},
    {"remotehelprunspace", T::kStringDoc}, {"role", T::kStringDoc}, {"synopsis", T::kStringDoc},
};


char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool word_char(char c) { return scan::is_ident_char(c); }

// Looks the lower-cased s[i, e) up in `table`.
template <std::size_t N>
bool has(const scan::KeywordTable<N>& table, std::string_view s, std::size_t i, std::size_t e) {
  char buf[48];
  if (e - i > sizeof buf || e <= i) return false;
  for (std::size_t k = i; k < e; ++k) buf[k - i] = lower(s[k]);
  return table.contains(std::string_view(buf, e - i));
}

class PowerShellLexer {
 public:
  PowerShellLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }
  bool line_start(std::size_t i) const {
    std::size_t k = i;
    while (k > 0 && scan::is_blank(s_[k - 1])) --k;
    return k == 0 || s_[k - 1] == '\n';
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (c == '(') {
      out_.push(T::kPunctuation, i + 1);
      ++depth_;
      return i + 1;
    }
    if (c == ')' && depth_ > 0) {
      out_.push(T::kPunctuation, i + 1);
      --depth_;
      return i + 1;
    }
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (c == '#') {
      std::size_t le = scan::line_end(s_, i);
      if (line_start(i)) {
        // ^\s*#[#\s]* .keyword rest-of-line
        std::size_t k = i;
        while (k < le && (s_[k] == '#' || scan::is_blank(s_[k]))) ++k;
        if (at(k) == '.') {
          std::size_t w = k + 1;
          while (w < le && scan::is_alpha(s_[w])) ++w;
          if (has(kCommentHelp, s_, k + 1, w)) {
            out_.push(T::kComment, k);
            out_.push(T::kStringDoc, w);
            out_.push(T::kComment, le);
            return le;
          }
        }
      }
      out_.push(T::kComment, le);
      return le;
    }
    if (c == '<' && at(i + 1) == '#') return block_comment(i);
    if (c == '@' && at(i + 1) == '"' && at(i + 2) == '\n') return heredoc(i);
    if (c == '@' && at(i + 1) == '\'' && at(i + 2) == '\n') {
      std::size_t close = scan::find(s_, "\n'@", i + 3, heredoc_miss_);
      if (close != std::string_view::npos) {
        out_.push(T::kStringHeredoc, close + 3);
        return close + 3;
      }
    }
    if (c == '`' && at(i + 1) != '\0' && std::string_view("'\"$@-").find(at(i + 1)) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 2);
      return i + 2;
    }
    if (c == '"') {
      out_.push(T::kStringDouble, i + 1);
      return string(i + 1);
    }
    if (c == '\'') {
      std::size_t j = i + 1;
      while (j < s_.size()) {
        if (s_[j] == '\'') {
          if (at(j + 1) == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      if (j < s_.size()) {
        out_.push(T::kStringSingle, j + 1);
        return j + 1;
      }
    }
    if (c == '$' || c == '@') {
      std::size_t k = c == '@' && at(i + 1) == '@' ? i + 2 : i + 1;
      for (std::string_view scope : {"global:", "script:", "private:", "env:"}) {
        bool match = true;
        for (std::size_t m = 0; m < scope.size(); ++m) match = match && lower(at(k + m)) == scope[m];
        if (match && word_char(at(k + scope.size()))) {
          k += scope.size();
          break;
        }
      }
      if (word_char(at(k))) {
        std::size_t e = k;
        while (word_char(at(e))) ++e;
        out_.push(T::kNameVariable, e);
        return e;
      }
    }
    if (word_char(c)) {
      std::size_t e = i;
      while (word_char(at(e))) ++e;
      if (has(kKeywords, s_, i, e)) {
        out_.push(T::kKeyword, e);
        return e;
      }
      if (at(e) == '-' && has(kVerbs, s_, i, e) && (scan::is_alpha(at(e + 1)) || at(e + 1) == '_')) {
        std::size_t n = e + 1;
        while (word_char(at(n))) ++n;
        out_.push(T::kNameBuiltin, n);
        return n;
      }
      if (scan::is_space(at(e)) && has(kAliases, s_, i, e)) {
        out_.push(T::kNameBuiltin, e + 1);
        return e + 1;
      }
      out_.push(T::kName, e);
      return e;
    }
    if (c == '-' && (scan::is_alpha(at(i + 1)) || at(i + 1) == '_')) {
      std::size_t e = i + 1;
      while (word_char(at(e))) ++e;
      out_.push(has(kOperators, s_, i + 1, e) ? T::kOperator : T::kName, e);
      return e;
    }
    if (c == '[' && (scan::is_alpha(at(i + 1)) || at(i + 1) == '_' || at(i + 1) == '[') && !type_miss_.covers(i)) {
      std::size_t e = i + 1;
      while (e < s_.size() && (word_char(s_[e]) || std::string_view(". `,[]").find(s_[e]) != std::string_view::npos)) ++e;
      const std::size_t run_end = e;
      // The class is greedy and may have eaten the closing bracket.
      while (e > i + 1 && s_[e - 1] != ']') --e;
      if (e > i + 1) {
        out_.push(T::kNameConstant, e);
        return e;
      }
      type_miss_.record(i, run_end);
    }
    if (std::string_view(".,;:@{}[]$()=+*/\\&%!~?^`|<>-").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t block_comment(std::size_t i) {
    std::size_t j = i + 2;
    out_.push(T::kCommentMultiline, j);
    while (j < s_.size()) {
      if (scan::at(s_, j, "#>")) {
        out_.push(T::kCommentMultiline, j + 2);
        return j + 2;
      }
      if (s_[j] == '.') {
        std::size_t w = j + 1;
        while (w < s_.size() && scan::is_alpha(s_[w])) ++w;
        // (?:a|b...) without \b: the longest help keyword that prefixes the word.
        std::size_t best = 0;
        for (std::size_t end = w; end > j + 1; --end) {
          if (has(kCommentHelp, s_, j + 1, end)) {
            best = end;
            break;
          }
        }
        if (best) {
          out_.push(T::kStringDoc, j = best);
          continue;
        }
      }
      out_.push(T::kCommentMultiline, ++j);
    }
    return j;
  }

  std::size_t string(std::size_t j) {
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '`' && at(j + 1) != '\0' && std::string_view("0abfnrtv'\"$`").find(at(j + 1)) != std::string_view::npos) {
        out_.push(T::kStringEscape, j += 2);
        continue;
      }
      if (c == '$' && at(j + 1) == '(') {
        out_.push(T::kPunctuation, j + 2);
        j = subexpression(j + 2);
        continue;
      }
      if (c == '"') {
        if (at(j + 1) == '"') {
          out_.push(T::kStringDouble, j += 2);
          continue;
        }
        out_.push(T::kStringDouble, j + 1);
        return j + 1;
      }
      out_.push(T::kStringDouble, ++j);
    }
    return j;
  }

  // $( ... ) inside a string: root rules until the matching ')'.
  std::size_t subexpression(std::size_t j) {
    if (nesting_ >= kMaxNesting) return j;
    ++nesting_;
    int saved = depth_;
    depth_ = 1;
    while (j < s_.size() && depth_ > 0) {
      std::size_t e = token(j);
      j = e > j ? e : scan::next_char(s_, j);
    }
    depth_ = saved;
    --nesting_;
    return j;
  }

  std::size_t heredoc(std::size_t i) {
    std::size_t j = i + 3;
    out_.push(T::kStringHeredoc, j);
    while (j < s_.size()) {
      if (scan::at(s_, j, "\n\"@")) {
        out_.push(T::kStringHeredoc, j + 3);
        return j + 3;
      }
      if (s_[j] == '$' && at(j + 1) == '(') {
        out_.push(T::kPunctuation, j + 2);
        j = subexpression(j + 2);
        continue;
      }
      out_.push(T::kStringHeredoc, ++j);
    }
    return j;
  }

  static constexpr int kMaxNesting = 16;

  std::string_view s_;
  TokenSink& out_;
  int depth_ = 0;
  int nesting_ = 0;
  scan::Miss heredoc_miss_;
  scan::Miss type_miss_;  // a "[name" run without a closing ']'
};

}  // namespace

void lex_powershell(std::string_view code, TokenSink& out) { PowerShellLexer(code, out).run(); }

}  // namespace bengal::highlight
