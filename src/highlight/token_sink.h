// TokenSink: where a lexer puts its tokens.
//
// A lexer walks its input left to right and calls push(token, end) with the
// end offset of each token; a token starts where the previous one ended, so
// the tokens always cover the input exactly, whatever a lexer does. The sink
// merges adjacent tokens of the same class into one run and hands each run to
// a RunConsumer (the HTML writer, or a recorder in tests). Ends that fall
// inside a UTF-8 sequence are moved past it, so runs never split a character.
//
// Embedded languages (a shell command after a prompt, CSS inside <style>)
// are lexed by calling another lexer on a slice: Embed shifts the offsets.
//
// Thread-safety: one sink per call, on the caller's stack; not shared.
#pragma once

#include <cstddef>
#include <string_view>

#include "highlight/token.h"

namespace bengal::highlight {

class RunConsumer {
 public:
  virtual ~RunConsumer() = default;
  // A maximal run of `text` with one token class; never empty.
  virtual void run(Token token, std::string_view text) = 0;
};

class TokenSink {
 public:
  TokenSink(std::string_view code, RunConsumer& consumer) : code_(code), consumer_(consumer) {}
  TokenSink(const TokenSink&) = delete;
  TokenSink& operator=(const TokenSink&) = delete;

  // The token ends at `end` (relative to the slice being lexed). Ends at or
  // before the current position are ignored.
  void push(Token token, std::size_t end) {
    end += base_;
    if (end <= pos_) return;
    if (end > code_.size()) end = code_.size();
    while (end < code_.size() && (static_cast<unsigned char>(code_[end]) & 0xC0) == 0x80) ++end;
    if (token != current_) {
      if (pos_ > start_) consumer_.run(current_, code_.substr(start_, pos_ - start_));
      current_ = token;
      start_ = pos_;
    }
    pos_ = end;
  }

  // Flushes the last run, covering any tail a lexer left as plain text.
  void finish() {
    push(Token::kText, code_.size() - base_);
    if (pos_ > start_) consumer_.run(current_, code_.substr(start_, pos_ - start_));
    start_ = pos_;
  }

  // Lexes a slice starting at `offset` (relative to the current slice).
  class Embed {
   public:
    Embed(TokenSink& sink, std::size_t offset) : sink_(sink), saved_(sink.base_) { sink.base_ += offset; }
    ~Embed() { sink_.base_ = saved_; }
    Embed(const Embed&) = delete;
    Embed& operator=(const Embed&) = delete;

   private:
    TokenSink& sink_;
    std::size_t saved_;
  };

 private:
  std::string_view code_;
  RunConsumer& consumer_;
  std::size_t base_ = 0;
  std::size_t start_ = 0;  // start of the pending run
  std::size_t pos_ = 0;    // end of the pending run
  Token current_ = Token::kText;
};

}  // namespace bengal::highlight
