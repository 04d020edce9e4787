// Dockerfile, following Pygments' DockerLexer: instructions are keywords,
// shell commands are lexed as Bash and exec-form arrays as JSON.
#include "highlight/lexer.h"
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

bool word_is(std::string_view s, std::size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if ((s[i + k] | 0x20) != (word[k] | 0x20)) return false;
  }
  return true;
}

// Which instruction starts at i (case-insensitive), or empty.
std::string_view instruction(std::string_view s, std::size_t i) {
  static constexpr std::string_view kAll[] = {"HEALTHCHECK", "MAINTAINER", "ENTRYPOINT", "STOPSIGNAL", "ONBUILD",
                                              "WORKDIR", "EXPOSE", "VOLUME", "LABEL", "SHELL", "FROM", "USER",
                                              "COPY", "ARG", "ENV", "RUN", "CMD", "ADD"};
  for (std::string_view w : kAll) {
    if (word_is(s, i, w)) return w;
  }
  return {};
}

// _lb: \s* \\? \s*
std::size_t line_break(std::string_view s, std::size_t k) {
  k = scan::skip_spaces(s, k);
  if (k < s.size() && s[k] == '\\') k = scan::skip_spaces(s, k + 1);
  return k;
}

void embed(std::string_view s, std::size_t from, std::size_t to, LexFunction lex, TokenSink& out) {
  if (to <= from) return;
  TokenSink::Embed e(out, from);
  lex(s.substr(from, to - from), out);
}

// (.*\\\n)*.+ : the rest of a logical line, continuation lines included.
std::size_t logical_line_end(std::string_view s, std::size_t i) {
  std::size_t e = scan::line_end(s, i);
  while (e < s.size() && e > i && s[e - 1] == '\\') e = scan::line_end(s, e + 1);
  return e;
}

}  // namespace

void lex_dockerfile(std::string_view s, TokenSink& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      out.push(T::kText, ++i);
      continue;
    }
    if (c == '#') {
      out.push(T::kComment, i = scan::line_end(s, i));
      continue;
    }
    std::string_view ins = instruction(s, i);
    std::size_t k = i + ins.size();
    if (!ins.empty() && k < s.size() && scan::is_ident_char(s[k])) ins = {};
    if (ins == "FROM") {
      out.push(T::kKeyword, k);
      std::size_t a = scan::skip_blanks(s, k);
      out.push(T::kText, a);
      std::size_t b = a;
      while (b < s.size() && !scan::is_space(s[b])) ++b;
      out.push(T::kString, b);
      std::size_t c2 = scan::skip_blanks(s, b);
      if (word_is(s, c2, "AS")) {
        out.push(T::kText, c2);
        out.push(T::kKeyword, c2 + 2);
        std::size_t d = scan::skip_blanks(s, c2 + 2);
        out.push(T::kText, d);
        std::size_t e = d;
        while (e < s.size() && !scan::is_space(s[e])) ++e;
        out.push(T::kString, i = e);
      } else {
        out.push(T::kText, i = c2);
      }
      continue;
    }
    if (ins == "ONBUILD" && k < s.size() && scan::is_space(s[k])) {
      out.push(T::kKeyword, k);
      std::size_t e = line_break(s, k);
      embed(s, k, e, &lex_bash, out);
      i = e;
      continue;
    }
    if ((ins == "HEALTHCHECK" || ins == "LABEL" || ins == "ENV" || ins == "ARG") && k < s.size() &&
        scan::is_space(s[k])) {
      std::size_t ws = scan::skip_spaces(s, k);
      // (lb --\w+=\w+ lb)* for HEALTHCHECK, (lb \w+=\w+ lb)* for the others.
      std::size_t e = ws;
      for (;;) {
        std::size_t p = line_break(s, e);
        if (ins == "HEALTHCHECK") {
          if (!scan::at(s, p, "--")) break;
          p += 2;
        }
        std::size_t w = p;
        while (w < s.size() && scan::is_ident_char(s[w])) ++w;
        if (w == p || w >= s.size() || s[w] != '=') break;
        std::size_t v = w + 1;
        while (v < s.size() && scan::is_ident_char(s[v])) ++v;
        if (v == w + 1) break;
        e = line_break(s, v);
      }
      out.push(T::kKeyword, k);
      out.push(T::kText, ws);
      embed(s, ws, e, &lex_bash, out);
      i = e > ws ? e : ws;
      continue;
    }
    if ((ins == "VOLUME" || ins == "ENTRYPOINT" || ins == "CMD" || ins == "SHELL") && k < s.size() &&
        scan::is_space(s[k])) {
      std::size_t b = line_break(s, scan::skip_spaces(s, k));
      std::size_t close = s.substr(0, scan::line_end(s, b)).find(']', b);
      if (b < s.size() && s[b] == '[' && close != std::string_view::npos) {
        std::size_t ws = scan::skip_spaces(s, k);
        out.push(T::kKeyword, k);
        out.push(T::kText, ws);
        embed(s, ws, b, &lex_bash, out);
        embed(s, b, close + 1, &lex_json, out);
        i = close + 1;
        continue;
      }
    }
    if ((ins == "MAINTAINER" || ins == "EXPOSE" || ins == "WORKDIR" || ins == "USER" || ins == "STOPSIGNAL" ||
         ins == "VOLUME") &&
        k < s.size() && scan::is_space(s[k])) {
      out.push(T::kKeyword, k);
      std::size_t v = scan::skip_spaces(s, k);
      out.push(T::kText, v);
      out.push(T::kString, i = scan::line_end(s, v));
      continue;
    }
    if ((ins == "RUN" || ins == "CMD" || ins == "ENTRYPOINT" || ins == "ENV" || ins == "ARG" || ins == "LABEL" ||
         ins == "ADD" || ins == "COPY") &&
        k < s.size() && scan::is_space(s[k])) {
      out.push(T::kKeyword, k);
      out.push(T::kText, i = scan::skip_spaces(s, k));
      continue;
    }
    std::size_t e = logical_line_end(s, i);
    embed(s, i, e, &lex_bash, out);
    i = e > i ? e : i + 1;
    out.push(T::kText, i);
  }
}

}  // namespace bengal::highlight
