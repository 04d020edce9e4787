// GraphQL (queries and SDL). Debian 12's Pygments has no GraphQL lexer, so
// the classes follow Pygments' later GraphQLLexer where it has one and the
// usual conventions elsewhere: keywords, $variables, @directives, type names
// as classes (built-in scalars as builtins), operation and fragment names as
// functions, argument and field-definition names before ':' as attributes.
#include <algorithm>

#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<64> kKeywords = {
    {"query", T::kKeyword}, {"mutation", T::kKeyword}, {"subscription", T::kKeyword}, {"fragment", T::kKeyword},
    {"on", T::kKeyword}, {"type", T::kKeyword}, {"interface", T::kKeyword}, {"enum", T::kKeyword},
    {"input", T::kKeyword}, {"union", T::kKeyword}, {"scalar", T::kKeyword}, {"schema", T::kKeyword},
    {"extend", T::kKeyword}, {"implements", T::kKeyword}, {"directive", T::kKeyword},
    {"repeatable", T::kKeyword}, {"true", T::kKeywordConstant}, {"false", T::kKeywordConstant},
    {"null", T::kKeywordConstant}, {"Int", T::kNameBuiltin}, {"Float", T::kNameBuiltin},
    {"String", T::kNameBuiltin}, {"Boolean", T::kNameBuiltin}, {"ID", T::kNameBuiltin},
};

bool name_start(char c) { return scan::is_alpha(c) || c == '_'; }
std::size_t name_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (scan::is_alpha(s[i]) || scan::is_digit(s[i]) || s[i] == '_')) ++i;
  return i;
}

}  // namespace

void lex_graphql(std::string_view s, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  std::size_t i = 0;
  // The keyword that was just read decides what the next name is.
  enum class Next : std::uint8_t { kAny, kDefinitionName, kTypeName } next = Next::kAny;
  int parens = 0;
  int braces = 0;
  int sdl_braces = -1;        // brace depth of the type definition body we are in, or -1
  bool pending_sdl = false;   // a type/interface/input/schema header awaits its '{'
  bool after_variable = false;  // "$id:" in a variable definition is followed by a type
  while (i < s.size()) {
    char c = s[i];
    if (scan::is_space(c) || c == ',') {
      std::size_t e = i;
      while (e < s.size() && (scan::is_space(s[e]) || s[e] == ',')) ++e;
      // Commas are insignificant in GraphQL; keep them as punctuation.
      for (std::size_t k = i; k < e; ++k) out.push(s[k] == ',' ? T::kPunctuation : T::kText, k + 1);
      i = e;
      continue;
    }
    if (c == '#') {
      out.push(T::kCommentSingle, i = scan::line_end(s, i));
      continue;
    }
    if (c == '"') {
      bool block = scan::at(s, i, "\"\"\"");
      std::size_t j = i + (block ? 3 : 1);
      while (j < s.size()) {
        if (block ? scan::at(s, j, "\"\"\"") : s[j] == '"') break;
        if (!block && s[j] == '\n') break;
        if (s[j] == '\\' && j + 1 < s.size()) {
          out.push(T::kString, j);
          std::size_t e = at(j + 1) == 'u' ? std::min(j + 6, s.size()) : j + 2;
          out.push(T::kStringEscape, j = e);
          continue;
        }
        ++j;
      }
      std::size_t e = j < s.size() && s[j] == '"' ? j + (block ? 3 : 1) : j;
      out.push(block ? T::kStringDoc : T::kString, i = std::min(e, s.size()));
      continue;
    }
    const bool variable_before = after_variable;
    after_variable = false;
    if (c == '$' && name_start(at(i + 1))) {
      out.push(T::kNameVariable, i = name_end(s, i + 1));
      after_variable = true;
      continue;
    }
    if (c == '@' && name_start(at(i + 1))) {
      out.push(T::kNameDecorator, i = name_end(s, i + 1));
      continue;
    }
    if (scan::is_digit(c) || (c == '-' && scan::is_digit(at(i + 1)))) {
      std::size_t e = i + 1;
      while (scan::is_digit(at(e))) ++e;
      bool is_float = false;
      if (at(e) == '.' && scan::is_digit(at(e + 1))) {
        e += 2;
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
      out.push(is_float ? T::kNumberFloat : T::kNumberInteger, i = e);
      continue;
    }
    if (name_start(c)) {
      std::size_t e = name_end(s, i);
      std::string_view w = s.substr(i, e - i);
      T t = kKeywords.find(w, T::kText);
      std::size_t k = e;
      while (k < s.size() && scan::is_blank(s[k])) ++k;
      const bool before_colon = at(k) == ':';
      if (next == Next::kDefinitionName) {
        t = T::kNameFunction;
        next = Next::kAny;
      } else if (next == Next::kTypeName && t != T::kKeyword) {
        if (t == T::kText) t = T::kNameClass;
        next = Next::kAny;
      } else if (t == T::kKeyword) {
        if (w == "query" || w == "mutation" || w == "subscription" || w == "fragment") next = Next::kDefinitionName;
        else if (w == "on" || w == "implements" || w == "type" || w == "interface" || w == "enum" || w == "input" ||
                 w == "union" || w == "scalar") next = Next::kTypeName;
        if (w == "type" || w == "interface" || w == "input" || w == "schema") pending_sdl = true;
        if (before_colon) {
          t = parens > 0 ? T::kNameAttribute : T::kName;  // a field called "type" or "input"
          next = Next::kAny;
          pending_sdl = false;
        }
      } else if (t == T::kText) {
        if (before_colon) t = parens > 0 ? T::kNameAttribute : T::kName;
        else if (w[0] >= 'A' && w[0] <= 'Z') {
          bool all_caps = true;
          for (char ch : w) all_caps = all_caps && !(ch >= 'a' && ch <= 'z');
          t = all_caps ? T::kNameConstant : T::kNameClass;
        } else {
          t = T::kName;
        }
      }
      out.push(t, i = e);
      continue;
    }
    if (scan::at(s, i, "...")) {
      out.push(T::kPunctuation, i += 3);
      continue;
    }
    if (c == '(') ++parens;
    if (c == ')' && parens > 0) --parens;
    if (c == ':' || c == '=' || c == '!' || c == '|' || c == '&') {
      // A type follows the colon in definitions and variable declarations;
      // an argument value or an aliased field name follows it elsewhere.
      if (c == ':') next = sdl_braces >= 0 || variable_before ? Next::kTypeName : Next::kAny;
      out.push(c == '!' || c == '|' || c == '&' || c == '=' ? T::kOperator : T::kPunctuation, ++i);
      continue;
    }
    if (std::string_view("{}()[]").find(c) != std::string_view::npos) {
      if (c == '{' || c == '}') next = Next::kAny;
      if (c == '{') {
        ++braces;
        if (pending_sdl && sdl_braces < 0) sdl_braces = braces;
        pending_sdl = false;
      } else if (c == '}') {
        if (braces == sdl_braces) sdl_braces = -1;
        if (braces > 0) --braces;
      }
      out.push(T::kPunctuation, ++i);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight
