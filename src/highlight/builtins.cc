// The table of built-in lexers and their aliases (Pygments' and Chroma's
// common names, so fences written for Hugo or MkDocs keep working).
#include <array>

#include "highlight/lexer.h"
#include "highlight/lexers.h"

namespace bengal::highlight {
namespace {

template <std::size_t N>
using Names = std::array<std::string_view, N>;

constexpr Names<4> kBash = {"sh", "shell", "zsh", "ksh"};
constexpr Names<1> kC = {"h"};
constexpr Names<4> kConsole = {"shell-session", "shellsession", "sh-session", "terminal"};
constexpr Names<5> kCpp = {"c++", "cc", "cxx", "hpp", "hxx"};
constexpr Names<2> kCsharp = {"c#", "cs"};
constexpr Names<2> kDiff = {"patch", "udiff"};
constexpr Names<1> kDockerfile = {"docker"};
constexpr Names<1> kGo = {"golang"};
constexpr Names<1> kGraphql = {"gql"};
constexpr Names<1> kHaskell = {"hs"};
constexpr Names<2> kHtml = {"htm", "xhtml"};
constexpr Names<3> kIni = {"cfg", "dosini", "editorconfig"};
constexpr Names<4> kJavascript = {"js", "mjs", "cjs", "node"};
constexpr Names<2> kJson = {"jsonc", "json-object"};
constexpr Names<2> kKotlin = {"kt", "kts"};
constexpr Names<4> kMakefile = {"make", "mf", "mk", "bsdmake"};
constexpr Names<2> kMarkdown = {"md", "mkd"};
constexpr Names<1> kNginx = {"nginxconf"};
constexpr Names<2> kPerl = {"pl", "pm"};
constexpr Names<4> kPowershell = {"ps1", "psm1", "pwsh", "posh"};
constexpr Names<2> kPycon = {"python-console", "pyrepl"};
constexpr Names<4> kPython = {"py", "python3", "py3", "pyw"};
constexpr Names<1> kR = {"splus"};
constexpr Names<1> kRuby = {"rb"};
constexpr Names<1> kRust = {"rs"};
constexpr Names<4> kSql = {"mysql", "postgresql", "postgres", "sqlite"};
constexpr Names<5> kText = {"plaintext", "plain", "txt", "none", "nohighlight"};
constexpr Names<3> kTypescript = {"ts", "mts", "cts"};
constexpr Names<6> kXml = {"xsd", "xsl", "xslt", "svg", "rss", "atom"};
constexpr Names<1> kYaml = {"yml"};

constexpr std::array kLexers = {
    Lexer{"bash", kBash, &lex_bash},
    Lexer{"c", kC, &lex_c},
    Lexer{"console", kConsole, &lex_console},
    Lexer{"cpp", kCpp, &lex_cpp},
    Lexer{"csharp", kCsharp, &lex_csharp},
    Lexer{"css", {}, &lex_css},
    Lexer{"diff", kDiff, &lex_diff},
    Lexer{"dockerfile", kDockerfile, &lex_dockerfile},
    Lexer{"go", kGo, &lex_go},
    Lexer{"graphql", kGraphql, &lex_graphql},
    Lexer{"haskell", kHaskell, &lex_haskell},
    Lexer{"html", kHtml, &lex_html},
    Lexer{"ini", kIni, &lex_ini},
    Lexer{"java", {}, &lex_java},
    Lexer{"javascript", kJavascript, &lex_javascript},
    Lexer{"json", kJson, &lex_json},
    Lexer{"jsx", {}, &lex_jsx},
    Lexer{"kotlin", kKotlin, &lex_kotlin},
    Lexer{"lua", {}, &lex_lua},
    Lexer{"makefile", kMakefile, &lex_makefile},
    Lexer{"markdown", kMarkdown, &lex_markdown},
    Lexer{"nginx", kNginx, &lex_nginx},
    Lexer{"perl", kPerl, &lex_perl},
    Lexer{"php", {}, &lex_php},
    Lexer{"powershell", kPowershell, &lex_powershell},
    Lexer{"pycon", kPycon, &lex_pycon},
    Lexer{"python", kPython, &lex_python},
    Lexer{"r", kR, &lex_r},
    Lexer{"ruby", kRuby, &lex_ruby},
    Lexer{"rust", kRust, &lex_rust},
    Lexer{"scala", {}, &lex_scala},
    Lexer{"scss", {}, &lex_scss},
    Lexer{"sql", kSql, &lex_sql},
    Lexer{"swift", {}, &lex_swift},
    Lexer{"text", kText, &lex_text},
    Lexer{"toml", {}, &lex_toml},
    Lexer{"tsx", {}, &lex_tsx},
    Lexer{"typescript", kTypescript, &lex_typescript},
    Lexer{"xml", kXml, &lex_xml},
    Lexer{"yaml", kYaml, &lex_yaml},
    Lexer{"zig", {}, &lex_zig},
};

}  // namespace

std::span<const Lexer> builtin_lexers() { return kLexers; }

const Lexer* find_builtin_lexer(std::string_view name) {
  for (const Lexer& lexer : kLexers) {
    if (lexer.name == name) return &lexer;
    for (std::string_view alias : lexer.aliases) {
      if (alias == name) return &lexer;
    }
  }
  return nullptr;
}

}  // namespace bengal::highlight
