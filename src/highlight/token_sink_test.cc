#include "highlight/token_sink.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bengal::highlight {
namespace {

struct Recorder : RunConsumer {
  void run(Token t, std::string_view text) override { runs.emplace_back(t, std::string(text)); }
  std::vector<std::pair<Token, std::string>> runs;
};

TEST(TokenSink, MergesAdjacentTokensOfTheSameClass) {
  Recorder r;
  std::string_view code = "abcdef";
  TokenSink sink(code, r);
  sink.push(Token::kName, 2);
  sink.push(Token::kName, 3);
  sink.push(Token::kOperator, 4);
  sink.push(Token::kName, 6);
  sink.finish();
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.runs[0], std::make_pair(Token::kName, std::string("abc")));
  EXPECT_EQ(r.runs[1], std::make_pair(Token::kOperator, std::string("d")));
  EXPECT_EQ(r.runs[2], std::make_pair(Token::kName, std::string("ef")));
}

TEST(TokenSink, IgnoresBackwardEndsClampsOverlongOnesAndCoversTheTail) {
  Recorder r;
  std::string_view code = "abcdef";
  TokenSink sink(code, r);
  sink.push(Token::kName, 3);
  sink.push(Token::kKeyword, 2);  // ignored
  sink.push(Token::kNumber, 100);  // clamped
  sink.finish();
  ASSERT_EQ(r.runs.size(), 2u);
  EXPECT_EQ(r.runs[1], std::make_pair(Token::kNumber, std::string("def")));

  Recorder tail;
  TokenSink partial(code, tail);
  partial.push(Token::kName, 2);
  partial.finish();
  ASSERT_EQ(tail.runs.size(), 2u);
  EXPECT_EQ(tail.runs[1], std::make_pair(Token::kText, std::string("cdef")));
}

TEST(TokenSink, NeverSplitsAUtf8Sequence) {
  Recorder r;
  std::string code = "a\xC3\xA9z";  // a é z
  TokenSink sink(code, r);
  sink.push(Token::kName, 2);  // inside é: moved past it
  sink.push(Token::kOperator, 4);
  sink.finish();
  ASSERT_EQ(r.runs.size(), 2u);
  EXPECT_EQ(r.runs[0].second, "a\xC3\xA9");
  EXPECT_EQ(r.runs[1].second, "z");
}

TEST(TokenSink, EmbedShiftsOffsetsForALexedSlice) {
  Recorder r;
  std::string_view code = "$ ls -l";
  TokenSink sink(code, r);
  sink.push(Token::kGenericPrompt, 2);
  {
    TokenSink::Embed embed(sink, 2);
    sink.push(Token::kName, 2);  // "ls" in the slice
  }
  sink.push(Token::kText, 7);
  sink.finish();
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.runs[1], std::make_pair(Token::kName, std::string("ls")));
  EXPECT_EQ(r.runs[2].second, " -l");
}

}  // namespace
}  // namespace bengal::highlight
