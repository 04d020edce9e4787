// Robustness of every built-in lexer: whatever the input (unclosed strings and
// comments, binary garbage, one huge line), lexing terminates and the tokens
// cover the input exactly, never splitting a UTF-8 character.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/text.h"
#include "highlight/highlight.h"

namespace bengal::highlight {
namespace {

// Openers that never close, and other shapes that trip lexers up.
const std::vector<std::string>& nasty_patterns() {
  static const std::vector<std::string> patterns = {
      "/*", "<!--", "{-", "--[[", "[[", "\"\\", "'\\", "`", "<<EOF\n", "<?", "<!", "<script>", "<style>", "#{",
      "${", "$(", "$((", "\"\"\"", "'''", "=begin\n", "=pod\n", "q{", "%w[", "r#\"", "R\"(", "@\"", "s/", "m/",
      "/", "<", "&", "{{", "\\", "\"", "'", "f\"{", "<<<A\n", "\"#{", "`${", "s\"${", "\\(", "(", "{", "[", "\n    ",
      "a:\n", "- ", "|\n", "<a ", "x=", "#if 0\n", "#\n", "/**", "@{", "$x:", "0x", "1e", ".", "-", "*", ":", "@",
      "?", "<#", "@'\n", "s{", "%r{", "?\\", "class ", "def ", "fn ", "func ", "import ", "from ", "{a[", "\\N{",
      "a b(", "[a", "```x\n", "sub a ", "@availability(", "'[", "f\"{a[", "%{", "\"\\\"", "(*", "\xC3\xA9\"",
  };
  return patterns;
}

// Checks the lexer's spans for `code`: contiguous, covering it, merged, and
// (for valid UTF-8 input) starting on character boundaries.
void expect_well_formed(const Lexer& lexer, std::string_view code, const std::string& what) {
  std::vector<TokenSpan> spans = tokenize(lexer, code);
  if (code.empty()) {
    EXPECT_TRUE(spans.empty()) << lexer.name << " " << what;
    return;
  }
  ASSERT_FALSE(spans.empty()) << lexer.name << " " << what;
  EXPECT_EQ(spans.front().begin, 0u) << lexer.name << " " << what;
  EXPECT_EQ(spans.back().end, code.size()) << lexer.name << " " << what;
  const bool utf8 = is_valid_utf8(code);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    ASSERT_LT(spans[i].begin, spans[i].end) << lexer.name << " " << what;
    if (i > 0) {
      ASSERT_EQ(spans[i].begin, spans[i - 1].end) << lexer.name << " " << what;
      ASSERT_NE(spans[i].token, spans[i - 1].token) << lexer.name << " " << what;
    }
    if (utf8) {
      ASSERT_NE(static_cast<unsigned char>(code[spans[i].begin]) & 0xC0, 0x80) << lexer.name << " " << what;
    }
  }
}

TEST(Lexers, HandleEmptyInput) {
  for (const Lexer& lexer : builtin_lexers()) expect_well_formed(lexer, "", "empty");
}

TEST(Lexers, TerminateAndCoverInputMadeOfUnclosedConstructs) {
  for (const Lexer& lexer : builtin_lexers()) {
    for (const std::string& p : nasty_patterns()) {
      std::string code;
      while (code.size() < 4096) code += p;
      expect_well_formed(lexer, code, "pattern '" + p + "'");
      expect_well_formed(lexer, p, "single '" + p + "'");
    }
  }
}

TEST(Lexers, TerminateAndCoverRandomBytes) {
  std::mt19937 rng(12345);
  for (const Lexer& lexer : builtin_lexers()) {
    for (int round = 0; round < 4; ++round) {
      std::string code(2048, '\0');
      for (char& c : code) c = static_cast<char>(rng() & 0xFF);
      expect_well_formed(lexer, code, "random bytes");
    }
  }
}

TEST(Lexers, TerminateAndCoverRandomCodeLikeText) {
  // Random mixes of the characters code is made of, plus multibyte letters.
  static const std::vector<std::string> alphabet = {
      "a", "Z", "_", "0", "9", " ", "\n", "\t", "\"", "'", "`", "\\", "/", "*", "#", "$", "@", "%", "{", "}", "(",
      ")", "[", "]", "<", ">", "=", ":", ";", ",", ".", "-", "+", "!", "?", "|", "&", "~", "^", "\xC3\xA9",
      "\xF0\x9F\x90\x88", "if", "def", "class", "fn", "<?php", "{%", "${", "#{", "\"\"\"", "*/", "-->"};
  std::mt19937 rng(777);
  for (const Lexer& lexer : builtin_lexers()) {
    for (int round = 0; round < 8; ++round) {
      std::string code;
      while (code.size() < 3000) code += alphabet[rng() % alphabet.size()];
      expect_well_formed(lexer, code, "random code-like text");
    }
  }
}

TEST(Lexers, HandleOneHugeLine) {
  std::string code;
  const std::string chunk = "x = f(\"a\\\"b\", 'c', [1, 2.5e3, 0x1F]) /* c */ // d # e {{ } <a> &amp; ";
  while (code.size() < (1u << 18)) code += chunk;
  for (const Lexer& lexer : builtin_lexers()) expect_well_formed(lexer, code, "256 KiB line");
}

}  // namespace
}  // namespace bengal::highlight
